"""The rich terminal report of an evaluation summary, and the terminal views of checklists.

Functions here build renderables and never print: the caller owns the :class:`~rich.console.Console`
(so ``NO_COLOR``, pipes and widths are the console's business). Every piece of user text goes in as a
:class:`~rich.text.Text`, never through markup, so ``[bold]`` in a note is printed as typed.

So does every fixed word (headers, labels, counts, titles): rich parses a plain ``str`` as markup and
looks for emoji codes in it, once to measure a cell and again to draw it. Handing it a :class:`Text`
prints the same and skips both, and rich's table of emoji (about 4 ms to import) is never loaded: about
10 ms of the 100 ms the terminal report of the Northshire example took to draw for the first time.
"""

from __future__ import annotations

import io
from typing import Any

from attrs import define, field
from rich import box
from rich.align import AlignMethod
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED, Checklist
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import Change, CriterionResult, LevelInfo, Summary, Tally
from lscp_scrutiny.render._common import (
    CHANGE_LABELS,
    agency_text,
    assessor_change_note,
    by_owner,
    moderated_results,
    moderated_title,
    moderation_text,
    percent,
    rater,
    rating_labels,
    report_heading,
    score_text,
)

# Checklists name colours in words people use (a RAG rating's "amber"); these are the terminal's names.
_COLOURS = {
    "green": "green",
    # yellow, not orange: on a 16-colour terminal orange becomes red and "partly met" would look "not met"
    "amber": "yellow",
    "orange": "yellow",
    "yellow": "yellow",
    "red": "red",
    "blue": "blue",
    "grey": "grey50",
    "gray": "grey50",
    "default": "",
}
_FIXED_STYLES = {NOT_APPLICABLE: "grey50", NOT_ASSESSED: "dim"}


ELLIPSIS = "…"


def fit_id(identifier: str, width: int) -> str:
    """An id as it is shown in ``width`` columns: whole when it fits, else cut in the middle.

    The cut keeps the id's start and end (its question, and its own last words) in equal parts, the
    end given the odd column, with ``…`` between: ``what.relevant-agencies.education-childcare-included``
    in 30 columns is ``what.relevant-…ldcare-included``. The report gives ids a line of their own, as
    wide as the table, so no built-in id is cut at 60 columns or more; only an id longer than that line
    (a plugin's, or any at a very narrow width) is.
    """
    if len(identifier) <= width:
        return identifier
    if width <= 1:
        return ELLIPSIS[:width]
    head = (width - 1) // 2
    tail = width - 1 - head
    return identifier[:head] + ELLIPSIS + identifier[len(identifier) - tail :]


def _widest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def _widest_word(text: Text) -> int:
    return max((cell_len(word) for word in text.plain.split()), default=0)


@define
class _Column:
    """A column of an :class:`_IdRows` table other than the first: its natural width, within bounds."""

    header: Text
    justify: AlignMethod = "left"
    min_width: int = 0
    max_width: int | None = None
    wrap: bool = True
    """Whether the column may give up room by wrapping its cells at spaces, down to their longest word."""


