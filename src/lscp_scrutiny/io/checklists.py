"""Checklist and partnership files: read (YAML or JSON, by suffix) and written atomically."""

from __future__ import annotations

import os

from lscp_scrutiny.codec.documents import dumps_checklist, loads_checklist, loads_partnership
from lscp_scrutiny.io.kinds import CHECKLIST_KINDS, PARTNERSHIP_KINDS, kind_of
from lscp_scrutiny.io.paths import atomic_write, read_bytes, refuse_directory
from lscp_scrutiny.model import Checklist, Partnership


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Read a checklist file (``.yaml``, ``.yml`` or ``.json``)."""
    refuse_directory(path)
    kind = kind_of(path, CHECKLIST_KINDS)
    return loads_checklist(read_bytes(path, kind), kind.text_format or "yaml", source=str(path))


def save_checklist(checklist: Checklist, path: str | os.PathLike[str]) -> None:
    """Write a checklist file atomically, in the format its suffix names."""
    kind = kind_of(path, CHECKLIST_KINDS)
    atomic_write(path, dumps_checklist(checklist, kind.text_format or "yaml").encode("utf-8"))


def load_partnership(path: str | os.PathLike[str]) -> Partnership:
    """Read a partnership file: its name, area, partners, relevant agencies and scrutiny arrangement."""
    refuse_directory(path)
    kind = kind_of(path, PARTNERSHIP_KINDS)
    return loads_partnership(read_bytes(path, kind), kind.text_format or "yaml", source=str(path))
