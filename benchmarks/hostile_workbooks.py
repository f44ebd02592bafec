"""Reading hostile workbooks: time and peak memory of each, as ratios to reading a normal workbook.

Usage: python benchmarks/hostile_workbooks.py [--src DIR] [--memory MiB] [--timeout SECONDS]

Each hostile workbook is built here (by the builders in tests/test_hostile_workbooks.py, which rewrite the
XML of a workbook lscp-scrutiny's writer made, or of a survey export openpyxl made) and read in a child
process of its own, with its address space capped (``--memory``, 2 GiB by default) and a time limit
(``--timeout``, 20 s): a case that blows either is reported as such, never left to run. The child times
the read alone (not starting Python) and reports its peak resident memory; each is given as a ratio to
the same reader reading a normal workbook of the same checklist (or a normal survey export) in the same
run. ``--src`` reads with another copy of the source, such as a release before these limits, to compare.
Prints a Markdown table; finishes in well under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.workbook import read_workbook, is_assessment_workbook
from lscp_scrutiny.survey import load_survey_table, read_national
import openpyxl  # imported before the clock starts: the floor is reading, not importing
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    if kind == "workbook":
        found = read_workbook(data, source="a.xlsx").assessment
        outcome = f"read: {sum(len(r.evidence) for r in found.responses)} evidence items"
    elif kind == "survey":
        outcome = f"read: {len(load_survey_table(path))} returns"
    else:
        outcome = "read: " + str(len(read_national([path])[1])) + " returns"
except InvalidInputError as exc:
    outcome = "refused: " + "; ".join(p.message for p in exc.problems)[:90]
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "before": before, "peak": peak, "outcome": outcome}))
"""


