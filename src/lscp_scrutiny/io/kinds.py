"""The one table of file kinds: which suffixes name which kind, and how large each may be.

Every command and every ``load_*``/``save_*`` decides what a file is here, and nowhere else. What each
kind of document may be stored as is a tuple of kinds (:data:`ASSESSMENT_KINDS` and the rest), in the
order messages list them. Adding a kind of file (``.ods``, say) starts with a row in :data:`KINDS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from lscp_scrutiny.codec.text import MAX_TEXT_BYTES, Format
from lscp_scrutiny.errors import InvalidInputError, Problem


@frozen
class FileKind:
    """A kind of file: its name, the suffixes that name it, and the largest file of it read."""

    name: str
    suffixes: tuple[str, ...]
    max_bytes: int
    text_format: Format | None = None
    """For the text formats, the codec format (``yaml`` or ``json``); ``None`` for spreadsheets."""

    @property
    def limit(self) -> str:
        """The size limit as people read it (``16 MiB``)."""
        return f"{self.max_bytes // (1024 * 1024)} MiB"


YAML = FileKind("yaml", (".yaml", ".yml"), MAX_TEXT_BYTES["yaml"], "yaml")
JSON = FileKind("json", (".json",), MAX_TEXT_BYTES["json"], "json")
XLSX = FileKind("xlsx", (".xlsx",), 16 * 1024 * 1024)
"""An Excel workbook: an assessment workbook (``lscp-scrutiny new -o FILE.xlsx``) or a survey export.
An assessment workbook of the built-in checklist is about 50 KiB."""
CSV = FileKind("csv", (".csv",), 16 * 1024 * 1024)
"""A survey export, a row per partnership."""

KINDS: tuple[FileKind, ...] = (YAML, JSON, XLSX, CSV)
"""Every kind of file lscp-scrutiny reads."""

ASSESSMENT_KINDS = (YAML, JSON, XLSX)
CHECKLIST_KINDS = (YAML, JSON)
PARTNERSHIP_KINDS = (YAML, JSON)
SURVEY_KINDS = (CSV, XLSX)
NATIONAL_KINDS = (CSV, XLSX, YAML, JSON)
"""What ``lscp-scrutiny national`` reads: survey exports, partnership files and assessments."""

_BY_NAME = {kind.name: kind for kind in KINDS}


def by_name(name: str) -> FileKind:
    """The kind with this name (``yaml``, ``json``, ``xlsx``, ``csv``)."""
    return _BY_NAME[name]


def suffix_list(kinds: tuple[FileKind, ...]) -> str:
    """The suffixes of some kinds as a message lists them: ``.yaml, .yml or .json``."""
    suffixes = [suffix for kind in kinds for suffix in kind.suffixes]
    return suffixes[0] if len(suffixes) == 1 else f"{', '.join(suffixes[:-1])} or {suffixes[-1]}"


def find_kind(path: str | os.PathLike[str], kinds: tuple[FileKind, ...] = KINDS) -> FileKind | None:
    """The kind among ``kinds`` that a path's suffix names, or ``None``."""
    suffix = Path(path).suffix.lower()
    return next((kind for kind in kinds if suffix in kind.suffixes), None)


def files_of_kinds(paths: Iterable[str | os.PathLike[str]], kinds: tuple[FileKind, ...]) -> list[Path]:
    """The files the paths name: a file as it is, a folder its files of one of ``kinds`` (sorted by name).

    A file named directly is kept whatever its suffix, so that reading it says what is wrong with it.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and find_kind(p, kinds) is not None)
        else:
            found.append(path)
    return found


def kind_of(path: str | os.PathLike[str], kinds: tuple[FileKind, ...] = KINDS) -> FileKind:
    """The kind among ``kinds`` that a path's suffix names; :class:`InvalidInputError` naming them if none."""
    found = find_kind(path, kinds)
    if found is None:
        message = f"unsupported file type: expected {suffix_list(kinds)}"
        raise InvalidInputError([Problem(source=str(path), message=message)])
    return found


def text_format_of(path: str | os.PathLike[str]) -> Format:
    """The text format (YAML or JSON) a path's suffix names; :class:`InvalidInputError` for any other."""
    fmt = kind_of(path, (YAML, JSON)).text_format
    assert fmt is not None  # noqa: S101 - both kinds are text
    return fmt
