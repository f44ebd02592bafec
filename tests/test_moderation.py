"""Moderation: several assessments side by side, their agreement, objectivity flags and the agenda."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import krippendorff
import numpy as np
import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.core.agreement import NO_PAIRS, NO_VARIATION
from lscp_scrutiny.core.moderation import (
    GroupAgreement,
    ModerationAgreement,
    ObjectivityKind,
    agenda,
    assessor_keys,
    moderate,
)
from lscp_scrutiny.core.publication import WITHHELD
from lscp_scrutiny.render.markdown import md
from lscp_scrutiny.render.moderation import (
    AGENDA_COLUMNS,
    CSV_COLUMNS,
    alpha_text,
    moderation_view,
    percent_text,
    render_agenda_csv,
    render_agenda_markdown,
    render_moderation_csv,
    render_moderation_html,
    render_moderation_json,
    render_moderation_markdown,
)

Capsys = pytest.CaptureFixture[str]
ROOT = Path(__file__).resolve().parent.parent
FILES = [
    "examples/northshire-2026.yaml",
    "examples/moderation/northshire-2026-self.yaml",
    "examples/moderation/northshire-2026-peer.yaml",
]
AS_OF = date(2026, 11, 27)
RESTRICTED_NOTE = "her account is in the peer team's restricted notes"  # in the peer review's notes


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def northshire() -> ls.Moderation:
    checklist = ls.get_checklist("independent-scrutiny")
    assessments = [ls.load_assessment(ROOT / f) for f in FILES]
    return ls.moderate(assessments, checklist, as_of=AS_OF, sources=FILES)


# --- a tiny case, every output checked whole -------------------------------------------------------

TINY = ls.Checklist(
    id="tiny",
    version="1",
    title="Tiny checklist",
    sections=[
        ls.Section(
            id="who",
            title="Who",
            question="who",
            criteria=[
                ls.Criterion(
                    id="who.a",
                    title="Scrutineer independent",
                    text="The scrutineer is independent.",
                    question="who",
                    tags=["about:independent_scrutineer"],
                ),
                ls.Criterion(
                    id="who.b",
                    title="Police | take part",
                    text="Police take part.",
                    question="who",
                    tags=["about:police"],
                ),
            ],
        ),
        ls.Section(
            id="what.lead",
            title="Leadership",
            question="what",
            theme="leadership",
            criteria=[
                ls.Criterion(
                    id="what.lead.c",
                    title="Vision",
                    text="A shared vision.",
                    question="what",
                    theme="leadership",
                )
            ],
        ),
    ],
)
ON = date(2026, 10, 1)


def _tiny(*, public: bool = False) -> ls.Moderation:
    """A scrutineer and a police self-assessor, with text that needs escaping and restricted text."""
    partnership = ls.Partnership(
        name="Tinyshire SCP",
        partners=[ls.SafeguardingPartner(sector="police", organisation="Tinyshire Police")],
    )
    formula = ls.Evidence(kind="document", reference="=cmd|' /C calc'!A0")
    secret = ls.Evidence(kind="child_feedback", reference="Interview with a named child", restricted=True)
    a = ls.start_assessment(
        TINY,
        partnership,
        ls.Assessor(name="<b>Sam</b> *Scrutineer*", role="independent_scrutineer"),
        assessed_on=ON,
    )
    a = ls.rate(a, TINY, "who.a", "met", evidence=[formula], rated_on=ON)
    a = ls.rate(a, TINY, "who.b", "partly_met", evidence=[secret], notes="A secret note", rated_on=ON)
    a = ls.rate(a, TINY, "what.lead.c", "not_met", rated_on=ON)
    responses = tuple(evolve(r, notes_restricted=r.criterion == "who.b") for r in a.responses)
    a = evolve(a, responses=responses)
    b = ls.start_assessment(
        TINY,
        partnership,
        ls.Assessor(name='=HYPERLINK("x")', role="self_assessment", organisation="Tinyshire  police"),
        assessed_on=ON,
    )
    b = ls.rate(b, TINY, "who.a", "partly_met", rated_on=ON)
    b = ls.rate(b, TINY, "who.b", "partly_met", rated_on=ON)
    b = ls.rate(b, TINY, "what.lead.c", ls.NOT_APPLICABLE, justification="No | board", rated_on=ON)
    return ls.moderate([a, b], TINY, as_of=AS_OF, sources=["a.yaml", "b.yaml"], public=public)


TINY_MARKDOWN = """\
# Moderation: Tinyshire SCP

Tiny checklist (tiny 1): 2 assessments compared, actions judged as of 2026-11-27.

## Assessors

| Assessor | Role | Organisation | Assessed on | Checklist version |
| --- | --- | --- | --- | --- |
| \\<b\\>Sam\\</b\\> \\*Scrutineer\\* | independent scrutineer |  | 2026-10-01 | 1 |
| =HYPERLINK("x") | self assessment | Tinyshire police | 2026-10-01 | 1 |

## Objectivity

- \\<b\\>Sam\\</b\\> \\*Scrutineer\\* rated who.a, which is about their own role (independent scrutineer)
- =HYPERLINK("x") rated who.b, which is about their own agency (Tinyshire police)

## Agreement

Not applicable and not yet assessed are missing data, neither agreement nor disagreement. Exact \
agreement is the share of pairs of ratings of the same criterion that are the same level, over the \
criteria rated on the scale by two or more assessors. Krippendorff's alpha (ordinal) corrects for the \
agreement chance would give: 1 is perfect agreement, 0 no better than chance.

| Group | Rests on | Exact agreement | Krippendorff's alpha (ordinal) |
| --- | --- | ---: | ---: |
| All criteria | 2 of 3 criteria, 4 ratings | 50% (1 of 2 pairs) | 0.000 |
| WHO | 2 of 2 criteria, 4 ratings | 50% (1 of 2 pairs) | 0.000 |
| WHAT | 0 of 1 criteria, 0 ratings | not computable | not computable: no criterion was rated on the scale by two or more assessors |
| Theme: leadership | 0 of 1 criteria, 0 ratings | not computable | not computable: no criterion was rated on the scale by two or more assessors |

