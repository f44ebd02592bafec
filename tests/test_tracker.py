"""The action tracker (issue 18, item 5): one workbook of every open action, edited by owners, read back.

Made from the shipped Section 11 round (examples/section-11/returns), copied so that nothing shipped
changes. Reading back is a three-way merge per field: these tests edit the tracker as a person would (in
openpyxl, which saves as a spreadsheet program does) and check that exactly the edited fields change in
exactly the right returns, that an edit made meanwhile in a return is never lost, and that every bad row
is one line naming its cell, with nothing written anywhere.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from clirunner import Result, run, run_benchmark
from lscp_scrutiny.io.tracker import COLUMNS, HIDDEN, SHEET

Capsys = pytest.CaptureFixture[str]
ROUND = Path(__file__).resolve().parent.parent / "examples" / "section-11" / "returns"
AS_OF = "2026-12-01"
STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def _copy_round(folder: Path, names: list[str] | None = None) -> Path:
    returns = folder / "returns"
    returns.mkdir(parents=True)
    for path in sorted(ROUND.iterdir()):
        if names is None or path.name in names:
            shutil.copy(path, returns / path.name)
    return returns


@pytest.fixture
def round_copy(tmp_path: Path) -> Path:
    return _copy_round(tmp_path)


def _make(capsys: Capsys, returns: Path, tracker: Path, *extra: str) -> None:
    done = run(capsys, "actions", str(returns), "-o", str(tracker), "--as-of", AS_OF, *extra)
    assert done.code == 0, done.err
    assert done.out == f"Wrote {tracker}.\n"


def _rows(tracker: Path) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(tracker)[SHEET]
    header = [str(c.value) for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]


def _edit(tracker: Path, edits: dict[tuple[int, str], object]) -> None:
    """Change cells as a person would: (data row from 0, column name) -> new value."""
    book = openpyxl.load_workbook(tracker)
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    for (row, column), value in edits.items():
        sheet.cell(row=row + 2, column=header.index(column) + 1).value = value  # type: ignore[assignment] # None blanks it
    book.save(tracker)


def _actions(returns: Path) -> dict[tuple[str, str, int], ls.Action]:
    """Every action of every return, by (file name, criterion, place from 1)."""
    found = {}
    for path in sorted(returns.iterdir()):
        for response in ls.load_assessment(path).responses:
            for number, action in enumerate(response.actions, start=1):
                found[path.name, response.criterion, number] = action
    return found


def _first_actions(path: Path) -> tuple[str, tuple[ls.Action, ...]]:
    """The first criterion of a return that has actions, and its actions."""
    response = next(r for r in ls.load_assessment(path).responses if r.actions)
    return response.criterion, response.actions


def _with_actions(path: Path, criterion: str, actions: list[ls.Action]) -> None:
    """Give a criterion of a return these actions, as someone editing the return would."""
    assessment = ls.load_assessment(path)
    responses = [
        evolve(r, actions=tuple(actions)) if r.criterion == criterion else r for r in assessment.responses
    ]
    ls.save_assessment(evolve(assessment, responses=responses), path)


def _key(row: dict[str, Any]) -> tuple[str, str, int]:
    return Path(row["File"]).name, row["Criterion"], row["Action number"]


def _update(capsys: Capsys, tracker: Path, *extra: str) -> Result:
    return run(capsys, "actions", "--update", str(tracker), *extra)


# --- making the tracker --------------------------------------------------------------------------------


def test_the_tracker_holds_every_open_action_and_only_those(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    rows = _rows(tracker)
    every = _actions(round_copy)
    assert [_key(r) for r in rows] == [k for k, a in every.items() if a.status.is_open]
    for row in rows:
        action = every[_key(row)]
        assert row["Action"] == row["Action as exported"] == action.description
        assert row["Owner"] == row["Owner as exported"] == action.owner
        assert row["Status"] == STATUS_LABELS[action.status.value]
        assert row["Status as exported"] == action.status.value
        assert (row["Due"].date() if row["Due"] else None) == action.due
        assert row["File"] == f"returns/{_key(row)[0]}"  # from the tracker's own folder
    agencies = {ls.load_assessment(p).agency.name for p in round_copy.iterdir()}  # type: ignore[union-attr]
    assert {r["Agency"] for r in rows} <= agencies


def test_all_takes_closed_actions_too(round_copy: Path, capsys: Capsys) -> None:
    path = round_copy / "county-council-return.yaml"
    criterion, actions = _first_actions(path)
    _with_actions(path, criterion, [evolve(actions[0], status="done"), *actions[1:]])
    tracker, everything = round_copy.parent / "open.xlsx", round_copy.parent / "all.xlsx"
    _make(capsys, round_copy, tracker)
    _make(capsys, round_copy, everything, "--all")
    assert len(_rows(everything)) == len(_rows(tracker)) + 1
    assert [r["Status"] for r in _rows(everything)].count("Done") == 1


def test_only_owner_due_and_status_are_unlocked_and_the_hidden_columns_are_hidden(
    round_copy: Path, capsys: Capsys
) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    book = openpyxl.load_workbook(tracker)
    sheet = book[SHEET]
    assert sheet.protection.sheet
    for index, name in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index)
        assert cell.protection.locked is (name not in ("Owner", "Due", "Status")), name
        letter = openpyxl.utils.get_column_letter(index)
        assert sheet.column_dimensions[letter].hidden is (name in HIDDEN), name
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert book.sheetnames[0] == "About this tracker"
    assert book["About this tracker"]["A1"].value == "lscp-scrutiny action tracker"


def test_text_that_looks_like_a_formula_is_written_as_text(round_copy: Path, capsys: Capsys) -> None:
    path = round_copy / "cvs-return.yaml"
    criterion, actions = _first_actions(path)
    evil = evolve(actions[0], description='=HYPERLINK("http://x","y")', owner="+1+1")
    _with_actions(path, criterion, [evil])
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    with zipfile.ZipFile(tracker) as archive:
        sheets = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert "<f>" not in sheets  # no formula anywhere
    sheet = openpyxl.load_workbook(tracker)[SHEET]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","y")']
    assert cells
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    # and it reads back: the row is the same action
    _edit(
        tracker, {(next(i for i, r in enumerate(_rows(tracker)) if r["Owner"] == "+1+1"), "Status"): "Done"}
    )
    done = _update(capsys, tracker)
    assert done.code == 0, done.err
    assert _first_actions(path)[1][0].status == ls.ActionStatus.DONE


def test_the_tracker_holds_no_restricted_text(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    secrets = [
        r.notes
        for p in round_copy.iterdir()
        for r in ls.load_assessment(p).responses
        if r.notes_restricted and r.notes
    ]
    assert secrets
    with zipfile.ZipFile(tracker) as archive:
        text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for secret in secrets:
        assert secret[:30] not in text


def test_without_output_the_actions_are_listed(round_copy: Path, capsys: Capsys) -> None:
    done = run(capsys, "actions", str(round_copy), "--as-of", AS_OF)
    assert done.code == 0, done.err
    every = [a for a in _actions(round_copy).values() if a.status.is_open]
    overdue = sum(1 for a in every if a.is_overdue(date(2026, 12, 1)))
    assert f"{len(every)} actions, {overdue} overdue on {AS_OF}." in done.out
    assert "Homes" in done.out
    assert (
        done.out.count("overdue") == overdue + 1
    )  # said in words beside each, not only in red; and the total


# --- reading it back -----------------------------------------------------------------------------------


def test_reading_back_changes_exactly_the_edited_fields(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    rows = _rows(tracker)
    before = _actions(round_copy)
    yaml_row = next(i for i, r in enumerate(rows) if r["File"].endswith(".yaml"))
    xlsx_row = next(i for i, r in enumerate(rows) if r["File"].endswith(".xlsx"))
    json_row = next(i for i, r in enumerate(rows) if r["File"].endswith(".json"))
    _edit(
        tracker,
        {
            (yaml_row, "Status"): "Done",
            (xlsx_row, "Owner"): "Head of Housing Services",
            (json_row, "Due"): date(2027, 2, 1),
        },
    )
    texts = {p.name: p.read_text(encoding="utf-8") for p in round_copy.iterdir() if p.suffix == ".yaml"}
    done = _update(capsys, tracker)
    assert done.code == 0, done.err
    assert done.out.endswith(f"{tracker}: {len(rows)} rows read; changed 3 fields in 3 returns.\n")
    assert "status In progress -> Done" in done.out or "status Open -> Done" in done.out
    after = _actions(round_copy)
    expected = dict(before)
    expected[_key(rows[yaml_row])] = evolve(before[_key(rows[yaml_row])], status="done")
    expected[_key(rows[xlsx_row])] = evolve(before[_key(rows[xlsx_row])], owner="Head of Housing Services")
    expected[_key(rows[json_row])] = evolve(before[_key(rows[json_row])], due=date(2027, 2, 1))
    assert after == expected
    # YAML: the comments people read (the guidance) are all still there; only the status line changed
    name = _key(rows[yaml_row])[0]
    old, new = texts[name].splitlines(), (round_copy / name).read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].strip() == "status: done"
    # read back again: nothing more to change
    again = _update(capsys, tracker)
    assert again.code == 0
    assert again.out == f"{tracker}: {len(rows)} rows read; changed 0 fields in 0 returns.\n"
    assert _actions(round_copy) == expected


def test_a_dry_run_says_what_would_change_and_changes_nothing(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    _edit(tracker, {(0, "Status"): "Dropped"})
    before = {p.name: p.read_bytes() for p in round_copy.iterdir()}
    done = _update(capsys, tracker, "--dry-run")
    assert done.code == 0, done.err
    assert done.out.startswith(f"Would change {round_copy}/")  # the file itself, as the user can open it
    assert "-> Dropped" in done.out
    assert "would change 1 field in 1 return." in done.out
    assert {p.name: p.read_bytes() for p in round_copy.iterdir()} == before


def test_the_returns_can_be_found_where_they_are_now(
    round_copy: Path, tmp_path: Path, capsys: Capsys
) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    _edit(tracker, {(0, "Status"): "Done"})
    moved = tmp_path / "elsewhere"
    shutil.move(round_copy, moved)
    lost = _update(capsys, tracker)
    assert lost.code == 2
    assert "is not at" in lost.err
    assert "if the returns have moved, give their folder" in lost.err
    found = _update(capsys, tracker, str(moved))
    assert found.code == 0, found.err
    key = _key(_rows(tracker)[0])
    assert _actions(moved)[key].status == ls.ActionStatus.DONE


# --- the property: exactly the edited actions change ------------------------------------------------


_SMALL = ["constabulary-return.yaml", "early-years-return.json", "homes-return.xlsx"]


@st.composite
def _edits(draw: st.DrawFn, rows: int) -> dict[tuple[int, str], object]:
    chosen = draw(st.lists(st.integers(0, rows - 1), unique=True, max_size=min(rows, 6)))
    edits: dict[tuple[int, str], object] = {}
    for row in chosen:
        field = draw(st.sampled_from(["Owner", "Due", "Status"]))
        if field == "Owner":
            edits[row, field] = draw(
                st.text(
                    st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=20
                ).filter(lambda s: s.strip() == s and s.strip())
            )
        elif field == "Due":
            edits[row, field] = draw(st.dates(date(2026, 1, 1), date(2028, 12, 31)))
        else:
            edits[row, field] = draw(st.sampled_from(list(STATUS_LABELS.values())))
    return edits


@pytest.fixture(scope="module")
def small_round() -> Iterator[tuple[Path, int]]:
    with tempfile.TemporaryDirectory() as folder:
        returns = _copy_round(Path(folder), _SMALL)
        tracker = Path(folder) / "tracker.xlsx"
        assert run_quiet("actions", str(returns), "-o", str(tracker)) == 0
        yield Path(folder), len(_rows(tracker))


def run_quiet(*args: str) -> int:
    from lscp_scrutiny.cli import main  # noqa: PLC0415

    try:
        main(list(args))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0  # pragma: no cover


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_round_trip_changes_exactly_the_edited_actions(
    small_round: tuple[Path, int], data: st.DataObject, capsys: Capsys
) -> None:
    source, count = small_round
    edits = data.draw(_edits(count))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(source / "returns", work / "returns")
        tracker = work / "tracker.xlsx"
        shutil.copy(source / "tracker.xlsx", tracker)
        rows = _rows(tracker)
        before = _actions(work / "returns")
        assessments = {p.name: ls.load_assessment(p) for p in (work / "returns").iterdir()}
        _edit(tracker, edits)
        done = _update(capsys, tracker)
        assert done.code == 0, done.err
        expected = dict(before)
        names = {"Owner": "owner", "Due": "due", "Status": "status"}
        for (row, column), value in edits.items():
            if column == "Status":
                value = next(k for k, v in STATUS_LABELS.items() if v == value)  # noqa: PLW2901
            expected[_key(rows[row])] = evolve(expected[_key(rows[row])], **{names[column]: value})  # type: ignore[arg-type]
        assert _actions(work / "returns") == expected
        changed = sum(1 for k in before if before[k] != expected[k])
        assert f"changed {changed} field{'s' if changed != 1 else ''} in " in done.out
        for path in (work / "returns").iterdir():  # nothing but the actions moved
            now = ls.load_assessment(path)
            was = assessments[path.name]
            strip = [evolve(r, actions=()) for r in now.responses]
            assert evolve(now, responses=strip) == evolve(
                was, responses=[evolve(r, actions=()) for r in was.responses]
            )


# --- two trackers at once: no update is lost --------------------------------------------------------


def test_two_trackers_changing_different_fields_both_land(round_copy: Path, capsys: Capsys) -> None:
    first, second = round_copy.parent / "first.xlsx", round_copy.parent / "second.xlsx"
    _make(capsys, round_copy, first)
    shutil.copy(first, second)
    rows = _rows(first)
    _edit(first, {(0, "Status"): "Done", (1, "Owner"): "Named nurse"})
    _edit(second, {(0, "Owner"): "Deputy lead", (2, "Due"): date(2027, 6, 30)})
    assert _update(capsys, first).code == 0
    assert _update(capsys, second).code == 0
    after = _actions(round_copy)
    assert after[_key(rows[0])].status == ls.ActionStatus.DONE
    assert after[_key(rows[0])].owner == "Deputy lead"
    assert after[_key(rows[1])].owner == "Named nurse"
    assert after[_key(rows[2])].due == date(2027, 6, 30)


def test_two_trackers_changing_one_field_differently_the_second_is_refused_whole(
    round_copy: Path, capsys: Capsys
) -> None:
    first, second = round_copy.parent / "first.xlsx", round_copy.parent / "second.xlsx"
    _make(capsys, round_copy, first)
    shutil.copy(first, second)
    _edit(first, {(0, "Status"): "Done"})
    _edit(second, {(0, "Status"): "Dropped", (3, "Owner"): "Somebody else"})
    assert _update(capsys, first).code == 0
    before = {p.name: p.read_bytes() for p in round_copy.iterdir()}
    refused = _update(capsys, second)
    assert refused.code == 2
    lines = refused.err.strip().splitlines()
    assert len(lines) == 1, refused.err
    assert lines[0].startswith(f"Error: {second}: sheet Actions, row 2: status of ")
    assert "to Done after the tracker was made, and in the tracker to Dropped" in lines[0]
    assert {p.name: p.read_bytes() for p in round_copy.iterdir()} == before  # row 5's owner not saved either


def test_two_updates_at_the_same_moment_both_land(round_copy: Path, capsys: Capsys) -> None:
    """Two processes read two trackers back into the same return at once: the file lock keeps both."""
    first, second = round_copy.parent / "first.xlsx", round_copy.parent / "second.xlsx"
    _make(capsys, round_copy, first)
    shutil.copy(first, second)
    rows = _rows(first)
    same_file = [i for i, r in enumerate(rows) if r["File"] == rows[0]["File"]]
    assert len(same_file) >= 2
    _edit(first, {(same_file[0], "Status"): "Done"})
    _edit(second, {(same_file[1], "Owner"): "Safeguarding manager"})
    command = [sys.executable, "-m", "lscp_scrutiny", "actions", "--update"]
    runs = [
        subprocess.Popen([*command, str(t)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for t in (first, second)
    ]
    for process in runs:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    after = _actions(round_copy)
    assert after[_key(rows[same_file[0]])].status == ls.ActionStatus.DONE
    assert after[_key(rows[same_file[1]])].owner == "Safeguarding manager"


# --- bad input: one line each, exit code 2, nothing written ----------------------------------------


def _refused(capsys: Capsys, returns: Path, tracker: Path) -> list[str]:
    before = {p.name: p.read_bytes() for p in returns.iterdir()}
    done = _update(capsys, tracker)
    assert done.code == 2
    assert "Traceback" not in done.err
    assert {p.name: p.read_bytes() for p in returns.iterdir()} == before
    return [line for line in done.err.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "Status",
            "Finished",
            "sheet Actions, cell F2 (Status): 'Finished' is not an action status: choose one of",
        ),
        (
            "Due",
            "next week",
            "sheet Actions, cell E2 (Due): expected a date such as 2026-10-31, found 'next week'",
        ),
        ("Status", None, "sheet Actions, cell F2 (Status): is blank; a status is needed"),
        ("File", None, "sheet Actions, cell G2 (File): is blank; it is needed"),
        ("Action", "Something else entirely", "sheet Actions, cell C2 (Action): was changed;"),
    ],
)
def test_a_bad_cell_is_one_line_naming_it(
    round_copy: Path, capsys: Capsys, column: str, value: object, message: str
) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    _edit(tracker, {(0, column): value, (1, "Status"): "Done"})  # a good edit too: not saved either
    lines = _refused(capsys, round_copy, tracker)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Error: {tracker}: {message}"), lines[0]


def test_a_formula_in_the_tracker_is_refused_not_worked_out(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    _edit(tracker, {(0, "Owner"): '=CONCAT("a","b")'})
    lines = _refused(capsys, round_copy, tracker)
    assert lines == [
        (
            f'Error: {tracker}: sheet Actions, cell D2 (Owner): holds a formula (\'=CONCAT("a","b")\'); '
            "lscp-scrutiny reads values, never formulas: type the value"
        )
    ]


def test_a_row_whose_action_is_gone_is_one_line(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    row = _rows(tracker)[0]
    path = round_copy / _key(row)[0]
    _with_actions(path, row["Criterion"], [])
    _edit(tracker, {(0, "Status"): "Done"})
    lines = _refused(capsys, round_copy, tracker)
    assert len(lines) == 1
    assert lines[0].startswith(
        f"Error: {tracker}: sheet Actions, row 2: the action {row['Action'][:20]!r}"[:-1]
    )
    assert lines[0].endswith(
        f"of {row['Criterion']} is no longer in {round_copy.parent / row['File']}; nothing is changed: make a new tracker "
        "from the returns as they are now"
    )


def test_an_action_moved_by_another_added_above_it_is_still_found(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    row = _rows(tracker)[0]
    path = round_copy / _key(row)[0]
    new = ls.Action(description="A new first action.")
    current = next(r.actions for r in ls.load_assessment(path).responses if r.criterion == row["Criterion"])
    _with_actions(path, row["Criterion"], [new, *current])
    _edit(tracker, {(0, "Status"): "Done"})
    assert _update(capsys, tracker).code == 0
    actions = next(r.actions for r in ls.load_assessment(path).responses if r.criterion == row["Criterion"])
    assert actions[0] == new
    assert actions[1].status == ls.ActionStatus.DONE


def test_a_workbook_that_is_not_a_tracker_is_one_line(round_copy: Path, capsys: Capsys) -> None:
    other = round_copy / "college-return.xlsx"
    done = _update(capsys, other)
    assert done.code == 2
    assert done.err.strip() == (
        f"Error: {other}: is not an action tracker (it has no 'About this tracker' sheet); make one with "
        "lscp-scrutiny actions RETURNS -o tracker.xlsx"
    )


def test_usage_errors(round_copy: Path, capsys: Capsys) -> None:
    wrong = run(capsys, "actions", str(round_copy), "-o", str(round_copy.parent / "tracker.csv"))
    assert wrong.code == 2
    assert "the tracker is a workbook: name it .xlsx, not tracker.csv" in wrong.err
    assert run(capsys, "actions").code == 2
    assert "--dry-run goes with --update" in run(capsys, "actions", str(round_copy), "--dry-run").err
    assert "-o and --all are for making one" in run(capsys, "actions", "--update", "t.xlsx", "--all").err
    assert not (round_copy.parent / "tracker.csv").exists()


def test_a_return_with_problems_is_not_gathered(round_copy: Path, capsys: Capsys) -> None:
    bad = round_copy / "zz-bad.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    tracker = round_copy.parent / "tracker.xlsx"
    done = run(capsys, "actions", str(round_copy), "-o", str(tracker))
    assert done.code == 2
    assert all(line.startswith(f"Error: {bad}:1: ") for line in done.err.splitlines())
    assert not tracker.exists()


# --- what a hostile review found (and is now refused or handled) ------------------------------------


def test_returns_of_one_name_in_two_folders_are_never_confused(tmp_path: Path, capsys: Capsys) -> None:
    for folder, source in (("a", "community-health-return.yaml"), ("b", "probation-return.yaml")):
        (tmp_path / folder).mkdir()
        shutil.copy(ROUND / source, tmp_path / folder / "return.yaml")
    tracker = tmp_path / "tracker.xlsx"
    _make(capsys, tmp_path / "a", tracker)  # only a/'s actions, named a/return.yaml
    _edit(tracker, {(0, "Status"): "Done"})
    before = {p: p.read_bytes() for p in tmp_path.glob("*/return.yaml")}
    done = _update(capsys, tracker, str(tmp_path / "a"), str(tmp_path / "b"))
    assert done.code == 2
    assert "could be any of" in done.err
    assert "give only the folder that holds it" in done.err
    assert {p: p.read_bytes() for p in tmp_path.glob("*/return.yaml")} == before
    assert _update(capsys, tracker, str(tmp_path / "a")).code == 0  # the right one, given alone
    assert ls.load_assessment(tmp_path / "a" / "return.yaml") != ls.load_assessment(
        ROUND / "community-health-return.yaml"
    )


def _twins(round_copy: Path) -> tuple[Path, str, list[ls.Action]]:
    path = round_copy / "community-health-return.yaml"
    response = next(r for r in ls.load_assessment(path).responses if r.actions)
    first = response.actions[0]
    twin = evolve(first, owner="Training Manager", due=date(2026, 12, 31))
    _with_actions(path, response.criterion, [first, twin])
    return path, response.criterion, [first, twin]


def test_an_action_worded_like_another_is_never_mistaken_for_it(round_copy: Path, capsys: Capsys) -> None:
    path, criterion, (first, twin) = _twins(round_copy)
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    rows = _rows(tracker)
    second = next(i for i, r in enumerate(rows) if r["Owner"] == "Training Manager")
    assert rows[second]["Worded alike"] == "2 of 2"
    _edit(tracker, {(second, "Status"): "Done"})
    # the twin this row is about is removed from the return: the other is not taken for it
    _with_actions(path, criterion, [first])
    lines = _refused(capsys, round_copy, tracker)
    assert len(lines) == 1
    assert "cannot be told apart in" in lines[0]
    assert "(2 then, 1 now)" in lines[0]
    # another wording added above both: the right twin is still found
    other = ls.Action(description="Something else first.")
    _with_actions(path, criterion, [other, first, twin])
    assert _update(capsys, tracker).code == 0
    actions = next(r.actions for r in ls.load_assessment(path).responses if r.criterion == criterion)
    assert [a.status for a in actions] == [ls.ActionStatus.OPEN, first.status, ls.ActionStatus.DONE]


def test_two_spellings_of_one_return_are_one_return(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    book = openpyxl.load_workbook(tracker)
    sheet = book[SHEET]
    last = sheet.max_row + 1
    for column in range(1, len(COLUMNS) + 1):
        sheet.cell(row=last, column=column).value = sheet.cell(row=2, column=column).value
    file_column = COLUMNS.index("File") + 1
    sheet.cell(row=last, column=file_column).value = (
        "returns/../returns/" + Path(str(sheet.cell(row=2, column=file_column).value)).name
    )
    sheet.cell(row=2, column=COLUMNS.index("Status") + 1).value = "Done"
    sheet.cell(row=last, column=COLUMNS.index("Status") + 1).value = "Dropped"
    book.save(tracker)
    lines = _refused(capsys, round_copy, tracker)
    assert lines == [
        f"Error: {tracker}: sheet Actions, row {last}: changes the same action as sheet Actions, row 2; keep one of the two rows"
    ]


def test_a_return_that_cannot_be_locked_leaves_every_return_as_it_was(
    round_copy: Path, capsys: Capsys
) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    rows = _rows(tracker)
    files = sorted({r["File"] for r in rows})
    first, last = (next(i for i, r in enumerate(rows) if r["File"] == f) for f in (files[0], files[-1]))
    _edit(tracker, {(first, "Status"): "Done", (last, "Status"): "Dropped"})
    (round_copy / f".{Path(files[-1]).name}.lock").mkdir()  # any failure to lock or write the last return
    before = {p.name: p.read_bytes() for p in round_copy.iterdir() if p.is_file()}
    done = _update(capsys, tracker)
    assert done.code != 0
    assert "could not write" in done.err
    assert {p.name: p.read_bytes() for p in round_copy.iterdir() if p.is_file()} == before


def test_an_absolute_path_in_the_tracker_is_refused(round_copy: Path, tmp_path: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    elsewhere = _copy_round(tmp_path / "elsewhere")
    target = elsewhere / Path(_rows(tracker)[0]["File"]).name
    _edit(tracker, {(0, "File"): str(target), (0, "Status"): "Done"})
    before = target.read_bytes()
    lines = _refused(capsys, round_copy, tracker)
    assert lines == [
        (
            f"Error: {tracker}: sheet Actions, cell G2 (File): is an absolute path; a tracker names each "
            "return from its own folder, as it wrote it"
        )
    ]
    assert target.read_bytes() == before


def test_a_return_reached_by_a_symbolic_link_is_changed_where_it_is(
    round_copy: Path, tmp_path: Path, capsys: Capsys
) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    row = _rows(tracker)[0]
    link = round_copy / _key(row)[0]
    real = tmp_path / "shared" / link.name
    real.parent.mkdir()
    shutil.move(link, real)
    link.symlink_to(real)
    _edit(tracker, {(0, "Status"): "Done"})
    assert _update(capsys, tracker).code == 0
    assert link.is_symlink()
    assert _actions(real.parent)[_key(row)].status == ls.ActionStatus.DONE


def test_a_tracker_kept_among_the_returns_is_left_out_of_the_next(round_copy: Path, capsys: Capsys) -> None:
    inside = round_copy / "tracker.xlsx"
    _make(capsys, round_copy, inside)
    again = round_copy.parent / "again.xlsx"
    done = run(capsys, "actions", str(round_copy), "-o", str(again))
    assert done.code == 0, done.err
    assert f"Warning: {inside} is an action tracker, not a return: left out" in done.err
    assert len(_rows(again)) == len(_rows(inside))


def test_returns_given_that_are_not_there_are_said(round_copy: Path, tmp_path: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    _edit(tracker, {(0, "Status"): "Done"})
    missing = _update(capsys, tracker, str(tmp_path / "nothere"))
    assert missing.code == 2
    assert f"{tmp_path / 'nothere'}: no such file or folder" in missing.err
    (tmp_path / "empty").mkdir()
    empty = _update(capsys, tracker, str(tmp_path / "empty"))
    assert empty.code == 2
    assert f"no returns found in {tmp_path / 'empty'}" in empty.err


def test_an_owner_of_only_spaces_is_no_owner(round_copy: Path, capsys: Capsys) -> None:
    tracker = round_copy.parent / "tracker.xlsx"
    _make(capsys, round_copy, tracker)
    row = _rows(tracker)[0]
    _edit(tracker, {(0, "Owner"): "   "})
    assert _update(capsys, tracker).code == 0
    assert _actions(round_copy)[_key(row)].owner is None


def test_a_tracker_among_the_returns_is_left_out_of_a_rollup_and_said_to_be_one(
    round_copy: Path, capsys: Capsys
) -> None:
    inside = round_copy / "tracker.xlsx"
    _make(capsys, round_copy, inside)
    rolled = run(capsys, "rollup", str(round_copy), "--format", "json", "--as-of", AS_OF)
    assert rolled.code == 0, rolled.err
    assert f"Warning: {inside} is an action tracker, not a return: left out" in rolled.err
    checked = run(capsys, "validate", str(inside))
    assert checked.code == 2
    assert checked.err.strip() == (
        f"Error: {inside}: is an action tracker, not an assessment: read it back into the returns with "
        "`lscp-scrutiny actions --update FILE`, and keep it out of the folder of returns"
    )


def test_the_tracker_says_its_own_name_and_the_library_writes_it_private(round_copy: Path) -> None:
    from lscp_scrutiny.core.tracker import tracked_actions  # noqa: PLC0415
    from lscp_scrutiny.io.tracker import save_tracker  # noqa: PLC0415

    path = round_copy.parent / "my-tracker.xlsx"
    rows = [a for p in sorted(round_copy.iterdir()) for a in tracked_actions(ls.load_assessment(p), str(p))]
    save_tracker(rows, path, made_on=date(2026, 12, 1))
    assert path.stat().st_mode & 0o777 == 0o600
    about = [c.value for c in openpyxl.load_workbook(path)["About this tracker"]["A"]]
    assert "The partnership reads it back with: lscp-scrutiny actions --update my-tracker.xlsx" in about
    assert len(_rows(path)) == len(rows)


def test_the_tracker_benchmark_runs() -> None:
    """benchmarks/tracker.py at a small size: it still runs, saves every edit and prints its ratio."""
    done = run_benchmark("tracker.py", "--returns", "4", "--edits", "3", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    assert "| reading it back, saving the returns edited |" in done.stdout
    assert "Reading back for real against reading the 3 returns it changes alone: " in done.stdout
