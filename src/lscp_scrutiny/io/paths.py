"""Reading and writing files safely: bounded reads that refuse what is not a regular file, atomic writes.

Writing is atomic: a file is either the old one or the new one, never half. What is written is private
(mode 0600) unless the caller says it may be read by others: :func:`atomic_write` is the one place that
decides a written file's mode.

:mod:`tempfile` and :mod:`secrets` are imported only when a file is written the named way: together they
take about 6 ms to import (``shutil``, ``random``), which every command that only reads (``validate``,
``report`` to the terminal) would otherwise pay.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
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


PRIVATE_MODE = 0o600
"""The mode of a file written ``private``: read and written by its owner only."""

STALE_AFTER_SECONDS = 3600
"""A temporary file left behind is removed once this old, even if its writer may be running (see below)."""


def atomic_write(path: str | os.PathLike[str], data: bytes, *, private: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    ``private`` (the default) is for anything that can hold restricted text (an assessment, a report, a
    summary): the file is written with mode 0600, read and written by its owner only, or with the
    mode of the file it replaces where that is stricter (0400, say). ``private=False`` is for what may be
    read by anyone the folder lets in (``report --public``): a new file follows the umask, a file
    replaced keeps its mode.

    The bytes never sit in a file another account can read. Where the system allows it (Linux), they
    are written to a file with no name in the target's folder, which a crash or a kill leaves nothing of,
    and which gets its name only when whole; elsewhere, to a hidden temporary file created 0600
    (``.NAME.PID.XXXXXXXX.tmp``). Either way the file is flushed to disk and renamed over the target in
    one step. A temporary file left by a writer that was killed is removed by the next write to the
    same target once its process has gone (or, where that cannot be told, once it is an hour old), so
    none accumulate. Any failure raises :class:`~lscp_scrutiny.errors.WriteError` and leaves the old
    file as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise WriteError(str(path), "is a directory")
    if target.exists() and not target.is_file():  # a device such as /dev/null must never be replaced
        raise WriteError(str(path), "is not a regular file")
    try:
        existing = target.stat().st_mode & 0o7777 if target.exists() else None
        mode = _mode_for(existing, private=private)
        _remove_stale_temporaries(folder, target.name)
        if not _write_unnamed(folder, target, data, mode):
            _write_named(folder, target, data, mode)
    except OSError as exc:
        raise WriteError(str(path), exc.strerror or str(exc)) from None
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(existing: int | None, *, private: bool) -> int:
    """A written file's mode: 0600 (or stricter, as it was) if private; else as it was, or the umask's."""
    if private:
        return PRIVATE_MODE if existing is None else PRIVATE_MODE & existing
    return existing if existing is not None else 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask: read where the system says it (Linux), else set and restored."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def _fill(fd: int, data: bytes, mode: int) -> None:
    """Write, set the mode on and flush to disk an open temporary file; closes ``fd``."""
    with os.fdopen(fd, "wb") as tmp:
        if hasattr(os, "fchmod"):  # before a byte is written (Windows has no such modes)
            os.fchmod(tmp.fileno(), mode)
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())


def _write_unnamed(folder: Path, target: Path, data: bytes, mode: int) -> bool:
    """Write through a file with no name (``O_TMPFILE``), named only when whole; ``False`` if not possible."""
    unnamed = getattr(os, "O_TMPFILE", 0)
    if not unnamed or not Path("/proc/self/fd").is_dir():
        return False
    try:
        fd = os.open(folder, unnamed | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), PRIVATE_MODE)
    except OSError:  # the file system cannot (or the folder refuses; the named way says which)
        return False
    try:
        _fill(os.dup(fd), data, mode)  # closes the duplicate; fd stays open to be linked
        # Linked by its descriptor: with a folder descriptor given, os.link follows /proc's link to the file.
        source = f"/proc/self/fd/{fd}"
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            try:
                os.link(source, target.name, dst_dir_fd=dir_fd, follow_symlinks=True)
            except FileExistsError:
                pass  # the target is there: the file is named beside it, then renamed over it
            except OSError:
                return False  # linking by descriptor is not allowed here: the named way says what fails
            else:
                return True  # a new target, named in one step once whole
            named = _temporary_name(target.name)
            os.link(source, named, dst_dir_fd=dir_fd, follow_symlinks=True)
            try:
                os.replace(named, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(named, dir_fd=dir_fd)
                raise
            return True
        finally:
            os.close(dir_fd)
    finally:
        os.close(fd)


def _write_named(folder: Path, target: Path, data: bytes, mode: int) -> None:
    """Write through a hidden temporary file created 0600, then rename it over the target."""
    import tempfile  # noqa: PLC0415 - only for this way of writing (see the module's docstring)

    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        _fill(fd, data, mode)
        os.replace(tmp_name, target)
    except BaseException:  # a failure, or Ctrl-C: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _temporary_name(name: str) -> str:
    import secrets  # noqa: PLC0415 - only when a file is written (see the module's docstring)

    return f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove the temporary files of ``name`` that writers killed before they finished left in ``folder``.

    Only this account's regular files named as :func:`atomic_write` names them: those whose process is no
    longer running, and any (an earlier release's have no process number) an hour old or more.
    """
    ours = re.compile(rf"\.{re.escape(name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    me = os.geteuid() if hasattr(os, "geteuid") else None  # Windows has no owners to tell apart here
    for entry in entries:
        found = ours.fullmatch(entry.name)
        if found is None:
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (me is not None and info.st_uid != me):
                continue
            pid = int(found[1]) if found[1] else None
            gone = pid is not None and pid != os.getpid() and not _running(pid)
            if gone or now - info.st_mtime >= STALE_AFTER_SECONDS:
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    """Whether a process with this number runs on this machine (``True`` where that cannot be told)."""
    if os.name != "posix":  # os.kill(pid, 0) ends a process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another account's, say
        return True
    return True
