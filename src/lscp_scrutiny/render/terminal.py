"""The rich terminal report of an evaluation summary, and the terminal views of checklists.

Functions here build renderables and never print: the caller owns the :class:`~rich.console.Console`
(so ``NO_COLOR``, pipes and widths are the console's business). Every piece of user text goes in as a
:class:`~rich.text.Text`, never through markup, so ``[bold]`` in a note is printed as typed.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED, Checklist
from lscp_scrutiny.summary import CriterionResult, LevelInfo, Summary, Tally

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


def _longest_word(text: str, at_least: int = 1) -> int:
    return max(at_least, *(len(word) for word in text.split()))


def _style(colour: str) -> str:
    return _COLOURS.get(colour.lower(), "")


def _t(text: str, style: str = "") -> Text:
    """User text as a :class:`Text`: control characters written out, long words folded, never cut short."""
    return Text(printable(text), style=style, overflow="fold")


def _percent(value: float | None) -> str:
    """A whole percentage, halves rounded up (5/8 is 63%, as people expect), not to even."""
    if value is None:
        return "n/a"
    return f"{(Decimal(repr(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _score(tally: Tally) -> Text:
    if tally.score is None:
        return Text("not yet scored", style="dim")
    return Text(f"{_percent(tally.score)} ({tally.points}/{tally.max_points})")


def summary_panel(summary: Summary) -> Panel:
    """Who, what and when, with completion and the overall score."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    partnership = _t(summary.partnership)
    if summary.area:
        partnership.append_text(_t(f" ({summary.area})"))
    grid.add_row("Partnership", partnership)
    checklist = summary.checklist
    grid.add_row("Checklist", _t(f"{checklist.title} ({checklist.id} {checklist.version})"))
    assessor = _t(f"{summary.assessor}, {summary.assessor_role.replace('_', ' ')}")
    if summary.assessor_organisation:
        assessor.append_text(_t(f", {summary.assessor_organisation}"))
    grid.add_row("Assessor", assessor)
    grid.add_row("Assessed on", Text(summary.assessed_on.isoformat()))
    overall = summary.overall
    done = overall.criteria - overall.not_assessed
    grid.add_row(
        "Completion", Text(f"{_percent(overall.completion)} ({done} of {overall.criteria} criteria)")
    )
    grid.add_row("Score", _score(overall))
    grid.add_row(
        "Actions",
        Text(
            f"{summary.open_actions} open, {summary.overdue_actions} overdue "
            f"(as of {summary.as_of.isoformat()})"
        ),
    )
    grid.add_row("Scoring", Text(f"{summary.scoring.name} {summary.scoring.version}", style="dim"))
    return Panel(grid, title="Independent scrutiny assessment", title_align="left", box=box.ROUNDED)


