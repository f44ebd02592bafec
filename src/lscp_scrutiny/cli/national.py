"""``national``: survey returns and assessments of many partnerships, aggregated into one picture."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import App, pass_app

if TYPE_CHECKING:
    from lscp_scrutiny.errors import Problem
    from lscp_scrutiny.model.summary import Summary

_BY_SUFFIX = {".md": "markdown", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}


def _warn_repeated(app: App, names: list[str], what: str) -> None:
    """A partnership counted twice skews every figure: say so (it may be two exports of one return)."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(" ".join(name.casefold().split()), name)
    counted = Counter(" ".join(n.casefold().split()) for n in names)
    for key, times in sorted(counted.items()):
        if times > 1:
            app.warn(f"{times} {what} are for a partnership named {first[key]!r}; each is counted")


@click.command("national")
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
    "--by-role",
    is_flag=True,
    help="Split the assessments by their assessor's role (self-assessment, peer review, independent "
    "scrutineer) instead of pooling them.",
)
@options.as_of("For overdue actions (default: today).")
@options.output("Write to this file.")
@options.force
@pass_app
def national_command(
    app: App,
    paths: tuple[Path, ...],
    fmt: str | None,
    suppress_below: int,
    by_role: bool,
    as_of: date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Aggregate many partnerships: survey returns and checklist assessments, nationally.

    PATHS are survey exports (.csv, .xlsx), partnership files (.yaml, .json) and assessment files
    (.yaml, .json, or .xlsx workbooks), or folders of them. Each figure is "N of M", M being the
    partnerships that answered that question.
    """
    from lscp_scrutiny.cli._progress import progress_for
    from lscp_scrutiny.core.national import national_picture
    from lscp_scrutiny.errors import InvalidInputError
    from lscp_scrutiny.io.survey import read_national, survey_files

    found = survey_files(paths)
    if not found:
        named = ", ".join(str(p) for p in paths)
        raise click.UsageError(f"no survey exports, partnership files or assessments found in {named}")
    app.refuse_to_overwrite(output, force, dict.fromkeys(found, "one of the files being aggregated"))
    fmt = options.chosen_format(fmt, output, _BY_SUFFIX)
    doubts: list[Problem] = []  # read, but would mislead: said once each, on stderr
    summaries: list[Summary] = []
    problems: list[Problem] = []
    with progress_for(json_output=fmt == "json") as progress:  # erased before anything is written
        documents, returns = read_national(  # each file read and parsed once
            found, warnings=doubts, track=lambda files: progress.track(files, "Reading")
        )
        for doubt in doubts:
            app.warn(str(doubt))
        for document in progress.track(documents, "Evaluating"):
            try:
                summaries.append(app.evaluated(app.checked_document(document), as_of))
            except InvalidInputError as exc:
                problems += exc.problems
    if problems:
        app.fail(problems)
    _warn_repeated(app, [r.name for r in returns], "survey returns")
    _warn_repeated(app, [s.partnership for s in summaries], "assessments")
    made_on = as_of or date.today()  # noqa: DTZ011 - calendar date by intent
    picture = national_picture(
        returns, summaries, suppress_below=suppress_below, as_of=made_on, by_role=by_role
    )
    if fmt == "terminal":
        from lscp_scrutiny.render.national import national_view

        app.console().print(national_view(picture))
        return
    from lscp_scrutiny.render import national as render

    text = {
        "markdown": render.render_national_markdown,
        "html": render.render_national_html,
        "csv": render.render_national_csv,
        "json": render.render_national_json,
    }[fmt](picture)
    app.write(text, output, private=False)  # counts and titles only: no notes, no evidence, made to publish
