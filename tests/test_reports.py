"""Reports: the evaluation behind them, every format from one summary, the report and validate commands,
public versions, replies, comparisons and the safety of what they print."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from attrs import evolve
from rich.console import Console

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.cli import MIN_REPORT_WIDTH
from lscp_scrutiny.comparison import compare
from lscp_scrutiny.publication import WITHHELD, make_public
from lscp_scrutiny.render._common import score_text
from lscp_scrutiny.render.csv import render_csv
from lscp_scrutiny.render.html import render_html
from lscp_scrutiny.render.json import render_json, summary_data
from lscp_scrutiny.render.markdown import md, render_markdown
from lscp_scrutiny.render.terminal import MIN_WIDTH, render_report
from lscp_scrutiny.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = "examples/northshire-2026.yaml"
AS_OF = date(2026, 11, 27)
MARKER = "SECRET-MARKER-7f3a"
Capsys = pytest.CaptureFixture[str]


def _terminal(summary: ls.Summary) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, legacy_windows=False)
    console.print(render_report(summary), crop=False)
    return buffer.getvalue()


RENDERERS = {
    "terminal": _terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
    "csv": render_csv,
}


def _summary(name: str) -> ls.Summary:
    assessment = ls.load_assessment(EXAMPLES / name)
    return ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=AS_OF)


@pytest.fixture
def assessment_file(tmp_path: Path, assessment: ls.Assessment) -> Path:
    path = tmp_path / "assessment.yaml"
    ls.save_assessment(assessment, path)
    return path


@pytest.fixture
def secret_summary(checklist: ls.Checklist, assessment: ls.Assessment) -> ls.Summary:
    """An assessment whose restricted evidence and notes hold a marker string."""
    first = checklist.criteria[0].id
    marked = ls.rate(
        assessment,
        checklist,
        first,
        "met",
        evidence=[
            ls.Evidence(
                kind="child_feedback",
                reference=f"Focus group {MARKER}",
                description=f"Named child {MARKER}",
                restricted=True,
            )
        ],
        notes=f"About a named practitioner {MARKER}",
        rated_on=date(2026, 9, 30),
    )
    response = evolve(marked.response(first), notes_restricted=True)
    return ls.evaluate(marked.with_response(response), checklist, as_of=AS_OF)


# --- the evaluation: every number comes from the one summary ----------------------------------------


def test_evaluation_counts(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    overall = summary.overall
    assert overall.criteria == len(checklist.criteria) == 54
    assert overall.counts == {"met": 2, "partly_met": 2, "not_met": 1}
    assert (overall.not_applicable, overall.not_assessed) == (2, 47)
    assert (overall.points, overall.max_points) == (2 * 2 + 2 * 1 + 0, 5 * 2)
    assert overall.score == pytest.approx(0.6)
    assert overall.completion == pytest.approx(7 / 54)
    assert (overall.with_evidence, overall.triangulated) == (4, 2)
    assert sum(g.tally.criteria for g in summary.questions) == 54
    assert sum(s.tally.points for s in summary.sections) == overall.points
    kinds = [(f.kind.value, f.criterion) for f in summary.flags]
    ids = [c.id for c in checklist.criteria]
    assert kinds == [
        ("overdue_action", ids[1]),
        ("no_evidence", ids[2]),
        ("na_without_justification", ids[4]),
    ]
    assert (summary.open_actions, summary.overdue_actions) == (2, 1)
    assert [a.description for a in summary.actions] == ["Bring the plan to the LSPs", "Agree a remit"]
    assert summary.scoring.name == "points-share"
    assert summary.scoring.version == "1.0"
    assert not summary.checklist.changed


def test_actions_and_flags_roll_up(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    who = summary.sections[0].tally
    assert (who.open_actions, who.overdue_actions, who.flagged) == (2, 1, 3)
    assert summary.overall.open_actions == summary.open_actions
    assert sum(g.tally.flagged for g in summary.questions) == summary.overall.flagged


def test_stale_rating_and_changed_checklist_are_flagged(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    first = checklist.sections[0]
    reworded = evolve(first.criteria[0], text=first.criteria[0].text + " And more.")
    changed = evolve(
        checklist,
        version="1.1.1",
        sections=(evolve(first, criteria=(reworded, *first.criteria[1:])), *checklist.sections[1:]),
    )
    summary = ls.evaluate(assessment, changed, as_of=date(2026, 11, 27))
    assert summary.checklist.changed
    kinds = [(f.kind.value, f.criterion) for f in summary.flags]
    assert ("checklist_changed", None) in kinds
    assert ("stale_rating", reworded.id) in kinds
    # only the reworded criterion is stale
    assert [k for k in kinds if k[0] == "stale_rating"] == [("stale_rating", reworded.id)]


def test_changed_content_under_the_same_version(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    changed = evolve(checklist, title="A new title")
    summary = ls.evaluate(assessment, changed, as_of=date(2026, 11, 27))
    assert summary.flags[0].message == (
        "independent-scrutiny has changed since this assessment was made (same version 1.1.1, "
        "different content)"
    )


def test_check_finds_unknown_criteria_and_off_scale_ratings(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    bad = assessment.with_response(ls.Response(criterion="who.nope", rating="met"))
    bad = bad.with_response(ls.Response(criterion=checklist.criteria[0].id, rating="excellent"))
    problems = ls.check(bad, checklist)
    assert [(p.path, p.message.split(" (")[0]) for p in problems] == [
        (("responses", 0, "rating"), "'excellent' is not on the scale met-partly-not"),
        (("responses", 54, "criterion"), "unknown criterion 'who.nope'"),
    ]
    with pytest.raises(ls.InvalidInputError):
        ls.evaluate(bad, checklist)


# --- every format says the same numbers -------------------------------------------------------------


@pytest.mark.parametrize("name", ["northshire-2025.yaml", "northshire-2026.yaml", "riverbridge-2026.json"])
def test_every_format_agrees_with_the_summary(name: str) -> None:
    summary = _summary(name)
    overall = summary.overall
    data = json.loads(render_json(summary))
    assert (data["overall"]["points"], data["overall"]["max_points"]) == (overall.points, overall.max_points)
    assert data["overall"]["counts"] == overall.counts
    rows = list(csv.DictReader(io.StringIO(render_csv(summary))))
    assert len(rows) == overall.criteria
    assert sum(int(row["points"]) for row in rows if row["points"]) == overall.points
    assert sum(int(row["max_points"]) for row in rows if row["points"]) == overall.max_points
    for level, count in overall.counts.items():
        assert sum(row["rating"] == level for row in rows) == count
    assert sum(row["rating"] == "not_applicable" for row in rows) == overall.not_applicable
    assert sum(int(row["open_actions"]) for row in rows) == summary.open_actions
    for text in (render_markdown(summary), render_html(summary), _terminal(summary)):
        flat = " ".join(text.split())
        assert score_text(overall) in flat
        for section in summary.sections:
            assert score_text(section.tally) in flat
        assert f"{summary.open_actions} open, {summary.overdue_actions} overdue" in flat
    markdown_overall = next(
        line for line in render_markdown(summary).splitlines() if line.startswith("| **Overall**")
    )
    cells = [cell.strip() for cell in markdown_overall.strip("|").split("|")]
    assert cells[1 : 1 + len(summary.levels)] == [str(overall.counts[level.id]) for level in summary.levels]


def test_report_json_agrees_with_the_summary(
    capsys: Capsys, assessment_file: Path, checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    result = run(capsys, "report", str(assessment_file), "--format", "json", "--as-of", "2026-11-27")
    assert result.code == 0
    data = json.loads(result.out)
    jsonschema.validate(data, json_schema("summary"))
    assert next(iter(data)) == "schema_version"
    assert data == summary_data(ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27)))
    assert data["overall"]["points"] == 6
    assert data["overall"]["max_points"] == 10


def test_report_terminal_shows_the_summary(capsys: Capsys, assessment_file: Path) -> None:
    result = run(capsys, "report", str(assessment_file), "--as-of", "2026-11-27")
    assert result.code == 0
    out = result.out
    assert "Testshire Safeguarding Children Partnership (Testshire)" in out
    assert "Jo Tester, independent scrutineer, Testshire SCP" in out
    assert "13% (7 of 54 criteria)" in out
    assert "60% (6/10)" in out
    assert "2 open, 1 overdue (as of 2026-11-27)" in out
    assert "Flags (3)" in out
    assert "Seen in [bold]minutes" not in out  # notes are not in the terminal report
    assert "\x1b[" not in out  # not a terminal: plain text
    assert max(len(line) for line in out.splitlines()) <= 80


# --- the terminal report ----------------------------------------------------------------------------


def test_many_levels_are_never_cut(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    four = ls.RatingScale(
        id="four-point",
        name="Four point",
        levels=[
            ls.RatingLevel(id="outstanding", label="Outstanding", points=3, colour="green"),
            ls.RatingLevel(id="good", label="Good", points=2, colour="green"),
            ls.RatingLevel(id="requires_improvement", label="Requires improvement", points=1, colour="amber"),
            ls.RatingLevel(id="inadequate", label="Inadequate", points=0, colour="red"),
        ],
    )
    yes_no = ls.RatingScale(
        id="yes-no",
        name="Yes or no",
        levels=[
            ls.RatingLevel(id="yes", label="Yes", points=1),
            ls.RatingLevel(id="no", label="No", points=0),
        ],
    )
    first, *rest = checklist.sections
    criteria = (evolve(first.criteria[0], scale="yes-no"), *first.criteria[1:])
    custom = evolve(
        checklist,
        id="custom",
        default_scale="four-point",
        scales=(four, yes_no),
        sections=(evolve(first, criteria=criteria), *rest),
    )
    checklist_path = tmp_path / "custom.yaml"
    ls.save_checklist(custom, checklist_path)
    assessment = ls.start_assessment(custom, "A partnership with a very long name indeed, to wrap", "A")
    assessment = ls.rate(assessment, custom, criteria[0].id, "yes")
    assessment = ls.rate(assessment, custom, criteria[1].id, "requires_improvement")
    path = tmp_path / "a.yaml"
    ls.save_assessment(assessment, path)
    result = run(
        capsys, "--checklist-file", str(checklist_path), "report", str(path), "--as-of", "2026-11-27"
    )
    assert result.code == 0
    assert "…" not in result.out
    flat = " ".join(result.out.split())
    for label in ("Outstanding", "Good", "Requires improvement", "Inadequate", "Yes", "No"):
        assert label.split()[0] in flat
    assert "50% (2/4)" in flat  # yes: 1 of 1 point; requires improvement: 1 of 3
    assert "A partnership with a very long name indeed, to wrap" in flat


def test_min_widths_agree() -> None:
    assert MIN_REPORT_WIDTH == MIN_WIDTH


def test_report_colour_when_forced(
    capsys: Capsys, assessment_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-8]|9[0-7])[;m]")
    assert colour.search(run(capsys, "report", str(assessment_file)).out)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.search(run(capsys, "report", str(assessment_file)).out)


# --- the report and validate commands ---------------------------------------------------------------


def test_report_to_file(capsys: Capsys, assessment_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run(
        capsys, "report", str(assessment_file), "-o", str(out), "--width", "100", "--as-of", "2026-11-27"
    )
    assert (result.code, result.out) == (0, f"Wrote {out}.\n")  # as new and convert say what they wrote
    text = out.read_text()
    assert "60% (6/10)" in text
    assert max(len(line) for line in text.splitlines()) == 100
    json_out = tmp_path / "report.json"
    assert run(capsys, "report", str(assessment_file), "--format", "json", "-o", str(json_out)).code == 0
    assert json.loads(json_out.read_text())["overall"]["points"] == 6


def test_report_format_follows_a_json_output_name(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    assert run(capsys, "report", EXAMPLE, "-o", str(out)).code == 0
    assert json.loads(out.read_text())["partnership"] == "Northshire Safeguarding Children Partnership"


@pytest.mark.parametrize("name", ["report.odt", "report.pdf", "report", "report.yaml"])
def test_an_output_suffix_no_format_claims_is_refused_naming_those_that_are(
    capsys: Capsys, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    result = run(capsys, "report", EXAMPLE, "-o", str(out))
    assert result.code == 2
    message = result.err.strip().splitlines()[-1]
    assert message.startswith("Error: Invalid value for '-o' / '--output': no format writes a")
    assert str(out) in message
    assert message.endswith(
        "end its name in .csv, .docx, .html, .json, .md or .txt, or choose one with --format"
    )
    assert not out.exists()  # nothing written, not even an empty file
    chosen = run(capsys, "report", EXAMPLE, "-o", str(out), "--format", "markdown")  # chosen outright
    assert chosen.code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_national_refuses_an_unclaimed_suffix_and_the_terminal_view_in_a_file(
    capsys: Capsys, tmp_path: Path
) -> None:
    result = run(capsys, "national", EXAMPLE, "-o", str(tmp_path / "picture.docx"))
    assert result.code == 2
    assert "end its name in .csv, .htm, .html, .json or .md, or choose one with --format" in result.err
    result = run(capsys, "national", EXAMPLE, "-o", str(tmp_path / "picture.md"), "--format", "terminal")
    assert result.code == 2
    assert "terminal is drawn on the screen, not written to a file" in result.err
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "picture.htm"
    result = run(capsys, "national", EXAMPLE, "-o", str(out))
    assert (result.code, result.out) == (0, f"Wrote {out}.\n")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_never_overwrites_without_force(capsys: Capsys, tmp_path: Path) -> None:
    copy = tmp_path / "a.yaml"
    copy.write_text(Path(EXAMPLE).read_text())
    result = run(capsys, "report", str(copy), "-o", str(copy))
    assert result.code == 2
    assert "is the assessment being reported" in result.err
    result = run(capsys, "report", str(copy), "-o", str(copy), "--force")
    assert result.code == 2
    assert copy.read_text() == Path(EXAMPLE).read_text()
    other = tmp_path / "report.txt"
    other.write_text("keep me")
    assert run(capsys, "report", str(copy), "-o", str(other)).code == 2
    assert other.read_text() == "keep me"
    assert run(capsys, "report", str(copy), "-o", str(other), "--force").code == 0
    assert "Northshire" in other.read_text()


def test_written_reports_never_overwrite_without_force(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep")
    example = str(EXAMPLES / "northshire-2026.yaml")
    assert run(capsys, "report", example, "-o", str(out)).code == 2
    assert out.read_text() == "keep"
    assert run(capsys, "report", example, "-o", str(out), "--force").code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_a_device_is_never_replaced(capsys: Capsys) -> None:
    example = str(EXAMPLES / "northshire-2026.yaml")
    result = run(capsys, "report", example, "-o", "/dev/null", "--force", "--format", "markdown")
    assert result.code == 1
    assert result.err.strip() == "Error: /dev/null: could not write: is not a regular file"


def test_validate_prints_flags_as_warnings(capsys: Capsys, assessment_file: Path) -> None:
    result = run(capsys, "validate", str(assessment_file), "--as-of", "2026-11-27")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"{assessment_file}: valid (7 of 54 criteria assessed, 3 flags)"
    assert len(lines) == 4
    assert all(line.startswith(f"{assessment_file}: warning: ") for line in lines[1:])


def test_one_flag_is_singular(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, "who.published-model", "met")
    path = tmp_path / "a.yaml"
    ls.save_assessment(assessment, path)
    assert "(1 of 54 criteria assessed, 1 flag)" in run(capsys, "validate", str(path)).out


# --- public and restricted --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_public_output_never_contains_restricted_text(fmt: str, secret_summary: ls.Summary) -> None:
    public = make_public(secret_summary)
    assert MARKER not in RENDERERS[fmt](public)
    if fmt in {"json", "markdown", "html", "csv"}:  # the formats that carry evidence or notes
        assert MARKER in RENDERERS[fmt](secret_summary)
    assert public.overall == secret_summary.overall  # every number is kept


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html", "csv", "text"])
def test_public_flag_on_the_command_line(
    fmt: str, capsys: Capsys, tmp_path: Path, secret_summary: ls.Summary, assessment: ls.Assessment
) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    first = checklist.criteria[0].id
    marked = ls.rate(
        assessment,
        checklist,
        first,
        "met",
        notes=f"Named {MARKER}",
        evidence=[ls.Evidence(kind="document", reference=MARKER, restricted=True)],
    )
    marked = marked.with_response(evolve(marked.response(first), notes_restricted=True))
    path = tmp_path / "a.yaml"
    ls.save_assessment(marked, path)
    result = run(capsys, "report", str(path), "--format", fmt, "--public")
    assert result.code == 0
    assert MARKER not in result.out
    assert secret_summary.public is False


def test_withheld_text_is_marked(secret_summary: ls.Summary) -> None:
    public = make_public(secret_summary)
    criterion = public.sections[0].criteria[0]
    assert criterion.notes == WITHHELD
    assert [e.reference for e in criterion.evidence_items if e.restricted] == [WITHHELD]
    assert "Public version" in render_markdown(public)
    assert "Public version" in render_html(public)


# --- right of reply ---------------------------------------------------------------------------------


def test_reply_is_shown_in_every_format_and_never_changes_the_rating() -> None:
    summary = _summary("northshire-2026.yaml")
    plan = next(c for s in summary.sections for c in s.criteria if c.id == "how.annual-plan")
    assert plan.reply is not None
    assert plan.rating == "partly_met"
    for fmt, render in RENDERERS.items():
        flat = " ".join(render(summary).split())
        assert "We accept the rating." in flat, fmt
    assert "(the rating stands)" in render_markdown(summary)


# --- safety of outputs ------------------------------------------------------------------------------


def _hostile(assessment: ls.Assessment, checklist: ls.Checklist) -> ls.Summary:
    first = checklist.criteria[0].id
    hostile = evolve(
        assessment,
        partnership=ls.Partnership(
            name='=HYPERLINK("http://evil","x") <script>alert(1)</script> *bold* [link](http://evil) | pipe'
        ),
    )
    hostile = ls.rate(
        hostile,
        checklist,
        first,
        "met",
        notes="+cmd|' /C calc'!A0",
        evidence=[ls.Evidence(kind="document", reference="@SUM(1+1)")],
    )
    return ls.evaluate(hostile, checklist, as_of=AS_OF)


def test_csv_never_carries_a_formula(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(_hostile(assessment, checklist)))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][19] == "'+cmd|' /C calc'!A0"


def test_html_escapes_user_text(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    page = render_html(_hostile(assessment, checklist))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # nothing can load even if something slipped through


def test_markdown_escapes_user_text(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    text = render_markdown(_hostile(assessment, checklist))
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "\\*bold\\*" in text
    assert "\\[link\\](http://evil)" in text
    assert "\\| pipe" in text


def test_markdown_text_with_line_breaks_stays_readable() -> None:
    assert md("first line\nsecond\tline\r\n") == "first line second line"
    assert md("a*b*\n<c>") == r"a\*b\* \<c\>"


def test_report_user_text_is_never_markup(capsys: Capsys, tmp_path: Path, assessment: ls.Assessment) -> None:
    odd = evolve(assessment, partnership=ls.Partnership(name="[red]Evil[/red] [/x] SCP"))
    path = tmp_path / "odd.yaml"
    ls.save_assessment(odd, path)
    result = run(capsys, "report", str(path))
    assert result.code == 0
    assert "[red]Evil[/red] [/x] SCP" in result.out


def test_control_characters_never_reach_the_terminal(
    capsys: Capsys, tmp_path: Path, assessment: ls.Assessment
) -> None:
    odd = evolve(assessment, partnership=ls.Partnership(name="Evil\x1b[2J\x1b[31m SCP\u202e"))
    path = tmp_path / "odd.yaml"
    ls.save_assessment(odd, path)
    result = run(capsys, "report", str(path))
    assert result.code == 0
    assert "\x1b" not in result.out
    assert "\u202e" not in result.out
    assert "Evil\\x1b[2J\\x1b[31m SCP\\u202e" in result.out


# --- comparison over time ---------------------------------------------------------------------------


def test_comparison_classifies_every_kind_of_change(checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    before = ls.start_assessment(checklist, "P", "A", assessed_on=date(2025, 10, 1))
    for criterion, rating in [
        (ids[0], "partly_met"),
        (ids[1], "met"),
        (ids[2], "met"),
        (ids[3], "met"),
        (ids[4], ls.NOT_APPLICABLE),
    ]:
        before = ls.rate(before, checklist, criterion, rating, justification="x")
    before = ls.rate(
        before,
        checklist,
        ids[5],
        "not_met",
        actions=[
            ls.Action(description="Old action", owner="BM"),
            ls.Action(description="Still open", owner="BM"),
        ],
    )
    after = ls.start_assessment(checklist, "P", "A", assessed_on=date(2026, 10, 1))
    for criterion, rating in [
        (ids[0], "met"),
        (ids[1], "not_met"),
        (ids[2], "met"),
        (ids[3], ls.NOT_APPLICABLE),
        (ids[4], "met"),
        (ids[6], "partly_met"),
    ]:
        after = ls.rate(after, checklist, criterion, rating, justification="x")
    after = ls.rate(
        after,
        checklist,
        ids[5],
        "not_met",
        actions=[
            ls.Action(description="Old action", owner="BM", status=ls.ActionStatus.DONE),
            ls.Action(description="Still open", owner="BM"),
            ls.Action(description="New action", owner="QA"),
        ],
    )
    result = compare(ls.evaluate(before, checklist, as_of=AS_OF), ls.evaluate(after, checklist, as_of=AS_OF))
    assert result.comparison is not None
    changes = {c.id: c.change.value for c in result.comparison.criteria}
    assert [changes[i] for i in ids[:7]] == [
        "improved",
        "worsened",
        "unchanged",
        "newly_not_applicable",
        "no_longer_not_applicable",
        "unchanged",
        "newly_assessed",
    ]
    assert [a.description for a in result.comparison.actions_opened] == ["New action"]
    assert [(a.description, a.status) for a in result.comparison.actions_closed] == [("Old action", "done")]
    assert result.comparison.worsened
    assert sum(result.comparison.counts.values()) == len(checklist.criteria)


def test_comparison_across_checklist_versions(checklist: ls.Checklist) -> None:
    first = checklist.sections[0]
    dropped = evolve(
        checklist,
        version="1.1.0",
        sections=(evolve(first, criteria=first.criteria[1:]), *checklist.sections[1:]),
    )
    earlier = ls.evaluate(ls.start_assessment(checklist, "P", "A"), checklist, as_of=AS_OF)
    later = ls.evaluate(ls.start_assessment(dropped, "P", "A"), dropped, as_of=AS_OF)
    comparison = compare(earlier, later).comparison
    assert comparison is not None
    assert comparison.counts["removed"] == 1
    back = compare(later, earlier).comparison
    assert back is not None
    assert back.counts["added"] == 1


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html", "csv"])
def test_comparison_in_every_format(fmt: str, capsys: Capsys) -> None:
    result = run(
        capsys,
        "report",
        str(EXAMPLES / "northshire-2026.yaml"),
        "--compare",
        str(EXAMPLES / "northshire-2025.yaml"),
        "--format",
        fmt,
        "--as-of",
        "2026-11-27",
    )
    assert result.code == 0
    out = result.out
    if fmt == "json":
        comparison = json.loads(out)["comparison"]
        assert comparison["counts"]["worsened"] == 5
        assert comparison["counts"]["improved"] == 17
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert sum(row["change"] == "worsened" for row in rows) == 5
        plan = next(row for row in rows if row["criterion"] == "how.annual-plan")
        assert (plan["rating_before"], plan["rating"], plan["change"]) == ("met", "partly_met", "worsened")
    else:
        flat = " ".join(re.sub(r"<[^>]+>", " ", out).split())  # HTML tags aside
        assert "Changes since 2025-10-15" in flat
        assert re.search(r"Worsened\W+5", flat)


def test_comparison_on_the_command_line_names_added_and_removed(
    capsys: Capsys, tmp_path: Path, checklist: ls.Checklist
) -> None:
    first = checklist.sections[0]
    older_checklist = evolve(
        checklist,
        version="0.9.0",
        sections=(evolve(first, criteria=first.criteria[1:]), *checklist.sections[1:]),
    )
    older = ls.start_assessment(older_checklist, "P", "A", assessed_on=date(2025, 10, 1))
    older = older.with_response(ls.Response(criterion="who.retired-criterion", rating="met"))
    path = tmp_path / "older.yaml"
    ls.save_assessment(older, path)
    result = run(
        capsys, "report", str(EXAMPLES / "northshire-2026.yaml"), "--compare", str(path), "--format", "json"
    )
    assert result.code == 0, result.err
    changes = {c["id"]: c["change"] for c in json.loads(result.out)["comparison"]["criteria"]}
    assert changes[first.criteria[0].id] == "added"
    assert changes["who.retired-criterion"] == "removed"
    assert "which are not the same partnership" in result.err


def test_fail_on_worse(capsys: Capsys) -> None:
    newer, older = str(EXAMPLES / "northshire-2026.yaml"), str(EXAMPLES / "northshire-2025.yaml")
    assert run(capsys, "report", newer, "--compare", older, "--fail-on-worse", "--format", "json").code == 3
    assert run(capsys, "report", newer, "--compare", newer, "--fail-on-worse", "--format", "json").code == 0
    result = run(capsys, "report", newer, "--fail-on-worse")
    assert result.code == 2
    assert "--fail-on-worse needs --compare EARLIER" in result.err


# --- the HTML in a real browser ---------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _png_is_not_blank(png: bytes) -> bool:
    """Decode enough of a PNG to tell whether its pixels differ at all (no imaging library needed)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    position, idat = 8, b""
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            idat += png[position + 8 : position + 8 + length]
        position += 12 + length
    pixels = zlib.decompress(idat)
    return len({pixels[i] for i in range(0, len(pixels), 97)}) > 4


@pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine (.ci/run installs Debian's chromium)"
)
def test_html_in_a_headless_browser(tmp_path: Path) -> None:
    assert BROWSER is not None
    page = tmp_path / "report.html"
    page.write_text(render_html(compare(_summary("northshire-2025.yaml"), _summary("northshire-2026.yaml"))))
    screenshot = tmp_path / "shot.png"
    result = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1000,1400",
            f"--screenshot={screenshot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Refused to" in line]
    assert console == [], console
    assert _png_is_not_blank(screenshot.read_bytes())
    dom = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile2'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "Independent scrutiny assessment: Northshire Safeguarding Children Partnership" in dom
    assert "<svg" in dom


def test_a_comparison_says_when_the_assessor_or_their_role_changed() -> None:
    """Issue 15: a self-assessment one year and the scrutineer's the next are not like for like."""
    from lscp_scrutiny.render.terminal import render_report  # noqa: PLC0415

    checklist = ls.get_checklist("independent-scrutiny")
    as_of = date(2026, 11, 27)
    before = ls.evaluate(ls.load_assessment(EXAMPLES / "northshire-2025.yaml"), checklist, as_of=as_of)
    after = ls.evaluate(ls.load_assessment(EXAMPLES / "northshire-2026.yaml"), checklist, as_of=as_of)
    compared = compare(before, after)
    note = (
        "Assessed by Claire Ashworth (self assessment) on 2025-10-15 and by Dr Graham Pellow (independent "
        "scrutineer) now: another assessor, so a change of rating may be the assessor's view, not a change "
        "in the partnership."
    )
    assert note in render_markdown(compared)
    console = Console(width=400, record=True, file=io.StringIO(), color_system=None)
    console.print(render_report(compared))
    assert note in console.export_text()
    data = json.loads(render_json(compared))["comparison"]
    assert (data["earlier_assessor"], data["earlier_assessor_role"]) == ("Claire Ashworth", "self_assessment")
    same = compare(evolve(before, assessor=" dr graham  PELLOW", assessor_role=after.assessor_role), after)
    assert "Assessed by" not in render_markdown(same)  # the same person in the same role: nothing to say
    other_role = compare(evolve(before, assessor=after.assessor), after)
    assert "the same assessor in another role" in render_markdown(other_role)


