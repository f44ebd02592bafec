"""An example lscp-scrutiny plugin: What Works evidence, an evidence-strength scale, a triangulation rule."""

from __future__ import annotations

from collections.abc import Iterator

from lscp_scrutiny import hookimpl
from lscp_scrutiny.model import (
    Assessment,
    Checklist,
    ChecklistExtension,
    Criterion,
    RatingLevel,
    RatingScale,
    Section,
    Source,
)
from lscp_scrutiny.rules import Finding, ValidationRule

__version__ = "1.0.0"

EVIDENCE_STRENGTH = RatingScale(
    id="evidence-strength",
    name="Strength of the evidence behind the interventions",
    description=(
        "How strong the evidence is, as the What Works toolkits rate it, for what the partnership funds."
    ),
    levels=(
        RatingLevel(
            id="strong",
            label="Strong",
            points=3,
            colour="green",
            description="Rated in a What Works toolkit with strong or very strong evidence.",
        ),
        RatingLevel(
            id="moderate",
            label="Moderate",
            points=2,
            colour="green",
            description="Rated with moderate evidence, or strong evidence for most of it.",
        ),
        RatingLevel(
            id="limited",
            label="Limited",
            points=1,
            colour="amber",
            description="Rated with limited evidence, or rated for only a small part of it.",
        ),
        RatingLevel(
            id="none",
            label="None",
            points=0,
            colour="red",
            description="Not rated in any toolkit, and no local evaluation.",
        ),
    ),
)

# The same sources the built-in checklist cites, word for word: a shared source is not a clash.
FOUNDATIONS = Source(
    id="foundations-what-works-centre",
    title="Foundations, the new national What Works Centre for Children & Families",
    url="https://foundations.org.uk/new-national-what-works-centre/",
    note="domain-sources S103",
)
POLICING = Source(
    id="college-policing-crime-reduction-toolkit",
    title="About the Crime Reduction Toolkit (College of Policing)",
    url="https://whatworks.college.police.uk/toolkit/Pages/About_the_CRT.aspx",
    note="domain-sources S57",
)
EEF = Source(
    id="eef-toolkits",
    title="The Teaching and Learning Toolkit and the Early Years Toolkit (evidence.education)",
    url="https://evidence.education/projects/the-teaching-and-learning-toolkit",
    note="domain-sources S61",
)


def _criterion(
    slug: str,
    title: str,
    text: str,
    guidance: str,
    sources: tuple[Source, ...],
    *,
    scale: str | None = EVIDENCE_STRENGTH.id,
) -> Criterion:
    return Criterion(
        id=f"how.what-works.{slug}",
        title=title,
        text=text,
        guidance=guidance,
        question="how",
        evidence_prompts=(
            "A list of the interventions the partnership funds or recommends, with their toolkit ratings",
            "Commissioning papers that refer to the evidence",
            "Local evaluation reports",
        ),
        tags=("what-works", "evidence"),
        sources=tuple(source.id for source in sources),
        obligation="may",
        scale=scale,
    )


WHAT_WORKS = Section(
    id="how.what-works",
    title="How scrutiny uses What Works evidence",
    question="how",
    description="Whether the partnership, and its scrutiny, test what it funds against national evidence.",
    criteria=(
        _criterion(
            "family-interventions",
            "Family interventions rated",
            "The family support and parenting interventions the partnership funds are rated in the "
            "Foundations evidence guidebook.",
            "Rate the strength of the evidence behind what is funded, not the quality of delivery.",
            (FOUNDATIONS,),
        ),
        _criterion(
            "policing-interventions",
            "Policing interventions rated",
            "The crime reduction and exploitation interventions the partners fund are rated in the College "
            "of Policing Crime Reduction Toolkit.",
            "The toolkit rates interventions by effect, mechanism, moderators, implementation and economic "
            "cost; look at the effect and the strength of its evidence.",
            (POLICING,),
        ),
        _criterion(
            "education-approaches",
            "Education approaches rated",
            "The approaches education settings are asked to use for vulnerable pupils are rated in the "
            "Education Endowment Foundation toolkits.",
            "The toolkits give cost, impact and the strength of the evidence for each approach.",
            (EEF,),
        ),
        _criterion(
            "evaluation-plan",
            "Unrated work is evaluated",
            "Interventions with no rating in any toolkit have a plan to evaluate them locally.",
            "Where the evidence does not yet exist, the partnership should be building it.",
            (FOUNDATIONS, POLICING, EEF),
            scale=None,
        ),
    ),
)


def two_kinds_of_evidence(assessment: Assessment, checklist: Checklist) -> Iterator[Finding]:
    """Every rating should rest on at least two kinds of evidence (say, a document and an audit)."""
    del checklist  # the rule looks only at the evidence behind each rating
    for response in assessment.responses:
        if response.is_scored:
            kinds = {evidence.kind for evidence in response.evidence}
            if len(kinds) < 2:  # noqa: PLR2004 - two kinds make a rating triangulated
                yield Finding(
                    criterion=response.criterion,
                    message=f"rests on {len(kinds)} kind{'s' if len(kinds) != 1 else ''} of evidence; "
                    "triangulation needs at least two",
                )


TRIANGULATION = ValidationRule(
    id="what-works.triangulation",
    description="Every rating rests on at least two kinds of evidence.",
    check=two_kinds_of_evidence,
)


@hookimpl
def lscp_scrutiny_rating_scales() -> list[RatingScale]:
    """The evidence-strength scale."""
    return [EVIDENCE_STRENGTH]


@hookimpl
def lscp_scrutiny_checklist_extensions() -> list[ChecklistExtension]:
    """The What Works evidence section, in the built-in checklist."""
    return [
        ChecklistExtension(
            checklist="independent-scrutiny",
            sections=(WHAT_WORKS,),
            sources=(FOUNDATIONS, POLICING, EEF),
        )
    ]


@hookimpl
def lscp_scrutiny_validation_rules() -> list[ValidationRule]:
    """The triangulation rule."""
    return [TRIANGULATION]