## Criteria

Spread is in steps of the scale; (own) marks a rating of a criterion about the assessor's own role or agency.

| Criterion | \\<b\\>Sam\\</b\\> \\*Scrutineer\\* | =HYPERLINK("x") | Spread | Agree |
| --- | --- | --- | ---: | --- |
| Scrutineer independent (`who.a`) | Met (own) | Partly met | 1 | no |
| Police \\| take part (`who.b`) | Partly met | Partly met (own) | 0 | yes |
| Vision (`what.lead.c`) | Not met | N/A | - | applicability disputed |
"""


def test_tiny_markdown_whole() -> None:
    assert render_moderation_markdown(_tiny()) == TINY_MARKDOWN


def test_tiny_figures_worked_by_hand() -> None:
    found = _tiny().agreement
    # who.a: met (2) and partly met (1); who.b: both partly met; what.lead.c: one rating on the scale.
    # Pooled: n(1) = 3, n(2) = 1, n = 4; o(1,2) = o(2,1) = 1; ordinal distance (4 - 4/2)^2 = 4;
    # alpha = 1 - (n - 1) * 2 * 4 / (2 * 3 * 1 * 4) = 0.
    assert (found.criteria_compared, found.ratings_compared, found.pairs, found.agreeing_pairs) == (
        2,
        4,
        2,
        1,
    )
    assert found.percent_agreement == 0.5
    assert found.krippendorff_alpha_ordinal == 0.0
    [what] = [g for g in found.questions if g.id == "what"]
    assert (what.percent_agreement, what.krippendorff_alpha_ordinal, what.alpha_note) == (
        None,
        None,
        NO_PAIRS,
    )
    by_id = {c.id: c for c in found.criteria}
    assert by_id["who.a"].ratings == {"<b>Sam</b> *Scrutineer*": "met", '=HYPERLINK("x")': "partly_met"}
    assert (by_id["who.a"].spread, by_id["who.a"].agree) == (1, False)
    assert (by_id["what.lead.c"].spread, by_id["what.lead.c"].agree) == (None, None)
    assert by_id["what.lead.c"].applicability_disputed


TINY_CSV_FIGURES = """\
figure,overall,all,All criteria,,,,,,,,,3,2,4,2,1,0.5,0.0,
figure,question,who,WHO,,,,,,,,,2,2,4,2,1,0.5,0.0,
figure,question,what,WHAT,,,,,,,,,1,0,0,0,0,,,no criterion was rated on the scale by two or more assessors
figure,theme,leadership,leadership,,,,,,,,,1,0,0,0,0,,,no criterion was rated on the scale by two or more assessors
figure,section,who,Who,,,,,,,,,2,2,4,2,1,0.5,0.0,
figure,section,what.lead,Leadership,,,,,,,,,1,0,0,0,0,,,no criterion was rated on the scale by two or more assessors
"""


def test_tiny_csv_neutralises_formulas_and_holds_every_row() -> None:
    text = render_moderation_csv(_tiny())
    lines = text.splitlines(keepends=True)
    assert lines[0] == ",".join(CSV_COLUMNS) + "\n"
    assert (
        lines[1]
        == "assessor,,a.yaml,<b>Sam</b> *Scrutineer*,<b>Sam</b> *Scrutineer*,independent_scrutineer"
        + "," * 14
        + "\n"
    )
    assert lines[2] == (
        """assessor,Tinyshire  police,b.yaml,"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",self_assessment"""
        + "," * 14
        + "\n"
    )
    assert "".join(lines[3:9]) == TINY_CSV_FIGURES
    rows = list(csv.DictReader(io.StringIO(text)))
    ratings = [r for r in rows if r["record"] == "rating"]
    assert [(r["id"], r["rating"], r["own_work"], r["spread"], r["agree"]) for r in ratings] == [
        ("who.a", "met", "yes", "1", "no"),
        ("who.a", "partly_met", "no", "1", "no"),
        ("who.b", "partly_met", "no", "0", "yes"),
        ("who.b", "partly_met", "yes", "0", "yes"),
        ("what.lead.c", "not_met", "no", "", ""),
        ("what.lead.c", "not_applicable", "no", "", ""),
    ]
    assert [(r["kind"], r["id"], r["assessor"]) for r in rows if r["record"] == "objectivity"] == [
        ("own_role", "who.a", "<b>Sam</b> *Scrutineer*"),
        ("own_agency", "who.b", '\'=HYPERLINK("x")'),
    ]
    assert all(not cell.startswith("=") for row in csv.reader(io.StringIO(text)) for cell in row)


def test_tiny_html_escapes_every_text() -> None:
    page = render_moderation_html(_tiny())
    assert "<b>Sam</b>" not in page
    assert "&lt;b&gt;Sam&lt;/b&gt; *Scrutineer*" in page
    assert "Police | take part" in page
    assert "<script" not in page
    assert "Content-Security-Policy" in page
    assert '<td class="num">50% (1 of 2 pairs)</td><td class="num">0.000</td>' in page
    assert (
        '<td class="num">not computable</td><td class="num">not computable: no criterion was rated on the '
        "scale by two or more assessors</td>"
    ) in page


def test_tiny_agenda_markdown_whole() -> None:
    assert render_agenda_markdown(_tiny()) == (
        "# Moderation agenda: Tinyshire SCP\n\n"
        "Tiny checklist (tiny 1): 2 assessments compared, actions judged as of 2026-11-27.\n\n"
        "Criteria to discuss: 2 of 3, most disagreement first. The others are left off: the assessors "
        "agree on them, or fewer than two rated them.\n\n"
        "## 1. Scrutineer independent (`who.a`)\n\n"
        "Spread: 1 step of the scale. Agree: no.\n\n"
        "### \\<b\\>Sam\\</b\\> \\*Scrutineer\\* (independent scrutineer): Met (own)\n\n"
        "- Evidence: document: =cmd\\|' /C calc'!A0\n\n"
        '### =HYPERLINK("x") (self assessment): Partly met\n\n'
        "- No evidence recorded.\n\n"
        "Agreed rating: ______  Rationale: ______\n\n"
        "## 2. Vision (`what.lead.c`)\n\n"
        "Spread: not measured (fewer than two ratings on the scale). Agree: applicability disputed.\n\n"
        "### \\<b\\>Sam\\</b\\> \\*Scrutineer\\* (independent scrutineer): Not met\n\n"
        "- No evidence recorded.\n\n"
        '### =HYPERLINK("x") (self assessment): N/A\n\n'
        "- Justification: No \\| board\n\n"
        "Agreed rating: ______  Rationale: ______\n"
    )


def test_tiny_agenda_csv_leaves_the_verdict_blank_and_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render_agenda_csv(_tiny()))))
    assert rows[0] == list(AGENDA_COLUMNS)
    assert rows[1] == [
        "1",
        "who.a",
        "Scrutineer independent",
        "1",
        "no",
        "no",
        "<b>Sam</b> *Scrutineer*",
        "independent_scrutineer",
        "met",
        "Met",
        "yes",
        "document: =cmd|' /C calc'!A0",  # not at the start of the cell: no formula
        "",
        "no",
        "",
        "",
        "",
    ]
    assert rows[2][6] == '\'=HYPERLINK("x")'
    assert [row[1] for row in rows[1:]] == ["who.a", "who.a", "what.lead.c", "what.lead.c"]


def test_restricted_text_stays_out_of_public_output() -> None:
    full, public = _tiny(), _tiny(public=True)
    assert "A secret note" in render_moderation_json(full)
    assert "Interview with a named child" in render_moderation_json(full)
    assert public.public
    for text in (
        render_moderation_json(public),
        render_moderation_csv(public),
        render_moderation_markdown(public),
        render_moderation_html(public),
        render_agenda_markdown(public),
        render_agenda_csv(public),
    ):
        assert "A secret note" not in text
        assert "Interview with a named child" not in text
    assert WITHHELD in render_moderation_json(public)
    assert render_moderation_markdown(public).startswith(
        "# Moderation: Tinyshire SCP\n\n*Public version: evidence and notes marked restricted are withheld. "
        "Every rating and figure is kept.*\n"
    )
    # Every figure is the same.
    assert public.agreement.criteria == tuple(
        evolve(c, entries=p.entries)
        for c, p in zip(full.agreement.criteria, public.agreement.criteria, strict=True)
    )
    assert evolve(public.agreement, criteria=()) == evolve(full.agreement, criteria=())


# --- the shipped example: three assessors of Northshire, 2026 ------------------------------------


def _matrix(moderation: ls.Moderation) -> np.ndarray:
    """Assessors as rows, criteria as columns, each rating's position on the scale; NaN when missing."""
    positions = {"met": 2, "partly_met": 1, "not_met": 0}
    keys = [a.key for a in moderation.assessors]
    return np.array(
        [[positions.get(c.ratings[k], np.nan) for c in moderation.agreement.criteria] for k in keys],
        dtype=float,
    )