@pytest.mark.skipif(
    BROWSER is None or shutil.which("pdftotext") is None,
    reason="no Chromium or pdftotext on this machine (.ci/run installs Debian's chromium and poppler-utils)",
)
def test_the_html_report_prints_to_a4_without_breaking_a_date_or_an_id(tmp_path: Path) -> None:
    """Issue 16, item 3: printed by headless Chromium, the largest example compared with the year before.

    25 pages measured with checklist 1.1.0 (20 with 1.0.0); no page but the last is left half empty.
    """
    assert BROWSER is not None
    summary = compare(_summary("northshire-2025.yaml"), _summary("northshire-2026.yaml"))
    page = tmp_path / "report.html"
    page.write_text(render_html(summary), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer"]
    subprocess.run(
        [BROWSER, *flags, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert 15 <= len(pages) <= 32
    assert "Executive summary" in pages[0]
    # No half-empty page (a table pushed whole to the next page leaves one): every page but the last
    # holds at least half as many lines as the middle page does.
    filled = [sum(1 for line in p.splitlines() if line.strip()) for p in pages]
    middle = sorted(filled)[len(filled) // 2]
    assert [n for n in filled[:-1] if n < middle / 2] == [], filled
    lines = text.splitlines()
    assert not [line for line in lines if re.search(r"\b\d{4}-\d{2}-$", line.rstrip())]  # no date cut in two
    flat = " ".join(text.split())
    for section in summary.sections:
        for result in section.criteria:
            assert result.id in flat, result.id  # every id whole, on one line
    for action in summary.actions:
        if action.due is not None:
            assert action.due.isoformat() in flat
