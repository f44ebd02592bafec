"""An example lscp-scrutiny plugin: the What Works Centres' own ratings, and a triangulation rule.

Three hooks:

- ``lscp_scrutiny_rating_scales``: each centre's own rating, stored as data, level by level, as the centre
  gives it (the Foundations Guidebook's evidence levels and cost rating, the College of Policing Crime
  Reduction Toolkit's effect rating, the Youth Endowment Fund Toolkit's impact rating, and the Education
  Endowment Foundation's months of progress, padlocks and cost). Any extension can use them by id.
- ``lscp_scrutiny_checklist_extensions``: a section, **What is scrutinised: What Works evidence**, asking
  whether *scrutiny* checked the evidence behind the interventions in the partnership's priority plans,
  centre by centre, in each centre's own terms. One criterion is rated on a centre's own scale (the
  Foundations Guidebook level); the others use the checklist's default scale.
- ``lscp_scrutiny_validation_rules``: a triangulation rule. The national study's own survey data were
  self-reported by partnerships and not triangulated; the study called for investment in triangulation and
  evaluation. The rule flags a rating that is not corroborated by at least two kinds of evidence, one of
  them something other than a document.

The built-in checklist's ``what.impact.what-works-evidence`` asks, in general terms, whether What Works
evidence is used or checked (in checklist 1.1.0: whether scrutiny checked at least one priority
intervention against a What Works source). Nothing here repeats it: each criterion here is about one
centre, in that centre's own terms and within its limits (and NICE, which rates nothing), and the last
about evaluating locally what no centre rates.
"""

from __future__ import annotations

from collections.abc import Iterator

from lscp_scrutiny import hookimpl
from lscp_scrutiny.model import (
    Assessment,
    Checklist,
    ChecklistExtension,
    Criterion,
    EvidenceKind,
    RatingLevel,
    RatingScale,
    Section,
    Source,
    SourceKind,
)
from lscp_scrutiny.rules import Finding, ValidationRule

__version__ = "1.1.0"

SECTION_ID = "what.what-works"
"""The section and the prefix of every criterion id."""

# --- sources (ids carry the plugin's prefix, so no built-in source can clash with them) ---------------

