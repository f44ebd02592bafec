"""Files that can hold restricted text are written 0600, and no temporary file leaves it readable (issue 13.12).

Assessments, reports and summaries hold notes and evidence about children and practitioners: each is
written readable by its owner alone, whatever the umask, unless it is a public version (``report
--public``). A writer killed at any moment leaves no copy others can read, and the next write removes
whatever temporary file it left.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.files import atomic_write
from lscp_scrutiny.io.assessment_file import AssessmentFile

Capsys = pytest.CaptureFixture[str]
EXAMPLE = Path(__file__).parent.parent / "examples" / "northshire-2026.yaml"
SECRET = b"Notes: the child's name is restricted\n" * 200

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most systems start with (022): files others can read unless the writer says otherwise."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


@pytest.fixture(params=["unnamed", "named"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a temporary file is made: with no name (Linux's O_TMPFILE), or hidden and named."""
    if request.param == "named":
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    elif not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE on this system")
    return str(request.param)


# --- the modes of what is written -------------------------------------------------------------------


@pytest.mark.usefixtures("usual_umask")
def test_every_output_that_can_hold_restricted_text_is_0600(capsys: Capsys, tmp_path: Path) -> None:
    made = {}
    for name in ("blank.yaml", "blank.json", "blank.xlsx"):
        path = tmp_path / name
        assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(path)).code == 0
        made[name] = path
    converted = tmp_path / "converted.json"
    assert run(capsys, "convert", str(EXAMPLE), "-o", str(converted)).code == 0
    made[converted.name] = converted
    for suffix in ("html", "md", "json", "csv", "txt"):
        report = tmp_path / f"report.{suffix}"
        assert run(capsys, "report", str(EXAMPLE), "-o", str(report)).code == 0
        made[report.name] = report
    wide = tmp_path / "wide.txt"
    assert (
        run(capsys, "report", str(EXAMPLE), "--format", "text", "--width", "120", "-o", str(wide)).code == 0
    )
    made[wide.name] = wide
    saved = tmp_path / "saved.yaml"
    ls.save_assessment(ls.load_assessment(EXAMPLE), saved)  # the library writes private too
    made[saved.name] = saved
    assert {name: oct(mode(path)) for name, path in made.items()} == dict.fromkeys(made, oct(0o600))
    assert all(p.name in made for p in tmp_path.iterdir())  # and nothing else was left


@pytest.mark.usefixtures("usual_umask")
def test_a_public_report_follows_the_umask(capsys: Capsys, tmp_path: Path) -> None:
    public = tmp_path / "public.html"
    assert run(capsys, "report", str(EXAMPLE), "--public", "-o", str(public)).code == 0
    assert mode(public) == 0o644
    os.umask(0o027)
    stricter = tmp_path / "public.md"
    assert run(capsys, "report", str(EXAMPLE), "--public", "-o", str(stricter)).code == 0
    assert mode(stricter) == 0o640


@pytest.mark.usefixtures("usual_umask")
def test_a_file_replaced_becomes_private_or_keeps_a_stricter_mode(tmp_path: Path) -> None:
    assessment = ls.load_assessment(EXAMPLE)
    path = tmp_path / "a.yaml"
    path.write_text("old")
    path.chmod(0o644)
    ls.save_assessment(assessment, path)
    assert mode(path) == 0o600  # readable by others before: not after an assessment is written to it
    path.chmod(0o400)
    ls.save_assessment(assessment, path)
    assert mode(path) == 0o400  # stricter than 0600: kept
    public = tmp_path / "public.html"
    public.write_text("old")
    public.chmod(0o664)
    atomic_write(public, b"public", private=False)
    assert mode(public) == 0o664  # a public file replaced keeps its mode, as before


@pytest.mark.usefixtures("usual_umask")
def test_the_guided_assessment_saves_private(tmp_path: Path, checklist: ls.Checklist) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    path.chmod(0o644)
    opened = AssessmentFile(path, checklist)
    first = checklist.criteria[0].id
    opened.save(ls.rate(opened.assessment, checklist, first, "met"))
    assert mode(path) == 0o600


# --- temporary files --------------------------------------------------------------------------------

KILLED_AT = textwrap.dedent(
    """
    import os, signal, sys
    step, target = sys.argv[1], sys.argv[2]
    if sys.argv[3] == "named":
        del os.O_TMPFILE
    from lscp_scrutiny.files import atomic_write

    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(os, step, killed)
    atomic_write(target, b"Notes: the child's name is restricted\\n" * 200)
    """
)


@pytest.mark.usefixtures("usual_umask")
@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_writer_killed_mid_write_leaves_nothing_readable_and_the_next_write_tidies(
    tmp_path: Path, step: str, way: str, existing: bool
) -> None:
    """Killed while the bytes go to disk, or just before the rename: no copy others can read, none kept."""
    target = tmp_path / "out.html"
    if existing:
        target.write_bytes(b"the report before")
        target.chmod(0o600)
    script = tmp_path.parent / f"killed-{tmp_path.name}.py"
    script.write_text(KILLED_AT)
    done = subprocess.run([sys.executable, str(script), step, str(target), way], check=False)
    script.unlink()
    if existing or target.exists():  # a new file named in one step has no rename to be killed at
        assert target.read_bytes() in (b"the report before", SECRET)
        assert mode(target) == 0o600
    for left in tmp_path.iterdir():
        if left != target:  # a temporary file: if any, hidden and its owner's alone
            assert left.name.startswith(".out.html.")
            assert mode(left) & 0o077 == 0, f"{left.name} is readable by others: {oct(mode(left))}"
    assert done.returncode in (-signal.SIGKILL, 0)
    atomic_write(target, b"the next report")  # the next run to write this file
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]
    assert target.read_bytes() == b"the next report"


@pytest.mark.usefixtures("usual_umask")
def test_a_temporary_file_exists_only_0600(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """However a temporary file is made, it is never readable by others, not for a moment."""
    seen: list[tuple[str, int]] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        seen.append((way, stat.S_IMODE(os.fstat(fd).st_mode)))
        seen.extend(("named", mode(p)) for p in tmp_path.iterdir() if p.name.startswith("."))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    atomic_write(tmp_path / "report.html", SECRET)
    atomic_write(tmp_path / "report.html", SECRET)
    monkeypatch.undo()
    assert seen
    assert all(found & 0o077 == 0 for _, found in seen), seen


def test_stale_temporary_files_do_not_accumulate(tmp_path: Path) -> None:
    """A dead writer's file goes at the next write; a live writer's stays; an old-style one goes when old."""
    target = tmp_path / "out.html"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
        )
        dead_pid = int(dead.stdout)
        left = tmp_path / f".out.html.{dead_pid}.a1b2c3d4.tmp"
        live = tmp_path / f".out.html.{sleeper.pid}.a1b2c3d4.tmp"
        old_style = tmp_path / ".out.html.k2j4h5g6.tmp"  # as 0.1 named them, with no process number
        fresh_old_style = tmp_path / ".out.html.z9y8x7w6.tmp"
        other = tmp_path / ".other.html.123.a1b2c3d4.tmp"  # another file's: not this write's business
        for path in (left, live, old_style, fresh_old_style, other):
            path.write_bytes(SECRET)
            path.chmod(0o600)
        long_ago = old_style.stat().st_mtime - 2 * 3600
        os.utime(old_style, (long_ago, long_ago))
        atomic_write(target, b"report")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [target.name, live.name, fresh_old_style.name, other.name]
        )
    finally:
        sleeper.kill()
        sleeper.wait()
