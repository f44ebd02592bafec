"""The content hash of a checklist: what every assessment records of the checklist it answered.

The hash is of the checklist as the JSON converter writes it with every field kept (defaults included),
canonically dumped. That data is made here by walking the attrs classes directly, not by the cattrs
converter: every command that evaluates an assessment needs the hash, and building the converter and
its unstructuring hooks took about 3 ms of ``validate``'s start (and, once nothing else needs cattrs at
start-up, its import would be another 20 ms). The walk gives exactly what the converter gives for the
model's kinds of value (attrs classes, enums, dates, text, numbers, tuples, mappings); anything else
falls back to the converter itself, so the hash never depends on which way it was worked out (a test
compares the two).
"""

from __future__ import annotations

import enum
import hashlib
import json
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lscp_scrutiny.model import Checklist

_HASHES: weakref.WeakKeyDictionary[Checklist, str] = weakref.WeakKeyDictionary()


def content_hash(checklist: Checklist) -> str:
    """A hash of everything in a checklist, written into every assessment that answers it.

    Worked out once per checklist object: evaluating thousands of assessments against one checklist
    must not serialise it thousands of times.
    """
    found = _HASHES.get(checklist)
    if found is None:
        found = _HASHES[checklist] = _content_hash(checklist)
    return found


def _content_hash(checklist: Checklist) -> str:
    # Every field, defaults included, so that the hash never depends on how files are written; and not
    # who contributed each criterion, which is provenance, not content.
    full = full_data(checklist)
    for section in full["sections"]:
        for criterion in section["criteria"]:
            criterion.pop("contributed_by", None)
    # Fields added after the hash was first recorded in assessments count only when they say something,
    # so that adding them did not change the hash of every checklist that does not use them.
    for name, unused in _ADDED_LATER:
        if full.get(name) == unused:
            del full[name]
    for source in full["sources"]:
        if source.get("kind") == "other":
            del source["kind"]
    canonical = json.dumps(full, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_ADDED_LATER: tuple[tuple[str, object], ...] = (("retired", []),)
"""Top-level checklist fields added after assessments began recording the hash, with the value that
leaves them out of it (a source's ``kind`` of ``other`` is treated the same way)."""


class _Unusual(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    """A value the direct walk does not know how the converter writes: the converter is asked instead."""


def full_data(checklist: Checklist) -> dict[str, Any]:
    """The checklist as the JSON converter unstructures it with every field kept (``omit_defaults=False``)."""
    try:
        data = _plain(checklist)
    except _Unusual:
        from lscp_scrutiny.codec.converters import make_converter  # noqa: PLC0415 - only if ever needed

        data = make_converter("json", omit_defaults=False).unstructure(checklist)
    if not isinstance(data, dict):  # pragma: no cover - a checklist is an attrs instance
        raise TypeError(type(data).__name__)
    return data


def _same(value: object) -> object:
    return value


def _listed(value: tuple[object, ...] | list[object]) -> list[Any]:
    return [_plain(item) for item in value]


def _mapped(value: Mapping[object, object]) -> dict[Any, Any]:
    return {_plain(key): _plain(item) for key, item in value.items()}


def _enum_value(value: enum.Enum) -> Any:  # noqa: ANN401 - whatever the member's value is
    return value.value


def _handler_for(kind: type) -> Callable[[Any], Any]:
    """How the converter writes a value of this class, as a function (worked out once per class)."""
    fields = getattr(kind, "__attrs_attrs__", None)
    if fields is not None:
        if any("Annotated" in str(field.type) for field in fields):  # cattrs reads overrides there
            raise _Unusual(kind.__name__)
        names = tuple(field.name for field in fields if field.init)  # it leaves out init=False fields
        return lambda value: {name: _plain(getattr(value, name)) for name in names}
    if issubclass(kind, enum.Enum):
        return _enum_value
    if kind is type(None) or issubclass(kind, str | int | float):
        return _same
    if kind is date:
        return date.isoformat
    if issubclass(kind, tuple | list):
        return _listed
    if issubclass(kind, Mapping):
        return _mapped
    raise _Unusual(kind.__name__)


_HANDLERS: dict[type, Callable[[Any], Any]] = {}


def _plain(value: object) -> Any:  # noqa: ANN401 - JSON-ready data of any shape
    kind = type(value)
    handler = _HANDLERS.get(kind)
    if handler is None:
        handler = _HANDLERS[kind] = _handler_for(kind)
    return handler(value)
