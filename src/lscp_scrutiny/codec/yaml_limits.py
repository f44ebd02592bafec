"""The limits of a YAML document, and the problem of one that breaks them: shared by both YAML readers.

Both readers (:mod:`~lscp_scrutiny.codec.plain_yaml`, fast, and :mod:`~lscp_scrutiny.codec.yaml`, round
trip) refuse the same documents with the same words; this module holds those words, and imports no YAML
library, so that writing YAML (which needs only the round-trip library) never loads the fast reader's.
"""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "MAX_NODES", "YamlProblem", "too_deep", "too_many_values"]

MAX_DEPTH = 40
"""Deepest nesting accepted; the file formats need fewer than ten."""

MAX_NODES = 100_000
"""Most values (mappings, lists and scalars, keys included) in one document, as the round-trip reader
counts them: an assessment of the built-in checklist has about 2,000."""


class YamlProblem(Exception):  # noqa: N818 - internal signal, always turned into a Problem
    """A YAML document that cannot be read safely, with the 1-based line where it went wrong."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def too_many_values(line: int | None) -> YamlProblem:
    """The problem of a document holding more than :data:`MAX_NODES` values."""
    return YamlProblem(
        f"the document holds more than {MAX_NODES:,} values; is it really an lscp-scrutiny file?", line
    )


def too_deep(line: int | None) -> YamlProblem:
    """The problem of a document nested more than :data:`MAX_DEPTH` levels deep."""
    return YamlProblem(
        f"not valid YAML: the document is nested too deeply (more than {MAX_DEPTH} levels)", line
    )
