"""The action tracker workbook: written from the returns' actions, read back, its edits saved in the returns.

One sheet, *Actions*, one row per action: the agency, the standard and the action (locked), its owner,
due date and status (the cells owners edit: the status a drop-down), and, in hidden columns, the file the
action came from, its criterion, its place, and what the action, owner, due date and status were when the
tracker was made. That record is what makes reading back a three-way merge
(:func:`lscp_scrutiny.core.tracker.apply_edits`) instead of an overwrite: an edit made in a return since
the tracker was made is never undone by a tracker that did not touch it.

:func:`update_returns` saves the edits in every return through :class:`~lscp_scrutiny.io.assessment_file.
AssessmentFile` (atomic, under the file's lock, YAML comments kept), after every return has been read and
every edit checked: one problem in any of them and nothing is written anywhere.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path, PureWindowsPath
from typing import Any

from attrs import evolve, frozen

from lscp_scrutiny._version import __version__
from lscp_scrutiny.core.tracker import (
    ActionChange,
    ActionFields,
    TrackedAction,
    TrackerRow,
    apply_edits,
)
from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.io._spreadsheet import column_letter, put_cell
from lscp_scrutiny.io.kinds import ASSESSMENT_KINDS, XLSX, files_of_kinds, find_kind, kind_of
from lscp_scrutiny.io.paths import read_bytes
from lscp_scrutiny.io.workbook import TRACKER_SHEET
from lscp_scrutiny.model import ActionStatus, Assessment, Checklist
from lscp_scrutiny.model.labels import ACTION_STATUSES

SHEET = "Actions"
ABOUT_SHEET = TRACKER_SHEET
"""The first sheet: what tells a tracker from a return (``io.workbook.is_tracker_workbook``)."""
SHOWN = ("Agency", "Standard", "Action", "Owner", "Due", "Status")
HIDDEN = (
    "File",
    "Criterion",
    "Action number",
    "Worded alike",
    "Action as exported",
    "Owner as exported",
    "Due as exported",
    "Status as exported",
)
COLUMNS = SHOWN + HIDDEN
_EDITED_COLUMN = {"owner": "Owner", "due": "Due", "status": "Status"}
_WORDED_ALIKE = re.compile(r"([0-9]+) of ([0-9]+)")
MARK = "lscp-scrutiny action tracker"
"""The first cell of the About sheet: what tells a tracker from any other workbook."""


# --- writing -----------------------------------------------------------------------------------------


def _about(book: Any, rows: int, made_on: date, name: str) -> None:  # noqa: ANN401 - openpyxl's
    """The first sheet: what the tracker is, how to fill it in and how it is read back."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    plural = "s" if rows != 1 else ""
    lines = [
        MARK,
        f"Made on {made_on.isoformat()} by lscp-scrutiny {__version__}: {rows} action{plural}.",
        "",
        (
            "On the Actions sheet, each owner brings their actions up to date: the Owner, the Due date "
            "(YYYY-MM-DD) and the Status (open, in progress, done or dropped). The other cells are locked: "
            "an action's wording is its agency's, changed in the agency's own return."
        ),
        (
            "Send the tracker back as it is: filter and sort as you like, but do not copy the rows into "
            "another workbook, and leave the hidden columns alone; they say where each action came from."
        ),
        f"The partnership reads it back with: lscp-scrutiny actions --update {name}",
        (
            "Every change is saved in the agency's own return. A change made in a return since this tracker "
            "was made is never overwritten: if the tracker changes the same field differently, nothing is "
            "saved and the row is named, to agree which is right."
        ),
    ]
    about = book.create_sheet(ABOUT_SHEET, 0)
    for number, line in enumerate(lines, start=1):
        put_cell(about, number, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 110
    about["A1"].font = Font(bold=True, size=14)
    about.protection.sheet = True


def _checks(book: Any, sheet: Any, last: int) -> None:  # noqa: ANN401 - openpyxl's
    """The Status drop-down (from a hidden list) and the Due date check, on rows 2 to ``last``."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    for offset, label in enumerate(ACTION_STATUSES, start=1):
        put_cell(lists, offset, 1, label)
    status = column_letter(COLUMNS.index("Status"))
    check = DataValidation(type="list", formula1=f"'Lists'!$A$1:$A${len(ACTION_STATUSES)}")
    check.error, check.showErrorMessage = "Choose a status from the list.", True
    check.add(f"{status}2:{status}{last}")
    due = column_letter(COLUMNS.index("Due"))
    dates = DataValidation(type="date", operator="greaterThan", formula1="1")
    dates.error, dates.showErrorMessage, dates.allow_blank = "Type a date: YYYY-MM-DD.", True, True
    dates.add(f"{due}2:{due}{last}")
    sheet.add_data_validation(check)
    sheet.add_data_validation(dates)


def write_tracker(actions: Sequence[TrackedAction], *, made_on: date, name: str = "tracker.xlsx") -> bytes:
    """The tracker workbook of ``actions``: Owner, Due and Status the only cells unlocked. Needs openpyxl.

    Every text cell is text, never a formula, with a quote prefix where a spreadsheet could read one.
    ``name`` is the file's name, for the instructions on its first sheet.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl only when a workbook is written
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
    sheet.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor="FFFBE6")
    for column, heading in enumerate(COLUMNS, start=1):
        put_cell(sheet, 1, column, heading).font = Font(bold=True)
    labels = {value: label for label, value in ACTION_STATUSES.items()}
    for number, action in enumerate(actions, start=2):
        fields = action.exported
        values: tuple[object, ...] = (
            action.agency,
            f"{action.criterion_title} ({action.criterion})",
            action.description,
            fields.owner,
            fields.due,
            labels[fields.status],
            action.source,
            action.criterion,
            action.number,
            f"{action.twin} of {action.twins}",
            action.description,
            fields.owner,
            fields.due,
            fields.status.value,
        )
        for column, value in enumerate(values, start=1):
            cell = put_cell(sheet, number, column, value)
            cell.alignment = wrap
            if COLUMNS[column - 1] in _EDITED_COLUMN.values():
                cell.protection = Protection(locked=False)
                cell.fill = editable
    last = len(actions) + 1
    if actions:
        _checks(book, sheet, last)
    widths = {"Agency": 28, "Standard": 34, "Action": 50, "Owner": 24, "Due": 12, "Status": 14}
    for index, heading in enumerate(COLUMNS):
        dimension = sheet.column_dimensions[column_letter(index)]
        dimension.width = widths.get(heading, 16)
        dimension.hidden = heading in HIDDEN
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{column_letter(len(SHOWN) - 1)}{last}"
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False  # owners may filter to their own rows
    sheet.protection.sort = False
    _about(book, len(actions), made_on, name)
    book.active = 1
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# --- reading -----------------------------------------------------------------------------------------


