"""The ``lscp-scrutiny`` command line: argument parsing, output streams and exit codes, nothing else.

Exit codes: 0 success; 1 a file could not be written, or an internal error; 2 bad input or usage (a
malformed file, an unknown checklist, a wrong option); 3 ``report --compare --fail-on-worse`` found a
criterion that got worse; 130 interrupted (Ctrl+C). Errors are one line
each on stderr, never a traceback. Only click is imported at start-up; each command imports what it
needs, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from lscp_scrutiny._text import printable
from lscp_scrutiny._version import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from lscp_scrutiny.errors import Problem
    from lscp_scrutiny.io.assessments import CheckedAssessment
    from lscp_scrutiny.model import Checklist
    from lscp_scrutiny.model.summary import Summary
    from lscp_scrutiny.plugins import Registry
    from lscp_scrutiny.render.formats import OutputFormat

EXIT_OK = 0
EXIT_WRITE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_WORSENED = 3  # report --compare --fail-on-worse: something got worse
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl+C
MIN_REPORT_WIDTH = 80  # render.terminal.MIN_WIDTH, repeated so that --help need not import rich

ROLES = (
    "self_assessment",
    "peer_review_in_partnership",
    "peer_review_between_partnerships",
    "independent_scrutineer",
)


class _State:
    def __init__(self, checklist_files: tuple[Path, ...], disabled: tuple[str, ...]) -> None:
        self.checklist_files = checklist_files
        self.disabled = disabled
        self.reported = 0
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """The plugins' registry, built on first use; plugin failures are reported once, as warnings."""
        if self._registry is None:
            from lscp_scrutiny.io.checklists import load_checklist
            from lscp_scrutiny.plugins import Registry, disabled_from_environment, get_plugin_manager

            manager = get_plugin_manager(disabled=(*self.disabled, *disabled_from_environment()))
            files = [(load_checklist(path), f"file {path}") for path in self.checklist_files]
            registry = Registry.build(manager, extra_checklists=files)
            for name in manager.unknown_disabled:
                click.echo(
                    printable(f"Warning: no plugin named {name!r} to disable", one_line=True), err=True
                )
            for failure in registry.failures:
                click.echo(printable(f"Warning: {failure}; it is ignored", one_line=True), err=True)
            self.reported = len(registry.failures)
            self._registry = registry
        return self._registry

    def checklist(self, name: str) -> Checklist:
        """A registered checklist by id, or a checklist file by path."""
        if Path(name).suffix.lower() in {".yaml", ".yml", ".json"}:
            from lscp_scrutiny.io.checklists import load_checklist

            return load_checklist(name)
        return self.registry.checklist(name)


def _refuse_output(output: Path, force: bool, inputs: dict[Path, str]) -> None:
    """Stop before anything is read if writing OUTPUT would replace an input or, without --force, a file."""
    if not output.exists():
        return
    target = output.resolve()
    for path, what in inputs.items():
        if path.exists() and path.resolve() == target:
            raise click.UsageError(f"{output} is {what}; choose another output file")
    if not force:
        raise click.UsageError(f"{output} already exists; use --force to replace it")


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _fail(problems: list[Problem] | tuple[Problem, ...]) -> NoReturn:
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _text(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Text given on the command line: not blank, and writable as UTF-8."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("is not valid UTF-8 text", param=param) from None
    if not value.strip():
        raise click.BadParameter("must not be blank", param=param)
    return value.strip()


def _parse_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from lscp_scrutiny.codec.converters import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"expected a date written YYYY-MM-DD, got {value!r}", param=param) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="lscp-scrutiny")
@click.option(
    "--checklist-file",
    "checklist_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="PATH",
    help="Also use the checklist in this file (repeatable), as if a plugin had registered it.",
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave out this plugin (entry-point or distribution name; repeatable). "
    "The LSCP_SCRUTINY_DISABLE_PLUGINS environment variable takes a comma-separated list.",
)
@click.pass_context
def cli(ctx: click.Context, checklist_files: tuple[Path, ...], disabled: tuple[str, ...]) -> None:
    """Assess how a safeguarding children partnership arranges independent scrutiny.

    Start with `lscp-scrutiny checklists`, make a blank assessment with `lscp-scrutiny new`, fill it in,
    then `lscp-scrutiny validate` and `lscp-scrutiny report` it.

    Exit codes: 0 success; 1 a file could not be written; 2 bad input or usage; 3 report --fail-on-worse
    found something worse; 130 interrupted.
    """
    ctx.obj = _State(checklist_files, disabled)