@define
class _IdRows:
    """A table of criteria (or actions) where each row ends with its criterion id on a line of its own.

    The id line spans the whole table, not one column, so an id is never broken inside a word: it is
    shown whole whenever it fits the table, and cut in the middle by :func:`fit_id` only when it is
    longer than the table is wide. The first column takes what the others leave; when that is too
    little, the wrapping columns give up room down to their longest word.
    """

    title: Text | None
    header: Text
    columns: list[_Column]
    rows: list[tuple[list[Text], str | None]] = field(factory=list)

    def add_row(self, first: Text, *cells: Text, identifier: str | None = None) -> None:
        self.rows.append(([first, *cells], identifier))

    def widths(self, inner: int) -> list[int]:
        """The widths of the columns in ``inner`` columns of room (between the table's edges)."""
        gaps = _GAP * len(self.columns)
        natural, least = [], []
        for index, column in enumerate(self.columns, start=1):
            cells = [column.header, *(row[index] for row, _ in self.rows)]
            wide = max(_widest_line(cell) for cell in cells)
            if column.max_width is not None:
                wide = min(wide, column.max_width)
            wide = max(wide, column.min_width)
            natural.append(wide)
            least.append(min(wide, max(_widest_word(cell) for cell in cells)) if column.wrap else wide)
        first = inner - gaps - sum(natural)
        room = _FIRST_AT_LEAST - first
        if room > 0:  # give the first column room from the wrapping columns, widest first
            for index in sorted(range(len(natural)), key=lambda i: -(natural[i] - least[i])):
                given = min(room, natural[index] - least[index])
                natural[index] -= given
                room -= given
        return [max(1, inner - gaps - sum(natural)), *natural]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = max(1, options.max_width - 2)  # the table's edges, one column each
        widths = self.widths(inner)
        justify: list[AlignMethod] = ["left", *(column.justify for column in self.columns)]
        headers = [self.header, *(column.header for column in self.columns)]
        table = Table(
            title=self.title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column(self._line(console, headers, widths, justify), no_wrap=True)
        for cells, identifier in self.rows:
            line = self._line(console, cells, widths, justify)
            if identifier is not None:
                line.append("\n")
                line.append_text(Text(fit_id(printable(identifier), inner), style="dim"))
            table.add_row(line)
        yield from console.render(table, options)

    @staticmethod
    def _line(console: Console, cells: list[Text], widths: list[int], justify: list[AlignMethod]) -> Text:
        """A row's cells side by side, each wrapped at spaces to its column (long words folded).

        Laid out here rather than in a nested table: the same lines, in a fraction of the time.
        """
        columns = []
        for cell, width, how in zip(cells, widths, justify, strict=True):
            lines = cell.wrap(console, width, justify=how, overflow="fold")
            columns.append([line.copy() for line in lines] or [Text()])
        gap = " " * _GAP
        rows = []
        for index in range(max(map(len, columns))):
            row = Text()
            for position, (pieces, width, how) in enumerate(zip(columns, widths, justify, strict=True)):
                if position:
                    row.append(gap)
                piece = pieces[index] if index < len(pieces) else Text()
                piece.align(how, width)
                row.append_text(piece)
            rows.append(row)
        return Text("\n", no_wrap=True, overflow="ignore").join(rows)


_GAP = 3
"""Columns between columns: rich's padding on either side and the box's blank divider."""

_FIRST_AT_LEAST = 24
"""The room the first column (a criterion's title, an action) is given before the others wrap."""


def _longest_word(text: str, at_least: int = 1) -> int:
    return max(at_least, *(len(word) for word in text.split()))


def _style(colour: str) -> str:
    return _COLOURS.get(colour.lower(), "")


def _w(text: str, style: str = "") -> Text:
    """Our own words (a header, a label, a count) as a :class:`Text`: printed as a plain ``str`` would be."""
    return Text(text, style=style)


_TITLE = "table.title"
"""The style rich gives a table's title written as a ``str`` (a :class:`Text` title keeps its own)."""


def _t(text: str, style: str = "") -> Text:
    """User text as a :class:`Text`: control characters written out, long words folded, never cut short."""
    return Text(printable(text), style=style, overflow="fold")


def _score(tally: Tally) -> Text:
    return Text(score_text(tally), style="dim" if tally.score is None else "")


def summary_panel(summary: Summary) -> Panel:
    """Who, what and when, with completion and the overall score."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    partnership = _t(summary.partnership)
    if summary.area:
        partnership.append_text(_t(f" ({summary.area})"))
    grid.add_row(_w("Partnership"), partnership)
    agency = agency_text(summary)
    if agency is not None:
        grid.add_row(_w("Agency assessed"), _t(agency))
    checklist = summary.checklist
    grid.add_row(_w("Checklist"), _t(f"{checklist.title} ({checklist.id} {checklist.version})"))
    assessor = _t(f"{summary.assessor}, {words_of(summary.assessor_role)}")
    if summary.assessor_organisation:
        assessor.append_text(_t(f", {summary.assessor_organisation}"))
    grid.add_row(_w("Assessor"), assessor)
    grid.add_row(_w("Assessed on"), Text(summary.assessed_on.isoformat()))
    overall = summary.overall
    done = overall.criteria - overall.not_assessed
    grid.add_row(
        _w("Completion"), Text(f"{percent(overall.completion)} ({done} of {overall.criteria} criteria)")
    )
    grid.add_row(_w("Score"), _score(overall))
    grid.add_row(
        _w("Actions"),
        Text(
            f"{summary.open_actions} open, {summary.overdue_actions} overdue "
            f"(as of {summary.as_of.isoformat()})"
        ),
    )
    grid.add_row(_w("Scoring"), Text(f"{summary.scoring.name} {summary.scoring.version}", style="dim"))
    return Panel(grid, title=_w(report_heading(summary)), title_align="left", box=box.ROUNDED)


@define(frozen=True)
class RollupLayout:
    """How the roll-up gives up room on a narrow console (see :func:`rollup_table`)."""

    bar: bool = True
    """The bar column (the score drawn; the number beside it says the same)."""
    gap: int = 2
    """Blank columns between columns besides the table's own divider (so 2 is three spaces, 0 is one)."""
    wrap_names: bool = False
    """Group names wrap at spaces (``information`` above ``sharing``)."""
    wrap_scores: bool = False
    """Scores wrap at their space (``68%`` above ``(64/94)``)."""
    level_width: int | None = None
    """Level headers shortened with ``…`` to this many columns a word (a legend names them in full)."""


ROLLUP_LAYOUTS = (
    RollupLayout(),
    RollupLayout(bar=False),
    RollupLayout(bar=False, gap=1),
    RollupLayout(bar=False, gap=1, wrap_names=True),
    RollupLayout(bar=False, gap=0, wrap_names=True),
    RollupLayout(bar=False, gap=1, wrap_names=True, wrap_scores=True),
    RollupLayout(bar=False, gap=0, wrap_names=True, wrap_scores=True),
    RollupLayout(bar=False, gap=0, wrap_names=True, wrap_scores=True, level_width=3),
)
"""The roll-up's layouts, widest first: the report uses the first that fits the console."""


def rollup_table(summary: Summary, layout: RollupLayout = ROLLUP_LAYOUTS[0]) -> Table:
    """WHO / HOW / WHAT, themes under WHAT, and overall: counts per level, N/A apart, and the score.

    ``layout`` says how much room the table gives up: the first of :data:`ROLLUP_LAYOUTS` is the widest
    and the report's :func:`render_report` takes the first layout that fits its console.
    """
    table = Table(
        title=_w("Roll-up", _TITLE),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, layout.gap - layout.gap // 2, 0, layout.gap // 2),
    )
    rows = _rollup_rows(summary)
    if layout.wrap_names:  # a theme's words are indented by two
        words = [len(word) + 2 * (kind == "theme") for label, _, kind in rows for word in label.split()]
        table.add_column(_w("Group"), width=max(len("Overall"), *words))
    else:
        table.add_column(_w("Group"), no_wrap=True)
    for level in summary.levels:
        # A level's name wraps between words, never inside one (or is shortened, with a legend).
        label, width, _ = _level_header(summary, level, layout)
        table.add_column(Text(label, style=_style(level.colour)), justify="right", width=width)
    table.add_column(_w(FIXED_SHORT_LABELS[NOT_APPLICABLE]), justify="right", no_wrap=True)
    table.add_column(_w(FIXED_SHORT_LABELS[NOT_ASSESSED]), justify="right", width=3)
    if layout.wrap_scores:
        scores = [word for _, tally, _ in rows for word in score_text(tally).split()]
        table.add_column(_w("Score"), justify="right", width=max(len("Score"), *map(len, scores)))
    else:
        table.add_column(_w("Score"), justify="right", no_wrap=True)
    if layout.bar:
        table.add_column(_w(""), no_wrap=True)  # the bar: the same score, drawn
    for label, tally, kind in rows:
        if kind == "overall":
            table.add_section()
        name: RenderableType
        if kind == "theme":
            name = Padding(_t(label), (0, 0, 0, 2)) if layout.wrap_names else _t(f"  {label}")
        else:
            name = Text(label, style="bold" if kind == "overall" else "")
        cells: list[RenderableType] = [
            name,
            *(_w(str(tally.counts.get(level.id, 0))) for level in summary.levels),
            _w(str(tally.not_applicable)),
            _w(str(tally.not_assessed)),
            _score(tally),
        ]
        if layout.bar:
            cells.append(_bar(tally))
        table.add_row(*cells)
    return table


def _rollup_rows(summary: Summary) -> list[tuple[str, Tally, str]]:
    rows = []
    for group in summary.questions:
        rows.append((group.id.upper(), group.tally, "question"))
        if group.id == "what":
            rows.extend((words_of(theme.id), theme.tally, "theme") for theme in summary.themes)
    rows.append(("Overall", summary.overall, "overall"))
    return rows


def _level_header(summary: Summary, level: LevelInfo, layout: RollupLayout) -> tuple[str, int, bool]:
    """A level's header in ``layout``, its column's width, and whether the header was shortened."""
    label = printable(level.label)
    width = _longest_word(label, 3)
    if layout.level_width is None or width <= layout.level_width:
        return label, width, False
    width = max(layout.level_width, len(str(summary.overall.counts.get(level.id, 0))))
    return " ".join(_shorten(word, width) for word in label.split()), width, True


def _shorten(word: str, width: int) -> str:
    return word if len(word) <= width else word[: width - 1] + ELLIPSIS


def _rollup_legend(summary: Summary, layout: RollupLayout) -> Text | None:
    """The level headers the layout shortened, named in full."""
    named = []
    for level in summary.levels:
        header, _, shortened = _level_header(summary, level, layout)
        if shortened:
            named.append(f"{header} is {printable(level.label)}")
    return Text(f"Levels: {'; '.join(named)}.", style="dim") if named else None


def rollup_view(summary: Summary) -> RenderableType:
    """The roll-up as the report shows it: the widest of :data:`ROLLUP_LAYOUTS` that fits the console."""
    return _Rollup(summary)


@define
class _Rollup:
    """The roll-up in the widest of :data:`ROLLUP_LAYOUTS` that fits the console.

    Every layout's columns have fixed or unbreakable widths, so a table's measured width is its layout.
    When not even the narrowest fits (a plugin's scales with a great many levels), the narrowest is
    printed whole and its lines run long rather than cut a number short.
    """

    summary: Summary

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.update_width(10_000)
        for layout in ROLLUP_LAYOUTS:
            table = rollup_table(self.summary, layout)
            measured = Measurement.get(console, wide, table)
            if measured.maximum <= options.max_width:
                break
        else:
            options = options.update_width(measured.maximum)
        yield from console.render(table, options)
        legend = _rollup_legend(self.summary, layout)
        if legend is not None:
            yield from console.render(legend, options)


_BAR = 6


def _bar(tally: Tally) -> Text:
    """The score as a bar of six cells (the number beside it says the same, so colour is never needed)."""
    if tally.score is None:
        return Text("")
    filled = round(tally.score * _BAR)
    return Text("█" * filled, style="blue") + Text("░" * (_BAR - filled), style="dim")


def _rating(result: CriterionResult, levels: dict[str, LevelInfo]) -> Text:
    if result.rating in _FIXED_STYLES:
        return _t(result.rating_label, _FIXED_STYLES[result.rating])
    level = levels.get(result.rating)
    return _t(result.rating_label, _style(level.colour) if level else "")


def section_tables(summary: Summary) -> list[RenderableType]:
    """One table per section: each criterion's rating, evidence, open actions and flags.

    Each criterion's id has a line of its own under the row, as wide as the table (see :class:`_IdRows`).
    """
    levels = {level.id: level for level in summary.levels}
    labels = [*(level.label for level in summary.levels), *FIXED_LABELS.values()]
    rating_min = max(_longest_word(label) for label in labels)
    tables: list[RenderableType] = []
    for section in summary.sections:
        title = _t(section.title, "bold")
        title.append(f"  {_score(section.tally)}", style="")
        table = _IdRows(
            title,
            _w("Criterion"),
            [
                _Column(_w("Rating"), min_width=rating_min, max_width=18),
                _Column(_w("Evid."), justify="right", wrap=False),
                _Column(_w("Act."), justify="right", wrap=False),
                _Column(_w("Flags"), min_width=len("justification"), max_width=16),
            ],
        )
        for result in section.criteria:
            table.add_row(
                _t(result.title),
                _rating(result, levels),
                _w(str(result.evidence)),
                _w(str(result.open_actions) if result.open_actions else ""),
                Text(", ".join(map(words_of, result.flags)), style="yellow"),
                identifier=result.id,
            )
        tables.append(table)
    return tables


def flags_view(summary: Summary) -> RenderableType:
    """Every flag, one line each."""
    if not summary.flags:
        return Text("No flags.", style="green")
    lines = Text(overflow="fold")
    for index, flag in enumerate(summary.flags):
        if index:
            lines.append("\n")
        lines.append("! ", style="yellow bold")
        lines.append_text(_t(flag.message))
    return Panel(lines, title=_w(f"Flags ({len(summary.flags)})"), title_align="left", box=box.ROUNDED)


def actions_table(summary: Summary) -> RenderableType:
    """The action plan: open actions grouped by owner, soonest due first, overdue ones marked."""
    if not summary.actions:
        return Text("No open actions.", style="green")
    parts: list[RenderableType] = [Text("Action plan", style="bold")]
    for owner, actions in by_owner(summary.actions):
        table = _IdRows(
            _t(owner, "bold"),
            _w("Action"),
            [_Column(_w("Due"), wrap=False), _Column(_w("Status"), min_width=len("progress"))],
        )
        for action in actions:
            due = Text(action.due.isoformat() if action.due else "none")
            if action.overdue:
                due.append("\noverdue", style="red bold")
            table.add_row(
                _t(action.description), due, _w(words_of(action.status)), identifier=action.criterion
            )
        parts.append(table)
    return Group(*parts)


def moderation_panel(summary: Summary) -> RenderableType | None:
    """The agreed ratings, each beside the assessor's own (the agreed one is the one counted)."""
    moderated, pending = moderated_results(summary)
    if not moderated and not pending:
        return None
    lines = Text(overflow="fold")
    for index, result in enumerate(moderated):
        if index:
            lines.append("\n\n")
        lines.append_text(_t(f"{result.id} ({result.rating_label})", "bold"))
        lines.append_text(_t(f"\n{moderation_text(result, rater(summary))}"))
    if not moderated:
        lines.append_text(_t("No rating agreed yet."))
    return Panel(lines, title=_w(moderated_title(len(moderated), pending)), title_align="left")


def replies_view(summary: Summary) -> RenderableType | None:
    """The partners' replies to ratings, each beside the rating it answers (which it never changes)."""
    replies = [c for s in summary.sections for c in s.criteria if c.reply is not None]
    if not replies:
        return None
    lines = Text(overflow="fold")
    for index, result in enumerate(replies):
        assert result.reply is not None  # noqa: S101 - filtered just above
        if index:
            lines.append("\n\n")
        lines.append_text(_t(f"{result.id} ({result.rating_label})", "bold"))
        when = f" on {result.reply.replied_on.isoformat()}" if result.reply.replied_on else ""
        lines.append_text(_t(f"\n{result.reply.by}{when}: {result.reply.text}"))
    return Panel(
        lines,
        title=_w(f"Partners' replies ({len(replies)}); the ratings stand"),
        title_align="left",
        box=box.ROUNDED,
    )


def comparison_view(summary: Summary) -> RenderableType | None:
    """What changed since the earlier assessment, if the report compares two."""
    comparison = summary.comparison
    if comparison is None:
        return None
    labels = rating_labels(summary)
    heading = _t(
        f"Changes since {comparison.earlier_assessed_on.isoformat()}: score "
        f"{percent(comparison.score_before)} then, {percent(comparison.score_after)} now",
        "bold",
    )
    note = assessor_change_note(summary)
    if note is not None:
        heading.append_text(_t(f"\n{note}", "yellow"))
    counts = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    counts.add_column(_w("Change"))
    counts.add_column(_w("Criteria"), justify="right")
    for kind, count in comparison.counts.items():
        if count:
            counts.add_row(_w(CHANGE_LABELS[Change(kind)]), _w(str(count)))
    moved = _IdRows(
        None,
        _w("Criterion"),
        [
            _Column(_w("Before"), min_width=8),
            _Column(_w("Now"), min_width=8),
            _Column(_w("Change"), min_width=10),
        ],
    )
    for item in comparison.criteria:
        if item.change is Change.UNCHANGED:
            continue
        style = {"improved": "green", "worsened": "red bold"}.get(item.change.value, "")
        moved.add_row(
            _t(item.title),
            _t(labels.get(item.before, item.before) if item.before else "-"),
            _t(labels.get(item.after, item.after) if item.after else "-"),
            Text(CHANGE_LABELS[item.change], style=style),
            identifier=item.id,
        )
    actions = Text(
        f"Actions opened: {len(comparison.actions_opened)}; actions closed: {len(comparison.actions_closed)}."
    )
    return Group(heading, counts, moved, actions)


MIN_WIDTH = 80
"""The width the command line lays the report out in at the least (``--width`` below it is raised).

The renderables fit narrower consoles too: every table fits 60 columns for the built-in checklist.
Print with ``crop=False`` all the same: a plugin's scales with a great many levels can make the
roll-up's narrowest layout wider than the console, and cropping would hide numbers."""


def render_report(summary: Summary) -> Group:
    """The whole terminal report as one renderable, fitted to the console's width (see :data:`MIN_WIDTH`).

    Criterion ids are never broken inside a word (each has a line of its own, see :class:`_IdRows`) and
    the roll-up takes the widest of :data:`ROLLUP_LAYOUTS` that fits.
    """
    parts: list[RenderableType | None] = [
        summary_panel(summary),
        Text("Public version: restricted evidence and notes are withheld.", style="bold")
        if summary.public
        else None,
        rollup_view(summary),
        comparison_view(summary),
        *section_tables(summary),
        flags_view(summary),
        moderation_panel(summary),
        replies_view(summary),
        actions_table(summary),
    ]
    return Group(*(part for part in parts if part is not None))


def checklists_table(checklists: list[tuple[Checklist, str]]) -> RenderableType:
    """The registered checklists with where each came from (see :class:`_Checklists`)."""
    return _Checklists(checklists)


_CHECKLIST_TEXT_AT_LEAST = 30
"""The room a checklists table leaves its title and origin columns; with less, each checklist is a block."""


@define
class _Checklists:
    """The checklists as a table, ids and versions whole; on a console too narrow, one block each.

    The table's id, version and count never wrap; its title and origin share what is left and wrap at
    spaces (a word longer than its column, a long path say, is folded: nothing is cut off). When what is
    left is less than :data:`_CHECKLIST_TEXT_AT_LEAST` columns, each checklist is printed as a few lines
    instead: id and version, then title and origin, indented.
    """

    checklists: list[tuple[Checklist, str]]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = self.checklists
        ids = max((len(c.id) for c, _ in rows), default=2)
        versions = max((len(c.version) for c, _ in rows), default=len("Version"))
        versions = max(versions, len("Version"))
        # edges 2, four gaps of 3 and the count column
        room = options.max_width - 2 - 4 * _GAP - max(ids, 2) - versions - len("Criteria")
        if room < _CHECKLIST_TEXT_AT_LEAST:
            yield from console.render(self._blocks(options.max_width), options)
            return
        origins = max((_widest_line(_t(origin)) for _, origin in rows), default=4)
        word = max((_widest_word(_t(origin)) for _, origin in rows), default=4)
        # two fifths of the room, or its longest word (a distribution's name) if that is under half
        origin = max(len("From"), min(origins, max(room * 2 // 5, min(word, room // 2))))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(_w("Id"), no_wrap=True)
        table.add_column(_w("Version"), no_wrap=True)
        table.add_column(_w("Criteria"), justify="right", no_wrap=True)
        titles = max((_widest_line(_t(c.title)) for c, _ in rows), default=5)
        table.add_column(_w("Title"), overflow="fold", max_width=max(5, min(titles, room - origin)))
        table.add_column(_w("From"), overflow="fold", max_width=origin)
        for checklist, came_from in rows:
            table.add_row(
                _t(checklist.id),
                _t(checklist.version),
                _w(str(len(checklist.criteria))),
                _t(checklist.title),
                _t(came_from),
            )
        yield from console.render(table, options)

    def _blocks(self, width: int) -> Group:
        parts: list[RenderableType] = []
        for checklist, came_from in self.checklists:
            head = Text(fit_id(printable(checklist.id), width), style="bold", no_wrap=True)
            parts.append(head)
            parts.append(
                Padding(
                    _t(
                        f"version {checklist.version}, {len(checklist.criteria)} criteria\n"
                        f"{checklist.title}\nfrom {came_from}"
                    ),
                    (0, 0, 0, 2),
                )
            )
        return Group(*parts)


def checklist_view(checklist: Checklist) -> Group:
    """A checklist's sections and criteria, for reading in the terminal."""
    parts: list[RenderableType] = [_t(f"{checklist.title} ({checklist.id} {checklist.version})", "bold")]
    if checklist.interpretation:
        parts.append(_t(checklist.interpretation, "italic"))
    for section in checklist.sections:
        table = Table(
            title=_t(section.title, "bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column(_w("Criterion"), ratio=1, overflow="fold")
        table.add_column(_w("Obligation"), no_wrap=True)
        for criterion in section.criteria:
            text = _t(criterion.title, "bold")
            text.append_text(_t(f"\n{criterion.id}", "dim"))
            text.append_text(_t(f"\n{criterion.text}"))
            text.append_text(_t(f"\nSources: {', '.join(criterion.sources) or 'none'}", "dim"))
            if criterion.contributed_by is not None and criterion.contributed_by.name != "lscp-scrutiny":
                text.append_text(_t(f"\nContributed by {criterion.contributed_by}", "dim"))
            table.add_row(text, _w(criterion.obligation.value))
        parts.append(table)
    return Group(*parts)


_LISTED = 6  # ids shown per kind of contribution; the JSON listing has them all


def plugins_table(plugins: list[dict[str, Any]]) -> Table:
    """The plugin listing: each plugin, its distribution and version, hooks, contributions and status."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column(_w("Plugin"), overflow="fold", ratio=2)
    table.add_column(_w("Status"), min_width=8)
    table.add_column(_w("Contributed"), overflow="fold", ratio=3)
    for plugin in plugins:
        name = _t(str(plugin["name"]), "bold")
        if plugin["distribution"]:
            name.append_text(_t(f"\n{plugin['distribution']} {plugin['version'] or ''}".rstrip(), "dim"))
        for hook in plugin["hooks"]:
            name.append_text(_t(f"\n{hook.removeprefix('lscp_scrutiny_')}", "dim"))
        status = plugin["status"]
        style = {"ok": "green", "failed": "red bold", "disabled": "dim"}.get(status, "")
        contributed = Text(overflow="fold")
        for kind, ids in plugin["contributions"].items():
            if contributed:
                contributed.append("\n")
            shown = ", ".join(ids[:_LISTED]) + (", ..." if len(ids) > _LISTED else "")
            contributed.append_text(_t(f"{len(ids)} {kind}: {shown}"))
        for failure in plugin["failures"]:
            if contributed:
                contributed.append("\n")
            contributed.append_text(_t(failure, "red"))
        table.add_row(name, Text(status, style=style), contributed)
    return table


def render_text(summary: Summary, *, width: int = 100) -> str:
    """The terminal report as plain text (no colour), ``width`` columns wide (at least :data:`MIN_WIDTH`)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(width, MIN_WIDTH), color_system=None, highlight=False, legacy_windows=False
    )
    console.print(render_report(summary), crop=False)
    return buffer.getvalue()
