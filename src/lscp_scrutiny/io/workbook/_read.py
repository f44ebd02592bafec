"""Reading a filled-in assessment workbook back into an assessment, naming the sheet and cell of problems.

Every problem in the workbook is collected before anything is raised. Columns are found by their headers,
so a column a person moved (after taking the protection off) still reads; rows are read in order.
"""

from __future__ import annotations

import json
import math
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import partial
from typing import Any, TypeVar

from attrs import define, field, frozen

from lscp_scrutiny.codec.converters import json_converter
from lscp_scrutiny.errors import ConsistencyError, InvalidInputError, PathPart, Problem
from lscp_scrutiny.io._spreadsheet import column_letter
from lscp_scrutiny.io.workbook import (
    _cells as C,  # noqa: N812
)
from lscp_scrutiny.io.workbook import (
    _layout as L,  # noqa: N812
)
from lscp_scrutiny.io.workbook._open import open_workbook, sheet_rows
from lscp_scrutiny.model import (
    FIXED_STATES,
    NOT_ASSESSED,
    Action,
    AssessedAgency,
    Assessment,
    Assessor,
    ChecklistRef,
    Evidence,
    GivenRating,
    ModeratedRating,
    Partnership,
    Provenance,
    RelevantAgency,
    Reply,
    Response,
    SafeguardingPartner,
    ScrutinyArrangement,
)
from lscp_scrutiny.model.labels import (
    ACTION_STATUSES,
    AGENCY_KINDS,
    ASSESSOR_ROLES,
    EVIDENCE_KINDS,
    FIXED_LABELS,
    FORMER_LABELS,
    PARTNER_SECTORS,
)

T = TypeVar("T")
Row = list[C.Raw]


@frozen
class WorkbookAssessment:
    """An assessment read from a workbook, and the sheet and cell each of its fields came from."""

    assessment: Assessment
    places: dict[tuple[PathPart, ...], str]

    def place_of(self, path: tuple[PathPart, ...]) -> str | None:
        """The sheet and cell of the deepest part of ``path`` read from a cell, if any."""
        for end in range(len(path), 0, -1):
            found = self.places.get(path[:end])
            if found is not None:
                return found
        return None


def _rows(sheet: Any, source: str) -> list[Row]:  # noqa: ANN401 - an openpyxl read-only worksheet
    """Every row of a sheet, from row 1, as the file holds them (within the limits of ``sheet_rows``)."""
    return [[(cell.value, cell.data_type or "n") for cell in row] for row in sheet_rows(sheet, source)]


def _at(row: Row, index: int | None) -> C.Raw:
    if index is None or index >= len(row):
        return C.BLANK
    return row[index]


class _Table:
    """A sheet with a header row: finds each column by its header, wherever it is."""

    def __init__(self, cells: C.CellReader, name: str, rows: list[Row], columns: Sequence[L.Column]) -> None:
        self.cells, self.name, self.columns = cells, name, {c.key: c for c in columns}
        header = [C.label(value).casefold() for value, _ in rows[0]] if rows else []
        found = {text: index for index, text in enumerate(header) if text}
        self.index: dict[str, int | None] = {}
        for column in columns:
            self.index[column.key] = found.get(column.header.casefold())
            if self.index[column.key] is None and column.kind is not L.Kind.INFO and not column.optional:
                cells.problem(
                    f"sheet {name}, row 1",
                    f"has no column {column.header!r}; the workbook's layout was changed "
                    "(make a new one with lscp-scrutiny new or convert)",
                )
        skip = {L.Kind.INFO, L.Kind.MACHINE} | ({L.Kind.ID} if name == L.CRITERIA else set())
        self.answers = [key for key, column in self.columns.items() if column.kind not in skip]
        self.rows = rows[1:]

    def numbered(self) -> Iterator[tuple[int, Row]]:
        """Each row after the header with its sheet row number; wholly blank rows left out."""
        for number, row in enumerate(self.rows, start=2):
            if not self.is_blank(row) or self.name == L.CRITERIA:
                yield number, row

    def is_blank(self, row: Row) -> bool:
        """No answer in the row (the locked cells of the Criteria sheet do not count)."""
        return all(C.is_blank(_at(row, self.index[key])) for key in self.answers)

    def place(self, number: int, key: str) -> str:
        """The sheet, cell and column name of a row's value."""
        letter = column_letter(self.index[key] or 0)
        return f"sheet {self.name}, cell {letter}{number} ({self.columns[key].header})"

    def get(
        self,
        row: Row,
        number: int,
        key: str,
        parse: Callable[[Any], T],
    ) -> T | None:
        """A row's value in a column, parsed (``None`` with a problem recorded if it cannot be)."""
        index = self.index[key]
        if index is None:
            return None
        header = self.columns[key].header
        return self.cells.cell(
            self.name, row=number, column=index, header=header, raw=_at(row, index), parse=parse
        )


