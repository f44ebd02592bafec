"""The national picture: the study's figures from the shipped returns, and the rules of N-of-M counting."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.files import dumps_partnership
from lscp_scrutiny.national import NationalPicture, national_picture
from lscp_scrutiny.render.national import (
    render_national_csv,
    render_national_html,
    render_national_json,
    render_national_markdown,
)
from lscp_scrutiny.survey import COLUMNS, load_returns, write_survey_csv
from strategies import partnerships

ROOT = Path(__file__).resolve().parent.parent
SURVEY = ROOT / "examples" / "national-survey" / "returns.csv"
ASSESSMENTS = ROOT / "examples" / "national-assessments"
Capsys = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def returns() -> list[ls.Partnership]:
    return load_returns([SURVEY])


def _figures(picture: NationalPicture) -> dict[str, tuple[int | None, int | None]]:
    found = {q.figure.id: (q.figure.count, q.figure.of) for q in picture.questions}
    found.update({f.id: (f.count, f.of) for f in (*picture.scrutineer_count, picture.chair_also_scrutinises)})
    found.update({f.id: (f.count, f.of) for f in (*picture.methods, *picture.areas)})
    return found


def test_the_shipped_returns_reproduce_the_study(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns)
    figures = _figures(picture)
    assert picture.returns == 105
    assert figures["independent_scrutineers"] == (67, 100)
    assert figures["scrutineer_count.one"] == (51, 67)
    assert figures["scrutineer_count.two_or_more"] == (16, 67)
    assert figures["independent_chair"] == (60, 101)
    assert figures["chair_also_scrutinises"] == (54, 60)
    assert picture.chair_also_scrutinises.share == pytest.approx(0.90)
    assert figures["children_in_scrutiny_role"] == (28, 95)
    assert figures["in_partnership_peer_review"] == (22, 76)
    assert figures["between_partnership_peer_review"] == (16, 76)
    assert figures["six_steps_framework"] == (66, 88)
    # the most common methods, in the study's order
    assert [f.id for f in picture.methods[:4]] == [
        "methods.interviews",
        "methods.data_analysis",
        "methods.focus_groups",
        "methods.observation",
    ]


def test_yaml_csv_and_xlsx_give_the_same_picture(returns: list[ls.Partnership], tmp_path: Path) -> None:
    folder = tmp_path / "yaml"
    folder.mkdir()
    for index, partnership in enumerate(returns):
        (folder / f"{index:03}.yaml").write_text(dumps_partnership(partnership))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in csv.reader(io.StringIO(write_survey_csv(returns))):
        sheet.append(row)
    book.save(tmp_path / "returns.xlsx")
    from_yaml = national_picture(load_returns([folder]))
    from_xlsx = national_picture(load_returns([tmp_path / "returns.xlsx"]))
    from_csv = national_picture(returns)
    assert from_yaml == from_csv == from_xlsx
    assert load_returns([folder]) == returns


def test_bad_rows_are_all_reported_by_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text(
        ",".join(COLUMNS) + "\n"
        "Good Partnership,,yes,no,1,,,,,,,,interviews,\n"
        ",,maybe,,x,,,,,,,,,\n"
        "Third,,no,,3,,,,,,,,interviewing;observation,impact\n"
    )
    with pytest.raises(ls.InvalidInputError) as caught:
        load_returns([bad])
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}: row 3, column name: every return needs the partnership's name",
        f"{bad}: row 3, column independent_scrutineers: expected yes, no or an empty cell (unknown), got 'maybe'",
        f"{bad}: row 3, column scrutineer_count: expected a whole number or an empty cell, got 'x'",
        (
            f"{bad}: row 4, column methods: 'interviewing' not one of: interviews, data_analysis, focus_groups, "
            "observation, multi_agency_audit, case_file_review, practitioner_survey, child_and_family_feedback, "
            "document_review, other"
        ),
    ]


def test_spreadsheet_errors_name_sheet_and_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Returns"
    sheet.append(list(COLUMNS))
    sheet.append(["A", "", "perhaps"])
    sheet.append(["B", "", "=1+1"])
    path = tmp_path / "returns.xlsx"
    book.save(path)
    with pytest.raises(ls.InvalidInputError) as caught:
        load_returns([path])
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == (
        f"{path}: sheet Returns, cell C2 (independent_scrutineers): expected yes, no or an empty cell "
        "(unknown), got 'perhaps'"
    )
    assert any("cell C3: holds a formula; lscp-scrutiny reads values, never formulas" in m for m in messages)


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text("name,independent_scrutinerz\nA,yes\n")
    with pytest.raises(ls.InvalidInputError, match="unknown column 'independent_scrutinerz'"):
        load_returns([bad])


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text("name,scrutineer_count,scrutineer_count\nA,1,2\n")
    with pytest.raises(ls.InvalidInputError, match="column 'scrutineer_count' is named twice"):
        load_returns([bad])


def test_values_under_no_column_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text("name,independent_scrutineers,scrutineer_count\nA,yes,1\nB,yes,2,3\n")
    with pytest.raises(ls.InvalidInputError) as caught:
        load_returns([bad])
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}: row 3, cell 4: a value under no column name (a stray comma?)"
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Returns"
    sheet.append(["name", "", "scrutineer_count"])
    sheet.append(["A", "stray", "1"])
    path = tmp_path / "returns.xlsx"
    book.save(path)
    with pytest.raises(ls.InvalidInputError) as caught:
        load_returns([path])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: sheet Returns, cell B2: a value under no column name"
    ]


def test_contradicting_answers_name_the_column_that_contradicts(tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text("name,independent_scrutineers,scrutineer_count\nA,no,2\n")
    with pytest.raises(ls.InvalidInputError) as caught:
        load_returns([bad])
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}: row 2, column scrutineer_count: is above 0 but independent_scrutineers is false"
    ]


# --- properties ---------------------------------------------------------------------------------------

_many = st.lists(partnerships(), max_size=12)


@settings(max_examples=40, deadline=None)
@given(_many)
def test_counts_never_exceed_their_denominators(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns)
    for count, of in _figures(picture).values():
        assert count is not None
        assert of is not None
        assert 0 <= count <= of <= len(returns)


@settings(max_examples=40, deadline=None)
@given(_many, st.text(min_size=1).filter(str.strip))
def test_an_unanswered_return_changes_no_figure(returns: list[ls.Partnership], name: str) -> None:
    before = national_picture(returns)
    after = national_picture([*returns, ls.Partnership(name=name)])
    assert before.returns is not None
    assert after.returns == before.returns + 1
    assert _figures(after) == _figures(before)


@settings(max_examples=40, deadline=None)
@given(_many, partnerships())
def test_adding_a_return_changes_only_what_it_answered(
    returns: list[ls.Partnership], new: ls.Partnership
) -> None:
    before, after = _figures(national_picture(returns)), _figures(national_picture([*returns, new]))
    answered = {
        field
        for field in (
            "independent_scrutineers",
            "independent_chair",
            "scrutiny_panel",
            "children_in_scrutiny_role",
            "in_partnership_peer_review",
            "between_partnership_peer_review",
            "six_steps_framework",
        )
        if getattr(new.scrutiny, field) is not None
    }
    for key, (count, of) in after.items():
        if key in {
            "independent_scrutineers",
            "independent_chair",
            "scrutiny_panel",
            "children_in_scrutiny_role",
            "in_partnership_peer_review",
            "between_partnership_peer_review",
            "six_steps_framework",
        }:
            old_count, old_of = before[key]
            assert old_count is not None
            assert old_of is not None
            assert of == old_of + (key in answered)
            assert count == old_count + (getattr(new.scrutiny, key) is True)


# --- assessments across partnerships ----------------------------------------------------------------


def test_assessments_aggregate(checklist: ls.Checklist) -> None:
    summaries = [
        ls.evaluate(ls.load_assessment(path), checklist, as_of=date(2026, 11, 27))
        for path in sorted(ASSESSMENTS.glob("*.json"))
    ]
    picture = national_picture([], summaries)
    (assessments,) = picture.assessments
    assert assessments.assessments == len(summaries) == 8
    for criterion in assessments.criteria:
        assert sum(n or 0 for n in criterion.counts.values()) == 8
    assert assessments.triangulated is not None
    assert assessments.self_reported_only is not None
    assert assessments.triangulated + assessments.self_reported_only == assessments.ratings
    assert assessments.ratings == sum(
        s.overall.criteria - s.overall.not_assessed - s.overall.not_applicable for s in summaries
    )
    shares = [c.not_met_share or 0 for c in assessments.most_often_not_met]
    assert shares == sorted(shares, reverse=True)
    overall_points = sum(g.points or 0 for g in assessments.questions)
    assert overall_points == sum(s.overall.points for s in summaries)


# --- publishing ---------------------------------------------------------------------------------------


def test_small_counts_are_withheld_in_every_format(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns, suppress_below=7)
    other = next(f for f in picture.methods if f.id == "methods.other")
    assert (other.count, other.of, other.suppressed) == (None, 97, True)  # 6 of 97
    assert json.loads(render_national_json(picture))["methods"][-1]["count"] is None
    row = next(
        r for r in csv.DictReader(io.StringIO(render_national_csv(picture))) if r["id"] == "methods.other"
    )
    assert (row["count"], row["suppressed"]) == ("", "yes")
    assert "withheld of 97" in render_national_markdown(picture)
    assert "withheld of 97" in render_national_html(picture)
    assert "6 of 97" not in render_national_markdown(picture)
    kept = next(f for f in picture.methods if f.id == "methods.interviews")
    assert (kept.count, kept.suppressed) == (87, False)
    # 105 returns, 97 listing their methods: the 8 who did not would show through at 10
    assert {f.of for f in national_picture(returns, suppress_below=10).methods} == {None}


def test_figures_that_add_up_are_withheld_together(returns: list[ls.Partnership]) -> None:
    one, two = national_picture(returns, suppress_below=20).scrutineer_count
    assert (two.count, two.suppressed) == (None, True)  # 16 of 67
    assert (one.count, one.suppressed) == (None, True)  # 51 of 67 would give 16 away
    text = render_national_markdown(national_picture(returns, suppress_below=20))
    assert "withheld of 67" in text
    assert "fewer than" not in text  # small and withheld-with read alike: telling them apart narrows them
    assert "51 of 67" not in text
    one, two = national_picture(returns, suppress_below=10).scrutineer_count
    assert (one.count, two.count) == (51, 16)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "csv", "json"])
def test_national_command(fmt: str, capsys: Capsys) -> None:
    result = run(capsys, "national", str(SURVEY), str(ASSESSMENTS), "--format", fmt, "--as-of", "2026-11-27")
    assert result.code == 0, result.err
    flat = " ".join(result.out.split())
    if fmt == "json":
        data = json.loads(result.out)
        assert data["returns"] == 105
        assert data["assessments"][0]["assessments"] == 8
    elif fmt == "csv":
        assert "question,independent_scrutineers,Employ independent scrutineers,67,100" in flat
    else:
        assert "67 of 100 (67%)" in flat
        assert "54 of 60 (90%)" in flat


def test_national_command_bad_input(capsys: Capsys, tmp_path: Path) -> None:
    bad = tmp_path / "returns.csv"
    bad.write_text("name,six_steps_framework\nA,sometimes\nB,never\n")
    result = run(capsys, "national", str(bad))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"Error: {bad}: row 2, column six_steps_framework: expected yes, no or an empty cell (unknown), got 'sometimes'",
        f"Error: {bad}: row 3, column six_steps_framework: expected yes, no or an empty cell (unknown), got 'never'",
    ]


def test_national_with_nothing_to_read_says_so(capsys: Capsys, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a return")
    result = run(capsys, "national", str(tmp_path))
    assert result.code == 2
    assert "no survey exports, partnership files or assessments found in" in result.err


def test_a_partnership_counted_twice_is_warned_about(capsys: Capsys, tmp_path: Path) -> None:
    returns = tmp_path / "returns.csv"
    returns.write_text("name,independent_scrutineers\nAshford SCP,yes\nashford  scp,no\nBrent SCP,yes\n")
    result = run(capsys, "national", str(returns), "--format", "csv")
    assert result.code == 0
    assert result.err.splitlines()[-1] == (
        "Warning: 2 survey returns are for a partnership named 'Ashford SCP'; each is counted"
    )
    assert "question,independent_scrutineers,Employ independent scrutineers,2,3" in result.out


def test_every_national_chart_is_named_once(capsys: Capsys) -> None:
    result = run(capsys, "national", "examples/national-survey", "--format", "html")
    assert result.code == 0
    charts = result.out.count("<svg ")
    ids = re.findall(r'<title id="(chart-\d+)">', result.out)
    assert charts == len(ids) == len(set(ids)) > 3
    assert '<title id="chart-1">WHO</title>' in result.out


def test_returns_round_trip_through_the_export(returns: list[ls.Partnership], tmp_path: Path) -> None:
    path = tmp_path / "again.csv"
    path.write_text(write_survey_csv(returns))
    assert load_returns([path]) == returns
    answered_none = evolve(returns[0], scrutiny=evolve(returns[0].scrutiny, methods=()))
    path.write_text(write_survey_csv([answered_none]))
    assert load_returns([path])[0].scrutiny.methods == ()  # "none", not unknown


def test_a_share_that_would_reveal_a_small_count_is_withheld(checklist: ls.Checklist) -> None:
    summaries = [
        ls.evaluate(ls.load_assessment(path), checklist, as_of=date(2026, 11, 27))
        for path in sorted(ASSESSMENTS.glob("*.json"))
    ]
    open_picture = national_picture([], summaries)
    (assessments,) = national_picture([], summaries, suppress_below=5).assessments
    revealing = [c for c in open_picture.assessments[0].criteria if c.not_met and c.not_met < 5]
    assert revealing
    withheld = {c.id: c for c in assessments.criteria}
    for criterion in revealing:
        assert withheld[criterion.id].not_met is None
        assert withheld[criterion.id].not_met_share is None
    markdown = render_national_markdown(national_picture([], summaries, suppress_below=5))
    assert "withheld" in markdown
    assert "## WHO" not in markdown  # no survey returns given: no empty survey tables


# --- the page a stakeholder reads (issue 16, item 7) ----------------------------------------------------


def _every_view(picture: NationalPicture) -> dict[str, str]:
    from rich.console import Console  # noqa: PLC0415

    from lscp_scrutiny.render.national import national_view  # noqa: PLC0415

    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(national_view(picture))
    return {
        "terminal": console.export_text(),
        "markdown": render_national_markdown(picture),
        "html": render_national_html(picture),
        "csv": render_national_csv(picture),
        "json": render_national_json(picture),
    }


def test_ways_children_take_part_are_counted_of_those_who_said(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns)
    ways = {f.label: (f.count, f.of) for f in picture.children_involvement}
    said = [r for r in returns if r.scrutiny.children_involvement]
    lists = [r.scrutiny.children_involvement or () for r in said]
    for label, (count, of) in ways.items():
        assert of == len(said)
        assert count == sum(label in listed for listed in lists)
    assert ways["infographics"] == (16, 28)
    assert sum(count or 0 for count, _ in ways.values()) == sum(len(listed) for listed in lists)


def test_a_way_few_partnerships_said_is_left_out_words_and_all(returns: list[ls.Partnership]) -> None:
    rare = ls.Partnership(
        name="Rare",
        scrutiny=ls.ScrutinyArrangement(
            children_in_scrutiny_role=True, children_involvement=("Young Inspectors of Rarely",)
        ),
    )
    picture = national_picture([*returns, rare], suppress_below=5)
    assert "young inspectors of rarely" not in {f.label.casefold() for f in picture.children_involvement}
    for name, text in _every_view(picture).items():
        assert "Rarely" not in text, name
    shown = national_picture([*returns, rare])  # not published: every way is shown
    assert ("Young Inspectors of Rarely", 1) in {(f.label, f.count) for f in shown.children_involvement}


def test_the_same_way_in_other_words_is_one_way() -> None:
    said = [("Films", "reports"), ("films ",), ("  FILMS",)]
    returns = [
        ls.Partnership(
            name=f"P{i}",
            scrutiny=ls.ScrutinyArrangement(children_in_scrutiny_role=True, children_involvement=s),
        )
        for i, s in enumerate(said)
    ]
    (films, reports) = national_picture(returns).children_involvement
    assert (films.label, films.count, films.of) == ("Films", 3, 3)
    assert (reports.label, reports.count, reports.of) == ("reports", 1, 3)


def test_who_did_not_answer_is_said_beside_each_question(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns)
    views = _every_view(picture)
    panel = next(q for q in picture.questions if q.figure.id == "scrutiny_panel")
    assert (panel.figure.count, panel.figure.of, panel.not_answered) == (69, 98, 7)
    assert "| Have a scrutiny committee or panel | 69 of 98 (70%) | 7 |" in views["markdown"]
    assert '<td class="num">69 of 98 (70%)</td><td class="num">7</td>' in views["html"]
    assert re.search(r"Have a scrutiny committee or panel\s+69 of 98 \(70%\)\s+7\s", views["terminal"])
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(views["csv"]))}
    assert rows["scrutiny_panel"]["not_answered"] == "7"
    assert rows["methods.interviews"]["not_answered"] == ""  # of the returns that listed methods
    listed = next(f for f in picture.methods).of
    assert listed == 97
    for name in ("markdown", "html", "terminal"):
        assert "Of the 97 returns that listed their methods; the other 8 did not." in " ".join(
            views[name].split()
        ), name


def test_a_question_nobody_answered_says_so_and_draws_no_bar() -> None:
    picture = national_picture([ls.Partnership(name="Quiet")])  # a return that answered nothing
    views = _every_view(picture)
    assert "0 of 0" not in "".join(views.values())
    assert "no answers" in views["markdown"]
    assert "█" not in views["terminal"]
    assert "░" not in views["terminal"]
    assert "<rect" not in views["html"]  # no bar, empty or not: it would read as 0%
    assert json.loads(views["json"])["questions"][0]["figure"]["of"] == 0  # the data keeps the zero


def test_every_view_says_how_its_figures_were_made(returns: list[ls.Partnership]) -> None:
    picture = national_picture(returns, suppress_below=5, as_of=date(2026, 11, 27))
    for name, text in _every_view(picture).items():
        if name in ("csv", "json"):
            continue
        flat = " ".join(text.split())
        assert "How these figures were made" in flat, name
        assert (
            f"Source: 105 survey returns and 0 checklist assessments, put together by lscp-scrutiny {ls.__version__} on 2026-11-27."
            in flat
        ), name
        assert "never counted as a no" in flat, name
        assert "Counts from 1 to 4 are withheld" in flat, name
    unpublished = render_national_markdown(national_picture(returns))
    assert "Nothing is withheld" in unpublished
    assert json.loads(render_national_json(picture))["as_of"] == "2026-11-27"


def test_long_chart_labels_wrap_at_spaces_and_are_never_cut() -> None:
    from lscp_scrutiny.render.html import CHART_CHARACTER_WIDTH, bar_chart  # noqa: PLC0415

    label = "Involve children and young people in a scrutiny role, and say how they take part in it"
    chart = bar_chart(
        [(label, 0.5, "1 of 2 (50%)"), ("Short", None, "no answers")], "T", title_id="t", label_width=280
    )
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart)
    assert len(lines) > 1
    assert " ".join(lines) == label  # every word, in order
    assert all(len(line) * CHART_CHARACTER_WIDTH <= 280 for line in lines)
    assert chart.count("<rect") == 2  # the bar and its track for the first; none for "no answers"
    height = int(re.search(r'height="(\d+)"', chart).group(1))  # type: ignore[union-attr]
    assert height == 24 * 2 + 14 * (len(lines) - 1) + 10


# --- by assessor role (issue 15, item 6) -------------------------------------------------------------


def _summaries(checklist: ls.Checklist) -> list[ls.Summary]:
    as_of = date(2026, 11, 27)
    return [
        ls.evaluate(ls.load_assessment(path), checklist, as_of=as_of)
        for path in sorted(ASSESSMENTS.iterdir())
    ]


def test_assessments_split_by_role_are_disjoint_groups(checklist: ls.Checklist) -> None:
    summaries = _summaries(checklist)
    pooled = national_picture([], summaries)
    split = national_picture([], summaries, by_role=True)
    assert [a.assessor_role for a in pooled.assessments] == [None]
    roles = [a.assessor_role for a in split.assessments]
    assert roles == sorted({s.assessor_role for s in summaries})
    assert sum(a.assessments or 0 for a in split.assessments) == pooled.assessments[0].assessments == 8
    for picture in split.assessments:
        mine = [s for s in summaries if s.assessor_role == picture.assessor_role]
        assert picture.assessments == len(mine)
        assert picture.ratings == sum(
            s.overall.criteria - s.overall.not_assessed - s.overall.not_applicable for s in mine
        )
    markdown = render_national_markdown(split)
    assert "## Checklist assessments: independent-scrutiny 1.1.1, self assessment" in markdown
    assert "## Checklist assessments: independent-scrutiny 1.1.1, independent scrutineer" in markdown


def test_a_partnerships_assessments_in_different_roles_are_compared(checklist: ls.Checklist) -> None:
    from lscp_scrutiny.core.agreement import agreement  # noqa: PLC0415

    as_of = date(2026, 11, 27)
    self_assessed = ls.evaluate(
        ls.load_assessment(ROOT / "examples" / "northshire-2025.yaml"), checklist, as_of=as_of
    )
    scrutinised = ls.evaluate(
        ls.load_assessment(ROOT / "examples" / "northshire-2026.yaml"), checklist, as_of=as_of
    )
    assert (self_assessed.assessor_role, scrutinised.assessor_role) == (
        "self_assessment",
        "independent_scrutineer",
    )
    others = _summaries(checklist)  # each of another partnership: none of them counts here
    picture = national_picture([], [*others, self_assessed, scrutinised])
    (found,) = picture.role_agreement
    assert (found.partnerships, found.roles) == (1, ("independent_scrutineer", "self_assessment"))
    scale = {level.id for level in scrutinised.levels}
    by_id: dict[str, list[int | None]] = {}
    for summary in (self_assessed, scrutinised):
        for section in summary.sections:
            for result in section.criteria:
                by_id.setdefault(result.id, []).append(result.points if result.rating in scale else None)
    assert found.agreement == agreement(by_id.values())
    assert found.agreement is not None
    text = render_national_markdown(picture)
    assert f"exact agreement {found.agreement.percent_agreement:.0%}" in text
    published = national_picture([], [*others, self_assessed, scrutinised], suppress_below=5)
    (hidden,) = published.role_agreement
    assert (hidden.partnerships, hidden.agreement) == (None, None)  # one partnership: it would be named
    assert "withheld, as too few partnerships" in render_national_markdown(published)
    assert json.loads(render_national_json(published))["role_agreement"][0]["agreement"] is None


def test_national_by_role_on_the_command_line(capsys: Capsys) -> None:
    result = run(
        capsys, "national", str(ASSESSMENTS), "--by-role", "--format", "csv", "--as-of", "2026-11-27"
    )
    assert result.code == 0, result.err
    groups = {
        row["group"] for row in csv.DictReader(io.StringIO(result.out)) if row["kind"] == "criterion rating"
    }
    assert groups == {
        "independent-scrutiny:independent_scrutineer",
        "independent-scrutiny:peer_review_between_partnerships",
        "independent-scrutiny:self_assessment",
    }


def test_who_said_yes_but_not_how_cannot_be_worked_out(returns: list[ls.Partnership]) -> None:
    """Review finding: 28 said yes to children in a scrutiny role, 25 said how: 3 would be worked out."""
    blanked, changed = [], 0
    for partnership in returns:
        scrutiny = partnership.scrutiny
        if scrutiny.children_in_scrutiny_role and scrutiny.children_involvement and changed < 3:
            blanked.append(evolve(partnership, scrutiny=evolve(scrutiny, children_involvement=None)))
            changed += 1
        else:
            blanked.append(partnership)
    raw = national_picture(blanked)
    yes = next(q for q in raw.questions if q.figure.id == "children_in_scrutiny_role").figure.count
    assert (yes, raw.children_involvement[0].of) == (28, 25)
    published = national_picture(blanked, suppress_below=5)
    assert published.children_involvement  # the ways are still shown, ...
    assert all(f.of is None for f in published.children_involvement)  # ... but not how many said how
    for f in published.children_involvement:
        assert f.count is not None
        assert not 0 < 28 - f.count < 5  # nor a way that would leave a few who said yes
    text = render_national_markdown(published)
    assert "the other 80 did not" not in text
    assert "Of the returns that said how children and young people take part: how many is withheld." in text
