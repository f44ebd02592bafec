"""Options that several commands share, declared once: output, force, dates, and checked text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def text(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Text given on the command line: not blank, and writable as UTF-8."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("is not valid UTF-8 text", param=param) from None
    if not value.strip():
        raise click.BadParameter("must not be blank", param=param)
    return value.strip()


def parse_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A date given on the command line, written YYYY-MM-DD as in every file."""
    if value is None:
        return None
    from lscp_scrutiny.codec.converters import parse_date as parse

    try:
        return parse(value)
    except ValueError:
        raise click.BadParameter(f"expected a date written YYYY-MM-DD, got {value!r}", param=param) from None


def output(help_text: str, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``."""
    return click.option(
        "-o", "--output", required=required, type=click.Path(path_type=Path, dir_okay=False), help=help_text
    )


force = click.option("--force", is_flag=True, help="Replace the output file if it exists.")
"""``--force``: replace an output file that exists."""


def as_of(help_text: str = "Judge actions overdue against this date (default: today).") -> Callable[[F], F]:
    """``--as-of YYYY-MM-DD``."""
    return click.option("--as-of", callback=parse_date, metavar="YYYY-MM-DD", help=help_text)


def on_date(name: str, help_text: str) -> Callable[[F], F]:
    """``--date YYYY-MM-DD``, given to the command as ``name``."""
    return click.option("--date", name, callback=parse_date, metavar="YYYY-MM-DD", help=help_text)


class LazyChoice(click.Choice[str]):
    """Choices declared elsewhere (an enum's values, a table's keys), imported only when needed.

    ``lscp-scrutiny --help`` and ``--version`` then load only click, yet the choices are the ones the
    library declares, never a copy kept here.
    """

    def __init__(self, module: str, name: str) -> None:
        self._where = (module, name)
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        """The enum's values, or the keys of the mapping, in their order."""
        import enum
        import importlib

        module, name = self._where
        found = getattr(importlib.import_module(module), name)
        if isinstance(found, type) and issubclass(found, enum.Enum):
            return tuple(str(member.value) for member in found)
        return tuple(found)

    @choices.setter
    def choices(self, _value: object) -> None:
        """Click sets the choices when the type is made; they are the declared ones instead."""
