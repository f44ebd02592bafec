"""Where the built-in checklist files are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_checklist_dir() -> Path:
    """The folder of built-in checklist files.

    A wheel carries them inside the package (``lscp_scrutiny/checklists``); a source checkout or an
    editable install reads them from the repository's top-level ``checklists/`` folder.
    """
    inside = _PACKAGE / "checklists"
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / "checklists"
    if checkout.is_dir():
        return checkout
    msg = f"the built-in checklists are missing (looked in {inside} and {checkout}); reinstall lscp-scrutiny"
    raise FileNotFoundError(msg)
