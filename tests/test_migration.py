"""Migrating an assessment to a newer checklist: retired criteria, rewording, and nothing ever lost."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.core.migration import Outcome
from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model import (
    Action,
    Evidence,
    EvidenceKind,
    Reply,
    Response,
    RetiredCriterion,
)
from lscp_scrutiny.model.summary import FlagKind
from strategies import actions, evidence

Capsys = pytest.CaptureFixture[str]


def _criterion(cid: str, text: str) -> ls.Criterion:
    return ls.Criterion(id=cid, title=cid.title(), text=text, question="how", sources=["s"])


def _checklist(
    version: str, criteria: list[ls.Criterion], retired: list[RetiredCriterion] | None = None
) -> ls.Checklist:
    return ls.Checklist(
        id="demo",
        version=version,
        title="Demo",
        sources=[ls.Source(id="s", title="A source", kind=ls.SourceKind.STATUTORY_GUIDANCE)],
        sections=[ls.Section(id="how", title="How", question="how", criteria=criteria)],
        retired=list(retired or ()),
    )


OLD = _checklist(
    "1.0.0",
    [
        _criterion("how.same", "Stays the same."),
        _criterion("how.reworded", "The old words."),
        _criterion("how.report-a", "The yearly report says what was done."),
        _criterion("how.report-b", "The yearly report says what changed."),
        _criterion("how.tracking", "Actions are tracked."),
        _criterion("how.gone", "Dropped with nothing in its place."),
        _criterion("how.absorbed", "Folded into tracking."),
    ],
)
NEW = _checklist(
    "1.1.0",
    [
        _criterion("how.same", "Stays the same."),
        _criterion("how.reworded", "The new, sharper words."),
        _criterion("how.yearly-report", "The yearly report says what was done and what changed."),
        _criterion("how.tracking", "Actions are tracked."),
        _criterion("how.brand-new", "Something nobody asked before."),
    ],
    [
        RetiredCriterion(
            id="how.report-a",
            title="Report A",
            text="The yearly report says what was done.",
            retired_in="1.1.0",
            replaced_by=["how.yearly-report"],
        ),
        RetiredCriterion(
            id="how.report-b",
            title="Report B",
            text="The yearly report says what changed.",
            retired_in="1.1.0",
            replaced_by=["how.yearly-report"],
        ),
        RetiredCriterion(
            id="how.gone", title="Gone", text="Dropped with nothing in its place.", retired_in="1.1.0"
        ),
        RetiredCriterion(
            id="how.absorbed",
            title="Absorbed",
            text="Folded into tracking.",
            retired_in="1.1.0",
            replaced_by=["how.tracking"],
        ),
    ],
)

PAPER = Evidence(kind=EvidenceKind.DOCUMENT, reference="Yearly report 2025, section 3")
AUDIT = Evidence(kind=EvidenceKind.AUDIT, reference="Multi-agency audit, March 2026")
CHASE = Action(
    description="Chase the health partner's return", owner="Business manager", due=date(2026, 9, 1)
)


def _rated(cid: str, rating: str, **more: object) -> Response:
    criterion = OLD.criterion(cid)
    return Response(criterion=cid, rating=rating, criterion_fingerprint=criterion.fingerprint, **more)  # type: ignore[arg-type]


def _assessment(*responses: Response) -> ls.Assessment:
    return ls.Assessment(
        checklist=ls.checklist_ref(OLD),
        partnership=ls.Partnership(name="Northshire Safeguarding Children Partnership"),
        assessor=ls.Assessor(name="A. Scrutineer", role="independent_scrutineer"),
        assessed_on=date(2026, 5, 1),
        responses=responses,
    )


FULL = _assessment(
    _rated("how.same", "met", evidence=[PAPER], notes="Seen in the minutes."),
    _rated("how.reworded", "partly_met", evidence=[AUDIT]),
    _rated("how.report-a", "met", evidence=[PAPER], notes="Published on time."),
    _rated("how.report-b", "met", evidence=[PAPER, AUDIT], actions=[CHASE]),
    _rated("how.tracking", "partly_met", actions=[CHASE]),
    _rated("how.gone", "not_met", reply=Reply(by="Police", text="We disagree.")),
    _rated("how.absorbed", "not_met", evidence=[AUDIT], notes="No tracker."),
)


# --- the model ---------------------------------------------------------------------------------------


def test_a_retired_id_cannot_also_be_a_live_criterion() -> None:
    clash = RetiredCriterion(id="how.same", title="Same", text="Old.", retired_in="1.1.0")
    with pytest.raises(ConsistencyError, match="both in the checklist and retired"):
        _checklist("1.1.0", [_criterion("how.same", "Stays.")], [clash])


def test_a_retired_criterion_is_replaced_only_by_live_ones() -> None:
    dangling = RetiredCriterion(
        id="how.old", title="Old", text="Old.", retired_in="1.1.0", replaced_by=["how.nowhere"]
    )
    with pytest.raises(ConsistencyError, match=re.escape("replaced by unknown criterion 'how.nowhere'")):
        _checklist("1.1.0", [_criterion("how.same", "Stays.")], [dangling])


def test_retired_ids_are_unique() -> None:
    twice = RetiredCriterion(id="how.old", title="Old", text="Old.", retired_in="1.1.0")
    with pytest.raises(
        ConsistencyError, match=re.escape("retired criterion id 'how.old' is used more than once")
    ):
        _checklist("1.1.0", [_criterion("how.same", "Stays.")], [twice, twice])


def test_retired_criteria_survive_every_file_format(tmp_path: Path) -> None:
    for name in ("demo.yaml", "demo.json"):
        ls.save_checklist(NEW, tmp_path / name)
        assert ls.load_checklist(tmp_path / name) == NEW


# --- migrating ---------------------------------------------------------------------------------------


def _outcomes(migration: ls.Migration) -> dict[str, Outcome]:
    return {item.criterion: item.outcome for item in migration.criteria}


def test_each_criterion_gets_the_outcome_its_change_calls_for() -> None:
    migration = ls.migrate(FULL, NEW)
    assert _outcomes(migration) == {
        "how.same": Outcome.CARRIED,
        "how.reworded": Outcome.REWORDED,
        "how.yearly-report": Outcome.MOVED,
        "how.tracking": Outcome.MOVED,
        "how.brand-new": Outcome.ADDED,
        "how.report-a": Outcome.KEPT,
        "how.report-b": Outcome.KEPT,
        "how.gone": Outcome.KEPT,
        "how.absorbed": Outcome.KEPT,
    }
    assert migration.assessment.checklist == ls.checklist_ref(NEW)
    assert (migration.from_version, migration.to_version) == ("1.0.0", "1.1.0")


def test_nothing_the_assessment_held_is_lost() -> None:
    migrated = ls.migrate(FULL, NEW).assessment
    # Every response the old file held is in the new one exactly as it was, field by field, except where
    # a retired criterion's response was merged into a live one (and then the retired one is kept whole).
    for before in FULL.responses:
        if before.criterion == "how.tracking":
            continue  # gains evidence from how.absorbed: checked below
        assert migrated.response(before.criterion) == before
    assert [r.criterion for r in migrated.responses][-4:] == [
        "how.report-a",
        "how.report-b",
        "how.gone",
        "how.absorbed",
    ]


def test_a_reworded_criterion_keeps_its_rating_and_is_flagged_for_confirmation() -> None:
    migrated = ls.migrate(FULL, NEW).assessment
    summary = ls.evaluate(migrated, NEW, as_of=date(2026, 6, 1))
    stale = {f.criterion for f in summary.flags if f.kind is FlagKind.STALE_RATING}
    assert "how.reworded" in stale
    assert migrated.response("how.reworded").rating == "partly_met"


def test_retired_criteria_that_agree_move_their_rating_and_pool_their_evidence() -> None:
    migration = ls.migrate(FULL, NEW)
    moved = migration.assessment.response("how.yearly-report")
    assert moved.rating == "met"
    assert moved.evidence == (PAPER, AUDIT)  # PAPER once, though both cited it
    assert moved.actions == (CHASE,)
    assert moved.notes == "From how.report-a: Published on time."
    # Marked for a person to confirm: the retired wording's fingerprint is what it was rated against.
    assert moved.criterion_fingerprint != NEW.criterion("how.yearly-report").fingerprint
    item = next(c for c in migration.criteria if c.criterion == "how.yearly-report")
    assert item.came_from == ("how.report-a", "how.report-b")
    assert item.to_confirm


def test_retired_criteria_that_disagree_leave_the_replacement_to_be_rated() -> None:
    split = evolve(
        FULL,
        responses=[
            *(r for r in FULL.responses if r.criterion != "how.report-b"),
            _rated("how.report-b", "not_met"),
        ],
    )
    migration = ls.migrate(split, NEW)
    moved = migration.assessment.response("how.yearly-report")
    assert moved.rating == ls.NOT_ASSESSED
    item = next(c for c in migration.criteria if c.criterion == "how.yearly-report")
    assert item.note is not None
    assert "how.report-a was met" in item.note
    assert "how.report-b was not_met" in item.note


def test_a_replacement_rated_in_its_own_right_keeps_its_rating_and_gains_the_evidence() -> None:
    tracking = ls.migrate(FULL, NEW).assessment.response("how.tracking")
    assert tracking.rating == "partly_met"  # its own, not how.absorbed's not_met
    assert tracking.evidence == (AUDIT,)
    assert tracking.actions == (CHASE,)
    assert tracking.notes == "From how.absorbed: No tracker."


def test_the_migrated_assessment_counts_only_live_criteria_and_says_what_was_kept() -> None:
    migrated = ls.migrate(FULL, NEW).assessment
    assert ls.check(migrated, NEW) == []
    summary = ls.evaluate(migrated, NEW, as_of=date(2026, 6, 1))
    assert summary.overall.criteria == len(NEW.criteria)
    removed = {f.criterion: f.message for f in summary.flags if f.kind is FlagKind.CRITERION_REMOVED}
    assert set(removed) == {"how.report-a", "how.report-b", "how.gone", "how.absorbed"}
    assert removed["how.gone"] == (
        "how.gone was retired in demo 1.1.0, with nothing in its place; its rating is kept in the file and not counted"
    )
    assert "replaced by how.yearly-report" in removed["how.report-a"]
    assert not any(f.kind is FlagKind.CHECKLIST_CHANGED for f in summary.flags)


def test_a_response_to_a_criterion_never_in_the_checklist_is_still_an_error_after_migration() -> None:
    migrated = ls.migrate(FULL, NEW).assessment
    wrong = migrated.with_response(Response(criterion="how.invented", rating="met"))
    problems = ls.check(wrong, NEW)
    assert [p.message for p in problems] == ["unknown criterion 'how.invented' (not in demo 1.1.0)"]


def test_migrating_twice_changes_nothing_the_second_time() -> None:
    once = ls.migrate(FULL, NEW)
    twice = ls.migrate(once.assessment, NEW)
    assert twice.assessment == once.assessment
    assert not twice.changed


def test_an_assessment_of_another_checklist_is_refused() -> None:
    other = evolve(NEW, id="other")
    with pytest.raises(ConsistencyError, match="assessment is for checklist 'demo', not 'other'"):
        ls.migrate(FULL, other)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([c.id for c in OLD.criteria]),
            st.sampled_from(["met", "partly_met", "not_met", ls.NOT_APPLICABLE, ls.NOT_ASSESSED]),
            st.lists(evidence(), max_size=2),
            st.lists(actions(), max_size=2),
        ),
        unique_by=lambda item: item[0],
    )
)
def test_no_rating_evidence_or_action_is_ever_dropped(
    answers: list[tuple[str, str, list[Evidence], list[Action]]],
) -> None:
    old = _assessment(
        *(
            _rated(
                cid,
                rating,
                evidence=found,
                actions=todo,
                justification="Not here." if rating == ls.NOT_APPLICABLE else None,
            )
            for cid, rating, found, todo in answers
        )
    )
    migrated = ls.migrate(old, NEW).assessment
    assert ls.check(migrated, NEW) == []
    targets = {t for r in NEW.retired for t in r.replaced_by}
    for before in old.responses:
        after = migrated.response(before.criterion)
        # The response itself is still there with its rating (a replacement left unrated may gain one);
        # whatever it held is still held, in place and also in what replaced it.
        if before.criterion not in targets or before.is_assessed:
            assert after.rating == before.rating
        assert set(before.evidence) <= set(after.evidence)
        assert set(before.actions) <= set(after.actions)
        retired = NEW.retired_criterion(before.criterion)
        if retired is not None:
            assert after == before  # kept whole
            for target in retired.replaced_by:
                if before.is_assessed or before.evidence or before.actions:
                    moved = migrated.response(target)
                    assert set(before.evidence) <= set(moved.evidence)
                    assert set(before.actions) <= set(moved.actions)


# --- the command -------------------------------------------------------------------------------------


@pytest.fixture
def demo_files(tmp_path: Path) -> tuple[Path, Path]:
    """The new checklist in a file, and the old assessment in YAML."""
    checklist = tmp_path / "demo.yaml"
    ls.save_checklist(NEW, checklist)
    old = tmp_path / "old.yaml"
    old.write_text(ls.dumps_assessment(FULL, "yaml"), encoding="utf-8")
    return checklist, old


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xlsx"])
def test_migrate_writes_the_new_file_and_says_what_happened(
    capsys: Capsys, demo_files: tuple[Path, Path], suffix: str
) -> None:
    checklist, old = demo_files
    before = old.read_bytes()
    out = old.with_name(f"new{suffix}")
    result = run(capsys, "--checklist-file", str(checklist), "migrate", str(old), "-o", str(out))
    assert result.code == 0, result.err
    assert old.read_bytes() == before  # the original is never touched
    assert ls.load_assessment(out) == ls.migrate(FULL, NEW).assessment
    assert result.out.splitlines() == [
        f"Wrote {out}: {old} migrated from demo 1.0.0 to 1.1.0.",
        "  1 carried as they were.",
        "  1 reworded since rated, kept for a person to confirm: how.reworded.",
        (
            "  how.yearly-report takes the rating, evidence and actions of retired how.report-a, how.report-b, "
            "for a person to confirm."
        ),
        "  how.tracking takes the rating, evidence and actions of retired how.absorbed, for a person to confirm.",
        "  4 retired or removed, kept in the file and not counted: how.report-a, how.report-b, how.gone, how.absorbed.",
        "  1 new, not yet assessed: how.brand-new.",
    ]


def test_migrate_tells_scripts_in_json(capsys: Capsys, demo_files: tuple[Path, Path]) -> None:
    checklist, old = demo_files
    out = old.with_name("new.json")
    result = run(
        capsys, "--checklist-file", str(checklist), "migrate", str(old), "-o", str(out), "--format", "json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["from_version"], data["to_version"]) == ("1.0.0", "1.1.0")
    by_id = {c["id"]: c for c in data["criteria"]}
    assert by_id["how.yearly-report"] == {
        "id": "how.yearly-report",
        "outcome": "moved",
        "to_confirm": True,
        "came_from": ["how.report-a", "how.report-b"],
        "replaced_by": [],
        "note": None,
    }
    assert by_id["how.gone"]["outcome"] == "kept"


def test_migrate_never_writes_over_its_input(capsys: Capsys, demo_files: tuple[Path, Path]) -> None:
    checklist, old = demo_files
    before = old.read_bytes()
    result = run(capsys, "--checklist-file", str(checklist), "migrate", str(old), "-o", str(old), "--force")
    assert result.code == 2
    assert f"{old} is the assessment being migrated; choose another output file" in result.err
    assert old.read_bytes() == before


def test_migrate_refuses_an_existing_output_without_force(
    capsys: Capsys, demo_files: tuple[Path, Path]
) -> None:
    checklist, old = demo_files
    out = old.with_name("there.yaml")
    out.write_text("kept\n", encoding="utf-8")
    result = run(capsys, "--checklist-file", str(checklist), "migrate", str(old), "-o", str(out))
    assert result.code == 2
    assert "already exists; use --force" in result.err
    assert out.read_text(encoding="utf-8") == "kept\n"


def test_migrate_says_when_there_is_nothing_to_do(capsys: Capsys, demo_files: tuple[Path, Path]) -> None:
    checklist, old = demo_files
    first = old.with_name("first.yaml")
    assert run(capsys, "--checklist-file", str(checklist), "migrate", str(old), "-o", str(first)).code == 0
    second = old.with_name("second.yaml")
    result = run(capsys, "--checklist-file", str(checklist), "migrate", str(first), "-o", str(second))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Wrote {second}: {first} already answers demo 1.1.0; nothing to migrate."
    ]


def test_migrate_refuses_an_unknown_checklist_in_one_line(capsys: Capsys, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(ls.dumps_assessment(FULL, "yaml"), encoding="utf-8")
    out = tmp_path / "new.yaml"
    result = run(capsys, "migrate", str(old), "-o", str(out))
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "demo" in result.err
    assert not out.exists()


# --- confirming a rating given to other words ---------------------------------------------------------

BUILTIN_1_0_0 = Path(__file__).resolve().parent / "migration" / "1.0.0" / "northshire-2026.yaml"


@pytest.fixture
def migrated_builtin(capsys: Capsys, tmp_path: Path) -> Path:
    """The 1.0.0 Northshire example migrated to the built-in checklist as it is now, as YAML."""
    out = tmp_path / "northshire.yaml"
    result = run(capsys, "--disable-plugin", "*", "migrate", str(BUILTIN_1_0_0), "-o", str(out))
    assert result.code == 0, result.err
    return out


def _stale(assessment: ls.Assessment) -> set[str]:
    checklist = ls.get_checklist(assessment.checklist.id)
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    return {f.criterion for f in summary.flags if f.kind is FlagKind.STALE_RATING and f.criterion}


def test_the_yaml_says_how_to_confirm_each_reworded_rating(migrated_builtin: Path) -> None:
    text = migrated_builtin.read_text(encoding="utf-8")
    checklist = ls.get_checklist("independent-scrutiny")
    now = checklist.criterion("who.independence").fingerprint
    assert f"changed it, set criterion_fingerprint to {now}" in text
    assert (
        "# who.chair-scrutineer-roles was retired in independent-scrutiny 1.1.0; kept, not counted." in text
    )
    # Doing what it says confirms the rating.
    assessment = ls.load_assessment(migrated_builtin)
    assert "who.independence" in _stale(assessment)
    old = assessment.response("who.independence").criterion_fingerprint
    assert old is not None
    migrated_builtin.write_text(
        text.replace(f"criterion_fingerprint: {old}", f"criterion_fingerprint: {now}")
    )
    assert "who.independence" not in _stale(ls.load_assessment(migrated_builtin))


def test_clearing_reworded_in_the_workbook_confirms_the_rating(
    capsys: Capsys, migrated_builtin: Path
) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415

    book_path = migrated_builtin.with_suffix(".xlsx")
    assert (
        run(capsys, "--disable-plugin", "*", "convert", str(migrated_builtin), "-o", str(book_path)).code == 0
    )
    before = ls.load_assessment(migrated_builtin)
    assert ls.load_assessment(book_path) == before  # written and read back: still to confirm
    book = load_workbook(book_path)
    sheet = book["Criteria"]
    header = [cell.value for cell in sheet[1]]
    reworded, ids = header.index("Reworded, to confirm"), header.index("ID")
    flagged = {row[ids].value for row in sheet.iter_rows(min_row=2) if row[reworded].value == "Yes"}
    assert flagged == _stale(before)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[ids].value == "who.independence")
    row[reworded].value = None  # the person agrees with the rating as it stands
    book.save(book_path)
    after = ls.load_assessment(book_path)
    assert after.response("who.independence").rating == before.response("who.independence").rating
    assert _stale(after) == _stale(before) - {"who.independence"}


def test_a_workbook_from_before_the_reworded_column_still_reads(capsys: Capsys, tmp_path: Path) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415

    path = tmp_path / "old-layout.xlsx"
    assert (
        run(capsys, "--disable-plugin", "*", "convert", "examples/northshire-2026.yaml", "-o", str(path)).code
        == 0
    )
    book = load_workbook(path)
    sheet = book["Criteria"]
    header = [cell.value for cell in sheet[1]]
    for name in ("wording", "Reworded, to confirm"):  # right to left, so the first index stays right
        sheet.delete_cols(header.index(name) + 1)
    book.save(path)
    assert ls.load_assessment(path) == ls.load_assessment("examples/northshire-2026.yaml")


def test_the_guided_assessment_asks_to_confirm_a_reworded_rating(migrated_builtin: Path) -> None:
    from test_guided import RATING, Session  # noqa: PLC0415 - the pseudo-terminal driver

    before = ls.load_assessment(migrated_builtin).response("who.independence")
    session = Session(migrated_builtin)
    session.expect("who.independence")
    session.expect("given when the criterion was worded differently: confirm or change it")
    session.answer(r"Rating \(1-\d; s skip.*\((\d)\)", "")  # Enter keeps the rating as it is
    session.answer(r"Add a piece of evidence\? \(\d+ recorded already, kept\) \[y/n\]", "n")
    session.answer(r"Notes \(Enter keeps the notes shown above\)", "")
    session.answer(r"Add an action\? (\(\d+ recorded already, kept\) )?\[y/n\]", "n")
    session.expect("Saved who.independence")
    session.answer(RATING, "q")
    assert session.finish() == 0
    after = ls.load_assessment(migrated_builtin)
    assert after.response("who.independence").rating == before.rating
    assert "who.independence" not in _stale(after)


def test_the_migration_benchmark_runs_and_prints_its_table() -> None:
    from clirunner import run_benchmark  # noqa: PLC0415

    done = run_benchmark("migration.py", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [row.split("|")[1].strip() for row in rows[1:]] == [
        "json.loads of the assessment (the floor)",
        f"load (JSON) and check against {ls.get_checklist('independent-scrutiny').version}",
        "migrate",
        "migrate, then evaluate",
    ]
    assert rows[1].endswith("| 1.0x |")
