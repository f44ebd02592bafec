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

Two ways of keeping the time limit:

- **In a separate process** (``isolate=True``; used for the code that looks at people's data: a
  plugin's rules, formats and prefill). On Linux the process is forked for the call, so the plugin's
  code sees a copy of the assessment, summary or partnership: it can change nothing of the caller's
  (not even with ``object.__setattr__`` on a frozen instance), anything it prints goes to standard
  error, and when the time is up the process is killed, wherever it is, C code included (a
  pathological regular expression, say). Its result comes back pickled.
- **In a worker thread** (everything else, and on platforms without ``fork``). Code that never
  returns is abandoned (a daemon thread, ended with the program). A thread cannot be stopped from
  outside, and code that holds the interpreter lock in one long C call cannot even be noticed until
  that call returns: it is then recorded as failed for taking too long, though the wait was not cut
  short. What the code prints to standard output goes to standard error.
"""

from __future__ import annotations

import contextlib
import copy
import math
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from attrs import evolve

from lscp_scrutiny._streams import ToStderrWhen, real_stdout_descriptor
from lscp_scrutiny.core.rules import Finding, ValidationRule
from lscp_scrutiny.errors import InvalidInputError, PluginCodeError, Problem
from lscp_scrutiny.model import Assessment, Checklist
from lscp_scrutiny.model.summary import Summary
from lscp_scrutiny.render.formats import OutputFormat

T = TypeVar("T")

TIMEOUT_VARIABLE = "LSCP_SCRUTINY_HOOK_TIMEOUT"
DEFAULT_HOOK_TIMEOUT = 10.0
"""Seconds a plugin's code may take before it is abandoned and recorded as failed."""
MAX_HOOK_TIMEOUT = 86_400
"""The longest time limit that may be set: a day (a thread cannot wait for much longer)."""

CAN_ISOLATE = sys.platform.startswith("linux") and hasattr(os, "fork")
"""Whether plugin code that looks at people's data runs in a forked process (Linux), or in a thread."""


def hook_timeout() -> float:
    """The time limit for plugin code: ``LSCP_SCRUTINY_HOOK_TIMEOUT`` seconds if set, else 10.

    A value that is not a number of seconds above 0 and at most a day is refused with
    :class:`~lscp_scrutiny.errors.InvalidInputError`, never silently replaced.
    """
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if raw is None or not raw.strip():
        return DEFAULT_HOOK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0 or value > MAX_HOOK_TIMEOUT:
        message = (
            f"must be a number of seconds above 0 and at most {MAX_HOOK_TIMEOUT:,}, such as 10; got {raw!r}"
        )
        raise InvalidInputError([Problem(source=TIMEOUT_VARIABLE, message=message)])
    return value


# --- in a thread ------------------------------------------------------------------------------------

_PLUGIN_THREADS: set[int] = set()
"""Threads running plugin code (abandoned ones stay): what they print goes to standard error."""


def _in_plugin_code() -> bool:
    return threading.get_ident() in _PLUGIN_THREADS


def _guard_stdout() -> None:
    stream = sys.stdout
    if not (isinstance(stream, ToStderrWhen) and stream.diverted is _in_plugin_code):
        sys.stdout = ToStderrWhen(stream, _in_plugin_code)


def call_with_timeout(function: Callable[[], T], seconds: float) -> T:
    """Run ``function`` in a worker thread; :class:`TimeoutError` after ``seconds``.

    Its exceptions are raised here, in the caller's thread; a ``sys.exit`` inside it becomes a
    :class:`RuntimeError` (a plugin may not end the program). If it held the interpreter for one long
    C call and finished past the limit, that is a :class:`TimeoutError` too: the limit was broken.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        _PLUGIN_THREADS.add(threading.get_ident())
        try:
            outcome["value"] = function()
        except SystemExit as exc:
            outcome["error"] = _EndedProgramError(exc.code)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = exc
        finally:
            outcome["done"] = time.monotonic()

    _guard_stdout()
    worker = threading.Thread(target=work, name="lscp-scrutiny plugin code", daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError
    _PLUGIN_THREADS.discard(worker.ident or 0)
    took = outcome["done"] - started
    if took > seconds:
        raise _LateError(took)
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


class _EndedProgramError(RuntimeError):
    def __init__(self, code: object) -> None:
        super().__init__(f"tried to end the program (sys.exit({code!r}))")


class _LateError(TimeoutError):
    def __init__(self, took: float) -> None:
        super().__init__(took)
        self.took = took


class _WrongResultError(Exception):
    """The plugin's code returned the wrong kind of thing: the message says what."""


# --- in a process -----------------------------------------------------------------------------------


def call_in_process(function: Callable[[], T], seconds: float) -> T:
    """Run ``function`` in a forked process and return its (pickled) result; kill it after ``seconds``.

    As :func:`call_with_timeout`: its exceptions are raised here, ``sys.exit`` becomes a
    :class:`RuntimeError`, running out of time a :class:`TimeoutError`. A process that dies without an
    answer (a crash, ``os._exit``) is a :class:`RuntimeError` saying so.
    """
    import pickle  # noqa: PLC0415 - before the fork, so that the child has it already
    import signal  # noqa: PLC0415, F401 - likewise (the child resets SIGINT; _end kills with it)

    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice, by both processes
        stream.flush()
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns about forking with threads; the child uses none
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child process; coverage does not follow it
        os.close(read_end)
        _answer_in_child(function, write_end)
    os.close(write_end)
    try:
        answer = _read_answer(read_end, time.monotonic() + seconds)
    except BaseException:
        _end(pid)
        raise
    finally:
        os.close(read_end)
    if answer is None:
        _end(pid)
        raise TimeoutError
    _, status = os.waitpid(pid, 0)
    if not answer:
        how = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else "exit"
        msg = f"ended its process without an answer ({how})"
        raise RuntimeError(msg)
    kind, value = pickle.loads(answer)  # noqa: S301 - written by our own forked child, just now
    if kind == "value":
        result: T = value
        return result
    if kind == "ended":
        raise _EndedProgramError(value)
    if kind == "wrong":
        raise _WrongResultError(value)
    raise value


def _answer_in_child(function: Callable[[], object], write_end: int) -> None:  # pragma: no cover
    """In the forked child: run ``function``, write the pickled outcome, and leave at once."""
    import pickle  # noqa: PLC0415 - imported by the parent before the fork: no work here
    import signal  # noqa: PLC0415

    try:
        os.dup2(2, 1)  # what the plugin prints, in Python or C, goes to standard error
        real = real_stdout_descriptor()
        if real is not None:  # the real standard output, kept by the command line: out of reach
            os.close(real)
        sys.stdout = sys.stderr
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            outcome: tuple[str, object] = ("value", function())
        except SystemExit as exc:
            outcome = ("ended", exc.code)
        except _WrongResultError as exc:
            outcome = ("wrong", str(exc))
        except BaseException as exc:  # noqa: BLE001 - handed back to the parent
            outcome = ("error", exc)
        try:
            data = pickle.dumps(outcome)
        except Exception as exc:  # noqa: BLE001 - a result or an exception that cannot travel
            if outcome[0] == "error":
                error = outcome[1]
                data = pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}")))
            else:
                what = type(outcome[1]).__name__
                data = pickle.dumps(("wrong", f"returned a {what} that cannot be passed back ({exc})"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        sys.stderr.flush()
    finally:
        os._exit(0)


def _read_answer(read_end: int, deadline: float) -> bytes | None:
    """Everything the child writes, until it closes the pipe; ``None`` if the deadline comes first."""
    import select  # noqa: PLC0415 - only for calls in a process

    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([read_end], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int) -> None:
    import signal  # noqa: PLC0415 - imported already by call_in_process

    with contextlib.suppress(ProcessLookupError):  # it may have ended by itself just now
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


# --- the one entry ------------------------------------------------------------------------------------


def run(what: str, function: Callable[[], T], *, seconds: float | None = None, isolate: bool = False) -> T:
    """Run a plugin's code under the time limit; :class:`PluginCodeError` naming ``what`` if it fails.

    With ``isolate`` (and on a platform that can fork, :data:`CAN_ISOLATE`) the code runs in a separate
    process and its result must be picklable; otherwise in a worker thread.
    """
    limit = hook_timeout() if seconds is None else seconds
    try:
        if isolate and CAN_ISOLATE:
            return call_in_process(function, limit)
        return call_with_timeout(function, limit)
    except _LateError as exc:
        reason = f"took {exc.took:.1f} s, more than the {limit:g} s limit"
        raise PluginCodeError(what, reason, out_of_time=True) from None
    except TimeoutError:
        raise PluginCodeError(what, f"did not finish within {limit:g} s", out_of_time=True) from None
    except (_EndedProgramError, _WrongResultError) as exc:
        raise PluginCodeError(what, str(exc)) from None
    except Exception as exc:
        raise PluginCodeError(what, f"raised {type(exc).__name__}: {exc}", cause=exc) from exc


def own_copy(value: T, *, isolate: bool) -> T:
    """What plugin code is handed: in a thread, a deep copy (in a process it has its own already)."""
    return value if (not isolate or CAN_ISOLATE) else copy.deepcopy(value)


def listed(result: object) -> list[object]:
    """A hook's result as a list: worked out inside the plugin's time, as a generator works when iterated."""
    return [] if result is None else list(result)  # type: ignore[call-overload]


def contained_format(output_format: OutputFormat, *, isolate: bool = True) -> OutputFormat:
    """``output_format`` with its ``render`` run under the time limit, and checked to give text or bytes.

    ``isolate`` runs it in a separate process where the platform can (:func:`run`); the registry turns it
    off for lscp-scrutiny's own formats.
    """
    what = f"output format {output_format.name!r}"
    render = output_format.render

    def rendered(summary: Summary) -> str | bytes:
        result: object = render(summary)
        if not isinstance(result, str | bytes):
            raise _WrongResultError(f"returned {type(result).__name__}, not text")
        return result

    def contained(summary: Summary) -> str | bytes:
        given = own_copy(summary, isolate=isolate)
        return run(what, lambda: rendered(given), isolate=isolate)

    return evolve(output_format, render=contained)


def contained_rule(
    rule: ValidationRule,
    *,
    isolate: bool = True,
    on_failure: Callable[[PluginCodeError], None] | None = None,
) -> ValidationRule:
    """``rule`` with its ``check`` run under the time limit, and checked to give :class:`Finding` objects.

    ``isolate`` as for :func:`contained_format`. ``on_failure`` hears of every failure (the registry
    records it, so that the command line warns). A rule that runs out of time is not run again in this
    process: each later call fails at once, so that a hanging rule costs one time limit, not one per
    assessment.
    """
    what = f"validation rule {rule.id}"
    check = rule.check
    stopped: list[str] = []

    def findings(assessment: Assessment, checklist: Checklist) -> list[Finding]:
        result: object = check(assessment, checklist)  # typed as findings; a plugin may return anything
        # listed inside the time limit: a generator does its work as it is listed
        one_thing = not isinstance(result, Iterable) or isinstance(result, str | bytes)
        found = [result] if one_thing else list(result)  # type: ignore[call-overload]
        wrong = next((item for item in found if not isinstance(item, Finding)), None)
        if wrong is not None:
            raise _WrongResultError(f"returned {type(wrong).__name__}, expected Finding objects")
        return [item for item in found if isinstance(item, Finding)]

    def contained(assessment: Assessment, checklist: Checklist) -> Iterable[Finding]:
        if stopped:
            raise PluginCodeError(what, f"was not run again: it {stopped[0]} earlier in this run")
        given = own_copy((assessment, checklist), isolate=isolate)
        try:
            return run(what, lambda: findings(*given), isolate=isolate)
        except PluginCodeError as exc:
            if exc.out_of_time:
                stopped.append(exc.reason)
            if on_failure is not None:
                on_failure(exc)
            raise

    return evolve(rule, check=contained)
