"""The shape of an assessment workbook: sheets, columns and the words in cells. Shared by writer and reader.

One description of the layout, read by both sides, so the writer and the reader cannot drift apart.
"""

from __future__ import annotations

import enum

from attrs import frozen

from lscp_scrutiny.model import labels
from lscp_scrutiny.model.labels import SCRUTINY_QUESTIONS, Answer, Question

# The words are the one vocabulary's (lscp_scrutiny.model.labels), named here too for the columns below
# and for code that imported them from here.
EVIDENCE_KINDS = labels.EVIDENCE_KINDS
ACTION_STATUSES = labels.ACTION_STATUSES
PARTNER_SECTORS = labels.PARTNER_SECTORS
AGENCY_KINDS = labels.AGENCY_KINDS
ASSESSOR_ROLES = labels.ASSESSOR_ROLES
METHODS = labels.METHODS
AREAS = labels.AREAS
FIXED_LABELS = labels.FIXED_LABELS
label_of = labels.label_of
choices_of = labels.choices_of
scale_choices = labels.scale_choices

WORKBOOK_FORMAT = "lscp-scrutiny assessment workbook"
"""What the hidden sheet's first cell says: how a reader tells an assessment workbook from any other."""

WORKBOOK_VERSION = 1
"""The layout version this release writes and reads."""

INSTRUCTIONS = "Instructions"
PARTNERSHIP = "Partnership"
PARTNERS = "Partners"
AGENCIES = "Agencies"
CRITERIA = "Criteria"
EVIDENCE = "Evidence"
RATINGS_GIVEN = "Ratings given"
"""Added after the layout's first release: a workbook without it still reads."""
ACTIONS = "Actions"
HIDDEN = "lscp-scrutiny"
TRACKER_SHEET = "About this tracker"
"""The first sheet of an action tracker (:mod:`lscp_scrutiny.io.tracker`): what tells one from a return."""
"""The hidden sheet: the workbook's own details (checklist, provenance) and the drop-down lists."""

YES, NO = "Yes", "No"
NONE = "(none)"
"""Written in a list cell answered "none" (an empty list), as against a blank cell: not known."""

MAX_CELL_TEXT = 32_767
"""The most characters a spreadsheet cell holds (Excel and LibreOffice cut longer text)."""

FIRST_DATE, LAST_DATE = 36526, 73415
"""1 January 2000 and 31 December 2100 as spreadsheet day numbers: the range date cells accept."""


class Kind(enum.Enum):
    """What a column holds, which decides how it is written, checked and read."""

    INFO = "info"  # written from the checklist, locked, never read
    TEXT = "text"
    DATE = "date"
    YES_NO = "yes_no"
    CHOICE = "choice"  # one of a fixed list (a scale's levels, an enumeration)
    ID = "id"  # a criterion id (locked in the Criteria sheet, chosen from a list elsewhere)
    MACHINE = "machine"  # hidden, locked, written and read by lscp-scrutiny only


@frozen
class Column:
    """One column of a table sheet.

    ``help`` becomes a note on its header cell; ``choices`` (label -> value) is a choice column's
    drop-down.
    """

    key: str
    header: str
    kind: Kind
    width: float = 16
    help: str = ""
    choices: dict[str, str] | None = None
    optional: bool = False
    """Added to the layout after workbooks were first written: a workbook without it still reads."""


CRITERIA_COLUMNS = (
    Column("id", "ID", Kind.ID, 12),
    Column("title", "Criterion", Kind.INFO, 28),
    Column("text", "What good looks like", Kind.INFO, 60),
    Column("guidance", "Guidance", Kind.INFO, 48),
    Column("prompts", "Evidence to look for", Kind.INFO, 40),
    Column("rating", "Rating", Kind.CHOICE, 16, "Choose from the list; leave blank while not yet assessed."),
    Column("justification", "Not applicable because", Kind.TEXT, 30),
    Column("notes", "Notes", Kind.TEXT, 40),
    Column(
        "notes_restricted", "Notes restricted", Kind.YES_NO, 11, "Yes if the notes may hold personal data."
    ),
    Column("rated_on", "Rated on", Kind.DATE, 12),
    Column("prefilled", "Suggested, to confirm", Kind.YES_NO, 12, "Clear it once you agree with the rating."),
    Column(
        "reworded",
        "Reworded, to confirm",
        Kind.YES_NO,
        12,
        "Yes: rated when the criterion was worded differently. Clear it once you have confirmed or changed "
        "the rating.",
        optional=True,
    ),
    Column("reply_by", "Reply by", Kind.TEXT, 20),
    Column("reply", "Partner's reply", Kind.TEXT, 36),
    Column("replied_on", "Replied on", Kind.DATE, 12),
    Column(
        "agreed_rating",
        "Agreed rating",
        Kind.CHOICE,
        16,
        "The rating agreed at moderation or challenge; the assessor's own stays in Rating.",
        optional=True,
    ),
    Column("agreed_because", "Agreed because", Kind.TEXT, 36, optional=True),
    Column(
        "agreed_because_restricted",
        "Agreed because restricted",
        Kind.YES_NO,
        11,
        "Yes if the reason may hold personal data.",
        optional=True,
    ),
    Column("agreed_by", "Agreed by", Kind.TEXT, 20, "The panel, meeting or partnership.", optional=True),
    Column("agreed_on", "Agreed on", Kind.DATE, 12, optional=True),
    Column("scale", "scale", Kind.MACHINE, 4),
    Column("fingerprint", "fingerprint", Kind.MACHINE, 4),
    Column("wording", "wording", Kind.MACHINE, 4, optional=True),
    Column("order", "order", Kind.MACHINE, 4),
)

