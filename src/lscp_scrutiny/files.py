"""Reading and writing checklist and assessment files (YAML or JSON), safely and with readable errors.

Every file carries a ``schema_version``. Reading collects every problem in a file and raises one
:class:`~lscp_scrutiny.errors.InvalidInputError` holding them all, each naming the file, the field path
and, for YAML, the line. Writing is atomic: a file is either the old one or the new one, never half.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import cattrs
from attrs import evolve, frozen

from lscp_scrutiny.codec.converters import (
    Format,
    converter_for,
    explain,
    json_converter,
    make_converter,
    show_number,
)
from lscp_scrutiny.errors import InvalidInputError, PathPart, Problem, WriteError
from lscp_scrutiny.model import Assessment, Checklist, Partnership

SCHEMA_VERSION = 1
"""The file format version this release reads and writes (see docs/file-formats.md for the policy)."""

FileKind = Literal["json", "yaml", "xlsx", "csv"]
"""The kinds of file read, each with its size limit: the two formats, spreadsheet workbooks and CSV."""

MAX_FILE_BYTES: dict[FileKind, int] = {
    "json": 16 * 1024 * 1024,
    "yaml": 4 * 1024 * 1024,
    "xlsx": 16 * 1024 * 1024,
    "csv": 16 * 1024 * 1024,
}
"""Largest file read, by kind. An assessment of the built-in checklist is about 40 KiB in YAML and 50 KiB
as a workbook. YAML is parsed in pure Python, so its limit is lower: a file at the limit is refused in
seconds, not minutes."""


def _limit(kind: FileKind) -> str:
    return f"{MAX_FILE_BYTES[kind] // (1024 * 1024)} MiB"


T = TypeVar("T")
Locator = Callable[[tuple[PathPart, ...]], int | None]


def check_format(fmt: str) -> Format:
    """``fmt`` if it is a format lscp-scrutiny reads and writes; :class:`ValueError` if not."""
    if fmt not in ("json", "yaml"):
        msg = f"unknown file format {fmt!r}: expected 'yaml' or 'json'"
        raise ValueError(msg)
    return fmt  # type: ignore[return-value]


def format_of(path: str | os.PathLike[str]) -> Format:
    """The file format a path's suffix names; :class:`InvalidInputError` for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "json"
    raise InvalidInputError(
        [Problem(source=str(path), message="unsupported file type: expected .yaml, .yml or .json")]
    )


def _no_line(_path: tuple[PathPart, ...]) -> int | None:
    return None


def _reject_constant(name: str) -> Any:  # noqa: ANN401
    raise ValueError(f"{name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON keeps the last of two equal keys without a word; a person's first answer would be lost.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key {duplicate!r}")
    return result


def parse(data: bytes | str, fmt: Format, source: str) -> tuple[Any, Locator]:
    """Parse text into plain data, and a function giving the line of a field path where known."""
    fmt = check_format(fmt)
    if len(data) > MAX_FILE_BYTES[fmt]:
        raise _one(source, f"file is larger than the {_limit(fmt)} limit for {fmt.upper()}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _one(source, f"not UTF-8 text (byte {exc.start})") from None
    else:
        text = data
    if not text.strip():
        raise _one(source, "file is empty")
    if fmt == "json":
        try:
            return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys), _no_line
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                [Problem(source=source, line=exc.lineno, message=f"not valid JSON: {exc.msg}")]
            ) from None
        except ValueError as exc:
            raise _one(source, f"not valid JSON: {exc}") from None
        except RecursionError:
            raise _one(source, "the document is nested too deeply") from None
    from lscp_scrutiny.codec import yaml as _yaml  # noqa: PLC0415 - the YAML library loads only when YAML is read

    try:
        doc = _yaml.parse(text)
    except _yaml.YamlProblem as exc:
        raise InvalidInputError([Problem(source=source, line=exc.line, message=exc.message)]) from None
    return doc, lambda path: _yaml.line_of(doc, path)


