"""The shape of an assessment workbook: sheets, columns and the words in cells. Shared by writer and reader.

One description of the layout, read by both sides, so the writer and the reader cannot drift apart.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import frozen

from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    ActionStatus,
    AgencyKind,
    AssessorRole,
    EvidenceKind,
    PartnerSector,
    RatingScale,
    ScrutinyArea,
    ScrutinyMethod,
)

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
ACTIONS = "Actions"
HIDDEN = "lscp-scrutiny"
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


def label_of(value: str) -> str:
    """An enumeration value as people read it: ``practitioner_feedback`` -> ``Practitioner feedback``."""
    return value.replace("_", " ").capitalize()


def choices_of(values: Iterable[str]) -> dict[str, str]:
    """Label -> value for an enumeration's values, in order."""
    return {label_of(value): value for value in values}


EVIDENCE_KINDS = choices_of(EvidenceKind)
ACTION_STATUSES = choices_of(ActionStatus)
PARTNER_SECTORS = choices_of(PartnerSector)
AGENCY_KINDS = choices_of(AgencyKind)
ASSESSOR_ROLES = choices_of(AssessorRole)
METHODS = choices_of(ScrutinyMethod)
AREAS = choices_of(ScrutinyArea)

FIXED_LABELS = {NOT_APPLICABLE: "Not applicable", NOT_ASSESSED: "Not assessed"}


def scale_choices(scale: RatingScale | None) -> dict[str, str]:
    """Label -> rating for a criterion's drop-down: the scale's levels, then "Not applicable".

    Labels stand for levels only when every label of the scale is distinct (ignoring case) from the others
    and from the fixed states; otherwise the level ids are offered, which are always distinct.
    """
    if scale is None:
        return {FIXED_LABELS[NOT_APPLICABLE]: NOT_APPLICABLE}
    labels = [level.label.strip() for level in scale.levels]
    folded = [label.casefold() for label in labels]
    fixed = {label.casefold() for label in FIXED_LABELS.values()} | {s.casefold() for s in FIXED_LABELS}
    usable = len(set(folded)) == len(folded) and not fixed.intersection(folded)
    shown = labels if usable else list(scale.level_ids)
    choices = dict(zip(shown, scale.level_ids, strict=True))
    choices[FIXED_LABELS[NOT_APPLICABLE]] = NOT_APPLICABLE
    return choices


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
    Column("reply_by", "Reply by", Kind.TEXT, 20),
    Column("reply", "Partner's reply", Kind.TEXT, 36),
    Column("replied_on", "Replied on", Kind.DATE, 12),
    Column("scale", "scale", Kind.MACHINE, 4),
    Column("fingerprint", "fingerprint", Kind.MACHINE, 4),
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


PARTNERSHIP_FIELDS = (
    Field("checklist", "Checklist", "info", "The checklist and version this workbook answers."),
    Field("name", "Partnership", "text"),
    Field("area", "Area", "text"),
    Field("local_authorities", "Local authorities", "text_lines", "One per line."),
    Field("assessor", "Assessor", "text", "Who is assessing."),
    Field("role", "Assessor's role", "choice", "", ASSESSOR_ROLES),
    Field("organisation", "Assessor's organisation", "text"),
    Field("assessed_on", "Assessed on", "date", "The date of the assessment."),
    Field("notes", "Notes on the assessment", "text"),
    Field("independent_scrutineers", "Independent scrutineers employed", "yes_no", "Blank if not known."),
    Field("scrutineer_count", "Number of independent scrutineers", "count", "Blank if not known."),
    Field("independent_chair", "Independent chair", "yes_no", "Blank if not known."),
    Field("chair_also_scrutinises", "Chair also scrutinises", "yes_no", "Blank if not known."),
    Field("scrutiny_panel", "Scrutiny committee or panel", "yes_no", "Blank if not known."),
    Field("children_in_scrutiny_role", "Children in a scrutiny role", "yes_no", "Blank if not known."),
    Field(
        "children_involvement",
        "How children take part",
        "text_lines",
        f"One per line; {NONE} if none; blank if not known.",
        optional_list=True,
    ),
    Field(
        "methods",
        "Methods of scrutiny",
        "choice_lines",
        f"One per line, from: {', '.join(METHODS)}; {NONE} if none; blank if not known.",
        METHODS,
        optional_list=True,
    ),
    Field(
        "in_partnership_peer_review", "Peer review within the partnership", "yes_no", "Blank if not known."
    ),
    Field(
        "between_partnership_peer_review", "Peer review between partnerships", "yes_no", "Blank if not known."
    ),
    Field("six_steps_framework", "Six Steps framework used", "yes_no", "Blank if not known."),
    Field(
        "areas",
        "Areas scrutinised",
        "choice_lines",
        f"One per line, from: {', '.join(AREAS)}; {NONE} if none; blank if not known.",
        AREAS,
        optional_list=True,
    ),
)

SCRUTINY_KEYS = frozenset(
    {
        "independent_scrutineers",
        "scrutineer_count",
        "independent_chair",
        "chair_also_scrutinises",
        "scrutiny_panel",
        "children_in_scrutiny_role",
        "children_involvement",
        "methods",
        "in_partnership_peer_review",
        "between_partnership_peer_review",
        "six_steps_framework",
        "areas",
    }
)


def field_path(key: str) -> tuple[str, ...]:
    """Where a Partnership-sheet row's value sits in an assessment file."""
    if key in SCRUTINY_KEYS:
        return ("partnership", "scrutiny", key)
    if key in ("assessor", "role", "organisation"):
        return ("assessor", "name" if key == "assessor" else key)
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
