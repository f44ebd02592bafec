"""An example lscp-scrutiny plugin: scrutiny against the Children's Social Care National Framework.

The National Framework is statutory guidance for local authority children's social care, published by the
Department for Education with Working Together to Safeguard Children 2023 (December 2023). It sets four
outcomes for children and families, three enablers of good practice and six principles, and is supported
by the Children's Social Care Dashboard. Working Together 2023 links to it: its definition of safeguarding
includes enabling all children to have the best outcomes in line with the framework's outcomes. Neither
document makes the outcomes a duty of the safeguarding partnership, so every criterion here is ``may``.

This plugin adds one section, **What is scrutinised: National Framework**, to the built-in checklist:

- the first enabler, "multi-agency working is prioritised and effective", which is the one a partnership's
  scrutiny can test directly;
- mapping the partnership's data set to the Dashboard's indicators;
- for each outcome, whether scrutiny has examined the *multi-agency contribution* to it. None of them asks
  the partnership to show that it caused a change in an outcome: no partnership can attribute population
  outcomes to its arrangements.

The built-in checklist's ``what.impact.national-framework`` is about the partnership's own measures:
whether they are aligned with (in checklist 1.1.0: mapped to) the framework's outcomes and its
multi-agency enabler. Nothing here repeats it: these criteria ask what scrutiny tested and examined, and
whether the data set is mapped to the Dashboard's indicators.
"""

from __future__ import annotations

from lscp_scrutiny import hookimpl
from lscp_scrutiny.model import ChecklistExtension, Criterion, Section, Source, SourceKind

__version__ = "1.1.0"

SECTION_ID = "what.national-outcomes"
"""The section and the prefix of every criterion id."""

LOOK_BACK_YEARS = 3
"""How far back "has examined" reaches: our choice (about one scrutiny cycle), not the framework's."""

# Source ids carry the plugin's prefix, so a change to a built-in source can never clash with them.
FRAMEWORK = Source(
    id="national-outcomes.framework-2023",
    kind=SourceKind.STATUTORY_GUIDANCE,
    title="Children's social care: national framework (DfE statutory guidance, GOV.UK, 15 December 2023)",
    url="https://www.gov.uk/government/publications/childrens-social-care-national-framework",
    note=(
        "The final framework, published with Working Together 2023. Written for local authority "
        "children's social care; four outcomes, three enablers, six principles."
    ),
)
WORKING_TOGETHER = Source(
    id="national-outcomes.working-together-2023",
    kind=SourceKind.STATUTORY_GUIDANCE,
    title="Working together to safeguard children 2023 (DfE statutory guidance, GOV.UK)",
    url="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
    note=(
        "Its definition of safeguarding and promoting the welfare of children ends with taking action to "
        "enable all children to have the best outcomes in line with the National Framework's outcomes."
    ),
)
DEFINITION_QUOTED = Source(
    id="national-outcomes.wt2023-definition",
    kind=SourceKind.SECTOR,
    title="Working Together to Safeguard Children 2023 (North Yorkshire Safeguarding Children Partnership)",
    url="https://safeguardingchildren.co.uk/working-together-to-safeguard-children-2023",
    note="Quotes WT2023's definition of safeguarding, with its link to the National Framework's outcomes.",
)
EMBEDDING = Source(
    id="national-outcomes.embedding-support",
    kind=SourceKind.GOVERNMENT,
    title=(
        "Supporting local areas to embed Working Together to Safeguard Children and the national framework "
        "(DfE, GOV.UK, updated 11 October 2024)"
    ),
    url=(
        "https://www.gov.uk/government/publications/improving-practice-with-children-young-people-and-"
        "families/supporting-local-areas-to-embed-working-together-to-safeguard-children-and-the-national-"
        "framework"
    ),
    note=(
        "Grant funding for safeguarding partners to build a shared understanding between agencies of what "
        "the national framework means for multi-agency working."
    ),
)
HALTON = Source(
    id="national-outcomes.halton-enablers",
    kind=SourceKind.LOCAL,
    title="How we work with children and families in Halton (Halton Safeguarding Children Partnership)",
    url="https://haltonsafeguardingchildrenpartnership.org.uk/about-us/how-we-work-with-children-and-families-in-halton",
    note="Lists the framework's outcomes and its three enablers.",
)
YORK = Source(
    id="national-outcomes.york-first-enabler",
    kind=SourceKind.LOCAL,
    title="Local protocol for assessment (City of York Safeguarding Children Partnership)",
    url="https://saferchildrenyork.org.uk/resources/local-protocol-assessment/1",
    note=(
        "Multi-agency working is the framework's first enabler; partner agencies should recognise their "
        "role in achieving good outcomes."
    ),
)
BEDFORDSHIRE = Source(
    id="national-outcomes.who-it-is-for",
    kind=SourceKind.LOCAL,
    title=(
        "Children's Social Care National Framework: information for practitioners who work in or with "
        "children's social care (Bedfordshire)"
    ),
    url="https://safeguardingbedfordshire.org.uk/p/latest-news/childrens-social-care-national-framework-information-for-practitioners-who-work",
    note=(
        "The framework is written for those who work in and with local authority children's social care, "
        "with details that apply to all safeguarding partners."
    ),
)
SUSSEX = Source(
    id="national-outcomes.principles",
    kind=SourceKind.LOCAL,
    title="1.3 Children's Social Care National Framework (Sussex Child Protection Procedures)",
    url="https://sussexchildprotection.procedures.org.uk/ykyoyz/working-with-children-and-families/children-39-s-social-care-national-framework",
    note="Summarises the framework's six principles.",
)
DASHBOARD = Source(
    id="national-outcomes.dashboard",
    kind=SourceKind.OTHER,
    title="Children's Social Care - National Framework (ECP summary, July 2024)",
    url="https://ecp-limited-blogs.blogspot.com/2024/07/childrens-social-care-national-framework.html",
    note=(
        "The framework is complemented by the Children's Social Care Dashboard, for understanding progress "
        "towards its outcomes; the Dashboard is a learning tool for local authorities."
    ),
)

