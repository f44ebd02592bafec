"""Checklists: sections of criteria, each rated on a rating scale declared in data.

A scale's levels are ordered best first and carry whole-number points. Two states exist on every scale
and cannot be redefined: :data:`NOT_APPLICABLE` (which needs a justification) and :data:`NOT_ASSESSED`.
"""

from __future__ import annotations

import enum
import hashlib
import unicodedata
from functools import cached_property

from attrs import field, frozen

from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model._contributor import Contributor
from lscp_scrutiny.model._validators import (
    dotted_id,
    items_of,
    non_blank,
    to_tuple,
    typed,
    unique_items,
)

NOT_APPLICABLE = "not_applicable"
"""The fixed state for a criterion that does not apply; a justification is expected."""
NOT_ASSESSED = "not_assessed"
"""The fixed state for a criterion nobody has rated yet."""
FIXED_STATES = (NOT_APPLICABLE, NOT_ASSESSED)

# The six WHAT themes of the national study. A checklist may use other themes (a plugin's, say).
THEMES = (
    "leadership",
    "relevant_agencies",
    "information_sharing",
    "quality_assurance",
    "embedding_learning",
    "impact",
)


class ScrutinyQuestion(enum.StrEnum):
    """The three questions of the national study: who scrutinises, how, and what."""

    WHO = "who"
    HOW = "how"
    WHAT = "what"


class Obligation(enum.StrEnum):
    """How strongly a criterion is expected: statute or statutory guidance, strong expectation, option."""

    MUST = "must"
    SHOULD = "should"
    MAY = "may"


@frozen(kw_only=True, field_transformer=typed)
class RatingLevel:
    """One level of a rating scale."""

    id: str = field(validator=dotted_id)
    label: str = field(validator=non_blank)
    points: int = field()
    colour: str = "default"
    description: str | None = None

    @id.validator
    def _not_fixed(self, _attribute: object, value: str) -> None:
        if value in FIXED_STATES:
            msg = f"level id {value!r} is reserved for the fixed state of that name"
            raise ValueError(msg)

    @points.validator
    def _points(self, _attribute: object, value: int) -> None:
        if value < 0:
            msg = f"points must not be negative, got {value}"
            raise ValueError(msg)


@frozen(kw_only=True, field_transformer=typed)
class RatingScale:
    """An ordered rating scale: ``levels`` run from best to worst."""

    id: str = field(validator=dotted_id)
    name: str = field(validator=non_blank)
    levels: tuple[RatingLevel, ...] = field(converter=to_tuple, validator=items_of(RatingLevel))
    description: str | None = None

    @levels.validator
    def _levels(self, _attribute: object, value: tuple[RatingLevel, ...]) -> None:
        if len(value) < 2:  # noqa: PLR2004 - a scale of one level cannot discriminate
            msg = "a rating scale needs at least two levels"
            raise ValueError(msg)
        ids = [level.id for level in value]
        if len(set(ids)) != len(ids):
            msg = f"level ids repeat: {', '.join(ids)}"
            raise ValueError(msg)
        points = [level.points for level in value]
        if points != sorted(points, reverse=True):
            msg = "levels must run from best to worst, with points never rising"
            raise ValueError(msg)

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        """The ids of the levels, best first."""
        return tuple(level.id for level in self.levels)

    @property
    def max_points(self) -> int:
        """Points of the best level."""
        return self.levels[0].points

    def level(self, level_id: str) -> RatingLevel:
        """The level with this id; :class:`KeyError` if the scale has none."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def accepts(self, rating: str) -> bool:
        """Whether a rating is one of the levels or a fixed state."""
        return rating in FIXED_STATES or rating in self.level_ids


DEFAULT_SCALE = RatingScale(
    id="met-partly-not",
    name="Met, partly met, not met",
    levels=(
        RatingLevel(id="met", label="Met", points=2, colour="green"),
        RatingLevel(id="partly_met", label="Partly met", points=1, colour="amber"),
        RatingLevel(id="not_met", label="Not met", points=0, colour="red"),
    ),
)
"""The scale a checklist uses when it declares none."""


class SourceKind(enum.StrEnum):
    """What kind of document a source is. Legislation and statutory guidance are the primary sources."""

    LEGISLATION = "legislation"
    STATUTORY_GUIDANCE = "statutory_guidance"
    GOVERNMENT = "government"
    """Other government publications: non-statutory guidance, written parliamentary answers."""
    RESEARCH = "research"
    SECTOR = "sector"
    """National bodies, What Works Centres, charities and professional briefings."""
    LOCAL = "local"
    """A partnership's or council's own pages: local practice, not a rule."""
    OTHER = "other"

    @property
    def is_primary(self) -> bool:
        """Whether the source is the law itself or statutory guidance."""
        return self is SourceKind.LEGISLATION or self is SourceKind.STATUTORY_GUIDANCE


@frozen(kw_only=True, field_transformer=typed)
class Source:
    """A reference a criterion rests on."""

    id: str = field(validator=dotted_id)
    title: str = field(validator=non_blank)
    url: str | None = None
    note: str | None = None
    kind: SourceKind = field(default=SourceKind.OTHER, converter=SourceKind)
    """What kind of document it is; a ``must`` criterion should rest on a primary one."""


def fingerprint(text: str) -> str:
    """A short, stable hash of a criterion's wording, blind to spacing and Unicode normal form."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@frozen(kw_only=True, field_transformer=typed)
