"""The hook contract between lscp-scrutiny and its plugins.

A plugin is a module (or any object) with functions marked ``@hookimpl`` whose names are the hooks
below; it is found through the ``lscp_scrutiny`` entry-point group. Every hook takes no arguments or the
ones named here, and returns an iterable of what it contributes (an empty one is fine). The built-in
checklist and output formats reach the library through these same hooks
(:mod:`lscp_scrutiny.plugins.builtin`), so a plugin's contributions are first-class citizens.

Ids must be unique across all plugins: two distributions contributing the same checklist, criterion,
rating scale, output format or rule id is an error that names both. A hook that raises, or returns
something that is not what it should, makes its plugin *failed*: it is reported (``lscp-scrutiny
plugins``) and ignored, and everything else keeps working.

docs/plugins.md has a worked example of every hook.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from lscp_scrutiny.core.rules import ValidationRule
    from lscp_scrutiny.model import Checklist, ChecklistExtension, Partnership, Prefill, RatingScale
    from lscp_scrutiny.render.formats import OutputFormat

PROJECT = "lscp_scrutiny"
"""The pluggy project name, and the entry-point group plugins register under."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def lscp_scrutiny_checklists() -> Iterable[Checklist]:  # type: ignore[empty-body]
    """Contribute whole checklists.

    Called once when the registry is built. Read them with :func:`lscp_scrutiny.load_checklist` (from
    files shipped in the plugin's package) or build them in Python.

    :return: the :class:`~lscp_scrutiny.model.Checklist` objects this plugin provides.
    """


@hookspec
def lscp_scrutiny_checklist_extensions() -> Iterable[ChecklistExtension]:  # type: ignore[empty-body]
    """Extend checklists the plugin does not own, with new sections and new criteria.

    Called once, after every plugin's whole checklists are known. Each
    :class:`~lscp_scrutiny.model.ChecklistExtension` names the checklist it extends (by id), the sections
    it appends, the criteria it appends to existing sections, and the scales and sources they use. The
    extended checklist records which distribution contributed each criterion.

    :return: the extensions.
    """


@hookspec
def lscp_scrutiny_rating_scales() -> Iterable[RatingScale]:  # type: ignore[empty-body]
    """Contribute rating scales that any checklist extension can use by id.

    A scale contributed here is added to a checklist when an extension's criterion names it and the
    checklist does not already have a scale with that id.

    :return: the :class:`~lscp_scrutiny.model.RatingScale` objects.
    """


@hookspec
def lscp_scrutiny_output_formats() -> Iterable[OutputFormat]:  # type: ignore[empty-body]
    """Contribute output formats for ``lscp-scrutiny report --format NAME``.

    A format is a name and a function from the evaluation :class:`~lscp_scrutiny.Summary` to text or
    bytes (:class:`~lscp_scrutiny.render.formats.OutputFormat`).

    :return: the formats.
    """


@hookspec
def lscp_scrutiny_validation_rules() -> Iterable[ValidationRule]:  # type: ignore[empty-body]
    """Contribute validation rules whose findings are added to every evaluation as flags.

    A rule (:class:`~lscp_scrutiny.core.rules.ValidationRule`) receives an assessment and its checklist and
    returns :class:`~lscp_scrutiny.core.rules.Finding` objects; it never changes a rating.

    :return: the rules.
    """


@hookspec
def lscp_scrutiny_prefill(  # type: ignore[empty-body]
    partnership: Partnership, checklist: Checklist
) -> Iterable[Prefill]:
    """Suggest ratings from a partnership's own data, when a new assessment is started.

    For example, a criterion about involving young people can be answered from the partnership's
    :class:`~lscp_scrutiny.model.ScrutinyArrangement`. Suggestions fill only criteria nobody has
    rated, and are always marked ``prefilled`` for a person to confirm.

    :param partnership: the partnership being assessed, with its scrutiny arrangement.
    :param checklist: the checklist the new assessment answers.
    :return: :class:`~lscp_scrutiny.model.Prefill` suggestions, each with the reason behind it.
    """
