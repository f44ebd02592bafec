"""Hypothesis strategies for every model class, for the property tests.

Every new model class must get a strategy here (and every new field a value in its class's strategy), so
that the round-trip tests in ``test_roundtrip.py`` cover it. The strategies build only valid objects: ids
match the model's id pattern, references resolve, and cross-field invariants hold. Text is deliberately
awkward (YAML's special words, quotes, colons, edge spaces, several lines, strings that look like dates
or numbers, and any Unicode but surrogates, which UTF-8 files cannot hold). Generated text stays under a
few hundred characters; text longer than the YAML writer's line width is covered by explicit examples in
``test_roundtrip.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from lscp_scrutiny.model import (
    DEFAULT_SCALE,
    FIXED_STATES,
    NOT_APPLICABLE,
    SECTORS,
    THEMES,
    Action,
    ActionStatus,
    AgencyKind,
    AssessedAgency,
    Assessment,
    Assessor,
    AssessorRole,
    Checklist,
    ChecklistExtension,
    ChecklistRef,
    Contributor,
    Criterion,
    Evidence,
    EvidenceKind,
    GivenRating,
    ModeratedRating,
    Obligation,
    PartnerSector,
    Partnership,
    Prefill,
    Provenance,
    RatingLevel,
    RatingScale,
    RelevantAgency,
    Reply,
    Response,
    RetiredCriterion,
    SafeguardingPartner,
    ScrutinyArea,
    ScrutinyArrangement,
    ScrutinyMethod,
    ScrutinyQuestion,
    Section,
    SectionAddition,
    Source,
    SourceKind,
)
from lscp_scrutiny.model._validators import _ID

__all__ = [
    "AWKWARD_TEXT",
    "MISFITS",
    "SPECIAL_CHARACTERS",
    "STRATEGIES",
    "actions",
    "any_text",
    "assessments",
    "assessors",
    "checklist_refs",
    "checklists",
    "criteria",
    "dates",
    "dotted_ids",
    "evidence",
    "id_segments",
    "misfits",
    "mutated",
    "non_blank_text",
    "optional_text",
    "partnerships",
    "rating_levels",
    "rating_scales",
    "relevant_agencies",
    "responses",
    "safeguarding_partners",
    "scrutiny_arrangements",
    "sections",
    "sources",
    "text",
]

T = TypeVar("T")

# --- text ------------------------------------------------------------------------------------------

AWKWARD_TEXT: tuple[str, ...] = (
    # YAML's special words and indicators
    "yes",
    "no",
    "No",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "-",
    "- item",
    "-- not a list",
    "#",
    "# not a comment",
    "text # not a comment",
    ":",
    "key: value",
    "key:",
    "?",
    "? key",
    "!tag",
    "!!str",
    "&anchor",
    "*alias",
    "@at",
    "`backtick",
    "%YAML 1.2",
    "|",
    ">",
    "|-\n  block",
    "[a, b]",
    "{a: b}",
    "---",
    "...",
    "<<",
    "=",
    # quotes
    "'",
    '"',
    "'single quoted'",
    '"double quoted"',
    "it's",
    'say "hi"',
    "\\",
    "back\\slash\\n",
    # edge spaces and several lines
    " leading space",
    "trailing space ",
    "  both  ",
    "two  spaces",
    "tab\there",
    "\ttab first",
    "multi\nline",
    "multi\nline\n",
    "ends with newlines\n\n",
    "\nstarts with newline",
    "blank\n\nline between",
    "trailing spaces \nbefore newline",
    "windows\r\nline end",
    "old mac\rline end",
    "next\x85line",
    "\x85",
    "line\u2028separator",
    "paragraph\u2029separator",
    # look like dates, times and numbers
    "2024-01-31",
    "2024-1-31",
    "2024-01-31T10:00:00Z",
    "2001-12-14 21:59:43.10 -5",
    "12:30",
    "12:30:45",
    "1",
    "0",
    "-1",
    "+1",
    "007",
    "1.5",
    "1.",
    ".5",
    "1e3",
    "1E-3",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    ".inf",
    "-.Inf",
    ".nan",
    "NaN",
    "1,000",
    # Unicode
    "café",
    "cafe\u0301",
    "Straße",
    "日本語のテキスト",
    "Ελληνικά",
    "עברית",
    "العربية",
    "emoji 😀 👩‍👧",
    "zero\u200bwidth",
    "no\u00a0break",
    "\ufeffbyte order mark",
    "nul\x00char",
    "bell\x07char",
    "escape\x1bchar",
    "del\x7fchar",
    "\U0010fffd private use",
)

_ALPHABET = st.characters(exclude_categories=["Cs"])

_awkward = st.sampled_from(AWKWARD_TEXT)
_any_text = st.text(_ALPHABET, max_size=30)


def _joined(parts: Sequence[str]) -> str:
    return "".join(parts)


def text() -> st.SearchStrategy[str]:
    """Any text, blank included: awkward samples, random Unicode, and mixtures of the two."""
    return st.one_of(
        _awkward,
        _any_text,
        st.lists(st.one_of(_awkward, _any_text, st.sampled_from([" ", "\n", ": ", " #"])), max_size=4).map(
            _joined
        ),
        st.text(_ALPHABET, min_size=100, max_size=250),  # longer than a usual line
    )


SPECIAL_CHARACTERS: tuple[str, ...] = (
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x9b",
    "\u202e",
    "=",
    "+",
    "-",
    "@",
    "\uff1d",
    "'",
    '"',
    "#",
    ": ",
    "[bold]",
    " ",
)
"""Characters that break files, terminals and spreadsheets: every kind of line break, byte order marks,
non-characters, lone surrogates, control characters and escapes, formula starts, YAML indicators."""


def any_text() -> st.SearchStrategy[str]:
    """Any text at all, lone surrogates included, which :func:`text` leaves out (no file can hold one).

    For the tests that every writer either writes what its reader reads back, or refuses at once.
    """
    every = st.characters(exclude_categories=())
    return st.lists(
        st.one_of(st.sampled_from(SPECIAL_CHARACTERS), every, st.text(every, max_size=5)), max_size=12
    ).map(_joined)


def non_blank_text() -> st.SearchStrategy[str]:
    """Text with something in it other than whitespace, as ``non_blank`` fields need."""
    return text().filter(str.strip)


def optional_text() -> st.SearchStrategy[str | None]:
    """``None`` (unknown, left out of files) or any text, the empty string included."""
    return st.none() | text()


def _unique_texts(max_size: int = 3) -> st.SearchStrategy[list[str]]:
    return st.lists(text(), max_size=max_size, unique=True)


# --- ids and dates ---------------------------------------------------------------------------------

_AWKWARD_IDS = (
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "false",
    "null",
    "nan",
    "inf",
    "0",
    "1",
    "007",
    "1.5",
    "1.0",
    "12.30.45",
    "2024-01-31",
    "1_000",
    "0x1f",
    "0o17",
    "0b101",
    "1e3",
    "1e-3",
    "not_applicable",
    "not_assessed",
)
_segments = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)


def _valid_id(value: str) -> bool:
    return _ID.fullmatch(value) is not None


def id_segments() -> st.SearchStrategy[str]:
    """One segment of a dotted id (no dots)."""
    return st.one_of(_segments, st.sampled_from([i for i in _AWKWARD_IDS if "." not in i]))


def dotted_ids() -> st.SearchStrategy[str]:
    """Valid ids: lowercase segments joined by dots, some of them YAML-awkward (``yes``, ``1.5``)."""
    return st.one_of(
        st.lists(_segments, min_size=1, max_size=3).map(".".join),
        st.sampled_from(_AWKWARD_IDS),
    ).filter(_valid_id)


def _level_ids() -> st.SearchStrategy[str]:
    return dotted_ids().filter(lambda i: i not in FIXED_STATES)


def dates() -> st.SearchStrategy[date]:
    """Any date, from year 1 to year 9999."""
    return st.dates()


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _optional_bools() -> st.SearchStrategy[bool | None]:
    return st.sampled_from([None, True, False])


# --- partnerships ----------------------------------------------------------------------------------


def safeguarding_partners() -> st.SearchStrategy[SafeguardingPartner]:
    """A statutory partner with any (or no) lead and delegate."""
    return st.builds(
        SafeguardingPartner,
        sector=st.sampled_from(PartnerSector),
        organisation=non_blank_text(),
        lead=optional_text(),
        delegate=optional_text(),
    )


def relevant_agencies() -> st.SearchStrategy[RelevantAgency]:
    """A relevant agency of any kind (``other``, the default, included)."""
    return st.builds(RelevantAgency, name=non_blank_text(), kind=st.sampled_from(AgencyKind))


def _unique_enums(kind: type[ScrutinyMethod | ScrutinyArea]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([member.value for member in kind]), unique=True)


@st.composite
def _scrutiny_arrangements(draw: st.DrawFn) -> ScrutinyArrangement:
    independent_scrutineers = draw(_optional_bools())
    if independent_scrutineers is True:
        count = draw(_optional(st.integers(min_value=1, max_value=10**6)))
    elif independent_scrutineers is False:
        count = draw(st.sampled_from([None, 0]))
    else:
        count = draw(_optional(st.integers(min_value=0, max_value=10**6)))
    independent_chair = draw(_optional_bools())
    chair_also_scrutinises = None if independent_chair is False else draw(_optional_bools())
    children_in_scrutiny_role = draw(_optional_bools())
    involvement: tuple[str, ...] | None
    if children_in_scrutiny_role is False:
        involvement = draw(st.sampled_from([None, ()]))
    else:
        involvement = draw(_optional(_unique_texts().map(tuple)))
    return ScrutinyArrangement(
        independent_scrutineers=independent_scrutineers,
        scrutineer_count=count,
        independent_chair=independent_chair,
        chair_also_scrutinises=chair_also_scrutinises,
        scrutiny_panel=draw(_optional_bools()),
        children_in_scrutiny_role=children_in_scrutiny_role,
        children_involvement=involvement,
        # Plain strings on purpose: the model converts them to enum members.
        methods=draw(_optional(_unique_enums(ScrutinyMethod))),
        in_partnership_peer_review=draw(_optional_bools()),
        between_partnership_peer_review=draw(_optional_bools()),
        six_steps_framework=draw(_optional_bools()),
        areas=draw(_optional(_unique_enums(ScrutinyArea))),
    )


def scrutiny_arrangements() -> st.SearchStrategy[ScrutinyArrangement]:
    """Answers that never contradict each other; ``None`` (unknown) anywhere."""
    return _scrutiny_arrangements()


def partnerships() -> st.SearchStrategy[Partnership]:
    """A partnership with any partners, agencies and scrutiny arrangement."""
    return st.builds(
        Partnership,
        name=non_blank_text(),
        area=optional_text(),
        local_authorities=_unique_texts(),
        partners=st.lists(safeguarding_partners(), max_size=3),
        relevant_agencies=st.lists(relevant_agencies(), max_size=3),
        scrutiny=scrutiny_arrangements(),
    )


# --- checklists ------------------------------------------------------------------------------------


def rating_levels(level_id: str | None = None, points: int | None = None) -> st.SearchStrategy[RatingLevel]:
    """One level of a scale; its id is never a fixed state."""
    return st.builds(
        RatingLevel,
        id=st.just(level_id) if level_id is not None else _level_ids(),
        label=non_blank_text(),
        points=st.just(points) if points is not None else st.integers(min_value=0, max_value=2**40),
        colour=st.one_of(
            st.sampled_from(["default", "green", "amber", "red", "#ff0000", "bold red"]), text()
        ),
        description=optional_text(),
    )


@st.composite
def _rating_scales(draw: st.DrawFn, scale_id: str | None) -> RatingScale:
    ids = draw(st.lists(_level_ids(), min_size=2, max_size=5, unique=True))
    points = draw(st.lists(st.integers(min_value=0, max_value=2**40), min_size=len(ids), max_size=len(ids)))
    return RatingScale(
        id=scale_id if scale_id is not None else draw(dotted_ids()),
        name=draw(non_blank_text()),
        # Best first: points never rise, and equal points are allowed.
        levels=[draw(rating_levels(i, p)) for i, p in zip(ids, sorted(points, reverse=True), strict=True)],
        description=draw(optional_text()),
    )


def rating_scales(scale_id: str | None = None) -> st.SearchStrategy[RatingScale]:
    """A scale of two to five levels, best first, with points never rising (ties allowed)."""
    return _rating_scales(scale_id)


def sources(source_id: str | None = None) -> st.SearchStrategy[Source]:
    """A reference a criterion may cite."""
    return st.builds(
        Source,
        id=st.just(source_id) if source_id is not None else dotted_ids(),
        title=non_blank_text(),
        url=st.one_of(st.none(), st.just("https://www.gov.uk/government/publications/x?a=1#b"), text()),
        note=optional_text(),
        kind=st.sampled_from(SourceKind),
    )


def retired_criteria(
    criterion_id: str | None = None, *, live_ids: Sequence[str] = ()
) -> st.SearchStrategy[RetiredCriterion]:
    """A criterion an earlier version had, replaced by some of the live criteria given (or none)."""
    return st.builds(
        RetiredCriterion,
        id=st.just(criterion_id) if criterion_id is not None else dotted_ids(),
        title=non_blank_text(),
        text=non_blank_text(),
        retired_in=non_blank_text(),
        replaced_by=st.lists(st.sampled_from(live_ids), unique=True, max_size=2) if live_ids else st.just([]),
        reason=optional_text(),
    )


_themes = st.one_of(st.sampled_from(THEMES), text())


@st.composite
def _criteria(
    draw: st.DrawFn,
    *,
    criterion_id: str | None,
    section_question: ScrutinyQuestion | None,
    section_theme: str | None,
    scale_ids: Sequence[str],
    source_ids: Sequence[str],
) -> Criterion:
    question_choices: list[st.SearchStrategy[ScrutinyQuestion]] = [st.sampled_from(ScrutinyQuestion)]
    if section_question is not None:
        question_choices.append(st.just(section_question))  # the same as its section's: left out of files
    theme_choices: list[st.SearchStrategy[str | None]] = [_themes]
    if section_theme is not None:
        theme_choices.append(st.just(section_theme))
    theme_choices.append(st.none())  # no theme, even where its section has one
    return Criterion(
        id=criterion_id if criterion_id is not None else draw(dotted_ids()),
        title=draw(non_blank_text()),
        text=draw(non_blank_text()),
        question=draw(st.one_of(question_choices)),
        theme=draw(st.one_of(theme_choices)),
        guidance=draw(optional_text()),
        evidence_prompts=draw(st.lists(text(), max_size=3)),
        tags=draw(_unique_texts()),
        sources=draw(st.lists(st.sampled_from(source_ids), unique=True) if source_ids else st.just([])),
        obligation=draw(st.sampled_from(Obligation)),
        scale=draw(st.none() | st.sampled_from(scale_ids)) if scale_ids else None,
        contributed_by=draw(_optional(contributors())),
    )


def criteria(
    criterion_id: str | None = None,
    *,
    section_question: ScrutinyQuestion | None = None,
    section_theme: str | None = None,
    scale_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
) -> st.SearchStrategy[Criterion]:
    """A criterion whose scale and sources are among those given.

    Given its section's question and theme, the criterion sometimes shares them (so files leave them out)
    and sometimes states its own, or (for the theme) none at all.
    """
    return _criteria(
        criterion_id=criterion_id,
        section_question=section_question,
        section_theme=section_theme,
        scale_ids=tuple(scale_ids),
        source_ids=tuple(source_ids),
    )


@st.composite
def _sections(
    draw: st.DrawFn,
    *,
    section_id: str | None,
    scale_ids: Sequence[str],
    source_ids: Sequence[str],
    max_criteria: int,
) -> Section:
    sid = section_id if section_id is not None else draw(dotted_ids())
    question = draw(st.sampled_from(ScrutinyQuestion))
    theme = draw(_optional(_themes))
    # Criterion ids are the section's id plus one segment, so they are unique across a whole checklist.
    segments = draw(st.lists(id_segments(), max_size=max_criteria, unique=True))
    return Section(
        id=sid,
        title=draw(non_blank_text()),
        question=question,
        theme=theme,
        description=draw(optional_text()),
        criteria=[
            draw(
                criteria(
                    f"{sid}.{segment}",
                    section_question=question,
                    section_theme=theme,
                    scale_ids=scale_ids,
                    source_ids=source_ids,
                )
            )
            for segment in segments
        ],
    )


def sections(
    section_id: str | None = None,
    *,
    scale_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
    max_criteria: int = 4,
) -> st.SearchStrategy[Section]:
    """A section of criteria with ids unique within it, citing only the scales and sources given."""
    return _sections(
        section_id=section_id,
        scale_ids=tuple(scale_ids),
        source_ids=tuple(source_ids),
        max_criteria=max_criteria,
    )


@st.composite
def _checklists(draw: st.DrawFn) -> Checklist:
    scale_ids = draw(st.lists(dotted_ids(), min_size=1, max_size=3, unique=True))
    # Half the time the default scale alone, which files leave out.
    scales = (DEFAULT_SCALE,) if draw(st.booleans()) else tuple(draw(rating_scales(i)) for i in scale_ids)
    scale_ids = [s.id for s in scales]
    source_ids = draw(st.lists(dotted_ids(), max_size=3, unique=True))
    section_ids = draw(st.lists(dotted_ids(), max_size=3, unique=True))
    sections_drawn = [draw(sections(i, scale_ids=scale_ids, source_ids=source_ids)) for i in section_ids]
    live = [c.id for s in sections_drawn for c in s.criteria]
    # Retired ids are a segment no live criterion id has, so they never collide with one.
    retired_ids = draw(st.lists(id_segments().map(lambda s: f"retired.{s}"), max_size=2, unique=True))
    return Checklist(
        id=draw(dotted_ids()),
        version=draw(non_blank_text()),
        title=draw(non_blank_text()),
        description=draw(optional_text()),
        interpretation=draw(optional_text()),
        default_scale=draw(st.sampled_from(scale_ids)),
        scales=scales,
        sources=[draw(sources(i)) for i in source_ids],
        sections=sections_drawn,
        retired=[draw(retired_criteria(i, live_ids=live)) for i in retired_ids if i not in live],
    )


def checklists() -> st.SearchStrategy[Checklist]:
    """A valid checklist: unique ids, every source and scale reference resolving."""
    return _checklists()


# --- assessments -----------------------------------------------------------------------------------


def evidence() -> st.SearchStrategy[Evidence]:
    """A piece of evidence, restricted or not, dated or not."""
    return st.builds(
        Evidence,
        kind=st.sampled_from(EvidenceKind),
        reference=non_blank_text(),
        description=optional_text(),
        collected_on=_optional(dates()),
        restricted=st.booleans(),
    )


def actions() -> st.SearchStrategy[Action]:
    """An action in any status, with or without an owner and a due date."""
    return st.builds(
        Action,
        description=non_blank_text(),
        owner=optional_text(),
        due=_optional(dates()),
        status=st.sampled_from(ActionStatus),
    )


_fingerprints = st.one_of(st.from_regex(r"[0-9a-f]{16}", fullmatch=True), text())


def replies() -> st.SearchStrategy[Reply]:
    """A partner's reply to a rating."""
    return st.builds(Reply, by=non_blank_text(), text=non_blank_text(), replied_on=_optional(dates()))