@cli.command("checklists")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True
)
@click.pass_obj
def checklists_command(state: _State, fmt: str) -> None:
    """List the checklists available (built in, from plugins, and from --checklist-file)."""
    registry = state.registry
    rows = [(c, registry.origin(c.id)) for c in registry.checklists]
    if fmt == "json":
        import json

        data = [
            {"id": c.id, "version": c.version, "title": c.title, "criteria": len(c.criteria), "from": o}
            for c, o in rows
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from lscp_scrutiny.render.terminal import checklists_table

    _console().print(checklists_table(rows))


@cli.command("show")
@click.argument("checklist")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "json", "yaml"]),
    default="terminal",
    show_default=True,
    help="json and yaml print the checklist in its own file shape.",
)
@click.pass_obj
def show_command(state: _State, checklist: str, fmt: str) -> None:
    """Show a checklist's sections and criteria. CHECKLIST is an id or a checklist file."""
    found = state.checklist(checklist)
    if fmt in {"json", "yaml"}:
        from lscp_scrutiny.codec.documents import dumps_checklist

        click.echo(dumps_checklist(found, "json" if fmt == "json" else "yaml"), nl=False)
        return
    from lscp_scrutiny.render.terminal import checklist_view

    _console().print(checklist_view(found))


@cli.command("new")
@click.argument("checklist")
@click.option("--partnership", callback=_text, help="The partnership's name.")
@click.option(
    "--partnership-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A partnership file (YAML or JSON; see `lscp-scrutiny schema partnership`): its name, partners and "
    "scrutiny arrangement. Plugins may pre-fill ratings from it, marked for a person to confirm.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write: .xlsx (a workbook to fill in), .yaml, .yml or .json.",
)
@click.option(
    "--assessor", default="Not yet recorded", show_default=True, callback=_text, help="Who is assessing."
)
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="self_assessment",
    show_default=True,
    help="The assessor's role.",
)
@click.option("--organisation", default=None, callback=_text, help="The assessor's organisation.")
@click.option(
    "--date",
    "assessed_on",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The assessment date (default: today).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def new_command(
    state: _State,
    checklist: str,
    partnership: str | None,
    partnership_file: Path | None,
    output: Path,
    assessor: str,
    role: str,
    organisation: str | None,
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
    from lscp_scrutiny.model import Assessor, Partnership

    check_assessment_suffix(output)
    inputs = {Path(checklist): "the checklist being assessed"}
    if partnership_file is not None:
        inputs[partnership_file] = "the partnership file"
    inputs.update(dict.fromkeys(state.checklist_files, "a checklist file"))
    _refuse_output(output, force, inputs)
    if partnership is None and partnership_file is None:
        raise click.UsageError("give the partnership's name (--partnership) or a --partnership-file")
    found = state.checklist(checklist)
    if partnership_file is not None:
        subject = load_partnership(partnership_file)
        if partnership is not None:
            subject = evolve(subject, name=partnership)
        prefills = state.registry.prefill(subject, found)
        for failure in state.registry.failures[state.reported :]:
            click.echo(printable(f"Warning: {failure}; it is ignored", one_line=True), err=True)
    else:
        subject, prefills = Partnership(name=partnership or ""), []
    assessment = start_assessment(
        found,
        subject,
        Assessor(name=assessor, role=role, organisation=organisation),
        assessed_on=assessed_on,
        prefills=prefills,
    )
    write_assessment(assessment, output, checklist=found)
    suggested = f", {len(prefills)} pre-filled for you to confirm" if prefills else ""
    click.echo(
        f"Wrote {output}: {len(found.criteria)} criteria of {found.id} {found.version} to assess{suggested}."
    )


def _checked(state: _State, path: Path) -> CheckedAssessment:
    """Read an assessment file and check it against its checklist, every problem on its line or cell."""
    from lscp_scrutiny.io.assessments import check_file

    return check_file(path, state.registry)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Judge actions overdue against this date (default: today).",
)
@click.pass_obj
def validate_command(state: _State, files: tuple[Path, ...], as_of: date | None) -> None:
    """Check assessment files: every problem in every file, one line each.

    Files with problems make the exit code 2. Flags (such as a rating without evidence) are printed as
    warnings and do not change the exit code.
    """
    from lscp_scrutiny.core.evaluation import evaluate
    from lscp_scrutiny.errors import InvalidInputError

    failed = False
    for path in files:
        try:
            assessment, checklist = _checked(state, path).usable()
        except InvalidInputError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            continue
        summary = evaluate(assessment, checklist, as_of=as_of, rules=state.registry.rules_for(checklist))
        overall = summary.overall
        flags = len(summary.flags)
        click.echo(
            f"{path}: valid ({overall.criteria - overall.not_assessed} of {overall.criteria} criteria "
            f"assessed, {flags} {'flag' if flags == 1 else 'flags'})"
        )
        for flag in summary.flags:
            click.echo(printable(f"{path}: warning: {flag.message}", one_line=True))
    sys.exit(EXIT_BAD_INPUT if failed else EXIT_OK)


@cli.command("report")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default=None,
    metavar="NAME",
    help="terminal (the default), text, json, markdown, html, csv, or a format a plugin adds (`lscp-scrutiny "
    "plugins` lists them). With -o and no --format, the output file's suffix chooses.",
)
@click.option(
    "--as-of",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Judge actions overdue against this date (default: today).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of the terminal.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--public",
    is_flag=True,
    help="A public version: evidence and notes marked restricted are withheld (every number is kept).",
)
@click.option(
    "--compare",
    "earlier",
    type=click.Path(path_type=Path),
    metavar="EARLIER",
    help="Also show what changed since an earlier assessment of the same partnership.",
)
@click.option(
    "--fail-on-worse",
    is_flag=True,
    help=f"With --compare: exit with code {EXIT_WORSENED} when any criterion got worse (for scripts).",
)
@click.option(
    "--width",
    type=click.IntRange(MIN_REPORT_WIDTH, 400),
    default=None,
    help="Report width in columns, 80 or more (default: the terminal's; 100 for text).",
)
@click.pass_obj
def report_command(
    state: _State,
    file: Path,
    fmt: str | None,
    as_of: date | None,
    output: Path | None,
    force: bool,
    public: bool,
    earlier: Path | None,
    fail_on_worse: bool,
    width: int | None,
) -> None:
    """Evaluate an assessment and report it: scores, roll-ups, flags and open actions.

    With --compare, the report also says what changed since an earlier assessment: criteria improved,
    worsened, newly assessed or not applicable, added or removed, and actions opened and closed.
    """
    fmt = _choose_format(fmt, output, state.registry.formats)
    if output is not None:
        inputs = {file: "the assessment being reported"}
        if earlier is not None:
            inputs[earlier] = "the earlier assessment being compared"
        inputs.update(dict.fromkeys(state.checklist_files, "a checklist file"))
        _refuse_output(output, force, inputs)
    if fail_on_worse and earlier is None:
        raise click.UsageError("--fail-on-worse needs --compare EARLIER")
    summary = _evaluated(state, file, as_of)
    if earlier is not None:
        from lscp_scrutiny.core.comparison import compare

        before = _evaluated(state, earlier, as_of)
        if before.partnership != summary.partnership:
            click.echo(
                printable(
                    f"Warning: comparing {before.partnership!r} with {summary.partnership!r}, "
                    "which are not the same partnership",
                    one_line=True,
                ),
                err=True,
            )
        if before.assessed_on > summary.assessed_on:
            click.echo(
                f"Warning: the earlier assessment ({before.assessed_on}) is dated after this one "
                f"({summary.assessed_on}); did you swap them?",
                err=True,
            )
        summary = compare(before, summary)
    if public:
        from lscp_scrutiny.core.publication import make_public

        summary = make_public(summary)
    _show(state, summary, fmt, output, width)
    if fail_on_worse and summary.comparison is not None and summary.comparison.worsened:
        sys.exit(EXIT_WORSENED)


