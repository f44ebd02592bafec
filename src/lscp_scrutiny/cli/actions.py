"""``lscp-scrutiny actions``: every open action of many returns in one tracker, and the tracker read back."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import App, pass_app

if TYPE_CHECKING:
    from lscp_scrutiny.core.tracker import TrackedAction


@click.command("actions")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--update",
    "tracker",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TRACKER",
    help="Read this tracker back: save each edited owner, due date and status in its own return. PATHS, "
    "if given, are where to find the returns (by file name); else where the tracker says.",
)
@click.option("--dry-run", is_flag=True, help="With --update: say what would change, and change nothing.")
@click.option("--all", "closed", is_flag=True, help="Take done and dropped actions too, not only open ones.")
@options.as_of("For overdue actions in the list (default: today).")
@options.output("Write the tracker workbook (.xlsx) to this file.")
@options.force
@pass_app
def actions_command(
    app: App,
    paths: tuple[Path, ...],
    tracker: Path | None,
    dry_run: bool,
    closed: bool,
    as_of: date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Gather the returns' actions into one tracker workbook to send round, and read it back.

    `lscp-scrutiny actions PATHS -o tracker.xlsx` writes every open action of the returns PATHS (files or
    folders) into one workbook: agency, standard, action, owner, due date and status, the last three for
    owners to edit. `lscp-scrutiny actions --update tracker.xlsx` saves their edits in each return, each
    file written atomically and YAML comments kept, and says what changed. An edit made in a return since
    the tracker was made is never overwritten: a field changed differently in both, or a row whose action
    is gone, is refused in one line, and then nothing is saved anywhere. Without -o or --update, the
    actions are listed here.
    """
    if tracker is not None:
        if output is not None or closed:
            raise click.UsageError("--update reads a tracker back: -o and --all are for making one")
        _update(app, tracker, paths, dry_run=dry_run)
        return
    if dry_run:
        raise click.UsageError("--dry-run goes with --update TRACKER")
    if not paths:
        raise click.UsageError("give the returns (files or folders) to gather the actions of")
    if output is not None and output.suffix.lower() != ".xlsx":
        raise click.UsageError(f"the tracker is a workbook: name it .xlsx, not {output.name}")
    _gather(app, paths, output, force=force, closed=closed, as_of=as_of)


def _gather(
    app: App, paths: tuple[Path, ...], output: Path | None, *, force: bool, closed: bool, as_of: date | None
) -> None:
    from lscp_scrutiny.core.tracker import tracked_actions
    from lscp_scrutiny.errors import Problem

    found = app.returns_in(paths)
    app.refuse_to_overwrite(output, force, dict.fromkeys(found, "one of the returns"))
    base = output.resolve().parent if output is not None else None
    problems: list[Problem] = []
    rows: list[TrackedAction] = []
    for path in found:
        checked = app.checked(path)
        if checked.problems:
            problems += checked.problems
            continue
        # The tracker names each return from its own folder, so the two can travel together.
        named = os.path.relpath(path.resolve(), base) if base is not None else str(path)
        rows += tracked_actions(checked.assessment, named, checklist=checked.checklist, closed=closed)
    if problems:
        app.fail(problems)
    made_on = as_of or date.today()  # noqa: DTZ011 - calendar date by intent
    if output is None:
        _show(app, rows, made_on)
        return
    from lscp_scrutiny.io.tracker import write_tracker

    # Actions carry names of owners and what agencies plan: private, as the returns are.
    app.write(write_tracker(rows, made_on=made_on, name=output.name), output)
    if not rows:
        app.warn("the returns hold no open actions: the tracker is empty")


def _show(app: App, rows: list[TrackedAction], made_on: date) -> None:
    """The actions as a table in the terminal, overdue ones marked."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from lscp_scrutiny._text import printable
    from lscp_scrutiny.model.labels import label_of

    console = app.console()
    if not rows:
        console.print("The returns hold no open actions.")
        return
    overdue = 0
    by_agency: dict[str, list[TrackedAction]] = {}
    for row in rows:
        by_agency.setdefault(row.agency, []).append(row)
    for agency, actions in by_agency.items():  # one table per agency: the columns keep their width
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
        for header, ratio in (("Standard", 3), ("Action", 5), ("Owner", 3)):
            table.add_column(header, ratio=ratio)
        table.add_column("Due", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        for row in actions:
            fields = row.exported
            late = fields.status.is_open and fields.due is not None and fields.due < made_on
            overdue += late
            # Said in words, not only in colour: a printout or a pipe shows no red.
            due = Text(fields.due.isoformat() if fields.due else "")
            if late:
                due.append("\noverdue", style="bold red")
            cells = (row.criterion_title, row.description, fields.owner or "")  # the tracker has the ids
            table.add_row(*(Text(printable(c, one_line=True)) for c in cells), due, label_of(fields.status))
        console.print(Text(printable(agency, one_line=True), style="bold"))
        console.print(table)
    console.print(f"{len(rows)} actions, {overdue} overdue on {made_on.isoformat()}.", highlight=False)


def _update(app: App, tracker: Path, paths: tuple[Path, ...], *, dry_run: bool) -> None:
    from lscp_scrutiny._text import printable
    from lscp_scrutiny.core.tracker import describe
    from lscp_scrutiny.io.tracker import update_returns

    for path in paths:
        if not path.exists():
            raise click.UsageError(f"{path}: no such file or folder")
    returns = app.returns_in(paths) if paths else []
    # Each return is checked against its checklist before it is changed; a workbook is written from it.
    done = update_returns(tracker, returns, check=lambda p: app.checked(p).usable(), dry_run=dry_run)
    for change in done.changes:
        click.echo(printable(("Would change " if dry_run else "Changed ") + describe(change), one_line=True))
    verb = "would change" if dry_run else "changed"
    files = len(done.files)
    click.echo(
        f"{tracker}: {done.rows} row{'s' if done.rows != 1 else ''} read; {verb} {len(done.changes)} "
        f"field{'s' if len(done.changes) != 1 else ''} in {files} return{'s' if files != 1 else ''}."
    )
