"""Compare a partnership's assessments of two years and list what got worse.

Usage: python examples/compare_years.py [EARLIER] [LATER]

With no arguments it compares the shipped Northshire examples (2025 and 2026). Exits 3 when any
criterion got worse, like ``lscp-scrutiny report --compare --fail-on-worse``.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import lscp_scrutiny as ls

HERE = Path(__file__).resolve().parent


def _summary(path: Path) -> ls.Summary:
    assessment = ls.load_assessment(path)
    return ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=date(2026, 11, 27))


def main(argv: list[str] | None = None) -> int:
    """Print the score then and now, and every criterion that got worse."""
    args = sys.argv[1:] if argv is None else argv
    earlier = Path(args[0]) if args else HERE / "northshire-2025.yaml"
    later = Path(args[1]) if len(args) > 1 else HERE / "northshire-2026.yaml"
    try:
        result = ls.compare(_summary(earlier), _summary(later))
    except ls.ScrutinyError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    comparison = result.comparison
    assert comparison is not None  # noqa: S101 - compare always attaches one
    print(f"{result.partnership}: {comparison.score_before:.0%} then, {comparison.score_after:.0%} now")
    print(
        f"Improved {comparison.counts['improved']}, worsened {comparison.counts['worsened']}, "
        f"newly assessed {comparison.counts['newly_assessed']}"
    )
    for change in comparison.criteria:
        if change.change is ls.Change.WORSENED:
            print(f"  worse: {change.title} ({change.before} -> {change.after})")
    return 3 if comparison.worsened else 0


if __name__ == "__main__":
    sys.exit(main())
