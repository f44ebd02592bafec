"""The terminal report fits its width: ids whole, every table inside ``--width``, messages wrapped at spaces.

At every width from 60 to 160 columns: no line of the report of the Northshire example (every criterion
of the built-in checklist, the action plan and the flags) is longer than the width, and every criterion
id is on some line whole, or cut by the documented rule (:func:`~lscp_scrutiny.render.terminal.fit_id`)
where the id is longer than the table is wide. The same for a plugin's 4-level scale beside the
built-in one, whose roll-up gives up its bar, its spacing and then whole headers to fit.
"""

from __future__ import annotations

import io
import re
import shlex
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from attrs import evolve
from rich.console import Console, RenderableType

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny import hookimpl
from lscp_scrutiny.cli.guided import GuidedAssessment
from lscp_scrutiny.io.assessment_file import AssessmentFile
from lscp_scrutiny.model import ChecklistExtension, Criterion, Section
from lscp_scrutiny.render.terminal import (
    ELLIPSIS,
    checklists_table,
    fit_id,
    render_report,
    rollup_view,
)
from lscp_scrutiny.testing import registry_with

Capsys = pytest.CaptureFixture[str]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = date(2026, 11, 27)
WIDTHS = range(60, 161)
EDGES = 2  # an id's line is the table's width less its two edge columns
_TOKEN = re.compile(r"[\w.…-]+")


