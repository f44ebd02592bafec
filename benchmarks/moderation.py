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
from datetime import date
from pathlib import Path
from typing import Any

from _shared import median_seconds, rated_with_plugins

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 27)


def _assessments(count: int) -> tuple[list[Any], Any]:
    import lscp_scrutiny as ls  # noqa: PLC0415

    base, checklist = rated_with_plugins()
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

    floor = median_seconds(one_by_one, args.repeat)
    ours = median_seconds(moderated, args.repeat)
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