def given_ratings(ratings: Sequence[str] | None = None) -> st.SearchStrategy[GivenRating]:
    """Another assessor's rating, kept beside a moderated verdict."""
    rating = st.sampled_from([*FIXED_STATES, *ratings]) if ratings is not None else dotted_ids()
    return st.builds(
        GivenRating, assessor=non_blank_text(), role=st.sampled_from(AssessorRole), rating=rating
    )


@st.composite
def _moderated(draw: st.DrawFn, ratings: Sequence[str] | None) -> ModeratedRating:
    levels = [NOT_APPLICABLE, *ratings] if ratings is not None else None
    agreed = draw(_optional(st.sampled_from(levels) if levels is not None else dotted_ids()))
    return ModeratedRating(
        rating=agreed,
        rationale=draw(non_blank_text() if agreed is not None else optional_text()),
        by=draw(non_blank_text() if agreed is not None else optional_text()),
        moderated_on=draw(_optional(dates())),
        ratings=draw(st.lists(given_ratings(ratings), min_size=0 if agreed is not None else 1, max_size=2)),
    )


def moderated_ratings(ratings: Sequence[str] | None = None) -> st.SearchStrategy[ModeratedRating]:
    """A moderation record: agreed (with its reasons and who agreed it) or still to agree."""
    return _moderated(ratings)