SOURCES = (
    FRAMEWORK,
    WORKING_TOGETHER,
    DEFINITION_QUOTED,
    EMBEDDING,
    HALTON,
    YORK,
    BEDFORDSHIRE,
    SUSSEX,
    DASHBOARD,
)

OUTCOMES = (
    (
        "stay-together",
        "Contribution: families stay together",
        "children, young people and families stay together and get the help they need",
    ),
    (
        "family-network",
        "Contribution: family networks",
        "children and young people are supported by their family network",
    ),
    (
        "safe-in-and-outside-home",
        "Contribution: safe in and outside home",
        "children and young people are safe in and outside of their homes",
    ),
    (
        "stable-loving-homes",
        "Contribution: stable, loving homes",
        "children in care and care leavers have stable, loving homes",
    ),
)
"""The framework's four outcomes, in its order: (slug, criterion title, outcome)."""

ENABLERS = (
    "multi-agency working is prioritised and effective",
    "leaders drive conditions for effective practice",
    "the workforce is equipped and effective",
)
"""The framework's three enablers, in its order."""

_WHY_MAY = (
    " The National Framework is written for local authority children's social care; Working Together 2023 "
    "links its definition of safeguarding to the framework's outcomes, but neither makes this a duty of "
    "the partnership, so the criterion is an option (may)."
)


def _criterion(
    slug: str,
    title: str,
    text: str,
    guidance: str,
    prompts: tuple[str, ...],
    *,
    sources: tuple[Source, ...],
) -> Criterion:
    return Criterion(
        id=f"{SECTION_ID}.{slug}",
        title=title,
        text=text,
        guidance=guidance + _WHY_MAY,
        question="what",
        theme="national_outcomes",
        evidence_prompts=prompts,
        tags=("national-outcomes", "national-framework"),
        sources=tuple(source.id for source in sources),
        obligation="may",
    )


_OUTCOME_GUIDANCE = {
    "stay-together": (
        "Look at early help and family support across agencies: who identifies need, how quickly families "
        "are offered help, and whether the help is joined up. Activity counts alone do not show a "
        "contribution."
    ),
    "family-network": (
        "Look at how agencies identify and involve family networks early, for example through family group "
        "decision-making, and whether partners other than the council take part. Offering family group "
        "decision-making is the council's job; scrutiny looks at how the other partners support it."
    ),
    "safe-in-and-outside-home": (
        "Look at multi-agency data, audits and reviews on harm inside the family and outside it "
        "(exploitation, serious violence, online harm), and at whether what they showed was followed up."
    ),
    "stable-loving-homes": (
        "This outcome is mainly the council's, as corporate parent. Look at the partners' part: health "
        "assessments for children in care, police responses to children missing from care, education "
        "support for children in care. Rate not applicable, with a reason, if the partnership has agreed "
        "that another board scrutinises it."
    ),
}