_RESPONSE_COLUMNS: dict[tuple[str, ...], str] = {
    ("rating",): "rating",
    ("justification",): "justification",
    ("notes",): "notes",
    ("notes_restricted",): "notes_restricted",
    ("rated_on",): "rated_on",
    ("prefilled",): "prefilled",
    ("reply", "by"): "reply_by",
    ("reply", "text"): "reply",
    ("reply", "replied_on"): "replied_on",
}
"""Where each field of a response is on its Criteria row, for messages about it."""


def _as_rating_of_no_scale(aliases: dict[str, str]) -> Callable[[Any], str | None]:
    """The rating of a criterion the checklist no longer has: a fixed state's label as the state."""

    def parse(value: Any) -> str | None:  # noqa: ANN401 - a cell's value
        text = C.as_text(value)
        return aliases.get(text, text) if text is not None else None

    return parse


@define
class _Pending:
    """A response being read: its Criteria row, then the Evidence and Actions rows naming it."""

    row: int
    order: float = math.inf
    fields: dict[str, Any] = field(factory=dict)
    evidence: list[tuple[int, dict[str, Any]]] = field(factory=list)
    actions: list[tuple[int, dict[str, Any]]] = field(factory=list)
    ratings: list[tuple[int, dict[str, Any]]] = field(factory=list)


