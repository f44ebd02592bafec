"""The reports of the shipped examples, pinned: terminal at 80 columns without colour, JSON, Markdown, HTML.

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
