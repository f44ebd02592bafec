"""A quick reader of JSON bodies, compiled from the model and the JSON converter, never written by hand.

Why this exists. Reading an assessment through the explaining converter (cattrs with detailed
validation, so that every bad field is found and worded) costs several times ``json.loads``. The fast
path before it (``_fast.py``, until 0.1) was faster because it built responses by hand, and that was its
defect: a hand-kept list of fields, so a field added to ``Response`` was read back from JSON as ``None``
while YAML kept it. This module keeps the speed without the list. For each attrs class it generates,
once, the source of one plain function from ``attrs.fields`` and the resolved type hints, compiles it
(as attrs and cattrs generate ``__init__`` and structuring functions), and calls the class's own
constructor with every field by keyword, so every attrs default, converter, validator and
``__attrs_post_init__`` runs.

Why generated code and not cattrs without detailed validation. Measured on the same 1,000 assessments,
``detailed_validation=False`` hardly helps (the converter's hooks, not the error collection, cost the
time): cattrs still calls one hook function per field and per list item. The generated builder inlines
the type checks (``x.__class__ is str``), looks enum members up in a dict, parses each distinct date
once, and calls nothing but the constructors, so building takes about 0.6x the time of the leanest
cattrs converter; most of what remains is the model's own constructors, converters and validators.
Loading 1,000 assessments (results held) then costs about 3.4x ``json.loads``, against about 4x for the
old hand-written path and 5x for the explaining converter alone, in the same run (the assessments of
``benchmarks/run.py``; figures in docs/performance.md).

Why it cannot drift from the converter. It mirrors only the structure hooks it can recognise as the
ones :mod:`lscp_scrutiny.codec.converters` configures for JSON (the strict ``str``/``int``/``bool``/
``float`` hooks, dates written ``YYYY-MM-DD``, enums by value, lists as tuples, optional values, and
model classes as mappings without unknown keys), by the identity of their code. For any other hook,
say one registered later for a class or a type, the generated code calls that hook itself, so the
result is what the converter gives, only not faster.

Strictness. It is meant for what ``json.loads`` returns and checks exact types: text is ``str`` (never
a number), ``bool`` is ``bool``, ``int`` is ``int`` and never ``bool``, a list a ``list``, a mapping a
``dict`` with no unknown key, enum values exist, dates are ``YYYY-MM-DD`` text. It decides nothing on
its own: on anything unusual (a wrong type, a missing field, a validator's refusal, anything at all) it
raises :class:`Unusual` and the caller reads the whole body again with the explaining converter
(``converter_for("json")`` and ``explain``), which finds and words every problem. It accepts a body
only if the converter accepts it, and then builds an equal object (``tests/test_quick.py`` checks both).
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import threading
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs
import cattrs

from lscp_scrutiny.codec.converters import (
    _class_hooks,
    _strict,
    _structure_date,
    _structure_enum,
    _tuple_hooks,
    converter_for,
    parse_date,
)

__all__ = ["Unusual", "builder_source", "compile_builder", "structure_quick"]

T = TypeVar("T")
Builder = Callable[[Any], Any]


class Unusual(Exception):  # noqa: N818 - a signal to take the explaining path, never shown to a user
    """The quick reader met something it does not accept; the explaining converter reads the body."""


def structure_quick(body: Mapping[str, Any], cls: type[T]) -> T:
    """``body`` (as ``json.loads`` gives it) as a ``cls``, or :class:`Unusual` if anything is not right."""
    try:
        builder = _BUILDERS.get(cls) or _builder_for(cls)
        result: T = builder(body)
    except Exception as exc:  # a wrong type, a missing field, a validator's refusal: the slow path explains
        raise Unusual from exc
    return result


# --- the hooks the JSON converter uses, recognised by their code -------------------------------------


@attrs.frozen
class _Probe:
    """Any attrs class, to ask the converter's class hook factory for the code of its hooks."""

    value: int


