"""Benchmarks for lscp-scrutiny, each measured against its floor in the same run, as ratios.

Usage: python benchmarks/run.py [--assessments 1000] [--repeat 5]

1. Start-up: ``python -c pass``; importing attrs + cattrs + pluggy (the floor ``import lscp_scrutiny`` is
   held to); ``import lscp_scrutiny``; a one-command click app's ``--help``; ``lscp-scrutiny --help`` and
   ``--version``. Median wall time of fresh interpreters.
2. Bulk: N assessments of the built-in checklist (each fully rated, with evidence and actions), as JSON
   bytes in memory. ``json.loads`` of all of them (the floor) against the library's load (parse, check
   types, build objects), load + check against the checklist, and load + check + evaluate.

Machines here are shared and noisy: read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import lscp_scrutiny as ls

HERE = Path(__file__).resolve().parent
CLICK_APP = HERE / "_click_app.py"
EXAMPLE = HERE.parent / "examples" / "northshire-2026.yaml"


def _env() -> dict[str, str]:
    """The children's environment: bytecode written and used, as an installed package has it.

    Some machines (this project's CI among them) set ``PYTHONDONTWRITEBYTECODE``; a source checkout is
    then compiled afresh on every start, which an installed wheel never is (pip writes its bytecode), and
    start-up would be measured with a cost no user pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("LSCP_SCRUTINY_DISABLE_PLUGINS", "*")
    return env


def _wall(command: list[str], repeat: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=_env(), cwd=cwd)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup(repeat: int) -> list[tuple[str, float, str]]:
    """Median start-up times of fresh interpreters, with each one's ratio to its floor.

    The everyday commands run on the shipped example (and its JSON copy), output piped, as a script
    runs them; each is measured against a one-command click app's ``--help``, the least a click tool
    can cost.
    """
    py = sys.executable
    cli = [py, "-m", "lscp_scrutiny"]
    example = str(EXAMPLE)
    work = Path(tempfile.mkdtemp(prefix="lscp-bench-"))
    as_json = work / "northshire-2026.json"
    as_json.write_text(ls.dumps_assessment(ls.load_assessment(EXAMPLE), "json"), encoding="utf-8")
    as_of = ["--as-of", "2026-11-27"]
    rows = {
        "python -c pass": [py, "-c", "pass"],
        "import attrs, cattrs, pluggy (floor for the import)": [py, "-c", "import attrs, cattrs, pluggy"],
        "import lscp_scrutiny": [py, "-c", "import lscp_scrutiny"],
        "import lscp_scrutiny + first use of its loaders": [
            py,
            "-c",
            "from lscp_scrutiny import loads_assessment, evaluate, check",
        ],
        "one-command click app --help (floor for the CLI)": [py, str(CLICK_APP), "--help"],
        "lscp-scrutiny --help": [*cli, "--help"],
        "lscp-scrutiny --version": [*cli, "--version"],
        "lscp-scrutiny validate (the YAML example)": [*cli, "validate", example],
        "lscp-scrutiny validate (its JSON copy)": [*cli, "validate", str(as_json)],
        "lscp-scrutiny report (terminal, piped)": [*cli, "report", example, *as_of],
        **{
            f"lscp-scrutiny report --format {fmt}": [*cli, "report", example, "--format", fmt, *as_of]
            for fmt in ("markdown", "html", "csv", "json")
        },
        "lscp-scrutiny show independent-scrutiny": [*cli, "show", "independent-scrutiny"],
        "lscp-scrutiny new independent-scrutiny -o a.yaml": [
            *[*cli, "new", "independent-scrutiny", "-o", str(work / "a.yaml")],
            *["--force", "--date", "2026-11-27", "--partnership", "Northshire"],
        ],
        "lscp-scrutiny convert (YAML to JSON)": [
            *cli,
            "convert",
            example,
            "-o",
            str(work / "b.json"),
            "--force",
        ],
    }
    for command in rows.values():  # warm the file system cache, and write bytecode where it is missing
        subprocess.run(command, check=True, capture_output=True, env=_env())
    measured = {name: _wall(command, repeat) for name, command in rows.items()}
    import_floor = measured["import attrs, cattrs, pluggy (floor for the import)"]
    cli_floor = measured["one-command click app --help (floor for the CLI)"]
    out = []
    for name, seconds in measured.items():
        if name.startswith("import lscp_scrutiny"):
            ratio = f"{seconds / import_floor:.2f}x the import floor"
        elif name.startswith("lscp-scrutiny"):
            ratio = f"{seconds / cli_floor:.2f}x the CLI floor"
        else:
            ratio = ""
        out.append((name, seconds, ratio))
    return out


def make_assessments(checklist: ls.Checklist, count: int, seed: int = 7) -> list[bytes]:
    """``count`` fully rated assessments as JSON bytes, the same for the same seed."""
    rng = random.Random(seed)
    kinds = list(ls.EvidenceKind)
    statuses = list(ls.ActionStatus)
    docs = []
    for n in range(count):
        assessment = ls.start_assessment(
            checklist, f"Partnership {n}", f"Assessor {n}", assessed_on=date(2026, 10, 1)
        )
        responses = []
        for criterion in checklist.criteria:
            # Weighted to the top two levels of the criterion's own scale, so plugins' scales work too.
            levels = [level.id for level in checklist.scale_for(criterion).levels]
            rating = rng.choice([*levels, *levels[:2], ls.NOT_APPLICABLE])
            evidence = tuple(
                ls.Evidence(
                    kind=rng.choice(kinds),
                    reference=f"Document {rng.randrange(1000)}, para {i}",
                    collected_on=date(2026, 9, 1) + timedelta(days=rng.randrange(30)),
                )
                for i in range(rng.randrange(0, 4))
            )
            actions = tuple(
                ls.Action(
                    description=f"Action {i} for {criterion.id}",
                    owner="Business manager",
                    due=date(2026, 12, 1) + timedelta(days=rng.randrange(200)),
                    status=rng.choice(statuses),
                )
                for i in range(rng.choice([0, 0, 0, 1, 2]))
            )
            responses.append(
                ls.Response(
                    criterion=criterion.id,
                    rating=rating,
                    evidence=evidence,
                    actions=actions,
                    justification="Does not apply to our model" if rating == ls.NOT_APPLICABLE else None,
                    notes="Discussed at the executive." if rng.random() < 0.3 else None,
                    rated_on=date(2026, 9, 30),
                    criterion_fingerprint=criterion.fingerprint,
                )
            )
        assessment = ls.Assessment(
            checklist=assessment.checklist,
            partnership=assessment.partnership,
            assessor=assessment.assessor,
            assessed_on=assessment.assessed_on,
            responses=tuple(responses),
        )
        docs.append(ls.dumps_assessment(assessment, "json").encode("utf-8"))
    return docs


def timed(function: Callable[[], Any], repeat: int) -> tuple[float, int]:
    """Median seconds over ``repeat`` runs, and peak traced memory of one extra run."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak


def _held(step: Callable[[bytes], Any], docs: list[bytes]) -> Callable[[], list[Any]]:
    return lambda: [step(doc) for doc in docs]


def _streamed(step: Callable[[bytes], Any], docs: list[bytes]) -> Callable[[], None]:
    def run() -> None:
        for doc in docs:
            step(doc)

    return run


def bulk(count: int, repeat: int) -> list[tuple[str, float, int, float]]:
    """Load, check and evaluate ``count`` assessments, each step against ``json.loads``.

    Each step runs twice: "held" keeps every result, as a bulk job that aggregates does (the garbage
    collector then walks a growing heap); "streamed" drops each result once made.
    """
    checklist = ls.get_checklist("independent-scrutiny")
    docs = make_assessments(checklist, count)
    checklist_hash = ls.content_hash(checklist)
    as_of = date(2026, 11, 27)

    def load_check(doc: bytes) -> ls.Assessment:
        assessment = ls.loads_assessment(doc, "json")
        assert not ls.check(assessment, checklist)
        return assessment

    def load_check_evaluate(doc: bytes) -> ls.Summary:
        return ls.evaluate(load_check(doc), checklist, as_of=as_of, checklist_hash=checklist_hash)

    steps: list[tuple[str, Callable[[bytes], Any]]] = [
        ("json.loads (floor)", json.loads),
        ("load (parse + types + objects)", lambda doc: ls.loads_assessment(doc, "json")),
        ("load + check", load_check),
        ("load + check + evaluate", load_check_evaluate),
    ]
    rows = []
    for mode in ("held", "streamed"):
        base = None
        for name, step in steps:
            seconds, peak = timed(_held(step, docs) if mode == "held" else _streamed(step, docs), repeat)
            base = base or seconds
            rows.append((f"{name}, {mode}", seconds, peak, seconds / base))
    return rows


def single(repeat: int) -> list[tuple[str, float, float]]:
    """One real assessment file: YAML and JSON loading, and rendering, against ``json.loads``."""
    import io  # noqa: PLC0415

    import yaml  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415

    from lscp_scrutiny.codec.text import parse  # noqa: PLC0415
    from lscp_scrutiny.render.json import render_json  # noqa: PLC0415
    from lscp_scrutiny.render.terminal import render_report  # noqa: PLC0415

    raw_yaml = EXAMPLE.read_bytes()
    assessment = ls.loads_assessment(raw_yaml, "yaml")
    raw_json = ls.dumps_assessment(assessment, "json").encode("utf-8")
    checklist = ls.get_checklist(assessment.checklist.id)
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))

    def terminal() -> None:
        Console(file=io.StringIO(), width=80, color_system=None).print(render_report(summary))

    from lscp_scrutiny.core.comparison import compare  # noqa: PLC0415
    from lscp_scrutiny.render.csv import render_csv  # noqa: PLC0415
    from lscp_scrutiny.render.html import render_html  # noqa: PLC0415
    from lscp_scrutiny.render.markdown import render_markdown  # noqa: PLC0415

    earlier = ls.evaluate(
        ls.load_assessment(HERE.parent / "examples" / "northshire-2025.yaml"),
        checklist,
        as_of=date(2026, 11, 27),
    )

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("json.loads (floor)", lambda: json.loads(raw_json)),
        (
            "parse the YAML file (fast reader: libyaml's events, plain data)",
            lambda: parse(raw_yaml, "yaml", "f"),
        ),
        (
            "parse the YAML file (round-trip reader, kept for writing back)",
            lambda: parse(raw_yaml, "yaml", "f", keep_comments=True),
        ),
        (
            "PyYAML's CSafeLoader, for comparison (no checks)",
            lambda: yaml.load(raw_yaml, Loader=yaml.CSafeLoader),
        ),
        ("load the JSON file", lambda: ls.loads_assessment(raw_json, "json")),
        ("load the YAML file (parse, check, build)", lambda: ls.loads_assessment(raw_yaml, "yaml")),
        ("render the JSON summary", lambda: render_json(summary)),
        ("render the terminal report (80 columns)", terminal),
        ("render Markdown", lambda: render_markdown(summary)),
        ("render HTML", lambda: render_html(summary)),
        ("render CSV", lambda: render_csv(summary)),
        ("compare with the 2025 assessment", lambda: compare(earlier, summary)),
    ]
    rows = []
    base = None
    for name, step in steps:
        seconds, _ = timed(step, repeat)
        base = base or seconds
        rows.append((name, seconds, seconds / base))
    return rows


def main() -> None:
    """Run every benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--startup-repeat", type=int, default=15)
    args = parser.parse_args()
    criteria = len(ls.get_checklist("independent-scrutiny").criteria)

    print(
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, lscp-scrutiny {ls.__version__}, "
        f"{args.assessments} assessments x {criteria} responses, "
        f"median of {args.repeat} runs\n"
    )
    print("| Start-up | median ms | ratio |")
    print("|---|--:|---|")
    for name, seconds, ratio in startup(args.startup_repeat):
        print(f"| {name} | {seconds * 1000:.0f} | {ratio} |")
    print()
    print("| One file: examples/northshire-2026.yaml | median ms | x json.loads |")
    print("|---|--:|--:|")
    for step, seconds, times in single(max(args.repeat, 20)):
        print(f"| {step} | {seconds * 1000:.2f} | {times:.1f} |")
    print()
    print(
        f"| Bulk, {args.assessments} assessments from JSON bytes | median s | peak MiB held | x json.loads |"
    )
    print("|---|--:|--:|--:|")
    for step, seconds, peak, times in bulk(args.assessments, args.repeat):
        print(f"| {step} | {seconds:.3f} | {peak / 2**20:.1f} | {times:.2f} |")


if __name__ == "__main__":
    main()
