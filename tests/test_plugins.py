"""Plugins: every hook, real entry-point discovery, and every way a plugin can go wrong.

Plugins here are real installed distributions: a ``*.dist-info`` folder with an ``entry_points.txt`` on
``sys.path``, which is exactly what ``pip install`` leaves behind and what ``importlib.metadata`` reads.
(The wheel check in ``test_wheel.py`` pip-installs the two example plugins too.)
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
import types
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest
from attrs import evolve

import lscp_scrutiny as ls
from clirunner import in_fresh_python, run
from lscp_scrutiny import hookspecs
from lscp_scrutiny.assessing import provenance
from lscp_scrutiny.formats import OutputFormat
from lscp_scrutiny.model import Contributor
from lscp_scrutiny.plugins import DuplicateContributionError, Registry, get_plugin_manager
from lscp_scrutiny.rules import Finding, ValidationRule
from lscp_scrutiny.testing import assert_plugin_works, registry_with

ROOT = Path(__file__).resolve().parent.parent
Capsys = pytest.CaptureFixture[str]


class FakeSite:
    """A folder on sys.path into which tests 'install' plugin distributions."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.monkeypatch = monkeypatch
        root.mkdir(parents=True, exist_ok=True)
        # Plugins really installed here (a developer's, say) are disabled: a test sees only its own.
        self.hidden = sorted({ep.name for ep in metadata.entry_points(group="lscp_scrutiny")})
        monkeypatch.syspath_prepend(str(root))
        self.disable()

    def disable(self, *names: str) -> None:
        """Disable ``names`` (and the plugins installed outside this fake site)."""
        self.monkeypatch.setenv("LSCP_SCRUTINY_DISABLE_PLUGINS", ",".join([*self.hidden, *names]))

    def install(self, dist: str, version: str, module: str, code: str, entry: str | None = None) -> None:
        """Install a one-module distribution with an ``lscp_scrutiny`` entry point."""
        (self.root / f"{module}.py").write_text(textwrap.dedent(code))
        self.monkeypatch.delitem(sys.modules, module, raising=False)  # another test's module of that name
        info = self.root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        (info / "entry_points.txt").write_text(f"[lscp_scrutiny]\n{entry or module} = {module}\n")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSite:
    return FakeSite(tmp_path / "site", monkeypatch)


EXTENSION = """
from lscp_scrutiny import hookimpl
from lscp_scrutiny.model import ChecklistExtension, Criterion, Section, SectionAddition, Source

SOURCE = Source(id="{prefix}-source", title="A source", url="https://example.org/{prefix}")


@hookimpl
def lscp_scrutiny_checklist_extensions():
    return [ChecklistExtension(
        checklist="independent-scrutiny",
        sources=[SOURCE],
        sections=[Section(id="what.{prefix}", title="{prefix} section", question="what", criteria=[
            Criterion(id="what.{prefix}.one", title="One", text="{text}", question="what",
                      sources=[SOURCE.id]),
        ])],
        additions=[SectionAddition(section="who", criteria=[
            Criterion(id="who.{prefix}-extra", title="Extra", text="An extra who criterion.", question="who",
                      sources=[SOURCE.id]),
        ])],
    )]
"""


def extension(prefix: str, text: str = "The first criterion of this plugin.") -> str:
    return EXTENSION.format(prefix=prefix, text=text)


# --- one test per hook (tests/test_docs.py checks that each hook has one) ---------------------------


def test_hook_lscp_scrutiny_checklists(site: FakeSite, capsys: Capsys) -> None:
    site.install(
        "lscp-own-checklist",
        "2.0",
        "own_checklist",
        f"""
        from pathlib import Path
        import lscp_scrutiny as ls
        from lscp_scrutiny import hookimpl

        @hookimpl
        def lscp_scrutiny_checklists():
            base = ls.load_checklist(Path({str(ROOT / "checklists" / "independent-scrutiny.yaml")!r}))
            return [ls.Checklist(id="own", version="2.0", title="Our own checklist", sections=base.sections[:1],
                                 sources=base.sources)]
    """,
    )
    listed = json.loads(run(capsys, "checklists", "--format", "json").out)
    own = next(item for item in listed if item["id"] == "own")
    assert own == {
        "id": "own",
        "version": "2.0",
        "title": "Our own checklist",
        "criteria": 12,
        "from": "lscp-own-checklist 2.0",
    }
    shown = json.loads(run(capsys, "show", "own", "--format", "json").out)
    first = shown["sections"][0]["criteria"][0]
    assert first["contributed_by"] == {"name": "lscp-own-checklist", "version": "2.0"}


