"""The executive summary: chosen from the summary alone, the same page in every output, and pinned.

The ``summary`` HTML of every example (and of Northshire 2026 compared with 2025) is a golden file. When a
change to it is intended, regenerate with ``LSCP_SCRUTINY_REGENERATE=1`` and review the diff; note that the
variable rewrites every golden file of every test it runs with, tests/test_golden.py's included.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.comparison import compare
from lscp_scrutiny.core.publication import make_public
from lscp_scrutiny.render.executive import (
    MAX_AREAS,
    MAX_OWNERS,
    MAX_STRENGTHS,
    SCALE_COLOURS,
    Executive,
    executive,
)
from lscp_scrutiny.render.html import render_html, render_summary_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = date(2026, 11, 27)
ASSESSMENTS = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".yaml", ".json"})
MARKER = "SECRET-MARKER-5c1e"
Capsys = pytest.CaptureFixture[str]


def _summary(name: str) -> ls.Summary:
    assessment = ls.load_assessment(EXAMPLES / name)
    return ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=AS_OF)


def _compared() -> ls.Summary:
    return compare(_summary("northshire-2025.yaml"), _summary("northshire-2026.yaml"))


def _four_level() -> ls.Summary:
    from test_golden import _four_level_summary  # noqa: PLC0415 - the What Works plugin's 4-level scale

    return _four_level_summary()


def _every_summary() -> list[tuple[str, ls.Summary]]:
    summaries = [(name, _summary(name)) for name in ASSESSMENTS]
    summaries.append(("northshire-2026-since-2025", _compared()))
    summaries += [(f"{name} public", make_public(summary)) for name, summary in summaries[:]]
    return summaries


SUMMARIES = _every_summary()


def _compare_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LSCP_SCRUTINY_REGENERATE"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with LSCP_SCRUTINY_REGENERATE=1"
    assert actual == path.read_text(encoding="utf-8")


def _results(summary: ls.Summary) -> list[ls.CriterionResult]:
    return [result for section in summary.sections for result in section.criteria]


# --- every figure agrees with the summary ----------------------------------------------------------------


def check_against_summary(page: Executive, summary: ls.Summary) -> None:
    """Every number on the page is the summary's (shared with tests/test_docx.py)."""
    overall = summary.overall
    assert (page.points, page.max_points) == (overall.points, overall.max_points)
    assert page.criteria == overall.criteria
    assert (page.not_applicable, page.not_assessed) == (overall.not_applicable, overall.not_assessed)
    assert page.rated == sum(overall.counts.values())
    tallies = [group.tally for group in summary.questions]
    assert [bar.label for bar in page.bars] == [group.id.upper() for group in summary.questions]
    for bar, tally in [*zip(page.bars, tallies, strict=True), (page.overall, overall)]:
        levels = [s for s in bar.segments if s.level is not None]
        assert [s.level for s in levels] == [level.id for level in summary.levels]
        assert [s.count for s in levels] == [tally.counts.get(level.id, 0) for level in summary.levels]
        assert [s.count for s in bar.segments[-2:]] == [tally.not_applicable, tally.not_assessed]
        assert sum(s.count for s in bar.segments) == tally.criteria == bar.criteria
    rated = [r for r in _results(summary) if r.points is not None and r.max_points]
    top = [r for r in rated if r.points == r.max_points]
    assert page.strengths_total == len(top)
    assert page.areas_total == len(rated) - len(top)
    assert page.strengths_total + page.areas_total == page.rated
    assert len(page.strengths) <= MAX_STRENGTHS
    assert len(page.areas) <= MAX_AREAS
    assert len(page.owners) <= MAX_OWNERS
    assert sum(row.open for row in page.owners) == summary.open_actions == page.open_actions
    assert sum(row.overdue for row in page.owners) == summary.overdue_actions == page.overdue_actions
    by_id = {r.id: r for r in _results(summary)}
    for strength in page.strengths:
        assert by_id[strength.id].points == by_id[strength.id].max_points
        assert len(strength.evidence_kinds) == len(by_id[strength.id].evidence_kinds)
    for area in page.areas:
        result = by_id[area.id]
        assert (area.open_actions, area.overdue_actions) == (result.open_actions, result.overdue_actions)
        assert area.rating == result.rating_label
    assert (page.changes is None) == (summary.comparison is None)
    if summary.comparison is not None and page.changes is not None:
        counts = dict(page.changes.counts)
        assert sum(counts.values()) == len(summary.comparison.criteria)
        assert page.changes.actions_opened == len(summary.comparison.actions_opened)
        assert page.changes.actions_closed == len(summary.comparison.actions_closed)


