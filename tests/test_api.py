"""The public API: what `import lscp_scrutiny` offers and what it costs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from clirunner import in_fresh_python


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert len(set(ls.__all__)) == len(ls.__all__)
    for name in ls.__all__:
        assert getattr(ls, name) is not None
    assert set(dir(ls)) >= set(ls.__all__)


def test_one_table_gives_all_dir_and_the_lazy_names() -> None:
    import ast  # noqa: PLC0415

    public = ls._PUBLIC  # noqa: SLF001 - the table itself is what is tested
    assert ls.__all__ == ["__version__", *sorted(public)]
    assert dir(ls) == sorted(ls.__all__)  # only public names, not the modules or helpers of the package
    tree = ast.parse(Path(ls.__file__).read_text(encoding="utf-8"))
    [block] = [node for node in tree.body if isinstance(node, ast.If)]  # if TYPE_CHECKING:
    typed = {
        alias.asname or alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert (
        typed == public
    )  # the names type checkers see are the names the loader gives, from the same modules
    for name, module in public.items():
        assert getattr(ls, name) is getattr(__import__(module, fromlist=[name]), name)


def test_import_loads_neither_rich_nor_click_nor_yaml() -> None:
    code = (
        "import sys, lscp_scrutiny\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'click', 'ruamel', 'cattrs', 'pluggy'}))"
    )
    out = in_fresh_python(code)
    assert out.strip() == "[]"


def test_version_and_help_load_only_click() -> None:
    code = (
        "import sys\n"
        "from lscp_scrutiny.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'ruamel', 'cattrs', 'pluggy', 'attrs'}))"
    )
    out = in_fresh_python(code)
    assert out.strip().splitlines()[-1] == "[]"


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = ls.no_such_name


def test_the_readme_workflow(tmp_path: Path) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    assessment = ls.start_assessment(
        checklist, "Northshire SCP", "A. Scrutineer", assessed_on=date(2026, 10, 1)
    )
    assessment = ls.rate(
        assessment,
        checklist,
        "who.published-model",
        "met",
        evidence=[ls.Evidence(kind="document", reference="Published arrangements, section 4")],
    )
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    assert (summary.overall.points, summary.overall.max_points) == (2, 2)
    path = tmp_path / "assessment.yaml"
    ls.save_assessment(assessment, path)
    assert ls.load_assessment(path) == assessment


def test_rate_rejects_unknown_criteria_and_levels() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    assessment = ls.start_assessment(checklist, "P", "A")
    with pytest.raises(ls.InvalidInputError, match=r"has no criterion 'who\.nope'"):
        ls.rate(assessment, checklist, "who.nope", "met")
    with pytest.raises(ls.InvalidInputError, match=r"'excellent' is not on the scale met-partly-not"):
        ls.rate(assessment, checklist, "who.published-model", "excellent")


def test_rerating_drops_a_not_applicable_justification(checklist: ls.Checklist) -> None:
    assessment = ls.start_assessment(checklist, "P", "A")
    assessment = ls.rate(assessment, checklist, "who.published-model", ls.NOT_APPLICABLE, justification="No")
    assessment = ls.rate(assessment, checklist, "who.published-model", "met")
    assert assessment.response("who.published-model").justification is None


def test_library_refuses_wrong_types_at_once(checklist: ls.Checklist) -> None:
    assessment = ls.start_assessment(checklist, "P", "A")
    with pytest.raises(TypeError, match="expected a list, got str 'doc'"):
        ls.rate(assessment, checklist, "who.published-model", "met", evidence="doc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"evidence\[0\] must be Evidence, got str"):
        ls.Response(criterion="who.published-model", evidence=["doc"])
    with pytest.raises(TypeError, match="reference must be text, got int 5"):
        ls.Evidence(kind="document", reference=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be text, got NoneType"):
        ls.Partnership(name=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown file format 'toml'"):
        ls.loads_assessment("x: 1", "toml")  # type: ignore[arg-type]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old")
    path.chmod(0o600)
    ls.save_assessment(ls.start_assessment(ls.get_checklist("independent-scrutiny"), "P", "A"), path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_no_public_name_is_shadowed_by_a_submodule() -> None:
    # Importing a submodule sets it as an attribute of the package; a public name with the same spelling
    # would then turn into a module. Import them all and look.
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415
    import types  # noqa: PLC0415

    for module in pkgutil.walk_packages(ls.__path__, "lscp_scrutiny."):
        if module.name != "lscp_scrutiny.__main__":
            importlib.import_module(module.name)
    shadowed = [name for name in ls.__all__ if isinstance(getattr(ls, name), types.ModuleType)]
    assert shadowed == []
