"""The assessed body: an assessment may be one agency's return to its partnership (issue 18, item 1).

``new CHECKLIST --agency NAME --sector S`` starts one, every kind of file keeps it, reports name it,
and files without it stay exactly as they were.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.errors import InvalidInputError

Capsys = pytest.CaptureFixture[str]
PARTNERSHIP = "Northshire Safeguarding Children Partnership"


def _new(capsys: Capsys, path: Path, *extra: str) -> None:
    done = run(capsys, "new", "section-11", "--partnership", PARTNERSHIP, "-o", str(path), *extra)
    assert done.code == 0, done.err


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xlsx"])
def test_new_names_the_agency_and_every_kind_of_file_keeps_it(
    tmp_path: Path, capsys: Capsys, suffix: str
) -> None:
    path = tmp_path / f"police{suffix}"
    _new(capsys, path, "--agency", "Northshire Police", "--sector", "police")
    assessment = ls.load_assessment(path)
    assert assessment.agency == ls.AssessedAgency(name="Northshire Police", sector="police")
    assert assessment.partnership.name == PARTNERSHIP
    converted = tmp_path / "converted.json"
    assert run(capsys, "convert", str(path), "-o", str(converted)).code == 0
    assert json.loads(converted.read_text())["agency"] == {"name": "Northshire Police", "sector": "police"}


def test_a_sector_takes_either_vocabulary_and_refuses_others() -> None:
    assert ls.AssessedAgency(name="A", sector=ls.PartnerSector.HEALTH).sector == "health"
    assert ls.AssessedAgency(name="A", sector=ls.AgencyKind.EDUCATION).sector == "education"
    with pytest.raises(ValueError, match="sector 'school' is not one of local_authority"):
        ls.AssessedAgency(name="A", sector="school")


def test_the_reports_of_a_return_are_titled_by_the_checklist_and_name_the_agency(
    tmp_path: Path, capsys: Capsys
) -> None:
    path = tmp_path / "college.yaml"
    _new(capsys, path, "--agency", "Northshire College", "--sector", "education")
    markdown = run(capsys, "report", str(path), "--format", "markdown").out
    assert markdown.startswith("# Section 11 self-assessment for agencies: Northshire College\n")
    assert "| Agency assessed | Northshire College (education) |" in markdown
    html = run(capsys, "report", str(path), "--format", "html").out
    assert "<h1>Section 11 self-assessment for agencies: Northshire College</h1>" in html
    assert "<dt>Agency assessed</dt><dd>Northshire College (education)</dd>" in html
    terminal = run(capsys, "report", str(path)).out
    assert "Agency assessed  Northshire College (education)" in terminal
    data = json.loads(run(capsys, "report", str(path), "--format", "json").out)
    assert (data["agency"], data["agency_sector"]) == ("Northshire College", "education")


def test_a_partnerships_own_assessment_has_no_agency_and_keeps_its_title(
    tmp_path: Path, capsys: Capsys
) -> None:
    path = tmp_path / "own.yaml"
    done = run(capsys, "new", "independent-scrutiny", "--partnership", PARTNERSHIP, "-o", str(path))
    assert done.code == 0
    assert "\nagency:" not in path.read_text()
    assert ls.load_assessment(path).agency is None
    markdown = run(capsys, "report", str(path), "--format", "markdown").out
    assert markdown.startswith(f"# Independent scrutiny assessment: {PARTNERSHIP}\n")
    assert "Agency assessed" not in markdown


def test_an_agency_return_is_not_asked_the_partnerships_scrutiny_questions(
    tmp_path: Path, capsys: Capsys
) -> None:
    path = tmp_path / "police.yaml"
    _new(capsys, path, "--agency", "Northshire Police")
    text = path.read_text()
    assert "independent_scrutineers" not in text
    assert "agency:\n  name: Northshire Police\n" in text


def test_a_sector_without_an_agency_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: Capsys
) -> None:
    path = tmp_path / "x.yaml"
    done = run(capsys, "new", "section-11", "--partnership", "N", "--sector", "police", "-o", str(path))
    assert done.code == 2
    assert "--sector is the agency's: give the agency assessed too (--agency)" in done.err
    assert not path.exists()


def test_a_bad_sector_in_a_file_is_one_line_naming_the_field(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "police.yaml"
    _new(capsys, path, "--agency", "Northshire Police", "--sector", "police")
    path.write_text(path.read_text().replace("sector: police", "sector: constabulary"))
    done = run(capsys, "validate", str(path))
    assert done.code == 2
    lines = [line for line in done.err.splitlines() if "constabulary" in line]
    assert len(lines) == 1
    assert re.search(
        r"police\.yaml:\d+: agency: sector 'constabulary' is not one of local_authority, police", lines[0]
    )


def _rows(path: Path) -> dict[str, int]:
    sheet = load_workbook(path)["Partnership"]
    return {str(row[0].value): row[0].row for row in sheet.iter_rows() if row[0].value}


def test_a_workbook_made_before_the_agency_rows_still_reads(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "old.xlsx"
    _new(capsys, path)
    book = load_workbook(path)
    sheet = book["Partnership"]
    for label in (
        "Agency's sector",
        "Agency assessed",
    ):  # the later row first, so the earlier keeps its place
        sheet.delete_rows(_rows(path)[label])
    book.save(path)
    assert "Agency assessed" not in _rows(path)
    assert ls.load_assessment(path).agency is None


def test_a_workbook_with_a_sector_but_no_agency_names_the_cell(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "return.xlsx"
    _new(capsys, path)
    book = load_workbook(path)
    book["Partnership"].cell(row=_rows(path)["Agency's sector"], column=2).value = "Police"
    book.save(path)
    with pytest.raises(InvalidInputError) as caught:
        ls.load_assessment(path)
    (problem,) = caught.value.problems
    assert "Agency's sector" in str(problem)
    assert "is given but the agency assessed is blank" in str(problem)


# --- the partnership's challenge of a return (item 4): the agreed-rating record, the reply beside it ----


def _criteria_rows(sheet: Any) -> tuple[dict[str, int], dict[str, int]]:
    """The Criteria sheet's columns by header and rows by criterion id."""
    header_row = next(row for row in sheet.iter_rows() if any(c.value == "ID" for c in row))
    columns = {str(c.value): c.column for c in header_row if c.value}
    rows = {
        str(sheet.cell(row=r, column=columns["ID"]).value): r
        for r in range(header_row[0].row + 1, sheet.max_row + 1)
        if sheet.cell(row=r, column=columns["ID"]).value
    }
    return columns, rows


