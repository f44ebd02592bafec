"""The Word report beside the HTML report: ``report -o x.docx`` against ``report -o x.html``, same run.

Usage: python benchmarks/docx_report.py [--repeat 9]

The assessment is the largest example, examples/northshire-2026.yaml (54 criteria),
with ``--compare examples/northshire-2025.yaml`` as well in a second pair of rows. Each command runs cold,
in a fresh interpreter, as a user runs it (start-up, reading the file and, for Word, importing python-docx
and lxml included): the median of ``--repeat`` runs after one warm-up run. Then the two renderers
in-process, on the summary already evaluated. The target is Word within 2x HTML, for the commands. Prints
Markdown tables.

(Not ``benchmarks/docx.py``: run as a script, its folder comes first on ``sys.path``, and a file named
``docx.py`` there would be imported in place of python-docx.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from _shared import median_seconds

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT / "examples" / "northshire-2026.yaml"
EARLIER = ROOT / "examples" / "northshire-2025.yaml"
TARGET = 2.0


def commands(repeat: int) -> list[tuple[str, float, float]]:
    """Each pair of commands, cold: (what, seconds for HTML, seconds for Word)."""
    env = {**os.environ, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    python = [sys.executable, "-m", "lscp_scrutiny", "report", str(LARGEST), "--as-of", "2026-11-27"]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for what, extra in (("`report`", []), ("`report --compare`", ["--compare", str(EARLIER)])):
            timings = []
            for suffix in ("html", "docx"):
                out = Path(work) / f"x.{suffix}"
                command = [*python, *extra, "-o", str(out), "--force"]

                def once(command: list[str] = command) -> None:
                    subprocess.run(command, check=True, capture_output=True, env=env)

                timings.append(median_seconds(once, repeat))
            rows.append((what, timings[0], timings[1]))
    return rows


def in_process(repeat: int) -> tuple[float, float]:
    """The renderers alone, on the evaluated summary: (HTML seconds, Word seconds)."""
    import lscp_scrutiny as ls  # noqa: PLC0415
    from lscp_scrutiny.render.docx import render_docx  # noqa: PLC0415
    from lscp_scrutiny.render.html import render_html  # noqa: PLC0415

    assessment = ls.load_assessment(LARGEST)
    summary = ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=date(2026, 11, 27))
    return median_seconds(lambda: render_html(summary), repeat * 5), median_seconds(
        lambda: render_docx(summary), repeat
    )


def main() -> None:
    """Time both reports; print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    print(f"| {LARGEST.name}, fresh interpreter | `-o x.html` ms | `-o x.docx` ms | docx / html | target |")
    print("|---|--:|--:|--:|---|")
    for what, html, word in commands(args.repeat):
        ratio = word / html
        met = "met" if ratio <= TARGET else "not met"
        print(f"| {what} | {html * 1000:.0f} | {word * 1000:.0f} | {ratio:.2f}x | {TARGET:g}x: {met} |")
    print()
    html, word = in_process(args.repeat)
    print("| Renderer, in-process, summary evaluated | median ms |")
    print("|---|--:|")
    print(f"| `render_html` | {html * 1000:.1f} |")
    print(f"| `render_docx` (python-docx already imported) | {word * 1000:.1f} |")


if __name__ == "__main__":
    main()
