"""The HTML report: one self-contained file (inline CSS, charts as inline SVG, no script, no network).

Printable on A4, and accessible: one ``h1``, headings in order, tables with captions and header cells,
charts with a text alternative, and colour never the only signal (every rating is also written out).
All user text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import Change, Comparison, CriterionResult, LevelInfo, Summary, Tally
from lscp_scrutiny.render._common import CHANGE_LABELS, by_owner, percent, rating_labels, score_text

_COLOURS = {
    "green": "#1a7f37",
    "amber": "#9a6700",
    "orange": "#9a6700",
    "yellow": "#9a6700",
    "red": "#cf222e",
    "blue": "#0969da",
    "grey": "#6e7781",
    "gray": "#6e7781",
}
_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
border-bottom: 1px solid #d0d7de; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } th ul { font-weight: normal; } th.theme { padding-left: 1.4rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.id { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85em; color: #57606a; }
.rating { font-weight: 600; } .note { color: #57606a; } .public { background: #fff8c5; padding: .5rem;
border: 1px solid #d4a72c; } .overdue { color: #cf222e; font-weight: 600; }
.reply { border-left: 3px solid #0969da; padding-left: .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
svg text { font: 11px system-ui, Arial, sans-serif; fill: #1f2328; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; }
tr, li { break-inside: avoid; } }
"""


# Nothing may load from anywhere: the page is one file, with no script at all.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def h(text: str) -> str:
    """User text, escaped for HTML, with control characters written out."""
    return escape(printable(text), quote=True)


def _colour(level: LevelInfo | None) -> str:
    return _COLOURS.get(level.colour.lower(), "#1f2328") if level else "#57606a"


CHART_CHARACTER_WIDTH = 6.5
"""Pixels a character of the charts' 11px font takes at most, as near as matters (for wrapping labels)."""


def _label_lines(label: str, width: int) -> list[str]:
    """``label`` wrapped at spaces into lines that fit ``width`` pixels; a word longer than that, alone."""
    most = max(int(width / CHART_CHARACTER_WIDTH) - 1, 1)
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def bar_chart(
    bars: list[tuple[str, float | None, str]],
    title: str,
    *,
    title_id: str,
    label_width: int = 170,
    bar_width: int = 330,
    value_width: int = 110,
) -> str:
    """An inline SVG bar chart, one ``(label, share from 0 to 1, value text)`` per bar, all text escaped.

    ``title`` names the chart for screen readers (``title_id`` must be unique in the page); the same
    numbers are always in a table beside it too, so nothing is only in the picture. A label too long
    for ``label_width`` wraps at spaces onto more lines (its row grows), so none is ever cut or drawn
    over. A bar without a share (``None``: nothing to count, or withheld) is not drawn at all: an
    empty bar would read as 0%.
    """
    row, line = 24, 14
    wrapped = [_label_lines(label, label_width) for label, _share, _value in bars]
    height = sum(row + line * (len(lines) - 1) for lines in wrapped) + 10
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + value_width}" '
            f'height="{height}" role="img" aria-labelledby="{h(title_id)}">'
            f'<title id="{h(title_id)}">{h(title)}</title>'
        )
    ]
    y = 5
    for lines, (label, share, value) in zip(wrapped, bars, strict=True):
        if len(lines) == 1:
            parts.append(f'<text x="0" y="{y + 15}">{h(label)}</text>')
        else:
            spans = "".join(
                f'<tspan x="0" dy="{0 if i == 0 else line}">{h(text)}</tspan>' for i, text in enumerate(lines)
            )
            parts.append(f'<text x="0" y="{y + 15}">{spans}</text>')
        if share is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="16" fill="#eaeef2"/>'
            )
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{share * bar_width:.1f}" height="16" '
                'fill="#0969da"/>'
            )
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 15}">{h(value)}</text>')
        y += row + line * (len(lines) - 1)
    parts.append("</svg>")
    return "".join(parts)


def _tally_cells(tally: Tally, levels: tuple[LevelInfo, ...]) -> str:
    cells = [f'<td class="num">{tally.counts.get(level.id, 0)}</td>' for level in levels]
    cells += [f'<td class="num">{value}</td>' for value in (tally.not_applicable, tally.not_assessed)]
    cells.append(f'<td class="num">{h(score_text(tally))}</td>')
    cells += [f'<td class="num">{value}</td>' for value in (tally.open_actions, tally.flagged)]
    return "".join(cells)


