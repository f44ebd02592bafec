"""How the national picture scales, and ``lscp-scrutiny national`` over a real collection of files.

Usage: python benchmarks/national.py [--repeat 3] [--max-returns 100000] [--max-assessments 10000]
[--files 150] [--return-files 137] [--cli-repeat 3]

1. Aggregation in memory: survey returns at 1k/10k/100k and assessments at 1k/10k. Each size is timed
   (median) with its peak memory (tracemalloc), next to a floor in the same run: a plain Python loop
   counting the same yes/no answers from dictionaries. Growth should be linear: the time per item stays
   flat as the size grows tenfold.
2. The command over files, as a user runs it: ``lscp-scrutiny national FOLDER --format json`` in a fresh
   process (plugins disabled, bytecode cached after a warm-up run), over ``--files`` fully rated
   assessments of the built-in checklist (150: every English partnership) written by the library's own
   writer as YAML (with its checklist, so with the guidance comments a real file has), as JSON and as
   workbooks, and over ``--return-files`` survey returns as YAML partnership files (137, the size
   issue 14 measured). Median wall time and CPU time of the child process, and the YAML/JSON and
   workbook/JSON ratios of each (issue 14 asks YAML within 1.5x of JSON): on a shared machine the CPU
   ratio is the steadier one. The files are written once per run into a temporary folder, in parallel
   (a workbook takes about 150 ms to write, a commented YAML file about 120 ms); ``--files 10
   --return-files 10`` is enough to see that it works, ``--files 0`` leaves the table out.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


def _write_assessments(job: tuple[Path, list[bytes], int]) -> None:
    """Write assessments (JSON bytes) as YAML, JSON and a workbook each, numbered from ``start``."""
    folder, docs, start = job
    checklist = ls.get_checklist("independent-scrutiny")
    for n, doc in enumerate(docs, start=start):
        assessment = ls.loads_assessment(doc, "json")
        for kind in ("yaml", "json", "xlsx"):
            ls.save_assessment(assessment, folder / kind / f"partnership-{n:03}.{kind}", checklist=checklist)


def write_collection(folder: Path, assessments: int, returns: int) -> dict[str, Path]:
    """``assessments`` as YAML, JSON and workbooks, and ``returns`` partnership files, in ``folder``."""
    kinds = {
        "yaml": folder / "yaml",
        "json": folder / "json",
        "xlsx": folder / "xlsx",
        "returns": folder / "returns",
    }
    for path in kinds.values():
        path.mkdir()
    docs = make_assessments(ls.get_checklist("independent-scrutiny"), assessments)
    workers = max(1, os.cpu_count() or 1)
    step = -(-len(docs) // workers) or 1
    jobs = [(folder, docs[i : i + step], i) for i in range(0, len(docs), step)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_write_assessments, jobs))
    for n, partnership in enumerate(_returns(returns)):
        text = ls.dumps_partnership(partnership, "yaml")
        (kinds["returns"] / f"partnership-{n:03}.yaml").write_text(text, encoding="utf-8")
    return kinds


def _run_cli(folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``lscp-scrutiny national FOLDER --format json`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lscp_scrutiny", "national", str(folder), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli_table(assessments: int, returns: int, repeat: int) -> list[str]:
    """Markdown rows: the command over each collection, median of ``repeat`` fresh processes."""
    env = {**os.environ, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
    header = "| `lscp-scrutiny national` (fresh process, `--format json`) | files | wall, ms | CPU, ms |"
    rows = [f"{header} per file, ms | x JSON | x JSON, CPU |", "|---|--:|--:|--:|--:|--:|--:|"]
    with tempfile.TemporaryDirectory(prefix="lscp-national-") as tmp:
        kinds = write_collection(Path(tmp), assessments, returns)
        measured: dict[str, tuple[float, float]] = {}
        for kind, folder in kinds.items():
            _run_cli(folder, env)  # warm-up: bytecode, file system cache
            runs = [_run_cli(folder, env) for _ in range(repeat)]
            measured[kind] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        floor_runs = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "lscp_scrutiny", "--version"], check=True, capture_output=True, env=env
            )
            floor_runs.append(time.perf_counter() - started)
    json_wall, json_cpu = measured["json"]
    names = {
        "yaml": f"{assessments} full assessments as YAML (written with their checklist's comments)",
        "json": f"{assessments} full assessments as JSON",
        "xlsx": f"{assessments} full assessments as workbooks (.xlsx)",
        "returns": f"{returns} survey returns as YAML partnership files",
    }
    for kind, (wall, cpu) in measured.items():
        count = returns if kind == "returns" else assessments
        ratio = f"{wall / json_wall:.2f} | {cpu / json_cpu:.2f}" if kind != "returns" else " |"
        per_file = wall / count * 1000
        rows.append(
            f"| {names[kind]} | {count} | {wall * 1000:.0f} | {cpu * 1000:.0f} | {per_file:.1f} | {ratio} |"
        )
    floor = statistics.median(floor_runs[1:]) * 1000
    rows.append(f"| start-up floor: `lscp-scrutiny --version` | | {floor:.0f} | | | | |")
    return rows


def main() -> None:
    """Print Markdown tables of the national aggregation at growing sizes, and of the command over files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-returns", type=int, default=100_000)
    parser.add_argument("--max-assessments", type=int, default=10_000)
    parser.add_argument(
        "--files", type=int, default=150, help="assessments written as files (0: no such table)"
    )
    parser.add_argument("--return-files", type=int, default=137)
    parser.add_argument("--cli-repeat", type=int, default=3)
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
    print("| Assessments | aggregate, s | per 1k, ms | peak MiB | load + evaluate first, s |")
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
    if args.files:
        print()
        print("\n".join(cli_table(args.files, args.return_files, args.cli_repeat)))


if __name__ == "__main__":
    main()
