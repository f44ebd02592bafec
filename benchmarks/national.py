"""How the national picture scales: survey returns at 1k/10k/100k and assessments at 1k/10k.

Usage: python benchmarks/national.py [--repeat 3] [--max-returns 100000] [--max-assessments 10000]

Each size is timed (median) with its peak memory (tracemalloc), next to a floor in the same run: a plain
Python loop counting the same yes/no answers from dictionaries. Growth should be linear: the time per
item stays flat as the size grows tenfold.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import lscp_scrutiny as ls
from lscp_scrutiny.core.national import QUESTIONS, national_picture

sys.path.insert(0, str(Path(__file__).parent))
from run import make_assessments, timed


def _returns(count: int, seed: int = 1) -> list[ls.Partnership]:
    rng = random.Random(seed)
    methods, areas = list(ls.ScrutinyMethod), list(ls.ScrutinyArea)

    def answer() -> bool | None:
        return rng.choice([True, False, None])

    out = []
    for n in range(count):
        scrutineers = answer()
        chair = answer()
        out.append(
            ls.Partnership(
                name=f"Partnership {n}",
                scrutiny=ls.ScrutinyArrangement(
                    independent_scrutineers=scrutineers,
                    scrutineer_count=rng.choice([1, 2]) if scrutineers else None,
                    independent_chair=chair,
                    chair_also_scrutinises=answer() if chair else None,
                    scrutiny_panel=answer(),
                    children_in_scrutiny_role=answer(),
                    in_partnership_peer_review=answer(),
                    between_partnership_peer_review=answer(),
                    six_steps_framework=answer(),
                    methods=rng.sample(methods, rng.randrange(len(methods))),
                    areas=rng.sample(areas, rng.randrange(6)),
                ),
            )
        )
    return out


def _floor(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """The least the job can cost: counting yes and answered per question over plain dictionaries."""
    result = {}
    for attribute, _, _ in QUESTIONS:
        answered = [row[attribute] for row in rows if row[attribute] is not None]
        result[attribute] = (sum(1 for a in answered if a), len(answered))
    return result


def main() -> None:
    """Print Markdown tables of the national aggregation at growing sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-returns", type=int, default=100_000)
    parser.add_argument("--max-assessments", type=int, default=10_000)
    args = parser.parse_args()
    print("| Survey returns | aggregate, s | per 1k, ms | peak MiB | floor, s | x floor |")
    print("|--:|--:|--:|--:|--:|--:|")
    size = 1000
    while size <= args.max_returns:
        returns = _returns(size)
        rows = [{a: getattr(r.scrutiny, a) for a, _, _ in QUESTIONS} for r in returns]
        seconds, peak_bytes = timed(partial(national_picture, returns), args.repeat)
        peak = peak_bytes / 2**20
        floor, _ = timed(partial(_floor, rows), args.repeat)
        print(
            f"| {size:,} | {seconds:.3f} | {seconds / size * 1e6:.1f} | {peak:.1f} | {floor:.3f} | "
            f"{seconds / floor:.1f} |"
        )
        size *= 10
    print()
    print("| Assessments (48 responses) | aggregate, s | per 1k, ms | peak MiB | load + evaluate first, s |")
    print("|--:|--:|--:|--:|--:|")
    checklist = ls.get_checklist("independent-scrutiny")
    size = 1000
    while size <= args.max_assessments:
        docs = make_assessments(checklist, size)
        started = time.perf_counter()
        summaries = [
            ls.evaluate(ls.loads_assessment(doc, "json"), checklist, as_of=date(2026, 11, 27)) for doc in docs
        ]
        prepared = time.perf_counter() - started
        seconds, peak_bytes = timed(partial(national_picture, [], summaries), args.repeat)
        peak = peak_bytes / 2**20
        print(f"| {size:,} | {seconds:.3f} | {seconds / size * 1e6:.1f} | {peak:.1f} | {prepared:.1f} |")
        size *= 10


if __name__ == "__main__":
    main()
