"""What every spreadsheet reader and writer here needs: column letters, and telling a formula."""

from __future__ import annotations


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
