"""Reading and writing every file lscp-scrutiny knows, for people scripting it: one module to import.

The readers and writers live in their layers (:mod:`lscp_scrutiny.codec` for text, :mod:`lscp_scrutiny.io`
for files, with the one table of file kinds in :mod:`lscp_scrutiny.io.kinds`); this module gathers them
and adds the two calls that need the registry of checklists: :func:`save_assessment` of a workbook finds
the checklist it is written from, and :func:`check_file` checks an assessment file against its checklist
as ``lscp-scrutiny validate`` does.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lscp_scrutiny.codec.documents import (
    as_json_data,
    dumps_assessment,
    dumps_checklist,
    dumps_partnership,
    loads_assessment,
    loads_checklist,
    loads_partnership,
)
from lscp_scrutiny.codec.hashing import content_hash
from lscp_scrutiny.codec.text import SCHEMA_VERSION, Format, Locator, check_format, parse
from lscp_scrutiny.io.assessments import (
    WORKBOOK_SUFFIXES,
    AssessmentDocument,
    CheckedAssessment,
    ChecklistSource,
    check_assessment_suffix,
    check_document,
    load_assessment,
    read_assessment,
    write_assessment,
)
from lscp_scrutiny.io.checklists import load_checklist, load_partnership, save_checklist
from lscp_scrutiny.io.kinds import ASSESSMENT_KINDS, XLSX, FileKind, find_kind
from lscp_scrutiny.io.kinds import text_format_of as format_of
from lscp_scrutiny.io.paths import MAX_FILE_BYTES, atomic_write, read_bytes
from lscp_scrutiny.model import Assessment, Checklist

if TYPE_CHECKING:
    from lscp_scrutiny.plugins import Registry


def save_assessment(
    assessment: Assessment, path: str | os.PathLike[str], *, checklist: Checklist | None = None
) -> None:
    """Write an assessment file atomically, of the kind its suffix names: ``.yaml``, ``.json`` or ``.xlsx``.

    The file is written private, mode 0600 (or stricter, if the file it replaces was): an assessment can
    hold restricted evidence and notes about children and practitioners.

    A workbook is written from the assessment's checklist: ``checklist`` if given, else the registered
    one with the assessment's checklist id. Given ``checklist``, YAML carries each criterion's guidance
    as comments, as ``lscp-scrutiny new`` writes it.
    """
    if checklist is None and find_kind(path, ASSESSMENT_KINDS) is XLSX:  # any other suffix: said below
        from lscp_scrutiny.plugins import default_registry  # noqa: PLC0415 - plugins load only when needed

        checklist = default_registry().checklist(assessment.checklist.id)
    write_assessment(assessment, path, checklist=checklist)


def check_file(path: str | os.PathLike[str], registry: Registry | None = None) -> CheckedAssessment:
    """Read an assessment file and check it against its checklist, every problem on its line or cell.

    The checklist is found in ``registry`` (the default registry of the built-in checklist and installed
    plugins if not given). Raises :class:`~lscp_scrutiny.errors.InvalidInputError` for a file that cannot
    be read at all; problems found against the checklist are in the result's ``problems``.
    """
    if registry is None:
        from lscp_scrutiny.plugins import default_registry  # noqa: PLC0415 - plugins load only when needed

        registry = default_registry()
    return check_document(read_assessment(path), registry)


__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "WORKBOOK_SUFFIXES",
    "AssessmentDocument",
    "CheckedAssessment",
    "ChecklistSource",
    "FileKind",
    "Format",
    "Locator",
    "as_json_data",
    "atomic_write",
    "check_assessment_suffix",
    "check_file",
    "check_format",
    "content_hash",
    "dumps_assessment",
    "dumps_checklist",
    "dumps_partnership",
    "format_of",
    "load_assessment",
    "load_checklist",
    "load_partnership",
    "loads_assessment",
    "loads_checklist",
    "loads_partnership",
    "parse",
    "read_assessment",
    "read_bytes",
    "save_assessment",
    "save_checklist",
]
