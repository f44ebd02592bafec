"""What every spreadsheet reader and writer here needs: column letters, telling a formula, writing a cell."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from lscp_scrutiny.io._formulas import could_be_formula

_NOT_IN_A_CELL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_CELL_TEXT = 32_767
"""What a spreadsheet cell holds, in UTF-16 units."""


def cell_text(text: str) -> str:
    """Text a workbook cell can hold: characters no cell can hold written as escapes, over-long text cut."""
    text = _NOT_IN_A_CELL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text.encode("utf-16-le", "surrogatepass")) // 2 > MAX_CELL_TEXT:
        kept = text[: MAX_CELL_TEXT - 100]
        text = f"{kept}... (cut: {len(text):,} characters in all)"
    return text


def put_cell(sheet: Any, row: int, column: int, value: object) -> Any:  # noqa: ANN401 - openpyxl's
    """Write one value into an openpyxl sheet: text as text, never a formula; dates shown YYYY-MM-DD.

    Text a spreadsheet could read as a formula gets a quote prefix; ``None`` leaves the cell blank.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
        cell.quotePrefix = could_be_formula(value)
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    return cell


def column_letter(index: int) -> str:
    """The letters of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def is_formula(value: object, data_type: str | None) -> bool:
    """Whether a cell (its value and openpyxl's data type) holds a formula, which is never evaluated.

    By the cell's type, not its text: a text cell that starts with ``=`` is text.
    """
    return data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def row_by_header(
    row: Iterable[Any], header: list[str], number: int
) -> tuple[dict[str, str], list[str], list[str]]:
    """A worksheet row's cells by column name (as text), and the cells holding formulas or under no name.

    A formula's cell is left blank in the values (it is never evaluated); the caller says where it is.
    """
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
