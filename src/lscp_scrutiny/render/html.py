"""The HTML report: one self-contained file (inline CSS, charts as inline SVG, no script, no network).

Printable on A4, and accessible: one ``h1``, headings in order, tables with captions and header cells,
charts with a text alternative, and colour never the only signal (every rating is also written out).
All user text goes through :func:`html.escape`.
"""

from __future__ import annotations

from datetime import date
from html import escape

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, LEVEL_COLOURS, words_of
from lscp_scrutiny.model.summary import Change, Comparison, CriterionResult, LevelInfo, Summary, Tally
from lscp_scrutiny.render._common import (
    CHANGE_LABELS,
    agency_text,
    by_owner,
    moderation_text,
    percent,
    rater,
    rating_labels,
    report_title,
    score_text,
)
from lscp_scrutiny.render.executive import Bar, Executive, executive

_COLOURS = LEVEL_COLOURS  # a level's colour name as drawn: one palette for every picture
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
time { white-space: nowrap; }
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
_EXECUTIVE_CSS = """
.executive { line-height: 1.2; } .hidden-caption { position: absolute; width: 1px; height: 1px;
overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.executive h3, main.executive h2 { font-size: 1.05rem; margin: .55rem 0 .15rem; border-bottom: none; }
.executive p { margin: .25rem 0; }
.executive ul { margin: .2rem 0; padding-left: 1.2rem; } .executive table { margin: .2rem 0 .3rem; }
.executive th, .executive td { padding: .1rem .35rem; } .executive .headline { font-size: 1.1em; }
.executive .more, .executive .kinds { color: #57606a; } .swatch { display: inline-block; width: .7em;
height: .7em; margin-right: .3em; border: 1px solid #57606a; }
td.chart { width: 35%; } td.chart svg { display: block; width: 100%; height: 14px; }
.executive td.num { white-space: nowrap; } body.summary h1 { font-size: 1.3rem; }
@media print { .executive { font-size: 9pt; } section.executive { break-after: page; }
h1 { font-size: 1.3rem; } header dl.facts { margin: .4rem 0; line-height: 1.3; }
header .public { margin: .3rem 0; padding: .3rem .5rem; }
section.executive h2 { margin: 0 0 .3rem; font-size: 1.15rem; } }
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


def _date(day: date) -> str:
    """A date as ``<time>``, which the page's style never breaks across lines (``2026-06-`` / ``12``)."""
    return f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'


def _details(result: CriterionResult, rated_by: str) -> str:
    items = []
    if result.justification:
        items.append(f"<li>Why not applicable: {h(result.justification)}</li>")
    for evidence in result.evidence_items:
        when = f", {_date(evidence.collected_on)}" if evidence.collected_on else ""
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
        when = f" on {_date(result.reply.replied_on)}" if result.reply.replied_on else ""
        items.append(
            f'<li class="reply">Reply from {h(result.reply.by)}{when} (the rating stands): '
            f"{h(result.reply.text)}</li>"
        )
    moderated = moderation_text(result, rated_by)
    if moderated:
        items.append(f'<li class="moderated">{h(moderated)}</li>')
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
                f"{_details(result, rater(summary))}</th>"
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
            f"<td>{_date(action.due) if action.due else 'none'}{overdue if action.overdue else ''}</td>"
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


# --- the executive summary: the report's first page, and the ``summary`` format -------------------------


def _segments_svg(bar: Bar, most: int) -> str:
    """One question's ratings as a stacked bar, each level in its scale's colour, scaled to ``most``.

    Decorative (``aria-hidden``): the same counts are in the row's cells beside it. It stretches to
    its cell (the view box is 100 wide, each level's share of ``most`` criteria a part of it).
    """
    parts = [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 14" preserveAspectRatio="none" '
            'width="100%" height="14" aria-hidden="true">'
        )
    ]
    x = 0.0
    for segment in bar.drawn:
        share = segment.count / most * 100 if most else 0.0
        parts.append(f'<rect x="{x:.2f}" y="0" width="{share:.2f}" height="14" fill="{segment.colour}"/>')
        x += share
    parts.append("</svg>")
    return "".join(parts)


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>'


