"""The guided assessment, end to end in a real pseudo-terminal: answer, quit, resume, skip, jump, kill."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.files import load_assessment
from lscp_scrutiny.workbook import read_workbook

Capsys = pytest.CaptureFixture[str]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect's pseudo-terminals are POSIX only")
RATING = r"Rating \(1-4; s skip"
OWN_COMMENT = "# Our own note: the board reviews this in March."


class Session:
    """``lscp-scrutiny assess FILE`` running in a pseudo-terminal."""

    def __init__(self, path: Path, *args: str) -> None:
        env = {
            **os.environ,
            "LSCP_SCRUTINY_DISABLE_PLUGINS": "*",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "COLUMNS": "100",
            "LINES": "40",
        }
        command = [sys.executable, "-m", "lscp_scrutiny", "assess", str(path), "--date", "2026-11-27", *args]
        self.env = env
        self.child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30)

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)

    def answer(self, prompt: str, text: str) -> None:
        self.child.expect(prompt)
        self.child.sendline(text)

    def rate(self, criterion_id: str, rating: str, *, seen: bool = False, **extra: str) -> None:
        """Answer one criterion: a rating, one piece of evidence, notes and (optionally) one action."""
        if not seen:
            self.expect(criterion_id)
        self.answer(RATING, rating)
        if "justification" in extra:
            self.answer("Why does it not apply", extra["justification"])
        self.answer(r"Add a piece of evidence\? \[y/n\]", "y")
        self.answer("Kind of evidence", "1")
        self.answer(r"Reference \(where to find it\)", extra.get("reference", "Board minutes, March"))
        self.answer(r"Description \(Enter for none\)", "")
        self.answer(r"restricted\)\? \[y/n\]", "n")
        self.answer(r"Add a piece of evidence\? \[y/n\]", "n")
        self.answer(r"Notes \(Enter for none\)", extra.get("notes", ""))
        if extra.get("notes"):
            self.answer(r"Could the notes hold personal data \(restricted\)\? \[y/n\]", "y")
        if "action" in extra:
            self.answer(r"Add an action\? \[y/n\]", "y")
            self.answer("What will be done", extra["action"])
            self.answer(r"Owner \(Enter for none\)", "Business manager")
            self.answer(r"Due \(YYYY-MM-DD", "31/01/2027")
            self.answer(r"Please type a date as YYYY-MM-DD.*Due \(YYYY-MM-DD", "2027-01-31")
        self.answer(r"Add an action\? \[y/n\]", "n")
        self.expect(f"Saved {criterion_id}")

    def rate_but_the_last_key(self, criterion_id: str, rating: str, reference: str) -> None:
        """Answer a criterion up to its last prompt (*Add an action?*), to send the key that saves later."""
        self.expect(criterion_id)
        self.answer(RATING, rating)
        self.answer(r"Add a piece of evidence\? (\(\d recorded already, kept\) )?\[y/n\]", "y")
        self.answer("Kind of evidence", "1")
        self.answer(r"Reference \(where to find it\)", reference)
        self.answer(r"Description \(Enter for none\)", "")
        self.answer(r"restricted\)\? \[y/n\]", "n")
        self.answer(r"Add a piece of evidence\? (\(\d recorded already, kept\) )?\[y/n\]", "n")
        self.answer(r"Notes \(Enter", "")
        self.expect(r"Add an action\? (\(\d recorded already, kept\) )?\[y/n\]")

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(
            self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0)
        )


@pytest.fixture
def blank(capsys: Capsys, tmp_path: Path) -> Path:
    """A blank YAML assessment from `new`, with a person's own comment added to it."""
    path = tmp_path / "assessment.yaml"
    assert (
        run(capsys, "new", "independent-scrutiny", "--partnership", "Testshire SCP", "-o", str(path)).code
        == 0
    )
    text = path.read_text()
    path.write_text(text.replace("schema_version: 1\n", f"schema_version: 1\n{OWN_COMMENT}\n", 1))
    return path


