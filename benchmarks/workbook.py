"""Writing and reading an assessment workbook: the built-in checklist with both example plugins (56 criteria).

Usage: python benchmarks/workbook.py [--repeat 15]

The assessment is examples/northshire-2026.yaml with the eight plugin criteria rated too (one piece of
evidence each). Each step is timed in-process (median of ``--repeat`` runs, after one warm-up run) beside
two floors measured in the same run: ``json.loads`` of the same assessment as JSON, and openpyxl itself
writing and reading a plain workbook with the same number of filled cells and no styles, checks or
protection. Then the commands, cold, in fresh interpreters: ``new -o FILE.xlsx`` and ``validate
FILE.xlsx`` (which include start-up and importing openpyxl). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _shared import median_seconds, rated_with_plugins

ROOT = Path(__file__).resolve().parent.parent


def _plain_workbook(rows: int, columns: int) -> tuple[Callable[[], bytes], Callable[[bytes], int]]:
    import openpyxl  # noqa: PLC0415

    def write() -> bytes:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in range(rows):
            sheet.append([f"cell {row}.{column}" for column in range(columns)])
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    def read(data: bytes) -> int:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        count = sum(1 for sheet in book.worksheets for row in sheet.iter_rows() for _ in row)
        book.close()
        return count

    return write, read


def in_process(repeat: int) -> tuple[int, list[tuple[str, float, str]]]:
    """The library's write and read beside json.loads and plain openpyxl."""
    from lscp_scrutiny.codec.documents import dumps_assessment  # noqa: PLC0415
    from lscp_scrutiny.io.workbook import read_workbook, write_workbook  # noqa: PLC0415

    assessment, checklist = rated_with_plugins()
    data = write_workbook(assessment, checklist)
    assert read_workbook(data).assessment == assessment
    text = dumps_assessment(assessment, "json")
    filled = sum(
        1
        for sheet in __import__("openpyxl").load_workbook(io.BytesIO(data), read_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if getattr(cell, "value", None) is not None
    )
    plain_write, plain_read = _plain_workbook(filled // 10, 10)
    plain = plain_write()
    loads = median_seconds(lambda: json.loads(text), repeat * 20)
    write = median_seconds(lambda: write_workbook(assessment, checklist), repeat)
    read = median_seconds(lambda: read_workbook(data), repeat)
    floor_write = median_seconds(plain_write, repeat)
    floor_read = median_seconds(lambda: plain_read(plain), repeat)
    return len(checklist.criteria), [
        ("json.loads of the same assessment (floor)", loads, "1"),
        (
            "write_workbook",
            write,
            f"{write / loads:,.0f}x json.loads; {write / floor_write:.2f}x plain openpyxl",
        ),
        ("read_workbook", read, f"{read / loads:,.0f}x json.loads; {read / floor_read:.2f}x plain openpyxl"),
        (f"plain openpyxl: write {filled:,} text cells (floor)", floor_write, ""),
        (f"plain openpyxl: read {filled:,} cells, read-only (floor)", floor_read, ""),
    ]


def commands(repeat: int) -> list[tuple[str, float]]:
    """The commands, cold, with whatever plugins are installed (none if not)."""
    env = {k: v for k, v in os.environ.items() if k != "LSCP_SCRUTINY_DISABLE_PLUGINS"}
    python = [sys.executable, "-m", "lscp_scrutiny"]
    timings = []
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "a.xlsx"
        steps = {
            "`new independent-scrutiny -o a.xlsx`": [
                *python,
                "new",
                "independent-scrutiny",
                "--partnership",
                "P",
                "-o",
                str(out),
                "--force",
            ],
            "`validate a.xlsx`": [*python, "validate", str(out)],
            "`python -c pass` (floor)": [sys.executable, "-c", "pass"],
        }
        for name, command in steps.items():

            def once(command: list[str] = command) -> None:
                subprocess.run(command, check=True, capture_output=True, env=env)

            timings.append((name, median_seconds(once, repeat)))
    return timings


def main() -> None:
    """Time writing and reading the workbook; print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    criteria, rows = in_process(args.repeat)
    print(
        f"| Workbook, {criteria} criteria (built-in + both example plugins), in-process | median ms | ratio |"
    )
    print("|---|--:|---|")
    for name, seconds, ratio in rows:
        print(f"| {name} | {seconds * 1000:.2f} | {ratio} |")
    print()
    print("| Commands, fresh interpreter (installed plugins loaded) | median ms |")
    print("|---|--:|")
    for name, seconds in commands(max(3, args.repeat // 3)):
        print(f"| {name} | {seconds * 1000:.0f} |")


if __name__ == "__main__":
    main()
