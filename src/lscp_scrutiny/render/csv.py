"""The CSV report: one row per criterion, tidy for spreadsheets and pandas.

Every line of a text cell that a spreadsheet could read as a formula (starting with ``=``, ``+``, ``-``
or ``@``; see :mod:`lscp_scrutiny.io._formulas`, the one rule every CSV and workbook writer follows) is
written with a leading apostrophe, so opening the file can never run one, and a cell holding a line
break is quoted, so it stays one cell. Numbers are written as numbers.
"""

from __future__ import annotations

from lscp_scrutiny.io._formulas import csv_text, safe_cell
from lscp_scrutiny.model.summary import CriterionResult, Summary

COLUMNS = (
    "partnership",
    "assessed_on",
    "checklist",
    "checklist_version",
    "section",
    "question",
    "theme",
    "criterion",
    "title",
    "obligation",
    "rating",
    "rating_label",
    "points",
    "max_points",
    "evidence",
    "evidence_kinds",
    "open_actions",
    "overdue_actions",
    "flags",
    "notes",
    "notes_restricted",
    "reply_by",
    "reply",
    "replied_on",
    "contributed_by",
    "rating_before",
    "change",
    "assessor_rating",
    "moderated",
    "moderated_by",
    "moderated_on",
    "moderation_rationale",
)


def _moderation_cells(result: CriterionResult) -> tuple[str, str, str, str, str]:
    """The assessor's own rating and how moderation moved it (blank where it was not moderated)."""
    view = result.moderation
    if view is None:
        return ("", "", "", "", "")
    moved = view.moved.value if view.agreed else "to_moderate"
    when = view.moderated_on.isoformat() if view.moderated_on else ""
    return (view.assessor_rating, moved, view.by or "", when, view.rationale or "")


def render_csv(summary: Summary) -> str:
    """Every criterion as a CSV row, with a header row; comparisons add the earlier rating and change."""
    changes = {c.id: c for c in summary.comparison.criteria} if summary.comparison else {}
    rows: list[tuple[object, ...]] = [COLUMNS]
    for section in summary.sections:
        for result in section.criteria:
            change = changes.get(result.id)
            row = (
                summary.partnership,
                summary.assessed_on.isoformat(),
                summary.checklist.id,
                summary.checklist.version,
                section.id,
                result.question,
                result.theme or "",
                result.id,
                result.title,
                result.obligation,
                result.rating,
                result.rating_label,
                "" if result.points is None else result.points,
                result.max_points,
                result.evidence,
                ";".join(result.evidence_kinds),
                result.open_actions,
                result.overdue_actions,
                ";".join(result.flags),
                result.notes or "",
                "yes" if result.notes_restricted else "no",
                result.reply.by if result.reply else "",
                result.reply.text if result.reply else "",
                result.reply.replied_on.isoformat() if result.reply and result.reply.replied_on else "",
                str(result.contributed_by) if result.contributed_by else "",
                (change.before or "") if change else "",
                change.change.value if change else "",
                *_moderation_cells(result),
            )
            rows.append(row)
    return csv_text(rows)


__all__ = ["COLUMNS", "render_csv", "safe_cell"]
