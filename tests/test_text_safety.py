"""Text that could harm: formulas in every line of a spreadsheet cell, text that breaks a file's comments,
lone surrogates, merge keys, enormous and restricted values in error lines, and file names that carry
terminal escapes or rich markup."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import attrs
import click.utils
import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny._text import printable
from lscp_scrutiny.io.assessments import decode_assessment, encode_assessment
from lscp_scrutiny.io.kinds import JSON, XLSX, YAML, FileKind
from lscp_scrutiny.io.workbook import read_workbook, write_workbook
from lscp_scrutiny.render.csv import COLUMNS, render_csv, safe_cell
from strategies import any_text

Capsys = pytest.CaptureFixture[str]

SUM = "Published model\r=SUM(40;2)"
LINK = 'Look here\n=HYPERLINK("http://evil.example";"click")'


def _small_checklist(checklist: ls.Checklist, **changes: Any) -> ls.Checklist:
    """The built-in checklist cut to two criteria of its first section, the first changed as given."""
    section = checklist.sections[0]
    first = attrs.evolve(section.criteria[0], **changes)
    return attrs.evolve(
        checklist,
        id="ours",
        sections=[attrs.evolve(section, criteria=[first, section.criteria[1]])],
        retired=(),  # what replaces them is cut too
    )


def _cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


_PARTS = re.compile("\r\n|[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _looks_like_formula(cell: str) -> bool:
    """The tests' own judge: any line (or tab-separated part) of the cell starts like a formula."""
    if cell.startswith(("\t", "\r")):
        return True
    return any(part.lstrip().startswith(tuple("=+-@\uff1d\uff0b\uff0d\uff20")) for part in _PARTS.split(cell))


