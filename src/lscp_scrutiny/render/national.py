"""Renderers for the national picture: terminal, Markdown, HTML, CSV and JSON, all from one picture."""

from __future__ import annotations

import json
from html import escape

from attrs import frozen

from lscp_scrutiny._text import printable
from lscp_scrutiny._version import __version__
from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.core.national import (
    AssessmentPicture,
    CriterionPicture,
    Figure,
    NationalPicture,
    RoleAgreement,
)
from lscp_scrutiny.io._formulas import csv_text
from lscp_scrutiny.model.labels import words_of
from lscp_scrutiny.render._common import percent
from lscp_scrutiny.render.html import bar_chart
from lscp_scrutiny.render.markdown import md

_converter = make_converter("json", omit_defaults=False)
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"  # one file: nothing loads from anywhere


def count_text(figure: Figure, below: int = 0) -> str:
    """``67 of 100 (67%)``; withheld, ``withheld of 100`` (the count) or ``67 of withheld`` (the denominator).

    Every withheld number reads the same, whether it is small or withheld so that a small one cannot be
    worked out: telling them apart would narrow down the small ones.
    """
    del below
    if figure.count is None or figure.of is None:
        return f"{_n(figure.count)} of {_n(figure.of)}"
    if figure.of == 0:
        return "no answers"  # "0 of 0" with an empty bar would read as none of them
    return f"{figure.count} of {figure.of} ({percent(figure.share)})"


def _drawn(figure: Figure) -> bool:
    """Whether the figure has a share to draw: never for a withheld one or one that nobody answered."""
    return figure.share is not None


def _n(value: int | None) -> str:
    return "withheld" if value is None else str(value)


def _not_met_text(criterion: CriterionPicture) -> str:
    if criterion.not_met_share is None and criterion.rated != 0:
        return "withheld"
    return percent(criterion.not_met_share)


def _score_text(points: int | None, max_points: int | None, score: float | None) -> str:
    if points is None or max_points is None:
        return "withheld"
    return f"{percent(score)} ({points}/{max_points})"


def _triangulated(picture: AssessmentPicture) -> str:
    if picture.triangulated is None or picture.ratings is None:
        return "withheld"
    return percent(picture.triangulated / picture.ratings) if picture.ratings else "n/a"


def _returns_text(picture: NationalPicture) -> str:
    if picture.returns is None:
        return f"Fewer than {picture.suppressed_below} survey returns: every count is withheld."
    return (
        f"{picture.returns} survey returns. Each figure counts the partnerships that answered that question."
    )


def _suppression_note(below: int) -> str:
    return (
        f"Counts from 1 to {below - 1} are withheld, as they could identify a partnership, and so is "
        "any figure that would let one be worked out."
    )


def _all_figures(picture: NationalPicture) -> list[tuple[str, str, Figure]]:
    """Every figure with its group, in reading order (none when there are no survey returns)."""
    if picture.returns == 0:
        return []
    rows: list[tuple[str, str, Figure]] = [
        (q.question.upper(), "question", q.figure) for q in picture.questions
    ]
    rows += [("WHO", "of those employing independent scrutineers", f) for f in picture.scrutineer_count]
    rows.append(("WHO", "of those with an independent chair", picture.chair_also_scrutinises))
    rows += [("WHO", "ways children take part", f) for f in picture.children_involvement]
    rows += [("HOW", "methods used", f) for f in picture.methods]
    rows += [("WHAT", "areas scrutinised", f) for f in picture.areas]
    return rows


@frozen
class _Group:
    """A heading's figures, as every view but CSV shows them."""

    heading: str
    figures: tuple[Figure, ...]
    not_answered: dict[str, int | None]
    """By figure id, for the yes/no questions: how many returns did not answer it."""
    note: str = ""
    """Who the figures are of, for a group with one denominator (methods, areas, ways children take part)."""


_OF_THOSE = {
    "methods used": "the returns that listed their methods",
    "areas scrutinised": "the returns that listed the areas they scrutinise",
    "ways children take part": "the returns that said how children and young people take part",
}


def _groups(picture: NationalPicture) -> list[_Group]:
    """The figures under their headings, in reading order, with who answered and who did not."""
    not_answered = {q.figure.id: q.not_answered for q in picture.questions}
    grouped: dict[str, list[Figure]] = {}
    kinds: dict[str, str] = {}
    for group, kind, figure in _all_figures(picture):
        heading = f"{group}: {kind}" if kind != "question" else group
        grouped.setdefault(heading, []).append(figure)
        kinds[heading] = kind
    groups = []
    for heading, figures in grouped.items():
        note = ""
        those = _OF_THOSE.get(kinds[heading])
        if those is not None:
            listed = figures[0].of
            if listed is None or picture.returns is None:
                note = f"Of {those}: how many is withheld."
            else:
                others = picture.returns - listed
                note = f"Of the {listed} {those.removeprefix('the ')}; the other {others} did not."
        shown = {f.id: not_answered[f.id] for f in figures if f.id in not_answered}
        groups.append(_Group(heading=heading, figures=tuple(figures), not_answered=shown, note=note))
    return groups


