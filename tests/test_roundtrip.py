from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import lscp_scrutiny.model
from lscp_scrutiny.files import (
    SCHEMA_VERSION,
    dumps_assessment,
    dumps_checklist,
    loads_assessment,
    loads_checklist,
)
from lscp_scrutiny.model import (
    Assessment,
    Assessor,
    Checklist,
    ChecklistRef,
    Criterion,
    Partnership,
    SafeguardingPartner,
    Section,
)
from lscp_scrutiny.serialization import Format
from strategies import STRATEGIES, assessments, checklists

ROUND_TRIP = settings(max_examples=40, deadline=None)
QUICK = settings(max_examples=15, deadline=None)

FORMATS: list[Format] = ["json", "yaml"]

# Explicit examples, always run first: enum members must be written as their values (in YAML as well as
# JSON); an earlier version of the YAML writer refused them.
A_SECTION = Checklist(
    id="c",
    version="1",
    title="T",
    sections=[
        Section(
            id="s",
            title="S",
            question="who",
            criteria=[Criterion(id="s.a", title="A", text="x", question="who")],
        )
    ],
)
A_PARTNER = Assessment(
    checklist=ChecklistRef(id="c", version="1"),
    partnership=Partnership(name="P", partners=[SafeguardingPartner(sector="police", organisation="Police")]),
    assessor=Assessor(name="A"),
    assessed_on=date(2024, 1, 31),
)


def _pairs(document: str) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = json.loads(document, object_pairs_hook=list, parse_constant=_no_constants)
    return pairs


def _no_constants(name: str) -> None:
    raise AssertionError(f"JSON output holds the non-standard constant {name}")


# --- the strategies themselves -------------------------------------------------------------------


def test_every_model_class_has_a_strategy() -> None:
    classes = {
        obj
        for name in lscp_scrutiny.model.__all__
        if isinstance(obj := getattr(lscp_scrutiny.model, name), type) and attrs.has(obj)
    }
    missing = sorted(cls.__name__ for cls in classes - STRATEGIES.keys())
    assert not missing, f"add a strategy to tests/strategies.py for: {', '.join(missing)}"


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_strategy_makes_its_class(cls: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(STRATEGIES[cls]()), cls)


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@ROUND_TRIP
@given(checklist=checklists())
@example(checklist=A_SECTION)
def test_checklist_round_trip(fmt: Format, checklist: Checklist) -> None:
    text = dumps_checklist(checklist, fmt)
    again = loads_checklist(text, fmt)
    assert again == checklist
    assert dumps_checklist(again, fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
@ROUND_TRIP
@given(assessment=assessments())
@example(assessment=A_PARTNER)
def test_assessment_round_trip(fmt: Format, assessment: Assessment) -> None:
    text = dumps_assessment(assessment, fmt)
    again = loads_assessment(text, fmt)
    assert again == assessment
    assert dumps_assessment(again, fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
@QUICK
@given(checklist=checklists())
@example(checklist=A_SECTION)
def test_dumping_a_checklist_twice_gives_the_same_text(fmt: Format, checklist: Checklist) -> None:
    assert dumps_checklist(checklist, fmt) == dumps_checklist(checklist, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@QUICK
@given(assessment=assessments())
@example(assessment=A_PARTNER)
def test_dumping_an_assessment_twice_gives_the_same_text(fmt: Format, assessment: Assessment) -> None:
    assert dumps_assessment(assessment, fmt) == dumps_assessment(assessment, fmt)


@QUICK
@given(checklist=checklists())
def test_checklist_json_is_json_with_schema_version_first(checklist: Checklist) -> None:
    pairs = _pairs(dumps_checklist(checklist, "json"))
    assert pairs[0] == ("schema_version", SCHEMA_VERSION)
    assert [key for key, _ in pairs][1:4] == ["id", "version", "title"]


@QUICK
@given(assessment=assessments())
def test_assessment_json_is_json_with_schema_version_first(assessment: Assessment) -> None:
    pairs = _pairs(dumps_assessment(assessment, "json"))
    assert pairs[0] == ("schema_version", SCHEMA_VERSION)
    assert [key for key, _ in pairs][1:5] == ["checklist", "partnership", "assessor", "assessed_on"]


@QUICK
@given(data=st.data())
def test_assessment_answering_a_checklist_round_trips_in_json(data: st.DataObject) -> None:
    assessment = data.draw(assessments(data.draw(checklists())))
    assert loads_assessment(dumps_assessment(assessment, "json"), "json") == assessment


# --- regressions: bugs the property tests found, each with its smallest example -------------------


def test_yaml_writes_enum_values() -> None:
    checklist = Checklist(
        id="c", version="1", title="T", sections=[Section(id="s", title="S", question="who")]
    )
    assert loads_checklist(dumps_checklist(checklist, "yaml"), "yaml") == checklist


@pytest.mark.parametrize("fmt", FORMATS)
def test_criterion_without_theme_in_themed_section_round_trips(fmt: Format) -> None:
    criterion = Criterion(id="s.a", title="A", text="x", question="what", theme=None)
    section = Section(id="s", title="S", question="what", theme="impact", criteria=[criterion])
    checklist = Checklist(id="c", version="1", title="T", sections=[section])
    again = loads_checklist(dumps_checklist(checklist, fmt), fmt)
    assert again.criterion("s.a").theme is None
    assert again == checklist


@pytest.mark.parametrize("title", ["a\x85b", "\x85x", "a\u2028b", "a\u2029b", "it's\x85", "a\x85\n b"])
def test_yaml_keeps_unicode_line_breaks(title: str) -> None:
    checklist = Checklist(id="c", version="1", title=title)
    assert loads_checklist(dumps_checklist(checklist, "yaml"), "yaml").title == title


LONG_TEXTS = {
    "words": "word " * 1000 + "end",
    "double-spaces-after-sentences": "Sentence one.  Sentence two. " * 200,
    "newlines": ("word " * 1000 + "\n") * 2,
    "trailing-space-before-newline": "a" * 4095 + " \nb",
    "single-quoted-double-spaces": "a: " + "word  " * 1000,
    "double-quoted-double-spaces": "'" + "word  " * 1000,
    "next-line-and-double-spaces": "word  " * 1000 + "\x85",
    "tab-at-fold": "a" * 4091 + "\t b",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("guidance", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_long_text_round_trips(fmt: Format, guidance: str) -> None:
    criterion = Criterion(id="s.a", title="A", text="x", question="who", guidance=guidance)
    checklist = Checklist(
        id="c",
        version="1",
        title="T",
        sections=[Section(id="s", title="S", question="who", criteria=[criterion])],
    )
    assert loads_checklist(dumps_checklist(checklist, fmt), fmt) == checklist


# Every space in these comes in a pair, so if the writer folded the line, it would fold at a pair (and an
# earlier version, folding at 4096 characters, read the pair back as one space).
@pytest.mark.parametrize(
    "title", ["word  " * 1000 + "end", "it's  " * 1000 + "end"], ids=["plain", "apostrophe"]
)
def test_yaml_keeps_a_run_of_spaces_where_long_text_folds(title: str) -> None:
    checklist = Checklist(id="c", version="1", title=title)
    assert loads_checklist(dumps_checklist(checklist, "yaml"), "yaml").title == title
