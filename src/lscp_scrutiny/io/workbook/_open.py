"""Opening ``.xlsx`` bytes safely, and reading a sheet's rows: the one place workbooks are opened and read.

openpyxl trusts the file: it believes the sizes the zip directory declares, pads every row to the
``<dimension>`` a sheet declares (and stops at it), reads every shared string before the first cell, and
parses XML however deep it nests. So before openpyxl sees the bytes, :func:`open_workbook` unpacks
every part of the archive as a stream, counting what it really unpacks to, and scans every XML part as it
streams: it must be well-formed, no deeper than :data:`MAX_XML_DEPTH`, and a worksheet within
:data:`MAX_ROWS` and :data:`MAX_CELLS`. What is past a limit is refused in one line naming the file, the
sheet and the row, before anything is kept in memory. Then openpyxl opens the workbook read-only with
every sheet's declared dimension dropped, so that :func:`sheet_rows` reads the rows that are there.
"""

from __future__ import annotations

import copy
import functools
import io
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, Protocol
from xml.parsers import expat

from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""Most bytes a workbook may unpack to, all its parts together. An assessment workbook unpacks to well
under 1 MiB; the cap stops a small file that unpacks to gigabytes (a zip bomb). Counted as each part is
unpacked, not taken from what the zip directory declares."""

MAX_PART_BYTES = 64 * 1024 * 1024
"""Most bytes one part (one file inside the archive) may unpack to. The largest part of an assessment
workbook, its Criteria sheet, is about 80 KiB; a sheet at :data:`MAX_CELLS` of short text is about 15 MiB."""

MAX_PARTS = 10_000
"""Most parts (files inside the archive) a workbook may have. A workbook has about 25."""

MAX_ROWS = 10_000
"""Last row of a sheet that may hold a value. A real assessment workbook has fewer than 500 rows on any
sheet (its Evidence sheet offers 260), and a survey export has a row per partnership (about 150 in
England): twenty times the first and sixty times the second, and still read in a few seconds."""

MAX_CELLS = 250_000
"""Most cells one sheet may hold, counting, in each row, the blank cells before its last cell (a reader is
handed those too). A real sheet holds a few thousand (57 rows of 17 columns on the Criteria sheet; 150
rows of 25 columns in a survey export); 10,000 rows of 25 columns fit."""

MAX_SHARED_STRINGS = 100_000
"""Most entries a workbook's shared-string table may have. openpyxl reads the whole table before any cell;
a spreadsheet program saving a survey export of 150 rows writes a few thousand."""

MAX_XML_DEPTH = 100
"""Deepest nesting of XML elements in any part. Spreadsheet XML nests about ten deep."""

MAX_XML_ELEMENTS = 1_000_000
"""Most XML elements one part may have. A sheet at :data:`MAX_CELLS` of values has about 500,000."""

MAX_XML_ATTRIBUTES = 100
"""Most attributes one XML element may have. Spreadsheet XML has at most about 20 on an element; an
element with millions (a file of a few MB) would make openpyxl work for minutes in over a GB."""

_CHUNK = 1024 * 1024
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384  # what a spreadsheet can address (XFD1048576)
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
_DATA_DEPTH, _ROW_DEPTH, _CELL_DEPTH, _VALUE_DEPTH = 2, 3, 4, 5  # worksheet/sheetData/row/c/v
_DIGITS = re.compile(r"[0-9]{1,7}")
_WORKBOOK_PART, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


class SheetCell(Protocol):
    """A cell as :func:`sheet_rows` gives it: its value and openpyxl's data type (``s``, ``n``, ``f``...)."""

    @property
    def value(self) -> Any: ...  # noqa: ANN401 - any cell value

    @property
    def data_type(self) -> str | None: ...


def _refuse(source: str, message: str) -> NoReturn:
    raise InvalidInputError([Problem(source=source, message=message)])