_CONVERTER = converter_for("json")
_STRICT = _strict(str).__code__
_TUPLE = _tuple_hooks(_CONVERTER)(tuple[int, ...]).__code__
_CLASS = _class_hooks(_CONVERTER)(_Probe).__code__
_OPTIONAL = cattrs.BaseConverter._structure_optional  # noqa: SLF001 - cattrs' own hook for `X | None`


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> date:
    """A ``YYYY-MM-DD`` date, each distinct text parsed once (the same few dates fill a bulk job)."""
    return parse_date(text)


def _closure(hook: Any) -> dict[str, Any]:  # noqa: ANN401
    code: types.CodeType = hook.__code__
    cells: tuple[types.CellType, ...] = hook.__closure__ or ()
    return {name: cell.cell_contents for name, cell in zip(code.co_freevars, cells, strict=True)}


class _Compiler:
    """Writes the source of one builder per class, compiled together into one namespace."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.namespace: dict[str, Any] = {"_U": Unusual, "_M": attrs.NOTHING, "_date": _date}
        self.sources: list[str] = []
        self.aliases: list[str] = []
        self.names: dict[Any, str] = {}
        self.counter = itertools.count()

    def bind(self, value: object, prefix: str) -> str:
        """A name in the generated code's namespace for ``value``."""
        name = f"_{prefix}{next(self.counter)}"
        self.namespace[name] = value
        return name

    def function_for(self, type_: Any) -> str:  # noqa: ANN401
        """The name of a function structuring one value of ``type_`` (for list items)."""
        key = ("item", type_)
        if key not in self.names:
            name = self.names[key] = f"_item{next(self.counter)}"
            body = self.statements(type_, "x", "    ")
            call = re.fullmatch(r"    x = (_\w+)\(x\)\n", "".join(body))
            if call:  # one call (a model class's builder, say): use that function itself
                self.names[key] = call.group(1)
                self.aliases.append(f"{name} = {call.group(1)}\n")  # for uses made while writing it
            else:
                self.sources.append(f"def {name}(x):\n{''.join(body)}    return x\n")
        return self.names[key]

    def builder_for(self, cls: type) -> str:
        """The name of the builder of attrs class ``cls`` (written once, even for recursive classes)."""
        key = ("class", cls)
        if key not in self.names:
            name = self.names[key] = f"_build{next(self.counter)}"
            self.sources.append(self.class_source(cls, name))
        return self.names[key]

    def statements(self, type_: Any, var: str, indent: str) -> list[str]:  # noqa: ANN401, PLR0911
        """Lines that check ``var`` and replace it by its structured value, or raise."""
        hook = self.converter.get_structure_hook(type_)
        code = getattr(hook, "__code__", None)
        if code is _STRICT:
            kind = _closure(hook)["kind"]
            if kind is float:
                return [
                    f"{indent}if {var}.__class__ is int: {var} = float({var})\n",
                    f"{indent}elif {var}.__class__ is not float: raise _U\n",
                ]
            return [f"{indent}if {var}.__class__ is not {self.bind(kind, 'kind')}: raise _U\n"]
        if hook is _structure_date:
            return [f"{indent}if {var}.__class__ is not str: raise _U\n", f"{indent}{var} = _date({var})\n"]
        if hook is _structure_enum and isinstance(type_, type) and issubclass(type_, enum.Enum):
            # The hook takes text or a whole number (never true or false) that is one of the values.
            check = f"{indent}if {var}.__class__ is not str and {var}.__class__ is not int: raise _U\n"
            if type_._missing_.__func__ is not enum.Enum._missing_.__func__:  # type: ignore[attr-defined]
                return [check, f"{indent}{var} = {self.bind(type_, 'enum')}({var})\n"]  # its own lookup
            members = {member.value: member for member in type_.__members__.values()}
            lookup = f"{indent}{var} = {self.bind(members, 'members')}[{var}]\n"
            # Only text equals text: with text values alone, the lookup itself refuses everything else.
            return [lookup] if all(type(value) is str for value in members) else [check, lookup]
        if code is _TUPLE:
            item = self.function_for(typing.get_args(type_)[0])
            return [
                f"{indent}if {var}.__class__ is list: {var} = tuple([{item}(i) for i in {var}])\n",
                f"{indent}elif {var} is None: {var} = ()\n",
                f"{indent}else: raise _U\n",
            ]
        if getattr(hook, "__func__", None) is _OPTIONAL and len(typing.get_args(type_)) == 2:  # noqa: PLR2004
            other = next(arg for arg in typing.get_args(type_) if arg is not type(None))
            return [f"{indent}if {var} is not None:\n", *self.statements(other, var, indent + "    ")]
        if code is _CLASS and attrs.has(type_) and self.mirrorable(type_):
            return [f"{indent}{var} = {self.builder_for(type_)}({var})\n"]
        # A hook this module does not mirror: call it, so the result is exactly the converter's.
        return [f"{indent}{var} = {self.bind(hook, 'hook')}({var}, {self.bind(type_, 'type')})\n"]

    def mirrorable(self, cls: type) -> bool:
        """Whether the class hook's generated function does nothing the builder does not mirror."""
        if self.converter._prefer_attrib_converters or self.converter.use_alias:  # noqa: SLF001
            return False
        if getattr(cls, "__parameters__", ()):  # generic classes: cattrs maps their type variables
            return False
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            default = field.default
            if not field.init or typing.get_origin(field.type) is typing.Annotated or field.type is None:
                return False
            if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
                return False
        return True

    def class_source(self, cls: type, name: str) -> str:
        """One builder: a mapping with no unknown key, each field checked, then the constructor."""
        fields = attrs.fields(cls)
        keys = frozenset(field.name for field in fields)
        lines = [
            f"def {name}(o):\n",
            "    if o.__class__ is not dict: raise _U\n",
            f"    if not o.keys() <= {self.bind(keys, 'keys')}: raise _U\n",
        ]
        arguments = []
        for index, field in enumerate(fields):
            var = f"v{index}"
            check = self.statements(field.type, var, "        ")
            default = field.default
            if default is attrs.NOTHING:
                lines.append(f"    {var} = o[{field.name!r}]\n")
                lines.extend(line[4:] for line in check)
            else:
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    value = f"{self.bind(default.factory, 'factory')}()"
                else:
                    value = self.bind(default, "default")
                lines.append(f"    {var} = o.get({field.name!r}, _M)\n")
                lines.append(f"    if {var} is _M: {var} = {value}\n")
                lines.append("    else:\n")
                lines.extend(check or ["        pass\n"])
            arguments.append(f"{field.alias}={var}")
        lines.append(f"    return {self.bind(cls, 'cls')}({', '.join(arguments)})\n")
        return "".join(lines)