def responses(
    criterion_id: str | None = None, ratings: Sequence[str] | None = None
) -> st.SearchStrategy[Response]:
    """A response; its rating is one of ``ratings`` (or any id) or a fixed state."""
    rating = st.sampled_from([*FIXED_STATES, *ratings]) if ratings is not None else dotted_ids()
    return st.builds(
        Response,
        criterion=st.just(criterion_id) if criterion_id is not None else dotted_ids(),
        rating=rating,
        justification=optional_text(),
        evidence=st.lists(evidence(), max_size=3),
        notes=optional_text(),
        notes_restricted=st.booleans(),
        reply=_optional(replies()),
        actions=st.lists(actions(), max_size=2),
        rated_on=_optional(dates()),
        criterion_fingerprint=_optional(_fingerprints),
        prefilled=st.booleans(),
        moderated=_optional(moderated_ratings(ratings)),
    )


def assessors() -> st.SearchStrategy[Assessor]:
    """Who assessed, in any role."""
    return st.builds(
        Assessor, name=non_blank_text(), role=st.sampled_from(AssessorRole), organisation=optional_text()
    )


def assessed_agencies() -> st.SearchStrategy[AssessedAgency]:
    """The agency an assessment is of, in any sector or none."""
    return st.builds(AssessedAgency, name=non_blank_text(), sector=_optional(st.sampled_from(SECTORS)))


