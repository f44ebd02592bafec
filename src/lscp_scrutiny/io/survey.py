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
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from lscp_scrutiny.codec.documents import structure
from lscp_scrutiny.codec.text import parse
from lscp_scrutiny.errors import ConsistencyError, InvalidInputError, Problem
from lscp_scrutiny.io._spreadsheet import column_letter, is_formula
from lscp_scrutiny.io.assessments import AssessmentDocument, decode_assessment, document_from_parsed
from lscp_scrutiny.io.kinds import NATIONAL_KINDS, SURVEY_KINDS, XLSX, FileKind, find_kind, kind_of
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


def _row_place(number: int) -> Callable[[str], str]:
    return lambda column: f"row {number}, column {column}"


def _rows_from_csv(
    data: bytes, source: str, problems: list[Problem]
) -> Iterator[tuple[dict[str, str], Callable[[str], str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            [Problem(source=source, message=f"not UTF-8 text (byte {exc.start})")]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    _check_header(header, source)
    for number, row in enumerate(reader, start=2):
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


def _xlsx_row(
    row: Iterable[Any], header: list[str], number: int
) -> tuple[dict[str, str], list[str], list[str]]:
    """A worksheet row's cells by column name, and the cells holding formulas or under no name."""
    cells: dict[str, str] = {}
    formula: list[str] = []
    stray: list[str] = []
    for index, cell in enumerate(row):
        value, place = cell.value, f"{column_letter(index)}{number}"
        if index >= len(header) or not header[index]:
            if value is not None and str(value).strip():
                stray.append(place)
            continue
        if is_formula(value, getattr(cell, "data_type", None)):
            formula.append(place)
            value = None
        cells[header[index]] = "" if value is None else str(value)
    return cells, formula, stray


def _rows_from_xlsx(
    data: bytes, source: str, problems: list[Problem]
) -> Iterator[tuple[dict[str, str], Callable[[str], str]]]:
    from lscp_scrutiny.io.workbook import open_workbook  # noqa: PLC0415 - openpyxl only for spreadsheets

    book = open_workbook(data, source)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows()
    header = [str(cell.value).strip() if cell.value is not None else "" for cell in next(rows, ())]
    _check_header(header, source)
    for number, row in enumerate(rows, start=2):
        cells, formula, stray = _xlsx_row(row, header, number)
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


def load_survey_table(path: str | os.PathLike[str]) -> list[Partnership]:
    """Read a CSV or XLSX survey export: one partnership per row. Every bad cell is reported at once."""
    kind = kind_of(path, SURVEY_KINDS)
    return survey_table(read_bytes(path, kind), kind, str(path))  # missing, a folder, too large: one line


def survey_table(data: bytes, kind: FileKind, source: str) -> list[Partnership]:
    """The returns in a survey export's bytes (CSV, or the first sheet of a workbook)."""
    problems: list[Problem] = []
    read_rows = _rows_from_xlsx if kind is XLSX else _rows_from_csv
    rows = read_rows(data, source, problems)
    returns: list[Partnership] = []
    for cells, where in rows:
        found = _parse_row(cells, where, source, problems)
        if found is not None:
            returns.append(found)
    if problems:
        raise InvalidInputError(problems)
    return returns


def survey_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    """The files the paths name: folders give their partnership files and survey exports, sorted."""
    if isinstance(paths, str | os.PathLike):  # one path given as it is, not as a string of letters
        paths = [paths]
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if find_kind(p, NATIONAL_KINDS) is not None)
        else:
            found.append(path)
    return found


def load_returns(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Partnership]:
    """Every return in the given files and folders; all problems in all files reported together."""
    return _read_inputs(paths, assessments=False)[1]


def read_national(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> tuple[list[AssessmentDocument], list[Partnership]]:
    """What ``lscp-scrutiny national`` aggregates: the assessments, and the survey returns, in the paths.

    Each file is read and parsed once, and what it holds decides what it is: a workbook made by
    ``lscp-scrutiny new`` or a YAML/JSON document with ``responses`` is an assessment; any other workbook
    or CSV file is a survey export, and any other YAML/JSON document a partnership file. Every problem in
    every file is reported together.
    """
    return _read_inputs(paths, assessments=True)


def _read_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, assessments: bool
) -> tuple[list[AssessmentDocument], list[Partnership]]:
    """The files in ``paths``, each read once: as returns, and (if ``assessments``) assessments too."""
    from lscp_scrutiny.io.workbook import is_assessment_workbook  # noqa: PLC0415 - openpyxl only for workbooks

    documents: list[AssessmentDocument] = []
    returns: list[Partnership] = []
    problems: list[Problem] = []
    for path in survey_files(paths):
        source = str(path)
        try:
            refuse_directory(path)
            refuse_missing(path)  # a folder mistyped has no suffix to judge: say what is wrong
            kind = kind_of(path, NATIONAL_KINDS)
            data = read_bytes(path, kind)
            if assessments and kind is XLSX and is_assessment_workbook(data):
                documents.append(decode_assessment(data, kind, source))
            elif kind in SURVEY_KINDS:
                returns += survey_table(data, kind, source)
            else:
                fmt = kind.text_format or "yaml"
                parsed, locate = parse(data, fmt, source)
                if assessments and isinstance(parsed, dict) and "responses" in parsed:
                    documents.append(document_from_parsed(parsed, locate, kind, source))
                else:
                    returns.append(structure(parsed, Partnership, fmt=fmt, source=source, locate=locate))
        except InvalidInputError as exc:
            problems += exc.problems
    if problems:
        raise InvalidInputError(problems)
    return documents, returns


def write_survey_csv(returns: Iterable[Partnership]) -> str:
    """Returns as a survey export (the inverse of :func:`load_survey_table` for CSV)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
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
        writer.writerow(row)
    return buffer.getvalue()
