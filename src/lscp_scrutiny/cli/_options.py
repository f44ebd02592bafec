"""Options that several commands share, declared once: output, force, dates, and checked text."""

from __future__ import annotations

import os
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


def output_file(_ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """An output file: not a folder (``out.md/`` names one), in a folder that exists, checked before any work.

    The path is read as typed: ``Path("out.md/")`` is ``out.md``, so the trailing separator is looked at
    here, before it is lost.
    """
    if value is None:
        return None
    if value.endswith(("/", os.sep)):
        raise click.BadParameter(f"{value} names a folder; give a file name", param=param)
    path = Path(value)
    if not path.parent.is_dir():
        raise click.BadParameter(f"the folder {path.parent} does not exist", param=param)
    return path


def output(help_text: str, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``: see :func:`output_file`."""
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(dir_okay=False),
        callback=output_file,
        help=help_text,
    )


def chosen_format(fmt: str | None, output: Path | None, by_suffix: dict[str, str]) -> str:
    """The format asked for, else the one the output file's suffix names, else the terminal view.

    ``by_suffix`` maps each suffix to the format it names (the one rule every writer follows,
    ``format_by_suffix``); the terminal view is never written to a file.
    """
    from lscp_scrutiny.render.formats import format_by_suffix

    if output is None:
        return fmt or "terminal"
    if fmt == "terminal":
        named = sorted(set(by_suffix.values()))
        raise click.BadParameter(
            "terminal is drawn on the screen, not written to a file: choose "
            f"{', '.join(named[:-1])} or {named[-1]} for -o",
            param_hint="'--format'",
        )
    try:
        return fmt or format_by_suffix(str(output), by_suffix)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from None


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