def checklist_refs() -> st.SearchStrategy[ChecklistRef]:
    """A reference to a checklist version, with or without its content hash."""
    return st.builds(
        ChecklistRef,
        id=dotted_ids(),
        version=non_blank_text(),
        content_hash=_optional(st.one_of(st.from_regex(r"sha256:[0-9a-f]{64}", fullmatch=True), text())),
    )


@st.composite
def _assessments(draw: st.DrawFn, checklist: Checklist | None) -> Assessment:
    if checklist is None:
        ids = draw(st.lists(dotted_ids(), max_size=4, unique=True))
        found = [draw(responses(i)) for i in ids]
        ref = draw(checklist_refs())
    else:
        chosen = (
            draw(st.lists(st.sampled_from(checklist.criteria), unique=True)) if checklist.criteria else []
        )
        found = [draw(responses(c.id, checklist.scale_for(c).level_ids)) for c in chosen]
        ref = ChecklistRef(id=checklist.id, version=checklist.version)
    return Assessment(
        checklist=ref,
        partnership=draw(partnerships()),
        assessor=draw(assessors()),
        assessed_on=draw(dates()),
        responses=found,
        notes=draw(optional_text()),
        provenance=draw(_optional(provenances())),
        agency=draw(_optional(assessed_agencies())),
    )