# --- 14: every line of a cell is neutralised ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("a\r=1", "a\r'=1"),
        ("a\n=1", "a\n'=1"),
        ("a\r\n=1", "a\r\n'=1"),
        ("a\r\nb", "a\r\nb"),
        ("a\u2028+1", "a\u2028'+1"),
        ("a\x85@x", "a\x85'@x"),
        ("a\tb\t-1", "a\tb\t'-1"),
        ("  =1", "'  =1"),
        ("x\n   -1", "x\n'   -1"),
        ("\uff1d1", "'\uff1d1"),  # a full-width equals sign, which some spreadsheets take for one
        ("\tplain", "'\tplain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_every_line_of_a_cell_is_judged(text: str, shown: str) -> None:
    from lscp_scrutiny.io._formulas import could_be_formula, neutralised  # noqa: PLC0415 - new in this change: the other tests run without it

    assert neutralised(text) == shown
    assert safe_cell(text) == shown  # the CSV report's name for it, the same rule
    assert could_be_formula(text) is (text != shown) is _looks_like_formula(text)
    assert not could_be_formula(shown)
    assert not _looks_like_formula(shown)


def test_a_cell_with_a_carriage_return_stays_one_cell() -> None:
    from lscp_scrutiny.io._formulas import csv_text  # noqa: PLC0415 - new in this change: the other tests run without it

    text = csv_text([("a", "b\rc", 'say "hi"', "x,y", 3, None)])
    assert text == 'a,"b\rc","say ""hi""","x,y",3,\n'
    assert _cells_of(text) == [["a", "b\rc", 'say "hi"', "x,y", "3", ""]]


def test_csv_report_neutralises_every_line(checklist: ls.Checklist) -> None:
    ours = _small_checklist(checklist, title=SUM)
    assessment = ls.start_assessment(ours, "P", "A")
    assessment = ls.rate(assessment, ours, ours.criteria[0].id, "met", notes=LINK)
    rows = _cells_of(render_csv(ls.evaluate(assessment, ours)))
    assert len(rows) == 1 + len(ours.criteria)  # the carriage return made no row of its own
    assert all(len(row) == len(COLUMNS) for row in rows)
    for row in rows[1:]:
        for cell in row:
            assert not _looks_like_formula(cell), cell
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["title"] == "Published model\r'=SUM(40;2)"
    assert first["notes"] == 'Look here\n\'=HYPERLINK("http://evil.example";"click")'


def test_workbook_marks_every_line_that_could_be_a_formula(checklist: ls.Checklist) -> None:
    ours = _small_checklist(checklist, title=SUM)
    assessment = ls.rate(ls.start_assessment(ours, "P", "A"), ours, ours.criteria[0].id, "met", notes=LINK)
    data = write_workbook(assessment, ours)
    sheet = load_workbook(io.BytesIO(data))["Criteria"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    for typed in (SUM, LINK):  # a carriage return comes back as one, or (some XML parsers) a line break
        text = typed if typed in cells else typed.replace("\r", "\n")
        assert cells[text].data_type == "s"
        assert cells[text].quotePrefix, text  # kept text when a person edits it, whichever line it is
    assert read_workbook(data).assessment == assessment  # the text itself is kept exactly


def _libreoffice(path: Path, tmp_path: Path) -> Any:
    """``path`` opened by LibreOffice and saved as a workbook, as a person opening it would see it."""
    out = tmp_path / f"from-libreoffice-{path.suffix[1:]}"
    profile = tmp_path / "libreoffice-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return load_workbook(out / f"{path.stem}.xlsx")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (apt-get install libreoffice-calc-nogui)"
)
def test_libreoffice_opens_no_formula(checklist: ls.Checklist, tmp_path: Path) -> None:
    ours = _small_checklist(checklist, title=SUM, guidance='Check\r=HYPERLINK("http://evil.example";"x")')
    assessment = ls.start_assessment(ours, ls.Partnership(name="=1+1"), "A")
    assessment = ls.rate(
        assessment,
        ours,
        ours.criteria[0].id,
        "met",
        notes=LINK,
        evidence=[ls.Evidence(kind="document", reference="a\n@SUM(1;1)")],
    )
    report = tmp_path / "report.csv"
    report.write_text(render_csv(ls.evaluate(assessment, ours)), encoding="utf-8")
    book = tmp_path / "assessment.xlsx"
    book.write_bytes(write_workbook(assessment, ours))

    opened = _libreoffice(report, tmp_path)
    sheet = opened.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + len(ours.criteria)
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert values[1][COLUMNS.index("title")] == "Published model\n'=SUM(40;2)"

    opened = _libreoffice(book, tmp_path)
    formulas = [
        f"{s.title}!{c.coordinate}"
        for s in opened.worksheets
        for row in s.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    texts = {c.value for s in opened.worksheets for row in s.iter_rows() for c in row}
    assert {LINK, "=1+1"} <= texts  # shown as typed
    # the carriage return as typed, or as a line break (whether it is kept depends on the XML library)
    assert texts & {"Published model\r=SUM(40;2)", "Published model\n=SUM(40;2)"}


def test_new_writes_a_yaml_file_its_validate_reads(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path
) -> None:
    nasty = "one\rtwo\x85three\u2028four\u2029five\x0bsix\x1b[31mred\x07\ufffe\ufeff"
    ours = _small_checklist(
        checklist, title=SUM, text=nasty, guidance=nasty, evidence_prompts=(nasty, "=1\r=2")
    )
    ours = attrs.evolve(ours, title=f"Ours {nasty}", interpretation=nasty)
    path = tmp_path / "ours.yaml"
    ls.save_checklist(ours, path)
    for suffix in ("yaml", "json"):
        out = tmp_path / f"a.{suffix}"
        made = run(capsys, "--checklist-file", str(path), "new", "ours", "--partnership", "P", "-o", str(out))
        assert made.code == 0, made.err
        checked = run(capsys, "--checklist-file", str(path), "validate", str(out))
        assert checked.code == 0, checked.err
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "# who.published-model: Published model =SUM(40;2) (must)" in text
    assert "\x1b" not in text
    assert "\r" not in text


_ANY = any_text()
_NON_BLANK = _ANY.filter(str.strip)
_KINDS = (YAML, JSON, XLSX)


def _round_trip(assessment: ls.Assessment, checklist: ls.Checklist, kind: FileKind) -> None:
    """Written and read back the same, or refused as it is written: one line per problem, naming a field."""
    try:
        data = encode_assessment(assessment, kind, checklist=checklist, source=f"out.{kind.name}")
    except ls.InvalidInputError as exc:
        for problem in exc.problems:
            assert problem.path, problem  # names the field
            assert "\n" not in str(problem)
        return
    assert decode_assessment(data, kind, f"out.{kind.name}").assessment == assessment


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_NON_BLANK,
    guidance=_ANY,
    prompt=_ANY,
    notes=_ANY,
    description=_ANY,
    reply=_NON_BLANK,
    action=_NON_BLANK,
)
def test_every_writer_writes_what_its_reader_reads(  # noqa: PLR0917 - one argument per field of text
    checklist: ls.Checklist,
    title: str,
    guidance: str,
    prompt: str,
    notes: str,
    description: str,
    reply: str,
    action: str,
) -> None:
    try:
        ours = _small_checklist(checklist, title=title, guidance=guidance or None, evidence_prompts=(prompt,))
        evidence = ls.Evidence(kind="document", reference="R", description=description or None)
        assessment = ls.start_assessment(ours, "P", "A")
        response = attrs.evolve(
            assessment.responses[0],
            rating="met",
            notes=notes or None,
            evidence=(evidence,),
            reply=ls.Reply(by="Partner", text=reply),
            actions=(ls.Action(description=action),),
        )
    except (TypeError, ValueError):  # the model refuses it at once: nothing to write
        return
    assessment = assessment.with_response(response)
    for kind in _KINDS:
        _round_trip(assessment, ours, kind)
    # The CSV report: always written, each row one row, no line of any cell a formula.
    rendered = render_csv(ls.evaluate(assessment, ours))
    rendered.encode("utf-8")  # a file can hold it
    rows = _cells_of(rendered)
    assert len(rows) == 1 + len(ours.criteria)
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["title"] == safe_cell(title)
    assert first["notes"] == safe_cell(response.notes or "")
    assert first["reply"] == safe_cell(response.reply.text if response.reply else "")
    assert not any(_looks_like_formula(cell) for row in rows[1:] for cell in row)


# --- 15: lone surrogates are refused where they are read ------------------------------------------


def _blank(checklist: ls.Checklist) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ls.dumps_assessment(ls.start_assessment(checklist, "P", "A"), "json"))
    return data