@functools.lru_cache(maxsize=1024)
def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Scan:
    """One XML part scanned as it streams: well-formed, within the limits; a worksheet's rows and cells."""

    def __init__(self, source: str, part: str, sheets: dict[str, str]) -> None:
        self.source, self.part, self.sheets = source, part, sheets
        self.stack: list[str] = []
        self.elements = 0
        self.root = ""
        self.row = 0  # the current row's number (0 before the first)
        self.column = 0  # the current row's last cell so far
        self.cells = 0  # cells a reader is handed so far, blanks before each row's last cell included
        self.strings = 0
        self.attributes_tail = 0  # attributes counted in the bytes since the last "<", across chunks
        self.inside: Callable[[str, dict[str, str]], None] | None = None
        self.depth = 0  # in a worksheet: how deep the element is
        self.open = 1  # in a worksheet: the depth of the innermost of sheetData, row and cell that is open
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.StartDoctypeDeclHandler = self.doctype

    # where and what
    def where(self, row: int | None = None) -> str:
        name = self.sheets.get(self.part)
        place = f"sheet {name}" if name is not None else f"part {self.part}"
        return place if row is None else f"{place}, row {row:,}"

    def refuse(self, message: str, row: int | None = None) -> NoReturn:
        _refuse(self.source, f"{self.where(row)}: {message}")

    def damaged(self, message: str, row: int | None = None) -> NoReturn:
        _refuse(self.source, f"the workbook is damaged and cannot be read ({self.where(row)}: {message})")

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.count_attributes(chunk)
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code)
            self.damaged(f"not well-formed XML at line {exc.lineno}, column {exc.offset + 1}: {reason}")

    def count_attributes(self, chunk: bytes) -> None:
        """Refuse an element with too many attributes before the parser builds them (in C, with no limit).

        Counted in the raw bytes, as ``="`` and ``='`` between one ``<`` and the next: at C speed for the
        whole chunk first, piece by piece only where the chunk holds more than an element may.
        """
        tags = chunk.count(b"<")
        assignments = chunk.count(b'="') + chunk.count(b"='")
        if assignments + self.attributes_tail <= MAX_XML_ATTRIBUTES * (tags + 1):
            tail = chunk.rpartition(b"<")[2] if tags else chunk
            self.attributes_tail = (
                (0 if tags else self.attributes_tail) + tail.count(b'="') + tail.count(b"='")
            )
            return
        pieces = chunk.split(b"<")
        for number, piece in enumerate(pieces):
            found = piece.count(b'="') + piece.count(b"='") + (self.attributes_tail if number == 0 else 0)
            if found > MAX_XML_ATTRIBUTES:
                self.damaged(f"an XML element with more than {MAX_XML_ATTRIBUTES} attributes")
        self.attributes_tail = found

    # the handlers
    def doctype(self, *_args: object) -> None:
        self.damaged("declares a DTD, which a workbook never does")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        self.stack.append(local)
        self.elements += 1
        depth = len(self.stack)
        if depth > MAX_XML_DEPTH:
            self.damaged(f"XML nested more than {MAX_XML_DEPTH} levels deep")
        if len(attrs) > MAX_XML_ATTRIBUTES:
            self.damaged(f"an XML element with more than {MAX_XML_ATTRIBUTES} attributes")
        if self.elements > MAX_XML_ELEMENTS:
            self.refuse(f"holds more than {MAX_XML_ELEMENTS:,} XML elements, more than a workbook may")
        if depth == 1:
            self.root = local
            self.inside = {"workbook": self.in_workbook, "Relationships": self.in_relationships}.get(local)
            if local in ("worksheet", "sst") and name != local:  # the largest parts: a faster scan
                self.depth = 1
                self.parser.StartElementHandler = (
                    self.sheet_start if local == "worksheet" else self.strings_start
                )
                self.parser.EndElementHandler = self.sheet_end
        elif self.inside is not None:
            self.inside(local, attrs)

    def enter(self, attrs: dict[str, str]) -> int:
        """One element more, one level deeper: within the limits, or refused. The new depth."""
        self.depth += 1
        self.elements += 1
        if len(attrs) > MAX_XML_ATTRIBUTES:
            self.damaged(f"an XML element with more than {MAX_XML_ATTRIBUTES} attributes")
        if self.depth > MAX_XML_DEPTH:
            self.damaged(f"XML nested more than {MAX_XML_DEPTH} levels deep")
        if self.elements > MAX_XML_ELEMENTS:
            self.refuse(f"holds more than {MAX_XML_ELEMENTS:,} XML elements, more than a workbook may")
        return self.depth

    def sheet_start(self, name: str, attrs: dict[str, str]) -> None:
        """An element of a worksheet: ``worksheet/sheetData/row/c/v`` are its rows and cells."""
        depth = self.enter(attrs)
        if depth == _CELL_DEPTH:
            if self.open == _ROW_DEPTH and name.endswith(" c"):
                self.open = depth
                self.start_cell(attrs)
        elif depth == _ROW_DEPTH:
            if self.open == _DATA_DEPTH and name.endswith(" row"):
                self.open = depth
                self.start_row(attrs)
        elif depth == _VALUE_DEPTH:
            if self.open == _CELL_DEPTH and self.row > MAX_ROWS and name.endswith((" v", " is", " f")):
                self.refuse(f"is past the last row a sheet may use ({MAX_ROWS:,})", self.row)
        elif depth == _DATA_DEPTH and name.endswith(" sheetData"):
            self.open = depth

    def sheet_end(self, _name: str) -> None:
        if self.open == self.depth:  # the sheetData, row or cell element open ends
            self.open -= 1
        self.depth -= 1

    def strings_start(self, name: str, attrs: dict[str, str]) -> None:
        """An element of the shared-string table: ``sst/si`` are its entries."""
        depth = self.enter(attrs)
        if depth == _DATA_DEPTH and name.endswith(" si"):
            self.strings += 1
            if self.strings > MAX_SHARED_STRINGS:
                self.refuse(f"the shared-string table holds more than {MAX_SHARED_STRINGS:,} entries")

    def in_workbook(self, local: str, attrs: dict[str, str]) -> None:
        """The workbook's element: ``workbook/sheets/sheet``, with its name and relationship."""
        if local == "sheet" and self.part == _WORKBOOK_PART:
            ids = [value for key, value in attrs.items() if key.rpartition(" ")[2] == "id"]
            if ids and "name" in attrs:
                self.sheets[f"#{ids[0]}"] = attrs["name"]

    def in_relationships(self, local: str, attrs: dict[str, str]) -> None:
        """The workbook's relationships: which part each sheet is."""
        if local == "Relationship" and self.part == _WORKBOOK_RELS:
            target, rid = attrs.get("Target", ""), attrs.get("Id", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            if f"#{rid}" in self.sheets:
                self.sheets[path] = self.sheets[f"#{rid}"]

    def end(self, _name: str) -> None:
        self.stack.pop()

    def start_row(self, attrs: dict[str, str]) -> None:
        text = attrs.get("r")
        if text is None:
            number = self.row + 1
        elif _DIGITS.fullmatch(text.strip()):
            number = int(text)
        else:
            self.damaged(f"the row number {text[:20]!r} is not a number", self.row + 1)
        if number <= self.row or number > _LAST_ROW:
            self.damaged(
                f"comes after row {self.row:,}, out of order"
                if number <= self.row
                else "is past the last row a spreadsheet has",
                number,
            )
        self.row, self.column = number, 0

    def start_cell(self, attrs: dict[str, str]) -> None:
        text = attrs.get("r")
        if text is None:
            column = self.column + 1
        else:
            found = _CELL_REF.fullmatch(text)
            if found is None or int(found[2]) != self.row:
                self.damaged(f"holds a cell named {text[:20]!r}, which is not in it", self.row)
            column = _column_number(found[1])
        if column <= self.column or column > _LAST_COLUMN:
            self.damaged("has two cells in one place, or a cell past the last column", self.row)
        self.cells += column - self.column
        self.column = column
        if self.cells > MAX_CELLS:
            self.refuse(
                f"the sheet holds more than the {MAX_CELLS:,} cells a sheet may have (counting, in each row, "
                "the blank cells before its last)",
                self.row,
            )


def _looks_like_xml(head: bytes) -> bool:
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(mark):
            return True
    return head.lstrip()[:1] == b"<"


def _scan_parts(archive: zipfile.ZipFile, source: str) -> None:
    """Unpack every part as a stream, refusing what is past a limit or is not what the archive declares."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        _refuse(source, f"the workbook has {len(infos):,} parts, more than the {MAX_PARTS:,} a workbook may")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 2**20
        _refuse(source, f"the workbook unpacks to {declared // 2**20:,} MiB, more than the {limit} MiB limit")
    if not any(info.filename == _WORKBOOK_PART for info in infos):
        _refuse(source, "not a readable .xlsx workbook (no xl/workbook.xml)")
    first = (_WORKBOOK_PART, _WORKBOOK_RELS)  # the sheets' names first, for the messages about sheets
    infos.sort(key=lambda info: first.index(info.filename) if info.filename in first else len(first))
    sheets: dict[str, str] = {}
    unpacked = 0
    for info in infos:
        unpacked += _scan_part(archive, info, source, sheets, MAX_UNPACKED_BYTES - unpacked)


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, sheets: dict[str, str], room: int
) -> int:
    """Unpack one part as a stream, scanning it if it is XML; the bytes it really unpacks to."""
    part = info.filename
    if info.file_size > MAX_PART_BYTES:
        _refuse(source, f"part {part} unpacks to more than the {MAX_PART_BYTES // 2**20} MiB a part may")
    probe = copy.copy(info)
    probe.file_size = MAX_PART_BYTES + 1  # lets through more than declared, to catch a lie (counted below)
    scan: _Scan | None = None
    size = 0
    with archive.open(probe) as member:
        while chunk := member.read(_CHUNK):
            if size == 0 and _looks_like_xml(chunk[:64]):
                scan = _Scan(source, part, sheets)
            size += len(chunk)
            if size > info.file_size:
                _refuse(
                    source,
                    f"the workbook is damaged and cannot be read (part {part} unpacks to more than "
                    f"the {info.file_size:,} bytes the archive says it holds)",
                )
            if size > room:
                _refuse(
                    source, f"the workbook unpacks to more than the {MAX_UNPACKED_BYTES // 2**20} MiB limit"
                )
            scan = _fed(scan, chunk)
    _fed(scan, b"", final=True)
    return size


def _fed(scan: _Scan | None, chunk: bytes, *, final: bool = False) -> _Scan | None:
    """The scan, fed a chunk; ``None`` once a VML drawing turns out not to be well-formed XML."""
    if scan is None:
        return None
    try:
        scan.feed(chunk, final=final)
    except InvalidInputError:
        # Drawings in the legacy VML format are often not well-formed, and openpyxl never reads them.
        if not scan.part.casefold().endswith(".vml") or scan.root == "worksheet":
            raise
        return None
    return scan


def open_workbook(data: bytes, source: str) -> Any:  # noqa: ANN401 - an openpyxl read-only workbook
    """Open ``.xlsx`` bytes read-only for values and formulas; refuse in one line what cannot be read safely.

    Every part is unpacked and scanned first (see the module's notes): what is not a workbook, is
    damaged or is past a limit is refused before openpyxl reads it.

    Every sheet's declared dimension is dropped, so that its rows are the ones the file holds: read them
    with :func:`sheet_rows`.
    """
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        _refuse(source, "not a readable .xlsx workbook (not a zip archive)")
    with archive:
        try:
            _scan_parts(archive, source)
        except InvalidInputError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            ValueError,
            OSError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            # a part that cannot be unpacked: damaged, encrypted, or compressed in a way zip readers lack
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            _refuse(source, f"the workbook is damaged and cannot be read ({reason})")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        _refuse(source, f"not a readable .xlsx workbook ({reason})")
    if not book.worksheets:  # openpyxl leaves out a sheet it cannot make sense of
        book.close()
        _refuse(source, "not a readable .xlsx workbook (it has no sheet that can be read)")
    for sheet in book.worksheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a stale dimension drops rows; a huge one pads every row to it
    return book


def sheet_rows(sheet: Any, source: str) -> Iterator[tuple[SheetCell, ...]]:  # noqa: ANN401 - openpyxl's
    """Every row of a sheet from row 1, each cell with ``value`` and ``data_type``; no row left out.

    For a sheet of a workbook opened by :func:`open_workbook`: rows as the file holds them, whatever
    dimension the sheet declares; a row missing from the file is an empty tuple, and blank rows after the
    last row holding a value are left out. Refuses in one line (naming the file, the sheet and the row)
    a value past :data:`MAX_ROWS`, more than :data:`MAX_CELLS`, and a sheet openpyxl cannot read.
    """
    number = blank = cells = 0
    rows = iter(sheet.iter_rows())
    while True:
        try:
            row = next(rows, None)
        except Exception as exc:  # noqa: BLE001 - openpyxl parses a sheet only now, and raises many kinds
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            place = f"sheet {sheet.title}, row {number + 1:,}" + (" or after" if number else "")
            _refuse(source, f"the workbook is damaged and cannot be read ({place}: {reason})")
        if row is None:
            return
        number += 1
        cells += len(row)
        if all(getattr(cell, "value", None) is None for cell in row):
            blank += 1  # kept back until a row with a value follows: trailing blank rows are left out
            continue
        if number > MAX_ROWS:
            _refuse(
                source,
                f"sheet {sheet.title}, row {number:,}: is past the last row a sheet may use ({MAX_ROWS:,})",
            )
        if cells > MAX_CELLS:
            _refuse(
                source,
                f"sheet {sheet.title}, row {number:,}: "
                f"the sheet holds more than the {MAX_CELLS:,} cells a sheet may have",
            )
        for _ in range(blank):
            yield ()
        blank = 0
        yield tuple(row)


def declares_sheet(workbook: bytes | str | os.PathLike[str], sheet: str) -> bool:
    """Whether an ``.xlsx`` file (its bytes, or its path) has a sheet of this name; never a problem.

    Reads ``xl/workbook.xml`` as a stream, a chunk at a time, no further than :data:`MAX_PART_BYTES`:
    for telling kinds of workbook apart before one is read.
    """
    needle = f'name="{sheet}"'.encode()
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    try:
        with zipfile.ZipFile(source) as archive, archive.open("xl/workbook.xml") as member:
            tail, read = b"", 0
            while read < MAX_PART_BYTES and (chunk := member.read(64 * 1024)):
                read += len(chunk)
                if needle in tail + chunk:
                    return True
                tail = chunk[-len(needle) :]
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        zlib.error,
        RuntimeError,
        NotImplementedError,
    ):
        return False
    return False


def is_assessment_workbook(data: bytes) -> bool:
    """Whether ``.xlsx`` bytes are an assessment workbook (as against, say, a survey export)."""
    return declares_sheet(data, L.HIDDEN)


def is_tracker_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether an ``.xlsx`` file is an action tracker (:mod:`lscp_scrutiny.io.tracker`), by its sheets."""
    return declares_sheet(path, L.TRACKER_SHEET)
