"""The quick reader accepts exactly the JSON bodies the explaining converter accepts, and builds equal objects.

It is only an optimisation: wherever it refuses, the converter reads the body and explains. These tests
hold it to the converter both ways (never accepting more, never refusing more, which would only cost
speed but would mean the two disagree about the format), for valid bodies of every model class, bodies
mutated anywhere, the project's bad files, and a field added to the model.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from lscp_scrutiny.codec import quick
from lscp_scrutiny.codec.converters import json_converter, make_converter
from lscp_scrutiny.codec.text import parse
from lscp_scrutiny.model import (
    Action,
    Assessment,
    Checklist,
    Criterion,
    Evidence,
    EvidenceKind,
    Partnership,
    Reply,
    Response,
    ScrutinyArrangement,
    ScrutinyQuestion,
)
from strategies import STRATEGIES, assessments

ROOT = Path(ls.__file__).resolve().parents[2]
LONG = os.environ.get("LSCP_SCRUTINY_FUZZ") == "long"
MUTATIONS = settings(
    max_examples=3000 if LONG else 400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Outcome = tuple[bool, object]


def _converter(body: object, cls: type) -> Outcome:
    try:
        return True, json_converter.structure(body, cls)
    except Exception as exc:  # noqa: BLE001 - any refusal counts as "refused" here
        return False, exc


def _quick(body: Any, cls: type) -> Outcome:
    try:
        return True, quick.structure_quick(body, cls)
    except quick.Unusual as exc:
        return False, exc


def _same(body: Any, cls: type) -> object:
    """Both accept with equal objects, or both refuse; what they gave."""
    slow, fast = _converter(body, cls), _quick(copy.deepcopy(body), cls)
    assert slow[0] is fast[0], f"converter {slow}, quick {fast}"
    if slow[0]:
        assert fast[1] == slow[1]
        assert type(fast[1]) is type(slow[1])
        if attrs.has(type(slow[1])):  # fields left out of == (eq=False) as well
            assert attrs.asdict(fast[1]) == attrs.asdict(slow[1])  # type: ignore[arg-type]
    return slow[1]


def _json_body(obj: object) -> Any:
    return json.loads(json.dumps(json_converter.unstructure(obj)))


# --- valid bodies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_model_class_reads_back_equal(cls: type, data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls]())
    assert _same(_json_body(obj), cls) == obj


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_assessment_files_read_back_equal(assessment: Assessment) -> None:
    body = json.loads(ls.dumps_assessment(assessment, "json"))
    body.pop("schema_version")
    assert _same(body, Assessment) == assessment


def test_the_examples_read_back_equal() -> None:
    for path in sorted((ROOT / "examples").glob("*.*")):
        if path.suffix in {".yaml", ".json"}:
            assessment = ls.load_assessment(path)
            body = json.loads(ls.dumps_assessment(assessment, "json"))
            body.pop("schema_version")
            assert _same(body, Assessment) == assessment


def test_the_builtin_checklist_reads_back_equal() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    assert _same(_json_body(checklist), Checklist) == checklist


def test_no_model_class_needs_the_converter_at_run_time() -> None:
    # Every hook the JSON converter uses for the model is mirrored: nothing falls back to cattrs, so the
    # quick reader is as fast as it can be (a hook it did not know would be called, correctly, but slowly).
    for cls in STRATEGIES:
        source = quick.builder_source(cls)
        assert "_hook" not in source, source


# --- mutated bodies ------------------------------------------------------------------------------------

_FIELD_NAMES = sorted({field.name for cls in STRATEGIES for field in attrs.fields(cls)} | {"unexpected"})
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, 1, -1, 2**70, 1.0, 1.5, -0.0]),
    st.text(max_size=6),
    st.sampled_from(
        [
            "",
            " ",
            "a\r\nb",
            "text",
            "who.a",
            "Not An Id",
            "met",
            "not_assessed",
            "not_applicable",
            "document",
            "open",
            "in_progress",
            "self_assessment",
            "police",
            "education",
            "interviews",
            "impact",
            "how",
            "must",
            "2026-09-30",
            "2026-9-30",
            "20260930",
            "2026-W39-3",
            "2026-02-30",
            "2026-09-30T00:00:00",
            "\uff12\uff10\uff12\uff16-09-30",
            "0001-01-01",
        ]
    ),
)
_VALUES = st.one_of(
    _LEAVES,
    st.lists(_LEAVES, max_size=3),
    st.sampled_from(
        [
            {},
            {"kind": "document", "reference": "r"},
            {"description": "d"},
            {"by": "b", "text": "t"},
            {"name": "n"},
            {"criterion": "who.a"},
            {"generator": "g", "contributors": [{"name": "n"}]},
            {"independent_scrutineers": False, "scrutineer_count": 2},
            [{"criterion": "who.a"}, {"criterion": "who.a"}],
            ["interviews", "interviews"],
        ]
    ),
    st.dictionaries(st.sampled_from(_FIELD_NAMES), _LEAVES, max_size=2),
)


def _places(node: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a body, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            _places(value, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            _places(value, found)
    return found


@st.composite
def _mutated(draw: st.DrawFn, body: Any) -> Any:
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(1, 3))):
        places = _places(body, [])
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "wrap", "copy"]))
        if action == "replace":
            container[key] = copy.deepcopy(draw(_VALUES))  # the samples are shared: never mutate them
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(_FIELD_NAMES))] = copy.deepcopy(draw(_VALUES))
        elif action == "wrap":
            container[key] = [container[key]]
        elif action == "copy" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    return body


_SEED = json.loads((ROOT / "examples" / "riverbridge-2026.json").read_bytes())
_SEED.pop("schema_version")
_SEED["provenance"] = {"generator": "lscp-scrutiny 0.1.0", "contributors": [{"name": "lscp-scrutiny"}]}
_SEED["responses"] = _SEED["responses"][:8]


@MUTATIONS
@given(_mutated(_SEED))
def test_a_mutated_assessment_is_accepted_exactly_when_the_converter_accepts_it(body: Any) -> None:
    _same(body, Assessment)


@MUTATIONS
@given(st.data())
def test_a_mutated_body_of_any_class_is_accepted_exactly_when_the_converter_accepts_it(
    data: st.DataObject,
) -> None:
    cls = data.draw(st.sampled_from(list(STRATEGIES)))
    body = _json_body(data.draw(STRATEGIES[cls]()))
    _same(data.draw(_mutated(body)), cls)


def _response(**fields: object) -> dict[str, object]:
    return {"criterion": "who.a", "rating": "met", **fields}


@pytest.mark.parametrize(
    ("cls", "body"),
    [
        (Response, _response(rating=1)),  # a number for text
        (Response, _response(prefilled=1)),  # a number for true or false
        (Response, _response(prefilled="true")),
        (ScrutinyArrangement, {"scrutineer_count": True}),  # true for a number
        (ScrutinyArrangement, {"scrutineer_count": 1.0}),
        (ScrutinyArrangement, {"scrutineer_count": -1}),  # a validator
        (ScrutinyArrangement, {"independent_scrutineers": False, "scrutineer_count": 2}),  # post-init
        (ScrutinyArrangement, {"methods": ["interviews", "interviews"]}),
        (ScrutinyArrangement, {"methods": "interviews"}),  # text for a list
        (Response, _response(evidence="a document")),
        (Response, _response(evidence={"kind": "document", "reference": "r"})),
        (Response, _response(evidence=[{"kind": "paper", "reference": "r"}])),  # not an enum value
        (Response, _response(evidence=[{"kind": 1, "reference": "r"}])),
        (Response, _response(evidence=[{"kind": "document", "reference": " "}])),  # blank
        (Response, _response(evidence=[{"kind": "document"}])),  # missing
        (Response, _response(evidence=[{"kind": "document", "reference": "r", "ref": "r"}])),  # unknown
        (Response, _response(actions=[{"description": "d", "status": "finished"}])),
        (Response, _response(reply={"by": "b"})),
        (Response, _response(reply="b")),
        (Response, _response(criterion="Not An Id")),
        (Response, _response(typo="x")),
        (Response, ["who.a"]),
        (Response, None),
        *((Response, _response(rated_on=text)) for text in ["2026-9-30", "20260930", "2026-W39-3"]),
        *((Response, _response(rated_on=text)) for text in ["2026-02-30", "2026-09-30T00:00:00", ""]),
        (Response, _response(rated_on="\uff12\uff10\uff12\uff16-09-30")),  # digits that are not ASCII
        (Response, _response(rated_on=20260930)),
        (Assessment, {**_SEED, "responses": [_SEED["responses"][0]] * 2}),  # one response per criterion
    ],
)
def test_what_the_converter_refuses_the_quick_reader_refuses(cls: type, body: object) -> None:
    assert not _converter(body, cls)[0]
    assert not _quick(body, cls)[0]


@pytest.mark.parametrize(
    ("cls", "body", "expected"),
    [
        (Response, _response(evidence=None, actions=None), Response(criterion="who.a", rating="met")),
        (Response, _response(notes=""), Response(criterion="who.a", rating="met")),  # converters run
        (Response, _response(notes="a\r\nb"), Response(criterion="who.a", rating="met", notes="a\nb")),
        (Action, {"description": "d"}, Action(description="d")),
        (
            Evidence,
            {"kind": "data", "reference": "r", "collected_on": None},
            Evidence(kind=EvidenceKind.DATA, reference="r"),
        ),
        (
            Reply,
            {"by": "b", "text": "t", "replied_on": "2026-01-31"},
            Reply(by="b", text="t", replied_on=date(2026, 1, 31)),
        ),
        (Partnership, {"name": "n", "scrutiny": {}}, Partnership(name="n")),
        (
            Criterion,
            {"id": "c", "title": "t", "text": "x", "question": "how"},
            Criterion(id="c", title="t", text="x", question=ScrutinyQuestion.HOW),
        ),
    ],
)
def test_what_the_converter_accepts_the_quick_reader_builds_the_same(
    cls: type, body: object, expected: object
) -> None:
    assert _same(body, cls) == expected


@pytest.mark.parametrize(
    ("cls", "body"),
    [
        (Response, {"criterion": "who.a", "evidence": ()}),  # a tuple, not a list
        (Response, {"criterion": "who.a", "rated_on": date(2026, 9, 30)}),  # a date, not text
        (Response, {"criterion": type("Text", (str,), {})("who.a")}),  # a subclass of str
    ],
)
def test_values_json_never_gives_are_left_to_the_converter(cls: type, body: object) -> None:
    # The quick reader is for what json.loads returns; other Python values (YAML's, say) it refuses.
    assert _converter(body, cls)[0]
    assert not _quick(body, cls)[0]


def test_bad_json_files_are_refused_by_both() -> None:
    for path in sorted(
        [*(ROOT / "tests" / "bad_files").glob("*.json"), *(ROOT / "tests" / "fuzz_corpus").glob("*.json")]
    ):
        try:
            body, _ = parse(path.read_bytes(), "json", str(path))
        except ls.InvalidInputError:
            continue  # not JSON at all: neither reader sees it
        if isinstance(body, dict):
            body.pop("schema_version", None)
        _same(body, Assessment)


# --- the converter's configuration is followed, not copied ---------------------------------------------


def test_a_hook_registered_on_the_converter_is_used_not_bypassed() -> None:
    converter = make_converter("json")

    def reply_from_text(value: object, _type: object) -> Reply:
        if not isinstance(value, str):
            raise TypeError(value)
        return Reply(by="partner", text=value)

    converter.register_structure_hook(Reply, reply_from_text)
    build, source = quick.compile_builder(Response, converter)
    assert "_hook" in source
    assert build(_response(reply="we disagree")) == converter.structure(
        _response(reply="we disagree"), Response
    )
    with pytest.raises(TypeError):
        build(_response(reply={"by": "b", "text": "t"}))


@attrs.frozen(kw_only=True)
class _Node:
    name: str
    children: tuple[_Node, ...] = ()


def test_a_recursive_class_gets_one_builder_calling_itself() -> None:
    converter = make_converter("json")
    build, source = quick.compile_builder(_Node, converter)
    body = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}
    assert build(body) == converter.structure(body, _Node)
    assert source.count("def ") == 2  # the class's builder and the entry point
    with pytest.raises(quick.Unusual):
        build({"name": "a", "children": [{"name": 1}]})


# --- a field added to the model ------------------------------------------------------------------------

_ADDED_FIELD = """
import json
from datetime import date

