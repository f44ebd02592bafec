"""What moderating costs: ten assessments of one partnership compared, against reporting each one.

Usage: python benchmarks/moderation.py [--repeat 9] [--assessors 10]

The built-in checklist with both example plugins (56 criteria), the Northshire example rated on every
criterion, and ten assessors who each move a different handful of ratings. Measured in one process,
medians of ``--repeat`` runs:

- the floor: each assessment evaluated and rendered as JSON, one by one (what ten ``report`` runs do
  in-process);
- ``moderate`` over the ten, then rendered as JSON (what ``lscp-scrutiny moderate --format json``
  does after reading the files).

The target (issue 15): moderating within 2x the floor.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = [
    ROOT / "examples" / "plugins" / name / "src" for name in ("lscp-national-outcomes", "lscp-what-works")
]
AS_OF = date(2026, 11, 27)


def _median(function: Callable[[], Any], repeat: int) -> float:
    function()  # warm up: imports, caches, compiled readers
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _assessments(count: int) -> tuple[list[Any], Any]:
    sys.path[:0] = [str(p) for p in PLUGINS]
    import lscp_scrutiny as ls  # noqa: PLC0415 - after sys.path holds the plugins
    from lscp_scrutiny.testing import registry_with  # noqa: PLC0415

    modules = [importlib.import_module(name) for name in ("lscp_national_outcomes", "lscp_what_works")]
    checklist = registry_with(*modules).checklist("independent-scrutiny")
    base = ls.load_assessment(ROOT / "examples" / "northshire-2026.yaml")
    for criterion in checklist.criteria:  # every criterion rated, the plugins' too
        if not base.response(criterion.id).is_assessed:
            level = checklist.scale_for(criterion).level_ids[0]
            base = ls.rate(base, checklist, criterion.id, level, rated_on=date(2026, 10, 1))
    found = []
    criteria = list(checklist.criteria)
    for n in range(count):
        assessment = base
        for criterion in criteria[n::count][:5]:  # each assessor moves a different handful
            levels = checklist.scale_for(criterion).level_ids
            assessment = ls.rate(assessment, checklist, criterion.id, levels[-1], rated_on=date(2026, 10, 1))
        found.append(
            ls.Assessment(
                checklist=assessment.checklist,
                partnership=assessment.partnership,
                assessor=ls.Assessor(name=f"Assessor {n + 1}", role="peer_review_between_partnerships"),
                assessed_on=assessment.assessed_on,
                responses=assessment.responses,
            )
        )
    return found, checklist


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--assessors", type=int, default=10)
    args = parser.parse_args()
    assessments, checklist = _assessments(args.assessors)
    import lscp_scrutiny as ls  # noqa: PLC0415
    from lscp_scrutiny.render.json import render_json  # noqa: PLC0415
    from lscp_scrutiny.render.moderation import render_moderation_json  # noqa: PLC0415

    def one_by_one() -> None:
        for assessment in assessments:
            render_json(ls.evaluate(assessment, checklist, as_of=AS_OF))

    def moderated() -> None:
        render_moderation_json(ls.moderate(assessments, checklist, as_of=AS_OF))

    floor = _median(one_by_one, args.repeat)
    ours = _median(moderated, args.repeat)
    print(
        f"Moderation: {len(assessments)} assessments of {len(checklist.criteria)} criteria, "
        f"medians of {args.repeat} runs, in one process"
    )
    print()
    print("| what | median ms | x floor |")
    print("|---|--:|--:|")
    print(f"| evaluate and render each as JSON, one by one (floor) | {floor * 1000:.1f} | 1.00 |")
    print(f"| `moderate` the {len(assessments)}, rendered as JSON | {ours * 1000:.1f} | {ours / floor:.2f} |")


if __name__ == "__main__":
    main()
