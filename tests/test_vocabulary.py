"""One vocabulary: the words people see are declared once, in lscp_scrutiny.model.labels, and derived everywhere.

The questions of the scrutiny arrangement give the survey export's columns, the workbook's Partnership rows
and the national picture's figures; the fixed states read the same in every output; and a workbook an
earlier release wrote, with its old words, still reads.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import attrs
import openpyxl
import pytest
from attrs import frozen
from openpyxl.worksheet.worksheet import Worksheet

import lscp_scrutiny as ls
from lscp_scrutiny.codec.annotated import annotated_yaml
from lscp_scrutiny.core.national import QUESTIONS
from lscp_scrutiny.io.survey import COLUMNS, LIST_COLUMNS, YES_NO_COLUMNS
from lscp_scrutiny.io.workbook import read_workbook, write_workbook
from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    ActionStatus,
    EvidenceKind,
    ScrutinyArea,
    ScrutinyArrangement,
    ScrutinyMethod,
)
from lscp_scrutiny.model.labels import (
    FIXED_LABELS,
    FORMER_LABELS,
    SCRUTINY_QUESTIONS,
    Answer,
    Wording,
    derive_questions,
    question,
    scale_choices,
)
from lscp_scrutiny.render.csv import render_csv
from lscp_scrutiny.render.html import render_html
from lscp_scrutiny.render.markdown import render_markdown
from lscp_scrutiny.render.terminal import render_text

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "lscp_scrutiny"
TEMPLATE = ROOT / "examples" / "national-survey" / "template.csv"
OLD_WORDING = re.compile(r"\bnot assessed\b", re.IGNORECASE)
"""The fixed state's old label, as a whole phrase ("not yet assessed" does not match)."""


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _save(book: openpyxl.Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _rating_cell(sheet: Worksheet, criterion_id: str) -> str:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == criterion_id:
            return f"F{row[0].row}"
    raise AssertionError(f"no row for {criterion_id}")


# --- the questions --------------------------------------------------------------------------------


def test_every_field_of_the_scrutiny_arrangement_has_exactly_one_question_in_field_order() -> None:
    """A new field of ScrutinyArrangement without words fails here (and where labels is imported)."""
    keys = [q.key for q in SCRUTINY_QUESTIONS]
    assert keys == [f.name for f in attrs.fields(ScrutinyArrangement)]
    assert len(set(keys)) == len(keys)
    assert all(question(key).key == key for key in keys)


def test_a_field_without_words_and_words_without_a_field_are_refused_by_name() -> None:
    """The derivation refuses to leave a question out, or to invent one, naming what is wrong."""

    @frozen
    class Answers:
        asked: bool | None = None
        forgotten: int | None = None

    words = Wording(group=ls.ScrutinyQuestion.WHO, label="Asked", question="Asked?", column=3)
    with pytest.raises(TypeError, match=r"Answers\.forgotten has no wording") as caught:
        derive_questions(Answers, {"asked": words, "stray": words})
    assert "wording for 'stray'" in str(caught.value)


def test_a_question_s_kind_of_answer_comes_from_its_field_s_type() -> None:
    """bool is yes/no, int a count, a tuple a list; a tuple of an enumeration offers its values."""
    hints = {f.name: str(f.type) for f in attrs.fields(ScrutinyArrangement)}
    for q in SCRUTINY_QUESTIONS:
        expected = {"bool | None": Answer.YES_NO, "int | None": Answer.COUNT}.get(hints[q.key], Answer.LIST)
        assert q.answer is expected, q.key
    assert list((question("methods").choices or {}).values()) == [m.value for m in ScrutinyMethod]
    assert list((question("areas").choices or {}).values()) == [a.value for a in ScrutinyArea]
    assert question("children_involvement").choices is None


def test_every_question_has_its_words_and_follow_ups_name_a_yes_no_question() -> None:
    """Each question has a label, a question as asked, a group; a yes/no one asked of everyone, a figure."""
    for q in SCRUTINY_QUESTIONS:
        assert q.label.strip(), q.key
        assert q.question.endswith("?"), q.key
        if q.answer is Answer.YES_NO and q.follows is None:
            assert q.figure, q.key
        if q.follows is not None:
            assert question(q.follows).answer is Answer.YES_NO


# --- derived from them ----------------------------------------------------------------------------


def test_the_survey_columns_are_the_published_template_s_header() -> None:
    """COLUMNS is a published format: the template's header, each question in its declared column."""
    with TEMPLATE.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == COLUMNS
    assert COLUMNS[:2] == ("name", "area")
    assert sorted(COLUMNS[2:]) == sorted(q.key for q in SCRUTINY_QUESTIONS)
    assert all(COLUMNS[q.column - 1] == q.key for q in SCRUTINY_QUESTIONS)
    assert tuple(q.key for q in SCRUTINY_QUESTIONS if q.answer is Answer.YES_NO) == YES_NO_COLUMNS
    assert tuple(q.key for q in SCRUTINY_QUESTIONS if q.answer is Answer.LIST) == LIST_COLUMNS


def test_the_workbook_s_partnership_rows_are_the_questions(
    assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    """After the partnership's own rows, one row per question, in field order, labelled with its label."""
    sheet = _sheet(_book(write_workbook(assessment, checklist)), "Partnership")
    labels = [row[0] for row in sheet.iter_rows(min_row=4, max_col=1, values_only=True)]
    assert labels[-len(SCRUTINY_QUESTIONS) :] == [q.label for q in SCRUTINY_QUESTIONS]
    helps = [row[0] for row in sheet.iter_rows(min_row=4, min_col=3, max_col=3, values_only=True)]
    for q, help_text in zip(SCRUTINY_QUESTIONS, helps[-len(SCRUTINY_QUESTIONS) :], strict=True):
        assert str(help_text).startswith(q.question)


def test_the_national_questions_are_the_yes_no_questions_asked_of_everyone() -> None:
    """Every yes/no question that follows up no other is a figure of the picture, under its own words."""
    assert (
        tuple(
            (q.key, q.group.value, q.figure)
            for q in SCRUTINY_QUESTIONS
            if q.answer is Answer.YES_NO and q.follows is None
        )
        == QUESTIONS
    )
    picture = ls.national_picture(
        [ls.Partnership(name="A", scrutiny=ScrutinyArrangement(independent_chair=True))]
    )
    assert [f.figure.label for f in picture.questions] == [figure for _, _, figure in QUESTIONS]
    assert picture.chair_also_scrutinises.label == question("chair_also_scrutinises").figure


def test_the_yaml_template_lists_every_evidence_kind_and_action_status(checklist: ls.Checklist) -> None:
    """The instructions at the top of a new YAML file are written from the enumerations, not by hand."""
    blank = ls.start_assessment(checklist, "Testshire SCP", "Jo")
    text = annotated_yaml(blank, checklist)
    comments = " ".join(line.strip("# ") for line in text.splitlines() if line.startswith("#"))
    assert f"kind ({', '.join(EvidenceKind)})" in comments
    assert f"status ({', '.join(ActionStatus)})" in comments


def test_only_the_workbook_imports_its_private_layout() -> None:
    """The guided interview and everything else take the words from model.labels."""
    for path in SOURCE.rglob("*.py"):
        if path.parent.name == "workbook" and path.parent.parent.name == "io":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(f"{node.module}.{alias.name}" for alias in node.names)]
                assert not any(name.endswith("workbook._layout") for name in names), path


def test_the_fixed_states_labels_are_spelt_only_in_labels() -> None:
    """No module but model/labels.py writes a fixed state's label, old or new, as a string of its own."""
    spelt = {*FIXED_LABELS.values(), *FORMER_LABELS}
    for path in SOURCE.rglob("*.py"):
        if path == SOURCE / "model" / "labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
        assert not spelt & constants, path


# --- the fixed states, in every output ------------------------------------------------------------


def test_the_fixed_states_read_the_same_in_every_report(
    assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    """Terminal, Markdown, HTML and CSV all say "Not yet assessed" and "Not applicable", never "Not assessed"."""
    summary = ls.evaluate(assessment, checklist)
    outputs = {
        "terminal": render_text(summary),
        "markdown": render_markdown(summary),
        "html": render_html(summary),
        "csv": render_csv(summary),
    }
    for name, text in outputs.items():
        for label in FIXED_LABELS.values():
            assert label in text, (name, label)
        assert not OLD_WORDING.search(text), name
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    labels = {row["rating"]: row["rating_label"] for row in rows}
    assert labels[NOT_ASSESSED] == FIXED_LABELS[NOT_ASSESSED]
    assert labels[NOT_APPLICABLE] == FIXED_LABELS[NOT_APPLICABLE]


def test_the_workbook_uses_the_same_words(assessment: ls.Assessment, checklist: ls.Checklist) -> None:
    """The rating drop-down offers "Not applicable"; the new label reads back; no cell says "Not assessed"."""
    data = write_workbook(assessment, checklist)
    book = _book(data)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and OLD_WORDING.search(value)), (sheet.title, value)
    hidden = _sheet(book, "lscp-scrutiny")
    listed = {cell for column in hidden.iter_cols(min_col=4, values_only=True) for cell in column}
    assert FIXED_LABELS[NOT_APPLICABLE] in listed
    assert (
        scale_choices(checklist.scale_for(checklist.criteria[0]))[FIXED_LABELS[NOT_APPLICABLE]]
        == NOT_APPLICABLE
    )
    criteria = _sheet(book, "Criteria")
    rated = checklist.criteria[0].id
    assert assessment.response(rated).rating == "met"
    criteria[_rating_cell(criteria, rated)] = FIXED_LABELS[NOT_ASSESSED]
    assert read_workbook(_save(book)).assessment.response(rated).rating == NOT_ASSESSED


@pytest.mark.parametrize("typed", ["Not assessed", "not assessed", "NOT ASSESSED"])
def test_an_old_workbook_saying_not_assessed_still_reads(
    typed: str, assessment: ls.Assessment, checklist: ls.Checklist
) -> None:
    """Workbooks written by earlier releases used the label "Not assessed": it still reads as not assessed."""
    book = _book(write_workbook(assessment, checklist))
    criteria = _sheet(book, "Criteria")
    rated = checklist.criteria[0].id
    criteria[_rating_cell(criteria, rated)] = typed
    read = read_workbook(_save(book)).assessment
    assert read.response(rated).rating == NOT_ASSESSED
    assert read.response(checklist.criteria[1].id) == assessment.response(checklist.criteria[1].id)


def test_a_scale_whose_level_is_labelled_like_a_fixed_state_offers_its_ids(checklist: ls.Checklist) -> None:
    """A level labelled "Not yet assessed" (or the old "Not assessed") would read as that state: ids instead."""
    scale = checklist.scale_for(checklist.criteria[0])
    for label in (FIXED_LABELS[NOT_ASSESSED], *FORMER_LABELS):
        odd = attrs.evolve(scale, levels=(attrs.evolve(scale.levels[0], label=label), *scale.levels[1:]))
        assert list(scale_choices(odd)) == [*odd.level_ids, FIXED_LABELS[NOT_APPLICABLE]]
