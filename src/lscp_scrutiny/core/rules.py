"""Validation rules: checks a plugin adds to every evaluation, whose findings become flags.

A rule looks at an assessment and its checklist and returns findings; it never changes a rating. The
study behind this project found scrutiny evidence was mostly self-reported and not triangulated, so the
typical rule asks for more or different evidence::

    def two_kinds(assessment, checklist):
        for response in assessment.responses:
            if response.is_scored and len({e.kind for e in response.evidence}) < 2:
                yield Finding(criterion=response.criterion, message="needs two kinds of evidence")

    TRIANGULATION = ValidationRule(id="triangulation", description="...", check=two_kinds)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from attrs import field, frozen

from lscp_scrutiny.model import Assessment, Checklist
from lscp_scrutiny.model._validators import dotted_id, non_blank


@frozen(kw_only=True)
class Finding:
    """Something a rule found: about one criterion, or (``criterion=None``) the whole assessment."""

    message: str = field(validator=non_blank)
    criterion: str | None = None


@frozen(kw_only=True)
class ValidationRule:
    """A named check that adds findings to an evaluation."""

    id: str = field(validator=dotted_id)
    description: str = field(validator=non_blank)
    check: Callable[[Assessment, Checklist], Iterable[Finding]]
    checklists: tuple[str, ...] | None = None
    """The checklist ids the rule applies to; ``None`` means every checklist."""

    def applies_to(self, checklist: Checklist) -> bool:
        """Whether the rule runs for this checklist."""
        return self.checklists is None or checklist.id in self.checklists
