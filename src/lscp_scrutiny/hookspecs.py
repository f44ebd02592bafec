"""The hook contract between lscp-scrutiny and its plugins.

Plugins are found through the ``lscp_scrutiny`` entry-point group and implement hooks marked with
:data:`hookimpl`. The built-in checklist reaches the library through these same hooks
(:mod:`lscp_scrutiny.builtin`), so a plugin's checklist is a first-class citizen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from lscp_scrutiny.model import Checklist

PROJECT = "lscp_scrutiny"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def lscp_scrutiny_checklists() -> Iterable[Checklist]:  # type: ignore[empty-body]
    """Contribute whole checklists.

    Called once when the registry is built. Return the checklists this plugin provides (read them with
    :func:`lscp_scrutiny.load_checklist` or build them in Python). Each checklist id must be unique
    across all plugins; two plugins offering the same id is an error naming both.

    :return: an iterable of :class:`~lscp_scrutiny.model.Checklist`.
    """