def _evaluated(state: _State, file: Path, as_of: date | None) -> Summary:
    return _evaluate(state, _checked(state, file), as_of)


def _evaluate(state: _State, checked: CheckedAssessment, as_of: date | None) -> Summary:
    from lscp_scrutiny.core.evaluation import evaluate

    assessment, checklist = checked.usable()
    return evaluate(assessment, checklist, as_of=as_of, rules=state.registry.rules_for(checklist))


def _show(state: _State, summary: Summary, fmt: str, output: Path | None, width: int | None) -> None:
    """Print or write the summary in the chosen format."""
    if fmt == "terminal":
        from lscp_scrutiny.render.terminal import MIN_WIDTH, render_report

        console = _console()
        # Laid out for 80 columns at least: a narrower terminal wraps the lines but loses nothing.
        console.width = max(width or console.width, MIN_WIDTH)
        console.print(render_report(summary), crop=False)
        return
    if fmt == "text" and width is not None:
        from lscp_scrutiny.render.formats import OutputFormat
        from lscp_scrutiny.render.terminal import render_text

        plain = OutputFormat(
            name="text", description="plain text", render=lambda s: render_text(s, width=width)
        )
        _write_formatted(plain, summary, output)
        return
    _write_formatted(state.registry.formats[fmt], summary, output)


