"""Hostile workbooks: files that lie to openpyxl are read exactly, or refused in one line, in bounded memory.

Each workbook is built here, by rewriting the XML parts of one written by lscp-scrutiny's own writer (or
by openpyxl, for survey exports); none is shipped as a binary. The cases that once exhausted memory run in
a child process with its address space capped (:data:`MEMORY_CAP`) and a generous time guard
(:data:`TIME_GUARD`): a guard against a hang, not a speed check (``benchmarks/hostile_workbooks.py``
measures the speed, as ratios to a normal workbook).
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.files import as_json_data
from lscp_scrutiny.io.workbook import _open
from lscp_scrutiny.survey import load_returns, load_survey_table
from lscp_scrutiny.workbook import is_assessment_workbook, read_workbook, write_workbook

Capsys = pytest.CaptureFixture[str]
MEMORY_CAP = 512 * 1024 * 1024
"""The address space a child process reading a hostile workbook may use: 512 MiB. Reading a normal workbook
takes about 45 MiB of memory; what these workbooks once took was more than 600 MiB to several GiB."""
TIME_GUARD = 60
"""Seconds a child process may run before the test calls it hung. A guard, not a speed check."""
SHEETS = {  # the parts lscp-scrutiny's writer gives each sheet (a test below checks them)
    "Criteria": "xl/worksheets/sheet3.xml",
    "Evidence": "xl/worksheets/sheet4.xml",
    "lscp-scrutiny": "xl/worksheets/sheet10.xml",
}
MAX_ROWS, MAX_CELLS, MAX_SHARED_STRINGS, MAX_XML_DEPTH = 10_000, 250_000, 100_000, 100
"""The limits docs/file-formats.md states (written out, so that these tests reproduce each issue on a
release without them; a test below checks they are the library's)."""
SRC = str(Path(ls.__file__).resolve().parent.parent)
"""Where the lscp_scrutiny under test was imported from, for the child processes."""


# --- building hostile workbooks ------------------------------------------------------------------


def rewrite(
    data: bytes, edits: dict[str, Callable[[bytes], bytes]], extra: dict[str, bytes] | None = None
) -> bytes:
    """The workbook with some parts rewritten (and parts added), compressed as a spreadsheet program does."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            edit = edits.get(info.filename)
            target.writestr(info.filename, content if edit is None else edit(content))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def dimension(ref: str) -> Callable[[bytes], bytes]:
    """An edit declaring the sheet's dimension to be ``ref``."""
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml, count=1)


def add_rows(rows: bytes) -> Callable[[bytes], bytes]:
    """An edit appending rows (XML) to the end of the sheet's data, its dimension grown to hold them, as
    a spreadsheet program saving them would."""

    def edit(xml: bytes) -> bytes:
        last = re.findall(rb'<row r="(\d+)"', rows)[-1].decode()
        grown = re.sub(
            rb'(<dimension ref="[A-Z]+\d+:[A-Z]+)\d+"', lambda m: m[1] + last.encode() + b'"', xml, count=1
        )
        return grown.replace(b"</sheetData>", rows + b"</sheetData>", 1)

    return edit


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def evidence_rows(first: int, count: int, criterion: str) -> bytes:
    """Evidence rows (criterion, kind, reference) from row ``first``, as the writer would write them."""
    return "".join(
        f'<row r="{n}">{text_cell(f"A{n}", criterion)}{text_cell(f"B{n}", "Document")}'
        f"{text_cell(f'C{n}', f'Report {n}')}</row>"
        for n in range(first, first + count)
    ).encode()


def first_free_row(xml: bytes) -> int:
    """The row after the sheet's last row (the writer leaves blank rows, formatted, for people to fill)."""
    return max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml)) + 1


def set_cell_text(xml: bytes, ref: str, text: bytes) -> bytes:
    """The sheet with the inline text of cell ``ref`` replaced (raw XML, not escaped)."""
    pattern = rb'(<c r="' + ref.encode() + rb'" t="inlineStr"><is><t[^>]*>)(.*?)(</t></is></c>)'
    changed, count = re.subn(pattern, lambda m: m[1] + text + m[3], xml, count=1, flags=re.DOTALL)
    assert count == 1, f"no text cell {ref}"
    return changed


