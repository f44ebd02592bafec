"""Plugin code runs in one place, under one time limit, whoever calls it: the CLI or a library user."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.plugins import get_plugin_manager
from lscp_scrutiny.plugins.contain import CAN_ISOLATE, hook_timeout
from lscp_scrutiny.render.json import render_json
from lscp_scrutiny.testing import fully_rated, registry_with

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "northshire-2026.yaml"


def _plugin(**hooks: object) -> SimpleNamespace:
    """A plugin object with these hook functions, each marked with ``@hookimpl``."""
    plugin = SimpleNamespace(__name__="test_plugin")
    for name, function in hooks.items():
        setattr(plugin, name, ls.hookimpl(function))  # type: ignore[call-overload]
    return plugin


def _cli_uses(monkeypatch: pytest.MonkeyPatch, registry: ls.Registry) -> None:
    """Make the command line use ``registry`` (built already, so no hook runs under a short limit)."""
    monkeypatch.setattr("lscp_scrutiny.cli._app.App.registry", property(lambda _self: registry))


def _sleeping_rule(seconds: float) -> ls.ValidationRule:
    def check(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        import time  # noqa: PLC0415

        time.sleep(seconds)
        return []

    return ls.ValidationRule(id="sleepy", description="Sleeps.", check=check)


def test_a_registered_rule_that_hangs_becomes_a_flag_after_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_sleeping_rule(10**6)]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")  # the built-in hooks ran first
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(
        fully_rated(checklist), checklist, as_of=date(2026, 1, 1), rules=registry.rules_for(checklist)
    )
    [flag] = [f for f in summary.flags if f.rule == "sleepy"]
    assert flag.message == "validation rule sleepy did not finish within 0.2 s; its findings are missing"


def test_validate_finishes_when_a_plugin_rule_hangs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_sleeping_rule(10**6)]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")  # the built-in hooks ran first
    _cli_uses(monkeypatch, registry)
    result = run(capsys, "validate", str(EXAMPLE))
    assert result.code == 0
    assert (
        "warning: validation rule sleepy did not finish within 0.2 s; its findings are missing" in result.out
    )


def test_a_library_caller_rendering_a_plugin_format_is_protected(monkeypatch: pytest.MonkeyPatch) -> None:

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
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")  # the built-in hooks ran first
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(fully_rated(checklist), checklist, as_of=date(2026, 1, 1))
    with pytest.raises(
        ls.PluginCodeError, match=r"^output format 'hangs' did not finish within 0\.2 s$"
    ) as hung:
        registry.formats["hangs"].render(summary)
    assert hung.value.out_of_time
    with pytest.raises(ls.PluginCodeError, match=r"^output format 'wrong' returned int, not text$") as caught:
        registry.formats["wrong"].render(summary)
    assert caught.value.what == "output format 'wrong'"
    assert caught.value.reason == "returned int, not text"
    assert not caught.value.out_of_time


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


class SlowImport(NamedTuple):
    name: str
    others: tuple[str, ...]
    """The plugins installed outside the test, to disable."""


@pytest.fixture
def slow_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SlowImport:
    """An installed plugin (a dist-info folder on sys.path) whose module sleeps for ever as it is imported.

    Plugins really installed here (a developer's, say) are left out with ``disabled``: a test sees only
    its own.
    """
    others = tuple(sorted({ep.name for ep in metadata.entry_points(group="lscp_scrutiny")}))
    (tmp_path / "sleepy_at_import.py").write_text(textwrap.dedent("import time\ntime.sleep(10**6)\n"))
    info = tmp_path / "sleepy_at_import-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sleepy-at-import\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[lscp_scrutiny]\nsleepy = sleepy_at_import\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sleepy_at_import", raising=False)
    return SlowImport(name="sleepy", others=others)


def test_an_entry_point_that_hangs_while_imported_is_a_failed_plugin(
    slow_import: SlowImport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")
    manager = get_plugin_manager(disabled=slow_import.others)
    [failure] = manager.load_failures
    assert failure.plugin == slow_import.name
    assert str(failure) == (
        "plugin sleepy (sleepy-at-import 0.1) failed: cannot be imported: did not finish within 0.2 s"
    )
    monkeypatch.delenv("LSCP_SCRUTINY_HOOK_TIMEOUT")  # the built-in hooks, under the default limit
    assert ls.Registry.build(manager).checklist("independent-scrutiny").criteria  # the rest still works


@pytest.mark.parametrize("value", ["0", "-1", "abc", "inf", "nan", "1e400", "1e10", "86401"])
def test_a_bad_hook_timeout_is_refused_with_one_line(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", value)
    with pytest.raises(ls.InvalidInputError) as caught:
        hook_timeout()
    expected = (
        "LSCP_SCRUTINY_HOOK_TIMEOUT: must be a number of seconds above 0 and at most 86,400, such as 10; "
        f"got {value!r}"
    )
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
        "- plugin test_plugin failed in validation rule crash: raised ZeroDivisionError: division by zero",
        "- output format 'broken' raised KeyError: 'section'",
    ]


# --- code in C, output, restricted text, unmarked hooks (issue 13, items 1-7) -------------------------

RESTRICTED_NOTE = "One parent described a conference in detail"


def _regex_rule(length: int) -> ls.ValidationRule:
    """A rule spending its time in one C call: a regular expression that backtracks exponentially."""

    def check(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        import re  # noqa: PLC0415

        re.match("(a+)+$", "a" * length + "!")
        return []

    return ls.ValidationRule(id="backtracks", description="Backtracks.", check=check)


def _rule_flags(registry: ls.Registry, assessment: ls.Assessment | None = None) -> list[str]:
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(
        assessment or fully_rated(checklist),
        checklist,
        as_of=date(2026, 1, 1),
        rules=registry.rules_for(checklist),
    )
    return [f.message for f in summary.flags if f.kind is ls.FlagKind.RULE]


@pytest.mark.skipif(not CAN_ISOLATE, reason="plugin code runs in a separate process only where it can fork")
def test_a_rule_stuck_in_c_code_is_stopped_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # 27 characters take about 10 s of backtracking inside one C call: the thread watchdog of 0.1 could
    # not even notice until it returned, and then it had returned, so nothing was said at all.
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_regex_rule(27)]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.5")  # the built-in hooks ran first
    assert _rule_flags(registry) == [
        "validation rule backtracks did not finish within 0.5 s; its findings are missing"
    ]


def test_without_a_separate_process_code_in_c_past_the_limit_is_still_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("lscp_scrutiny.plugins.contain.CAN_ISOLATE", False)
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_regex_rule(22)]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.02")  # the built-in hooks ran first
    [message] = _rule_flags(registry)
    assert message.startswith("validation rule backtracks took ")
    assert message.endswith(" s, more than the 0.02 s limit; its findings are missing")


def test_a_rule_that_ran_out_of_time_is_not_run_again_and_warns_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[int] = []

    def sleepy(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        import time  # noqa: PLC0415

        calls.append(1)  # seen by this process only when the rule runs in a thread
        time.sleep(10**6)
        return []

    rule = ls.ValidationRule(id="sleepy", description="Sleeps.", check=sleepy)
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [rule]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")  # the built-in hooks ran first
    first, second = _rule_flags(registry), _rule_flags(registry)
    assert first == ["validation rule sleepy did not finish within 0.2 s; its findings are missing"]
    assert second == [
        (
            "validation rule sleepy was not run again: it did not finish within 0.2 s earlier in this run; "
            "its findings are missing"
        )
    ]
    [failure] = [str(f) for f in registry.failures]
    assert failure == "plugin test_plugin failed in validation rule sleepy: did not finish within 0.2 s"
    _cli_uses(monkeypatch, registry)
    result = run(capsys, "report", str(EXAMPLE), "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["flags"]
    assert result.err.count("Warning: ") == 1


PRINTING_PLUGIN = """
import atexit
import os
import sys
import threading
import lscp_scrutiny as ls

print("printed at import")
os.write(1, b"written to file descriptor 1 at import\\n")
sys.__stdout__.write("written to sys.__stdout__ at import\\n")
sys.__stdout__.flush()
atexit.register(lambda: print("printed at exit"))
atexit.register(lambda: os.write(1, b"written to file descriptor 1 at exit\\n"))

def _check(assessment, checklist):
    print("printed by a rule")
    sys.stdout.write("written by a rule\\n")
    import os
    os.write(1, b"written to file descriptor 1 by a rule\\n")
    return [ls.Finding(message="the rule ran")]

def _render(summary):
    print("printed by a format")
    return "rendered\\n"

@ls.hookimpl
def lscp_scrutiny_validation_rules():
    print("printed by a hook")
    os.write(1, b"written to file descriptor 1 by a hook\\n")
    worker = threading.Thread(target=lambda: print("printed by a thread the plugin started"))
    worker.start()
    worker.join()
    return [ls.ValidationRule(id="chatty", description="Prints.", check=_check)]

@ls.hookimpl
def lscp_scrutiny_output_formats():
    return [ls.OutputFormat(name="chatty", description="Prints.", render=_render, suffix=".chatty")]

def lscp_scrutiny_checklists():
    return []
"""


def _installed(tmp_path: Path, module: str, source: str) -> dict[str, str]:
    """Install a plugin module for a child process: the module and a dist-info folder on its path."""
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
    info = tmp_path / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[lscp_scrutiny]\n{module} = {module}\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    env.pop("LSCP_SCRUTINY_DISABLE_PLUGINS", None)
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lscp_scrutiny", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_what_a_plugin_prints_never_reaches_the_output(tmp_path: Path) -> None:
    env = _installed(tmp_path, "chatty_plugin", PRINTING_PLUGIN)
    report = _cli(env, "report", str(EXAMPLE), "--format", "json")
    assert report.returncode == 0, report.stderr
    summary = json.loads(report.stdout)  # nothing printed by the plugin is mixed in
    assert "the rule ran" in [f["message"] for f in summary["flags"]]
    for printed in (
        "printed at import",
        "written to file descriptor 1 at import",
        "written to sys.__stdout__ at import",
        "printed by a hook",
        "written to file descriptor 1 by a hook",
        "printed by a thread the plugin started",
        "printed by a rule",
        "written by a rule",
        "written to file descriptor 1 by a rule",
        "printed at exit",
        "written to file descriptor 1 at exit",
    ):
        assert printed in report.stderr, printed
    csv = _cli(env, "report", str(EXAMPLE), "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("partnership,assessed_on,")
    assert "printed" not in csv.stdout
    chatty = _cli(env, "report", str(EXAMPLE), "--format", "chatty")
    assert chatty.stdout == "rendered\n"
    assert "printed by a format" in chatty.stderr
    assert (
        "Warning: plugin chatty_plugin (chatty_plugin 0.1) failed in lscp_scrutiny_checklists: the function "
        "is not marked @hookimpl, so it is never called; it is ignored"
    ) in report.stderr.splitlines()


def _quoting_rules() -> list[ls.ValidationRule]:
    def quotes(assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        return [
            ls.Finding(criterion=r.criterion, message=f"notes say: {r.notes}")
            for r in assessment.responses
            if r.notes and r.notes_restricted
        ]

    def fails(assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        notes = [r.notes for r in assessment.responses if r.notes_restricted]
        raise ValueError(f"cannot read {notes}")

    return [
        ls.ValidationRule(id="quotes", description="Quotes notes.", check=quotes),
        ls.ValidationRule(id="fails", description="Fails quoting notes.", check=fails),
    ]


def test_public_reports_withhold_what_plugin_rules_say(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=_quoting_rules))
    _cli_uses(monkeypatch, registry)
    private = run(capsys, "report", str(EXAMPLE), "--format", "json")
    assert RESTRICTED_NOTE in private.out  # the restricted report shows what the rules said
    for output in ("json", "markdown", "html", "csv"):
        public = run(capsys, "report", str(EXAMPLE), "--public", "--format", output)
        assert public.code == 0
        assert RESTRICTED_NOTE not in public.out, output
    flags = json.loads(run(capsys, "report", str(EXAMPLE), "--public", "--format", "json").out)["flags"]
    rule_flags = {f["rule"]: f for f in flags if f["kind"] == "rule"}
    assert rule_flags["quotes"]["criterion"] == rule_flags["quotes"]["message"].split(":")[0]
    assert rule_flags["quotes"]["message"].endswith(
        "validation rule quotes: message withheld from the public version (a rule may quote restricted text)"
    )
    assert rule_flags["fails"]["message"] == (
        "validation rule fails: message withheld from the public version (a rule may quote restricted text)"
    )


def test_rule_messages_stay_in_public_output_when_nothing_is_restricted(checklist: ls.Checklist) -> None:
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=_quoting_rules))
    summary = ls.evaluate(
        fully_rated(checklist), checklist, as_of=date(2026, 1, 1), rules=registry.rules_for(checklist)
    )
    assert ls.make_public(summary).flags == summary.flags


@pytest.mark.parametrize("isolate", [True, False], ids=["process", "thread"])
def test_a_rule_cannot_unrestrict_notes_for_the_rest_of_the_run(
    isolate: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not isolate:
        monkeypatch.setattr("lscp_scrutiny.plugins.contain.CAN_ISOLATE", False)
    elif not CAN_ISOLATE:
        pytest.skip("plugin code runs in a separate process only where it can fork")

    def unrestrict(assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        for response in assessment.responses:
            object.__setattr__(response, "notes_restricted", False)
            for item in response.evidence:
                object.__setattr__(item, "restricted", False)
        return []

    rule = ls.ValidationRule(id="unrestrict", description="Attacks.", check=unrestrict)
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [rule]))
    assessment = ls.load_assessment(EXAMPLE)
    checklist = registry.checklist("independent-scrutiny")
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 10, 1), rules=registry.rules_for(checklist))
    assert any(r.notes_restricted for r in assessment.responses)
    assert RESTRICTED_NOTE not in render_json(ls.make_public(summary))


def test_a_function_named_like_a_hook_without_hookimpl_is_a_warning_not_silence() -> None:
    def lscp_scrutiny_output_formats() -> list[ls.OutputFormat]:
        return []  # pragma: no cover - never called: that is the point

    plugin = SimpleNamespace(__name__="forgetful", lscp_scrutiny_output_formats=lscp_scrutiny_output_formats)
    registry = registry_with(plugin)
    assert [str(f) for f in registry.failures] == [
        (
            "plugin forgetful failed in lscp_scrutiny_output_formats: "
            "the function is not marked @hookimpl, so it is never called"
        )
    ]


def test_assert_plugin_works_asks_for_prefill_too() -> None:
    from lscp_scrutiny.testing import assert_plugin_works  # noqa: PLC0415

    def prefill(partnership: ls.Partnership, checklist: ls.Checklist) -> list[ls.Prefill]:  # noqa: ARG001
        raise LookupError(partnership.name)

    with pytest.raises(AssertionError) as caught:
        assert_plugin_works(_plugin(lscp_scrutiny_prefill=prefill))
    assert str(caught.value).splitlines() == [
        "the plugin failed:",
        "- plugin test_plugin failed in lscp_scrutiny_prefill: raised LookupError: Test partnership",
    ]


def test_national_over_many_assessments_waits_for_a_hanging_rule_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [_sleeping_rule(10**6)]))
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")  # the built-in hooks ran first
    _cli_uses(monkeypatch, registry)
    folder = EXAMPLE.parent / "national-assessments"
    result = run(capsys, "national", str(folder), "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)
    assert result.err.splitlines() == [
        "Warning: plugin test_plugin failed in validation rule sleepy: did not finish within 0.2 s; it is ignored"
    ]


def test_a_finding_about_no_criterion_of_the_checklist_is_refused_unquoted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Red team: a rule put restricted notes where a criterion id belongs, and --public printed them."""

    def misplaced(assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        return [
            ls.Finding(criterion=r.notes, message="x") for r in assessment.responses if r.notes_restricted
        ]

    rule = ls.ValidationRule(id="misplaced", description="Misplaces.", check=misplaced)
    registry = registry_with(_plugin(lscp_scrutiny_validation_rules=lambda: [rule]))
    _cli_uses(monkeypatch, registry)
    for output in ("json", "markdown", "html"):
        result = run(capsys, "report", str(EXAMPLE), "--public", "--format", output)
        assert RESTRICTED_NOTE not in result.out + result.err
    flags = json.loads(run(capsys, "report", str(EXAMPLE), "--format", "json").out)["flags"]
    [flag] = [f for f in flags if f["rule"] == "misplaced"]
    assert flag["criterion"] is None
    assert flag["message"] == (
        "validation rule misplaced returned a finding about a criterion the checklist does not have; "
        "its findings are missing"
    )


def test_registering_a_plugin_reads_its_attributes_under_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Red team: pluggy reads every attribute of a plugin; one that hangs or raises hung or crashed the tool."""

    class Hangs:
        __name__ = "hangs"

        def __dir__(self) -> list[str]:
            return ["lscp_scrutiny_checklists"]

        def __getattr__(self, name: str) -> object:
            import time  # noqa: PLC0415

            time.sleep(10**6)
            raise AttributeError(name)  # pragma: no cover

    class Raises(Hangs):
        __name__ = "raises"

        def __getattr__(self, name: str) -> object:
            raise RuntimeError(f"boom {name}")

    manager = get_plugin_manager(load_entry_points=False)  # the built-in one first, under the default
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.2")
    from lscp_scrutiny.plugins.manager import _register  # noqa: PLC0415

    _register(manager, Hangs(), "hangs", None)
    _register(manager, Raises(), "raises", None)
    assert [str(f) for f in manager.load_failures] == [
        "plugin hangs failed: cannot be registered: did not finish within 0.2 s",
        "plugin raises failed: cannot be registered: raised RuntimeError: boom lscp_scrutiny_checklists",
    ]
    assert manager.get_plugin("hangs") is None
    assert manager.get_plugin("raises") is None