def rendered(renderable: RenderableType, width: int) -> str:
    """``renderable`` printed without colour, never cropped: a line too long shows as too long."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, legacy_windows=False, highlight=False
    )
    console.print(renderable, crop=False)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def too_long(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > width]


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text))


def broken(text: str, ids: list[str]) -> list[str]:
    """The ids some line holds only the start of: a token that begins one, and is no id, nor cut by rule."""
    found = tokens(text)
    return sorted({i for i in ids for t in found if "." in t and i.startswith(t) and t != i and t not in ids})


def northshire() -> ls.Summary:
    assessment = ls.load_assessment(EXAMPLES / "northshire-2026.yaml")
    return ls.evaluate(assessment, ls.get_checklist(assessment.checklist.id), as_of=AS_OF)


def what_works() -> ModuleType:
    """A plugin with a 4-level scale, frozen for these layout tests.

    It is the What Works example plugin as it was at 1.0.0 (its evidence-strength scale, its four
    criteria and its two-kinds triangulation rule), kept here so that the layout tests, and the golden
    files of tests/test_golden.py, do not move when the example plugin's domain content changes. It
    cites no sources, so a change to the built-in sources cannot make it clash.
    """
    from collections.abc import Iterator  # noqa: PLC0415

    from lscp_scrutiny.model import RatingLevel, RatingScale  # noqa: PLC0415
    from lscp_scrutiny.rules import Finding, ValidationRule  # noqa: PLC0415

    plugin = ModuleType("four_level_plugin")
    scale = RatingScale(
        id="evidence-strength",
        name="Strength of the evidence behind the interventions",
        levels=[
            RatingLevel(id="strong", label="Strong", points=3, colour="green"),
            RatingLevel(id="moderate", label="Moderate", points=2, colour="green"),
            RatingLevel(id="limited", label="Limited", points=1, colour="amber"),
            RatingLevel(id="none", label="None", points=0, colour="red"),
        ],
    )
    titles = {
        "family-interventions": "Family interventions rated",
        "policing-interventions": "Policing interventions rated",
        "education-approaches": "Education approaches rated",
        "evaluation-plan": "Unrated work is evaluated",
    }
    section = Section(
        id="how.what-works",
        title="How scrutiny uses What Works evidence",
        question="how",
        criteria=[
            Criterion(
                id=f"how.what-works.{slug}",
                title=title,
                text=f"{title}.",
                question="how",
                obligation="may",
                scale=None if slug == "evaluation-plan" else scale.id,
            )
            for slug, title in titles.items()
        ],
    )

    def two_kinds(assessment: ls.Assessment, checklist: ls.Checklist) -> Iterator[Finding]:
        del checklist
        for response in assessment.responses:
            kinds = {evidence.kind for evidence in response.evidence}
            if response.is_scored and len(kinds) < 2:
                yield Finding(
                    criterion=response.criterion,
                    message=f"rests on {len(kinds)} kind{'s' if len(kinds) != 1 else ''} of evidence; "
                    "triangulation needs at least two",
                )

    @hookimpl
    def lscp_scrutiny_rating_scales() -> list[RatingScale]:
        return [scale]

    @hookimpl
    def lscp_scrutiny_checklist_extensions() -> list[ChecklistExtension]:
        return [ChecklistExtension(checklist="independent-scrutiny", sections=[section])]

    @hookimpl
    def lscp_scrutiny_validation_rules() -> list[ValidationRule]:
        return [ValidationRule(id="what-works.triangulation", description="Two kinds.", check=two_kinds)]

    plugin.lscp_scrutiny_rating_scales = lscp_scrutiny_rating_scales  # type: ignore[attr-defined]
    plugin.lscp_scrutiny_checklist_extensions = lscp_scrutiny_checklist_extensions  # type: ignore[attr-defined]
    plugin.lscp_scrutiny_validation_rules = lscp_scrutiny_validation_rules  # type: ignore[attr-defined]
    return plugin


def four_level_summary() -> ls.Summary:
    """Northshire 2026 against the built-in checklist with the 4-level plugin, three of its criteria rated."""
    registry = registry_with(what_works())
    checklist = registry.checklist("independent-scrutiny")
    assessment = ls.load_assessment(EXAMPLES / "northshire-2026.yaml")
    for criterion, rating in (
        ("how.what-works.family-interventions", "strong"),
        ("how.what-works.policing-interventions", "limited"),
        ("how.what-works.education-approaches", "none"),
    ):
        evidence = [ls.Evidence(kind="document", reference="Toolkit ratings")]
        assessment = ls.rate(assessment, checklist, criterion, rating, evidence=evidence)
    return ls.evaluate(assessment, checklist, as_of=AS_OF, rules=registry.rules_for(checklist))


# --- the rule for ids ----------------------------------------------------------------------------


def test_an_id_that_fits_is_whole_and_a_longer_one_is_cut_in_the_middle() -> None:
    identifier = "what.relevant-agencies.education-childcare-included"
    assert fit_id(identifier, len(identifier)) == identifier
    assert fit_id(identifier, 200) == identifier
    for width in range(2, len(identifier)):
        cut = fit_id(identifier, width)
        assert len(cut) == width
        head, tail = cut.split(ELLIPSIS)
        assert identifier.startswith(head)
        assert identifier.endswith(tail)
        assert len(tail) - len(head) in (0, 1)  # equal parts, the end given the odd column
    assert fit_id(identifier, 30) == "what.relevant-…ldcare-included"
    assert fit_id(identifier, 1) == ELLIPSIS
    assert fit_id(identifier, 0) == ""


# --- the built-in checklist at every width --------------------------------------------------------


def test_every_id_is_whole_and_every_line_fits_at_every_width(checklist: ls.Checklist) -> None:
    summary = northshire()
    ids = [criterion.id for criterion in checklist.criteria]
    assert max(map(len, ids)) <= WIDTHS.start - EDGES  # so the rule never cuts a built-in id here
    for width in WIDTHS:
        text = rendered(render_report(summary), width)
        assert not too_long(text, width), width
        found = tokens(text)
        missing = [i for i in ids if fit_id(i, width - EDGES) not in found]
        assert not missing, (width, missing)
        assert not broken(text, ids), width
        assert ELLIPSIS not in text, width


@pytest.mark.parametrize("name", ["northshire-2025.yaml", "riverbridge-2026.json", "compared"])
def test_every_example_and_the_comparison_fit(name: str, checklist: ls.Checklist) -> None:
    """The other examples (one rates "Not yet assessed" everywhere) and a report comparing two years."""
    if name == "compared":
        earlier = ls.load_assessment(EXAMPLES / "northshire-2025.yaml")
        summary = ls.compare(ls.evaluate(earlier, checklist, as_of=AS_OF), northshire())
    else:
        summary = ls.evaluate(ls.load_assessment(EXAMPLES / name), checklist, as_of=AS_OF)
    ids = [criterion.id for criterion in checklist.criteria]
    for width in (60, 61, 67, 72, 79, 80, 81, 99, 100, 120, 160):
        text = rendered(render_report(summary), width)
        assert not too_long(text, width), width
        assert set(ids) <= tokens(text), width
        assert not broken(text, ids), width


def test_ids_broke_mid_word_before_and_do_not_now(checklist: ls.Checklist) -> None:
    """The figure of issue 16: 15 of the 48 ids broke at 80 columns; none does now, none is cut."""
    text = rendered(render_report(northshire()), 80)
    ids = [criterion.id for criterion in checklist.criteria]
    assert len(ids) == 54
    assert broken(text, ids) == []
    assert all(i in tokens(text) for i in ids)


def test_a_plugin_id_longer_than_the_table_is_cut_by_the_rule() -> None:
    long_id = "how.a-very-long-section-name-from-a-plugin." + "criterion-with-a-long-slug-" * 2 + "end"

    class LongIds:
        @hookimpl
        def lscp_scrutiny_checklist_extensions(self) -> list[ChecklistExtension]:
            criterion = Criterion(
                id=long_id, title="A criterion with a long id", text="Some text.", question="how"
            )
            section = Section(
                id="how.a-very-long-section-name-from-a-plugin",
                title="A plugin's section",
                question="how",
                criteria=(criterion,),
            )
            return [ChecklistExtension(checklist="independent-scrutiny", sections=(section,))]

    checklist = registry_with(LongIds()).checklist("independent-scrutiny")
    assessment = ls.start_assessment(checklist, "P", "A")
    summary = ls.evaluate(assessment, checklist, as_of=AS_OF)
    for width in (60, 80, 120):
        text = rendered(render_report(summary), width)
        assert not too_long(text, width)
        shown = fit_id(long_id, width - EDGES)
        assert shown in tokens(text)
        assert (shown == long_id) == (len(long_id) <= width - EDGES)


# --- a plugin's 4-level scale ---------------------------------------------------------------------


def test_the_roll_up_of_a_four_level_scale_fits_every_width() -> None:
    summary = four_level_summary()
    assert len(summary.levels) == 7  # met, partly met, not met and the four of the plugin
    for width in WIDTHS:
        text = rendered(rollup_view(summary), width)
        assert not too_long(text, width), width
        for level in summary.levels:  # each level is named in full, in its header or the legend
            assert level.label in " ".join(text.split()) or level.label.split()[0] in tokens(text), width


def test_the_roll_up_gives_up_room_in_the_documented_order() -> None:
    summary = four_level_summary()
    wide = rendered(rollup_view(summary), 160)
    assert "█" in wide  # the bar, at its widest
    assert "64% (65/101)" in wide
    at_80 = rendered(rollup_view(summary), 80)
    assert "█" not in at_80  # the bar goes first, then spacing, and group names wrap at spaces
    assert ELLIPSIS not in at_80  # every header whole
    assert {"Strong", "Moderate", "Limited", "None"} <= tokens(at_80)
    assert "64% (65/101)" in at_80
    assert "information sharing" not in at_80
    assert {"information", "sharing"} <= tokens(at_80)
    at_77 = rendered(rollup_view(summary), 77)
    assert "64% (65/101)" not in at_77  # then scores wrap at their space
    assert re.search(r"64% *\n *\(65/101\)", at_77)
    assert ELLIPSIS not in at_77
    at_60 = rendered(rollup_view(summary), 60)
    assert f"Mo{ELLIPSIS}" in tokens(at_60)  # headers shortened, and named in a legend
    assert f"Mo{ELLIPSIS} is Moderate" in " ".join(at_60.split())


def test_the_four_level_report_fits_at_80_and_120() -> None:
    summary = four_level_summary()
    ids = [result.id for section in summary.sections for result in section.criteria]
    for width in (80, 120):
        text = rendered(render_report(summary), width)
        assert not too_long(text, width)
        assert all(i in tokens(text) for i in ids)


# --- the checklists table -------------------------------------------------------------------------


def checklist_rows(checklist: ls.Checklist) -> list[tuple[ls.Checklist, str]]:
    other = evolve(checklist, id="national-outcomes-extended-checklist", version="2026.11.27-rc1")
    return [
        (checklist, "lscp-scrutiny 0.1.0"),
        (other, "file /home/someone/partnership/checklists/national-outcomes.yaml"),
    ]


@pytest.mark.parametrize("count", [1, 2])
def test_the_checklists_table_drops_nothing_at_any_width(checklist: ls.Checklist, count: int) -> None:
    rows = checklist_rows(checklist)[:count]
    for width in range(40, 161):
        text = rendered(checklists_table(rows), width)
        assert not too_long(text, width), width
        assert ELLIPSIS not in text
        found = tokens(text)
        for listed, _ in rows:
            assert {listed.id, listed.version, str(len(listed.criteria))} <= found, width
            assert set(listed.title.split()) <= found, width


def test_the_checklists_command_fits_80_columns(capsys: Capsys) -> None:
    result = run(capsys, "checklists")
    assert result.code == 0
    assert not too_long(result.out, 80)
    assert {"independent-scrutiny", "1.1.1", "54", "lscp-scrutiny"} <= tokens(result.out)


# --- the guided assessment's closing lines ---------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80])
def test_the_closing_lines_wrap_at_spaces_and_keep_the_path_whole(
    tmp_path: Path, checklist: ls.Checklist, width: int
) -> None:
    folder = tmp_path / "a folder with spaces in its name"
    folder.mkdir()
    path = folder / "assessment.yaml"
    ls.save_assessment(ls.start_assessment(checklist, "Testshire SCP", "A. Scrutineer"), path)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, legacy_windows=False, highlight=False)
    session: Any = GuidedAssessment(AssessmentFile(path, checklist), checklist, console, today=AS_OF)
    session.farewell()
    lines = buffer.getvalue().splitlines()
    command = f"lscp-scrutiny assess {shlex.quote(str(path))}"
    assert f"  {path}" in lines  # the path, and the command to carry on, whole on lines of their own
    assert f"  {command}" in lines
    words = [line for line in lines if line.strip() not in (str(path), command)]
    assert all(len(line) <= width for line in words)  # everything else wraps at spaces
    said = " ".join(" ".join(words).split())
    assert "Saved 0 answers to the file below; 54 criteria still to answer. To carry on, run:" in said