def _not_a_tracker(source: str, why: str) -> InvalidInputError:
    message = f"is not an action tracker ({why}); make one with lscp-scrutiny actions RETURNS -o tracker.xlsx"
    return InvalidInputError([Problem(source=source, message=message)])


def _owner(value: Any) -> str | None:  # noqa: ANN401 - a cell's value
    """An owner as typed: only spaces is no owner, as a blank due date is no date."""
    from lscp_scrutiny.io.workbook import _cells as C  # noqa: N812, PLC0415

    text = C.as_text(value)
    return text if text is not None and text.strip() else None


def _worded_alike(value: Any) -> tuple[int, int]:  # noqa: ANN401 - a cell's value
    """``K of N``: the action is the K-th of the criterion's N actions worded exactly as it is."""
    from lscp_scrutiny.io.workbook import _cells as C  # noqa: N812, PLC0415

    found = _WORDED_ALIKE.fullmatch(C.as_text(value) or "")
    if found is None or not 1 <= int(found.group(1)) <= int(found.group(2)):
        raise C.Bad("is not what the tracker wrote (such as '1 of 1'); make a new tracker")
    return int(found.group(1)), int(found.group(2))


def _relative_path(value: Any) -> str:  # noqa: ANN401 - a cell's value
    """A return's path as the tracker wrote it: relative to the tracker's folder, never absolute."""
    from lscp_scrutiny.io.workbook import _cells as C  # noqa: N812, PLC0415

    text = C.required_text(value)
    if Path(text).is_absolute() or PureWindowsPath(text).is_absolute() or text.startswith(("/", "\\")):
        raise C.Bad("is an absolute path; a tracker names each return from its own folder, as it wrote it")
    return text


