"""``report``: an assessment evaluated and written in any registered format, or shown on the terminal."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import EXIT_WORSENED, App, pass_app

if TYPE_CHECKING:
    from lscp_scrutiny.model.summary import Summary

MIN_REPORT_WIDTH = 80  # render.terminal.MIN_WIDTH, repeated so that --help need not import rich (tested)


@click.command("report")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default=None,
    metavar="NAME",
    help="terminal (the default), text, json, markdown, html, csv, docx (Word), summary (the one-page "
    "executive summary, HTML), or a format a plugin adds (`lscp-scrutiny plugins` lists them). With -o "
    "and no --format, the output file's suffix chooses.",
)
@options.as_of()
@options.output("Write the report to this file instead of the terminal.")
@options.force
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
@pass_app
def report_command(
    app: App,
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
    from lscp_scrutiny.render.formats import choose_format

    inputs = {file: "the assessment being reported"}
    if earlier is not None:
        inputs[earlier] = "the earlier assessment being compared"
    app.refuse_to_overwrite(output, force, inputs)  # before the suffix: replacing an input is worse
    registry = app.registry
    try:
        fmt = choose_format(
            fmt, None if output is None else str(output), registry.formats, registry.built_in_formats
        )
    except ValueError as exc:  # a format not registered, or an output suffix no format claims
        hint = "'--format'" if fmt is not None else "'-o' / '--output'"
        raise click.BadParameter(str(exc), param_hint=hint) from None
    if fail_on_worse and earlier is None:
        raise click.UsageError("--fail-on-worse needs --compare EARLIER")
    summary = app.evaluated(file, as_of)
    if earlier is not None:
        from lscp_scrutiny.core.comparison import compare

        before = app.evaluated(earlier, as_of)
        if before.partnership != summary.partnership:
            app.warn(
                f"comparing {before.partnership!r} with {summary.partnership!r}, "
                "which are not the same partnership"
            )
        if before.assessed_on > summary.assessed_on:
            app.warn(
                f"the earlier assessment ({before.assessed_on}) is dated after this one "
                f"({summary.assessed_on}); did you swap them?"
            )
        summary = compare(before, summary)
    if public:
        from lscp_scrutiny.core.publication import make_public

        summary = make_public(summary)
    _show(app, summary, fmt, output, width, private=not public)
    if fail_on_worse and summary.comparison is not None and summary.comparison.worsened:
        sys.exit(EXIT_WORSENED)


def _show(
    app: App, summary: Summary, fmt: str, output: Path | None, width: int | None, *, private: bool
) -> None:
    """Print or write the summary in the chosen format: a file 0600 unless public (--public)."""
    if fmt == "terminal":
        from lscp_scrutiny.render.terminal import MIN_WIDTH, render_report

        console = app.console()
        # Laid out for 80 columns at least: a narrower terminal wraps the lines but loses nothing.
        console.width = max(width or console.width, MIN_WIDTH)
        console.print(render_report(summary), crop=False)
        return
    if fmt == "text" and width is not None:  # the built-in text format, at a width of the user's
        from lscp_scrutiny.render.terminal import render_text

        app.write(render_text(summary, width=width), output, private=private)
        return
    rendered = app.registry.formats[fmt].render(summary)  # contained: a failure is exit code 1
    app.write(rendered, output, private=private)
