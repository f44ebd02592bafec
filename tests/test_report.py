"""The report command and the evaluation behind it: every number comes from the one summary."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.render.json import summary_data
from lscp_scrutiny.schema import json_schema

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def assessment_file(tmp_path: Path, assessment: ls.Assessment) -> Path:
    path = tmp_path / "assessment.yaml"
    ls.save_assessment(assessment, path)
    return path


def test_evaluation_counts(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    overall = summary.overall
    assert overall.criteria == 48
    assert overall.counts == {"met": 2, "partly_met": 2, "not_met": 1}
    assert (overall.not_applicable, overall.not_assessed) == (2, 41)
    assert (overall.points, overall.max_points) == (2 * 2 + 2 * 1 + 0, 5 * 2)
    assert overall.score == pytest.approx(0.6)
    assert overall.completion == pytest.approx(7 / 48)
    assert (overall.with_evidence, overall.triangulated) == (4, 2)
    assert sum(g.tally.criteria for g in summary.questions) == 48
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


def test_stale_rating_and_changed_checklist_are_flagged(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    first = checklist.sections[0]
    reworded = evolve(first.criteria[0], text=first.criteria[0].text + " And more.")
    changed = evolve(
        checklist,
        version="1.1.0",
        sections=(evolve(first, criteria=(reworded, *first.criteria[1:])), *checklist.sections[1:]),
    )
    summary = ls.evaluate(assessment, changed, as_of=date(2026, 11, 27))
    assert summary.checklist.changed
    kinds = [(f.kind.value, f.criterion) for f in summary.flags]
    assert ("checklist_changed", None) in kinds
    assert ("stale_rating", reworded.id) in kinds
    # only the reworded criterion is stale
    assert [k for k in kinds if k[0] == "stale_rating"] == [("stale_rating", reworded.id)]


def test_check_finds_unknown_criteria_and_off_scale_ratings(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    bad = assessment.with_response(ls.Response(criterion="who.nope", rating="met"))
    bad = bad.with_response(ls.Response(criterion=checklist.criteria[0].id, rating="excellent"))
    problems = ls.check(bad, checklist)
    assert [(p.path, p.message.split(" (")[0]) for p in problems] == [
        (("responses", 0, "rating"), "'excellent' is not on the scale met-partly-not"),
        (("responses", 48, "criterion"), "unknown criterion 'who.nope'"),
    ]
    with pytest.raises(ls.InvalidInputError):
        ls.evaluate(bad, checklist)


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
    assert "15% (7 of 48 criteria)" in out
    assert "60% (6/10)" in out
    assert "2 open, 1 overdue (as of 2026-11-27)" in out
    assert "Flags (3)" in out
    assert "Seen in [bold]minutes" not in out  # notes are not in the terminal report
    assert "\x1b[" not in out  # not a terminal: plain text
    assert max(len(line) for line in out.splitlines()) <= 80


def test_report_user_text_is_never_markup(capsys: Capsys, tmp_path: Path, assessment: ls.Assessment) -> None:
    odd = evolve(assessment, partnership=ls.Partnership(name="[red]Evil[/red] [/x] SCP"))
    path = tmp_path / "odd.yaml"
    ls.save_assessment(odd, path)
    result = run(capsys, "report", str(path))
    assert result.code == 0
    assert "[red]Evil[/red] [/x] SCP" in result.out


def test_report_colour_when_forced(
    capsys: Capsys, assessment_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-8]|9[0-7])[;m]")
    assert colour.search(run(capsys, "report", str(assessment_file)).out)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.search(run(capsys, "report", str(assessment_file)).out)


def test_report_to_file(capsys: Capsys, assessment_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run(
        capsys, "report", str(assessment_file), "-o", str(out), "--width", "100", "--as-of", "2026-11-27"
    )
    assert (result.code, result.out) == (0, "")
    text = out.read_text()
    assert "60% (6/10)" in text
    assert max(len(line) for line in text.splitlines()) == 100
    json_out = tmp_path / "report.json"
    assert run(capsys, "report", str(assessment_file), "--format", "json", "-o", str(json_out)).code == 0
    assert json.loads(json_out.read_text())["overall"]["points"] == 6


def test_validate_prints_flags_as_warnings(capsys: Capsys, assessment_file: Path) -> None:
    result = run(capsys, "validate", str(assessment_file), "--as-of", "2026-11-27")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"{assessment_file}: valid (7 of 48 criteria assessed, 3 flags)"
    assert len(lines) == 4
    assert all(line.startswith(f"{assessment_file}: warning: ") for line in lines[1:])


def test_checklist_file_option(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    own = evolve(checklist, id="our-checklist", title="Our own checklist")
    path = tmp_path / "ours.yaml"
    ls.save_checklist(own, path)
    listed = run(capsys, "--checklist-file", str(path), "checklists", "--format", "json")
    assert [c["id"] for c in json.loads(listed.out)] == ["independent-scrutiny", "our-checklist"]
    assert json.loads(listed.out)[1]["from"] == f"file {path}"
    out = tmp_path / "a.yaml"
    assert (
        run(
            capsys,
            "--checklist-file",
            str(path),
            "new",
            "our-checklist",
            "--partnership",
            "P",
            "-o",
            str(out),
        ).code
        == 0
    )
    assert run(capsys, "--checklist-file", str(path), "validate", str(out)).code == 0
    # without the option, the checklist is unknown
    result = run(capsys, "validate", str(out))
    assert result.code == 2
    assert "no checklist with id 'our-checklist'" in result.err


def test_duplicate_checklist_id_is_an_error_naming_both(
    capsys: Capsys, tmp_path: Path, checklist: ls.Checklist
) -> None:
    path = tmp_path / "copy.yaml"
    ls.save_checklist(checklist, path)
    result = run(capsys, "--checklist-file", str(path), "checklists")
    assert result.code == 2
    assert result.err == (
        f"Error: checklist id 'independent-scrutiny' is defined twice: by lscp-scrutiny {ls.__version__} "
        f"and by file {path} (give the file's checklist another id, or leave a plugin out with "
        "--disable-plugin NAME)\n"
    )