def assessments(checklist: Checklist | None = None) -> st.SearchStrategy[Assessment]:
    """An assessment with at most one response per criterion.

    Without a checklist, criteria and ratings are any ids; with one, responses answer its criteria with
    levels of their scales (or a fixed state).
    """
    return _assessments(checklist)


def contributors() -> st.SearchStrategy[Contributor]:
    """A distribution, with or without a version."""
    return st.builds(Contributor, name=non_blank_text(), version=optional_text())


def provenances() -> st.SearchStrategy[Provenance]:
    """A generator and the distributions behind a checklist."""
    return st.builds(
        Provenance, generator=non_blank_text(), contributors=st.lists(contributors(), max_size=3)
    )


def prefills() -> st.SearchStrategy[Prefill]:
    """A plugin's suggested rating, with its reason."""
    return st.builds(Prefill, criterion=dotted_ids(), rating=non_blank_text(), note=non_blank_text())


def section_additions() -> st.SearchStrategy[SectionAddition]:
    """Criteria to append to an existing section."""
    return st.builds(SectionAddition, section=dotted_ids(), criteria=st.lists(criteria(), max_size=2))


def checklist_extensions() -> st.SearchStrategy[ChecklistExtension]:
    """A plugin's extension of a checklist (not checked against any checklist here)."""
    return st.builds(
        ChecklistExtension,
        checklist=dotted_ids(),
        sections=st.lists(sections(), max_size=1),
        additions=st.lists(section_additions(), max_size=1),
        scales=st.lists(rating_scales(), max_size=1),
        sources=st.lists(sources(), max_size=2),
    )


STRATEGIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    SafeguardingPartner: safeguarding_partners,
    RelevantAgency: relevant_agencies,
    ScrutinyArrangement: scrutiny_arrangements,
    Partnership: partnerships,
    RatingLevel: rating_levels,
    RatingScale: rating_scales,
    Source: sources,
    RetiredCriterion: retired_criteria,
    Criterion: criteria,
    Section: sections,
    Checklist: checklists,
    Evidence: evidence,
    Action: actions,
    Response: responses,
    Assessor: assessors,
    AssessedAgency: assessed_agencies,
    ChecklistRef: checklist_refs,
    Assessment: assessments,
    Contributor: contributors,
    Reply: replies,
    GivenRating: given_ratings,
    ModeratedRating: moderated_ratings,
    Provenance: provenances,
    Prefill: prefills,
    SectionAddition: section_additions,
    ChecklistExtension: checklist_extensions,
}
"""The strategy for each model class; a test checks that no model class is missing."""


# --- values of the wrong type ----------------------------------------------------------------------

MISFITS: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    1,
    -1,
    2**70,
    1.5,
    1.0,
    float("nan"),
    "",
    " ",
    "text",
    "2026-03-31",
    "31/03/2027",
    "2026-13-45",
    "met",
    "document",
    "done",
    "who.a",
    date(2026, 3, 31),
    datetime(2026, 3, 31, 9, 30, tzinfo=UTC),  # a date, and a time: not what a date field holds
    b"bytes",
    (),
    [],
    ["text"],
    [1],
    [None],
    ("who.a", "who.b"),
    {"reference": "R"},
    {"a": 1},
    ScrutinyArea.IMPACT,  # text, but not plain text: a str subclass
    EvidenceKind.DATA,
    ActionStatus.DONE,
    DEFAULT_SCALE,
    ChecklistRef(id="c", version="1"),
    Contributor(name="someone"),
    object(),
)
"""Values of every kind a careless caller might put in a field: wrong types, and text that looks right."""


