"""The rich terminal report of an evaluation summary, and the terminal views of checklists.

Functions here build renderables and never print: the caller owns the :class:`~rich.console.Console`
(so ``NO_COLOR``, pipes and widths are the console's business). Every piece of user text goes in as a
:class:`~rich.text.Text`, never through markup, so ``[bold]`` in a note is printed as typed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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
_QUESTION_TITLES = {"who": "WHO scrutinises", "how": "HOW scrutiny is done", "what": "WHAT is scrutinised"}


def _style(colour: str) -> str:
    return _COLOURS.get(colour.lower(), "")


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
    grid.add_column()
    partnership = Text(summary.partnership)
    if summary.area:
        partnership.append(f" ({summary.area})")
    grid.add_row("Partnership", partnership)
    grid.add_row(
        "Checklist", Text(f"{summary.checklist.title} ({summary.checklist.id} {summary.checklist.version})")
    )
    assessor = Text(f"{summary.assessor}, {summary.assessor_role.replace('_', ' ')}")
    if summary.assessor_organisation:
        assessor.append(f", {summary.assessor_organisation}")
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
    """WHO / HOW / WHAT and overall: counts per level, N/A and not assessed apart, and the score."""
    table = Table(title="Roll-up", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Group", no_wrap=True)
    for level in summary.levels:
        table.add_column(Text(level.label, style=_style(level.colour)), justify="right")
    table.add_column("N/A", justify="right")
    table.add_column("Not yet", justify="right")
    table.add_column("Score", justify="right", no_wrap=True)
    for group in summary.questions:
        _tally_row(table, Text(group.id.upper()), group.tally, summary.levels)
        if group.id == "what":
            for theme in summary.themes:
                _tally_row(table, Text(f"  {theme.id.replace('_', ' ')}"), theme.tally, summary.levels)
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
        return Text(result.rating_label, style=_FIXED_STYLES[result.rating])
    level = levels.get(result.rating)
    return Text(result.rating_label, style=_style(level.colour) if level else "")


def section_tables(summary: Summary) -> list[Table]:
    """One table per section: each criterion's rating, evidence, open actions and flags."""
    levels = {level.id: level for level in summary.levels}
    tables = []
    for section in summary.sections:
        title = Text(section.title, style="bold")
        title.append(f"  {_score(section.tally)}", style="")
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        table.add_column("Criterion", ratio=1)
        table.add_column("Rating", no_wrap=True)
        table.add_column("Evid.", justify="right", no_wrap=True)
        table.add_column("Act.", justify="right", no_wrap=True)
        table.add_column("Flags", no_wrap=False, max_width=16)
        for result in section.criteria:
            criterion = Text(result.title, overflow="fold")
            criterion.append(f"\n{result.id}", style="dim")
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
    lines = Text()
    for index, flag in enumerate(summary.flags):
        if index:
            lines.append("\n")
        lines.append("! ", style="yellow bold")
        lines.append(flag.message)
    return Panel(lines, title=f"Flags ({len(summary.flags)})", title_align="left", box=box.ROUNDED)


def actions_table(summary: Summary) -> RenderableType:
    """Open actions, soonest due first, overdue ones marked."""
    if not summary.actions:
        return Text("No open actions.", style="green")
    table = Table(
        title="Open actions", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True
    )
    table.add_column("Action", ratio=2)
    table.add_column("Owner", ratio=1)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for action in summary.actions:
        description = Text(action.description, overflow="fold")
        description.append(f"\n{action.criterion}", style="dim")
        due = Text(action.due.isoformat() if action.due else "none")
        if action.overdue:
            due.append("\noverdue", style="red bold")
        table.add_row(
            description,
            Text(action.owner or "unassigned", overflow="fold"),
            due,
            action.status.replace("_", " "),
        )
    return table


def render_report(summary: Summary) -> Group:
    """The whole terminal report as one renderable."""
    return Group(
        summary_panel(summary),
        rollup_table(summary),
        *section_tables(summary),
        flags_view(summary),
        actions_table(summary),
    )


def checklists_table(checklists: list[tuple[Checklist, str]]) -> Table:
    """The registered checklists with where each came from."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Version", no_wrap=True)
    table.add_column("Criteria", justify="right")
    table.add_column("Title")
    table.add_column("From")
    for checklist, origin in checklists:
        table.add_row(
            Text(checklist.id),
            Text(checklist.version),
            str(len(checklist.criteria)),
            Text(checklist.title),
            Text(origin),
        )
    return table


def checklist_view(checklist: Checklist) -> Group:
    """A checklist's sections and criteria, for reading in the terminal."""
    parts: list[RenderableType] = [
        Text(f"{checklist.title} ({checklist.id} {checklist.version})", style="bold"),
    ]
    if checklist.interpretation:
        parts.append(Text(checklist.interpretation, style="italic"))
    for section in checklist.sections:
        table = Table(
            title=Text(section.title, style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column("Id", no_wrap=True)
        table.add_column("Criterion", ratio=1)
        table.add_column("Obl.", no_wrap=True)
        for criterion in section.criteria:
            text = Text(criterion.title, style="bold")
            text.append(f"\n{criterion.text}")
            text.append(f"\nSources: {', '.join(criterion.sources) or 'none'}", style="dim")
            table.add_row(Text(criterion.id, overflow="fold"), text, criterion.obligation.value)
        parts.append(table)
    return Group(*parts)
