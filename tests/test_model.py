from __future__ import annotations

import ast
import enum
import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
import lscp_scrutiny.model
from lscp_scrutiny import errors
from lscp_scrutiny.model import (
    DEFAULT_SCALE,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Action,
    ActionStatus,
    AgencyKind,
    Assessment,
    Assessor,
    AssessorRole,
    Checklist,
    ChecklistRef,
    Criterion,
    Evidence,
    EvidenceKind,
    Obligation,
    PartnerSector,
    Partnership,
    RatingLevel,
    RatingScale,
    RelevantAgency,
    Response,
    SafeguardingPartner,
    ScrutinyArea,
    ScrutinyArrangement,
    ScrutinyMethod,
    ScrutinyQuestion,
    Section,
    Source,
)
from lscp_scrutiny.model._validators import typed
from strategies import STRATEGIES, assessments, misfits, mutated, scrutiny_arrangements

TODAY = date(2025, 6, 15)


def _criterion(criterion_id: str = "who.a", **changes: Any) -> Criterion:
    return Criterion(
        **{"id": criterion_id, "title": "A", "text": "Some words.", "question": "who", **changes}
    )


def _checklist(*criteria: Criterion, **changes: Any) -> Checklist:
    section = Section(id="who", title="Who", question="who", criteria=criteria)
    return Checklist(**{"id": "c", "version": "1", "title": "T", "sections": [section], **changes})


def _levels(*spec: tuple[str, int]) -> list[RatingLevel]:
    return [RatingLevel(id=level_id, label=level_id.title(), points=points) for level_id, points in spec]


def _assessment(*responses: Response) -> Assessment:
    return Assessment(
        checklist=ChecklistRef(id="c", version="1"),
        partnership=Partnership(name="Northshire Safeguarding Partnership"),
        assessor=Assessor(name="A. Scrutineer"),
        assessed_on=TODAY,
        responses=responses,
    )


# --- ScrutinyArrangement -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        {"independent_scrutineers": False, "scrutineer_count": 1},
        {"independent_scrutineers": False, "scrutineer_count": 3},
        {"independent_scrutineers": True, "scrutineer_count": 0},
        {"independent_chair": False, "chair_also_scrutinises": True},
        {"independent_chair": False, "chair_also_scrutinises": False},
        {"children_in_scrutiny_role": False, "children_involvement": ["films"]},
    ],
    ids=repr,
)
def test_contradictory_scrutiny_answers_are_refused(answers: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="but"):
        ScrutinyArrangement(**answers)


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"independent_scrutineers": None, "scrutineer_count": 0},
        {"independent_scrutineers": None, "scrutineer_count": 4},
        {"independent_scrutineers": True, "scrutineer_count": None},
        {"independent_scrutineers": False, "scrutineer_count": None},
        {"independent_scrutineers": True, "scrutineer_count": 2},
        {"independent_scrutineers": False, "scrutineer_count": 0},
        {"independent_chair": None, "chair_also_scrutinises": True},
        {"independent_chair": None, "chair_also_scrutinises": False},
        {"independent_chair": False, "chair_also_scrutinises": None},
        {"independent_chair": True, "chair_also_scrutinises": False},
        {"children_in_scrutiny_role": None, "children_involvement": ["films", "subgroups"]},
        {"children_in_scrutiny_role": False, "children_involvement": None},
        {"children_in_scrutiny_role": False, "children_involvement": []},
        {"children_in_scrutiny_role": True, "children_involvement": None},
    ],
    ids=repr,
)
def test_unknown_answers_never_contradict(answers: dict[str, Any]) -> None:
    arrangement = ScrutinyArrangement(**answers)
    for name, value in answers.items():
        got = getattr(arrangement, name)
        assert got == (tuple(value) if isinstance(value, list) else value)


@settings(max_examples=50, deadline=None)
@given(
    arrangement=scrutiny_arrangements(), name=st.sampled_from(list(attrs.fields_dict(ScrutinyArrangement)))
)
def test_forgetting_any_answer_keeps_an_arrangement_valid(
    arrangement: ScrutinyArrangement, name: str
) -> None:
    assert getattr(attrs.evolve(arrangement, **{name: None}), name) is None


