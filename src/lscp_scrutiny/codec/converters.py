"""cattrs converters, one per file format, and the translation of their errors into Problems.

The model classes know nothing of files. This module turns plain data (what ``json.loads`` or the YAML
parser returns) into model objects and back. Both converters are strict: unknown keys are refused
(a typo must never vanish silently), text must be text, numbers numbers, and a list a list; the
difference between them is only how dates are written (JSON has no date type).

cattrs loads only when a converter is first made (:func:`converter_for`, or ``json_converter`` and
``yaml_converter``, made on first use) or an error is explained: reading a good file goes through the
quick reader (:mod:`lscp_scrutiny.codec.quick`), which needs neither, and importing cattrs was about
14 ms of a ``validate`` run's start.
"""

from __future__ import annotations

import enum
import re
import threading
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from lscp_scrutiny._text import withhold_quoted
from lscp_scrutiny.codec.text import Format
from lscp_scrutiny.errors import ConsistencyError, PathPart

if TYPE_CHECKING:
    import cattrs

    json_converter: cattrs.Converter
    yaml_converter: cattrs.Converter

__all__ = [
    "ConsistencyError",
    "Format",
    "PathPart",
    "WrongTypeError",
    "converter_for",
    "explain",
    "json_converter",
    "made_converter",
    "make_converter",
    "may_hold_restricted_text",
    "parse_date",
    "show_number",
    "yaml_converter",
]

T = TypeVar("T")

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", float: "a number"}


class WrongTypeError(TypeError):
    """A value of the wrong kind, with a message written for the person who typed it."""


def show_number(value: float) -> str:
    """A number as text for a message, short even when the number is enormous."""
    try:
        text = str(value)
    except ValueError:  # Python refuses to print integers of more than 4,300 digits
        return "a number far too large"
    return text if len(text) <= 20 else f"{text[:17]}... ({len(text)} digits)"  # noqa: PLR2004


def _describe(value: object) -> str:  # noqa: PLR0911 - one plain description per kind of value
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."  # noqa: PLR2004
        return f"text {shown!r}"
    if isinstance(value, int | float):
        return f"the number {show_number(value)}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _strict(kind: type) -> Callable[[Any, Any], Any]:
    name = _TYPE_NAMES[kind]

    def structure(value: Any, _type: Any) -> Any:  # noqa: ANN401
        if kind is int and isinstance(value, bool):
            raise WrongTypeError(f"expected {name}, got {_describe(value)}")
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind):
            hint = "; put it in quotes" if kind is str and isinstance(value, date | int | float) else ""
            raise WrongTypeError(f"expected {name}, got {_describe(value)}{hint}")
        return kind(value)  # drops ruamel's str/int subclasses

    return structure


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date:
    """A calendar date written ``YYYY-MM-DD``, and only that (no week dates, no compact forms)."""
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _structure_date(value: Any, _type: Any) -> date:  # noqa: ANN401
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            pass
    raise WrongTypeError(f"expected a date written YYYY-MM-DD, got {_describe(value)}")


def _structure_enum(value: Any, enum_type: type[enum.Enum]) -> enum.Enum:  # noqa: ANN401
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return enum_type(value)
        except ValueError:
            pass
    choices = ", ".join(str(member.value) for member in enum_type)
    raise WrongTypeError(f"{_describe(value)} is not one of: {choices}")


def _enum_value(member: enum.Enum) -> Any:  # noqa: ANN401
    # A plain value: YAML cannot write enum members, and ruamel subclasses must not leak out either.
    value = member.value
    return str(value) if isinstance(value, str) else value


def _is_homogeneous_tuple(type_: Any) -> bool:  # noqa: ANN401
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hooks(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Lists become tuples, item by item, and anything but a list (a string, say) is refused."""

    def factory(type_: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401
        from cattrs.errors import IterableValidationError, IterableValidationNote  # noqa: PLC0415

        item_type = typing.get_args(type_)[0]
        item_hook = converter.get_structure_hook(item_type)

        def structure(value: Any, _type: Any) -> tuple[Any, ...]:  # noqa: ANN401
            if value is None:  # `evidence:` with nothing after it, as people leave a list they have not begun
                return ()
            if not isinstance(value, list | tuple):
                raise WrongTypeError(f"expected a list, got {_describe(value)}")
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {type_} @ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
            return tuple(items)

        return structure

    return factory


def _class_hooks(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Model classes come from mappings only, and unknown keys are refused."""

    def factory(cls: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401
        from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True
        )

        def structure(value: Any, type_: Any) -> Any:  # noqa: ANN401
            if not isinstance(value, Mapping):
                raise WrongTypeError(f"expected a mapping of fields, got {_describe(value)}")
            return inner(value, type_)

        return structure

    return factory


def _is_nothing(value: object) -> bool:
    # None, an empty list, false, or a record of unknowns (an unanswered ScrutinyArrangement)
    return value is None or value == () or value is False or attrs.has(type(value))


def _unstructure_fn(cls: Any, converter: cattrs.Converter, *, omit_defaults: bool) -> Callable[[Any], Any]:  # noqa: ANN401
    """Leave out fields that hold nothing (``None``, an empty list, ``false``), keep every chosen value.

    A field at a meaningful default, such as an assessor's role or an action's status, is still written:
    a person reading the file should not have to know the defaults.
    """
    from cattrs.gen import make_dict_unstructure_fn, override  # noqa: PLC0415

    overrides: dict[str, Any] = {}
    if omit_defaults:
        for field in attrs.fields(cls):
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                continue
            if _is_nothing(default):
                overrides[field.name] = override(omit_if_default=True)
    fn: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter, **overrides)
    if not overrides:
        return fn
    # cattrs writes the fields it may leave out after the others; keep the class's order for readers.
    names = [field.name for field in attrs.fields(cls)]

    def in_order(obj: Any) -> dict[str, Any]:  # noqa: ANN401
        data = fn(obj)
        return {name: data[name] for name in names if name in data}

    return in_order