@pytest.mark.parametrize("command", ["validate", "report"])
def test_a_lone_surrogate_in_json_is_refused_naming_the_field(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path, command: str
) -> None:
    data = _blank(checklist)
    data["responses"][0]["notes"] = "\ud800"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="ascii")  # written as the escape \ud800
    args = [command, str(path)] + (["-o", str(tmp_path / "r.md")] if command == "report" else [])
    result = run(capsys, *args)
    assert result.code == 2
    assert result.err == (
        f"Error: {path}: responses[0].notes: holds U+D800, a lone surrogate (half of a UTF-16 pair, not a "
        "character), which no file can hold; write the character itself\n"
    )


def test_a_lone_surrogate_in_yaml_is_refused_with_its_line(checklist: ls.Checklist) -> None:
    text = ls.dumps_assessment(ls.start_assessment(checklist, "P", "A"), "yaml")
    text = text.replace("schema_version: 1\n", 'schema_version: 1\nnotes: "a \\udfff"\n')
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(text, source="a.yaml")
    assert [str(p) for p in caught.value.problems] == [
        (
            "a.yaml:2: notes: holds U+DFFF, a lone surrogate (half of a UTF-16 pair, not a character), which "
            "no file can hold; write the character itself"
        )
    ]


def test_a_surrogate_pair_in_json_is_one_character(checklist: ls.Checklist) -> None:
    data = _blank(checklist)
    data["notes"] = "\U0001f600"
    text = json.dumps(data)  # ensure_ascii: "\ud83d\ude00", which JSON reads as one character
    assert "\\ud83d\\ude00" in text
    assert ls.loads_assessment(text, "json").notes == "\U0001f600"


def test_a_writer_refuses_a_lone_surrogate_naming_the_field(checklist: ls.Checklist) -> None:
    assessment = attrs.evolve(ls.start_assessment(checklist, "P", "A"), notes="\ud800")
    for fmt in ("json", "yaml"):
        with pytest.raises(ls.InvalidInputError, match=r"^<data>: notes: holds U\+D800, a lone surrogate"):
            ls.dumps_assessment(assessment, fmt)
    with pytest.raises(ls.InvalidInputError, match=r"^<data>: notes: holds U\+D800"):
        ls.dumps_assessment(assessment, "yaml", checklist=checklist)


def test_text_no_terminal_can_take_is_written_out() -> None:
    assert printable("a\ud800b\ufffe") == "a\\ud800b\\ufffe"


# --- 15: merge keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "merge", ["<<: {notes: merged}", "<<: [{notes: merged}]", "partnership:\n  <<: {name: merged}"]
)
def test_a_yaml_merge_key_is_refused(merge: str) -> None:
    text = f"schema_version: 1\n{merge}\n"
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(text, source="a.yaml")
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"a.yaml:{text.count(chr(10))}: YAML merge keys (<<) are not allowed in lscp-scrutiny files; "
        "write the fields out"
    )


def test_a_quoted_double_angle_is_only_a_key() -> None:
    with pytest.raises(ls.InvalidInputError, match=r"a.yaml:2: \['<<'\]: unknown field"):
        ls.loads_assessment('schema_version: 1\n"<<": {notes: x}\n', source="a.yaml")


# --- 15: enormous values are cut, restricted ones never shown ---------------------------------------


