"""The evaluation summary: the one result every renderer reads, so no two outputs can disagree."""

from __future__ import annotations

import enum
from datetime import date

from attrs import frozen

from lscp_scrutiny.model import Contributor

SUMMARY_SCHEMA_VERSION = 1


@frozen(kw_only=True)
class ScoringMethod:
    """The name and version of the scoring method; every result carries it."""

    name: str
    version: str
    description: str


POINTS_SHARE = ScoringMethod(
    name="points-share",
    version="1.0",
    description=(
        "Each rated criterion earns the points of its level; the score is points earned over the most "
        "points the rated criteria could earn. Not applicable and not yet assessed criteria are counted "
        "apart and left out of both numbers."
    ),
)


class FlagKind(enum.StrEnum):
    """Things a reader should look at, short of the file being invalid."""

    NA_WITHOUT_JUSTIFICATION = "na_without_justification"
    NO_EVIDENCE = "no_evidence"
    STALE_RATING = "stale_rating"
    OVERDUE_ACTION = "overdue_action"
    CHECKLIST_CHANGED = "checklist_changed"
    CRITERION_ADDED = "criterion_added"
    CRITERION_REMOVED = "criterion_removed"
    PREFILLED = "prefilled"
    RULE = "rule"


@frozen(kw_only=True)
class Flag:
    """One flag, with the criterion it concerns (if any) and a readable message."""

    kind: FlagKind
    message: str
    criterion: str | None = None
    rule: str | None = None
    """For ``rule`` flags: the id of the validation rule that raised it."""


@frozen(kw_only=True)
class LevelInfo:
    """A rating level as the summary shows it."""

    id: str
    label: str
    points: int
    colour: str


@frozen(kw_only=True)
class Tally:
    """Counts and score for a group of criteria (a section, a question, a theme, or all)."""

    criteria: int
    counts: dict[str, int]
    """Criteria at each level of the scale(s) used, by level id."""
    not_applicable: int
    not_assessed: int
    points: int
    """Score numerator: points earned by the rated criteria."""
    max_points: int
    """Score denominator: the most points the rated criteria could earn."""
    score: float | None
    """``points / max_points``, or ``None`` when nothing is rated yet."""
    completion: float
    """Share of criteria rated or marked not applicable."""
    with_evidence: int
    """Rated criteria with at least one piece of evidence."""
    triangulated: int
    """Rated criteria backed by two or more kinds of evidence."""
    open_actions: int
    """Actions open or in progress on the group's criteria."""
    overdue_actions: int
    """Open actions past their due date."""
    flagged: int
    """Criteria with at least one flag."""


@frozen(kw_only=True)
class ActionItem:
    """An action from the plan, with the criterion it belongs to."""

    criterion: str
    description: str
    owner: str | None
    due: date | None
    status: str
    overdue: bool


@frozen(kw_only=True)
class EvidenceView:
    """A piece of evidence as reports show it. In a public report restricted text is withheld."""

    kind: str
    reference: str
    description: str | None
    collected_on: date | None
    restricted: bool


@frozen(kw_only=True)
class ReplyView:
    """The partner's reply to a rating, shown beside it."""

    by: str
    text: str
    replied_on: date | None


@frozen(kw_only=True)
class GivenRatingView:
    """Another assessor's rating of the criterion, considered at moderation."""

    assessor: str
    role: str
    rating: str
    rating_label: str


@frozen(kw_only=True)
class ModerationView:
    """A moderated criterion: the assessor's own rating beside the one agreed, and how it moved.

    The result's ``rating`` is the agreed one (it is what counts); ``assessor_rating`` is what the
    file's assessor gave. While no rating is agreed yet, ``agreed`` is false and ``rating`` stays the
    assessor's.
    """

    assessor_rating: str
    assessor_rating_label: str
    agreed: bool
    moved: Change
    """From the assessor's rating to the agreed one: improved, worsened, unchanged, and so on."""
    by: str | None
    moderated_on: date | None
    rationale: str | None
    ratings: tuple[GivenRatingView, ...]
    rationale_restricted: bool = False
    """The rationale may hold personal data: a public summary withholds it."""


@frozen(kw_only=True)
class CriterionResult:
    """One criterion's outcome."""

    id: str
    title: str
    section: str
    question: str
    theme: str | None
    obligation: str
    rating: str
    rating_label: str
    points: int | None
    max_points: int
    evidence: int
    evidence_kinds: tuple[str, ...]
    open_actions: int
    overdue_actions: int
    flags: tuple[FlagKind, ...]
    contributed_by: Contributor | None
    """The distribution (and version) that contributed the criterion, where known."""
    evidence_items: tuple[EvidenceView, ...]
    notes: str | None
    notes_restricted: bool
    justification: str | None
    """Why the criterion does not apply (with not_applicable)."""
    reply: ReplyView | None
    """The partner's right of reply; it never changes the rating."""
    actions: tuple[ActionItem, ...]
    """Every action on the criterion, whatever its status."""
    moderation: ModerationView | None = None
    """Where the rating was moderated or challenged: the assessor's own beside the agreed one."""