def _configure(converter: cattrs.Converter, fmt: Format, *, omit_defaults: bool) -> None:
    for kind in (str, int, bool, float):
        converter.register_structure_hook(kind, _strict(kind))
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat if fmt == "json" else lambda d: d)
    # Class hooks dispatch along the MRO, where ``str`` comes before ``Enum`` for a StrEnum: register the
    # enum hook on StrEnum itself so that it wins over the strict text hook.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_unstructure_hook(enum.StrEnum, _enum_value)
    converter.register_unstructure_hook(enum.Enum, _enum_value)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hooks(converter))
    converter.register_structure_hook_factory(attrs.has, _class_hooks(converter))
    converter.register_unstructure_hook_factory(
        attrs.has, lambda cls: _unstructure_fn(cls, converter, omit_defaults=omit_defaults)
    )


def make_converter(fmt: Format, *, omit_defaults: bool = True) -> cattrs.Converter:
    """A new strict converter for one file format.

    ``omit_defaults`` leaves fields at their default value out of what is written, which keeps files that
    people read short; results meant for other programs keep every key.
    """
    import cattrs  # noqa: PLC0415 - only a converter needs cattrs (see the module's docstring)

    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=omit_defaults)
    _configure(converter, fmt, omit_defaults=omit_defaults)
    return converter


_CONVERTERS: dict[str, cattrs.Converter] = {}
_LOCK = threading.Lock()


def converter_for(fmt: Format) -> cattrs.Converter:
    """The module's converter for a format (``json_converter`` or ``yaml_converter``), made on first use."""
    found = _CONVERTERS.get(fmt)
    if found is None:
        with _LOCK:
            found = _CONVERTERS.get(fmt)
            if found is None:
                found = _CONVERTERS[fmt] = make_converter("json" if fmt == "json" else "yaml")
    return found


def made_converter(fmt: Format) -> cattrs.Converter | None:
    """The module's converter for a format if it has been made, else ``None``.

    Nothing can be registered on a converter not yet made: its hooks are those :func:`make_converter`
    configures.
    """
    return _CONVERTERS.get(fmt)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the module's two converters, made on first use
    if name == "json_converter":
        return converter_for("json")
    if name == "yaml_converter":
        return converter_for("yaml")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def explain(
    exc: BaseException, path: tuple[PathPart, ...] = ()
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Flatten a cattrs error (a tree of exception groups) into ``(field path, message)`` pairs."""
    from cattrs.errors import (  # noqa: PLC0415 - loaded already: the error came from a converter
        AttributeValidationNote,
        ClassValidationError,
        IterableValidationError,
    )

    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            part: PathPart = note.name if isinstance(note, AttributeValidationNote) else note.index
            yield from explain(sub, (*path, part))
        for sub in without:
            yield from explain(sub, path)
    else:
        yield from _explain_one(exc, path)


_RESTRICTED_PARTS = frozenset({"notes", "evidence", "reply", "actions"})
_RESTRICTED_TEXT = _RESTRICTED_PARTS | {"reference", "description", "text", "by", "owner"}
_RESTRICTION_FLAGS = frozenset({"notes_restricted", "restricted"})


def may_hold_restricted_text(path: tuple[PathPart, ...]) -> bool:
    """Whether the field at ``path`` may hold restricted text: notes, evidence, replies and actions.

    A message about such a field never quotes its value (``got text (not shown)``): the path and the
    line say where it is. The flags that mark text restricted (``notes_restricted``, a piece of
    evidence's ``restricted``) count too: text found there is likely the restricted text itself, put on
    the wrong line. Their other fields (a date, a kind) are quoted.
    """
    names = [part for part in path if isinstance(part, str)]
    if names and names[-1] in _RESTRICTION_FLAGS:
        return True
    return bool(names) and names[-1] in _RESTRICTED_TEXT and not _RESTRICTED_PARTS.isdisjoint(names)


def _explain_one(
    exc: BaseException, path: tuple[PathPart, ...]
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    if may_hold_restricted_text(path):
        for where, message in _explain_leaf(exc, path):
            yield where, withhold_quoted(message)
    else:
        yield from _explain_leaf(exc, path)


def _explain_leaf(
    exc: BaseException, path: tuple[PathPart, ...]
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415 - as in explain

    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(map(str, exc.extra_fields)):
            yield (*path, key), "unknown field (check the spelling; see `lscp-scrutiny schema`)"
    elif isinstance(exc, ConsistencyError):
        for sub_path, message in exc.issues:
            yield (*path, *sub_path), message
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    elif isinstance(exc, WrongTypeError | ValueError):
        yield path, str(exc)
    elif isinstance(exc, TypeError):
        yield path, f"wrong kind of value ({exc})"
    else:
        yield path, f"{type(exc).__name__}: {exc}"
