"""Small-count suppression cannot be undone (issue 13, item 16).

The rule (docs/national.md): from everything ``national --suppress-below N`` publishes, in any format, no
count from 1 to N-1 can be read, or worked out by adding and subtracting published numbers.

The property test builds its own account of the counts from the returns (independently of the code under
test): each group of figures is a table of *cells* (the finest groups of partnerships: said yes, said no,
did not answer, ...) and every published number is the sum of some of them. It renders the picture in
every format, reads back every number each format shows, checks that each agrees with the JSON (so
the JSON's numbers are all there is), and then searches: each published number, the sum and difference
of every pair, and every known total less any of its published parts, and finally any combination at all
(exact linear algebra). None may come to a cell or a figure whose count is from 1 to N-1.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import Counter
from fractions import Fraction
from html import unescape

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

import lscp_scrutiny as ls
from lscp_scrutiny.core.national import (
    AssessmentPicture,
    CriterionPicture,
    GroupPicture,
    NationalPicture,
    national_picture,
    suppress,
)
from lscp_scrutiny.model import FIXED_STATES
from lscp_scrutiny.render.national import (
    national_view,
    render_national_csv,
    render_national_html,
    render_national_json,
    render_national_markdown,
)
from strategies import scrutiny_arrangements

Form = frozenset[str]
Table = tuple[dict[str, int], dict[str, Form]]  # cells and their values; published key -> its cells


# --- the counts, worked out from the returns ------------------------------------------------------------


def _survey_tables(returns: list[ls.Partnership]) -> dict[str, Table]:  # noqa: C901, PLR0912 - one branch a table
    """Every group of survey figures as cells, and the keys of the numbers published about them."""
    tables: dict[str, Table] = {}
    everyone = len(returns)
    yes_no = [q.figure.id for q in national_picture([]).questions]
    for field in yes_no:
        answers = [getattr(r.scrutiny, field) for r in returns]
        cells: dict[str, int] = Counter()
        for r, answer in zip(returns, answers, strict=True):
            if answer is None:
                cells["unanswered"] += 1
            elif not answer:
                cells["no"] += 1
            elif field == "independent_scrutineers":
                n = r.scrutiny.scrutineer_count
                cells["unsaid" if n is None else "one" if n == 1 else "two"] += 1
            elif field == "independent_chair":
                a = r.scrutiny.chair_also_scrutinises
                cells["unsaid" if a is None else "chair-yes" if a else "chair-no"] += 1
            else:
                cells["yes"] += 1
        yes = {
            "independent_scrutineers": {"one", "two", "unsaid"},
            "independent_chair": {"chair-yes", "chair-no", "unsaid"},
        }.get(field, {"yes"})
        forms = {
            f"{field}.count": frozenset(yes),
            f"{field}.of": frozenset(yes | {"no"}),
            f"{field}.not_answered": frozenset({"unanswered"}),
            "returns": frozenset({*yes, "no", "unanswered"}),
        }
        if field == "independent_scrutineers":
            forms |= {
                "scrutineer_count.one.count": frozenset({"one"}),
                "scrutineer_count.two_or_more.count": frozenset({"two"}),
                "scrutineer_count.one.of": frozenset({"one", "two"}),
                "scrutineer_count.two_or_more.of": frozenset({"one", "two"}),
            }
        if field == "independent_chair":
            forms |= {
                "chair_also_scrutinises.count": frozenset({"chair-yes"}),
                "chair_also_scrutinises.of": frozenset({"chair-yes", "chair-no"}),
            }
        tables[field] = (dict.fromkeys(forms["returns"], 0) | dict(cells), forms)
    for group, choices in (("methods", ls.ScrutinyMethod), ("areas", ls.ScrutinyArea)):
        for choice in choices:
            cells = Counter()
            for r in returns:
                listed = getattr(r.scrutiny, group)
                cells["unanswered" if listed is None else "has" if choice in listed else "not"] += 1
            key = f"{group}.{choice.value}"
            forms = {
                f"{key}.count": frozenset({"has"}),
                f"{key}.of": frozenset({"has", "not"}),
                "returns": frozenset({"has", "not", "unanswered"}),
            }
            tables[key] = (dict.fromkeys(forms["returns"], 0) | dict(cells), forms)
    said: dict[str, str] = {}
    for r in returns:
        for way in r.scrutiny.children_involvement or ():
            if way.strip():
                said.setdefault(" ".join(way.split()).casefold(), way)
    for way in said:  # each way children take part: of the returns that said any
        cells = Counter()
        for r in returns:
            keys = {
                " ".join(w.split()).casefold() for w in r.scrutiny.children_involvement or () if w.strip()
            }
            cells["unanswered" if not keys else "has" if way in keys else "not"] += 1
        key = f"children_involvement.{way}"
        forms = {
            f"{key}.count": frozenset({"has"}),
            f"{key}.of": frozenset({"has", "not"}),
            "returns": frozenset({"has", "not", "unanswered"}),
        }
        tables[key] = (dict.fromkeys(forms["returns"], 0) | dict(cells), forms)
    assert all(sum(cells.values()) == everyone for cells, _ in tables.values())
    return tables


def _assessment_tables(picture: AssessmentPicture) -> dict[str, Table]:
    """The criteria's rating counts (one space: every rating of every criterion), and the evidence."""
    cells: dict[str, int] = {}
    forms: dict[str, Form] = {}
    scale_cells: set[str] = set()
    for c in picture.criteria:
        mine = {f"{c.id}/{r}": n or 0 for r, n in c.counts.items()}
        cells |= mine
        scale = {f"{c.id}/{r}" for r in c.counts if r not in FIXED_STATES}
        scale_cells |= scale
        forms |= {f"crit.{c.id}.rating.{r}": frozenset({f"{c.id}/{r}"}) for r in c.counts}
        forms[f"crit.{c.id}.rated"] = frozenset(scale)
        forms[f"crit.{c.id}.not_met"] = frozenset(
            f"{c.id}/{r}" for r in picture.not_met_levels if r in c.counts
        )
        forms[f"crit.{c.id}.assessments"] = frozenset(mine)
    forms["ratings"] = frozenset(scale_cells)
    t, w, r = picture.triangulated or 0, picture.with_evidence or 0, picture.ratings or 0
    evidence = {"t": t, "one": w - t, "none": r - w}
    evidence_forms = {
        "triangulated": frozenset({"t"}),
        "self_reported_only": frozenset({"one", "none"}),
        "with_evidence": frozenset({"t", "one"}),
        "ratings": frozenset(evidence),
    }
    return {"criteria": (cells, forms), "evidence": (evidence, evidence_forms)}


