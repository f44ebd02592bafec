"""What migrating costs: a 1.0.0 assessment carried to the checklist as it is now, against reading it.

Usage: python benchmarks/migration.py [--repeat 51]

The 1.0.0 Northshire example (tests/migration/1.0.0/northshire-2026.yaml, 48 responses, 90 pieces of
evidence) and the built-in checklist as it is now. Measured in one process, medians of ``--repeat`` runs:

- the floor: ``json.loads`` of the same assessment as JSON text;
- loading it (JSON) and checking it against the checklist, what every command does first;
- ``ls.migrate`` on the loaded assessment (the work of ``lscp-scrutiny migrate`` between reading and
  writing);
- ``ls.migrate`` and then ``ls.evaluate`` of the migrated assessment.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from _shared import median_seconds

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "tests" / "migration" / "1.0.0" / "northshire-2026.yaml"


def main() -> None:
    """Print the table of medians and ratios to ``json.loads``."""
    import lscp_scrutiny as ls  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=51)
    args = parser.parse_args()
    assessment = ls.load_assessment(OLD)
    checklist = ls.get_checklist(assessment.checklist.id)
    text = ls.dumps_assessment(assessment, "json")
    as_of = date(2026, 11, 27)

    def load_and_check() -> object:
        loaded = ls.loads_assessment(text, "json")
        return ls.check(loaded, checklist)

    rows = [
        ("json.loads of the assessment (the floor)", lambda: json.loads(text)),
        (f"load (JSON) and check against {checklist.version}", load_and_check),
        ("migrate", lambda: ls.migrate(assessment, checklist)),
        (
            "migrate, then evaluate",
            lambda: ls.evaluate(ls.migrate(assessment, checklist).assessment, checklist, as_of=as_of),
        ),
    ]
    floor = median_seconds(rows[0][1], args.repeat)
    print(f"| {OLD.relative_to(ROOT)} to {checklist.id} {checklist.version} | median ms | x json.loads |")
    print("|---|--:|--:|")
    for name, function in rows:
        seconds = floor if function is rows[0][1] else median_seconds(function, args.repeat)
        print(f"| {name} | {seconds * 1000:.2f} | {seconds / floor:.1f}x |")


if __name__ == "__main__":
    main()