def test_hook_lscp_scrutiny_checklist_extensions(site: FakeSite, capsys: Capsys, tmp_path: Path) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    registry = Registry.build()
    checklist = registry.checklist("independent-scrutiny")
    assert checklist.sections[-1].id == "what.extra"
    assert checklist.sections[0].criteria[-1].id == "who.extra-extra"
    assert checklist.criterion("what.extra.one").contributed_by == ls.Contributor(
        name="lscp-extra", version="1.0"
    )
    assert checklist.criterion("who.published-model").contributed_by == ls.Contributor(
        name="lscp-scrutiny", version=ls.__version__
    )
    # the new criteria appear in show, new, validate and report with no other step
    assert "what.extra.one" in run(capsys, "show", "independent-scrutiny", "--format", "json").out
    out = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out)).code == 0
    assert "# what.extra.one: One (should)" in out.read_text()
    assert run(capsys, "validate", str(out)).out.startswith(f"{out}: valid (0 of 56 criteria assessed")
    report = run(capsys, "report", str(out), "--format", "json")
    assert [s["id"] for s in json.loads(report.out)["sections"]][-1] == "what.extra"


def test_hook_lscp_scrutiny_rating_scales(site: FakeSite) -> None:
    site.install(
        "lscp-scale",
        "1.0",
        "scale_plugin",
        """
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.model import ChecklistExtension, Criterion, RatingLevel, RatingScale, Section

        @hookimpl
        def lscp_scrutiny_rating_scales():
            return [RatingScale(id="yes-no", name="Yes or no", levels=[
                RatingLevel(id="yes", label="Yes", points=1), RatingLevel(id="no", label="No", points=0)])]

        @hookimpl
        def lscp_scrutiny_checklist_extensions():
            return [ChecklistExtension(checklist="independent-scrutiny", sections=[
                Section(id="how.yes-no", title="Yes or no", question="how", criteria=[
                    Criterion(id="how.yes-no.one", title="One", text="A yes or no question.", question="how",
                              scale="yes-no")])])]
    """,
    )
    registry = Registry.build()
    assert [s.id for s in registry.scales] == ["yes-no"]
    checklist = registry.checklist("independent-scrutiny")
    assert checklist.scale_for(checklist.criterion("how.yes-no.one")).level_ids == ("yes", "no")
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, "how.yes-no.one", "yes")
    assert ls.evaluate(assessment, checklist).overall.points == 1


def test_hook_lscp_scrutiny_output_formats(site: FakeSite, capsys: Capsys, tmp_path: Path) -> None:
    site.install(
        "lscp-csv-ish",
        "0.3",
        "format_plugin",
        """
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.formats import OutputFormat

        def render(summary):
            return "".join(f"{s.id};{s.tally.points};{s.tally.max_points}\\n" for s in summary.sections)

        @hookimpl
        def lscp_scrutiny_output_formats():
            return [OutputFormat(name="points", description="Points per section.", render=render,
                                 suffix=".points")]
    """,
    )
    example = ROOT / "examples" / "northshire-2026.yaml"
    result = run(capsys, "report", str(example), "--format", "points")
    assert result.code == 0
    assert result.out.splitlines()[0] == "who;16;20"
    out = tmp_path / "r.points"
    assert run(capsys, "report", str(example), "-o", str(out)).code == 0  # chosen by the suffix
    assert out.read_text().splitlines()[1] == "how;18;26"
    bad = run(capsys, "report", str(example), "--format", "nope")
    assert bad.code == 2
    assert "'nope' is not one of: terminal, csv, docx, html, json, markdown, points, summary, text" in bad.err


