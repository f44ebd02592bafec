"""The guided assessment: a walk through the criteria still to answer, in the terminal, saving as it goes.

Each answer (rating, then evidence, notes and actions) is saved with an atomic write the moment it is
complete, so stopping at any point (``q``, Ctrl-C, Ctrl-D, a closed terminal, a killed process) loses
at most the answer being typed. Running it again carries on with what is still unanswered.

Two sittings on one file (two people, or two terminals) keep both people's answers: each answer is made,
under the file's lock, to the file as it is at that moment (:meth:`AssessmentFile.update`).
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Callable
from datetime import date

from attrs import evolve
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Confirm, Prompt
from rich.text import Text

from lscp_scrutiny._text import printable
from lscp_scrutiny.codec.converters import parse_date
from lscp_scrutiny.core.rating import rate
from lscp_scrutiny.errors import InvalidInputError, WriteError
from lscp_scrutiny.io.assessment_file import AssessmentFile, response_is_open
from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    Action,
    Assessment,
    Checklist,
    Criterion,
    Evidence,
    EvidenceKind,
)
from lscp_scrutiny.model.labels import EVIDENCE_KINDS, scale_choices

KEYS = "s skip · b back · j jump to a section · q quit"


class _Quit(Exception):  # noqa: N818 - a signal, not an error
    pass


def _plain(text: str) -> str:
    """User or checklist text, safe to print: no markup, no control characters."""
    return escape(printable(text))


def _words(text: str) -> Text:
    """A message that wraps at spaces and never inside a word; print it with ``crop=False``.

    A word longer than the line (a path, say) runs on whole, for the terminal to show as it does any
    long line.
    """
    return Text(printable(text), overflow="ignore")


def _whole(text: str) -> Text:
    """A line never wrapped at all (a path, a command to copy); print it with ``soft_wrap=True``."""
    return Text(f"  {printable(text)}")


def _command_path(path: str) -> str:
    """``path`` as the shell takes it, quoted only if it must be."""
    if os.name == "nt":
        import subprocess  # for its Windows quoting only

        return subprocess.list2cmdline([path])
    return shlex.quote(path)


class GuidedAssessment:
    """One sitting of the guided assessment over an open assessment file.

    The file is an :class:`~lscp_scrutiny.io.assessment_file.AssessmentFile`.
    """

    def __init__(self, file: AssessmentFile, checklist: Checklist, console: Console, *, today: date) -> None:
        self.file = file
        self.checklist = checklist
        self.console = console
        self.today = today
        self.criteria = checklist.criteria
        self.saved: set[str] = set()  # the criteria answered in this sitting

    # --- asking ----------------------------------------------------------------------------------

    def ask(self, question: str, *, default: str | None = None) -> str:
        """A line of text (stripped); Ctrl-D ends the sitting."""
        try:
            answer = Prompt.ask(
                question, console=self.console, default=default or "", show_default=bool(default)
            )
        except EOFError:
            raise _Quit from None
        return answer.strip()

    def confirm(self, question: str, *, default: bool = False) -> bool:
        """Yes or no, no unless ``default`` says yes."""
        try:
            return Confirm.ask(question, console=self.console, default=default)
        except EOFError:
            raise _Quit from None

    def ask_required(self, question: str) -> str:
        """Text that must not be blank: asks again until it is given."""
        while True:
            answer = self.ask(question)
            if answer:
                return answer
            self.console.print("  Please type something (this cannot be blank).")

    def ask_date(self, question: str) -> date | None:
        """A date written YYYY-MM-DD, or ``None`` for Enter."""
        while True:
            answer = self.ask(question)
            if not answer:
                return None
            try:
                return parse_date(answer)
            except ValueError:
                self.console.print("  Please type a date as YYYY-MM-DD, such as 2027-03-31, or press Enter.")

    def choose(self, question: str, options: list[tuple[str, str]], *, cancel: bool = False) -> str | None:
        """One of ``options`` (value, label), by number or label; with ``cancel``, Enter gives ``None``."""
        for number, (_, label) in enumerate(options, start=1):
            self.console.print(f"  {number}  {_plain(label)}")
        while True:
            answer = self.ask(question).casefold()
            if cancel and not answer:
                return None
            for number, (value, label) in enumerate(options, start=1):
                if answer in (str(number), label.casefold(), value.casefold()):
                    return value
            self.console.print(f"  Please choose a number from 1 to {len(options)}.")

    # --- the walk --------------------------------------------------------------------------------

    def ratings(self, criterion: Criterion) -> list[tuple[str, str]]:
        """(label, rating) of a criterion's choices: the same words as the workbook's drop-down."""
        return list(scale_choices(self.checklist.scale_for(criterion)).items())

    def is_open(self, criterion: Criterion) -> bool:
        """Whether the criterion is still to answer, or its rating was given to other words (to confirm)."""
        response = self.file.assessment.response(criterion.id)
        return response_is_open(response) or response.rated_to_other_wording(criterion.fingerprint)

    def next_open(self, after: int) -> int | None:
        """The next criterion still to answer after position ``after``."""
        return next((i for i in range(after + 1, len(self.criteria)) if self.is_open(self.criteria[i])), None)

    def run(self) -> int:
        """Walk the criteria still to answer; the number of answers saved."""
        remaining = sum(1 for c in self.criteria if self.is_open(c))
        name = printable(self.file.assessment.partnership.name)
        if not remaining:
            self.console.print(
                f"Every criterion of {_plain(self.checklist.id)} is answered for {escape(name)}."
            )
            return 0
        self.console.print(
            f"[bold]{escape(name)}[/]: {remaining} of {len(self.criteria)} criteria to answer. "
            f"Each answer is saved as soon as it is complete.\nAt the rating: {KEYS}."
        )
        cursor = self.next_open(-1)
        history: list[int] = []
        try:
            while cursor is not None:
                step = self.one(cursor)
                if step == "back":
                    if history:
                        cursor = history.pop()
                    else:
                        self.console.print("  This is the first criterion of this sitting.")
                    continue
                if step == "jump":
                    target = self.jump()
                    if target is not None:
                        history.append(cursor)
                        cursor = target
                    continue
                history.append(cursor)
                cursor = self.next_open(cursor)
        except _Quit:
            pass
        self.farewell()
        return len(self.saved)

    def farewell(self) -> None:
        """The closing lines: what was saved, where, and how to carry on.

        The sentences wrap at spaces; the path and the command have lines of their own and are never
        wrapped (a path broken over two lines cannot be copied).
        """
        left = sum(1 for c in self.criteria if self.is_open(c))
        path = str(self.file.path)
        saved = len(self.saved)
        answers = "answer" if saved == 1 else "answers"
        still = f"{left} {'criterion' if left == 1 else 'criteria'} still to answer"
        self.console.print()
        self.console.print(_words(f"Saved {saved} {answers} to the file below; {still}."), crop=False)
        self.console.print(_whole(path), soft_wrap=True)
        if left:
            self.console.print(_words("To carry on, run:"), crop=False)
            self.console.print(_whole(f"lscp-scrutiny assess {_command_path(path)}"), soft_wrap=True)

    def jump(self) -> int | None:
        """Ask for a section; the position of its first criterion still to answer (or its first)."""
        sections = [s for s in self.checklist.sections if s.criteria]
        options = []
        for i, section in enumerate(sections):
            still = sum(1 for c in section.criteria if self.is_open(c))
            options.append(
                (str(i), f"{section.question.value.upper()} · {section.title} ({still} to answer)")
            )
        picked = self.choose("Section (Enter to stay here)", options, cancel=True)
        if picked is None:
            return None
        chosen = sections[int(picked)]
        first = next((c for c in chosen.criteria if self.is_open(c)), chosen.criteria[0])
        return self.criteria.index(first)

    def show(self, index: int) -> None:
        """Show a criterion: its text, guidance, evidence to look for and any rating it has."""
        criterion = self.criteria[index]
        section = next(s for s in self.checklist.sections if criterion in s.criteria)
        response = self.file.assessment.response(criterion.id)
        parts: list[Text | str] = [Text(printable(criterion.text))]
        if criterion.guidance:
            parts += [Text(""), Text.assemble(("Guidance: ", "bold"), printable(criterion.guidance))]
        if criterion.evidence_prompts:
            parts += [Text(""), Text("Evidence to look for:", style="bold")]
            parts += [Text(f"  - {printable(prompt)}") for prompt in criterion.evidence_prompts]
        if response.is_assessed:
            note = (
                " (suggested from the partnership's data: confirm or change it)"
                if response.prefilled
                else " (given when the criterion was worded differently: confirm or change it)"
                if response.rated_to_other_wording(criterion.fingerprint)
                else ""
            )
            labels = {rating: label for label, rating in self.ratings(criterion)}
            shown = labels.get(response.rating, response.rating)
            parts += [Text(""), Text(f"Rated now: {printable(shown)}{note}", style="italic")]
            if response.notes:
                parts.append(Text(f"Notes: {printable(response.notes)}", style="italic"))
            if response.evidence or response.actions:
                pieces, actions = len(response.evidence), len(response.actions)
                recorded = (
                    f"{pieces} {'piece' if pieces == 1 else 'pieces'} of evidence, "
                    f"{actions} {'action' if actions == 1 else 'actions'}"
                )
                parts.append(Text(f"Recorded: {recorded}", style="italic"))
        where = f"{section.question.value.upper()} · {printable(section.title)}"
        title = f"{index + 1} of {len(self.criteria)} · {where}"
        self.console.print()
        self.console.print(
            Panel(
                Group(*parts),
                title=escape(f"{criterion.id}: {printable(criterion.title)}"),
                subtitle=escape(title),
                title_align="left",
                subtitle_align="right",
            )
        )

    def one(self, index: int) -> str:
        """Ask about one criterion; ``next``, ``back`` or ``jump``."""
        if self.file.changed_on_disk():  # another sitting saved meanwhile, say: show what is there now
            # A file that does not read now is said when this answer is saved (which reads it again).
            with contextlib.suppress(InvalidInputError):
                self.file.reload()
        self.show(index)
        criterion = self.criteria[index]
        options = [(rating, label) for label, rating in self.ratings(criterion)]
        for number, (_, label) in enumerate(options, start=1):
            self.console.print(f"  {number}  {_plain(label)}")
        current = self.file.assessment.response(criterion.id)
        default = None
        # A suggestion, or a rating given to other words, is offered to confirm (if it is one of the choices).
        if current.prefilled or current.rated_to_other_wording(criterion.fingerprint):
            default = next((str(n) for n, (v, _) in enumerate(options, start=1) if v == current.rating), None)
        while True:
            answer = self.ask(f"Rating (1-{len(options)}; {KEYS})", default=default).casefold()
            if answer in ("q", "quit"):
                raise _Quit
            if answer in ("s", "skip"):
                self.console.print("  Skipped: it stays to answer.")
                return "next"
            if answer in ("b", "back"):
                return "back"
            if answer in ("j", "jump"):
                return "jump"
            rating = next(
                (
                    v
                    for n, (v, label) in enumerate(options, start=1)
                    if answer in (str(n), v.casefold(), label.casefold())
                ),
                None,
            )
            if rating is not None:
                break
            self.console.print(f"  Please choose a number from 1 to {len(options)}, or s, b, j or q.")
        self.answer(criterion, rating)
        return "next"

    def answer(self, criterion: Criterion, rating: str) -> None:
        """Ask for the rest of an answer (justification, evidence, notes, actions), then save it."""
        justification = self.ask_required("Why does it not apply") if rating == NOT_APPLICABLE else None
        before = self.file.assessment.response(criterion.id)
        evidence: list[Evidence] = []
        kinds = [(kind, label) for label, kind in EVIDENCE_KINDS.items()]
        kept = f" ({len(before.evidence)} recorded already, kept)" if before.evidence else ""
        while self.confirm(f"Add a piece of evidence?{kept}"):
            kind = self.choose("Kind of evidence", kinds) or EvidenceKind.OTHER.value
            reference = self.ask_required("Reference (where to find it)")
            description = self.ask("Description (Enter for none)") or None
            restricted = self.confirm("Could it hold personal data (restricted)?")
            evidence.append(
                Evidence(kind=kind, reference=reference, description=description, restricted=restricted)
            )
        keep = "Enter keeps the notes shown above" if before.notes else "Enter for none"
        notes = self.ask(f"Notes ({keep})") or None
        restricted_notes = (
            self.confirm("Could the notes hold personal data (restricted)?") if notes else False
        )
        actions: list[Action] = []
        kept = f" ({len(before.actions)} recorded already, kept)" if before.actions else ""
        while self.confirm(f"Add an action?{kept}"):
            description = self.ask_required("What will be done")
            owner = self.ask("Owner (Enter for none)") or None
            due = self.ask_date("Due (YYYY-MM-DD, Enter for none)")
            actions.append(Action(description=description, owner=owner, due=due))
        elsewhere: list[str] = []

        def answered(current: Assessment) -> Assessment:
            """This answer, made to the file as it is now (another sitting may have saved meanwhile)."""
            there = current.response(criterion.id)
            new_notes, new_restricted = notes, restricted_notes
            if there != before:  # answered in another sitting meanwhile: its notes are kept with these
                elsewhere.append(criterion.id)
                if notes and there.notes and there.notes not in (before.notes, notes):
                    new_notes = f"{there.notes}\n\n{notes}"
                    new_restricted = restricted_notes or there.notes_restricted
            updated = rate(
                current,
                self.checklist,
                criterion.id,
                rating,
                evidence=evidence,
                notes=new_notes,
                justification=justification,
                actions=actions,
                rated_on=self.today,
            )
            if new_notes:
                response = evolve(updated.response(criterion.id), notes_restricted=new_restricted)
                updated = updated.with_response(response)
            return updated

        changed = self.save(answered)
        if elsewhere:
            self.console.print(
                _words(
                    f"  {criterion.id} was answered in the file meanwhile (in another session, say): "
                    "this rating replaces that one; the evidence, actions and notes recorded there are kept."
                ),
                crop=False,
            )
        elif changed:
            self.console.print(_words("  The file changed on disk; this answer is added to it."), crop=False)
        self.saved.add(criterion.id)
        self.console.print(f"  Saved {_plain(criterion.id)}.", style="green")

    def save(self, change: Callable[[Assessment], Assessment]) -> bool:
        """Save an answer (under the file's lock); if it cannot be saved, say why and offer to try again."""
        while True:
            try:
                return self.file.update(change)
            except (WriteError, InvalidInputError) as exc:
                self.console.print(_words(f"  Not saved: {exc}"), crop=False)
                if not self.confirm("Try saving this answer again?", default=True):
                    raise


def guided_assessment(file: AssessmentFile, checklist: Checklist, console: Console, *, today: date) -> int:
    """Run one sitting of the guided assessment; the number of answers saved."""
    return GuidedAssessment(file, checklist, console, today=today).run()
