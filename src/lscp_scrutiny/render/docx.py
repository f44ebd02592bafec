"""The Word report (``.docx``): the executive summary on its first page, then the whole report.

Built with python-docx, imported only when a Word report is written. Everything is in Word's own
styles (Title, Heading 1 and 2, List Bullet, Caption, the built-in "Light Grid Accent 1" table style),
so a section copied into a partnership's yearly report takes on that report's look. Tables repeat
their header row on every page and no row breaks across pages; each table has a numbered caption
(a ``SEQ Table`` field, as Word's Insert Caption makes).

The same input gives the same bytes: the core properties are fixed (created and modified on the day
of the assessment, no user name, revision 1) and every part of the file carries the same time stamp.
User text goes through :func:`lscp_scrutiny._text.printable`, so control characters (which a Word
file cannot hold) are written out; the rest is plain text in runs, never markup.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from attrs import frozen

from lscp_scrutiny._text import printable
from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_SHORT_LABELS, words_of
from lscp_scrutiny.model.summary import Change, Comparison, CriterionResult, Summary, Tally
from lscp_scrutiny.render._common import (
    CHANGE_LABELS,
    agency_text,
    by_owner,
    moderated_results,
    moderated_title,
    moderation_text,
    percent,
    rater,
    rating_labels,
    report_heading,
    report_title,
    score_text,
)
from lscp_scrutiny.render.executive import Bar, Executive, executive

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph

TABLE_STYLE = "Light Grid Accent 1"
"""The built-in table style every table uses."""
BLOCKS = 16
"""Characters the longest bar of the executive summary's chart takes."""
_BLOCK = "\u2588"
_GREY = "57606a"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PUBLIC_NOTE = (
    "Public version: evidence and notes marked restricted are withheld. "
    "Every number is the same as in the full report."
)


def t(text: str) -> str:
    """User text as a Word file can hold it: every control character written out as an escape."""
    return printable(text)


@frozen
class Run:
    """A piece of a table cell's text with a look of its own."""

    text: str
    colour: str | None = None
    """``#rrggbb``."""
    bold: bool = False
    size: int | None = None
    """In half points (Word's unit): 18 is 9 pt."""


Cell = str | Sequence[Run]
"""What a table cell holds: plain text (a line break for each newline), or runs."""


@frozen
class Span:
    """A table row of one cell across every column: a group's heading inside the table."""

    runs: tuple[Run, ...]


_TWIPS_PER_CM = 567
_WIDTH = 17.0
"""The width of the text on the page, in cm (A4 with 2 cm margins)."""
_TABLE_TEXT = 18
"""Table text in half points: 9 pt, a point below the body text."""


def _runs_xml(runs: Sequence[Run], size: int | None = _TABLE_TEXT) -> str:
    parts = []
    for run in runs:
        look = ""
        if run.bold:
            look += "<w:b/>"
        if run.colour:
            look += f'<w:color w:val="{run.colour.lstrip("#").upper()}"/>'
        if run.size or size:
            look += f'<w:sz w:val="{run.size or size}"/>'
        properties = f"<w:rPr>{look}</w:rPr>" if look else ""
        lines = t(run.text).split("\n")
        text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
        parts.append(f"<w:r>{properties}{text}</w:r>")
    return "".join(parts)


def _cell_xml(value: Cell, width: int) -> str:
    runs = [Run(value)] if isinstance(value, str) else value
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{_runs_xml(runs)}</w:p></w:tc>'


