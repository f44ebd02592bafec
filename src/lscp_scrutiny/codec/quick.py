"""A quick reader of JSON and YAML bodies, compiled from the model and the converters, never hand-written.

Why this exists. Reading an assessment through the explaining converter (cattrs with detailed
validation, so that every bad field is found and worded) costs several times ``json.loads``. The fast
path before it (``_fast.py``, until 0.1) was faster because it built responses by hand, and that was its
defect: a hand-kept list of fields, so a field added to ``Response`` was read back from JSON as ``None``
while YAML kept it. This module keeps the speed without the list. For each attrs class it generates,
once, the source of one plain function from ``attrs.fields`` and the resolved type hints, compiles it
(as attrs and cattrs generate ``__init__`` and structuring functions), and makes each object as its
``__init__`` would (see below), so every attrs default, converter, validator and
``__attrs_post_init__`` has its effect.

Why generated code and not cattrs without detailed validation. Measured on the same 1,000 assessments,
``detailed_validation=False`` hardly helps (the converter's hooks, not the error collection, cost the
time): cattrs still calls one hook function per field and per list item. The generated builder inlines
the type checks (``x.__class__ is str``), looks enum members up in a dict, parses each distinct date
once, and calls nothing but what the model itself runs.

Why objects are made without their constructor. Once the builder has checked every value's exact type,
the rest of an attrs ``__init__`` mostly repeats it: the generated type check of
:func:`~lscp_scrutiny.model._validators.typed`, ``to_tuple`` on a tuple, an enum converter on a member,
a keyword call and a ``setattr`` per field. For a class whose generated ``__init__`` does nothing but
convert, set and validate its fields (read from its source; a ``__attrs_pre_init__``, a cached hash, a
field left out of ``__init__`` or a converter this module does not know means the constructor is
called, as before), the builder makes the object with ``object.__new__`` and sets each slot, converts
and checks text inline exactly as ``line_breaks``, ``optional_text``, ``non_blank`` and ``dotted_id``
do, calls every other converter and validator as ``__init__`` would, then ``__attrs_post_init__``. What
converters it may skip or must call is marked on the converters (see ``_validators``). Structuring
1,000 assessments after ``json.loads`` went from about 2.0x ``json.loads`` to about 0.7x (figures in
docs/performance.md); most of what remains is one ``dict.get`` and one slot set per field.

Why cattrs need not be loaded. Before anything asks for a format's converter, nothing can have been
registered on it, so the builder is compiled from the configuration (:func:`_configured_hook`); once
the converter exists, its dispatch is read without running its hook factories (:func:`_peek`), so
cattrs never generates the structuring functions the builder does not call (13 ms of ``validate``).

Why it cannot drift from the converter. It mirrors only the structure hooks it can recognise as the
ones :mod:`lscp_scrutiny.codec.converters` configures for JSON and YAML alike (the strict ``str``/
``int``/``bool``/``float`` hooks, dates written ``YYYY-MM-DD``, enums by value, lists as tuples,
optional values, and model classes as mappings without unknown keys), by the identity of their code.
For any other hook, say one registered for a class or a type, the generated code calls that hook
itself, so the result is what the converter gives, only not faster. A builder is compiled once per
class and format, on first use: a hook registered after that is not seen (as before).

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
import linecache
import re
import threading
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from lscp_scrutiny.codec.converters import (
    _class_hooks,
    _strict,
    _structure_date,
    _structure_enum,
    _tuple_hooks,
    converter_for,
    made_converter,
    parse_date,
)
from lscp_scrutiny.codec.text import Format
from lscp_scrutiny.model._validators import ID_PATTERN, dotted_id, fits, line_breaks, non_blank, optional_text

if TYPE_CHECKING:
    import cattrs

__all__ = ["Unusual", "builder_source", "compile_builder", "structure_quick"]

T = TypeVar("T")
Builder = Callable[[Any], Any]


class Unusual(Exception):  # noqa: N818 - a signal to take the explaining path, never shown to a user
    """The quick reader met something it does not accept; the explaining converter reads the body."""


def structure_quick(body: Mapping[str, Any], cls: type[T], fmt: Format = "json") -> T:
    """``body`` (as ``json.loads`` gives it) as a ``cls``, or :class:`Unusual` if anything is not right."""
    try:
        builder = _BUILDERS.get((cls, fmt)) or _builder_for(cls, fmt)
        result: T = builder(body)
    except Exception as exc:  # a wrong type, a missing field, a validator's refusal: the slow path explains
        raise Unusual from exc
    return result


# --- the hooks the JSON converter uses, recognised by their code -------------------------------------


_STRICT = _strict(str).__code__
_NO_CONVERTER: Any = None  # the hook factories' code is the same whichever converter they are made for
_TUPLE_FACTORY = _tuple_hooks(_NO_CONVERTER).__code__
_CLASS_FACTORY = _class_hooks(_NO_CONVERTER).__code__
_STRICT_KINDS = (str, int, bool, float)

Hook = tuple[str | None, Any]
"""What structures one type: ``("strict", kind)``, ``("date", None)``, ``("enum", None)``, ``("tuple",
None)``, ``("optional", None)``, ``("class", None)``, or ``(None, hook)`` for a hook not mirrored."""


def _configured_hook(type_: Any) -> Hook | None:  # noqa: ANN401, PLR0911
    """What a converter configured by ``make_converter`` structures ``type_`` with; ``None`` if not told.

    The types told are those the model uses.

    For a converter not yet made: nothing can have been registered on it, so its hooks are these, and
    neither cattrs nor the converter need be loaded to read a good file (importing cattrs and making the
    converter cost about 15 ms of a ``validate``). The answers are the converter's own dispatch's, type
    by type (``tests/test_structuring_trusted.py`` compiles every model class both ways and compares);
    a type not named here is answered by the converter itself, made for it.
    """
    if type_ in _STRICT_KINDS:
        return "strict", type_
    if type_ is date:
        return "date", None
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        # StrEnum and Enum carry the enum hook; an enum mixed with int, say, would take the int hook.
        plain = issubclass(type_, enum.StrEnum) or not issubclass(type_, (*_STRICT_KINDS, date))
        return ("enum", None) if plain else None
    if typing.get_origin(type_) is tuple:
        args = typing.get_args(type_)
        return ("tuple", None) if len(args) == 2 and args[1] is Ellipsis else None  # noqa: PLR2004
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = typing.get_args(type_)
        return ("optional", None) if len(args) == 2 and type(None) in args else None  # noqa: PLR2004
    if isinstance(type_, type) and attrs.has(type_) and type_.__bases__ == (object,):
        return "class", None
    return None


@functools.cache
def _generated_codes() -> tuple[types.CodeType, types.CodeType]:
    """The code of the hooks the tuple and class factories make (for a hook made and registered as is)."""

    @attrs.frozen
    class Probe:
        value: int

    converter = converter_for("json")
    return _tuple_hooks(converter)(tuple[int, ...]).__code__, _class_hooks(converter)(Probe).__code__


def _peek(converter: cattrs.Converter, type_: Any) -> tuple[Any, Any]:  # noqa: ANN401
    """``(hook, None)`` or ``(None, factory)``: what the converter would structure ``type_`` with.

    The converter's own dispatch (``MultiStrategyDispatch.dispatch_without_caching``) in the same order
    (class hooks, direct hooks, predicates), but a hook factory is returned, not run: asking cattrs for
    every model class's hook made it generate and compile 25 structuring functions (13 ms of a
    ``validate``) that the quick reader never calls. ``(None, None)`` when the internals are not as
    expected; the caller then asks for the hook itself.
    """
    from cattrs.dispatch import _DispatchNotFound  # noqa: PLC0415 - loaded with the converter

    try:
        dispatch = converter._structure_func  # noqa: SLF001
        try:
            found = dispatch._single_dispatch.dispatch(type_)  # noqa: SLF001
            if found is not _DispatchNotFound:
                return found, None
        except Exception:  # noqa: BLE001, S110 - as cattrs does: not a class, so the next strategy
            pass
        direct = dispatch._direct_dispatch.get(type_)  # noqa: SLF001
        if direct is not None:
            return direct, None
        for can_handle, handler, is_generator, _takes_converter in dispatch._function_dispatch._handler_pairs:  # noqa: SLF001
            try:
                handles = can_handle(type_)
            except Exception:  # noqa: BLE001, S112 - as cattrs does
                continue
            if handles:
                return (None, handler) if is_generator else (handler, None)
    except (AttributeError, TypeError, ValueError):  # cattrs' internals changed: ask for the hook itself
        pass
    return None, None


def _converter_hook(converter: cattrs.Converter, type_: Any) -> Hook:  # noqa: ANN401, PLR0911
    """What ``converter`` structures ``type_`` with, recognised by the code of the hooks it would use."""
    import cattrs  # noqa: PLC0415 - loaded with the converter

    hook, factory = _peek(converter, type_)
    code = getattr(factory, "__code__", None)
    if code is not None and _closure(factory).get("converter") is converter:
        if code is _TUPLE_FACTORY:
            return "tuple", None
        if code is _CLASS_FACTORY:
            return "class", None
    if hook is None:
        hook = converter.get_structure_hook(type_)
    code = getattr(hook, "__code__", None)
    if code is _STRICT:
        return "strict", _closure(hook)["kind"]
    if hook is _structure_date:
        return "date", None
    if hook is _structure_enum and isinstance(type_, type) and issubclass(type_, enum.Enum):
        return "enum", None
    if getattr(hook, "__func__", None) is cattrs.BaseConverter._structure_optional:  # noqa: SLF001
        return ("optional", None) if len(typing.get_args(type_)) == 2 else (None, hook)  # noqa: PLR2004
    if code is not None and code in _generated_codes():  # a hook the factories made, registered as is
        return ("tuple" if code is _generated_codes()[0] else "class"), None
    return None, hook


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> date:
    """A ``YYYY-MM-DD`` date, each distinct text parsed once (the same few dates fill a bulk job)."""
    return parse_date(text)


def _closure(hook: Any) -> dict[str, Any]:  # noqa: ANN401
    code: types.CodeType = hook.__code__
    cells: tuple[types.CellType, ...] = hook.__closure__ or ()
    return {name: cell.cell_contents for name, cell in zip(code.co_freevars, cells, strict=True)}


# --- building objects without their constructor -----------------------------------------------------


class _NotTrusted(Exception):  # noqa: N818 - internal: this class is built by calling its constructor
    """The class's ``__init__`` may do something the trusted builder would not repeat exactly."""


