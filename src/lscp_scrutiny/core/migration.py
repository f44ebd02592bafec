"""Carrying an assessment forward to a newer version of its checklist, without losing anything.

Pure computation: an :class:`~lscp_scrutiny.model.Assessment` and the checklist as it is now in, a
:class:`Migration` out (the migrated assessment and what happened to each criterion). No files.

The rules, criterion by criterion:

* **carried**: the criterion is still there with the wording it was rated against. The response is
  kept exactly as it was.
* **reworded**: the criterion is still there, but its wording changed after it was rated. The response
  is kept exactly as it was, old wording's fingerprint included, so every report flags the rating as
  given to different words until a person confirms it (by setting the fingerprint to the new one, which
  ``lscp-scrutiny assess`` and the workbook do when the rating is given again).
* **moved**: the criterion was retired and the checklist names what replaces it. Its rating, evidence,
  actions, notes and reply go to the replacement, marked for a person to confirm (the retired wording's
  fingerprint is recorded with them, so the rating is flagged as given to different words). Where
  several retired criteria go to one replacement, evidence and actions are pooled; the rating moves only
  if they all agree, and otherwise the replacement is left to be rated, its notes saying what each was.
  Where the replacement already has its own response, that response keeps its rating and gains the
  retired criteria's evidence and actions.
* **kept**: every response to a criterion the checklist no longer has stays in the file as it was
  (moved or not), so nothing is ever dropped; it is not counted.
* **added**: criteria with no response after all this are new to the assessment, not yet assessed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import TypeVar

from attrs import evolve, frozen

from lscp_scrutiny.core.checking import has_changed
from lscp_scrutiny.core.rating import checklist_ref
from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED, Assessment, Checklist, Response

T = TypeVar("T")


class Outcome(enum.StrEnum):
    """What a migration did with one criterion."""

    CARRIED = "carried"
    REWORDED = "reworded"
    MOVED = "moved"
    KEPT = "kept"
    ADDED = "added"


@frozen(kw_only=True)
class CriterionMigration:
    """What happened to one criterion, with the retired criteria its response came from (if any)."""

    criterion: str
    outcome: Outcome
    came_from: tuple[str, ...] = ()
    """For ``moved``: the retired criteria whose responses went into this one."""
    replaced_by: tuple[str, ...] = ()
    """For ``kept``: the criteria the retired one's response went to (empty when nothing replaces it)."""
    note: str | None = None
    """For ``moved``: why the rating did not move (the retired ratings disagreed), if it did not."""

    @property
    def to_confirm(self) -> bool:
        """Whether a person should look at the rating before relying on it."""
        return self.outcome is Outcome.REWORDED or self.outcome is Outcome.MOVED


@frozen(kw_only=True)
class Migration:
    """An assessment carried to a newer checklist, and what happened to each criterion."""

    assessment: Assessment
    """The migrated assessment: it answers the checklist as it is now."""
    checklist_id: str
    from_version: str
    to_version: str
    criteria: tuple[CriterionMigration, ...]
    """Every criterion of the new checklist in its order, then every criterion the assessment answered that
    the new one no longer has."""

    @property
    def changed(self) -> bool:
        """Whether anything but carrying happened (migrating to the same checklist changes nothing)."""
        return any(c.outcome is not Outcome.CARRIED for c in self.criteria) or (
            self.from_version != self.to_version
        )

    def having(self, outcome: Outcome) -> tuple[CriterionMigration, ...]:
        """The criteria with this outcome, in order."""
        return tuple(c for c in self.criteria if c.outcome is outcome)


