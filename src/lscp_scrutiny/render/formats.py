"""Output formats: a name and a function from the evaluation summary to text or bytes.

The built-in formats and a plugin's are registered the same way (``lscp_scrutiny_output_formats``),
and ``lscp-scrutiny report --format NAME`` offers every one of them.
"""

from __future__ import annotations

from collections.abc import Callable

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
