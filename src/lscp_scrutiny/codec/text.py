"""Text to plain data and back: bounded JSON and YAML parsing, with the line of every field where known.

The limits here are the codec's own: a text larger than its format's limit is refused before it is
parsed, so a huge document fails in a moment, not minutes. Where the text came from (a file, a test,
a pipe) is the caller's business; ``source`` only names it in messages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal

from lscp_scrutiny._text import quoted
from lscp_scrutiny.codec.yaml_limits import YamlProblem
from lscp_scrutiny.errors import InvalidInputError, PathPart, Problem

SCHEMA_VERSION = 1
"""The file format version this release reads and writes (see docs/file-formats.md for the policy)."""

Format = Literal["json", "yaml"]
"""The two text formats every file of lscp-scrutiny can be written in."""

FORMATS: tuple[Format, ...] = ("yaml", "json")

MAX_TEXT_BYTES: dict[Format, int] = {"json": 16 * 1024 * 1024, "yaml": 4 * 1024 * 1024}
"""Largest text parsed, by format. An assessment of the built-in checklist is about 40 KiB in YAML. YAML's
limit is lower: a text the fast reader is unsure of is read by the round-trip reader, which is pure
Python, so a text at the limit is still refused in seconds, not minutes."""

Locator = Callable[[tuple[PathPart, ...]], int | None]
"""Gives the 1-based line of a field path in the parsed text, where it can be told."""


def no_line(_path: tuple[PathPart, ...]) -> int | None:
    """The locator of text whose lines are not known (JSON, which parsed)."""
    return None


def one_problem(source: str, message: str) -> InvalidInputError:
    """An :class:`InvalidInputError` holding one problem with the whole input."""
    return InvalidInputError([Problem(source=source, message=message)])


def size_limit(fmt: Format) -> str:
    """The size limit of a format, as people read it (``16 MiB``)."""
    return f"{MAX_TEXT_BYTES[fmt] // (1024 * 1024)} MiB"


def check_format(fmt: str) -> Format:
    """``fmt`` if it is a format lscp-scrutiny reads and writes; :class:`ValueError` if not."""
    if fmt not in FORMATS:
        msg = f"unknown file format {fmt!r}: expected 'yaml' or 'json'"
        raise ValueError(msg)
    return fmt


def _reject_constant(name: str) -> Any:  # noqa: ANN401
    raise ValueError(f"{name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON keeps the last of two equal keys without a word; a person's first answer would be lost.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key {quoted(duplicate)}")
    return result


_SURROGATE = re.compile("[\ud800-\udfff]")
# A lone surrogate can come in only as an escape (JSON's \ud800, YAML's \ud800 or \U0000d800) or in
# text handed over as a Python string (bytes that decode as UTF-8 never hold one): only then is the
# parsed data searched. The search is in two steps because one pattern for both cost more than
# ``json.loads`` itself (1.3x, on the assessments of benchmarks/run.py): a search for a backslash
# followed by ``u`` or ``U`` costs 0.05x, and the exact pattern then runs only on the texts it found.
_ESCAPE_START = re.compile(r"\\[uU]")
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")


def _may_hold_surrogate(text: str, *, decoded: bool) -> bool:
    if _ESCAPE_START.search(text) is not None and _SURROGATE_ESCAPE.search(text) is not None:
        return True
    return not decoded and not text.isascii() and _SURROGATE.search(text) is not None


SURROGATE_MESSAGE = (
    "holds U+{code:04X}, a lone surrogate (half of a UTF-16 pair, not a character), which no file can "
    "hold; write the character itself"
)
"""What is said of text holding a lone surrogate, read or about to be written."""


def surrogates(node: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], int]]:  # noqa: ANN401
    """The path of every key and text in plain data that holds a lone surrogate, and the surrogate."""
    if isinstance(node, str):
        found = _SURROGATE.search(node)
        if found is not None:
            yield path, ord(found.group())
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and (found := _SURROGATE.search(key)) is not None:
                yield (*path, key), ord(found.group())
            yield from surrogates(value, (*path, key))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from surrogates(item, (*path, index))


def refuse_surrogates(document: Any, source: str, locate: Locator = no_line) -> None:  # noqa: ANN401
    """:class:`InvalidInputError` naming every field of ``document`` that holds a lone surrogate.

    Read from JSON or YAML, such text passes every check and then cannot be written anywhere (every
    file is UTF-8): it is refused where it is read, and a writer refuses it too (from the Python API).
    """
    problems = [
        Problem(source=source, path=path, line=locate(path), message=SURROGATE_MESSAGE.format(code=code))
        for path, code in surrogates(document)
    ]
    if problems:
        raise InvalidInputError(problems)


def _decoded(data: bytes | str, fmt: Format, source: str) -> str:
    if len(data) > MAX_TEXT_BYTES[fmt]:
        raise one_problem(source, f"file is larger than the {size_limit(fmt)} limit for {fmt.upper()}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise one_problem(source, f"not UTF-8 text (byte {exc.start})") from None
    else:
        text = data
    if not text.strip():
        raise one_problem(source, "file is empty")
    return text


def _parse_json(text: str, source: str) -> Any:  # noqa: ANN401
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            [Problem(source=source, line=exc.lineno, message=f"not valid JSON: {exc.msg}")]
        ) from None
    except ValueError as exc:
        raise one_problem(source, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise one_problem(source, "the document is nested too deeply") from None


def parse(data: bytes | str, fmt: Format, source: str, *, keep_comments: bool = False) -> tuple[Any, Locator]:
    r"""Parse text into plain data, and a function giving the line of a field path where known.

    YAML is read by the fast reader (:mod:`lscp_scrutiny.codec.plain_yaml`) into plain ``dict`` and
    ``list``, unless ``keep_comments`` asks for the round-trip reader's commented ones, which a writer
    updating the file in place needs; the fast reader hands anything it is unsure of to the round-trip
    reader, so both accept and refuse the same texts with the same messages.

    Text holding a lone surrogate (which only an escape such as ``\ud800`` can write) is refused here,
    naming each field: it passes every other check, and then no file could be written from it.
    """
    fmt = check_format(fmt)
    text = _decoded(data, fmt, source)
    may_hold_surrogate = _may_hold_surrogate(text, decoded=isinstance(data, bytes))
    if fmt == "json":
        document = _parse_json(text, source)
        if may_hold_surrogate:
            refuse_surrogates(document, source)
        return document, no_line
    from lscp_scrutiny.codec import plain_yaml  # noqa: PLC0415 - the YAML library loads only when YAML is read

    if keep_comments:
        doc, locate = _round_trip(text, source)
    else:
        try:
            doc = plain_yaml.read(text)
            locate = plain_yaml.Lines(text)
        except YamlProblem as exc:
            raise InvalidInputError([Problem(source=source, line=exc.line, message=exc.message)]) from None
        except plain_yaml.Unsure:
            doc, locate = _round_trip(text, source)
    if may_hold_surrogate:
        refuse_surrogates(doc, source, locate)
    return doc, locate


def _round_trip(text: str, source: str) -> tuple[Any, Locator]:
    """Commented data and its locator, by the round-trip reader (ruamel.yaml), loaded only when needed."""
    from lscp_scrutiny.codec import yaml  # noqa: PLC0415

    try:
        doc = yaml.parse(text)
    except YamlProblem as exc:
        raise InvalidInputError([Problem(source=source, line=exc.line, message=exc.message)]) from None

    def locate(path: tuple[PathPart, ...]) -> int | None:
        return yaml.line_of(doc, path)

    return doc, locate


def dump(document: Any, fmt: Format, *, source: str = "<data>") -> str:  # noqa: ANN401
    """Plain (or, for YAML, commented) data as text: JSON indented by two, YAML in block style.

    Text that no file can hold (a lone surrogate, which only the Python API can put in a model object)
    is refused with :class:`InvalidInputError` naming each field: the reader would refuse it.
    """
    if fmt == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if _SURROGATE.search(text) is not None:
            refuse_surrogates(document, source)
        return text
    from lscp_scrutiny.codec import yaml  # noqa: PLC0415

    refuse_surrogates(document, source)
    return yaml.dump(document)