class _WorkbookReader:
    def __init__(self, book: Any, source: str) -> None:  # noqa: ANN401 - an openpyxl workbook
        self.book = book
        self.source = source
        self.cells = C.CellReader(source)
        self.ids: dict[str, int] = {}  # criterion id -> Criteria row
        self.tables: dict[str, _Table] = {}
        self.pending: dict[str, _Pending] = {}
        self.choosers: dict[str, Callable[[Any], str | None]] = {}  # criterion id -> its rating's reader
        self.moderated: dict[str, dict[str, Any]] = {}  # criterion id -> its agreed rating's cells

    def fail(self, message: str) -> InvalidInputError:
        return InvalidInputError([Problem(source=self.source, message=message)])

    def build(self, place: str, make: Callable[[], T], places: dict[str, str] | None = None) -> T | None:
        """Make a model object, turning what its validators refuse into problems at the right cells."""
        try:
            return make()
        except ConsistencyError as exc:
            for path, message in exc.issues:
                named = [part for part in path if isinstance(part, str) and part in (places or {})]
                where = (places or {})[named[0]] if named else place
                self.cells.problem(where, message)
        except (ValueError, TypeError) as exc:
            self.cells.problem(place, str(exc))
        return None

    # --- the whole workbook ---------------------------------------------------------------------

    def read(self) -> WorkbookAssessment:
        details = self.details()
        self.tables = {
            name: _Table(self.cells, name, _rows(self.book[name], self.source), columns)
            for name, columns in (
                (L.CRITERIA, L.CRITERIA_COLUMNS),
                (L.EVIDENCE, L.EVIDENCE_COLUMNS),
                (L.ACTIONS, L.ACTION_COLUMNS),
                (L.RATINGS_GIVEN, L.RATINGS_GIVEN_COLUMNS),
                (L.PARTNERS, L.PARTNER_COLUMNS),
                (L.AGENCIES, L.AGENCY_COLUMNS),
            )
            if name in self.book.sheetnames or name != L.RATINGS_GIVEN  # added later: may be absent
        }
        if self.cells.problems:  # a column is missing: its rows cannot be read, so stop at the cause
            raise InvalidInputError(self.cells.problems)
        scales = self.scales(details)
        self.criteria(scales)
        self.evidence()
        self.actions()
        self.ratings_given()
        responses = self.responses()
        fields = self.partnership_fields()
        partnership, assessor, assessed_on, notes = self.partnership(fields)
        agency = self.agency(fields)
        ref = self.build(
            f"sheet {L.HIDDEN}",
            lambda: ChecklistRef(
                id=details.get("checklist_id") or "",
                version=details.get("checklist_version") or "",
                content_hash=details.get("content_hash"),
            ),
        )
        provenance = self.provenance(details)
        if self.cells.problems:
            raise InvalidInputError(self.cells.problems)
        if ref is None or partnership is None or assessor is None or assessed_on is None:
            raise self.fail("cannot be read")  # every cause is reported above; kept for the type checker
        assessment = self.build(
            "workbook",
            lambda: Assessment(
                checklist=ref,
                partnership=partnership,
                assessor=assessor,
                assessed_on=assessed_on,
                responses=responses,
                notes=notes,
                provenance=provenance,
                agency=agency,
            ),
        )
        if assessment is None:
            raise InvalidInputError(self.cells.problems)
        return WorkbookAssessment(assessment, self.cells.places)

    def details(self) -> dict[str, str | None]:
        names = self.book.sheetnames
        if L.HIDDEN not in names and L.TRACKER_SHEET in names:
            raise self.fail(
                "is an action tracker, not an assessment: read it back into the returns with "
                "`lscp-scrutiny actions --update FILE`, and keep it out of the folder of returns"
            )
        if L.HIDDEN not in names:
            raise self.fail(
                f"is not an lscp-scrutiny assessment workbook (it has no {L.HIDDEN!r} sheet); make one "
                "with `lscp-scrutiny new CHECKLIST --partnership NAME -o FILE.xlsx`"
            )
        values: dict[str, str | None] = {}
        for number, row in enumerate(_rows(self.book[L.HIDDEN], self.source), start=1):
            key = C.label(_at(row, 0)[0])
            if key in L.HIDDEN_KEYS:
                values[key] = self.cells.cell(
                    L.HIDDEN, row=number, column=1, header=key, raw=_at(row, 1), parse=C.as_text
                )
        if values.get("format") != L.WORKBOOK_FORMAT:
            raise self.fail("is not an lscp-scrutiny assessment workbook")
        if values.get("workbook_version") != str(L.WORKBOOK_VERSION):
            raise self.fail(
                f"workbook layout {values.get('workbook_version')} is not one this release reads "
                f"({L.WORKBOOK_VERSION}); update lscp-scrutiny"
            )
        sheets = (L.CRITERIA, L.EVIDENCE, L.ACTIONS, L.PARTNERSHIP, L.PARTNERS, L.AGENCIES)
        missing = [name for name in sheets if name not in names]
        if missing:
            raise InvalidInputError(
                [
                    Problem(
                        source=self.source, message=f"the sheet {name!r} is missing; the layout was changed"
                    )
                    for name in missing
                ]
            )
        return values

    def scales(self, details: dict[str, str | None]) -> dict[str, dict[str, str]]:
        try:
            scales = json.loads(details.get("scales") or "{}")
        except (ValueError, RecursionError):  # nested too deeply for the parser: changed, like any other
            scales = None
        if not isinstance(scales, dict) or not all(
            isinstance(choices, dict) and all(isinstance(x, str) for pair in choices.items() for x in pair)
            for choices in scales.values()
        ):
            self.cells.problem(
                f"sheet {L.HIDDEN}", "the rating scales cannot be read; the workbook was changed"
            )
            return {}
        return scales

    def provenance(self, details: dict[str, str | None]) -> Provenance | None:
        text = details.get("provenance")
        if not text:
            return None
        try:
            found: Provenance = json_converter.structure(json.loads(text), Provenance)
        except Exception:  # noqa: BLE001 - any failure means the hidden sheet was changed
            self.cells.problem(f"sheet {L.HIDDEN}", "the provenance cannot be read; the workbook was changed")
            return None
        return found

    # --- responses ------------------------------------------------------------------------------

    def criteria(self, scales: dict[str, dict[str, str]]) -> None:
        table = self.tables[L.CRITERIA]
        # A rating cell may also hold a fixed state's label, or its id, or a label an earlier release used.
        aliases = {
            **FORMER_LABELS,
            **{label: state for state, label in FIXED_LABELS.items()},
            **{state: state for state in FIXED_STATES},
        }
        for number, row in table.numbered():
            criterion_id: str | None = table.get(row, number, "id", C.as_text)
            if criterion_id is None or not criterion_id.strip():
                if not table.is_blank(row):
                    self.cells.problem(f"sheet {L.CRITERIA}, row {number}", "has answers but no criterion ID")
                continue
            if criterion_id in self.ids:
                where = f"sheet {L.CRITERIA}, cell A{number}"
                self.cells.problem(where, f"criterion {criterion_id} is also on row {self.ids[criterion_id]}")
                continue
            self.ids[criterion_id] = number
            order: str | None = table.get(row, number, "order", C.as_text)
            if order is None and table.is_blank(row):
                continue  # no response to this criterion, then or now
            scale_id: str | None = table.get(row, number, "scale", C.as_text)
            choices = scales.get(scale_id or "")
            rating: Callable[[Any], str | None] = (
                _as_rating_of_no_scale(aliases)  # a criterion this checklist no longer has
                if choices is None
                else C.chooser(choices, "a rating on this criterion's scale", aliases)
            )
            fields: dict[str, Any] = {
                "rating": table.get(row, number, "rating", rating) or NOT_ASSESSED,
                "justification": table.get(row, number, "justification", C.as_text),
                "notes": table.get(row, number, "notes", C.as_text),
                "notes_restricted": bool(table.get(row, number, "notes_restricted", C.flag)),
                "rated_on": table.get(row, number, "rated_on", C.a_date),
                "prefilled": bool(table.get(row, number, "prefilled", C.flag)),
                "criterion_fingerprint": table.get(row, number, "fingerprint", C.as_text),
            }
            # A rating given to other words carries the words' fingerprint then, and the words' now beside
            # it: clearing "Reworded, to confirm" confirms the rating for the words now.
            wording = table.get(row, number, "wording", C.as_text)
            if wording and not table.get(row, number, "reworded", C.flag):
                fields["criterion_fingerprint"] = wording
            reply = self.reply(table, row, number)
            if reply is not None:
                fields["reply"] = reply
            self.choosers[criterion_id] = rating
            moderated: dict[str, Any] = {
                "rating": table.get(row, number, "agreed_rating", rating),
                "rationale": table.get(row, number, "agreed_because", C.as_text),
                "rationale_restricted": table.get(row, number, "agreed_because_restricted", C.flag) or None,
                "by": table.get(row, number, "agreed_by", C.as_text),
                "moderated_on": table.get(row, number, "agreed_on", C.a_date),
            }
            if any(value is not None for value in moderated.values()):
                self.moderated[criterion_id] = moderated
            position = float(order) if order is not None and C.DIGITS.fullmatch(order) else math.inf
            self.pending[criterion_id] = _Pending(row=number, order=position, fields=fields)

    def reply(self, table: _Table, row: Row, number: int) -> Reply | None:
        by = table.get(row, number, "reply_by", C.as_text)
        text = table.get(row, number, "reply", C.as_text)
        replied_on = table.get(row, number, "replied_on", C.a_date)
        if by is None and text is None and replied_on is None:
            return None
        for column, value in (("reply_by", by), ("reply", text)):
            if value is None or not value.strip():
                self.cells.problem(
                    table.place(number, column), "is blank; a reply needs who replies and what they say"
                )
        if by is None or text is None or not by.strip() or not text.strip():
            return None
        return Reply(by=by, text=text, replied_on=replied_on)

    def criterion_of(self, table: _Table, row: Row, number: int) -> str | None:
        criterion_id = table.get(row, number, "criterion", C.required(C.as_text, "the criterion ID"))
        if criterion_id is not None and criterion_id not in self.ids:
            where = table.place(number, "criterion")
            self.cells.problem(where, f"no criterion {criterion_id!r} in sheet {L.CRITERIA}")
            return None
        return criterion_id

    def entry(self, criterion_id: str) -> _Pending:
        if criterion_id not in self.pending:  # evidence or an action for a row with nothing else
            self.pending[criterion_id] = _Pending(row=self.ids[criterion_id])
        return self.pending[criterion_id]

    def evidence(self) -> None:
        table = self.tables[L.EVIDENCE]
        kind = C.required(C.chooser(EVIDENCE_KINDS, "a kind of evidence"), "the kind")
        for number, row in table.numbered():
            criterion_id = self.criterion_of(table, row, number)
            item = {
                "kind": table.get(row, number, "kind", kind),
                "reference": table.get(row, number, "reference", C.required_text),
                "description": table.get(row, number, "description", C.as_text),
                "collected_on": table.get(row, number, "collected_on", C.a_date),
                "restricted": bool(table.get(row, number, "restricted", C.flag)),
            }
            if criterion_id is not None and item["kind"] is not None and item["reference"] is not None:
                self.entry(criterion_id).evidence.append((number, item))

    def ratings_given(self) -> None:
        table = self.tables.get(L.RATINGS_GIVEN)
        if table is None:
            return
        role = C.chooser(ASSESSOR_ROLES, "an assessor's role")
        for number, row in table.numbered():
            criterion_id = self.criterion_of(table, row, number)
            rating = self.choosers.get(criterion_id or "", C.as_text)
            item = {
                "assessor": table.get(row, number, "assessor", C.required_text),
                "role": table.get(row, number, "role", role) or "self_assessment",
                "rating": table.get(row, number, "rating", C.required(rating, "the rating")),
            }
            if criterion_id is not None and item["assessor"] is not None and item["rating"] is not None:
                self.entry(criterion_id).ratings.append((number, item))

    def actions(self) -> None:
        table = self.tables[L.ACTIONS]
        status = C.chooser(ACTION_STATUSES, "a status")
        for number, row in table.numbered():
            criterion_id = self.criterion_of(table, row, number)
            item = {
                "description": table.get(row, number, "description", C.required_text),
                "owner": table.get(row, number, "owner", C.as_text),
                "due": table.get(row, number, "due", C.a_date),
                "status": table.get(row, number, "status", status) or "open",
            }
            if criterion_id is not None and item["description"] is not None:
                self.entry(criterion_id).actions.append((number, item))

    def responses(self) -> tuple[Response, ...]:
        """The responses, in the order the assessment had them (new ones after, in row order)."""
        places = self.cells.places
        ordered = sorted(self.pending.items(), key=lambda pair: (pair[1].order, pair[1].row))
        made: list[Response] = []
        criteria = self.tables[L.CRITERIA]
        for index, (criterion_id, entry) in enumerate(ordered):
            for field_path, column in _RESPONSE_COLUMNS.items():
                places[("responses", index, *field_path)] = criteria.place(entry.row, column)
            places[("responses", index)] = f"sheet {L.CRITERIA}, row {entry.row}"
            places[("responses", index, "criterion")] = f"sheet {L.CRITERIA}, cell A{entry.row}"
            evidence = []
            for position, (number, item) in enumerate(entry.evidence):
                where = places[("responses", index, "evidence", position)] = (
                    f"sheet {L.EVIDENCE}, row {number}"
                )
                evidence.append(self.build(where, partial(Evidence, **item)))
            actions = []
            for position, (number, item) in enumerate(entry.actions):
                where = places[("responses", index, "actions", position)] = f"sheet {L.ACTIONS}, row {number}"
                actions.append(self.build(where, partial(Action, **item)))
            moderated = self.moderated_of(criterion_id, entry, index)
            response = self.build(
                f"sheet {L.CRITERIA}, row {entry.row}",
                partial(
                    Response,
                    criterion=criterion_id,
                    **entry.fields,
                    moderated=moderated,
                    evidence=tuple(e for e in evidence if e is not None),
                    actions=tuple(a for a in actions if a is not None),
                ),
            )
            if response is not None:
                made.append(response)
        return tuple(made)

    def moderated_of(self, criterion_id: str, entry: _Pending, index: int) -> ModeratedRating | None:
        """The row's agreed rating and the ratings it was agreed from, if it has either."""
        fields = self.moderated.get(criterion_id)
        if fields is None and not entry.ratings:
            return None
        places = self.cells.places
        criteria = self.tables[L.CRITERIA]
        for key, column in (
            ("rating", "agreed_rating"),
            ("rationale", "agreed_because"),
            ("rationale_restricted", "agreed_because_restricted"),
            ("by", "agreed_by"),
            ("moderated_on", "agreed_on"),
        ):
            places[("responses", index, "moderated", key)] = criteria.place(entry.row, column)
        ratings = []
        for position, (number, item) in enumerate(entry.ratings):
            where = places[("responses", index, "moderated", "ratings", position)] = (
                f"sheet {L.RATINGS_GIVEN}, row {number}"
            )
            ratings.append(self.build(where, partial(GivenRating, **item)))
        return self.build(
            f"sheet {L.CRITERIA}, row {entry.row}",
            partial(
                ModeratedRating,
                **{k: v for k, v in (fields or {}).items() if v is not None},
                ratings=tuple(r for r in ratings if r is not None),
            ),
        )

    # --- the partnership ------------------------------------------------------------------------

    def partnership(
        self, fields: tuple[dict[str, Any], dict[str, str]]
    ) -> tuple[Partnership | None, Assessor | None, date | None, str | None]:
        values, places = fields
        partners = self.partners()
        agencies = self.agencies()
        here = f"sheet {L.PARTNERSHIP}"
        scrutiny = self.build(
            here, lambda: ScrutinyArrangement(**{key: values.get(key) for key in L.SCRUTINY_KEYS}), places
        )
        if values.get("name") is None or values.get("assessor") is None:
            return None, None, None, None  # what is missing is reported already
        partnership = self.build(
            places["name"],
            lambda: Partnership(
                name=values.get("name") or "",
                area=values.get("area"),
                local_authorities=values.get("local_authorities") or (),
                partners=partners,
                relevant_agencies=agencies,
                scrutiny=scrutiny or ScrutinyArrangement(),  # its own problems are reported already
            ),
            places,
        )
        assessor = self.build(
            places["assessor"],
            lambda: Assessor(
                name=values.get("assessor") or "",
                role=values.get("role") or "self_assessment",
                organisation=values.get("organisation"),
            ),
        )
        if scrutiny is None:
            return None, assessor, None, None
        return partnership, assessor, values.get("assessed_on"), values.get("notes")

    def agency(self, fields: tuple[dict[str, Any], dict[str, str]]) -> AssessedAgency | None:
        """The agency assessed, from its two rows (either may be missing in an older workbook)."""
        values, places = fields
        name, sector = values.get("agency"), values.get("agency_sector")
        if name is None:
            if sector is not None:
                self.cells.problem(places["agency_sector"], "is given but the agency assessed is blank")
            return None
        return self.build(places["agency"], partial(AssessedAgency, name=name, sector=sector))

    def partnership_fields(self) -> tuple[dict[str, Any], dict[str, str]]:
        by_label = {spec.label.casefold(): spec for spec in L.PARTNERSHIP_FIELDS}
        values: dict[str, Any] = {}
        places: dict[str, str] = {}
        for number, row in enumerate(_rows(self.book[L.PARTNERSHIP], self.source), start=1):
            label = C.label(_at(row, 0)[0])
            spec = by_label.get(label.strip().casefold()) if label else None
            if spec is None or spec.kind == "info":
                continue
            places[spec.key] = f"sheet {L.PARTNERSHIP}, cell B{number} ({spec.label})"
            self.cells.places[L.field_path(spec.key)] = places[spec.key]
            values[spec.key] = self.cells.cell(
                L.PARTNERSHIP, row=number, column=1, header=spec.label, raw=_at(row, 1), parse=_parser(spec)
            )
        agency_return = values.get("agency") is not None  # not asked the scrutiny questions
        for spec in L.PARTNERSHIP_FIELDS:
            if agency_return and spec.key in L.SCRUTINY_KEYS:
                continue
            if spec.kind != "info" and not spec.optional and spec.key not in places:
                self.cells.problem(
                    f"sheet {L.PARTNERSHIP}",
                    f"the row {spec.label!r} is missing; the workbook's layout was changed",
                )
        return values, places

    def partners(self) -> tuple[SafeguardingPartner, ...]:
        table = self.tables[L.PARTNERS]
        sector = C.required(C.chooser(PARTNER_SECTORS, "a statutory partner's sector"), "the sector")
        found: list[SafeguardingPartner | None] = []
        for number, row in table.numbered():
            item: dict[str, Any] = {
                "sector": table.get(row, number, "sector", sector),
                "organisation": table.get(row, number, "organisation", C.required_text),
                "lead": table.get(row, number, "lead", C.as_text),
                "delegate": table.get(row, number, "delegate", C.as_text),
            }
            where = self.cells.places[("partnership", "partners", len(found))] = (
                f"sheet {L.PARTNERS}, row {number}"
            )
            if item["sector"] is not None and item["organisation"] is not None:
                found.append(self.build(where, partial(SafeguardingPartner, **item)))
        return tuple(p for p in found if p is not None)

    def agencies(self) -> tuple[RelevantAgency, ...]:
        table = self.tables[L.AGENCIES]
        kind = C.chooser(AGENCY_KINDS, "a kind of agency")
        found: list[RelevantAgency | None] = []
        for number, row in table.numbered():
            item: dict[str, Any] = {
                "name": table.get(row, number, "name", C.required_text),
                "kind": table.get(row, number, "kind", kind) or "other",
            }
            where = self.cells.places[("partnership", "relevant_agencies", len(found))] = (
                f"sheet {L.AGENCIES}, row {number}"
            )
            if item["name"] is not None:
                found.append(self.build(where, partial(RelevantAgency, **item)))
        return tuple(a for a in found if a is not None)