def misfits() -> st.SearchStrategy[object]:
    """A value that may well be the wrong type for a field: any of :data:`MISFITS`, or drawn at random."""
    return st.one_of(
        st.sampled_from(MISFITS),
        text(),
        st.integers(),
        st.floats(),
        st.dates(),
        st.datetimes(),
        st.lists(st.sampled_from(MISFITS), max_size=3),
        st.lists(text(), max_size=3).map(tuple),
    )


@st.composite
def _mutated(draw: st.DrawFn, value: Any) -> Any:  # any model object, or what one holds
    if type(value) is tuple:
        return tuple(draw(_mutated(item)) for item in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, object] = {}
    for field in attrs.fields(type(value)):
        roll = draw(st.integers(min_value=0, max_value=9))
        if roll == 0:
            changes[field.name] = draw(misfits())
        elif roll <= 2:  # one time in five, change something inside the field's value
            changes[field.name] = draw(_mutated(getattr(value, field.name)))
    try:
        return attrs.evolve(value, **changes)
    except (TypeError, ValueError):  # refused at once, as a model object should refuse what it cannot hold
        return value


def mutated(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """What ``strategy`` makes, with some fields, at any depth, given :func:`misfits` instead.

    A change is made with :func:`attrs.evolve`, as a caller would make it; one the model refuses (with a
    ``TypeError`` or ``ValueError``) is left out, so what comes out is whatever the model accepted.
    """
    return strategy.flatmap(_mutated)