def read_tracker(path: str | os.PathLike[str]) -> list[TrackerRow]:
    """The rows of a tracker workbook, each with its action and its owner, due date and status now.

    Refuses, with every problem at once and each naming its sheet and cell: a workbook that is not a
    tracker, a formula or spreadsheet error in a cell read, a status not in the list, a due date that is
    not a date, and a hidden cell that is blank or not what the tracker wrote.
    """
    from lscp_scrutiny.io.workbook import _cells as C  # noqa: N812, PLC0415
    from lscp_scrutiny.io.workbook import open_workbook, sheet_rows  # noqa: PLC0415 - openpyxl only here

    source = str(path)
    data = read_bytes(path, kind_of(path, (XLSX,)))
    book = open_workbook(data, source)
    for needed in (ABOUT_SHEET, SHEET):
        if needed not in book.sheetnames:
            raise _not_a_tracker(source, f"it has no {needed!r} sheet")
    sheet = book[SHEET]
    rows = [[(cell.value, cell.data_type or "n") for cell in row] for row in sheet_rows(sheet, source)]
    book.close()
    header = [C.label(value) for value, _ in rows[0]] if rows else []
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise _not_a_tracker(source, f"sheet {SHEET} has no {', '.join(missing)} column")
    at = {name: header.index(name) for name in COLUMNS}
    reader = C.CellReader(source)
    status = C.chooser(ACTION_STATUSES, "an action status")
    parsers: dict[str, Callable[[Any], Any]] = {
        "Owner": _owner,
        "Due": C.a_date,
        "Status": C.required(status, "a status"),
        "Criterion": C.required_text,
        "Action number": C.required(C.count, "the action's number"),
        "Worded alike": _worded_alike,
        "File": _relative_path,
        "Action as exported": C.required_text,
        "Owner as exported": C.as_text,
        "Due as exported": C.a_date,
        "Status as exported": C.required(status, "a status"),
    }
    found: list[TrackerRow] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(C.is_blank(raw) for raw in row):
            continue
        before = len(reader.problems)
        cells: dict[str, Any] = {
            name: reader.cell(
                SHEET,
                row=number,
                column=at[name],
                header=name,
                raw=row[at[name]] if at[name] < len(row) else C.BLANK,
                parse=parse,
            )
            for name, parse in parsers.items()
        }
        shown_action = row[at["Action"]][0] if at["Action"] < len(row) else None
        if len(reader.problems) > before:
            continue
        if shown_action != cells["Action as exported"]:
            reader.problem(
                f"sheet {SHEET}, cell {column_letter(at['Action'])}{number} (Action)",
                "was changed; a tracker carries back owner, due date and status only: change the wording "
                "in the agency's own return",
            )
            continue
        found.append(
            TrackerRow(
                action=TrackedAction(
                    source=cells["File"],
                    agency=C.label(row[at["Agency"]][0]) if at["Agency"] < len(row) else "",
                    criterion=cells["Criterion"],
                    criterion_title=cells["Criterion"],
                    number=cells["Action number"],
                    twin=cells["Worded alike"][0],
                    twins=cells["Worded alike"][1],
                    description=cells["Action as exported"],
                    exported=ActionFields(
                        owner=cells["Owner as exported"],
                        due=cells["Due as exported"],
                        status=ActionStatus(cells["Status as exported"]),
                    ),
                ),
                now=ActionFields(
                    owner=cells["Owner"], due=cells["Due"], status=ActionStatus(cells["Status"])
                ),
                where=f"sheet {SHEET}, row {number}",
            )
        )
    if reader.problems:
        raise InvalidInputError(reader.problems)
    return found


# --- saving the edits in the returns -----------------------------------------------------------------


@frozen(kw_only=True)
class TrackerUpdate:
    """What reading a tracker back changed (or, in a dry run, would change)."""

    changes: tuple[ActionChange, ...]
    rows: int
    """The tracker's rows."""
    files: tuple[str, ...]
    """The returns changed (or that would be)."""


def _located(
    rows: Iterable[TrackerRow], tracker: Path, returns: Sequence[Path], problems: list[Problem]
) -> dict[Path, list[TrackerRow]]:
    """The edited rows by the return they belong to (its resolved path), each row naming it as found.

    A return is the file the tracker names, from the tracker's folder; or, where ``returns`` are given,
    the one of them with that file's name (two of them with that name is a problem: which is meant
    cannot be told). A row whose return cannot be found is a problem added to ``problems``.
    """
    by_name: dict[str, list[Path]] = {}
    for given in returns:
        by_name.setdefault(given.name, []).append(given)
    grouped: dict[Path, list[TrackerRow]] = {}
    for row in rows:
        if not row.edited:
            continue
        named = Path(row.action.source)
        if returns:
            matches = by_name.get(named.name, [])
            if len(matches) > 1:
                message = (
                    f"{row.where}: its return {row.action.source} could be any of "
                    f"{', '.join(map(str, matches))}; give only the folder that holds it"
                )
                problems.append(Problem(source=str(tracker), message=message))
                continue
            path = matches[0] if matches else None
        else:
            path = tracker.parent / named
        if path is None or not path.is_file():
            if returns:
                looked = "is not among the returns given"
            elif str(path) != row.action.source:
                looked = f"is not at {path}"
            else:
                looked = "is not there"
            message = (
                f"{row.where}: its return {row.action.source} {looked}; if the returns have moved, give "
                f"their folder: lscp-scrutiny actions --update {tracker} FOLDER"
            )
            problems.append(Problem(source=str(tracker), message=message))
            continue
        shown = evolve(row, action=evolve(row.action, source=str(path)))  # messages name the file itself
        grouped.setdefault(path.resolve(), []).append(shown)
    return grouped