def test_unknown_is_not_no() -> None:
    arrangement = ScrutinyArrangement()
    assert arrangement.independent_scrutineers is None
    assert arrangement.children_involvement is None
    assert arrangement.methods is None
    assert ScrutinyArrangement(children_involvement=[]).children_involvement == ()


@pytest.mark.parametrize(
    "answers",
    [
        {"scrutineer_count": -1},
        {"methods": ["interviews", "interviews"]},
        {"areas": ["impact", ScrutinyArea.IMPACT]},
        {"children_involvement": ["films", "films"]},
    ],
    ids=repr,
)
def test_scrutiny_arrangement_refuses_bad_values(answers: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"negative|more than once"):
        ScrutinyArrangement(**answers)


def test_scrutiny_arrangement_refuses_unknown_method() -> None:
    with pytest.raises(ValueError, match="telepathy"):
        ScrutinyArrangement(methods=["telepathy"])


# --- RatingScale ---------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [[], [("met", 1)]], ids=["none", "one"])
def test_scale_needs_two_levels(spec: list[tuple[str, int]]) -> None:
    with pytest.raises(ValueError, match="at least two levels"):
        RatingScale(id="s", name="S", levels=_levels(*spec))


def test_scale_refuses_duplicate_level_ids() -> None:
    with pytest.raises(ValueError, match="repeat"):
        RatingScale(id="s", name="S", levels=_levels(("met", 2), ("met", 1)))


@pytest.mark.parametrize(
    "spec", [[("bad", 0), ("good", 1)], [("a", 2), ("b", 1), ("c", 3)]], ids=["rising", "rising-late"]
)
def test_scale_refuses_rising_points(spec: list[tuple[str, int]]) -> None:
    with pytest.raises(ValueError, match="best to worst"):
        RatingScale(id="s", name="S", levels=_levels(*spec))


def test_scale_allows_equal_points() -> None:
    scale = RatingScale(id="s", name="S", levels=_levels(("a", 1), ("b", 1), ("c", 0)))
    assert scale.level_ids == ("a", "b", "c")
    assert scale.max_points == 1


@pytest.mark.parametrize("reserved", [NOT_APPLICABLE, NOT_ASSESSED])
def test_level_ids_cannot_be_fixed_states(reserved: str) -> None:
    with pytest.raises(ValueError, match="reserved"):
        RatingLevel(id=reserved, label="X", points=0)


def test_level_points_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        RatingLevel(id="a", label="A", points=-1)


def test_scale_accepts_its_levels_and_the_fixed_states() -> None:
    assert DEFAULT_SCALE.accepts("met")
    assert DEFAULT_SCALE.accepts(NOT_APPLICABLE)
    assert DEFAULT_SCALE.accepts(NOT_ASSESSED)
    assert not DEFAULT_SCALE.accepts("excellent")
    assert DEFAULT_SCALE.level("partly_met").points == 1
    with pytest.raises(KeyError):
        DEFAULT_SCALE.level("excellent")


# --- Checklist -----------------------------------------------------------------------------------


def test_checklist_refuses_duplicate_criterion_ids_in_one_section() -> None:
    with pytest.raises(ValueError, match=r"criterion id 'who\.a' is used more than once"):
        _checklist(_criterion(), _criterion())


def test_checklist_refuses_duplicate_criterion_ids_across_sections() -> None:
    first = Section(id="one", title="One", question="who", criteria=[_criterion("x.a")])
    second = Section(id="two", title="Two", question="how", criteria=[_criterion("x.a", question="how")])
    with pytest.raises(ValueError, match="used more than once"):
        Checklist(id="c", version="1", title="T", sections=[first, second])


def test_checklist_refuses_unknown_source() -> None:
    with pytest.raises(ValueError, match="cites unknown source 'wt2023'"):
        _checklist(_criterion(sources=["wt2023"]))


def test_checklist_accepts_known_source() -> None:
    checklist = _checklist(
        _criterion(sources=["wt2023"]), sources=[Source(id="wt2023", title="Working Together 2023")]
    )
    assert checklist.criterion("who.a").sources == ("wt2023",)