@pytest.mark.parametrize(
    "summary", [summary for _, summary in SUMMARIES], ids=[name for name, _ in SUMMARIES]
)
def test_every_figure_is_the_summarys(summary: ls.Summary) -> None:
    check_against_summary(executive(summary), summary)


def test_a_four_level_plugin_scale() -> None:
    summary = _four_level()
    page = executive(summary)
    check_against_summary(page, summary)
    assert len(page.overall.segments) == len(summary.levels) + 2
    assert any(s.label == "Strong" for s in page.overall.segments)


def test_the_northshire_page() -> None:
    page = executive(_summary("northshire-2026.yaml"))
    assert page.headline == "66% (61 of 92 points)"
    assert [[s.count for s in bar.segments] for bar in page.bars] == [
        [6, 4, 0, 0, 2],
        [6, 6, 1, 0, 4],
        [6, 15, 2, 1, 1],
    ]
    assert (page.strengths_total, page.more_strengths) == (18, 18 - MAX_STRENGTHS)
    assert (page.areas_total, page.more_areas) == (28, 28 - MAX_AREAS)
    assert [area.rating for area in page.areas[:3]] == ["Not met"] * 3  # the lowest first
    kinds = [len(s.evidence_kinds) for s in page.strengths]
    assert kinds == sorted(kinds, reverse=True)  # the most kinds of evidence first
    assert page.owners[0].owner == "Partnership business manager"
    assert page.owners[-1].owner == "6 other owners"  # past MAX_OWNERS - 1, together
    assert page.overall.segments[0].colour == SCALE_COLOURS["green"]


def test_changes_since_the_earlier_year() -> None:
    page = executive(_compared())
    assert page.changes is not None
    assert page.changes.since == "2025-10-15"
    assert (page.changes.score_before, page.changes.score_after) == ("57%", "66%")
    assert ("Worsened", 5) in page.changes.counts
    assert len(page.changes.worsened) + page.changes.more_worsened == 5


def test_nothing_rated_yet(checklist: ls.Checklist) -> None:
    summary = ls.evaluate(ls.start_assessment(checklist, "P", "A"), checklist, as_of=AS_OF)
    page = executive(summary)
    assert page.headline == "none rated"
    assert (page.strengths, page.areas, page.owners) == ((), (), ())
    html = render_summary_html(summary)
    assert "None rated at the top of the scale." in html
    assert "No open actions." in html


# --- the HTML: its own format, and the report's first page -----------------------------------------------


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_summary_html_golden(name: str) -> None:
    _compare_golden(f"{Path(name).stem}.executive.html", render_summary_html(_summary(name)))


def test_summary_html_golden_compared() -> None:
    _compare_golden("northshire-2026-since-2025.executive.html", render_summary_html(_compared()))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    "summary", [summary for _, summary in SUMMARIES], ids=[name for name, _ in SUMMARIES]
)
def test_summary_html_shows_the_figures(summary: ls.Summary) -> None:
    page = executive(summary)
    html = render_summary_html(summary)
    text = _text(html)
    assert html.count("<h1>") == 1
    assert "<script" not in html
    assert page.headline in text
    assert f"Strengths ({page.strengths_total})" in text
    assert f"Areas for development ({page.areas_total})" in text
    assert (f"All owners {page.open_actions} {page.overdue_actions}" in text) == bool(page.owners)
    assert ("Public version" in text) == summary.public
    assert ("Changes since" in text) == (summary.comparison is not None)