class Criterion:
    """One statement a partnership is assessed against."""

    id: str = field(validator=dotted_id)
    title: str = field(validator=non_blank)
    text: str = field(validator=non_blank)
    question: ScrutinyQuestion = field(converter=ScrutinyQuestion)
    theme: str | None = None
    guidance: str | None = None
    evidence_prompts: tuple[str, ...] = field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = field(default=(), converter=to_tuple, validator=unique_items)
    sources: tuple[str, ...] = field(default=(), converter=to_tuple, validator=unique_items)
    obligation: Obligation = field(default=Obligation.SHOULD, converter=Obligation)
    scale: str | None = None
    """The id of the scale this criterion uses; ``None`` means the checklist's default scale."""
    contributed_by: Contributor | None = field(default=None, eq=False)
    """The distribution (and version) that contributed the criterion; set when a plugin registers it.
    Provenance, not content: left out of equality and of the checklist's content hash, so a checklist
    read from its file equals the registered one, and a plugin release that changes no wording changes
    nothing an assessment depends on."""

    @cached_property
    def fingerprint(self) -> str:
        """Hash of the wording, stored with each rating to spot ratings given to different words."""
        return fingerprint(self.text)


@frozen(kw_only=True, field_transformer=typed)
class Section:
    """A group of criteria under one question (and, for WHAT, one theme)."""

    id: str = field(validator=dotted_id)
    title: str = field(validator=non_blank)
    question: ScrutinyQuestion = field(converter=ScrutinyQuestion)
    theme: str | None = None
    description: str | None = None
    criteria: tuple[Criterion, ...] = field(default=(), converter=to_tuple, validator=items_of(Criterion))


@frozen(kw_only=True, field_transformer=typed)
class RetiredCriterion:
    """A criterion an earlier version of the checklist had and this one does not.

    Kept, with its wording, so that ratings given to it can still be read (and are kept in the file, not
    counted), so that :func:`lscp_scrutiny.migrate` knows where they go, and so that the documentation
    can say what was retired when (as the OpenSSF Best Practices badge keeps its retired criteria).
    """

    id: str = field(validator=dotted_id)
    title: str = field(validator=non_blank)
    text: str = field(validator=non_blank)
    """The wording it had when it was retired."""
    retired_in: str = field(validator=non_blank)
    """The version of the checklist that no longer has it."""
    replaced_by: tuple[str, ...] = field(default=(), converter=to_tuple, validator=unique_items)
    """The criteria that take its place; a migration moves its rating, evidence and actions to them, for a
    person to confirm. Empty when nothing replaces it."""
    reason: str | None = None

    @property
    def fingerprint(self) -> str:
        """Hash of the wording it had, as stored with the ratings given to it."""
        return fingerprint(self.text)