_BUILT_IN_FORMATS = ("json", "text", "markdown", "html", "csv")


def _choose_format(fmt: str | None, output: Path | None, formats: Mapping[str, OutputFormat]) -> str:
    """The format asked for, or the one the output file's suffix names; terminal on the terminal."""
    if fmt is None:
        # A built-in format wins a suffix a plugin also claims; among plugins, the first by name.
        by_suffix: dict[str, str] = {}
        for name, found in sorted(
            formats.items(), key=lambda item: (item[0] not in _BUILT_IN_FORMATS, item[0])
        ):
            if found.suffix != ".txt":
                by_suffix.setdefault(found.suffix, name)
        fmt = by_suffix.get(output.suffix.lower(), "text") if output is not None else "terminal"
    if fmt != "terminal" and fmt not in formats:
        choices = ", ".join(["terminal", *formats])
        raise click.BadParameter(f"{fmt!r} is not one of: {choices}", param_hint="'--format'")
    # The terminal report in plain text is what a file can hold.
    return "text" if fmt == "terminal" and output is not None else fmt


def _write_formatted(output_format: OutputFormat, summary: Summary, output: Path | None) -> None:
    """Render with a registered format (contained by the registry) and write it out or print it."""
    from lscp_scrutiny.io.paths import atomic_write

    rendered = output_format.render(summary)  # a plugin's failure is a PluginCodeError: exit code 1
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if output is not None:
        atomic_write(output, data)
    elif isinstance(rendered, bytes):
        sys.stdout.buffer.write(data)
    else:
        click.echo(rendered, nl=False)


def _warn_repeated(names: list[str], what: str) -> None:
    """A partnership counted twice skews every figure: say so (it may be two exports of one return)."""
    from collections import Counter

    first: dict[str, str] = {}
    for name in names:
        first.setdefault(" ".join(name.casefold().split()), name)
    counted = Counter(" ".join(n.casefold().split()) for n in names)
    for key, times in sorted(counted.items()):
        if times > 1:
            message = f"Warning: {times} {what} are for a partnership named {first[key]!r}; each is counted"
            click.echo(printable(message, one_line=True), err=True)


