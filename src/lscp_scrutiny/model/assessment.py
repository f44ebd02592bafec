"""An assessment: one partnership's responses to one version of a checklist."""

from __future__ import annotations

import enum
from datetime import date
from functools import cached_property

from attrs import evolve, field, frozen

from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model._validators import (
    dotted_id,
    items_of,
    line_breaks,
    non_blank,
    optional_text,
    to_tuple,
    typed,
)
from lscp_scrutiny.model.checklist import FIXED_STATES, NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.extension import Provenance
from lscp_scrutiny.model.partnership import SECTORS, AgencyKind, PartnerSector, Partnership


class AssessorRole(enum.StrEnum):
    """Who carried out the assessment."""

    SELF_ASSESSMENT = "self_assessment"
    PEER_REVIEW_IN_PARTNERSHIP = "peer_review_in_partnership"
    PEER_REVIEW_BETWEEN_PARTNERSHIPS = "peer_review_between_partnerships"
    INDEPENDENT_SCRUTINEER = "independent_scrutineer"


class EvidenceKind(enum.StrEnum):
    """Kinds of evidence; two or more kinds behind a rating make it triangulated."""

    DOCUMENT = "document"
    DATA = "data"
    AUDIT = "audit"
    PRACTITIONER_FEEDBACK = "practitioner_feedback"
    CHILD_FEEDBACK = "child_feedback"
    FAMILY_FEEDBACK = "family_feedback"
    OBSERVATION = "observation"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    """Where an action stands. Open and in-progress actions count as open."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Whether the action still needs doing."""
        return self is ActionStatus.OPEN or self is ActionStatus.IN_PROGRESS


@frozen(kw_only=True, field_transformer=typed)
class Evidence:
    """A piece of evidence behind a rating."""

    kind: EvidenceKind = field(converter=EvidenceKind)
    reference: str = field(converter=line_breaks, validator=non_blank)
    """Where to find it: a document title and paragraph, a dataset, an audit report."""
    description: str | None = field(default=None, converter=optional_text)
    collected_on: date | None = None
    restricted: bool = False
    """Marks evidence that may hold personal data; kept out of public reports."""


@frozen(kw_only=True, field_transformer=typed)
class Action:
    """Something to be done about a gap, with an owner and a due date."""

    description: str = field(converter=line_breaks, validator=non_blank)
    owner: str | None = field(default=None, converter=optional_text)
    due: date | None = None
    status: ActionStatus = field(default=ActionStatus.OPEN, converter=ActionStatus)

    def is_overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.status.is_open and self.due is not None and self.due < today


@frozen(kw_only=True, field_transformer=typed)
class Reply:
    """The assessed partner's response to a rating: kept beside the verdict, never changing it."""

    by: str = field(converter=line_breaks, validator=non_blank)
    """Who replies: a partner agency or its representative's role."""
    text: str = field(converter=line_breaks, validator=non_blank)
    replied_on: date | None = None


@frozen(kw_only=True, field_transformer=typed)
class GivenRating:
    """One assessor's rating of a criterion, kept beside the moderated verdict, never changed by it."""

    assessor: str = field(converter=line_breaks, validator=non_blank)
    role: AssessorRole = field(default=AssessorRole.SELF_ASSESSMENT, converter=AssessorRole)
    rating: str = NOT_ASSESSED
    """A level id of the criterion's scale, ``not_applicable`` or ``not_assessed``."""


@frozen(kw_only=True, field_transformer=typed)
class ModeratedRating:
    """The rating agreed when a rating was challenged or moderated, with who agreed it, when and why.

    The assessor's own rating stays in :attr:`Response.rating`, never overwritten; every report counts
    the agreed one and shows both. ``ratings`` keeps what the other assessors gave, where the verdict
    came from several (``lscp-scrutiny moderate ... -o`` starts such a file). ``rating`` is ``None``
    while the verdict is still to be agreed.
    """

    rating: str | None = None
    """The agreed rating: a level id of the criterion's scale or ``not_applicable``."""
    rationale: str | None = field(default=None, converter=optional_text)
    by: str | None = field(default=None, converter=optional_text)
    """Who agreed it: the moderation panel or meeting, or the partnership that challenged a return."""
    moderated_on: date | None = None
    ratings: tuple[GivenRating, ...] = field(default=(), converter=to_tuple, validator=items_of(GivenRating))
    """The ratings the assessors gave, each with who gave it (the file's own assessor's is ``rating``)."""
    rationale_restricted: bool = False
    """Marks the rationale as possibly holding personal data (a case discussed at the panel, say); public
    reports withhold it, as they withhold restricted notes."""

    def __attrs_post_init__(self) -> None:
        """An agreed rating says why and who agreed it; a record says something."""
        if self.rating is None:
            said = (self.rationale, self.by, self.moderated_on, *self.ratings)
            if all(item is None for item in said):
                msg = "a moderation record with nothing in it: give the agreed rating or the ratings given"
                raise ConsistencyError([((), msg)])
            return
        missing = [name for name in ("rationale", "by") if getattr(self, name) is None]
        if missing:
            issues: list[tuple[tuple[str | int, ...], str]] = [
                ((name,), f"an agreed rating needs its {name}") for name in missing
            ]
            raise ConsistencyError(issues)