# Hashed often (the content-hash cache), and never changed: the hash is kept.
@frozen(kw_only=True, field_transformer=typed, cache_hash=True)
class Checklist:
    """A versioned checklist: rating scales, sources and sections of criteria."""

    id: str = field(validator=dotted_id)
    version: str = field(validator=non_blank)
    title: str = field(validator=non_blank)
    description: str | None = None
    interpretation: str | None = None
    """How the wording relates to any published original (the built-in one is our interpretation)."""
    default_scale: str = DEFAULT_SCALE.id
    scales: tuple[RatingScale, ...] = field(
        default=(DEFAULT_SCALE,), converter=to_tuple, validator=items_of(RatingScale)
    )
    sources: tuple[Source, ...] = field(default=(), converter=to_tuple, validator=items_of(Source))
    sections: tuple[Section, ...] = field(default=(), converter=to_tuple, validator=items_of(Section))
    retired: tuple[RetiredCriterion, ...] = field(
        default=(), converter=to_tuple, validator=items_of(RetiredCriterion)
    )
    """Criteria of earlier versions that this one no longer has."""

    def __attrs_post_init__(self) -> None:
        """Check that ids are unique and that every reference resolves."""
        issues: list[tuple[tuple[str | int, ...], str]] = []
        scale_ids = [s.id for s in self.scales]
        issues += _repeats("scales", "scale", scale_ids)
        if self.default_scale not in scale_ids:
            issues.append(
                (("default_scale",), f"default_scale {self.default_scale!r} is not one of the scales")
            )
        source_ids = {s.id for s in self.sources}
        issues += _repeats("sources", "source", [s.id for s in self.sources])
        issues += _repeats("sections", "section", [s.id for s in self.sections])
        seen: set[str] = set()
        for i, section in enumerate(self.sections):
            for j, criterion in enumerate(section.criteria):
                where: tuple[str | int, ...] = ("sections", i, "criteria", j)
                if criterion.id in seen:
                    issues.append(((*where, "id"), f"criterion id {criterion.id!r} is used more than once"))
                seen.add(criterion.id)
                if criterion.scale is not None and criterion.scale not in scale_ids:
                    issues.append(
                        (
                            (*where, "scale"),
                            f"criterion {criterion.id} uses unknown scale {criterion.scale!r}",
                        )
                    )
                issues.extend(
                    ((*where, "sources"), f"criterion {criterion.id} cites unknown source {source!r}")
                    for source in criterion.sources
                    if source not in source_ids
                )
        issues += _repeats("retired", "retired criterion", [r.id for r in self.retired])
        for i, retired in enumerate(self.retired):
            if retired.id in seen:
                issues.append(
                    (("retired", i, "id"), f"criterion {retired.id!r} is both in the checklist and retired")
                )
            issues.extend(
                (
                    ("retired", i, "replaced_by"),
                    f"retired {retired.id} is replaced by unknown criterion {new!r}",
                )
                for new in retired.replaced_by
                if new not in seen
            )
        if issues:
            raise ConsistencyError(issues)

    @cached_property
    def _criteria(self) -> dict[str, Criterion]:
        return {c.id: c for s in self.sections for c in s.criteria}

    @cached_property
    def _scales(self) -> dict[str, RatingScale]:
        return {s.id: s for s in self.scales}

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in checklist order."""
        return tuple(self._criteria.values())

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id; :class:`KeyError` if there is none."""
        return self._criteria[criterion_id]

    def has_criterion(self, criterion_id: str) -> bool:
        """Whether the checklist has a criterion with this id."""
        return criterion_id in self._criteria

    @cached_property
    def _retired(self) -> dict[str, RetiredCriterion]:
        return {r.id: r for r in self.retired}

    def retired_criterion(self, criterion_id: str) -> RetiredCriterion | None:
        """The retired criterion with this id, or ``None`` if the checklist never retired one."""
        return self._retired.get(criterion_id)

    def scale_for(self, criterion: Criterion) -> RatingScale:
        """The scale a criterion is rated on."""
        return self._scales[criterion.scale or self.default_scale]

    def scale(self, scale_id: str) -> RatingScale:
        """The scale with this id; :class:`KeyError` if there is none."""
        return self._scales[scale_id]


def _repeats(field: str, kind: str, ids: list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    seen: set[str] = set()
    issues: list[tuple[tuple[str | int, ...], str]] = []
    for index, item in enumerate(ids):
        if item in seen:
            issues.append(((field, index, "id"), f"{kind} id {item!r} is used more than once"))
        seen.add(item)
    return issues
