r"""Text a spreadsheet could read as a formula, and how every CSV and workbook writer keeps it text.

The one rule, for the CSV report, the national CSV, survey exports and workbooks alike:
:func:`could_be_formula` decides, :func:`neutralised` (CSV) and a quote prefix (workbooks) keep text text.

A spreadsheet reads a cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@`` (or their
full-width forms, U+FF1D, U+FF0B, U+FF0D and U+FF20, which some spreadsheets take for them), spaces
(and a byte-order mark or zero-width characters) before them included. Not only the first character
counts: *every line* of a cell is judged, because an
importer may split a cell into rows at a line break (LibreOffice makes a new row of ``=SUM(40;2)`` after
an unquoted carriage return, and shows 42), and a tab may split it into cells when it is pasted. A line
is what any of these ends: ``\r\n``, ``\r``, ``\n``, a tab, and the other breaks :meth:`str.splitlines`
knows (``\x0b``, ``\x0c``, ``\x1c``-``\x1e``, ``\x85``, ``\u2028``, ``\u2029``). A cell that starts with a
tab or a carriage return counts too, as spreadsheets may drop those.

- In a CSV file each such line gets a leading apostrophe (``a\r'=1``), and a cell holding a line break,
  a comma or a quote is quoted, so the row stays one row for every reader.
- In a workbook every cell is stored as text, never as a formula, and one that could be read as a
  formula is also marked with a quote prefix, so it stays text when a person edits it; its text is kept
  exactly, for the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_BREAKS = "\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_STARTS = "=+\\-@\uff1d\uff0b\uff0d\uff20"

# Where a line starts (the start of the text, or just after a break), when what follows it, after any
# spaces, is a formula's first character.
_INVISIBLE = "\ufeff\u200b-\u200d\u2060"  # a byte-order mark and zero-width characters, skipped as spaces
_FORMULA_LINE = re.compile(f"(\\A|\r\n|[{_BREAKS}])(?=(?:[^\\S{_BREAKS}]|[{_INVISIBLE}])*[{_STARTS}])")
_RISKY_FIRST = ("\t", "\r")

_NEEDS_QUOTES = re.compile('[",\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]')  # a tab needs no quotes
_SURROGATE = re.compile("[\ud800-\udfff]")


def could_be_formula(text: str) -> bool:
    """Whether a spreadsheet could read any line of ``text`` as a formula."""
    return text.startswith(_RISKY_FIRST) or _FORMULA_LINE.search(text) is not None


def neutralised(text: str) -> str:
    """``text`` with an apostrophe before every line a spreadsheet could read as a formula."""
    if not could_be_formula(text):
        return text
    text = _FORMULA_LINE.sub(r"\1'", text)
    return "'" + text if text.startswith(_RISKY_FIRST) else text


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


_TERMINAL_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
r"""Characters a terminal acts on (an escape sequence's ESC, BEL, backspace) or that reorder text (bidi
controls): a CSV printed to a terminal must not carry them, so they are written as their escapes
(``\x1b``). Line breaks and the separators a spreadsheet reads as them stay as they are (quoted)."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004


def safe_cell(value: object) -> object:
    r"""A value made safe for a CSV cell: text :func:`neutralised`; numbers and the rest as they are.

    Terminal control characters are written as their escapes (``\x1b``; see ``_TERMINAL_CONTROLS``).

    A lone surrogate, which no UTF-8 file can hold (only the Python API can put one in), is written as
    its escape, ``\ud800``, as the other reports write it.
    """
    if isinstance(value, str):
        return neutralised(_TERMINAL_CONTROLS.sub(_visible, _SURROGATE.sub(_escape_surrogate, value)))
    return value


def _field(value: object) -> str:
    text = str(safe_cell("" if value is None else value))
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    r"""Rows as CSV text (comma-separated, ``\n`` at the end of each row), every cell :func:`safe_cell`.

    Terminal control characters in a cell are written as their escapes (``\x1b``), so a CSV report
    printed to a terminal cannot move the cursor, retitle the window or ring the bell.

    A cell holding a comma, a quote or any line break (a lone ``\r`` included, which Python's own
    :mod:`csv` writer leaves unquoted when rows end with ``\n``) is quoted, so each row reads back as one.
    """
    return "".join(",".join(_field(value) for value in row) + "\n" for row in rows)