def hidden_key_row(data: bytes, key: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(SHEETS["lscp-scrutiny"])
    found = re.search(rb'<c r="A(\d+)" t="inlineStr"><is><t>' + key.encode() + rb"</t>", xml)
    assert found is not None
    return int(found[1])


def survey_export(rows: int) -> bytes:
    """A survey export with ``rows`` partnerships, written by openpyxl as a spreadsheet program would."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "area", "independent_scrutineers"])
    for n in range(rows):
        sheet.append([f"Partnership {n}", f"Area {n}", "yes"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def shared_strings(count: int) -> tuple[bytes, Callable[[bytes], bytes]]:
    """A shared-string table of ``count`` unused entries, and the edit declaring it in the content types."""
    body = b"".join(b"<si><t>s%d</t></si>" % n for n in range(count))
    table = (
        (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (count, count)
        )
        + body
        + b"</sst>"
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return table, lambda xml: xml.replace(b"</Types>", override, 1)


def lie_about_size(data: bytes, part: str, size: int) -> bytes:
    """The archive with the uncompressed size of ``part`` declared as ``size``, in both of its headers."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(part)
    struct.pack_into("<I", patched, info.header_offset + 22, size)  # the local header
    name = part.encode()
    central = data.index(b"PK\x01\x02", info.header_offset)
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", patched, central + 24, size)  # the central directory
    return bytes(patched)


@pytest.fixture(scope="module")
def workbook(assessment: ls.Assessment, checklist: ls.Checklist) -> bytes:
    return write_workbook(assessment, checklist)


def problems(data: bytes) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        read_workbook(data, source="a.xlsx")
    return [str(p) for p in caught.value.problems]


def survey_problems(path: Path) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_survey_table(path)
    return [str(p) for p in caught.value.problems]


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def in_capped_child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a child process with :data:`MEMORY_CAP` and :data:`TIME_GUARD`."""
    env = {**os.environ, "PYTHONPATH": SRC, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*", "MALLOC_ARENA_MAX": "2"}
    try:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=TIME_GUARD,
            env=env,
            preexec_fn=_cap_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {TIME_GUARD} s with {MEMORY_CAP // 2**20} MiB: it hangs")


READ_IN_CHILD = """
import sys, json
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.files import as_json_data
from lscp_scrutiny.workbook import read_workbook
from lscp_scrutiny.files import as_json_data
try:
    found = read_workbook(open(sys.argv[1], "rb").read(), source="a.xlsx").assessment
except InvalidInputError as exc:
    print(json.dumps({"problems": [str(p) for p in exc.problems]}))
else:
    print(json.dumps({"assessment": as_json_data(found)}))
"""


def read_in_child(path: Path) -> dict[str, object]:
    done = in_capped_child(READ_IN_CHILD, str(path))
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout)
    return result


# --- 8. a huge declared dimension ----------------------------------------------------------------


def test_a_huge_declared_dimension_is_read_in_bounded_memory(
    workbook: bytes, assessment: ls.Assessment, tmp_path: Path
) -> None:
    """Issue 13.8: sheets declaring A1:XFD1048576 exhausted memory; the rows that are there are read."""
    path = tmp_path / "huge.xlsx"
    huge = dimension("A1:XFD1048576")
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
    path.write_bytes(rewrite(workbook, dict.fromkeys(sheets, huge)))
    assert path.stat().st_size < 100 * 1024
    result = read_in_child(path)
    assert result == {"assessment": as_json_data(assessment)}


def test_a_survey_export_declaring_a_huge_dimension_is_read(tmp_path: Path) -> None:
    path = tmp_path / "returns.xlsx"
    path.write_bytes(rewrite(survey_export(3), {"xl/worksheets/sheet1.xml": dimension("A1:XFD1048576")}))
    code = "import sys; from lscp_scrutiny.survey import load_survey_table; print(len(load_survey_table(sys.argv[1])))"
    done = in_capped_child(code, str(path))
    assert (done.returncode, done.stdout.strip()) == (0, "3"), done.stderr[-2000:]


# --- 9. a stale declared dimension ---------------------------------------------------------------


def test_a_stale_dimension_drops_no_evidence(workbook: bytes, assessment: ls.Assessment) -> None:
    """Issue 13.9: ``A1:F2`` on an Evidence sheet read its first item only, and said valid."""
    stale = rewrite(workbook, {SHEETS["Evidence"]: dimension("A1:F2")})
    found = read_workbook(stale).assessment
    assert (
        sum(len(r.evidence) for r in found.responses)
        == sum(len(r.evidence) for r in assessment.responses)
        > 2
    )
    assert found == assessment


def test_a_stale_dimension_drops_no_survey_return(tmp_path: Path) -> None:
    """Issue 13.9: a 51-row survey export (50 returns) with a stale dimension counted as 1 return."""
    path = tmp_path / "returns.xlsx"
    path.write_bytes(rewrite(survey_export(50), {"xl/worksheets/sheet1.xml": dimension("A1:C2")}))
    assert len(load_survey_table(path)) == 50


def test_rows_out_of_order_are_refused_not_dropped(workbook: bytes) -> None:
    """openpyxl skips a row that comes after a later one; lscp-scrutiny refuses the sheet instead."""

    def swap(xml: bytes) -> bytes:
        row2 = re.search(rb'<row r="2".*?</row>', xml)
        row3 = re.search(rb'<row r="3".*?</row>', xml)
        assert row2 is not None
        assert row3 is not None
        return xml[: row2.start()] + row3[0] + row2[0] + xml[row3.end() :]

    assert problems(rewrite(workbook, {SHEETS["Evidence"]: swap})) == [
        "a.xlsx: the workbook is damaged and cannot be read (sheet Evidence, row 2: comes after row 3, out of order)"
    ]


def test_a_cell_filed_under_another_row_is_refused(workbook: bytes) -> None:
    def move(xml: bytes) -> bytes:
        return xml.replace(b'<c r="C3" ', b'<c r="C9" ', 1)

    assert problems(rewrite(workbook, {SHEETS["Evidence"]: move})) == [
        (
            "a.xlsx: the workbook is damaged and cannot be read (sheet Evidence, row 3: holds a cell named 'C9', "
            "which is not in it)"
        )
    ]


# --- 10. what the zip directory declares, and reading xl/workbook.xml ------------------------------


def test_a_part_larger_than_it_declares_is_refused(workbook: bytes) -> None:
    """Issue 13.10: the sizes in the zip directory can lie; each part's real size is counted as it unpacks."""
    part = SHEETS["Evidence"]
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        real = archive.getinfo(part).file_size
    assert problems(lie_about_size(rewrite(workbook, {}), part, real // 4)) == [
        (
            f"a.xlsx: the workbook is damaged and cannot be read (part {part} unpacks to more than the "
            f"{real // 4:,} bytes the archive says it holds)"
        )
    ]


def _huge_workbook_xml(path: Path, size: int) -> None:
    """A small file whose xl/workbook.xml unpacks to ``size`` bytes (written a chunk at a time)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/workbook.xml", "w", force_zip64=True) as member:
            member.write(b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)


HUGE_PART = 768 * 1024 * 1024
"""What the huge xl/workbook.xml below unpacks to: read whole, it takes more than MEMORY_CAP."""


@pytest.fixture(scope="module")
def huge_workbook_xml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    _huge_workbook_xml(folder / "big.xlsx", HUGE_PART)
    assert (folder / "big.xlsx").stat().st_size < 4 * 1024 * 1024
    return folder


def test_national_does_not_unpack_a_huge_workbook_part_whole(huge_workbook_xml: Path) -> None:
    """Issue 13.10: ``national`` read xl/workbook.xml whole before any limit (2 GiB for a 1 MB file)."""
    code = "import sys; from lscp_scrutiny.cli import main; main(['national', sys.argv[1]])"
    done = in_capped_child(code, str(huge_workbook_xml))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-2000:]
    assert len(lines) == 1
    assert "big.xlsx" in lines[0]
    assert "768 MiB, more than the 256 MiB limit" in lines[0]


def test_is_assessment_workbook_reads_a_bounded_amount(huge_workbook_xml: Path) -> None:
    code = (
        "import sys; from lscp_scrutiny.workbook import is_assessment_workbook; "
        "print(is_assessment_workbook(open(sys.argv[1], 'rb').read()))"
    )
    done = in_capped_child(code, str(huge_workbook_xml / "big.xlsx"))
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr[-2000:]


def test_is_assessment_workbook_still_tells(workbook: bytes) -> None:
    assert is_assessment_workbook(workbook)
    assert not is_assessment_workbook(survey_export(2))


# --- 11. rows and shared strings -----------------------------------------------------------------


def test_too_many_evidence_rows_are_refused_in_one_line(workbook: bytes) -> None:
    """Issue 13.11: 600,000 evidence rows took 98 s and 813 MiB; past MAX_ROWS is refused as it streams."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        first = first_free_row(archive.read(SHEETS["Evidence"]))
    count = MAX_ROWS - first + 2  # one row past the limit
    many = rewrite(
        workbook, {SHEETS["Evidence"]: add_rows(evidence_rows(first, count, "who.published-model"))}
    )
    assert problems(many) == [
        (f"a.xlsx: sheet Evidence, row {MAX_ROWS + 1:,}: is past the last row a sheet may use ({MAX_ROWS:,})")
    ]


def test_a_survey_export_past_the_row_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "returns.xlsx"
    path.write_bytes(survey_export(MAX_ROWS))  # the header and MAX_ROWS returns: one row too many
    assert survey_problems(path) == [
        f"{path}: sheet Sheet, row {MAX_ROWS + 1:,}: is past the last row a sheet may use ({MAX_ROWS:,})"
    ]


def test_a_survey_export_at_the_row_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "returns.xlsx"
    path.write_bytes(survey_export(MAX_ROWS - 1))
    assert len(load_survey_table(path)) == MAX_ROWS - 1


def test_too_many_shared_strings_are_refused_before_openpyxl_reads_them(workbook: bytes) -> None:
    """Issue 13.11: 1.5 million unused shared strings took 25 s; past MAX_SHARED_STRINGS is refused."""
    table, declare = shared_strings(MAX_SHARED_STRINGS + 1)
    many = rewrite(workbook, {"[Content_Types].xml": declare}, {"xl/sharedStrings.xml": table})
    assert problems(many) == [
        (
            f"a.xlsx: part xl/sharedStrings.xml: the shared-string table holds more than "
            f"{MAX_SHARED_STRINGS:,} entries"
        )
    ]


def test_shared_strings_within_the_limit_are_read(workbook: bytes, assessment: ls.Assessment) -> None:
    table, declare = shared_strings(1000)
    assert (
        read_workbook(
            rewrite(workbook, {"[Content_Types].xml": declare}, {"xl/sharedStrings.xml": table})
        ).assessment
        == assessment
    )


def test_cells_far_to_the_right_are_refused_past_the_cell_limit(workbook: bytes) -> None:
    """A cell in column XFD makes openpyxl hand over 16,384 cells for its row: they count against MAX_CELLS."""

    def stray(xml: bytes) -> bytes:
        return re.sub(
            rb"(<row r=\"(\d+)\"[^>]*>.*?)(</row>)",
            lambda m: m[1] + b'<c r="XFD' + m[2] + b'"><v>1</v></c>' + m[3],
            xml,
        )

    message = problems(rewrite(workbook, {SHEETS["Evidence"]: stray}))
    assert len(message) == 1
    assert message[0].startswith("a.xlsx: sheet Evidence, row ")
    assert message[0].endswith(
        f": the sheet holds more than the {MAX_CELLS:,} cells a sheet may have "
        "(counting, in each row, the blank cells before its last)"
    )


# --- 15. nesting and broken XML ------------------------------------------------------------------


def test_deeply_nested_scales_are_one_line(workbook: bytes, tmp_path: Path, capsys: Capsys) -> None:
    """Issue 15: 30,000-deep nesting in the hidden sheet's scales gave an internal error (exit 1)."""
    row = hidden_key_row(workbook, "scales")
    deep = rewrite(
        workbook, {SHEETS["lscp-scrutiny"]: lambda xml: set_cell_text(xml, f"B{row}", b"[" * 30_000)}
    )
    assert problems(deep) == [
        "a.xlsx: sheet lscp-scrutiny: the rating scales cannot be read; the workbook was changed"
    ]
    path = tmp_path / "deep.xlsx"
    path.write_bytes(deep)
    result = run(capsys, "validate", str(path))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"Error: {path}: sheet lscp-scrutiny: the rating scales cannot be read; the workbook was changed"
    ]


def test_deeply_nested_xml_is_one_line(workbook: bytes) -> None:
    row = hidden_key_row(workbook, "scales")
    nested = b"<r>" * 30_000 + b"</r>" * 30_000
    deep = rewrite(workbook, {SHEETS["lscp-scrutiny"]: lambda xml: set_cell_text(xml, f"B{row}", nested)})
    assert problems(deep) == [
        (
            f"a.xlsx: the workbook is damaged and cannot be read (sheet lscp-scrutiny: XML nested more than "
            f"{MAX_XML_DEPTH} levels deep)"
        )
    ]


def test_a_survey_export_with_broken_xml_is_one_line(tmp_path: Path, capsys: Capsys) -> None:
    """Issue 15: a survey .xlsx with broken XML gave an internal error."""
    folder = tmp_path / "returns"
    folder.mkdir()
    path = folder / "returns.xlsx"
    path.write_bytes(
        rewrite(
            survey_export(3), {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(b"</row>", b"</rwo>", 2)}
        )
    )
    (message,) = survey_problems(path)
    assert message.startswith(
        f"{path}: the workbook is damaged and cannot be read (sheet Sheet: not well-formed XML at line "
    )
    with pytest.raises(InvalidInputError):
        load_returns(folder)
    result = run(capsys, "national", str(folder))
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_a_dtd_is_refused(workbook: bytes) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
    assert problems(rewrite(workbook, {"xl/styles.xml": lambda xml: laughs + xml.split(b"?>", 1)[-1]})) == [
        (
            "a.xlsx: the workbook is damaged and cannot be read (part xl/styles.xml: declares a DTD, which a "
            "workbook never does)"
        )
    ]


def test_a_normal_workbook_is_read_as_before(workbook: bytes, assessment: ls.Assessment) -> None:
    assert read_workbook(workbook).assessment == assessment
    assert read_workbook(rewrite(workbook, {})).assessment == assessment


def test_sheet_rows_gives_every_row_from_row_one(workbook: bytes) -> None:
    """The helper both readers use: rows as the file holds them, gaps as empty rows, no trailing blanks."""
    gap = rewrite(
        workbook,
        {SHEETS["Evidence"]: dimension("A1:B2")},
    )
    book = _open.open_workbook(gap, "a.xlsx")
    try:
        rows = list(_open.sheet_rows(book["Evidence"], "a.xlsx"))
    finally:
        book.close()
    assert [cell.value for cell in rows[0]][:3] == ["Criterion ID", "Kind of evidence", "Reference"]
    assert len(rows) == 7  # the header and six items; the blank rows the writer leaves are not handed over


def test_the_limits_are_the_documented_ones() -> None:
    assert (_open.MAX_ROWS, _open.MAX_CELLS, _open.MAX_SHARED_STRINGS, _open.MAX_XML_DEPTH) == (
        MAX_ROWS,
        MAX_CELLS,
        MAX_SHARED_STRINGS,
        MAX_XML_DEPTH,
    )
    limits = (Path(__file__).resolve().parent.parent / "docs" / "file-formats.md").read_text(encoding="utf-8")
    for limit in (MAX_ROWS, MAX_CELLS, MAX_SHARED_STRINGS, MAX_XML_DEPTH):
        assert f"{limit:,}" in limits


def test_a_workbook_with_no_sheet_it_can_read_is_one_line() -> None:
    def unrelated(xml: bytes) -> bytes:  # a sheet naming no relationship: openpyxl leaves it out
        return xml.replace(b' r:id="rId1"', b"")

    with pytest.warns(UserWarning, match="invalid specification"):  # openpyxl's warning, as a user sees it
        found = problems(rewrite(survey_export(2), {"xl/workbook.xml": unrelated}))
    assert found == ["a.xlsx: not a readable .xlsx workbook (it has no sheet that can be read)"]


@pytest.mark.parametrize(
    ("part", "count"),
    [(SHEETS["Evidence"], 101), (SHEETS["Evidence"], 3_000_000), ("xl/styles.xml", 500_000)],
)
def test_an_element_with_too_many_attributes_is_refused_before_it_is_parsed(
    workbook: bytes, part: str, count: int
) -> None:
    """Red team: 4.5 million attributes on one element passed the scan; openpyxl then took minutes, >1 GB."""
    blob = b"<b " + b" ".join(b'a%d="1"' % k for k in range(count)) + b"/>"

    def add(xml: bytes) -> bytes:
        if b"<sheetData>" in xml:
            return xml.replace(b"<sheetData>", blob + b"<sheetData>", 1)
        return xml.replace(b"</styleSheet>", blob + b"</styleSheet>", 1)

    found = problems(rewrite(workbook, {part: add}))
    assert len(found) == 1
    assert found[0].endswith(": an XML element with more than 100 attributes)")
    assert found[0].startswith("a.xlsx: the workbook is damaged and cannot be read (")


def test_attributes_spread_over_many_elements_are_fine(workbook: bytes) -> None:
    many = b"".join(b'<b a="1" c="2" d="3"/>' for _ in range(2_000))
    edited = rewrite(
        workbook, {"xl/styles.xml": lambda xml: xml.replace(b"</styleSheet>", many + b"</styleSheet>")}
    )
    assert read_workbook(edited, source="a.xlsx") == read_workbook(workbook, source="a.xlsx")


def test_the_sheet_parts_these_tests_rewrite_are_the_writers(workbook: bytes) -> None:
    """Each hostile edit above targets the sheet it says: the writer's order of sheets decides the parts."""
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - our own writer's output

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        book = ET.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        links = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    targets = {link.get("Id"): str(link.get("Target")).removeprefix("/xl/") for link in links}
    parts = {sheet.get("name"): f"xl/{targets[sheet.get(f'{rel}id')]}" for sheet in book.iter(f"{main}sheet")}
    assert {name: parts[name] for name in SHEETS} == SHEETS
