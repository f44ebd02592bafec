"""The registry of everything plugins contribute: checklists (extended), rating scales, formats, rules.

:meth:`Registry.build` calls each plugin's hooks one plugin at a time, each call through the one place
plugin code runs (:mod:`lscp_scrutiny.plugins.contain`). A hook that raises, runs past the time limit or
returns the wrong kind of thing fails its plugin; what it returned is ignored, everything else is used.
Output formats and validation rules are stored already contained, so whoever calls them later is
protected too. Two distributions contributing the same id is a :class:`DuplicateContributionError`
naming both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, TypeVar, cast

import pluggy
from attrs import define, field

from lscp_scrutiny.core.extending import extend, stamp
from lscp_scrutiny.core.rules import ValidationRule
from lscp_scrutiny.errors import DuplicateContributionError, PluginCodeError, UnknownChecklistError
from lscp_scrutiny.model import Checklist, ChecklistExtension, Contributor, Partnership, Prefill, RatingScale
from lscp_scrutiny.model.extension import prefill_problem
from lscp_scrutiny.plugins.contain import contained_format, contained_rule, listed, own_copy, run
from lscp_scrutiny.plugins.listing import PluginInfo, list_plugins
from lscp_scrutiny.plugins.manager import (
    LIBRARY,
    PluginFailure,
    PluginManager,
    disabled_from_environment,
    get_plugin_manager,
)
from lscp_scrutiny.render.formats import OutputFormat

T = TypeVar("T")
_PLURALS = {"rating scale": "scales", "output format": "formats", "validation rule": "rules"}


@define
class Registry:
    """Everything the plugins contribute, gathered once: checklists (extended), scales, formats, rules."""

    manager: PluginManager
    failures: list[PluginFailure] = field(factory=list)
    _checklists: dict[str, Checklist] = field(factory=dict)
    _checklist_origin: dict[str, Contributor] = field(factory=dict)
    _scales: dict[str, tuple[RatingScale, Contributor]] = field(factory=dict)
    _formats: dict[str, tuple[OutputFormat, Contributor]] = field(factory=dict)
    _rules: dict[str, tuple[ValidationRule, Contributor]] = field(factory=dict)
    _contributed: dict[str, dict[str, list[str]]] = field(factory=dict)

    @classmethod
    def build(
        cls,
        manager: PluginManager | None = None,
        *,
        extra_checklists: Iterable[tuple[Checklist, Contributor | str]] = (),
    ) -> Registry:
        """Collect the contributions of every registered plugin, hook by hook, plugin by plugin.

        ``extra_checklists`` (a checklist and who it comes from, such as a file) are registered with the
        plugins' own, before any extension is applied, so plugins extend them too.
        """
        manager = manager or get_plugin_manager(disabled=disabled_from_environment())
        registry = cls(manager)
        registry.failures.extend(manager.load_failures)
        for checklist, who, plugin in registry._collect("lscp_scrutiny_checklists", Checklist):
            registry.add_checklist(checklist, contributor=who, plugin=plugin)
        for checklist, origin in extra_checklists:
            registry.add_checklist(checklist, contributor=origin)
        for scale, who, plugin in registry._collect("lscp_scrutiny_rating_scales", RatingScale):
            registry._add(registry._scales, "rating scale", scale.id, scale, who, plugin)
        for extension, who, plugin in registry._collect(
            "lscp_scrutiny_checklist_extensions", ChecklistExtension
        ):
            registry._extend(extension, who, plugin)
        for output_format, who, plugin in registry._collect("lscp_scrutiny_output_formats", OutputFormat):
            contained = contained_format(output_format, isolate=who != LIBRARY)
            registry._add(registry._formats, "output format", output_format.name, contained, who, plugin)
        for rule, who, plugin in registry._collect("lscp_scrutiny_validation_rules", ValidationRule):
            guarded = contained_rule(
                rule, isolate=who != LIBRARY, on_failure=registry._rule_failed(plugin, who, rule.id)
            )
            registry._add(registry._rules, "validation rule", rule.id, guarded, who, plugin)
        return registry

    # --- gathering ---------------------------------------------------------------------------------

    def _collect(self, hook_name: str, kind: type[T]) -> list[tuple[T, Contributor, str]]:
        """Call one hook plugin by plugin: each item with its distribution and the plugin's name."""
        found: list[tuple[T, Contributor, str]] = []
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            who = self.manager.contributor(impl.plugin)
            items = self._call(impl, hook_name, kind, who, {})
            found.extend((item, who, impl.plugin_name) for item in items)
        return found

    def _call(
        self,
        impl: pluggy.HookImpl,
        hook_name: str,
        kind: type[T],
        who: Contributor,
        kwargs: Mapping[str, Any],
        *,
        isolate: bool = False,
    ) -> list[T]:
        name = impl.plugin_name
        arguments = {arg: kwargs[arg] for arg in impl.argnames}
        try:
            items = run(f"plugin {name}", lambda: listed(impl.function(**arguments)), isolate=isolate)
        except PluginCodeError as exc:  # a plugin's fault is recorded, never fatal
            self._fail(name, who, hook_name, exc.reason)
            return []
        wrong = [item for item in items if not isinstance(item, kind)]
        if wrong:
            self._fail(
                name, who, hook_name, f"returned {type(wrong[0]).__name__}, expected {kind.__name__} objects"
            )
            return []
        return cast("list[T]", items)

    def _fail(self, plugin: str, who: Contributor, hook: str | None, reason: str) -> None:
        distribution = None if who.name == plugin else who
        failure = PluginFailure(plugin=plugin, distribution=distribution, hook=hook, reason=reason)
        if failure not in self.failures:  # the same failure again (a rule, once per file) is said once
            self.failures.append(failure)

    def _rule_failed(self, plugin: str, who: Contributor, rule_id: str) -> Callable[[PluginCodeError], None]:
        """What to do when a rule fails as it runs: record it once (national runs it for every file)."""

        def record(error: PluginCodeError) -> None:
            self._fail(plugin, who, f"validation rule {rule_id}", error.reason)

        return record

    def _note(self, plugin: str, kind: str, item_id: str) -> None:
        self._contributed.setdefault(plugin, {}).setdefault(kind, []).append(item_id)

    def _add(  # noqa: PLR0917 - one call per kind of contribution, read as a sentence
        self,
        table: dict[str, tuple[Any, Contributor]],
        kind: str,
        item_id: str,
        item: object,
        who: Contributor,
        plugin: str,
    ) -> None:
        if item_id in table:
            raise DuplicateContributionError(kind, item_id, str(table[item_id][1]), str(who))
        table[item_id] = (item, who)
        self._note(plugin, _PLURALS[kind], item_id)

    # --- checklists --------------------------------------------------------------------------------

    def add_checklist(
        self, checklist: Checklist, *, contributor: Contributor | str, plugin: str | None = None
    ) -> None:
        """Register a whole checklist; its id must be new. Its criteria are marked as the contributor's."""
        who = contributor if isinstance(contributor, Contributor) else Contributor(name=contributor)
        if checklist.id in self._checklists:
            raise DuplicateContributionError(
                "checklist", checklist.id, str(self._checklist_origin[checklist.id]), str(who)
            )
        self._checklists[checklist.id] = stamp(checklist, who)
        self._checklist_origin[checklist.id] = who
        self._note(plugin or who.name, "checklists", checklist.id)

    def _extend(self, extension: ChecklistExtension, who: Contributor, plugin: str) -> None:
        base = self._checklists.get(extension.checklist)
        if base is None:
            self._fail(
                plugin,
                who,
                "lscp_scrutiny_checklist_extensions",
                f"extends checklist {extension.checklist!r}, which no plugin provides",
            )
            return
        owners = {c.id: c.contributed_by for c in base.criteria}
        new = [c for s in extension.sections for c in s.criteria]
        new += [c for addition in extension.additions for c in addition.criteria]
        seen: dict[str, Contributor] = {}
        for criterion in new:
            if criterion.id in owners or criterion.id in seen:
                first = owners.get(criterion.id) or seen[criterion.id]
                raise DuplicateContributionError("criterion", criterion.id, str(first), str(who))
            seen[criterion.id] = who
        try:
            extended = extend(base, extension, who, self._registry_scales())
        except (ValueError, KeyError, TypeError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            self._fail(
                plugin,
                who,
                "lscp_scrutiny_checklist_extensions",
                f"cannot extend {extension.checklist}: {reason}",
            )
            return
        self._checklists[base.id] = extended
        for criterion in new:
            self._note(plugin, "criteria", criterion.id)

    def _registry_scales(self) -> dict[str, RatingScale]:
        return {scale_id: scale for scale_id, (scale, _) in self._scales.items()}

    # --- what users of the registry ask ------------------------------------------------------------

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        """Every registered checklist, with its extensions, sorted by id."""
        return tuple(self._checklists[key] for key in sorted(self._checklists))

    def checklist(self, checklist_id: str) -> Checklist:
        """The checklist with this id, with every extension applied."""
        try:
            return self._checklists[checklist_id]
        except KeyError:
            raise UnknownChecklistError(checklist_id, tuple(sorted(self._checklists))) from None

    def origin(self, checklist_id: str) -> str:
        """Which distribution contributed a checklist (its extensions aside)."""
        return str(self._checklist_origin[checklist_id])

    @property
    def scales(self) -> tuple[RatingScale, ...]:
        """Rating scales contributed through ``lscp_scrutiny_rating_scales``, sorted by id."""
        return tuple(self._scales[key][0] for key in sorted(self._scales))

    @property
    def built_in_formats(self) -> frozenset[str]:
        """The names of the formats lscp-scrutiny itself contributes (they win a suffix a plugin claims)."""
        return frozenset(name for name, (_, who) in self._formats.items() if who == LIBRARY)

    @property
    def formats(self) -> dict[str, OutputFormat]:
        """Output formats by name."""
        return {name: self._formats[name][0] for name in sorted(self._formats)}

    def rules_for(self, checklist: Checklist) -> tuple[ValidationRule, ...]:
        """The validation rules that apply to a checklist."""
        return tuple(rule for rule, _ in self._rules.values() if rule.applies_to(checklist))

    def prefill(self, partnership: Partnership, checklist: Checklist) -> list[Prefill]:
        """Every plugin's usable suggestions for a new assessment.

        A plugin that fails, or suggests a rating the checklist cannot take, is recorded in ``failures``
        and that suggestion skipped.
        """
        usable: list[Prefill] = []
        for impl in self.manager.hook.lscp_scrutiny_prefill.get_hookimpls():
            who = self.manager.contributor(impl.plugin)
            suggestions = self._call(
                impl,
                "lscp_scrutiny_prefill",
                Prefill,
                who,
                own_copy({"partnership": partnership, "checklist": checklist}, isolate=who != LIBRARY),
                isolate=who != LIBRARY,  # it sees a partnership's data: in its own process
            )
            for prefill in suggestions:
                reason = prefill_problem(checklist, prefill)
                if reason is None:
                    usable.append(prefill)
                else:
                    self._fail(impl.plugin_name, who, "lscp_scrutiny_prefill", reason)
        return usable

    def plugins(self) -> list[PluginInfo]:
        """Every plugin, loaded, failed or disabled, with what it contributed."""
        return list_plugins(self.manager, self.failures, self._contributed)


@cache
def default_registry() -> Registry:
    """The registry of the built-in checklist and every installed plugin, built on first use."""
    return Registry.build()


def get_checklist(checklist_id: str) -> Checklist:
    """A checklist registered by the built-in plugin or an installed plugin (with extensions), by id."""
    return default_registry().checklist(checklist_id)