def test_northshire_figures(northshire: ls.Moderation) -> None:
    found = northshire.agreement
    assert [a.key for a in northshire.assessors] == ["Dr Graham Pellow", "Priya Raman", "Tom Hargreaves"]
    assert [a.role for a in northshire.assessors] == [
        "independent_scrutineer",
        "self_assessment",
        "peer_review_between_partnerships",
    ]
    assert (found.criteria_in_group, found.criteria_compared, found.ratings_compared) == (54, 45, 135)
    assert (found.agreeing_pairs, found.pairs) == (110, 135)
    assert found.percent_agreement == 110 / 135
    reference = krippendorff.alpha(
        reliability_data=_matrix(northshire), level_of_measurement="ordinal", value_domain=[0, 1, 2]
    )
    assert found.krippendorff_alpha_ordinal == pytest.approx(reference, abs=1e-12)
    assert round(found.krippendorff_alpha_ordinal or 0, 3) == 0.717
    assert [(g.id, g.agreeing_pairs, g.pairs, alpha_text(g)) for g in found.questions] == [
        ("who", 24, 30, "0.584"),
        ("how", 30, 36, "0.869"),
        ("what", 56, 69, "0.628"),
    ]
    assert [g.id for g in found.themes] == [
        "leadership",
        "relevant_agencies",
        "information_sharing",
        "quality_assurance",
        "embedding_learning",
        "impact",
    ]
    # Checklist 1.1.1 tags the criteria about the scrutineer's own work: the scrutineer rated six of them.
    assert [(f.kind, f.criterion, f.assessor) for f in northshire.objectivity] == [
        (ObjectivityKind.OWN_ROLE, criterion, "Dr Graham Pellow")
        for criterion in (
            "who.independence",
            "who.remit-and-terms",
            "who.scrutineer-network",
            "how.annual-plan",
            "how.range-of-methods",
            "how.triangulation",
        )
    ]
    assert northshire.version_differences == ()


def test_northshire_per_criterion(northshire: ls.Moderation) -> None:
    by_id = {c.id: c for c in northshire.agreement.criteria}
    training = by_id["what.embedding-learning.training-impact"]
    assert training.ratings == {
        "Dr Graham Pellow": "not_met",
        "Priya Raman": "met",
        "Tom Hargreaves": "partly_met",
    }
    assert (training.spread, training.agree, training.rated) == (2, False, 3)
    rapid = by_id["what.quality-assurance.rapid-reviews"]
    assert rapid.ratings == {
        "Dr Graham Pellow": "not_applicable",
        "Priya Raman": "met",
        "Tom Hargreaves": "not_applicable",
    }
    assert (rapid.spread, rapid.agree, rapid.applicability_disputed) == (None, None, True)
    assert sum(c.agree is True for c in northshire.agreement.criteria) == 33
    assert sum(c.agree is False for c in northshire.agreement.criteria) == 12


