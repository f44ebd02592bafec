"""Reading many partnerships' survey returns: WHO / HOW / WHAT answers, from files or a survey export.

A return is a :class:`~lscp_scrutiny.model.Partnership` with its
:class:`~lscp_scrutiny.model.ScrutinyArrangement`. Returns arrive as partnership files (YAML or JSON,
one per partnership, in a folder) or as one CSV or XLSX export with a row per partnership and the
columns in :data:`COLUMNS` (``examples/national-survey/template.csv`` is an empty one to fill in).

An empty cell is unknown, never "no". Yes/no cells take ``yes``, ``no``, ``true``, ``false``, ``y``,
``n``, ``1`` or ``0``; list cells take items separated by ``;``. Every bad cell in a file is reported at
once, each naming its row (or sheet and cell) and column. In a list cell, ``none`` means the answer
was "none of them", which is not the same as an empty cell (not answered).
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import evolve

from lscp_scrutiny.codec.documents import structure
from lscp_scrutiny.codec.text import parse
from lscp_scrutiny.errors import ConsistencyError, InvalidInputError, Problem
from lscp_scrutiny.io._formulas import csv_text
from lscp_scrutiny.io._spreadsheet import column_letter, row_by_header
from lscp_scrutiny.io.assessments import AssessmentDocument, decode_assessment, document_from_parsed
from lscp_scrutiny.io.kinds import (
    NATIONAL_KINDS,
    SURVEY_KINDS,
    XLSX,
    FileKind,
    files_of_kinds,
    kind_of,
)
from lscp_scrutiny.io.paths import read_bytes, refuse_directory, refuse_missing
from lscp_scrutiny.model import Partnership, ScrutinyArrangement
from lscp_scrutiny.model.labels import SCRUTINY_QUESTIONS, Answer

_BY_COLUMN = tuple(sorted(SCRUTINY_QUESTIONS, key=lambda question: question.column))

COLUMNS = ("name", "area", *(question.key for question in _BY_COLUMN))
"""The columns of a survey export, in order. Only ``name`` is required; a missing column is unknown.

