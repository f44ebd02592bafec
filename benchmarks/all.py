"""Run every benchmark and write their tables into docs/performance.md.

Usage: python benchmarks/all.py [--quick]

Runs benchmarks/run.py (start-up, one file, bulk loading), benchmarks/national.py (aggregation at
growing sizes), benchmarks/plugins_startup.py (start-up with and without the example plugins),
benchmarks/workbook.py (writing and reading an assessment workbook), benchmarks/containment.py (what
running a plugin's rule in a thread or a forked process costs), benchmarks/moderation.py (moderating
ten assessments against reporting them one by one), benchmarks/migration.py, benchmarks/rollup.py
(agencies' returns as workbooks against JSON), benchmarks/tracker.py (making an action tracker and
reading it back) and benchmarks/hostile_workbooks.py
(hostile workbooks against a normal one), in turn, and replaces the text
between the ``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->`` markers of
docs/performance.md with what they printed. ``--quick`` runs smaller sizes (for a check that
they work, not for figures).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = HERE.parent / "docs" / "performance.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def _run(script: str, *args: str) -> str:
    env = {**os.environ, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    result = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


def main() -> int:
    """Run the benchmarks; write the tables into docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    quick = args.quick
    sections = [
        _run(
            "run.py", *(["--assessments", "100", "--repeat", "2", "--startup-repeat", "3"] if quick else [])
        ),
        _run(
            "national.py",
            *(
                [
                    *["--max-returns", "1000", "--max-assessments", "100", "--repeat", "1"],
                    *["--files", "10", "--return-files", "10"],
                ]
                if quick
                else []
            ),
        ),
        _run("plugins_startup.py", *(["--repeat", "2"] if quick else [])),
        _run("workbook.py", *(["--repeat", "2"] if quick else [])),
        _run("containment.py", *(["--repeat", "2"] if quick else [])),
        _run("moderation.py", *(["--repeat", "2"] if quick else [])),
        _run("migration.py", *(["--repeat", "2"] if quick else [])),
        _run("rollup.py", *(["--returns", "20", "--repeat", "1"] if quick else [])),
        _run("tracker.py", *(["--returns", "5", "--edits", "4", "--repeat", "1"] if quick else [])),
        _run("hostile_workbooks.py"),
    ]
    machine = (
        f"Measured on {date.today().isoformat()}: {os.cpu_count()} cores, {platform.machine()}, "  # noqa: DTZ011
        f"{platform.system()} {platform.release()}, CPython {platform.python_version()}."
    )
    block = "\n\n".join([machine, *sections])
    print(block)
    if not quick:
        text = PAGE.read_text(encoding="utf-8")
        if START in text and END in text:
            before, rest = text.split(START, 1)
            _, after = rest.split(END, 1)
            PAGE.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
