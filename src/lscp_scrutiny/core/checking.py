"""Checking an assessment against its checklist: what makes it unusable, and what changed since.

Pure computation: no files, no output.
"""

from __future__ import annotations

from lscp_scrutiny.codec.hashing import content_hash
from lscp_scrutiny.errors import PathPart, Problem
from lscp_scrutiny.model import (
    FIXED_STATES,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Assessment,
    Checklist,
    ModeratedRating,
    RatingScale,
)
from lscp_scrutiny.model.summary import ChecklistChanges


def check(assessment: Assessment, checklist: Checklist, *, source: str = "<assessment>") -> list[Problem]:
    """Everything that makes an assessment unusable with this checklist (empty when it is fine).

    Unknown criterion ids and ratings not on a criterion's scale are problems; things a reader should
    look at but that do not stop evaluation (stale ratings, missing evidence) are flags in the summary.
    """
    problems: list[Problem] = []

    def problem(path: tuple[PathPart, ...], message: str) -> None:
        problems.append(Problem(source=source, path=path, message=message))

    if assessment.checklist.id != checklist.id:
        problem(
            ("checklist", "id"),
            f"assessment is for checklist {assessment.checklist.id!r}, not {checklist.id!r}",
        )
        return problems
    for index, response in enumerate(assessment.responses):
        if not checklist.has_criterion(response.criterion):
            # A criterion the checklist has dropped since the assessment was made, or has retired (a
            # migrated assessment keeps the ratings given to it), is a change to report (see
            # ChecklistChanges), not an error; one it never had is a mistake in the file.
            if checklist.retired_criterion(response.criterion) is None and not has_changed(
                assessment, checklist
            ):
                problem(
                    ("responses", index, "criterion"),
                    f"unknown criterion {response.criterion!r} (not in {checklist.id} {checklist.version})",
                )
            continue
        scale = checklist.scale_for(checklist.criterion(response.criterion))
        if not scale.accepts(response.rating):
            allowed = ", ".join((*scale.level_ids, *FIXED_STATES))
            problem(
                ("responses", index, "rating"),
                f"{response.rating!r} is not on the scale {scale.id} (one of: {allowed})",
            )
        problems.extend(_moderation_problems(response.moderated, scale, index, source))
    return problems


def _moderation_problems(
    moderated: ModeratedRating | None, scale: RatingScale, index: int, source: str
) -> list[Problem]:
    """An agreed rating, and the ratings it was agreed from, that are not on the criterion's scale."""
    if moderated is None:
        return []
    found: list[Problem] = []
    agreed = moderated.rating
    if agreed is not None and (agreed == NOT_ASSESSED or not scale.accepts(agreed)):
        choices = ", ".join((*scale.level_ids, NOT_APPLICABLE))
        message = f"the agreed rating {agreed!r} is not on the scale {scale.id} (one of: {choices})"
        found.append(
            Problem(source=source, path=("responses", index, "moderated", "rating"), message=message)
        )
    allowed = ", ".join((*scale.level_ids, *FIXED_STATES))
    for position, given in enumerate(moderated.ratings):
        if not scale.accepts(given.rating):
            message = f"{given.assessor}'s rating {given.rating!r} is not on the scale {scale.id}"
            message += f" (one of: {allowed})"
            path: tuple[PathPart, ...] = ("responses", index, "moderated", "ratings", position, "rating")
            found.append(Problem(source=source, path=path, message=message))
    return found


def has_changed(assessment: Assessment, checklist: Checklist, checklist_hash: str | None = None) -> bool:
    """Whether the checklist differs from the one the assessment was made against (version or content)."""
    if assessment.checklist.version != checklist.version:
        return True
    if assessment.checklist.content_hash is None:
        return False
    if checklist_hash is None:
        checklist_hash = content_hash(checklist)
    return assessment.checklist.content_hash != checklist_hash


def changes(assessment: Assessment, checklist: Checklist) -> ChecklistChanges:
    """Criterion by criterion, how the checklist differs from the one the assessment answered."""
    answered = {response.criterion for response in assessment.responses}
    return ChecklistChanges(
        added=tuple(c.id for c in checklist.criteria if c.id not in answered),
        removed=tuple(r.criterion for r in assessment.responses if not checklist.has_criterion(r.criterion)),
        reworded=tuple(
            c.id
            for c in checklist.criteria
            if c.id in answered
            and (fingerprint := assessment.response(c.id).criterion_fingerprint) is not None
            and fingerprint != c.fingerprint
        ),
    )
