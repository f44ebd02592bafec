"""Small attrs validators shared by the model classes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*")


def non_blank(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:  # noqa: ANN401
    """Text that must say something."""
    if not value.strip():
        msg = f"{attribute.name} must not be blank"
        raise ValueError(msg)


def dotted_id(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:  # noqa: ANN401
    """A stable id: lowercase segments of letters, digits, ``-`` and ``_``, joined by dots."""
    if not _ID.fullmatch(value):
        msg = (
            f"{attribute.name} {value!r} is not a valid id (lowercase letters, digits, '-' and '_', "
            "in segments joined by '.')"
        )
        raise ValueError(msg)


def optional_non_negative(_inst: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:  # noqa: ANN401
    """``None`` or a count that is not negative."""
    if value is not None and value < 0:
        msg = f"{attribute.name} must not be negative, got {value}"
        raise ValueError(msg)


def unique_items(_inst: Any, attribute: attrs.Attribute[Any], value: Iterable[Any] | None) -> None:  # noqa: ANN401
    """A sequence with no repeated item."""
    if value is None:
        return
    seen: set[Any] = set()
    for item in value:
        if item in seen:
            msg = f"{attribute.name} lists {item!r} more than once"
            raise ValueError(msg)
        seen.add(item)


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable (a list, say) where the model keeps an immutable tuple."""
    return value if isinstance(value, tuple) else tuple(value)


def as_optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    """As :func:`as_tuple`, keeping ``None`` (unknown) apart from an empty answer."""
    return None if value is None else as_tuple(value)


class ConsistencyError(ValueError):
    """Parts of a record that do not fit together, each with the field path where it shows."""

    def __init__(self, issues: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(message for _, message in issues))