def migrate(assessment: Assessment, checklist: Checklist) -> Migration:
    """The assessment carried forward to ``checklist`` (a newer version of the one it answers).

    Raises :class:`~lscp_scrutiny.errors.ConsistencyError` if the assessment answers another checklist.
    An assessment already made against this very checklist comes back unchanged.
    """
    if assessment.checklist.id != checklist.id:
        msg = f"assessment is for checklist {assessment.checklist.id!r}, not {checklist.id!r}"
        raise ConsistencyError([(("checklist", "id"), msg)])
    from_version = assessment.checklist.version
    if not has_changed(assessment, checklist):
        carried = tuple(
            CriterionMigration(criterion=r.criterion, outcome=Outcome.CARRIED) for r in assessment.responses
        )
        return Migration(
            assessment=assessment,
            checklist_id=checklist.id,
            from_version=from_version,
            to_version=checklist.version,
            criteria=carried,
        )

    old = {r.criterion: r for r in assessment.responses}
    gone = [r for r in assessment.responses if not checklist.has_criterion(r.criterion)]
    # Which retired responses go to each replacement, in the order the assessment held them.
    incoming: dict[str, list[Response]] = {}
    for response in gone:
        retired = checklist.retired_criterion(response.criterion)
        if retired is not None and _has_content(response):
            for target in retired.replaced_by:
                incoming.setdefault(target, []).append(response)

    responses: list[Response] = []
    report: list[CriterionMigration] = []
    for criterion in checklist.criteria:
        own = old.get(criterion.id)
        sources = incoming.get(criterion.id, [])
        if sources:
            response, note = _moved(criterion.id, own, sources, checklist)
            responses.append(response)
            report.append(
                CriterionMigration(
                    criterion=criterion.id,
                    outcome=Outcome.MOVED,
                    came_from=tuple(r.criterion for r in sources),
                    note=note,
                )
            )
        elif own is not None:
            responses.append(own)
            stale = (
                own.criterion_fingerprint is not None and own.criterion_fingerprint != criterion.fingerprint
            )
            report.append(
                CriterionMigration(
                    criterion=criterion.id, outcome=Outcome.REWORDED if stale else Outcome.CARRIED
                )
            )
        else:
            report.append(CriterionMigration(criterion=criterion.id, outcome=Outcome.ADDED))
    for response in gone:
        responses.append(response)  # kept exactly as it was: never dropped, never counted
        retired = checklist.retired_criterion(response.criterion)
        report.append(
            CriterionMigration(
                criterion=response.criterion,
                outcome=Outcome.KEPT,
                replaced_by=retired.replaced_by if retired is not None else (),
            )
        )
    migrated = evolve(assessment, checklist=checklist_ref(checklist), responses=tuple(responses))
    return Migration(
        assessment=migrated,
        checklist_id=checklist.id,
        from_version=from_version,
        to_version=checklist.version,
        criteria=tuple(report),
    )


def _has_content(response: Response) -> bool:
    """Whether a response holds anything worth moving: a rating, evidence, notes, actions or a reply."""
    return bool(
        response.is_assessed
        or response.evidence
        or response.actions
        or response.notes
        or response.reply is not None
        or response.justification
    )


def _moved(
    criterion_id: str, own: Response | None, sources: Sequence[Response], checklist: Checklist
) -> tuple[Response, str | None]:
    """The replacement's response made from the retired responses (and its own, if it had one)."""
    evidence = _pooled([*(own.evidence if own else ()), *(e for r in sources for e in r.evidence)])
    actions = _pooled([*(own.actions if own else ()), *(a for r in sources for a in r.actions)])
    notes_restricted = any(r.notes_restricted for r in sources) or bool(own and own.notes_restricted)
    if own is not None and own.is_assessed:
        # The replacement was rated in its own right: its rating stands, with the retired ones' evidence.
        extra = _notes_from(sources)
        joined = "\n\n".join(part for part in (own.notes, extra) if part)
        return evolve(
            own, evidence=evidence, actions=actions, notes=joined or None, notes_restricted=notes_restricted
        ), None
    ratings = {r.rating for r in sources if r.is_assessed}
    note: str | None = None
    if len(ratings) == 1:
        rating = ratings.pop()
    else:
        rating = NOT_ASSESSED
        if ratings:
            given = ", ".join(f"{r.criterion} was {r.rating}" for r in sources if r.is_assessed)
            note = f"the retired criteria were rated differently ({given}); rate it afresh"
    moved_notes = sources[0].notes if len(sources) == 1 else _notes_from(sources)
    notes = "\n\n".join(part for part in (own.notes if own else None, moved_notes) if part) or None
    first = sources[0]
    retired = checklist.retired_criterion(first.criterion)
    # The retired wording's fingerprint: every report flags the rating as given to other words until a
    # person confirms it.
    fingerprint = first.criterion_fingerprint or (retired.fingerprint if retired is not None else None)
    replies = [r.reply for r in sources if r.reply is not None]
    justifications = {r.justification for r in sources if r.rating == NOT_APPLICABLE and r.justification}
    return Response(
        criterion=criterion_id,
        rating=rating,
        justification=justifications.pop() if rating == NOT_APPLICABLE and len(justifications) == 1 else None,
        evidence=evidence,
        notes=notes,
        notes_restricted=notes_restricted,
        reply=replies[0] if len(replies) == 1 else None,
        actions=actions,
        rated_on=first.rated_on if len(sources) == 1 else None,
        criterion_fingerprint=fingerprint,
        prefilled=any(r.prefilled for r in sources),
    ), note


def _notes_from(sources: Iterable[Response]) -> str:
    """The retired responses' notes, each headed by the criterion it came from."""
    return "\n\n".join(f"From {r.criterion}: {r.notes}" for r in sources if r.notes)


def _pooled(items: Sequence[T]) -> tuple[T, ...]:
    """Items in order, each once (two retired criteria often cite the same document)."""
    seen: list[T] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return tuple(seen)