def _not_answered_text(group: _Group, figure: Figure) -> str:
    return _n(group.not_answered[figure.id]) if figure.id in group.not_answered else ""


def method_note(picture: NationalPicture) -> list[str]:
    """How the figures were made, in plain sentences: source, date, who is counted, what is withheld."""
    returns = "fewer than the threshold" if picture.returns is None else f"{picture.returns}"
    assessments = sum(a.assessments or 0 for a in picture.assessments)
    withheld_groups = any(a.assessments is None for a in picture.assessments)
    of_assessments = f"{assessments}{' or more' if withheld_groups else ''}"
    made = f" on {picture.as_of.isoformat()}" if picture.as_of is not None else ""
    source = (
        f"Source: {returns} survey returns and {of_assessments} checklist assessments, put together by "
        f"lscp-scrutiny {__version__}{made}."
    )
    counted = (
        'Who is counted: each survey return is one partnership. A figure "N of M" counts the '
        "partnerships that answered that question (M); those that did not answer are shown apart and "
        "never counted as a no. Methods, areas and the ways children take part count the returns that "
        "listed any."
    )
    lines = [source, counted]
    if picture.suppressed_below:
        lines.append(_suppression_note(picture.suppressed_below))
    else:
        lines.append(
            "Nothing is withheld: small counts can identify a partnership, so this picture is not for "
            "publishing as it stands (lscp-scrutiny national --suppress-below 5 makes one that is)."
        )
    return lines


def assessments_title(picture: AssessmentPicture) -> str:
    """``Checklist assessments: independent-scrutiny 1.0.0``, with the assessors' role when split by it."""
    title = f"Checklist assessments: {picture.checklist} {picture.checklist_version}"
    return title if picture.assessor_role is None else f"{title}, {words_of(picture.assessor_role)}"


def role_agreement_text(found: RoleAgreement) -> str:
    """How far a partnership's assessments in different roles agree, in one sentence."""
    roles = ", ".join(words_of(role) for role in found.roles)
    if found.agreement is None or found.partnerships is None:
        return (
            f"Agreement between roles ({found.checklist}; {roles}): withheld, as too few partnerships have "
            "assessments in more than one role."
        )
    a = found.agreement
    exact = (
        "no ratings to compare"
        if a.percent_agreement is None
        else f"exact agreement {a.percent_agreement:.0%} ({a.agreeing_pairs} of {a.pairs} pairs of ratings)"
    )
    alpha = (
        f"Krippendorff's alpha (ordinal) {a.krippendorff_alpha_ordinal:.2f}"
        if a.krippendorff_alpha_ordinal is not None
        else f"no alpha ({a.alpha_note})"
    )
    return (
        f"Agreement between roles ({found.checklist}; {roles}): over the {found.partnerships} "
        f"partnerships assessed in two or more roles, {exact}; {alpha}."
    )


def render_national_json(picture: NationalPicture) -> str:
    """The picture as JSON, ``schema_version`` first; withheld counts are ``null``."""
    return json.dumps(_converter.unstructure(picture), indent=2, ensure_ascii=False) + "\n"


def render_national_csv(picture: NationalPicture) -> str:
    """One row per figure (group, kind, id, label, count, of, share, suppressed), tidy for pandas."""
    header = ("group", "kind", "id", "label", "count", "of", "share", "suppressed", "not_answered")
    rows: list[tuple[object, ...]] = [header]
    not_answered = {q.figure.id: q.not_answered for q in picture.questions}
    for group, kind, figure in _all_figures(picture):
        share = "" if figure.share is None else f"{figure.share:.4f}"
        count = "" if figure.count is None else figure.count
        unanswered = not_answered.get(figure.id, "") if kind == "question" else ""
        rows.append(
            (
                group,
                kind,
                figure.id,
                figure.label,
                count,
                "" if figure.of is None else figure.of,
                share,
                "yes" if figure.suppressed else "no",
                "" if unanswered is None else unanswered,
            )
        )
    for assessments in picture.assessments:
        for criterion in assessments.criteria:
            for rating, number in criterion.counts.items():
                rows.append(
                    (
                        assessments.checklist
                        if assessments.assessor_role is None
                        else f"{assessments.checklist}:{assessments.assessor_role}",
                        "criterion rating",
                        f"{criterion.id}.{rating}",
                        criterion.title,
                        "" if number is None else number,
                        "" if assessments.assessments is None else assessments.assessments,
                        "",
                        "yes" if number is None else "no",
                        "",
                    )
                )
    return csv_text(rows)  # every cell kept text, each row one row (a line break in a title included)


