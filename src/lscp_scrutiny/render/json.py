"""The JSON rendering of an evaluation summary; ``lscp-scrutiny schema summary`` publishes its shape."""

from __future__ import annotations

import json

from lscp_scrutiny.codec.converters import make_converter
from lscp_scrutiny.model.summary import Summary

# Every key is written, defaults included, so that programs reading the summary can rely on them.
_converter = make_converter("json", omit_defaults=False)


def summary_data(summary: Summary) -> dict[str, object]:
    """The summary as plain JSON-ready data."""
    data: dict[str, object] = _converter.unstructure(summary)
    return data


def render_json(summary: Summary) -> str:
    """The summary as indented JSON, ``schema_version`` first."""
    return json.dumps(summary_data(summary), indent=2, ensure_ascii=False) + "\n"
