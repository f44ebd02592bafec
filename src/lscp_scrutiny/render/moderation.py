"""Renderers for a moderation (terminal, Markdown, HTML, CSV, JSON) and for its agenda.

The agenda is written as Markdown, CSV or a workbook. Every format is written from the one
:class:`~lscp_scrutiny.core.moderation.Moderation`, so no two can disagree on a figure. User text is
escaped as in the reports (Markdown with :func:`md`, HTML with :func:`h`, CSV and workbook cells kept
from being read as formulas, the terminal never reading markup). A public moderation
(``public=True``) already has restricted evidence and notes withheld.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lscp_scrutiny._text import printable
from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.core.moderation import (
    CriterionAgreement,
    GroupAgreement,
    Moderation,
    ModerationAgreement,
    RatingEntry,
    agenda,
)
from lscp_scrutiny.io._formulas import csv_text
from lscp_scrutiny.io._spreadsheet import put_cell
from lscp_scrutiny.model import NOT_APPLICABLE
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import EvidenceView
from lscp_scrutiny.render._common import percent
from lscp_scrutiny.render.html import h
from lscp_scrutiny.render.markdown import md

if TYPE_CHECKING:
    from rich.table import Table

_converter = make_converter("json", omit_defaults=False)
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"  # one file: nothing loads from anywhere

METHOD = (
    "Not applicable and not yet assessed are missing data, neither agreement nor disagreement. Exact "
    "agreement is the share of pairs of ratings of the same criterion that are the same level, over the "
    "criteria rated on the scale by two or more assessors. Krippendorff's alpha (ordinal) corrects for "
    "the agreement chance would give: 1 is perfect agreement, 0 no better than chance."
)
PUBLIC_NOTE = (
    "Public version: evidence and notes marked restricted are withheld. Every rating and figure is kept."
)
OWN_WORK = " (own)"
"""Added to a rating given by an assessor to a criterion about their own role or agency."""

Group = GroupAgreement | ModerationAgreement


def moderation_data(moderation: Moderation) -> dict[str, object]:
    """The moderation as plain JSON-ready data."""
    data: dict[str, object] = _converter.unstructure(moderation)
    return data


def render_moderation_json(moderation: Moderation) -> str:
    """The moderation as indented JSON, ``schema_version`` first; ``null`` where a figure is undefined."""
    return json.dumps(moderation_data(moderation), indent=2, ensure_ascii=False) + "\n"


# --- shared wording ---------------------------------------------------------------------------------


def _groups(moderation: Moderation, *, every: bool = True) -> list[tuple[str, str, Group]]:
    """(kind, label, figures) of every group, in reading order: all, questions, themes, sections.

    Unless ``every``, a section holding the same criteria as a question or theme already listed (as each
    of the built-in checklist's does) is left out: its figures are that group's, and are not repeated.
    """
    found = moderation.agreement
    rows: list[tuple[str, str, Group]] = [("overall", "All criteria", found)]
    rows += [("question", g.title, g) for g in found.questions]
    rows += [("theme", f"Theme: {g.title}", g) for g in found.themes]
    shown = [frozenset(c.id for c in found.criteria if c.question == g.id) for g in found.questions] + [
        frozenset(c.id for c in found.criteria if c.theme == g.id) for g in found.themes
    ]
    for g in found.sections:
        if every or frozenset(c.id for c in found.criteria if c.section == g.id) not in shown:
            rows.append(("section", f"Section: {g.title}", g))
    return rows


def alpha_text(group: Group) -> str:
    """``0.732``, or ``not computable: REASON``."""
    if group.krippendorff_alpha_ordinal is None:
        return f"not computable: {group.alpha_note}"
    return f"{group.krippendorff_alpha_ordinal:.3f}"


def percent_text(group: Group) -> str:
    """``82% (116 of 141 pairs)``, or ``not computable`` (no pairs: :func:`alpha_text` says so)."""
    if group.percent_agreement is None:
        return "not computable"
    return f"{percent(group.percent_agreement)} ({group.agreeing_pairs} of {group.pairs} pairs)"


def basis_text(group: Group) -> str:
    """``47 of 48 criteria, 141 ratings``: what the figures rest on."""
    return (
        f"{group.criteria_compared} of {group.criteria_in_group} criteria, {group.ratings_compared} ratings"
    )


def _labels(moderation: Moderation) -> dict[str, str]:
    labels = {level.id: level.label for level in moderation.levels}
    labels.update(FIXED_SHORT_LABELS)
    return labels


def _rating_text(entry: RatingEntry, labels: dict[str, str]) -> str:
    return labels.get(entry.rating, entry.rating) + (OWN_WORK if entry.own_work else "")


def spread_text(criterion: CriterionAgreement) -> str:
    """The spread in steps of the scale, or a dash when fewer than two assessors rated it."""
    return "-" if criterion.spread is None else str(criterion.spread)


def _spread_words(criterion: CriterionAgreement) -> str:
    if criterion.spread is None:
        return "not measured (fewer than two ratings on the scale)"
    return f"{criterion.spread} step{'' if criterion.spread == 1 else 's'} of the scale"


def agree_text(criterion: CriterionAgreement) -> str:
    """``yes``, ``no``, ``applicability disputed`` or a dash (fewer than two ratings on the scale)."""
    if criterion.agree is None:
        return "applicability disputed" if criterion.applicability_disputed else "-"
    text = "yes" if criterion.agree else "no"
    return f"{text}; applicability disputed" if criterion.applicability_disputed else text


def _heading(moderation: Moderation) -> str:
    return f"Moderation: {moderation.partnership}"


def _intro(moderation: Moderation) -> str:
    return (
        f"{moderation.checklist_title} ({moderation.checklist} {moderation.checklist_version}): "
        f"{len(moderation.assessors)} assessments compared, actions judged as of "
        f"{moderation.as_of.isoformat()}."
    )


def _evidence_text(item: EvidenceView) -> str:
    text = f"{words_of(item.kind)}: {item.reference}"
    return f"{text} ({item.description})" if item.description else text


# --- Markdown -----------------------------------------------------------------------------------------


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _assessor_lines_md(moderation: Moderation) -> list[str]:
    lines = [
        "## Assessors",
        "",
        _row("Assessor", "Role", "Organisation", "Assessed on", "Checklist version"),
        _row("---", "---", "---", "---", "---"),
    ]
    lines += [
        _row(
            md(a.key),
            words_of(a.role),
            md(a.organisation or ""),
            a.assessed_on.isoformat(),
            md(a.checklist_version),
        )
        for a in moderation.assessors
    ]
    return [*lines, ""]


def _objectivity_lines_md(moderation: Moderation) -> list[str]:
    lines = ["## Objectivity", ""]
    if not moderation.objectivity:
        return [*lines, "No objectivity flags.", ""]
    return [*lines, *(f"- {md(flag.message)}" for flag in moderation.objectivity), ""]


def render_moderation_markdown(moderation: Moderation) -> str:
    """The moderation as Markdown: assessors, objectivity flags, agreement by group, then every criterion."""
    lines = [f"# {md(_heading(moderation))}", ""]
    if moderation.public:
        lines += [f"*{PUBLIC_NOTE}*", ""]
    lines += [md(_intro(moderation)), ""]
    lines += _assessor_lines_md(moderation)
    lines += _objectivity_lines_md(moderation)
    lines += [
        "## Agreement",
        "",
        md(METHOD),
        "",
        _row("Group", "Rests on", "Exact agreement", "Krippendorff's alpha (ordinal)"),
        _row("---", "---", "---:", "---:"),
    ]
    lines += [
        _row(md(label), basis_text(g), percent_text(g), md(alpha_text(g)))
        for _, label, g in _groups(moderation, every=False)
    ]
    lines.append("")
    if moderation.version_differences:
        lines += [
            "## Checklist versions",
            "",
            "Criteria that differ between the version an assessor answered and the checklist used here.",
            "",
            _row("Criterion", "Assessor", "Their version", "Difference"),
            _row("---", "---", "---", "---"),
        ]
        lines += [
            _row(f"{md(d.title)} (`{md(d.criterion)}`)", md(d.assessor), md(d.checklist_version), d.change)
            for d in moderation.version_differences
        ]
        lines.append("")
    labels = _labels(moderation)
    keys = [a.key for a in moderation.assessors]
    lines += [
        "## Criteria",
        "",
        (
            f"Spread is in steps of the scale; {OWN_WORK.strip()} marks a rating of a criterion about the "
            "assessor's own role or agency."
        ),
        "",
        _row("Criterion", *(md(k) for k in keys), "Spread", "Agree"),
        _row("---", *("---" for _ in keys), "---:", "---"),
    ]
    lines += [
        _row(
            f"{md(c.title)} (`{md(c.id)}`)",
            *(md(_rating_text(e, labels)) for e in c.entries),
            spread_text(c),
            agree_text(c),
        )
        for c in moderation.agreement.criteria
    ]
    return "\n".join([*lines, ""])


def render_agenda_markdown(moderation: Moderation) -> str:
    """The moderation meeting's agenda, as Markdown.

    The criteria to discuss, most disagreement first (see :func:`~lscp_scrutiny.core.moderation.agenda`),
    each assessor's rating with their evidence, notes and justification beside it.
    """
    items = agenda(moderation)
    labels = _labels(moderation)
    roles = {a.key: a.role for a in moderation.assessors}
    lines = [f"# {md('Moderation agenda: ' + moderation.partnership)}", ""]
    if moderation.public:
        lines += [f"*{PUBLIC_NOTE}*", ""]
    lines += [
        md(_intro(moderation)),
        "",
        (
            f"Criteria to discuss: {len(items)} of {len(moderation.agreement.criteria)}, most disagreement "
            "first. The others are left off: the assessors agree on them, or fewer than two rated them."
        ),
        "",
    ]
    for number, c in enumerate(items, start=1):
        lines += [
            f"## {number}. {md(c.title)} (`{md(c.id)}`)",
            "",
            f"Spread: {_spread_words(c)}. Agree: {agree_text(c)}.",
            "",
        ]
        for entry in c.entries:
            role = words_of(roles[entry.assessor])
            lines += [f"### {md(entry.assessor)} ({role}): {md(_rating_text(entry, labels))}", ""]
            details = [f"- Evidence: {md(_evidence_text(item))}" for item in entry.evidence_items]
            if not details and entry.rating not in FIXED_SHORT_LABELS:
                details.append("- No evidence recorded.")
            if entry.justification:
                details.append(f"- Justification: {md(entry.justification)}")
            if entry.notes:
                details.append(f"- Notes: {md(entry.notes)}")
            lines += [*details, ""] if details else []
        lines += ["Agreed rating: ______  Rationale: ______", ""]
    return "\n".join(lines)


# --- CSV ----------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "record",
    "kind",
    "id",
    "title",
    "assessor",
    "role",
    "rating",
    "rating_label",
    "own_work",
    "spread",
    "agree",
    "applicability_disputed",
    "criteria_in_group",
    "criteria_compared",
    "ratings_compared",
    "pairs",
    "agreeing_pairs",
    "percent_agreement",
    "krippendorff_alpha_ordinal",
    "note",
)
"""The moderation CSV's columns: one tidy table, the ``record`` column telling the kinds of row apart
(``assessor``, ``figure``, ``rating``, ``objectivity``, ``version_difference``)."""


def _share(value: float | None) -> float | str:
    """A share or alpha to four decimals, as a number (a negative alpha is a number, not a formula)."""
    return "" if value is None else round(value, 4)


def _yes(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _row_of(**cells: object) -> tuple[object, ...]:
    return tuple(cells.get(name, "") for name in CSV_COLUMNS)


def _figure_rows(moderation: Moderation) -> list[tuple[object, ...]]:
    return [
        _row_of(
            record="figure",
            kind=kind,
            id=getattr(g, "id", "all"),
            title=getattr(g, "title", "All criteria"),
            criteria_in_group=g.criteria_in_group,
            criteria_compared=g.criteria_compared,
            ratings_compared=g.ratings_compared,
            pairs=g.pairs,
            agreeing_pairs=g.agreeing_pairs,
            percent_agreement=_share(g.percent_agreement),
            krippendorff_alpha_ordinal=_share(g.krippendorff_alpha_ordinal),
            note=g.alpha_note or "",
        )
        for kind, _, g in _groups(moderation)
    ]


def render_moderation_csv(moderation: Moderation) -> str:
    """The moderation as one CSV table (see :data:`CSV_COLUMNS`); shares and alpha to four decimals."""
    roles = {a.key: a.role for a in moderation.assessors}
    rows: list[tuple[object, ...]] = [CSV_COLUMNS]
    rows += [
        _row_of(
            record="assessor",
            kind=a.organisation or "",
            id=a.source or "",
            title=a.name,
            assessor=a.key,
            role=a.role,
        )
        for a in moderation.assessors
    ]
    rows += _figure_rows(moderation)
    rows += [
        _row_of(
            record="rating",
            kind=c.section,
            id=c.id,
            title=c.title,
            assessor=entry.assessor,
            role=roles[entry.assessor],
            rating=entry.rating,
            rating_label=entry.rating_label,
            own_work=_yes(entry.own_work),
            spread="" if c.spread is None else c.spread,
            agree=_yes(c.agree),
            applicability_disputed=_yes(c.applicability_disputed),
        )
        for c in moderation.agreement.criteria
        for entry in c.entries
    ]
    rows += [
        _row_of(
            record="objectivity",
            kind=flag.kind.value,
            id=flag.criterion or "",
            assessor=flag.assessor or "",
            role=roles.get(flag.assessor or "", ""),
            note=flag.message,
        )
        for flag in moderation.objectivity
    ]
    rows += [
        _row_of(
            record="version_difference",
            kind=d.change,
            id=d.criterion,
            title=d.title,
            assessor=d.assessor,
            note=d.checklist_version,
        )
        for d in moderation.version_differences
    ]
    return csv_text(rows)


AGENDA_COLUMNS = (
    "order",
    "criterion",
    "title",
    "spread",
    "agree",
    "applicability_disputed",
    "assessor",
    "role",
    "rating",
    "rating_label",
    "own_work",
    "evidence",
    "notes",
    "notes_restricted",
    "justification",
    "agreed_rating",
    "rationale",
)
"""The agenda CSV's columns: a row per criterion and assessor; ``agreed_rating`` and ``rationale`` are
left blank for the meeting to fill in."""


def _agenda_rows(moderation: Moderation) -> list[tuple[object, ...]]:
    """The agenda's rows (see :data:`AGENDA_COLUMNS`), values as they are: each writer keeps text text."""
    roles = {a.key: a.role for a in moderation.assessors}
    return [
        (
            number,
            c.id,
            c.title,
            "" if c.spread is None else c.spread,
            _yes(c.agree),
            _yes(c.applicability_disputed),
            entry.assessor,
            roles[entry.assessor],
            entry.rating,
            entry.rating_label,
            _yes(entry.own_work),
            "\n".join(_evidence_text(item) for item in entry.evidence_items),
            entry.notes or "",
            _yes(entry.notes_restricted),
            entry.justification or "",
            "",
            "",
        )
        for number, c in enumerate(agenda(moderation), start=1)
        for entry in c.entries
    ]


def render_agenda_csv(moderation: Moderation) -> str:
    """The agenda as CSV (see :data:`AGENDA_COLUMNS`), most disagreement first."""
    return csv_text([AGENDA_COLUMNS, *_agenda_rows(moderation)])


# --- the agenda as a workbook ------------------------------------------------------------------------

AGENDA_SHEET = "Agenda"
_ANSWERS = ("agreed_rating", "rationale")


def _rating_list(book: Any, moderation: Moderation) -> str:  # noqa: ANN401 - an openpyxl workbook
    """The ratings the meeting can agree on, in a hidden sheet: the range a drop-down offers."""
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    levels = [*(level.label for level in moderation.levels), FIXED_LABELS[NOT_APPLICABLE]]
    for offset, label in enumerate(levels, start=1):
        put_cell(lists, offset, 1, label)
    return f"'Lists'!$A$1:$A${len(levels)}"


def render_agenda_workbook(moderation: Moderation) -> bytes:
    """The agenda as an ``.xlsx`` workbook to take into the meeting: the rows of :func:`render_agenda_csv`.

    Every cell is stored as text or a number, never a formula; text a spreadsheet could read as one is
    also marked with a quote prefix. The ``agreed_rating`` column offers the scale's levels (and not
    applicable) in a drop-down; it and ``rationale`` are the only cells a person can edit (the sheet is
    protected, without a password: against accidents, not people). Needs openpyxl, loaded only here.
    """
    import io  # noqa: PLC0415

    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl only when a workbook is written
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
    sheet.title = AGENDA_SHEET
    choices = _rating_list(book, moderation)

    header, body = list(AGENDA_COLUMNS), _agenda_rows(moderation)
    answers = {header.index(name) for name in _ANSWERS}
    wrap = Alignment(wrap_text=True, vertical="top")
    answer_fill = PatternFill("solid", fgColor="FFFBE6")
    for column, name in enumerate(header, start=1):
        put_cell(sheet, 1, column, name).font = Font(bold=True)
    for row_number, cells in enumerate(body, start=2):
        for column, value in enumerate(cells, start=1):
            cell = put_cell(sheet, row_number, column, value)
            cell.alignment = wrap
            if column - 1 in answers:
                cell.protection = Protection(locked=False)
                cell.fill = answer_fill
    if body:
        column = header.index("agreed_rating") + 1
        letter = get_column_letter(column)
        check = DataValidation(type="list", formula1=choices, allow_blank=True)
        check.error = "Choose a rating from the list."
        check.showErrorMessage = True
        check.add(f"{letter}2:{letter}{len(body) + 1}")
        sheet.add_data_validation(check)
    widths = {"title": 30, "evidence": 50, "notes": 50, "justification": 30, "rationale": 40}
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(name, 16)
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# --- HTML ---------------------------------------------------------------------------------------------

_STYLE = (
    "body{font:11pt/1.45 system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;"
    "padding:.3rem .45rem;text-align:left;vertical-align:top}td.num{text-align:right}caption{text-align:left;"
    "font-weight:600}.id{font-family:ui-monospace,monospace;font-size:.85em;color:#57606a}"
    ".public{background:#fff8c5;padding:.5rem;border:1px solid #d4a72c}@page{size:A4;margin:15mm}"
)


def _table(
    caption: str, headings: list[str], rows: list[list[str]], *, numeric: frozenset[int] = frozenset()
) -> str:
    """A table of already escaped cells; the first cell of each row is its header."""
    head = "".join(f'<th scope="col">{cell}</th>' for cell in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{cell}</th>'
            if i == 0
            else (f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>")
            for i, cell in enumerate(cells)
        )
        + "</tr>"
        for cells in rows
    )
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_moderation_html(moderation: Moderation) -> str:
    """The moderation as one self-contained HTML page (no script, nothing loaded), every text escaped."""
    labels = _labels(moderation)
    keys = [a.key for a in moderation.assessors]
    parts = [f"<h1>{h(_heading(moderation))}</h1>"]
    if moderation.public:
        parts.append(f'<p class="public">{h(PUBLIC_NOTE)}</p>')
    parts.append(f"<p>{h(_intro(moderation))}</p>")
    # The heading and the introduction are the page's banner; the rest is its main landmark, so that a
    # screen reader can jump past the one to the other (axe-core: landmark-one-main, region).
    parts = [f"<header>{''.join(parts)}</header>", "<main>"]
    parts.append("<h2>Assessors</h2>")
    parts.append(
        _table(
            "Assessors",
            ["Assessor", "Role", "Organisation", "Assessed on", "Checklist version"],
            [
                [
                    h(a.key),
                    h(words_of(a.role)),
                    h(a.organisation or ""),
                    a.assessed_on.isoformat(),
                    h(a.checklist_version),
                ]
                for a in moderation.assessors
            ],
        )
    )
    parts.append("<h2>Objectivity</h2>")
    if moderation.objectivity:
        parts.append("<ul>" + "".join(f"<li>{h(f.message)}</li>" for f in moderation.objectivity) + "</ul>")
    else:
        parts.append("<p>No objectivity flags.</p>")
    parts.append(f"<h2>Agreement</h2><p>{h(METHOD)}</p>")
    parts.append(
        _table(
            "Agreement by group",
            ["Group", "Rests on", "Exact agreement", "Krippendorff&#x27;s alpha (ordinal)"],
            [
                [h(label), h(basis_text(g)), h(percent_text(g)), h(alpha_text(g))]
                for _, label, g in _groups(moderation, every=False)
            ],
            numeric=frozenset({2, 3}),
        )
    )
    if moderation.version_differences:
        parts.append("<h2>Checklist versions</h2>")
        parts.append(
            _table(
                "Criteria that differ between the version an assessor answered and the checklist used here",
                ["Criterion", "Assessor", "Their version", "Difference"],
                [
                    [
                        f'{h(d.title)} <span class="id">{h(d.criterion)}</span>',
                        h(d.assessor),
                        h(d.checklist_version),
                        h(d.change),
                    ]
                    for d in moderation.version_differences
                ],
            )
        )
    parts.append("<h2>Criteria</h2>")
    parts.append(
        _table(
            f"Every criterion: spread in steps of the scale; {h(OWN_WORK.strip())} marks a rating of a "
            "criterion about the assessor&#x27;s own role or agency",
            ["Criterion", *(h(k) for k in keys), "Spread", "Agree"],
            [
                [
                    f'{h(c.title)} <span class="id">{h(c.id)}</span>',
                    *(h(_rating_text(e, labels)) for e in c.entries),
                    spread_text(c),
                    h(agree_text(c)),
                ]
                for c in moderation.agreement.criteria
            ],
            numeric=frozenset({len(keys) + 1}),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        f"<title>{h(_heading(moderation))}</title><style>{_STYLE}</style></head><body>"
        f"{''.join(parts)}</main></body></html>\n"
    )


# --- terminal -----------------------------------------------------------------------------------------


def _titled(title: str) -> Table:
    from rich import box  # noqa: PLC0415 - rich loads only for the terminal
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    return Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=True,
    )


def _letters(count: int) -> list[str]:
    """A, B, ... Z, AA, AB...: the terminal's short column headings for the assessors."""
    letters = []
    for index in range(count):
        name, number = "", index + 1
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        letters.append(name)
    return letters


def _assessors_view(moderation: Moderation) -> Table:
    from rich.text import Text  # noqa: PLC0415

    table = _titled("Assessors")
    table.add_column("", no_wrap=True)
    for heading in ("Assessor", "Role", "Organisation", "Assessed on", "Version"):
        table.add_column(heading, overflow="fold")
    for letter, a in zip(_letters(len(moderation.assessors)), moderation.assessors, strict=True):
        table.add_row(
            letter,
            Text(printable(a.key)),
            words_of(a.role),
            Text(printable(a.organisation or "")),
            a.assessed_on.isoformat(),
            Text(printable(a.checklist_version)),
        )
    return table


def _figures_view(moderation: Moderation) -> list[object]:
    from rich.text import Text  # noqa: PLC0415

    table = _titled("Agreement")
    table.add_column("Group", ratio=1, min_width=16, overflow="fold")
    table.add_column("Criteria", justify="right", no_wrap=True)
    table.add_column("Ratings", justify="right", no_wrap=True)
    table.add_column("Exact agreement", justify="right", no_wrap=True)
    table.add_column("Alpha (ordinal)", justify="right", no_wrap=True)
    reasons = []
    for _, label, g in _groups(moderation, every=False):
        alpha = alpha_text(g)
        if g.krippendorff_alpha_ordinal is None:
            reasons.append(Text(f"{printable(label)}: {alpha}", style="dim"))
            alpha = "not computable"
        table.add_row(
            Text(printable(label)),
            f"{g.criteria_compared} of {g.criteria_in_group}",
            str(g.ratings_compared),
            percent_text(g) if g.percent_agreement is not None else "not computable",
            alpha,
        )
    return [table, *reasons]


def _versions_view(moderation: Moderation) -> Table:
    from rich.text import Text  # noqa: PLC0415

    table = _titled("Checklist versions")
    for heading in ("Criterion", "Assessor", "Their version", "Difference"):
        table.add_column(heading, overflow="fold")
    for d in moderation.version_differences:
        table.add_row(
            Text(printable(d.criterion)),
            Text(printable(d.assessor)),
            Text(printable(d.checklist_version)),
            d.change,
        )
    return table


def _criteria_view(moderation: Moderation) -> Table:
    from rich.text import Text  # noqa: PLC0415

    labels = _labels(moderation)
    table = _titled(
        "Criteria: each assessor's rating under their letter; spread in steps of the scale; "
        "(own): about the assessor's own role or agency"
    )
    table.add_column("Criterion", ratio=1, min_width=24, overflow="fold")
    for letter in _letters(len(moderation.assessors)):
        table.add_column(letter, max_width=10, overflow="fold")
    table.add_column("Spread", justify="right", no_wrap=True)
    table.add_column("Agree", max_width=13, overflow="fold")
    for c in moderation.agreement.criteria:
        table.add_row(
            Text(printable(c.id)),
            *(Text(printable(_rating_text(e, labels))) for e in c.entries),
            spread_text(c),
            agree_text(c),
        )
    return table


def moderation_view(moderation: Moderation) -> object:
    """The moderation for the terminal (rich): assessors, flags, agreement by group, every criterion."""
    from rich.console import Group as Stack  # noqa: PLC0415 - rich loads only for the terminal
    from rich.text import Text  # noqa: PLC0415

    parts: list[object] = [
        Text(printable(_heading(moderation)), style="bold"),
        Text(printable(_intro(moderation))),
    ]
    if moderation.public:
        parts.append(Text(PUBLIC_NOTE, style="italic"))
    parts.append(_assessors_view(moderation))
    if moderation.objectivity:
        parts.append(Text("Objectivity", style="bold"))
        parts += [Text(f"- {printable(f.message)}") for f in moderation.objectivity]
    else:
        parts.append(Text("Objectivity: no flags."))
    parts += [*_figures_view(moderation), Text(METHOD, style="dim")]
    if moderation.version_differences:
        parts.append(_versions_view(moderation))
    parts.append(_criteria_view(moderation))
    return Stack(*parts)  # type: ignore[arg-type]


FORMATS: dict[str, Callable[[Moderation], str | bytes]] = {
    "markdown": render_moderation_markdown,
    "html": render_moderation_html,
    "csv": render_moderation_csv,
    "json": render_moderation_json,
}
"""The moderation's file formats by name (the terminal view is :func:`moderation_view`)."""
AGENDA_FORMATS: dict[str, Callable[[Moderation], str | bytes]] = {
    "markdown": render_agenda_markdown,
    "csv": render_agenda_csv,
    "xlsx": render_agenda_workbook,
}
"""The agenda's formats by name."""
