"""Renderers for the roll-up of agency returns: terminal, Markdown, HTML, CSV, JSON and Word.

Every format but CSV and JSON draws the same tables (:func:`rollup_tables`), so no two can show different
figures; CSV holds the same counts one per row, and JSON the roll-up itself. A roll-up holds names and
counts only (no evidence, notes or action text), so nothing restricted can reach it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from html import escape

from attrs import frozen

from lscp_scrutiny._version import __version__
from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.core.national import AssessmentPicture, CriterionPicture
from lscp_scrutiny.core.rollup import AgencyReturn, Rollup
from lscp_scrutiny.io._formulas import csv_text
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import words_of
from lscp_scrutiny.render._common import percent
from lscp_scrutiny.render.markdown import md

_converter = make_converter("json", omit_defaults=False)
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"  # one file: nothing loads from anywhere
WITHHELD = "withheld"


@frozen
class Table:
    """One table of the roll-up as every format draws it: a heading, a note, a header row and rows."""

    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None
    level: int = 2
    """The heading's level: 2 for a part of the roll-up, 3 within a group."""
    narrow_drop: tuple[int, ...] = ()
    """Columns a terminal narrower than :data:`NARROW` leaves out (every file keeps them)."""


NARROW = 120
"""Below this many columns the terminal leaves out a table's :attr:`Table.narrow_drop` columns."""


def _n(value: int | None) -> str:
    return WITHHELD if value is None else str(value)


def share_text(count: int | None, of: int | None) -> str:
    """``9 of 12 (75%)``: ``count`` of the agencies that rated it; ``withheld`` where either is withheld."""
    if count is None or of is None:
        return WITHHELD
    if of == 0:
        return "none rated"
    return f"{count} of {of} ({percent(count / of)})"


def title(found: Rollup) -> str:
    """``Section 11 self-assessment for agencies: roll-up of 12 returns``."""
    returns = found.overall.assessments
    counted = "returns" if returns is None else f"{returns} return{'s' if returns != 1 else ''}"
    return f"{found.checklist_title}: roll-up of {counted}"


def method_note(found: Rollup) -> list[str]:
    """How the figures were made, in a few sentences every format prints."""
    lowest = ", ".join(level.label for level in found.levels if level.points == 0) or "the lowest level"
    as_of = found.as_of.isoformat()
    lines = [
        (
            f"Returns against {found.checklist} {found.checklist_version}, as of {as_of}. Each count "
            '"N of M" is of the M agencies that rated the standard on the scale; agencies that marked it '
            "not applicable, or left it unanswered, are counted apart and are not in M."
        ),
        (
            "Where the partnership challenged a return and agreed another rating, the agreed rating is "
            "counted; the agency's own stays in its file."
        ),
    ]
    if found.returns:  # a published roll-up shows no agency's own lines
        lines.append(
            f'"Most often {lowest}" counts, per agency, the standards at the scale\'s lowest level. '
            f"Actions are overdue when open and due before {as_of}."
        )
    if found.suppressed_below:
        lines.append(
            f"Published with counts from 1 to {found.suppressed_below - 1} withheld (and any count that "
            "would let one be worked out), under the national picture's rule; the lines of single "
            "agencies are left out."
        )
    return lines


def _criterion_row(found: Rollup, criterion: CriterionPicture) -> tuple[str, ...]:
    counts = criterion.counts
    cells = [f"{criterion.title} ({criterion.id})"]
    cells += [share_text(counts.get(level.id, 0), criterion.rated) for level in found.levels]
    cells += [_n(counts.get(NOT_APPLICABLE, 0)), _n(counts.get(NOT_ASSESSED, 0))]
    return tuple(cells)


def _criteria_table(found: Rollup, picture: AssessmentPicture, heading: str, level: int) -> Table:
    header = ("Standard", *(lvl.label for lvl in found.levels), "N/A", "Not answered")
    return Table(
        heading=heading,
        header=header,
        rows=tuple(_criterion_row(found, c) for c in picture.criteria),
        level=level,
    )


def _sections_table(picture: AssessmentPicture, heading: str, level: int) -> Table:
    rows = []
    for group in picture.sections:
        score = (
            WITHHELD
            if group.points is None or group.max_points is None
            else f"{percent(group.score)} ({group.points}/{group.max_points})"
        )
        rows.append((group.title, score))
    return Table(heading=heading, header=("Section", "Score"), rows=tuple(rows), level=level)


def _return_row(line: AgencyReturn) -> tuple[str, ...]:
    challenged = str(line.challenged) + (f" ({line.changed_at_challenge} changed)" if line.challenged else "")
    return (
        line.agency,
        words_of(line.sector) if line.sector else "not recorded",
        line.assessed_on.isoformat(),
        percent(line.score),
        f"{line.rated} of {line.criteria}",
        str(line.not_met),
        challenged,
        str(line.open_actions),
        str(line.overdue_actions),
    )