def _assessment_lines_md(picture: AssessmentPicture, below: int) -> list[str]:
    lines = [
        f"## {md(assessments_title(picture))}",
        "",
        (
            f"{_n(picture.assessments)} assessments; {_n(picture.ratings)} ratings, of which "
            f"{_n(picture.triangulated)} ({_triangulated(picture)}) rest on two or more kinds of evidence "
            f"and {_n(picture.self_reported_only)} on one kind or none."
        ),
        "",
        "| Group | Score |",
        "| --- | ---: |",
        *(
            f"| {md(g.title)} | {_score_text(g.points, g.max_points, g.score)} |"
            for g in (*picture.questions, *picture.sections)
        ),
        "",
        "### Criteria most often not met",
        "",
        "| Criterion | Not met | Rated |",
        "| --- | ---: | ---: |",
    ]
    lines.extend(
        f"| {md(c.title)} (`{c.id}`) | {_not_met_text(c)} | {_n(c.rated)} |"
        for c in picture.most_often_not_met
    )
    del below
    return [*lines, ""]


def render_national_markdown(picture: NationalPicture) -> str:
    """The picture as Markdown: each figure "N of M (P%)", then the assessments view."""
    below = picture.suppressed_below
    lines = [
        "# The national picture of independent scrutiny",
        "",
        _returns_text(picture),
        "",
    ]
    if below:
        lines += [f"*{_suppression_note(below)}*", ""]
    for group in _groups(picture):
        lines += ["", f"## {md(group.heading)}", ""]
        if group.note:
            lines += [md(group.note), ""]
        if group.not_answered:
            lines += ["| | Partnerships | Did not answer |", "| --- | ---: | ---: |"]
        else:
            lines += ["| | Partnerships |", "| --- | ---: |"]
        for figure in group.figures:
            cells = [md(printable(figure.label)), count_text(figure, below)]
            if group.not_answered:
                cells.append(_not_answered_text(group, figure))
            lines.append(f"| {' | '.join(cells)} |")
    lines.append("")
    for assessments in picture.assessments:
        lines += _assessment_lines_md(assessments, below)
    lines += [f"{md(role_agreement_text(found))}\n" for found in picture.role_agreement]
    lines += ["## How these figures were made", "", *(f"{md(line)}\n" for line in method_note(picture))]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_national_html(picture: NationalPicture) -> str:
    """The picture as one self-contained HTML page, with bar charts and the same figures in tables."""
    below = picture.suppressed_below
    sections = []
    for number, group in enumerate(_groups(picture), start=1):
        heading, figures = group.heading, group.figures
        chart = bar_chart(
            [(printable(f.label), f.share, count_text(f, below)) for f in figures],
            heading,
            title_id=f"chart-{number}",
            label_width=280,
            bar_width=260,
            value_width=150,
        )
        asked = '<th scope="col">Did not answer</th>' if group.not_answered else ""
        rows = "".join(
            f'<tr><th scope="row">{escape(printable(f.label))}</th>'
            f'<td class="num">{escape(count_text(f, below))}</td>'
            + (f'<td class="num">{_not_answered_text(group, f)}</td>' if group.not_answered else "")
            + "</tr>"
            for f in figures
        )
        note = f"<p>{escape(group.note)}</p>" if group.note else ""
        sections.append(
            f"<section><h2>{escape(heading)}</h2>{note}<figure>{chart}</figure>"
            f'<table><caption>{escape(heading)}</caption><thead><tr><th scope="col">Answer</th>'
            f'<th scope="col">Partnerships</th>{asked}</tr></thead><tbody>{rows}</tbody></table></section>'
        )
    for assessments in picture.assessments:
        worst = "".join(
            f'<tr><th scope="row">{escape(printable(c.title))} <code>{escape(c.id)}</code></th>'
            f'<td class="num">{_not_met_text(c)}</td><td class="num">{_n(c.rated)}</td></tr>'
            for c in assessments.most_often_not_met
        )
        groups_rows = "".join(
            f'<tr><th scope="row">{escape(printable(g.title))}</th>'
            f'<td class="num">{_score_text(g.points, g.max_points, g.score)}</td></tr>'
            for g in (*assessments.questions, *assessments.sections)
        )
        sections.append(
            f"<section><h2>{escape(assessments_title(assessments))}</h2>"
            f"<p>{_n(assessments.assessments)} assessments; "
            f"{_n(assessments.ratings)} ratings, {_n(assessments.triangulated)} "
            f"({_triangulated(assessments)}) triangulated.</p>"
            '<table><caption>Scores across all assessments</caption><thead><tr><th scope="col">Group</th>'
            f'<th scope="col">Score</th></tr></thead><tbody>{groups_rows}</tbody></table>'
            '<table><caption>Criteria most often not met</caption><thead><tr><th scope="col">Criterion</th>'
            '<th scope="col">Not met</th><th scope="col">Rated</th></tr></thead>'
            f"<tbody>{worst}</tbody></table>"
            "</section>"
        )
    note = f"<p><em>{escape(_suppression_note(below))}</em></p>" if below else ""
    style = (
        "body{font:11pt/1.45 system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;"
        "padding:.3rem .45rem;text-align:left}td.num{text-align:right}caption{text-align:left;"
        "font-weight:600}svg text{font:11px system-ui,Arial,sans-serif}@page{size:A4;margin:15mm}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>The national picture of independent scrutiny</title><style>{style}</style></head><body>"
        # The heading and what the figures rest on are the banner; the rest is the main landmark (so a
        # screen reader can jump to it; axe-core's landmark-one-main and region rules).
        "<header><h1>The national picture of independent scrutiny</h1>"
        f"<p>{escape(_returns_text(picture))}</p>{note}</header><main>{''.join(sections)}"
        f"{''.join(f'<p>{escape(role_agreement_text(found))}</p>' for found in picture.role_agreement)}"
        "<section><h2>How these figures were made</h2>"
        f"{''.join(f'<p>{escape(line)}</p>' for line in method_note(picture))}</section>"
        "</main></body></html>\n"
    )


