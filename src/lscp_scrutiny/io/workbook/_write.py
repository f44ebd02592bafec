"""Writing an assessment as a workbook people fill in: protected structure, editable answers, drop-downs.

Every piece of text goes in as text: every cell is stored as a string (never a formula), and one that a
spreadsheet could read as a formula (any of its lines starting with ``=``, say; the rule is
:func:`lscp_scrutiny.io._formulas.could_be_formula`, the same for every CSV and workbook writer) is also
marked with a quote prefix, so a spreadsheet shows it as typed and keeps it text when a person edits it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from lscp_scrutiny.codec.converters import json_converter
from lscp_scrutiny.errors import InvalidInputError, PathPart, Problem
from lscp_scrutiny.io._formulas import could_be_formula
from lscp_scrutiny.io._spreadsheet import column_letter
from lscp_scrutiny.io.workbook import _layout as L  # noqa: N812 - the layout reads as L.CRITERIA, L.Kind.TEXT
from lscp_scrutiny.io.workbook._instructions import instructions
from lscp_scrutiny.io.workbook._summary import SUMMARY, summary_sheet
from lscp_scrutiny.model import (
    NOT_ASSESSED,
    Assessment,
    Checklist,
    Criterion,
    RatingScale,
    Response,
    ScrutinyArrangement,
)
from lscp_scrutiny.model.labels import label_of, scale_choices

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a workbook cannot hold at all: what XML 1.0, which it is made of, forbids (control
characters, U+FFFE and U+FFFF, and lone surrogates)."""

_EARLIEST_DATE = date(1900, 3, 1)
"""Spreadsheets count days from 1900 (and count 29 February 1900, which never was): an earlier date is
written as its text, YYYY-MM-DD, which reads back as the same date."""


_LINE_HEIGHT = 15
"""Points a line of 11-point text takes in a row."""
_TALLEST_ROW = 409
"""The tallest a row can be, in points (Excel and LibreOffice)."""
_CHARACTERS_PER_WIDTH = 1.15
"""Characters of running text a unit of column width holds, allowing for the wider ones."""


