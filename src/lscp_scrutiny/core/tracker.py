"""The action tracker: every open action of many returns in one list, and the owners' edits taken back.

:func:`tracked_actions` lists an assessment's actions as :class:`TrackedAction` rows, each remembering
where it came from (the file, the criterion, its place among the criterion's actions) and what its owner,
due date and status were when the tracker was made. :func:`apply_edits` takes a tracker's rows back into
one assessment as a three-way merge, field by field: a field the tracker did not change is left as the
file has it now; a field only the tracker changed is changed; a field changed both in the tracker and in
the file since, differently, is a conflict, and so is a row whose action is no longer in the file. Pure
computation: reading and writing the tracker and the files is :mod:`lscp_scrutiny.io.tracker`'s.

Applying the same tracker twice changes nothing the second time, so a tracker can always be read back
again after a problem is put right; and two trackers changing different fields of one action both land.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from attrs import evolve, frozen

from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.model import Action, ActionStatus, Assessment, Checklist, Response
from lscp_scrutiny.model.labels import label_of

EDITABLE = ("owner", "due", "status")
"""The fields of an action a tracker carries back: everything else is the return's own."""

Value = str | date | ActionStatus | None


@frozen(kw_only=True)
class ActionFields:
    """The fields of an action a tracker edits: owner, due date and status."""

    owner: str | None
    due: date | None
    status: ActionStatus

    @classmethod
    def of(cls, action: Action) -> ActionFields:
        """The editable fields of ``action``."""
        return cls(owner=action.owner, due=action.due, status=action.status)


@frozen(kw_only=True)
class TrackedAction:
    """One action as a tracker row: where it is, what it says, and its editable fields when exported."""

    source: str
    """The assessment file it belongs to, as the tracker names it."""
    agency: str
    """The agency assessed (or, for a partnership's own assessment, the partnership)."""
    criterion: str
    criterion_title: str
    number: int
    """Its place among the criterion's actions, from 1."""
    description: str
    exported: ActionFields
    twin: int = 1
    """Which of the criterion's actions worded exactly so it is, from 1 (one of several worded alike)."""
    twins: int = 1
    """How many of the criterion's actions were worded exactly so when the tracker was made."""


@frozen(kw_only=True)
class TrackerRow:
    """A tracker row as read back: the action it names, and its editable fields as the tracker has them."""

    action: TrackedAction
    now: ActionFields
    where: str
    """The sheet and row, for messages: ``sheet Actions, row 7``."""

    @property
    def edited(self) -> tuple[str, ...]:
        """The fields the tracker changed since it was made."""
        return tuple(f for f in EDITABLE if getattr(self.now, f) != getattr(self.action.exported, f))


@frozen(kw_only=True)
class ActionChange:
    """One field of one action changed by a tracker: what the file had, and what it has now."""

    source: str
    agency: str
    criterion: str
    number: int
    description: str
    field: str
    was: Value
    now: Value
    where: str


def tracked_actions(
    assessment: Assessment, source: str, *, checklist: Checklist | None = None, closed: bool = False
) -> list[TrackedAction]:
    """The actions of ``assessment`` as tracker rows, in the order of its responses.

    Open ones only, unless ``closed`` (done and dropped ones too). ``checklist`` gives each criterion's title.
    """
    agency = assessment.agency.name if assessment.agency is not None else assessment.partnership.name
    titles = {c.id: c.title for c in checklist.criteria} if checklist is not None else {}
    rows = []
    for response in assessment.responses:
        wordings = [action.description for action in response.actions]
        for number, action in enumerate(response.actions, start=1):
            if action.status.is_open or closed:
                rows.append(
                    TrackedAction(
                        source=source,
                        agency=agency,
                        criterion=response.criterion,
                        criterion_title=titles.get(response.criterion, response.criterion),
                        number=number,
                        description=action.description,
                        exported=ActionFields.of(action),
                        twin=wordings[:number].count(action.description),
                        twins=wordings.count(action.description),
                    )
                )
    return rows


def _find(actions: Sequence[Action], tracked: TrackedAction) -> int | str:
    """Where the tracked action is now, or why it cannot be found.

    An action is known by its wording, and, where several of the criterion's actions are worded alike,
    by which of them it is: so actions of other wording added or removed around it do not lose it, and
    when the actions worded alike are no longer as many as they were, it is not guessed at.
    """
    same = [i for i, action in enumerate(actions) if action.description == tracked.description]
    if len(same) == tracked.twins:
        return same[tracked.twin - 1]
    if not same:
        return "gone"
    return f"{tracked.twins} then, {len(same)} now"


