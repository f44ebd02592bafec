"""Small attrs validators shared by the model classes."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*")


def _text(attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be text, got {type(value).__name__} {value!r}"
        raise TypeError(msg)


def non_blank(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:  # noqa: ANN401
    """Text that must say something."""
    _text(attribute, value)
    if not value.strip():
        msg = f"{attribute.name} must not be blank"
        raise ValueError(msg)


def dotted_id(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:  # noqa: ANN401
    """A stable id: lowercase segments of letters, digits, ``-`` and ``_``, joined by dots."""
    _text(attribute, value)
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
    for index, item in enumerate(value):
        if item in seen:
            shown = item.value if isinstance(item, enum.Enum) else item
            raise ConsistencyError([((attribute.name, index), f"{shown!r} is listed more than once")])
        seen.add(item)


def items_of(kind: type) -> Callable[[Any, attrs.Attribute[Any], Iterable[Any]], None]:
    """Every item of a tuple field is a ``kind`` (a list of strings in place of records fails here)."""

    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:  # noqa: ANN401
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                msg = f"{attribute.name}[{index}] must be {kind.__name__}, got {type(item).__name__} {item!r}"
                raise TypeError(msg)

    return check


def line_breaks(value: str) -> str:
    r"""Text with its line breaks written ``\n``: a ``\r\n`` or ``\r`` is the same break, not content.

    Typed for text; anything else passes through for the field's validator to refuse.
    """
    given: object = value  # typed as text for callers; may be anything here
    if isinstance(given, str) and "\r" in given:
        return given.replace("\r\n", "\n").replace("\r", "\n")
    return value


def optional_text(value: str | None) -> str | None:
    """Optional text as :func:`line_breaks`, an empty text being no text (``None``)."""
    value = line_breaks(value) if value is not None else None
    return None if value == "" else value


def text_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """A list of texts as a tuple (see :func:`as_tuple`), each as :func:`line_breaks`."""
    return tuple(line_breaks(item) for item in as_tuple(value))


def text_items(value: Iterable[str] | None) -> tuple[str, ...] | None:
    """As :func:`text_tuple`, keeping ``None`` (unknown) apart from an empty answer."""
    return None if value is None else text_tuple(value)


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable (a list, say) where the model keeps a tuple; never text or a mapping."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = f"expected a list, got {type(value).__name__} {value!r}"
        raise TypeError(msg)
    return tuple(value)


def as_optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    """As :func:`as_tuple`, keeping ``None`` (unknown) apart from an empty answer."""
    return None if value is None else as_tuple(value)


class ConsistencyError(ValueError):
    """Parts of a record that do not fit together, each with the field path where it shows."""

    def __init__(self, issues: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(message for _, message in issues))