def _national_inputs(state: _State, paths: tuple[Path, ...], output: Path | None, force: bool) -> list[Path]:
    """The files to aggregate, refusing an output that would replace one of them."""
    from lscp_scrutiny.io.survey import survey_files

    found = survey_files(paths)
    if not found:
        named = ", ".join(str(p) for p in paths)
        raise click.UsageError(f"no survey exports, partnership files or assessments found in {named}")
    if output is not None:
        inputs = dict.fromkeys(found, "one of the files being aggregated")
        inputs.update(dict.fromkeys(state.checklist_files, "a checklist file"))
        _refuse_output(output, force, inputs)
    return found


@cli.command("national")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "csv", "json"]),
    default=None,
    help="terminal (the default), markdown, html, csv or json; with -o the file's suffix chooses.",
)
@click.option(
    "--suppress-below",
    type=click.IntRange(0, 1000),
    default=0,
    show_default=True,
    metavar="N",
    help="Withhold every count from 1 to N-1: small groups can identify a partnership in published output.",
)
@click.option(
    "--as-of", callback=_parse_date, metavar="YYYY-MM-DD", help="For overdue actions (default: today)."
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def national_command(
    state: _State,
    paths: tuple[Path, ...],
    fmt: str | None,
    suppress_below: int,
    as_of: date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Aggregate many partnerships: survey returns and checklist assessments, nationally.

    PATHS are survey exports (.csv, .xlsx), partnership files (.yaml, .json) and assessment files
    (.yaml, .json, or .xlsx workbooks), or folders of them. Each figure is "N of M", M being the
    partnerships that answered that question.
    """
    from lscp_scrutiny.core.national import national_picture
    from lscp_scrutiny.errors import InvalidInputError
    from lscp_scrutiny.io.assessments import check_document
    from lscp_scrutiny.io.paths import atomic_write
    from lscp_scrutiny.io.survey import read_national

    found = _national_inputs(state, paths, output, force)
    suffixes = {".md": "markdown", ".html": "html", ".csv": "csv", ".json": "json"}
    fmt = fmt or (suffixes.get(output.suffix.lower(), "markdown") if output is not None else "terminal")
    documents, returns = read_national(found)
    summaries: list[Summary] = []
    problems: list[Problem] = []
    for document in documents:
        try:
            summaries.append(_evaluate(state, check_document(document, state.registry), as_of))
        except InvalidInputError as exc:
            problems += exc.problems
    if problems:
        _fail(problems)
    _warn_repeated([r.name for r in returns], "survey returns")
    _warn_repeated([s.partnership for s in summaries], "assessments")
    picture = national_picture(returns, summaries, suppress_below=suppress_below)
    if fmt == "terminal":
        from lscp_scrutiny.render.national import national_view

        _console().print(national_view(picture))
        return
    from lscp_scrutiny.render import national as render

    text = {
        "markdown": render.render_national_markdown,
        "html": render.render_national_html,
        "csv": render.render_national_csv,
        "json": render.render_national_json,
    }[fmt](picture)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))


@cli.command("assess")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--date",
    "today",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The date to record on each rating (default: today).",
)
@click.pass_obj
def assess_command(state: _State, file: Path, today: date | None) -> None:
    """Walk through the criteria of FILE still to answer, saving after every answer.

    For each criterion it shows the guidance and the evidence to look for, then asks for the rating,
    evidence, notes and actions. At the rating prompt: s skips, b goes back, j jumps to a section, q
    quits. Stopping at any point (q, Ctrl-C, closing the terminal) loses at most the answer being typed;
    run it again to carry on. FILE is a YAML (your comments in it are kept), JSON or .xlsx assessment,
    as written by `lscp-scrutiny new`.
    """
    from lscp_scrutiny.cli.guided import guided_assessment
    from lscp_scrutiny.io.assessment_file import AssessmentFile

    _, checklist = _checked(state, file).usable()
    opened = AssessmentFile(file, checklist)
    try:
        guided_assessment(opened, checklist, _console(), today=today or date.today())  # noqa: DTZ011
    except KeyboardInterrupt:
        click.echo(
            f"\nInterrupted. Every answer completed before is saved in {printable(str(file))}; "
            "run the same command to carry on.",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)


@cli.command("convert")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write: .xlsx, .yaml, .yml or .json (the suffix chooses).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def convert_command(state: _State, source: Path, output: Path, force: bool) -> None:
    """Turn an assessment into another format: a workbook into YAML or JSON, and back.

    The assessment is checked against its checklist first; one with problems is not converted (fix what
    the errors name, in the sheet and cell or line they give). Nothing is lost: converting back gives
    the same assessment. YAML output carries each criterion's guidance as comments.
    """
    from lscp_scrutiny.io.assessments import check_assessment_suffix, write_assessment

    check_assessment_suffix(output)  # an unsupported suffix fails here, before anything is read
    inputs = {source: "the assessment being converted"}
    inputs.update(dict.fromkeys(state.checklist_files, "a checklist file"))
    _refuse_output(output, force, inputs)
    assessment, checklist = _checked(state, source).usable()
    write_assessment(assessment, output, checklist=checklist)
    rated = sum(1 for r in assessment.responses if r.is_assessed)
    click.echo(f"Wrote {output}: {rated} of {len(checklist.criteria)} criteria of {checklist.id} assessed.")


@cli.command("plugins")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True
)
@click.pass_obj
def plugins_command(state: _State, fmt: str) -> None:
    """List plugins: version, hooks, what each contributed, and every plugin that failed, with why."""
    from lscp_scrutiny.plugins import describe_plugins

    data = describe_plugins(state.registry)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from lscp_scrutiny.render.terminal import plugins_table

    _console().print(plugins_table(data))


@cli.command("schema")
@click.argument("kind", type=click.Choice(["checklist", "assessment", "partnership", "summary"]))
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a file kind."""
    import json

    from lscp_scrutiny.codec.schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2))


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors become one-line messages and exit codes, never tracebacks."""
    try:
        cli.main(args=argv, prog_name="lscp-scrutiny", standalone_mode=False)
        sys.stdout.flush()  # a full disk or closed pipe is found here, not at exit
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error worth a message. Point standard output at
        # /dev/null so Python's own flush at exit cannot fail again, as the Python docs advise.
        with contextlib.suppress(OSError, ValueError):  # no file descriptor: nothing to redirect
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_WRITE_FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the edge where every error becomes a message
        _report_exception(exc)
    sys.exit(EXIT_OK)


def _report_exception(exc: Exception) -> NoReturn:
    from lscp_scrutiny.errors import InvalidInputError, PluginCodeError, ScrutinyError, WriteError

    if isinstance(exc, InvalidInputError):
        _fail(exc.problems)
    if isinstance(exc, WriteError | PluginCodeError):
        click.echo(printable(f"Error: {exc}", one_line=True), err=True)
        sys.exit(EXIT_WRITE_FAILED)
    if isinstance(exc, ScrutinyError):
        click.echo(printable(f"Error: {exc}", one_line=True), err=True)
        sys.exit(EXIT_BAD_INPUT)
    if isinstance(exc, OSError) and not os.environ.get("LSCP_SCRUTINY_DEBUG"):
        where = f"{exc.filename}: " if exc.filename else "could not write the output: "
        click.echo(printable(f"Error: {where}{exc.strerror or exc}", one_line=True), err=True)
        sys.exit(EXIT_WRITE_FAILED)
    if os.environ.get("LSCP_SCRUTINY_DEBUG"):
        raise exc
    click.echo(
        f"Error: internal error ({type(exc).__name__}: {printable(str(exc), one_line=True)}). "
        "This is a bug in lscp-scrutiny; please report it. Set LSCP_SCRUTINY_DEBUG=1 to see the details.",
        err=True,
    )
    sys.exit(EXIT_WRITE_FAILED)
