"""Assessment files of every kind (YAML, JSON, workbook): one reader and one writer, chosen by the table.

:func:`read_assessment` keeps what is needed to point at the line (or sheet and cell) of any field in
later messages; :func:`check_file` adds the check against the assessment's checklist, every problem
placed, which is what ``lscp-scrutiny validate`` reports.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from attrs import evolve, frozen

from lscp_scrutiny.codec.documents import dumps_assessment, structure
from lscp_scrutiny.codec.text import Locator, no_line, one_problem, parse
from lscp_scrutiny.core.checking import check
from lscp_scrutiny.errors import InvalidInputError, PathPart, Problem, UnknownChecklistError, WriteError
from lscp_scrutiny.io.kinds import ASSESSMENT_KINDS, XLSX, FileKind, kind_of
from lscp_scrutiny.io.paths import atomic_write, read_bytes, refuse_directory
from lscp_scrutiny.model import Assessment, Checklist


class ChecklistSource(Protocol):
    """Anything that finds a checklist by id: a :class:`~lscp_scrutiny.Registry`, say."""

    def checklist(self, checklist_id: str, /) -> Checklist:
        """The checklist with this id; :class:`UnknownChecklistError` if there is none."""
        ...


@frozen
class AssessmentDocument:
    """An assessment read from a file, with the means to point at where any field of it was written.

    ``locate`` gives the line of a field (YAML, and JSON that does not parse); for a workbook,
    ``place`` gives its sheet and cell. :meth:`locate_problem` puts either into a problem found later,
    such as a rating that is not on the checklist's scale.
    """

    assessment: Assessment
    source: str
    locate: Locator
    place: Callable[[tuple[PathPart, ...]], str | None] | None = None
    parsed: Any = None
    """The document as parsed (for YAML, with its comments), for a tool that updates the file in place."""

    def locate_problem(self, problem: Problem) -> Problem:
        """``problem`` (about a field of this assessment) pointing at the line, or sheet and cell."""
        if self.place is None:
            return evolve(problem, source=self.source, line=self.locate(problem.path))
        where = self.place(problem.path)
        if where is None:
            return evolve(problem, source=self.source)
        return evolve(problem, source=self.source, path=(), message=f"{where}: {problem.message}")


WORKBOOK_SUFFIXES = frozenset(XLSX.suffixes)
"""Suffixes read as assessment workbooks (see :mod:`lscp_scrutiny.io.workbook`)."""


def check_assessment_suffix(path: str | os.PathLike[str]) -> FileKind:
    """The kind of an assessment file; :class:`InvalidInputError` naming YAML, JSON and workbooks if none."""
    return kind_of(path, ASSESSMENT_KINDS)


def is_checklist_data(parsed: object) -> bool:
    """Whether parsed YAML or JSON looks like a checklist (sections, no responses)."""
    return isinstance(parsed, Mapping) and "sections" in parsed and "responses" not in parsed


def document_from_parsed(parsed: object, locate: Locator, kind: FileKind, source: str) -> AssessmentDocument:
    """An assessment document from YAML or JSON already parsed (so that no file is parsed twice)."""
    if is_checklist_data(parsed):
        message = "this is a checklist file, not an assessment (see it with `lscp-scrutiny show FILE`)"
        raise one_problem(source, message)
    fmt = kind.text_format or "yaml"
    assessment = structure(parsed, Assessment, fmt=fmt, source=source, locate=locate)
    return AssessmentDocument(assessment, source, locate, parsed=parsed)


def decode_assessment(
    data: bytes, kind: FileKind, source: str, *, keep_comments: bool = False
) -> AssessmentDocument:
    """An assessment document from a file's bytes, by its kind.

    ``keep_comments`` reads YAML with the round-trip reader, for a writer that updates the file in place
    (:class:`~lscp_scrutiny.io.assessment_file.AssessmentFile`); anything else reads it fast.
    """
    if kind is XLSX:
        from lscp_scrutiny.io.workbook import read_workbook  # noqa: PLC0415 - openpyxl only when needed

        read = read_workbook(data, source=source)
        return AssessmentDocument(read.assessment, source, no_line, place=read.place_of)
    parsed, locate = parse(data, kind.text_format or "yaml", source, keep_comments=keep_comments)
    return document_from_parsed(parsed, locate, kind, source)


def encode_assessment(
    assessment: Assessment, kind: FileKind, *, checklist: Checklist | None = None, source: str = "<data>"
) -> bytes:
    """An assessment as the bytes of a file of ``kind``: the one writer of each kind.

    A workbook is written from its checklist (criteria, guidance, scales), so needs it; YAML written with
    its checklist carries each criterion's guidance as comments; JSON is the same either way.
    """
    if kind is XLSX:
        if checklist is None:
            raise WriteError(source, "a workbook is written from its checklist; none was given")
        from lscp_scrutiny.io.workbook import write_workbook  # noqa: PLC0415 - openpyxl only when needed

        return write_workbook(assessment, checklist, source=source)
    return dumps_assessment(assessment, kind.text_format or "yaml", checklist=checklist).encode("utf-8")


def read_assessment(path: str | os.PathLike[str]) -> AssessmentDocument:
    """Read an assessment file, keeping what is needed to point at lines (or cells) in later messages.

    ``.yaml``, ``.yml`` and ``.json`` files, and workbooks (``.xlsx``) written by ``lscp-scrutiny new``.
    """
    refuse_directory(path)
    kind = check_assessment_suffix(path)
    return decode_assessment(read_bytes(path, kind), kind, str(path))


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    """Read an assessment file (``.yaml``, ``.yml``, ``.json``, or an ``.xlsx`` assessment workbook)."""
    return read_assessment(path).assessment


def write_assessment(
    assessment: Assessment, path: str | os.PathLike[str], *, checklist: Checklist | None = None
) -> None:
    """Write an assessment file atomically, of the kind its suffix names (see :func:`encode_assessment`).

    The file is private (mode 0600, or stricter if the file replaced was): an assessment can hold
    restricted evidence and notes.
    """
    if Path(path).is_dir():  # said before the suffix is judged, as for reading
        raise WriteError(str(path), "is a directory")
    kind = check_assessment_suffix(path)
    data = encode_assessment(assessment, kind, checklist=checklist, source=str(path))
    atomic_write(path, data, private=True)


@frozen
class CheckedAssessment:
    """An assessment file read and checked against its checklist: what ``lscp-scrutiny validate`` sees.

    ``problems`` is every problem found, each placed on its line or sheet and cell; ``checklist`` is
    ``None`` only when the assessment names a checklist that is not registered (that is the problem).
    """

    document: AssessmentDocument
    checklist: Checklist | None
    problems: tuple[Problem, ...]

    @property
    def assessment(self) -> Assessment:
        """The assessment read."""
        return self.document.assessment

    def usable(self) -> tuple[Assessment, Checklist]:
        """The assessment and its checklist; :class:`InvalidInputError` with every problem if any."""
        if self.problems or self.checklist is None:
            raise InvalidInputError(self.problems)
        return self.document.assessment, self.checklist


def check_document(document: AssessmentDocument, checklists: ChecklistSource) -> CheckedAssessment:
    """Check an assessment document against its checklist (found in ``checklists``), problems placed."""
    try:
        checklist = checklists.checklist(document.assessment.checklist.id)
    except UnknownChecklistError as exc:
        problem = Problem(source=document.source, path=("checklist", "id"), message=str(exc))
        return CheckedAssessment(document, None, (document.locate_problem(problem),))
    found = check(document.assessment, checklist, source=document.source)
    return CheckedAssessment(document, checklist, tuple(document.locate_problem(p) for p in found))


def check_file(path: str | os.PathLike[str], checklists: ChecklistSource) -> CheckedAssessment:
    """Read an assessment file and check it against its checklist (see :class:`CheckedAssessment`).

    Raises :class:`~lscp_scrutiny.errors.InvalidInputError` for a file that cannot be read at all.
    """
    return check_document(read_assessment(path), checklists)
