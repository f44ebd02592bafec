"""Documentation that cannot drift: every hook documented and tested, and generated pages current."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from lscp_scrutiny import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(
    name
    for name, function in vars(hookspecs).items()
    if name.startswith("lscp_scrutiny_") and callable(function) and hasattr(function, "lscp_scrutiny_spec")
)


def test_there_are_hooks() -> None:
    assert len(HOOKS) == 6


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook: str) -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    arguments = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert f"### `{hook}({arguments})`" in guide
    assert getattr(hookspecs, hook).__doc__, "the hook spec needs a docstring"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    tests = (ROOT / "tests" / "test_plugins.py").read_text(encoding="utf-8")
    assert re.search(rf"^def test_hook_{hook}\(", tests, re.MULTILINE), f"write test_hook_{hook}"


def test_documented_hooks_all_exist() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^### `(lscp_scrutiny_\w+)\(", guide, re.MULTILINE)) == HOOKS


RUNNABLE = ["library.md", "getting-started.md", "how-to.md", "migrating.md", "section-11.md"]
"""Pages whose ```python blocks are executed, in order, by the tests (see CONTRIBUTING.md)."""


@pytest.mark.parametrize("page", RUNNABLE)
def test_runnable_pages_run_and_print_what_they_show(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the page runs, in order, and prints the text block shown after it."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    monkeypatch.chdir(ROOT)
    guide = (ROOT / "docs" / page).read_text(encoding="utf-8")
    pieces = re.findall(r"```(python|text|sh|console|yaml)\n(.*?)```", guide, re.DOTALL)
    namespace: dict[str, object] = {}
    checked = 0
    for index, (kind, body) in enumerate(pieces):
        if kind != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(body, f"docs/{page} block {index}", "exec"), namespace)  # noqa: S102 - our docs
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if following is not None and following[0] == "text" and printed.getvalue():
            assert printed.getvalue() == following[1], f"block {index} printed something else"
            checked += 1
    assert checked >= (5 if page == "library.md" else 0)


def test_generated_pages_are_current() -> None:
    """The checklist reference, CLI reference, schemas and terminal picture match the code."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_internal_links_resolve() -> None:
    """Every relative link in README, CHANGELOG, CONTRIBUTING and docs/ points at a file (and heading) that exists."""
    pages = [
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
        ROOT / "CONTRIBUTING.md",
        *sorted((ROOT / "docs").rglob("*.md")),
    ]
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
                broken.append(f"{page.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def _anchors(page: Path) -> set[str]:
    """Heading anchors as MkDocs (and GitHub) make them, roughly: lower case, punctuation dropped."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")
        found.add(slug)
        found.add(re.sub(r"-+", "-", slug))
    return found


def test_the_docs_install_no_extra_that_adds_nothing() -> None:
    """An extra kept only for old instructions (``xlsx``, now empty) is never what the docs tell people."""
    import tomllib  # noqa: PLC0415

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    told = {
        (page.relative_to(ROOT).as_posix(), name)
        for page in pages
        for name in re.findall(r"pip install [^\n`]*?\.\[([a-z0-9_-]+)\]", page.read_text(encoding="utf-8"))
    }
    assert told, "the docs name no extra at all: this test looks for the wrong thing"
    stale = sorted((page, name) for page, name in told if not extras.get(name))
    assert not stale, f"pages tell people to install extras that add nothing or do not exist: {stale}"