def test_a_challenge_written_in_the_returned_workbook_is_counted_with_the_agencys_own_kept(
    tmp_path: Path, capsys: Capsys
) -> None:
    checklist = ls.get_checklist("section-11")
    path = tmp_path / "police.xlsx"
    _new(capsys, path, "--agency", "Northshire Police", "--sector", "police")
    first = checklist.criteria[0]
    book = load_workbook(path)
    sheet = book["Criteria"]
    columns, rows = _criteria_rows(sheet)
    row = rows[first.id]
    cells: dict[str, str | date] = {
        "Rating": "Green",
        "Agreed rating": "Amber",
        "Agreed because": "The audit sample found two files without a recorded strategy discussion.",
        "Agreed by": "Northshire Section 11 panel",
        "Agreed on": date(2026, 11, 24),
        "Reply by": "Northshire Police",
        "Partner's reply": "We accept amber; the new recording template is in place from December.",
    }
    for header, value in cells.items():
        sheet.cell(row=row, column=columns[header]).value = value
    book.save(path)

    response = ls.load_assessment(path).response(first.id)
    assert response.rating == "green"  # the agency's own, kept
    assert response.verdict == "amber"
    assert response.moderated is not None
    assert response.moderated.by == "Northshire Section 11 panel"
    assert response.reply is not None
    assert response.reply.text.startswith("We accept amber")

    markdown = run(capsys, "report", str(path), "--format", "markdown", "--as-of", "2026-12-01").out
    assert (
        "Moderated by Northshire Section 11 panel on 2026-11-24: Northshire Police rated it Green, agreed Amber"
        in markdown
    )
    assert "We accept amber" in markdown
    data = json.loads(run(capsys, "rollup", str(path), "--format", "json", "--as-of", "2026-12-01").out)
    criterion = next(c for c in data["overall"]["criteria"] if c["id"] == first.id)
    assert criterion["counts"] == {"amber": 1}  # the agreed rating counts, not the agency's green
    assert data["returns"][0]["challenged"] == 1
    assert data["returns"][0]["changed_at_challenge"] == 1


def test_an_agency_workbook_asks_no_scrutiny_questions_and_reads_back(tmp_path: Path, capsys: Capsys) -> None:
    """As in YAML: an agency's return is not asked the partnership's own WHO / HOW / WHAT questions."""
    import openpyxl  # noqa: PLC0415

    from lscp_scrutiny.model.labels import SCRUTINY_QUESTIONS  # noqa: PLC0415

    agency, partnership = tmp_path / "agency.xlsx", tmp_path / "partnership.xlsx"
    common = ("section-11", "--partnership", "Northshire SCP")
    assert run(capsys, "new", *common, "--agency", "Northshire College", "-o", str(agency)).code == 0
    assert run(capsys, "new", *common, "-o", str(partnership)).code == 0
    labels = {q.label for q in SCRUTINY_QUESTIONS}

    def shown(path: Path) -> set[str]:
        return {str(c.value) for c in openpyxl.load_workbook(path)["Partnership"]["A"] if c.value}

    assert not labels & shown(agency)
    assert labels <= shown(partnership)
    done = run(capsys, "validate", str(agency))
    assert done.code == 0, done.err
    loaded = ls.load_assessment(agency)
    assert loaded.agency == ls.AssessedAgency(name="Northshire College")
    assert loaded.partnership.scrutiny == ls.ScrutinyArrangement()
