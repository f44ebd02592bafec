"""Small attrs validators shared by the model classes, and the type check every model class gets.

Every model class is declared ``@frozen(kw_only=True, field_transformer=typed)``: :func:`typed` reads the
class's annotations when the class is made, and gives it one generated function that checks every field's
type as each object is built (see :func:`typed` for the rules).
"""

from __future__ import annotations

import builtins
import enum
import linecache
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import partial
from typing import Any, NoReturn, TypeVar

import attrs

from lscp_scrutiny.errors import ConsistencyError

__all__ = [
    "ID_PATTERN",
    "ConsistencyError",
    "as_member",
    "as_optional_tuple",
    "as_tuple",
    "dotted_id",
    "fits",
    "items_of",
    "line_breaks",
    "non_blank",
    "optional_non_negative",
    "optional_text",
    "text_items",
    "text_tuple",
    "to_tuple",
    "typed",
    "unique_items",
]

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*")
ID_PATTERN = _ID
"""What :func:`dotted_id` accepts (the quick reader of :mod:`lscp_scrutiny.codec.quick` matches it inline)."""

E = TypeVar("E", bound=enum.Enum)
Field: typing.TypeAlias = "attrs.Attribute[Any]"
Validator: typing.TypeAlias = "Callable[[Any, attrs.Attribute[Any], Any], None]"


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

    check.item_type = kind  # type: ignore[attr-defined] # read by `typed`: these items need no second check
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
    """A list of texts as a tuple (see :func:`to_tuple`), each as :func:`line_breaks`."""
    items = to_tuple(value)
    given: object = items  # typed as a tuple for callers; may be anything the type check will refuse
    if type(given) is not tuple:
        return items
    return tuple(line_breaks(item) for item in items)


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


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """As :func:`as_tuple`, for a field's converter: what is not a list passes through unchanged.

    The field's type check then refuses it, naming the field (``evidence must be a list, got str 'doc'``).
    """
    if type(value) is tuple:
        return value
    given: object = value  # typed as a list for callers; may be anything here
    if isinstance(given, str | bytes | Mapping) or not isinstance(given, Iterable):
        return value  # type: ignore[return-value] # not a list: the field's type check refuses it
    return tuple(value)


def as_member(kind: type[E], value: object) -> E:
    """The member of an enum that ``value`` names, or ``value`` unchanged for the type check to refuse."""
    if type(value) is kind:
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        return value  # type: ignore[return-value] # the field's type check refuses it, naming the field


def as_optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    """As :func:`as_tuple`, keeping ``None`` (unknown) apart from an empty answer."""
    return None if value is None else as_tuple(value)


# Marks read by the quick reader (lscp_scrutiny.codec.quick), which builds objects without calling their
# constructor and so must know what a field's converter does to a value already of the field's type:
# ``identity_on_fit`` says it returns that value itself (the reader skips the call), ``keeps_fit`` that it
# returns a value still of the field's type (the reader calls it, and the type check need not run again).
# A converter with neither mark makes the reader call the class's constructor.
# tests/test_structuring_trusted.py holds each marked converter to its mark.
to_tuple.identity_on_fit = True  # type: ignore[attr-defined]
text_tuple.keeps_fit = True  # type: ignore[attr-defined]
text_items.keeps_fit = True  # type: ignore[attr-defined]


# --- the type check ------------------------------------------------------------------------------

_NONE = type(None)
_DESCRIPTIONS: dict[object, str] = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    date: "a date (YYYY-MM-DD)",
}