def _rollup(summary: Summary) -> str:
    head = "".join(f'<th scope="col">{h(level.label)}</th>' for level in summary.levels)
    rows: list[tuple[str, str, Tally]] = []
    for group in summary.questions:
        rows.append((group.id.upper(), "", group.tally))
        if group.id == "what":
            rows.extend((words_of(theme.id), "theme", theme.tally) for theme in summary.themes)
    rows.append(("Overall", "", summary.overall))
    body = "".join(
        f'<tr><th scope="row" class="{kind}">{h(name)}</th>{_tally_cells(tally, summary.levels)}</tr>'
        for name, kind, tally in rows
    )
    groups = [(name, tally) for name, _, tally in rows]
    chart = bar_chart(
        [(name, tally.score, score_text(tally)) for name, tally in groups],
        "Score by group: " + "; ".join(f"{name} {score_text(tally)}" for name, tally in groups),
        title_id="bars-title",
    )
    return (
        '<section aria-labelledby="rollup"><h2 id="rollup">Roll-up</h2>'
        f"<figure>{chart}<figcaption>Score by WHO, HOW and WHAT, by theme, and overall.</figcaption></figure>"
        '<table><caption>Criteria by rating, with scores</caption><thead><tr><th scope="col">Group</th>'
        f'{head}<th scope="col">{FIXED_SHORT_LABELS[NOT_APPLICABLE]}</th>'
        f'<th scope="col">{FIXED_LABELS[NOT_ASSESSED]}</th><th scope="col">Score</th>'
        f'<th scope="col">Open actions</th><th scope="col">Flagged</th></tr></thead><tbody>{body}</tbody>'
        "</table></section>"
    )