def _measure(
    kind: str, data: bytes, folder: Path, *, src: Path, memory: int, timeout: float
) -> dict[str, object]:
    path = folder / f"case-{time.monotonic_ns()}.xlsx"
    path.write_bytes(data)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "LSCP_SCRUTINY_DISABLE_PLUGINS": "*",
        "MALLOC_ARENA_MAX": "2",
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, kind, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"still running after {timeout:g} s (stopped)"}
    finally:
        path.unlink()
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"outcome": f"crashed: {last[:90]}"}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _cases() -> list[tuple[str, str, str, Callable[[], bytes]]]:
    """(item, case, reader, build) for each case; the first of each reader is its normal workbook."""
    import io  # noqa: PLC0415
    import re  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    import lscp_scrutiny as ls  # noqa: PLC0415
    import test_hostile_workbooks as H  # noqa: N812, PLC0415
    from lscp_scrutiny.workbook import write_workbook  # noqa: PLC0415

    checklist = ls.get_checklist("independent-scrutiny")
    normal = write_workbook(ls.load_assessment(ROOT / "examples" / "northshire-2025.yaml"), checklist)
    with zipfile.ZipFile(io.BytesIO(normal)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        evidence = archive.read(H.SHEETS["Evidence"])
        evidence_size = archive.getinfo(H.SHEETS["Evidence"]).file_size
    free = H.first_free_row(evidence)
    scales_row = H.hidden_key_row(normal, "scales")

    def rows(count: int) -> bytes:  # as H.evidence_rows makes them, by a template: 600,000 in a second
        template = (
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>who.published-model</t></is></c>'
            b'<c r="B%d" t="inlineStr"><is><t>Document</t></is></c>'
            b'<c r="C%d" t="inlineStr"><is><t>Report %d</t></is></c></row>'
        )
        xml = b"".join(template % ((n,) * 5) for n in range(free, free + count))
        return H.rewrite(normal, {H.SHEETS["Evidence"]: H.add_rows(xml)})

    def returns(count: int) -> bytes:  # a survey export grown by its own rows' XML, not by openpyxl
        template = (
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Partnership %d</t></is></c>'
            b'<c r="B%d" t="inlineStr"><is><t>yes</t></is></c></row>'
        )
        xml = b"".join(template % ((n,) * 4) for n in range(152, 152 + count))
        return H.rewrite(survey, {"xl/worksheets/sheet1.xml": H.add_rows(xml)})

    def strings(count: int) -> bytes:
        table, declare = H.shared_strings(count)
        return H.rewrite(normal, {"[Content_Types].xml": declare}, {"xl/sharedStrings.xml": table})

    def huge_part() -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            H._huge_workbook_xml(Path(folder) / "big.xlsx", 272 * 1024 * 1024)  # noqa: SLF001
            return (Path(folder) / "big.xlsx").read_bytes()

    def far_right(xml: bytes) -> bytes:
        return re.sub(
            rb"(<row r=\"(\d+)\"[^>]*>.*?)(</row>)",
            lambda m: m[1] + b'<c r="XFD' + m[2] + b'"><v>1</v></c>' + m[3],
            xml,
        )

    def broken(xml: bytes) -> bytes:
        return xml.replace(b"</row>", b"</rwo>", 2)

    survey = H.survey_export(150)
    deep_json = H.rewrite(
        normal,
        {H.SHEETS["lscp-scrutiny"]: lambda xml: H.set_cell_text(xml, f"B{scales_row}", b"[" * 30_000)},
    )
    deep_xml = H.rewrite(
        normal,
        {
            H.SHEETS["lscp-scrutiny"]: lambda xml: H.set_cell_text(
                xml, f"B{scales_row}", b"<r>" * 30_000 + b"</r>" * 30_000
            )
        },
    )
    return [
        ("-", "normal assessment workbook (the floor)", "workbook", lambda: normal),
        (
            "8",
            "every sheet declares A1:XFD1048576",
            "workbook",
            lambda: H.rewrite(normal, dict.fromkeys(sheets, H.dimension("A1:XFD1048576"))),
        ),
        (
            "9",
            "Evidence declares A1:F2 (stale)",
            "workbook",
            lambda: H.rewrite(normal, {H.SHEETS["Evidence"]: H.dimension("A1:F2")}),
        ),
        (
            "9",
            "Evidence rows out of order",
            "workbook",
            lambda: H.rewrite(
                normal, {H.SHEETS["Evidence"]: lambda x: x.replace(b'<row r="3"', b'<row r="1"', 1)}
            ),
        ),
        (
            "10",
            "a part 4x larger than declared",
            "workbook",
            lambda: H.lie_about_size(H.rewrite(normal, {}), H.SHEETS["Evidence"], evidence_size // 4),
        ),
        ("10", "xl/workbook.xml unpacks to 272 MiB (national)", "national", huge_part),
        ("11", "evidence up to row 10,000 (the limit: read)", "workbook", lambda: rows(10_000 - free + 1)),
        ("11", "evidence up to row 10,001 (one past the limit)", "workbook", lambda: rows(10_001 - free + 1)),
        ("11", "600,000 evidence rows", "workbook", lambda: rows(600_000)),
        ("11", "1,500,000 unused shared strings", "workbook", lambda: strings(1_500_000)),
        (
            "11",
            "a value in column XFD on every row",
            "workbook",
            lambda: H.rewrite(normal, {H.SHEETS["Evidence"]: far_right}),
        ),
        ("15", "scales nested 30,000 deep (JSON)", "workbook", lambda: deep_json),
        ("15", "hidden sheet XML nested 30,000 deep", "workbook", lambda: deep_xml),
        ("-", "normal survey export, 150 returns (the floor)", "survey", lambda: survey),
        (
            "9",
            "survey export declaring A1:C2 (stale)",
            "survey",
            lambda: H.rewrite(survey, {"xl/worksheets/sheet1.xml": H.dimension("A1:C2")}),
        ),
        (
            "8",
            "survey export declaring A1:XFD1048576",
            "survey",
            lambda: H.rewrite(survey, {"xl/worksheets/sheet1.xml": H.dimension("A1:XFD1048576")}),
        ),
        (
            "11",
            "survey export of 10,000 returns (one past the limit)",
            "survey",
            lambda: returns(10_001 - 151),
        ),
        (
            "15",
            "survey export with broken XML",
            "survey",
            lambda: H.rewrite(survey, {"xl/worksheets/sheet1.xml": broken}),
        ),
    ]


def main() -> None:
    """Build each case, read it in a capped child, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the lscp_scrutiny source to read with"
    )
    parser.add_argument("--memory", type=int, default=2048, help="address space of each child, MiB")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds each child may run")
    args = parser.parse_args()
    started = time.perf_counter()
    floors: dict[str, dict[str, object]] = {}
    print(f"Reading with {args.src}; each child capped at {args.memory} MiB and {args.timeout:g} s.\n")
    print("| Item | Case | Size | What happened | Time (x normal) | Peak memory (x normal) |")
    print("| --- | --- | ---: | --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for item, case, kind, build in _cases():
            data = build()
            result = _measure(
                kind, data, Path(folder), src=args.src, memory=args.memory * 2**20, timeout=args.timeout
            )
            floor = floors.setdefault("workbook" if kind == "national" else kind, result)
            time_ratio = memory_ratio = "-"
            if "seconds" in result and "seconds" in floor:
                time_ratio = f"{float(result['seconds']) / float(floor['seconds']):.1f}"  # type: ignore[arg-type]
                memory_ratio = f"{int(result['peak']) / int(floor['peak']):.1f}"  # type: ignore[call-overload]
            size = f"{len(data) / 1024:,.0f} KiB"
            print(f"| {item} | {case} | {size} | {result['outcome']} | {time_ratio} | {memory_ratio} |")
    for kind, floor in floors.items():
        if "seconds" in floor:
            print(
                f"\nFloor ({kind}): {float(floor['seconds']) * 1000:.0f} ms to read, "  # type: ignore[arg-type]
                f"{int(floor['peak']) // 1024} MiB peak resident memory (Python and the imports included)."  # type: ignore[call-overload]
            )
    print(f"\nWhole run: {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