FOUNDATIONS_FAQ = Source(
    id="what-works.foundations-guidebook-faqs",
    kind=SourceKind.SECTOR,
    title="Guidebook FAQs (Foundations, What Works Centre for Children & Families)",
    url="https://foundations.org.uk/guidebook-faqs",
    note="The Guidebook covers manualised interventions; it does not currently cover system-level models.",
)
GUIDEBOOK_STANDARDS = Source(
    id="what-works.guidebook-evidence-standards",
    kind=SourceKind.SECTOR,
    title="Evidence standards (Guidebook, first published by the Early Intervention Foundation)",
    url="https://guidebook.eif.org.uk/eif-evidence-standards",
    note=(
        "Levels 2 to 4 rate the strength of evidence of a causal impact on child outcomes, not the size "
        "of the impact; NL2 means the best evidence does not reach level 2."
    ),
)
GUIDEBOOK_RATINGS = Source(
    id="what-works.guidebook-plus-and-cost",
    kind=SourceKind.SECTOR,
    title="Welcome to the new Guidebook (Guidebook, first published by the Early Intervention Foundation)",
    url="https://guidebook.eif.org.uk/welcome-to-the-new-guidebook",
    note=(
        "Plus ratings (2+, 3+, 4+) mark a programme that exceeds the basic threshold of its level; cost "
        "ratings estimate the relative cost of delivering a programme, not its actual cost."
    ),
)
CRIME_REDUCTION_TOOLKIT = Source(
    id="what-works.crime-reduction-toolkit",
    kind=SourceKind.SECTOR,
    title="Crime Reduction Toolkit (College of Policing, What Works Centre for Crime Reduction)",
    url="https://www.college.police.uk/research/crime-reduction-toolkit",
    note="The toolkit's current address; it presents systematic reviews through the EMMIE framework.",
)
CRT_INCLUSION = Source(
    id="what-works.crime-reduction-toolkit-inclusion",
    kind=SourceKind.SECTOR,
    title="Writing a systematic review for inclusion on the Crime Reduction Toolkit (College of Policing)",
    url="https://www.college.police.uk/research/crime-reduction-toolkit/about-toolkit-emmie/write-systematic-review",
    note=(
        "Only interventions covered by a systematic review with a quantitative measure of crime reduction "
        "are included, so most child exploitation and welfare interventions are not in it."
    ),
)
CRT_EFFECT_SCALE = Source(
    id="what-works.crime-reduction-toolkit-effect-scale",
    kind=SourceKind.SECTOR,
    title="Effect rating: what it means (College of Policing Crime Reduction Toolkit, earlier address)",
    url="https://whatworks.college.police.uk/toolkit/Pages/Effect-scale.aspx",
    note="The eight effect ratings, from reduced crime or reoffending to increased.",
)
YEF_TOOLKIT = Source(
    id="what-works.yef-toolkit",
    kind=SourceKind.SECTOR,
    title="The YEF Toolkit: what it tells you (Youth Endowment Fund)",
    url="https://youthendowmentfund.org.uk/yef-toolkit-what-works-to-prevent-youth-violence/toolkit-what-it-tells-you",
    note=(
        "Three ratings per approach: impact on children's involvement in violence (no effect, low, medium, "
        "high or harmful), evidence (confidence in the research) and cost (relative to other approaches)."
    ),
)
EEF_TOOLKITS = Source(
    id="what-works.eef-toolkits",
    kind=SourceKind.SECTOR,
    title="The Teaching and Learning Toolkit and the Early Years Toolkit (Education Endowment Foundation)",
    url="https://evidence.education/projects/the-teaching-and-learning-toolkit",
    note=(
        "Each approach has a cost, an impact on attainment in months of progress, and a rating of the "
        "security of the evidence (padlocks)."
    ),
)
EEF_COST = Source(
    id="what-works.eef-cost",
    kind=SourceKind.SECTOR,
    title="About the Toolkits: cost (Education Endowment Foundation)",
    url="http://educationendowmentfoundation.org.uk/evidence-summaries/about-the-toolkits/cost/",
    note="Cost is rated on a five-point scale, from very low to very high.",
)
NICE_NG76 = Source(
    id="what-works.nice-ng76",
    kind=SourceKind.SECTOR,
    title="Child abuse and neglect, NICE guideline NG76 (9 October 2017)",
    url="https://www.nice.org.uk/guidance/NG76/chapter/about-this-guideline",
    note="Recommendations on recognising and responding to child abuse and neglect, for all practitioners.",
)
NICE_QS179 = Source(
    id="what-works.nice-qs179",
    kind=SourceKind.SECTOR,
    title="Child abuse and neglect, NICE quality standard QS179 (12 February 2019)",
    url="https://nice.org.uk/guidance/QS179/chapter/about-this-quality-standard",
    note=(
        "Measurable quality statements drawn from NICE guidance; NICE leaves the expected level of "
        "achievement to be defined locally."
    ),
)
VKPP_STUDY = Source(
    id="what-works.vkpp-2022",
    kind=SourceKind.RESEARCH,
    title=(
        "Independent Scrutiny and Local Safeguarding Children Partnership Arrangements (VKPP, University "
        "of Bedfordshire and TASP, August 2022)"
    ),
    note=(
        "Its survey data were self-reported by partnerships and not triangulated; it called for investment "
        "in triangulation and evaluation, and for national outcomes developed with What Works Centres."
    ),
    url=(
        "https://www.vkpp.org.uk/publications/publications-and-reports/reports/independent-scrutiny-and-"
        "local-safeguarding-children-partnership-arrangements-august-2022/"
    ),
)

SOURCES = (
    FOUNDATIONS_FAQ,
    GUIDEBOOK_STANDARDS,
    GUIDEBOOK_RATINGS,
    CRIME_REDUCTION_TOOLKIT,
    CRT_INCLUSION,
    CRT_EFFECT_SCALE,
    YEF_TOOLKIT,
    EEF_TOOLKITS,
    EEF_COST,
    NICE_NG76,
    NICE_QS179,
    VKPP_STUDY,
)

