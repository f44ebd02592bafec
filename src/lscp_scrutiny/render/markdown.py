"""The Markdown report: ready to paste into a yearly report or a wiki.

Every piece of user text is escaped, so a note holding ``*``, ``|``, ``<script>`` or ``[a](b)`` shows as
typed and never becomes formatting, a link or HTML.
"""

from __future__ import annotations

import re

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import Change, Comparison, CriterionResult, Summary, Tally
from lscp_scrutiny.render._common import (
    CHANGE_LABELS,
    agency_text,
    assessor_change_note,
    by_owner,
    moderation_text,
    percent,
    rater,
    rating_labels,
    report_title,
    score_text,
)

# Every character that can start formatting, a link, HTML or a table cell inside a line. (Our text never
# starts a line, so the line-start markers - #, +, -, 1. - need no escape.)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """User text, escaped for Markdown, on one line (tables cannot hold line breaks)."""
    one_line = printable(" ".join(text.split()), one_line=True)
    return _SPECIAL.sub(r"\\\1", one_line).replace("&", "&amp;")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _tally_row(label: str, tally: Tally, level_ids: list[str]) -> str:
    counts = [str(tally.counts.get(level_id, 0)) for level_id in level_ids]
    return _row(
        label,
        *counts,
        str(tally.not_applicable),
        str(tally.not_assessed),
        score_text(tally),
        str(tally.open_actions),
        str(tally.flagged),
    )


def _header(summary: Summary) -> list[str]:
    checklist = summary.checklist
    overall = summary.overall
    partnership = md(summary.partnership) + (f" ({md(summary.area)})" if summary.area else "")
    assessor = md(summary.assessor) + f", {words_of(summary.assessor_role)}"
    if summary.assessor_organisation:
        assessor += f", {md(summary.assessor_organisation)}"
    lines = [
        f"# {md(report_title(summary))}",
        "",
    ]
    if summary.public:
        lines += [
            (
                "*Public version: evidence and notes marked restricted are withheld. Every number is "
                "the same as in the full report.*"
            ),
            "",
        ]
    done = overall.criteria - overall.not_assessed
    lines += [
        _row("", ""),
        _row("---", "---"),
        _row("Partnership", partnership),
        *([_row("Agency assessed", md(agency))] if (agency := agency_text(summary)) else []),
        _row("Checklist", f"{md(checklist.title)} ({md(checklist.id)} {md(checklist.version)})"),
        _row("Assessor", assessor),
        _row("Assessed on", summary.assessed_on.isoformat()),
        _row("Completion", f"{percent(overall.completion)} ({done} of {overall.criteria} criteria)"),
        _row("Score", score_text(overall)),
        _row(
            "Actions",
            f"{summary.open_actions} open, {summary.overdue_actions} overdue "
            f"(as of {summary.as_of.isoformat()})",
        ),
        _row("Scoring method", f"{md(summary.scoring.name)} {md(summary.scoring.version)}"),
        "",
    ]
    return lines


def _rollup(summary: Summary) -> list[str]:
    level_ids = [level.id for level in summary.levels]
    lines = [
        "## Roll-up",
        "",
        _row(
            "Group",
            *(md(level.label) for level in summary.levels),
            FIXED_SHORT_LABELS[NOT_APPLICABLE],
            FIXED_LABELS[NOT_ASSESSED],
            "Score",
            "Open actions",
            "Flagged",
        ),
        _row("---", *("---:" for _ in level_ids), "---:", "---:", "---:", "---:", "---:"),
    ]
    for group in summary.questions:
        lines.append(_tally_row(f"**{group.id.upper()}**", group.tally, level_ids))
        if group.id == "what":
            lines.extend(
                _tally_row(md(words_of(theme.id)), theme.tally, level_ids) for theme in summary.themes
            )
    lines += [_tally_row("**Overall**", summary.overall, level_ids), ""]
    return lines


def _criterion_details(result: CriterionResult, rated_by: str) -> list[str]:
    details: list[str] = []
    if result.justification:
        details.append(f"- Why not applicable: {md(result.justification)}")
    for item in result.evidence_items:
        when = f", {item.collected_on.isoformat()}" if item.collected_on else ""
        description = f": {md(item.description)}" if item.description else ""
        restricted = ", restricted" if item.restricted else ""
        details.append(
            f"- Evidence ({md(words_of(item.kind))}{when}{restricted}): {md(item.reference)}{description}"
        )
    if result.notes:
        details.append(f"- Notes{' (restricted)' if result.notes_restricted else ''}: {md(result.notes)}")
    if result.reply:
        when = f" on {result.reply.replied_on.isoformat()}" if result.reply.replied_on else ""
        details.append(
            f"- Reply from {md(result.reply.by)}{when} (the rating stands): {md(result.reply.text)}"
        )
    moderated = moderation_text(result, rated_by)
    if moderated:
        details.append(f"- {md(moderated)}")
    return details