class _Writer:
    def __init__(self, source: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.source = source
        self.problems: list[Problem] = []
        self.book: Workbook = Workbook()
        self.unlocked = Protection(locked=False)
        self.bold = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDE4EE")
        self.section_fill = PatternFill("solid", fgColor="EEF1F5")
        self.answer_fill = PatternFill("solid", fgColor="FFFBE6")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.lists: dict[str, str] = {}  # list name -> range on the hidden sheet
        self.scales: dict[str, dict[str, str]] = {}  # scale id -> label -> rating, for the reader
        self.hidden = self.book.create_sheet(L.HIDDEN)
        self.ids: list[str] = []  # every criterion with a row, for the criterion-ID drop-downs

    # --- cells ----------------------------------------------------------------------------------

    def check_text(self, text: str, path: tuple[PathPart, ...]) -> bool:
        bad = _ILLEGAL.search(text)
        # Spreadsheets count a cell's length in UTF-16 units: an emoji counts twice.
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        if bad is not None:
            kind = "control character" if ord(bad.group()) < 0x20 else "character"  # noqa: PLR2004
            message = f"holds the {kind} U+{ord(bad.group()):04X}, which a workbook cannot hold"
        elif units > L.MAX_CELL_TEXT:
            message = (
                f"is {units:,} characters long (as spreadsheets count them); a spreadsheet cell holds at "
                f"most {L.MAX_CELL_TEXT:,}"
            )
        else:
            return True
        self.problems.append(Problem(source=self.source, path=path, message=message))
        return False

    def put(
        self, sheet: Worksheet, row: int, column: int, value: object, path: tuple[PathPart, ...] = ()
    ) -> None:
        """Write one value: text always as text, dates as dates shown YYYY-MM-DD."""
        cell = sheet.cell(row=row, column=column)
        if value is None:
            return
        if isinstance(value, str):
            if not self.check_text(value, path):
                return
            cell.value = value
            cell.data_type = "s"  # never a formula, never an error code such as #N/A
            if could_be_formula(value):
                cell.quotePrefix = True
        elif isinstance(value, date) and value < _EARLIEST_DATE:
            cell.value = value.isoformat()
            cell.data_type = "s"
        elif isinstance(value, date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.value = value  # type: ignore[assignment]  # numbers only

    def list_range(self, name: str, values: Sequence[str]) -> str:
        """A named list of drop-down values, kept in a column of the hidden sheet."""
        if name not in self.lists:
            column = 4 + len(self.lists)
            letter = column_letter(column - 1)
            self.put(self.hidden, 1, column, name)
            for offset, value in enumerate(values, start=2):
                self.put(self.hidden, offset, column, value)
            last = max(2, len(values) + 1)
            self.lists[name] = f"'{L.HIDDEN}'!${letter}$2:${letter}${last}"
        return self.lists[name]

    def validation(
        self, sheet: Worksheet, kind: str, cells: str, *, source: str = "", what: str = ""
    ) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if kind == "list":
            check = DataValidation(type="list", formula1=source, allow_blank=True)
            check.error = f"Choose {what} from the list."
        elif kind == "date":
            check = DataValidation(
                type="date", operator="between", formula1=str(L.FIRST_DATE), formula2=str(L.LAST_DATE)
            )
            check.error = "Type a date, such as 2026-10-31."
        else:  # a count
            check = DataValidation(type="whole", operator="between", formula1="0", formula2="10000")
            check.error = "Type a whole number (0 or more)."
        check.allow_blank = True
        check.showErrorMessage = True
        check.errorTitle = "Not accepted"
        for cell in cells.split():
            check.add(cell)
        sheet.add_data_validation(check)

    def header(self, sheet: Worksheet, columns: Sequence[L.Column]) -> None:
        from openpyxl.comments import Comment

        for index, column in enumerate(columns, start=1):
            self.put(sheet, 1, index, column.header)
            cell = sheet.cell(row=1, column=index)
            cell.font, cell.fill, cell.alignment = self.bold, self.header_fill, self.wrap
            dimension = sheet.column_dimensions[column_letter(index - 1)]
            dimension.width = column.width
            if column.kind is L.Kind.MACHINE:
                dimension.hidden = True
            elif column.help:
                cell.comment = Comment(column.help, "lscp-scrutiny")
        sheet.freeze_panes = "B2"

    def protect(self, sheet: Worksheet, *, rows_can_change: bool = False) -> None:
        protection = sheet.protection
        protection.sheet = True
        protection.formatColumns = False  # people may widen columns and rows to read
        protection.formatRows = False
        if rows_can_change:
            protection.insertRows = False
            protection.deleteRows = False
            protection.sort = False
            protection.autoFilter = False

    def style_answers(
        self,
        sheet: Worksheet,
        columns: Sequence[L.Column],
        first: int,
        last: int,
        skip: set[int] | None = None,
    ) -> None:
        """Unlock and shade the cells people fill in, from row ``first`` to ``last`` (but ``skip``)."""
        locked = {L.Kind.INFO, L.Kind.MACHINE} | ({L.Kind.ID} if sheet.title == L.CRITERIA else set())
        rows = [row for row in range(first, last + 1) if row not in (skip or set())]
        for index, column in enumerate(columns, start=1):
            if column.kind in locked:
                continue
            for row in rows:
                cell = sheet.cell(row=row, column=index)
                cell.protection, cell.fill = self.unlocked, self.answer_fill
                if column.kind is L.Kind.DATE:
                    cell.number_format = "yyyy-mm-dd"
                elif column.kind is L.Kind.TEXT:
                    cell.alignment = self.wrap
                    cell.number_format = "@"  # what people type stays text

    def print_setup(self, sheet: Worksheet, *, header_row: bool) -> None:
        """A4 landscape, fitted to the page's width, the header row on every page, page numbers below."""
        from openpyxl.worksheet.page import PageMargins
        from openpyxl.worksheet.properties import PageSetupProperties

        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as it takes
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.3)
        if header_row:
            sheet.print_title_rows = "1:1"
        footer = sheet.oddFooter
        if footer is not None:
            footer.center.text = "&A: page &P of &N"
            footer.center.size = 9

    def fit_rows(self, sheet: Worksheet) -> None:
        """Rows tall enough to show their text, top-aligned, none of it cut at a cell's edge.

        A spreadsheet does not always work a row's height out from wrapped text (Excel keeps the height
        a file gives), and text longer than its column is cut where the next cell holds something: so
        such text wraps, and each row is given the height its longest cell needs.
        """
        from openpyxl.styles import Alignment

        merged = {cell for cells in sheet.merged_cells.ranges for cell in cells.cells}
        for number, row in enumerate(sheet.iter_rows(), start=1):
            lines = 1
            texts = []
            for column, cell in enumerate(row, start=1):
                value = cell.value
                if not isinstance(value, str) or (number, column) in merged:
                    continue
                dimension = sheet.column_dimensions[column_letter(column - 1)]
                if dimension.hidden:
                    continue
                font = cell.font  # larger or bold text takes more room a character
                scale = 11 / float(font.sz or 11) * (0.9 if font.b else 1.0)
                chars = max(int((dimension.width or 8.43) * _CHARACTERS_PER_WIDTH * scale), 1)
                parts = value.split("\n")
                if cell.alignment.wrap_text or max(map(len, parts)) > chars:
                    lines = max(lines, sum(-(-max(len(part), 1) // chars) for part in parts))
                    texts.append((cell, True))
                else:
                    texts.append((cell, False))
            if lines > 1:
                sheet.row_dimensions[number].height = min(_LINE_HEIGHT * lines + 3, _TALLEST_ROW)
                for cell, wraps in texts:
                    was = cell.alignment
                    cell.alignment = Alignment(
                        horizontal=was.horizontal,
                        indent=was.indent,
                        vertical="top",
                        wrap_text=was.wrap_text or wraps,
                    )

    # --- sheets ---------------------------------------------------------------------------------

    def details(self, assessment: Assessment) -> None:
        sheet = self.hidden
        provenance = (
            None if assessment.provenance is None else json_converter.unstructure(assessment.provenance)
        )
        ref = assessment.checklist
        values = {
            "format": L.WORKBOOK_FORMAT,
            "workbook_version": str(L.WORKBOOK_VERSION),
            "checklist_id": ref.id,
            "checklist_version": ref.version,
            "content_hash": ref.content_hash,
            "provenance": None if provenance is None else json.dumps(provenance, ensure_ascii=False),
            "scales": json.dumps(self.scales, ensure_ascii=False),
        }
        for row, key in enumerate(L.HIDDEN_KEYS, start=1):
            self.put(sheet, row, 1, key)
            self.put(sheet, row, 2, values[key], ("checklist",) if key.startswith("checklist") else ())
        sheet.sheet_state = "hidden"

    def partnership(self, assessment: Assessment) -> None:
        from openpyxl.styles import Alignment

        sheet = self.book.create_sheet(L.PARTNERSHIP)
        partnership, assessor, scrutiny = (
            assessment.partnership,
            assessment.assessor,
            assessment.partnership.scrutiny,
        )
        self.put(sheet, 1, 1, "About the partnership and this assessment")
        sheet.cell(row=1, column=1).font = self.bold
        values: dict[str, Any] = {
            "checklist": f"{assessment.checklist.id} {assessment.checklist.version}",
            "name": partnership.name,
            "area": partnership.area,
            "local_authorities": list(partnership.local_authorities),
            "agency": None if assessment.agency is None else assessment.agency.name,
            "agency_sector": None
            if assessment.agency is None or assessment.agency.sector is None
            else label_of(assessment.agency.sector),
            "assessor": assessor.name,
            "role": label_of(assessor.role.value),
            "organisation": assessor.organisation,
            "assessed_on": assessment.assessed_on,
            "notes": assessment.notes,
        }
        for key in L.SCRUTINY_KEYS:
            values[key] = getattr(scrutiny, key)
        asked, guide = _asked(assessment)
        self.put(sheet, 2, 1, guide)
        for row, spec in enumerate(asked, start=4):
            path: tuple[PathPart, ...] = L.field_path(spec.key)
            self.put(sheet, row, 1, spec.label)
            sheet.cell(row=row, column=1).font = self.bold
            self.put(sheet, row, 3, spec.help)
            value = values[spec.key]
            target = sheet.cell(row=row, column=2)
            target.alignment = Alignment(wrap_text=True, vertical="top")
            if spec.kind != "info":
                target.protection, target.fill = self.unlocked, self.answer_fill
            place = f"B{row}"
            if spec.kind == "yes_no":
                value = None if value is None else (L.YES if value else L.NO)
                self.validation(sheet, "list", place, source=f'"{L.YES},{L.NO}"', what="Yes or No")
            elif spec.kind == "count":
                self.validation(sheet, "count", place)
            elif spec.kind == "date":
                target.number_format = "yyyy-mm-dd"
                self.validation(sheet, "date", place)
            elif spec.kind == "choice" and spec.choices:
                self.validation(
                    sheet, "list", place, source=self.list_range(spec.key, list(spec.choices)), what="one"
                )
            elif spec.kind in ("text_lines", "choice_lines"):
                value = self.lines(value, spec, path)
            elif spec.kind == "text":
                target.number_format = "@"
            self.put(sheet, row, 2, value, path)
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 60
        sheet.column_dimensions["C"].width = 60
        self.protect(sheet)

    def lines(self, value: Sequence[str] | None, spec: L.Field, path: tuple[PathPart, ...]) -> str | None:
        if value is None:
            return None
        if not value:
            return L.NONE if spec.optional_list else None
        labels = {v: k for k, v in (spec.choices or {}).items()}
        for index, item in enumerate(value):
            if item == L.NONE:
                message = f"is {L.NONE}, which the workbook reads as an empty list"
            elif len(item.splitlines()) != 1 or item.strip() != item:
                message = (
                    "holds a line break or spaces at an end, which a one-per-line workbook cell cannot keep"
                )
            else:
                continue
            self.problems.append(Problem(source=self.source, path=(*path, index), message=message))
        return "\n".join(labels.get(item, item) for item in value)

    def table(
        self,
        title: str,
        columns: Sequence[L.Column],
        rows: Sequence[tuple[tuple[PathPart, ...], Sequence[object]]],
        spare: int,
    ) -> None:
        """A sheet of one row per item, with ``spare`` editable rows after them.

        Every column gets the drop-down or date check its kind calls for. Rows hold model values: a
        choice column's value is written as its label, a yes/no one as Yes or blank.
        """
        sheet: Worksheet = self.book.create_sheet(title)
        self.header(sheet, columns)
        for number, (path, values) in enumerate(rows, start=2):
            for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
                self.put(sheet, number, index, _shown(column, value), (*path, column.key))
        end = len(rows) + 1 + spare
        self.style_answers(sheet, columns, 2, end)
        for index, column in enumerate(columns):
            cells = f"{column_letter(index)}2:{column_letter(index)}{end}"
            if column.kind is L.Kind.ID:
                self.validation(
                    sheet, "list", cells, source=self.list_range("criteria", self.ids), what="a criterion ID"
                )
            elif column.choices is not None:
                source = self.list_range(f"{title} {column.key}", list(column.choices))
                self.validation(sheet, "list", cells, source=source, what=f"a {column.header.lower()}")
            elif column.kind is L.Kind.DATE:
                self.validation(sheet, "date", cells)
            elif column.kind is L.Kind.YES_NO:
                self.validation(sheet, "list", cells, source=f'"{L.YES},{L.NO}"', what="Yes or No")
        self.protect(sheet, rows_can_change=True)

    def criteria(self, assessment: Assessment, checklist: Checklist) -> None:
        """One row per criterion under its section's title row; then any criterion no longer in it."""
        sheet = self.book.create_sheet(L.CRITERIA)
        self.header(sheet, L.CRITERIA_COLUMNS)
        rows = _CriteriaRows(self, sheet, assessment)
        for section in checklist.sections:
            rows.section(f"{section.question.value.upper()} · {section.title}")
            for criterion in section.criteria:
                rows.criterion(criterion.id, criterion, checklist.scale_for(criterion))
        gone = [r for r in assessment.responses if not checklist.has_criterion(r.criterion)]
        if gone:
            rows.section("Not in this version of the checklist")
            for response in gone:
                rows.criterion(response.criterion, None, None)
        rows.finish()
        self.protect(sheet)

    def evidence(self, assessment: Assessment) -> None:
        rows = [
            (
                ("responses", r, "evidence", e),
                (
                    response.criterion,
                    item.kind.value,
                    item.reference,
                    item.description,
                    item.collected_on,
                    item.restricted,
                ),
            )
            for r, response in enumerate(assessment.responses)
            for e, item in enumerate(response.evidence)
        ]
        self.table(L.EVIDENCE, L.EVIDENCE_COLUMNS, rows, spare=max(200, 4 * len(self.ids)))

    def ratings_given(self, assessment: Assessment, checklist: Checklist) -> None:
        def shown(criterion_id: str, rating: str) -> str:
            if checklist.has_criterion(criterion_id):
                labels = scale_choices(checklist.scale_for(checklist.criterion(criterion_id)))
                return next((label for label, value in labels.items() if value == rating), rating)
            return rating

        rows = [
            (
                ("responses", r, "moderated", "ratings", g),
                (
                    response.criterion,
                    given.assessor,
                    given.role.value,
                    shown(response.criterion, given.rating),
                ),
            )
            for r, response in enumerate(assessment.responses)
            if response.moderated is not None
            for g, given in enumerate(response.moderated.ratings)
        ]
        self.table(L.RATINGS_GIVEN, L.RATINGS_GIVEN_COLUMNS, rows, spare=max(100, 2 * len(self.ids)))

    def actions(self, assessment: Assessment) -> None:
        rows = [
            (
                ("responses", r, "actions", a),
                (response.criterion, action.description, action.owner, action.due, action.status.value),
            )
            for r, response in enumerate(assessment.responses)
            for a, action in enumerate(response.actions)
        ]
        self.table(L.ACTIONS, L.ACTION_COLUMNS, rows, spare=max(100, 2 * len(self.ids)))

    def partners(self, assessment: Assessment) -> None:
        rows = [
            (("partnership", "partners", i), (p.sector.value, p.organisation, p.lead, p.delegate))
            for i, p in enumerate(assessment.partnership.partners)
        ]
        self.table(L.PARTNERS, L.PARTNER_COLUMNS, rows, spare=12)

    def agencies(self, assessment: Assessment) -> None:
        rows = [
            (("partnership", "relevant_agencies", i), (a.name, a.kind.value))
            for i, a in enumerate(assessment.partnership.relevant_agencies)
        ]
        self.table(L.AGENCIES, L.AGENCY_COLUMNS, rows, spare=60)


class _CriteriaRows:
    """Writes the Criteria sheet row by row, then its drop-downs and date checks."""

    def __init__(self, writer: _Writer, sheet: Worksheet, assessment: Assessment) -> None:
        self.writer, self.sheet, self.assessment = writer, sheet, assessment
        self.at = {column.key: index for index, column in enumerate(L.CRITERIA_COLUMNS, start=1)}
        self.order = {response.criterion: index for index, response in enumerate(assessment.responses)}
        self.row = 1
        self.section_rows: set[int] = set()
        self.by_scale: dict[str, list[str]] = {}

    def section(self, title: str) -> None:
        self.row += 1
        self.section_rows.add(self.row)
        self.writer.put(self.sheet, self.row, self.at["title"], title)
        for index in range(1, len(L.CRITERIA_COLUMNS) + 1):
            cell = self.sheet.cell(row=self.row, column=index)
            cell.fill, cell.font = self.writer.section_fill, self.writer.bold

    def criterion(self, criterion_id: str, criterion: Criterion | None, scale: RatingScale | None) -> None:
        self.row += 1
        index = self.order.get(criterion_id)
        path: tuple[PathPart, ...] = ("responses", index if index is not None else criterion_id)
        choices = scale_choices(scale)
        cells: dict[str, object] = {"id": criterion_id, "scale": scale.id if scale is not None else None}
        if criterion is not None:
            prompts = "\n".join(f"- {prompt}" for prompt in criterion.evidence_prompts)
            cells.update(
                title=criterion.title,
                text=criterion.text,
                guidance=criterion.guidance,
                prompts=prompts or None,
                fingerprint=criterion.fingerprint,
            )
        else:
            cells.update(title="(no longer in this checklist version)")
        if index is not None:
            label_for = {rating: label for label, rating in choices.items()}
            response = self.assessment.responses[index]
            cells.update(_response_cells(response, label_for), order=str(index))
            if criterion is not None and response.rated_to_other_wording(criterion.fingerprint):
                cells.update(reworded=L.YES, wording=criterion.fingerprint)
            moderated = response.moderated
            if moderated is not None:
                agreed = moderated.rating
                cells.update(
                    agreed_rating=label_for.get(agreed, agreed) if agreed is not None else None,
                    agreed_because=moderated.rationale,
                    agreed_because_restricted=L.YES if moderated.rationale_restricted else None,
                    agreed_by=moderated.by,
                    agreed_on=moderated.moderated_on,
                )
        for key, value in cells.items():
            self.writer.put(self.sheet, self.row, self.at[key], value, (*path, key))
        for key in ("text", "guidance", "prompts", "title"):
            self.sheet.cell(row=self.row, column=self.at[key]).alignment = self.writer.wrap
        if scale is not None:
            self.writer.scales[scale.id] = choices
        source = self.writer.list_range(f"scale {scale.id}" if scale is not None else "scale", list(choices))
        self.by_scale.setdefault(source, []).extend(
            f"{self.letter(key)}{self.row}" for key in ("rating", "agreed_rating")
        )

    def letter(self, key: str) -> str:
        return column_letter(self.at[key] - 1)

    def finish(self) -> None:
        writer, last = self.writer, max(self.row, 2)
        writer.style_answers(self.sheet, L.CRITERIA_COLUMNS, 2, self.row, skip=self.section_rows)
        for source, cells in self.by_scale.items():
            writer.validation(self.sheet, "list", " ".join(cells), source=source, what="a rating")
        dates = " ".join(
            f"{self.letter(key)}2:{self.letter(key)}{last}" for key in ("rated_on", "replied_on", "agreed_on")
        )
        writer.validation(self.sheet, "date", dates)
        flags = " ".join(
            f"{self.letter(key)}2:{self.letter(key)}{last}"
            for key in ("notes_restricted", "prefilled", "reworded")
        )
        writer.validation(self.sheet, "list", flags, source=f'"{L.YES},{L.NO}"', what="Yes or No")


def _asked(assessment: Assessment) -> tuple[list[L.Field], str]:
    """The Partnership sheet's rows and the line above them.

    An agency's return is not asked the partnership's own scrutiny questions (as in YAML), unless it
    answers them.
    """
    if assessment.agency is not None and assessment.partnership.scrutiny == ScrutinyArrangement():
        return [spec for spec in L.PARTNERSHIP_FIELDS if spec.key not in L.SCRUTINY_KEYS], "Type in column B."
    guide = "Type in column B. Leave a WHO / HOW / WHAT answer blank when it is not known."
    return list(L.PARTNERSHIP_FIELDS), guide


def _shown(column: L.Column, value: object) -> object:
    """A model value as a table sheet shows it: a choice by its label, yes/no as Yes or blank."""
    if column.choices is not None and isinstance(value, str):
        return next(label for label, choice in column.choices.items() if choice == value)
    if column.kind is L.Kind.YES_NO:
        return L.YES if value else None
    return value


def _response_cells(response: Response, label_for: dict[str, str]) -> dict[str, object]:
    rating = None if response.rating == NOT_ASSESSED else label_for.get(response.rating, response.rating)
    reply = response.reply
    return {
        "rating": rating,
        "justification": response.justification,
        "notes": response.notes,
        "notes_restricted": L.YES if response.notes_restricted else None,
        "rated_on": response.rated_on,
        "prefilled": L.YES if response.prefilled else None,
        "reply_by": reply.by if reply else None,
        "reply": reply.text if reply else None,
        "replied_on": reply.replied_on if reply else None,
        "fingerprint": response.criterion_fingerprint,
    }


def write_workbook(assessment: Assessment, checklist: Checklist, *, source: str = "<workbook>") -> bytes:
    """The assessment as an ``.xlsx`` workbook to fill in, laid out from ``checklist``.

    Raises :class:`~lscp_scrutiny.errors.InvalidInputError` naming every field that a workbook cannot
    hold exactly (text longer than a cell holds, control characters): nothing is written then.
    """
    from openpyxl.workbook.protection import WorkbookProtection

    writer = _Writer(source)
    book = writer.book
    first = book.active
    assert first is not None  # noqa: S101 - a new workbook always has a sheet
    first.title = L.INSTRUCTIONS
    instructions(writer, first, checklist)
    writer.ids = [c.id for c in checklist.criteria] + [
        r.criterion for r in assessment.responses if not checklist.has_criterion(r.criterion)
    ]
    writer.criteria(assessment, checklist)
    writer.details(assessment)
    writer.evidence(assessment)
    writer.actions(assessment)
    writer.ratings_given(assessment, checklist)
    writer.partnership(assessment)
    writer.partners(assessment)
    writer.agencies(assessment)
    if writer.problems:
        raise InvalidInputError(writer.problems)
    summary_sheet(writer, book.create_sheet(SUMMARY, index=1), assessment, checklist)
    if writer.problems:  # nothing the Summary sheet writes is left out silently
        raise InvalidInputError(writer.problems)
    for sheet in book.worksheets:
        if sheet.title == L.HIDDEN:
            continue
        writer.print_setup(sheet, header_row=sheet.title not in (L.INSTRUCTIONS, SUMMARY, L.PARTNERSHIP))
        if sheet.title != SUMMARY:
            writer.fit_rows(sheet)
    book.move_sheet(L.HIDDEN, offset=len(book.sheetnames) - 1 - book.sheetnames.index(L.HIDDEN))
    book.active = book.sheetnames.index(L.CRITERIA)
    book.security = WorkbookProtection(lockStructure=True)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