_OUTCOME_PROMPTS = {
    "stay-together": (
        "A scrutiny report or audit on early help and family support, with what it found",
        "Data the partners share on families helped early, and on re-referrals",
        "What families say about the help they were offered",
    ),
    "family-network": (
        "A scrutiny report or multi-agency audit on work with family networks",
        "Data on family group decision-making and on children living with their family network",
        "What children and family members say about being involved",
    ),
    "safe-in-and-outside-home": (
        "A scrutiny report, audit or thematic review on harm inside and outside the home",
        "Multi-agency data on exploitation, serious violence and repeat harm",
        "Follow-up of what rapid reviews and local practice reviews found",
    ),
    "stable-loving-homes": (
        "A scrutiny report or audit on the partners' part in care and leaving care",
        "Data on health assessments of children in care and on children missing from care",
        "What children in care and care leavers say",
    ),
}


_OUTCOME_SOURCES = {"family-network": (SUSSEX,)}
"""Sources only one outcome needs: the principle that children are raised by their families, with their
family networks, or in family environments wherever possible."""


def _outcome_criterion(number: int, slug: str, title: str, outcome: str) -> Criterion:
    return _criterion(
        f"contribution-{slug}",
        title,
        f"In the last {LOOK_BACK_YEARS} years, scrutiny has examined how the partner agencies, working "
        f"together, contribute to the National Framework's outcome {number}, that {outcome}, and has "
        "reported what it found.",
        f"Rate whether scrutiny examined the multi-agency contribution, not whether the outcome improved. "
        f"{_OUTCOME_GUIDANCE[slug]} The {LOOK_BACK_YEARS}-year window is this plugin's choice.",
        _OUTCOME_PROMPTS[slug],
        sources=(FRAMEWORK, WORKING_TOGETHER, DEFINITION_QUOTED, *_OUTCOME_SOURCES.get(slug, ())),
    )


NATIONAL_OUTCOMES = Section(
    id=SECTION_ID,
    title="What is scrutinised: National Framework",
    question="what",
    theme="national_outcomes",
    description=(
        "Whether scrutiny tests the multi-agency working the Children's Social Care National Framework "
        "relies on, and the partners' contribution to its four outcomes. Written in our own words."
    ),
    criteria=(
        _criterion(
            "multi-agency-enabler",
            "Multi-agency working tested (first enabler)",
            "Scrutiny tests, from the partnership's data set and from practice, how far multi-agency working "
            "is prioritised and effective, the first enabler of the National Framework.",
            "Look for scrutiny that goes beyond meeting attendance: whether agencies share information in "
            "time, take part in assessments and plans, and challenge each other; whether practitioners from "
            "every agency say joint working helps them. The framework's other two enablers (leaders drive "
            "conditions for effective practice; the workforce is equipped and effective) are about the "
            "council's own service.",
            (
                "A scrutiny report or audit that judges the quality of joint working, with its findings",
                "The measures of multi-agency working in the partnership's data set",
                "What practitioners from several agencies say about working together",
            ),
            sources=(FRAMEWORK, YORK, HALTON, EMBEDDING, BEDFORDSHIRE),
        ),
        _criterion(
            "dashboard-mapping",
            "Data set mapped to the Dashboard",
            "The partnership has recorded which of the Children's Social Care Dashboard's indicators its own "
            "data set covers, which it does not, and why, and scrutiny uses that mapping when it compares "
            "local data with national data.",
            "The Dashboard supports the National Framework; it is a learning tool for local authorities, not "
            "a performance table. Mapping the partnership's data set to it is a check on what the partners "
            "can see, not a way to rate them. Use the Dashboard's current list of indicators.",
            (
                "The mapping: each Dashboard indicator against the partnership's data set",
                "A scrutiny report that compares local with national data, citing the mapping",
            ),
            sources=(FRAMEWORK, DASHBOARD),
        ),
        *(_outcome_criterion(n, *outcome) for n, outcome in enumerate(OUTCOMES, start=1)),
    ),
)


@hookimpl
def lscp_scrutiny_checklist_extensions() -> list[ChecklistExtension]:
    """Add the National Framework section to the built-in checklist."""
    return [
        ChecklistExtension(
            checklist="independent-scrutiny",
            sections=(NATIONAL_OUTCOMES,),
            sources=SOURCES,
        )
    ]
