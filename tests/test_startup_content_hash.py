"""The content hash is worked out without cattrs, and is exactly the hash the cattrs converter gives.

Every assessment file records the hash of its checklist: a hash worked out differently, even once, would
mark every assessment's checklist as changed. So the direct walk of :mod:`lscp_scrutiny.codec.hashing`
is checked against the converter, on the built-in checklist, on checklists extended by a plugin and on
generated ones.
"""

from __future__ import annotations

import hashlib
import json

import attrs
from hypothesis import HealthCheck, given, settings

import lscp_scrutiny as ls
from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.codec.hashing import full_data
from lscp_scrutiny.core.extending import stamp
from strategies import checklists


def _by_the_converter(checklist: ls.Checklist) -> str:
    """The hash as it was worked out before: the converter's data, every field kept."""
    full = make_converter("json", omit_defaults=False).unstructure(checklist)
    for section in full["sections"]:
        for criterion in section["criteria"]:
            criterion.pop("contributed_by", None)
    # Fields added after assessments began recording the hash are left out when they say nothing, so
    # that a checklist that does not use them keeps the hash it always had.
    if full["retired"] == []:
        del full["retired"]
    for source in full["sources"]:
        if source["kind"] == "other":
            del source["kind"]
    canonical = json.dumps(full, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fresh(checklist: ls.Checklist) -> str:
    return ls.content_hash(attrs.evolve(checklist))  # a new object: nothing remembered


def test_the_built_in_checklist() -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    assert full_data(checklist) == make_converter("json", omit_defaults=False).unstructure(checklist)
    assert _fresh(checklist) == _by_the_converter(checklist)
    assert ls.content_hash(stamp(checklist, ls.Contributor(name="someone-else"))) == _by_the_converter(
        checklist
    )  # who contributed the criteria is provenance, not content


def test_fields_added_later_leave_the_hash_of_a_checklist_that_does_not_use_them() -> None:
    plain = ls.Checklist(id="c", version="1", title="C", sources=[ls.Source(id="s", title="S")])
    # What the hash was before sources had a kind and checklists had retired criteria.
    before = make_converter("json", omit_defaults=False).unstructure(plain)
    del before["retired"]
    del before["sources"][0]["kind"]
    canonical = json.dumps(before, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert ls.content_hash(plain) == "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    # Using them changes it.
    cited = attrs.evolve(plain, sources=[ls.Source(id="s", title="S", kind=ls.SourceKind.LEGISLATION)])
    assert ls.content_hash(cited) != ls.content_hash(plain)


def test_the_hash_recorded_in_the_shipped_examples() -> None:
    # The examples were written by the converter's hash: still the same checklist, to the byte.
    assessment = ls.load_assessment("examples/northshire-2026.yaml")
    checklist = ls.get_checklist(assessment.checklist.id)
    assert _fresh(checklist) == assessment.checklist.content_hash


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(checklists())
def test_generated_checklists(checklist: ls.Checklist) -> None:
    assert _fresh(checklist) == _by_the_converter(checklist)