A published file format: each question's column is declared with its words in
:data:`~lscp_scrutiny.model.labels.SCRUTINY_QUESTIONS`, and a new question takes the next one."""
YES_NO_COLUMNS = tuple(q.key for q in SCRUTINY_QUESTIONS if q.answer is Answer.YES_NO)
LIST_COLUMNS = tuple(q.key for q in SCRUTINY_QUESTIONS if q.answer is Answer.LIST)

_YES = {"yes", "y", "true", "1"}
_NONE = {"none", "-"}  # an answered list with nothing in it; an empty cell is unknown
_NO = {"no", "n", "false", "0"}
_CHOICES: dict[str, tuple[str, ...]] = {
    q.key: tuple(q.choices.values()) for q in SCRUTINY_QUESTIONS if q.choices is not None
}


def _yes_no(value: str) -> bool | None:
    folded = value.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    if folded:
        msg = f"expected yes, no or an empty cell (unknown), got {value.strip()!r}"
        raise ValueError(msg)
    return None


def _items(column: str, value: str) -> list[str] | None:
    raw = value.strip()
    if not raw:
        return None
    if raw.casefold() in _NONE:
        return []
    items = list(dict.fromkeys(item.strip() for item in raw.split(";") if item.strip()))
    nones = [item for item in items if item.casefold() in _NONE]
    if nones and len(items) > len(nones):
        others = ";".join(item for item in items if item not in nones)
        msg = f"{nones[0]!r} (none of them) is listed with {others!r}: write {nones[0]} alone, or the others"
        raise ValueError(msg)
    allowed = _CHOICES.get(column)
    unknown = [item for item in items if allowed is not None and item not in allowed]
    if unknown:
        msg = f"{', '.join(map(repr, unknown))} not one of: {', '.join(allowed or ())}"
        raise ValueError(msg)
    return items


def _count(value: str) -> int | None:
    raw = value.strip()
    if not raw:
        return None
    if not raw.isdigit():
        msg = f"expected a whole number or an empty cell, got {raw!r}"
        raise ValueError(msg)
    return int(raw)


def _read_yes_no(_column: str, value: str) -> bool | None:
    return _yes_no(value)


def _read_count(_column: str, value: str) -> int | None:
    return _count(value)


_READ_ANSWER: dict[Answer, Callable[[str, str], object]] = {
    Answer.YES_NO: _read_yes_no,
    Answer.COUNT: _read_count,
    Answer.LIST: _items,
}
_READERS = {q.key: _READ_ANSWER[q.answer] for q in _BY_COLUMN}


def _parse_row(
    cells: dict[str, str], where: Callable[[str], str], source: str, problems: list[Problem]
) -> Partnership | None:
    """One row as a partnership; problems are added to ``problems`` (and ``None`` returned)."""
    found: dict[str, Any] = {}
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(Problem(source=source, message=f"{where(column)}: {message}"))

    name = cells.get("name", "").strip()
    if not name:
        bad("name", "every return needs the partnership's name")
    for column, read in _READERS.items():
        try:
            value = read(column, cells.get(column, ""))
        except ValueError as exc:
            bad(column, str(exc))
            continue
        if value is not None:
            found[column] = value
    for column, message in _doubts(name, cells, found):
        bad(column, message)
    if len(problems) > before:
        return None
    try:
        return Partnership(
            name=name, area=cells.get("area", "").strip() or None, scrutiny=ScrutinyArrangement(**found)
        )
    except ConsistencyError as exc:
        for path, message in exc.issues:
            bad(str(path[0]), message)
        return None


def _doubts(name: str, cells: dict[str, str], found: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A row that would be miscounted: a total row, a follow-up whose question is empty (counted nowhere)."""
    answered = any(v.strip() for k, v in cells.items() if k != "name")
    if _TOTAL.fullmatch(name.strip().rstrip(":")) and answered:  # a total row of counts is no partnership
        yield "name", f"{name!r} looks like a total row, not a partnership's return: remove it"
        return  # its cells are totals: what they fail is not worth saying
    if _TOTAL.match(name) and not answered:
        yield (
            "name",
            f"{name!r} with no answers looks like a total row, not a partnership's return: remove it",
        )
    for follow_up, asked in (
        ("scrutineer_count", "independent_scrutineers"),
        ("chair_also_scrutinises", "independent_chair"),
    ):
        if follow_up in found and asked not in found:
            given = cells.get(follow_up, "").strip()
            empty = "is empty" if asked in cells else "is not a column of the export"
            yield asked, f"{empty} but {follow_up} is answered ({given!r}): answer yes or no, or clear it"


def _row_place(number: int) -> Callable[[str], str]:
    return lambda column: f"row {number}, column {column}"


_TOTAL = re.compile(r"(grand\s+)?(totals?|sum|count|average|mean)\b", re.IGNORECASE)
_LOOK_AHEAD = 5  # rows searched for the column names when the first row does not hold them


def _not_utf8(data: bytes, start: int, source: str) -> InvalidInputError:
    """Where the first byte that is not UTF-8 is (row and column), and what it is likely to be."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = (
            "not UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte-order mark); save it as CSV UTF-8"
        )
        return InvalidInputError([Problem(source=source, message=message)])
    byte = data[start]
    prefix = data[:start].decode("utf-8-sig")
    place = f"line {prefix.count(chr(10)) + 1}"
    try:
        records = list(csv.reader(io.StringIO(prefix, newline="")))
    except csv.Error:
        records = []
    else:
        if not prefix or prefix.endswith(("\n", "\r")):
            records.append([""])
        header = [cell.strip() for cell in records[0]] if len(records) > 1 else []
        index = len(records[-1]) - 1
        column = header[index] if index < len(header) and header[index] else f"{index + 1}"
        place = f"row {len(records)}, column {column}"
    guess = bytes([byte]).decode("cp1252", errors="replace")
    hint = f" ({guess!r} in Windows-1252)" if guess != "\ufffd" else ""
    message = f"{place}: not UTF-8 text: byte 0x{byte:02x}{hint}; save the export as CSV UTF-8"
    return InvalidInputError([Problem(source=source, message=message)])


def _csv_records(text: str, source: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """The CSV's rows, numbered from 1; a row the csv module cannot read stops it, naming the row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            limit = csv.field_size_limit()
            if "field limit" in str(exc):
                message = (
                    f"row {number}: a cell is longer than {limit:,} characters, the most a CSV cell may hold"
                )
            else:
                message = f"row {number}: cannot be read as CSV ({exc})"
            raise InvalidInputError([*problems, Problem(source=source, message=message)]) from None
        yield number, row


