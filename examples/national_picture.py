"""Build the national picture from survey returns and print the headline figures.

Usage: python examples/national_picture.py [RETURNS...]

With no arguments it reads the shipped returns of 105 fictional partnerships
(examples/national-survey/returns.csv), whose figures reproduce the 2022 national study.
"""

from __future__ import annotations

import sys
from pathlib import Path

import lscp_scrutiny as ls

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Print each yes/no question as "N of M (P%)"."""
    paths = (sys.argv[1:] if argv is None else argv) or [str(HERE / "national-survey" / "returns.csv")]
    try:
        picture = ls.national_picture(ls.load_returns(paths))
    except ls.ScrutinyError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"{picture.returns} returns")
    for question in picture.questions:
        figure = question.figure
        share = f"{figure.share:.0%}" if figure.share is not None else "n/a"
        print(f"  {figure.label}: {figure.count} of {figure.of} ({share})")
    chair = picture.chair_also_scrutinises
    print(f"  Independent chairs who also scrutinise: {chair.count} of {chair.of}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
