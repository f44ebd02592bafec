"""Output formats: a name and a function from the evaluation summary to text or bytes.

The built-in formats and a plugin's are registered the same way (``lscp_scrutiny_output_formats``),
and ``lscp-scrutiny report --format NAME`` offers every one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import PurePath

from attrs import Attribute, field, frozen

from lscp_scrutiny.model._validators import dotted_id, non_blank
from lscp_scrutiny.model.summary import Summary

RESERVED_NAMES = frozenset({"terminal"})
"""Names the command line keeps for itself: ``terminal`` is the rich renderer, not a registered format."""


def _not_reserved(_instance: object, attribute: Attribute[str], value: str) -> None:
    if value in RESERVED_NAMES:
        msg = f"{attribute.name} {value!r} is kept for the built-in terminal report; choose another"
        raise ValueError(msg)


@frozen(kw_only=True)
class OutputFormat:
    """A way to write an evaluation summary."""

    name: str = field(validator=[dotted_id, _not_reserved])
    description: str = field(validator=non_blank)
    render: Callable[[Summary], str | bytes]
    suffix: str = ".txt"
    """The file suffix a report in this format usually has (``report -o`` picks the format by it)."""


TERMINAL = "terminal"
"""The rich terminal report: chosen on a terminal, and written as plain ``text`` to a file."""


def choose_format(
    fmt: str | None, output: str | None, formats: Mapping[str, OutputFormat], built_in: Collection[str] = ()
) -> str:
    """The report format to use: the one asked for, else the one the output file's suffix names.

    With no output file and no ``fmt``, the terminal report; written to a file, the terminal report is
    its plain ``text``. A built-in format (named in ``built_in``) wins a suffix a plugin also claims;
    among plugins, the first by name. :class:`ValueError` names the choices for a format not registered.
    """
    if fmt is None:
        by_suffix: dict[str, str] = {}
        for name, found in sorted(formats.items(), key=lambda item: (item[0] not in built_in, item[0])):
            if found.suffix != ".txt":
                by_suffix.setdefault(found.suffix, name)
        fmt = by_suffix.get(PurePath(output).suffix.lower(), "text") if output is not None else TERMINAL
    if fmt != TERMINAL and fmt not in formats:
        choices = ", ".join([TERMINAL, *formats])
        msg = f"{fmt!r} is not one of: {choices}"
        raise ValueError(msg)
    return "text" if fmt == TERMINAL and output is not None else fmt
