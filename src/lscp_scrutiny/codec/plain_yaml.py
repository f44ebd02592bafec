"""Reading YAML fast into plain data: libyaml's parser, and nothing built that a file cannot mean.

Why this exists. Every command starts by reading a file, and most files people edit are YAML. The
round-trip parser (:mod:`lscp_scrutiny.codec.yaml`, ruamel.yaml) keeps comments, which is needed only
where the tool writes a person's file back; it is pure Python and cost about 425 times ``json.loads`` of
the same data (61% of ``validate``). Reading needs no comments: here PyYAML's C parser (libyaml) gives
the parse events, and a small walker builds plain ``dict``, ``list``, ``str``, ``int``, ``bool`` and
``None`` from them, about 15 times ``json.loads`` (figures in docs/performance.md). Events, not
PyYAML's loaders: no loader constructs anything, so no tag can ever build an object, and the walker
sees every anchor, tag and key before a value is made.

Why it cannot differ from the round-trip reader. It accepts only what it is sure of: plain data
without tags, anchors, aliases or merge keys, no duplicate key, no ``%YAML``/``%TAG`` directive, one
document, nesting within :data:`~lscp_scrutiny.codec.yaml.MAX_DEPTH`, and scalars it resolves exactly
as the round-trip reader's YAML 1.2 rules do (``true``/``false`` in three spellings, ``null``, ``~`` and
empty as ``None``, whole numbers written plainly; a date stays the text it was written as). On anything
else, whether an error or only something unusual (a float, an octal ``0o17``, a number with ``_``,
a complex key), it raises :class:`Unsure` and the caller reads the text with the round-trip reader,
which accepts or refuses it and words every problem exactly as before. The two checks made here are the
count of values (:data:`MAX_NODES`) and the depth of nesting (:data:`MAX_DEPTH`), with the round-trip
reader's messages and lines, so that a huge or deep document is refused in a moment.
``tests/test_plain_yaml.py`` holds the two readers to the same result on generated documents and on
every bad file.

Line numbers. Reading keeps none (that is much of the speed); :class:`Lines` reads the text again with
the line of every key and item only when a message needs one, and gives the same line as the
round-trip reader's :func:`~lscp_scrutiny.codec.yaml.line_of`.

Without libyaml (a platform with no PyYAML wheel, say), PyYAML's own pure-Python parser gives the same
events, so the behaviour is the same, only slower; ``lscp-scrutiny --version`` says which is in use
(:func:`lscp_scrutiny._version.yaml_reader`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml as _pyyaml
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from lscp_scrutiny.codec.yaml_limits import MAX_DEPTH, MAX_NODES, YamlProblem, too_deep, too_many_values
from lscp_scrutiny.errors import PathPart

__all__ = [
    "LIBYAML",
    "MAX_DEPTH",
    "MAX_NODES",
    "Lines",
    "Unsure",
    "YamlProblem",
    "read",
    "too_deep",
    "too_many_values",
]

_Loader: Any = getattr(_pyyaml, "CSafeLoader", None)
LIBYAML: bool = _Loader is not None
"""Whether PyYAML's C parser (libyaml) is in use; without it, PyYAML's pure-Python parser is."""
if _Loader is None:  # pragma: no cover - every wheel we install ships libyaml
    _Loader = _pyyaml.SafeLoader


class Unsure(Exception):  # noqa: N818 - a signal to read with the round-trip reader, never shown
    """The text holds something this reader does not accept on its own; the round-trip reader decides."""


# How YAML 1.2 (the round-trip reader's version) reads a plain scalar, by its first character:
_WHOLE = re.compile(r"-?(?:0|[1-9][0-9]*)")  # made a Python int, exactly as the round-trip reader does
_NUMBER = re.compile(  # any other number YAML 1.2 knows (floats, 0o17, 0x1F, 1_000, +5, 007): unsure
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+""",
    re.VERBOSE,
)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"~", "null", "Null", "NULL", ""})
_NUMERIC_START = frozenset("-+0123456789.")
_SPECIAL_START = frozenset("tTfF~nN<=")


def _plain(text: str) -> Any:  # noqa: ANN401 - a scalar's value
    """A plain (unquoted, untagged) scalar as YAML 1.2 reads it; :class:`Unsure` where it is unusual."""
    if not text:
        return None
    first = text[0]
    if first in _NUMERIC_START:
        if _WHOLE.fullmatch(text):
            return int(text)
        if _NUMBER.fullmatch(text):
            raise Unsure
        return text  # a date (left as text, as the round-trip reader leaves it) or other text
    if first in _SPECIAL_START:
        if text in _BOOLS:
            return _BOOLS[text]
        if text in _NULLS:
            return None
        if text in ("<<", "="):  # a merge key, or YAML's "value" key: the round-trip reader decides
            raise Unsure
    return text


def _line(event: Any) -> int:  # noqa: ANN401 - an event of either parser
    """The 1-based line where an event starts."""
    return int(event.start_mark.line) + 1


