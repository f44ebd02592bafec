"""Fuzzing every loader: random and mutated input may only ever give the library's own error.

Runs in CI within a small budget; set ``LSCP_SCRUTINY_FUZZ=long`` for a long local run (thousands of
examples per loader). Inputs that once broke something are kept in ``tests/fuzz_corpus/`` and re-run.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from lscp_scrutiny.survey import load_survey_table
from lscp_scrutiny.workbook import read_workbook, write_workbook
from test_hostile_workbooks import dimension, rewrite, survey_export

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


# --- hostile workbooks: built here by rewriting the XML of a workbook lscp-scrutiny wrote ---------


@functools.cache
def _workbook() -> bytes:
    checklist = ls.get_checklist("independent-scrutiny")
    assessment = ls.load_assessment(ROOT / "examples" / "northshire-2025.yaml")
    return write_workbook(assessment, checklist)


@functools.cache
def _parts(data: bytes) -> tuple[str, ...]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return tuple(name for name in archive.namelist() if name.endswith((".xml", ".rels")))


_NUMBERS = st.one_of(
    st.integers(-2, 20),
    st.integers(10_000, 10_002),
    st.integers(1_048_575, 1_048_577),
    st.sampled_from([2**31, 2**64]),
).map(str) | st.sampled_from(["", "x", "1.0", "1e3", " 7", "\u0667", "-0"])
_COLUMNS = st.sampled_from(["A", "B", "F", "Z", "AA", "XFD", "XFE", "ZZZ", "AAAA", "a", "", "1"])


_STRUCTURE = ["dimension", "row", "cell", "swap", "nest", "cut"]
"""What open_workbook itself guards against, whichever reader then reads the rows."""


@st.composite
def _hostile(draw: st.DrawFn, data: bytes, edits: list[str]) -> bytes:
    """A workbook with one part made hostile: a lying dimension, odd row or cell numbers, rows out of
    order, deep nesting, a cut, mutated bytes, or a shared-string table that does not fit."""
    parts = list(_parts(data))
    sheets = [p for p in parts if p.startswith("xl/worksheets/sheet")]
    edit = draw(st.sampled_from(edits))
    part = draw(st.sampled_from(sheets if edit != "bytes" else parts))
    extra: dict[str, bytes] = {}
    if edit == "dimension":
        ref = f"{draw(_COLUMNS)}{draw(_NUMBERS)}:{draw(_COLUMNS)}{draw(_NUMBERS)}"
        edited = {part: dimension(ref)}
    elif edit == "row":
        number, which = draw(_NUMBERS).encode(), draw(st.integers(0, 5))
        edited = {part: lambda xml: _nth(xml, rb'<row r="\d+"', b'<row r="' + number + b'"', which)}
    elif edit == "cell":
        cell, which = f"{draw(_COLUMNS)}{draw(_NUMBERS)}".encode(), draw(st.integers(0, 20))
        edited = {part: lambda xml: _nth(xml, rb'<c r="[A-Z]+\d+"', b'<c r="' + cell + b'"', which)}
    elif edit == "swap":
        edited = {part: lambda xml: xml.replace(b'<row r="2"', b'<row r="0"', 1)}
    elif edit == "nest":
        depth = draw(st.sampled_from([50, 99, 101, 5000]))
        edited = {part: lambda xml: xml.replace(b"</t>", b"<r>" * depth + b"</r>" * depth + b"</t>", 1)}
    elif edit == "cut":
        fraction = draw(st.floats(0, 1))
        edited = {part: lambda xml: xml[: int(len(xml) * fraction)]}
    elif edit == "strings":
        count, index = draw(st.sampled_from([0, 3, 100_001])), draw(st.integers(-1, 5))
        extra["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (b"<si><t>x</t></si>" * count)
            + b"</sst>"
        )
        cell = b'<c r="A1" t="s"><v>' + str(index).encode() + b"</v></c>"
        edited = {
            "[Content_Types].xml": lambda xml: xml.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            ),
            part: lambda xml: re.sub(rb'<c r="A1"[^>]*(/>|>.*?</c>)', lambda _m: cell, xml, count=1),
        }
    else:  # bytes
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            changed = draw(_mutated(archive.read(part)))
        edited = {part: lambda _xml: changed}
    return rewrite(data, edited, extra)


def _nth(xml: bytes, pattern: bytes, replacement: bytes, which: int) -> bytes:
    found = list(re.finditer(pattern, xml))
    if not found:
        return xml
    match = found[which % len(found)]
    return xml[: match.start()] + replacement + xml[match.end() :]


@settings(max_examples=600 if LONG else 40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_assessment_workbooks(data: st.DataObject) -> None:
    hostile = data.draw(_hostile(_workbook(), [*_STRUCTURE, "bytes", "strings"]))
    _only_our_error(lambda: read_workbook(hostile, source="fuzz.xlsx"))


@settings(max_examples=300 if LONG else 20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_survey_exports(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "returns.xlsx"
    path.write_bytes(data.draw(_hostile(_survey_export(), [*_STRUCTURE, "bytes", "strings"])))
    _only_our_error(lambda: load_survey_table(path))


@functools.cache
def _survey_export() -> bytes:
    return survey_export(8)