def test_answer_quit_and_resume(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.expect("Testshire SCP.*54 of 54 criteria to answer")
    session.expect(ids[0])
    session.expect("Guidance:")
    session.expect("Evidence to look for:")
    session.rate(ids[0], "1", seen=True, notes="Seen at the March board", action="Publish the model")
    session.answer(RATING, "q")
    session.expect("Saved 1 answer to .*; 53 criteria still to answer")
    assert session.finish() == 0

    saved = load_assessment(blank)
    first = saved.response(ids[0])
    assert first.rating == "met"
    assert first.rated_on is not None
    assert first.evidence == (ls.Evidence(kind="document", reference="Board minutes, March"),)
    assert (first.notes, first.notes_restricted) == ("Seen at the March board", True)
    assert [(a.description, a.owner, str(a.due)) for a in first.actions] == [
        ("Publish the model", "Business manager", "2027-01-31")
    ]
    text = blank.read_text()
    assert OWN_COMMENT in text  # the person's own comment survives the tool's saves
    assert f"# {ids[1]}: " in text  # and so does the guidance written as comments

    session = Session(blank)  # resume: carries on with the first criterion still to answer
    session.expect("53 of 54 criteria to answer")
    session.rate(ids[1], "4", justification="The lead partners sign off nothing separately")
    session.expect(ids[2])
    session.answer(RATING, "q")
    assert session.finish() == 0
    saved = load_assessment(blank)
    assert [saved.response(i).rating for i in ids[:3]] == ["met", "not_applicable", "not_assessed"]
    after_first_sitting = blank.read_text()
    assert "rated_on: 2026-11-27\n" in after_first_sitting
    assert "'2026" not in after_first_sitting  # dates nobody touched are not rewritten quoted
    assert saved.response(ids[1]).justification == "The lead partners sign off nothing separately"
    assert OWN_COMMENT in blank.read_text()


def test_skip_back_and_jump_to_a_section(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.expect(ids[0])
    session.answer(RATING, "s")
    session.expect(ids[1])
    session.answer(RATING, "b")
    session.expect(ids[0])
    session.answer(RATING, "j")
    session.answer(r"Section \(Enter to stay here\)", "")  # changed my mind
    session.expect(ids[0])
    session.answer(RATING, "j")
    third = checklist.sections[2]
    session.expect(f"3  {third.question.value.upper()} · {third.title}")
    session.answer("Section", "3")
    session.rate(third.criteria[0].id, "2")
    session.expect(third.criteria[1].id)  # and on through that section
    session.answer(RATING, "nonsense")
    session.expect("Please choose a number from 1 to 4")
    session.answer(RATING, "q")
    assert session.finish() == 0
    saved = load_assessment(blank)
    assert saved.response(third.criteria[0].id).rating == "partly_met"
    assert sum(r.is_assessed for r in saved.responses) == 1


def test_a_killed_process_loses_only_the_answer_being_typed(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.rate(ids[0], "1")
    session.rate(ids[1], "3", notes="Not signed off")
    session.expect(ids[2])
    session.answer(RATING, "2")
    session.answer(r"Add a piece of evidence\? \[y/n\]", "y")
    session.answer("Kind of evidence", "2")
    session.expect("Reference")
    session.child.kill(signal.SIGKILL)  # in the middle of the third answer
    session.child.close(force=True)
    assert session.child.signalstatus == signal.SIGKILL

    saved = load_assessment(blank)  # valid, and holds every completed answer
    assert [saved.response(i).rating for i in ids[:3]] == ["met", "not_met", "not_assessed"]
    assert saved.response(ids[1]).notes == "Not signed off"
    assert OWN_COMMENT in blank.read_text()
    assert [p.name for p in blank.parent.iterdir()] == [blank.name]  # no half-written temporary file
    result = Session(blank)
    result.expect("52 of 54 criteria to answer")
    result.expect(ids[2])
    result.answer(RATING, "q")
    assert result.finish() == 0


def test_ctrl_c_and_ctrl_d(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.rate(ids[0], "1")
    session.expect(RATING)
    session.child.sendintr()
    session.expect("Interrupted. Every answer completed before is saved in")
    assert session.finish() == 130
    assert load_assessment(blank).response(ids[0]).rating == "met"

    session = Session(blank)
    session.expect(ids[1])
    session.expect(RATING)
    session.child.sendeof()
    session.expect("Saved 0 answers to .*; 53 criteria still to answer")
    assert session.finish() == 0


def test_a_suggested_rating_is_confirmed_with_enter(capsys: Capsys, tmp_path: Path) -> None:
    partnership = tmp_path / "partnership.yaml"
    partnership.write_text(
        "schema_version: 1\nname: Testshire SCP\nscrutiny:\n  children_in_scrutiny_role: true\n"
        "  methods: [interviews, data_analysis]\n"
    )
    path = tmp_path / "a.yaml"
    result = run(
        capsys, "new", "independent-scrutiny", "--partnership-file", str(partnership), "-o", str(path)
    )
    assert "pre-filled for you to confirm" in result.out
    suggested = [r for r in load_assessment(path).responses if r.prefilled]
    assert suggested
    session = Session(path)
    while session.child.expect([f"{suggested[0].criterion}: ", RATING]) == 1:
        session.child.sendline("s")  # skip to the suggestion
    session.expect("suggested from the partnership's data: confirm or change it")
    session.answer(r"Rating \(1-4; s skip.*\((\d)\)", "")  # Enter takes the suggestion
    session.answer(r"Add a piece of evidence\? \[y/n\]", "n")
    session.answer(r"Notes \(Enter keeps the notes shown above\)", "")  # the suggestion's reason
    session.answer(r"Add an action\? \[y/n\]", "n")
    session.expect(f"Saved {suggested[0].criterion}")
    session.answer(RATING, "q")
    assert session.finish() == 0
    confirmed = load_assessment(path).response(suggested[0].criterion)
    assert (confirmed.rating, confirmed.prefilled) == (suggested[0].rating, False)


def test_a_workbook_can_be_assessed_too(capsys: Capsys, tmp_path: Path, checklist: ls.Checklist) -> None:
    path = tmp_path / "a.xlsx"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(path)).code == 0
    session = Session(path)
    session.rate(checklist.criteria[0].id, "1")
    session.answer(RATING, "q")
    assert session.finish() == 0
    assert read_workbook(path.read_bytes()).assessment.response(checklist.criteria[0].id).rating == "met"


def test_a_file_with_problems_is_refused_before_any_question(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = (Path(__file__).parent.parent / "examples" / "northshire-2025.yaml").read_text()
    path.write_text(text.replace("rating: met", "rating: splendid", 1))
    session = Session(path)
    session.expect(r"Error: .*a\.yaml:\d+: responses\[\d+\]\.rating: 'splendid' is not")
    assert session.finish() == 2
    assert path.read_text() == text.replace("rating: met", "rating: splendid", 1)


def test_a_file_edited_meanwhile_keeps_both(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.rate(ids[0], "1")
    session.expect(ids[1])
    session.expect(RATING)
    edited = blank.read_text().replace(OWN_COMMENT, OWN_COMMENT + "\n# Added in an editor meanwhile.")
    blank.write_text(edited.replace("area: null", "area: Testshire") if "area: null" in edited else edited)
    session.child.sendline("3")
    session.answer(r"Add a piece of evidence\? \[y/n\]", "n")
    session.answer(r"Notes \(Enter for none\)", "")
    session.answer(r"Add an action\? \[y/n\]", "n")
    session.expect("changed on disk; this answer is added to it")
    session.expect(f"Saved {ids[1]}")
    session.answer(RATING, "q")
    assert session.finish() == 0
    text = blank.read_text()
    assert "# Added in an editor meanwhile." in text
    saved = load_assessment(blank)
    assert [saved.response(i).rating for i in ids[:2]] == ["met", "not_met"]


def test_a_suggestion_with_no_rating_offers_no_default(blank: Path, checklist: ls.Checklist) -> None:
    first = checklist.criteria[0].id
    text = blank.read_text()
    marker = f"- criterion: {first}\n"
    blank.write_text(text.replace(marker, marker + "    prefilled: true\n", 1))
    assert load_assessment(blank).response(first).prefilled
    session = Session(blank)
    session.expect(first)
    session.answer(RATING, "q")
    assert session.finish() == 0


def test_going_back_shows_what_is_recorded_and_keeps_it(blank: Path, checklist: ls.Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    session = Session(blank)
    session.rate(ids[0], "1", notes="First notes")
    session.answer(RATING, "b")
    session.expect(ids[0])
    session.expect("Recorded: 1 piece of evidence, 0 actions")
    session.answer(RATING, "2")
    session.answer(r"Add a piece of evidence\? \(1 recorded already, kept\) \[y/n\]", "n")
    session.answer(r"Notes \(Enter keeps the notes shown above\)", "")
    session.answer(r"Add an action\? \[y/n\]", "n")
    session.expect(f"Saved {ids[0]}")
    session.answer(RATING, "q")
    assert session.finish() == 0
    response = load_assessment(blank).response(ids[0])
    assert (response.rating, response.notes, len(response.evidence)) == ("partly_met", "First notes", 1)


# --- two sessions on one file (issue 13.13) ----------------------------------------------------------


def _both_save(first: Session, second: Session) -> None:
    """The key that saves, sent to both sessions at the same moment: both saves run at once."""
    first.child.sendline("n")
    second.child.sendline("n")


@pytest.mark.parametrize("suffix", ["yaml", "xlsx"])
def test_two_sessions_saving_at_the_same_moment_keep_every_answer(
    capsys: Capsys, tmp_path: Path, checklist: ls.Checklist, suffix: str
) -> None:
    path = tmp_path / f"assessment.{suffix}"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(path)).code == 0
    ids = [c.id for c in checklist.criteria]
    rounds = 3 if suffix == "yaml" else 1
    for n in range(rounds):  # each round: two sittings, each answering its own criterion
        first, second = Session(path), Session(path)
        mine, theirs = ids[2 * n], ids[2 * n + 1]
        second.expect(mine)
        second.answer(RATING, "s")  # the second sitting answers the next criterion
        first.rate_but_the_last_key(mine, "1", f"Seen by the first for {mine}")
        second.rate_but_the_last_key(theirs, "3", f"Seen by the second for {theirs}")
        _both_save(first, second)
        for session, criterion in ((first, mine), (second, theirs)):
            session.expect(f"Saved {criterion}")
            session.answer(RATING, "q")
            assert session.finish() == 0
        saved = load_assessment(path)
        answered = [saved.response(i).rating for i in ids[: 2 * n + 2]]
        assert answered == ["met", "not_met"] * (n + 1), f"round {n + 1}: answers were lost"
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no lock file left behind


def test_two_sessions_answering_the_same_criterion_keep_both_answers(
    blank: Path, checklist: ls.Checklist
) -> None:
    first_id = checklist.criteria[0].id
    first, second = Session(blank), Session(blank)
    first.rate_but_the_last_key(first_id, "1", "The first sitting's evidence")
    second.rate_but_the_last_key(first_id, "2", "The second sitting's evidence")
    _both_save(first, second)
    told = []
    for session in (first, second):
        found = session.child.expect([f"{first_id} was answered in .* meanwhile", f"Saved {first_id}"])
        told.append(found == 0)
        session.answer(RATING, "q")
        assert session.finish() == 0
    response = load_assessment(blank).response(first_id)
    assert response.rating in ("met", "partly_met")  # the later rating
    assert sorted(e.reference for e in response.evidence) == [
        "The first sitting's evidence",
        "The second sitting's evidence",
    ]
    assert sorted(told) == [False, True]  # the later save says it was answered elsewhere meanwhile
    assert OWN_COMMENT in blank.read_text()
    assert sorted(p.name for p in blank.parent.iterdir()) == [blank.name]


def test_a_save_kept_waiting_by_a_stuck_session_offers_to_try_again(
    blank: Path, checklist: ls.Checklist
) -> None:
    """Another session stopped mid-save (Ctrl-Z) holds the lock: the answer is kept, to save once it is free."""
    from lscp_scrutiny.io.assessment_file import lock_path  # noqa: PLC0415

    hold = (
        "import sys, time; from filelock import FileLock; held = FileLock(sys.argv[1]); held.acquire(); "
        "print('locked', flush=True); time.sleep(600)"
    )
    holder = pexpect.spawn(sys.executable, ["-c", hold, str(lock_path(blank))], encoding="utf-8")
    holder.expect("locked")
    code = (
        "import sys; from lscp_scrutiny.io.assessment_file import AssessmentFile; "
        "AssessmentFile.lock_timeout = 0.5; from lscp_scrutiny.cli import main; main(sys.argv[1:])"
    )
    session = Session(blank)
    session.child.close(force=True)  # the same session, with a short wait for the lock
    session.child = pexpect.spawn(
        sys.executable,
        ["-c", code, "assess", str(blank), "--date", "2026-11-27"],
        env=session.env,
        encoding="utf-8",
        timeout=30,
    )
    first = checklist.criteria[0].id
    session.answer(RATING, "1")
    session.answer(r"Add a piece of evidence\? \[y/n\]", "n")
    session.answer(r"Notes \(Enter for none\)", "Seen at the board")
    session.answer(r"restricted\)\? \[y/n\]", "n")
    session.answer(r"Add an action\? \[y/n\]", "n")
    session.expect(r"Not saved: .*another session has been saving it for over 0\.5 seconds")
    session.expect(r"Try saving this answer again\? \[y/n\] \(y\)")
    holder.kill(signal.SIGKILL)  # it goes; its lock goes with it
    holder.close(force=True)
    session.child.sendline("")
    session.expect(f"Saved {first}")
    session.answer(RATING, "q")
    assert session.finish() == 0
    assert load_assessment(blank).response(first).notes == "Seen at the board"
    assert sorted(p.name for p in blank.parent.iterdir()) == [blank.name]