def _rows_from_csv(
    data: bytes, source: str, problems: list[Problem], columns: list[str]
) -> Iterator[tuple[dict[str, str], Callable[[str], str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, source) from None
    records = _csv_records(text, source, problems)
    first = next(records, None)
    header = [] if first is None else [cell.strip() for cell in first[1]]
    if "name" not in header:
        ahead = [record for _, (_, record) in zip(range(_LOOK_AHEAD), records, strict=False)]
        _refuse_misplaced_header(header, [[c.strip() for c in row] for row in ahead], source, "row 1")
    _check_header(header, source)
    columns += header
    for number, row in records:
        if not any(cell.strip() for cell in row):
            continue
        stray = [
            index + 1
            for index, cell in enumerate(row)
            if cell.strip() and (index >= len(header) or not header[index])
        ]
        if stray:  # reported with every other problem; the row is not read
            message = f"row {number}, cell {stray[0]}: a value under no column name (a stray comma?)"
            problems.append(Problem(source=source, message=message))
            continue
        cells = dict(zip(header, row, strict=False))
        yield cells, _row_place(number)


def _rows_from_xlsx(
    data: bytes, source: str, problems: list[Problem], columns: list[str]
) -> Iterator[tuple[dict[str, str], Callable[[str], str]]]:
    from lscp_scrutiny.io.workbook import open_workbook, sheet_rows  # noqa: PLC0415 - openpyxl only here

    book = open_workbook(data, source)
    sheet = book.worksheets[0]
    rows = sheet_rows(sheet, source)  # every row the file holds, within the limits; damage in one line
    header = [str(cell.value).strip() if cell.value is not None else "" for cell in next(rows, ())]
    if "name" not in header:
        _refuse_misplaced_sheet(book, header, source)
    _check_header(header, source)
    columns += header
    for number, row in enumerate(rows, start=2):
        cells, formula, stray = row_by_header(row, header, number)
        if stray:  # reported with every other problem; the row is not read
            message = f"sheet {sheet.title}, cell {stray[0]}: a value under no column name"
            problems.append(Problem(source=source, message=message))
            continue
        if not any(v.strip() for v in cells.values()) and not formula:
            continue

        def where(column: str, number: int = number) -> str:
            index = header.index(column) if column in header else 0
            return f"sheet {sheet.title}, cell {column_letter(index)}{number} ({column})"

        if formula:  # reported with every other problem; the row is not read
            problems.append(
                Problem(
                    source=source,
                    message=f"sheet {sheet.title}, cell {', '.join(formula)}: "
                    "holds a formula; lscp-scrutiny reads values, never formulas",
                )
            )
            continue
        yield cells, where
    book.close()


def _texts(row: Iterable[object]) -> list[str]:
    return ["" if value is None else str(value).strip() for value in row]


def _refuse_misplaced_header(header: list[str], ahead: list[list[str]], source: str, where: str) -> None:
    """The first row does not name the columns: say why, when it can be told (else :func:`_check_header`)."""
    named = [cell for cell in header if cell]
    for sep, what in ((";", "semicolons"), ("\t", "tabs")):
        if len(named) == 1 and "name" in (part.strip() for part in named[0].split(sep)):
            message = (
                f"{where}: the columns are separated by {what}, not commas: export it as comma-separated CSV"
            )
            raise InvalidInputError([Problem(source=source, message=message)])
    for offset, row in enumerate(ahead, start=2):
        if "name" in row:
            message = (
                f"{where} does not name the columns but row {offset} does: delete the "
                f"{'row' if offset == 2 else f'{offset - 1} rows'} above it (a title?)"  # noqa: PLR2004
            )
            raise InvalidInputError([Problem(source=source, message=message)])


def _refuse_misplaced_sheet(book: Any, header: list[str], source: str) -> None:  # noqa: ANN401
    """A workbook whose first sheet does not name the columns: a title row, or the returns elsewhere."""
    from lscp_scrutiny.io.workbook import sheet_rows  # noqa: PLC0415 - openpyxl only for spreadsheets

    first = book.worksheets[0]
    ahead = [
        _texts(cell.value for cell in row)
        for row in itertools.islice(sheet_rows(first, source), 1, _LOOK_AHEAD + 1)
    ]
    _refuse_misplaced_header(header, ahead, source, f"sheet {first.title}, row 1")
    for sheet in book.worksheets[1:]:
        for number, row in enumerate(itertools.islice(sheet_rows(sheet, source), _LOOK_AHEAD), start=1):
            if "name" in _texts(cell.value for cell in row):
                message = (
                    f"sheet {first.title} (the first sheet, the one read) does not name the columns; sheet "
                    f"{sheet.title} does, in row {number}: make it the first sheet, the column names in row 1"
                )
                raise InvalidInputError([Problem(source=source, message=message)])


def _check_header(header: list[str], source: str) -> None:
    if "name" not in header:
        raise InvalidInputError(
            [
                Problem(
                    source=source,
                    message="the first row must name the columns, "
                    f"including 'name' (the columns are: {', '.join(COLUMNS)})",
                )
            ]
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        raise InvalidInputError(
            [Problem(source=source, message=f"column {', '.join(map(repr, repeated))} is named twice")]
        )
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        raise InvalidInputError(
            [
                Problem(
                    source=source,
                    message=f"unknown column {', '.join(map(repr, unknown))} "
                    f"(the columns are: {', '.join(COLUMNS)})",
                )
            ]
        )


def load_survey_table(
    path: str | os.PathLike[str], *, warnings: list[Problem] | None = None
) -> list[Partnership]:
    """Read a CSV or XLSX survey export: one partnership per row. Every bad cell is reported at once.

    ``warnings``, if given, receives what is read but looks wrong (see :func:`survey_table`).
    """
    kind = kind_of(path, SURVEY_KINDS)
    data = read_bytes(path, kind)  # missing, a folder, too large: one line
    return survey_table(data, kind, str(path), warnings=warnings)


def survey_table(
    data: bytes, kind: FileKind, source: str, *, warnings: list[Problem] | None = None
) -> list[Partnership]:
    """The returns in a survey export's bytes (CSV, or the first sheet of a workbook).

    ``warnings``, if given, receives a :class:`~lscp_scrutiny.errors.Problem` for what is read but would
    mislead: an export with no returns (only the column names), and the question columns it leaves out
    (unknown for every one of its returns, so "0 of 0" where no other file has them).
    """
    problems: list[Problem] = []
    columns: list[str] = []
    read_rows = _rows_from_xlsx if kind is XLSX else _rows_from_csv
    rows = read_rows(data, source, problems, columns)
    returns: list[Partnership] = []
    for cells, where in rows:
        found = _parse_row(cells, where, source, problems)
        if found is not None:
            returns.append(found)
    if problems:
        raise InvalidInputError(problems)
    if warnings is not None:
        missing = [q.key for q in SCRUTINY_QUESTIONS if q.key not in columns]
        if not returns:
            warnings.append(
                Problem(source=source, message="no returns in it, only the row naming the columns")
            )
        elif missing:
            message = (
                f"no column {', '.join(missing)}: "
                f"{'that answer is' if len(missing) == 1 else 'those answers are'} unknown for all "
                f"{len(returns)} of its returns"
            )
            warnings.append(Problem(source=source, message=message))
    return returns


def survey_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    """The files the paths name: folders give their partnership files and survey exports, sorted."""
    if isinstance(paths, str | os.PathLike):  # one path given as it is, not as a string of letters
        paths = [paths]
    return files_of_kinds(paths, NATIONAL_KINDS)


def load_returns(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, warnings: list[Problem] | None = None
) -> list[Partnership]:
    """Every return in the given files and folders; all problems in all files reported together.

    ``warnings``, if given, receives what is read but looks wrong (see :func:`survey_table`).
    """
    return _read_inputs(paths, assessments=False, warnings=warnings)[1]


def read_national(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    warnings: list[Problem] | None = None,
    track: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> tuple[list[AssessmentDocument], list[Partnership]]:
    """What ``lscp-scrutiny national`` aggregates: the assessments, and the survey returns, in the paths.

    Each file is read and parsed once, and what it holds decides what it is: a workbook made by
    ``lscp-scrutiny new`` or a YAML/JSON document with ``responses`` is an assessment; any other workbook
    or CSV file is a survey export, and any other YAML/JSON document a partnership file. Every problem in
    every file is reported together. Two survey exports of the same name in one folder (``returns.csv``
    and ``returns.xlsx``) are refused: they are most often one export saved twice. ``warnings``, if
    given, receives what is read but looks wrong (see :func:`survey_table`).

    ``track``, if given, is handed the list of files and gives them back one at a time as they are
    read: the command line's progress bar counts them off (reading is most of the time: 150 assessment
    workbooks took 13 s, their evaluation 0.3 s). The documents keep no parsed data (``parsed`` is
    ``None``): only a tool that writes the file back needs it, and 150 assessments held it for nothing.
    """
    return _read_inputs(paths, assessments=True, warnings=warnings, track=track)


def _same_export_twice(exports: list[Path]) -> list[Problem]:
    """Survey exports of one name in one folder, such as ``returns.csv`` beside ``returns.xlsx``."""
    by_name: dict[tuple[Path, str], list[Path]] = {}
    for path in exports:
        by_name.setdefault((path.resolve().parent, path.stem.casefold()), []).append(path)
    return [
        Problem(
            source=str(first),
            message=f"{', '.join(p.name for p in others)} beside it has the same name: one export saved "
            "twice would count every partnership twice; keep one (or rename one if they differ)",
        )
        for first, *others in by_name.values()
        if others
    ]


def _read_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    assessments: bool,
    warnings: list[Problem] | None = None,
    track: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> tuple[list[AssessmentDocument], list[Partnership]]:
    """The files in ``paths``, each read once: as returns, and (if ``assessments``) assessments too."""
    from lscp_scrutiny.io.workbook import is_assessment_workbook  # noqa: PLC0415 - openpyxl only for workbooks

    documents: list[AssessmentDocument] = []
    returns: list[Partnership] = []
    problems: list[Problem] = []
    exports: list[Path] = []
    files = survey_files(paths)
    for path in files if track is None else track(files):
        source = str(path)
        try:
            refuse_directory(path)
            refuse_missing(path)  # a folder mistyped has no suffix to judge: say what is wrong
            kind = kind_of(path, NATIONAL_KINDS)
            data = read_bytes(path, kind)
            if assessments and kind is XLSX and is_assessment_workbook(data):
                documents.append(decode_assessment(data, kind, source))
            elif kind in SURVEY_KINDS:
                exports.append(path)
                returns += survey_table(data, kind, source, warnings=warnings)
            else:
                fmt = kind.text_format or "yaml"
                parsed, locate = parse(data, fmt, source)
                if assessments and isinstance(parsed, dict) and "responses" in parsed:
                    document = document_from_parsed(parsed, locate, kind, source)
                    documents.append(evolve(document, parsed=None))
                else:
                    returns.append(structure(parsed, Partnership, fmt=fmt, source=source, locate=locate))
        except InvalidInputError as exc:
            problems += exc.problems
    problems += _same_export_twice(exports)
    if problems:
        raise InvalidInputError(problems)
    return documents, returns


def write_survey_csv(returns: Iterable[Partnership]) -> str:
    """Returns as a survey export (the inverse of :func:`load_survey_table` for CSV).

    Written by the one CSV writer (:func:`~lscp_scrutiny.io._formulas.csv_text`): a name a spreadsheet
    could read as a formula gets an apostrophe before it, so it stays text when the export is opened.
    """
    rows: list[list[str]] = [list(COLUMNS)]
    for partnership in returns:
        scrutiny = partnership.scrutiny
        row: list[str] = [partnership.name, partnership.area or ""]
        for question in _BY_COLUMN:
            value = getattr(scrutiny, question.key)
            if value is None:
                row.append("")
            elif question.answer is Answer.YES_NO:
                row.append("yes" if value else "no")
            elif question.answer is Answer.COUNT:
                row.append(str(value))
            else:
                row.append(";".join(str(getattr(item, "value", item)) for item in value) or "none")
        rows.append(row)
    return csv_text(rows)
