"""Checklists, partnerships and assessments as text: ``loads_*`` and ``dumps_*``, one pair per kind.

Every document carries a ``schema_version``. Reading collects every problem in a document and raises
one :class:`~lscp_scrutiny.errors.InvalidInputError` holding them all, each naming the source, the field
path and, for YAML, the line. No paths here: :mod:`lscp_scrutiny.io` reads and writes the files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from lscp_scrutiny.codec.converters import converter_for, explain, show_number
from lscp_scrutiny.codec.quick import Unusual, structure_quick
from lscp_scrutiny.codec.text import SCHEMA_VERSION, Format, Locator, dump, parse
from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.model import Assessment, Checklist, Partnership

T = TypeVar("T")


def check_version(version: object, source: str, locate: Locator) -> None:
    """The document's ``schema_version`` is one this release reads.

    The line is looked up only for a message: finding lines in YAML means reading the text again.
    """
    if version is None:
        raise InvalidInputError(
            [Problem(source=source, message="schema_version is missing (this release writes 1)")]
        )
    if isinstance(version, bool) or not isinstance(version, int):
        message = "must be a whole number"
    elif version > SCHEMA_VERSION:
        newer = f"{show_number(version)} is newer than this release reads ({SCHEMA_VERSION})"
        message = f"{newer}; upgrade lscp-scrutiny"
    elif version < 1:
        message = f"{show_number(version)} is not a version lscp-scrutiny ever wrote"
    else:
        return
    path = ("schema_version",)
    raise InvalidInputError([Problem(source=source, path=path, line=locate(path), message=message)])


def structure(
    data: Any,  # noqa: ANN401
    kind: type[T],
    *,
    fmt: Format,
    source: str,
    locate: Locator,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> T:
    """Plain data (as parsed) into a model object, or :class:`InvalidInputError` with every problem."""
    if not isinstance(data, Mapping):
        raise InvalidInputError(
            [Problem(source=source, line=locate(()), message="expected a mapping of fields at the top")]
        )
    body = dict(data)
    check_version(body.pop("schema_version", None), source, locate)
    if prepare is not None:
        body = prepare(body)
    # The quick reader, compiled from the model and the format's converter, for JSON and YAML alike: both
    # readers give plain dict, list, str, int, bool and None, dates as text, and the two converters
    # structure the same way (only the writing of dates differs). Anything unusual (a commented mapping
    # of the round-trip YAML reader, say) is read again below, by the converter that explains.
    try:
        return structure_quick(body, kind, fmt)
    except Unusual:
        pass
    converter = converter_for(fmt)  # cattrs loads here, for a body the quick reader did not take
    from cattrs import BaseValidationError  # noqa: PLC0415 - loaded with the converter

    try:
        return converter.structure(body, kind)
    except (BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise InvalidInputError(
            [
                Problem(source=source, path=path, line=locate(path) if path else None, message=message)
                for path, message in explain(exc)
            ]
        ) from None


def unstructure(obj: Any, fmt: Format) -> dict[str, Any]:  # noqa: ANN401
    """A model object as the plain data of a document, ``schema_version`` first."""
    body = converter_for(fmt).unstructure(obj)
    return {"schema_version": SCHEMA_VERSION, **body}


def as_json_data(obj: Any) -> Any:  # noqa: ANN401
    """Any model object as plain JSON-ready data."""
    return converter_for("json").unstructure(obj)


# --- checklists ------------------------------------------------------------------------------------


def inherit_from_sections(body: dict[str, Any]) -> dict[str, Any]:
    """Criteria take their section's question and theme unless they state their own."""
    sections = body.get("sections")
    if not isinstance(sections, list):
        return body
    new_sections: list[Any] = []
    for section in sections:
        if isinstance(section, Mapping) and isinstance(section.get("criteria"), list):
            criteria = []
            for criterion in section["criteria"]:
                if isinstance(criterion, Mapping):
                    criterion = dict(criterion)  # noqa: PLW2901 - a copy, never the caller's data
                    for key in ("question", "theme"):
                        if key not in criterion and key in section:
                            criterion[key] = section[key]
                criteria.append(criterion)
            section = {**section, "criteria": criteria}  # noqa: PLW2901
        new_sections.append(section)
    return {**body, "sections": new_sections}


def _omit_inherited(document: dict[str, Any]) -> dict[str, Any]:
    """Leave out a criterion's question and theme where they are its section's; keep a differing ``null``."""
    for section in document.get("sections", []):
        for criterion in section.get("criteria", []):
            for key in ("question", "theme"):
                if criterion.get(key) == section.get(key):
                    criterion.pop(key, None)
                elif key not in criterion:  # None was omitted, but the section has a value to inherit
                    criterion[key] = None
    return document


def loads_checklist(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Checklist:
    """Read a checklist from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return structure(parsed, Checklist, fmt=fmt, source=source, locate=locate, prepare=inherit_from_sections)


def dumps_checklist(checklist: Checklist, fmt: Format = "yaml") -> str:
    """A checklist as YAML or JSON text."""
    return dump(_omit_inherited(unstructure(checklist, fmt)), fmt)


# --- partnerships ----------------------------------------------------------------------------------


def loads_partnership(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Partnership:
    """Read a partnership (with its scrutiny arrangement) from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return structure(parsed, Partnership, fmt=fmt, source=source, locate=locate)


def dumps_partnership(partnership: Partnership, fmt: Format = "yaml") -> str:
    """A partnership as YAML or JSON text."""
    return dump(unstructure(partnership, fmt), fmt)


# --- assessments -----------------------------------------------------------------------------------


def loads_assessment(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Assessment:
    """Read an assessment from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return structure(parsed, Assessment, fmt=fmt, source=source, locate=locate)


def dumps_assessment(
    assessment: Assessment, fmt: Format = "yaml", *, checklist: Checklist | None = None
) -> str:
    """An assessment as YAML or JSON text: the one writer of each format.

    Given the ``checklist`` it answers, YAML shows every field a person fills in, each response under its
    criterion's guidance as comments (what ``lscp-scrutiny new`` writes); JSON, for programs, is the same
    either way.
    """
    if fmt == "yaml" and checklist is not None:
        from lscp_scrutiny.codec.annotated import annotated_yaml  # noqa: PLC0415 - ruamel only for YAML

        return annotated_yaml(assessment, checklist)
    return dump(unstructure(assessment, fmt), fmt)