import lscp_scrutiny as ls
from lscp_scrutiny.codec import quick
from lscp_scrutiny.codec.converters import json_converter

assert ls.__file__.startswith({package!r}), ls.__file__
assessment = ls.Assessment(
    checklist=ls.ChecklistRef(id="independent-scrutiny", version="1.0.0"),
    partnership=ls.Partnership(name="P"),
    assessor=ls.Assessor(name="A"),
    assessed_on=date(2026, 10, 1),
    responses=(ls.Response(criterion="who.a", rating="met", confidence="high"),),
)
text = ls.dumps_assessment(assessment, "json")
body = json.loads(text)
body.pop("schema_version")
print(json.dumps({{
    "written": json.loads(text)["responses"][0].get("confidence"),
    "quick": quick.structure_quick(body, ls.Assessment).responses[0].confidence,
    "converter": json_converter.structure(body, ls.Assessment).responses[0].confidence,
    "yaml": ls.loads_assessment(ls.dumps_assessment(assessment, "yaml"), "yaml").responses[0].confidence,
    "loads_assessment json": ls.loads_assessment(text, "json").responses[0].confidence,
}}))
"""


def _with_added_field(tmp_path: Path) -> Callable[[str], dict[str, Any]]:
    package = tmp_path / "lscp_scrutiny"
    shutil.copytree(Path(ls.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    model = package / "model" / "assessment.py"
    source = model.read_text(encoding="utf-8")
    anchor = "    prefilled: bool = False\n"
    assert source.count(anchor) == 1
    model.write_text(source.replace(anchor, "    confidence: str | None = None\n" + anchor), encoding="utf-8")

    def run(script: str) -> dict[str, Any]:
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-c", script.format(package=str(package))],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    return run


def test_an_optional_field_added_to_response_is_read_back_from_json(tmp_path: Path) -> None:
    found = _with_added_field(tmp_path)(_ADDED_FIELD)
    assert found["written"] == found["quick"] == found["converter"] == found["yaml"] == "high"