# --- each centre's own ratings, as data ----------------------------------------------------------------
#
# A scale needs points for every level, best first. Where a criterion is rated on a scale, the points
# are this plugin's mapping, not the centre's: one point for each step of the centre's own order, the
# lowest step 0. A cost rating is recorded, never scored: a cheaper intervention is not a better one, so
# every cost level has 0 points.


def _level(level_id: str, label: str, points: int, colour: str, description: str) -> RatingLevel:
    return RatingLevel(id=level_id, label=label, points=points, colour=colour, description=description)


FOUNDATIONS_EVIDENCE = RatingScale(
    id="what-works.foundations-evidence-level",
    name="Foundations Guidebook evidence rating",
    description=(
        "How strong the evidence is that a manualised programme has a causal, positive impact on child "
        "outcomes, as the Guidebook rates it (not the size of the impact). Points are this plugin's "
        "mapping: 4+ = 6, 4 = 5, 3+ = 4, 3 = 3, 2+ = 2, 2 = 1, NL2 = 0."
    ),
    levels=(
        _level("level-4-plus", "4+", 6, "green", "Level 4, above its basic threshold."),
        _level(
            "level-4",
            "4",
            5,
            "green",
            "A long-term positive impact through multiple rigorous evaluations, at least one showing an "
            "improved child outcome lasting a year or more.",
        ),
        _level("level-3-plus", "3+", 4, "green", "Level 3, above its basic threshold."),
        _level(
            "level-3",
            "3",
            3,
            "green",
            "A short-term positive impact from at least one rigorous evaluation, where causality can be "
            "judged.",
        ),
        _level("level-2-plus", "2+", 2, "amber", "Level 2, above its basic threshold."),
        _level(
            "level-2",
            "2",
            1,
            "amber",
            "Preliminary evidence of improving a child outcome; a causal impact cannot yet be assumed.",
        ),
        _level(
            "nl2",
            "NL2",
            0,
            "red",
            "Not level 2: the programme's most robust evaluation does not meet the level 2 threshold.",
        ),
    ),
)

FOUNDATIONS_COST = RatingScale(
    id="what-works.foundations-cost-rating",
    name="Foundations Guidebook cost rating",
    description=(
        "The Guidebook's estimate of the relative cost of delivering a programme, from 1 (least costly) "
        "to 5 (most), not its actual cost. Recorded, not scored: every level has 0 points."
    ),
    levels=tuple(
        _level(f"cost-{n}", str(n), 0, "grey", f"Guidebook cost rating {n} of 5.") for n in range(1, 6)
    ),
)

CRT_EFFECT = RatingScale(
    id="what-works.crime-reduction-effect",
    name="Crime Reduction Toolkit effect rating",
    description=(
        "What the systematic reviews say an intervention did to crime or reoffending, in the toolkit's own "
        "eight steps and order. Points are this plugin's mapping: 7 for the first step down to 0 for the "
        "last."
    ),
    levels=(
        _level(
            "reduced", "Reduced", 7, "green", "Overall, the intervention has reduced crime or reoffending."
        ),
        _level(
            "reduced-some-increase",
            "Reduced, some increase",
            6,
            "green",
            "Overall it has reduced crime or reoffending, with some evidence that it has increased it.",
        ),
        _level(
            "some-reduction",
            "Some reduction",
            5,
            "amber",
            "Some evidence of a reduction, but no statistically significant effect overall.",
        ),
        _level(
            "mixed",
            "Mixed",
            4,
            "amber",
            "Some evidence of an increase or a reduction, but no statistically significant effect overall.",
        ),
        _level(
            "no-effect",
            "No effect",
            3,
            "grey",
            "No evidence of a statistically significant effect on crime or reoffending.",
        ),
        _level(
            "some-increase",
            "Some increase",
            2,
            "red",
            "Some evidence of an increase, but no statistically significant effect overall.",
        ),
        _level(
            "increased-some-reduction",
            "Increased, some reduction",
            1,
            "red",
            "Overall it has increased crime or reoffending, with some evidence that it has reduced it.",
        ),
        _level(
            "increased",
            "Increased",
            0,
            "red",
            "Overall, the intervention has increased crime or reoffending.",
        ),
    ),
)