def _one(source: str, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(source=source, message=message)])


def read_bytes(path: str | os.PathLike[str], fmt: FileKind | None = None) -> bytes:
    """Read a file for loading, refusing directories, devices, missing and oversized files in one line.

    ``fmt`` is the kind of file (its suffix's format if not given), which sets the size limit. Never
    reads more than that limit (plus one byte, to tell that it is over), so a device
    such as ``/dev/zero`` or a file still growing cannot exhaust memory.
    """
    source = str(path)
    p = Path(path)
    try:
        # One look before opening: opening a named pipe with no writer would wait for ever.
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise _one(source, "is a directory, not a file")
        fmt = fmt or format_of(path)
        if not stat.S_ISREG(mode):
            raise _one(source, "is not a regular file")
        with p.open("rb") as stream:
            if not os.path.isfile(stream.fileno()):
                raise _one(source, "is not a regular file")
            data = stream.read(MAX_FILE_BYTES[fmt] + 1)
    except FileNotFoundError:
        raise _one(source, "no such file") from None
    except PermissionError:
        raise _one(source, "permission denied") from None
    except OSError as exc:
        raise _one(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES[fmt]:
        raise _one(source, f"file is larger than the {_limit(fmt)} limit for {fmt.upper()}")
    return data


def _check_version(version: object, source: str, locate: Locator) -> None:
    """The file's ``schema_version`` is one this release reads."""
    where = {"source": source, "path": ("schema_version",), "line": locate(("schema_version",))}
    if version is None:
        raise InvalidInputError(
            [Problem(source=source, message="schema_version is missing (this release writes 1)")]
        )
    if isinstance(version, bool) or not isinstance(version, int):
        message = "must be a whole number"
    elif version > SCHEMA_VERSION:
        newer = f"{show_number(version)} is newer than this release reads ({SCHEMA_VERSION})"
        message = f"{newer}; upgrade lscp-scrutiny"
    elif version < 1:
        message = f"{show_number(version)} is not a version lscp-scrutiny ever wrote"
    else:
        return
    raise InvalidInputError([Problem(message=message, **where)])  # type: ignore[arg-type]


def _structure(
    data: Any,  # noqa: ANN401
    kind: type[T],
    *,
    fmt: Format,
    source: str,
    locate: Locator,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> T:
    if not isinstance(data, Mapping):
        raise InvalidInputError(
            [Problem(source=source, line=locate(()), message="expected a mapping of fields at the top")]
        )
    body = dict(data)
    _check_version(body.pop("schema_version", None), source, locate)
    if prepare is not None:
        body = prepare(body)
    if kind is Assessment and fmt == "json":
        fast = _fast_assessment(body)
        if fast is not None:
            return fast  # type: ignore[return-value] # kind is Assessment here
    try:
        return converter_for(fmt).structure(body, kind)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise InvalidInputError(
            [
                Problem(source=source, path=path, line=locate(path) if path else None, message=message)
                for path, message in explain(exc)
            ]
        ) from None


def _fast_assessment(body: dict[str, Any]) -> Assessment | None:
    """The responses by the hand-written fast path, the rest by cattrs; ``None`` means "read it slowly".

    Only ever an optimisation: whenever the fast path meets anything unusual, the whole file is read
    again by the converter, which reports every problem in its own words.
    """
    from lscp_scrutiny.codec import _fast  # noqa: PLC0415 - only bulk JSON reading needs it

    try:
        responses = _fast.responses(body.get("responses"))
        rest = {key: value for key, value in body.items() if key != "responses"}
        return evolve(json_converter.structure(rest, Assessment), responses=responses)
    except (_fast.Unusual, cattrs.BaseValidationError, ValueError, TypeError, KeyError):
        return None


def _unstructure(obj: Any, fmt: Format) -> dict[str, Any]:  # noqa: ANN401
    body = converter_for(fmt).unstructure(obj)
    return {"schema_version": SCHEMA_VERSION, **body}


def _render(document: Any, fmt: Format) -> str:  # noqa: ANN401
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    from lscp_scrutiny.codec import yaml as _yaml  # noqa: PLC0415

    return _yaml.dump(document)


# --- checklists ------------------------------------------------------------------------------------


def _inherit_from_sections(body: dict[str, Any]) -> dict[str, Any]:
    """Criteria take their section's question and theme unless they state their own."""
    sections = body.get("sections")
    if not isinstance(sections, list):
        return body
    new_sections: list[Any] = []
    for section in sections:
        if isinstance(section, Mapping) and isinstance(section.get("criteria"), list):
            criteria = []
            for criterion in section["criteria"]:
                if isinstance(criterion, Mapping):
                    criterion = dict(criterion)  # noqa: PLW2901 - a copy, never the caller's data
                    for key in ("question", "theme"):
                        if key not in criterion and key in section:
                            criterion[key] = section[key]
                criteria.append(criterion)
            section = {**section, "criteria": criteria}  # noqa: PLW2901
        new_sections.append(section)
    return {**body, "sections": new_sections}


def _omit_inherited(document: dict[str, Any]) -> dict[str, Any]:
    """Leave out a criterion's question and theme where they are its section's; keep a differing ``null``."""
    for section in document.get("sections", []):
        for criterion in section.get("criteria", []):
            for key in ("question", "theme"):
                if criterion.get(key) == section.get(key):
                    criterion.pop(key, None)
                elif key not in criterion:  # None was omitted, but the section has a value to inherit
                    criterion[key] = None
    return document


def loads_checklist(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Checklist:
    """Read a checklist from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return _structure(
        parsed, Checklist, fmt=fmt, source=source, locate=locate, prepare=_inherit_from_sections
    )


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Read a checklist file (``.yaml``, ``.yml`` or ``.json``)."""
    if Path(path).is_dir():
        raise _one(str(path), "is a directory, not a file")
    fmt = format_of(path)
    return loads_checklist(read_bytes(path, fmt), fmt, source=str(path))


def dumps_checklist(checklist: Checklist, fmt: Format = "yaml") -> str:
    """A checklist as YAML or JSON text."""
    return _render(_omit_inherited(_unstructure(checklist, fmt)), fmt)


def save_checklist(checklist: Checklist, path: str | os.PathLike[str]) -> None:
    """Write a checklist file atomically, in the format its suffix names."""
    atomic_write(path, dumps_checklist(checklist, format_of(path)).encode("utf-8"))


_HASHES: weakref.WeakKeyDictionary[Checklist, str] = weakref.WeakKeyDictionary()


def content_hash(checklist: Checklist) -> str:
    """A hash of everything in a checklist, written into every assessment that answers it.

    Worked out once per checklist object: evaluating thousands of assessments against one checklist
    must not serialise it thousands of times.
    """
    found = _HASHES.get(checklist)
    if found is None:
        found = _HASHES[checklist] = _content_hash(checklist)
    return found


def _content_hash(checklist: Checklist) -> str:
    """A hash of everything in a checklist, written into every assessment that answers it."""
    # Every field, defaults included, so that the hash never depends on how files are written; and not
    # who contributed each criterion, which is provenance, not content.
    full = make_converter("json", omit_defaults=False).unstructure(checklist)
    for section in full["sections"]:
        for criterion in section["criteria"]:
            criterion.pop("contributed_by", None)
    canonical = json.dumps(full, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- partnerships ----------------------------------------------------------------------------------


def loads_partnership(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Partnership:
    """Read a partnership (with its scrutiny arrangement) from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return _structure(parsed, Partnership, fmt=fmt, source=source, locate=locate)


def load_partnership(path: str | os.PathLike[str]) -> Partnership:
    """Read a partnership file: its name, area, partners, relevant agencies and scrutiny arrangement."""
    if Path(path).is_dir():
        raise _one(str(path), "is a directory, not a file")
    fmt = format_of(path)
    return loads_partnership(read_bytes(path, fmt), fmt, source=str(path))


def dumps_partnership(partnership: Partnership, fmt: Format = "yaml") -> str:
    """A partnership as YAML or JSON text."""
    return _render(_unstructure(partnership, fmt), fmt)


# --- assessments -----------------------------------------------------------------------------------


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


WORKBOOK_SUFFIXES = frozenset({".xlsx"})
"""Suffixes read as assessment workbooks (see :mod:`lscp_scrutiny.io.workbook`)."""


def check_assessment_suffix(path: str | os.PathLike[str]) -> None:
    """An assessment is YAML, JSON or a workbook; :class:`InvalidInputError` naming all three if not."""
    if Path(path).suffix.lower() not in WORKBOOK_SUFFIXES:
        try:
            format_of(path)
        except InvalidInputError:
            message = "unsupported file type: expected .yaml, .yml, .json or .xlsx"
            raise _one(str(path), message) from None


def read_assessment(path: str | os.PathLike[str]) -> AssessmentDocument:
    """Read an assessment file, keeping what is needed to point at lines (or cells) in later messages.

    ``.yaml``, ``.yml`` and ``.json`` files, and workbooks (``.xlsx``) written by ``lscp-scrutiny new``.
    """
    source = str(path)
    if Path(path).is_dir():
        raise _one(source, "is a directory, not a file")
    check_assessment_suffix(path)
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        from lscp_scrutiny.io.workbook import read_workbook  # noqa: PLC0415 - openpyxl only when needed

        read = read_workbook(read_bytes(path, "xlsx"), source=source)
        return AssessmentDocument(read.assessment, source, _no_line, place=read.place_of)
    fmt = format_of(path)
    parsed, locate = parse(read_bytes(path, fmt), fmt, source)
    if isinstance(parsed, Mapping) and "sections" in parsed and "responses" not in parsed:
        raise _one(
            source, "this is a checklist file, not an assessment (see it with `lscp-scrutiny show FILE`)"
        )
    return AssessmentDocument(
        _structure(parsed, Assessment, fmt=fmt, source=source, locate=locate), source, locate, parsed=parsed
    )


def loads_assessment(data: bytes | str, fmt: Format = "yaml", *, source: str = "<data>") -> Assessment:
    """Read an assessment from YAML or JSON text."""
    parsed, locate = parse(data, fmt, source)
    return _structure(parsed, Assessment, fmt=fmt, source=source, locate=locate)


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    """Read an assessment file (``.yaml``, ``.yml``, ``.json``, or an ``.xlsx`` assessment workbook)."""
    return read_assessment(path).assessment


def dumps_assessment(assessment: Assessment, fmt: Format = "yaml") -> str:
    """An assessment as YAML or JSON text."""
    return _render(_unstructure(assessment, fmt), fmt)


def save_assessment(assessment: Assessment, path: str | os.PathLike[str]) -> None:
    """Write an assessment file atomically, in the format its suffix names."""
    atomic_write(path, dumps_assessment(assessment, format_of(path)).encode("utf-8"))


def as_json_data(obj: Any) -> Any:  # noqa: ANN401
    """Any model object as plain JSON-ready data."""
    return json_converter.unstructure(obj)


# --- atomic writes ---------------------------------------------------------------------------------


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and then renamed over the
    target in one step. An existing file keeps its permissions. Any failure raises
    :class:`~lscp_scrutiny.errors.WriteError` and leaves the old file as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise WriteError(str(path), "is a directory")
    if target.exists() and not target.is_file():  # a device such as /dev/null must never be replaced
        raise WriteError(str(path), "is not a regular file")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(str(path), exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise WriteError(str(path), exc.strerror or str(exc)) from None
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
