"""The built-in checklist: its shape, its sources, and that it says what it is."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

import lscp_scrutiny as ls
from lscp_scrutiny.schema import json_schema

FILE = Path(__file__).resolve().parent.parent / "checklists" / "independent-scrutiny.yaml"
THEMES = [
    "leadership",
    "relevant_agencies",
    "information_sharing",
    "quality_assurance",
    "embedding_learning",
    "impact",
]


def test_the_file_matches_its_schema() -> None:
    jsonschema.validate(YAML(typ="safe").load(FILE.read_text()), json_schema("checklist"))


def test_at_least_forty_criteria_organised_who_how_what(checklist: ls.Checklist) -> None:
    assert len(checklist.criteria) >= 40
    assert [s.question.value for s in checklist.sections[:2]] == ["who", "how"]
    what = [s for s in checklist.sections if s.question is ls.ScrutinyQuestion.WHAT]
    assert [s.theme for s in what] == THEMES
    assert all(s.criteria for s in checklist.sections)
    for section in checklist.sections:
        for criterion in section.criteria:
            assert criterion.id.startswith(section.id + ".")
            assert (criterion.question, criterion.theme) == (section.question, section.theme)


def test_every_criterion_cites_its_sources_and_every_source_is_cited(checklist: ls.Checklist) -> None:
    cited = {source for c in checklist.criteria for source in c.sources}
    assert all(c.sources for c in checklist.criteria)
    assert cited == {s.id for s in checklist.sources}
    assert all(s.url and s.url.startswith("https://") for s in checklist.sources)


def test_every_criterion_can_be_assessed_by_a_person(checklist: ls.Checklist) -> None:
    for criterion in checklist.criteria:
        assert criterion.guidance, criterion.id
        assert len(criterion.evidence_prompts) >= 2, criterion.id
        assert criterion.text.endswith("."), criterion.id


def test_it_says_plainly_that_it_is_an_interpretation(checklist: ls.Checklist) -> None:
    assert checklist.interpretation is not None
    text = " ".join(checklist.interpretation.split())
    assert "own interpretation" in text
    assert "not the wording of the published Checklist for Independent Scrutiny" in text
    assert FILE.read_text().startswith("# lscp-scrutiny built-in checklist")


def test_it_reflects_the_2026_act_and_working_together_2023(checklist: ls.Checklist) -> None:
    sources = {s.id: s for s in checklist.sources}
    assert "cws-act-2026-s2" in sources
    education = checklist.criterion("what.relevant-agencies.education-childcare-included")
    assert "cws-act-2026-s2" in education.sources
    assert not re.search(r"fourth (statutory )?partner", education.text)
    texts = " ".join(c.text + " " + (c.guidance or "") for c in checklist.criteria).lower()
    for phrase in ("lead safeguarding partners", "delegated safeguarding partner", "yearly report"):
        assert phrase in texts


def test_the_scale_is_met_partly_not(checklist: ls.Checklist) -> None:
    scale = checklist.scale(checklist.default_scale)
    assert scale.level_ids == ("met", "partly_met", "not_met")
    assert [level.points for level in scale.levels] == [2, 1, 0]


def test_the_file_round_trips_through_the_library(checklist: ls.Checklist) -> None:
    for fmt in ("yaml", "json"):
        assert ls.loads_checklist(ls.dumps_checklist(checklist, fmt), fmt) == checklist
