"""The plugin manager factory, and the registry of everything plugins contribute.

Nothing happens at import time. :func:`get_plugin_manager` builds a manager when asked: it registers the
built-in plugin, loads installed plugins from the ``lscp_scrutiny`` entry-point group **one by one**
(a plugin that cannot be imported is recorded as failed, with its distribution and the reason, and the
rest load), skips the ones the user disabled, and checks that every hook a plugin implements exists (a
misspelt hook fails its plugin loudly instead of being silently ignored).

:meth:`Registry.build` then calls each plugin's hooks one plugin at a time. A hook that raises, or
returns the wrong kind of thing, fails its plugin; what it returned is ignored, everything else is used.
Two distributions contributing the same id is a :class:`DuplicateContributionError` naming both.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import metadata
from typing import Any, TypeVar, cast

import pluggy
from attrs import define, evolve, field, frozen

from lscp_scrutiny._version import __version__
from lscp_scrutiny.core.rules import ValidationRule
from lscp_scrutiny.errors import ScrutinyError, UnknownChecklistError
from lscp_scrutiny.model import (
    Checklist,
    ChecklistExtension,
    Contributor,
    Criterion,
    Partnership,
    Prefill,
    RatingScale,
)
from lscp_scrutiny.model.extension import prefill_problem
from lscp_scrutiny.plugins import hookspecs
from lscp_scrutiny.render.formats import OutputFormat

BUILTIN_NAME = "lscp_scrutiny.builtin"
_PLURALS = {"rating scale": "scales", "output format": "formats", "validation rule": "rules"}
LIBRARY = Contributor(name="lscp-scrutiny", version=__version__)
DISABLE_VARIABLE = "LSCP_SCRUTINY_DISABLE_PLUGINS"
"""Environment variable: plugin names (entry-point or distribution names) to leave out, comma-separated;
``*`` leaves out every installed plugin (the built-in one always stays)."""

T = TypeVar("T")


class DuplicateContributionError(ScrutinyError):
    """Two contributors offered the same id for a checklist, criterion, scale, format or rule."""

    def __init__(self, kind: str, item_id: str, first: str, second: str) -> None:
        self.kind = kind
        self.item_id = item_id
        self.contributors = (first, second)
        if any(who.startswith("file ") for who in (first, second)):
            advice = "give the file's checklist another id, or leave a plugin out with --disable-plugin NAME"
        else:
            advice = "leave one out with --disable-plugin NAME"
        super().__init__(f"{kind} id {item_id!r} is defined twice: by {first} and by {second} ({advice})")


@frozen(kw_only=True)
class PluginFailure:
    """A plugin that could not be used, or a part of it: who, in which hook, and why."""

    plugin: str
    distribution: Contributor | None
    reason: str
    hook: str | None = None

    def __str__(self) -> str:
        who = f"{self.plugin} ({self.distribution})" if self.distribution else self.plugin
        where = f" in {self.hook}" if self.hook else ""
        return f"plugin {who} failed{where}: {self.reason}"


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers where each plugin came from and which ones failed to load."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.distributions: dict[str, Contributor] = {}
        self.load_failures: list[PluginFailure] = []
        self.disabled: list[tuple[str, Contributor | None]] = []
        self.unknown_disabled: list[str] = []
        """Names asked to be disabled that match no plugin (a typo, perhaps)."""

    def contributor(self, plugin: object) -> Contributor:
        """The distribution a registered plugin came from (the library itself for the built-in one)."""
        name = self.get_name(plugin) or repr(plugin)
        if name == BUILTIN_NAME:
            return LIBRARY
        return self.distributions.get(name, Contributor(name=name))


TIMEOUT_VARIABLE = "LSCP_SCRUTINY_HOOK_TIMEOUT"
DEFAULT_HOOK_TIMEOUT = 10.0
"""Seconds a plugin's hook may take before it is abandoned and the plugin marked failed."""


