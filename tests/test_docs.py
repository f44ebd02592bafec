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
