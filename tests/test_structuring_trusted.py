"""The quick reader builds model objects without their constructor, and the objects are the same.

:mod:`lscp_scrutiny.codec.quick` checks every value's type itself, so for a class whose ``__init__`` only
converts, sets and validates its fields it makes the object directly: the type check and the converters
that return a checked value unchanged are not run again, text is converted and checked inline, and every
other converter, validator and ``__attrs_post_init__`` is called. These tests hold that path to the
constructor (``test_quick.py`` holds the reader to the explaining converter): which classes take it,
the marks on converters it relies on, text at its awkward edges, classes whose ``__init__`` does more
(they keep their constructor), YAML bodies, and what a ``validate`` run never asks cattrs to make.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

import lscp_scrutiny as ls
from lscp_scrutiny.codec import documents, quick
from lscp_scrutiny.codec.converters import json_converter, make_converter, yaml_converter
from lscp_scrutiny.codec.text import no_line
from lscp_scrutiny.model import (
    Checklist,
    ChecklistRef,
    Evidence,
    EvidenceKind,
    Partnership,
    Response,
    _validators,
)
from strategies import STRATEGIES

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _trusted(cls: type) -> set[type]:
    """The classes the builder of ``cls`` makes without calling their constructor."""
    build, source = quick.compile_builder(cls, json_converter)
    namespace = build.__globals__
    return {namespace[name] for name in re.findall(r"_new\((_cls\d+)\)", source)}


def test_every_model_class_but_the_checklist_is_built_without_its_constructor() -> None:
    # The checklist keeps its hash (cache_hash=True: __init__ sets a hidden slot), so it is built by its
    # constructor; it is read once per run, not once per file.
    trusted = set().union(*map(_trusted, STRATEGIES))
    assert trusted == set(STRATEGIES) - {Checklist}


# --- what the converters' marks promise ----------------------------------------------------------------


def _marked(mark: str) -> list[tuple[type, attrs.Attribute[Any]]]:
    return [
        (cls, field)
        for cls in STRATEGIES
        for field in attrs.fields(cls)
        if getattr(field.converter, mark, False)
    ]


@pytest.mark.parametrize("mark", ["identity_on_fit", "keeps_fit"])
def test_each_mark_is_on_some_converter(mark: str) -> None:
    assert _marked(mark)


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_marked_converter_keeps_a_value_that_fits_as_its_mark_says(cls: type, data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls]())
    # The annotations resolved: ``field.type`` is still the text of the annotation until something in the
    # process resolves it (which made this test depend on the order tests ran in).
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        value = getattr(obj, field.name)  # converted once by the constructor: it fits the field's type
        assert _validators.fits(value, hints[field.name])
        if getattr(field.converter, "identity_on_fit", False):
            assert field.converter(value) is value, field.name
        if getattr(field.converter, "keeps_fit", False):
            converted = field.converter(value)
            assert _validators.fits(converted, hints[field.name]), field.name
            assert converted == value, field.name


# --- text checked inline, as the validators and converters check it ------------------------------------

_AWKWARD = st.text(
    alphabet=st.sampled_from(
        ["a", "Z", "0", ".", "-", "_", " ", "\t", "\n", "\r", "\x85", "\u2028", "\xa0", "\u3000", "é"]
    ),
    max_size=6,
)


def _outcome(make: typing.Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, make()
    except Exception as exc:  # noqa: BLE001 - any refusal is "refused"
        return False, type(exc)


@EXAMPLES
@given(reference=_AWKWARD, description=st.none() | _AWKWARD)
def test_text_fields_are_converted_and_checked_as_the_constructor_does(
    reference: str, description: str | None
) -> None:
    body = {"kind": "document", "reference": reference, "description": description}
    made = _outcome(
        lambda: Evidence(kind=EvidenceKind.DOCUMENT, reference=reference, description=description)
    )
    quick_made = _outcome(lambda: quick.structure_quick(body, Evidence))
    assert made[0] is quick_made[0], (made, quick_made)
    if made[0]:
        assert quick_made[1] == made[1]
        assert attrs.asdict(quick_made[1]) == attrs.asdict(made[1])  # type: ignore[arg-type]


@EXAMPLES
@given(checklist_id=_AWKWARD | st.sampled_from(["a.b", "a..b", "a-b.c_d", ".a", "a.", "A"]), version=_AWKWARD)
def test_ids_and_blank_text_are_refused_as_the_constructor_refuses_them(
    checklist_id: str, version: str
) -> None:
    body = {"id": checklist_id, "version": version}
    made = _outcome(lambda: ChecklistRef(id=checklist_id, version=version))
    quick_made = _outcome(lambda: quick.structure_quick(body, ChecklistRef))
    assert made[0] is quick_made[0], (made, quick_made)
    if made[0]:
        assert quick_made[1] == made[1]


# --- classes whose __init__ does more keep their constructor -------------------------------------------


def _refuse_empty(_inst: object, _attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError("empty")


@attrs.frozen(kw_only=True)
class _Checked:
    name: str
    seen: list[str] = attrs.field(factory=list, init=False, eq=False)


@attrs.frozen(kw_only=True)
class _Validated:
    name: str = attrs.field()
    tags: tuple[str, ...] = attrs.field(default=("x",), validator=_refuse_empty)

    @name.validator
    def _no_x(self, _attribute: object, value: str) -> None:
        if value == "x":
            raise ValueError(value)

    def __attrs_post_init__(self) -> None:
        if self.name == self.tags[0]:
            raise ValueError(self.name)


@attrs.frozen(kw_only=True)
class _PreInit:
    name: str

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(kw_only=True, cache_hash=True)
class _Hashed:
    name: str


def _upper(value: str) -> str:
    return value.upper()


@attrs.frozen(kw_only=True)
class _Converted:
    name: str = attrs.field(converter=_upper)


@attrs.frozen(kw_only=True)
class _Factory:
    tags: tuple[str, ...] = attrs.field(factory=tuple)


def test_a_class_with_validators_and_a_post_init_is_built_directly_and_they_run() -> None:
    converter = make_converter("json")
    build, source = quick.compile_builder(_Validated, converter)
    assert _trusted_by(build, source, _Validated), source
    assert build({"name": "a"}) == _Validated(name="a") == converter.structure({"name": "a"}, _Validated)
    for refused in ({"name": "x", "tags": ["y"]}, {"name": "a", "tags": []}, {"name": "y", "tags": ["y"]}):
        with pytest.raises(ValueError, match=r"."):
            _Validated(**{**refused, "tags": tuple(refused.get("tags", ("x",)))})  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"."):
            build(refused)


def _trusted_by(build: quick.Builder, source: str, cls: type) -> bool:
    namespace = build.__globals__
    return any(namespace.get(name) is cls for name in re.findall(r"_new\((_cls\d+)\)", source))


@pytest.mark.parametrize(
    ("cls", "body"),
    [
        (_Checked, {"name": "a"}),  # a field left out of __init__
        (_PreInit, {"name": "a"}),
        (_Hashed, {"name": "a"}),
        (_Converted, {"name": "a"}),  # a converter with no mark
        (_Factory, {"tags": ["a"]}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_a_class_whose_init_does_more_is_built_by_its_constructor(cls: type, body: dict[str, Any]) -> None:
    converter = make_converter("json")
    build, source = quick.compile_builder(cls, converter)
    assert not _trusted_by(build, source, cls), source
    assert build(body) == converter.structure(body, cls)


def test_with_validators_disabled_every_body_reads_as_the_converter_reads_it() -> None:
    # The quick reader still checks what it checks; what it refuses, the converter reads (and accepts).
    body = {"kind": "document", "reference": " "}
    with attrs.validators.disabled():
        read = documents.structure(
            {"schema_version": 1, **body}, Evidence, fmt="json", source="<t>", locate=no_line
        )
        assert attrs.asdict(read) == attrs.asdict(json_converter.structure(body, Evidence))


# --- YAML ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
def test_yaml_bodies_are_built_exactly_as_json_bodies(cls: type) -> None:
    # The two converters structure alike (only writing dates differs): one generated builder for both.
    yaml_source = quick.compile_builder(cls, yaml_converter)[1]
    assert yaml_source == quick.compile_builder(cls, json_converter)[1]
    assert quick.builder_source(cls, "yaml") == quick.builder_source(cls, "json")


def test_a_plain_yaml_body_is_read_by_the_quick_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []
    real = quick.structure_quick

    def spy(body: Any, kind: type, fmt: Any = "json") -> Any:
        used.append(fmt)
        return real(body, kind, fmt)

    monkeypatch.setattr(documents, "structure_quick", spy)
    body = {"checklist": {"id": "a", "version": "1"}, "partnership": {"name": "P"}, "assessor": {"name": "A"}}
    body["assessed_on"] = "2026-10-01"  # type: ignore[assignment]
    read = documents.structure(
        {"schema_version": 1, **body}, ls.Assessment, fmt="yaml", source="<t>", locate=no_line
    )
    assert used == ["yaml"]
    assert read == yaml_converter.structure(body, ls.Assessment)
    assert read.assessed_on == date(2026, 10, 1)


def test_a_commented_yaml_mapping_is_read_by_the_converter_alike() -> None:
    plain = {"schema_version": 1, "name": "P", "scrutiny": {"independent_chair": True}}
    commented = CommentedMap({**plain, "scrutiny": CommentedMap({"independent_chair": True})})
    with pytest.raises(quick.Unusual):
        quick.structure_quick(commented["scrutiny"], ls.ScrutinyArrangement, "yaml")
    read = documents.structure(commented, Partnership, fmt="yaml", source="<t>", locate=no_line)
    assert read == documents.structure(plain, Partnership, fmt="yaml", source="<t>", locate=no_line)


# --- what reading never asks cattrs to make ------------------------------------------------------------

_COLD = """
import json, linecache, sys
import lscp_scrutiny as ls
text = sys.stdin.read()
ls.loads_assessment(text, "json")
print(json.dumps(sorted(name for name in linecache.cache if name.startswith("<cattrs generated structure"))))
"""


def test_reading_a_good_file_makes_no_cattrs_structuring_function() -> None:
    # Asking cattrs for each class's hook made it generate and compile 25 functions (13 ms of a
    # `validate`) that the quick reader never calls.
    assessment = ls.Assessment(
        checklist=ChecklistRef(id="independent-scrutiny", version="1.0.0"),
        partnership=Partnership(name="P"),
        assessor=ls.Assessor(name="A"),
        assessed_on=date(2026, 10, 1),
        responses=(Response(criterion="who.a", rating="met"),),
    )
    done = subprocess.run(
        [sys.executable, "-c", _COLD],
        input=ls.dumps_assessment(assessment, "json"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
def test_the_builder_for_a_converter_not_yet_made_is_the_made_converters(cls: type) -> None:
    # Before anything asks for a converter, the builder is compiled from the configuration alone (no
    # cattrs loaded): it must be exactly what asking the configured converter gives.
    assert (
        quick.compile_builder(cls, None, "json")[1] == quick.compile_builder(cls, json_converter, "json")[1]
    )
    assert (
        quick.compile_builder(cls, None, "yaml")[1] == quick.compile_builder(cls, yaml_converter, "yaml")[1]
    )


def test_reading_a_good_file_loads_no_cattrs() -> None:
    script = (
        "import sys, lscp_scrutiny as ls; "
        "ls.loads_assessment(sys.stdin.read(), 'json'); "
        "print('cattrs' in sys.modules)"
    )
    text = json.dumps(
        {
            "schema_version": 1,
            "checklist": {"id": "independent-scrutiny", "version": "1.0.0"},
            "partnership": {"name": "P"},
            "assessor": {"name": "A"},
            "assessed_on": "2026-10-01",
            "responses": [
                {"criterion": "who.a", "rating": "met", "evidence": [{"kind": "data", "reference": "r"}]}
            ],
        }
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