def rollup_tables(found: Rollup) -> list[Table]:
    """The roll-up's tables, in order: what every drawn format shows."""
    lowest = "/".join(level.label for level in found.levels if level.points == 0) or "lowest level"
    tables: list[Table] = []
    if found.expected is None:
        missing_note = (
            "No list of expected agencies was given (--expected), so missing returns are not known."
        )
    elif not found.missing:
        missing_note = f"All {len(found.expected)} expected agencies have returned."
    else:
        verb = "has" if len(found.missing) == 1 else "have"
        missing_note = (
            f"{len(found.missing)} of the {len(found.expected)} expected agencies {verb} not returned."
        )
    tables.append(
        Table(
            heading="Returns not received",
            header=("Agency",),
            rows=tuple((name,) for name in found.missing),
            note=missing_note,
        )
    )
    if found.returns:
        tables.append(
            Table(
                heading="The returns",
                header=(
                    "Agency",
                    "Sector",
                    "Assessed on",
                    "Score",
                    "Rated",
                    lowest,
                    "Challenged",
                    "Open actions",
                    "Overdue",
                ),
                rows=tuple(_return_row(line) for line in found.returns),
                narrow_drop=(1, 2),
            )
        )
        tables.append(
            Table(
                heading=f"Agencies most often {lowest}",
                header=("Agency", f"Standards {lowest}", "Rated"),
                rows=tuple((r.agency, str(r.not_met), str(r.rated)) for r in found.most_often_not_met),
                note=None if found.most_often_not_met else f"No agency rated any standard {lowest}.",
            )
        )
    elif found.suppressed_below:
        tables.append(
            Table(
                heading="The returns",
                header=("Agency",),
                rows=(),
                note="Each agency's own figures are left out of a published roll-up.",
            )
        )
    tables.append(_criteria_table(found, found.overall, "Each standard, all returns", 2))
    tables.append(_sections_table(found.overall, "Each section, all returns", 2))
    for group in found.groups:
        name = group.key if found.by in ("agency", "partnership") else words_of(group.key)
        count = (
            "" if group.returns is None else f" ({group.returns} return{'s' if group.returns != 1 else ''})"
        )
        tables.append(_criteria_table(found, group.picture, f"By {found.by}: {name}{count}", 3))
    return tables


# --- the formats -------------------------------------------------------------------------------------


def render_rollup_json(found: Rollup) -> str:
    """The roll-up as JSON, ``schema_version`` first; withheld counts are ``null``."""
    return json.dumps(_converter.unstructure(found), indent=2, ensure_ascii=False) + "\n"


def render_rollup_csv(found: Rollup) -> str:
    """One row per count: group, standard, rating, count, of (rated on the scale), share, withheld."""
    header = (
        "group_by",
        "group",
        "criterion",
        "section",
        "title",
        "rating",
        "count",
        "of",
        "share",
        "withheld",
    )
    rows: list[tuple[object, ...]] = [header]
    pictures = [("all", "all", found.overall)] + [(found.by or "", g.key, g.picture) for g in found.groups]
    ratings = [level.id for level in found.levels] + [NOT_APPLICABLE, NOT_ASSESSED]
    for by, key, picture in pictures:
        for criterion in picture.criteria:
            for rating in ratings:
                count = criterion.counts.get(rating, 0)
                on_scale = rating not in (NOT_APPLICABLE, NOT_ASSESSED)
                of = criterion.rated if on_scale else None
                share = "" if count is None or not of else f"{count / of:.4f}"
                rows.append(
                    (
                        by,
                        key,
                        criterion.id,
                        criterion.section,
                        criterion.title,
                        rating,
                        "" if count is None else count,
                        "" if of is None else of,
                        share,
                        "yes" if count is None or (on_scale and criterion.rated is None) else "no",
                    )
                )
    return csv_text(rows)  # every text cell neutralised: a name cannot run as a formula


def render_rollup_markdown(found: Rollup) -> str:
    """The roll-up as Markdown: the same tables as every other drawn format."""
    lines = [f"# {md(title(found))}", ""]
    for table in rollup_tables(found):
        lines += [f"{'#' * table.level} {md(table.heading)}", ""]
        if table.note:
            lines += [md(table.note), ""]
        if table.rows:
            lines.append("| " + " | ".join(md(h) for h in table.header) + " |")
            lines.append("| " + " | ".join(["---"] + ["---:"] * (len(table.header) - 1)) + " |")
            lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in table.rows]
            lines.append("")
    lines += ["## How these figures were made", "", *(f"{md(line)}\n" for line in method_note(found))]
    return "\n".join(lines).rstrip("\n") + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2328}"
    "table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:0.25rem "
    "0.5rem;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}"
    "th{background:#f6f8fa}.note{color:#57606a}"
)


