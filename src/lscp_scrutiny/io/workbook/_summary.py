"""The workbook's Summary sheet: how many criteria are at each rating, by WHO / HOW / WHAT, and a chart.

The counts are those of the assessment as the workbook was written (``new``, ``convert``): they are
values, not formulas, so that the workbook never asks a spreadsheet to work anything out, and the
sheet says so and how to see the current picture. Nothing on this sheet is read back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from lscp_scrutiny.core.evaluation import evaluate
from lscp_scrutiny.errors import ScrutinyError
from lscp_scrutiny.io._spreadsheet import column_letter
from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_LABELS, LEVEL_COLOURS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from lscp_scrutiny.errors import PathPart
    from lscp_scrutiny.model import Assessment, Checklist
    from lscp_scrutiny.model.summary import Summary, Tally

SUMMARY = "Summary"
_GREY = "#6e7781"
_TABLE_ROW = 4
"""The header row of the counts table."""


class _SheetWriter(Protocol):
    """What this sheet needs of the workbook writer (``_write._Writer``)."""

    bold: Any
    header_fill: Any
    wrap: Any

    def put(
        self, sheet: Worksheet, row: int, column: int, value: object, path: tuple[PathPart, ...] = ...
    ) -> None: ...

    def protect(self, sheet: Worksheet, *, rows_can_change: bool = ...) -> None: ...


def _rows(summary: Summary) -> list[tuple[str, Tally]]:
    return [*((group.id.upper(), group.tally) for group in summary.questions), ("Overall", summary.overall)]


def summary_sheet(
    writer: _SheetWriter, sheet: Worksheet, assessment: Assessment, checklist: Checklist
) -> None:
    """Write the Summary sheet: the counts table (the scale's colours), the score, and a bar chart."""
    from openpyxl.styles import Alignment, Font, PatternFill

    title = f"Summary: {assessment.partnership.name}"
    if len(title) > L.MAX_CELL_TEXT // 4:  # a name that long is on the Partnership sheet; here, the word
        title = "Summary"
    writer.put(sheet, 1, 1, title, ("partnership", "name"))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    try:  # as of the day it was assessed: the same workbook whatever day it is written
        summary = evaluate(assessment, checklist, as_of=assessment.assessed_on)
    except ScrutinyError as exc:  # pragma: no cover - a workbook is written only for a checked assessment
        writer.put(sheet, 2, 1, f"The counts could not be worked out: {exc}")
        writer.protect(sheet)
        return
    writer.put(
        sheet,
        2,
        1,
        f"Criteria at each rating when this workbook was written ({assessment.assessed_on.isoformat()}, "
        f"{checklist.id} {checklist.version}). They do not change as you fill in the {L.CRITERIA} sheet: "
        "`lscp-scrutiny report FILE.xlsx` gives the current picture.",
    )
    sheet.cell(row=2, column=1).alignment = writer.wrap
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(summary.levels) + 4)
    sheet.row_dimensions[2].height = 32
    headers = [
        "Group",
        *(level.label for level in summary.levels),
        FIXED_LABELS[NOT_APPLICABLE],
        FIXED_LABELS[NOT_ASSESSED],
        "Score",
    ]
    white = Font(bold=True, color="FFFFFF")
    for column, header in enumerate(headers, start=1):
        writer.put(sheet, _TABLE_ROW, column, header)
        cell = sheet.cell(row=_TABLE_ROW, column=column)
        cell.font, cell.fill, cell.alignment = writer.bold, writer.header_fill, writer.wrap
    for offset, level in enumerate(summary.levels, start=2):
        cell = sheet.cell(row=_TABLE_ROW, column=offset)
        colour = LEVEL_COLOURS.get(level.colour.lower(), _GREY).removeprefix("#")
        cell.fill, cell.font = PatternFill("solid", fgColor=colour), white
    rows = _rows(summary)
    for row, (label, tally) in enumerate(rows, start=_TABLE_ROW + 1):
        values: list[object] = [
            label,
            *(tally.counts.get(level.id, 0) for level in summary.levels),
            tally.not_applicable,
            tally.not_assessed,
            "none rated"
            if tally.score is None
            else f"{tally.score:.0%} ({tally.points} of {tally.max_points})",
        ]
        for column, value in enumerate(values, start=1):
            writer.put(sheet, row, column, value)
        sheet.cell(row=row, column=len(values)).alignment = Alignment(indent=1)
        sheet.cell(row=row, column=1).font = writer.bold
    sheet.column_dimensions["A"].width = 14
    for column in range(2, len(headers) + 1):
        sheet.column_dimensions[column_letter(column - 1)].width = 16
    _chart(sheet, summary, rows)
    writer.protect(sheet)


def _chart(sheet: Worksheet, summary: Summary, rows: list[tuple[str, Tally]]) -> None:
    """A stacked bar per group (not the overall row), one series per rating level in its colour."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Criteria at each rating, by WHO / HOW / WHAT"
    chart.y_axis.title = "Criteria"
    chart.height, chart.width = 7.5, 18
    last = _TABLE_ROW + len(rows) - 1  # the groups, without Overall
    data = Reference(sheet, min_col=2, max_col=1 + len(summary.levels), min_row=_TABLE_ROW, max_row=last)
    categories = Reference(sheet, min_col=1, min_row=_TABLE_ROW + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    for series, level in zip(chart.series, summary.levels, strict=True):
        colour = LEVEL_COLOURS.get(level.colour.lower(), _GREY).removeprefix("#")
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    sheet.add_chart(chart, f"A{_TABLE_ROW + len(rows) + 2}")


def _score(tally: Tally) -> str:
    if tally.score is None:
        return "none rated"
    return f"{tally.score:.0%} ({tally.points} of {tally.max_points})"
