"""Reading and writing files safely: bounded reads that refuse what is not a regular file, atomic writes.

Writing is atomic: a file is either the old one or the new one, never half.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from lscp_scrutiny.codec.text import one_problem
from lscp_scrutiny.errors import WriteError
from lscp_scrutiny.io.kinds import JSON, KINDS, YAML, FileKind, by_name, kind_of

MAX_FILE_BYTES: dict[str, int] = {kind.name: kind.max_bytes for kind in KINDS}
"""Largest file read, by kind (from :data:`lscp_scrutiny.io.kinds.KINDS`)."""


def read_bytes(path: str | os.PathLike[str], kind: FileKind | str | None = None) -> bytes:
    """Read a file for loading, refusing directories, devices, missing and oversized files in one line.

    ``kind`` (a :class:`~lscp_scrutiny.io.kinds.FileKind` or its name; by default the one its suffix
    names) sets the size limit. Never reads more than that limit (plus one byte, to tell that it is
    over), so a device such as ``/dev/zero`` or a file still growing cannot exhaust memory.
    """
    source = str(path)
    p = Path(path)
    try:
        # One look before opening: opening a named pipe with no writer would wait for ever.
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise one_problem(source, "is a directory, not a file")
        found = by_name(kind) if isinstance(kind, str) else kind or kind_of(path, (YAML, JSON))
        if not stat.S_ISREG(mode):
            raise one_problem(source, "is not a regular file")
        with p.open("rb") as stream:
            if not os.path.isfile(stream.fileno()):
                raise one_problem(source, "is not a regular file")
            data = stream.read(found.max_bytes + 1)
    except FileNotFoundError:
        raise one_problem(source, "no such file") from None
    except PermissionError:
        raise one_problem(source, "permission denied") from None
    except OSError as exc:
        raise one_problem(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > found.max_bytes:
        raise one_problem(source, f"file is larger than the {found.limit} limit for {found.name.upper()}")
    return data


def refuse_directory(path: str | os.PathLike[str]) -> None:
    """:class:`InvalidInputError` if ``path`` is a folder: said before its suffix is judged."""
    if Path(path).is_dir():
        raise one_problem(str(path), "is a directory, not a file")


def refuse_missing(path: str | os.PathLike[str]) -> None:
    """:class:`InvalidInputError` if nothing is at ``path``: said before its suffix is judged."""
    if not Path(path).exists():
        raise one_problem(str(path), "no such file or folder")


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