def national_view(picture: NationalPicture) -> object:
    """The picture for the terminal (rich): a table per group with bars, then the assessments view."""
    from rich import box  # noqa: PLC0415 - rich loads only for the terminal
    from rich.console import Group  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    below = picture.suppressed_below
    returns = f"fewer than {below}" if picture.returns is None else str(picture.returns)
    parts: list[object] = [
        Text(f"The national picture: {returns} survey returns", style="bold"),
        Text(
            "Every count is withheld."
            if picture.returns is None
            else "Each figure counts the partnerships that answered that question."
        ),
    ]
    if below:
        parts.append(Text(_suppression_note(below), style="italic"))
    for group in _groups(picture):
        table = Table(
            title=Text(group.heading, style="bold"),
            caption=Text(group.note) if group.note else None,
            caption_justify="left",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column("", ratio=1, overflow="fold")
        table.add_column("Partnerships", justify="right", no_wrap=True)
        if group.not_answered:
            table.add_column("Did not answer", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for figure in group.figures:
            filled = round((figure.share or 0.0) * 10)
            bar = Text("█" * filled, style="blue") + Text("░" * (10 - filled), style="dim")
            if not _drawn(figure):
                bar = Text("")  # no bar for a withheld share or "no answers": an empty one would read as 0%
            cells = [Text(printable(figure.label)), Text(count_text(figure, below))]
            if group.not_answered:
                cells.append(Text(_not_answered_text(group, figure)))
            table.add_row(*cells, bar)
        parts.append(table)
    for assessments in picture.assessments:
        table = Table(
            title=Text(
                f"{assessments_title(assessments)} ({_n(assessments.assessments)})",
                style="bold",
            ),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column("Criteria most often not met", ratio=1, overflow="fold")
        table.add_column("Not met", justify="right", no_wrap=True)
        table.add_column("Rated", justify="right", no_wrap=True)
        for criterion in assessments.most_often_not_met:
            table.add_row(
                Text(f"{printable(criterion.title)}\n{criterion.id}"),
                _not_met_text(criterion),
                _n(criterion.rated),
            )
        parts += [
            table,
            Text(
                f"{_n(assessments.ratings)} ratings: {_n(assessments.triangulated)} "
                f"({_triangulated(assessments)}) triangulated, {_n(assessments.self_reported_only)} on one "
                "kind of evidence or none."
            ),
        ]
    parts += [Text(role_agreement_text(found)) for found in picture.role_agreement]
    parts.append(Text("How these figures were made", style="bold"))
    parts += [Text(line) for line in method_note(picture)]
    return Group(*parts)  # type: ignore[arg-type]
