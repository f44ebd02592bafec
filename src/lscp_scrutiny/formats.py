"""Output formats: a name and a function from the evaluation summary to text or bytes.

The built-in formats and a plugin's are registered the same way (``lscp_scrutiny_output_formats``),
and ``lscp-scrutiny report --format NAME`` offers every one of them.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import field, frozen

from lscp_scrutiny.model._validators import dotted_id, non_blank
from lscp_scrutiny.summary import Summary


@frozen(kw_only=True)
class OutputFormat:
    """A way to write an evaluation summary."""

    name: str = field(validator=dotted_id)
    description: str = field(validator=non_blank)
    render: Callable[[Summary], str | bytes]
    suffix: str = ".txt"
    """The file suffix a report in this format usually has (``report -o`` picks the format by it)."""