@pytest.mark.parametrize(
    "case",
    [
        ("raise KeyError('section')", "raised KeyError: 'section'"),
        ("sys.exit(9)", "tried to end the program (sys.exit(9))"),
        ("import time; time.sleep(30)", "did not finish within 0.5 s"),
    ],
    ids=["raises", "exits", "hangs"],
)
def test_a_plugin_format_that_fails_is_one_line(
    site: FakeSite, capsys: Capsys, tmp_path: Path, case: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    body, reason = case
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.5")
    site.install(
        "lscp-bad-format",
        "0.1",
        "bad_format_plugin",
        f"""
        import sys
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.formats import OutputFormat

        def render(summary):
            {body}

        @hookimpl
        def lscp_scrutiny_output_formats():
            return [OutputFormat(name="bad", description="Fails.", render=render, suffix=".bad")]
    """,
    )
    out = tmp_path / "r.bad"
    result = run(capsys, "report", str(ROOT / "examples" / "northshire-2026.yaml"), "-o", str(out))
    assert result.code == 1
    assert result.err == f"Error: output format 'bad' {reason}\n"
    assert not out.exists()


def test_a_format_may_not_take_the_terminal_name() -> None:
    with pytest.raises(ValueError, match="'terminal' is kept for the built-in terminal report"):
        OutputFormat(name="terminal", description="Mine.", render=str)


def test_hook_lscp_scrutiny_validation_rules(site: FakeSite) -> None:
    site.install(
        "lscp-rules",
        "1.0",
        "rule_plugin",
        """
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.rules import Finding, ValidationRule

        def no_notes(assessment, checklist):
            for response in assessment.responses:
                if response.is_scored and not response.notes:
                    yield Finding(criterion=response.criterion, message="has no notes")

        def broken(assessment, checklist):
            raise RuntimeError("boom")

        @hookimpl
        def lscp_scrutiny_validation_rules():
            return [ValidationRule(id="notes", description="Ratings have notes.", check=no_notes),
                    ValidationRule(id="broken", description="Always fails.", check=broken),
                    ValidationRule(id="elsewhere", description="Other checklists only.", check=broken,
                                   checklists=("other",))]
    """,
    )
    registry = Registry.build()
    checklist = registry.checklist("independent-scrutiny")
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, "who.published-model", "met")
    summary = ls.evaluate(assessment, checklist, rules=registry.rules_for(checklist))
    rule_flags = [(f.rule, f.criterion, f.message) for f in summary.flags if f.kind is ls.FlagKind.RULE]
    assert rule_flags == [
        ("notes", "who.published-model", "who.published-model: has no notes"),
        ("broken", None, "validation rule broken raised RuntimeError: boom; its findings are missing"),
    ]


def test_a_rule_that_exits_becomes_a_flag(checklist: ls.Checklist, assessment: ls.Assessment) -> None:
    def leave(_assessment: ls.Assessment, _checklist: ls.Checklist) -> list[Finding]:
        sys.exit(5)

    rule = ValidationRule(id="exits", description="Ends the program.", check=leave)
    summary = ls.evaluate(assessment, checklist, rules=[rule])
    assert [f.message for f in summary.flags if f.rule == "exits"] == [
        "validation rule exits tried to end the program (sys.exit(5)); its findings are missing"
    ]