def test_quoting_cuts_a_long_value() -> None:
    from lscp_scrutiny._text import MAX_MESSAGE, clip_quoted, quoted  # noqa: PLC0415 - new in this change: the other tests run without it

    assert quoted("short") == "'short'"
    assert quoted("x" * 1_000_000) == f"'{'x' * 40}'... (1,000,000 characters)"
    assert (
        clip_quoted(f"unknown criterion {'y' * 500!r} here")
        == f"unknown criterion '{'y' * 40}'... (500 characters) here"
    )
    assert (
        clip_quoted("the partner's reply and the assessor's own")
        == "the partner's reply and the assessor's own"
    )
    assert len(clip_quoted("z" * 10_000)) < MAX_MESSAGE + 40


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_enormous_key_makes_a_short_line(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path, fmt: str
) -> None:
    data = _blank(checklist)
    data["k" * 1_000_000] = 1
    data["responses"][0]["rating"] = "r" * 100_000
    path = tmp_path / f"a.{fmt}"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML too
    result = run(capsys, "validate", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines
    assert all(len(line) < 300 for line in lines), [len(line) for line in lines]
    if fmt == "json":  # YAML allows no key that long: it is not valid YAML there
        assert any(f"['{'k' * 40}'... (1,000,000 characters)]: unknown field" in line for line in lines)


def test_an_enormous_checklist_id_makes_a_short_line(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path
) -> None:
    data = _blank(checklist)
    data["checklist"]["id"] = "c" * 1_000_000
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(capsys, "report", str(path))
    assert result.code == 2
    assert all(len(line) < 300 for line in result.err.splitlines())


PRIVATE = "the child at 4 Elm Road"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_duplicate_key_is_named_with_its_lines_not_its_values(tmp_path: Path, fmt: str) -> None:
    if fmt == "yaml":
        text = f"schema_version: 1\nnotes: {PRIVATE}\nnotes: {PRIVATE} again\n"
        expected = "a.yaml:3: not valid YAML: found duplicate key 'notes' (given first on line 2)"
    else:
        text = f'{{"schema_version": 1, "notes": "{PRIVATE}", "notes": "{PRIVATE} again"}}'
        expected = "a.json: not valid JSON: duplicate key 'notes'"
    path = tmp_path / f"a.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.load_assessment(path)
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path / expected}"]
    assert PRIVATE not in str(caught.value)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("notes",), [PRIVATE]),
        (("responses", 0, "notes"), 5),
        (("responses", 0, "evidence"), PRIVATE),
        (("responses", 0, "evidence"), [PRIVATE]),
        (("responses", 0, "reply"), PRIVATE),
        (("responses", 0, "reply"), {"by": "P", "text": [PRIVATE]}),
        (("responses", 0, "actions"), PRIVATE),
        (("responses", 0, "actions"), [{"description": {"a": PRIVATE}}]),
    ],
)
def test_an_error_never_quotes_text_that_may_be_restricted(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path, where: tuple[str | int, ...], value: object
) -> None:
    data = _blank(checklist)
    node: Any = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    for fmt in ("json", "yaml"):
        path = tmp_path / f"a.{fmt}"
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        result = run(capsys, "validate", str(path))
        assert result.code == 2
        assert result.err.startswith(f"Error: {path}")
        assert PRIVATE not in result.err, result.err


def test_other_fields_still_quote_what_was_given(checklist: ls.Checklist) -> None:
    data = _blank(checklist)
    data["responses"][0]["rated_on"] = "yesterday"
    with pytest.raises(ls.InvalidInputError, match="got text 'yesterday'"):
        ls.loads_assessment(json.dumps(data), "json")


@pytest.mark.parametrize("where", [("notes_restricted",), ("evidence", 0, "restricted")])
def test_text_in_a_restriction_flag_is_not_quoted(
    checklist: ls.Checklist, where: tuple[str | int, ...]
) -> None:
    """Red team: ``notes_restricted: <the notes>`` (on the wrong line) quoted the notes in the error."""
    data = _blank(checklist)
    response = data["responses"][0]
    response["evidence"] = [{"kind": "document", "reference": "R"}]
    node: Any = response
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = "Child A told the scrutineer"
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(json.dumps(data), "json")
    assert "Child A" not in str(caught.value)
    assert "expected true or false, got text (not shown)" in str(caught.value)


# --- 15: file names reach the screen escaped --------------------------------------------------------

# An operating-system command (sets the terminal's title), a C1 escape, and rich markup.
EVIL = "evil\x1b]0;pwned\x07\x9b31m[bold]x[red]"


@pytest.fixture
def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Click strips some escapes when output is not a terminal; a user's terminal gets what is printed."""
    monkeypatch.setattr(click.utils, "should_strip_ansi", lambda *_args: False)


