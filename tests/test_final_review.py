"""Behaviour a final review asked for: safe outputs, contained plugins, careful survey reading."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny import cli
from lscp_scrutiny.assessing import provenance
from lscp_scrutiny.formats import OutputFormat
from lscp_scrutiny.model import Contributor
from lscp_scrutiny.render.markdown import md
from lscp_scrutiny.rules import Finding, ValidationRule

Capsys = pytest.CaptureFixture[str]
EXAMPLE = "examples/northshire-2026.yaml"


def _contributed(checklist: ls.Checklist, *contributors: Contributor) -> ls.Checklist:
    """The checklist with its first criteria credited to these contributors."""
    section, *others = checklist.sections
    credited = [
        evolve(criterion, contributed_by=contributor)
        for criterion, contributor in zip(section.criteria, contributors, strict=False)
    ]
    criteria = [*credited, *section.criteria[len(credited) :]]
    return evolve(checklist, sections=[evolve(section, criteria=criteria), *others])


def test_contributors_with_and_without_versions_sort(checklist: ls.Checklist) -> None:
    mixed = _contributed(
        checklist,
        Contributor(name="ww-measures", version="1.2"),
        Contributor(name="ww-measures", version=None),
    )
    names = [str(c) for c in provenance(mixed).contributors]
    assert names.index("ww-measures") < names.index("ww-measures 1.2")


def test_a_report_names_contributors_without_versions(
    checklist: ls.Checklist, assessment: ls.Assessment
) -> None:
    mixed = _contributed(
        checklist, Contributor(name="b-plugin", version=None), Contributor(name="a-plugin", version="2")
    )
    result = ls.evaluate(assessment, mixed)
    assert [str(c) for c in result.checklist.contributors][:2] == ["a-plugin 2", "b-plugin"]


def test_markdown_text_with_line_breaks_stays_readable() -> None:
    assert md("first line\nsecond\tline\r\n") == "first line second line"
    assert md("a*b*\n<c>") == r"a\*b\* \<c\>"


def test_no_output_replaces_an_input_even_with_force(capsys: Capsys, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.yaml"
    later = tmp_path / "later.yaml"
    earlier.write_text(Path(EXAMPLE).read_text())
    later.write_text(Path(EXAMPLE).read_text())
    result = run(capsys, "report", str(later), "--compare", str(earlier), "-o", str(earlier), "--force")
    assert result.code == 2
    assert "is the earlier assessment being compared" in result.err
    assert earlier.read_text() == Path(EXAMPLE).read_text()

    partnership = tmp_path / "p.yaml"
    partnership.write_text("name: Northshire Safeguarding Children Partnership\n")
    args = ("new", "lscp-scrutiny", "--partnership-file", str(partnership), "-o", str(partnership))
    result = run(capsys, *args, "--force")
    assert result.code == 2
    assert "is the partnership file" in result.err
    assert partnership.read_text() == "name: Northshire Safeguarding Children Partnership\n"

    result = run(capsys, "national", str(tmp_path), "-o", str(later), "--force")
    assert result.code == 2
    assert "is one of the files being aggregated" in result.err
    assert later.read_text() == Path(EXAMPLE).read_text()


def test_national_with_nothing_to_read_says_so(capsys: Capsys, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a return")
    result = run(capsys, "national", str(tmp_path))
    assert result.code == 2
    assert "no survey exports, partnership files or assessments found in" in result.err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_an_error_not_a_bug() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "lscp_scrutiny", "report", EXAMPLE, "--format", "markdown"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "Error: could not write the output: No space left on device\n"


def test_a_closed_pipe_is_quiet(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*_: object, **__: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(cli.cli, "main", closed)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["checklists"])
    assert stopped.value.code == 1
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "assessment.yaml"
    os.mkfifo(pipe)
    with pytest.raises(ls.InvalidInputError, match="is not a regular file"):
        ls.load_assessment(pipe)


def test_a_partnership_counted_twice_is_warned_about(capsys: Capsys, tmp_path: Path) -> None:
    returns = tmp_path / "returns.csv"
    returns.write_text("name,independent_scrutineers\nAshford SCP,yes\nashford  scp,no\nBrent SCP,yes\n")
    result = run(capsys, "national", str(returns), "--format", "csv")
    assert result.code == 0
    assert (
        result.err == "Warning: 2 survey returns are for a partnership named 'Ashford SCP'; each is counted\n"
    )
    assert "question,independent_scrutineers,Employ independent scrutineers,2,3" in result.out


def test_a_format_may_not_take_the_terminal_name() -> None:
    with pytest.raises(ValueError, match="'terminal' is kept for the built-in terminal report"):
        OutputFormat(name="terminal", description="Mine.", render=str)


def test_a_rule_that_exits_becomes_a_flag(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    def leave(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[Finding]:
        sys.exit(5)

    rule = ValidationRule(id="exits", description="Ends the program.", check=leave)
    summary = ls.evaluate(assessment, checklist, rules=[rule])
    assert [f.message for f in summary.flags if f.rule == "exits"] == [
        "validation rule exits tried to end the program (sys.exit(5)); its findings are missing"
    ]


def test_every_national_chart_is_named_once(capsys: Capsys) -> None:
    result = run(capsys, "national", "examples/national-survey", "--format", "html")
    assert result.code == 0
    charts = result.out.count("<svg ")
    ids = re.findall(r'<title id="(chart-\d+)">', result.out)
    assert charts == len(ids) == len(set(ids)) > 3
    assert '<title id="chart-1">WHO</title>' in result.out
