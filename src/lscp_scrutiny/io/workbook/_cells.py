"""Reading one spreadsheet cell: a value of the kind a column holds, or one plain problem naming the cell.

Values only: a cell holding a formula is reported, never worked out, and so is a cell holding a
spreadsheet error such as ``#N/A``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

from lscp_scrutiny.codec.converters import parse_date
from lscp_scrutiny.errors import PathPart, Problem
from lscp_scrutiny.io._spreadsheet import column_letter, is_formula
from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812

T = TypeVar("T")

Raw = tuple[Any, str]
"""A cell as read: its value and openpyxl's data type (``s`` text, ``n`` number, ``f`` formula...)."""

BLANK: Raw = (None, "n")


class Bad(Exception):  # noqa: N818 - internal signal, always turned into a Problem
    """A cell value that cannot be used, with why."""


class CellReader:
    """Reads cells of one workbook, collecting every problem and where each field came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.places: dict[tuple[PathPart, ...], str] = {}

    def problem(self, place: str, message: str) -> None:
        """Record a problem at a place (``sheet Criteria, cell F3 (Rating)``)."""
        self.problems.append(Problem(source=self.source, message=f"{place}: {message}"))

    def cell(
        self,
        sheet: str,
        *,
        row: int,
        column: int,
        header: str,
        raw: Raw,
        parse: Callable[[Any], T],
    ) -> T | None:
        """One cell's value, parsed; ``None`` (and a problem recorded) if it cannot be used."""
        place = f"sheet {sheet}, cell {column_letter(column)}{row}" + (f" ({header})" if header else "")
        value, data_type = raw
        try:
            if is_formula(value, data_type):
                shown = _shown(value) if isinstance(value, str) else "a formula"
                msg = f"holds a formula ({shown}); lscp-scrutiny reads values, never formulas: type the value"
                raise Bad(msg)  # noqa: TRY301 - reported below with the cell's place, like any other
            if data_type == "e":
                raise Bad(f"holds the spreadsheet error {value}; type the value")  # noqa: TRY301
            return parse(value)
        except Bad as exc:
            self.problem(place, str(exc))
            return None


DIGITS = re.compile(r"[0-9]+")
"""A whole number written in the digits 0 to 9 (``str.isdigit`` also takes ``²``)."""


def label(value: object) -> str:
    """A header or label cell's text, whatever the cell holds (never a problem: it is only compared)."""
    return "" if value is None else str(value).strip()


def is_blank(raw: Raw) -> bool:
    """Nothing (or only spaces) in the cell."""
    value = raw[0]
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str | None:  # noqa: ANN401
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise Bad("expected text, found TRUE or FALSE")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        return str(int(value))
    return str(value)


def required_text(value: Any) -> str:  # noqa: ANN401
    text = as_text(value)
    if text is None or not text.strip():
        raise Bad("is blank; it is needed")
    return text


def a_date(value: Any) -> date | None:  # noqa: ANN401
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.time() != time():
            raise Bad(f"expected a date, found a date and time ({value.isoformat(sep=' ')})")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip())
        except ValueError:
            pass
    raise Bad(f"expected a date such as 2026-10-31, found {_shown(value)}")


def required_date(value: Any) -> date:  # noqa: ANN401
    found = a_date(value)
    if found is None:
        raise Bad("is blank; a date is needed")
    return found


_SHOWN = 40
"""Longest value quoted whole in a message; longer ones are cut."""


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def yes_no(value: Any) -> bool | None:  # noqa: ANN401
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().casefold() in ("yes", "y", "true"):
        return True
    if isinstance(value, str) and value.strip().casefold() in ("no", "n", "false"):
        return False
    raise Bad(f"expected Yes or No, found {_shown(value)}")


def flag(value: Any) -> bool:  # noqa: ANN401
    return bool(yes_no(value))


def count(value: Any) -> int | None:  # noqa: ANN401
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise Bad("expected a whole number, found TRUE or FALSE")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        raise Bad(f"expected a whole number, found {_shown(value)}")
    if number < 0:
        raise Bad(f"expected 0 or more, found {number}")
    return number


def _key(text: str) -> str:
    """What a choice is matched by: its text, any case, line breaks as one, without surrounding spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip().casefold()


def chooser(
    choices: dict[str, str], what: str, aliases: dict[str, str] | None = None
) -> Callable[[Any], str | None]:
    r"""Parses a choice: a label or value of ``choices`` (any case), or one of ``aliases`` (not listed).

    Line breaks are compared as one: a workbook's XML gives back ``\r`` and ``\r\n`` as ``\n``, so a
    label holding one (from a checklist's own text) still matches what the writer put in the cell.
    """
    folded = {_key(label): value for label, value in (aliases or {}).items()}
    folded.update({_key(value): value for value in choices.values()})
    folded.update({_key(label): value for label, value in choices.items()})

    def parse(value: Any) -> str | None:  # noqa: ANN401
        text = as_text(value)
        if text is None or not text.strip():
            return None
        found = folded.get(_key(text))
        if found is None:
            raise Bad(f"{_shown(text)} is not {what}: choose one of {', '.join(choices)}")
        return found

    return parse


def required(parse: Callable[[Any], T | None], what: str) -> Callable[[Any], T]:
    """``parse``, refusing a blank cell: ``what`` is needed."""

    def parse_required(value: Any) -> T:  # noqa: ANN401
        found = parse(value)
        if found is None:
            raise Bad(f"is blank; {what} is needed")
        return found

    return parse_required


def lines(choices: dict[str, str] | None, optional: bool) -> Callable[[Any], tuple[str, ...] | None]:
    """A list written one item per line; with ``optional``, blank is "not known" and ``(none)`` empty."""
    choose = chooser(choices, "on the list") if choices else None

    def parse(value: Any) -> tuple[str, ...] | None:  # noqa: ANN401
        text = as_text(value)
        if text is None:
            return None if optional else ()
        if text.strip() == L.NONE:
            return ()
        items = (
            [item for item in text.splitlines() if item.strip()] if "\n" in text or "\r" in text else [text]
        )
        if choose is None:
            return tuple(items)
        if len(items) == 1 and ("," in text or ";" in text):
            items = [part for part in text.replace(";", ",").split(",") if part.strip()]
        return tuple(v for v in (choose(item) for item in items) if v is not None)

    return parse
