"""What several benchmarks share: the median of timed runs, and the largest example rated in full."""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = [
    ROOT / "examples" / "plugins" / name / "src" for name in ("lscp-national-outcomes", "lscp-what-works")
]


def median_seconds(function: Callable[[], Any], repeat: int) -> float:
    """The median of ``repeat`` timed calls, after one untimed call (imports, caches, the file cache)."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def interleaved_medians(functions: Sequence[Callable[[], Any]], repeat: int) -> list[float]:
    """The median of ``repeat`` timed calls of each function, the functions taking turns.

    For comparing jobs on a shared machine: a burst of load from elsewhere falls on every job's runs
    alike, not on whichever job happened to be running, as with one job's runs after another's.
    """
    for function in functions:
        function()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            started = time.perf_counter()
            function()
            times[index].append(time.perf_counter() - started)
    return [statistics.median(found) for found in times]


def rated_with_plugins() -> tuple[Any, Any]:
    """The largest example, every criterion of the checklist with both example plugins rated, and it.

    examples/northshire-2026.yaml and the built-in checklist with both example plugins: 66 criteria.
    """
    sys.path[:0] = [str(p) for p in PLUGINS]
    import lscp_scrutiny as ls  # noqa: PLC0415 - after sys.path holds the plugins
    from lscp_scrutiny.testing import registry_with  # noqa: PLC0415

    modules = [importlib.import_module(name) for name in ("lscp_national_outcomes", "lscp_what_works")]
    checklist = registry_with(*modules).checklist("independent-scrutiny")
    assessment = ls.load_assessment(ROOT / "examples" / "northshire-2026.yaml")
    for criterion in checklist.criteria:
        if assessment.response(criterion.id).is_assessed:
            continue
        level = checklist.scale_for(criterion).level_ids[0]
        evidence = [ls.Evidence(kind="document", reference=f"Evidence for {criterion.title}")]
        assessment = ls.rate(
            assessment, checklist, criterion.id, level, evidence=evidence, rated_on=date(2026, 10, 1)
        )
    return assessment, checklist
