"""Fuzzing every loader: random and mutated input may only ever give the library's own error.

Runs in CI within a small budget; set ``LSCP_SCRUTINY_FUZZ=long`` for a long local run (thousands of
examples per loader). Inputs that once broke something are kept in ``tests/fuzz_corpus/`` and re-run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from lscp_scrutiny.survey import load_survey_table

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
LONG = os.environ.get("LSCP_SCRUTINY_FUZZ") == "long"
HANG_GUARD = 10.0
"""Seconds a loader may run before the test calls it hung. Not a speed check: each input takes milliseconds,
and how fast bad input is refused is checked in tests/test_performance.py. Only a guard, so that a loader that
never returns fails the test instead of stalling the run."""
FUZZ = settings(
    max_examples=3000 if LONG else 60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = {
    "assessment.yaml": (ROOT / "examples" / "northshire-2025.yaml").read_bytes()[:6000],
    "assessment.json": (ROOT / "examples" / "riverbridge-2026.json").read_bytes()[:6000],
    "checklist.yaml": (ROOT / "checklists" / "independent-scrutiny.yaml").read_bytes()[:6000],
    "returns.csv": (ROOT / "examples" / "national-survey" / "returns.csv").read_bytes()[:3000],
}
LOADERS: dict[str, Callable[[bytes], object]] = {
    "assessment.yaml": lambda data: ls.loads_assessment(data, "yaml"),
    "assessment.json": lambda data: ls.loads_assessment(data, "json"),
    "checklist.yaml": lambda data: ls.loads_checklist(data, "yaml"),
    "checklist.json": lambda data: ls.loads_checklist(data, "json"),
    "partnership.yaml": lambda data: ls.loads_partnership(data, "yaml"),
}


@contextlib.contextmanager
def _never_hangs(seconds: float = HANG_GUARD) -> Iterator[None]:
    """Fail the test, rather than wait for ever, if the block is still running after ``seconds``."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # no interval timer here: the CI job's own time limit is the guard
        return

    def hung(_signal: int, _frame: object) -> None:
        pytest.fail(f"the loader was still running after {seconds:g} s: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _only_our_error(load: Callable[[], object]) -> None:
    """The loader succeeds or raises InvalidInputError with one-line problems; anything else fails."""
    problems: tuple[ls.Problem, ...] = ()
    with _never_hangs():
        try:
            load()
        except ls.InvalidInputError as exc:
            problems = exc.problems or (ls.Problem(source="?", message="\n"),)
    assert all(str(problem) and "\n" not in str(problem) for problem in problems)


@st.composite
def _mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=12))
        elif action == "replace":
            data[where : where + 1] = draw(
                st.sampled_from(
                    [
                        b":",
                        b"-",
                        b"[",
                        b"{",
                        b"'",
                        b'"',
                        b"\n",
                        b"&",
                        b"*",
                        b"!",
                        b"#",
                        b"\t",
                        b"\x00",
                        b"\xff",
                        b"  ",
                    ]
                )
            )
        else:
            end = data.find(b"\n", where)
            data[where:where] = data[where : end if end > 0 else len(data)]
    return bytes(data)


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(kind: str, data: bytes) -> None:
    _only_our_error(lambda: LOADERS[kind](data))


@pytest.mark.parametrize("kind", ["assessment.yaml", "assessment.json", "checklist.yaml"])
@FUZZ
@given(data=st.data())
def test_mutated_files(kind: str, data: st.DataObject) -> None:
    mutated = data.draw(_mutated(SEEDS[kind]))
    _only_our_error(lambda: LOADERS[kind](mutated))


@FUZZ
@given(data=st.data())
def test_mutated_survey_exports(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "returns.csv"
    path.write_bytes(data.draw(_mutated(SEEDS["returns.csv"])))
    _only_our_error(lambda: load_survey_table(path))


@settings(max_examples=300 if LONG else 15, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_spreadsheets(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "returns.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)  # looks like a zip, as a workbook does
    _only_our_error(lambda: load_survey_table(path))


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_corpus_of_past_failures(path: Path) -> None:
    if path.suffix == ".csv":
        _only_our_error(lambda: load_survey_table(path))
    else:
        _only_our_error(lambda: ls.load_assessment(path))
