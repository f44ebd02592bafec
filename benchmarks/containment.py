"""What containing plugin code costs: a rule run directly, in a worker thread and in a forked process.

Usage: python benchmarks/containment.py [--repeat 15]

Two tables, measured in the same run:

1. One call of a trivial validation rule (it returns one finding) on the northshire example: called
   directly (the floor), contained in a worker thread, and contained in a forked process (what a
   plugin's rule gets on Linux). Medians in microseconds, and each as a ratio to the direct call.
2. ``validate`` of the northshire example and ``national`` over examples/national-assessments/, each
   run as a command: with every plugin left out, then with one installed plugin that has that rule
   (a module and its dist-info on PYTHONPATH). Medians in milliseconds, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northshire-2026.yaml"
NATIONAL = ROOT / "examples" / "national-assessments"

PLUGIN = """
import lscp_scrutiny as ls

def _check(assessment, checklist):
    return [ls.Finding(message="checked")]

@ls.hookimpl
def lscp_scrutiny_validation_rules():
    return [ls.ValidationRule(id="bench.trivial", description="Returns one finding.", check=_check)]
"""


def _median_us(call: Callable[[], object], repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def per_call(repeat: int) -> str:
    """The first table: one rule call, three ways."""
    import lscp_scrutiny as ls  # noqa: PLC0415 - the benchmark's subject
    from lscp_scrutiny.plugins import contain  # noqa: PLC0415

    def check(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[ls.Finding]:
        return [ls.Finding(message="checked")]

    rule = ls.ValidationRule(id="bench.trivial", description="One finding.", check=check)
    checklist = ls.get_checklist("independent-scrutiny")
    assessment = ls.load_assessment(EXAMPLE)
    in_thread = contain.contained_rule(rule, isolate=False)
    in_process = contain.contained_rule(rule, isolate=True)
    rows = {
        "called directly (floor)": _median_us(lambda: list(check(assessment, checklist)), repeat * 20),
        "contained in a worker thread": _median_us(
            lambda: list(in_thread.check(assessment, checklist)), repeat * 20
        ),
    }
    if contain.CAN_ISOLATE:
        rows["contained in a forked process"] = _median_us(
            lambda: list(in_process.check(assessment, checklist)), repeat * 4
        )
    floor = rows["called directly (floor)"]
    lines = [
        "| one call of a trivial rule | median, µs | ratio to the direct call |",
        "|---|--:|--:|",
        *(f"| {name} | {us:,.0f} | {us / floor:,.0f} |" for name, us in rows.items()),
    ]
    return "\n".join(lines)


def _median_ms(command: list[str], env: dict[str, str], repeat: int) -> float:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def commands(repeat: int) -> str:
    """The second table: commands without plugins, and with one plugin's rule."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "bench_rule_plugin.py").write_text(PLUGIN, encoding="utf-8")
        info = folder / "bench_rule_plugin-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bench-rule-plugin\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text("[lscp_scrutiny]\nbench_rule = bench_rule_plugin\n")
        path = os.pathsep.join([str(folder), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        without = {**os.environ, "PYTHONPATH": path, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
        with_rule = {**without, "LSCP_SCRUTINY_DISABLE_PLUGINS": ""}
        tool = [sys.executable, "-m", "lscp_scrutiny"]
        runs = {
            "`validate examples/northshire-2026.yaml`": [*tool, "validate", str(EXAMPLE)],
            f"`national` over {len(list(NATIONAL.iterdir()))} assessments": [
                *tool,
                "national",
                str(NATIONAL),
                "--format",
                "json",
            ],
        }
        lines = [
            "| command | no plugins, ms | one plugin rule (forked per assessment), ms | ratio |",
            "|---|--:|--:|--:|",
        ]
        for name, command in runs.items():
            base = _median_ms(command, without, repeat)
            ruled = _median_ms(command, with_rule, repeat)
            lines.append(f"| {name} | {base:.0f} | {ruled:.0f} | {ruled / base:.2f} |")
    return "\n".join(lines)


def main() -> None:
    """Print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    version = sys.version.split()[0]
    print(f"Plugin containment, medians of {args.repeat} runs (more for single calls), Python {version}\n")
    print(per_call(args.repeat))
    print()
    print(commands(args.repeat))


if __name__ == "__main__":
    main()
