"""Comparing two evaluations of the same partnership: what improved, worsened, appeared or went.

Levels are compared by their share of the scale's points, so a criterion rated on a different scale
in the two checklist versions still compares fairly.
"""

from __future__ import annotations

from attrs import evolve

from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.summary import (
    ActionChange,
    ActionItem,
    Change,
    Comparison,
    CriterionChange,
    CriterionResult,
    Summary,
)

_OPEN = ("open", "in_progress")


def _share(result: CriterionResult) -> float | None:
    if result.points is None or not result.max_points:
        return None
    return result.points / result.max_points


def _change(before: CriterionResult | None, after: CriterionResult | None) -> Change:  # noqa: PLR0911 - one return per kind of change, in order of precedence
    if before is None:
        return Change.ADDED
    if after is None:
        return Change.REMOVED
    was, now = before.rating, after.rating
    if was == now:
        return Change.UNCHANGED
    if now == NOT_APPLICABLE:
        return Change.NEWLY_NOT_APPLICABLE
    if was == NOT_APPLICABLE:
        return Change.NO_LONGER_NOT_APPLICABLE if now != NOT_ASSESSED else Change.NO_LONGER_ASSESSED
    if was == NOT_ASSESSED:
        return Change.NEWLY_ASSESSED
    if now == NOT_ASSESSED:
        return Change.NO_LONGER_ASSESSED
    old_share, new_share = _share(before), _share(after)
    if old_share is None or new_share is None or old_share == new_share:
        return Change.UNCHANGED
    return Change.IMPROVED if new_share > old_share else Change.WORSENED


def _key(action: ActionItem) -> tuple[str, str]:
    return action.criterion, " ".join(action.description.split()).casefold()


def _action_change(action: ActionItem) -> ActionChange:
    return ActionChange(
        criterion=action.criterion, description=action.description, owner=action.owner, status=action.status
    )


def compare(earlier: Summary, later: Summary) -> Summary:
    """``later`` with a :class:`~lscp_scrutiny.model.summary.Comparison` against ``earlier`` attached.

    An action is the same action in both when it has the same criterion and description. It was
    *opened* if it is open now and was not open before; *closed* if it was open before and now is done,
    dropped or gone.
    """
    old = {c.id: c for s in earlier.sections for c in s.criteria}
    new = {c.id: c for s in later.sections for c in s.criteria}
    order = [*new, *(criterion_id for criterion_id in old if criterion_id not in new)]
    changes = []
    for criterion_id in order:
        before, after = old.get(criterion_id), new.get(criterion_id)
        shown = after or before
        assert shown is not None  # noqa: S101 - every id comes from one side or the other
        changes.append(
            CriterionChange(
                id=criterion_id,
                title=shown.title,
                change=_change(before, after),
                before=before.rating if before else None,
                after=after.rating if after else None,
            )
        )
    # Each summary was evaluated against today's checklist; what each says changed since its own
    # assessment tells criteria the earlier one never had (added) from ones it rated that are gone.
    if earlier.changes is not None:
        new_since = set(earlier.changes.added)
        changes = [
            evolve(c, change=Change.ADDED, before=None)
            if c.id in new_since and c.before == NOT_ASSESSED
            else c
            for c in changes
        ]
        changes += [
            CriterionChange(id=gone, title=gone, change=Change.REMOVED, before=None, after=None)
            for gone in earlier.changes.removed
            if gone not in new
        ]
    counts = {change.value: 0 for change in Change}
    for item in changes:
        counts[item.change.value] += 1
    was_open = {_key(a): a for c in old.values() for a in c.actions if a.status in _OPEN}
    now_all = {_key(a): a for c in new.values() for a in c.actions}
    now_open = {key: a for key, a in now_all.items() if a.status in _OPEN}
    opened = tuple(_action_change(a) for key, a in now_open.items() if key not in was_open)
    closed = tuple(
        _action_change(now_all.get(key, evolve(a, status="gone")))
        for key, a in was_open.items()
        if key not in now_open
    )
    comparison = Comparison(
        earlier_assessed_on=earlier.assessed_on,
        earlier_checklist_version=earlier.checklist.version,
        counts=counts,
        criteria=tuple(changes),
        actions_opened=opened,
        actions_closed=closed,
        score_before=earlier.overall.score,
        score_after=later.overall.score,
        earlier_assessor=earlier.assessor,
        earlier_assessor_role=earlier.assessor_role,
    )
    return evolve(later, comparison=comparison)