def test_hook_lscp_scrutiny_prefill(site: FakeSite, capsys: Capsys, tmp_path: Path) -> None:
    site.install(
        "lscp-prefill",
        "1.0",
        "prefill_plugin",
        """
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.model import Prefill

        @hookimpl
        def lscp_scrutiny_prefill(partnership, checklist):
            if partnership.scrutiny.six_steps_framework:
                yield Prefill(criterion="how.range-of-methods", rating="met", note="Uses the Six Steps.")
            yield Prefill(criterion="who.nope", rating="met", note="A criterion that does not exist.")
    """,
    )
    partnership = tmp_path / "partnership.yaml"
    partnership.write_text(
        "schema_version: 1\nname: Northshire SCP\nscrutiny:\n  children_in_scrutiny_role: true\n"
        "  children_involvement: [films]\n  six_steps_framework: true\n"
    )
    out = tmp_path / "a.yaml"
    result = run(
        capsys, "new", "independent-scrutiny", "--partnership-file", str(partnership), "-o", str(out)
    )
    assert result.code == 0
    assert result.out.endswith(
        "54 criteria of independent-scrutiny 1.1.1 to assess, 2 pre-filled for you to confirm.\n"
    )
    assert (
        "plugin prefill_plugin (lscp-prefill 1.0) failed in lscp_scrutiny_prefill: suggests a rating for 'who.nope'"
        in result.err
    )
    assessment = ls.load_assessment(out)
    children = assessment.response("who.children-families-role")
    assert (children.rating, children.prefilled) == ("met", True)
    assert "children and young people are involved in a scrutiny role (films)" in (children.notes or "")
    methods = assessment.response("how.range-of-methods")
    # the built-in plugin suggests nothing here (methods unknown); the plugin's suggestion is used
    assert (methods.rating, methods.prefilled, methods.notes) == ("met", True, "Uses the Six Steps.")
    summary = ls.evaluate(assessment, ls.get_checklist("independent-scrutiny"))
    assert [f.criterion for f in summary.flags if f.kind is ls.FlagKind.PREFILLED] == [
        "who.children-families-role",
        "how.range-of-methods",
    ]
    # rating it by hand confirms it
    checklist = ls.get_checklist("independent-scrutiny")
    confirmed = ls.rate(assessment, checklist, "how.range-of-methods", "partly_met")
    assert not confirmed.response("how.range-of-methods").prefilled


# --- discovery, listing, provenance -----------------------------------------------------------------


def test_plugins_command_lists_every_plugin(site: FakeSite, capsys: Capsys) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    site.install("lscp-broken", "0.1", "broken_plugin", "raise ImportError('a dependency is missing')\n")
    result = run(capsys, "plugins", "--format", "json")
    assert result.code == 0
    plugins = {p["name"]: p for p in json.loads(result.out)}
    assert plugins["extra_plugin"]["distribution"] == "lscp-extra"
    assert plugins["extra_plugin"]["version"] == "1.0"
    assert plugins["extra_plugin"]["status"] == "ok"
    assert plugins["extra_plugin"]["hooks"] == ["lscp_scrutiny_checklist_extensions"]
    assert plugins["extra_plugin"]["contributions"] == {"criteria": ["what.extra.one", "who.extra-extra"]}
    assert plugins["broken_plugin"]["status"] == "failed"
    assert plugins["broken_plugin"]["failures"] == [
        "plugin broken_plugin (lscp-broken 0.1) failed: cannot be imported (ImportError: a dependency is missing)"
    ]
    assert plugins["lscp_scrutiny.builtin"]["contributions"]["checklists"] == [
        "independent-scrutiny",
        "section-11",
    ]
    table = run(capsys, "plugins")
    assert "broken_plugin" in table.out
    assert "failed" in table.out
    assert "cannot be imported" in " ".join(table.out.split())


