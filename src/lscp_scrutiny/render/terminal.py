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

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED, Checklist
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import Change, CriterionResult, LevelInfo, Summary, Tally
from lscp_scrutiny.render._common import CHANGE_LABELS, by_owner, percent, rating_labels, score_text

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


class _Whole:
    """Lays a table out no narrower than its minimum, even on a narrower console.

    The roll-up's columns all have fixed or unbreakable widths, so its minimum is a complete layout; on
    a console too narrow for it (a checklist with many rating levels at 80 columns) rich would cut
    headers and numbers short. Printed with ``crop=False``, the lines are simply longer.
    """

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        measured = Measurement.get(console, options.update_width(10_000), self.table)
        if measured.minimum <= options.max_width:
            yield from console.render(self.table, options)
        else:  # too narrow for any complete layout: take the natural one, and let the lines run long
            yield from console.render(self.table, options.update_width(measured.maximum))


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
    return Panel(grid, title=_w("Independent scrutiny assessment"), title_align="left", box=box.ROUNDED)


def rollup_table(summary: Summary) -> Table:
    """WHO / HOW / WHAT, themes under WHAT, and overall: counts per level, N/A apart, and the score."""
    table = Table(title=_w("Roll-up", _TITLE), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_w("Group"), no_wrap=True)
    for level in summary.levels:
        # A level's name wraps between words, never inside one.
        table.add_column(
            Text(printable(level.label), style=_style(level.colour)),
            justify="right",
            width=_longest_word(level.label, 3),
        )
    table.add_column(_w(FIXED_SHORT_LABELS[NOT_APPLICABLE]), justify="right", no_wrap=True)
    table.add_column(_w(FIXED_SHORT_LABELS[NOT_ASSESSED]), justify="right", width=3)
    table.add_column(_w("Score"), justify="right", no_wrap=True)
    table.add_column(_w(""), no_wrap=True)  # the bar: the same score, drawn
    for group in summary.questions:
        _tally_row(table, Text(group.id.upper()), group.tally, summary.levels)
        if group.id == "what":
            for theme in summary.themes:
                _tally_row(table, _t(f"  {words_of(theme.id)}"), theme.tally, summary.levels)
    table.add_section()
    _tally_row(table, Text("Overall", style="bold"), summary.overall, summary.levels)
    return table


def _tally_row(table: Table, label: Text, tally: Tally, levels: tuple[LevelInfo, ...]) -> None:
    table.add_row(
        label,
        *(_w(str(tally.counts.get(level.id, 0))) for level in levels),
        _w(str(tally.not_applicable)),
        _w(str(tally.not_assessed)),
        _score(tally),
        _bar(tally),
    )


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


def section_tables(summary: Summary) -> list[Table]:
    """One table per section: each criterion's rating, evidence, open actions and flags."""
    levels = {level.id: level for level in summary.levels}
    tables = []
    for section in summary.sections:
        title = _t(section.title, "bold")
        title.append(f"  {_score(section.tally)}", style="")
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        table.add_column(_w("Criterion"), ratio=1, overflow="fold")
        labels = [*(level.label for level in summary.levels), *FIXED_LABELS.values()]
        table.add_column(_w("Rating"), min_width=max(_longest_word(label) for label in labels), max_width=18)
        table.add_column(_w("Evid."), justify="right", no_wrap=True)
        table.add_column(_w("Act."), justify="right", no_wrap=True)
        table.add_column(_w("Flags"), min_width=len("justification"), max_width=16)
        for result in section.criteria:
            criterion = _t(result.title)
            criterion.append_text(_t(f"\n{result.id}", "dim"))
            table.add_row(
                criterion,
                _rating(result, levels),
                _w(str(result.evidence)),
                _w(str(result.open_actions) if result.open_actions else ""),
                Text(", ".join(map(words_of, result.flags)), style="yellow"),
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
        table = Table(
            title=_t(owner, "bold"), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True
        )
        table.add_column(_w("Action"), ratio=1, overflow="fold")
        table.add_column(_w("Due"), no_wrap=True)
        table.add_column(_w("Status"), min_width=len("progress"))
        for action in actions:
            description = _t(action.description)
            description.append_text(_t(f"\n{action.criterion}", "dim"))
            due = Text(action.due.isoformat() if action.due else "none")
            if action.overdue:
                due.append("\noverdue", style="red bold")
            table.add_row(description, due, _w(words_of(action.status)))
        parts.append(table)
    return Group(*parts)


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
    counts = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    counts.add_column(_w("Change"))
    counts.add_column(_w("Criteria"), justify="right")
    for kind, count in comparison.counts.items():
        if count:
            counts.add_row(_w(CHANGE_LABELS[Change(kind)]), _w(str(count)))
    moved = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    moved.add_column(_w("Criterion"), ratio=1, overflow="fold")
    moved.add_column(_w("Before"), min_width=8)
    moved.add_column(_w("Now"), min_width=8)
    moved.add_column(_w("Change"), min_width=10)
    for item in comparison.criteria:
        if item.change is Change.UNCHANGED:
            continue
        style = {"improved": "green", "worsened": "red bold"}.get(item.change.value, "")
        moved.add_row(
            _t(f"{item.title}\n{item.id}"),
            _t(labels.get(item.before, item.before) if item.before else "-"),
            _t(labels.get(item.after, item.after) if item.after else "-"),
            Text(CHANGE_LABELS[item.change], style=style),
        )
    actions = Text(
        f"Actions opened: {len(comparison.actions_opened)}; actions closed: {len(comparison.actions_closed)}."
    )
    return Group(heading, counts, moved, actions)


MIN_WIDTH = 80
"""The report is laid out for consoles this wide or wider. Print it with ``crop=False``: a checklist
with many rating levels can need a few more columns, and cropping would hide numbers."""


def render_report(summary: Summary) -> Group:
    """The whole terminal report as one renderable, for a console of at least :data:`MIN_WIDTH`."""
    parts: list[RenderableType | None] = [
        summary_panel(summary),
        Text("Public version: restricted evidence and notes are withheld.", style="bold")
        if summary.public
        else None,
        _Whole(rollup_table(summary)),
        comparison_view(summary),
        *section_tables(summary),
        flags_view(summary),
        replies_view(summary),
        actions_table(summary),
    ]
    return Group(*(part for part in parts if part is not None))


def checklists_table(checklists: list[tuple[Checklist, str]]) -> RenderableType:
    """The registered checklists with where each came from."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_w("Id"), min_width=max((len(c.id) for c, _ in checklists), default=2))
    table.add_column(_w("Version"), min_width=max((len(c.version) for c, _ in checklists), default=7))
    table.add_column(_w("Criteria"), justify="right", no_wrap=True)
    table.add_column(_w("Title"), overflow="fold")
    table.add_column(_w("From"), overflow="fold")
    for checklist, origin in checklists:
        table.add_row(
            _t(checklist.id),
            _t(checklist.version),
            _w(str(len(checklist.criteria))),
            _t(checklist.title),
            _t(origin),
        )
    return table


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
