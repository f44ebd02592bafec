"""The content hash of a checklist: what every assessment records of the checklist it answered."""

from __future__ import annotations

import hashlib
import json
import weakref

from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.model import Checklist

_HASHES: weakref.WeakKeyDictionary[Checklist, str] = weakref.WeakKeyDictionary()
_FULL = make_converter("json", omit_defaults=False)


def content_hash(checklist: Checklist) -> str:
    """A hash of everything in a checklist, written into every assessment that answers it.

    Worked out once per checklist object: evaluating thousands of assessments against one checklist
    must not serialise it thousands of times.
    """
    found = _HASHES.get(checklist)
    if found is None:
        found = _HASHES[checklist] = _content_hash(checklist)
    return found


def _content_hash(checklist: Checklist) -> str:
    # Every field, defaults included, so that the hash never depends on how files are written; and not
    # who contributed each criterion, which is provenance, not content.
    full = _FULL.unstructure(checklist)
    for section in full["sections"]:
        for criterion in section["criteria"]:
            criterion.pop("contributed_by", None)
    canonical = json.dumps(full, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
