"""``new``, ``validate``, ``convert`` and ``assess``: making, checking and filling in assessments."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from lscp_scrutiny._text import printable
from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, App, pass_app
from lscp_scrutiny.cli._options import LazyChoice


@click.command("new")
@click.argument("checklist")
@click.option("--partnership", callback=options.text, help="The partnership's name.")
@click.option(
    "--partnership-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A partnership file (YAML or JSON; see `lscp-scrutiny schema partnership`): its name, partners and "
    "scrutiny arrangement. Plugins may pre-fill ratings from it, marked for a person to confirm.",
)
@options.output(
    "The file to write: .xlsx (a workbook to fill in), .yaml, .yml or .json.",
    required=True,
)
@click.option(
    "--assessor",
    default="Not yet recorded",
    show_default=True,
    callback=options.text,
    help="Who is assessing.",
)
@click.option(
    "--role",
    type=LazyChoice("lscp_scrutiny.model", "AssessorRole"),
    default="self_assessment",
    show_default=True,
    help="The assessor's role.",
)
@click.option("--organisation", default=None, callback=options.text, help="The assessor's organisation.")
@click.option(
    "--agency",
    default=None,
    callback=options.text,
    help="The agency assessed, where this is one agency's return to the partnership (a Section 11 "
    "self-assessment, say); leave out for the partnership's own arrangements.",
)
@click.option(
    "--sector",
    type=LazyChoice("lscp_scrutiny.model", "SECTORS"),
    default=None,
    help="The agency's sector: a statutory partner's (local_authority, police, health) or a kind of "
    "relevant agency. Needs --agency.",
)
@options.on_date("assessed_on", "The assessment date (default: today).")
@options.force
@pass_app
def new_command(
    app: App,
    checklist: str,
    partnership: str | None,
    partnership_file: Path | None,
    output: Path,
    assessor: str,
    role: str,
    organisation: str | None,
    agency: str | None,
    sector: str | None,
    assessed_on: date | None,
    force: bool,
) -> None:
    """Write a blank assessment of CHECKLIST to fill in, with each criterion's guidance beside it.

    An .xlsx output is a spreadsheet workbook (drop-downs for ratings, sheets for evidence and actions);
    a .yaml output carries the guidance as comments, and works with `lscp-scrutiny assess`.
    """
    from attrs import evolve

    from lscp_scrutiny.core.rating import start_assessment
    from lscp_scrutiny.io.assessments import check_assessment_suffix, write_assessment
    from lscp_scrutiny.io.checklists import load_partnership
    from lscp_scrutiny.model import AssessedAgency, Assessor, Partnership

    check_assessment_suffix(output)  # an unsupported suffix fails here, before anything is read
    inputs = {Path(checklist): "the checklist being assessed"}
    if partnership_file is not None:
        inputs[partnership_file] = "the partnership file"
    app.refuse_to_overwrite(output, force, inputs)
    if partnership is None and partnership_file is None:
        raise click.UsageError("give the partnership's name (--partnership) or a --partnership-file")
    if sector is not None and agency is None:
        raise click.UsageError("--sector is the agency's: give the agency assessed too (--agency)")
    found = app.checklist(checklist)
    if partnership_file is not None:
        subject = load_partnership(partnership_file)
        if partnership is not None:
            subject = evolve(subject, name=partnership)
        prefills = app.registry.prefill(subject, found)
        app.report_plugin_failures()
    else:
        subject, prefills = Partnership(name=partnership or ""), []
    assessment = start_assessment(
        found,
        subject,
        Assessor(name=assessor, role=role, organisation=organisation),
        assessed_on=assessed_on,
        prefills=prefills,
    )
    if agency is not None:
        assessment = evolve(assessment, agency=AssessedAgency(name=agency, sector=sector))
    write_assessment(assessment, output, checklist=found)
    suggested = f", {len(prefills)} pre-filled for you to confirm" if prefills else ""
    wrote = (
        f"Wrote {output}: {len(found.criteria)} criteria of {found.id} {found.version} to assess{suggested}."
    )
    click.echo(printable(wrote, one_line=True))


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@options.as_of()
@pass_app
def validate_command(app: App, files: tuple[Path, ...], as_of: date | None) -> None:
    """Check assessment files: every problem in every file, one line each.

    Files with problems make the exit code 2. Flags (such as a rating without evidence) are printed as
    warnings and do not change the exit code.
    """
    from lscp_scrutiny.cli._progress import progress_for
    from lscp_scrutiny.errors import InvalidInputError

    failed = False
    with progress_for(json_output=False) as progress:  # a bar over many files, on a terminal only
        for path in progress.track(files, "Validating"):
            try:
                summary = app.evaluated(path, as_of)
            except InvalidInputError as exc:
                failed = True
                for problem in exc.problems:
                    click.echo(f"Error: {problem}", err=True)
                continue
            overall = summary.overall
            flags = len(summary.flags)
            valid = (
                f"{path}: valid ({overall.criteria - overall.not_assessed} of {overall.criteria} criteria "
                f"assessed, {flags} {'flag' if flags == 1 else 'flags'})"
            )
            click.echo(printable(valid, one_line=True))
            for flag in summary.flags:
                click.echo(printable(f"{path}: warning: {flag.message}", one_line=True))
    sys.exit(EXIT_BAD_INPUT if failed else EXIT_OK)


@click.command("convert")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@options.output("The file to write: .xlsx, .yaml, .yml or .json (the suffix chooses).", required=True)
@options.force
@pass_app
def convert_command(app: App, source: Path, output: Path, force: bool) -> None:
    """Turn an assessment into another format: a workbook into YAML or JSON, and back.

    The assessment is checked against its checklist first; one with problems is not converted (fix what
    the errors name, in the sheet and cell or line they give). Nothing is lost: converting back gives
    the same assessment. YAML output carries each criterion's guidance as comments.
    """
    from lscp_scrutiny.io.assessments import check_assessment_suffix, write_assessment

    check_assessment_suffix(output)  # an unsupported suffix fails here, before anything is read
    app.refuse_to_overwrite(output, force, {source: "the assessment being converted"})
    assessment, checklist = app.checked(source).usable()
    write_assessment(assessment, output, checklist=checklist)
    rated = sum(1 for r in assessment.responses if r.is_assessed and checklist.has_criterion(r.criterion))
    wrote = f"Wrote {output}: {rated} of {len(checklist.criteria)} criteria of {checklist.id} assessed."
    click.echo(printable(wrote, one_line=True))


@click.command("assess")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@options.on_date("today", "The date to record on each rating (default: today).")
@pass_app
def assess_command(app: App, file: Path, today: date | None) -> None:
    """Walk through the criteria of FILE still to answer, saving after every answer.

    For each criterion it shows the guidance and the evidence to look for, then asks for the rating,
    evidence, notes and actions. At the rating prompt: s skips, b goes back, j jumps to a section, q
    quits. Stopping at any point (q, Ctrl-C, closing the terminal) loses at most the answer being typed;
    run it again to carry on. FILE is a YAML (your comments in it are kept), JSON or .xlsx assessment,
    as written by `lscp-scrutiny new`.
    """
    from lscp_scrutiny.cli.guided import guided_assessment
    from lscp_scrutiny.io.assessment_file import AssessmentFile

    _, checklist = app.checked(file).usable()
    opened = AssessmentFile(file, checklist)
    try:
        guided_assessment(opened, checklist, app.console(), today=today or date.today())  # noqa: DTZ011
    except KeyboardInterrupt:
        click.echo(
            f"\nInterrupted. Every answer completed before is saved in {printable(str(file))}; "
            "run the same command to carry on.",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
