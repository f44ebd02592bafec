"""Every field of every class an assessment is made of survives every file kind: YAML, JSON and workbooks.

The example is generated from ``attrs.fields`` and the fields' types, not written out by hand: a field
added to the model later gets a value here without anyone remembering to add it, and then has to come
back from every kind of file. Only the values the domain constrains (criterion ids, ratings, the
checklist reference) are given. For YAML and JSON a new field comes back by itself (tests/test_quick.py
adds one to a copy of the package); a workbook carries a field only once its layout has a place for it,
and this test is what says so.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import lscp_scrutiny as ls
from lscp_scrutiny.io.kinds import ASSESSMENT_KINDS

SUFFIXES = [kind.suffixes[0] for kind in ASSESSMENT_KINDS]
DAY = date(2026, 3, 14)


def _value(kind: Any, name: str, default: object = None) -> Any:  # noqa: PLR0911 - by kind of type
    """A value of type ``kind`` other than ``default``."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _value(next(arg for arg in args if arg is not type(None)), name, default)
    if origin is tuple:
        return (_value(args[0], name),)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return next(member for member in reversed(list(kind)) if member != default)
    if attrs.has(kind):
        return exemplary(kind)
    if kind is bool:
        return True
    if kind is int:
        return 2
    if kind is date:
        return DAY
    if kind is str:
        return f"Some {name.replace('_', ' ')}"
    msg = f"no example value for {kind!r} (field {name}): teach tests/test_every_field.py its type"
    raise TypeError(msg)


def exemplary(cls: type[Any], **given: Any) -> Any:
    """An instance of ``cls`` with every field set, from its type, unless ``given``."""
    hints = typing.get_type_hints(cls)
    values = {
        field.name: given[field.name]
        if field.name in given
        else _value(hints[field.name], field.name, field.default)
        for field in attrs.fields(cls)
    }
    return cls(**values)


@pytest.fixture(scope="module")
def example(checklist: ls.Checklist) -> ls.Assessment:
    """An assessment in which every field of every class holds a value other than its default."""
    first, second = checklist.criteria[:2]
    best = checklist.scale_for(first).level_ids[0]
    responses = (
        exemplary(
            ls.Response,
            criterion=first.id,
            rating=best,
            criterion_fingerprint=first.fingerprint,
            moderated=exemplary(
                ls.ModeratedRating,
                rating=ls.NOT_APPLICABLE,
                ratings=(exemplary(ls.GivenRating, rating=best),),
            ),
        ),
        exemplary(
            ls.Response,
            criterion=second.id,
            rating=ls.NOT_APPLICABLE,
            moderated=exemplary(
                ls.ModeratedRating,
                rating=best,
                ratings=(exemplary(ls.GivenRating, rating=ls.NOT_APPLICABLE),),
            ),
        ),
    )
    agency = exemplary(ls.AssessedAgency, sector="education")  # a sector is one of the model's values
    made: ls.Assessment = exemplary(
        ls.Assessment, checklist=ls.checklist_ref(checklist), responses=responses, agency=agency
    )
    return made


def _walk(value: object) -> Iterator[object]:
    yield value
    if attrs.has(type(value)):
        for field in _fields(value):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)


def _fields(value: object) -> tuple[attrs.Attribute[Any], ...]:
    return attrs.fields(type(value)) if attrs.has(type(value)) else ()  # type: ignore[arg-type]


def _default(field: attrs.Attribute[Any]) -> object:
    default: object = field.default
    return default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type, attr-defined]


def test_the_example_sets_every_field_of_every_class_it_is_made_of(example: ls.Assessment) -> None:
    unset = [
        f"{type(item).__name__}.{field.name}"
        for item in _walk(example)
        for field in _fields(item)
        if getattr(item, field.name) == _default(field)
    ]
    assert unset == []
    classes = {type(item).__name__ for item in _walk(example) if attrs.has(type(item))}
    assert {
        "Assessment",
        "Response",
        "Evidence",
        "Action",
        "Reply",
        "ModeratedRating",
        "GivenRating",
        "Partnership",
        "ScrutinyArrangement",
    } <= classes


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_field_survives_every_kind_of_file(
    suffix: str, example: ls.Assessment, checklist: ls.Checklist, tmp_path: Path
) -> None:
    path = tmp_path / f"every-field{suffix}"
    ls.save_assessment(example, path, checklist=checklist)
    back = ls.load_assessment(path)
    lost = [
        f"{type(before).__name__}.{field.name}"
        for before, after in zip(_walk(example), _walk(back), strict=False)
        if type(after) is type(before)
        for field in _fields(before)
        if getattr(before, field.name) != getattr(after, field.name)
        and not _fields(getattr(before, field.name))
    ]
    assert lost == []
    assert back == example


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_what_is_saved_is_what_check_file_accepts(
    suffix: str, example: ls.Assessment, checklist: ls.Checklist, tmp_path: Path
) -> None:
    path = tmp_path / f"checked{suffix}"
    ls.save_assessment(example, path, checklist=checklist)
    checked = ls.check_file(path)
    assert checked.problems == ()
    assert checked.usable() == (example, checklist)