def hook_timeout() -> float:
    """The hook timeout: ``LSCP_SCRUTINY_HOOK_TIMEOUT`` seconds if set (and valid), else 10."""
    try:
        value = float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_HOOK_TIMEOUT))
    except ValueError:
        return DEFAULT_HOOK_TIMEOUT
    return value if value > 0 else DEFAULT_HOOK_TIMEOUT


def _listed(result: object) -> list[object]:
    # Listed inside the plugin's time: a generator's work happens as it is iterated.
    return [] if result is None else list(cast("Iterable[object]", result))


def call_with_timeout(function: Callable[[], list[object]], seconds: float) -> list[object]:
    """Run a plugin's code in a worker thread; :class:`TimeoutError` after ``seconds``.

    A hook that hangs (waiting on a network that is not there, say) must not hang the tool. The thread
    is a daemon: if it never returns, it is simply left behind when the program ends.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = function()
        except SystemExit as exc:  # a plugin may not end the program: its fault, recorded like any other
            outcome["error"] = RuntimeError(f"tried to end the program (sys.exit({exc.code!r}))")
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="lscp-scrutiny plugin hook", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    value: list[object] = outcome["value"]
    return value


def disabled_from_environment() -> tuple[str, ...]:
    """The plugin names listed in ``LSCP_SCRUTINY_DISABLE_PLUGINS``."""
    raw = os.environ.get(DISABLE_VARIABLE, "")
    return tuple(name.strip() for name in raw.split(",") if name.strip())


def _plugin_name(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)
    return name if isinstance(name, str) else type(plugin).__name__


def get_plugin_manager(
    *,
    load_entry_points: bool = True,
    extra_plugins: Iterable[object] = (),
    disabled: Iterable[str] = (),
) -> PluginManager:
    """A new plugin manager: the built-in plugin, installed plugins, then any ``extra_plugins``.

    ``disabled`` names plugins to leave out, by entry-point name or distribution name. Plugins that
    cannot be loaded are recorded in ``manager.load_failures``; nothing is raised for them.
    """
    from lscp_scrutiny.plugins import builtin  # noqa: PLC0415 - the checklist files load only when asked

    manager = PluginManager()
    manager.register(builtin, name=BUILTIN_NAME)
    off = set(disabled)
    if load_entry_points:
        _load_entry_points(manager, off)
    for plugin in extra_plugins:
        name = _plugin_name(plugin)
        if name in off:
            manager.disabled.append((name, None))
            continue
        _register(manager, plugin, name, None)
    matched = {name for name, _ in manager.disabled} | {who.name for _, who in manager.disabled if who}
    manager.unknown_disabled = sorted(off - matched - {"*"})
    _drop_unknown_hooks(manager)
    manager.check_pending()
    return manager


def _load_entry_points(manager: PluginManager, off: set[str]) -> None:
    for entry_point in sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda ep: ep.name):
        dist = entry_point.dist
        contributor = Contributor(name=dist.name, version=dist.version) if dist is not None else None
        if "*" in off or entry_point.name in off or (contributor is not None and contributor.name in off):
            manager.disabled.append((entry_point.name, contributor))
            continue
        try:
            plugin = entry_point.load()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure to import is the plugin's
            manager.load_failures.append(
                PluginFailure(
                    plugin=entry_point.name,
                    distribution=contributor,
                    reason=f"cannot be imported ({type(exc).__name__}: {exc})",
                )
            )
            continue
        _register(manager, plugin, entry_point.name, contributor)


def _register(manager: PluginManager, plugin: object, name: str, contributor: Contributor | None) -> None:
    try:
        manager.register(plugin, name=name)
    except (ValueError, pluggy.PluginValidationError) as exc:
        manager.load_failures.append(
            PluginFailure(plugin=name, distribution=contributor, reason=f"cannot be registered: {exc}")
        )
        return
    if contributor is not None:
        manager.distributions[name] = contributor


def _drop_unknown_hooks(manager: PluginManager) -> None:
    """Fail (and unregister) every plugin implementing a hook that has no specification: a typo."""
    while True:
        try:
            manager.check_pending()
        except pluggy.PluginValidationError as exc:
            plugin = exc.plugin
            name = manager.get_name(plugin) or repr(plugin)
            unknown = sorted(
                hook_name
                for hook_name, caller in vars(manager.hook).items()
                if isinstance(caller, pluggy.HookCaller)
                and not caller.has_spec()
                and any(impl.plugin is plugin for impl in caller.get_hookimpls())
            )
            manager.load_failures.append(
                PluginFailure(
                    plugin=name,
                    distribution=manager.distributions.get(name),
                    reason=f"implements unknown hook {', '.join(unknown)} (misspelt?)",
                )
            )
            manager.unregister(plugin)
        else:
            return


@frozen(kw_only=True)
class PluginInfo:
    """One plugin as ``lscp-scrutiny plugins`` shows it."""

    name: str
    distribution: Contributor | None
    hooks: tuple[str, ...]
    status: str
    """``ok``, ``failed`` or ``disabled``."""
    contributions: Mapping[str, tuple[str, ...]]
    """Ids contributed, by kind: checklists, criteria, scales, formats, rules."""
    failures: tuple[str, ...] = ()


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
            registry._add(
                table=registry._scales,
                kind="rating scale",
                item_id=scale.id,
                item=scale,
                who=who,
                plugin=plugin,
            )
        for extension, who, plugin in registry._collect(
            "lscp_scrutiny_checklist_extensions", ChecklistExtension
        ):
            registry._extend(extension, who, plugin)
        for output_format, who, plugin in registry._collect("lscp_scrutiny_output_formats", OutputFormat):
            registry._add(
                table=registry._formats,
                kind="output format",
                item_id=output_format.name,
                item=output_format,
                who=who,
                plugin=plugin,
            )
        for rule, who, plugin in registry._collect("lscp_scrutiny_validation_rules", ValidationRule):
            registry._add(
                table=registry._rules,
                kind="validation rule",
                item_id=rule.id,
                item=rule,
                who=who,
                plugin=plugin,
            )
        return registry

    # --- gathering ---------------------------------------------------------------------------------

    def _collect(self, hook_name: str, kind: type[T], **kwargs: object) -> list[tuple[T, Contributor, str]]:
        """Call one hook plugin by plugin: each item with its distribution and the plugin's name."""
        found: list[tuple[T, Contributor, str]] = []
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            who = self.manager.contributor(impl.plugin)
            items = self._call(impl, hook_name, kind, who, kwargs)
            found.extend((item, who, impl.plugin_name) for item in items)
        return found

    def _call(
        self,
        impl: pluggy.HookImpl,
        hook_name: str,
        kind: type[T],
        who: Contributor,
        kwargs: Mapping[str, Any],
    ) -> list[T]:
        name = impl.plugin_name
        arguments = {arg: kwargs[arg] for arg in impl.argnames}
        try:
            items = call_with_timeout(lambda: _listed(impl.function(**arguments)), hook_timeout())
        except TimeoutError:
            self._fail(name, who, hook_name, f"did not answer within {hook_timeout():g} s")
            return []
        except Exception as exc:  # noqa: BLE001 - a plugin's fault is recorded, never fatal
            self._fail(name, who, hook_name, f"raised {type(exc).__name__}: {exc}")
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
        self.failures.append(
            PluginFailure(plugin=plugin, distribution=distribution, hook=hook, reason=reason)
        )

    def _note(self, plugin: str, kind: str, item_id: str) -> None:
        self._contributed.setdefault(plugin, {}).setdefault(kind, []).append(item_id)

    def _add(
        self,
        *,
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
        self._checklists[checklist.id] = _stamp(checklist, who)
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
            extended = _merge(base, extension, who, self._registry_scales())
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
                {"partnership": partnership, "checklist": checklist},
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
        infos: list[PluginInfo] = []
        failed_names = {f.plugin for f in self.failures}
        for name, plugin in sorted(self.manager.list_name_plugin(), key=lambda item: item[0]):
            who = self.manager.contributor(plugin)
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ()))
            failures = tuple(str(f) for f in self.failures if f.plugin == name)
            infos.append(
                PluginInfo(
                    name=name,
                    distribution=who,
                    hooks=hooks,
                    status="failed" if name in failed_names else "ok",
                    contributions={k: tuple(v) for k, v in self._contributed.get(name, {}).items()},
                    failures=failures,
                )
            )
        registered = {name for name, _ in self.manager.list_name_plugin()}
        infos.extend(
            PluginInfo(
                name=f.plugin,
                distribution=f.distribution,
                hooks=(),
                status="failed",
                contributions={},
                failures=(str(f),),
            )
            for f in self.failures
            if f.plugin not in registered
        )
        infos.extend(
            PluginInfo(name=name, distribution=who, hooks=(), status="disabled", contributions={})
            for name, who in self.manager.disabled
        )
        return infos


