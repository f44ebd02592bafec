"""The application object every command receives: the registry, the console, warnings and refusals.

A command parses its options and delegates; what it needs from the tool (the registry of checklists
and plugins, a checked assessment, a warning on stderr, a refusal to overwrite) it asks of :class:`App`,
so that each of these is done one way for every command. Only click is imported here at start-up.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from lscp_scrutiny._text import clip_quoted, printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rich.console import Console

    from lscp_scrutiny.errors import Problem
    from lscp_scrutiny.io.assessments import AssessmentDocument, CheckedAssessment
    from lscp_scrutiny.model import Checklist
    from lscp_scrutiny.model.summary import Summary
    from lscp_scrutiny.plugins import Registry

EXIT_OK = 0
EXIT_WRITE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_WORSENED = 3  # report --compare --fail-on-worse: something got worse
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl+C


class App:
    """What one run of ``lscp-scrutiny`` shares between its group options and the command."""

    def __init__(self, checklist_files: tuple[Path, ...] = (), disabled: tuple[str, ...] = ()) -> None:
        self.checklist_files = checklist_files
        self.disabled = disabled
        self._registry: Registry | None = None
        self._reported = 0

    # --- output ------------------------------------------------------------------------------------

    def warn(self, message: str) -> None:
        """One ``Warning:`` line on stderr, control characters escaped, long quoted values cut."""
        click.echo(printable(clip_quoted(f"Warning: {message}"), one_line=True), err=True)

    def fail(self, problems: Iterable[Problem]) -> NoReturn:
        """One ``Error:`` line per problem on stderr, then exit code 2."""
        for problem in problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(EXIT_BAD_INPUT)

    def write(self, rendered: str | bytes, output: Path | None, *, private: bool = True) -> None:
        """Write what a format rendered to ``output`` (atomically), or to standard output.

        A file is written ``private`` (mode 0600: its owner only) unless the command says that what it
        writes may be read by anyone the folder lets in (``report --public``); see
        :func:`~lscp_scrutiny.io.paths.atomic_write`.
        """
        from lscp_scrutiny.io.paths import atomic_write

        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        if output is not None:
            atomic_write(output, data, private=private)
            # As `new` and `convert` do: a file written says so (standard output holds nothing else).
            click.echo(printable(f"Wrote {output}.", one_line=True))
        elif isinstance(rendered, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(rendered, nl=False)

    def console(self) -> Console:
        """A rich console for the terminal: no highlighting of user text."""
        from rich.console import Console

        return Console(highlight=False)

    def refuse_to_overwrite(self, output: Path | None, force: bool, inputs: Mapping[Path, str]) -> None:
        """Stop before anything is read if writing OUTPUT would replace an input or, without --force, a file.

        The checklist files given with ``--checklist-file`` are inputs too.
        """
        if output is None or not output.exists():
            return
        target = output.resolve()
        every = {**inputs, **dict.fromkeys(self.checklist_files, "a checklist file")}
        for path, what in every.items():
            if path.exists() and path.resolve() == target:
                raise click.UsageError(f"{output} is {what}; choose another output file")
        if not force:
            raise click.UsageError(f"{output} already exists; use --force to replace it")

    # --- the registry ------------------------------------------------------------------------------

    @property
    def registry(self) -> Registry:
        """The plugins' registry, built on first use; plugin failures are reported once, as warnings."""
        if self._registry is None:
            from lscp_scrutiny.io.checklists import load_checklist
            from lscp_scrutiny.plugins import (
                Registry,
                disabled_from_environment,
                get_plugin_manager,
            )

            manager = get_plugin_manager(disabled=(*self.disabled, *disabled_from_environment()))
            files = [(load_checklist(path), f"file {path}") for path in self.checklist_files]
            self._registry = Registry.build(manager, extra_checklists=files)
            for name in manager.unknown_disabled:
                self.warn(f"no plugin named {name!r} to disable")
            self.report_plugin_failures()
        return self._registry

    def report_plugin_failures(self) -> None:
        """Warn of every plugin failure the registry recorded since the last report (prefill adds some)."""
        failures = self.registry.failures
        for failure in failures[self._reported :]:
            self.warn(f"{failure}; it is ignored")
        self._reported = len(failures)

    def checklist(self, name: str) -> Checklist:
        """A checklist file by path (by its suffix), or a registered checklist by id."""
        from lscp_scrutiny.io.kinds import CHECKLIST_KINDS, find_kind

        if find_kind(name, CHECKLIST_KINDS) is not None:
            from lscp_scrutiny.io.checklists import load_checklist

            return load_checklist(name)
        return self.registry.checklist(name)

    # --- assessments -------------------------------------------------------------------------------

    def returns_in(self, paths: Sequence[Path], *, besides: Path | None = None) -> list[Path]:
        """The returns (assessment files) PATHS name, files or folders; a usage error if there are none.

        An action tracker kept among them is left out, with a warning, and so is ``besides`` (the
        partnership file ``rollup --expected`` names, say).
        """
        from lscp_scrutiny.io.tracker import returns_among

        found, trackers = returns_among(paths)
        for tracker in trackers:
            self.warn(f"{tracker} is an action tracker, not a return: left out")
        if besides is not None:
            found = [p for p in found if p.resolve() != besides.resolve()]
        if not found:
            raise click.UsageError(f"no returns found in {', '.join(str(p) for p in paths)}")
        return found

    def checked(self, path: Path) -> CheckedAssessment:
        """An assessment file read and checked against its checklist, every problem placed."""
        from lscp_scrutiny.io.assessments import check_file

        return check_file(path, self.registry)

    def checked_document(self, document: AssessmentDocument) -> CheckedAssessment:
        """An assessment already read (by ``national``, say), checked against its checklist."""
        from lscp_scrutiny.io.assessments import check_document

        return check_document(document, self.registry)

    def evaluated(self, checked: CheckedAssessment | Path, as_of: date | None) -> Summary:
        """The summary of a usable assessment, with the registry's rules; exit code 2 with its problems."""
        from lscp_scrutiny.core.evaluation import evaluate

        if isinstance(checked, Path):
            checked = self.checked(checked)
        assessment, checklist = checked.usable()
        summary = evaluate(assessment, checklist, as_of=as_of, rules=self.registry.rules_for(checklist))
        self.report_plugin_failures()  # a rule that failed on this assessment: one warning, once
        return summary


pass_app = click.make_pass_decorator(App)
"""Gives a command the :class:`App` of this run as its first argument."""
