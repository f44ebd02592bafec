"""``moderate``: several assessments of one partnership side by side, how far they agree, and an agenda."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny._text import printable
from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import App, pass_app

if TYPE_CHECKING:
    from lscp_scrutiny.model import Assessment, Checklist

_BY_SUFFIX = {".md": "markdown", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}
_AGENDA_BY_SUFFIX = {".md": "markdown", ".csv": "csv", ".xlsx": "xlsx"}
_AGENDA_FORMATS = ("markdown", "csv", "xlsx")
_MODERATED_SUFFIXES = (".yaml", ".yml")
"""``-o`` with one of these writes the moderated assessment itself, not a report of the agreement (``.json``
is the agreement's JSON, as it always was; ``lscp-scrutiny convert`` turns the moderated YAML into JSON
or a workbook)."""


def _format(fmt: str | None, output: Path | None, *, agenda: bool) -> str:
    """The format asked for, else the output file's suffix's, else the terminal (an agenda: Markdown).

    The suffix is read by ``format_by_suffix``, the one rule every writer follows.
    """
    from lscp_scrutiny.render.formats import format_by_suffix

    if output is not None and not agenda and output.suffix.lower() in _MODERATED_SUFFIXES:
        if fmt is not None:
            raise click.UsageError("a moderated assessment (-o FILE.yaml) takes no --format")
        return "assessment"
    if fmt is None and output is not None:
        try:
            return format_by_suffix(str(output), _AGENDA_BY_SUFFIX if agenda else _BY_SUFFIX)
        except ValueError as exc:
            if not agenda and output.suffix.lower() == ".xlsx":
                raise click.UsageError("only the agenda is written as a workbook: add --agenda") from None
            raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
    chosen = fmt or ("markdown" if agenda else "terminal")
    if agenda and chosen not in _AGENDA_FORMATS:
        raise click.UsageError(f"--agenda is written as markdown or csv (or -o FILE.xlsx), not {chosen}")
    return chosen


def _refuse_repeats(app: App, files: tuple[Path, ...]) -> None:
    """The same file twice would agree with itself: one line, exit code 2."""
    from lscp_scrutiny.errors import Problem

    seen: set[Path] = set()
    for path in files:
        if path.resolve() in seen:
            app.fail([Problem(source=str(path), message="is given twice; give each file once")])
        seen.add(path.resolve())


def _warn_identical(app: App, assessments: list[Assessment], files: tuple[Path, ...]) -> None:
    """Two files holding the same assessment (a copy under another name) are said, not refused."""
    same: dict[object, Path] = {}
    for assessment, path in zip(assessments, files, strict=True):
        key = (assessment.assessor, assessment.assessed_on, assessment.responses)
        if key in same:
            app.warn(
                f"{path} holds the same assessment as {same[key]}: it is counted twice, agreeing with itself"
            )
        same.setdefault(key, path)


@click.command("moderate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "csv", "json"]),
    default=None,
    help="terminal (the default), markdown, html, csv or json; with -o the file's suffix chooses.",
)
@click.option(
    "--agenda",
    is_flag=True,
    help="Write the moderation meeting's agenda instead: the criteria the assessors disagree on, most "
    "disagreement first, each rating with its evidence and notes: markdown, csv, or a workbook "
    "with -o FILE.xlsx.",
)
@options.as_of("For overdue actions (default: today).")
@options.output("Write to this file instead of the terminal.")
@options.force
@click.option(
    "--public",
    is_flag=True,
    help="A public version: evidence and notes marked restricted are withheld (every figure is kept).",
)
@click.option(
    "--agreed",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="AGENDA",
    help="With -o FILE.yaml: the agenda the meeting filled in (.xlsx or .csv); its agreed "
    "ratings and rationales go into the moderated assessment.",
)
@click.option("--moderated-by", metavar="TEXT", help="Who agreed the ratings: the panel or meeting.")
@click.option(
    "--moderated-on",
    callback=options.parse_date,
    metavar="YYYY-MM-DD",
    help="When they were agreed (default: today).",
)
@pass_app
def moderate_command(
    app: App,
    files: tuple[Path, ...],
    fmt: str | None,
    agenda: bool,
    as_of: date | None,
    output: Path | None,
    force: bool,
    public: bool,
    agreed: Path | None,
    moderated_by: str | None,
    moderated_on: date | None,
) -> None:
    """Compare several assessors' ratings of one partnership and measure their agreement.

    FILES are two or more assessments (.yaml, .json or .xlsx) of the same partnership against the same
    checklist, by any mix of assessors: self-assessment, peer reviewers, the independent scrutineer.
    Shows each criterion's ratings side by side with their spread, percent agreement and Krippendorff's
    alpha (ordinal; not applicable and not yet assessed count as missing) overall, by WHO/HOW/WHAT, theme
    and section, and objectivity flags.

    With -o FILE.yaml it writes the moderated assessment instead: the first file's ratings as
    they are, each criterion carrying the other assessors' ratings. With --agreed AGENDA and
    --moderated-by, the ratings the meeting agreed go in beside them, with the rationale; reports of that
    file count the agreed ratings and show each beside the assessor's own.
    """
    from lscp_scrutiny.core.moderation import moderate, moderation_problems
    from lscp_scrutiny.errors import InvalidInputError

    app.refuse_to_overwrite(output, force, dict.fromkeys(files, "one of the assessments being moderated"))
    chosen = _format(fmt, output, agenda=agenda)
    if (agreed is not None or moderated_by is not None) and chosen != "assessment":
        raise click.UsageError("--agreed and --moderated-by go with -o FILE.yaml (the moderated assessment)")
    if agreed is not None and not (moderated_by or "").strip():
        raise click.UsageError("--agreed needs --moderated-by: say who agreed the ratings")
    if chosen == "terminal" and output is not None:
        raise click.UsageError(
            "the terminal view is not written to a file; choose --format markdown, html, csv or json"
        )
    _refuse_repeats(app, files)
    checked = [app.checked(path) for path in files]  # an unreadable file is one line, exit code 2
    sources = [str(path) for path in files]
    problems = moderation_problems([c.assessment for c in checked], sources)
    if problems:
        app.fail(problems)
    usable = []
    for one in checked:
        try:
            usable.append(one.usable())
        except InvalidInputError as exc:
            problems += exc.problems
    if problems:
        app.fail(problems)
    _warn_identical(app, [assessment for assessment, _ in usable], files)
    checklist = usable[0][1]
    if chosen == "assessment":
        assert output is not None  # noqa: S101 - chosen only with -o
        _write_moderated([a for a, _ in usable], checklist, output, agreed, moderated_by, moderated_on)
        return
    moderation = moderate(
        [assessment for assessment, _ in usable],
        checklist,
        as_of=as_of,
        sources=sources,
        rules=app.registry.rules_for(checklist),
        public=public,
    )
    app.report_plugin_failures()
    if chosen == "terminal":
        from lscp_scrutiny.render.moderation import moderation_view

        app.console().print(moderation_view(moderation), crop=False)
        return
    from lscp_scrutiny.render.moderation import AGENDA_FORMATS, FORMATS

    rendered = (AGENDA_FORMATS if agenda else FORMATS)[chosen](moderation)
    app.write(rendered, output, private=not public)


def _write_moderated(
    assessments: list[Assessment],
    checklist: Checklist,
    output: Path,
    agreed: Path | None,
    by: str | None,
    on: date | None,
) -> None:
    """Write the moderated assessment, with the agenda's agreed ratings if given; say what it holds."""
    from lscp_scrutiny.core.moderation import moderated_assessment
    from lscp_scrutiny.io.agenda import read_agreed
    from lscp_scrutiny.io.assessments import write_assessment
    from lscp_scrutiny.model.labels import scale_choices

    found: dict[str, tuple[str, str]] = {}
    if agreed is not None:
        # What a cell may say: the drop-down's words (each scale's labels, and not applicable) or the ids.
        words: dict[str, str] = {}
        for scale in checklist.scales:
            for label, rating in scale_choices(scale).items():
                words.setdefault(label, rating)
                words.setdefault(rating, rating)
        found = {c: (a.rating, a.rationale) for c, a in read_agreed(agreed, words).items()}
    when = (on or date.today()) if found else None  # noqa: DTZ011 - a calendar date
    moderated = moderated_assessment(assessments, checklist, agreed=found, by=by, on=when)
    write_assessment(moderated, output, checklist=checklist)
    records = [r for r in moderated.responses if r.moderated is not None]
    done = sum(1 for r in records if r.moderated is not None and r.moderated.rating is not None)
    moved = sum(1 for r in records if r.verdict != r.rating)
    click.echo(
        printable(
            f"Wrote {output}: {len(records)} criteria with other assessors' ratings beside "
            f"{assessments[0].assessor.name}'s; {done} agreed, {moved} of them changed; "
            f"{len(records) - done} still to agree.",
            one_line=True,
        )
    )
