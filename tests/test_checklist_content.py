"""The built-in checklist's content: sources behind every criterion, obligations no stronger than their
source, retired criteria documented, and the 1.0.0 assessments migrating with nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

import lscp_scrutiny as ls
from lscp_scrutiny.core.migration import Outcome

ROOT = Path(__file__).resolve().parent.parent
OLD_EXAMPLES = ROOT / "tests" / "migration" / "1.0.0"
OLD_FILES = sorted(p for p in OLD_EXAMPLES.rglob("*") if p.suffix in {".yaml", ".json"})


@pytest.fixture(scope="module")
def builtin() -> ls.Checklist:
    return ls.load_checklist(ROOT / "checklists" / "independent-scrutiny.yaml")


def test_every_criterion_cites_a_source_the_checklist_lists(builtin: ls.Checklist) -> None:
    listed = {s.id for s in builtin.sources}
    uncited = [c.id for c in builtin.criteria if not c.sources]
    assert uncited == []
    assert all(set(c.sources) <= listed for c in builtin.criteria)


def test_every_source_is_cited_and_says_what_kind_it_is(builtin: ls.Checklist) -> None:
    cited = {s for c in builtin.criteria for s in c.sources}
    assert [s.id for s in builtin.sources if s.id not in cited] == []
    assert [s.id for s in builtin.sources if s.kind is ls.SourceKind.OTHER] == []


def test_every_must_rests_on_the_law_or_statutory_guidance(builtin: ls.Checklist) -> None:
    kinds = {s.id: s.kind for s in builtin.sources}
    weak = [
        c.id
        for c in builtin.criteria
        if c.obligation is ls.Obligation.MUST and not any(kinds[s].is_primary for s in c.sources)
    ]
    assert weak == []


def test_the_review_findings_on_obligations_are_fixed(builtin: ls.Checklist) -> None:
    # domain-review A2 and A4: the 2026 Act's duty is not in force; the guidance says "should".
    for criterion_id in (
        "what.relevant-agencies.education-childcare-included",
        "who.lsp-sign-off",
        "what.leadership.named-delegates",
    ):
        assert builtin.criterion(criterion_id).obligation is ls.Obligation.SHOULD, criterion_id
    words = " ".join(" ".join(filter(None, (c.title, c.text, c.guidance))) for c in builtin.criteria).lower()
    assert "chief constable" not in words  # A8: the statutory term is the chief officer of police
    assert "chief officer of police" in words


def test_primary_sources_are_cited_where_they_live(builtin: ls.Checklist) -> None:
    urls = [s.url or "" for s in builtin.sources if s.kind.is_primary]
    assert any(u.startswith("https://www.legislation.gov.uk/ukpga/2004/31/") for u in urls)
    assert any(u.startswith("https://www.legislation.gov.uk/ukpga/2026/21/") for u in urls)
    assert any(
        u.startswith("https://www.gov.uk/government/publications/working-together-to-safeguard-children")
        for u in urls
    )
    mirrors = [
        s.id
        for s in builtin.sources
        if any(m in (s.url or "") for m in ("scribd.com", "docsbay", "surveymonkey"))
    ]
    assert mirrors == []


def test_retired_criteria_keep_the_wording_they_were_rated_against(builtin: ls.Checklist) -> None:
    # Every 1.0.0 assessment recorded the fingerprint of each criterion's wording: a retired criterion's
    # text must be exactly that wording, or a migration could not tell what was rated.
    assessment = ls.load_assessment(OLD_EXAMPLES / "northshire-2026.yaml")
    assert builtin.retired
    for retired in builtin.retired:
        assert retired.retired_in == "1.1.0"
        assert assessment.response(retired.id).criterion_fingerprint == retired.fingerprint, retired.id


def test_no_1_0_0_criterion_disappears_without_a_trace(builtin: ls.Checklist) -> None:
    answered = {r.criterion for r in ls.load_assessment(OLD_EXAMPLES / "northshire-2026.yaml").responses}
    assert len(answered) == 48
    lost = [i for i in answered if not builtin.has_criterion(i) and builtin.retired_criterion(i) is None]
    assert lost == []


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda p: str(p.relative_to(OLD_EXAMPLES)))
def test_each_1_0_0_example_migrates_with_nothing_lost(path: Path, builtin: ls.Checklist) -> None:
    old = ls.load_assessment(path)
    assert old.checklist.version == "1.0.0"
    # Loaded against 1.1.0 as it is, it is usable and says exactly what changed.
    what = ls.evaluate(old, builtin).changes
    assert what is not None
    assert set(what.removed) == {r.id for r in builtin.retired}
    migration = ls.migrate(old, builtin)
    new = migration.assessment
    assert ls.check(new, builtin) == []
    assert new.checklist == ls.checklist_ref(builtin)
    # Field by field: every response the 1.0.0 file held is in the migrated one exactly as it was, except
    # those that took a retired criterion's evidence, which hold everything they held before and more.
    moved = {item.criterion for item in migration.having(Outcome.MOVED)}
    for before in old.responses:
        after = new.response(before.criterion)
        if before.criterion in moved:
            assert set(before.evidence) <= set(after.evidence)
            assert set(before.actions) <= set(after.actions)
        else:
            assert after == before, before.criterion
    for retired in builtin.retired:
        before = old.response(retired.id)
        for target in retired.replaced_by:
            assert set(before.evidence) <= set(new.response(target).evidence)
            assert set(before.actions) <= set(new.response(target).actions)
    # What it says is new is exactly what the checklist added: the criteria left to rate, and those that
    # took a retired criterion's rating.
    answered = {r.criterion for r in old.responses}
    added = {item.criterion for item in migration.having(Outcome.ADDED)} | (moved - answered)
    assert added == set(what.added)
    reworded = {item.criterion for item in migration.having(Outcome.REWORDED)}
    assert reworded == set(what.reworded) - moved  # a reworded one that took a retired rating is "moved"


def test_the_shipped_examples_answer_the_current_checklist(builtin: ls.Checklist) -> None:
    for path in [
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("examples/*.json"),
        *(p for p in ROOT.glob("examples/*/*.yaml") if p.parent.name != "section-11"),
        *ROOT.glob("examples/national-assessments/*.json"),
    ]:
        assessment = ls.load_assessment(path)
        assert assessment.checklist == ls.checklist_ref(builtin), path
    section_11 = ls.checklist_ref(ls.get_checklist("section-11"))
    returns = sorted((ROOT / "examples" / "section-11" / "returns").iterdir())
    assert returns
    for path in returns:
        assert ls.load_assessment(path).checklist == section_11, path
