"""Assessment workbooks: layout, round trip, formula safety, errors by sheet and cell, and the commands."""

from __future__ import annotations

import importlib
import io
import json as json_module
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import cattrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.files import as_json_data, load_assessment
from lscp_scrutiny.serialization import json_converter
from lscp_scrutiny.testing import registry_with
from lscp_scrutiny.workbook import read_workbook, write_workbook
from strategies import assessments

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
Capsys = pytest.CaptureFixture[str]

EXAMPLE_ASSESSMENTS = sorted(
    [
        *EXAMPLES.glob("*.yaml"),
        *EXAMPLES.glob("*.json"),
        *(EXAMPLES / "national-assessments").glob("*.yaml"),
    ]
)


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _row_of(sheet: Worksheet, criterion_id: str) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == criterion_id:
            return row[0].row
    raise AssertionError(f"no row for {criterion_id}")


def _column(sheet: Worksheet, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"no column {header!r}")


def _save(book: openpyxl.Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _problems(data: bytes) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        read_workbook(data, source="a.xlsx")
    return [str(p) for p in caught.value.problems]


@pytest.fixture(scope="module")
def plugins_registry() -> Any:
    """The built-in checklist with both example plugins, as a person with them installed sees it."""
    for name in ("lscp-national-outcomes", "lscp-what-works"):
        sys.path.insert(0, str(EXAMPLES / "plugins" / name / "src"))
    try:
        modules = [importlib.import_module(m) for m in ("lscp_national_outcomes", "lscp_what_works")]
    finally:
        del sys.path[:2]
    return registry_with(*modules)


# --- round trip ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_ASSESSMENTS, ids=lambda p: p.name)
def test_every_example_round_trips_identically(path: Path, checklist: ls.Checklist) -> None:
    assessment = load_assessment(path)
    assert read_workbook(write_workbook(assessment, checklist)).assessment == assessment


def test_round_trip_with_plugin_criteria(plugins_registry: Any) -> None:
    checklist = plugins_registry.checklist("independent-scrutiny")
    assessment = ls.testing.fully_rated(checklist)
    builtin = registry_with().checklist("independent-scrutiny")
    assert len(checklist.criteria) == len(builtin.criteria) + 6 + 6  # the two example plugins' criteria
    assert {checklist.scale_for(c).id for c in checklist.criteria} > {checklist.default_scale}
    assert read_workbook(write_workbook(assessment, checklist)).assessment == assessment


_BREAKS = re.compile(r"[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _writable(data: Any, path: tuple[str, ...] = ()) -> Any:
    """Generated data with the characters a workbook cannot hold replaced (and list items one line)."""
    if isinstance(data, dict):
        return {key: _writable(value, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        one_line = path[-1:] in {("local_authorities",), ("children_involvement",)}
        items = [_writable(item, path) for item in data]
        return [(_BREAKS.sub("~", i).strip() or "x") if one_line else i for i in items]
    if isinstance(data, str):
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", data)
    return data


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a whole assessment is drawn
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments_=st.data())
def test_generated_assessments_round_trip_identically(checklist: ls.Checklist, assessments_: Any) -> None:
    generated = assessments_.draw(assessments(checklist))
    try:
        assessment = json_converter.structure(_writable(as_json_data(generated)), ls.Assessment)
    except (
        ValueError,
        TypeError,
        cattrs.BaseValidationError,
    ):  # replacements made two items equal: not this case
        return
    assert read_workbook(write_workbook(assessment, checklist)).assessment == assessment


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments_=st.data())
def test_a_workbook_holds_an_assessment_exactly_or_says_why_not(
    checklist: ls.Checklist, assessments_: Any
) -> None:
    assessment = assessments_.draw(assessments(checklist))
    try:
        data = write_workbook(assessment, checklist, source="out.xlsx")
    except InvalidInputError as exc:
        for problem in exc.problems:
            assert problem.source == "out.xlsx"
            assert problem.path, "each problem names the field"
            assert re.search("control character|line break|is \\(none\\)|characters long", problem.message)
        return
    assert read_workbook(data).assessment == assessment


def test_writing_refuses_what_a_cell_cannot_hold(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    first = attrs.evolve(assessment.responses[0], notes="bell \x07 here")
    second = attrs.evolve(assessment.responses[1], justification="x" * 40_000)
    bad = assessment.with_response(first).with_response(second)
    with pytest.raises(InvalidInputError) as caught:
        write_workbook(bad, checklist, source="out.xlsx")
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "out.xlsx: responses[0].notes: holds the control character U+0007, which a workbook cannot hold",
        (
            "out.xlsx: responses[1].justification: is 40,000 characters long (as spreadsheets count them); "
            "a spreadsheet cell holds at most 32,767"
        ),
    ]


@pytest.mark.parametrize("path", EXAMPLE_ASSESSMENTS[:3], ids=lambda p: p.name)
def test_a_workbook_resaved_by_libreoffice_reads_back_the_same(
    path: Path, checklist: ls.Checklist, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian's libreoffice-calc-nogui) is not installed; .ci/run installs it")
    assessment = load_assessment(path)
    tricky = assessment.with_response(
        attrs.evolve(assessment.responses[0], notes='=HYPERLINK("http://example.org","click")\n+1 -2 @A1')
    )
    original = tmp_path / "in" / "assessment.xlsx"
    original.parent.mkdir()
    original.write_bytes(write_workbook(tricky, checklist))
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(original),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (out / "assessment.xlsx").read_bytes()
    assert resaved != original.read_bytes()  # LibreOffice really wrote its own file
    assert read_workbook(resaved).assessment == tricky


# --- the layout ----------------------------------------------------------------------------------


def test_layout_sheets_protection_and_drop_downs(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    book = _book(write_workbook(assessment, checklist))
    assert book.sheetnames == [
        "Instructions",
        "Summary",
        "Criteria",
        "Evidence",
        "Actions",
        "Ratings given",
        "Partnership",
        "Partners",
        "Agencies",
        "lscp-scrutiny",
    ]
    assert book.security is not None
    assert book.security.lockStructure
    assert _sheet(book, "lscp-scrutiny").sheet_state == "hidden"
    criteria = _sheet(book, "Criteria")
    assert criteria.protection.sheet
    headers = [cell.value for cell in criteria[1]]
    assert headers[:6] == [
        "ID",
        "Criterion",
        "What good looks like",
        "Guidance",
        "Evidence to look for",
        "Rating",
    ]
    # grouped by section: a title row before each section's criteria
    first = checklist.criteria[0]
    row = _row_of(criteria, first.id)
    assert criteria.cell(row=row - 1, column=2).value == f"WHO · {checklist.sections[0].title}"
    assert criteria.cell(row=row, column=4).value == first.guidance
    assert criteria.cell(row=row, column=5).value == "\n".join(f"- {p}" for p in first.evidence_prompts)
    # answers editable, everything else locked
    rating = f"{_column(criteria, 'Rating')}{row}"
    assert criteria[rating].protection.locked is False
    assert criteria[f"C{row}"].protection.locked is True
    assert criteria[f"A{row}"].protection.locked is True
    assert criteria.cell(row=row - 1, column=6).protection.locked is True  # not on a section's title row
    # the rating's drop-down lists exactly the scale's labels and "Not applicable"
    (check,) = [dv for dv in criteria.data_validations.dataValidation if rating in dv.sqref]
    assert check.type == "list"
    sheet_name, cells = check.formula1.split("!")
    hidden = _sheet(book, sheet_name.strip("'"))
    listed = [c.value for row_ in hidden[cells.replace("$", "")] for c in row_]
    assert listed == [*(level.label for level in checklist.scale_for(first).levels), "Not applicable"]
    # actions: a date check on Due, a list of statuses
    actions = _sheet(book, "Actions")
    due = [dv for dv in actions.data_validations.dataValidation if "D2" in dv.sqref]
    assert [dv.type for dv in due] == ["date"]
    assert actions.protection.sheet
    assert actions.protection.insertRows is False
    assert "personal data" in " ".join(str(c.value) for c in _sheet(book, "Instructions")["A"])


def test_plugin_criteria_appear_like_built_in_ones(plugins_registry: Any) -> None:
    checklist = plugins_registry.checklist("independent-scrutiny")
    assessment = ls.start_assessment(checklist, "P", "A", assessed_on=date(2026, 1, 1))
    book = _book(write_workbook(assessment, checklist))
    criteria = _sheet(book, "Criteria")
    plugin_criteria = [
        c for c in checklist.criteria if c.contributed_by and c.contributed_by.name != "lscp-scrutiny"
    ]
    assert len(plugin_criteria) == 12
    for criterion in plugin_criteria:
        row = _row_of(criteria, criterion.id)
        assert criteria.cell(row=row, column=3).value == criterion.text
        rating = f"F{row}"
        (check,) = [dv for dv in criteria.data_validations.dataValidation if rating in dv.sqref]
        sheet_name, cells = check.formula1.split("!")
        listed = [c.value for r in _sheet(book, sheet_name.strip("'"))[cells.replace("$", "")] for c in r]
        assert listed == [*(lvl.label for lvl in checklist.scale_for(criterion).levels), "Not applicable"]


# --- formula safety ------------------------------------------------------------------------------


FORMULA_LIKE = [
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+44 1234",
    "-1",
    "@SUM(A1)",
    "#N/A",
    "=",
    "=cmd|' /C calc'!A0",
]


def test_text_never_becomes_a_formula(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    evidence = [ls.Evidence(kind="document", reference=text) for text in FORMULA_LIKE]
    response = attrs.evolve(assessment.responses[0], notes=FORMULA_LIKE[1], evidence=evidence)
    tricky = attrs.evolve(assessment.with_response(response), notes="=2*3")
    data = write_workbook(tricky, checklist)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            assert not re.search(rb"<f[ >]", archive.read(name)), name
    book = _book(data)
    evidence_sheet = _sheet(book, "Evidence")
    written = {c.value: c for c in evidence_sheet["C"][1:] if c.value is not None}
    for text in FORMULA_LIKE:
        assert written[text].data_type == "s"
        if text[0] in "=+-@":
            assert written[text].quotePrefix  # the spreadsheet keeps it text when a person edits it
    assert read_workbook(data).assessment == tricky


def test_a_formula_read_back_is_reported_not_worked_out(
    assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    book = _book(write_workbook(assessment, checklist))
    criteria = _sheet(book, "Criteria")
    row = _row_of(criteria, checklist.criteria[5].id)
    criteria[f"F{row}"] = '=IF(1,"Met","Not met")'
    criteria[f"H{row}"] = "=A1"
    assert _problems(_save(book)) == [
        (
            f'a.xlsx: sheet Criteria, cell F{row} (Rating): holds a formula (\'=IF(1,"Met","Not met")\'); '
            "lscp-scrutiny reads values, never formulas: type the value"
        ),
        (
            f"a.xlsx: sheet Criteria, cell H{row} (Notes): holds a formula ('=A1'); "
            "lscp-scrutiny reads values, never formulas: type the value"
        ),
    ]


# --- errors by sheet and cell, all at once -------------------------------------------------------


def test_every_problem_named_by_sheet_and_cell(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    book = _book(write_workbook(assessment, checklist))
    criteria = _sheet(book, "Criteria")
    row = _row_of(criteria, checklist.criteria[6].id)
    criteria[f"F{row}"] = "Mett"
    criteria[f"J{row}"] = "soon"
    criteria[f"I{row}"] = "perhaps"
    criteria[f"M{row}"] = "Police"  # a reply with no text
    evidence = _sheet(book, "Evidence")
    evidence["A30"], evidence["B30"], evidence["C30"] = "who.nope", "Document", "Minutes"
    evidence["A31"], evidence["B31"] = checklist.criteria[6].id, "Rumour"
    actions = _sheet(book, "Actions")
    actions["A40"], actions["B40"], actions["D40"] = checklist.criteria[6].id, "Write it", "2026-02-30"
    partnership = _sheet(book, "Partnership")
    labels = {c.value: c.row for c in partnership["A"]}
    partnership[f"B{labels['Partnership']}"] = None
    partnership[f"B{labels['Number of independent scrutineers']}"] = "two"
    assert _problems(_save(book)) == [
        (
            f"a.xlsx: sheet Criteria, cell F{row} (Rating): 'Mett' is not a rating on this criterion's scale: "
            "choose one of Met, Partly met, Not met, Not applicable"
        ),
        f"a.xlsx: sheet Criteria, cell I{row} (Notes restricted): expected Yes or No, found 'perhaps'",
        f"a.xlsx: sheet Criteria, cell J{row} (Rated on): expected a date such as 2026-10-31, found 'soon'",
        f"a.xlsx: sheet Criteria, cell N{row} (Partner's reply): is blank; a reply needs who replies and what they say",
        "a.xlsx: sheet Evidence, cell A30 (Criterion ID): no criterion 'who.nope' in sheet Criteria",
        (
            "a.xlsx: sheet Evidence, cell B31 (Kind of evidence): 'Rumour' is not a kind of evidence: choose one of "
            "Document, Data, Audit, Practitioner feedback, Child feedback, Family feedback, Observation, Other"
        ),
        "a.xlsx: sheet Evidence, cell C31 (Reference): is blank; it is needed",
        "a.xlsx: sheet Actions, cell D40 (Due): expected a date such as 2026-10-31, found '2026-02-30'",
        f"a.xlsx: sheet Partnership, cell B{labels['Partnership']} (Partnership): is blank; it is needed",
        (
            f"a.xlsx: sheet Partnership, cell B{labels['Number of independent scrutineers']} "
            "(Number of independent scrutineers): expected a whole number, found 'two'"
        ),
    ]


def test_contradicting_answers_point_at_the_cell(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    book = _book(write_workbook(assessment, checklist))
    partnership = _sheet(book, "Partnership")
    labels = {c.value: c.row for c in partnership["A"]}
    partnership[f"B{labels['Independent scrutineers employed']}"] = "No"
    partnership[f"B{labels['Number of independent scrutineers']}"] = 2
    row = labels["Number of independent scrutineers"]
    assert _problems(_save(book)) == [
        (
            f"a.xlsx: sheet Partnership, cell B{row} (Number of independent scrutineers): "
            "is above 0 but independent_scrutineers is false"
        )
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "a.xlsx: not a readable .xlsx workbook (not a zip archive)"),
        (b"", "a.xlsx: not a readable .xlsx workbook (not a zip archive)"),
    ],
)
def test_not_a_workbook(data: bytes, message: str) -> None:
    assert _problems(data) == [message]


def test_a_workbook_that_is_not_an_assessment() -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "name"  # type: ignore[index]
    assert _problems(_save(book)) == [
        (
            "a.xlsx: is not an lscp-scrutiny assessment workbook (it has no 'lscp-scrutiny' sheet); "
            "make one with `lscp-scrutiny new CHECKLIST --partnership NAME -o FILE.xlsx`"
        )
    ]


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    assert len(stream.getvalue()) < 1024 * 1024
    assert _problems(stream.getvalue()) == [
        "a.xlsx: the workbook unpacks to 300 MiB, more than the 256 MiB limit"
    ]


def test_a_removed_sheet_or_column_is_named(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    book = _book(write_workbook(assessment, checklist))
    book.security = None
    del book["Agencies"]
    assert _problems(_save(book)) == ["a.xlsx: the sheet 'Agencies' is missing; the layout was changed"]
    book = _book(write_workbook(assessment, checklist))
    _sheet(book, "Evidence")["C1"] = "Where"
    assert _problems(_save(book)) == [
        (
            "a.xlsx: sheet Evidence, row 1: has no column 'Reference'; the workbook's layout was changed "
            "(make a new one with lscp-scrutiny new or convert)"
        )
    ]


def test_filled_in_by_a_person(checklist: ls.Checklist) -> None:
    """What people type: labels in any case, real dates, Yes, rows added at the end of Evidence."""
    blank = ls.start_assessment(checklist, "Testshire SCP", "Jo", assessed_on=date(2026, 10, 1))
    book = _book(write_workbook(blank, checklist))
    criteria = _sheet(book, "Criteria")
    first, second = checklist.criteria[0].id, checklist.criteria[1].id
    criteria[f"F{_row_of(criteria, first)}"] = "partly MET"
    criteria[f"H{_row_of(criteria, first)}"] = 2024  # a number typed into a text column
    criteria[f"F{_row_of(criteria, second)}"] = "not applicable"
    criteria[f"G{_row_of(criteria, second)}"] = "No scrutiny panel here"
    evidence = _sheet(book, "Evidence")
    evidence.append([first, "practitioner feedback", "Survey 2026", None, date(2026, 9, 1), "yes"])
    read = read_workbook(_save(book)).assessment
    response = read.response(first)
    assert (response.rating, response.notes) == ("partly_met", "2024")
    assert response.evidence == (
        ls.Evidence(
            kind="practitioner_feedback",
            reference="Survey 2026",
            collected_on=date(2026, 9, 1),
            restricted=True,
        ),
    )
    assert read.response(second).rating == ls.NOT_APPLICABLE
    assert read.response(second).justification == "No scrutiny panel here"
    assert [r.criterion for r in read.responses] == [c.id for c in checklist.criteria]


# --- the commands --------------------------------------------------------------------------------


def test_new_writes_a_workbook_that_validates(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "Testshire SCP", "-o", str(out))
    assert (result.code, result.out) == (
        0,
        f"Wrote {out}: 54 criteria of independent-scrutiny 1.1.1 to assess.\n",
    )
    result = run(capsys, "validate", str(out))
    assert (result.code, result.out) == (0, f"{out}: valid (0 of 54 criteria assessed, 0 flags)\n")


def test_convert_both_ways_and_every_reader(capsys: Capsys, tmp_path: Path) -> None:
    source = EXAMPLES / "northshire-2026.yaml"
    xlsx, yaml, json = tmp_path / "n.xlsx", tmp_path / "n.yaml", tmp_path / "n.json"
    assert (
        run(capsys, "convert", str(source), "-o", str(xlsx)).out
        == f"Wrote {xlsx}: 47 of 54 criteria of independent-scrutiny assessed.\n"
    )
    assert run(capsys, "convert", str(xlsx), "-o", str(yaml)).code == 0
    assert run(capsys, "convert", str(xlsx), "-o", str(json)).code == 0
    original = load_assessment(source)
    assert load_assessment(xlsx) == load_assessment(yaml) == load_assessment(json) == original
    assert "# who.published-model" in yaml.read_text()  # the YAML carries the guidance as comments
    from_yaml = run(capsys, "report", str(source), "--format", "json").out
    assert run(capsys, "report", str(xlsx), "--format", "json").out == from_yaml
    compare = run(
        capsys, "report", str(xlsx), "--compare", str(EXAMPLES / "northshire-2025.yaml"), "--format", "json"
    )
    assert compare.code == 0
    assert '"comparison"' in compare.out
    national = run(
        capsys, "national", str(xlsx), str(EXAMPLES / "national-survey" / "returns.csv"), "--format", "json"
    )
    assert national.code == 0, national.err
    picture = json_module.loads(national.out)
    assert picture["returns"] == 105  # the survey export is still read as returns
    assert [group["assessments"] for group in picture["assessments"]] == [1]  # the workbook as an assessment


def test_convert_refuses_to_overwrite_and_unknown_suffixes(capsys: Capsys, tmp_path: Path) -> None:
    source = EXAMPLES / "northshire-2026.yaml"
    out = tmp_path / "n.xlsx"
    out.write_bytes(b"keep")
    result = run(capsys, "convert", str(source), "-o", str(out))
    assert result.code == 2
    assert "already exists; use --force" in result.err
    assert out.read_bytes() == b"keep"
    result = run(capsys, "convert", str(source), "-o", str(tmp_path / "n.ods"))
    assert (
        result.err
        == f"Error: {tmp_path / 'n.ods'}: unsupported file type: expected .yaml, .yml, .json or .xlsx\n"
    )
    result = run(capsys, "validate", str(EXAMPLES / "national-survey" / "returns.csv"))
    assert result.err.endswith("returns.csv: unsupported file type: expected .yaml, .yml, .json or .xlsx\n")
    assert result.code == 2
    assert "unsupported file type" in result.err


def test_validate_names_cells_for_problems_found_against_the_checklist(
    capsys: Capsys, tmp_path: Path, checklist: ls.Checklist
) -> None:
    blank = ls.start_assessment(checklist, "Testshire SCP", "Jo", assessed_on=date(2026, 10, 1))
    book = _book(write_workbook(blank, checklist))
    book.security = None
    criteria = _sheet(book, "Criteria")
    criteria.protection.sheet = False
    row = _row_of(criteria, checklist.criteria[2].id)
    criteria[f"A{row}"] = "who.invented"
    out = tmp_path / "a.xlsx"
    out.write_bytes(_save(book))
    result = run(capsys, "validate", str(out))
    assert result.code == 2
    assert f"Error: {out}: sheet Criteria, cell A{row}: " in result.err
    assert "who.invented" in result.err


def test_a_workbook_filled_against_an_older_checklist_says_what_changed(
    capsys: Capsys, tmp_path: Path
) -> None:
    checklist_file = tmp_path / "mine.yaml"
    text = (
        "schema_version: 1\nid: mine\nversion: '1.0'\ntitle: Mine\nsections:\n"
        "  - id: who\n    title: Who\n    question: who\n    criteria:\n"
        "      - {id: who.a, title: A, text: First wording.}\n"
        "      - {id: who.b, title: B, text: Stays the same.}\n"
    )
    checklist_file.write_text(text)
    out = tmp_path / "a.xlsx"
    assert (
        run(
            capsys,
            "--checklist-file",
            str(checklist_file),
            "new",
            "mine",
            "--partnership",
            "P",
            "-o",
            str(out),
        ).code
        == 0
    )
    book = _book(out.read_bytes())
    criteria = _sheet(book, "Criteria")
    criteria[f"F{_row_of(criteria, 'who.a')}"] = "Met"
    out.write_bytes(_save(book))
    checklist_file.write_text(
        text.replace("version: '1.0'", "version: '2.0'").replace("First wording.", "New wording.")
        + "      - {id: who.c, title: C, text: Brand new.}\n"
    )
    result = run(capsys, "--checklist-file", str(checklist_file), "validate", str(out))
    assert result.code == 0, result.err
    assert "who.a" in result.out
    assert "reworded" in result.out
    assert "who.c" in result.out
    assert "added" in result.out


# --- found in review -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Eastmoor\uffff", "holds the character U+FFFF, which a workbook cannot hold"),
        ("a\ufffeb", "holds the character U+FFFE, which a workbook cannot hold"),
        ("lone \ud800 surrogate", "holds the character U+D800, which a workbook cannot hold"),
        (
            "\U0001f600" * 20_000,
            "is 40,000 characters long (as spreadsheets count them); a spreadsheet cell holds at most 32,767",
        ),
    ],
)
def test_text_a_workbook_cannot_hold_is_refused_not_written(
    checklist: ls.Checklist, text: str, message: str
) -> None:
    assessment = ls.start_assessment(
        checklist, ls.Partnership(name="P", area=text), "A", assessed_on=date(2026, 1, 1)
    )
    with pytest.raises(InvalidInputError) as caught:
        write_workbook(assessment, checklist, source="out.xlsx")
    assert [str(p) for p in caught.value.problems] == [f"out.xlsx: partnership.area: {message}"]


def test_new_refuses_a_name_a_workbook_cannot_hold(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    result = run(capsys, "new", "independent-scrutiny", "--partnership", "a\ufffeb", "-o", str(out))
    assert result.code == 2
    assert (
        result.err
        == f"Error: {out}: partnership.name: holds the character U+FFFE, which a workbook cannot hold\n"
    )
    assert not out.exists()


def test_a_damaged_sheet_is_one_line(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    data = write_workbook(assessment, checklist)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(
                item, content[: len(content) // 2] if item.filename == "xl/worksheets/sheet3.xml" else content
            )
    (problem,) = _problems(damaged.getvalue())
    assert problem.startswith("a.xlsx: the workbook is damaged and cannot be read (")


def test_odd_values_in_label_cells_are_problems_not_crashes(
    assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    book = _book(write_workbook(assessment, checklist))
    _sheet(book, "Evidence")["C1"] = True
    assert _problems(_save(book)) == [
        (
            "a.xlsx: sheet Evidence, row 1: has no column 'Reference'; the workbook's layout was changed "
            "(make a new one with lscp-scrutiny new or convert)"
        )
    ]
    book = _book(write_workbook(assessment, checklist))
    _sheet(book, "Criteria")["R1"] = False  # a value beside the table's header is no column of it
    _sheet(book, "lscp-scrutiny")["A20"] = True
    partnership = _sheet(book, "Partnership")
    partnership["A30"] = True
    assert read_workbook(_save(book)).assessment == assessment


def test_superscript_digits_are_not_numbers(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    book = _book(write_workbook(assessment, checklist))
    partnership = _sheet(book, "Partnership")
    row = {c.value: c.row for c in partnership["A"]}["Number of independent scrutineers"]
    partnership[f"B{row}"] = "\u00b2"
    _sheet(book, "Criteria")["Q3"] = "\u00b2"  # the hidden order column
    assert _problems(_save(book)) == [
        f"a.xlsx: sheet Partnership, cell B{row} (Number of independent scrutineers): expected a whole number, found '\u00b2'"
    ]


@pytest.mark.parametrize("scales", ['{"met-partly-not": [1]}', '"abc"', '{"A": 1}', "{not json"])
def test_tampered_scales_are_one_line(
    assessment: ls.Assessment, checklist: ls.Checklist, scales: str
) -> None:
    book = _book(write_workbook(assessment, checklist))
    hidden = _sheet(book, "lscp-scrutiny")
    row = {c.value: c.row for c in hidden["A"]}["scales"]
    hidden[f"B{row}"] = scales
    assert (
        _problems(_save(book))[0]
        == "a.xlsx: sheet lscp-scrutiny: the rating scales cannot be read; the workbook was changed"
    )


def test_list_problems_on_the_partnership_sheet_name_their_cell(
    assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    book = _book(write_workbook(assessment, checklist))
    partnership = _sheet(book, "Partnership")
    rows = {c.value: c.row for c in partnership["A"]}
    partnership[f"B{rows['Local authorities']}"] = "Same place\nSame place"
    partnership[f"B{rows['Methods of scrutiny']}"] = "Interviews\ninterviews"
    assert _problems(_save(book)) == [
        f"a.xlsx: sheet Partnership, cell B{rows['Methods of scrutiny']} (Methods of scrutiny): 'interviews' is listed more than once",
        f"a.xlsx: sheet Partnership, cell B{rows['Local authorities']} (Local authorities): 'Same place' is listed more than once",
    ]


def test_dates_before_1900_round_trip(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    old = assessment.with_response(attrs.evolve(assessment.responses[0], rated_on=date(1899, 12, 30)))
    assert read_workbook(write_workbook(old, checklist)).assessment == old


# --- printing and the Summary sheet (issue 16, item 6) ---------------------------------------------------


NORTHSHIRE = EXAMPLES / "northshire-2026.yaml"


def _northshire(checklist: ls.Checklist) -> tuple[ls.Assessment, bytes]:
    assessment = load_assessment(NORTHSHIRE)
    return assessment, write_workbook(assessment, checklist)


def test_the_summary_sheet_counts_what_the_report_counts(checklist: ls.Checklist) -> None:
    from lscp_scrutiny.model.labels import LEVEL_COLOURS  # noqa: PLC0415

    assessment, data = _northshire(checklist)
    summary = ls.evaluate(assessment, checklist, as_of=assessment.assessed_on)
    sheet = _book(data)["Summary"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=8)]
    levels = summary.levels
    assert rows[0] == [
        "Group",
        *(level.label for level in levels),
        "Not applicable",
        "Not yet assessed",
        "Score",
    ]
    groups = [*((g.id.upper(), g.tally) for g in summary.questions), ("Overall", summary.overall)]
    for row, (label, tally) in zip(rows[1:], groups, strict=True):
        assert row[0] == label
        assert row[1:-1] == [
            *(tally.counts.get(level.id, 0) for level in levels),
            tally.not_applicable,
            tally.not_assessed,
        ]
        assert row[-1] == f"{tally.score:.0%} ({tally.points} of {tally.max_points})"
    assert rows[4][-1] == "66% (61 of 92)"  # the example's overall score, as the report gives it
    for column, level in enumerate(levels, start=2):  # each level's header in the scale's own colour
        fill = sheet.cell(row=4, column=column).fill.fgColor.rgb
        assert fill.upper().endswith(LEVEL_COLOURS[level.colour].removeprefix("#").upper())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1  # a native chart, not a picture
        chart = archive.read(charts[0]).decode("utf-8")
    assert len(re.findall(r"<(?:c:)?ser>", chart)) == len(levels)
    for level in levels:
        assert LEVEL_COLOURS[level.colour].removeprefix("#").upper() in chart.upper()
    assert read_workbook(data).assessment == assessment  # nothing on the sheet is read back


def test_every_sheet_prints_landscape_fitted_to_width_with_its_header_row(checklist: ls.Checklist) -> None:
    _, data = _northshire(checklist)
    book = _book(data)
    for sheet in book.worksheets:
        if sheet.sheet_state == "hidden":
            continue
        setup, fit, footer = sheet.page_setup, sheet.sheet_properties.pageSetUpPr, sheet.oddFooter
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) in ((1, 0), ("1", "0")), sheet.title
        assert fit is not None, sheet.title
        assert fit.fitToPage, sheet.title
        assert footer is not None, sheet.title
        assert "&P of &N" in str(footer.center.text), sheet.title
        tables = ("Criteria", "Evidence", "Actions", "Ratings given", "Partners", "Agencies")
        assert (sheet.print_title_rows in ("1:1", "$1:$1")) == (sheet.title in tables), sheet.title


def test_rows_are_tall_enough_for_their_text_and_nothing_is_cut(checklist: ls.Checklist) -> None:
    _, data = _northshire(checklist)
    sheet = _book(data)["Criteria"]
    tall = 0
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        longest = max((len(c.value) for c in row if isinstance(c.value, str)), default=0)
        height = sheet.row_dimensions[number].height
        if longest > 200:  # guidance runs to several lines: the row says how tall it is, top-aligned
            tall += 1
            assert height is not None, number
            assert height >= 45, number
            letters = [openpyxl.utils.get_column_letter(n) for n in range(1, len(row) + 1)]
            shown = [
                c
                for c, letter in zip(row, letters, strict=True)
                if not sheet.column_dimensions[letter].hidden
            ]
            assert all(c.alignment.vertical == "top" for c in shown if isinstance(c.value, str)), number
    assert tall >= 40
    ids = [c for c in sheet["A"][1:] if isinstance(c.value, str) and "." in c.value]
    assert ids
    assert all(c.alignment.wrap_text for c in ids if len(c.value) > 10)


def test_libreoffice_prints_the_workbook_on_a_bounded_number_of_pages(
    checklist: ls.Checklist, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice and poppler-utils (pdftotext) are not installed; .ci/run installs them")
    _, data = _northshire(checklist)
    book = tmp_path / "northshire.xlsx"
    book.write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "northshire.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    # 40 pages before print setup; 18 measured with it (Instructions 2, Summary 1, Criteria 5, ...).
    assert 8 <= len(pages) <= 24
    footers = [re.search(r"(\w+): page (\d+) of (\d+)", page) for page in pages]
    assert all(footers), "every page names its sheet and number"
    assert [int(f.group(2)) for f in footers if f] == list(range(1, len(pages) + 1))
    summary = next(page for page, f in zip(pages, footers, strict=True) if f and f.group(1) == "Summary")
    assert "66% (61 of 92)" in summary
    assert "Assessment workbook: Independent scrutiny" in pages[0]
    assert "(independent-scrutiny" in pages[0]
    assert "1.1.1)" in pages[0]
