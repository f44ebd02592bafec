"""Safe YAML for files people edit: round-trip parsing with line numbers, and writing with comments.

Built on ruamel.yaml's round-trip mode, which keeps comments (so a person's own notes survive the tool
updating a file) and records the line of every key. It is pure Python, so files are read by the fast
reader (:mod:`lscp_scrutiny.codec.plain_yaml`); this one reads a file only where it will be written back
with its comments, and wherever the fast reader is unsure (an error, say), so that every problem is
worded here, one way. Safety: every explicit tag is refused before anything
is constructed, so are anchors and aliases (no alias bombs) and merge keys (``<<``, which copy a mapping
into another), nesting is capped, and so is file size (checked by the caller, before parsing). A
duplicate key is named with its lines, never with its values (which may be restricted notes).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from lscp_scrutiny._text import quoted
from lscp_scrutiny.codec.yaml_limits import MAX_DEPTH, MAX_NODES, YamlProblem, too_deep, too_many_values
from lscp_scrutiny.errors import PathPart

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "CommentedMap",
    "CommentedSeq",
    "YamlProblem",
    "commented",
    "dump",
    "line_of",
    "parse",
]
"""``CommentedMap`` and ``CommentedSeq`` are what the round-trip reader gives for a mapping and a list:
code that edits a person's file in place tests for them here, so that only this module imports ruamel."""


class _TextDatesConstructor(RoundTripConstructor):
    """Leaves timestamps as the text they were written as.

    Dates are then read by the converter, which names the field and line of a bad one (``2026-02-30``),
    and a date typed where text is expected (a reference such as ``2024-05-01``) stays that text.
    A subclass, so that ruamel.yaml's own constructor is left as it was for everyone else.

    It also names a duplicate key by its lines alone: ruamel.yaml's own message quotes both values.
    """

    def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any) -> bool:  # noqa: ANN401, ARG002
        """Whether ``key`` is new in ``mapping``; a :class:`YamlProblem` if it was given before."""
        if key in mapping:
            _duplicate(node, key_node, key)
        return True

    def check_set_key(self, node: Any, key_node: Any, setting: Any, key: Any) -> None:  # noqa: ANN401
        """A :class:`YamlProblem` if ``key`` was given before in the set."""
        if key in setting:
            _duplicate(node, key_node, key)


def _duplicate(node: Any, key_node: Any, key: Any) -> None:  # noqa: ANN401
    line = key_node.start_mark.line + 1
    first = None
    if isinstance(key_node, ScalarNode):
        first = next(
            (
                other.start_mark.line + 1
                for other, _ in node.value
                if isinstance(other, ScalarNode) and other is not key_node and other.value == key_node.value
            ),
            None,
        )
    shown = f" {quoted(key)}" if isinstance(key, str) else ""
    where = f" (given first on line {first})" if first is not None and first != line else ""
    raise YamlProblem(f"not valid YAML: found duplicate key{shown}{where}", line)


_TextDatesConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _tag_name(tag: object) -> str:
    text = str(getattr(tag, "value", None) or tag)
    return "!!" + text.removeprefix("tag:yaml.org,2002:") if text.startswith("tag:yaml.org,2002:") else text


class _PlainComposer(Composer):
    """Refuses tags, anchors and aliases while composing, before anything is built from them.

    lscp-scrutiny files are plain data: no tag is needed (and a tag is how unsafe YAML constructs
    objects), and no anchor or alias (which is how an alias bomb multiplies a small file).
    """

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - ruamel's own signature
        self.lscp_nodes = getattr(self, "lscp_nodes", 0) + 1
        event = self.parser.peek_event()
        if self.lscp_nodes > MAX_NODES:
            raise too_many_values(event.start_mark.line + 1)
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            msg = f"YAML aliases (*{event.anchor}) are not allowed in lscp-scrutiny files"
            raise YamlProblem(msg, line)
        if getattr(event, "anchor", None) is not None:
            msg = f"YAML anchors (&{event.anchor}) are not allowed in lscp-scrutiny files"
            raise YamlProblem(msg, line)
        if getattr(event, "tag", None) is not None:
            msg = f"YAML tag {_tag_name(event.tag)} is not allowed in lscp-scrutiny files"
            raise YamlProblem(msg, line)
        node = super().compose_node(parent, index)
        if index is None and isinstance(parent, MappingNode) and _is_merge_key(node):
            msg = "YAML merge keys (<<) are not allowed in lscp-scrutiny files; write the fields out"
            raise YamlProblem(msg, line)
        return node


def _is_merge_key(node: Any) -> bool:  # noqa: ANN401
    """Whether a mapping's key is ``<<`` unquoted, which YAML reads as a merge, not as a key."""
    tag = getattr(node, "tag", None)
    return isinstance(node, ScalarNode) and str(getattr(tag, "value", tag)) == "tag:yaml.org,2002:merge"


def _loader() -> YAML:
    # A fresh instance per document: ruamel keeps parser state on the instance after an error.
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _PlainComposer
    yaml.Constructor = _TextDatesConstructor
    yaml.max_depth = MAX_DEPTH
    yaml.allow_duplicate_keys = False
    return yaml


def parse(text: str) -> Any:  # noqa: ANN401 - YAML can hold any plain data
    """Parse one YAML document into plain data (ruamel's commented dicts and lists)."""
    try:
        data = _loader().load(text)
    except YamlProblem:
        raise
    except RecursionError:
        raise too_deep(None) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        text_ = (exc.problem or exc.context or "not valid YAML").strip()
        if "maximum depth" in text_:
            raise too_deep(line) from None
        raise YamlProblem(f"not valid YAML: {text_}", line) from None
    except YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}".splitlines()[0], None) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # The YAML library builds values such as dates itself and lets their errors through.
        raise YamlProblem(f"not valid YAML: a value cannot be read ({exc})", None) from None
    return data


def line_of(root: Any, path: tuple[PathPart, ...]) -> int | None:  # noqa: ANN401
    """The 1-based line of the deepest part of ``path`` that exists in a parsed document."""
    node = root
    line: int | None = None
    for part in path:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    if line is None and isinstance(node, (CommentedMap, CommentedSeq)):
        line = node.lc.line + 1
    return line


def commented(value: Any) -> Any:  # noqa: ANN401
    """Plain dicts and lists as ruamel's commented ones, which can carry comments when written."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = commented(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(commented(item) for item in value)
    return value


def _dumper() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    # Never fold long text: a fold can land on a run of spaces, which then reads back as one space.
    # Editors wrap long lines on screen.
    yaml.width = 2**30
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Never write anchors and aliases (for a date used twice, say): the reader refuses them.
    yaml.representer.ignore_aliases = lambda _data: True
    return yaml


# Line breaks YAML knows beyond \n and \r: written unescaped inside quotes they read back as line
# breaks (folded to spaces), so text holding them is written double-quoted, where they are escaped.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _quote_unicode_breaks(node: Any) -> Any:  # noqa: ANN401
    if isinstance(node, str):
        return DoubleQuotedScalarString(node) if _UNICODE_BREAKS.intersection(node) else node
    if isinstance(node, dict):
        for key in node:
            node[key] = _quote_unicode_breaks(node[key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            node[index] = _quote_unicode_breaks(item)
    return node


def dump(data: Any) -> str:  # noqa: ANN401
    """Write plain (or commented) data as block-style YAML."""
    stream = io.StringIO()
    _dumper().dump(_quote_unicode_breaks(data), stream)
    return stream.getvalue()
