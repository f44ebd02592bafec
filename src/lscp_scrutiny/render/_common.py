"""What every renderer shares: percentages, labels, and the action plan grouped by owner."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from lscp_scrutiny.model.labels import FIXED_LABELS, words_of
from lscp_scrutiny.model.summary import ActionItem, Change, CriterionResult, Summary, Tally

UNASSIGNED = "No owner yet"

CHANGE_LABELS = {
    Change.IMPROVED: "Improved",
    Change.WORSENED: "Worsened",
    Change.UNCHANGED: "Unchanged",
    Change.NEWLY_ASSESSED: "Newly assessed",
    Change.NO_LONGER_ASSESSED: "No longer assessed",
    Change.NEWLY_NOT_APPLICABLE: "Newly not applicable",
    Change.NO_LONGER_NOT_APPLICABLE: "No longer not applicable",
    Change.ADDED: "Added to the checklist",
    Change.REMOVED: "Removed from the checklist",
}


def percent(value: float | None) -> str:
    """A whole percentage, halves rounded up (5/8 is 63%, as people expect), or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{(Decimal(repr(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def score_text(tally: Tally) -> str:
    """``68% (64/94)``, or ``none rated`` when nothing in the group is rated yet."""
    if tally.score is None:
        return "none rated"
    return f"{percent(tally.score)} ({tally.points}/{tally.max_points})"


def by_owner(actions: Iterable[ActionItem]) -> list[tuple[str, list[ActionItem]]]:
    """Actions grouped by owner (owners in order of their first action; no owner last)."""
    groups: dict[str, list[ActionItem]] = {}
    for action in actions:
        groups.setdefault(action.owner or UNASSIGNED, []).append(action)
    return sorted(groups.items(), key=lambda item: item[0] == UNASSIGNED)


def report_heading(summary: Summary) -> str:
    """What the report is: an agency's return is titled by its checklist, else the scrutiny assessment."""
    return "Independent scrutiny assessment" if summary.agency is None else summary.checklist.title


def report_title(summary: Summary) -> str:
    """The report's title: its heading and whom it is of (the agency assessed, else the partnership)."""
    return f"{report_heading(summary)}: {summary.agency or summary.partnership}"


def agency_text(summary: Summary) -> str | None:
    """The agency assessed and its sector in words, or ``None`` for a partnership's own assessment."""
    if summary.agency is None:
        return None
    return summary.agency + (f" ({words_of(summary.agency_sector)})" if summary.agency_sector else "")


def assessor_change_note(summary: Summary) -> str | None:
    """What a comparison should say when the earlier assessment was made by someone else, or in another role.

    A change of rating between years may then be the assessor's, not the partnership's: a
    self-assessment followed by an independent scrutineer's is the usual case (issue 15's objectivity).
    """
    comparison = summary.comparison
    if comparison is None or comparison.earlier_assessor is None:
        return None
    same_person = " ".join(comparison.earlier_assessor.casefold().split()) == " ".join(
        summary.assessor.casefold().split()
    )
    if same_person and comparison.earlier_assessor_role == summary.assessor_role:
        return None
    then = f"{comparison.earlier_assessor} ({words_of(comparison.earlier_assessor_role or '')})"
    now = f"{summary.assessor} ({words_of(summary.assessor_role)})"
    what = "another assessor" if not same_person else "the same assessor in another role"
    return (
        f"Assessed by {then} on {comparison.earlier_assessed_on.isoformat()} and by {now} now: "
        f"{what}, so a change of rating may be the assessor's view, not a change in the partnership."
    )


def rating_labels(summary: Summary) -> dict[str, str]:
    """Rating id to label, across the summary's scales and the fixed states."""
    labels = {level.id: level.label for level in summary.levels}
    labels.update(FIXED_LABELS)
    return labels


_MOVED = {
    Change.IMPROVED: "moved up",
    Change.WORSENED: "moved down",
    Change.UNCHANGED: "unchanged",
    Change.NEWLY_ASSESSED: "rated at moderation",
    Change.NO_LONGER_ASSESSED: "left unrated at moderation",
    Change.NEWLY_NOT_APPLICABLE: "agreed not applicable",
    Change.NO_LONGER_NOT_APPLICABLE: "agreed applicable",
}


def rater(summary: Summary) -> str:
    """Who gave the rating a moderation agrees on: the agency, for an agency's return; else the assessor."""
    return summary.agency or "the assessor"


def moderation_text(result: CriterionResult, rated_by: str = "the assessor") -> str | None:
    """One sentence: the assessor's rating beside the one agreed, how it moved, who agreed it and why.

    Every report says it the same way, beside the criterion (the agreed rating is the one counted).
    ``rated_by`` names who gave the rating (:func:`rater`): an agency's return says the agency.
    """
    view = result.moderation
    if view is None:
        return None
    others = "; ".join(f"{g.assessor} ({words_of(g.role)}) {g.rating_label}" for g in view.ratings)
    given = f" Other ratings: {others}." if others else ""
    if not view.agreed:
        return f"To moderate: {rated_by} rated it {view.assessor_rating_label}; no rating agreed yet.{given}"
    when = f" on {view.moderated_on.isoformat()}" if view.moderated_on else ""
    by = f" by {view.by}" if view.by else ""
    because = f" Because: {view.rationale}" if view.rationale else ""
    moved = _MOVED.get(view.moved, CHANGE_LABELS[view.moved].lower())
    return (
        f"Moderated{by}{when}: {rated_by} rated it {view.assessor_rating_label}, agreed "
        f"{result.rating_label} ({moved}).{because}{given}"
    )


def moderated_results(summary: Summary) -> tuple[list[CriterionResult], int]:
    """The criteria whose rating was agreed at moderation or challenge, and how many are still to agree.

    In checklist order.
    """
    records = [c for s in summary.sections for c in s.criteria if c.moderation is not None]
    agreed = [c for c in records if c.moderation is not None and c.moderation.agreed]
    return agreed, len(records) - len(agreed)


def moderated_title(agreed: int, pending: int) -> str:
    """The heading of a report's moderated ratings: how many agreed, and how many are still to agree."""
    still = f", {pending} still to agree" if pending else ""
    return f"Moderated: {agreed} agreed{still} (agreed ratings count)"