class _Writer:
    """The document being written, with the few shapes every part of it uses.

    Paragraphs take their style by id, looked up once (python-docx looks a style's name up among every
    style each time), and tables are written as one piece of WordprocessingML each: a report has
    thousands of cells, and building them cell by cell through python-docx took most of a second.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.tables = 0
        self._style_ids: dict[str, str] = {}
        # Everything goes before the body's closing section properties. python-docx finds them anew
        # for each paragraph by looking through every element of the body (slower as the report grows).
        end = document.element.body.sectPr
        assert end is not None  # noqa: S101 - python-docx's template has them
        self._end = end

    def add(self, element: BaseOxmlElement) -> None:
        """Add a paragraph or table (an element of WordprocessingML) at the end of the document."""
        self._end.addprevious(element)

    def style_id(self, name: str) -> str:
        """The id of the style Word names ``name`` (``Heading 1``), looked up once."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        from docx.oxml import OxmlElement  # noqa: PLC0415
        from docx.text.paragraph import Paragraph  # noqa: PLC0415

        element = OxmlElement("w:p")
        self.add(element)
        paragraph = Paragraph(element, self.document._body)  # noqa: SLF001
        if style is not None:
            paragraph._p.get_or_add_pPr().style = self.style_id(style)  # noqa: SLF001 - by id, see above
        if text:
            paragraph.add_run(t(text))
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def bullet(self, text: str) -> Paragraph:
        return self.paragraph(text, "List Bullet")

    def note(self, text: str) -> None:
        run = self.paragraph().add_run(t(text))
        run.italic = True
        _colour_run(run, _GREY)

    def caption(self, text: str) -> None:
        """``Table N: text`` in the Caption style, N a ``SEQ Table`` field as Word numbers captions."""
        from docx.oxml import parse_xml  # noqa: PLC0415

        self.tables += 1
        paragraph = self.paragraph("Table ", "Caption")
        field = parse_xml(
            f'<w:fldSimple {_W} w:instr=" SEQ Table \\* ARABIC "><w:r><w:t>{self.tables}</w:t>'
            "</w:r></w:fldSimple>"
        )
        paragraph._p.append(field)  # noqa: SLF001 - python-docx has no API for fields
        paragraph.add_run(f": {t(text)}")
        paragraph.paragraph_format.keep_with_next = True

    def table(
        self,
        caption: str,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[Cell] | Span],
        widths: Sequence[float],
        *,
        numbered: bool = True,
        first_column: bool = True,
    ) -> None:
        """A captioned table in :data:`TABLE_STYLE`, widths in cm, rows that never break across pages.

        The header row (none if ``headers`` is ``None``) is repeated on every page the table spans. The
        caption is a numbered Caption paragraph above the table, and the table's own description (its
        alternative text) either way: not ``numbered``, only the latter. The first column is set apart
        (bold, as the row's name) unless not ``first_column``.
        """
        from docx.oxml import parse_xml  # noqa: PLC0415

        if numbered:
            self.caption(caption)
        twips = [round(width * _TWIPS_PER_CM) for width in widths]
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
        first_row = "0" if headers is None else "1"
        column = "1" if first_column else "0"
        # the same flags as one number, which some readers go by
        look = f"{0x0400 | (0x0020 if headers is not None else 0) | (0x0080 if first_column else 0):04X}"
        parts = [
            (
                f"<w:tbl {_W}><w:tblPr>"
                f'<w:tblStyle w:val="{self.style_id(TABLE_STYLE)}"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
                '<w:tblLayout w:type="fixed"/>'
                f'<w:tblLook w:val="{look}" w:firstRow="{first_row}" w:lastRow="0" w:firstColumn="{column}" '
                'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
                f'<w:tblCaption w:val="{escape(t(caption), {chr(34): "&quot;"})}"/>'
                f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            )
        ]
        if headers is not None:
            cells = "".join(_cell_xml(text, width) for text, width in zip(headers, twips, strict=True))
            parts.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
        for values in rows:
            if isinstance(values, Span):
                cells = (
                    f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips)}" w:type="dxa"/>'
                    f'<w:gridSpan w:val="{len(twips)}"/></w:tcPr>'
                    f"<w:p><w:pPr><w:keepNext/></w:pPr>{_runs_xml(values.runs)}</w:p></w:tc>"
                )
            else:
                cells = "".join(_cell_xml(value, width) for value, width in zip(values, twips, strict=True))
            parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        parts.append("</w:tbl>")
        self.add(parse_xml("".join(parts)))


def _colour_run(run: object, colour: str) -> None:
    from docx.shared import RGBColor  # noqa: PLC0415

    run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())  # type: ignore[attr-defined]