def test_checklist_refuses_unknown_scale() -> None:
    with pytest.raises(ValueError, match="uses unknown scale 'five-point'"):
        _checklist(_criterion(scale="five-point"))


def test_checklist_refuses_default_scale_not_among_scales() -> None:
    with pytest.raises(ValueError, match="default_scale 'five-point' is not one of the scales"):
        _checklist(default_scale="five-point")


def test_checklist_refuses_duplicate_scale_source_and_section_ids() -> None:
    source = Source(id="wt2023", title="Working Together 2023")
    section = Section(id="who", title="Who", question="who")
    with pytest.raises(ValueError, match="scale id") as raised:
        Checklist(
            id="c",
            version="1",
            title="T",
            scales=[DEFAULT_SCALE, DEFAULT_SCALE],
            sources=[source, source],
            sections=[section, section],
        )
    message = str(raised.value)
    assert "source id 'wt2023'" in message
    assert "section id 'who'" in message


def test_checklist_finds_criteria_and_their_scales() -> None:
    two_point = RatingScale(id="yes-no", name="Yes or no", levels=_levels(("yes", 1), ("no", 0)))
    checklist = _checklist(
        _criterion("who.a"), _criterion("who.b", scale="yes-no"), scales=[DEFAULT_SCALE, two_point]
    )
    assert [c.id for c in checklist.criteria] == ["who.a", "who.b"]
    assert checklist.scale_for(checklist.criterion("who.a")) == DEFAULT_SCALE
    assert checklist.scale_for(checklist.criterion("who.b")) == two_point
    assert checklist.has_criterion("who.b")
    assert not checklist.has_criterion("who.c")
    with pytest.raises(KeyError):
        checklist.criterion("who.c")


@pytest.mark.parametrize(
    "criterion_id",
    ["a", "who", "who.published-model", "what.impact.1", "1.2.3", "a_b.c-d", "0", "2024-01-31"],
)
def test_criterion_ids_are_dotted_lowercase_ids(criterion_id: str) -> None:
    assert _criterion(criterion_id).id == criterion_id


@pytest.mark.parametrize(
    "criterion_id",
    [
        "",
        "Who.a",
        "WHO",
        "who..a",
        ".who",
        "who.",
        "who a",
        "who/a",
        "-who",
        "_who",
        "who.-a",
        "who.a ",
        " who.a",
        "who.a\n",
        "café",
        "who:a",
    ],
)
def test_criterion_ids_must_be_dotted_lowercase_ids(criterion_id: str) -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        _criterion(criterion_id)


@pytest.mark.parametrize("blank", ["", " ", "\n\t "])
def test_required_text_must_not_be_blank(blank: str) -> None:
    with pytest.raises(ValueError, match="must not be blank"):
        _criterion(text=blank)
    with pytest.raises(ValueError, match="must not be blank"):
        Partnership(name=blank)


# --- Criterion.fingerprint -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Partners publish  their arrangements.",
        "  Partners publish their arrangements.\n",
        "Partners\tpublish\ntheir arrangements.",
        "Partners publish\u00a0their arrangements.",
    ],
)
def test_fingerprint_ignores_spacing(variant: str) -> None:
    original = _criterion(text="Partners publish their arrangements.")
    assert _criterion(text=variant).fingerprint == original.fingerprint


def test_fingerprint_ignores_unicode_normal_form() -> None:
    composed = unicodedata.normalize("NFC", "Café naïve résumé")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert _criterion(text=composed).fingerprint == _criterion(text=decomposed).fingerprint


@pytest.mark.parametrize(
    "changed",
    [
        "Partners publish their plans.",
        "Partners must publish their arrangements.",
        "partners publish their arrangements.",
        "Partners publish their arrangements",
        "Partnerspublish their arrangements.",
    ],
)
def test_fingerprint_changes_when_words_change(changed: str) -> None:
    original = _criterion(text="Partners publish their arrangements.")
    assert _criterion(text=changed).fingerprint != original.fingerprint


