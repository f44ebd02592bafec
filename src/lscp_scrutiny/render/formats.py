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


def format_by_suffix(output: str, suffixes: Mapping[str, str]) -> str:
    """The format an output file's suffix names: ``suffixes`` maps each suffix (``".md"``) to a format.

    The one place a written file's suffix chooses its format (``report -o``, ``national -o``,
    ``moderate -o``). A suffix no format claims, or none, is a :class:`ValueError` naming the suffixes
    that are: a report is never written silently in a format its name does not say (``x.docx`` holding
    plain text).
    """
    suffix = PurePath(output).suffix.lower()
    found = suffixes.get(suffix)
    if found is not None:
        return found
    *others, last = sorted(suffixes)
    claimed = f"{', '.join(others)} or {last}" if others else last
    if suffix:
        what = f"a {suffix} file"
    elif output.endswith("."):
        what = "a file whose name ends in a dot"
    else:
        what = "a file without a suffix"
    msg = f"no format writes {what} ({output}): end its name in {claimed}, or choose one with --format"
    raise ValueError(msg)


def choose_format(
    fmt: str | None, output: str | None, formats: Mapping[str, OutputFormat], built_in: Collection[str] = ()
) -> str:
    """The report format to use: the one asked for, else the one the output file's suffix names.

    With no output file and no ``fmt``, the terminal report; written to a file, the terminal report is
    its plain ``text``. A built-in format (named in ``built_in``) wins a suffix a plugin also claims;
    among plugins, the first by name. :class:`ValueError` names the choices for a format not registered,
    and the suffixes for an output file whose suffix no format claims (see :func:`format_by_suffix`).
    """
    if fmt is None:
        if output is None:
            return TERMINAL
        by_suffix: dict[str, str] = {}
        for name, found in sorted(formats.items(), key=lambda item: (item[0] not in built_in, item[0])):
            # A plugin's format left at the default suffix claims no suffix: .txt is the text report's.
            if found.suffix != ".txt" or name == "text":
                by_suffix.setdefault(found.suffix.lower(), name)
        by_suffix.setdefault(".txt", "text")
        return format_by_suffix(output, by_suffix)
    if fmt != TERMINAL and fmt not in formats:
        choices = ", ".join([TERMINAL, *formats])
        msg = f"{fmt!r} is not one of: {choices}"
        raise ValueError(msg)
    return "text" if fmt == TERMINAL and output is not None else fmt