def page_setup(document: Document) -> None:
    """A4 with 2 cm margins, 10 pt body text, the headings' spacing, British English."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Cm, Pt  # noqa: PLC0415

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    # Spacing by the document's defaults, not the Normal style, so that the table style's (none) wins in
    # tables: a paragraph style's spacing would win over it and space out every row.
    for spacing in styles.element.iter(qn("w:spacing")):
        if spacing.getparent().getparent().tag == qn("w:pPrDefault"):
            spacing.set(qn("w:after"), "80")
            spacing.set(qn("w:line"), "252")
    styles["Title"].font.size = Pt(20)
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 1"].paragraph_format.space_after = Pt(4)
    styles["Heading 2"].paragraph_format.space_before = Pt(8)
    styles["Heading 2"].paragraph_format.space_after = Pt(2)
    styles["Caption"].paragraph_format.space_before = Pt(4)
    styles["Caption"].paragraph_format.space_after = Pt(2)
    for lang in styles.element.iter(qn("w:lang")):  # British English for the spelling checker
        lang.set(qn("w:val"), "en-GB")


def _setup(document: Document, summary: Summary) -> None:
    """A4 with 2 cm margins, 10 pt body text, and fixed core properties (no user name, no clock)."""
    page_setup(document)
    day = summary.assessed_on
    when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    core = document.core_properties
    core.title = t(report_title(summary))
    core.subject = t(summary.checklist.title)
    core.author = ""
    core.last_modified_by = ""
    core.comments = t(summary.generator)
    core.keywords = "independent scrutiny; safeguarding children partnership"
    core.category = "Public" if summary.public else ""
    core.language = "en-GB"
    core.created = core.modified = when
    core.last_printed = when
    core.revision = 1


_APP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>lscp-scrutiny</Application><DocSecurity>0</DocSecurity></Properties>"
)


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _own_package(document: Document) -> None:
    """No trace of python-docx's template: its thumbnail (a picture of another document), app.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415

    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            rels.pop(rel_id)
        elif rel.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP.encode()  # noqa: SLF001
    # Word 2010's copy of the styles (438 kB), which no reader needs: Word rebuilds it when it saves.
    document_rels = document.part.rels
    for rel_id, rel in list(document_rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            document_rels.pop(rel_id)


def _fixed_zip(data: bytes, when: tuple[int, int, int]) -> bytes:
    """The package again, every part stamped with ``when`` (zip files record the time of writing)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(*when, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- the executive summary -------------------------------------------------------------------------------


def _chart(bar: Bar, most: int) -> list[Run]:
    """A bar of block characters, one run per level in its scale's colour (the counts are beside it)."""
    return [
        Run(
            _BLOCK * (max(round(segment.count * BLOCKS / most), 1) if most else 0),
            colour=segment.colour,
            size=18,
        )
        for segment in bar.drawn
    ]


def _executive_ratings(writer: _Writer, page: Executive) -> None:
    segments = page.overall.segments
    headers = ["Question", "Chart", *(s.short for s in segments), "Score"]
    levels = len(segments) - 2
    level = min(1.7, (_WIDTH - 7.1 - 2.5) / levels)  # a scale of many levels: narrower columns
    widths = [2.0, _WIDTH - 7.1 - level * levels, *(level for _ in range(levels)), 1.2, 1.5, 2.4]
    most = max((bar.criteria for bar in page.bars), default=0)
    rows: list[list[Cell]] = [
        [bar.label, _chart(bar, most), *(str(s.count) for s in bar.segments), bar.score] for bar in page.bars
    ]
    overall = page.overall
    rows.append([overall.label, "", *(str(s.count) for s in overall.segments), overall.score])
    writer.table("Ratings by WHO, HOW and WHAT: criteria at each level", headers, rows, widths)


def _list(writer: _Writer, heading: str, items: list[list[Run]], empty: str, more: int) -> None:
    """A Heading 2, a bullet per item (in table text's size: the page is one page), and what is left off."""
    from docx.oxml import parse_xml  # noqa: PLC0415

    writer.heading(heading, 2)
    if not items:
        writer.paragraph(empty)
    bullet = writer.style_id("List Bullet")
    for runs in items:  # a paragraph of runs in one piece, as the tables are
        writer.add(parse_xml(f'<w:p {_W}><w:pPr><w:pStyle w:val="{bullet}"/></w:pPr>{_runs_xml(runs)}</w:p>'))
    if more:
        writer.note(f"and {more} more")


def _executive_lists(writer: _Writer, page: Executive) -> None:
    colours = {s.level: s.colour for s in page.overall.segments if s.level}
    strengths = [
        [
            Run(item.title),
            *([Run(f" ({', '.join(item.evidence_kinds)})", colour=_GREY)] if item.evidence_kinds else []),
        ]
        for item in page.strengths
    ]
    areas = []
    for area in page.areas:
        actions = f"{area.open_actions} open action{'s' if area.open_actions != 1 else ''}"
        if area.overdue_actions:
            actions += f", {area.overdue_actions} overdue"
        areas.append(
            [
                Run(area.rating, colour=colours.get(area.level, _GREY), bold=True),
                Run(f": {area.title} "),
                Run(f"({actions})", colour=_GREY),
            ]
        )
    _list(
        writer,
        f"Strengths ({page.strengths_total})",
        strengths,
        "None rated at the top of the scale.",
        page.more_strengths,
    )
    _list(
        writer,
        f"Areas for development ({page.areas_total})",
        areas,
        "None rated below the top of the scale.",
        page.more_areas,
    )


def _executive_actions(writer: _Writer, page: Executive) -> None:
    writer.heading("Actions by owner", 2)
    if not page.owners:
        writer.paragraph("No open actions.")
        return
    rows = [[row.owner, str(row.open), str(row.overdue)] for row in page.owners]
    rows.append(["All owners", str(page.open_actions), str(page.overdue_actions)])
    writer.table(
        f"Open and overdue actions by owner, as of {page.as_of}",
        ["Owner", "Open", "Overdue"],
        rows,
        [11, 3, 3],
    )


def _named(titles: tuple[str, ...], more: int) -> str:
    return "; ".join(titles) + (f"; and {more} more" if more else "")


def _executive_changes(writer: _Writer, page: Executive) -> None:
    changes = page.changes
    if changes is None:
        return
    writer.heading(f"Changes since {changes.since}", 2)
    counts = ", ".join(f"{label.lower()} {count}" for label, count in changes.counts)
    writer.paragraph(
        f"Score {changes.score_before} then, {changes.score_after} now. "
        f"Criteria: {counts or 'none compared'}. "
        f"Actions: {changes.actions_opened} opened, {changes.actions_closed} closed."
    )
    if changes.worsened:
        writer.paragraph(f"Worsened: {_named(changes.worsened, changes.more_worsened)}.")


def _executive(writer: _Writer, summary: Summary) -> None:
    page = executive(summary)
    writer.heading(report_heading(summary), 0)  # one line: the partnership is the first fact
    if page.public:
        writer.note(PUBLIC_NOTE)
    partnership = page.partnership + (f" ({page.area})" if page.area else "")
    facts = [
        ["Partnership", partnership],
        *([["Agency assessed", agency]] if (agency := agency_text(summary)) else []),
        ["Checklist", page.checklist],
        ["Assessor", page.assessor],
        ["Assessed on", page.assessed_on],
    ]
    writer.table("The assessment", None, facts, [3.5, 13.5], numbered=False)
    writer.heading("Executive summary", 1)
    paragraph = writer.paragraph("Score ")
    paragraph.add_run(t(page.headline)).bold = True
    paragraph.add_run(
        f": {page.rated} of {page.criteria} criteria rated, {page.not_applicable} not applicable, "
        f"{page.not_assessed} not yet assessed."
    )
    _executive_ratings(writer, page)
    _executive_lists(writer, page)
    _executive_actions(writer, page)
    _executive_changes(writer, page)


# --- the whole report ------------------------------------------------------------------------------------


def _with_id(text: str, identifier: str) -> list[Run]:
    """A cell's text with a criterion's id on a line of its own below it, smaller and grey."""
    return [Run(text), Run(f"\n{identifier}", colour=_GREY, size=16)]


def _tally_row(name: str, tally: Tally, level_ids: list[str]) -> list[str]:
    return [
        name,
        *(str(tally.counts.get(level_id, 0)) for level_id in level_ids),
        str(tally.not_applicable),
        str(tally.not_assessed),
        score_text(tally),
        str(tally.open_actions),
        str(tally.flagged),
    ]


def _facts(writer: _Writer, summary: Summary) -> None:
    overall = summary.overall
    done = overall.criteria - overall.not_assessed
    facts = [
        ["Completion", f"{percent(overall.completion)} ({done} of {overall.criteria} criteria)"],
        ["Score", score_text(overall)],
        [
            "Actions",
            (
                f"{summary.open_actions} open, {summary.overdue_actions} overdue "
                f"(as of {summary.as_of.isoformat()})"
            ),
        ],
        ["Scoring method", f"{summary.scoring.name} {summary.scoring.version}"],
    ]
    writer.table("Completion, score and actions", None, facts, [3.5, 13.5])


def _rollup(writer: _Writer, summary: Summary) -> None:
    level_ids = [level.id for level in summary.levels]
    headers = [
        "Group",
        *(level.label for level in summary.levels),
        FIXED_SHORT_LABELS[NOT_APPLICABLE],
        FIXED_SHORT_LABELS[NOT_ASSESSED],
        "Score",
        "Open actions",
        "Flagged",
    ]
    rows = []
    for group in summary.questions:
        rows.append(_tally_row(group.id.upper(), group.tally, level_ids))
        if group.id == "what":
            rows.extend(
                _tally_row(f"  {words_of(theme.id)}", theme.tally, level_ids) for theme in summary.themes
            )
    rows.append(_tally_row("Overall", summary.overall, level_ids))
    writer.heading("Roll-up", 1)
    levels = len(summary.levels)
    level = min(1.5, (_WIDTH - 12.2) / levels)
    widths = [_WIDTH - 8.7 - level * levels, *(level for _ in range(levels)), 1.2, 1.5, 2.4, 1.8, 1.8]
    writer.table("Criteria by rating, with scores", headers, rows, widths)


def _comparison(writer: _Writer, summary: Summary, comparison: Comparison) -> None:
    labels = rating_labels(summary)
    writer.heading(f"Changes since {comparison.earlier_assessed_on.isoformat()}", 1)
    writer.paragraph(f"Score {percent(comparison.score_before)} then, {percent(comparison.score_after)} now.")
    counts = [[CHANGE_LABELS[Change(kind)], str(count)] for kind, count in comparison.counts.items() if count]
    writer.table("Criteria by kind of change", ["Change", "Criteria"], counts, [12, 5])
    moved = [
        [
            f"{item.title} ({item.id})",
            labels.get(item.before, item.before) if item.before else "-",
            labels.get(item.after, item.after) if item.after else "-",
            CHANGE_LABELS[item.change],
        ]
        for item in comparison.criteria
        if item.change is not Change.UNCHANGED
    ]
    if moved:
        writer.table(
            "Criteria that changed", ["Criterion", "Before", "Now", "Change"], moved, [8, 2.8, 2.8, 3.4]
        )
    for title, changes in (
        ("Actions opened", comparison.actions_opened),
        ("Actions closed", comparison.actions_closed),
    ):
        writer.heading(f"{title} ({len(changes)})", 2)
        if not changes:
            writer.paragraph("None.")
        for a in changes:
            writer.bullet(f"{a.description} ({a.criterion}; {a.owner or 'no owner'}; {words_of(a.status)})")


def _sections(writer: _Writer, summary: Summary) -> None:
    writer.heading("Criteria by section", 1)
    for section in summary.sections:
        writer.heading(section.title, 2)
        writer.paragraph(f"Score: {score_text(section.tally)}.")
        rows: list[list[Cell]] = [
            [
                _with_id(result.title, result.id),
                result.rating_label,
                str(result.evidence),
                str(result.open_actions),
                ", ".join(map(words_of, result.flags)),
            ]
            for result in section.criteria
        ]
        writer.table(
            f"{section.title}: each criterion",
            ["Criterion", "Rating", "Evidence", "Open actions", "Flags"],
            rows,
            [6.6, 2.4, 2.0, 2.0, 4.0],
        )


def _flags(writer: _Writer, summary: Summary) -> None:
    writer.heading(f"Flags ({len(summary.flags)})", 1)
    if not summary.flags:
        writer.paragraph("No flags.")
    for flag in summary.flags:
        writer.bullet(flag.message)


def _results(summary: Summary) -> list[CriterionResult]:
    return [result for section in summary.sections for result in section.criteria]


def _replies(writer: _Writer, summary: Summary) -> None:
    replied = [result for result in _results(summary) if result.reply is not None]
    writer.heading(f"Partners' replies ({len(replied)})", 1)
    if not replied:
        writer.paragraph("No replies.")
    for result in replied:
        reply = result.reply
        assert reply is not None  # noqa: S101 - chosen above
        when = f" on {reply.replied_on.isoformat()}" if reply.replied_on else ""
        paragraph = writer.bullet("")
        paragraph.add_run(t(f"{result.title} ({result.id}), rated {result.rating_label}")).bold = True
        paragraph.add_run(t(f": reply from {reply.by}{when} (the rating stands): {reply.text}"))


def _moderated(writer: _Writer, summary: Summary) -> None:
    """The moderated ratings, where there are any: the assessor's own beside the one agreed."""
    moderated, pending = moderated_results(summary)
    if not moderated and not pending:
        return
    writer.heading(moderated_title(len(moderated), pending), 1)
    if not moderated:
        writer.paragraph("No rating agreed yet.")
    for result in moderated:
        paragraph = writer.bullet("")
        paragraph.add_run(t(f"{result.title} ({result.id})")).bold = True
        paragraph.add_run(t(f": {moderation_text(result, rater(summary))}"))


def _action_plan(writer: _Writer, summary: Summary) -> None:
    writer.heading("Action plan", 1)
    if not summary.actions:
        writer.paragraph("No open actions.")
    for owner, actions in by_owner(summary.actions):
        writer.heading(owner, 2)
        rows: list[list[Cell]] = [
            [
                _with_id(action.description, action.criterion),
                (action.due.isoformat() if action.due else "none") + (" overdue" if action.overdue else ""),
                words_of(action.status),
            ]
            for action in actions
        ]
        writer.table(f"Actions owned by {owner}", ["Action", "Due", "Status"], rows, [11.0, 3.2, 2.8])


def _evidence(writer: _Writer, summary: Summary) -> None:
    rows: list[list[Cell] | Span] = []
    count = 0
    for result in _results(summary):
        if not result.evidence_items:
            continue
        rows.append(Span((Run(result.title, bold=True), Run(f"  {result.id}", colour=_GREY, size=16))))
        for item in result.evidence_items:
            text = item.reference + (f": {item.description}" if item.description else "")
            when = item.collected_on.isoformat() if item.collected_on else ""
            rows.append([text, words_of(item.kind), when, "yes" if item.restricted else ""])
            count += 1
    writer.heading(f"Evidence ({count})", 1)
    if not rows:
        writer.paragraph("No evidence recorded.")
        return
    writer.table(
        "Every piece of evidence, by criterion",
        ["Reference", "Kind", "Collected", "Restricted"],
        rows,
        [8.8, 3.2, 2.5, 2.5],
        first_column=False,
    )


def _notes(writer: _Writer, summary: Summary) -> None:
    noted = [result for result in _results(summary) if result.notes or result.justification]
    if not noted:
        return
    writer.heading("Notes", 1)
    for result in noted:
        if result.justification:
            writer.bullet(f"{result.title} ({result.id}): why not applicable: {result.justification}")
        if result.notes:
            restricted = " (restricted)" if result.notes_restricted else ""
            writer.bullet(f"{result.title} ({result.id}): notes{restricted}: {result.notes}")


def render_docx(summary: Summary) -> bytes:
    """The whole report as a Word document: the executive summary first, on a page of its own."""
    import docx  # noqa: PLC0415 - python-docx (and lxml) load only when a Word report is written

    document = docx.Document()
    _setup(document, summary)
    _own_package(document)
    writer = _Writer(document)
    _executive(writer, summary)
    # The rest starts a page: its first heading breaks the page (a page break paragraph of its own would
    # make an empty page whenever the summary fills the first one to the end).
    writer.heading("About this assessment", 1).paragraph_format.page_break_before = True
    if summary.public:
        writer.note(PUBLIC_NOTE)
    _facts(writer, summary)
    _rollup(writer, summary)
    if summary.comparison is not None:
        _comparison(writer, summary, summary.comparison)
    _sections(writer, summary)
    _flags(writer, summary)
    _moderated(writer, summary)
    _replies(writer, summary)
    _action_plan(writer, summary)
    _evidence(writer, summary)
    _notes(writer, summary)
    contributors = ", ".join(str(c) for c in summary.checklist.contributors) or "unknown"
    writer.note(
        f"{summary.generator}; scores by {summary.scoring.name} {summary.scoring.version}. "
        f"Contributors to the checklist: {contributors}."
    )
    out = io.BytesIO()
    document.save(out)
    day = summary.assessed_on
    return _fixed_zip(out.getvalue(), (max(day.year, 1980), day.month, day.day))


# The shapes other Word documents share (the roll-up of agency returns is written with them).
Writer = _Writer
fixed_zip = _fixed_zip
own_package = _own_package
