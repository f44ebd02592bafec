"""Assessment workbooks: an ``.xlsx`` file people fill in, read back into the same assessment.

The workbook has an instructions sheet; a Criteria sheet with one row per criterion, grouped by section,
with its guidance and evidence prompts and a rating drop-down limited to its scale; Evidence and Actions
sheets with one row per item; Partnership, Partners and Agencies sheets; and a hidden sheet with the
checklist reference and the drop-down lists. Structure is protected (no password: it guards against
accidents, not people); answers are editable. Needs openpyxl, which is imported only when a workbook is
written or read.

Every ``.xlsx`` file (an assessment workbook or a survey export) is opened by :func:`open_workbook` and
its rows read by :func:`sheet_rows`, within the limits named here (see docs/file-formats.md, "Limits").
"""

from __future__ import annotations

from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812
from lscp_scrutiny.io.workbook._open import (
    MAX_CELLS,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_UNPACKED_BYTES,
    MAX_XML_ATTRIBUTES,
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
    SheetCell,
    declares_sheet,
    is_assessment_workbook,
    is_tracker_workbook,
    open_workbook,
    sheet_rows,
)
from lscp_scrutiny.io.workbook._read import WorkbookAssessment, read_workbook
from lscp_scrutiny.io.workbook._write import write_workbook

TRACKER_SHEET = L.TRACKER_SHEET
"""The first sheet of an action tracker: what tells one from an assessment workbook."""

__all__ = [
    "MAX_CELLS",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_UNPACKED_BYTES",
    "MAX_XML_ATTRIBUTES",
    "MAX_XML_DEPTH",
    "MAX_XML_ELEMENTS",
    "TRACKER_SHEET",
    "SheetCell",
    "WorkbookAssessment",
    "declares_sheet",
    "is_assessment_workbook",
    "is_tracker_workbook",
    "open_workbook",
    "read_workbook",
    "sheet_rows",
    "write_workbook",
]