def _shown_safely(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x9b")


@pytest.mark.usefixtures("_terminal")
def test_a_usage_error_escapes_the_file_name(capsys: Capsys, tmp_path: Path) -> None:
    existing = tmp_path / f"{EVIL}.md"
    existing.write_text("x")
    source = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(source)).code == 0
    result = run(capsys, "report", str(source), "-o", str(existing))
    assert result.code == 2
    assert _shown_safely(result.err), result.err
    assert f"Error: {printable(str(existing), one_line=True)} already exists" in result.err
    folder = tmp_path / EVIL
    folder.mkdir()
    result = run(capsys, "--checklist-file", str(folder), "checklists")
    assert result.code == 2
    assert _shown_safely(result.err), result.err


@pytest.mark.usefixtures("_terminal")
def test_error_lines_escape_the_file_name(capsys: Capsys, tmp_path: Path) -> None:
    missing = tmp_path / f"{EVIL}.yaml"
    result = run(capsys, "validate", str(missing))
    assert result.code == 2
    assert _shown_safely(result.err)
    assert "[bold]x[red]" in result.err  # markup is printed as typed, never read


@pytest.mark.usefixtures("_terminal")
def test_the_checklists_table_shows_a_file_name_as_typed(
    capsys: Capsys, checklist: ls.Checklist, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "500")  # the whole name on one line, however long the folder's name is
    path = tmp_path / f"{EVIL}.yaml"
    ls.save_checklist(attrs.evolve(checklist, id="ours"), path)
    result = run(capsys, "--checklist-file", str(path), "checklists")
    assert result.code == 0, result.err
    assert _shown_safely(result.out)
    assert "[bold]" in result.out.replace("\n", "").replace(" ", "")


@pytest.mark.usefixtures("_terminal")
def test_wrote_and_valid_lines_escape_the_file_name(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / f"{EVIL}.yaml"
    made = run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(path))
    assert made.code == 0
    assert _shown_safely(made.out), made.out
    checked = run(capsys, "validate", str(path))
    assert checked.code == 0
    assert _shown_safely(checked.out), checked.out


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("a\r\u200b=HYPERLINK(1)", "a\r'\u200b=HYPERLINK(1)"),
        ("\u2060 +2", "'\u2060 +2"),
    ],
)
def test_invisible_characters_before_a_formula_do_not_hide_it(text: str, written: str) -> None:
    """Red team: a byte-order mark before ``=`` was written to the CSV report as it was."""
    from lscp_scrutiny.io._formulas import could_be_formula, neutralised  # noqa: PLC0415

    assert could_be_formula(text)
    assert neutralised(text) == written


def test_a_rating_label_with_a_carriage_return_reads_back_from_a_workbook(checklist: ls.Checklist) -> None:
    """Red team: a workbook the tool wrote was refused on reading, a label's ``\\r`` read back as ``\\n``."""
    scale = checklist.scales[0]
    first = attrs.evolve(scale.levels[0], label="Met\r=SUM(40;2)")
    odd = attrs.evolve(
        checklist, scales=(attrs.evolve(scale, levels=(first, *scale.levels[1:])), *checklist.scales[1:])
    )
    assessment = ls.start_assessment(odd, "P", "A")
    for criterion in odd.criteria:
        if odd.scale_for(criterion).id == scale.id:
            assessment = ls.rate(assessment, odd, criterion.id, first.id)
    back = read_workbook(write_workbook(assessment, odd), source="a.xlsx").assessment
    assert [r.rating for r in back.responses] == [r.rating for r in assessment.responses]


def test_no_csv_carries_a_terminal_control_character(checklist: ls.Checklist) -> None:
    """Review finding: a name with an escape sequence reached the terminal through moderate's CSV."""
    from lscp_scrutiny.io._formulas import csv_text  # noqa: PLC0415

    hostile = "Evil\x1b]0;pwned\x07\x1b[31mRED\u202e\x08"
    text = csv_text([[hostile, "kept\nline break", "a\rb"]])
    assert not any(ch in text for ch in "\x1b\x07\x08\u202e")
    assert "Evil\\x1b]0;pwned\\x07\\x1b[31mRED\\u202e\\x08" in text  # shown, not acted on
    assert '"kept\nline break"' in text  # line breaks stay, quoted
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, checklist.criteria[0].id, "met")
    assessment = assessment.with_response(attrs.evolve(assessment.responses[0], notes=hostile))
    report = render_csv(ls.evaluate(assessment, checklist))
    assert "\x1b" not in report
    assert "\\x1b" in report
