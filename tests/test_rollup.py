"""The roll-up of agency returns (issue 18, item 3): counts that match an independent count, in every format.

The shipped Section 11 round (examples/section-11/) is counted here by hand, from the files, and each
format's figures are read back and compared with that count.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run, run_benchmark
from lscp_scrutiny.core.national import suppress_assessment_picture
from lscp_scrutiny.core.rollup import rollup
from lscp_scrutiny.errors import InvalidInputError
from lscp_scrutiny.render._common import percent

Capsys = pytest.CaptureFixture[str]
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "section-11"
ROUND = EXAMPLE / "returns"
EXPECTED = EXAMPLE / "northshire-partnership.yaml"
AS_OF = "2026-12-01"
LEVELS = ("green", "amber", "red")


def _returns() -> list[Path]:
    return sorted(p for p in ROUND.iterdir() if p.suffix in (".yaml", ".json", ".xlsx"))


@pytest.fixture(scope="module")
def by_hand() -> dict[str, Counter[str]]:
    """Per standard, how many returns gave each verdict: the agreed rating where a challenge agreed one."""
    counts: dict[str, Counter[str]] = {}
    for path in _returns():
        assessment = ls.load_assessment(path)
        for response in assessment.responses:
            agreed = response.moderated.rating if response.moderated is not None else None
            counts.setdefault(response.criterion, Counter())[agreed or response.rating] += 1
    return counts


def _rollup(capsys: Capsys, *args: str) -> str:
    done = run(capsys, "rollup", str(ROUND), "--expected", str(EXPECTED), "--as-of", AS_OF, *args)
    assert done.code == 0, done.err
    return done.out


def _share(count: int, of: int) -> str:
    return f"{count} of {of} ({percent(count / of)})" if of else "none rated"


def _expected_cells(by_hand: dict[str, Counter[str]]) -> dict[str, list[str]]:
    """Per standard, the cells every drawn format shows: each level N of M, then N/A, then not answered."""
    cells = {}
    for criterion, counts in by_hand.items():
        rated = sum(counts[level] for level in LEVELS)
        cells[criterion] = [
            *(_share(counts[level], rated) for level in LEVELS),
            str(counts[ls.NOT_APPLICABLE]),
            str(counts[ls.NOT_ASSESSED]),
        ]
    return cells


def test_the_round_is_a_dozen_returns_of_mixed_kinds_with_some_missing() -> None:
    returns = _returns()
    assert len(returns) >= 12
    assert {p.suffix for p in returns} == {".yaml", ".json", ".xlsx"}
    expected = ls.load_partnership(EXPECTED)
    agencies = {ls.load_assessment(p).agency.name for p in returns}  # type: ignore[union-attr]
    named = {p.organisation for p in expected.partners} | {a.name for a in expected.relevant_agencies}
    assert agencies < named  # some expected agencies have not returned


def test_json_counts_equal_an_independent_count(capsys: Capsys, by_hand: dict[str, Counter[str]]) -> None:
    data = json.loads(_rollup(capsys, "--format", "json"))
    assert data["overall"]["assessments"] == len(_returns())
    for criterion in data["overall"]["criteria"]:
        counts = by_hand[criterion["id"]]
        assert criterion["counts"] == dict(sorted(counts.items()))
        assert criterion["rated"] == sum(counts[level] for level in LEVELS)


def test_markdown_html_and_word_show_the_same_cells(
    capsys: Capsys, by_hand: dict[str, Counter[str]], tmp_path: Path
) -> None:
    cells = _expected_cells(by_hand)
    markdown = _rollup(capsys, "--format", "markdown")
    page = _rollup(capsys, "--format", "html")
    out = tmp_path / "rollup.docx"
    _rollup(capsys, "-o", str(out))
    word_rows: dict[str, list[str]] = {}
    for table in docx.Document(str(out)).tables:
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            found = re.search(r"\(([a-z0-9.-]+)\)$", texts[0])
            if found and found.group(1) in cells and len(texts) == 6:
                word_rows.setdefault(found.group(1), texts[1:])
    for criterion, expected in cells.items():
        md_row = next(
            line for line in markdown.splitlines() if line.endswith("|") and f"({criterion}) |" in line
        )
        assert md_row.split(" | ")[1:] == [*expected[:-1], expected[-1] + " |"]
        html_row = re.search(rf"\({re.escape(criterion)}\)</th>((?:<td>[^<]*</td>)+)</tr>", page)
        assert html_row is not None
        assert [html.unescape(c) for c in re.findall(r"<td>([^<]*)</td>", html_row.group(1))] == expected
        assert word_rows[criterion] == expected


def test_csv_rows_equal_an_independent_count(capsys: Capsys, by_hand: dict[str, Counter[str]]) -> None:
    rows = list(csv.DictReader(io.StringIO(_rollup(capsys, "--format", "csv"))))
    overall = [r for r in rows if r["group_by"] == "all"]
    for row in overall:
        assert int(row["count"]) == by_hand[row["criterion"]][row["rating"]]


def test_the_missing_returns_are_listed(capsys: Capsys) -> None:
    expected = ls.load_partnership(EXPECTED)
    named = [p.organisation for p in expected.partners] + [a.name for a in expected.relevant_agencies]
    returned = {ls.load_assessment(p).agency.name for p in _returns()}  # type: ignore[union-attr]
    missing = [name for name in named if name not in returned]
    data = json.loads(_rollup(capsys, "--format", "json"))
    assert data["missing"] == missing
    markdown = _rollup(capsys, "--format", "markdown")
    assert f"{len(missing)} of the {len(named)} expected agencies" in markdown
    for name in missing:
        assert f"| {name} |" in markdown.replace("\\'", "'")


def test_by_sector_groups_add_up_to_the_whole(capsys: Capsys) -> None:
    data = json.loads(_rollup(capsys, "--by", "sector", "--format", "json"))
    assert sum(g["returns"] for g in data["groups"]) == data["overall"]["assessments"]
    for index, whole in enumerate(data["overall"]["criteria"]):
        summed: Counter[str] = Counter()
        for group in data["groups"]:
            summed.update(group["picture"]["criteria"][index]["counts"])
        assert dict(summed) == whole["counts"]


def test_each_agency_line_counts_its_own_actions(capsys: Capsys) -> None:
    data = json.loads(_rollup(capsys, "--format", "json"))
    day = date.fromisoformat(AS_OF)
    for line in data["returns"]:
        path = next(p for p in _returns() if ls.load_assessment(p).agency.name == line["agency"])  # type: ignore[union-attr]
        actions = [a for r in ls.load_assessment(path).responses for a in r.actions]
        assert line["open_actions"] == sum(1 for a in actions if a.status.is_open)
        assert line["overdue_actions"] == sum(1 for a in actions if a.is_overdue(day))


def test_a_challenged_rating_counts_as_agreed_and_is_said(capsys: Capsys) -> None:
    challenged = {
        ls.load_assessment(p).agency.name: sum(  # type: ignore[union-attr]
            1 for r in ls.load_assessment(p).responses if r.moderated is not None and r.moderated.rating
        )
        for p in _returns()
    }
    assert any(challenged.values()), "the round should hold a challenged return"
    data = json.loads(_rollup(capsys, "--format", "json"))
    assert {line["agency"]: line["challenged"] for line in data["returns"]} == challenged


def test_restricted_notes_never_reach_any_format(capsys: Capsys) -> None:
    secrets = [
        r.notes for p in _returns() for r in ls.load_assessment(p).responses if r.notes_restricted and r.notes
    ]
    assert secrets, "the round should hold a restricted note to test with"
    outputs = [_rollup(capsys, "--format", f) for f in ("terminal", "markdown", "html", "csv", "json")]
    for text in outputs:
        for secret in secrets:
            assert secret[:40] not in text


def test_published_rollup_withholds_small_counts_under_the_national_rule(capsys: Capsys) -> None:
    data = json.loads(_rollup(capsys, "--suppress-below", "3", "--by", "sector", "--format", "json"))
    assert data["returns"] == []
    assert data["most_often_not_met"] == []
    for picture in [data["overall"], *(g["picture"] for g in data["groups"])]:
        for criterion in picture["criteria"]:
            assert all(n is None or n == 0 or n >= 3 for n in criterion["counts"].values())
    summaries = [
        ls.evaluate(ls.load_assessment(p), ls.get_checklist("section-11"), as_of=date(2026, 12, 1))
        for p in _returns()
    ]
    whole = rollup(summaries, as_of=date(2026, 12, 1))
    assert (
        suppress_assessment_picture(whole.overall, 3)
        == rollup(summaries, as_of=date(2026, 12, 1), suppress_below=3).overall
    )


def test_formula_looking_agency_names_are_neutralised_in_csv(tmp_path: Path, capsys: Capsys) -> None:
    source = ls.load_assessment(_returns()[0])
    path = tmp_path / "evil.yaml"
    ls.save_assessment(evolve(source, agency=ls.AssessedAgency(name='=HYPERLINK("http://x")')), path)
    done = run(capsys, "rollup", str(path), "--by", "agency", "--format", "csv", "--as-of", AS_OF)
    assert done.code == 0, done.err
    groups = {row["group"] for row in csv.DictReader(io.StringIO(done.out))}
    assert '\'=HYPERLINK("http://x")' in groups


# --- bad input: one line each, exit code 2, nothing written ------------------------------------------


def _copy(path: Path, target: Path, **changes: Any) -> Path:
    ls.save_assessment(evolve(ls.load_assessment(path), **changes), target)
    return target


def _refused(capsys: Capsys, tmp_path: Path, *files: Path) -> str:
    out = tmp_path / "rollup.md"
    done = run(capsys, "rollup", *map(str, files), "-o", str(out), "--as-of", AS_OF)
    assert done.code == 2
    assert not out.exists()
    lines = [line for line in done.err.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, done.err
    return lines[0]


def test_a_return_from_another_partnership_is_refused(tmp_path: Path, capsys: Capsys) -> None:
    first = _returns()[0]
    other = _copy(
        first,
        tmp_path / "other.yaml",
        partnership=ls.Partnership(name="Southmoor SCP"),
        agency=ls.AssessedAgency(name="Southmoor Police"),
    )
    line = _refused(capsys, tmp_path, first, other)
    assert "other.yaml: is a return to Southmoor SCP" in line
    assert "roll up one partnership at a time, or use --by partnership" in line


def test_two_returns_for_one_agency_are_refused(tmp_path: Path, capsys: Capsys) -> None:
    first = _returns()[0]
    again = _copy(first, tmp_path / "again.yaml")
    line = _refused(capsys, tmp_path, first, again)
    assert "again.yaml: is a second return for" in line
    assert str(first) in line


def test_a_return_against_another_checklist_is_refused(tmp_path: Path, capsys: Capsys) -> None:
    first = _returns()[0]
    scrutiny = tmp_path / "scrutiny.yaml"
    assert (
        run(
            capsys,
            "new",
            "independent-scrutiny",
            "--partnership",
            ls.load_assessment(first).partnership.name,
            "-o",
            str(scrutiny),
            "--agency",
            "Northshire Police",
        ).code
        == 0
    )
    line = _refused(capsys, tmp_path, first, scrutiny)
    assert "scrutiny.yaml: is a return against independent-scrutiny, but" in line


def test_an_unreadable_return_is_one_line_per_problem(tmp_path: Path, capsys: Capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n")
    out = tmp_path / "rollup.md"
    done = run(capsys, "rollup", str(_returns()[0]), str(bad), "-o", str(out), "--as-of", AS_OF)
    assert done.code == 2
    assert not out.exists()
    lines = [line for line in done.err.splitlines() if line.strip()]
    assert lines == [
        f"Error: {bad}:1: {field}: required field is missing"
        for field in ("checklist", "partnership", "assessor", "assessed_on")
    ]


def test_the_expected_agencies_file_beside_the_returns_is_not_read_as_one(
    tmp_path: Path, capsys: Capsys
) -> None:
    folder = tmp_path / "round"
    folder.mkdir()
    for path in _returns()[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / EXPECTED.name).write_bytes(EXPECTED.read_bytes())
    done = run(capsys, "rollup", str(folder), "--expected", str(folder / EXPECTED.name), "--format", "json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["overall"]["assessments"] == 2


def test_no_returns_is_a_usage_error(tmp_path: Path, capsys: Capsys) -> None:
    done = run(capsys, "rollup", str(tmp_path))
    assert done.code == 2
    assert f"no returns found in {tmp_path}" in done.err


def test_a_python_caller_gets_every_problem() -> None:
    summaries = [ls.evaluate(ls.load_assessment(p), ls.get_checklist("section-11")) for p in _returns()[:2]]
    with pytest.raises(InvalidInputError) as caught:
        rollup(
            [summaries[0], summaries[0], summaries[1], summaries[1]],
            as_of=date(2026, 12, 1),
            sources=["a", "b", "c", "d"],
        )
    assert [p.source for p in caught.value.problems] == ["b", "d"]


def test_the_rollup_benchmark_runs() -> None:
    """benchmarks/rollup.py at a small size: it still runs and prints its bound."""
    done = run_benchmark("rollup.py", "--returns", "3", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    assert "| roll-up of the workbooks |" in done.stdout
    assert re.search(r"reading alone: \d+\.\d\dx \(bound: 1\.5x\)", done.stdout)


def test_the_shipped_round_is_what_its_script_writes(tmp_path: Path) -> None:
    """examples/section-11/make_returns.py rebuilds the shipped files: text byte for byte, workbooks in content."""
    script = EXAMPLE / "make_returns.py"
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / EXPECTED.name).read_bytes() == EXPECTED.read_bytes()
    assert sorted(p.name for p in (tmp_path / "returns").iterdir()) == [p.name for p in _returns()]
    for shipped in _returns():
        rebuilt = tmp_path / "returns" / shipped.name
        if shipped.suffix == ".xlsx":
            assert ls.load_assessment(rebuilt) == ls.load_assessment(shipped)
        else:
            assert rebuilt.read_bytes() == shipped.read_bytes()