# --- what each format publishes ---------------------------------------------------------------------------


def _published_json(data: dict[str, object]) -> dict[str, int]:
    """Every number the JSON publishes that is a count, by the keys of the tables above."""
    found: dict[str, int | None] = {"returns": data["returns"]}  # type: ignore[dict-item]
    for q in data["questions"]:  # type: ignore[attr-defined]
        f = q["figure"]
        found |= {f"{f['id']}.count": f["count"], f"{f['id']}.of": f["of"]}
        found[f"{f['id']}.not_answered"] = q["not_answered"]
    groups = (*data["scrutineer_count"], data["chair_also_scrutinises"], *data["methods"], *data["areas"])  # type: ignore[misc]
    for f in (*groups, *data["children_involvement"]):  # type: ignore[misc]
        found |= {f"{f['id']}.count": f["count"], f"{f['id']}.of": f["of"]}
    for a in data["assessments"]:  # type: ignore[attr-defined]
        for key in ("ratings", "with_evidence", "triangulated", "self_reported_only"):
            found[key] = a[key]
        for c in a["criteria"]:
            found |= {f"crit.{c['id']}.rating.{r}": n for r, n in c["counts"].items()}
            found[f"crit.{c['id']}.rated"] = c["rated"]
            found[f"crit.{c['id']}.not_met"] = c["not_met"]
            found[f"crit.{c['id']}.assessments"] = a["assessments"]
    return {k: v for k, v in found.items() if v is not None}


_COUNT = re.compile(r"(withheld|\d+) of (withheld|\d+)(?: \((\d+)%\))?")


