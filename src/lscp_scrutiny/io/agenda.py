"""Reading back the moderation meeting's agenda: the rating agreed for each criterion, and why.

The agenda is written by ``lscp-scrutiny moderate --agenda`` as a workbook (or CSV): a row per criterion
and assessor, with ``agreed_rating`` and ``rationale`` left for the meeting. This reads what the meeting
wrote there, and nothing else: every other cell is the tool's own.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Mapping

from attrs import frozen

from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.io._spreadsheet import column_letter, row_by_header
from lscp_scrutiny.io.kinds import CSV, XLSX, kind_of
from lscp_scrutiny.io.paths import read_bytes

NEEDED = ("criterion", "agreed_rating", "rationale")


@frozen(kw_only=True)
class Agreed:
    """What the meeting agreed for one criterion."""

    rating: str
    rationale: str
    where: str
    """The sheet and row (or line) it was read from, for messages."""


def read_agreed(path: str | os.PathLike[str], ratings: Mapping[str, str]) -> dict[str, Agreed]:
    """The agreed rating and rationale of every criterion the meeting agreed, by criterion id.

    ``ratings`` maps what a cell may say (a level's label or id, or *Not applicable*) to the rating id.
    Refuses, naming the cell, a rating not on the scale, a rating without its rationale (or a rationale
    without a rating), two different agreed ratings for one criterion, and formulas.
    """
    source = str(path)
    kind = kind_of(path, (XLSX, CSV))  # any other suffix: one line naming the two it takes
    data = read_bytes(path, kind)
    rows = _xlsx_rows(data, source) if kind is XLSX else _csv_rows(data, source)
    problems: list[Problem] = []
    agreed: dict[str, Agreed] = {}
    folded = {key.casefold(): value for key, value in ratings.items()}
    for cells, where in rows:
        criterion = cells.get("criterion", "").strip()
        said, why = cells.get("agreed_rating", "").strip(), cells.get("rationale", "").strip()
        if not said and not why:
            continue
        if not said or not why:
            missing = "agreed_rating" if not said else "rationale"
            problems.append(
                Problem(
                    source=source,
                    message=f"{where(missing)}: is blank; an agreed rating needs "
                    "both the rating and the rationale",
                )
            )
            continue
        rating = folded.get(said.casefold())
        if rating is None:
            words = [word for word, rating in ratings.items() if word != rating] or list(ratings)
            choices = ", ".join(dict.fromkeys(words))  # the drop-down's words (ids are read too)
            problems.append(
                Problem(
                    source=source,
                    message=f"{where('agreed_rating')}: {said!r} is not a rating "
                    f"on the scale (one of: {choices})",
                )
            )
            continue
        earlier = agreed.get(criterion)
        if earlier is not None and (earlier.rating, earlier.rationale) != (rating, why):
            message = (
                f"{where('agreed_rating')}: {criterion} is agreed twice, differently ({earlier.where} "
                f"says {earlier.rating}); agree it once"
            )
            problems.append(Problem(source=source, message=message))
            continue
        agreed[criterion] = Agreed(rating=rating, rationale=why, where=where("agreed_rating"))
    if problems:
        raise InvalidInputError(problems)
    return agreed


Row = tuple[dict[str, str], "Where"]


class Where:
    """Names a cell of one row: ``sheet Agenda, cell P4 (agreed_rating)`` or ``line 4 (agreed_rating)``."""

    def __init__(self, header: list[str], number: int, sheet: str | None) -> None:
        self.header, self.number, self.sheet = header, number, sheet

    def __call__(self, column: str) -> str:
        """Where this row's value in ``column`` is."""
        if self.sheet is None:
            return f"line {self.number} ({column})"
        index = self.header.index(column) if column in self.header else 0
        return f"sheet {self.sheet}, cell {column_letter(index)}{self.number} ({column})"


def _check_header(header: list[str], source: str) -> None:
    missing = [name for name in NEEDED if name not in header]
    if missing:
        message = (
            f"is not a moderation agenda (no {', '.join(missing)} column); write one with "
            "lscp-scrutiny moderate --agenda -o agenda.xlsx"
        )
        raise InvalidInputError([Problem(source=source, message=message)])


def _csv_rows(data: bytes, source: str) -> Iterator[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError([Problem(source=source, message="is not UTF-8 text")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    _check_header(header, source)
    for number, row in enumerate(reader, start=2):
        yield dict(zip(header, row, strict=False)), Where(header, number, None)


def _xlsx_rows(data: bytes, source: str) -> Iterator[Row]:
    from lscp_scrutiny.io.workbook import open_workbook, sheet_rows  # noqa: PLC0415 - openpyxl only here

    book = open_workbook(data, source)
    sheet = book.worksheets[0]
    rows = sheet_rows(sheet, source)
    header = ["" if cell.value is None else str(cell.value).strip() for cell in next(rows, ())]
    _check_header(header, source)
    for number, row in enumerate(rows, start=2):
        cells, formula, _ = row_by_header(row, header, number)  # a value under no column is not read
        if formula:
            place = f"sheet {sheet.title}, cell {', '.join(formula)}"
            message = f"{place}: holds a formula; lscp-scrutiny reads values, never formulas"
            raise InvalidInputError([Problem(source=source, message=message)])
        yield cells, Where(header, number, sheet.title)
    book.close()
