"""The plugin manager: the built-in plugin, then installed plugins one by one, then any given in code.

Nothing happens at import time. :func:`get_plugin_manager` builds a manager when asked: it registers the
built-in plugin, loads installed plugins from the ``lscp_scrutiny`` entry-point group **one by one**
(a plugin that cannot be imported, or whose import runs past the time limit, is recorded as failed, with
its distribution and the reason, and the rest load), skips the ones the user disabled, and checks that
every hook a plugin implements exists (a misspelt hook fails its plugin loudly instead of being
silently ignored). A function named like a hook but not marked ``@hookimpl`` is never called by pluggy;
it is recorded as a failure too, so that the user sees a warning, and the plugin's marked hooks still
work.

pluggy has its own block list and distribution list; this manager keeps its own (``disabled``,
``distributions``) because it loads each entry point by hand, so that one plugin failing to import
cannot stop the others.

:mod:`importlib.metadata` is imported only when some distribution declares the ``lscp_scrutiny``
entry-point group: importing it takes about 18 ms (it brings in :mod:`email`, :mod:`zipfile` and
:mod:`csv`), a quarter of a bare click application's start-up, and most installations have no plugin.
:func:`_may_declare_plugins` makes the cheap, conservative look first (about 1 ms).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import pluggy
from attrs import frozen

from lscp_scrutiny._version import __version__
from lscp_scrutiny.errors import PluginCodeError
from lscp_scrutiny.model import Contributor
from lscp_scrutiny.plugins import hookspecs
from lscp_scrutiny.plugins.contain import run

BUILTIN_NAME = "lscp_scrutiny.builtin"
LIBRARY = Contributor(name="lscp-scrutiny", version=__version__)
DISABLE_VARIABLE = "LSCP_SCRUTINY_DISABLE_PLUGINS"
"""Environment variable: plugin names (entry-point or distribution names) to leave out, comma-separated;
``*`` leaves out every installed plugin (the built-in one always stays)."""


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
    if not _may_declare_plugins():
        return  # importlib.metadata would find no entry point: nothing to load, disable or list
    from importlib import metadata  # noqa: PLC0415 - about 18 ms, only when a plugin may be installed

    for entry_point in sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda ep: ep.name):
        dist = entry_point.dist
        contributor = Contributor(name=dist.name, version=dist.version) if dist is not None else None
        if "*" in off or entry_point.name in off or (contributor is not None and contributor.name in off):
            manager.disabled.append((entry_point.name, contributor))
            continue
        try:  # a plugin's own code runs as it is imported: under the one time limit
            plugin = run(f"plugin {entry_point.name}", entry_point.load)
        except PluginCodeError as exc:
            cause = exc.cause
            reason = f" ({type(cause).__name__}: {cause})" if cause is not None else f": {exc.reason}"
            manager.load_failures.append(
                PluginFailure(
                    plugin=entry_point.name, distribution=contributor, reason=f"cannot be imported{reason}"
                )
            )
            continue
        _register(manager, plugin, entry_point.name, contributor)


def _may_declare_plugins() -> bool:
    """Whether :func:`importlib.metadata.entry_points` might find an entry point of the plugin group.

    ``False`` only when it certainly finds none: no folder on :data:`sys.path` holds a ``*.dist-info``
    or ``*.egg-info`` whose ``entry_points.txt`` has an ``[lscp_scrutiny]`` section. Anything this look
    does not read the way :mod:`importlib.metadata` does (a zip file or egg on the path, another finder
    of distributions, an ``entry_points.txt`` it cannot read or parse) answers ``True``, and the real
    look is made, with its own results and errors.
    """
    from importlib.machinery import PathFinder  # noqa: PLC0415 - part of the import system, loaded

    if any(
        getattr(finder, "find_distributions", None) is not None and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return True
    entries: list[object] = list(sys.path)  # typed as text, but anyone may have put a Path there
    for entry in entries:
        if not isinstance(entry, str) or os.path.basename(entry).lower().endswith(".egg"):
            return True
        root = entry or "."
        try:
            children = os.listdir(root)
        except NotADirectoryError:  # a zip file, perhaps, which importlib.metadata reads
            return True
        except OSError:  # missing or unreadable: importlib.metadata finds nothing there either
            continue
        for child in children:
            if child.lower().endswith((".dist-info", ".egg-info")) and _declares_group(
                os.path.join(root, child, "entry_points.txt")
            ):
                return True
    return False


def _declares_group(path: str) -> bool:
    """Whether an ``entry_points.txt`` may declare the plugin group (``True`` if it is not plain to read)."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return False  # importlib.metadata reads no entry points from it either
    except (OSError, ValueError):
        return True
    for raw in text.splitlines():  # read as importlib.metadata reads it: sections and name = value lines
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            if line.strip("[]") == hookspecs.PROJECT:
                return True
        elif "=" not in line:
            return True  # a line importlib.metadata refuses: let it say so
    return False


def _register(manager: PluginManager, plugin: object, name: str, contributor: Contributor | None) -> None:
    try:  # pluggy reads every attribute of the plugin: a plugin's code, so under the limit first
        run(f"plugin {name}", lambda: [getattr(plugin, attribute, None) for attribute in dir(plugin)])
    except PluginCodeError as exc:
        manager.load_failures.append(
            PluginFailure(plugin=name, distribution=contributor, reason=f"cannot be registered: {exc.reason}")
        )
        return
    try:
        manager.register(plugin, name=name)
    except Exception as exc:  # noqa: BLE001 - pluggy's own refusals, and whatever the plugin's attributes raise
        manager.load_failures.append(
            PluginFailure(plugin=name, distribution=contributor, reason=f"cannot be registered: {exc}")
        )
        return
    if contributor is not None:
        manager.distributions[name] = contributor
    for function_name in _unmarked_hooks(manager, plugin):
        manager.load_failures.append(
            PluginFailure(
                plugin=name,
                distribution=contributor,
                hook=function_name,
                reason="the function is not marked @hookimpl, so it is never called",
            )
        )


def _unmarked_hooks(manager: PluginManager, plugin: object) -> list[str]:
    """Functions of ``plugin`` named like a hook (``lscp_scrutiny_...``) that pluggy will not call."""
    prefix = f"{hookspecs.PROJECT}_"
    return [
        attribute
        for attribute in sorted(dir(plugin))
        if attribute.startswith(prefix)
        and callable(getattr(plugin, attribute, None))
        and manager.parse_hookimpl_opts(plugin, attribute) is None
    ]


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
