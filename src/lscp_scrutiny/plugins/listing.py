"""The plugins as ``lscp-scrutiny plugins`` lists them: each with its version, hooks and contributions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from attrs import frozen

from lscp_scrutiny.model import Contributor

if TYPE_CHECKING:
    from lscp_scrutiny.plugins.manager import PluginFailure, PluginManager


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


class _Listed(Protocol):
    def plugins(self) -> list[PluginInfo]: ...


def describe_plugins(registry: _Listed) -> list[dict[str, Any]]:
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


def list_plugins(
    manager: PluginManager, failures: list[PluginFailure], contributed: Mapping[str, Mapping[str, list[str]]]
) -> list[PluginInfo]:
    """Every plugin, loaded, failed or disabled, with what it contributed."""
    infos: list[PluginInfo] = []
    failed_names = {f.plugin for f in failures}
    for name, plugin in sorted(manager.list_name_plugin(), key=lambda item: item[0]):
        who = manager.contributor(plugin)
        hooks = tuple(sorted(caller.name for caller in manager.get_hookcallers(plugin) or ()))
        infos.append(
            PluginInfo(
                name=name,
                distribution=who,
                hooks=hooks,
                status="failed" if name in failed_names else "ok",
                contributions={k: tuple(v) for k, v in contributed.get(name, {}).items()},
                failures=tuple(str(f) for f in failures if f.plugin == name),
            )
        )
    registered = {name for name, _ in manager.list_name_plugin()}
    infos.extend(
        PluginInfo(
            name=f.plugin,
            distribution=f.distribution,
            hooks=(),
            status="failed",
            contributions={},
            failures=(str(f),),
        )
        for f in failures
        if f.plugin not in registered
    )
    infos.extend(
        PluginInfo(name=name, distribution=who, hooks=(), status="disabled", contributions={})
        for name, who in manager.disabled
    )
    return infos
