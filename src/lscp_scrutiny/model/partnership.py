"""The partnership being assessed and how it arranges independent scrutiny.

Every answer in a :class:`ScrutinyArrangement` may be ``None``: a question nobody answered is *unknown*,
never *no*. Counting "no" where the truth is "we were not told" is exactly the error the national study
avoided by counting each question over the partnerships that answered it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

from attrs import field, frozen

from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model._validators import (
    as_member,
    items_of,
    line_breaks,
    non_blank,
    optional_non_negative,
    optional_text,
    text_items,
    text_tuple,
    to_tuple,
    typed,
    unique_items,
)


class PartnerSector(enum.StrEnum):
    """The three statutory safeguarding partners (Children and Social Work Act 2017)."""

    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH = "health"


class AgencyKind(enum.StrEnum):
    """Kinds of relevant agency a partnership brings into its arrangements."""

    EDUCATION = "education"
    CHILDCARE = "childcare"
    EARLY_YEARS = "early_years"
    YOUTH_JUSTICE = "youth_justice"
    PROBATION = "probation"
    HEALTH_PROVIDER = "health_provider"
    HOUSING = "housing"
    VOLUNTARY_SECTOR = "voluntary_sector"
    FAITH = "faith"
    SPORT_AND_LEISURE = "sport_and_leisure"
    OTHER = "other"


SECTORS: tuple[str, ...] = tuple(member.value for member in (*PartnerSector, *AgencyKind))
"""The sectors an agency may be in: a statutory partner's sector or a kind of relevant agency (their values
never overlap)."""


class ScrutinyMethod(enum.StrEnum):
    """Methods of scrutiny; the study found the first four the most common."""

    INTERVIEWS = "interviews"
    DATA_ANALYSIS = "data_analysis"
    FOCUS_GROUPS = "focus_groups"
    OBSERVATION = "observation"
    MULTI_AGENCY_AUDIT = "multi_agency_audit"
    CASE_FILE_REVIEW = "case_file_review"
    PRACTITIONER_SURVEY = "practitioner_survey"
    CHILD_AND_FAMILY_FEEDBACK = "child_and_family_feedback"
    DOCUMENT_REVIEW = "document_review"
    OTHER = "other"


class ScrutinyArea(enum.StrEnum):
    """What is scrutinised: the six themes the study found."""

    LEADERSHIP = "leadership"
    RELEVANT_AGENCIES = "relevant_agencies"
    INFORMATION_SHARING = "information_sharing"
    QUALITY_ASSURANCE = "quality_assurance"
    EMBEDDING_LEARNING = "embedding_learning"
    IMPACT = "impact"


E = TypeVar("E", bound=enum.Enum)


def _enums(kind: type[E], values: Iterable[object] | None) -> tuple[E, ...] | None:
    # Whatever is not a list, or not a member, passes through: the type check refuses it, naming the field.
    items: object = None if values is None else to_tuple(values)
    if type(items) is not tuple:
        return items  # type: ignore[return-value] # not a list: the field's type check refuses it
    return tuple(as_member(kind, v) for v in items)


def _methods(values: Iterable[object] | None) -> tuple[ScrutinyMethod, ...] | None:
    return _enums(ScrutinyMethod, values)


def _areas(values: Iterable[object] | None) -> tuple[ScrutinyArea, ...] | None:
    return _enums(ScrutinyArea, values)


# Members in, the same members out (see the marks in _validators): the quick reader may call these.
_methods.keeps_fit = _areas.keeps_fit = True  # type: ignore[attr-defined]


@frozen(kw_only=True, field_transformer=typed)
class SafeguardingPartner:
    """One statutory partner: its organisation, lead safeguarding partner and delegate (WT2023)."""

    sector: PartnerSector = field(converter=PartnerSector)
    organisation: str = field(converter=line_breaks, validator=non_blank)
    lead: str | None = field(default=None, converter=optional_text)
    """The lead safeguarding partner's role, e.g. "Chief Executive"; ``None`` if not recorded."""
    delegate: str | None = field(default=None, converter=optional_text)
    """The delegated safeguarding partner's role; ``None`` if not recorded."""


@frozen(kw_only=True, field_transformer=typed)
class RelevantAgency:
    """A relevant agency included in the arrangements."""

    name: str = field(converter=line_breaks, validator=non_blank)
    kind: AgencyKind = field(default=AgencyKind.OTHER, converter=AgencyKind)


@frozen(kw_only=True, field_transformer=typed)
class ScrutinyArrangement:
    """WHO scrutinises, HOW, and WHAT: the questions of the national study. ``None`` means unknown."""

    # WHO
    independent_scrutineers: bool | None = None
    """Does the partnership employ one or more independent scrutineers?"""
    scrutineer_count: int | None = field(default=None, validator=optional_non_negative)
    independent_chair: bool | None = None
    chair_also_scrutinises: bool | None = None
    """Does the independent chair also hold scrutiny responsibilities?"""
    scrutiny_panel: bool | None = None
    """Is there a scrutiny committee or panel?"""
    children_in_scrutiny_role: bool | None = None
    """Are children and young people involved in a scrutiny role?"""
    children_involvement: tuple[str, ...] | None = field(
        default=None, converter=text_items, validator=unique_items
    )
    """How children and young people take part (e.g. subgroups, films, infographics, reports)."""
    # HOW
    methods: tuple[ScrutinyMethod, ...] | None = field(
        default=None, converter=_methods, validator=unique_items
    )
    in_partnership_peer_review: bool | None = None
    between_partnership_peer_review: bool | None = None
    six_steps_framework: bool | None = None
    """Has the partnership used the "Six Steps for Independent Scrutiny" framework?"""
    # WHAT
    areas: tuple[ScrutinyArea, ...] | None = field(default=None, converter=_areas, validator=unique_items)

    def __attrs_post_init__(self) -> None:
        """Reject answers that contradict each other (unknowns never contradict anything)."""
        issues: list[tuple[tuple[str | int, ...], str]] = []
        if self.independent_scrutineers is False and self.scrutineer_count:
            issues.append((("scrutineer_count",), "is above 0 but independent_scrutineers is false"))
        if self.independent_scrutineers is True and self.scrutineer_count == 0:
            issues.append((("scrutineer_count",), "is 0 but independent_scrutineers is true"))
        if self.independent_chair is False and self.chair_also_scrutinises is not None:
            issues.append((("chair_also_scrutinises",), "is answered but independent_chair is false"))
        if self.children_in_scrutiny_role is False and self.children_involvement:
            issues.append((("children_involvement",), "is listed but children_in_scrutiny_role is false"))
        if issues:
            raise ConsistencyError(issues)


@frozen(kw_only=True, field_transformer=typed)
class Partnership:
    """A safeguarding children partnership: its area, partners, relevant agencies and scrutiny."""

    name: str = field(converter=line_breaks, validator=non_blank)
    area: str | None = field(default=None, converter=optional_text)
    local_authorities: tuple[str, ...] = field(default=(), converter=text_tuple, validator=unique_items)
    partners: tuple[SafeguardingPartner, ...] = field(
        default=(), converter=to_tuple, validator=items_of(SafeguardingPartner)
    )
    relevant_agencies: tuple[RelevantAgency, ...] = field(
        default=(), converter=to_tuple, validator=items_of(RelevantAgency)
    )
    scrutiny: ScrutinyArrangement = ScrutinyArrangement()