@frozen(kw_only=True, field_transformer=typed)
class Response:
    """The rating of one criterion, with its evidence, notes and actions."""

    criterion: str = field(validator=dotted_id)
    rating: str = NOT_ASSESSED
    """A level id of the criterion's scale, ``not_applicable`` or ``not_assessed``."""
    justification: str | None = field(default=None, converter=optional_text)
    """Why the criterion does not apply (expected with ``not_applicable``)."""
    evidence: tuple[Evidence, ...] = field(default=(), converter=to_tuple, validator=items_of(Evidence))
    notes: str | None = field(default=None, converter=optional_text)
    notes_restricted: bool = False
    """Marks the notes as possibly holding personal data; public reports leave them out."""
    reply: Reply | None = None
    """The partner's right of reply to this rating (the rating stands as the assessor gave it)."""
    actions: tuple[Action, ...] = field(default=(), converter=to_tuple, validator=items_of(Action))
    rated_on: date | None = None
    criterion_fingerprint: str | None = field(default=None, converter=optional_text)
    """The fingerprint of the criterion's wording when it was rated, to spot stale ratings."""
    prefilled: bool = False
    """Suggested by a plugin from the partnership's data and not yet confirmed by a person. A person
    confirms a rating by removing this mark (or setting it to false)."""
    moderated: ModeratedRating | None = None
    """The rating agreed at moderation or challenge, beside this one; reports count the agreed one."""

    @property
    def verdict(self) -> str:
        """The rating that counts: the agreed one where moderation agreed one, else the assessor's own."""
        agreed = self.moderated.rating if self.moderated is not None else None
        return agreed if agreed is not None else self.rating

    def rated_to_other_wording(self, fingerprint: str) -> bool:
        """Rated when the criterion was worded differently (its fingerprint then was not ``fingerprint``).

        Such a rating stands, flagged, until a person confirms it by recording the wording's fingerprint
        now (rating it again does).
        """
        given = self.criterion_fingerprint
        return self.is_assessed and given is not None and given != fingerprint

    @property
    def is_assessed(self) -> bool:
        """Rated on the scale or marked not applicable."""
        return self.rating != NOT_ASSESSED

    @property
    def is_scored(self) -> bool:
        """Rated on the scale (neither fixed state)."""
        return self.rating not in FIXED_STATES

    @property
    def is_not_applicable(self) -> bool:
        """Marked not applicable."""
        return self.rating == NOT_APPLICABLE


@frozen(kw_only=True, field_transformer=typed)
class Assessor:
    """Who assessed, in what role."""

    name: str = field(converter=line_breaks, validator=non_blank)
    role: AssessorRole = field(default=AssessorRole.SELF_ASSESSMENT, converter=AssessorRole)
    organisation: str | None = field(default=None, converter=optional_text)


def _sector_value(value: object) -> str | None:
    """A sector by its value: a member of either vocabulary is taken as its value."""
    if isinstance(value, (PartnerSector, AgencyKind)):
        return value.value
    return optional_text(value)  # type: ignore[arg-type] # anything else: the type check names the field


_sector_value.keeps_fit = True  # type: ignore[attr-defined] # text in, text out (see _validators)


def _sector(_inst: object, _attribute: object, value: str | None) -> None:
    if value is not None and value not in SECTORS:
        msg = f"sector {value!r} is not one of {', '.join(SECTORS)}"
        raise ValueError(msg)


@frozen(kw_only=True, field_transformer=typed)
class AssessedAgency:
    """The agency an assessment is of, where it is one agency's return within a partnership.

    A Section 11 self-assessment is made by each agency with a duty under section 11 of the Children Act
    2004 (or ss.157/175 of the Education Act 2002) and returned to the partnership; ``lscp-scrutiny
    rollup`` brings the returns together. An assessment of the partnership's own arrangements has none.
    """

    name: str = field(converter=line_breaks, validator=non_blank)
    sector: str | None = field(default=None, converter=_sector_value, validator=_sector)
    """A statutory partner's sector (:class:`~lscp_scrutiny.model.PartnerSector`) or a kind of relevant
    agency (:class:`~lscp_scrutiny.model.AgencyKind`), by value; ``None`` if not recorded."""


@frozen(kw_only=True, field_transformer=typed)
class ChecklistRef:
    """Which checklist an assessment answers: its id, version and content hash."""

    id: str = field(validator=dotted_id)
    version: str = field(validator=non_blank)
    content_hash: str | None = field(default=None, converter=optional_text)


@frozen(kw_only=True, field_transformer=typed)
class Assessment:
    """One partnership's assessment against one checklist version."""

    checklist: ChecklistRef
    partnership: Partnership
    assessor: Assessor
    assessed_on: date
    responses: tuple[Response, ...] = field(default=(), converter=to_tuple, validator=items_of(Response))
    notes: str | None = field(default=None, converter=optional_text)
    provenance: Provenance | None = None
    """The library version and the plugins that shaped the checklist when the assessment was started."""
    agency: AssessedAgency | None = None
    """The agency assessed, where this is one agency's return (a Section 11 self-assessment); ``None``
    when the partnership's own arrangements are assessed."""

    @responses.validator
    def _one_response_per_criterion(self, _attribute: object, value: tuple[Response, ...]) -> None:
        seen: set[str] = set()
        for index, response in enumerate(value):
            if response.criterion in seen:
                msg = f"criterion {response.criterion} has more than one response"
                raise ConsistencyError([(("responses", index, "criterion"), msg)])
            seen.add(response.criterion)

    @cached_property
    def _by_criterion(self) -> dict[str, Response]:
        return {r.criterion: r for r in self.responses}

    def response(self, criterion_id: str) -> Response:
        """The response to a criterion, or a blank one if it has none yet."""
        found = self._by_criterion.get(criterion_id)
        return found if found is not None else Response(criterion=criterion_id)

    def with_response(self, response: Response) -> Assessment:
        """A copy with this response added, or replacing the one for the same criterion."""
        if response.criterion in self._by_criterion:
            responses = tuple(response if r.criterion == response.criterion else r for r in self.responses)
        else:
            responses = (*self.responses, response)
        return evolve(self, responses=responses)