def _walk(text: str, lines: dict[tuple[PathPart, ...], int] | None) -> Any:  # noqa: ANN401, C901, PLR0915
    """The one document in ``text`` as plain data; with ``lines``, the line of every key and item too."""
    loader = _Loader(text)
    get: Any = loader.get_event
    count = 0

    def node(event: Any, depth: int, path: tuple[PathPart, ...]) -> Any:  # noqa: ANN401, C901, PLR0912
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise too_many_values(_line(event))
        if event.anchor is not None or event.tag is not None:  # an alias has an anchor
            raise Unsure
        if depth > MAX_DEPTH:
            raise too_deep(_line(event))
        kind = event.__class__
        if kind is ScalarEvent:
            return _plain(event.value) if event.implicit[0] else event.value
        if kind is MappingStartEvent:
            mapping: dict[Any, Any] = {}
            inner = depth + 1
            while (key_event := get()).__class__ is not MappingEndEvent:
                if key_event.__class__ is not ScalarEvent:  # a complex key, or an alias
                    raise Unsure
                count += 1
                if count > MAX_NODES:
                    raise too_many_values(_line(key_event))
                if key_event.anchor is not None or key_event.tag is not None:
                    raise Unsure
                if inner > MAX_DEPTH:
                    raise too_deep(_line(key_event))
                key = _plain(key_event.value) if key_event.implicit[0] else key_event.value
                if key in mapping:
                    raise Unsure
                if lines is None:
                    mapping[key] = node(get(), inner, path)
                else:  # the round-trip reader finds text keys only
                    if key.__class__ is str:
                        lines[(*path, key)] = _line(key_event)
                    mapping[key] = node(get(), inner, (*path, key))
            return mapping
        if kind is SequenceStartEvent:
            items: list[Any] = []
            inner = depth + 1
            append = items.append
            while (item := get()).__class__ is not SequenceEndEvent:
                if lines is None:
                    append(node(item, inner, path))
                else:
                    lines[(*path, len(items))] = _line(item)
                    append(node(item, inner, (*path, len(items))))
            return items
        raise Unsure  # an alias

    try:
        return _document(get, node, lines)
    except (Unsure, YamlProblem):
        raise
    except Exception as exc:  # a YAML error, or text libyaml cannot take: the round-trip reader words it
        raise Unsure from exc
    finally:
        loader.dispose()


def _document(get: Any, node: Any, lines: dict[tuple[PathPart, ...], int] | None) -> Any:  # noqa: ANN401
    """The one document of a stream of events, read by ``node``; :class:`Unsure` if there is not one."""
    get()  # the start of the stream
    start = get()
    if start.__class__ is StreamEndEvent:  # nothing but comments
        return None
    if start.__class__ is not DocumentStartEvent or start.version is not None or start.tags:
        raise Unsure
    first = get()
    if first.__class__ not in (MappingStartEvent, SequenceStartEvent):
        # A document that is one scalar is no lscp-scrutiny file, and where it is a block scalar the
        # parsers disagree on which lines are comments: the round-trip reader decides.
        raise Unsure
    if lines is not None:
        lines[()] = _line(first)
    document = node(first, 1, ())
    get()  # the end of the document
    if get().__class__ is not StreamEndEvent:  # a second document
        raise Unsure
    return document


_UNSURE_CHARACTERS = re.compile("[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")
"""Characters where the two parsers differ: libyaml takes a tab inside plain text (``a: tab<TAB>here``)
where the round-trip reader refuses it, and counts lines differently after the line breaks YAML 1.1
knows beyond ``\n`` and ``\r`` (NEL, LS, PS); libyaml takes a comment straight after a block scalar's
header (``|#``), which the round-trip reader refuses; libyaml skips a byte-order mark inside the text,
which the round-trip reader reads as text. A text holding one is left to the round-trip reader, so
that it is refused or accepted, and placed, as before. Each was found by ``tests/test_plain_yaml.py``."""


def read(text: str) -> Any:  # noqa: ANN401 - YAML holds any plain data
    """Plain data from one YAML document; :class:`Unsure` or :class:`YamlProblem` (see the module)."""
    if _UNSURE_CHARACTERS.search(text) is not None:
        raise Unsure
    try:
        return _walk(text, None)
    except Unsure as exc:
        cut = _nesting_limit_at(text, exc.__cause__)
        if cut is not None:
            _walk(text[:cut], None)  # refuses it as too deep, on the round-trip reader's line
        raise


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _nesting_limit_at(text: str, error: BaseException | None) -> int | None:
    """Where libyaml stopped at its own nesting limit (1,000 open brackets), if that is the error.

    libyaml refuses a text nested 1,000 deep before it gives the events of level 41, where the round-trip
    reader stops; and that reader takes a second over ``[[[[...`` 5,000 deep, ten kilobytes (its scanner
    looks ahead at every level). Read up to where libyaml stopped, the text gives the events of level 41
    and is refused as too deep, on the line the round-trip reader names, in a moment.
    """
    mark = getattr(error, "problem_mark", None)
    if "maximum nesting depth" not in str(getattr(error, "problem", "")) or mark is None:
        return None
    starts = [0, *(found.end() for found in _LINE_BREAK.finditer(text))]
    return starts[mark.line] + mark.column if mark.line < len(starts) else None


class Lines:
    """The line of a field path in a YAML text read by :func:`read`, found when first asked for."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[tuple[PathPart, ...], int] | None = None

    def __call__(self, path: tuple[PathPart, ...]) -> int | None:
        """The 1-based line of the deepest part of ``path`` that exists (as the round-trip reader says)."""
        if self._lines is None:
            self._lines = {}
            _walk(self._text, self._lines)
        line: int | None = None
        for depth in range(1, len(path) + 1):
            found = self._lines.get(path[:depth])
            if found is None:
                break
            line = found
        return self._lines.get(()) if line is None else line
