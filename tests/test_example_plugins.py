"""The two example plugins in examples/plugins/: what they contribute, and that it is right.

lscp-national-outcomes adds scrutiny against the final Children's Social Care National Framework
(December 2023); lscp-what-works declares each What Works Centre's own rating scale as data, adds criteria
on whether scrutiny checked the centres' ratings, and a triangulation rule. Both are imported from their
source folders, not installed (tests/test_wheel.py installs them).
"""

from __future__ import annotations

import importlib
import re
import sys
import tomllib
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import lscp_scrutiny as ls
from lscp_scrutiny.model import Checklist, RatingScale, Source
from lscp_scrutiny.testing import assert_plugin_works, registry_with

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "examples" / "plugins"
AS_OF = date(2026, 11, 27)
BUILTIN = "independent-scrutiny"


def _import(folder: str, module: str) -> ModuleType:
    sys.path.insert(0, str(PLUGINS / folder / "src"))
    try:
        return importlib.import_module(module)
    finally:
        del sys.path[0]


@pytest.fixture(scope="module")
def national() -> ModuleType:
    return _import("lscp-national-outcomes", "lscp_national_outcomes")


@pytest.fixture(scope="module")
def what_works() -> ModuleType:
    return _import("lscp-what-works", "lscp_what_works")


@pytest.fixture(scope="module")
def builtin() -> Checklist:
    """The built-in checklist as no plugin has changed it (whatever its version)."""
    return registry_with().checklist(BUILTIN)


@pytest.fixture(scope="module")
def extended(national: ModuleType, what_works: ModuleType) -> Checklist:
    return registry_with(national, what_works).checklist(BUILTIN)


def _section(plugin: ModuleType) -> ls.Section:
    (extension,) = plugin.lscp_scrutiny_checklist_extensions()
    (section,) = extension.sections
    assert isinstance(section, ls.Section)
    return section


def _sources(plugin: ModuleType) -> tuple[Source, ...]:
    (extension,) = plugin.lscp_scrutiny_checklist_extensions()
    return tuple(extension.sources)


# --- both plugins load and work ------------------------------------------------------------------------