def _stamp(checklist: Checklist, who: Contributor) -> Checklist:
    """Mark every criterion that has no contributor yet as ``who``'s."""
    return evolve(
        checklist,
        sections=tuple(
            evolve(section, criteria=tuple(_own(c, who) for c in section.criteria))
            for section in checklist.sections
        ),
    )


def _own(criterion: Criterion, who: Contributor) -> Criterion:
    return criterion if criterion.contributed_by is not None else evolve(criterion, contributed_by=who)


def _merge(
    base: Checklist,
    extension: ChecklistExtension,
    who: Contributor,
    registry_scales: Mapping[str, RatingScale],
) -> Checklist:
    """The checklist with an extension applied; raises if the result is inconsistent."""
    by_id = {section.id: section for section in base.sections}
    for addition in extension.additions:
        if addition.section not in by_id:
            msg = f"it adds criteria to section {addition.section!r}, which the checklist does not have"
            raise KeyError(msg)
        section = by_id[addition.section]
        by_id[addition.section] = evolve(
            section, criteria=(*section.criteria, *(_own(c, who) for c in addition.criteria))
        )
    sections = [by_id[section.id] for section in base.sections]
    sections += [
        evolve(section, criteria=tuple(_own(c, who) for c in section.criteria))
        for section in extension.sections
    ]
    # A scale or source the checklist already has, word for word, is shared, not a clash.
    scales = [*base.scales, *(s for s in extension.scales if s not in base.scales)]
    have = {scale.id for scale in scales}
    wanted = {c.scale for s in sections for c in s.criteria if c.scale and c.scale not in have}
    scales += [registry_scales[scale_id] for scale_id in sorted(wanted) if scale_id in registry_scales]
    sources = (*base.sources, *(s for s in extension.sources if s not in base.sources))
    return evolve(base, sections=tuple(sections), scales=tuple(scales), sources=sources)


@cache
def default_registry() -> Registry:
    """The registry of the built-in checklist and every installed plugin, built on first use."""
    return Registry.build()


def get_checklist(checklist_id: str) -> Checklist:
    """A checklist registered by the built-in plugin or an installed plugin (with extensions), by id."""
    return default_registry().checklist(checklist_id)


def describe_plugins(registry: Registry) -> list[dict[str, Any]]:
    """The plugin listing as plain data, for ``lscp-scrutiny plugins --format json``."""
    return [
        {
            "name": info.name,
            "distribution": info.distribution.name if info.distribution else None,
            "version": info.distribution.version if info.distribution else None,
            "status": info.status,
            "hooks": list(info.hooks),
            "contributions": {kind: list(ids) for kind, ids in info.contributions.items()},
            "failures": list(info.failures),
        }
        for info in registry.plugins()
    ]


__all__ = [
    "BUILTIN_NAME",
    "DISABLE_VARIABLE",
    "LIBRARY",
    "DuplicateContributionError",
    "PluginFailure",
    "PluginInfo",
    "PluginManager",
    "Registry",
    "default_registry",
    "describe_plugins",
    "disabled_from_environment",
    "get_checklist",
    "get_plugin_manager",
]
