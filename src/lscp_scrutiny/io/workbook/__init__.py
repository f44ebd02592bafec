"""Assessment workbooks: an ``.xlsx`` file people fill in, read back into the same assessment.

The workbook has an instructions sheet; a Criteria sheet with one row per criterion, grouped by section,
with its guidance and evidence prompts and a rating drop-down limited to its scale; Evidence and Actions
sheets with one row per item; Partnership, Partners and Agencies sheets; and a hidden sheet with the
checklist reference and the drop-down lists. Structure is protected (no password: it guards against
accidents, not people); answers are editable. Needs openpyxl, which is imported only when a workbook is
written or read.
"""

from __future__ import annotations

from lscp_scrutiny.io.workbook._open import MAX_UNPACKED_BYTES, is_assessment_workbook, open_workbook
from lscp_scrutiny.io.workbook._read import WorkbookAssessment, read_workbook
from lscp_scrutiny.io.workbook._write import write_workbook

__all__ = [
    "MAX_UNPACKED_BYTES",
    "WorkbookAssessment",
    "is_assessment_workbook",
    "open_workbook",
    "read_workbook",
    "write_workbook",
]