def _sections(summary: Summary) -> list[str]:
    lines: list[str] = []
    for section in summary.sections:
        lines += [
            f"## {md(section.title)}",
            "",
            f"Score: {score_text(section.tally)}.",
            "",
            _row("Criterion", "Rating", "Evidence", "Open actions", "Flags"),
            _row("---", "---", "---:", "---:", "---"),
        ]
        lines.extend(
            _row(
                f"{md(result.title)} (`{result.id}`)",
                md(result.rating_label),
                str(result.evidence),
                str(result.open_actions),
                ", ".join(map(words_of, result.flags)),
            )
            for result in section.criteria
        )
        lines.append("")
        for result in section.criteria:
            details = _criterion_details(result, rater(summary))
            if details:
                lines += [f"**{md(result.title)}** (`{result.id}`)", "", *details, ""]
    return lines


def _flags(summary: Summary) -> list[str]:
    lines = [f"## Flags ({len(summary.flags)})", ""]
    lines += [f"- {md(flag.message)}" for flag in summary.flags] or ["No flags."]
    return [*lines, ""]


def _action_plan(summary: Summary) -> list[str]:
    lines = ["## Action plan", ""]
    if not summary.actions:
        return [*lines, "No open actions.", ""]
    for owner, actions in by_owner(summary.actions):
        lines += [f"### {md(owner)}", ""]
        for action in actions:
            due = action.due.isoformat() if action.due else "no due date"
            overdue = " **overdue**" if action.overdue else ""
            lines.append(
                f"- [ ] {md(action.description)} (`{action.criterion}`; due {due}{overdue}; "
                f"{words_of(action.status)})"
            )
        lines.append("")
    return lines


def _comparison(summary: Summary, comparison: Comparison) -> list[str]:
    labels = rating_labels(summary)
    lines = [
        f"## Changes since {comparison.earlier_assessed_on.isoformat()}",
        "",
        f"Score {percent(comparison.score_before)} then, {percent(comparison.score_after)} now.",
        "",
        *([f"**{md(note)}**", ""] if (note := assessor_change_note(summary)) else []),
        _row("Change", "Criteria"),
        _row("---", "---:"),
        *(
            _row(CHANGE_LABELS[Change(kind)], str(count))
            for kind, count in comparison.counts.items()
            if count
        ),
        "",
    ]
    moved = [c for c in comparison.criteria if c.change is not Change.UNCHANGED]
    if moved:
        lines += [_row("Criterion", "Before", "Now", "Change"), _row("---", "---", "---", "---")]
        lines.extend(
            _row(
                f"{md(item.title)} (`{item.id}`)",
                md(labels.get(item.before, item.before)) if item.before else "-",
                md(labels.get(item.after, item.after)) if item.after else "-",
                CHANGE_LABELS[item.change],
            )
            for item in moved
        )
        lines.append("")
    for title, actions in (
        ("Actions opened", comparison.actions_opened),
        ("Actions closed", comparison.actions_closed),
    ):
        lines += [f"### {title} ({len(actions)})", ""]
        lines += [
            f"- {md(a.description)} (`{a.criterion}`; {md(a.owner or 'no owner')}; {words_of(a.status)})"
            for a in actions
        ] or ["None."]
        lines.append("")
    return lines


def render_markdown(summary: Summary) -> str:
    """The whole report as Markdown (CommonMark with GitHub-style tables)."""
    lines = [*_header(summary), *_rollup(summary)]
    if summary.comparison is not None:
        lines += _comparison(summary, summary.comparison)
    lines += [*_sections(summary), *_flags(summary), *_action_plan(summary)]
    lines.append(
        f"*{md(summary.generator)}; scores by {md(summary.scoring.name)} "
        f"{md(summary.scoring.version)}. Contributors to the checklist: "
        f"{md(', '.join(str(c) for c in summary.checklist.contributors) or 'unknown')}.*"
    )
    return "\n".join(lines) + "\n"