def render_rollup_html(found: Rollup) -> str:
    """The roll-up as one self-contained HTML page: the same tables as every other drawn format."""
    h = escape
    parts = []
    for table in rollup_tables(found):
        tag = f"h{table.level}"
        parts.append(f"<{tag}>{h(table.heading)}</{tag}>")
        if table.note:
            parts.append(f'<p class="note">{h(table.note)}</p>')
        if table.rows:
            head = "".join(f'<th scope="col">{h(cell)}</th>' for cell in table.header)
            body = "".join(
                "<tr>"
                + "".join(
                    (f'<th scope="row">{h(cell)}</th>' if i == 0 else f"<td>{h(cell)}</td>")
                    for i, cell in enumerate(row)
                )
                + "</tr>"
                for row in table.rows
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    method = "".join(f'<p class="note">{h(line)}</p>' for line in method_note(found))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>{h(title(found))}</title><style>{_CSS}</style></head>"
        f"<body><header><h1>{h(title(found))}</h1></header><main>{''.join(parts)}"
        f"<h2>How these figures were made</h2>{method}</main>"
        f'<footer><p class="note">lscp-scrutiny {h(__version__)}</p></footer></body></html>\n'
    )


def render_rollup_docx(found: Rollup) -> bytes:
    """The roll-up as a Word document: the same tables as every other drawn format."""
    import docx  # noqa: PLC0415 - python-docx loads only when a Word document is written

    from lscp_scrutiny.render.docx import Writer, fixed_zip, own_package, page_setup, t  # noqa: PLC0415

    document = docx.Document()
    page_setup(document)
    own_package(document)
    day = found.as_of
    when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    core = document.core_properties
    core.title = t(title(found))
    core.subject = t(found.checklist_title)
    core.author = core.last_modified_by = ""
    core.comments = f"lscp-scrutiny {__version__}"
    core.keywords = "section 11; safeguarding children partnership; roll-up"
    core.language = "en-GB"
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    writer = Writer(document)
    writer.heading(title(found), 0)
    for table in rollup_tables(found):
        writer.heading(table.heading, table.level - 1)
        if table.note:
            writer.note(table.note)
        if table.rows:
            widths = _widths(len(table.header))
            writer.table(table.heading, table.header, table.rows, widths)
    writer.heading("How these figures were made", 1)
    for line in method_note(found):
        writer.paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), (max(day.year, 1980), day.month, day.day))


def _widths(columns: int) -> Sequence[float]:
    """Column widths in cm over the 17 cm between the margins: the first column the widest."""
    if columns == 1:
        return [17.0]
    first = 17.0 - 2.2 * (columns - 1) if columns > 4 else 17.0 - 3.0 * (columns - 1)  # noqa: PLR2004
    rest = (17.0 - first) / (columns - 1)
    return [first, *([rest] * (columns - 1))]


def rollup_view(found: Rollup) -> object:
    """The roll-up for the terminal: the same tables, drawn by rich to the width of the terminal."""
    return _RollupView(found)


@frozen
class _RollupView:
    found: Rollup

    def __rich_console__(self, console: object, options: object) -> Iterator[object]:
        """Each table drawn to fit: a narrow terminal leaves out the columns every file keeps."""
        from rich import box  # noqa: PLC0415
        from rich.table import Table as RichTable  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        from lscp_scrutiny._text import printable  # noqa: PLC0415

        narrow = getattr(options, "max_width", NARROW) < NARROW
        yield Text(printable(title(self.found), one_line=True), style="bold")
        yield Text("")
        for table in rollup_tables(self.found):
            yield Text(printable(table.heading, one_line=True), style="bold")
            if table.note:
                yield Text(printable(table.note), style="dim")
            if table.rows:
                shown = [i for i in range(len(table.header)) if not (narrow and i in table.narrow_drop)]
                drawn = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
                for index in shown:
                    drawn.add_column(
                        printable(table.header[index], one_line=True),
                        justify="left" if index == 0 else "right",
                        min_width=_first_column_width(table) if index == 0 else None,
                    )
                for row in table.rows:
                    drawn.add_row(*(Text(printable(row[i], one_line=True)) for i in shown))
                yield drawn
            yield Text("")
        for line in method_note(self.found):
            yield Text(printable(line), style="dim")


def _first_column_width(table: Table) -> int:
    """The names column's least width: its longest name up to 28, so names are not squeezed to a word."""
    return min(28, max((len(row[0]) for row in table.rows), default=1))


FORMATS = {
    "markdown": render_rollup_markdown,
    "html": render_rollup_html,
    "csv": render_rollup_csv,
    "json": render_rollup_json,
}
"""The text formats, by name; ``docx`` is bytes (:func:`render_rollup_docx`), ``terminal`` a view."""