# The statements attrs writes in a generated ``__init__`` that the trusted builder repeats; any other (a
# ``__attrs_pre_init__``, a cached hash, a plain ``self.x = x`` of a mutable class) means the constructor.
_INIT_LINE = re.compile(
    r"_setattr = _cached_setattr_get\(self\)"
    r"|_setattr\('(?P<field>\w+)', .*\)"
    r"|if _config\._run_validators is True:"
    r"|__attr_validator_(?P<validated>\w+)\(self, __attr_(?P=validated), self\.(?P=validated)\)"
    r"|(?P<post>self\.__attrs_post_init__\(\))"
)


def _init_lines(cls: type) -> list[str]:
    """The body of ``cls``'s attrs-generated ``__init__``, or :class:`_NotTrusted`."""
    code = getattr(vars(cls).get("__init__"), "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        raise _NotTrusted
    lines = linecache.getlines(code.co_filename)[code.co_firstlineno - 1 :]
    if not lines or not lines[0].startswith("def __init__("):
        raise _NotTrusted
    body = []
    for line in lines[1:]:
        if not line.startswith(" "):
            break
        body.append(line.strip())
    return body


def _check_init(cls: type, fields: tuple[attrs.Attribute[Any], ...]) -> None:
    """:class:`_NotTrusted` unless ``__init__`` only sets each field, validates, and calls post-init."""
    if getattr(cls, "__new__", None) is not object.__new__:
        raise _NotTrusted
    names = []
    post_init = False
    for line in _init_lines(cls):
        match = _INIT_LINE.fullmatch(line)
        if match is None:
            raise _NotTrusted
        names += [match["field"]] if match["field"] else []
        post_init = post_init or match["post"] is not None
    if names != [field.name for field in fields] or post_init != hasattr(cls, "__attrs_post_init__"):
        raise _NotTrusted


def _slot_setter(cls: type, name: str) -> Any:  # noqa: ANN401
    """The setter of the slot holding field ``name`` (what ``object.__setattr__`` would find and call)."""
    for klass in cls.__mro__:
        if name in vars(klass):
            slot = vars(klass)[name]
            if isinstance(slot, types.MemberDescriptorType):
                return slot.__set__
            break
    raise _NotTrusted


def _parts(validator: object) -> list[Any]:
    """The single validators a field's validator is made of (attrs combines several into one)."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    return list(inner) if inner is not None else [validator]


def _built_as(hint: Any, kind: type) -> bool:  # noqa: ANN401
    """Whether ``hint`` is ``tuple[X, ...]`` for a class ``X`` whose instances are all ``kind``."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is not tuple or len(args) != 2 or args[1] is not Ellipsis:  # noqa: PLR2004
        return False
    return isinstance(args[0], type) and issubclass(args[0], kind)


class _Compiler:
    """Writes the source of one builder per class, compiled together into one namespace."""

    def __init__(self, converter: cattrs.Converter | None, fmt: Format) -> None:
        self.converter = converter  # None: the format's converter, not yet made, as configured
        self.fmt = fmt
        self.namespace: dict[str, Any] = {
            "_U": Unusual,
            "_M": attrs.NOTHING,
            "_date": _date,
            "_new": object.__new__,
            "_lb": line_breaks,
            "_id": ID_PATTERN.fullmatch,
        }
        self.sources: list[str] = []
        self.aliases: list[str] = []
        self.names: dict[Any, str] = {}
        self.counter = itertools.count()
        self.hooks = 0  # hook calls written for the class being written: its values are not known exactly
        self.inexact: set[str] = set()  # item functions calling a hook

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
            before = self.hooks
            body = self.statements(type_, "x", "    ")
            if self.hooks > before:
                self.inexact.add(name)
            call = re.fullmatch(r"    x = (_\w+)\(x\)\n", "".join(body))
            if call:  # one call (a model class's builder, say): use that function itself
                self.names[key] = call.group(1)
                self.aliases.append(f"{name} = {call.group(1)}\n")  # for uses made while writing it
            else:
                self.sources.append(f"def {name}(x):\n{''.join(body)}    return x\n")
        elif self.names[key] in self.inexact:
            self.hooks += 1
        return self.names[key]

    def builder_for(self, cls: type) -> str:
        """The name of the builder of attrs class ``cls`` (written once, even for recursive classes)."""
        key = ("class", cls)
        if key not in self.names:
            name = self.names[key] = f"_build{next(self.counter)}"
            self.sources.append(self.class_source(cls, name))
        return self.names[key]

    def hook(self, type_: Any) -> Hook:  # noqa: ANN401
        """What the converter structures ``type_`` with (see :data:`Hook`)."""
        if self.converter is None:
            found = _configured_hook(type_)
            if found is not None:
                return found
            self.converter = converter_for(self.fmt)  # a type the configuration does not name
        return _converter_hook(self.converter, type_)

    def statements(self, type_: Any, var: str, indent: str) -> list[str]:  # noqa: ANN401, PLR0911
        """Lines that check ``var`` and replace it by its structured value, or raise."""
        kind_of_hook, detail = self.hook(type_)
        if kind_of_hook == "strict":
            if detail is float:
                return [
                    f"{indent}if {var}.__class__ is int: {var} = float({var})\n",
                    f"{indent}elif {var}.__class__ is not float: raise _U\n",
                ]
            return [f"{indent}if {var}.__class__ is not {self.bind(detail, 'kind')}: raise _U\n"]
        if kind_of_hook == "date":
            return [f"{indent}if {var}.__class__ is not str: raise _U\n", f"{indent}{var} = _date({var})\n"]
        if kind_of_hook == "enum":
            # The hook takes text or a whole number (never true or false) that is one of the values.
            check = f"{indent}if {var}.__class__ is not str and {var}.__class__ is not int: raise _U\n"
            if type_._missing_.__func__ is not enum.Enum._missing_.__func__:  # type: ignore[attr-defined]
                return [check, f"{indent}{var} = {self.bind(type_, 'enum')}({var})\n"]  # its own lookup
            members = {member.value: member for member in type_.__members__.values()}
            lookup = f"{indent}{var} = {self.bind(members, 'members')}[{var}]\n"
            # Only text equals text: with text values alone, the lookup itself refuses everything else.
            return [lookup] if all(type(value) is str for value in members) else [check, lookup]
        if kind_of_hook == "tuple":
            item = self.function_for(typing.get_args(type_)[0])
            return [
                f"{indent}if {var}.__class__ is list: {var} = tuple([{item}(i) for i in {var}])\n",
                f"{indent}elif {var} is None: {var} = ()\n",
                f"{indent}else: raise _U\n",
            ]
        if kind_of_hook == "optional":
            other = next(arg for arg in typing.get_args(type_) if arg is not type(None))
            return [f"{indent}if {var} is not None:\n", *self.statements(other, var, indent + "    ")]
        if kind_of_hook == "class" and attrs.has(type_) and self.mirrorable(type_):
            return [f"{indent}{var} = {self.builder_for(type_)}({var})\n"]
        # A hook this module does not mirror: call it, so the result is exactly the converter's.
        if self.converter is None:
            self.converter = converter_for(self.fmt)
        hook = detail if kind_of_hook is None else self.converter.get_structure_hook(type_)
        self.hooks += 1
        return [f"{indent}{var} = {self.bind(hook, 'hook')}({var}, {self.bind(type_, 'type')})\n"]

    def mirrorable(self, cls: type) -> bool:
        """Whether the class hook's generated function does nothing the builder does not mirror."""
        converter = self.converter
        if converter is not None and (converter._prefer_attrib_converters or converter.use_alias):  # noqa: SLF001
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
        """One builder: a mapping with no unknown key, each field checked, then the object."""
        fields = attrs.fields(cls)
        keys = frozenset(field.name for field in fields)
        saved, self.hooks = self.hooks, 0
        checks = [self.statements(field.type, f"v{index}", "        ") for index, field in enumerate(fields)]
        exact, self.hooks = self.hooks == 0, saved
        head = [
            f"def {name}(o):\n",
            "    if o.__class__ is not dict: raise _U\n",
            f"    if not {self.bind(keys, 'keys')}.issuperset(o): raise _U\n",
        ]
        if exact:
            try:
                return "".join([*head, *self.trusted_body(cls, fields, checks)])
            except _NotTrusted:
                pass
        return "".join([*head, *self.constructor_body(cls, fields, checks)])

    def constructor_body(
        self, cls: type, fields: tuple[attrs.Attribute[Any], ...], checks: list[list[str]]
    ) -> list[str]:
        """The fields, checked, given to the class's constructor (which converts and validates them)."""
        lines = []
        arguments = []
        for index, (field, check) in enumerate(zip(fields, checks, strict=True)):
            var = f"v{index}"
            default: Any = field.default
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
        return lines

    def trusted_body(
        self, cls: type, fields: tuple[attrs.Attribute[Any], ...], checks: list[list[str]]
    ) -> list[str]:
        """The object made as its ``__init__`` makes it, less the checks the builder has already made.

        Every value here is exactly of its field's type (the checks above made sure), so the class's
        type check (:func:`~lscp_scrutiny.model._validators.typed`) would pass and is not run, and neither
        is a converter that returns such a value unchanged; text is converted and checked inline; every
        other converter, validator and ``__attrs_post_init__`` is called as ``__init__`` calls it.
        """
        _check_init(cls, fields)
        first = fields[0].validator if fields else None
        hints: dict[str, Any] | None = getattr(first, "typed_hints", None)
        lines: list[str] = []
        calls: list[str] = []
        for index, (field, check) in enumerate(zip(fields, checks, strict=True)):
            var = f"v{index}"
            if hints is not None and hints.get(field.name) != field.type:
                raise _NotTrusted
            parts = _parts(first.field_validator if index == 0 and hints is not None else field.validator)  # type: ignore[union-attr]
            converted = self.converted(field, var)
            if check and converted and check[0] == converted[0] == f"        if {var} is not None:\n":
                converted = converted[1:]  # inside the test the check made already
            given = [*check, *converted, *self.validated(field, parts, var, calls)]
            default = field.default
            if default is attrs.NOTHING:
                lines.append(f"    {var} = o[{field.name!r}]\n")
                lines.extend(line[4:] for line in given)
            else:
                value = self.default(field, parts, default, hints)
                lines.extend(self.defaulted(field, var, value, given))
        lines.append(f"    s = _new({self.bind(cls, 'cls')})\n")
        for index, field in enumerate(fields):
            lines.append(f"    {self.bind(_slot_setter(cls, field.name), 'set')}(s, v{index})\n")
        lines.extend(calls)
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    s.__attrs_post_init__()\n")
        lines.append("    return s\n")
        return lines

    def defaulted(self, field: attrs.Attribute[Any], var: str, value: object, given: list[str]) -> list[str]:
        """Lines giving ``var`` the field's value: ``value`` (its converted default) if the key is missing.

        Where the lines for a given value would leave the default as it is (``None`` past a test for
        ``None``; a default of exactly the type tested), the default goes through them: shorter code,
        compiled faster, and one test fewer for every missing key.
        """
        inner = given[1:]
        optional = given[:1] == [f"        if {var} is not None:\n"]
        if value is None and optional and all(line.startswith("            ") for line in inner):
            return [f"    {var} = o.get({field.name!r})\n", *(line[4:] for line in given)]
        if (
            type(field.default) is tuple
            and not field.default
            and given[1:2] == [f"        elif {var} is None: {var} = ()\n"]
        ):
            return [
                f"    {var} = o.get({field.name!r})\n",
                *(line[4:] for line in given),
            ]  # a list, or None for ()
        strict = re.fullmatch(rf"        if {var}\.__class__ is not (\w+): raise _U\n", "".join(given))
        if strict and value is field.default and type(value) is self.namespace.get(strict[1]):
            return [f"    {var} = o.get({field.name!r}, {self.bind(value, 'default')})\n", given[0][4:]]
        return [
            f"    {var} = o.get({field.name!r}, _M)\n",
            f"    if {var} is _M: {var} = {self.bind(value, 'default')}\n",
            "    else:\n",
            *(given or ["        pass\n"]),
        ]

    def converted(self, field: attrs.Attribute[Any], var: str) -> list[str]:
        """Lines converting ``var``, of the field's type, as its converter would."""
        converter: Any = field.converter
        indent = "        "
        if converter is None or getattr(converter, "identity_on_fit", False):
            return []
        if converter is line_breaks and field.type is str:
            return [f"{indent}if '\\r' in {var}: {var} = _lb({var})\n"]
        if converter is optional_text and field.type == str | None:
            return [
                f"{indent}if {var} is not None:\n",
                f"{indent}    if '\\r' in {var}: {var} = _lb({var})\n",
                f"{indent}    if not {var}: {var} = None\n",
            ]
        if getattr(converter, "keeps_fit", False):
            return [f"{indent}{var} = {self.bind(converter, 'convert')}({var})\n"]
        raise _NotTrusted

    def validated(
        self, field: attrs.Attribute[Any], parts: list[Any], var: str, calls: list[str]
    ) -> list[str]:
        """Lines checking ``var`` as the field's validators would; calls to the others go to ``calls``."""
        indent = "        "
        lines = []
        for validator in parts:
            item = getattr(validator, "item_type", None)
            if validator is non_blank and field.type is str:
                lines.append(f"{indent}if not {var}.strip(): raise _U\n")
            elif validator is dotted_id and field.type is str:
                lines.append(f"{indent}if _id({var}) is None: raise _U\n")
            elif item is not None and _built_as(field.type, item):
                pass  # every item was built as the field's item class: an instance of the one asked for
            else:
                attribute = self.bind(field, "field")
                calls.append(f"    {self.bind(validator, 'validator')}(s, {attribute}, {var})\n")
        return lines

    def default(
        self, field: attrs.Attribute[Any], parts: list[Any], default: object, hints: dict[str, Any] | None
    ) -> object:
        """The field's default as ``__init__`` would convert it; :class:`_NotTrusted` if it is refused."""
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            raise _NotTrusted
        converter: Any = field.converter
        value = default if converter is None else converter(default)
        if hints is not None and not fits(value, field.type):
            raise _NotTrusted
        for validator in parts:
            if validator is non_blank or validator is dotted_id or getattr(validator, "item_type", None):
                try:
                    validator(None, field, value)
                except Exception as exc:
                    raise _NotTrusted from exc
        return value


_BUILDERS: dict[tuple[type, Format], Builder] = {}
_SOURCES: dict[tuple[type, Format], str] = {}
_LOCK = threading.Lock()


def compile_builder(
    cls: type, converter: cattrs.Converter | None, fmt: Format = "json"
) -> tuple[Builder, str]:
    """A builder of ``cls`` mirroring ``converter``'s hooks, and its source (for tests and debugging).

    ``converter`` ``None`` stands for the format's converter not yet made (see :func:`_configured_hook`).
    """
    compiler = _Compiler(converter, fmt)
    var = compiler.statements(cls, "x", "    ")
    source = "".join([*compiler.sources, *compiler.aliases, f"def build(x):\n{''.join(var)}    return x\n"])
    filename = f"<quick builder for {cls.__module__}.{cls.__qualname__}>"
    exec(compile(source, filename, "exec"), compiler.namespace)  # noqa: S102 - our own generated code
    builder: Builder = compiler.namespace["build"]
    return builder, source


def builder_source(cls: type, fmt: Format = "json") -> str:
    """The generated source of the builder :func:`structure_quick` uses for ``cls``."""
    _builder_for(cls, fmt)
    return _SOURCES[cls, fmt]


def _builder_for(cls: type, fmt: Format) -> Builder:
    """The builder of ``cls`` for the format's converter, compiled on first use."""
    with _LOCK:
        if (cls, fmt) not in _BUILDERS:
            _BUILDERS[cls, fmt], _SOURCES[cls, fmt] = compile_builder(cls, made_converter(fmt), fmt)
        return _BUILDERS[cls, fmt]