def test_the_report_starts_with_the_summary_then_breaks_the_page() -> None:
    summary = _summary("northshire-2026.yaml")
    html = render_html(summary)
    main = html[html.index("<main>") :]
    assert main.startswith('<main><section class="executive" aria-labelledby="executive">')
    assert main.index('id="executive"') < main.index('id="rollup"')
    assert "break-after: page" in html
    # the same page as the summary format, below the report's own header
    body = render_summary_html(summary)
    assert _text(body[body.index('<p class="headline">') : body.index("</main>")]) in _text(html)


def test_restricted_text_never_reaches_the_summary(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    first = checklist.criteria[0].id
    marked = ls.rate(
        assessment,
        checklist,
        first,
        "met",
        notes=f"Named {MARKER}",
        evidence=[ls.Evidence(kind="document", reference=MARKER, description=MARKER, restricted=True)],
    )
    marked = marked.with_response(evolve(marked.response(first), notes_restricted=True))
    summary = ls.evaluate(marked, checklist, as_of=AS_OF)
    assert MARKER in render_html(summary)  # in the full report's details
    assert MARKER not in render_summary_html(summary)  # the page names criteria, never evidence
    assert MARKER not in render_summary_html(make_public(summary))
    assert MARKER not in render_html(make_public(summary))


def test_user_text_is_escaped() -> None:
    summary = evolve(
        _summary("northshire-2026.yaml"), partnership="<script>alert(1)</script> & \x1b[31mRed\x07"
    )
    html = render_summary_html(summary)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x1b[31mRed\\x07" in html
    assert "\x1b" not in html
    assert "\x07" not in html


# --- the command line ------------------------------------------------------------------------------------


def test_format_summary_on_the_command_line(capsys: Capsys, tmp_path: Path) -> None:
    example = str(EXAMPLES / "northshire-2026.yaml")
    out = tmp_path / "summary.html"
    result = run(capsys, "report", example, "--as-of", "2026-11-27", "--format", "summary", "-o", str(out))
    assert (result.code, result.out) == (0, f"Wrote {out}.\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<h1>Executive summary: Northshire Safeguarding Children Partnership</h1>" in text
    assert text == render_summary_html(_summary("northshire-2026.yaml"))
    full = tmp_path / "report.html"
    assert run(capsys, "report", example, "--as-of", "2026-11-27", "-o", str(full)).code == 0
    assert "<h1>Independent scrutiny assessment:" in full.read_text(encoding="utf-8")  # .html: the report


def test_format_summary_public_and_compared(capsys: Capsys) -> None:
    result = run(
        capsys,
        "report",
        str(EXAMPLES / "northshire-2026.yaml"),
        "--as-of",
        "2026-11-27",
        "--format",
        "summary",
        "--public",
        "--compare",
        str(EXAMPLES / "northshire-2025.yaml"),
    )
    assert result.code == 0
    assert "Public version" in result.out
    assert "Changes since 2025-10-15" in result.out


# --- printed by a real browser --------------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _printed(html: str, folder: Path) -> bytes:
    """``html`` printed to PDF by headless Chromium (A4, as the page's own CSS asks)."""
    assert BROWSER is not None
    page, pdf = folder / "page.html", folder / "page.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return pdf.read_bytes()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _first_page_text(pdf: bytes, folder: Path) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    (folder / "text.pdf").write_bytes(pdf)
    done = subprocess.run(
        [pdftotext, "-f", "1", "-l", "2", str(folder / "text.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


@pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine (.ci/run installs Debian's chromium)"
)
@pytest.mark.parametrize(
    ("compared", "public"), [(False, False), (True, False), (True, True)], ids=["alone", "compared", "public"]
)
def test_the_summary_prints_on_one_a4_page_and_is_the_reports_first(
    compared: bool, public: bool, tmp_path: Path
) -> None:
    summary = _compared() if compared else _summary("northshire-2026.yaml")
    summary = make_public(summary) if public else summary
    assert _pages(_printed(render_summary_html(summary), tmp_path)) == 1
    report = _printed(render_html(summary), tmp_path)
    text = _first_page_text(report, tmp_path)
    if text is None:
        return
    first, second = text.split("\f")[:2]
    assert "Executive summary" in first
    assert "Actions by owner" in first
    assert ("Changes since" in first) == compared
    assert second.lstrip().startswith("Roll-up")  # the summary is the report's first page, all of it
