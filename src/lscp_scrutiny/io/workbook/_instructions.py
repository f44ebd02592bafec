"""The first sheet of an assessment workbook: how to fill it in, in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812
from lscp_scrutiny.model import NOT_APPLICABLE
from lscp_scrutiny.model.labels import FIXED_LABELS, scale_choices

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from lscp_scrutiny.errors import PathPart
    from lscp_scrutiny.model import Checklist


class _SheetWriter(Protocol):
    """What this sheet needs of the workbook writer (``_write._Writer``, which calls it)."""

    wrap: Any

    def put(
        self, sheet: Worksheet, row: int, column: int, value: object, path: tuple[PathPart, ...] = ...
    ) -> None: ...

    def protect(self, sheet: Worksheet, *, rows_can_change: bool = ...) -> None: ...


_TEXT = """
Fill in the pale yellow cells. Everything else is locked so that the workbook keeps its shape.

## The sheets
{criteria}: one row per criterion, grouped by section, with its guidance and the evidence to look for.
Choose a rating from the drop-down; leave it blank while a criterion is not yet assessed.
If a criterion does not apply, choose {not_applicable} and say why in 'Not applicable because'.

{evidence}: one row per piece of evidence: the criterion ID it supports, its kind and where to find it.
Two or more kinds of evidence behind a rating make it triangulated. Add as many rows as you need.

{actions}: one row per action: the criterion ID, what will be done, who owns it, when it is due and its
status.

{ratings_given}: at moderation or challenge, the ratings other assessors gave, one row each. The rating
agreed goes in 'Agreed rating' on {criteria}, with why, who agreed it and when; 'Rating' keeps the
assessor's own, and reports count the agreed one.

{partnership}, {partners} and {agencies}: the partnership, its statutory partners, its relevant agencies
and how it arranges independent scrutiny. Leave an answer blank when it is not known: blank is never
counted as no.

## Personal data
Mark notes and evidence that may hold personal data about children, families or practitioners as
restricted (Yes). Public reports leave restricted text out and keep every number.

## Good to know
Type values, not formulas: lscp-scrutiny reports a cell that holds a formula instead of working it out.
Text that starts with = is kept as text.

'Suggested, to confirm' marks a rating suggested from the partnership's own data. Check it, then clear
the cell (or change the rating).

'Reworded, to confirm' marks a rating given when the criterion was worded differently (in an earlier
version of the checklist). Read the wording now, change the rating if it no longer holds, then clear the
cell.

Check the workbook at any time with: lscp-scrutiny validate FILE.xlsx. Every problem is named by its
sheet and cell.

## Rating scales
"""


def _lines(checklist: Checklist) -> list[tuple[str, bool]]:
    """The instructions, each paragraph with whether it is a heading."""
    text = _TEXT.format(
        criteria=L.CRITERIA,
        not_applicable=FIXED_LABELS[NOT_APPLICABLE],
        evidence=L.EVIDENCE,
        actions=L.ACTIONS,
        ratings_given=L.RATINGS_GIVEN,
        partnership=L.PARTNERSHIP,
        partners=L.PARTNERS,
        agencies=L.AGENCIES,
    )
    lines = [(f"Assessment workbook: {checklist.title} ({checklist.id} {checklist.version})", True)]
    paragraph: list[str] = []
    for line in [*text.strip().splitlines(), ""]:
        if paragraph and (not line.strip() or line.startswith("## ")):
            lines.append((" ".join(paragraph), False))
            paragraph = []
        if line.startswith("## "):
            lines += [("", False), (line.removeprefix("## "), True)]
        elif line.strip():
            paragraph.append(line.strip())
    for scale in checklist.scales:
        lines.append((f"{scale.name} ({scale.id})", True))
        for level in scale.levels:
            label = next(k for k, v in scale_choices(scale).items() if v == level.id)
            lines.append((f"{label}: {level.description or level.label}", False))
    if checklist.interpretation:
        lines += [("", False), ("About this checklist", True), (checklist.interpretation, False)]
    return lines


def instructions(writer: _SheetWriter, sheet: Worksheet, checklist: Checklist) -> None:
    """Write the instructions sheet (locked, nothing on it is read back)."""
    from openpyxl.styles import Font

    heading = Font(bold=True, size=12)
    for row, (text, is_heading) in enumerate(_lines(checklist), start=1):
        writer.put(sheet, row, 1, text or None, ("checklist",))
        cell = sheet.cell(row=row, column=1)
        cell.alignment = writer.wrap
        if is_heading:
            cell.font = heading
    sheet.column_dimensions["A"].width = 110
    writer.protect(sheet)
