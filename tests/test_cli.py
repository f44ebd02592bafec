"""Every CLI command and the options all commands share: what it prints, what it writes and its exit code."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.schema import json_schema

Capsys = pytest.CaptureFixture[str]
EXAMPLE = "examples/northshire-2026.yaml"


def test_version(capsys: Capsys) -> None:
    result = run(capsys, "--version")
    assert result.code == 0
    assert result.out.splitlines()[0] == f"lscp-scrutiny, version {ls.__version__}"
    assert result.out.splitlines()[1].startswith("YAML reader: ")


def test_help_lists_every_command(capsys: Capsys) -> None:
    result = run(capsys, "--help")
    assert result.code == 0
    for command in ("checklists", "show", "new", "validate", "report", "schema"):
        assert f"  {command} " in result.out
    assert (
        "Exit codes: 0 success; 1 a file could not be written; 2 bad input or usage; 3 report "
        "--fail-on-worse found something worse; 130 interrupted."
    ) in " ".join(result.out.split())


def test_unknown_command_is_a_usage_error(capsys: Capsys) -> None:
    result = run(capsys, "frobnicate")
    assert result.code == 2
    assert "No such command 'frobnicate'" in result.err


def test_checklists_table(capsys: Capsys) -> None:
    result = run(capsys, "checklists")
    assert result.code == 0
    row = next(line for line in result.out.splitlines() if "independent-scrutiny" in line)
    assert row.split()[:3] == ["independent-scrutiny", "1.1.1", "54"]


def test_checklists_json(capsys: Capsys, checklist: ls.Checklist) -> None:
    result = run(capsys, "checklists", "--format", "json")
    section_11 = ls.get_checklist("section-11")
    assert json.loads(result.out) == [
        {
            "id": "independent-scrutiny",
            "version": checklist.version,
            "title": checklist.title,
            "criteria": len(checklist.criteria),
            "from": f"lscp-scrutiny {ls.__version__}",
        },
        {
            "id": "section-11",
            "version": section_11.version,
            "title": section_11.title,
            "criteria": len(section_11.criteria),
            "from": f"lscp-scrutiny {ls.__version__}",
        },
    ]


def test_show_json_is_the_file_shape(capsys: Capsys, checklist: ls.Checklist) -> None:
    result = run(capsys, "show", "independent-scrutiny", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    jsonschema.validate(data, json_schema("checklist"))
    assert data["schema_version"] == 1
    criteria = [c for s in data["sections"] for c in s["criteria"]]
    assert [c["id"] for c in criteria] == [c.id for c in checklist.criteria]
    assert all(c["text"] and c["sources"] for c in criteria)
    assert ls.loads_checklist(result.out, "json") == checklist


def test_show_yaml_round_trips(capsys: Capsys, checklist: ls.Checklist) -> None:
    result = run(capsys, "show", "independent-scrutiny", "--format", "yaml")
    assert ls.loads_checklist(result.out, "yaml") == checklist


def test_show_terminal_names_every_criterion(capsys: Capsys, checklist: ls.Checklist) -> None:
    result = run(capsys, "show", "independent-scrutiny")
    assert result.code == 0
    flat = "".join(result.out.split())
    for criterion in checklist.criteria:
        assert "".join(criterion.id.split()) in flat


def test_show_a_checklist_file(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    path = tmp_path / "mine.json"
    ls.save_checklist(checklist, path)
    result = run(capsys, "show", str(path), "--format", "json")
    assert ls.loads_checklist(result.out, "json") == checklist


def test_show_unknown_checklist(capsys: Capsys) -> None:
    result = run(capsys, "show", "nope")
    assert result.code == 2
    assert result.err == "Error: no checklist with id 'nope' (known: independent-scrutiny, section-11)\n"


def test_new_writes_a_blank_assessment_with_guidance(
    capsys: Capsys, tmp_path: Path, checklist: ls.Checklist
) -> None:
    out = tmp_path / "a.yaml"
    result = run(
        capsys,
        "new",
        "independent-scrutiny",
        "--partnership",
        "Northshire SCP",
        "-o",
        str(out),
        "--assessor",
        "Sam Okafor",
        "--role",
        "independent_scrutineer",
        "--date",
        "2026-10-01",
    )
    assert result.code == 0
    assert result.out == f"Wrote {out}: 54 criteria of independent-scrutiny 1.1.1 to assess.\n"
    text = out.read_text()
    first = checklist.criteria[0]
    assert f"# {first.id}: {first.title} ({first.obligation.value})" in text
    assert "# Guidance: " in text
    assert f"# Evidence: {first.evidence_prompts[0]}" in text
    assessment = ls.load_assessment(out)
    assert assessment.partnership.name == "Northshire SCP"
    assert assessment.assessor == ls.Assessor(name="Sam Okafor", role=ls.AssessorRole.INDEPENDENT_SCRUTINEER)
    assert [r.criterion for r in assessment.responses] == [c.id for c in checklist.criteria]
    assert all(r.rating == ls.NOT_ASSESSED for r in assessment.responses)
    assert assessment.checklist == ls.checklist_ref(checklist)


def test_the_blank_shows_each_scale_and_the_scrutiny_questions(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out)).code == 0
    text = out.read_text()
    assert "# Rating: met | partly_met | not_met | not_applicable | not_assessed" in text
    assert "    six_steps_framework: null\n" in text
    assert "# methods, a list of: interviews, data_analysis," in text
    assert ls.load_assessment(out).partnership.scrutiny == ls.ScrutinyArrangement()


def test_new_json(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out)).code == 0
    data = json.loads(out.read_text())
    jsonschema.validate(data, json_schema("assessment"))
    assert data["responses"][0]["rating"] == "not_assessed"


def test_new_refuses_to_overwrite(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    out.write_text("precious")
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out))
    assert result.code == 2
    assert "already exists; use --force" in result.err
    assert out.read_text() == "precious"
    assert (
        run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out), "--force").code == 0
    )
    assert out.read_text() != "precious"


def test_no_output_replaces_an_input_even_with_force(capsys: Capsys, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.yaml"
    later = tmp_path / "later.yaml"
    earlier.write_text(Path(EXAMPLE).read_text())
    later.write_text(Path(EXAMPLE).read_text())
    result = run(capsys, "report", str(later), "--compare", str(earlier), "-o", str(earlier), "--force")
    assert result.code == 2
    assert "is the earlier assessment being compared" in result.err
    assert earlier.read_text() == Path(EXAMPLE).read_text()

    partnership = tmp_path / "p.yaml"
    partnership.write_text("name: Northshire Safeguarding Children Partnership\n")
    args = ("new", "lscp-scrutiny", "--partnership-file", str(partnership), "-o", str(partnership))
    result = run(capsys, *args, "--force")
    assert result.code == 2
    assert "is the partnership file" in result.err
    assert partnership.read_text() == "name: Northshire Safeguarding Children Partnership\n"

    result = run(capsys, "national", str(tmp_path), "-o", str(later), "--force")
    assert result.code == 2
    assert "is one of the files being aggregated" in result.err
    assert later.read_text() == Path(EXAMPLE).read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-02-30"], "expected a date written YYYY-MM-DD, got '2026-02-30'"),
        (["--role", "boss"], "'boss' is not one of"),
        (["--partnership", "  "], "Invalid value for '--partnership': must not be blank"),
    ],
)
def test_new_bad_options(capsys: Capsys, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "a.yaml"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out), *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not out.exists()


def test_text_that_is_not_utf8_on_the_command_line(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "Bad\udcffname", "-o", str(out))
    assert result.code == 2
    assert "'--partnership': is not valid UTF-8 text" in result.err
    assert not out.exists()


def test_new_into_missing_folder_fails_cleanly(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "a.yaml"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out))
    assert result.code == 2  # refused before any work, as bad input (it was exit 1, after the work)
    assert result.err.strip().splitlines()[-1] == (
        f"Error: Invalid value for '-o' / '--output': the folder {out.parent} does not exist"
    )
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", ["new", "report", "national", "moderate"])
def test_an_output_ending_in_a_slash_names_a_folder_and_is_refused(
    capsys: Capsys, tmp_path: Path, command: str
) -> None:
    """Review finding: `-o out.md/` wrote a file named out.md (pathlib drops the slash)."""
    example = "examples/northshire-2026.yaml"
    args = {
        "new": ["independent-scrutiny", "--partnership", "P"],
        "report": [example],
        "national": [example],
        "moderate": [example, "examples/moderation/northshire-2026-peer.yaml"],
    }[command]
    result = run(capsys, command, *args, "-o", f"{tmp_path}/out.md/")
    assert result.code == 2
    assert result.err.strip().splitlines()[-1].endswith("out.md/ names a folder; give a file name")
    assert list(tmp_path.iterdir()) == []


def test_new_unsupported_suffix(capsys: Capsys, tmp_path: Path) -> None:
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(tmp_path / "a.ods"))
    assert result.code == 2
    assert "unsupported file type" in result.err
    assert not (tmp_path / "a.ods").exists()


@pytest.mark.parametrize("kind", ["checklist", "assessment", "summary"])
def test_schema(capsys: Capsys, kind: str) -> None:
    result = run(capsys, "schema", kind)
    assert result.code == 0
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json_schema(kind)


def test_schema_unknown_kind(capsys: Capsys) -> None:
    result = run(capsys, "schema", "spreadsheet")
    assert result.code == 2
    assert "'spreadsheet' is not one of" in result.err


def test_schema_patterns_cover_combined_validators() -> None:
    level = json_schema("checklist")["$defs"]["RatingLevel"]["properties"]
    assert "pattern" in level["id"]
    assert level["label"]["pattern"] == r"\S"
    assert json_schema("summary")["properties"]["schema_version"] == {"const": 1}


# --- the --checklist-file option --------------------------------------------------------------------


def test_checklist_file_option(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    own = evolve(checklist, id="our-checklist", title="Our own checklist")
    path = tmp_path / "ours.yaml"
    ls.save_checklist(own, path)
    listed = run(capsys, "--checklist-file", str(path), "checklists", "--format", "json")
    assert [c["id"] for c in json.loads(listed.out)] == [
        "independent-scrutiny",
        "our-checklist",
        "section-11",
    ]
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