def _options(hint: Any) -> tuple[Any, ...]:  # noqa: ANN401
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _item_type(hint: Any) -> Any | None:  # noqa: ANN401
    """``X`` for ``tuple[X, ...]``; ``None`` for anything else."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
        return args[0]
    return None


def _is_enum(hint: object) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _choices(kind: type[enum.Enum]) -> str:
    return ", ".join(str(member.value) for member in kind)


def _shown(value: object) -> str:
    shown = repr(value)
    if len(shown) > 80:  # noqa: PLR2004 - a message line, not a dump
        shown = f"{shown[:77]}..."
    return f"{type(value).__name__} {shown}"


def _fits(value: object, hint: Any) -> bool:  # noqa: ANN401
    """The slow twin of the generated check: exact types, ``bool`` never an ``int``, a date not a datetime."""
    for option in _options(hint):
        item = _item_type(option)
        if item is not None:
            if type(value) is tuple and all(_fits(x, item) for x in value):
                return True
        elif type(value) is option or option in (Any, object) or (option is float and type(value) is int):
            return True
    return False


fits = _fits


def _wanted(hint: Any) -> str:  # noqa: ANN401
    if _item_type(hint) is not None:
        return "a list"
    if _is_enum(hint):
        return f"one of: {_choices(hint)}"
    return _DESCRIPTIONS.get(hint, getattr(hint, "__name__", str(hint)))


def _fault(where: str, value: object, hint: Any) -> Exception | None:  # noqa: ANN401
    """Why ``value`` cannot be the field (or item) ``where`` of type ``hint``; ``None`` if it can."""
    if _fits(value, hint):
        return None
    wanted = [option for option in _options(hint) if option is not _NONE]
    if type(value) is tuple:  # a list of the wrong items: name the first wrong one
        for option in wanted:
            item = _item_type(option)
            if item is not None:
                for index, element in enumerate(value):
                    fault = _fault(f"{where}[{index}]", element, item)
                    if fault is not None:
                        return fault
    if len(wanted) == 1 and _is_enum(wanted[0]):  # as the enum itself does, for a value it does not know
        return ValueError(f"{where} must be {_wanted(wanted[0])}; got {_shown(value)}")
    message = f"{where} must be {' or '.join(_wanted(option) for option in wanted)}, got {_shown(value)}"
    if isinstance(value, datetime) and date in wanted:
        message += " (a date alone, without a time)"
    elif not isinstance(value, bool):
        message += "".join(
            f" (not a plain {option.__name__})"
            for option in wanted
            if isinstance(option, type) and isinstance(value, option)
        )
    return TypeError(message)


def _enum_converter(kind: type[E], name: str) -> Callable[[object], E]:
    """``kind`` as a field's converter, faster for members and naming the field when it says no."""

    def convert(value: object) -> E:
        if type(value) is kind:
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            msg = f"{name} must be {_wanted(kind)}; got {_shown(value)}"
            raise ValueError(msg) from None

    convert.__qualname__ = convert.__name__ = f"{kind.__name__}_for_{name}"
    convert.identity_on_fit = True  # type: ignore[attr-defined] # a member is returned as it is
    return convert


def _validators(validator: object) -> tuple[object, ...]:
    """The single validators a field's validator is made of (attrs combines several into one)."""
    if validator is None:
        return ()
    inner = getattr(validator, "_validators", None)
    return tuple(inner) if inner is not None else (validator,)


