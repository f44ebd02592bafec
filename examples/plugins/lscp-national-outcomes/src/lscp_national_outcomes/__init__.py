"""An example lscp-scrutiny plugin: criteria aligned to the four National Framework outcomes.

The study behind lscp-scrutiny asked for national outcomes for safeguarding children. The Children's
Social Care National Framework (consultation draft, February 2023) sets four outcomes for children and
families; this plugin adds one criterion for each to the built-in checklist, in a new WHAT section.
"""

from __future__ import annotations

from lscp_scrutiny import hookimpl
from lscp_scrutiny.model import ChecklistExtension, Criterion, Section, Source

__version__ = "1.0.0"

FRAMEWORK = Source(
    id="national-framework-consultation-2023",
    title="Children's Social Care National Framework - consultation document, Feb 2023 (Scribd copy)",
    url="https://www.scribd.com/document/707419070/Childrens-Social-Care-National-Framework-Consultation-Document-February-2023",
    note="domain-sources S51",
)
SUSSEX = Source(
    id="sussex-national-framework-summary",
    title="1.3 Children's Social Care National Framework (Sussex Child Protection Procedures)",
    url="https://sussexchildprotection.procedures.org.uk/ykyoyz/working-with-children-and-families/children-39-s-social-care-national-framework",
    note="domain-sources S97",
)

_PROMPTS = (
    "The partnership's outcome measures or dashboard, with this outcome among them",
    "Multi-agency audit findings on children and families this outcome concerns",
    "What children, young people and families say about the help they received",
)


def _criterion(slug: str, title: str, text: str, guidance: str) -> Criterion:
    return Criterion(
        id=f"what.national-outcomes.{slug}",
        title=title,
        text=text,
        guidance=guidance,
        question="what",
        theme="national_outcomes",
        evidence_prompts=_PROMPTS,
        tags=("national-outcomes",),
        sources=(FRAMEWORK.id, SUSSEX.id),
        obligation="should",
    )


NATIONAL_OUTCOMES = Section(
    id="what.national-outcomes",
    title="What is scrutinised: national outcomes",
    question="what",
    theme="national_outcomes",
    description=(
        "Whether scrutiny looks at the difference the arrangements make to the four outcomes the "
        "National Framework sets for children and families."
    ),
    criteria=(
        _criterion(
            "stay-together",
            "Families helped to stay together",
            "The partnership can show how its arrangements help children and families to stay together "
            "and to get the help they need, when they need it.",
            "Look for measures of early help and family support that agencies agree on, and for scrutiny "
            "that tests them against what families say. Activity counts alone do not show the outcome.",
        ),
        _criterion(
            "family-network",
            "Support from the family network",
            "The partnership can show that children are supported by their wider family network where "
            "that is safe, and that agencies work with family networks early.",
            "Look for evidence that family networks are identified and involved across agencies, for "
            "example through family group decision-making, and that scrutiny has looked at it.",
        ),
        _criterion(
            "safe-in-and-outside-home",
            "Safe at home and outside it",
            "The partnership can show that children are safe in and outside their homes, including from "
            "harm outside the family.",
            "Look for multi-agency data and audits on harm inside and outside the home, and for scrutiny "
            "that follows up what they show.",
        ),
        _criterion(
            "stable-loving-homes",
            "Stable, loving homes",
            "The partnership can show that children in care and care leavers have stable, loving homes, "
            "and that safeguarding partners play their part in this.",
            "Look for measures of placement stability and of care leavers' accommodation that the "
            "partners review together, and for the voices of children in care in scrutiny.",
        ),
    ),
)


@hookimpl
def lscp_scrutiny_checklist_extensions() -> list[ChecklistExtension]:
    """Add the National outcomes section to the built-in checklist."""
    return [
        ChecklistExtension(
            checklist="independent-scrutiny",
            sections=(NATIONAL_OUTCOMES,),
            sources=(FRAMEWORK, SUSSEX),
        )
    ]
