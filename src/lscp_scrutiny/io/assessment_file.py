"""Updating an assessment file in place: every save atomic and locked, a person's own YAML comments kept.

:class:`AssessmentFile` is what the guided assessment saves through after every answer. For YAML it
changes only the responses that changed, inside the document as it was read, so comments (the guidance
``lscp-scrutiny new`` writes, and anything a person added) stay where they were. Each save is checked by
reading the new text back before the file is replaced: if it would not read back as the assessment it
was meant to hold, nothing is written and the save fails loudly.

Two sessions (two people, two terminals, two processes) can work on one file. A save holds the file's
lock (:func:`lock_path`, through the ``filelock`` library) while it reads the file again and writes it:
if someone else saved meanwhile, this save is made on top of theirs, so neither loses an answer. The
lock file exists only for the length of a save; after a kill, the operating system releases the lock
and the next save removes the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import evolve
from filelock import FileLock, Timeout

from lscp_scrutiny.codec import yaml as _yaml
from lscp_scrutiny.codec.converters import converter_for, parse_date
from lscp_scrutiny.codec.documents import dumps_assessment, loads_assessment
from lscp_scrutiny.codec.text import parse
from lscp_scrutiny.errors import InvalidInputError, WriteError
from lscp_scrutiny.io.assessments import check_assessment_suffix, decode_assessment, encode_assessment
from lscp_scrutiny.io.kinds import YAML
from lscp_scrutiny.io.paths import atomic_write, read_bytes, refuse_directory
from lscp_scrutiny.model import NOT_ASSESSED, Assessment, Checklist, Response

_SHOWN_EMPTY: dict[str, Any] = {"justification": None, "evidence": [], "notes": None, "actions": []}
"""Fields the blank YAML shows even when empty, so that a person sees where to write: kept, emptied."""


LOCK_TIMEOUT_SECONDS = 30.0
"""How long a save waits for another session's save to finish before it gives up (a save takes moments)."""


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of an assessment file: ``.NAME.lock`` beside it, where every session sees it."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