_BUILDERS: dict[type, Builder] = {}
_SOURCES: dict[type, str] = {}
_LOCK = threading.Lock()


def compile_builder(cls: type, converter: cattrs.Converter) -> tuple[Builder, str]:
    """A builder of ``cls`` mirroring ``converter``'s hooks, and its source (for tests and debugging)."""
    compiler = _Compiler(converter)
    var = compiler.statements(cls, "x", "    ")
    source = "".join([*compiler.sources, *compiler.aliases, f"def build(x):\n{''.join(var)}    return x\n"])
    filename = f"<quick builder for {cls.__module__}.{cls.__qualname__}>"
    exec(compile(source, filename, "exec"), compiler.namespace)  # noqa: S102 - our own generated code
    builder: Builder = compiler.namespace["build"]
    return builder, source


def builder_source(cls: type) -> str:
    """The generated source of the builder :func:`structure_quick` uses for ``cls``."""
    _builder_for(cls)
    return _SOURCES[cls]


def _builder_for(cls: type) -> Builder:
    """The builder of ``cls`` for the JSON converter, compiled on first use."""
    with _LOCK:
        if cls not in _BUILDERS:
            _BUILDERS[cls], _SOURCES[cls] = compile_builder(cls, _CONVERTER)
        return _BUILDERS[cls]