def test_northshire_agenda_order(northshire: ls.Moderation) -> None:
    assert [c.id for c in agenda(northshire)] == [
        "what.embedding-learning.training-impact",
        "who.independence",
        "who.remit-and-terms",
        "who.children-families-role",
        "how.annual-plan",
        "how.child-family-feedback",
        "how.accessible-outputs",
        "what.leadership.named-delegates",
        "what.relevant-agencies.section-11",
        "what.information-sharing.agreed-dataset",
        "what.quality-assurance.audit-programme",
        "what.impact.national-framework",
        "what.quality-assurance.rapid-reviews",
    ]


def test_the_order_of_the_files_changes_no_figure(northshire: ls.Moderation) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    reordered = [FILES[2], FILES[0], FILES[1]]
    other = ls.moderate([ls.load_assessment(ROOT / f) for f in reordered], checklist, as_of=AS_OF)
    for a, b in zip(_figures(northshire), _figures(other), strict=True):
        assert a == b
    assert [c.ratings for c in other.agreement.criteria] == [
        {k: c.ratings[k] for k in ("Tom Hargreaves", "Dr Graham Pellow", "Priya Raman")}
        for c in northshire.agreement.criteria
    ]


def _figures(moderation: ls.Moderation) -> list[tuple[object, ...]]:
    found = moderation.agreement
    every: list[GroupAgreement | ModerationAgreement] = [
        found,
        *found.questions,
        *found.themes,
        *found.sections,
    ]
    return [
        (g.criteria_compared, g.ratings_compared, g.pairs, g.agreeing_pairs, g.krippendorff_alpha_ordinal)
        for g in every
    ]


def test_identical_assessments_agree_completely() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    one = ls.load_assessment(ROOT / FILES[0])
    same = ls.moderate([one, one, one], checklist, as_of=AS_OF)
    assert [a.key for a in same.assessors] == [
        "Dr Graham Pellow (1)",
        "Dr Graham Pellow (2)",
        "Dr Graham Pellow (3)",
    ]
    assert same.agreement.percent_agreement == 1.0
    assert same.agreement.krippendorff_alpha_ordinal == 1.0
    assert all(c.spread in {0, None} for c in same.agreement.criteria)
    # A group where every rating is the same level: 100% agreement, alpha undefined, and said why.
    [sharing] = [g for g in same.agreement.themes if g.id == "information_sharing"]
    assert (sharing.percent_agreement, sharing.krippendorff_alpha_ordinal, sharing.alpha_note) == (
        1.0,
        None,
        NO_VARIATION,
    )
    for text in (render_moderation_json(same), render_moderation_csv(same), render_moderation_markdown(same)):
        assert "NaN" not in text
        assert "nan" not in text.replace("Management", "")
    assert (
        json.loads(render_moderation_json(same))["agreement"]["themes"][2]["krippendorff_alpha_ordinal"]
        is None
    )


def test_assessor_keys_are_unique_and_deterministic() -> None:
    assert assessor_keys(["A", "B"]) == ["A", "B"]
    assert assessor_keys(["A. Peer", "a.  peer", "B"]) == ["A. Peer (1)", "a.  peer (2)", "B"]
    # A key never takes another assessor's own name.
    assert assessor_keys(["X", "X", "X (1)"]) == ["X (2)", "X (3)", "X (1)"]


def test_one_role_only_self_assessments_say_nothing_was_challenged() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    self_assessment = ls.load_assessment(ROOT / FILES[1])
    partner = evolve(self_assessment, assessor=ls.Assessor(name="Police lead", role="self_assessment"))
    moderation = ls.moderate([self_assessment, partner], checklist, as_of=AS_OF)
    [flag] = moderation.objectivity
    assert flag.kind is ObjectivityKind.NO_CHALLENGE
    assert flag.message == (
        "all 2 assessments are self-assessments: no peer reviewer or independent scrutineer has challenged "
        "these ratings"
    )
    assert "- all 2 assessments are self-assessments" in render_moderation_markdown(moderation)


def test_a_scrutineer_rating_their_own_independence_is_flagged() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    tagged = {c.id for c in checklist.criteria if "about:independent_scrutineer" in c.tags}
    assert "who.independence" in tagged
    assessments = [ls.load_assessment(ROOT / f) for f in FILES]
    moderation = ls.moderate(assessments, checklist, as_of=AS_OF)
    rated = {r.criterion for r in assessments[0].responses if r.is_assessed} & tagged
    assert {f.criterion for f in moderation.objectivity} == rated
    flag = moderation.objectivity[0]
    assert (flag.kind, flag.criterion, flag.assessor) == (
        ObjectivityKind.OWN_ROLE,
        "who.independence",
        "Dr Graham Pellow",
    )
    assert flag.message == (
        "Dr Graham Pellow rated who.independence, which is about their own role (independent scrutineer)"
    )
    [independence] = [c for c in moderation.agreement.criteria if c.id == "who.independence"]
    assert [e.own_work for e in independence.entries] == [True, False, False]
    assert (
        "| Scrutineer independent of the work scrutinised (`who.independence`) | Met (own) | Met | Partly met | 1 | no |"
        in (render_moderation_markdown(moderation))
    )


def test_a_partner_rating_its_own_sign_off_is_flagged() -> None:
    """Checklist 1.1.1 tags the partners' own criteria: an assessor from a partner's organisation is flagged."""
    checklist = ls.get_checklist("independent-scrutiny")
    assessments = [ls.load_assessment(ROOT / f) for f in FILES]
    council = next(
        p.organisation for p in assessments[1].partnership.partners if p.sector.value == "local_authority"
    )
    own = evolve(assessments[1], assessor=evolve(assessments[1].assessor, organisation=council))
    moderation = ls.moderate([assessments[0], own, assessments[2]], checklist, as_of=AS_OF)
    partners = {
        f.criterion
        for f in moderation.objectivity
        if f.kind is ObjectivityKind.OWN_AGENCY and f.assessor == own.assessor.name
    }
    rated = {r.criterion for r in own.responses if r.is_assessed}
    assert (
        partners
        == {"who.lsp-sign-off", "what.leadership.named-delegates", "what.leadership.budget-and-support"}
        & rated
    )
    assert partners