@pytest.mark.parametrize("plugins", [("national",), ("what_works",), ("national", "what_works")])
def test_the_plugins_work_alone_and_together(
    plugins: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    modules = [request.getfixturevalue(name) for name in plugins]
    registry = assert_plugin_works(*modules)  # every hook, rule and format runs without a failure
    builtin = registry_with().checklist(BUILTIN)
    added = sum(len(_section(module).criteria) for module in modules)
    assert len(registry.checklist(BUILTIN).criteria) == len(builtin.criteria) + added


def test_each_adds_one_section_at_the_end(extended: Checklist, builtin: Checklist) -> None:
    assert [s.id for s in extended.sections[: len(builtin.sections)]] == [s.id for s in builtin.sections]
    assert [s.id for s in extended.sections[len(builtin.sections) :]] == [
        "what.national-outcomes",
        "what.what-works",
    ]
    assert [len(s.criteria) for s in extended.sections[-2:]] == [6, 6]


def test_versions_are_bumped_and_agree_with_the_changelog(
    national: ModuleType, what_works: ModuleType
) -> None:
    for folder, module in (("lscp-national-outcomes", national), ("lscp-what-works", what_works)):
        project = tomllib.loads((PLUGINS / folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert project["version"] == module.__version__ == "1.1.0"
        readme = (PLUGINS / folder / "README.md").read_text(encoding="utf-8")
        assert re.search(r"^- \*\*1\.1\.0\*\*", readme, re.MULTILINE), (
            f"{folder}: no changelog line for 1.1.0"
        )
        assert re.search(r"^- \*\*1\.0\.0\*\*", readme, re.MULTILINE)


def test_entry_point_names_are_unchanged() -> None:
    """Documented commands disable them by these names (`--disable-plugin what_works`)."""
    for folder, name, module in (
        ("lscp-national-outcomes", "national_outcomes", "lscp_national_outcomes"),
        ("lscp-what-works", "what_works", "lscp_what_works"),
    ):
        project = tomllib.loads((PLUGINS / folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert project["entry-points"]["lscp_scrutiny"] == {name: module}


# --- no duplicates of built-in criteria, and every criterion cited -------------------------------------


@pytest.mark.parametrize("plugin", ["national", "what_works"])
def test_no_criterion_repeats_a_built_in_one(
    plugin: str, builtin: Checklist, request: pytest.FixtureRequest
) -> None:
    section = _section(request.getfixturevalue(plugin))
    ids = {c.id for c in builtin.criteria}
    titles = {c.title.casefold() for c in builtin.criteria}
    texts = {" ".join(c.text.split()).casefold() for c in builtin.criteria}
    assert section.id not in {s.id for s in builtin.sections}
    for criterion in section.criteria:
        assert criterion.id not in ids
        assert criterion.title.casefold() not in titles
        assert " ".join(criterion.text.split()).casefold() not in texts
    # the two built-in criteria the 1.0.0 plugins duplicated
    assert not {"what.impact.national-framework", "what.impact.what-works-evidence"} & {
        c.id for c in section.criteria
    }


@pytest.mark.parametrize(
    ("plugin", "folder", "builtin_id"),
    [
        ("national", "lscp-national-outcomes", "what.impact.national-framework"),
        ("what_works", "lscp-what-works", "what.impact.what-works-evidence"),
    ],
)
def test_each_readme_says_how_it_differs_from_the_built_in_criterion(
    plugin: str, folder: str, builtin_id: str, request: pytest.FixtureRequest
) -> None:
    readme = (PLUGINS / folder / "README.md").read_text(encoding="utf-8")
    assert f"`{builtin_id}`" in readme
    assert (request.getfixturevalue(plugin).__doc__ or "").count(builtin_id) == 1


@pytest.mark.parametrize("plugin", ["national", "what_works"])
def test_every_criterion_cites_the_plugins_own_sources(
    plugin: str, extended: Checklist, request: pytest.FixtureRequest
) -> None:
    module = request.getfixturevalue(plugin)
    own = {source.id: source for source in _sources(module)}
    prefix = _section(module).id.removeprefix("what.") + "."
    assert all(source_id.startswith(prefix) for source_id in own)  # never a built-in source id
    for source in own.values():
        assert source.url, source.id
        assert source.url.startswith(("https://", "http://")), source.id
    cited = set()
    for criterion in _section(module).criteria:
        assert criterion.sources, criterion.id
        assert set(criterion.sources) <= set(own), criterion.id
        cited |= set(criterion.sources)
        in_checklist = {source.id: source for source in extended.sources}
        assert all(in_checklist[source_id] == own[source_id] for source_id in criterion.sources)
    assert cited == set(own)  # no source carried that nothing cites


@pytest.mark.parametrize("plugin", ["national", "what_works"])
def test_no_obligation_is_stronger_than_its_source(plugin: str, request: pytest.FixtureRequest) -> None:
    """Neither the National Framework nor any What Works product puts a duty on the partnership."""
    for criterion in _section(request.getfixturevalue(plugin)).criteria:
        assert criterion.obligation is ls.Obligation.MAY, criterion.id
        assert "(may)" in (criterion.guidance or ""), criterion.id  # and the guidance says why


# --- lscp-national-outcomes: the final National Framework ------------------------------------------------


def test_the_framework_cited_is_the_final_statutory_guidance(national: ModuleType) -> None:
    framework = national.FRAMEWORK
    assert (
        framework.url == "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    )
    assert "statutory guidance" in framework.title
    assert "December 2023" in framework.title
    for source in _sources(national):
        assert "consultation" not in source.title.casefold()
        assert "scribd" not in (source.url or "")
    wt2023 = national.WORKING_TOGETHER
    assert "statutory guidance" in wt2023.title
    assert wt2023.url.startswith("https://www.gov.uk/")


def test_four_outcomes_and_three_enablers(national: ModuleType) -> None:
    assert [outcome for _slug, _title, outcome in national.OUTCOMES] == [
        "children, young people and families stay together and get the help they need",
        "children and young people are supported by their family network",
        "children and young people are safe in and outside of their homes",
        "children in care and care leavers have stable, loving homes",
    ]
    assert national.ENABLERS == (
        "multi-agency working is prioritised and effective",
        "leaders drive conditions for effective practice",
        "the workforce is equipped and effective",
    )


def test_the_redesigned_criteria(national: ModuleType) -> None:
    criteria = {c.id.removeprefix("what.national-outcomes."): c for c in _section(national).criteria}
    assert list(criteria) == [
        "multi-agency-enabler",
        "dashboard-mapping",
        "contribution-stay-together",
        "contribution-family-network",
        "contribution-safe-in-and-outside-home",
        "contribution-stable-loving-homes",
    ]
    assert "multi-agency working is prioritised and effective" in criteria["multi-agency-enabler"].text
    assert "Children's Social Care Dashboard" in criteria["dashboard-mapping"].text
    for number, (slug, _title, outcome) in enumerate(national.OUTCOMES, start=1):
        text = criteria[f"contribution-{slug}"].text
        assert "scrutiny has examined" in text
        assert "working together, contribute" in text
        assert f"outcome {number}, that {outcome}" in text
    prompts = [c.evidence_prompts for c in criteria.values()]
    assert len(set(prompts)) == len(prompts)  # no two criteria share their evidence prompts


def test_no_criterion_claims_attribution(national: ModuleType) -> None:
    """1.0.0 asked the partnership to "show" its arrangements contributing to population outcomes."""
    for criterion in _section(national).criteria:
        assert "can show" not in criterion.text
        assert not re.search(r"\b(caused|attribut\w*)\b", criterion.text, re.IGNORECASE)


# --- lscp-what-works: each centre's own scale, as data ---------------------------------------------------


def _scales(what_works: ModuleType) -> dict[str, RatingScale]:
    registry = registry_with(what_works)
    return {scale.id: scale for scale in registry.scales}


EXPECTED_LEVELS = {
    "what-works.foundations-evidence-level": ["4+", "4", "3+", "3", "2+", "2", "NL2"],
    "what-works.foundations-cost-rating": ["1", "2", "3", "4", "5"],
    "what-works.crime-reduction-effect": [
        "Reduced",
        "Reduced, some increase",
        "Some reduction",
        "Mixed",
        "No effect",
        "Some increase",
        "Increased, some reduction",
        "Increased",
    ],
    "what-works.yef-impact": ["High", "Medium", "Low", "No effect", "Harmful"],
    "what-works.eef-months-progress": [
        *(f"+{m} month{'s' if m > 1 else ''}" for m in range(8, 0, -1)),
        "0 months",
        "Negative",
    ],
    "what-works.eef-evidence-security": [
        "5 padlocks",
        "4 padlocks",
        "3 padlocks",
        "2 padlocks",
        "1 padlock",
        "0 padlocks",
    ],
    "what-works.eef-cost": ["£ Very low", "££ Low", "£££ Moderate", "££££ High", "£££££ Very high"],
}


def test_each_centres_scale_is_registered_with_its_own_levels(what_works: ModuleType) -> None:
    scales = _scales(what_works)
    assert {i: [level.label for level in scales[i].levels] for i in EXPECTED_LEVELS} == EXPECTED_LEVELS
    assert {i for i in scales if i.startswith("what-works.")} == set(EXPECTED_LEVELS)


def test_no_scale_is_the_invented_evidence_strength_one(what_works: ModuleType) -> None:
    """No toolkit rates strong / moderate / limited / none (the 1.0.0 scale)."""
    scales = _scales(what_works)
    assert "evidence-strength" not in scales
    for scale in scales.values():
        assert {level.id for level in scale.levels} != {"strong", "moderate", "limited", "none"}


def test_the_points_mapping_is_explicit_and_documented(what_works: ModuleType) -> None:
    scales = _scales(what_works)
    guidebook = scales["what-works.foundations-evidence-level"]
    assert [level.points for level in guidebook.levels] == [6, 5, 4, 3, 2, 1, 0]
    for level in guidebook.levels:  # the description states the mapping, level by level
        assert f"{level.label} = {level.points}" in (guidebook.description or "")
    effect = scales["what-works.crime-reduction-effect"]
    assert [level.points for level in effect.levels] == list(range(7, -1, -1))
    assert [level.points for level in scales["what-works.yef-impact"].levels] == [3, 2, 1, 0, 0]
    assert [level.points for level in scales["what-works.eef-evidence-security"].levels] == [5, 4, 3, 2, 1, 0]
    for scale_id in EXPECTED_LEVELS:
        scale = scales[scale_id]
        if "cost" in scale_id:  # recorded, never scored: a cheaper intervention is not a better one
            assert {level.points for level in scale.levels} == {0}
            assert "Recorded, not scored" in (scale.description or "")
        else:
            assert "Points are" in (scale.description or ""), scale_id
            assert scale.max_points > 0


def test_one_criterion_is_rated_on_the_guidebook_scale(extended: Checklist) -> None:
    criterion = extended.criterion("what.what-works.family-programmes-level")
    assert extended.scale_for(criterion).id == "what-works.foundations-evidence-level"
    (section,) = (s for s in extended.sections if s.id == "what.what-works")
    others = [c for c in section.criteria if c is not criterion]
    assert {extended.scale_for(c).id for c in others} == {extended.default_scale}
    start = ls.start_assessment(extended, "P", "A")
    document = [ls.Evidence(kind="document", reference="Guidebook pages")]
    for rating, points in (("level-3-plus", 4), ("nl2", 0), ("level-4-plus", 6)):
        assessment = ls.rate(start, extended, criterion.id, rating, evidence=document)
        summary = ls.evaluate(assessment, extended, as_of=AS_OF)
        (result,) = (r for section in summary.sections for r in section.criteria if r.id == criterion.id)
        assert (result.points, result.max_points, result.rating_label) == (
            points,
            6,
            extended.scale_for(criterion).level(rating).label,
        )
    with pytest.raises(ls.ScrutinyError):
        ls.rate(start, extended, criterion.id, "strong", evidence=document)


def test_the_centres_and_their_limits_are_in_the_guidance(what_works: ModuleType) -> None:
    criteria = {c.id.removeprefix("what.what-works."): c for c in _section(what_works).criteria}
    assert list(criteria) == [
        "family-programmes-level",
        "crime-reduction-effect",
        "violence-approaches",
        "education-approaches",
        "nice-quality-statements",
        "evaluation-plan",
    ]
    assert "not system-level models" in (criteria["family-programmes-level"].guidance or "")
    assert "systematic review" in (criteria["crime-reduction-effect"].guidance or "")
    assert "attainment" in (criteria["education-approaches"].guidance or "")
    assert {"NG76", "QS179"} <= set(
        re.findall(r"\b[A-Z]{2}\d+\b", criteria["nice-quality-statements"].guidance or "")
    )
    sources = {s.id: s for s in _sources(what_works)}
    assert (
        sources["what-works.crime-reduction-toolkit"].url
        == "https://www.college.police.uk/research/crime-reduction-toolkit"
    )
    assert set(criteria["violence-approaches"].sources) >= {"what-works.yef-toolkit"}
    assert set(criteria["nice-quality-statements"].sources) >= {
        "what-works.nice-ng76",
        "what-works.nice-qs179",
    }


def test_the_study_is_not_misread(what_works: ModuleType) -> None:
    """A11: self-report without triangulation was the study's own limitation, not a finding about partnerships."""
    readme = (PLUGINS / "lscp-what-works" / "README.md").read_text(encoding="utf-8")
    for text in (readme, what_works.__doc__ or "", what_works.VKPP_STUDY.note or ""):
        flat = " ".join(text.split())
        assert "the gap the national study found" not in flat
        assert "study's own" in flat or "Its survey data" in flat
        assert "triangulation and evaluation" in flat


# --- the triangulation rule ------------------------------------------------------------------------------


def _flags(what_works: ModuleType, *kinds: str, rating: str = "met") -> list[str]:
    registry = registry_with(what_works)
    checklist = registry.checklist(BUILTIN)
    evidence = [ls.Evidence(kind=kind, reference=f"{kind} {n}") for n, kind in enumerate(kinds)]
    assessment = ls.start_assessment(checklist, "P", "A")
    if rating == "not_applicable":
        assessment = ls.rate(assessment, checklist, "who.published-model", rating, justification="No model.")
    else:
        assessment = ls.rate(assessment, checklist, "who.published-model", rating, evidence=evidence)
    summary = ls.evaluate(assessment, checklist, as_of=AS_OF, rules=registry.rules_for(checklist))
    return [flag.message for flag in summary.flags if flag.rule == "what-works.triangulation"]


@pytest.mark.parametrize(
    ("kinds", "flagged"),
    [
        ((), "rests on 0 kinds of evidence; triangulation needs at least two, one of them not a document"),
        (
            ("document",),
            "rests on 1 kind of evidence (document); triangulation needs at least two, one of them not a document",
        ),
        (
            ("document", "document"),
            "rests on 1 kind of evidence (document); triangulation needs at least two, one of them not a document",
        ),
        (
            ("data",),
            "rests on 1 kind of evidence (data); triangulation needs at least two, one of them not a document",
        ),
        (
            ("document", "other"),
            "rests only on documents and other evidence; triangulation needs at least one of data, audit, feedback or observation",
        ),
        (("document", "audit"), None),
        (("document", "child_feedback"), None),
        (("data", "observation"), None),
        (("document", "other", "practitioner_feedback"), None),
    ],
)
def test_triangulation_needs_a_kind_that_is_not_a_document(
    what_works: ModuleType, kinds: tuple[str, ...], flagged: str | None
) -> None:
    expected = [] if flagged is None else [f"who.published-model: {flagged}"]
    assert _flags(what_works, *kinds) == expected


def test_triangulation_skips_what_is_not_scored(what_works: ModuleType) -> None:
    assert _flags(what_works, rating="not_applicable") == []
