"""The fast path for reading responses agrees with the converter, for good data and bad."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from lscp_scrutiny.codec import _fast
from lscp_scrutiny.files import _fast_assessment
from lscp_scrutiny.serialization import json_converter
from strategies import assessments


def _slow(body: dict[str, Any]) -> ls.Assessment | None:
    try:
        return json_converter.structure(body, ls.Assessment)
    except Exception:  # noqa: BLE001 - any refusal counts as "rejected" here
        return None


@settings(max_examples=60, deadline=None)
@given(assessments())
def test_good_files_give_the_same_assessment(assessment: ls.Assessment) -> None:
    body = json.loads(ls.dumps_assessment(assessment, "json"))
    body.pop("schema_version")
    assert _fast_assessment(body) == assessment == _slow(body)


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=8),
    st.sampled_from(["met", "2026-01-01", "document"]),
    st.lists(st.none(), max_size=1),
    st.dictionaries(st.text(max_size=4), st.none(), max_size=1),
)


@settings(max_examples=150, deadline=None)
@given(assessments(), st.data())
def test_a_broken_response_is_never_accepted_by_the_fast_path_alone(
    assessment: ls.Assessment, data: st.DataObject
) -> None:
    body = json.loads(ls.dumps_assessment(assessment, "json"))
    body.pop("schema_version")
    if not body.get("responses"):
        return
    response = data.draw(st.sampled_from(body["responses"]))
    target = response
    if response.get("evidence") and data.draw(st.booleans()):
        target = data.draw(st.sampled_from(response["evidence"]))
    key = data.draw(st.sampled_from([*target.keys(), "unexpected"]))
    target[key] = data.draw(_values)
    fast = _fast_assessment(body)
    if fast is not None:
        assert fast == _slow(body)  # whatever the fast path accepts, the converter accepts the same


def test_unusual_data_takes_the_slow_path() -> None:
    with pytest.raises(_fast.Unusual):
        _fast.responses([{"criterion": "who.a", "rating": "met", "evidence": "a document"}])
    with pytest.raises(_fast.Unusual):
        _fast.responses([{"criterion": "Not An Id"}])