def test_fingerprint_reads_only_the_text() -> None:
    original = _criterion(text="Same words.")
    assert _criterion(text="Same words.", title="Another title", guidance="More").fingerprint == (
        original.fingerprint
    )
    assert len(original.fingerprint) == 16


# --- Assessment ----------------------------------------------------------------------------------


def test_assessment_refuses_two_responses_to_one_criterion() -> None:
    with pytest.raises(ValueError, match=r"who\.a has more than one response"):
        _assessment(Response(criterion="who.a", rating="met"), Response(criterion="who.a", rating="not_met"))


def test_with_response_replaces_in_place() -> None:
    first = Response(criterion="who.a", rating="met")
    second = Response(criterion="who.b", rating="not_met")
    assessment = _assessment(first, second)
    replacement = Response(criterion="who.a", rating="partly_met")
    updated = assessment.with_response(replacement)
    assert updated.responses == (replacement, second)
    assert assessment.responses == (first, second)  # the original is unchanged


def test_with_response_appends_a_new_criterion() -> None:
    first = Response(criterion="who.a", rating="met")
    assessment = _assessment(first)
    added = Response(criterion="who.b", rating=NOT_APPLICABLE, justification="No such board here.")
    updated = assessment.with_response(added)
    assert updated.responses == (first, added)
    assert updated.response("who.b") == added
    assert assessment.responses == (first,)


def test_response_to_unanswered_criterion_is_not_assessed() -> None:
    response = _assessment().response("who.a")
    assert response == Response(criterion="who.a", rating=NOT_ASSESSED)
    assert not response.is_assessed
    assert not response.is_scored


def test_response_states() -> None:
    not_applicable = Response(criterion="who.a", rating=NOT_APPLICABLE)
    assert not_applicable.is_assessed
    assert not_applicable.is_not_applicable
    assert not not_applicable.is_scored
    met = Response(criterion="who.a", rating="met")
    assert met.is_assessed
    assert met.is_scored
    assert not met.is_not_applicable


# --- Action.is_overdue ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (ActionStatus.OPEN, date(2025, 6, 14), True),
        (ActionStatus.IN_PROGRESS, date(2025, 1, 1), True),
        (ActionStatus.OPEN, TODAY, False),
        (ActionStatus.OPEN, date(2025, 6, 16), False),
        (ActionStatus.IN_PROGRESS, date(2026, 1, 1), False),
        (ActionStatus.DONE, date(2025, 6, 14), False),
        (ActionStatus.DONE, date(2000, 1, 1), False),
        (ActionStatus.DROPPED, date(2025, 6, 14), False),
        (ActionStatus.OPEN, None, False),
        (ActionStatus.IN_PROGRESS, None, False),
        (ActionStatus.DONE, None, False),
    ],
)
def test_action_is_overdue(status: ActionStatus, due: date | None, overdue: bool) -> None:
    action = Action(description="Publish the scrutiny report", due=due, status=status)
    assert action.is_overdue(TODAY) is overdue


def test_action_is_open_by_default() -> None:
    action = Action(description="Publish the scrutiny report", due=date(2025, 1, 1))
    assert action.status is ActionStatus.OPEN
    assert action.is_overdue(TODAY)


# --- conversions ---------------------------------------------------------------------------------