def test_a_plugin_that_fails_to_import_does_not_stop_anything(site: FakeSite, capsys: Capsys) -> None:
    site.install("lscp-broken", "0.1", "broken_plugin", "raise ImportError('a dependency is missing')\n")
    result = run(capsys, "validate", str(ROOT / "examples" / "northshire-2026.yaml"))
    assert result.code == 0
    assert result.err == (
        "Warning: plugin broken_plugin (lscp-broken 0.1) failed: cannot be imported "
        "(ImportError: a dependency is missing); it is ignored\n"
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (
            "def lscp_scrutiny_checklist_extensions():\n    raise ValueError('bad data')\n",
            "failed in lscp_scrutiny_checklist_extensions: raised ValueError: bad data",
        ),
        (
            "def lscp_scrutiny_checklist_extensions():\n    return ['not an extension']\n",
            "failed in lscp_scrutiny_checklist_extensions: returned str, expected ChecklistExtension objects",
        ),
        (
            "def lscp_scrutiny_checklist_extension():\n    return []\n",
            "failed: implements unknown hook lscp_scrutiny_checklist_extension (misspelt?)",
        ),
        (
            "def lscp_scrutiny_checklist_extensions():\n    import time\n    time.sleep(30)\n    return []\n",
            "failed in lscp_scrutiny_checklist_extensions: did not finish within 0.5 s",
        ),
        (
            (
                "def lscp_scrutiny_checklist_extensions():\n    import time\n    while True:\n"
                "        time.sleep(0.2)\n        yield from ()\n"
            ),
            "failed in lscp_scrutiny_checklist_extensions: did not finish within 0.5 s",
        ),
        (
            "def lscp_scrutiny_checklist_extensions():\n    import sys\n    sys.exit(4)\n",
            ("failed in lscp_scrutiny_checklist_extensions: tried to end the program (sys.exit(4))"),
        ),
        (
            "def lscp_scrutiny_checklist_extensions():\n    return []\n\nimport sys\nsys.exit('no thanks')\n",
            "failed: cannot be imported: tried to end the program (sys.exit('no thanks'))",
        ),
    ],
    ids=[
        "raises",
        "wrong type",
        "misspelt hook",
        "hangs",
        "never-ending generator",
        "exits",
        "exits on import",
    ],
)
def test_a_faulty_plugin_is_contained(
    site: FakeSite, code: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSCP_SCRUTINY_HOOK_TIMEOUT", "0.5")
    site.install(
        "lscp-faulty", "0.2", "faulty_plugin", "from lscp_scrutiny import hookimpl\n\n@hookimpl\n" + code
    )
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    registry = Registry.build()
    assert [str(f) for f in registry.failures] == [f"plugin faulty_plugin (lscp-faulty 0.2) {reason}"]
    assert registry.checklist("independent-scrutiny").has_criterion("what.extra.one")  # the rest works


def test_extending_an_unknown_checklist_is_a_failure(site: FakeSite) -> None:
    site.install(
        "lscp-lost", "1.0", "lost_plugin", extension("lost").replace('"independent-scrutiny"', '"nope"')
    )
    registry = Registry.build()
    assert [f.reason for f in registry.failures] == ["extends checklist 'nope', which no plugin provides"]


def test_the_same_id_from_two_plugins_names_both(site: FakeSite, capsys: Capsys) -> None:
    site.install("lscp-first", "1.0", "first_plugin", extension("same"))
    site.install("lscp-second", "2.0", "second_plugin", extension("same"))
    with pytest.raises(DuplicateContributionError) as caught:
        Registry.build()
    assert str(caught.value) == (
        "criterion id 'what.same.one' is defined twice: by lscp-first 1.0 and by lscp-second 2.0 "
        "(leave one out with --disable-plugin NAME)"
    )
    result = run(capsys, "checklists")
    assert (result.code, result.err.strip()) == (2, f"Error: {caught.value}")


def test_disabling_a_plugin(site: FakeSite, capsys: Capsys) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    site.install("lscp-other", "1.0", "other_plugin", extension("other"))

    def statuses(*args: str) -> dict[str, str]:
        listed = json.loads(run(capsys, *args, "plugins", "--format", "json").out)
        return {p["name"]: p["status"] for p in listed if p["name"] not in site.hidden}

    assert statuses("--disable-plugin", "extra_plugin") == {
        "lscp_scrutiny.builtin": "ok",
        "other_plugin": "ok",
        "extra_plugin": "disabled",
    }
    site.disable("lscp-other", " extra_plugin")  # a distribution or an entry-point name, spaces allowed
    assert statuses() == {
        "lscp_scrutiny.builtin": "ok",
        "extra_plugin": "disabled",
        "other_plugin": "disabled",
    }
    everything_off = Registry.build(get_plugin_manager(disabled=["*"])).checklist("independent-scrutiny")
    assert not everything_off.has_criterion("what.extra.one")


def test_provenance_is_recorded(site: FakeSite, capsys: Capsys, tmp_path: Path) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    out = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(out)).code == 0
    assessment = ls.load_assessment(out)
    assert assessment.provenance == ls.Provenance(
        generator=f"lscp-scrutiny {ls.__version__}",
        contributors=[
            ls.Contributor(name="lscp-extra", version="1.0"),
            ls.Contributor(name="lscp-scrutiny", version=ls.__version__),
        ],
    )
    summary = json.loads(run(capsys, "report", str(out), "--format", "json").out)
    assert summary["generator"] == f"lscp-scrutiny {ls.__version__}"
    assert summary["checklist"]["contributors"] == [
        {"name": "lscp-extra", "version": "1.0"},
        {"name": "lscp-scrutiny", "version": ls.__version__},
    ]
    criteria = {c["id"]: c for s in summary["sections"] for c in s["criteria"]}
    assert criteria["what.extra.one"]["contributed_by"] == {"name": "lscp-extra", "version": "1.0"}


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


