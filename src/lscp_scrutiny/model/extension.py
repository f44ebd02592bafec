"""What plugins contribute besides whole checklists: extensions and provenance. Pure data."""

from __future__ import annotations

from attrs import field, frozen

from lscp_scrutiny.model._contributor import Contributor
from lscp_scrutiny.model._validators import dotted_id, items_of, non_blank, to_tuple, typed
from lscp_scrutiny.model.checklist import NOT_APPLICABLE, Checklist, Criterion, RatingScale, Section, Source


@frozen(kw_only=True, field_transformer=typed)
class SectionAddition:
    """Criteria added to the end of an existing section of a checklist."""

    section: str = field(validator=dotted_id)
    criteria: tuple[Criterion, ...] = field(converter=to_tuple, validator=items_of(Criterion))


@frozen(kw_only=True, field_transformer=typed)
class ChecklistExtension:
    """Sections, criteria, scales and sources a plugin adds to a checklist it does not own.

    ``sections`` are appended after the checklist's own; ``additions`` append criteria to existing
    sections. ``scales`` and ``sources`` become part of the checklist, so the new criteria can use and
    cite them; a criterion may also use a scale another plugin contributed to the registry.
    """

    checklist: str = field(validator=dotted_id)
    sections: tuple[Section, ...] = field(default=(), converter=to_tuple, validator=items_of(Section))
    additions: tuple[SectionAddition, ...] = field(
        default=(), converter=to_tuple, validator=items_of(SectionAddition)
    )
    scales: tuple[RatingScale, ...] = field(default=(), converter=to_tuple, validator=items_of(RatingScale))
    sources: tuple[Source, ...] = field(default=(), converter=to_tuple, validator=items_of(Source))


@frozen(kw_only=True, field_transformer=typed)
class Provenance:
    """What made the checklist an assessment or a result was made with.

    ``generator`` is the library and version; ``contributors`` every distribution (the library itself
    included) whose checklists, criteria or scales shaped the checklist.
    """

    generator: str = field(validator=non_blank)
    contributors: tuple[Contributor, ...] = field(
        default=(), converter=to_tuple, validator=items_of(Contributor)
    )


@frozen(kw_only=True, field_transformer=typed)
class Prefill:
    """A rating a plugin suggests from a partnership's own data, for a person to confirm."""

    criterion: str = field(validator=dotted_id)
    rating: str = field(validator=non_blank)
    note: str = field(validator=non_blank)
    """Why: what in the partnership's data the suggestion rests on."""


def prefill_problem(checklist: Checklist, prefill: Prefill) -> str | None:
    """Why a suggestion cannot be used with this checklist, or ``None`` when it can."""
    if not checklist.has_criterion(prefill.criterion):
        return f"suggests a rating for {prefill.criterion!r}, which {checklist.id} does not have"
    scale = checklist.scale_for(checklist.criterion(prefill.criterion))
    if prefill.rating not in scale.level_ids and prefill.rating != NOT_APPLICABLE:
        return f"suggests {prefill.rating!r} for {prefill.criterion}, which is not on its scale {scale.id}"
    return None
