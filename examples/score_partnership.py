"""Score a partnership from Python: load an assessment, evaluate it, and print what matters.

Usage: python examples/score_partnership.py [ASSESSMENT] [--as-of YYYY-MM-DD]

With no argument it scores the shipped example examples/northshire-2026.yaml.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import lscp_scrutiny as ls

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Print the overall score, the weakest section and the overdue actions of one assessment."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("assessment", nargs="?", default=HERE / "northshire-2026.yaml", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)

    try:
        assessment = ls.load_assessment(args.assessment)
        checklist = ls.get_checklist(assessment.checklist.id)
        summary = ls.evaluate(assessment, checklist, as_of=args.as_of)
    except ls.ScrutinyError as exc:  # every error the library raises on purpose
        print(f"Error: {exc}", file=sys.stderr)
        return 2

    overall = summary.overall
    print(
        f"{summary.partnership}: {overall.points}/{overall.max_points} points "
        f"({overall.score:.0%}) over {overall.criteria - overall.not_assessed - overall.not_applicable} "
        f"rated criteria"
        if overall.score is not None
        else f"{summary.partnership}: nothing rated yet"
    )
    for group in summary.questions:
        score = "not scored" if group.tally.score is None else f"{group.tally.score:.0%}"
        print(f"  {group.id.upper():5} {score}")
    scored = [s for s in summary.sections if s.tally.score is not None]
    if scored:
        weakest = min(scored, key=lambda s: s.tally.score or 0.0)
        print(f"Weakest section: {weakest.title} ({weakest.tally.score:.0%})")
    overdue = [a for a in summary.actions if a.overdue]
    print(f"Overdue actions: {len(overdue)}")
    for action in overdue:
        print(f"  - {action.description} ({action.owner or 'no owner'}, due {action.due})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
