"""Moderation: several assessments of one partnership against one checklist, side by side.

Each assessment is evaluated against the same checklist (today's version of it), so every criterion
has one rating per assessor. Per criterion: the ratings, their spread in steps of the scale and
whether they agree; per group (all criteria, WHO/HOW/WHAT, each theme and section): pairwise percent
agreement and Krippendorff's alpha for ordinal data (:mod:`lscp_scrutiny.core.agreement`), with the
criteria and ratings each figure rests on. Not applicable and not yet assessed are missing data: they
are neither agreement nor disagreement (a criterion some call not applicable and others rate is shown
as an applicability dispute instead).

Objectivity flags say where an assessor rated a criterion about their own role or agency (declared by
the checklist, with criterion tags ``about:<assessor role>`` or ``about:<partner sector>``), and when
every assessment is a self-assessment, so nothing was challenged.

Pure computation: no files, no output.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from attrs import evolve, frozen

from lscp_scrutiny._version import __version__
from lscp_scrutiny.core.agreement import agreement
from lscp_scrutiny.core.comparison import compare
from lscp_scrutiny.core.evaluation import evaluate
from lscp_scrutiny.core.publication import make_public
from lscp_scrutiny.core.rules import ValidationRule
from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Assessment,
    AssessorRole,
    Checklist,
    Criterion,
    GivenRating,
    ModeratedRating,
    ScrutinyQuestion,
)
from lscp_scrutiny.model.labels import words_of
from lscp_scrutiny.model.summary import Change, CriterionResult, EvidenceView, LevelInfo, Summary

MODERATION_SCHEMA_VERSION = 1
ABOUT = "about:"
"""The prefix of a criterion tag naming whose work the criterion judges: ``about:independent_scrutineer``
(an assessor role) or ``about:police`` (a safeguarding partner's sector)."""
MIXED_SCALES = "criteria in this group are rated on different scales ({}); alpha compares one scale's levels"
"""Why alpha is not given for a group whose criteria use different scales."""


@frozen(kw_only=True)
class AssessorInfo:
    """One assessor of the moderation, and the key their ratings are shown under."""

    key: str
    """Unique among the assessors: the name, with `` (1)``, `` (2)``... added where names are shared."""
    name: str
    role: str
    organisation: str | None
    assessed_on: date
    checklist_version: str
    """The checklist version the assessment was made against."""
    source: str | None
    """The file it was read from, where known."""


@frozen(kw_only=True)
class RatingEntry:
    """One assessor's rating of one criterion, with what backs it."""

    assessor: str
    """The assessor's key."""
    rating: str
    rating_label: str
    position: int | None
    """Steps above the lowest level of the criterion's scale; ``None`` for not applicable and not yet
    assessed (missing data)."""
    evidence_items: tuple[EvidenceView, ...]
    notes: str | None
    notes_restricted: bool
    justification: str | None
    own_work: bool
    """The criterion is about this assessor's own role or agency (see the objectivity flags)."""


@frozen(kw_only=True)
class CriterionAgreement:
    """One criterion across the assessors."""

    id: str
    title: str
    section: str
    question: str
    theme: str | None
    scale: str
    ratings: dict[str, str]
    """Assessor key -> rating id (fixed states included), in the assessors' order."""
    rated: int
    """Ratings on the scale (not applicable and not yet assessed are missing)."""
    spread: int | None
    """Steps of the scale between the highest and the lowest rating; ``None`` when fewer than two
    assessors rated it on the scale."""
    agree: bool | None
    """Every rating on the scale is the same level; ``None`` when fewer than two rated it."""
    applicability_disputed: bool
    """Some assessors marked it not applicable and others rated it."""
    entries: tuple[RatingEntry, ...]


@frozen(kw_only=True)
class GroupAgreement:
    """Agreement over a group of criteria: a WHO/HOW/WHAT question, a theme or a section."""

    id: str
    title: str
    criteria_in_group: int
    criteria_compared: int
    ratings_compared: int
    pairs: int
    agreeing_pairs: int
    percent_agreement: float | None
    krippendorff_alpha_ordinal: float | None
    alpha_note: str | None


@frozen(kw_only=True)
class ModerationAgreement:
    """Agreement over every criterion, then by group, then criterion by criterion."""

    criteria_in_group: int
    criteria_compared: int
    """Criteria rated on the scale by two or more assessors: the only ones the figures count."""
    ratings_compared: int
    pairs: int
    agreeing_pairs: int
    percent_agreement: float | None
    """Share (0 to 1) of pairs of ratings of the same criterion that are the same level."""
    krippendorff_alpha_ordinal: float | None
    alpha_note: str | None
    questions: tuple[GroupAgreement, ...]
    themes: tuple[GroupAgreement, ...]
    sections: tuple[GroupAgreement, ...]
    criteria: tuple[CriterionAgreement, ...]


class ObjectivityKind(enum.StrEnum):
    """What an objectivity flag is about."""

    OWN_ROLE = "own_role"
    """An assessor rated a criterion about their own role."""
    OWN_AGENCY = "own_agency"
    """An assessor from a safeguarding partner rated a criterion about that partner."""
    NO_CHALLENGE = "no_challenge"
    """Every assessment is a self-assessment: nobody from outside challenged the ratings."""


@frozen(kw_only=True)
class ObjectivityFlag:
    """Something that limits how objective the ratings can be."""

    kind: ObjectivityKind
    message: str
    criterion: str | None = None
    assessor: str | None = None


@frozen(kw_only=True)
class VersionDifference:
    """A criterion that differs between the checklist version an assessment answered and today's."""

    criterion: str
    title: str
    assessor: str
    checklist_version: str
    change: str
    """``added`` (not in the assessment's version: its rating is missing), ``removed`` (rated, but no
    longer in the checklist: not counted) or ``reworded`` (rated when the wording was different)."""


@frozen(kw_only=True)
class Moderation:
    """Several assessments of one partnership against one checklist, and how far they agree."""

    schema_version: int
    generator: str
    partnership: str
    area: str | None
    checklist: str
    checklist_version: str
    checklist_title: str
    as_of: date
    public: bool
    """Restricted evidence and notes are withheld (every rating and figure is kept)."""
    assessors: tuple[AssessorInfo, ...]
    levels: tuple[LevelInfo, ...]
    agreement: ModerationAgreement
    version_differences: tuple[VersionDifference, ...]
    objectivity: tuple[ObjectivityFlag, ...]


def _same(text: str) -> str:
    return " ".join(text.casefold().split())


def moderation_problems(
    assessments: Sequence[Assessment], sources: Sequence[str] | None = None
) -> list[Problem]:
    """Why these assessments cannot be moderated together (none if they can).

    Fewer than two, or not of one partnership against one checklist: each problem names the file
    (``sources``) it is about. Partnership names are compared ignoring case and spacing.
    """
    names = (
        list(sources) if sources is not None else [f"<assessment {i + 1}>" for i in range(len(assessments))]
    )
    if len(assessments) < 2:  # noqa: PLR2004 - moderation compares
        where = names[0] if names else "<moderate>"
        given = "only one was given" if assessments else "none were given"
        return [
            Problem(
                source=where, message=f"moderation needs two or more assessments of one partnership; {given}"
            )
        ]
    first, first_name = assessments[0], names[0]
    problems = []
    for assessment, name in zip(assessments[1:], names[1:], strict=True):
        if _same(assessment.partnership.name) != _same(first.partnership.name):
            problems.append(
                Problem(
                    source=name,
                    message=f"this assessment is of {assessment.partnership.name!r}, not "
                    f"{first.partnership.name!r} as {first_name} is; moderate one partnership at a time",
                )
            )
        elif assessment.checklist.id != first.checklist.id:
            problems.append(
                Problem(
                    source=name,
                    message=f"this assessment answers checklist {assessment.checklist.id!r}, not "
                    f"{first.checklist.id!r} as {first_name} does; moderate one checklist at a time",
                )
            )
    return problems


def assessor_keys(names: Sequence[str]) -> list[str]:
    """A unique key per assessor, to show their ratings under.

    The name; where several assessors share it (case and spacing aside), the name followed by `` (1)``,
    `` (2)``... in the order given. A key made so never repeats another assessor's name.
    """
    shared: dict[str, int] = {}
    for name in names:
        shared[_same(name)] = shared.get(_same(name), 0) + 1
    taken = {name for name in names if shared[_same(name)] == 1}
    counters: dict[str, int] = {}
    keys = []
    for name in names:
        if shared[_same(name)] == 1:
            keys.append(name)
            continue
        number = counters.get(_same(name), 0)
        while True:
            number += 1
            key = f"{name} ({number})"
            if key not in taken:
                break
        counters[_same(name)] = number
        taken.add(key)
        keys.append(key)
    return keys


def _positions(checklist: Checklist, criterion: Criterion) -> dict[str, int]:
    levels = checklist.scale_for(criterion).levels
    return {level.id: len(levels) - 1 - index for index, level in enumerate(levels)}


def _about(criterion: Criterion) -> set[str]:
    return {tag[len(ABOUT) :] for tag in criterion.tags if tag.startswith(ABOUT)}


def _own_work(criterion: Criterion, assessment: Assessment) -> ObjectivityKind | None:
    about = _about(criterion)
    if not about:
        return None
    if assessment.assessor.role.value in about:
        return ObjectivityKind.OWN_ROLE
    organisation = _same(assessment.assessor.organisation or "")
    if organisation and any(
        partner.sector.value in about and _same(partner.organisation) == organisation
        for partner in assessment.partnership.partners
    ):
        return ObjectivityKind.OWN_AGENCY
    return None


def _differences(key: str, summary: Summary) -> list[VersionDifference]:
    """What ``report --compare`` would list as added or removed for this assessment's checklist version.

    Both sides of the comparison are the assessment evaluated against today's checklist, so the only
    criteria :func:`~lscp_scrutiny.core.comparison.compare` finds added or removed are the ones its own
    version lacked or had beyond today's; the criteria reworded since it was rated are added here.
    """
    if summary.changes is None:
        return []
    comparison = compare(summary, summary).comparison
    assert comparison is not None  # noqa: S101 - compare always attaches one
    version = summary.checklist.assessed_version
    found = [
        VersionDifference(
            criterion=c.id, title=c.title, assessor=key, checklist_version=version, change=c.change.value
        )
        for c in comparison.criteria
        if c.change in {Change.ADDED, Change.REMOVED}
    ]
    titles = {c.id: c.title for s in summary.sections for c in s.criteria}
    found += [
        VersionDifference(
            criterion=c, title=titles.get(c, c), assessor=key, checklist_version=version, change="reworded"
        )
        for c in summary.changes.reworded
    ]
    return found


def _group(
    group_id: str, title: str, criteria: list[CriterionAgreement], units: dict[str, list[int | None]]
) -> GroupAgreement:
    found = agreement(units[c.id] for c in criteria)
    scales = sorted({c.scale for c in criteria})
    if len(scales) > 1 and found.krippendorff_alpha_ordinal is not None:
        found = evolve(
            found, krippendorff_alpha_ordinal=None, alpha_note=MIXED_SCALES.format(", ".join(scales))
        )
    return GroupAgreement(
        id=group_id,
        title=title,
        criteria_in_group=len(criteria),
        criteria_compared=found.criteria_compared,
        ratings_compared=found.ratings_compared,
        pairs=found.pairs,
        agreeing_pairs=found.agreeing_pairs,
        percent_agreement=found.percent_agreement,
        krippendorff_alpha_ordinal=found.krippendorff_alpha_ordinal,
        alpha_note=found.alpha_note,
    )


def moderate(
    assessments: Iterable[Assessment],
    checklist: Checklist,
    *,
    as_of: date | None = None,
    sources: Sequence[str] | None = None,
    rules: Iterable[ValidationRule] = (),
    public: bool = False,
) -> Moderation:
    """Several assessments of one partnership against ``checklist``, side by side, and their agreement.

    Every assessment is evaluated against ``checklist`` (with ``rules``, and ``as_of`` for overdue
    actions), so it must be the checklist the assessments name, in any version. ``sources`` names each
    assessment's file in messages and in the result. ``public`` withholds restricted evidence and notes.
    Raises :class:`~lscp_scrutiny.errors.InvalidInputError` for fewer than two assessments, assessments
    of different partnerships or checklists, or an assessment that does not fit the checklist.
    """
    given = list(assessments)
    if sources is not None and len(sources) != len(given):
        msg = f"{len(sources)} sources for {len(given)} assessments: give one source per assessment"
        raise ValueError(msg)
    problems = moderation_problems(given, sources)
    if not problems and given[0].checklist.id != checklist.id:
        problems = [
            Problem(
                source=sources[0] if sources else "<assessment 1>",
                message=f"this assessment answers checklist {given[0].checklist.id!r}, not {checklist.id!r}",
            )
        ]
    if problems:
        raise InvalidInputError(problems)
    rules = tuple(rules)
    summaries = [evaluate(a, checklist, as_of=as_of, rules=rules) for a in given]
    if public:
        summaries = [make_public(s) for s in summaries]
    keys = assessor_keys([a.assessor.name for a in given])
    names = list(sources) if sources is not None else [None] * len(given)
    assessors = tuple(
        AssessorInfo(
            key=key,
            name=a.assessor.name,
            role=a.assessor.role.value,
            organisation=a.assessor.organisation,
            assessed_on=a.assessed_on,
            checklist_version=a.checklist.version,
            source=name,
        )
        for key, a, name in zip(keys, given, names, strict=True)
    )
    results = [{c.id: c for s in summary.sections for c in s.criteria} for summary in summaries]
    objectivity: list[ObjectivityFlag] = []
    criteria: list[CriterionAgreement] = []
    units: dict[str, list[int | None]] = {}
    for section in checklist.sections:
        for criterion in section.criteria:
            positions = _positions(checklist, criterion)
            entries = []
            for key, assessment, by_id in zip(keys, given, results, strict=True):
                result = by_id[criterion.id]
                own = _own_work(criterion, assessment) if result.rating != NOT_ASSESSED else None
                if own is not None:
                    objectivity.append(_own_flag(own, criterion, key, assessment))
                entries.append(_entry(key, result, positions, own_work=own is not None))
            values = [e.position for e in entries]
            units[criterion.id] = values
            scored = [v for v in values if v is not None]
            spread = max(scored) - min(scored) if len(scored) >= 2 else None  # noqa: PLR2004
            criteria.append(
                CriterionAgreement(
                    id=criterion.id,
                    title=criterion.title,
                    section=section.id,
                    question=criterion.question.value,
                    theme=criterion.theme,
                    scale=checklist.scale_for(criterion).id,
                    ratings={e.assessor: e.rating for e in entries},
                    rated=len(scored),
                    spread=spread,
                    agree=None if spread is None else spread == 0,
                    applicability_disputed=bool(scored) and any(e.rating == NOT_APPLICABLE for e in entries),
                    entries=tuple(entries),
                )
            )
    if all(a.assessor.role is AssessorRole.SELF_ASSESSMENT for a in given):
        objectivity.insert(
            0,
            ObjectivityFlag(
                kind=ObjectivityKind.NO_CHALLENGE,
                message=f"all {len(given)} assessments are self-assessments: no peer reviewer or independent "
                "scrutineer has challenged these ratings",
            ),
        )
    overall = _group("all", "All criteria", criteria, units)
    by_question = [
        _group(q.value, q.value.upper(), [c for c in criteria if c.question == q.value], units)
        for q in ScrutinyQuestion
        if any(c.question == q.value for c in criteria)
    ]
    themes = list(dict.fromkeys(c.theme for c in criteria if c.theme))
    by_theme = [_group(t, words_of(t), [c for c in criteria if c.theme == t], units) for t in themes]
    by_section = [
        _group(s.id, s.title, [c for c in criteria if c.section == s.id], units)
        for s in checklist.sections
        if s.criteria
    ]
    differences = [
        d for key, summary in zip(keys, summaries, strict=True) for d in _differences(key, summary)
    ]
    first = given[0]
    return Moderation(
        schema_version=MODERATION_SCHEMA_VERSION,
        generator=f"lscp-scrutiny {__version__}",
        partnership=first.partnership.name,
        area=first.partnership.area,
        checklist=checklist.id,
        checklist_version=checklist.version,
        checklist_title=checklist.title,
        as_of=summaries[0].as_of,
        public=public,
        assessors=assessors,
        levels=summaries[0].levels,
        agreement=ModerationAgreement(
            criteria_in_group=overall.criteria_in_group,
            criteria_compared=overall.criteria_compared,
            ratings_compared=overall.ratings_compared,
            pairs=overall.pairs,
            agreeing_pairs=overall.agreeing_pairs,
            percent_agreement=overall.percent_agreement,
            krippendorff_alpha_ordinal=overall.krippendorff_alpha_ordinal,
            alpha_note=overall.alpha_note,
            questions=tuple(by_question),
            themes=tuple(by_theme),
            sections=tuple(by_section),
            criteria=tuple(criteria),
        ),
        version_differences=tuple(differences),
        objectivity=tuple(objectivity),
    )


def _own_flag(
    kind: ObjectivityKind, criterion: Criterion, key: str, assessment: Assessment
) -> ObjectivityFlag:
    if kind is ObjectivityKind.OWN_ROLE:
        whose = f"their own role ({words_of(assessment.assessor.role.value)})"
    else:
        whose = f"their own agency ({assessment.assessor.organisation})"
    return ObjectivityFlag(
        kind=kind,
        criterion=criterion.id,
        assessor=key,
        message=f"{key} rated {criterion.id}, which is about {whose}",
    )


def _entry(key: str, result: CriterionResult, positions: dict[str, int], *, own_work: bool) -> RatingEntry:
    return RatingEntry(
        assessor=key,
        rating=result.rating,
        rating_label=result.rating_label,
        position=positions.get(result.rating),
        evidence_items=result.evidence_items,
        notes=result.notes,
        notes_restricted=result.notes_restricted,
        justification=result.justification,
        own_work=own_work,
    )


def agenda(moderation: Moderation) -> tuple[CriterionAgreement, ...]:
    """The criteria to discuss, most disagreement first: every criterion whose assessors do not all agree.

    Ordered by spread (widest first), then by the share of pairs that disagree, then applicability
    disputes, then checklist order. Criteria every assessor rated the same, and ones rated by fewer than
    two without a dispute, are left out.
    """
    order = {c.id: index for index, c in enumerate(moderation.agreement.criteria)}

    def disagreeing(c: CriterionAgreement) -> float:
        scored = [e.position for e in c.entries if e.position is not None]
        pairs = len(scored) * (len(scored) - 1) // 2
        same = sum(scored.count(v) * (scored.count(v) - 1) // 2 for v in set(scored))
        return (pairs - same) / pairs if pairs else 0.0

    chosen = [c for c in moderation.agreement.criteria if c.agree is False or c.applicability_disputed]
    return tuple(
        sorted(
            chosen,
            key=lambda c: (-(c.spread or 0), -disagreeing(c), not c.applicability_disputed, order[c.id]),
        )
    )


__all__ = [
    "ABOUT",
    "MODERATION_SCHEMA_VERSION",
    "AssessorInfo",
    "CriterionAgreement",
    "GroupAgreement",
    "Moderation",
    "ModerationAgreement",
    "ObjectivityFlag",
    "ObjectivityKind",
    "RatingEntry",
    "VersionDifference",
    "agenda",
    "assessor_keys",
    "moderate",
    "moderation_problems",
]


def moderated_assessment(
    assessments: Sequence[Assessment],
    checklist: Checklist,
    *,
    agreed: Mapping[str, tuple[str, str]] | None = None,
    by: str | None = None,
    on: date | None = None,
) -> Assessment:
    """A moderated assessment: the first assessment, each criterion carrying every other assessor's rating.

    The first assessment's own ratings stay as they are (never overwritten). Each criterion that anyone
    rated gets a :class:`~lscp_scrutiny.model.ModeratedRating` holding the others' ratings; where
    ``agreed`` (criterion id -> (rating, rationale), as read back from the meeting's agenda) has the
    criterion, the agreed rating, its rationale, ``by`` and ``on`` too. Without ``agreed`` it is the
    moderated file started, for the meeting to fill in. Raises
    :class:`~lscp_scrutiny.errors.InvalidInputError` as :func:`moderate` does, and for an agreed
    criterion the checklist does not have, or an agreed rating without ``by``.
    """
    given = list(assessments)
    problems = moderation_problems(given, None)
    agreed = dict(agreed or {})
    unknown = [c for c in agreed if not checklist.has_criterion(c)]
    problems += [
        Problem(source="<agreed>", message=f"no criterion {c!r} in {checklist.id} {checklist.version}")
        for c in unknown
    ]
    if agreed and not (by or "").strip():
        problems.append(
            Problem(source="<agreed>", message="say who agreed the ratings (the panel or meeting)")
        )
    if problems:
        raise InvalidInputError(problems)
    base, others = given[0], given[1:]
    moderated = base
    for criterion in checklist.criteria:
        ratings = tuple(
            GivenRating(assessor=other.assessor.name, role=other.assessor.role, rating=response.rating)
            for other in others
            if (response := other.response(criterion.id)).is_assessed
        )
        own = base.response(criterion.id)
        if criterion.id in agreed:
            rating, rationale = agreed[criterion.id]
            record = ModeratedRating(
                rating=rating, rationale=rationale, by=by, moderated_on=on, ratings=ratings
            )
        elif ratings:
            record = ModeratedRating(ratings=ratings)
        else:
            continue
        moderated = moderated.with_response(evolve(own, moderated=record))
    return moderated
