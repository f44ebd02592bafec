"""Updating an assessment file in place: every save atomic, a person's own YAML comments kept.

:class:`AssessmentFile` is what the guided assessment saves through after every answer. For YAML it
changes only the responses that changed, inside the document as it was read, so comments (the guidance
``lscp-scrutiny new`` writes, and anything a person added) stay where they were. Each save is checked by
reading the new text back before the file is replaced: if it would not read back as the assessment it
was meant to hold, nothing is written and the save fails loudly.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from lscp_scrutiny.codec import yaml as _yaml
from lscp_scrutiny.codec.converters import converter_for, parse_date
from lscp_scrutiny.codec.documents import dumps_assessment, loads_assessment
from lscp_scrutiny.codec.text import parse
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.io.assessments import check_assessment_suffix, encode_assessment, read_assessment
from lscp_scrutiny.io.kinds import YAML
from lscp_scrutiny.io.paths import atomic_write
from lscp_scrutiny.model import NOT_ASSESSED, Assessment, Checklist, Response

_SHOWN_EMPTY: dict[str, Any] = {"justification": None, "evidence": [], "notes": None, "actions": []}
"""Fields the blank YAML shows even when empty, so that a person sees where to write: kept, emptied."""


class AssessmentFile:
    """An assessment file opened for updating: YAML, JSON or an assessment workbook.

    ``assessment`` is what the file holds now; :meth:`save` replaces it with a new version of the same
    assessment (an atomic write: a crash leaves the old file or the new one, never half of either).
    """

    def __init__(self, path: str | os.PathLike[str], checklist: Checklist | None = None) -> None:
        self.path = Path(path)
        self.checklist = checklist
        self.file_kind = check_assessment_suffix(self.path)
        self.kind = self.file_kind.name
        self.assessment: Assessment
        self._document: Any = None
        self._stamp: tuple[int, int] | None = None
        self.reload()

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            found = self.path.stat()
        except OSError:
            return None
        return (found.st_mtime_ns, found.st_size)

    def reload(self) -> None:
        """Read the file again (someone else changed it, say)."""
        self._stamp = self._current_stamp()
        document = read_assessment(self.path)
        self.assessment = document.assessment
        self._document = document.parsed if self.kind == "yaml" else None

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the one last read or written here (edited meanwhile, say)."""
        return self._current_stamp() != self._stamp

    def save(self, assessment: Assessment) -> None:
        """Write ``assessment`` to the file, keeping YAML comments; :class:`WriteError` if it cannot."""
        if self.file_kind is not YAML:  # a workbook or JSON is written whole, by the one writer of its kind
            data = encode_assessment(
                assessment, self.file_kind, checklist=self.checklist, source=str(self.path)
            )
        else:
            data = self._updated_yaml(assessment).encode("utf-8")
            try:
                ok = loads_assessment(data, "yaml", source=str(self.path)) == assessment
            except InvalidInputError:
                ok = False
            if not ok:  # never expected; but an answer must never be saved wrongly, so check
                data = encode_assessment(assessment, YAML, checklist=self.checklist, source=str(self.path))
                self._document = None
        atomic_write(self.path, data)
        self._stamp = self._current_stamp()
        self.assessment = assessment
        if self.kind == "yaml" and self._document is None:
            self._document, _ = parse(data, "yaml", str(self.path))

    def _updated_yaml(self, assessment: Assessment) -> str:
        document = self._document
        if not isinstance(document, CommentedMap):
            return dumps_assessment(assessment, "yaml", checklist=self.checklist)
        converter = converter_for("yaml")
        responses = document.get("responses")
        if not isinstance(responses, CommentedSeq):
            responses = CommentedSeq()
            document["responses"] = responses
        old = {r.criterion: r for r in self.assessment.responses}
        for index, response in enumerate(assessment.responses):
            if old.get(response.criterion) == response and index < len(responses):
                continue
            new: dict[str, Any] = converter.unstructure(response)
            if index < len(responses) and isinstance(responses[index], CommentedMap):
                _update(responses[index], new)
            else:
                responses.append(_yaml.commented(new))
        while len(responses) > len(assessment.responses):
            responses.pop()
        for key in ("checklist", "assessor", "assessed_on", "notes"):
            value = converter.unstructure(getattr(assessment, key))
            if value is None:
                document.pop(key, None)
            elif document.get(key) != value:
                document[key] = _yaml.commented(value)
        return _yaml.dump(_dates_as_dates(document))


_ABSENT = object()

_DATE_FIELDS = frozenset({"assessed_on", "rated_on", "collected_on", "due", "replied_on"})


def _dates_as_dates(node: Any) -> Any:  # noqa: ANN401
    """Dates read as text (how the reader keeps them) made dates again, so they are written unquoted.

    Without this, a date in a response nobody touched would come back as ``'2026-11-27'``: the same
    value, but a change in the file that shows up in version control.
    """
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _DATE_FIELDS and isinstance(value, str):
                with contextlib.suppress(ValueError):  # not a date as a file writes one: kept as it is
                    node[key] = parse_date(value)
            else:
                _dates_as_dates(value)
    elif isinstance(node, list):
        for item in node:
            _dates_as_dates(item)
    return node


def _update(item: CommentedMap, new: dict[str, Any]) -> None:
    """Change ``item`` (a response as written) to ``new``, touching only what differs.

    The comment lines after a response belong, for the YAML library, to its last key (they are usually
    the guidance of the next criterion). New keys therefore go in before the last key, and when the last
    key goes, its comment passes to the key before it.
    """
    for key, value in new.items():
        if key not in item and len(item):
            item.insert(len(item) - 1, key, _yaml.commented(value))
        elif item.get(key, _ABSENT) != value:
            item[key] = _yaml.commented(value)
    for key in list(item):
        if key in new:
            continue
        if key in _SHOWN_EMPTY:
            if item[key] not in (None, []):
                item[key] = _yaml.commented(_SHOWN_EMPTY[key])
            continue
        if key == "rating":
            item[key] = NOT_ASSESSED
            continue
        keys = list(item)
        comment = item.ca.items.pop(key, None)
        if comment is not None and keys[-1] == key and len(keys) > 1 and keys[-2] not in item.ca.items:
            item.ca.items[keys[-2]] = comment
        del item[key]


def response_is_open(response: Response) -> bool:
    """Still to answer: not yet assessed, or a suggested rating a person has not confirmed."""
    return not response.is_assessed or response.prefilled