def test_a_criterion_reworded_between_plugin_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    old = FakeSite(tmp_path / "v1", monkeypatch)
    old.install("lscp-extra", "1.0", "extra_plugin", extension("extra", "The first wording."))
    path = tmp_path / "a.yaml"
    assert run(capsys, "new", "independent-scrutiny", "--partnership", "P", "-o", str(path)).code == 0
    checklist_v1 = Registry.build().checklist("independent-scrutiny")
    assessment = ls.rate(
        ls.load_assessment(path),
        checklist_v1,
        "what.extra.one",
        "met",
        evidence=[ls.Evidence(kind="document", reference="Minutes")],
    )
    ls.save_assessment(assessment, path)
    # upgrade the plugin: the same criterion, reworded
    sys.path.remove(str(tmp_path / "v1"))  # monkeypatch puts sys.path back afterwards
    new = FakeSite(tmp_path / "v2", monkeypatch)
    new.install(
        "lscp-extra",
        "1.1",
        "extra_plugin_v2",
        extension("extra", "A second, stricter wording."),
        entry="extra_plugin",
    )
    result = run(capsys, "validate", str(path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1].endswith(
        "warning: independent-scrutiny has changed since this assessment was made "
        "(same version 1.1.1, different content): 1 reworded"
    )
    assert (
        f"{path}: warning: what.extra.one was rated when its wording was different; review the rating"
        in lines
    )


def test_a_removed_plugin_is_reported_not_an_error(site: FakeSite, capsys: Capsys, tmp_path: Path) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    checklist = Registry.build().checklist("independent-scrutiny")
    assessment = ls.rate(ls.start_assessment(checklist, "P", "A"), checklist, "what.extra.one", "met")
    path = tmp_path / "a.yaml"
    ls.save_assessment(assessment, path)
    site.disable("lscp-extra")
    result = run(capsys, "validate", str(path))
    assert result.code == 0, result.err
    assert "(same version 1.1.1, different content): 2 removed" in result.out
    assert (
        "what.extra.one is in this assessment but no longer in the checklist; it is not counted" in result.out
    )
    summary = ls.evaluate(assessment, ls.Registry.build().checklist("independent-scrutiny"))
    assert summary.changes is not None
    assert (summary.changes.added, summary.changes.removed, summary.changes.reworded) == (
        (),
        ("who.extra-extra", "what.extra.one"),
        (),
    )
    assert summary.overall.criteria == 54


def test_importing_builds_no_plugin_manager() -> None:
    code = "import sys, lscp_scrutiny, lscp_scrutiny.plugins; print('lscp_scrutiny.plugins.builtin' in sys.modules)"
    out = in_fresh_python(code)
    assert out.strip() == "False"  # the built-in plugin loads only when a manager is built
    assert hookspecs.PROJECT == "lscp_scrutiny"


def test_testing_helpers_check_a_plugin() -> None:
    from lscp_scrutiny import builtin  # noqa: PLC0415

    broken = types.ModuleType("broken")

    @ls.hookimpl
    def lscp_scrutiny_output_formats() -> list[object]:
        return ["not a format"]

    broken.lscp_scrutiny_output_formats = lscp_scrutiny_output_formats  # type: ignore[attr-defined]
    with pytest.raises(AssertionError, match="returned str, expected OutputFormat objects"):
        assert_plugin_works(broken)
    assert (
        registry_with().checklists == Registry.build(get_plugin_manager(load_entry_points=False)).checklists
    )
    assert builtin.BUILTIN_CHECKLIST == "independent-scrutiny"


def test_example_plugins_work_through_the_testing_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two example plugins load through lscp_scrutiny.testing (tests/test_example_plugins.py has more)."""
    for name in ("lscp-national-outcomes", "lscp-what-works"):
        monkeypatch.syspath_prepend(str(ROOT / "examples" / "plugins" / name / "src"))
    import lscp_national_outcomes  # noqa: PLC0415
    import lscp_what_works  # noqa: PLC0415

    registry = assert_plugin_works(lscp_national_outcomes, lscp_what_works)
    checklist = registry.checklist("independent-scrutiny")
    builtin = registry_with().checklist("independent-scrutiny")
    assert len(checklist.criteria) == len(builtin.criteria) + 6 + 6
    assert [s.id for s in checklist.sections[-2:]] == ["what.national-outcomes", "what.what-works"]
    assert (
        checklist.scale_for(checklist.criterion("what.what-works.family-programmes-level")).id
        == "what-works.foundations-evidence-level"
    )
    assessment = ls.rate(
        ls.start_assessment(checklist, "P", "A"),
        checklist,
        "who.published-model",
        "met",
        evidence=[ls.Evidence(kind="document", reference="Arrangements")],
    )
    summary = ls.evaluate(
        assessment, checklist, as_of=date(2026, 11, 27), rules=registry.rules_for(checklist)
    )
    assert [f.message for f in summary.flags if f.rule == "what-works.triangulation"] == [
        (
            "who.published-model: rests on 1 kind of evidence (document); triangulation needs at least "
            "two, one of them not a document"
        )
    ]
    assert re.fullmatch(r"lscp-scrutiny \S+", summary.generator)


@pytest.mark.usefixtures("site")  # installed plugins hidden, "*" lifted: names are checked
def test_disabling_an_unknown_plugin_is_warned(capsys: Capsys) -> None:
    result = run(capsys, "--disable-plugin", "no-such-plugin", "checklists")
    assert result.code == 0
    assert "Warning: no plugin named 'no-such-plugin' to disable" in result.err


def test_rule_findings_count_in_the_roll_ups(site: FakeSite) -> None:
    site.install(
        "lscp-rules",
        "1.0",
        "rule_plugin",
        """
        from lscp_scrutiny import hookimpl
        from lscp_scrutiny.rules import Finding, ValidationRule

        def every_rating(assessment, checklist):
            for response in assessment.responses:
                if response.is_scored:
                    yield Finding(criterion=response.criterion, message="look again")

        @hookimpl
        def lscp_scrutiny_validation_rules():
            return [ValidationRule(id="look-again", description="Look again.", check=every_rating)]
    """,
    )
    registry = Registry.build()
    checklist = registry.checklist("independent-scrutiny")
    assessment = ls.rate(
        ls.start_assessment(checklist, "P", "A"),
        checklist,
        "how.annual-plan",
        "met",
        evidence=[ls.Evidence(kind="document", reference="Plan"), ls.Evidence(kind="data", reference="Data")],
    )
    summary = ls.evaluate(assessment, checklist, rules=registry.rules_for(checklist))
    how = next(g for g in summary.questions if g.id == "how")
    assert (how.tally.flagged, summary.overall.flagged) == (1, 1)
    plan = next(c for s in summary.sections for c in s.criteria if c.id == "how.annual-plan")
    assert plan.flags == (ls.FlagKind.RULE,)


def test_show_names_a_plugin_contributor(site: FakeSite, capsys: Capsys) -> None:
    site.install("lscp-extra", "1.0", "extra_plugin", extension("extra"))
    out = " ".join(run(capsys, "show", "independent-scrutiny").out.split())
    assert "what.extra.one" in out
    assert "Contributed by lscp-extra 1.0" in out
    assert "Contributed by lscp-scrutiny" not in out


def test_text_report_to_a_file_at_a_chosen_width(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    example = str(ROOT / "examples" / "northshire-2026.yaml")
    assert run(capsys, "report", example, "-o", str(out), "--width", "120").code == 0
    assert max(len(line) for line in out.read_text().splitlines()) == 120