def test_checklist_versions_that_differ_are_listed() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    who = checklist.sections[0]
    criteria = [
        evolve(c, text=c.text + " Reworded.") if c.id == "who.independence" else c
        for c in who.criteria
        if c.id != "who.scrutineer-network"
    ]
    added = ls.Criterion(id="who.new-one", title="A new criterion", text="Something new.", question="who")
    newer = evolve(
        checklist,
        version="1.2.0",
        sections=(evolve(who, criteria=(*criteria, added)), *checklist.sections[1:]),
    )
    old = ls.load_assessment(ROOT / FILES[0])
    current = ls.start_assessment(newer, old.partnership, ls.Assessor(name="New Scrutineer"), assessed_on=ON)
    current = ls.rate(current, newer, "who.new-one", "met", rated_on=ON)
    moderation = ls.moderate([old, current], newer, as_of=AS_OF, sources=["old.yaml", "new.yaml"])
    # The old file leaves the criteria new in 1.1.0 unanswered: they are "added" for it too.
    shown = {"who.new-one", "who.scrutineer-network", "who.independence"}
    assert [
        (d.criterion, d.assessor, d.checklist_version, d.change)
        for d in moderation.version_differences
        if d.criterion in shown
    ] == [
        ("who.new-one", "Dr Graham Pellow", "1.1.1", "added"),
        ("who.scrutineer-network", "Dr Graham Pellow", "1.1.1", "removed"),
        ("who.independence", "Dr Graham Pellow", "1.1.1", "reworded"),
    ]
    assert [a.checklist_version for a in moderation.assessors] == ["1.1.1", "1.2.0"]
    markdown = render_moderation_markdown(moderation)
    assert "| A new criterion (`who.new-one`) | Dr Graham Pellow | 1.1.1 | added |" in markdown
    rows = [
        r
        for r in csv.DictReader(io.StringIO(render_moderation_csv(moderation)))
        if r["record"] == "version_difference" and r["id"] in shown
    ]
    assert [(r["id"], r["kind"]) for r in rows] == [
        ("who.new-one", "added"),
        ("who.scrutineer-network", "removed"),
        ("who.independence", "reworded"),
    ]
    from rich.console import Console  # noqa: PLC0415

    console = Console(width=100, record=True, highlight=False, color_system=None)
    console.print(moderation_view(moderation))
    text = console.export_text()
    assert re.search(r"Checklist versions\s+Criterion\s+Assessor\s+Their version\s+Difference", text)
    assert re.search(r"who\.scrutineer-network\s+Dr Graham Pellow\s+1\.1\.1\s+removed", text)
    assert "| A new criterion" in render_moderation_markdown(moderation)
    assert "<td>added</td>" in render_moderation_html(moderation)


def test_alpha_is_not_given_across_different_scales() -> None:
    four = ls.RatingScale(
        id="four",
        name="Four levels",
        levels=[
            ls.RatingLevel(id="outstanding", label="Outstanding", points=3),
            ls.RatingLevel(id="good", label="Good", points=2),
            ls.RatingLevel(id="weak", label="Weak", points=1),
            ls.RatingLevel(id="poor", label="Poor", points=0),
        ],
    )
    c = ls.Criterion(
        id="what.lead.d",
        title="Four",
        text="On four levels.",
        question="what",
        theme="leadership",
        scale="four",
    )
    mixed = evolve(
        TINY,
        scales=(*TINY.scales, four),
        sections=(TINY.sections[0], evolve(TINY.sections[1], criteria=(*TINY.sections[1].criteria, c))),
    )
    partnership = ls.Partnership(name="Tinyshire SCP")
    made = []
    for name, ratings in (("A", ("met", "met", "met", "good")), ("B", ("partly_met", "met", "met", "weak"))):
        a = ls.start_assessment(mixed, partnership, name, assessed_on=ON)
        for criterion, rating in zip(("who.a", "who.b", "what.lead.c", "what.lead.d"), ratings, strict=True):
            a = ls.rate(a, mixed, criterion, rating, rated_on=ON)
        made.append(a)
    found = ls.moderate(made, mixed, as_of=AS_OF).agreement
    assert found.krippendorff_alpha_ordinal is None
    assert found.alpha_note == (
        "criteria in this group are rated on different scales (four, met-partly-not); alpha compares one "
        "scale's levels"
    )
    assert found.percent_agreement == 2 / 4  # exact agreement needs no common scale
    [who] = found.questions[:1]
    assert who.krippendorff_alpha_ordinal is not None  # one scale within WHO
    by_id = {c.id: c for c in found.criteria}
    assert by_id["what.lead.d"].spread == 1  # good to weak: one step of the four-level scale


def test_library_refusals() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    one = ls.load_assessment(ROOT / FILES[0])
    with pytest.raises(
        ls.InvalidInputError, match="needs two or more assessments of one partnership; only one"
    ):
        moderate([one], checklist)
    other = ls.load_assessment(ROOT / "examples/riverbridge-2026.json")
    with pytest.raises(ls.InvalidInputError) as caught:
        moderate([one, other], checklist, sources=["a.yaml", "b.json"])
    [problem] = caught.value.problems
    assert str(problem).startswith("b.json: this assessment is of 'Riverbridge and Westmere")
    renamed = evolve(one, checklist=evolve(one.checklist, id="another"))
    with pytest.raises(ls.InvalidInputError, match="answers checklist 'another', not 'independent-scrutiny'"):
        moderate([one, renamed], checklist)
    with pytest.raises(ls.InvalidInputError, match="answers checklist 'independent-scrutiny', not 'tiny'"):
        moderate([one, one], TINY)
    with pytest.raises(ValueError, match="3 sources for 2 assessments"):
        moderate([one, one], checklist, sources=["a", "b", "c"])


# --- every format shows the same figures ----------------------------------------------------------


