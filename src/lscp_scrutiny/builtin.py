"""The built-in plugin: the checklists shipped in the top-level ``checklists/`` folder."""

from __future__ import annotations

from lscp_scrutiny._paths import builtin_checklist_dir
from lscp_scrutiny.files import load_checklist
from lscp_scrutiny.hookspecs import hookimpl
from lscp_scrutiny.model import Checklist


@hookimpl
def lscp_scrutiny_checklists() -> list[Checklist]:
    """Every ``*.yaml`` checklist shipped with lscp-scrutiny."""
    return [load_checklist(path) for path in sorted(builtin_checklist_dir().glob("*.yaml"))]
