"""Starting and filling in assessments from Python: the few calls the CLI itself is made of."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import evolve

from lscp_scrutiny._version import __version__
from lscp_scrutiny.codec.hashing import content_hash
from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.model import (
    FIXED_STATES,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Action,
    Assessment,
    Assessor,
    Checklist,
    ChecklistRef,
    Evidence,
    Partnership,
    Prefill,
    Provenance,
    Response,
)
from lscp_scrutiny.model._validators import as_tuple
from lscp_scrutiny.model.extension import prefill_problem


def checklist_ref(checklist: Checklist) -> ChecklistRef:
    """The reference an assessment keeps to the checklist it answers."""
    return ChecklistRef(id=checklist.id, version=checklist.version, content_hash=content_hash(checklist))


def provenance(checklist: Checklist) -> Provenance:
    """This library's version and every distribution that contributed to the checklist."""
    contributors = sorted({c.contributed_by for c in checklist.criteria if c.contributed_by is not None})
    return Provenance(generator=f"lscp-scrutiny {__version__}", contributors=contributors)


def start_assessment(
    checklist: Checklist,
    partnership: Partnership | str,
    assessor: Assessor | str,
    *,
    assessed_on: date | None = None,
    prefills: Iterable[Prefill] = (),
) -> Assessment:
    """A blank assessment with one response per criterion, in checklist order.

    ``prefills`` (from plugins' ``lscp_scrutiny_prefill``, see
    :meth:`~lscp_scrutiny.Registry.prefill`) fill in suggested ratings, each marked ``prefilled`` with
    its reason in the notes, for a person to confirm. The assessment records its provenance: this
    library's version and the distributions that shaped the checklist.
    """
    if isinstance(partnership, str):
        partnership = Partnership(name=partnership)
    if isinstance(assessor, str):
        assessor = Assessor(name=assessor)
    suggested: dict[str, Prefill] = {}
    for prefill in prefills:
        reason = prefill_problem(checklist, prefill)
        if reason is not None:
            raise InvalidInputError([Problem(source="<prefill>", message=reason)])
        suggested.setdefault(prefill.criterion, prefill)
    responses = []
    for criterion in checklist.criteria:
        response = Response(criterion=criterion.id, criterion_fingerprint=criterion.fingerprint)
        if criterion.id in suggested:
            prefill = suggested[criterion.id]
            response = evolve(response, rating=prefill.rating, notes=prefill.note, prefilled=True)
        responses.append(response)
    return Assessment(
        checklist=checklist_ref(checklist),
        partnership=partnership,
        assessor=assessor,
        assessed_on=assessed_on or date.today(),  # noqa: DTZ011 - a calendar date, local by intent
        responses=tuple(responses),
        provenance=provenance(checklist),
    )


def rate(
    assessment: Assessment,
    checklist: Checklist,
    criterion_id: str,
    rating: str,
    *,
    evidence: Iterable[Evidence] = (),
    notes: str | None = None,
    justification: str | None = None,
    actions: Iterable[Action] = (),
    rated_on: date | None = None,
) -> Assessment:
    """A copy of ``assessment`` with ``criterion_id`` rated.

    Raises :class:`~lscp_scrutiny.errors.InvalidInputError` if the checklist has no such criterion or
    the rating is not on its scale. Evidence and actions are added to any already recorded.
    """
    if not checklist.has_criterion(criterion_id):
        raise InvalidInputError(
            [Problem(source="<rate>", message=f"checklist {checklist.id} has no criterion {criterion_id!r}")]
        )
    criterion = checklist.criterion(criterion_id)
    scale = checklist.scale_for(criterion)
    if not scale.accepts(rating):
        raise InvalidInputError(
            [
                Problem(
                    source="<rate>",
                    message=f"{rating!r} is not on the scale {scale.id} "
                    f"(one of: {', '.join((*scale.level_ids, *FIXED_STATES))})",
                )
            ]
        )
    evidence, actions = as_tuple(evidence), as_tuple(actions)  # a string is not a list of evidence
    previous = assessment.response(criterion_id)
    response = evolve(
        previous,
        rating=rating,
        evidence=(*previous.evidence, *evidence),
        notes=notes if notes is not None else previous.notes,
        # A justification explains "not applicable"; it goes when the criterion is rated otherwise.
        justification=justification
        if justification is not None or rating != NOT_APPLICABLE
        else previous.justification,
        actions=(*previous.actions, *actions),
        rated_on=None if rating == NOT_ASSESSED else rated_on or date.today(),  # noqa: DTZ011
        prefilled=False,  # a person has rated it now
        criterion_fingerprint=criterion.fingerprint,
    )
    return assessment.with_response(response)