@frozen(kw_only=True)
class SectionResult:
    """A section's criteria and tally."""

    id: str
    title: str
    question: str
    theme: str | None
    tally: Tally
    criteria: tuple[CriterionResult, ...]


@frozen(kw_only=True)
class GroupResult:
    """The tally of a WHO/HOW/WHAT question or a theme."""

    id: str
    tally: Tally


@frozen(kw_only=True)
class ChecklistInfo:
    """Which checklist the summary was evaluated against, and whether it is the one assessed."""

    id: str
    version: str
    title: str
    content_hash: str
    assessed_version: str
    assessed_hash: str | None
    changed: bool
    contributors: tuple[Contributor, ...]
    """The distributions whose checklists, criteria or scales shaped this checklist."""


@frozen(kw_only=True)
class ChecklistChanges:
    """How the checklist differs from the one the assessment was made against, criterion by criterion."""

    added: tuple[str, ...]
    """Criteria the assessment has no response to (new since it was started)."""
    removed: tuple[str, ...]
    """Criteria the assessment answered that the checklist no longer has; their ratings are not counted."""
    reworded: tuple[str, ...]
    """Criteria whose wording changed after they were rated."""


class Change(enum.StrEnum):
    """How a criterion's outcome moved between two assessments."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NEWLY_ASSESSED = "newly_assessed"
    NO_LONGER_ASSESSED = "no_longer_assessed"
    NEWLY_NOT_APPLICABLE = "newly_not_applicable"
    NO_LONGER_NOT_APPLICABLE = "no_longer_not_applicable"
    ADDED = "added"
    REMOVED = "removed"


@frozen(kw_only=True)
class CriterionChange:
    """One criterion in a comparison: its rating before and after."""

    id: str
    title: str
    change: Change
    before: str | None
    """The earlier rating; ``None`` when the earlier checklist did not have the criterion."""
    after: str | None
    """The later rating; ``None`` when the later checklist no longer has it."""


@frozen(kw_only=True)
class ActionChange:
    """An action opened or closed between two assessments."""

    criterion: str
    description: str
    owner: str | None
    status: str


@frozen(kw_only=True)
class Comparison:
    """What changed between an earlier assessment and this one."""

    earlier_assessed_on: date
    earlier_checklist_version: str
    counts: dict[str, int]
    """Criteria per kind of change (every Change, zeros included)."""
    criteria: tuple[CriterionChange, ...]
    actions_opened: tuple[ActionChange, ...]
    actions_closed: tuple[ActionChange, ...]
    score_before: float | None
    score_after: float | None
    earlier_assessor: str | None = None
    """Who made the earlier assessment (``None`` in summaries made before this was recorded)."""
    earlier_assessor_role: str | None = None
    """Their role (an :class:`~lscp_scrutiny.model.AssessorRole` value)."""

    @property
    def worsened(self) -> bool:
        """Whether any criterion got worse."""
        return self.counts.get(Change.WORSENED.value, 0) > 0


@frozen(kw_only=True)
class Summary:
    """The evaluation of one assessment against its checklist."""

    schema_version: int
    generator: str
    """The library and version that produced the summary."""
    scoring: ScoringMethod
    checklist: ChecklistInfo
    partnership: str
    area: str | None
    assessor: str
    assessor_role: str
    assessor_organisation: str | None
    assessed_on: date
    as_of: date
    """The date open actions were judged overdue against."""
    levels: tuple[LevelInfo, ...]
    overall: Tally
    questions: tuple[GroupResult, ...]
    themes: tuple[GroupResult, ...]
    sections: tuple[SectionResult, ...]
    changes: ChecklistChanges | None
    """``None`` when the checklist is the one assessed; otherwise what changed since."""
    public: bool
    """True in a public version: restricted evidence and notes are withheld (the counts are not)."""
    comparison: Comparison | None
    """Set when the report compares this assessment with an earlier one."""
    flags: tuple[Flag, ...]
    actions: tuple[ActionItem, ...]
    """Open actions, soonest due first."""
    open_actions: int
    overdue_actions: int
    agency: str | None = None
    """The agency assessed, where the assessment is one agency's return; ``None`` otherwise."""
    agency_sector: str | None = None
    """The assessed agency's sector (a partner sector or a kind of relevant agency), where recorded."""