def test_every_format_shows_the_same_figures(northshire: ls.Moderation, capsys: Capsys) -> None:
    data = json.loads(render_moderation_json(northshire))
    rows = list(csv.DictReader(io.StringIO(render_moderation_csv(northshire))))
    figures = {(r["kind"], r["id"]): r for r in rows if r["record"] == "figure"}
    markdown = render_moderation_markdown(northshire)
    page = render_moderation_html(northshire)
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27")
    assert result.code == 0, result.err
    terminal = result.out
    found = northshire.agreement
    groups: list[tuple[str, str, GroupAgreement | ModerationAgreement, dict[str, Any]]] = [
        ("overall", "all", found, data["agreement"]),
        *(
            ("question", g.id, g, d)
            for g, d in zip(found.questions, data["agreement"]["questions"], strict=True)
        ),
        *(("theme", g.id, g, d) for g, d in zip(found.themes, data["agreement"]["themes"], strict=True)),
    ]
    for kind, group_id, group, from_json in groups:
        assert from_json["percent_agreement"] == group.percent_agreement
        assert from_json["krippendorff_alpha_ordinal"] == group.krippendorff_alpha_ordinal
        assert from_json["criteria_compared"] == group.criteria_compared
        row = figures[kind, group_id]
        assert float(row["percent_agreement"]) == round(group.percent_agreement or 0, 4)
        assert float(row["krippendorff_alpha_ordinal"]) == round(group.krippendorff_alpha_ordinal or 0, 4)
        assert row["ratings_compared"] == str(group.ratings_compared)
        line = f"| {percent_text(group)} | {alpha_text(group)} |"
        assert line in markdown
        assert f'<td class="num">{percent_text(group)}</td><td class="num">{alpha_text(group)}</td>' in page
        assert re.search(rf"{re.escape(percent_text(group))}\s+{re.escape(alpha_text(group))}", terminal)
    # Per criterion: the exact keys the issue fixes.
    [training] = [
        c for c in data["agreement"]["criteria"] if c["id"] == "what.embedding-learning.training-impact"
    ]
    assert training["ratings"] == {
        "Dr Graham Pellow": "not_met",
        "Priya Raman": "met",
        "Tom Hargreaves": "partly_met",
    }
    assert training["spread"] == 2
    assert (
        "| Training evaluated for impact (`what.embedding-learning.training-impact`) | Not met | Met | Partly met | 2 | no |"
        in markdown
    )
    ratings = [
        r for r in rows if r["record"] == "rating" and r["id"] == "what.embedding-learning.training-impact"
    ]
    assert [(r["assessor"], r["rating"], r["spread"]) for r in ratings] == [
        ("Dr Graham Pellow", "not_met", "2"),
        ("Priya Raman", "met", "2"),
        ("Tom Hargreaves", "partly_met", "2"),
    ]


def test_json_shape(northshire: ls.Moderation) -> None:
    data = json.loads(render_moderation_json(northshire))
    assert list(data) == [
        "schema_version",
        "generator",
        "partnership",
        "area",
        "checklist",
        "checklist_version",
        "checklist_title",
        "as_of",
        "public",
        "assessors",
        "levels",
        "agreement",
        "version_differences",
        "objectivity",
    ]
    assert data["schema_version"] == 1
    assert list(data["agreement"])[:8] == [
        "criteria_in_group",
        "criteria_compared",
        "ratings_compared",
        "pairs",
        "agreeing_pairs",
        "percent_agreement",
        "krippendorff_alpha_ordinal",
        "alpha_note",
    ]
    criterion = data["agreement"]["criteria"][0]
    assert {"id", "ratings", "spread", "agree", "applicability_disputed", "entries"} <= set(criterion)
    assert criterion["entries"][0]["assessor"] == "Dr Graham Pellow"


# --- the command line -----------------------------------------------------------------------------


def test_cli_terminal(capsys: Capsys) -> None:
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Moderation: Northshire Safeguarding Children Partnership"
    assert re.search(r"All criteria\s+45 of 54\s+135\s+81% \(110 of 135 pairs\)\s+0\.717", result.out)
    assert "Objectivity" in lines
    assert "- Dr Graham Pellow rated who.independence, which is about their own role " in lines
    assert re.search(r" A\s+Dr Graham\s", result.out)


@pytest.mark.parametrize(
    ("suffix", "start"),
    [
        (".md", "# Moderation: Northshire Safeguarding Children Partnership\n"),
        (".html", '<!DOCTYPE html>\n<html lang="en-GB">'),
        (".csv", ",".join(CSV_COLUMNS) + "\n"),
        (".json", '{\n  "schema_version": 1,'),
    ],
)
def test_cli_output_file_by_suffix_and_private(
    tmp_path: Path, capsys: Capsys, suffix: str, start: str
) -> None:
    out = tmp_path / f"moderation{suffix}"
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out in {"", f"Wrote {out}.\n"}  # nothing but, perhaps, where it was written
    assert out.read_text(encoding="utf-8").startswith(start)
    assert out.stat().st_mode & 0o777 == 0o600
    again = run(capsys, "moderate", *FILES, "-o", str(out))
    assert again.code == 2
    assert "already exists; use --force to replace it" in again.err


def test_cli_output_is_exactly_the_renderers(
    tmp_path: Path, capsys: Capsys, northshire: ls.Moderation
) -> None:
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--format", "markdown")
    assert result.out == render_moderation_markdown(northshire)
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--agenda")
    assert result.out == render_agenda_markdown(northshire)
    out = tmp_path / "agenda.csv"
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--agenda", "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8") == render_agenda_csv(northshire)


def test_cli_public_withholds_restricted_text(tmp_path: Path, capsys: Capsys) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    full = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--agenda")
    assert RESTRICTED_NOTE in full.out
    out = tmp_path / "agenda.md"
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--agenda", "--public", "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert RESTRICTED_NOTE not in text
    assert md(WITHHELD) in text
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # a public version follows the umask
    for fmt in ("json", "csv", "markdown", "html"):
        shown = run(capsys, "moderate", *FILES, "--public", "--format", fmt)
        assert shown.code == 0
        assert RESTRICTED_NOTE not in shown.out


