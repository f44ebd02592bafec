"""The one place plugin code runs: one time limit, one way of failing, for every contributed callable.

Every piece of a plugin's code goes through :func:`run`: importing its entry point, each hook, and the
callables it hands over (an output format's ``render``, a validation rule's ``check``). The registry
stores those callables already wrapped (:func:`contained_format`, :func:`contained_rule`), so a library
caller rendering a plugin's format, or evaluating with its rules, is protected exactly as the command
line is. A failure is a :class:`~lscp_scrutiny.errors.PluginCodeError` naming what failed and why:

- it raised an exception (``raised KeyError: 'section'``);
- it tried to end the program (``sys.exit``), which a plugin may not do;
- it ran past the time limit (``LSCP_SCRUTINY_HOOK_TIMEOUT`` seconds, 10 by default);
- it returned the wrong kind of thing.

The time limit is kept by running the code in a worker thread and waiting for it. A thread cannot be
stopped from outside: code that never returns is abandoned (a daemon thread, ended with the program).
Code that holds the interpreter lock in one long C call (a pathological regular expression, say) is
not interrupted until that call returns; see docs/plugins.md.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from attrs import evolve

from lscp_scrutiny.core.rules import Finding, ValidationRule
from lscp_scrutiny.errors import InvalidInputError, PluginCodeError, Problem
from lscp_scrutiny.model import Assessment, Checklist
from lscp_scrutiny.model.summary import Summary
from lscp_scrutiny.render.formats import OutputFormat

T = TypeVar("T")

TIMEOUT_VARIABLE = "LSCP_SCRUTINY_HOOK_TIMEOUT"
DEFAULT_HOOK_TIMEOUT = 10.0
"""Seconds a plugin's code may take before it is abandoned and recorded as failed."""


def hook_timeout() -> float:
    """The time limit for plugin code: ``LSCP_SCRUTINY_HOOK_TIMEOUT`` seconds if set, else 10.

    A value that is not a finite number of seconds above 0 is refused with
    :class:`~lscp_scrutiny.errors.InvalidInputError`, never silently replaced.
    """
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if raw is None or not raw.strip():
        return DEFAULT_HOOK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        message = f"must be a number of seconds above 0, such as 10; got {raw!r}"
        raise InvalidInputError([Problem(source=TIMEOUT_VARIABLE, message=message)])
    return value


def call_with_timeout(function: Callable[[], T], seconds: float) -> T:
    """Run ``function`` in a worker thread; :class:`TimeoutError` after ``seconds``.

    Its exceptions are raised here, in the caller's thread; a ``sys.exit`` inside it becomes a
    :class:`RuntimeError` (a plugin may not end the program).
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = function()
        except SystemExit as exc:
            outcome["error"] = _EndedProgramError(exc.code)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="lscp-scrutiny plugin code", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


class _EndedProgramError(RuntimeError):
    def __init__(self, code: object) -> None:
        super().__init__(f"tried to end the program (sys.exit({code!r}))")


def run(what: str, function: Callable[[], T], *, seconds: float | None = None) -> T:
    """Run a plugin's code under the time limit; :class:`PluginCodeError` naming ``what`` if it fails."""
    limit = hook_timeout() if seconds is None else seconds
    try:
        return call_with_timeout(function, limit)
    except TimeoutError:
        raise PluginCodeError(what, f"did not finish within {limit:g} s") from None
    except _EndedProgramError as exc:
        raise PluginCodeError(what, str(exc)) from None
    except Exception as exc:
        raise PluginCodeError(what, f"raised {type(exc).__name__}: {exc}", cause=exc) from exc


def listed(result: object) -> list[object]:
    """A hook's result as a list: worked out inside the plugin's time, as a generator works when iterated."""
    return [] if result is None else list(result)  # type: ignore[call-overload]


def contained_format(output_format: OutputFormat) -> OutputFormat:
    """``output_format`` with its ``render`` run under the time limit, and checked to give text or bytes."""
    what = f"output format {output_format.name!r}"
    render = output_format.render

    def contained(summary: Summary) -> str | bytes:
        rendered = run(what, lambda: render(summary))
        if not isinstance(rendered, str | bytes):
            raise PluginCodeError(what, f"returned {type(rendered).__name__}, not text")
        return rendered

    return evolve(output_format, render=contained)


def contained_rule(rule: ValidationRule) -> ValidationRule:
    """``rule`` with its ``check`` run under the time limit, and checked to give :class:`Finding` objects."""
    what = f"validation rule {rule.id}"
    check = rule.check

    def findings(assessment: Assessment, checklist: Checklist) -> list[object]:
        result: object = check(assessment, checklist)  # typed as findings; a plugin may return anything
        if not isinstance(result, Iterable) or isinstance(result, str | bytes):
            return [result]  # one thing that is not findings, named below like a wrong item
        return list(result)  # inside the time limit: a generator does its work as it is listed

    def contained(assessment: Assessment, checklist: Checklist) -> Iterable[Finding]:
        found = run(what, lambda: findings(assessment, checklist))
        wrong = next((item for item in found if not isinstance(item, Finding)), None)
        if wrong is not None:
            raise PluginCodeError(what, f"returned {type(wrong).__name__}, expected Finding objects")
        return [item for item in found if isinstance(item, Finding)]

    return evolve(rule, check=contained)