def _parser(spec: L.Field) -> Callable[[Any], Any]:
    """How a Partnership-sheet row's value is read."""
    if spec.kind == "text":
        return C.required_text if spec.key in ("name", "assessor") else C.as_text
    if spec.kind == "date":
        return C.required_date
    if spec.kind == "yes_no":
        return C.yes_no
    if spec.kind == "count":
        return C.count
    if spec.kind == "choice":  # an optional row's choice may be blank
        chooser = C.chooser(spec.choices or {}, "on the list")
        return chooser if spec.optional else C.required(chooser, "a choice")
    return C.lines(spec.choices, spec.optional_list)


def read_workbook(data: bytes, *, source: str = "<workbook>") -> WorkbookAssessment:
    """Read a filled-in assessment workbook (``.xlsx`` bytes).

    Raises :class:`~lscp_scrutiny.errors.InvalidInputError` with every problem found, each naming the
    sheet and cell and what is wrong.
    """
    book = open_workbook(data, source)
    try:
        return _WorkbookReader(book, source).read()
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        # openpyxl reads a sheet's XML only when its rows are asked for: a damaged part shows up here.
        # (ElementTree's and lxml's parse errors are SyntaxErrors; KeyError is a part the archive lacks.)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidInputError(
            [Problem(source=source, message=f"the workbook is damaged and cannot be read ({reason})")]
        ) from None
    finally:
        book.close()
