"""A regression guard for speed: ratios to floors measured in the same run, with generous bounds.

Never absolute times: the machines are shared and noisy. The figures themselves are in
docs/performance.md (``python benchmarks/all.py``); these bounds only catch a change that makes
something several times slower, or makes growth worse than linear.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lscp_scrutiny as ls

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from national import _returns  # noqa: E402
from run import make_assessments  # noqa: E402


def _median(function: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _process(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, *args], check=True, capture_output=True)


def test_import_costs_no_more_than_its_libraries() -> None:
    floor = _median(_process("-c", "import attrs, cattrs, pluggy"))
    ours = _median(_process("-c", "import lscp_scrutiny"))
    assert ours / floor < 1.5  # target 1.1; measured about 0.4


def test_version_and_help_stay_close_to_a_bare_click_app() -> None:
    floor = _median(_process(str(BENCHMARKS / "_click_app.py"), "--help"))
    version = _median(_process("-m", "lscp_scrutiny", "--version"))
    helped = _median(_process("-m", "lscp_scrutiny", "--help"))
    assert version / floor < 2.0  # target 1.5; measured about 1.1
    assert helped / floor < 2.0  # measured about 1.2


def test_loading_json_stays_within_a_bound_of_json_loads() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    docs = make_assessments(checklist, 150)
    floor = _median(lambda: [json.loads(doc) for doc in docs])
    ours = _median(lambda: [ls.loads_assessment(doc, "json") for doc in docs])
    assert ours / floor < 12  # target 1.5, not met: measured about 4 (see docs/performance.md)


def test_national_aggregation_grows_linearly() -> None:
    small, large = _returns(2000), _returns(20000)
    ratio = _median(lambda: ls.national_picture(large), 3) / _median(lambda: ls.national_picture(small), 3)
    assert ratio < 20  # tenfold data; linear is 10


def test_evaluation_grows_linearly() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    docs = make_assessments(checklist, 200)
    loaded = [ls.loads_assessment(doc, "json") for doc in docs]
    one = _median(lambda: [ls.evaluate(a, checklist) for a in loaded[:20]], 3)
    ten = _median(lambda: [ls.evaluate(a, checklist) for a in loaded], 3)
    assert ten / one < 20  # tenfold data; linear is 10


def test_workbook_write_and_read_stay_close_to_openpyxl_itself() -> None:
    from workbook import _assessment, _plain_workbook  # noqa: PLC0415 - the benchmark's own set-up

    from lscp_scrutiny.workbook import read_workbook, write_workbook  # noqa: PLC0415

    assessment, checklist = _assessment()
    data = write_workbook(assessment, checklist)
    plain_write, plain_read = _plain_workbook(137, 10)
    plain = plain_write()
    write = _median(lambda: write_workbook(assessment, checklist))
    read = _median(lambda: read_workbook(data))
    assert write / _median(plain_write) < 20  # measured about 6x
    assert read / _median(lambda: plain_read(plain)) < 10  # measured about 2.6x
