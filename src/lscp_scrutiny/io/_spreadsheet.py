"""What every spreadsheet reader and writer here needs: column letters, and telling a formula."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


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
