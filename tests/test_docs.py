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


def test_library_guide_runs_and_prints_what_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block in docs/library.md runs, in order, and prints the text block shown after it."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    monkeypatch.chdir(ROOT)
    guide = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    pieces = re.findall(r"```(python|text)\n(.*?)```", guide, re.DOTALL)
    namespace: dict[str, object] = {}
    checked = 0
    for index, (kind, body) in enumerate(pieces):
        if kind != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(body, f"docs/library.md block {index}", "exec"), namespace)  # noqa: S102 - our docs
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if following is not None and following[0] == "text" and printed.getvalue():
            assert printed.getvalue() == following[1], f"block {index} printed something else"
            checked += 1
    assert checked >= 5