def test_cli_reads_yaml_json_and_workbooks(tmp_path: Path, capsys: Capsys, northshire: ls.Moderation) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    workbook, as_json = tmp_path / "self.xlsx", tmp_path / "peer.json"
    ls.save_assessment(ls.load_assessment(ROOT / FILES[1]), workbook, checklist=checklist)
    ls.save_assessment(ls.load_assessment(ROOT / FILES[2]), as_json)
    result = run(
        capsys, "moderate", FILES[0], str(workbook), str(as_json), "--format", "json", "--as-of", "2026-11-27"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["agreement"]["percent_agreement"] == northshire.agreement.percent_agreement
    assert data["agreement"]["krippendorff_alpha_ordinal"] == northshire.agreement.krippendorff_alpha_ordinal


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [FILES[0]],
            f"Error: {FILES[0]}: moderation needs two or more assessments of one partnership; only one was given",
        ),
        (
            [FILES[0], "examples/riverbridge-2026.json"],
            (
                "Error: examples/riverbridge-2026.json: this assessment is of 'Riverbridge and Westmere "
                "Safeguarding Children Partnership', not 'Northshire Safeguarding Children Partnership' as "
                "examples/northshire-2026.yaml is; moderate one partnership at a time"
            ),
        ),
        ([FILES[0], "no-such-file.yaml"], "Error: no-such-file.yaml: no such file"),
    ],
)
def test_cli_refusals_are_one_line(capsys: Capsys, files: list[str], message: str) -> None:
    result = run(capsys, "moderate", *files)
    assert result.code == 2
    assert result.err == message + "\n"
    assert result.out == ""


def test_cli_refuses_another_checklist_and_unreadable_files(tmp_path: Path, capsys: Capsys) -> None:
    other = tmp_path / "other.yaml"
    text = (ROOT / FILES[1]).read_text(encoding="utf-8")
    other.write_text(
        text.replace("  id: independent-scrutiny\n", "  id: another-checklist\n", 1), encoding="utf-8"
    )
    result = run(capsys, "moderate", FILES[0], str(other))
    assert result.code == 2
    assert result.err == (
        f"Error: {other}: this assessment answers checklist 'another-checklist', not 'independent-scrutiny' as "
        f"{FILES[0]} does; moderate one checklist at a time\n"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nresponses: [\n", encoding="utf-8")
    result = run(capsys, "moderate", FILES[0], str(broken))
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith(f"Error: {broken}:")
    assert "Traceback" not in result.err


def test_cli_agenda_formats(tmp_path: Path, capsys: Capsys) -> None:
    result = run(capsys, "moderate", *FILES, "--agenda", "--format", "html")
    assert result.code == 2
    assert "--agenda is written as markdown or csv (or -o FILE.xlsx), not html" in result.err
    result = run(capsys, "moderate", *FILES, "-o", str(tmp_path / "x.xlsx"))
    assert result.code == 2
    assert "only the agenda is written as a workbook: add --agenda" in result.err
    result = run(capsys, "moderate", *FILES, "--format", "terminal", "-o", str(tmp_path / "x.txt"))
    assert result.code == 2
    assert "the terminal view is not written to a file" in result.err
    assert not (tmp_path / "x.txt").exists()


def test_terminal_view_renders_without_markup(northshire: ls.Moderation) -> None:
    from rich.console import Console  # noqa: PLC0415

    tiny = _tiny()
    console = Console(width=100, record=True, highlight=False, color_system=None)
    console.print(moderation_view(tiny))
    text = console.export_text()
    assert "<b>Sam</b> *Scrutineer*" in text  # shown as typed, never read as markup
    assert re.search(r"All criteria\s+2 of 3\s+4\s+50% \(1 of 2 pairs\)\s+0\.000", text)
    assert re.search(r"WHAT\s+0 of 1\s+0\s+not computable\s+not computable", text)
    assert "WHAT: not computable: no criterion was rated on the scale by two or more assessors" in text
    console.print(moderation_view(northshire))


# --- the docs page's worked example runs and prints what it shows ---------------------------------


def test_the_docs_worked_example_runs() -> None:
    page = (ROOT / "docs" / "moderation.md").read_text(encoding="utf-8")
    pieces = re.findall(r"```(python|text|sh|console|yaml)\n(.*?)```", page, re.DOTALL)
    namespace: dict[str, object] = {}
    checked = 0
    for index, (kind, body) in enumerate(pieces):
        if kind != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(body, f"docs/moderation.md block {index}", "exec"), namespace)  # noqa: S102 - our docs
        following = pieces[index + 1]
        assert following[0] == "text"
        assert printed.getvalue() == following[1], f"block {index} printed something else"
        checked += 1
    assert checked == 2


def test_the_docs_refusal_is_what_the_cli_prints(capsys: Capsys) -> None:
    page = (ROOT / "docs" / "moderation.md").read_text(encoding="utf-8")
    shown = re.search(
        r"\$ lscp-scrutiny moderate (examples/northshire-2026\.yaml examples/riverbridge-2026\.json)\n(Error: .*)\n",
        page,
    )
    assert shown is not None
    result = run(capsys, "moderate", *shown.group(1).split())
    assert result.err == shown.group(2) + "\n"


# --- generated moderations: the figures match the reference, whatever the order -------------------

_RATINGS = ("met", "partly_met", "not_met", ls.NOT_APPLICABLE, ls.NOT_ASSESSED)


@st.composite
def _assessments(draw: st.DrawFn) -> list[ls.Assessment]:
    """Two to five assessors of the built-in checklist, each criterion rated at random (or not)."""
    checklist = ls.get_checklist("independent-scrutiny")
    count = draw(st.integers(2, 5))
    made = []
    for _ in range(count):
        ratings = draw(
            st.lists(
                st.sampled_from(_RATINGS), min_size=len(checklist.criteria), max_size=len(checklist.criteria)
            )
        )
        responses = tuple(
            ls.Response(criterion=c.id, rating=r, justification="Reason" if r == ls.NOT_APPLICABLE else None)
            for c, r in zip(checklist.criteria, ratings, strict=True)
        )
        made.append(
            ls.Assessment(
                checklist=ls.checklist_ref(checklist),
                partnership=ls.Partnership(name="Genshire SCP"),
                assessor=ls.Assessor(
                    name=draw(st.sampled_from(["Ann", "Bo", "Cy"])),
                    role=draw(st.sampled_from(list(ls.AssessorRole))),
                ),
                assessed_on=ON,
                responses=responses,
            )
        )
    return made


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_assessments(), st.randoms(use_true_random=False))
def test_generated_moderations_match_the_reference_in_any_order(
    assessments: list[ls.Assessment], random: Random
) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    moderation = ls.moderate(assessments, checklist, as_of=AS_OF)
    assert len({a.key for a in moderation.assessors}) == len(assessments)
    found = moderation.agreement
    matrix = _matrix(moderation)
    pairable = [
        v
        for column in matrix.T
        if np.count_nonzero(~np.isnan(column)) >= 2
        for v in column[~np.isnan(column)]
    ]
    if len(set(pairable)) >= 2:
        reference = krippendorff.alpha(
            reliability_data=matrix, level_of_measurement="ordinal", value_domain=[0, 1, 2]
        )
        assert found.krippendorff_alpha_ordinal == pytest.approx(reference, abs=1e-9)
    else:
        assert found.krippendorff_alpha_ordinal is None
        assert found.alpha_note in {NO_PAIRS, NO_VARIATION}
    shuffled = random.sample(assessments, len(assessments))
    assert _figures(ls.moderate(shuffled, checklist, as_of=AS_OF)) == _figures(moderation)
    assert "NaN" not in render_moderation_json(moderation)


