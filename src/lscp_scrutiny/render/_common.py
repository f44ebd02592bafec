"""What every renderer shares: percentages, labels, and the action plan grouped by owner."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from lscp_scrutiny.model.labels import FIXED_LABELS, words_of
from lscp_scrutiny.model.summary import ActionItem, Change, Summary, Tally

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
