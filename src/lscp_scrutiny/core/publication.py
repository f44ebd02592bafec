"""Public versions of a summary: restricted text withheld, every number kept.

Evidence and notes can be marked restricted because they may hold personal data about children,
families or named practitioners. A public summary replaces their text with :data:`WITHHELD`; counts,
scores and flags are untouched, so a public and a restricted report never disagree on a number. Every
renderer, a plugin's included, works on the summary it is given, so redaction here covers them all.
"""

from __future__ import annotations

from attrs import evolve

from lscp_scrutiny.model.summary import CriterionResult, EvidenceView, SectionResult, Summary

WITHHELD = "[restricted: withheld from the public version]"


def _public_evidence(item: EvidenceView) -> EvidenceView:
    if not item.restricted:
        return item
    return evolve(item, reference=WITHHELD, description=None)


def _public_criterion(result: CriterionResult) -> CriterionResult:
    return evolve(
        result,
        evidence_items=tuple(_public_evidence(item) for item in result.evidence_items),
        notes=WITHHELD if result.notes_restricted and result.notes else result.notes,
    )


def _public_section(section: SectionResult) -> SectionResult:
    return evolve(section, criteria=tuple(_public_criterion(c) for c in section.criteria))


def make_public(summary: Summary) -> Summary:
    """The summary with restricted evidence and notes withheld; everything else as it was."""
    return evolve(summary, public=True, sections=tuple(_public_section(s) for s in summary.sections))
