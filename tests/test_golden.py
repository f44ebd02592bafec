"""The reports of the shipped examples, pinned: terminal at 80 columns without colour, JSON, Markdown, HTML.

The terminal report is pinned at 120 columns too, and so is the report of a plugin's 4-level scale (the
What Works example's evidence strength as it was at 1.0.0, frozen in tests/test_terminal_width.py)
beside the built-in one, at 80 and 120: its roll-up is the one that has to give up room to fit (see tests/test_terminal_width.py for every width from 60 to 160).

When a change to the output is intended, regenerate the golden files and review the diff:

``LSCP_SCRUTINY_REGENERATE=1 pytest tests/test_golden.py``
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

import lscp_scrutiny as ls
from lscp_scrutiny.comparison import compare
from lscp_scrutiny.render.html import render_html
from lscp_scrutiny.render.json import render_json
from lscp_scrutiny.render.markdown import render_markdown
from lscp_scrutiny.render.terminal import render_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = date(2026, 11, 27)
ASSESSMENTS = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".yaml", ".json"})


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LSCP_SCRUTINY_REGENERATE"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with LSCP_SCRUTINY_REGENERATE=1"
    assert actual == path.read_text(encoding="utf-8")


def _summary(name: str) -> ls.Summary:
    assessment = ls.load_assessment(EXAMPLES / name)
    return ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=AS_OF)


def test_there_are_examples() -> None:
    assert len(ASSESSMENTS) >= 3


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_terminal_report(name: str) -> None:
    console = Console(file=io.StringIO(), width=80, color_system=None, legacy_windows=False, highlight=False)
    console.print(render_report(_summary(name)))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in output.splitlines()) <= 80
    assert "…" not in output  # nothing is cut short
    _compare(f"{Path(name).stem}.terminal.txt", output)


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_json_report(name: str) -> None:
    _compare(f"{Path(name).stem}.summary.json", render_json(_summary(name)))


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_markdown_report(name: str) -> None:
    _compare(f"{Path(name).stem}.md", render_markdown(_summary(name)))


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_html_report(name: str) -> None:
    _compare(f"{Path(name).stem}.html", render_html(_summary(name)))


def _terminal(summary: ls.Summary, width: int) -> str:
    """The terminal report at ``width``, never cropped (a line too long shows as too long)."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, legacy_windows=False, highlight=False
    )
    console.print(render_report(summary), crop=False)
    output: str = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in output.splitlines()) <= width
    return output


def test_terminal_report_at_120_columns() -> None:
    output = _terminal(_summary("northshire-2026.yaml"), 120)
    assert "…" not in output
    _compare("northshire-2026.terminal-120.txt", output)


def _four_level_summary() -> ls.Summary:
    """Northshire 2026 with a plugin's 4-level scale, three of its criteria rated.

    The plugin is the one tests/test_terminal_width.py freezes for its layout tests (the What Works
    example as it was at 1.0.0), so these golden files do not move when the example plugin changes.
    """
    from test_terminal_width import four_level_summary  # noqa: PLC0415 - shared with the layout tests

    return four_level_summary()


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_report_of_a_four_level_plugin_scale(width: int) -> None:
    _compare(f"northshire-2026-what-works.terminal-{width}.txt", _terminal(_four_level_summary(), width))


def test_comparison_reports() -> None:
    later = compare(_summary("northshire-2025.yaml"), _summary("northshire-2026.yaml"))
    console = Console(file=io.StringIO(), width=80, color_system=None, legacy_windows=False, highlight=False)
    console.print(render_report(later), crop=False)
    _compare("northshire-2026-since-2025.terminal.txt", console.file.getvalue())  # type: ignore[attr-defined]
    _compare("northshire-2026-since-2025.md", render_markdown(later))


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_examples_are_clean_against_the_shipped_checklist(name: str) -> None:
    summary = _summary(name)
    assert not summary.checklist.changed
    assert not any(f.kind is ls.FlagKind.STALE_RATING for f in summary.flags)