def test_lists_become_tuples() -> None:
    partner = SafeguardingPartner(sector="police", organisation="Northshire Police")
    partnership = Partnership(
        name="P",
        local_authorities=["Northshire", "Southshire"],
        partners=[partner],
        relevant_agencies=[RelevantAgency(name="Schools", kind="education")],
        scrutiny=ScrutinyArrangement(children_involvement=["films"], methods=[], areas=["impact"]),
    )
    assert partnership.local_authorities == ("Northshire", "Southshire")
    assert partnership.partners == (partner,)
    assert isinstance(partnership.relevant_agencies, tuple)
    assert partnership.scrutiny.children_involvement == ("films",)
    assert partnership.scrutiny.methods == ()
    criterion = _criterion(evidence_prompts=["Minutes"], tags=["core"], sources=[])
    assert (criterion.evidence_prompts, criterion.tags, criterion.sources) == (("Minutes",), ("core",), ())
    section = Section(id="who", title="Who", question="who", criteria=[criterion])
    assert section.criteria == (criterion,)
    checklist = Checklist(
        id="c", version="1", title="T", scales=[DEFAULT_SCALE], sources=[], sections=[section]
    )
    assert (checklist.scales, checklist.sources, checklist.sections) == ((DEFAULT_SCALE,), (), (section,))
    scale = RatingScale(id="s", name="S", levels=_levels(("a", 1), ("b", 0)))
    assert isinstance(scale.levels, tuple)
    response = Response(criterion="who.a", evidence=[Evidence(kind="data", reference="R")], actions=[])
    assert isinstance(response.evidence, tuple)
    assert response.actions == ()
    assert isinstance(_assessment(*[response]).responses, tuple)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: SafeguardingPartner(sector="health", organisation="ICB").sector, PartnerSector.HEALTH),
        (lambda: RelevantAgency(name="Schools", kind="education").kind, AgencyKind.EDUCATION),
        (lambda: ScrutinyArrangement(methods=["interviews"]).methods, (ScrutinyMethod.INTERVIEWS,)),
        (lambda: ScrutinyArrangement(areas=["impact"]).areas, (ScrutinyArea.IMPACT,)),
        (lambda: _criterion(question="what").question, ScrutinyQuestion.WHAT),
        (lambda: _criterion(obligation="must").obligation, Obligation.MUST),
        (lambda: Section(id="s", title="S", question="how").question, ScrutinyQuestion.HOW),
        (lambda: Evidence(kind="audit", reference="R").kind, EvidenceKind.AUDIT),
        (lambda: Action(description="D", status="done").status, ActionStatus.DONE),
        (lambda: Assessor(name="A", role="independent_scrutineer").role, AssessorRole.INDEPENDENT_SCRUTINEER),
    ],
    ids=[
        "sector",
        "agency-kind",
        "methods",
        "areas",
        "criterion-question",
        "obligation",
        "section-question",
        "evidence-kind",
        "action-status",
        "assessor-role",
    ],
)
def test_strings_become_enum_members(make: Callable[[], object], expected: object) -> None:
    value = make()
    assert value == expected
    items = value if isinstance(value, tuple) else (value,)
    wanted = expected if isinstance(expected, tuple) else (expected,)
    assert [type(item) for item in items] == [type(item) for item in wanted]


@pytest.mark.parametrize(
    "make",
    [
        lambda: SafeguardingPartner(sector="fire_service", organisation="Fire"),
        lambda: _criterion(question="why"),
        lambda: Action(description="D", status="finished"),
        lambda: Evidence(kind="rumour", reference="R"),
    ],
    ids=["sector", "question", "status", "evidence-kind"],
)
def test_unknown_enum_strings_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match=r"^(sector|question|status|kind) must be one of: .*; got str '"):
        make()


def test_model_objects_are_frozen() -> None:
    criterion = _criterion()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        criterion.title = "Changed"  # type: ignore[misc]


# --- types ---------------------------------------------------------------------------------------

MODEL_CLASSES = sorted(
    (
        obj
        for name in lscp_scrutiny.model.__all__
        if isinstance(obj := getattr(lscp_scrutiny.model, name), type) and attrs.has(obj)
    ),
    key=lambda cls: cls.__name__,
)
TYPED_FIELDS = [
    pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")
    for cls in MODEL_CLASSES
    for field in attrs.fields(cls)
]


def _options(hint: Any) -> tuple[Any, ...]:
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    return typing.get_args(hint) if union else (hint,)


def _is_enum(hint: object) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _fits(value: object, hint: Any) -> bool:
    """What a field of type ``hint`` may be given: its exact type, a list for a tuple, an enum's value."""
    for option in _options(hint):
        if typing.get_origin(option) is tuple:
            item = typing.get_args(option)[0]
            if isinstance(value, list | tuple) and all(_fits(x, item) for x in value):
                return True
        elif _is_enum(option):
            try:
                option(value)
            except ValueError:
                continue
            return True
        elif type(value) is option:
            return True
    return False


