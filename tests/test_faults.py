"""Faults: a writer killed at any moment, a full disk, a read-only folder, a closed pipe. Nothing is lost."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from lscp_scrutiny import cli
from lscp_scrutiny.files import atomic_write

Capsys = pytest.CaptureFixture[str]
EXAMPLE = "examples/northshire-2026.yaml"

WRITER = textwrap.dedent(
    """
    import sys
    from lscp_scrutiny.files import atomic_write
    target, first, second = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
    print("ready", flush=True)
    while True:
        atomic_write(target, first)
        atomic_write(target, second)
    """
)


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file(tmp_path: Path) -> None:
    """SIGKILL a process that keeps rewriting a file, many times: the file is always one whole version.

    And no kill leaves a copy others can read; what a kill leaves, the next write removes.
    """
    checklist = ls.get_checklist("independent-scrutiny")
    first = ls.dumps_assessment(ls.start_assessment(checklist, "First version", "A"), "json").encode()
    second = ls.dumps_assessment(
        ls.start_assessment(checklist, "Second, longer version " * 50, "B"), "json"
    ).encode()
    (tmp_path / "first.json").write_bytes(first)
    (tmp_path / "second.json").write_bytes(second)
    target = tmp_path / "assessment.json"
    target.write_bytes(first)
    target.chmod(0o600)  # as lscp-scrutiny writes it
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(7)  # noqa: S311 - random moments to kill at, not secrets
    kills = 0
    for _ in range(25):
        writer = subprocess.Popen(
            [
                sys.executable,
                str(script),
                str(target),
                str(tmp_path / "first.json"),
                str(tmp_path / "second.json"),
            ],
            stdout=subprocess.PIPE,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        kills += writer.returncode == -signal.SIGKILL
        content = target.read_bytes()
        assert content in (first, second), "a killed writer left a broken file"
        assert ls.loads_assessment(content, "json").assessor.name in {"A", "B"}  # and it reads back
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        for left in tmp_path.glob(".assessment.json.*"):  # a temporary file the kill left: its owner's only
            assert stat.S_IMODE(left.stat().st_mode) & 0o077 == 0, f"{left.name} can be read by others"
    assert kills == 25
    atomic_write(target, first)  # the next write removes what the killed writers left
    assert list(tmp_path.glob(".assessment.json.*")) == []


def _full_disk_at(failing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make one step of a write fail as a full disk does (ENOSPC)."""
    if failing == "write":  # the bytes go to /dev/full, which answers every write with ENOSPC
        real_fdopen = os.fdopen

        def full_disk(fd: int, mode: str) -> object:
            os.close(fd)
            return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode)

        monkeypatch.setattr(os, "fdopen", full_disk)
    else:

        def disk_full(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, failing, disk_full)


@pytest.mark.parametrize(
    "failing",
    [
        pytest.param(
            "write",
            marks=pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system"),
        ),
        "fsync",
        "replace",
    ],
)
def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A full disk while the bytes are written, flushed to disk or renamed into place: the old file stays."""
    checklist = ls.get_checklist("independent-scrutiny")
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path)
    before = path.read_bytes()
    _full_disk_at(failing, monkeypatch)
    with pytest.raises(ls.WriteError) as caught:
        ls.save_assessment(ls.start_assessment(checklist, "Q", "B"), path)
    assert str(caught.value) == f"{path}: could not write: No space left on device"
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left behind


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, folder permissions are not enforced, so the refusal is what the OS would say."""
    target = tmp_path / "assessment.yaml"
    target.write_text("old")

    def read_only(*_args: object, **_kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", read_only)  # every way of making the temporary file opens it
    with pytest.raises(ls.WriteError) as caught:
        atomic_write(target, b"new")
    assert str(caught.value) == f"{target}: could not write: Read-only file system"
    assert target.read_text() == "old"


# --- faults on standard output ----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_an_error_not_a_bug() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "lscp_scrutiny", "report", EXAMPLE, "--format", "markdown"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "Error: could not write the output: No space left on device\n"


def test_a_closed_pipe_is_quiet(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*_: object, **__: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(cli.cli, "main", closed)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["checklists"])
    assert stopped.value.code == 1
    assert capsys.readouterr().err == ""