def _executive_ratings(page: Executive) -> str:
    first = page.overall.segments
    head = "".join(f'<th scope="col">{_swatch(s.colour)}{h(s.short)}</th>' for s in first)
    most = max((bar.criteria for bar in page.bars), default=0)
    rows = []
    for bar in (*page.bars, page.overall):
        chart = _segments_svg(bar, most) if bar is not page.overall else ""
        cells = "".join(f'<td class="num">{segment.count}</td>' for segment in bar.segments)
        rows.append(
            f'<tr><th scope="row">{h(bar.label)}</th><td class="chart">{chart}</td>{cells}'
            f'<td class="num">{h(bar.score)}</td></tr>'
        )
    return (
        "<table><caption>Ratings by WHO, HOW and WHAT: criteria at each level</caption><thead><tr>"
        f'<th scope="col">Question</th><th scope="col">Chart</th>{head}<th scope="col">Score</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _more(count: int) -> str:
    return f'<p class="more">and {count} more</p>' if count else ""


def _executive_lists(page: Executive, level: int) -> str:
    colours = {segment.level: segment.colour for segment in page.overall.segments if segment.level}
    strengths = "".join(
        f"<li>{h(item.title)}"
        + (
            f' <span class="kinds">({h(", ".join(item.evidence_kinds))})</span>'
            if item.evidence_kinds
            else ""
        )
        + "</li>"
        for item in page.strengths
    )
    areas = []
    for item in page.areas:
        actions = f"{item.open_actions} open action{'s' if item.open_actions != 1 else ''}"
        if item.overdue_actions:
            actions += f', <span class="overdue">{item.overdue_actions} overdue</span>'
        colour = colours.get(item.level, "#57606a")
        areas.append(
            f'<li><span class="rating" style="color:{colour}">{h(item.rating)}</span>: {h(item.title)} '
            f'<span class="kinds">({actions})</span></li>'
        )
    return (
        f"<h{level}>Strengths ({page.strengths_total})</h{level}>"
        + (f"<ul>{strengths}</ul>" if strengths else "<p>None rated at the top of the scale.</p>")
        + _more(page.more_strengths)
        + f"<h{level}>Areas for development ({page.areas_total})</h{level}>"
        + (f"<ul>{''.join(areas)}</ul>" if areas else "<p>None rated below the top of the scale.</p>")
        + _more(page.more_areas)
    )


def _executive_actions(page: Executive, level: int) -> str:
    heading = f"<h{level}>Actions by owner, as of {page.as_of}</h{level}>"
    if not page.owners:
        return f"{heading}<p>No open actions.</p>"
    rows = "".join(
        f'<tr><th scope="row">{h(row.owner)}</th><td class="num">{row.open}</td>'
        f'<td class="num">{row.overdue}</td></tr>'
        for row in page.owners
    )
    return (
        f'{heading}<table><caption class="hidden-caption">Open and overdue actions by owner, as of '
        f"{page.as_of}</caption>"
        '<thead><tr><th scope="col">Owner</th><th scope="col">Open</th><th scope="col">Overdue</th></tr>'
        f'</thead><tbody>{rows}<tr><th scope="row">All owners</th><td class="num">{page.open_actions}</td>'
        f'<td class="num">{page.overdue_actions}</td></tr></tbody></table>'
    )


def _named(titles: tuple[str, ...], more: int) -> str:
    named = "; ".join(h(title) for title in titles)
    return named + (f"; and {more} more" if more else "")


def _executive_changes(page: Executive, level: int) -> str:
    changes = page.changes
    if changes is None:
        return ""
    counts = ", ".join(f"{label.lower()} {count}" for label, count in changes.counts)
    worsened = (
        f"<p>Worsened: {_named(changes.worsened, changes.more_worsened)}.</p>" if changes.worsened else ""
    )
    return (
        f"<h{level}>Changes since {changes.since}</h{level}><p>Score {changes.score_before} then, "
        f"{changes.score_after} now. Criteria: {counts or 'none compared'}. Actions: "
        f"{changes.actions_opened} opened, {changes.actions_closed} closed.</p>{worsened}"
    )


def _executive_body(page: Executive, level: int) -> str:
    """The page below its facts: headline, chart, strengths and areas, actions, changes."""
    headline = (
        f'<p class="headline">Score <strong>{h(page.headline)}</strong>: {page.rated} of {page.criteria} '
        f"criteria rated, {page.not_applicable} not applicable, {page.not_assessed} not yet assessed.</p>"
    )
    return (
        f"{headline}{_executive_ratings(page)}{_executive_lists(page, level)}"
        f"{_executive_actions(page, level)}{_executive_changes(page, level)}"
    )


def _executive_section(summary: Summary) -> str:
    """The executive summary as the report's first page (the report's header gives its facts)."""
    return (
        '<section class="executive" aria-labelledby="executive"><h2 id="executive">Executive summary</h2>'
        f"{_executive_body(executive(summary), 3)}</section>"
    )


def render_summary_html(summary: Summary) -> str:
    """The executive summary alone: one self-contained HTML page, printable on one A4 page."""
    page = executive(summary)
    partnership = h(page.partnership) + (f" ({h(page.area)})" if page.area else "")
    subject = summary.agency or page.partnership  # an agency's return is of the agency
    public = (
        '<p class="public" role="note">Public version: evidence and notes marked restricted are withheld. '
        "Every number is the same as in the full report.</p>"
        if page.public
        else ""
    )
    facts = "".join(
        f"<dt>{term}</dt><dd>{value}</dd>"
        for term, value in (
            ("Partnership", partnership),
            *((("Agency assessed", h(page.agency)),) if page.agency else ()),
            ("Checklist", h(page.checklist)),
            ("Assessor", h(page.assessor)),
            ("Assessed on", page.assessed_on),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>Executive summary: {h(subject)}</title>"
        f"<style>{_CSS}{_EXECUTIVE_CSS}</style></head>"
        f'<body class="summary"><header><h1>Executive summary: {h(subject)}</h1>{public}'
        f'<dl class="facts">{facts}</dl></header><main class="executive">{_executive_body(page, 2)}</main>'
        f'<footer><p class="note">{h(summary.generator)}; scores by {h(summary.scoring.name)} '
        f"{h(summary.scoring.version)}.</p></footer></body></html>\n"
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
    agency = agency_text(summary)
    facts = "".join(
        f"<dt>{term}</dt><dd>{value}</dd>"
        for term, value in (
            ("Partnership", partnership),
            *((("Agency assessed", h(agency)),) if agency else ()),
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
        f"<title>{h(report_title(summary))}</title>"
        f"<style>{_CSS}{_EXECUTIVE_CSS}</style></head>"
        f"<body><header><h1>{h(report_title(summary))}</h1>{public}"
        f'<dl class="facts">{facts}</dl></header><main>{_executive_section(summary)}'
        f"{_rollup(summary)}{comparison}{_sections(summary)}{_flags(summary)}{_action_plan(summary)}</main>"
        f'<footer><p class="note">{h(summary.generator)}; scores by {h(summary.scoring.name)} '
        f"{h(summary.scoring.version)}. Contributors to the checklist: {contributors}.</p></footer>"
        "</body></html>\n"
    )