def update_returns(
    tracker: str | os.PathLike[str],
    returns: Sequence[Path] = (),
    *,
    check: Callable[[Path], tuple[Assessment, Checklist | None]] | None = None,
    dry_run: bool = False,
) -> TrackerUpdate:
    """Save a tracker's edits in each return they belong to; every problem at once, or nothing written.

    Every return is read and every edit checked first (:func:`~lscp_scrutiny.core.tracker.apply_edits`);
    then every return's lock is taken, the edits are made again to each return as it is now, and only
    then is any written (:func:`~lscp_scrutiny.io.assessment_file.update_together`): an edit saved in a
    return meanwhile is kept or refused, never lost, and a refusal leaves every return as it was.
    ``check`` reads a return and gives it with its checklist (the CLI checks each return against its
    checklist, from which a workbook is written); without it, returns are read with no checklist, and
    workbooks cannot be saved.
    """
    from lscp_scrutiny.io.assessment_file import AssessmentFile, update_together  # noqa: PLC0415
    from lscp_scrutiny.io.assessments import load_assessment  # noqa: PLC0415

    path = Path(tracker)
    rows = read_tracker(path)
    problems: list[Problem] = []
    grouped = _located(rows, path, returns, problems)
    to_change: list[tuple[Path, Checklist | None, list[TrackerRow]]] = []
    changes: list[ActionChange] = []
    for edited in grouped.values():
        shown = Path(edited[0].action.source)
        try:
            assessment, checklist = check(shown) if check is not None else (load_assessment(shown), None)
            made = apply_edits(assessment, edited, source=str(path))[1]
        except InvalidInputError as exc:
            problems += [_from_row(path, edited[0], problem) for problem in exc.problems]
            continue
        if made:  # a file the tracker leaves as it is, is not written at all
            changes += made
            to_change.append((shown, checklist, edited))
    if problems:
        raise InvalidInputError(problems)
    if not dry_run and to_change:
        # Opened for saving only now (keeping YAML comments costs a slower read): checked again as they are.

        def again(edited: list[TrackerRow]) -> Callable[[Assessment], Assessment]:
            return lambda current: apply_edits(current, edited, source=str(path))[0]

        update_together(
            [(AssessmentFile(file, checklist), again(edited)) for file, checklist, edited in to_change]
        )
    return TrackerUpdate(
        changes=tuple(changes), rows=len(rows), files=tuple(str(file) for file, _, _ in to_change)
    )


def _from_row(tracker: Path, row: TrackerRow, problem: Problem) -> Problem:
    """A problem of a return, said as the tracker's: the row that led to it, then the return's own line."""
    if problem.source == str(tracker):
        return problem
    return Problem(
        source=str(tracker),
        message=f"{row.where}: its return {row.action.source} cannot be used: {problem}",
    )


def save_tracker(actions: Sequence[TrackedAction], path: str | os.PathLike[str], *, made_on: date) -> None:
    """Write the tracker workbook of ``actions`` to ``path``: atomically, readable by its owner only (0600).

    Actions name owners and say what agencies plan, so the tracker is kept as private as the returns.
    """
    from lscp_scrutiny.io.paths import atomic_write  # noqa: PLC0415

    atomic_write(path, write_tracker(actions, made_on=made_on, name=Path(path).name), private=True)


def returns_among(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """The returns that paths (files, or folders of them) name, and the trackers among them, left out.

    A tracker may be kept beside the returns it was made from: it is not one of them.
    """
    from lscp_scrutiny.io.workbook import is_tracker_workbook  # noqa: PLC0415

    returns: list[Path] = []
    trackers: list[Path] = []
    for path in files_of_kinds(paths, ASSESSMENT_KINDS):
        is_tracker = find_kind(path, (XLSX,)) is XLSX and is_tracker_workbook(path)
        (trackers if is_tracker else returns).append(path)
    return returns, trackers


__all__ = [
    "TrackerUpdate",
    "read_tracker",
    "returns_among",
    "save_tracker",
    "update_returns",
    "write_tracker",
]
