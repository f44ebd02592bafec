"""The moderated assessment: the agreed rating beside each assessor's own, never overwriting it.

Started by ``moderate ... -o moderated.yaml``, filled in from the meeting's agenda with ``--agreed``,
and counted by every report as the agreed rating, shown beside the assessor's own.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from openpyxl import load_workbook

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.core.moderation import moderated_assessment
from lscp_scrutiny.errors import ConsistencyError
from lscp_scrutiny.model.summary import Change

Capsys = pytest.CaptureFixture[str]
ROOT = Path(__file__).resolve().parent.parent
# The self-assessment first: its ratings are the ones a moderated file keeps as the assessor's own.
FILES = [
    str(ROOT / "examples" / "moderation" / "northshire-2026-self.yaml"),
    str(ROOT / "examples" / "northshire-2026.yaml"),
    str(ROOT / "examples" / "moderation" / "northshire-2026-peer.yaml"),
]
AS_OF = date(2026, 11, 27)
PANEL = "Northshire moderation panel"


@pytest.fixture(scope="module")
def three() -> list[ls.Assessment]:
    return [ls.load_assessment(f) for f in FILES]


@pytest.fixture(scope="module")
def checklist() -> ls.Checklist:
    return ls.get_checklist("independent-scrutiny")


def test_the_agreed_rating_is_counted_and_the_assessors_own_is_kept(
    three: list[ls.Assessment], checklist: ls.Checklist
) -> None:
    own = three[0].response("who.independence")
    assert own.rating == "met"
    moderated = moderated_assessment(
        three,
        checklist,
        agreed={"who.independence": ("partly_met", "The peer reviewer's evidence carried it.")},
        by=PANEL,
        on=date(2026, 11, 20),
    )
    response = moderated.response("who.independence")
    assert response.rating == "met"  # never overwritten
    assert response.verdict == "partly_met"
    assert response.moderated is not None
    assert [(g.assessor, g.role.value, g.rating) for g in response.moderated.ratings] == [
        ("Dr Graham Pellow", "independent_scrutineer", three[1].response("who.independence").rating),
        ("Tom Hargreaves", "peer_review_between_partnerships", three[2].response("who.independence").rating),
    ]
    before = ls.evaluate(three[0], checklist, as_of=AS_OF)
    after = ls.evaluate(moderated, checklist, as_of=AS_OF)
    assert after.overall.points == before.overall.points - 1  # met (2) agreed as partly met (1)
    result = next(c for s in after.sections for c in s.criteria if c.id == "who.independence")
    assert (result.rating, result.moderation is not None) == ("partly_met", True)
    assert result.moderation is not None
    assert (result.moderation.assessor_rating, result.moderation.moved) == ("met", Change.WORSENED)
    # Everything else about the self-assessment is as it was.
    for criterion in checklist.criteria:
        if criterion.id != "who.independence":
            kept = moderated.response(criterion.id)
            assert (kept.rating, kept.evidence, kept.actions) == (
                three[0].response(criterion.id).rating,
                three[0].response(criterion.id).evidence,
                three[0].response(criterion.id).actions,
            )


def test_an_agreed_rating_needs_its_rationale_and_who_agreed_it() -> None:
    with pytest.raises(ConsistencyError, match="an agreed rating needs its rationale"):
        ls.ModeratedRating(rating="met", by=PANEL)
    with pytest.raises(ConsistencyError, match="nothing in it"):
        ls.ModeratedRating()


def test_an_agreed_rating_off_the_scale_is_a_problem_named_by_its_place(
    three: list[ls.Assessment], checklist: ls.Checklist
) -> None:
    wrong = three[0].with_response(
        ls.Response(
            criterion="who.independence",
            rating="met",
            moderated=ls.ModeratedRating(rating="superb", rationale="x", by=PANEL),
        )
    )
    [problem] = ls.check(wrong, checklist)
    assert problem.path[-2:] == ("moderated", "rating")
    assert "the agreed rating 'superb' is not on the scale met-partly-not" in problem.message


@pytest.fixture
def agenda(capsys: Capsys, tmp_path: Path) -> Path:
    path = tmp_path / "agenda.xlsx"
    assert run(capsys, "--disable-plugin", "*", "moderate", *FILES, "--agenda", "-o", str(path)).code == 0
    return path


def _fill(agenda: Path, answers: dict[str, tuple[str, str]], target: Path) -> None:
    """What the meeting does: an agreed rating and its reason on one row of each criterion."""
    book = load_workbook(agenda)
    sheet = book["Agenda"]
    header = [c.value for c in sheet[1]]
    at = {name: header.index(name) for name in ("criterion", "agreed_rating", "rationale")}
    sheet.protection.sheet = False
    done: set[str] = set()
    for row in sheet.iter_rows(min_row=2):
        criterion = str(row[at["criterion"]].value)
        if criterion in answers and criterion not in done:
            row[at["agreed_rating"]].value, row[at["rationale"]].value = answers[criterion]
            done.add(criterion)
    assert done == set(answers)
    book.save(target)


def test_the_meetings_agenda_read_back_fills_in_the_moderated_file(
    capsys: Capsys, agenda: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    _fill(
        agenda,
        {
            "who.independence": ("Partly met", "The peer reviewer's evidence carried it."),
            "what.embedding-learning.training-impact": ("Not met", "No re-audit has tested the training."),
        },
        filled,
    )
    out = tmp_path / "moderated.yaml"
    result = run(
        capsys,
        "--disable-plugin",
        "*",
        "moderate",
        *FILES,
        "--agreed",
        str(filled),
        "--moderated-by",
        PANEL,
        "--moderated-on",
        "2026-11-20",
        "-o",
        str(out),
    )
    assert result.code == 0, result.err
    assert "2 agreed, 2 of them changed" in result.out
    moderated = ls.load_assessment(out)
    response = moderated.response("what.embedding-learning.training-impact")
    assert (response.rating, response.verdict) == ("met", "not_met")
    assert response.moderated is not None
    assert (response.moderated.by, response.moderated.moderated_on) == (PANEL, date(2026, 11, 20))
    assert response.moderated.rationale == "No re-audit has tested the training."
    # Every format shows the assessor's own rating beside the agreed one.
    markdown = run(
        capsys, "--disable-plugin", "*", "report", str(out), "--format", "markdown", "--as-of", "2026-11-27"
    ).out
    assert (
        "- Moderated by Northshire moderation panel on 2026-11-20: the assessor rated it Met, agreed Not met "
        "(moved down). Because: No re-audit has tested the training." in markdown
    )
    rows = list(
        csv.DictReader(
            io.StringIO(run(capsys, "--disable-plugin", "*", "report", str(out), "--format", "csv").out)
        )
    )
    row = next(r for r in rows if r["criterion"] == "what.embedding-learning.training-impact")
    assert (row["rating"], row["assessor_rating"], row["moderated"], row["moderated_by"]) == (
        "not_met",
        "met",
        "worsened",
        PANEL,
    )
    data = json.loads(run(capsys, "--disable-plugin", "*", "report", str(out), "--format", "json").out)
    found = next(c for s in data["sections"] for c in s["criteria"] if c["id"] == "who.independence")
    assert found["rating"] == "partly_met"
    assert found["moderation"]["assessor_rating"] == "met"
    terminal = run(capsys, "--disable-plugin", "*", "report", str(out), "--as-of", "2026-11-27").out
    assert "Moderated: 2 agreed" in terminal


def test_the_moderated_file_survives_every_file_kind(capsys: Capsys, agenda: Path, tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    _fill(agenda, {"who.independence": ("Partly met", "Agreed at the panel.")}, filled)
    out = tmp_path / "moderated.yaml"
    args = (
        "--disable-plugin",
        "*",
        "moderate",
        *FILES,
        "--agreed",
        str(filled),
        "--moderated-by",
        PANEL,
        "-o",
        str(out),
    )
    assert run(capsys, *args).code == 0
    original = ls.load_assessment(out)
    for suffix in (".json", ".xlsx", ".yml"):
        copy = tmp_path / f"copy{suffix}"
        assert run(capsys, "--disable-plugin", "*", "convert", str(out), "-o", str(copy)).code == 0
        assert ls.load_assessment(copy) == original, suffix


def test_agenda_mistakes_are_one_line_each_and_nothing_is_written(
    capsys: Capsys, agenda: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    _fill(
        agenda,
        {"who.independence": ("Superb", "Because."), "what.embedding-learning.training-impact": ("Met", "")},
        filled,
    )
    out = tmp_path / "moderated.yaml"
    result = run(
        capsys,
        "--disable-plugin",
        "*",
        "moderate",
        *FILES,
        "--agreed",
        str(filled),
        "--moderated-by",
        PANEL,
        "-o",
        str(out),
    )
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 2
    assert any(
        "'Superb' is not a rating on the scale" in line and "(agreed_rating)" in line for line in lines
    )
    assert any("(rationale): is blank" in line for line in lines)
    assert not out.exists()


def test_agreed_without_who_agreed_is_refused(capsys: Capsys, agenda: Path, tmp_path: Path) -> None:
    out = tmp_path / "moderated.yaml"
    result = run(capsys, "--disable-plugin", "*", "moderate", *FILES, "--agreed", str(agenda), "-o", str(out))
    assert result.code == 2
    assert "--agreed needs --moderated-by" in result.err
    assert not out.exists()


def test_started_without_an_agenda_it_holds_every_rating_and_agrees_none(
    capsys: Capsys, tmp_path: Path
) -> None:
    out = tmp_path / "started.yaml"
    result = run(capsys, "--disable-plugin", "*", "moderate", *FILES, "-o", str(out))
    assert result.code == 0, result.err
    started = ls.load_assessment(out)
    records = [r for r in started.responses if r.moderated is not None]
    assert records
    assert all(r.moderated is not None and r.moderated.rating is None for r in records)
    assert all(r.verdict == r.rating for r in started.responses)
    assert f"{len(records)} still to agree" in result.out


def test_a_restricted_rationale_is_withheld_from_public_reports_in_every_format(
    tmp_path: Path, capsys: Capsys, three: list[ls.Assessment], checklist: ls.Checklist
) -> None:
    rationale = "Discussed the case of child K at the panel."
    moderated = moderated_assessment(
        three,
        checklist,
        agreed={"who.independence": ("partly_met", rationale)},
        by=PANEL,
        on=date(2026, 11, 20),
    )
    response = moderated.response("who.independence")
    assert response.moderated is not None
    marked = moderated.with_response(
        attrs.evolve(response, moderated=attrs.evolve(response.moderated, rationale_restricted=True))
    )
    for suffix in (".yaml", ".json", ".xlsx"):  # the mark survives every kind of file
        path = tmp_path / f"moderated{suffix}"
        ls.save_assessment(marked, path, checklist=checklist)
        again = ls.load_assessment(path).response("who.independence").moderated
        assert again is not None
        assert again.rationale_restricted
    path = tmp_path / "moderated.yaml"
    for fmt in ("terminal", "markdown", "html", "csv", "json"):
        private = run(capsys, "report", str(path), "--format", fmt, "--as-of", "2026-11-27").out
        public = run(capsys, "report", str(path), "--format", fmt, "--as-of", "2026-11-27", "--public").out
        assert "child K" in " ".join(private.replace("│", " ").split()), fmt
        assert "child K" not in public, fmt
    summary = ls.make_public(ls.evaluate(marked, checklist, as_of=AS_OF))
    result = next(c for s in summary.sections for c in s.criteria if c.id == "who.independence")
    assert result.moderation is not None
    assert result.moderation.rationale == "[restricted: withheld from the public version]"
    assert result.rating == "partly_met"  # the figures are the same in the public version