def _check_text_agrees(picture: NationalPicture, text: str, times: int) -> None:
    """Each "N of M (P%)" a text format shows is the JSON's, in reading order, with nothing more."""
    figures = [
        *(q.figure for q in picture.questions),
        *picture.scrutineer_count,
        picture.chair_also_scrutinises,
        *picture.children_involvement,
        *picture.methods,
        *picture.areas,
    ]
    nobody = [f for f in figures if f.of == 0 and f.count is not None]  # "no answers": no "0 of 0", no bar
    assert text.count("no answers") == times * len(nobody)
    figures = [f for f in figures if f not in nobody]
    shown = _COUNT.findall(text)
    expected = [
        ("withheld" if f.count is None else str(f.count), "withheld" if f.of is None else str(f.of))
        for f in figures
    ]
    if times == 1:
        assert [(n, m) for n, m, _ in shown] == expected
        for (_, _, share), f in zip(shown, figures, strict=True):
            assert bool(share) == (
                f.share is not None
            )  # a share only beside a published count and denominator
    else:  # HTML: each group's chart, then its table
        assert Counter((n, m) for n, m, _ in shown) == Counter(expected * times)
        assert sum(bool(share) for _, _, share in shown) == times * sum(f.share is not None for f in figures)


def _check_csv_agrees(picture: NationalPicture, text: str, published: dict[str, int]) -> None:
    for row in csv.DictReader(io.StringIO(text)):
        if row["kind"] == "criterion rating":
            cid, _, rating = row["id"].rpartition(".")
            pairs = ((f"crit.{cid}.rating.{rating}", row["count"]), (f"crit.{cid}.assessments", row["of"]))
        else:
            pairs = ((f"{row['id']}.count", row["count"]), (f"{row['id']}.of", row["of"]))
        for key, value in pairs:
            assert (value or None) == (str(published[key]) if key in published else None), key
        if row["share"]:
            assert row["count"]
            assert row["of"]
    del picture


# --- the search ---------------------------------------------------------------------------------------------


def _in_span(target: Form, published: list[Form], cells: list[str]) -> bool:
    rows = [[Fraction(cell in form) for cell in cells] for form in published]
    goal = [Fraction(cell in target) for cell in cells]
    rank = 0
    for column in range(len(cells)):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank]
        for i, row in enumerate(rows):
            if i != rank and row[column]:
                factor = row[column] / lead[column]
                rows[i] = [a - factor * b for a, b in zip(row, lead, strict=True)]
        if goal[column]:
            factor = goal[column] / lead[column]
            goal = [a - factor * b for a, b in zip(goal, lead, strict=True)]
        rank += 1
    return not any(goal)


def _derivable_secrets(table: Table, published: dict[str, int], below: int) -> list[str]:  # noqa: C901, PLR0912
    """Small counts of the table that published numbers give away, and how."""
    cells, forms = table
    value = {k: sum(cells.get(c, 0) for c in f) for k, f in forms.items()}
    for k, v in published.items():  # what is published is what the returns say
        if k in forms:
            assert value[k] == v, (k, value[k], v)
    secrets = {frozenset({c}): f"cell {c}" for c, n in cells.items() if 0 < n < below}
    secrets |= {f: k for k, f in forms.items() if 0 < value[k] < below}
    shown = {k: forms[k] for k in published if k in forms}
    found = []
    for k, f in shown.items():  # each published number
        if f in secrets:
            found.append(f"{secrets[f]} is published as {k}")
    for (a, fa), (b, fb) in itertools.permutations(shown.items(), 2):  # sums and differences of pairs
        if fa.isdisjoint(fb) and fa | fb in secrets:
            found.append(f"{secrets[fa | fb]} = {a} + {b}")
        if fb < fa and fa - fb in secrets:
            found.append(f"{secrets[fa - fb]} = {a} - {b}")
    for total, whole in shown.items():  # a known total less any of its published parts
        parts = [(k, f) for k, f in shown.items() if f < whole]
        for size in range(2, min(len(parts), 4) + 1):
            for chosen in itertools.combinations(parts, size):
                used = [f for _, f in chosen]
                if sum(map(len, used)) == len(frozenset().union(*used)):
                    rest = whole - frozenset().union(*used)
                    if rest in secrets:
                        found.append(f"{secrets[rest]} = {total} - " + " - ".join(k for k, _ in chosen))
    order = sorted(cells)
    for secret, name in secrets.items():  # and any combination at all
        if _in_span(secret, list(shown.values()), order):
            found.append(f"{name} follows from the published numbers")
    return found


