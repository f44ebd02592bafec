"""``rollup``: many agencies' returns (Section 11 self-assessments, say) brought together."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import App, pass_app
from lscp_scrutiny.cli._options import LazyChoice

if TYPE_CHECKING:
    from lscp_scrutiny.model import Assessment
    from lscp_scrutiny.model.summary import Summary

_BY_SUFFIX = {
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".docx": "docx",
}
_LIST_SUFFIXES = (".txt",)


def expected_agencies(path: Path) -> tuple[str, ...]:
    """The agencies a list names: a partnership file's partners and relevant agencies, or a text file's lines.

    A text file (``.txt``) holds one agency per line; blank lines and lines starting with ``#`` are left out.
    """
    from lscp_scrutiny.errors import InvalidInputError, Problem
    from lscp_scrutiny.io.checklists import load_partnership
    from lscp_scrutiny.io.paths import read_bytes, refuse_directory

    if path.suffix.lower() in _LIST_SUFFIXES:
        refuse_directory(path)
        try:
            text = read_bytes(path).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInputError([Problem(source=str(path), message="is not UTF-8 text")]) from None
        names = [line.strip() for line in text.splitlines()]
        found = tuple(dict.fromkeys(n for n in names if n and not n.startswith("#")))
        if not found:
            raise InvalidInputError([Problem(source=str(path), message="names no agency (one per line)")])
        return found
    partnership = load_partnership(path)
    found = tuple(
        dict.fromkeys(
            [
                *(p.organisation for p in partnership.partners),
                *(a.name for a in partnership.relevant_agencies),
            ]
        )
    )
    if not found:
        message = "names no partners or relevant agencies, so no return can be expected from it"
        raise InvalidInputError([Problem(source=str(path), message=message)])
    return found


def _named_in_returns(assessments: list[Assessment]) -> tuple[str, ...] | None:
    """The agencies the returns' own partnership details name, if any do (else unknown: ``None``)."""
    names: dict[str, None] = {}
    for assessment in assessments:
        for partner in assessment.partnership.partners:
            names.setdefault(partner.organisation)
        for agency in assessment.partnership.relevant_agencies:
            names.setdefault(agency.name)
    return tuple(names) or None


@click.command("rollup")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--by",
    type=LazyChoice("lscp_scrutiny.core.rollup", "RollupKey"),
    default=None,
    help="Also show the figures of each agency, sector, partnership or assessor role.",
)
@click.option(
    "--expected",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Who should have returned: a partnership file (.yaml or .json; its partners and relevant "
    "agencies) or a .txt list, one agency per line. Default: the agencies the returns' partnership "
    "details name, if any.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "csv", "json", "docx"]),
    default=None,
    help="terminal (the default), markdown, html, csv, json or docx (Word, with -o); with -o the file's "
    "suffix chooses.",
)
@click.option(
    "--suppress-below",
    type=click.IntRange(0, 1000),
    default=0,
    show_default=True,
    metavar="N",
    help="For publishing: withhold every count from 1 to N-1, and any count that could be worked out "
    "from those shown (the national picture's rule), and leave out each agency's own lines.",
)
@options.as_of("For overdue actions (default: today).")
@options.output("Write to this file.")
@options.force
@pass_app
def rollup_command(
    app: App,
    paths: tuple[Path, ...],
    by: str | None,
    expected: Path | None,
    fmt: str | None,
    suppress_below: int,
    as_of: date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Roll agencies' returns up for the partnership: per standard, how many agencies at each rating.

    PATHS are returns (.yaml, .json or .xlsx assessment files, each naming its agency: `lscp-scrutiny new
    CHECKLIST --agency NAME`) or folders of them, all against one checklist and to one partnership. Each
    count is "N of M", M being the agencies that rated the standard; returns expected and not received,
    the agencies most often at the lowest level, and the count of each agency's open and overdue actions
    (`lscp-scrutiny actions` lists the actions themselves).
    """
    from lscp_scrutiny.core.rollup import rollup

    found = app.returns_in(paths, besides=expected)
    inputs = dict.fromkeys(found, "one of the returns being rolled up")
    if expected is not None:
        inputs[expected] = "the list of expected agencies"
    app.refuse_to_overwrite(output, force, inputs)
    chosen = options.chosen_format(fmt, output, _BY_SUFFIX)
    if chosen == "docx" and output is None:
        raise click.UsageError("a Word document is written to a file: add -o FILE.docx")
    wanted = expected_agencies(expected) if expected is not None else None
    assessments, summaries = _read(app, found, as_of, json_output=chosen == "json")
    for path, assessment in zip(found, assessments, strict=True):
        if assessment.agency is None:
            app.warn(
                f"{path} names no agency assessed: counted as {assessment.partnership.name}'s own return"
            )
    made_on = as_of or date.today()  # noqa: DTZ011 - calendar date by intent
    result = rollup(
        summaries,
        by=by,
        expected=wanted if wanted is not None else _named_in_returns(assessments),
        as_of=made_on,
        suppress_below=suppress_below,
        sources=[str(p) for p in found],
    )
    if chosen == "terminal":
        from lscp_scrutiny.render.rollup import rollup_view

        app.console().print(rollup_view(result), crop=False)
        return
    from lscp_scrutiny.render import rollup as render

    rendered = render.render_rollup_docx(result) if chosen == "docx" else render.FORMATS[chosen](result)
    # Names and counts only (no evidence, notes or action text): nothing restricted to keep private.
    app.write(rendered, output, private=False)


def _read(
    app: App, found: list[Path], as_of: date | None, *, json_output: bool
) -> tuple[list[Assessment], list[Summary]]:
    """Every return read, checked and evaluated; every problem of every file said at once, or none read."""
    from lscp_scrutiny.cli._progress import progress_for
    from lscp_scrutiny.errors import InvalidInputError, Problem

    problems: list[Problem] = []
    assessments = []
    summaries = []
    with progress_for(json_output=json_output) as progress:  # erased before anything is written
        for path in progress.track(found, "Reading"):
            try:
                checked = app.checked(path)
                summaries.append(app.evaluated(checked, as_of))
                assessments.append(checked.assessment)
            except InvalidInputError as exc:
                problems += exc.problems
    if problems:
        app.fail(problems)
    return assessments, summaries