def _details(result: CriterionResult) -> str:
    items = []
    if result.justification:
        items.append(f"<li>Why not applicable: {h(result.justification)}</li>")
    for evidence in result.evidence_items:
        when = f", {evidence.collected_on.isoformat()}" if evidence.collected_on else ""
        restricted = ", restricted" if evidence.restricted else ""
        description = f": {h(evidence.description)}" if evidence.description else ""
        items.append(
            f"<li>Evidence ({h(words_of(evidence.kind))}{when}{restricted}): "
            f"{h(evidence.reference)}{description}</li>"
        )
    if result.notes:
        restricted = " (restricted)" if result.notes_restricted else ""
        items.append(f'<li class="note">Notes{restricted}: {h(result.notes)}</li>')
    if result.reply:
        when = f" on {result.reply.replied_on.isoformat()}" if result.reply.replied_on else ""
        items.append(
            f'<li class="reply">Reply from {h(result.reply.by)}{when} (the rating stands): '
            f"{h(result.reply.text)}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _sections(summary: Summary) -> str:
    levels = {level.id: level for level in summary.levels}
    out = []
    for section in summary.sections:
        rows = []
        for result in section.criteria:
            flags = ", ".join(map(words_of, result.flags))
            colour = _colour(levels.get(result.rating))
            rows.append(
                f'<tr><th scope="row">{h(result.title)}<br><span class="id">{h(result.id)}</span>'
                f"{_details(result)}</th>"
                f'<td class="rating" style="color:{colour}">{h(result.rating_label)}</td>'
                f'<td class="num">{result.evidence}</td><td class="num">{result.open_actions}</td>'
                f"<td>{h(flags)}</td></tr>"
            )
        section_id = f"section-{h(section.id)}"
        out.append(
            f'<section aria-labelledby="{section_id}"><h2 id="{section_id}">{h(section.title)}</h2>'
            f"<p>Score: {h(score_text(section.tally))}.</p>"
            f"<table><caption>{h(section.title)}: each criterion</caption><thead><tr>"
            '<th scope="col">Criterion</th><th scope="col">Rating</th><th scope="col">Evidence</th>'
            '<th scope="col">Open actions</th><th scope="col">Flags</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )
    return "".join(out)


def _flags(summary: Summary) -> str:
    items = "".join(f"<li>{h(flag.message)}</li>" for flag in summary.flags)
    body = f"<ul>{items}</ul>" if items else "<p>No flags.</p>"
    return (
        f'<section aria-labelledby="flags"><h2 id="flags">Flags ({len(summary.flags)})</h2>{body}</section>'
    )


def _action_plan(summary: Summary) -> str:
    if not summary.actions:
        return (
            '<section aria-labelledby="plan"><h2 id="plan">Action plan</h2><p>No open actions.</p></section>'
        )
    parts = ['<section aria-labelledby="plan"><h2 id="plan">Action plan</h2>']
    overdue = ' <span class="overdue">overdue</span>'
    for owner, actions in by_owner(summary.actions):
        rows = "".join(
            f'<tr><td>{h(action.description)}<br><span class="id">{h(action.criterion)}</span></td>'
            f"<td>{action.due.isoformat() if action.due else 'none'}{overdue if action.overdue else ''}</td>"
            f"<td>{h(words_of(action.status))}</td></tr>"
            for action in actions
        )
        parts.append(
            f"<h3>{h(owner)}</h3><table><caption>Actions owned by {h(owner)}</caption><thead><tr>"
            '<th scope="col">Action</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts)


def _comparison(summary: Summary, comparison: Comparison) -> str:
    labels = rating_labels(summary)
    counts = "".join(
        f'<tr><th scope="row">{CHANGE_LABELS[Change(kind)]}</th><td class="num">{count}</td></tr>'
        for kind, count in comparison.counts.items()
        if count
    )
    moved = "".join(
        f'<tr><th scope="row">{h(item.title)}<br><span class="id">{h(item.id)}</span></th>'
        f"<td>{h(labels.get(item.before, item.before)) if item.before else '-'}</td>"
        f"<td>{h(labels.get(item.after, item.after)) if item.after else '-'}</td>"
        f"<td>{CHANGE_LABELS[item.change]}</td></tr>"
        for item in comparison.criteria
        if item.change is not Change.UNCHANGED
    )
    actions = []
    for title, changes in (
        ("Actions opened", comparison.actions_opened),
        ("Actions closed", comparison.actions_closed),
    ):
        items = "".join(
            f"<li>{h(a.description)} ({h(a.criterion)}; {h(a.owner or 'no owner')}; "
            f"{h(words_of(a.status))})</li>"
            for a in changes
        )
        actions.append(
            f"<h3>{title} ({len(changes)})</h3>" + (f"<ul>{items}</ul>" if items else "<p>None.</p>")
        )
    since = comparison.earlier_assessed_on.isoformat()
    return (
        f'<section aria-labelledby="changes"><h2 id="changes">Changes since {since}</h2>'
        f"<p>Score {percent(comparison.score_before)} then, {percent(comparison.score_after)} now.</p>"
        '<table><caption>Criteria by kind of change</caption><thead><tr><th scope="col">Change</th>'
        f'<th scope="col">Criteria</th></tr></thead><tbody>{counts}</tbody></table>'
        + (
            '<table><caption>Criteria that changed</caption><thead><tr><th scope="col">Criterion</th>'
            '<th scope="col">Before</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead>'
            f"<tbody>{moved}</tbody></table>"
            if moved
            else ""
        )
        + "".join(actions)
        + "</section>"
    )


def render_html(summary: Summary) -> str:
    """The whole report as one self-contained HTML document."""
    checklist, overall = summary.checklist, summary.overall
    partnership = h(summary.partnership) + (f" ({h(summary.area)})" if summary.area else "")
    assessor = h(summary.assessor) + f", {h(words_of(summary.assessor_role))}"
    if summary.assessor_organisation:
        assessor += f", {h(summary.assessor_organisation)}"
    done = overall.criteria - overall.not_assessed
    public = (
        '<p class="public" role="note">Public version: evidence and notes marked restricted are withheld. '
        "Every number is the same as in the full report.</p>"
        if summary.public
        else ""
    )
    facts = "".join(
        f"<dt>{term}</dt><dd>{value}</dd>"
        for term, value in (
            ("Partnership", partnership),
            ("Checklist", f"{h(checklist.title)} ({h(checklist.id)} {h(checklist.version)})"),
            ("Assessor", assessor),
            ("Assessed on", summary.assessed_on.isoformat()),
            ("Completion", f"{percent(overall.completion)} ({done} of {overall.criteria} criteria)"),
            ("Score", h(score_text(overall))),
            (
                "Actions",
                (
                    f"{summary.open_actions} open, {summary.overdue_actions} overdue "
                    f"(as of {summary.as_of.isoformat()})"
                ),
            ),
            ("Scoring method", f"{h(summary.scoring.name)} {h(summary.scoring.version)}"),
        )
    )
    comparison = _comparison(summary, summary.comparison) if summary.comparison is not None else ""
    contributors = h(", ".join(str(c) for c in checklist.contributors) or "unknown")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>Independent scrutiny assessment: {h(summary.partnership)}</title>"
        f"<style>{_CSS}</style></head>"
        f"<body><header><h1>Independent scrutiny assessment: {h(summary.partnership)}</h1>{public}"
        f'<dl class="facts">{facts}</dl></header><main>'
        f"{_rollup(summary)}{comparison}{_sections(summary)}{_flags(summary)}{_action_plan(summary)}</main>"
        f'<footer><p class="note">{h(summary.generator)}; scores by {h(summary.scoring.name)} '
        f"{h(summary.scoring.version)}. Contributors to the checklist: {contributors}.</p></footer>"
        "</body></html>\n"
    )
