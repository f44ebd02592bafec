"""Opening ``.xlsx`` bytes safely: a zip archive of bounded size, then openpyxl in read-only mode."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""Most bytes a workbook may unpack to. An assessment workbook unpacks to well under 1 MiB; the cap
stops a small file that unpacks to gigabytes (a zip bomb) before anything is unpacked."""


def open_workbook(data: bytes, source: str) -> Any:  # noqa: ANN401 - an openpyxl read-only workbook
    """Open ``.xlsx`` bytes read-only for values and formulas, refusing what is not a workbook in one line."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInputError(
            [Problem(source=source, message="not a readable .xlsx workbook (not a zip archive)")]
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 2**20
        message = f"the workbook unpacks to {unpacked // 2**20:,} MiB, more than the {limit} MiB limit"
        raise InvalidInputError([Problem(source=source, message=message)])
    if "xl/workbook.xml" not in names:
        raise InvalidInputError(
            [Problem(source=source, message="not a readable .xlsx workbook (no xl/workbook.xml)")]
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidInputError(
            [Problem(source=source, message=f"not a readable .xlsx workbook ({reason})")]
        ) from None


def is_assessment_workbook(data: bytes) -> bool:
    """Whether ``.xlsx`` bytes are an assessment workbook (as against, say, a survey export)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            listing = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return False
    return f'name="{L.HIDDEN}"'.encode() in listing