YEF_IMPACT = RatingScale(
    id="what-works.yef-impact",
    name="Youth Endowment Fund Toolkit impact rating",
    description=(
        "The likely average impact of an approach on keeping children safe from involvement in violence, "
        "as the YEF Toolkit rates it. Points are this plugin's mapping: high 3, medium 2, low 1, no effect "
        "and harmful 0."
    ),
    levels=(
        _level("high", "High", 3, "green", "A high average impact on violence."),
        _level("medium", "Medium", 2, "green", "A medium average impact on violence."),
        _level("low", "Low", 1, "amber", "A low average impact on violence."),
        _level("no-effect", "No effect", 0, "grey", "No effect on violence, on average."),
        _level("harmful", "Harmful", 0, "red", "On average, the approach has done harm."),
    ),
)


def _months(months: int) -> RatingLevel:
    plural = "" if months == 1 else "s"
    top = " or more" if months == EEF_TOP_MONTHS else ""
    return _level(
        f"plus-{months}",
        f"+{months} month{plural}",
        months + 1,
        "green",
        f"On average {months} month{plural}{top} of additional progress.",
    )


EEF_TOP_MONTHS = 8
"""The highest impact the toolkits show, in months; an approach above it is recorded at it."""

EEF_MONTHS = RatingScale(
    id="what-works.eef-months-progress",
    name="Education Endowment Foundation impact (months of progress)",
    description=(
        "The average additional months of progress in attainment made by pupils who received an approach, "
        "compared with similar pupils who did not. It measures attainment, not safeguarding. Points are "
        "this plugin's mapping: one a month, +8 = 9, 0 = 1, negative = 0."
    ),
    levels=(
        *(_months(months) for months in range(EEF_TOP_MONTHS, 0, -1)),
        _level("zero", "0 months", 1, "grey", "On average no additional progress."),
        _level("negative", "Negative", 0, "red", "On average pupils made less progress."),
    ),
)


def _padlocks(count: int) -> RatingLevel:
    colour = "green" if count >= 4 else "amber" if count >= 2 else "red"  # noqa: PLR2004 - our colours
    return _level(
        f"padlocks-{count}",
        f"{count} padlock{'' if count == 1 else 's'}",
        count,
        colour,
        f"{count} of 5 padlocks." if count else "0 padlocks: too little secure evidence to judge.",
    )


EEF_SECURITY = RatingScale(
    id="what-works.eef-evidence-security",
    name="Education Endowment Foundation evidence security (padlocks)",
    description=(
        "How secure the evidence for an approach is, from the number and quality of studies, how "
        "consistent and how recent they are: 0 to 5 padlocks. Points are the padlocks."
    ),
    levels=tuple(_padlocks(count) for count in range(5, -1, -1)),
)

EEF_COST_SCALE = RatingScale(
    id="what-works.eef-cost",
    name="Education Endowment Foundation cost rating",
    description="The toolkits' five-point cost rating. Recorded, not scored: every level has 0 points.",
    levels=(
        _level("very-low", "£ Very low", 0, "grey", "Very low cost."),
        _level("low", "££ Low", 0, "grey", "Low cost."),
        _level("moderate", "£££ Moderate", 0, "grey", "Moderate cost."),
        _level("high", "££££ High", 0, "grey", "High cost."),
        _level("very-high", "£££££ Very high", 0, "grey", "Very high cost."),
    ),
)

SCALES = (
    FOUNDATIONS_EVIDENCE,
    FOUNDATIONS_COST,
    CRT_EFFECT,
    YEF_IMPACT,
    EEF_MONTHS,
    EEF_SECURITY,
    EEF_COST_SCALE,
)
"""Every scale the plugin declares, in the order of the centres above."""

# --- the criteria --------------------------------------------------------------------------------------

_WHY_MAY = (
    " No statute or statutory guidance asks partnerships to use What Works ratings; this is an option "
    "(may), our own reading of the national study's call for outcomes developed with What Works Centres."
)

_RECORD = (
    " Record each intervention as a piece of evidence, with the centre's rating in the centre's own words "
    "in its description, never translated into a common scale. Partnerships commission little themselves: "
    "look at what the partners' plans name."
)


