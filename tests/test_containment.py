"""Plugin code runs in one place, under one time limit, whoever calls it: the CLI or a library user."""

from __future__ import annotations

import sys
import textwrap
from datetime import date
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.plugins import get_plugin_manager
from lscp_scrutiny.plugins.contain import hook_timeout
from lscp_scrutiny.testing import fully_rated, registry_with

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "northshire-2026.yaml"


def _plugin(**hooks: object) -> SimpleNamespace:
    """A plugin object with these hook functions, each marked with ``@hookimpl``."""
    plugin = SimpleNamespace(__name__="test_plugin")
    for name, function in hooks.items():
        setattr(plugin, name, ls.hookimpl(function))  # type: ignore[call-overload]
    return plugin


def _sleeping_rule(seconds: float) -> ls.ValidationRule:
    def check(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        import time  # noqa: PLC0415

        time.sleep(seconds)
        return []

    return ls.ValidationRule(id="sleepy", description="Sleeps.", check=check)


def test_a_registered_rule_that_hangs_becomes_a_flag_after_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_sleeping_rule(10**6)]))
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(
        fully_rated(checklist), checklist, as_of=date(2026, 1, 1), rules=registry.rules_for(checklist)
    )
    [flag] = [f for f in summary.flags if f.rule == "sleepy"]
    assert flag.message == "validation rule sleepy did not finish within 0.2 s; its findings are missing"


def test_validate_finishes_when_a_plugin_rule_hangs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_sleeping_rule(10**6)]))
    monkeypatch.setattr("lscp_scrutiny.cli._app.App.registry", property(lambda _self: registry))
    result = run(capsys, "validate", str(EXAMPLE))
    assert result.code == 0
    assert (
        "warning: validation rule sleepy did not finish within 0.2 s; its findings are missing" in result.out
    )


def test_a_library_caller_rendering_a_plugin_format_is_protected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")

    def hang(_summary: ls.Summary) -> str:
        import time  # noqa: PLC0415

        time.sleep(10**6)
        return ""

    def wrong(_summary: ls.Summary) -> int:
        return 7

    formats = [
        ls.OutputFormat(name="hangs", description="Hangs.", render=hang),
        ls.OutputFormat(name="wrong", description="Wrong type.", render=wrong),  # type: ignore[arg-type]
    ]
    registry = registry_with(_plugin(lscp_scrutiny_output_formats=lambda: formats))
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(fully_rated(checklist), checklist, as_of=date(2026, 1, 1))
    with pytest.raises(ls.PluginCodeError, match=r"^output format 'hangs' did not finish within 0\.2 s$"):
        registry.formats["hangs"].render(summary)
    with pytest.raises(ls.PluginCodeError, match=r"^output format 'wrong' returned int, not text$") as caught:
        registry.formats["wrong"].render(summary)
    assert caught.value.what == "output format 'wrong'"
    assert caught.value.reason == "returned int, not text"


def test_a_plugin_format_that_raises_keeps_its_exception_as_the_cause() -> None:
    def boom(_summary: ls.Summary) -> str:
        raise KeyError("section")

    registry = registry_with(
        _plugin(
            lscp_scrutiny_output_formats=lambda: [ls.OutputFormat(name="boom", description="B.", render=boom)]
        )
    )
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(fully_rated(checklist), checklist, as_of=date(2026, 1, 1))
    with pytest.raises(ls.PluginCodeError) as caught:
        registry.formats["boom"].render(summary)
    assert str(caught.value) == "output format 'boom' raised KeyError: 'section'"
    assert isinstance(caught.value.cause, KeyError)


def test_the_built_in_formats_still_render_through_the_same_containment(
    checklist: ls.Checklist,
) -> None:
    registry = registry_with()
    summary = ls.evaluate(fully_rated(checklist), checklist, as_of=date(2026, 1, 1))
    rendered = registry.formats["json"].render(summary)
    assert isinstance(rendered, str)
    assert rendered.startswith("{")


@pytest.fixture
def slow_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An installed plugin whose module sleeps for ever while it is imported."""
    (tmp_path / "sleepy_at_import.py").write_text(textwrap.dedent("import time\ntime.sleep(10**6)\n"))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sleepy_at_import", raising=False)
    point = metadata.EntryPoint(name="sleepy", value="sleepy_at_import", group="lscp_scrutiny")
    monkeypatch.setattr(
        "lscp_scrutiny.plugins.manager.metadata.entry_points",
        lambda group: [point] if group == "lscp_scrutiny" else [],
    )
    return "sleepy"


def test_an_entry_point_that_hangs_while_imported_is_a_failed_plugin(
    slow_import: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")
    manager = get_plugin_manager()
    [failure] = manager.load_failures
    assert failure.plugin == slow_import
    assert str(failure) == "plugin sleepy failed: cannot be imported: did not finish within 0.2 s"
    assert ls.Registry.build(manager).checklist("independent-scrutiny").criteria  # the rest still works


@pytest.mark.parametrize("value", ["0", "-1", "abc", "inf", "nan", "1e400"])
def test_a_bad_hook_timeout_is_refused_with_one_line(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", value)
    with pytest.raises(ls.InvalidInputError) as caught:
        hook_timeout()
    expected = f"LSCP_SCRUTINY_HOOK_TIMEOUT: must be a number of seconds above 0, such as 10; got {value!r}"
    assert str(caught.value) == expected
    result = run(capsys, "checklists")
    assert (result.code, result.err) == (2, f"Error: {expected}\n")


@pytest.mark.parametrize(("value", "seconds"), [(None, 10.0), ("", 10.0), ("2.5", 2.5), (" 30 ", 30.0)])
def test_the_hook_timeout_is_ten_seconds_unless_set(
    value: str | None, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv("LSCP_SCRUTINY_HOOK_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", value)
    assert hook_timeout() == seconds


@pytest.mark.parametrize(
    ("returned", "reason"),
    [(42, "returned int, expected Finding objects"), (["x"], "returned str, expected Finding objects")],
)
def test_a_rule_that_returns_no_findings_says_what_it_returned(returned: object, reason: str) -> None:
    rule = ls.ValidationRule(id="odd", description="Odd.", check=lambda _a, _c: returned)  # type: ignore[arg-type,return-value]
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [rule]))
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(
        fully_rated(checklist), checklist, as_of=date(2026, 1, 1), rules=registry.rules_for(checklist)
    )
    assert [f.message for f in summary.flags if f.rule == "odd"] == [
        f"validation rule odd {reason}; its findings are missing"
    ]


def test_assert_plugin_works_fails_on_a_rule_or_format_that_fails() -> None:
    from lscp_scrutiny.testing import assert_plugin_works  # noqa: PLC0415

    def crash(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        raise ZeroDivisionError("division by zero")

    def render(_summary: ls.Summary) -> str:
        raise KeyError("section")

    plugin = _plugin(
        lscp_scrutiny_validation_rules=lambda: [ls.ValidationRule(id="crash", description="C.", check=crash)],
        lscp_scrutiny_output_formats=lambda: [
            ls.OutputFormat(name="broken", description="B.", render=render)
        ],
    )
    with pytest.raises(AssertionError) as caught:
        assert_plugin_works(plugin)
    assert str(caught.value).splitlines() == [
        "the plugin failed:",
        "- validation rule crash raised ZeroDivisionError: division by zero",
        "- output format 'broken' raised KeyError: 'section'",
    ]