class _Source:
    """The body of one class's generated check, with the objects its code names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, object] = {}
        self.count = 0

    def name(self, obj: object) -> str:
        for key, known in self.names.items():
            if known is obj:
                return key
        key = f"_{getattr(obj, '__name__', 'type')}_{len(self.names)}"
        self.names[key] = obj
        return key

    def test(self, hint: Any, var: str) -> str | None:  # noqa: ANN401
        """An expression true when ``var`` fits ``hint``, or ``None`` if that takes more than one."""
        tests = []
        for option in _options(hint):
            if option is _NONE:
                tests.append(f"{var} is None")
            elif option is Any or option is object:
                return "True"
            elif option is float:
                tests.append(f"type({var}) is float or type({var}) is int")
            elif isinstance(option, type) and typing.get_origin(option) is None:
                tests.append(f"type({var}) is {self.name(option)}")
            else:
                return None
        return " or ".join(tests)

    def field(self, field: str, hint: Any, *, items_checked: bool) -> None:  # noqa: ANN401
        """Lines that check one field."""
        test = self.test(hint, f"self.{field}")
        if test is not None and len(_options(hint)) == 1 and hint is not float:  # one read: no local needed
            self.lines.append(f"    if not ({test}): _refuse(self, {field!r})")
            return
        self.lines.append(f"    _v = self.{field}")
        self.check(field, hint, "_v", "    ", items_checked=items_checked)

    def check(self, field: str, hint: Any, var: str, indent: str, *, items_checked: bool) -> None:  # noqa: ANN401
        """Lines that call ``_refuse`` when ``var`` (the field, or an item of it) does not fit ``hint``."""
        test = self.test(hint, var)
        if test is not None:
            self.lines.append(f"{indent}if not ({test}): _refuse(self, {field!r})")
            return
        wanted = [option for option in _options(hint) if option is not _NONE]
        item = _item_type(wanted[0]) if len(wanted) == 1 else None
        if item is None:
            msg = (
                f"{field}: no type check for {hint!r}; teach lscp_scrutiny.model._validators.typed, "
                "or use a type it knows"
            )
            raise TypeError(msg)
        if len(wanted) < len(_options(hint)):  # optional
            self.lines.append(f"{indent}if {var} is not None:")
            indent += "    "
        self.lines.append(f"{indent}if type({var}) is not tuple: _refuse(self, {field!r})")
        if not items_checked:
            self.count += 1
            element = f"_item{self.count}"
            self.lines.append(f"{indent}for {element} in {var}:")
            self.check(field, item, element, indent + "    ", items_checked=False)

    def compile(self, cls: type, then: Validator | None, namespace: dict[str, Any]) -> types.FunctionType:
        """The check as a function of ``namespace``, then calling ``then`` (the first field's validator)."""
        lines = ["def check(self, attribute, value, _then=_then):", *self.lines]
        if then is not None:
            lines.append("    _then(self, attribute, value)")
        source = "\n".join([*lines, "    return None"]) + "\n"
        filename = f"<type check of {cls.__module__}.{cls.__qualname__}>"
        namespace.update(self.names, _then=then)
        exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own code, from annotations
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        check: types.FunctionType = namespace["check"]
        return check


def _no_check(_inst: object, _attribute: object, _value: object) -> None:
    return None


# A class's check is written and compiled the first time an object of the class is made, not at import:
# until then its validator runs this code, which makes the check, gives the validator the check's code
# (so later calls run the check itself, with no call in between), and runs it.
_FIRST_CALL = compile(
    """
def first_call(self, attribute, value, _then=None):
    _make()
    return _this(self, attribute, value) if _then is None else _this(self, attribute, value, _then)
""",
    "<model type check, first call>",
    "exec",
)


def _checker(cls: type, make: Callable[[dict[str, Any]], types.FunctionType]) -> types.FunctionType:
    namespace: dict[str, Any] = {"__builtins__": builtins}
    exec(_FIRST_CALL, namespace)  # noqa: S102 - defines first_call, above
    this: types.FunctionType = namespace["first_call"]

    def become_the_check() -> None:
        check = make(namespace)
        this.__code__, this.__defaults__ = check.__code__, check.__defaults__

    namespace.update(_this=this, _make=become_the_check)
    this.__name__, this.__qualname__ = "check_types", f"{cls.__qualname__}.check_types"
    return this


_ANNOTATIONS: dict[str, types.CodeType] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The types of ``cls``'s annotations, as :func:`typing.get_type_hints` gives them, but faster."""
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        namespace = vars(sys.modules[klass.__module__])
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if not isinstance(annotation, str):
                hints[name] = annotation
                continue
            code = _ANNOTATIONS.get(annotation)
            if code is None:
                code = _ANNOTATIONS[annotation] = compile(annotation, "<annotation>", "eval")
            try:
                hints[name] = eval(code, namespace, {klass.__name__: klass})  # noqa: S307 - its own annotation
            except NameError as exc:
                msg = f"{klass.__qualname__}.{name}: its type must be defined before the class ({exc})"
                raise TypeError(msg) from exc
    return hints


def _refuser(hints: dict[str, Any]) -> Callable[[object, str], NoReturn]:
    def refuse(inst: object, name: str) -> NoReturn:
        fault = _fault(name, getattr(inst, name), hints[name])
        raise fault if fault is not None else TypeError(f"{name} has a value of the wrong type")

    return refuse


def typed(cls: type, fields: list[Field]) -> list[Field]:
    """The field transformer of every model class: every field of ``cls`` gets its type checked, in one call.

    The types come from the class's annotations, read here (every name they use must be defined by the
    time the class is). One function, generated from them the first time an object of the class is made,
    tests every field with ``type(value) is ...``; it is the first field's validator, so it runs once per
    object, before any other validator (which then only ever sees values of the right type). A type it
    cannot test (a ``dict``, say) is a :class:`TypeError` at that first use. The rules:

    * text is a ``str``, a count an ``int`` (never a ``bool``), a flag a ``bool``, a date a
      :class:`~datetime.date` (never a :class:`~datetime.datetime`), a record its own class: exactly those
      types, not subclasses, because a file can hold only those;
    * ``X | None`` also takes ``None``; ``tuple[X, ...]`` is a tuple (the converter makes one of a list)
      whose items are each an ``X`` (not tested again when an :func:`items_of` validator tests them);
    * a field whose converter is its own enum class gets a faster converter that names the field when it
      refuses a value (a :class:`ValueError`, as the enum's own is).

    A wrong type is a :class:`TypeError` naming the field and what is wrong with it:
    ``due must be a date (YYYY-MM-DD), got str '31/03/2027'``.
    """
    hints = _hints(cls)
    out: list[Field] = []
    checked: list[tuple[str, Any, bool]] = []
    for field in fields:
        hint = hints[field.name]
        if field.converter is hint and _is_enum(hint):
            out.append(field.evolve(converter=_enum_converter(hints[field.name], field.name)))
            continue
        out.append(field)
        items = {_item_type(option) for option in _options(hint)} - {None}
        tested = {getattr(v, "item_type", None) for v in _validators(field.validator)} - {None}
        checked.append((field.name, hint, bool(items) and items <= tested))
    if not out:
        return out
    first = out[0]

    def make(namespace: dict[str, Any]) -> types.FunctionType:
        source = _Source()
        source.names["_refuse"] = _refuser(hints)
        for name, hint, items_checked in checked:
            source.field(name, hint, items_checked=items_checked)
        return source.compile(cls, first.validator, namespace)

    check = _checker(cls, make)
    # For the quick reader, which checks every type itself and then runs only the field's own validator.
    check.typed_hints, check.field_validator = hints, first.validator  # type: ignore[attr-defined]
    if first.validator is not None:
        # Seen as the validators it runs, as attrs' own ``and_`` shows them (the schema reads them).
        check._validators = (partial(check, _then=_no_check), *_validators(first.validator))  # type: ignore[attr-defined] # noqa: SLF001
    out[0] = first.evolve(validator=check)
    return out
