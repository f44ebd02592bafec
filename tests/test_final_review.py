"""Behaviour a final review asked for: contributors without versions, Markdown on one line."""

from __future__ import annotations

from attrs import evolve

import lscp_scrutiny as ls
from lscp_scrutiny.assessing import provenance
from lscp_scrutiny.model import Contributor
from lscp_scrutiny.render.markdown import md


def test_contributors_with_and_without_versions_sort(checklist: ls.Checklist) -> None:
    section, *others = checklist.sections
    first, second, *rest = section.criteria
    mixed = evolve(
        checklist,
        sections=[
            evolve(
                section,
                criteria=[
                    evolve(first, contributed_by=Contributor(name="ww-measures", version=None)),
                    evolve(second, contributed_by=Contributor(name="ww-measures", version="1.2")),
                    *rest,
                ],
            ),
            *others,
        ],
    )
    names = [str(c) for c in provenance(mixed).contributors]
    assert names.index("ww-measures") < names.index("ww-measures 1.2")


def test_markdown_text_with_line_breaks_stays_readable() -> None:
    assert md("first line\nsecond\tline\r\n") == "first line second line"
    assert md("a*b*\n<c>") == r"a\*b\* \<c\>"


def test_a_report_names_contributors_without_versions(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    section, *others = checklist.sections
    first, second, *rest = section.criteria
    mixed = evolve(
        checklist,
        sections=[
            evolve(
                section,
                criteria=[
                    evolve(first, contributed_by=Contributor(name="b-plugin", version=None)),
                    evolve(second, contributed_by=Contributor(name="a-plugin", version="2")),
                    *rest,
                ],
            ),
            *others,
        ],
    )
    result = ls.evaluate(assessment, mixed)
    assert [str(c) for c in result.checklist.contributors][:2] == ["a-plugin 2", "b-plugin"]
