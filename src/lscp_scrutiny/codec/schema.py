"""JSON Schemas for the file kinds, generated from the model classes so that they can never drift.

``lscp-scrutiny schema KIND`` prints them; docs/file-formats.md explains the compatibility policy.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from datetime import date
from typing import Any

import attrs

from lscp_scrutiny.codec.text import SCHEMA_VERSION
from lscp_scrutiny.model import Assessment, Checklist, Partnership
from lscp_scrutiny.model._validators import dotted_id, non_blank
from lscp_scrutiny.model.summary import SUMMARY_SCHEMA_VERSION, Summary

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"

KINDS: dict[str, tuple[type, int, str]] = {
    "checklist": (
        Checklist,
        SCHEMA_VERSION,
        "A checklist file: rating scales, sources and sections of criteria.",
    ),
    "assessment": (
        Assessment,
        SCHEMA_VERSION,
        "An assessment file: one partnership's responses to a checklist.",
    ),
    "partnership": (
        Partnership,
        SCHEMA_VERSION,
        "A partnership file: a partnership, its partners and agencies, and its scrutiny arrangement.",
    ),
    "summary": (
        Summary,
        SUMMARY_SCHEMA_VERSION,
        "The JSON report: the evaluation summary of one assessment.",
    ),
}

# Criteria in a checklist file may leave out the question and theme; they inherit their section's.
_INHERITED = {("Criterion", "question")}


def _validators(validator: object) -> tuple[object, ...]:
    """The single validators a field's validator is made of (attrs combines several into one)."""
    inner = getattr(validator, "_validators", None)
    return tuple(inner) if inner is not None else (validator,)


class _Builder:
    def __init__(self, *, all_required: bool) -> None:
        self.defs: dict[str, Any] = {}
        self.all_required = all_required

    def for_type(self, type_: Any) -> dict[str, Any]:  # noqa: ANN401, C901, PLR0911
        origin = typing.get_origin(type_)
        args = typing.get_args(type_)
        if origin in (typing.Union, types.UnionType):
            options = [self.for_type(arg) for arg in args if arg is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            return {"type": "array", "items": self.for_type(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.for_type(args[1])}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"enum": [member.value for member in type_]}
        if type_ is bool:
            return {"type": "boolean"}
        if type_ is int:
            return {"type": "integer"}
        if type_ is float:
            return {"type": "number"}
        if type_ is str:
            return {"type": "string"}
        if type_ is date:
            return {"type": "string", "format": "date"}
        if attrs.has(type_):
            self.define(type_)
            return {"$ref": f"#/$defs/{type_.__name__}"}
        msg = f"no JSON Schema for {type_!r}"
        raise TypeError(msg)

    def properties(self, cls: type) -> tuple[dict[str, Any], list[str]]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            prop = self.for_type(hints[field.name])
            validators = _validators(field.validator)
            if dotted_id in validators:
                prop = {**prop, "pattern": ID_PATTERN}
            elif non_blank in validators:
                prop = {**prop, "pattern": r"\S"}  # at least one character that is not a space
            props[field.name] = prop
            inherited = (cls.__name__, field.name) in _INHERITED
            if (self.all_required or field.default is attrs.NOTHING) and not inherited:
                required.append(field.name)
        return props, required

    def define(self, cls: type) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # placeholder against recursion
        props, required = self.properties(cls)
        self.defs[cls.__name__] = {
            "type": "object",
            "description": (inspect.getdoc(cls) or "").split("\n")[0],
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind: ``checklist``, ``assessment`` or ``summary``."""
    try:
        cls, version, description = KINDS[kind]
    except KeyError:
        msg = f"unknown schema kind {kind!r} (one of: {', '.join(KINDS)})"
        raise ValueError(msg) from None
    builder = _Builder(all_required=kind == "summary")
    props, required = builder.properties(cls)
    if kind == "summary":
        props["schema_version"] = {"const": version}
    else:
        props = {"schema_version": {"const": version}, **props}
        required = ["schema_version", *required]
    return {
        "$schema": DIALECT,
        "$id": f"urn:lscp-scrutiny:schema:{kind}:{version}",
        "title": f"lscp-scrutiny {kind}, schema version {version}",
        "description": description,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
