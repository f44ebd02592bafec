"""Helpers for plugin authors: test a plugin in isolation, without installing it.

::

    from lscp_scrutiny.testing import registry_with, assert_plugin_works

    import my_plugin

    def test_my_plugin_loads():
        registry = assert_plugin_works(my_plugin)      # fails the test with every problem found
        checklist = registry.checklist("independent-scrutiny")
        assert checklist.has_criterion("what.my-section.first")

The registry has the built-in plugin and the plugins you pass, and no installed plugin, so a test sees
exactly what your plugin does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from lscp_scrutiny.core.evaluation import evaluate
from lscp_scrutiny.core.rating import rate, start_assessment
from lscp_scrutiny.errors import PluginCodeError
from lscp_scrutiny.model import NOT_APPLICABLE, Assessment, Checklist, Partnership
from lscp_scrutiny.model.summary import Summary
from lscp_scrutiny.plugins import Registry, get_plugin_manager


def registry_with(*plugins: object, disabled: Iterable[str] = ()) -> Registry:
    """A registry of the built-in plugin and ``plugins`` (modules or objects with hook functions) only."""
    manager = get_plugin_manager(load_entry_points=False, extra_plugins=plugins, disabled=disabled)
    return Registry.build(manager)


def assert_plugin_works(*plugins: object) -> Registry:
    """Build a registry with ``plugins`` and fail with every recorded problem if any part of them failed.

    Every checklist is also rated end to end (the best level for every criterion) and evaluated with the
    plugins' rules, every rule is run, every output format renders the result and every prefill hook is
    asked for suggestions (for a partnership with nothing but a name), so a criterion on a missing scale,
    a rule that raises, hangs or returns something other than findings, a format or a prefill that
    fails, fails here, not in a user's report.
    """
    registry = registry_with(*plugins)
    problems: list[str] = []
    for checklist in registry.checklists:
        registry.prefill(Partnership(name="Test partnership"), checklist)  # failures are recorded
        summary = evaluate_everything(registry, checklist)  # runs every rule; the registry records failures
        for output_format in registry.formats.values():
            try:
                output_format.render(summary)
            except PluginCodeError as exc:
                problems.append(str(exc))
    problems = [str(failure) for failure in registry.failures] + problems
    if problems:
        listed = "\n".join(f"- {problem}" for problem in dict.fromkeys(problems))
        msg = f"the plugin failed:\n{listed}"
        raise AssertionError(msg)
    return registry


def fully_rated(checklist: Checklist, *, assessed_on: date = date(2026, 1, 1)) -> Assessment:
    """An assessment of ``checklist`` with every criterion at the best level of its scale."""
    assessment = start_assessment(checklist, "Test partnership", "Test assessor", assessed_on=assessed_on)
    for criterion in checklist.criteria:
        best = checklist.scale_for(criterion).level_ids[0]
        assessment = rate(assessment, checklist, criterion.id, best or NOT_APPLICABLE, rated_on=assessed_on)
    return assessment


def evaluate_everything(registry: Registry, checklist: Checklist) -> Summary:
    """Evaluate a fully rated assessment of ``checklist`` with every rule the registry has for it."""
    return evaluate(
        fully_rated(checklist), checklist, as_of=date(2026, 1, 1), rules=registry.rules_for(checklist)
    )


__all__ = ["assert_plugin_works", "evaluate_everything", "fully_rated", "registry_with"]