def _criterion(
    slug: str,
    title: str,
    text: str,
    guidance: str,
    prompts: tuple[str, ...],
    *,
    sources: tuple[Source, ...],
    scale: RatingScale | None = None,
) -> Criterion:
    return Criterion(
        id=f"{SECTION_ID}.{slug}",
        title=title,
        text=text,
        guidance=guidance + _WHY_MAY,
        question="what",
        theme="what_works",
        evidence_prompts=prompts,
        tags=("what-works", "evidence"),
        sources=tuple(source.id for source in (*sources, VKPP_STUDY)),
        obligation="may",
        scale=None if scale is None else scale.id,
    )


WHAT_WORKS = Section(
    id=SECTION_ID,
    title="What is scrutinised: What Works evidence",
    question="what",
    theme="what_works",
    description=(
        "Whether scrutiny checks the evidence behind the interventions in the partnership's priority "
        "plans, in each What Works Centre's own terms. Written in our own words. No centre rates "
        "multi-agency safeguarding arrangements themselves."
    ),
    criteria=(
        _criterion(
            "family-programmes-level",
            "Family programmes' Guidebook level",
            "The manualised family support and parenting programmes named in the priority plans have been "
            "looked up in the Foundations Guidebook; the rating given here is the lowest Guidebook evidence "
            "level among them.",
            "This criterion is rated on the Guidebook's own evidence levels (4+ to NL2), with the points "
            "shown in the scale's description. The Guidebook rates manualised programmes only, not "
            "system-level models: rate not applicable, with a reason, when the plans name none, and list a "
            "programme Foundations has not assessed under the evaluation criterion instead (unassessed is "
            "not NL2). Note each programme's cost rating (1 to 5) beside its level." + _RECORD,
            (
                "Each programme with its Guidebook evidence level and cost rating",
                "The Guidebook pages consulted, with the date",
            ),
            sources=(FOUNDATIONS_FAQ, GUIDEBOOK_STANDARDS, GUIDEBOOK_RATINGS),
            scale=FOUNDATIONS_EVIDENCE,
        ),
        _criterion(
            "crime-reduction-effect",
            "Crime Reduction Toolkit checked",
            "Where the police or community safety partners' plans for children include interventions meant "
            "to reduce crime, scrutiny has recorded the Crime Reduction Toolkit's effect rating for each, or "
            "that the toolkit does not cover it.",
            "The toolkit includes only interventions covered by at least one systematic review with a "
            "quantitative crime outcome, so most work on child exploitation and welfare is not in it; "
            "for violence affecting children the Youth Endowment Fund Toolkit usually fits better. Record "
            "the effect in the toolkit's words, with the quality of the evidence as the toolkit gives "
            "it." + _RECORD,
            (
                "Each intervention with its toolkit effect rating and quality of evidence",
                "The toolkit pages consulted, at the College of Policing's current address",
            ),
            sources=(CRIME_REDUCTION_TOOLKIT, CRT_INCLUSION, CRT_EFFECT_SCALE),
        ),
        _criterion(
            "violence-approaches",
            "Youth Endowment Fund Toolkit checked",
            "Where the partnership's plans for harm outside the home (criminal exploitation, serious "
            "violence) name approaches, scrutiny has recorded the Youth Endowment Fund Toolkit's impact, "
            "evidence and cost ratings for each, or that the Toolkit does not cover it.",
            "The Toolkit rates the likely average impact on children's involvement in violence (no effect, "
            "low, medium, high or harmful), the confidence in the research behind it, and the cost relative "
            "to other approaches. An approach rated harmful should be named in the scrutiny report. The "
            "same evidence often serves the Serious Violence Duty partnership; say so rather than repeat "
            "it." + _RECORD,
            (
                "Each approach with its Toolkit impact, evidence and cost ratings",
                "The Toolkit pages consulted, with the date",
            ),
            sources=(YEF_TOOLKIT,),
        ),
        _criterion(
            "education-approaches",
            "Education Endowment Foundation checked",
            "Where the partnership's priorities ask schools or early years settings to adopt an approach "
            "(on attendance, inclusion or working with parents, say), scrutiny has recorded its rating in "
            "the Education Endowment Foundation's toolkits, or that they do not cover it.",
            "The toolkits' impact is attainment, in months of progress, not a safeguarding outcome: use "
            "them only for the education side of a priority. Record the months of progress, the padlocks "
            "and the cost." + _RECORD,
            (
                "Each approach with its months of progress, padlocks and cost",
                "The toolkit pages consulted, with the date",
            ),
            sources=(EEF_TOOLKITS, EEF_COST),
        ),
        _criterion(
            "nice-quality-statements",
            "Health practice tested against NICE",
            "Scrutiny has tested at least one aspect of agencies' practice, health providers' first, "
            "against a quality statement of NICE quality standard QS179 on child abuse and neglect, using "
            "the statement's own quality measures.",
            "NICE does not rate interventions on a scale. Its guideline NG76 recommends how to recognise "
            "and respond to child abuse and neglect, and quality standard QS179 turns priorities from it "
            "into measurable statements. NICE leaves the expected level of achievement to be agreed "
            "locally, so record the level the partners agreed and the level found.",
            (
                "The quality statement tested, its measure, the level agreed and the level found",
                "The audit or review behind the finding, with who carried it out",
            ),
            sources=(NICE_NG76, NICE_QS179),
        ),
        _criterion(
            "evaluation-plan",
            "Unrated work is evaluated",
            "Interventions in the priority plans that no centre rates, or that a centre rates weakly, have "
            "a plan to evaluate them locally, and scrutiny follows it up.",
            "Where the evidence does not yet exist, the partnership should be building it. The national "
            "study itself called for investment in triangulation and evaluation.",
            (
                "Evaluation plans for unrated interventions, with owners and dates",
                "Scrutiny's follow-up of the plans",
            ),
            sources=(FOUNDATIONS_FAQ, CRIME_REDUCTION_TOOLKIT, YEF_TOOLKIT, EEF_TOOLKITS),
        ),
    ),
)

