"""Plugins: the hook contract, the manager, the one place plugin code runs, and the registry.

- :mod:`~lscp_scrutiny.plugins.hookspecs`: the hooks a plugin may implement (the contract);
- :mod:`~lscp_scrutiny.plugins.manager`: loading the built-in and installed plugins, one by one;
- :mod:`~lscp_scrutiny.plugins.contain`: the one place plugin code runs, with one time limit;
- :mod:`~lscp_scrutiny.plugins.registry`: what the plugins contribute, gathered once;
- :mod:`~lscp_scrutiny.plugins.listing`: the plugins as ``lscp-scrutiny plugins`` lists them;
- :mod:`~lscp_scrutiny.plugins.builtin`: the built-in plugin, registered like any other.

Every name below has been importable from ``lscp_scrutiny.plugins`` since 0.1, and still is.
"""

from __future__ import annotations

from lscp_scrutiny.errors import DuplicateContributionError, PluginCodeError
from lscp_scrutiny.plugins.contain import (
    DEFAULT_HOOK_TIMEOUT,
    TIMEOUT_VARIABLE,
    call_with_timeout,
    hook_timeout,
)
from lscp_scrutiny.plugins.listing import PluginInfo, describe_plugins
from lscp_scrutiny.plugins.manager import (
    BUILTIN_NAME,
    DISABLE_VARIABLE,
    LIBRARY,
    PluginFailure,
    PluginManager,
    disabled_from_environment,
    get_plugin_manager,
)
from lscp_scrutiny.plugins.registry import Registry, default_registry, get_checklist

__all__ = [
    "BUILTIN_NAME",
    "DEFAULT_HOOK_TIMEOUT",
    "DISABLE_VARIABLE",
    "LIBRARY",
    "TIMEOUT_VARIABLE",
    "DuplicateContributionError",
    "PluginCodeError",
    "PluginFailure",
    "PluginInfo",
    "PluginManager",
    "Registry",
    "call_with_timeout",
    "default_registry",
    "describe_plugins",
    "disabled_from_environment",
    "get_checklist",
    "get_plugin_manager",
    "hook_timeout",
]
