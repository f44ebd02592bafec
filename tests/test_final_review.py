"""Behaviour a final review asked for: contributors without versions, Markdown on one line."""

from __future__ import annotations

from attrs import evolve

import lscp_scrutiny as ls
from lscp_scrutiny.assessing import provenance
from lscp_scrutiny.model import Contributor
from lscp_scrutiny.render.markdown import md


def _contributed(checklist: ls.Checklist, *contributors: Contributor) -> ls.Checklist:
    """The checklist with its first criteria credited to these contributors."""
    section, *others = checklist.sections
    credited = [
        evolve(criterion, contributed_by=contributor)
        for criterion, contributor in zip(section.criteria, contributors, strict=False)
    ]
    criteria = [*credited, *section.criteria[len(credited) :]]
    return evolve(checklist, sections=[evolve(section, criteria=criteria), *others])


def test_contributors_with_and_without_versions_sort(checklist: ls.Checklist) -> None:
    mixed = _contributed(
        checklist,
        Contributor(name="ww-measures", version="1.2"),
        Contributor(name="ww-measures", version=None),
    )
    names = [str(c) for c in provenance(mixed).contributors]
    assert names.index("ww-measures") < names.index("ww-measures 1.2")


def test_a_report_names_contributors_without_versions(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    mixed = _contributed(
        checklist, Contributor(name="b-plugin", version=None), Contributor(name="a-plugin", version="2")
    )
    result = ls.evaluate(assessment, mixed)
    assert [str(c) for c in result.checklist.contributors][:2] == ["a-plugin 2", "b-plugin"]


def test_markdown_text_with_line_breaks_stays_readable() -> None:
    assert md("first line\nsecond\tline\r\n") == "first line second line"
    assert md("a*b*\n<c>") == r"a\*b\* \<c\>"
