"""What the action tracker costs: making one from many returns, and reading the owners' edits back.

Usage: python benchmarks/tracker.py [--returns 50] [--edits 40] [--repeat 3]

``--returns`` Section 11 returns as YAML (12 standards each, an action on each amber or red one, as
``benchmarks/rollup.py`` makes them), written once in a temporary folder; the tracker made from them;
``--edits`` of its rows given a new status. Measured in one process, medians of ``--repeat`` runs
taking turns:

- the floor: ``json.loads`` of every return as JSON;
- reading the returns alone (``ls.load_assessment`` of each YAML file);
- making the tracker (reading each return and writing the workbook);
- reading the tracker back as a dry run (reading the tracker and every return edited, merging);
- reading it back for real, each return edited saved (under its lock, YAML comments kept), the edits
  then undone by copying the returns back, outside the timing.

The last line gives reading back for real against reading the returns it changes alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from _shared import interleaved_medians
from rollup import _returns

AS_OF = date(2026, 12, 1)


def main() -> None:
    """Print the table of medians and ratios."""
    import openpyxl  # noqa: PLC0415

    import lscp_scrutiny as ls  # noqa: PLC0415
    from lscp_scrutiny.core.tracker import tracked_actions  # noqa: PLC0415
    from lscp_scrutiny.io.tracker import SHEET, save_tracker, update_returns  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--returns", type=int, default=50)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    checklist = ls.get_checklist("section-11")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        returns, kept = root / "returns", root / "kept"
        returns.mkdir()
        texts = []
        for number, assessment in enumerate(_returns(ls, args.returns)):
            ls.save_assessment(assessment, returns / f"{number:03d}.yaml", checklist=checklist)
            texts.append(ls.dumps_assessment(assessment, "json"))
        shutil.copytree(returns, kept)
        paths = sorted(returns.iterdir())
        tracker = root / "tracker.xlsx"

        def make(target: Path = root / "made.xlsx") -> None:
            rows: list[Any] = []
            for path in paths:
                rows += tracked_actions(ls.load_assessment(path), f"returns/{path.name}", checklist=checklist)
            save_tracker(rows, target, made_on=AS_OF)

        make(tracker)
        book = openpyxl.load_workbook(tracker)
        sheet = book[SHEET]
        step = max(1, (sheet.max_row - 1) // args.edits)
        edited = list(range(2, sheet.max_row + 1, step))[: args.edits]
        for row in edited:
            sheet.cell(row=row, column=6).value = "Done"
        book.save(tracker)
        changed = {sheet.cell(row=row, column=7).value for row in edited}

        def check(path: Path) -> tuple[Any, Any]:
            return ls.load_assessment(path), checklist

        def for_real() -> None:
            done = update_returns(tracker, check=check)
            assert len(done.changes) == len(edited)
            for name in changed:  # undone, so that every run changes the same
                shutil.copy(kept / Path(str(name)).name, returns / Path(str(name)).name)

        floor, reading, making, dry, real, reading_changed = interleaved_medians(
            [
                lambda: [json.loads(t) for t in texts],
                lambda: [ls.load_assessment(p) for p in paths],
                make,
                lambda: update_returns(tracker, check=check, dry_run=True),
                for_real,
                lambda: [ls.load_assessment(returns / Path(str(n)).name) for n in changed],
            ],
            args.repeat,
        )
    print(
        f"| action tracker of {args.returns} returns, {len(edited)} rows edited in {len(changed)} returns "
        "| median ms | x json.loads |"
    )
    print("|---|--:|--:|")
    for name, seconds in (
        ("json.loads of every return as JSON (the floor)", floor),
        ("reading the returns alone (YAML)", reading),
        ("making the tracker", making),
        ("reading it back, dry run", dry),
        ("reading it back, saving the returns edited", real),
    ):
        print(f"| {name} | {seconds * 1000:.1f} | {seconds / floor:.1f}x |")
    print(
        f"\nReading back for real against reading the {len(changed)} returns it changes alone: "
        f"{real / reading_changed:.2f}x."
    )


if __name__ == "__main__":
    main()
