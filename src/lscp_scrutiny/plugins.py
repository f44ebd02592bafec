"""The plugin manager factory and the registry of what plugins contribute.

Nothing happens at import time: :func:`get_plugin_manager` builds a manager when asked, registers the
built-in plugin, loads installed plugins from the ``lscp_scrutiny`` entry-point group, and checks that
every hook a plugin implements exists (a misspelt hook fails loudly).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import cast

import pluggy
from attrs import define, field

from lscp_scrutiny import hookspecs
from lscp_scrutiny.errors import ScrutinyError, UnknownChecklistError
from lscp_scrutiny.model import Checklist

BUILTIN_NAME = "lscp_scrutiny.builtin"


def get_plugin_manager(
    *, load_entry_points: bool = True, extra_plugins: Iterable[object] = ()
) -> pluggy.PluginManager:
    """A new plugin manager with the built-in plugin, installed plugins and any ``extra_plugins``."""
    from lscp_scrutiny import builtin  # noqa: PLC0415 - loads the checklist layer only when asked

    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, name=BUILTIN_NAME)
    for plugin in extra_plugins:
        manager.register(plugin)
    if load_entry_points:
        manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    manager.check_pending()
    return manager


def _plugin_label(manager: pluggy.PluginManager, plugin: object) -> str:
    for dist_plugin, dist in manager.list_plugin_distinfo():
        if dist_plugin is plugin:
            return f"{dist.project_name} {dist.version}"
    name = manager.get_name(plugin)
    if name == BUILTIN_NAME:
        return "lscp-scrutiny (built in)"
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return name or repr(plugin)


@define
class Registry:
    """Everything the installed plugins contribute, gathered once."""

    manager: pluggy.PluginManager
    _checklists: dict[str, Checklist] = field(factory=dict)
    _origins: dict[str, str] = field(factory=dict)

    @classmethod
    def build(cls, manager: pluggy.PluginManager | None = None) -> Registry:
        """Collect the contributions of every registered plugin."""
        manager = manager or get_plugin_manager()
        registry = cls(manager)
        for impl in manager.hook.lscp_scrutiny_checklists.get_hookimpls():
            label = _plugin_label(manager, impl.plugin)
            checklists = cast("Iterable[Checklist]", impl.function())
            for checklist in checklists:
                registry.add_checklist(checklist, origin=label)
        return registry

    def add_checklist(self, checklist: Checklist, *, origin: str) -> None:
        """Register a checklist; its id must be new."""
        if checklist.id in self._checklists:
            msg = (
                f"checklist id {checklist.id!r} is defined twice: by {self._origins[checklist.id]} "
                f"and by {origin}"
            )
            raise ScrutinyError(msg)
        self._checklists[checklist.id] = checklist
        self._origins[checklist.id] = origin

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        """Every registered checklist, sorted by id."""
        return tuple(self._checklists[key] for key in sorted(self._checklists))

    def checklist(self, checklist_id: str) -> Checklist:
        """The checklist with this id."""
        try:
            return self._checklists[checklist_id]
        except KeyError:
            raise UnknownChecklistError(checklist_id, tuple(sorted(self._checklists))) from None

    def origin(self, checklist_id: str) -> str:
        """Which plugin contributed a checklist."""
        return self._origins[checklist_id]


@cache
def default_registry() -> Registry:
    """The registry of the built-in checklist and every installed plugin, built on first use."""
    return Registry.build()


def get_checklist(checklist_id: str) -> Checklist:
    """A checklist registered by the built-in plugin or an installed plugin, by id."""
    return default_registry().checklist(checklist_id)
