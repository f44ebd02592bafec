"""Survey exports that used to be miscounted in silence, or refused with an unclear message (issue 13).

Each is now an ``Error:`` line naming the file, row and column (exit code 2), or one ``Warning:`` line.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from clirunner import run
from lscp_scrutiny.survey import COLUMNS

Capsys = pytest.CaptureFixture[str]
HEADER = ",".join(COLUMNS)
BLANKS = "," * (len(COLUMNS) - 1)


def _csv(tmp_path: Path, text: str, name: str = "returns.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(capsys: Capsys, *paths: Path) -> list[str]:
    result = run(capsys, "national", *map(str, paths), "--format", "csv")
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    return result.err.splitlines()


# --- silent miscounts ----------------------------------------------------------------------------------


def test_a_total_row_with_only_a_label_is_not_a_return(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, f"{HEADER}\nAshford SCP{BLANKS[: len(BLANKS) - 1]},\nTotal{BLANKS}\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 3, column name: 'Total' with no answers looks like a total row, not a "
            "partnership's return: remove it"
        )
    ]


def test_an_export_with_only_the_column_names_is_warned_about(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, f"{HEADER}\n")
    result = run(capsys, "national", str(path), "--format", "csv")
    assert result.code == 0
    assert result.err == f"Warning: {path}: no returns in it, only the row naming the columns\n"


def test_a_missing_column_is_warned_about(tmp_path: Path, capsys: Capsys) -> None:
    columns = [c for c in COLUMNS if c != "six_steps_framework"]
    path = _csv(tmp_path, ",".join(columns) + "\nA" + "," * (len(columns) - 1) + "\n")
    result = run(capsys, "national", str(path), "--format", "csv")
    assert result.code == 0
    assert result.err == (
        f"Warning: {path}: no column six_steps_framework: that answer is unknown for all 1 of its returns\n"
    )


def test_a_scrutineer_count_without_its_yes_or_no_is_refused(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "name,independent_scrutineers,scrutineer_count\nA,,2\nB,yes,1\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 2, column independent_scrutineers: is empty but scrutineer_count is answered "
            "('2'): answer yes or no, or clear it"
        )
    ]


def test_a_chair_follow_up_without_the_chair_is_refused(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "name,chair_also_scrutinises\nA,yes\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 2, column independent_chair: is not a column of the export but "
            "chair_also_scrutinises is answered ('yes'): answer yes or no, or clear it"
        )
    ]


def test_one_export_saved_as_csv_and_xlsx_is_refused(tmp_path: Path, capsys: Capsys) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    csv_path = _csv(folder, "name,independent_scrutineers\nA,yes\nB,no\n")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "independent_scrutineers"])
    sheet.append(["A", "yes"])
    sheet.append(["B", "no"])
    book.save(folder / "returns.xlsx")
    assert _errors(capsys, folder) == [
        (
            f"Error: {csv_path}: returns.xlsx beside it has the same name: one export saved twice would count "
            "every partnership twice; keep one (or rename one if they differ)"
        )
    ]


# --- clearer messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("sep", "what"), [(";", "semicolons"), ("\t", "tabs")])
def test_an_export_separated_by_semicolons_or_tabs_says_so(
    tmp_path: Path, capsys: Capsys, sep: str, what: str
) -> None:
    path = _csv(tmp_path, f"name{sep}independent_scrutineers\nA{sep}yes\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 1: the columns are separated by {what}, not commas: export it as "
            "comma-separated CSV"
        )
    ]


def test_a_title_row_above_the_column_names_says_so(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "Survey returns 2026\nname,independent_scrutineers\nA,yes\n")
    assert _errors(capsys, path) == [
        f"Error: {path}: row 1 does not name the columns but row 2 does: delete the row above it (a title?)"
    ]


def test_a_read_me_first_sheet_names_the_sheet_with_the_returns(tmp_path: Path, capsys: Capsys) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Read me"
    first.append(["How to fill in this survey"])
    first.append(["One row per partnership."])
    returns = book.create_sheet("Returns")
    returns.append(["name", "independent_scrutineers"])
    returns.append(["A", "yes"])
    path = tmp_path / "returns.xlsx"
    book.save(path)
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: sheet Read me (the first sheet, the one read) does not name the columns; sheet "
            "Returns does, in row 1: make it the first sheet, the column names in row 1"
        )
    ]


def test_windows_1252_text_names_the_row_and_column(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "returns.csv"
    path.write_bytes("name,area\nA,North\nSt Mary\u2019s SCP,South\n".encode("cp1252"))
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 3, column name: not UTF-8 text: byte 0x92 ('\u2019' in Windows-1252); save the "
            "export as CSV UTF-8"
        )
    ]


def test_none_with_other_answers_says_so(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "name,methods,children_involvement\nA,none;interviews,\nB,,films;None\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 2, column methods: 'none' (none of them) is listed with 'interviews': write "
            "none alone, or the others"
        ),
        (
            f"Error: {path}: row 3, column children_involvement: 'None' (none of them) is listed with 'films': "
            "write None alone, or the others"
        ),
    ]


def test_a_cell_too_long_for_csv_is_one_line(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "name,area\nA,North\nB," + "x" * 140_000 + "\n")
    assert _errors(capsys, path) == [
        f"Error: {path}: row 3: a cell is longer than 131,072 characters, the most a CSV cell may hold"
    ]


@pytest.mark.parametrize("label", ["Total", "Totals:", "Grand total"])
def test_a_total_row_of_counts_is_not_a_return(tmp_path: Path, capsys: Capsys, label: str) -> None:
    """Red team: a total row whose cells parse ('1' as yes) was counted as a partnership called Total."""
    header = "name,area,independent_scrutineers,scrutineer_count"
    path = _csv(tmp_path, f"{header}\nA,,yes,1\nB,,no,\n{label},,1,1\n")
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: row 4, column name: {label!r} looks like a total row, not a partnership's "
            "return: remove it"
        )
    ]


def test_a_partnership_whose_name_starts_like_a_total_is_a_return(tmp_path: Path, capsys: Capsys) -> None:
    path = _csv(tmp_path, "name,area,independent_scrutineers\nTotalshire SCP,,yes\nCountyside SCP,,no\n")
    result = run(capsys, "national", str(path), "--format", "json")
    assert result.code == 0, result.err
    assert '"returns": 2' in result.out


def test_a_utf16_export_says_so(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "returns.csv"
    path.write_bytes("name,area,independent_scrutineers\nA,B,yes\n".encode("utf-16"))
    assert _errors(capsys, path) == [
        (
            f"Error: {path}: not UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte-order mark); "
            "save it as CSV UTF-8"
        )
    ]
