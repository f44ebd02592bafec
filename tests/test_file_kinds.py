"""One table of file kinds: every reader and writer, and every command, decides what a file is in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.io import kinds
from lscp_scrutiny.io.kinds import ASSESSMENT_KINDS
from lscp_scrutiny.testing import fully_rated

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "northshire-2026.yaml"
SUFFIXES = [suffix for kind in ASSESSMENT_KINDS for suffix in kind.suffixes]


def test_every_kind_of_file_has_one_row_and_one_name_per_suffix() -> None:
    suffixes = [suffix for kind in kinds.KINDS for suffix in kind.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert [kind.name for kind in kinds.KINDS] == ["yaml", "json", "xlsx", "csv"]
    for kind in kinds.KINDS:
        for suffix in kind.suffixes:
            assert kinds.kind_of(f"a{suffix.upper()}") is kind


@pytest.mark.parametrize(
    ("allowed", "message"),
    [
        (kinds.ASSESSMENT_KINDS, "unsupported file type: expected .yaml, .yml, .json or .xlsx"),
        (kinds.CHECKLIST_KINDS, "unsupported file type: expected .yaml, .yml or .json"),
        (kinds.NATIONAL_KINDS, "unsupported file type: expected .csv, .xlsx, .yaml, .yml or .json"),
    ],
)
def test_an_unsupported_suffix_names_the_ones_that_would_do(
    allowed: tuple[kinds.FileKind, ...], message: str
) -> None:
    with pytest.raises(ls.InvalidInputError) as caught:
        kinds.kind_of("notes.txt", allowed)
    assert str(caught.value) == f"notes.txt: {message}"


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_save_assessment_writes_every_kind_that_load_assessment_reads(
    suffix: str, tmp_path: Path, checklist: ls.Checklist
) -> None:
    assessment = fully_rated(checklist)
    path = tmp_path / f"a{suffix}"
    ls.save_assessment(assessment, path)  # a workbook finds its checklist in the registry
    assert ls.load_assessment(path) == assessment


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_save_assessment_with_its_checklist_round_trips_every_kind(
    suffix: str, tmp_path: Path, checklist: ls.Checklist
) -> None:
    assessment = ls.load_assessment(EXAMPLE)
    path = tmp_path / f"a{suffix}"
    ls.save_assessment(assessment, path, checklist=checklist)
    assert ls.load_assessment(path) == assessment


def test_a_workbook_of_an_unregistered_checklist_says_which_checklist(
    tmp_path: Path, checklist: ls.Checklist
) -> None:
    from attrs import evolve  # noqa: PLC0415

    assessment = fully_rated(checklist)
    other = evolve(assessment, checklist=evolve(assessment.checklist, id="not-registered"))
    with pytest.raises(ls.UnknownChecklistError, match="not-registered"):
        ls.save_assessment(other, tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_new_and_convert_write_the_same_bytes_for_the_same_content(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = tmp_path / f"new{suffix}"
    args = ("--partnership", "Northshire", "--assessor", "A. Scrutineer", "--date", "2026-11-01")
    assert run(capsys, "new", "independent-scrutiny", *args, "-o", str(made)).code == 0
    converted = tmp_path / f"converted{suffix}"
    assert run(capsys, "convert", str(made), "-o", str(converted)).code == 0
    if suffix == ".xlsx":  # a zip of XML: compare what it holds, as the writer is deterministic in content
        assert ls.load_assessment(made) == ls.load_assessment(converted)
    else:
        assert made.read_bytes() == converted.read_bytes()


def test_convert_from_a_workbook_writes_what_new_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--partnership", "Northshire", "--assessor", "A. Scrutineer", "--date", "2026-11-01")
    workbook, text = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", *args, "-o", str(workbook)).code == 0
    assert run(capsys, "new", "independent-scrutiny", *args, "-o", str(text)).code == 0
    back = tmp_path / "back.yaml"
    assert run(capsys, "convert", str(workbook), "-o", str(back)).code == 0
    assert back.read_bytes() == text.read_bytes()


def test_check_file_gives_the_assessment_its_checklist_and_every_problem_placed(tmp_path: Path) -> None:
    checked = ls.check_file(EXAMPLE)
    assert checked.problems == ()
    assert checked.checklist is not None
    assert checked.checklist.id == "independent-scrutiny"
    assert checked.usable() == (checked.assessment, checked.checklist)
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    bad.write_text(text.replace("rating: met", "rating: brilliant", 1), encoding="utf-8")
    checked = ls.check_file(bad)
    [problem] = checked.problems
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1) if "brilliant" in row)
    assert problem.line == line
    assert "'brilliant' is not on the scale" in problem.message
    with pytest.raises(ls.InvalidInputError) as caught:
        checked.usable()
    assert caught.value.problems == checked.problems


def test_check_file_names_an_unknown_checklist_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "other.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    bad.write_text(text.replace("id: independent-scrutiny", "id: not-a-checklist", 1), encoding="utf-8")
    checked = ls.check_file(bad)
    assert checked.checklist is None
    [problem] = checked.problems
    assert problem.path == ("checklist", "id")
    assert problem.line is not None
    assert "no checklist with id 'not-a-checklist'" in problem.message


def test_check_file_refuses_an_unreadable_file_as_load_does(tmp_path: Path) -> None:
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.check_file(tmp_path / "missing.yaml")
    assert str(caught.value) == f"{tmp_path / 'missing.yaml'}: no such file"


def test_national_parses_each_input_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_scrutiny.codec import text  # noqa: PLC0415
    from lscp_scrutiny.io import survey  # noqa: PLC0415

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "b.json").write_text(ls.dumps_assessment(ls.load_assessment(EXAMPLE), "json"), encoding="utf-8")
    (folder / "p.yaml").write_text(
        ls.dumps_partnership(
            ls.Partnership(name="Southshire", scrutiny=ls.ScrutinyArrangement(scrutiny_panel=True))
        ),
        encoding="utf-8",
    )
    parsed: list[str] = []
    real = text.parse

    def counting(data: bytes | str, fmt: text.Format, source: str) -> object:
        parsed.append(source)
        return real(data, fmt, source)

    monkeypatch.setattr(survey, "parse", counting)
    result = run(capsys, "national", str(folder), "--format", "json")
    assert result.code == 0, result.err
    assert sorted(parsed) == sorted(str(folder / name) for name in ("a.yaml", "b.json", "p.yaml"))


def test_saving_to_a_folder_says_it_is_a_folder(tmp_path: Path, checklist: ls.Checklist) -> None:
    with pytest.raises(ls.WriteError, match="is a directory"):
        ls.save_assessment(fully_rated(checklist), tmp_path)


def test_load_returns_takes_one_path_as_it_is() -> None:
    survey = Path(__file__).resolve().parent.parent / "examples" / "national-survey" / "returns.csv"
    assert ls.load_returns(str(survey)) == ls.load_returns([survey])


def test_the_0_1_names_of_the_blank_template_and_the_commands_still_import(checklist: ls.Checklist) -> None:
    from lscp_scrutiny import cli  # noqa: PLC0415
    from lscp_scrutiny.template import render_blank_assessment  # noqa: PLC0415

    assessment = fully_rated(checklist)
    assert render_blank_assessment(checklist, assessment) == ls.dumps_assessment(
        assessment, checklist=checklist
    )
    assert tuple(role.value for role in ls.AssessorRole) == cli.ROLES
    assert cli.report_command.name == "report"


def test_national_names_a_path_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "returns-2026"
    result = run(capsys, "national", str(missing), str(EXAMPLE))
    assert (result.code, result.err) == (2, f"Error: {missing}: no such file or folder\n")
