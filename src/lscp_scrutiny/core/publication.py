"""Public versions of a summary: restricted text withheld, every number kept.

Evidence, notes and the rationale of an agreed rating can be marked restricted because they may hold
personal data about children, families or named practitioners. A public summary replaces their text with
:data:`WITHHELD`; counts, scores and flags are untouched, so a public and a restricted report never
disagree on a number. Every renderer, a plugin's included, works on the summary it is given, so
redaction here covers them all.

A plugin's validation rule sees the whole assessment, restricted text included, and its findings (or
the reason it failed) may quote it. So when anything in the summary is restricted, the public version
keeps each rule flag, its rule and its criterion, and withholds its message.
"""

from __future__ import annotations

from attrs import evolve

from lscp_scrutiny.model.summary import (
    CriterionResult,
    EvidenceView,
    Flag,
    FlagKind,
    ModerationView,
    SectionResult,
    Summary,
)

WITHHELD = "[restricted: withheld from the public version]"
RULE_MESSAGE_WITHHELD = "message withheld from the public version (a rule may quote restricted text)"


def _public_evidence(item: EvidenceView) -> EvidenceView:
    if not item.restricted:
        return item
    return evolve(item, reference=WITHHELD, description=None)


def _public_moderation(view: ModerationView | None) -> ModerationView | None:
    if view is None or not (view.rationale_restricted and view.rationale):
        return view
    return evolve(view, rationale=WITHHELD)


def _public_criterion(result: CriterionResult) -> CriterionResult:
    return evolve(
        result,
        evidence_items=tuple(_public_evidence(item) for item in result.evidence_items),
        notes=WITHHELD if result.notes_restricted and result.notes else result.notes,
        moderation=_public_moderation(result.moderation),
    )


def _public_section(section: SectionResult) -> SectionResult:
    return evolve(section, criteria=tuple(_public_criterion(c) for c in section.criteria))


def _holds_restricted_text(summary: Summary) -> bool:
    return any(
        (c.notes_restricted and c.notes)
        or any(item.restricted for item in c.evidence_items)
        or (c.moderation is not None and c.moderation.rationale_restricted and c.moderation.rationale)
        for section in summary.sections
        for c in section.criteria
    )


def _public_flag(flag: Flag, criteria: frozenset[str]) -> Flag:
    if flag.kind is not FlagKind.RULE:
        return flag
    criterion = flag.criterion if flag.criterion in criteria else None  # only a real id is shown
    where = f"{criterion}: " if criterion else ""
    return evolve(
        flag, criterion=criterion, message=f"{where}validation rule {flag.rule}: {RULE_MESSAGE_WITHHELD}"
    )


def make_public(summary: Summary) -> Summary:
    """The summary with restricted evidence and notes withheld; everything else as it was.

    If anything is restricted, the messages of validation rules' flags are withheld too.
    """
    criteria = frozenset(c.id for section in summary.sections for c in section.criteria)
    flags = summary.flags
    if _holds_restricted_text(summary):
        flags = tuple(_public_flag(f, criteria) for f in summary.flags)
    return evolve(
        summary, public=True, sections=tuple(_public_section(s) for s in summary.sections), flags=flags
    )