class AssessmentFile:
    """An assessment file opened for updating: YAML, JSON or an assessment workbook.

    ``assessment`` is what the file holds now; :meth:`save` replaces it with a new version of the same
    assessment (an atomic write: a crash leaves the old file or the new one, never half of either), and
    :meth:`update` makes a change to whatever the file holds at the moment of saving. Both hold the
    file's lock while they read it again and write it, so two sessions saving at once both keep their
    answers. The file is written private (mode 0600, or stricter if it was).
    """

    lock_timeout: float = LOCK_TIMEOUT_SECONDS
    """Seconds a save waits for another session's save before :class:`WriteError`."""

    def __init__(self, path: str | os.PathLike[str], checklist: Checklist | None = None) -> None:
        # A symbolic link is followed: the file it points to is the one read, locked and replaced.
        self.path = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
        self.checklist = checklist
        self.file_kind = check_assessment_suffix(self.path)
        self.kind = self.file_kind.name
        self.assessment: Assessment
        self._document: Any = None
        self._stamp: tuple[int, ...] | None = None
        self._digest: bytes | None = None
        self.reload()

    @property
    def lock_path(self) -> Path:
        """The lock file held while a save reads the file again and writes it."""
        return lock_path(self.path)

    def _current_stamp(self) -> tuple[int, ...] | None:
        try:
            found = self.path.stat()
        except OSError:
            return None
        # The inode too: an atomic write makes a new file, maybe within the same clock tick and size.
        return (found.st_dev, found.st_ino, found.st_mtime_ns, found.st_ctime_ns, found.st_size)

    def reload(self) -> None:
        """Read the file again (someone else changed it, say)."""
        self._stamp = self._current_stamp()
        refuse_directory(self.path)
        self._take(read_bytes(self.path, self.file_kind))

    def _take(self, data: bytes) -> None:
        """Hold what ``data`` (the file's bytes) holds."""
        document = decode_assessment(data, self.file_kind, str(self.path), keep_comments=self.kind == "yaml")
        self.assessment = document.assessment
        self._document = document.parsed if self.kind == "yaml" else None
        self._digest = hashlib.sha256(data).digest()

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the one last read or written here (edited meanwhile, say)."""
        return self._current_stamp() != self._stamp

    def save(self, assessment: Assessment) -> None:
        """Write ``assessment`` to the file, keeping YAML comments; :class:`WriteError` if it cannot.

        If the file changed since it was last read or written here (another session saved, or someone
        edited it), what changed here, from :attr:`assessment` to ``assessment``, is made to the file as
        it is now: the other changes are kept. A criterion (or a field) changed both here and there is a
        :class:`WriteError` naming it, and nothing is written; :meth:`update` has no such conflict.
        """
        base = self.assessment
        self.update(lambda current: merge_assessments(base, assessment, current, source=str(self.path)))

    def update(self, change: Callable[[Assessment], Assessment]) -> bool:
        """Save ``change(what the file holds)``, under the lock; whether the file had changed meanwhile.

        The file is read again under the lock if it is not what was last read or written here, so the
        change is made to the newest version, whoever saved it: nothing another session saved is lost.
        """
        with self._locked():
            changed = self._refresh()
            self._write(change(self.assessment))
        return changed

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the file's lock, then remove the lock file (a waiter on the removed file tries afresh)."""
        lock = FileLock(self.lock_path, timeout=self.lock_timeout, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            reason = (
                f"another session has been saving it for over {self.lock_timeout:g} seconds "
                f"({self.lock_path} is locked); try again"
            )
            raise WriteError(str(self.path), reason) from None
        except OSError as exc:
            raise WriteError(str(self.path), f"cannot lock it: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            try:
                # Removed while held: filelock discards a lock taken on a removed file and tries again,
                # so a session waiting on it locks the next file, never this one beside another's.
                with contextlib.suppress(OSError):
                    os.unlink(self.lock_path)
            finally:
                lock.release()

    def _refresh(self) -> bool:
        """Read the file again if it is not what was last read or written here; whether it was not."""
        try:
            data = read_bytes(self.path, self.file_kind)
        except InvalidInputError:
            if not self.path.exists():  # removed meanwhile: written afresh from what is held here
                return False
            raise
        if hashlib.sha256(data).digest() == self._digest:
            return False
        self._take(data)
        return True

    def _write(self, assessment: Assessment) -> None:
        """Replace the file with ``assessment`` (the lock held)."""
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
        atomic_write(self.path, data, private=True)
        self._stamp = self._current_stamp()
        self._digest = hashlib.sha256(data).digest()
        self.assessment = assessment
        if self.kind == "yaml" and self._document is None:
            self._document, _ = parse(data, "yaml", str(self.path), keep_comments=True)

    def _updated_yaml(self, assessment: Assessment) -> str:
        document = self._document
        if not isinstance(document, _yaml.CommentedMap):
            return dumps_assessment(assessment, "yaml", checklist=self.checklist)
        converter = converter_for("yaml")
        responses = document.get("responses")
        if not isinstance(responses, _yaml.CommentedSeq):
            responses = _yaml.CommentedSeq()
            document["responses"] = responses
        old = {r.criterion: r for r in self.assessment.responses}
        for index, response in enumerate(assessment.responses):
            if old.get(response.criterion) == response and index < len(responses):
                continue
            new: dict[str, Any] = converter.unstructure(response)
            if index < len(responses) and isinstance(responses[index], _yaml.CommentedMap):
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


def _update(item: _yaml.CommentedMap, new: dict[str, Any]) -> None:
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


def update_together(changes: Sequence[tuple[AssessmentFile, Callable[[Assessment], Assessment]]]) -> None:
    """Make a change to each of several files, all of them or none.

    Every file's lock is taken first (in one order, so two callers never wait on each other), every file
    is read again if it changed and every change is made, and only then is the first file written: a
    change that raises (a conflict with what another session saved) leaves every file as it was. A write
    that fails after others were made (a full disk) raises :class:`WriteError` naming the files already
    written.
    """
    ordered = sorted(changes, key=lambda item: str(item[0].path.resolve()))
    with contextlib.ExitStack() as stack:
        for handle, _ in ordered:
            stack.enter_context(handle._locked())  # noqa: SLF001 - the same class's own lock, taken for all
        made = []
        for handle, change in changes:
            handle._refresh()  # noqa: SLF001
            made.append(change(handle.assessment))
        written: list[str] = []
        for (handle, _), assessment in zip(changes, made, strict=True):
            try:
                handle._write(assessment)  # noqa: SLF001
            except WriteError as exc:
                if not written:
                    raise
                raise WriteError(exc.path, f"{exc.reason} (already saved: {', '.join(written)})") from None
            written.append(str(handle.path))


def response_is_open(response: Response) -> bool:
    """Still to answer: not yet assessed, or a suggested rating a person has not confirmed."""
    return not response.is_assessed or response.prefilled


def merge_assessments(base: Assessment, ours: Assessment, theirs: Assessment, *, source: str) -> Assessment:
    """``theirs`` with the changes from ``base`` to ``ours`` made to it too: a three-way merge.

    Field by field, and response by response (by criterion): what only one side changed is taken from
    it. What both changed, differently, is a conflict: :class:`WriteError` naming every one of them.
    """
    if theirs in (base, ours):
        return ours
    if ours == base:
        return theirs
    conflicts: list[str] = []

    def pick(name: str, was: Any, mine: Any, other: Any) -> Any:  # noqa: ANN401 - any field's value
        if mine in (was, other):
            return other
        if other != was:
            conflicts.append(name)
        return mine

    fields = {
        field.name: pick(field.name, *(getattr(version, field.name) for version in (base, ours, theirs)))
        for field in attrs.fields(Assessment)
        if field.name != "responses"
    }
    was_by, mine_by, other_by = ({r.criterion: r for r in a.responses} for a in (base, ours, theirs))
    criteria = [*other_by, *(c for c in mine_by if c not in other_by)]
    chosen = [pick(c, was_by.get(c), mine_by.get(c), other_by.get(c)) for c in criteria]
    if conflicts:
        reason = (
            f"{', '.join(conflicts)} changed both here and in another session since this one read the file; "
            "nothing is written: read the file again and make the change again"
        )
        raise WriteError(source, reason)
    return evolve(theirs, responses=tuple(r for r in chosen if r is not None), **fields)