# --- generated pictures -----------------------------------------------------------------------------------

_LEVELS = {"met": 2, "partly": 1, "not_met": 0}
_RATINGS = (*_LEVELS, "not_applicable", "not_assessed")


@st.composite
def assessment_pictures(draw: st.DrawFn) -> AssessmentPicture:
    """Rating counts of a few criteria over the same assessments, and the evidence behind them."""
    total = draw(st.integers(1, 14))
    criteria = []
    for number in range(draw(st.integers(1, 4))):
        cuts = sorted(
            draw(st.lists(st.integers(0, total), min_size=len(_RATINGS) - 1, max_size=len(_RATINGS) - 1))
        )
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        known = {r: n for r, n in zip(_RATINGS, sizes, strict=True) if n}
        counts: dict[str, int | None] = dict(known)
        rated = sum(n for r, n in known.items() if r in _LEVELS)
        not_met = known.get("not_met", 0)
        criteria.append(
            CriterionPicture(
                id=f"c{number}",
                title=f"Criterion {number}",
                section="s0" if number < 2 else "s1",
                question="how",
                counts=counts,
                rated=rated,
                not_met=not_met,
                not_met_share=not_met / rated if rated else None,
            )
        )
    ratings = sum(c.rated or 0 for c in criteria)
    with_evidence = draw(st.integers(0, ratings))
    triangulated = draw(st.integers(0, with_evidence))

    def group(id_: str, members: list[CriterionPicture]) -> GroupPicture:
        points = sum(_LEVELS[r] * (n or 0) for c in members for r, n in c.counts.items() if r in _LEVELS)
        maximum = 2 * sum(c.rated or 0 for c in members)
        return GroupPicture(
            id=id_, title=id_, points=points, max_points=maximum, score=points / maximum if maximum else None
        )

    return AssessmentPicture(
        checklist="generated",
        checklist_version="1",
        assessments=total,
        criteria=tuple(criteria),
        most_often_not_met=(),
        sections=(group("s0", criteria[:2]), group("s1", criteria[2:])),
        questions=(group("how", criteria),),
        ratings=ratings,
        with_evidence=with_evidence,
        triangulated=triangulated,
        self_reported_only=ratings - triangulated,
        not_met_levels=("not_met",),
    )


WAYS = ("films", "Films", "sub groups", "sub  groups ", "reports", "young inspectors", "  ")
"""Ways children take part, as returns word them (case and spaces differ): their words are shown as
labels, so they are drawn from these rather than any text, which could look like a count ("3 of 4")."""


def _worded(s: ls.ScrutinyArrangement) -> ls.ScrutinyArrangement:
    said = s.children_involvement
    if not said:
        return s
    return evolve(s, children_involvement=tuple(dict.fromkeys(WAYS[len(w) % len(WAYS)] for w in said)))


_returns = st.lists(scrutiny_arrangements().map(_worded), max_size=16).map(
    lambda answers: [ls.Partnership(name=f"P{i}", scrutiny=s) for i, s in enumerate(answers)]
)


def _every_format(picture: NationalPicture) -> dict[str, str]:
    console = Console(width=240, record=True, file=io.StringIO(), color_system=None)
    console.print(national_view(picture))
    return {
        "terminal": console.export_text(),
        "markdown": render_national_markdown(picture),
        "html": unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", render_national_html(picture)))
        ),
        "csv": render_national_csv(picture),
        "json": render_national_json(picture),
    }


@settings(max_examples=120, deadline=None)
@given(_returns, st.lists(assessment_pictures(), max_size=1), st.integers(2, 7))
def test_no_small_count_can_be_worked_out_from_any_format(
    returns: list[ls.Partnership], assessments: list[AssessmentPicture], below: int
) -> None:
    picture = evolve(national_picture(returns), assessments=tuple(assessments))
    published_picture = suppress(picture, below)
    texts = _every_format(published_picture)
    published = _published_json(json.loads(texts["json"]))
    _check_csv_agrees(published_picture, texts["csv"], published)
    if published_picture.returns != 0:
        _check_text_agrees(published_picture, texts["markdown"], 1)
        _check_text_agrees(published_picture, texts["terminal"], 1)
        _check_text_agrees(published_picture, texts["html"], 2)  # each figure in a chart and a table
    leaks = []
    for name, table in _survey_tables(returns).items():
        leaks += [f"{name}: {leak}" for leak in _derivable_secrets(table, published, below)]
    for a in assessments:
        for name, table in _assessment_tables(a).items():
            leaks += [f"{name}: {leak}" for leak in _derivable_secrets(table, published, below)]
    assert not leaks, leaks
    for a in published_picture.assessments:  # points are weighted sums of counts: withheld with them
        for g in (*a.sections, *a.questions):
            behind = [c for c in a.criteria if g.id in (c.section, c.question)]
            if any(c.rated is None or None in c.counts.values() for c in behind):
                assert (g.points, g.max_points, g.score) == (None, None, None)