def _about_enums(hint: Any) -> bool:
    """Whether a field holds enum members, whose unknown values are a ValueError, as the enum's own is."""
    for option in _options(hint):
        item = typing.get_args(option)[0] if typing.get_origin(option) is tuple else option
        if _is_enum(item):
            return True
    return False


def test_every_model_class_is_covered() -> None:
    assert len(MODEL_CLASSES) == len(STRATEGIES)
    assert set(MODEL_CLASSES) == set(STRATEGIES)


@pytest.mark.parametrize(("cls", "name"), TYPED_FIELDS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_field_refuses_a_value_of_the_wrong_type_naming_the_field(
    cls: type, name: str, data: st.DataObject
) -> None:
    hint = typing.get_type_hints(cls)[name]
    valid = data.draw(STRATEGIES[cls](), label="valid")
    wrong = data.draw(misfits().filter(lambda value: not _fits(value, hint)), label="wrong")
    refusals = (TypeError, ValueError) if _about_enums(hint) else TypeError
    with pytest.raises(refusals) as raised:
        attrs.evolve(valid, **{name: wrong})
    message = str(raised.value)
    assert message.startswith((f"{name} must be ", f"{name}[")), message
    assert not isinstance(raised.value, errors.ConsistencyError)  # the type is checked first


def test_a_due_date_written_as_text_is_refused() -> None:
    with pytest.raises(TypeError, match=r"^due must be a date \(YYYY-MM-DD\), got str '31/03/2027'$"):
        Action(description="x", due="31/03/2027")  # type: ignore[arg-type]


def test_rating_on_a_date_that_is_not_a_date_is_refused() -> None:
    checklist = _checklist(_criterion())
    assessment = ls.start_assessment(checklist, "P", "A")
    with pytest.raises(TypeError, match=r"^rated_on must be a date \(YYYY-MM-DD\), got str '2026-13-45'$"):
        ls.rate(assessment, checklist, "who.a", "met", rated_on="2026-13-45")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Action(description="x", due=datetime(2027, 3, 31, 9, tzinfo=UTC)),
            "due must be a date (YYYY-MM-DD), got datetime",
        ),
        (
            lambda: ScrutinyArrangement(scrutineer_count=True),
            "scrutineer_count must be a whole number, got bool",
        ),
        (
            lambda: ScrutinyArrangement(scrutineer_count=2.0),  # type: ignore[arg-type]
            "scrutineer_count must be a whole number, got float",
        ),
        (
            lambda: ScrutinyArrangement(scrutineer_count="3"),  # type: ignore[arg-type]
            "scrutineer_count must be a whole number, got str",
        ),
        (lambda: Response(criterion="who.a", prefilled=1), "prefilled must be true or false, got int 1"),  # type: ignore[arg-type]
        (lambda: Evidence(kind="data", reference="R", restricted="no"), "restricted must be true or false"),  # type: ignore[arg-type]
        (lambda: Response(criterion="who.a", rating=None), "rating must be text, got NoneType None"),  # type: ignore[arg-type]
        (lambda: _criterion(theme=ScrutinyArea.IMPACT), "theme must be text, got ScrutinyArea"),
        (lambda: _criterion(tags="core"), "tags must be a list, got str 'core'"),
        (lambda: _criterion(tags=["core", 7]), "tags[1] must be text, got int 7"),
        (
            lambda: Response(criterion="who.a", reply={"by": "P", "text": "T"}),  # type: ignore[arg-type]
            "reply must be Reply, got dict",
        ),
        (lambda: RatingLevel(id="a", label="A", points="2"), "points must be a whole number, got str '2'"),  # type: ignore[arg-type]
        (lambda: Partnership(name="P", local_authorities="Northshire"), "local_authorities must be a list"),
    ],
    ids=[
        "datetime",
        "bool-count",
        "float-count",
        "text-count",
        "int-flag",
        "text-flag",
        "none-text",
        "enum-text",
        "text-list",
        "list-item",
        "mapping-record",
        "text-points",
        "text-authorities",
    ],
)
def test_wrong_types_are_refused_with_the_field_and_what_is_wrong(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        make()
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: ScrutinyArrangement(methods=["interviews", "telepathy"]),
            "methods[1] must be one of: interviews,",
        ),
        (lambda: ScrutinyArrangement(areas=[None]), "areas[0] must be one of: leadership,"),
        (lambda: Evidence(kind=None, reference="R"), "kind must be one of: document,"),  # type: ignore[arg-type]
        (lambda: Assessor(name="A", role=3), "role must be one of: self_assessment,"),  # type: ignore[arg-type]
    ],
    ids=["method", "area", "kind", "role"],
)
def test_unknown_enum_values_are_refused_naming_the_field(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=r"; got ") as raised:
        make()
    assert str(raised.value).startswith(message)


