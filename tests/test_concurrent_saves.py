"""Two sessions saving one assessment file at the same moment lose no answer (issue 13.13).

Real processes, started together, each answering its own criteria through the library's save path (the
one the guided assessment uses); then the lock itself: none left behind, none that blocks for ever after
a kill, and a conflict said rather than an answer dropped. The guided assessment's own concurrent
sessions, through a terminal, are in ``test_guided.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from lscp_scrutiny.io.assessment_file import AssessmentFile

SAVER = textwrap.dedent(
    """
    import sys
    import lscp_scrutiny as ls
    from lscp_scrutiny.io.assessment_file import AssessmentFile

    path, way, criteria = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    checklist = ls.get_checklist("independent-scrutiny")
    opened = AssessmentFile(path, checklist)
    opened.lock_timeout = 600  # a loaded machine's queue of saves: waiting, never giving up, is tested here
    print("ready", flush=True)
    sys.stdin.readline()  # all start together
    for criterion in criteria:
        evidence = [ls.Evidence(kind="document", reference=f"Seen for {criterion}")]
        if way == "save":  # the whole assessment as this process last saw it, changed
            opened.save(ls.rate(opened.assessment, checklist, criterion, "met", evidence=evidence))
        else:  # a change made to whatever the file holds at the moment of saving
            opened.update(lambda now: ls.rate(now, checklist, criterion, "met", evidence=evidence))
    print("done", flush=True)
    """
)


def _start(path: Path, way: str, criteria: list[str], script: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    process = subprocess.Popen(
        [sys.executable, str(script), str(path), way, ",".join(criteria)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    return process


def _save_together(path: Path, way: str, shares: list[list[str]], script: Path) -> None:
    """One process per share of criteria, each saving its answers one by one, all started at once."""
    processes = [_start(path, way, share, script) for share in shares]
    for process in processes:  # as near the same moment as a test can
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert (process.returncode, out) == (0, "done\n")


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path.parent / f"saver-{tmp_path.name}.py"
    path.write_text(SAVER)
    return path


@pytest.mark.parametrize("way", ["save", "update"])
def test_processes_saving_one_yaml_file_at_once_keep_every_answer(
    tmp_path: Path, checklist: ls.Checklist, script: Path, way: str
) -> None:
    ids = [c.id for c in checklist.criteria][:8]
    path = tmp_path / "assessment.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "Testshire SCP", "A"), path, checklist=checklist)
    _save_together(path, way, [ids[i : i + 2] for i in range(0, 8, 2)], script)  # four processes, two each
    saved = ls.load_assessment(path)
    lost = [c for c in ids if saved.response(c).rating != "met"]
    assert lost == [], f"{len(lost)} of {len(ids)} answers lost"
    assert [saved.response(c).evidence[0].reference for c in ids] == [f"Seen for {c}" for c in ids]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assessment.yaml"]  # no lock, no temporary file


def test_processes_saving_one_workbook_at_once_keep_every_answer(
    tmp_path: Path, checklist: ls.Checklist, script: Path
) -> None:
    ids = [c.id for c in checklist.criteria]
    path = tmp_path / "assessment.xlsx"
    ls.save_assessment(ls.start_assessment(checklist, "Testshire SCP", "A"), path, checklist=checklist)
    _save_together(path, "save", [[ids[0]], [ids[1]], [ids[2]]], script)
    saved = ls.load_assessment(path)
    assert [c for c in ids[:3] if saved.response(c).rating != "met"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assessment.xlsx"]


# --- in one process: what a merge keeps, and what it refuses ----------------------------------------


def test_a_save_on_a_file_saved_meanwhile_keeps_both(tmp_path: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path, checklist=checklist)
    first, second = AssessmentFile(path, checklist), AssessmentFile(path, checklist)
    first.save(ls.rate(first.assessment, checklist, ids[0], "met"))
    second.save(ls.rate(second.assessment, checklist, ids[1], "not_met"))  # second never saw the first's
    saved = ls.load_assessment(path)
    assert [saved.response(i).rating for i in ids[:2]] == ["met", "not_met"]
    assert second.assessment == saved


def test_the_same_criterion_changed_in_two_sessions_is_refused_not_lost(
    tmp_path: Path, checklist: ls.Checklist
) -> None:
    ids = [c.id for c in checklist.criteria]
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path, checklist=checklist)
    first, second = AssessmentFile(path, checklist), AssessmentFile(path, checklist)
    first.save(ls.rate(first.assessment, checklist, ids[0], "met"))
    before = path.read_bytes()
    with pytest.raises(ls.WriteError, match=f"{ids[0]} changed both here and in another session"):
        second.save(ls.rate(second.assessment, checklist, ids[0], "not_met"))
    assert path.read_bytes() == before  # the first answer stays; nothing is written
    changed = second.update(lambda now: ls.rate(now, checklist, ids[0], "not_met"))  # made to what is there
    assert changed is False  # the refused save had already read the first's answer
    assert ls.load_assessment(path).response(ids[0]).rating == "not_met"


# --- the lock ---------------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(600)
    """
)


def lock_path(path: Path) -> Path:
    """The lock file beside an assessment file (imported here, so that the tests above run without it)."""
    from lscp_scrutiny.io.assessment_file import lock_path as beside  # noqa: PLC0415

    return beside(path)


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(path))], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    assert lock_path(path).exists()
    return holder


def test_a_lock_left_by_a_killed_session_does_not_block(tmp_path: Path, checklist: ls.Checklist) -> None:
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path, checklist=checklist)
    opened = AssessmentFile(path, checklist)
    holder = _hold_lock(path)
    holder.send_signal(signal.SIGKILL)  # killed while it held the lock: the lock file stays behind
    holder.wait()
    assert holder.stdout is not None
    holder.stdout.close()
    assert lock_path(path).exists()
    opened.lock_timeout = 60  # far longer than any save: it must not need to wait for it
    opened.save(ls.rate(opened.assessment, checklist, checklist.criteria[0].id, "met"))
    assert ls.load_assessment(path).response(checklist.criteria[0].id).rating == "met"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]  # and the stale lock file is gone


def test_a_lock_held_too_long_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, checklist: ls.Checklist
) -> None:
    path = tmp_path / "a.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "P", "A"), path, checklist=checklist)
    opened = AssessmentFile(path, checklist)
    before = path.read_bytes()
    holder = _hold_lock(path)  # a session stopped (Ctrl-Z, say) in the middle of its save
    try:
        opened.lock_timeout = 0.2
        with pytest.raises(ls.WriteError, match=r"another session has been saving it for over 0\.2 seconds"):
            opened.save(ls.rate(opened.assessment, checklist, checklist.criteria[0].id, "met"))
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    opened.save(ls.rate(opened.assessment, checklist, checklist.criteria[0].id, "met"))  # free again
    assert ls.load_assessment(path).response(checklist.criteria[0].id).rating == "met"
