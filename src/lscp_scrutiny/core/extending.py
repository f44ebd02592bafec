"""Extending a checklist: criteria added by plugins, each marked with who contributed it.

Pure: a checklist and an extension in, a new checklist out (or an error saying why it cannot be).
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import evolve

from lscp_scrutiny.model import Checklist, ChecklistExtension, Contributor, Criterion, RatingScale


def stamp(checklist: Checklist, who: Contributor) -> Checklist:
    """Mark every criterion that has no contributor yet as ``who``'s."""
    return evolve(
        checklist,
        sections=tuple(
            evolve(section, criteria=tuple(_own(c, who) for c in section.criteria))
            for section in checklist.sections
        ),
    )


def _own(criterion: Criterion, who: Contributor) -> Criterion:
    return criterion if criterion.contributed_by is not None else evolve(criterion, contributed_by=who)


def extend(
    base: Checklist,
    extension: ChecklistExtension,
    who: Contributor,
    registry_scales: Mapping[str, RatingScale],
) -> Checklist:
    """The checklist with an extension applied; raises if the result is inconsistent."""
    by_id = {section.id: section for section in base.sections}
    for addition in extension.additions:
        if addition.section not in by_id:
            msg = f"it adds criteria to section {addition.section!r}, which the checklist does not have"
            raise KeyError(msg)
        section = by_id[addition.section]
        by_id[addition.section] = evolve(
            section, criteria=(*section.criteria, *(_own(c, who) for c in addition.criteria))
        )
    sections = [by_id[section.id] for section in base.sections]
    sections += [
        evolve(section, criteria=tuple(_own(c, who) for c in section.criteria))
        for section in extension.sections
    ]
    # A scale or source the checklist already has, word for word, is shared, not a clash.
    scales = [*base.scales, *(s for s in extension.scales if s not in base.scales)]
    have = {scale.id for scale in scales}
    wanted = {c.scale for s in sections for c in s.criteria if c.scale and c.scale not in have}
    scales += [registry_scales[scale_id] for scale_id in sorted(wanted) if scale_id in registry_scales]
    sources = (*base.sources, *(s for s in extension.sources if s not in base.sources))
    return evolve(base, sections=tuple(sections), scales=tuple(scales), sources=sources)
