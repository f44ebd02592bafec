"""Reading and writing files: the rules people meet when they edit a file by hand."""

from __future__ import annotations

from datetime import date

import pytest

import lscp_scrutiny as ls
from clirunner import run

HEAD = """schema_version: 1
checklist:
  id: independent-scrutiny
  version: 1.0.0
partnership:
  name: P
assessor:
  name: A
assessed_on: 2026-10-01
"""


def test_a_list_not_yet_begun_is_empty() -> None:
    text = (
        HEAD
        + "responses:\n  - criterion: who.published-model\n    rating: met\n    evidence:\n    actions:\n"
    )
    response = ls.loads_assessment(text).responses[0]
    assert (response.evidence, response.actions) == ((), ())


def test_unknown_stays_apart_from_none() -> None:
    text = HEAD.replace("  name: P\n", "  name: P\n  scrutiny:\n    methods: []\n    areas:\n")
    scrutiny = ls.loads_assessment(text).partnership.scrutiny
    assert scrutiny.methods == ()
    assert scrutiny.areas is None
    assert scrutiny.independent_chair is None


@pytest.mark.parametrize("text", ["2026-1-01", "20261001", "2026W401", "2026-10-01T10:00"])
def test_dates_must_be_written_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(ls.InvalidInputError, match="expected a date written YYYY-MM-DD"):
        ls.loads_assessment(HEAD.replace("assessed_on: 2026-10-01", f"assessed_on: '{text}'"))


def test_command_line_dates_too(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "report", "examples/northshire-2026.yaml", "--as-of", "20261127")
    assert result.code == 2
    assert "expected a date written YYYY-MM-DD, got '20261127'" in result.err


def test_checklist_problems_name_their_fields(checklist: ls.Checklist) -> None:
    text = ls.dumps_checklist(checklist).replace("default_scale: met-partly-not", "default_scale: five-point")
    text = text.replace("      - vkpp-2022-report\n", "      - no-such-source\n", 1)
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_checklist(text, source="mine.yaml")
    lines = [str(p) for p in caught.value.problems]
    assert any(
        line.startswith("mine.yaml:") and ": default_scale: default_scale 'five-point'" in line
        for line in lines
    )
    assert any(
        ".sources: criterion " in line and "cites unknown source 'no-such-source'" in line for line in lines
    )


def test_repeated_and_contradictory_answers_name_their_fields() -> None:
    head = (
        "schema_version: 1\nchecklist: {id: independent-scrutiny, version: 1.0.0}\nassessor: {name: A}\n"
        "assessed_on: 2026-10-01\npartnership:\n  name: P\n  scrutiny:\n"
    )
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(head + "    methods: [interviews, interviews]\n", source="f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:8: partnership.scrutiny.methods[1]: 'interviews' is listed more than once"
    ]
    with pytest.raises(ls.InvalidInputError) as caught:
        ls.loads_assessment(
            head + "    independent_scrutineers: false\n    scrutineer_count: 2\n"
            "    independent_chair: false\n    chair_also_scrutinises: true\n",
            source="f.yaml",
        )
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:9: partnership.scrutiny.scrutineer_count: is above 0 but independent_scrutineers is false",
        "f.yaml:11: partnership.scrutiny.chair_also_scrutinises: is answered but independent_chair is false",
    ]


def test_rating_back_to_not_assessed_clears_the_date(checklist: ls.Checklist) -> None:
    assessment = ls.start_assessment(checklist, "P", "A")
    rated = ls.rate(assessment, checklist, "who.published-model", "met", rated_on=date(2026, 1, 1))
    unrated = ls.rate(rated, checklist, "who.published-model", ls.NOT_ASSESSED)
    assert unrated.response("who.published-model").rated_on is None


def test_written_files_keep_the_field_order_of_the_model(checklist: ls.Checklist) -> None:
    keys = [line.split(":")[0] for line in ls.dumps_checklist(checklist).splitlines() if line[:1].isalpha()]
    assert keys == [
        "schema_version",
        "id",
        "version",
        "title",
        "description",
        "interpretation",
        "default_scale",
        "scales",
        "sources",
        "sections",
        "retired",
    ]


def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lscp_scrutiny.cli._app.App.checked", interrupted)
    result = run(capsys, "validate", "examples/northshire-2026.yaml")
    assert (result.code, result.err.strip()) == (130, "Interrupted.")


def test_contributors_survive_files_but_do_not_change_equality(checklist: ls.Checklist) -> None:
    stamped = checklist.criteria[0]
    assert stamped.contributed_by == ls.Contributor(name="lscp-scrutiny", version=ls.__version__)
    for fmt in ("yaml", "json"):
        again = ls.loads_checklist(ls.dumps_checklist(checklist, fmt), fmt)
        assert again.criteria[0].contributed_by == stamped.contributed_by
    assert ls.load_checklist("checklists/independent-scrutiny.yaml") == checklist  # provenance aside
