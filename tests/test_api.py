"""The public API: what `import lscp_scrutiny` offers and what it costs."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import lscp_scrutiny as ls


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert len(set(ls.__all__)) == len(ls.__all__)
    for name in ls.__all__:
        assert getattr(ls, name) is not None
    assert set(dir(ls)) >= set(ls.__all__)


def test_import_loads_neither_rich_nor_click_nor_yaml() -> None:
    code = (
        "import sys, lscp_scrutiny\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'click', 'ruamel', 'cattrs', 'pluggy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_version_and_help_load_only_click() -> None:
    code = (
        "import sys\n"
        "from lscp_scrutiny.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'ruamel', 'cattrs', 'pluggy', 'attrs'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
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


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path)
    before = path.read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(ls.WriteError) as caught:
        ls.save_assessment(ls.start_assessment(checklist, "Q", "B"), path)
    assert str(caught.value) == f"{path}: could not write: No space left on device"
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left behind


def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / ".probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("running as root: folder permissions are not enforced")
        with pytest.raises(ls.WriteError, match="Permission denied"):
            ls.save_assessment(
                ls.start_assessment(ls.get_checklist("independent-scrutiny"), "P", "A"), folder / "a.yaml"
            )
    finally:
        folder.chmod(0o700)


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