def rollup_table(summary: Summary) -> Table:
    """WHO / HOW / WHAT, themes under WHAT, and overall: counts per level, N/A apart, and the score."""
    table = Table(title="Roll-up", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Group", no_wrap=True)
    for level in summary.levels:
        # A level's name wraps between words, never inside one.
        table.add_column(
            Text(printable(level.label), style=_style(level.colour)),
            justify="right",
            min_width=_longest_word(level.label, 3),
        )
    table.add_column("N/A", justify="right", no_wrap=True)
    table.add_column("Not yet", justify="right", min_width=3)
    table.add_column("Score", justify="right", no_wrap=True)
    for group in summary.questions:
        _tally_row(table, Text(group.id.upper()), group.tally, summary.levels)
        if group.id == "what":
            for theme in summary.themes:
                _tally_row(table, _t(f"  {theme.id.replace('_', ' ')}"), theme.tally, summary.levels)
    table.add_section()
    _tally_row(table, Text("Overall", style="bold"), summary.overall, summary.levels)
    return table


def _tally_row(table: Table, label: Text, tally: Tally, levels: tuple[LevelInfo, ...]) -> None:
    table.add_row(
        label,
        *(str(tally.counts.get(level.id, 0)) for level in levels),
        str(tally.not_applicable),
        str(tally.not_assessed),
        _score(tally),
    )


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
        table.add_column("Criterion", ratio=1, overflow="fold")
        labels = [*(level.label for level in summary.levels), "Not yet assessed", "Not applicable"]
        table.add_column("Rating", min_width=max(_longest_word(label) for label in labels), max_width=18)
        table.add_column("Evid.", justify="right", no_wrap=True)
        table.add_column("Act.", justify="right", no_wrap=True)
        table.add_column("Flags", min_width=len("justification"), max_width=16)
        for result in section.criteria:
            criterion = _t(result.title)
            criterion.append_text(_t(f"\n{result.id}", "dim"))
            table.add_row(
                criterion,
                _rating(result, levels),
                str(result.evidence),
                str(result.open_actions) if result.open_actions else "",
                Text(", ".join(flag.replace("_", " ") for flag in result.flags), style="yellow"),
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
    return Panel(lines, title=f"Flags ({len(summary.flags)})", title_align="left", box=box.ROUNDED)


def actions_table(summary: Summary) -> RenderableType:
    """Open actions, soonest due first, overdue ones marked."""
    if not summary.actions:
        return Text("No open actions.", style="green")
    table = Table(
        title="Open actions", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True
    )
    table.add_column("Action", ratio=2, overflow="fold")
    table.add_column("Owner", ratio=1, overflow="fold")
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", min_width=len("progress"))
    for action in summary.actions:
        description = _t(action.description)
        description.append_text(_t(f"\n{action.criterion}", "dim"))
        due = Text(action.due.isoformat() if action.due else "none")
        if action.overdue:
            due.append("\noverdue", style="red bold")
        owner = _t(action.owner or "unassigned")
        table.add_row(description, owner, due, action.status.replace("_", " "))
    return table


MIN_WIDTH = 80
"""The report is laid out for consoles this wide or wider. Print it with ``crop=False``: a checklist
with many rating levels can need a few more columns, and cropping would hide numbers."""


def render_report(summary: Summary) -> Group:
    """The whole terminal report as one renderable, for a console of at least :data:`MIN_WIDTH`."""
    return Group(
        summary_panel(summary),
        rollup_table(summary),
        *section_tables(summary),
        flags_view(summary),
        actions_table(summary),
    )


def checklists_table(checklists: list[tuple[Checklist, str]]) -> RenderableType:
    """The registered checklists with where each came from."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", min_width=max((len(c.id) for c, _ in checklists), default=2))
    table.add_column("Version", min_width=max((len(c.version) for c, _ in checklists), default=7))
    table.add_column("Criteria", justify="right", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("From", overflow="fold")
    for checklist, origin in checklists:
        table.add_row(
            _t(checklist.id),
            _t(checklist.version),
            str(len(checklist.criteria)),
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
        table.add_column("Criterion", ratio=1, overflow="fold")
        table.add_column("Obligation", no_wrap=True)
        for criterion in section.criteria:
            text = _t(criterion.title, "bold")
            text.append_text(_t(f"\n{criterion.id}", "dim"))
            text.append_text(_t(f"\n{criterion.text}"))
            text.append_text(_t(f"\nSources: {', '.join(criterion.sources) or 'none'}", "dim"))
            if criterion.contributed_by is not None and criterion.contributed_by.name != "lscp-scrutiny":
                text.append_text(_t(f"\nContributed by {criterion.contributed_by}", "dim"))
            table.add_row(text, criterion.obligation.value)
        parts.append(table)
    return Group(*parts)


_LISTED = 6  # ids shown per kind of contribution; the JSON listing has them all


def plugins_table(plugins: list[dict[str, Any]]) -> Table:
    """The plugin listing: each plugin, its distribution and version, hooks, contributions and status."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Plugin", overflow="fold", ratio=2)
    table.add_column("Status", min_width=8)
    table.add_column("Contributed", overflow="fold", ratio=3)
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