def test_withheld_rows_come_last_in_a_neutral_order() -> None:
    """Methods are sorted by their counts; withheld ones would still be, by the hidden counts."""
    methods = (
        [(ls.ScrutinyMethod.INTERVIEWS,)] * 20
        + [(ls.ScrutinyMethod.OTHER,)] * 3
        + [(ls.ScrutinyMethod.FOCUS_GROUPS,)]
    )
    returns = [
        ls.Partnership(name=f"P{i}", scrutiny=ls.ScrutinyArrangement(methods=m))
        for i, m in enumerate(methods)
    ]
    shown = [(f.id, f.count) for f in national_picture(returns, suppress_below=5).methods]
    withheld = [i for i, n in shown if n is None]
    assert withheld == sorted(withheld)
    assert shown[: len(shown) - len(withheld)] == sorted(
        ((i, n) for i, n in shown if n is not None), key=lambda pair: (-(pair[1] or 0), pair[0])
    )
    assert {"methods.focus_groups", "methods.other"} <= set(withheld)  # 1 and 3: their order says nothing


def test_the_examples_of_issue_13() -> None:
    """ "fewer than 5 of 38" then "fewer than 5 of 3"; 9 yes of 10; met 6 of 8 beside partly withheld."""
    with_three = [ls.ScrutinyArrangement(independent_scrutineers=True, scrutineer_count=1)] * 3
    returns = [
        ls.Partnership(name=f"P{i}", scrutiny=s)
        for i, s in enumerate([*with_three, *[ls.ScrutinyArrangement(independent_scrutineers=False)] * 35])
    ]
    picture = national_picture(returns, suppress_below=5)
    one, two = picture.scrutineer_count
    assert picture.questions[0].figure.count is None
    assert one.of is None
    assert two.of is None
    nine = [ls.ScrutinyArrangement(scrutiny_panel=True)] * 9 + [ls.ScrutinyArrangement(scrutiny_panel=False)]
    panel = national_picture(
        [ls.Partnership(name=f"P{i}", scrutiny=s) for i, s in enumerate(nine)], suppress_below=5
    )
    (figure,) = [q.figure for q in panel.questions if q.figure.id == "scrutiny_panel"]
    assert figure.count is None or figure.of is None  # 10 - 9 would be the one "no"
    criterion = CriterionPicture(
        id="c",
        title="C",
        section="s",
        question="how",
        counts={"met": 6, "partly": 2},
        rated=8,
        not_met=0,
        not_met_share=0.0,
    )
    group = GroupPicture(id="s", title="S", points=14, max_points=16, score=14 / 16)
    assessments = AssessmentPicture(
        checklist="x",
        checklist_version="1",
        assessments=8,
        criteria=(criterion,),
        most_often_not_met=(),
        sections=(group,),
        questions=(evolve(group, id="how"),),
        ratings=8,
        with_evidence=8,
        triangulated=8,
        self_reported_only=0,
        not_met_levels=("not_met",),
    )
    (hidden,) = suppress(evolve(national_picture([]), assessments=(assessments,)), 5).assessments
    assert hidden.criteria[0].counts == {"met": None, "partly": None}
    not_answered = [ls.ScrutinyArrangement(six_steps_framework=True)] * 10 + [ls.ScrutinyArrangement()] * 2
    six = national_picture(
        [ls.Partnership(name=f"P{i}", scrutiny=s) for i, s in enumerate(not_answered)], suppress_below=5
    )
    (question,) = [q for q in six.questions if q.figure.id == "six_steps_framework"]
    assert question.not_answered is None
    assert question.figure.of is None  # 12 returns - 10 answered = the 2 who did not