EVIDENCE_COLUMNS = (
    Column("criterion", "Criterion ID", Kind.ID, 14),
    Column("kind", "Kind of evidence", Kind.CHOICE, 22, choices=EVIDENCE_KINDS),
    Column("reference", "Reference", Kind.TEXT, 48, "Where to find it: a document and paragraph, a dataset."),
    Column("description", "Description", Kind.TEXT, 48),
    Column("collected_on", "Collected on", Kind.DATE, 13),
    Column("restricted", "Restricted", Kind.YES_NO, 11, "Yes if it may hold personal data."),
)

RATINGS_GIVEN_COLUMNS = (
    Column("criterion", "Criterion ID", Kind.ID, 14),
    Column("assessor", "Assessor", Kind.TEXT, 32),
    Column("role", "Role", Kind.CHOICE, 30, choices=ASSESSOR_ROLES),
    Column("rating", "Rating given", Kind.TEXT, 18, "As on the criterion's scale: its label or id."),
)
"""The other assessors' ratings a moderated verdict was agreed from (sheet :data:`RATINGS_GIVEN`)."""

ACTION_COLUMNS = (
    Column("criterion", "Criterion ID", Kind.ID, 14),
    Column("description", "Action", Kind.TEXT, 60),
    Column("owner", "Owner", Kind.TEXT, 28),
    Column("due", "Due", Kind.DATE, 13),
    Column("status", "Status", Kind.CHOICE, 14, choices=ACTION_STATUSES),
)

PARTNER_COLUMNS = (
    Column("sector", "Sector", Kind.CHOICE, 18, choices=PARTNER_SECTORS),
    Column("organisation", "Organisation", Kind.TEXT, 40),
    Column("lead", "Lead safeguarding partner", Kind.TEXT, 32),
    Column("delegate", "Delegated safeguarding partner", Kind.TEXT, 40),
)

AGENCY_COLUMNS = (
    Column("name", "Relevant agency", Kind.TEXT, 60),
    Column("kind", "Kind", Kind.CHOICE, 22, choices=AGENCY_KINDS),
)


@frozen
class Field:
    """One row of the Partnership sheet: a label in column A, the value in column B."""

    key: str
    label: str
    kind: str  # text, text_lines, date, yes_no, count, choice, choice_lines, info
    help: str = ""
    choices: dict[str, str] | None = None
    optional_list: bool = False  # a list where blank means "not known" and NONE means "none"
    optional: bool = False  # the row may be missing (added after workbooks were already sent round)


_ABOUT = (
    Field("checklist", "Checklist", "info", "The checklist and version this workbook answers."),
    Field("name", "Partnership", "text"),
    Field("area", "Area", "text"),
    Field("local_authorities", "Local authorities", "text_lines", "One per line."),
    Field(
        "agency",
        "Agency assessed",
        "text",
        "Where this is one agency's return (such as a Section 11 self-assessment): the agency. Blank when "
        "the partnership's own arrangements are assessed.",
        optional=True,
    ),
    Field("agency_sector", "Agency's sector", "choice", "", labels.SECTOR_CHOICES, optional=True),
    Field("assessor", "Assessor", "text", "Who is assessing."),
    Field("role", "Assessor's role", "choice", "", ASSESSOR_ROLES),
    Field("organisation", "Assessor's organisation", "text"),
    Field("assessed_on", "Assessed on", "date", "The date of the assessment."),
    Field("notes", "Notes on the assessment", "text"),
)


def _row(question: Question) -> Field:
    """A WHO / HOW / WHAT question's row: its label, and the question as help, from the one vocabulary."""
    if question.answer is Answer.YES_NO:
        return Field(question.key, question.label, "yes_no", f"{question.question} Blank if not known.")
    if question.answer is Answer.COUNT:
        return Field(question.key, question.label, "count", f"{question.question} Blank if not known.")
    choices = None if question.choices is None else dict(question.choices)
    listed = "One per line" if choices is None else f"One per line, from: {', '.join(choices)}"
    return Field(
        question.key,
        question.label,
        "text_lines" if choices is None else "choice_lines",
        f"{question.question} {listed}; {NONE} if none; blank if not known.",
        choices,
        optional_list=True,
    )


PARTNERSHIP_FIELDS = (*_ABOUT, *(_row(question) for question in SCRUTINY_QUESTIONS))
"""The Partnership sheet's rows from row 4: the partnership and the assessment, then every question of
:data:`~lscp_scrutiny.model.labels.SCRUTINY_QUESTIONS` in field order."""

SCRUTINY_KEYS = frozenset(question.key for question in SCRUTINY_QUESTIONS)


def field_path(key: str) -> tuple[str, ...]:
    """Where a Partnership-sheet row's value sits in an assessment file."""
    if key in SCRUTINY_KEYS:
        return ("partnership", "scrutiny", key)
    if key in ("assessor", "role", "organisation"):
        return ("assessor", "name" if key == "assessor" else key)
    if key in ("agency", "agency_sector"):
        return ("agency", "name" if key == "agency" else "sector")
    if key in ("assessed_on", "notes", "checklist"):
        return (key,)
    return ("partnership", key)


HIDDEN_KEYS = (
    "format",
    "workbook_version",
    "checklist_id",
    "checklist_version",
    "content_hash",
    "provenance",
    "scales",
)
"""The hidden sheet's column A, from row 1: its key-value details. Lists start in column D."""