def _shown(value: Value) -> str:
    if value is None:
        return "blank"
    if isinstance(value, ActionStatus):
        return label_of(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _locate(responses: Sequence[Response], row: TrackerRow) -> tuple[int, int] | str:
    """The response and the action a row is about, or why it cannot be told (a problem's message)."""
    tracked = row.action
    index = next((i for i, r in enumerate(responses) if r.criterion == tracked.criterion), None)
    found = "gone" if index is None else _find(responses[index].actions, tracked)
    if index is not None and isinstance(found, int):
        return index, found
    if found == "gone":
        what = f"is no longer in {tracked.source}"
    else:
        what = (
            f"cannot be told apart in {tracked.source}: the actions worded so have changed since the "
            f"tracker was made ({found})"
        )
    return (
        f"{row.where}: the action {tracked.description!r} of {tracked.criterion} {what}; nothing is "
        "changed: make a new tracker from the returns as they are now"
    )


def _merge(
    row: TrackerRow, action: Action, place: int
) -> tuple[dict[str, Value], list[ActionChange], list[str]]:
    """A row's edits to one action, field by field: the updates, the changes, and the conflicts' messages."""
    tracked = row.action
    updates: dict[str, Value] = {}
    changes: list[ActionChange] = []
    conflicts: list[str] = []
    for field in row.edited:
        was, mine, theirs = (getattr(v, field) for v in (tracked.exported, row.now, ActionFields.of(action)))
        if theirs == mine:
            continue  # already so: the tracker was read back before, or the file says the same
        if theirs != was:
            conflicts.append(
                f"{row.where}: {field} of {tracked.criterion} action {place} was changed in "
                f"{tracked.source} to {_shown(theirs)} after the tracker was made, and in the tracker "
                f"to {_shown(mine)}; nothing is changed: agree which is right and write it in one place"
            )
            continue
        updates[field] = mine
        changes.append(
            ActionChange(
                source=tracked.source,
                agency=tracked.agency,
                criterion=tracked.criterion,
                number=place,
                description=tracked.description,
                field=field,
                was=theirs,
                now=mine,
                where=row.where,
            )
        )
    return updates, changes, conflicts


def apply_edits(
    assessment: Assessment, rows: Iterable[TrackerRow], *, source: str
) -> tuple[Assessment, list[ActionChange]]:
    """``assessment`` with the tracker's edits made, and each field changed; or every problem at once.

    Raises :class:`InvalidInputError` (``source`` naming the tracker) with one problem per row whose action
    is no longer in the assessment (or cannot be told from others worded alike), per field changed
    differently in the tracker and in the file since the tracker was made, and per action two rows of the
    tracker change. Nothing is changed then.
    """
    problems: list[Problem] = []
    changes: list[ActionChange] = []
    responses = list(assessment.responses)
    taken: dict[tuple[int, int], str] = {}
    for row in rows:
        if not row.edited:
            continue
        located = _locate(responses, row)
        if isinstance(located, str):
            problems.append(Problem(source=source, message=located))
            continue
        if located in taken:
            message = f"{row.where}: changes the same action as {taken[located]}; keep one of the two rows"
            problems.append(Problem(source=source, message=message))
            continue
        taken[located] = row.where
        index, found = located
        action = responses[index].actions[found]
        updates, made, conflicts = _merge(row, action, found + 1)
        problems += [Problem(source=source, message=message) for message in conflicts]
        changes += made
        if updates:
            actions = list(responses[index].actions)
            actions[found] = evolve(action, **updates)  # type: ignore[arg-type]
            responses[index] = evolve(responses[index], actions=tuple(actions))
    if problems:
        raise InvalidInputError(problems)
    return (evolve(assessment, responses=tuple(responses)) if changes else assessment), changes


def describe(change: ActionChange) -> str:
    """One line saying what a tracker changed: ``FILE: CRITERION action N ('...'): status open -> done``."""
    return (
        f"{change.source}: {change.criterion} action {change.number} ({change.description!r}): "
        f"{change.field} {_shown(change.was)} -> {_shown(change.now)}"
    )