def test_lists_of_enum_values_still_become_members() -> None:
    arrangement = ScrutinyArrangement(methods=("interviews", ScrutinyMethod.OBSERVATION), areas=["impact"])
    assert arrangement.methods == (ScrutinyMethod.INTERVIEWS, ScrutinyMethod.OBSERVATION)
    assert all(type(method) is ScrutinyMethod for method in arrangement.methods)
    assert arrangement.areas == (ScrutinyArea.IMPACT,)


def test_any_list_becomes_a_tuple_but_text_and_mappings_do_not() -> None:
    assert _criterion(tags=iter(["a", "b"])).tags == ("a", "b")
    assert Partnership(name="P", local_authorities=("North\r\nshire",)).local_authorities == ("North\nshire",)
    with pytest.raises(TypeError, match=r"^evidence must be a list, got dict"):
        Response(criterion="who.a", evidence={"kind": "data"})


def test_a_field_added_later_is_checked_without_being_listed_anywhere() -> None:
    @attrs.frozen(kw_only=True, field_transformer=typed)
    class Later:
        name: str
        confidence: int | None = None
        seen_on: date | None = None
        kind: EvidenceKind = attrs.field(default=EvidenceKind.OTHER, converter=EvidenceKind)

    assert Later(name="n", confidence=3, seen_on=TODAY, kind="data").kind is EvidenceKind.DATA
    with pytest.raises(TypeError, match=r"^confidence must be a whole number, got str 'high'$"):
        Later(name="n", confidence="high")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^seen_on must be a date \(YYYY-MM-DD\), got str"):
        Later(name="n", seen_on="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^kind must be one of: .*; got str 'rumour'$"):
        Later(name="n", kind="rumour")


def test_a_field_of_a_type_the_check_does_not_know_is_refused_when_first_used() -> None:
    @attrs.frozen(kw_only=True, field_transformer=typed)
    class Odd:
        counts: dict[str, int]

    with pytest.raises(TypeError, match=r"^counts: no type check for dict\[str, int\]"):
        Odd(counts={})


def test_other_validators_see_only_values_of_the_right_type() -> None:
    with pytest.raises(TypeError, match=r"^tags must be a list"):
        _criterion(tags="aa")  # not "'a' is listed more than once"
    with pytest.raises(TypeError, match=r"^children_involvement must be a list"):
        ScrutinyArrangement(children_involvement="films")


def test_consistency_error_lives_with_the_other_errors() -> None:
    from lscp_scrutiny.model._validators import ConsistencyError  # noqa: PLC0415 - the old name

    assert ConsistencyError is errors.ConsistencyError
    assert issubclass(errors.ConsistencyError, ValueError)
    error = errors.ConsistencyError([(("responses", 1, "criterion"), "twice"), ((), "and more")])
    assert error.issues == [(("responses", 1, "criterion"), "twice"), ((), "and more")]
    assert str(error) == "twice; and more"
    with pytest.raises(errors.ConsistencyError) as raised:
        _assessment(Response(criterion="who.a"), Response(criterion="who.a"))
    assert raised.value.issues[0][0] == ("responses", 1, "criterion")


def test_errors_import_nothing_from_the_model() -> None:
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("lscp_scrutiny.model")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment=mutated(assessments()))
def test_whatever_the_constructors_accept_is_saved_and_loaded_back_equal(assessment: Assessment) -> None:
    for fmt in ("yaml", "json"):
        assert ls.loads_assessment(ls.dumps_assessment(assessment, fmt), fmt) == assessment