# --- the triangulation rule ----------------------------------------------------------------------------

DOCUMENTARY = frozenset({EvidenceKind.DOCUMENT, EvidenceKind.OTHER})
"""Kinds that cannot corroborate a document: another document, or evidence of no stated kind."""


def triangulated(assessment: Assessment, checklist: Checklist) -> Iterator[Finding]:
    """Every rating rests on at least two kinds of evidence, at least one of them not documentary.

    Two documents (or a document and "other" evidence) are one agency's account twice over; corroboration
    needs data, an audit, feedback from practitioners, children or families, or an observation.
    """
    for response in assessment.responses:
        if not response.is_scored or not checklist.has_criterion(response.criterion):
            continue  # a rating kept for a criterion the checklist no longer has is not counted
        kinds = {evidence.kind for evidence in response.evidence}
        if len(kinds) < 2:  # noqa: PLR2004 - two kinds make a rating triangulated
            named = f" ({next(iter(kinds)).value})" if kinds else ""
            yield Finding(
                criterion=response.criterion,
                message=f"rests on {len(kinds)} kind{'' if len(kinds) == 1 else 's'} of evidence{named}; "
                "triangulation needs at least two, one of them not a document",
            )
        elif kinds <= DOCUMENTARY:
            yield Finding(
                criterion=response.criterion,
                message="rests only on documents and other evidence; triangulation needs at least one of "
                "data, audit, feedback or observation",
            )


TRIANGULATION = ValidationRule(
    id="what-works.triangulation",
    description="Every rating rests on at least two kinds of evidence, at least one of them not a document.",
    check=triangulated,
)


@hookimpl
def lscp_scrutiny_rating_scales() -> list[RatingScale]:
    """Each centre's own ratings, as scales any extension can use by id."""
    return list(SCALES)


@hookimpl
def lscp_scrutiny_checklist_extensions() -> list[ChecklistExtension]:
    """The What Works evidence section, in the built-in checklist."""
    return [
        ChecklistExtension(
            checklist="independent-scrutiny",
            sections=(WHAT_WORKS,),
            sources=SOURCES,
        )
    ]


@hookimpl
def lscp_scrutiny_validation_rules() -> list[ValidationRule]:
    """The triangulation rule."""
    return [TRIANGULATION]
