"""Behaviour a first review asked for: safe outputs, clear errors, numbers never hidden."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.cli import MIN_REPORT_WIDTH
from lscp_scrutiny.render.terminal import MIN_WIDTH
from lscp_scrutiny.schema import json_schema

Capsys = pytest.CaptureFixture[str]
EXAMPLE = "examples/northshire-2026.yaml"


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


def test_report_format_follows_a_json_output_name(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    assert run(capsys, "report", EXAMPLE, "-o", str(out)).code == 0
    assert json.loads(out.read_text())["partnership"] == "Northshire Safeguarding Children Partnership"


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


def test_an_odd_unknown_key_stays_one_line(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    data = json.loads(
        ls.dumps_assessment(ls.start_assessment(ls.get_checklist("independent-scrutiny"), "P", "A"), "json")
    )
    data["bad\nkey\x1b[31m"] = 1
    path.write_text(json.dumps(data))
    result = run(capsys, "validate", str(path))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "\x1b" not in result.err
    assert "['bad\\nkey\\x1b[31m']: unknown field" in result.err


def test_min_widths_agree() -> None:
    assert MIN_REPORT_WIDTH == MIN_WIDTH


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


def test_a_huge_yaml_document_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("schema_version: 1\nnotes: [" + ", ".join(["x"] * 150_000) + "]\n")
    started = time.perf_counter()
    with pytest.raises(ls.InvalidInputError, match="more than 100,000 values"):
        ls.load_assessment(path)
    assert time.perf_counter() - started < 30  # about 5 s on our machines, against minutes before


def test_a_device_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ls.InvalidInputError, match="is not a regular file"):
        ls.load_assessment(link)


def test_an_enormous_number_is_described_not_printed() -> None:
    with pytest.raises(ls.InvalidInputError, match="schema_version: a number far too large is newer"):
        ls.loads_assessment("schema_version: 0x" + "f" * 4000 + "\n")


def test_text_that_is_not_utf8_on_the_command_line(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "Bad\udcffname", "-o", str(out))
    assert result.code == 2
    assert "'--partnership': is not valid UTF-8 text" in result.err
    assert not out.exists()


def test_repeated_and_contradictory_answers_name_their_fields() -> None:
    head = (
        "schema_version: 1\nchecklist: {id: independent-scrutiny, version: 1.0.0}\nassessor: {name: A}\n"
        "assessed_on: 2026-10-01\npartnership:\n  name: P\n  scrutiny:\n"
    )
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(head + "    methods: [interviews, interviews]\n", source="f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:8: partnership.scrutiny.methods[1]: 'interviews' is listed more than once"
    ]
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(
            head + "    independent_scrutineers: false\n    scrutineer_count: 2\n"
            "    independent_chair: false\n    chair_also_scrutinises: true\n",
            source="f.yaml",
        )
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:9: partnership.scrutiny.scrutineer_count: is above 0 but independent_scrutineers is false",
        "f.yaml:11: partnership.scrutiny.chair_also_scrutinises: is answered but independent_chair is false",
    ]


def test_changed_content_under_the_same_version(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    changed = evolve(checklist, title="A new title")
    summary = ls.evaluate(assessment, changed, as_of=date(2026, 11, 27))
    assert summary.flags[0].message == (
        "independent-scrutiny has changed since this assessment was made (same version 1.0.0, "
        "different content)"
    )


def test_actions_and_flags_roll_up(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    who = summary.sections[0].tally
    assert (who.open_actions, who.overdue_actions, who.flagged) == (2, 1, 3)
    assert summary.overall.open_actions == summary.open_actions
    assert sum(g.tally.flagged for g in summary.questions) == summary.overall.flagged


def test_the_blank_shows_each_scale_and_the_scrutiny_questions(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out)).code == 0
    text = out.read_text()
    assert "# Rating: met | partly_met | not_met | not_applicable | not_assessed" in text
    assert "    six_steps_framework: null\n" in text
    assert "# methods, a list of: interviews, data_analysis," in text
    assert ls.load_assessment(out).partnership.scrutiny == ls.ScrutinyArrangement()


def test_library_refuses_wrong_types_at_once(checklist: ls.Checklist) -> None:
    assessment = ls.start_assessment(checklist, "P", "A")
    with pytest.raises(TypeError, match="expected a list, got str 'doc'"):
        ls.rate(assessment, checklist, "who.published-model", "met", evidence="doc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"evidence\[0\] must be Evidence, got str"):
        ls.Response(criterion="who.published-model", evidence=["doc"])
    with pytest.raises(TypeError, match="reference must be text, got int 5"):
        ls.Evidence(kind="document", reference=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be text, got NoneType"):
        ls.Partnership(name=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown file format 'toml'"):
        ls.loads_assessment("x: 1", "toml")  # type: ignore[arg-type]


def test_rerating_drops_a_not_applicable_justification(checklist: ls.Checklist) -> None:
    assessment = ls.start_assessment(checklist, "P", "A")
    assessment = ls.rate(assessment, checklist, "who.published-model", ls.NOT_APPLICABLE, justification="No")
    assessment = ls.rate(assessment, checklist, "who.published-model", "met")
    assert assessment.response("who.published-model").justification is None


def test_validate_on_a_checklist_file_says_so(capsys: Capsys) -> None:
    result = run(capsys, "validate", "checklists/independent-scrutiny.yaml")
    assert result.code == 2
    assert result.err == (
        "Error: checklists/independent-scrutiny.yaml: this is a checklist file, not an assessment "
        "(see it with `lscp-scrutiny show FILE`)\n"
    )


def test_one_flag_is_singular(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, "who.published-model", "met")
    path = tmp_path / "a.yaml"
    ls.save_assessment(assessment, path)
    assert "(1 of 48 criteria assessed, 1 flag)" in run(capsys, "validate", str(path)).out


def test_schema_patterns_cover_combined_validators() -> None:
    level = json_schema("checklist")["$defs"]["RatingLevel"]["properties"]
    assert "pattern" in level["id"]
    assert level["label"]["pattern"] == r"\S"
    assert json_schema("summary")["properties"]["schema_version"] == {"const": 1}