def test_the_agenda_workbook(tmp_path: Path, capsys: Capsys, northshire: ls.Moderation) -> None:
    import openpyxl  # noqa: PLC0415

    out = tmp_path / "agenda.xlsx"
    result = run(capsys, "moderate", *FILES, "--as-of", "2026-11-27", "--agenda", "-o", str(out))
    assert result.code == 0, result.err
    assert out.stat().st_mode & 0o777 == 0o600
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Agenda", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    sheet = book["Agenda"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    expected = list(csv.reader(io.StringIO(render_agenda_csv(northshire))))
    assert rows[0] == expected[0] == list(AGENDA_COLUMNS)
    assert len(rows) == len(expected) == 1 + 13 * 3
    for got, want in zip(rows[1:], expected[1:], strict=True):
        assert [("" if v is None else str(v)) for v in got] == want  # no formula-like text in the example
    assert rows[1][:4] == [1, "what.embedding-learning.training-impact", "Training evaluated for impact", 2]
    assert sheet.protection.sheet
    agreed = AGENDA_COLUMNS.index("agreed_rating") + 1
    assert not sheet.cell(row=2, column=agreed).protection.locked
    assert sheet.cell(row=2, column=1).protection.locked
    [check] = sheet.data_validations.dataValidation
    assert check.formula1 == "'Lists'!$A$1:$A$4"
    assert [book["Lists"].cell(row=r, column=1).value for r in range(1, 5)] == [
        "Met",
        "Partly met",
        "Not met",
        "Not applicable",
    ]


def test_the_agenda_workbook_keeps_formulas_text_and_restricted_text_out(tmp_path: Path) -> None:
    import openpyxl  # noqa: PLC0415

    from lscp_scrutiny.render.moderation import render_agenda_workbook  # noqa: PLC0415

    path = tmp_path / "agenda.xlsx"
    path.write_bytes(render_agenda_workbook(_tiny(public=True)))
    book = openpyxl.load_workbook(path)
    cells = [cell for row in book["Agenda"].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    names = [c for c in cells if c.value == '=HYPERLINK("x")']  # kept exactly, marked as text
    assert len(names) == 2
    assert all(c.quotePrefix and c.data_type == "s" for c in names)
    assert not any("Interview with a named child" in str(c.value) for c in cells)
    full = tmp_path / "full.xlsx"
    full.write_bytes(render_agenda_workbook(_tiny()))
    book = openpyxl.load_workbook(full)
    assert any(c.value == "document: =cmd|' /C calc'!A0" for row in book["Agenda"].iter_rows() for c in row)


def test_a_second_assessor_who_rated_nothing_gives_no_figures_and_says_why() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    rated = ls.load_assessment(ROOT / FILES[0])
    blank = ls.start_assessment(checklist, rated.partnership, "Not Started", assessed_on=ON)
    moderation = ls.moderate([rated, blank], checklist, as_of=AS_OF)
    found = moderation.agreement
    assert (found.criteria_compared, found.ratings_compared, found.pairs) == (0, 0, 0)
    assert (found.percent_agreement, found.krippendorff_alpha_ordinal, found.alpha_note) == (
        None,
        None,
        NO_PAIRS,
    )
    assert (
        "| All criteria | 0 of 54 criteria, 0 ratings | not computable | not computable: no criterion was rated "
        "on the scale by two or more assessors |"
    ) in render_moderation_markdown(moderation)
    data = json.loads(render_moderation_json(moderation))
    assert data["agreement"]["percent_agreement"] is None
    assert data["agreement"]["krippendorff_alpha_ordinal"] is None
    assert data["agreement"]["alpha_note"] == NO_PAIRS
    assert agenda(moderation) == tuple(c for c in moderation.agreement.criteria if c.applicability_disputed)


def test_the_same_file_twice_is_refused_and_a_copy_is_said(capsys: Capsys, tmp_path: Path) -> None:
    """Review finding: one assessment given twice agreed with itself, 100%, alpha 1."""
    example = ROOT / "examples" / "northshire-2026.yaml"
    result = run(capsys, "moderate", str(example), str(ROOT / "examples" / "." / "northshire-2026.yaml"))
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"Error: {example}: is given twice; give each file once"]
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(example.read_bytes())
    result = run(capsys, "moderate", str(example), str(copy), "--format", "json")
    assert result.code == 0
    assert f"Warning: {copy} holds the same assessment as {example}: it is counted twice" in result.err
