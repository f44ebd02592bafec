"""The fast YAML reader and the round-trip reader accept, refuse and place the same texts the same way.

Files are read by :mod:`lscp_scrutiny.codec.plain_yaml` (libyaml's events) and, where it is unsure or
where a file is written back with its comments, by the round-trip reader (ruamel.yaml). Each test here
reads a text both ways (``parse(..., keep_comments=True)`` takes the round-trip reader) and holds them to
the same outcome: equal data of the same plain types and the same line for every field, or the same
problems with the same lines.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import lscp_scrutiny as ls
from lscp_scrutiny.codec import plain_yaml
from lscp_scrutiny.codec import yaml as round_trip
from lscp_scrutiny.codec.text import parse

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    p
    for p in [
        *ROOT.glob("examples/**/*.yaml"),
        *ROOT.glob("checklists/*.yaml"),
        *ROOT.glob("tests/bad_files/*.yaml"),
        *ROOT.glob("tests/fuzz_corpus/*.yaml"),
        *ROOT.glob("tests/golden/**/*.yaml"),
    ]
    if p.is_file()
)
EXAMPLE = (ROOT / "examples" / "northshire-2026.yaml").read_text(encoding="utf-8")


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path, (*path, "no such field")]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        out.append((*path, len(node)))  # one past the end
        for index, value in enumerate(node):
            out += _paths(value, (*path, index))
    return out


def _plain(node: Any) -> Any:
    """Parsed data as JSON-ready plain data with every value's type kept (commented maps as dicts)."""
    if isinstance(node, dict):
        return {repr(_plain(k)): _plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_plain(item) for item in node]
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return [kind.__name__, hex(node) if isinstance(node, int) and kind is int else kind(node)]
    return repr(node)


def _outcome(text: str | bytes, *, keep_comments: bool) -> tuple[str, Any]:
    try:
        data, locate = parse(text, "yaml", "f.yaml", keep_comments=keep_comments)
    except ls.InvalidInputError as exc:
        return "refused", [(p.message, p.line, p.path) for p in exc.problems]
    lines = {repr(path): locate(path) for path in _paths(data)}
    return "read", (json.dumps(_plain(data), sort_keys=True), lines)


def _same_both_ways(text: str | bytes) -> tuple[str, Any]:
    fast = _outcome(text, keep_comments=False)
    assert fast == _outcome(text, keep_comments=True)
    return fast


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_and_bad_file_reads_the_same_both_ways(path: Path) -> None:
    _same_both_ways(path.read_bytes())


def test_an_assessment_is_read_without_the_round_trip_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the fast reader: a normal file never reaches ruamel.yaml."""

    def refuse(_text: str) -> None:
        raise AssertionError("the round-trip reader was used")

    monkeypatch.setattr(round_trip, "parse", refuse)
    assessment = ls.load_assessment(ROOT / "examples" / "northshire-2026.yaml")
    assert len(assessment.responses) == 51  # 47 of the 54 criteria rated, and 4 retired in 1.1.0, kept


def test_what_the_fast_reader_is_unsure_of_goes_to_the_round_trip_reader() -> None:
    for text in ("a: 0o17\n", "a: 1.5\n", "a: 1_000\n", "a: 007\n", "a: +5\n", "<<: {b: 1}\n", "a: &x 1\n"):
        with pytest.raises(plain_yaml.Unsure):
            plain_yaml.read(text)
    assert plain_yaml.read("a: yes\nb: 2026-02-30\nc: ~\nd: -12\ne: TRUE\nf:\n") == {
        "a": "yes",
        "b": "2026-02-30",
        "c": None,
        "d": -12,
        "e": True,
        "f": None,
    }


def test_the_count_of_values_is_refused_by_the_fast_reader_with_the_round_trip_readers_words() -> None:
    text = "".join(f"- {n}\n" for n in range(plain_yaml.MAX_NODES + 5))
    fast = _outcome(text, keep_comments=False)
    assert fast == ("refused", [(plain_yaml.too_many_values(plain_yaml.MAX_NODES).message, 100_000, ())])
    assert fast == _outcome(text, keep_comments=True)


# Scalars where YAML's versions and parsers differ, and the characters that make YAML syntax.
TRICKY_SCALARS = [
    "yes", "No", "on", "0o17", "0x1F", "0b11", "1_000", "012", "0", "-0", "+5", "-12", ".5", "1.", "1e5",
    "1.5e-3", ".inf", "-.Inf", ".nan", "2026-02-30", "2026-11-27", "2026-11-27T10:00:00Z", "12:30",
    "~", "null", "Null", "NULL", "true", "True", "TRUE", "False", "<<", "=", "", "a b", "a: b", "- x",
    "'q'", '"d"', "#c", "!t", "&a", "*a", "%p", "@a", "`b", "|", ">", "? k", "[1, 2]", "{a: 1}", "1,000",
    "\\u00e9", "tab\there", "caf\u00e9", "\u2028", "\x85",
]  # fmt: skip
SYNTAX = [*":-?[]{},#&*!|>'\"%@` \t\n\r", "\n  ", ": ", "- ", "\n- ", "\\", "---\n", "...\n", "\r\n"]
SYNTAX += ["\ufeff", "\x00", "\x7f", "\\/", "\\x41", "\\U0001F600", "\U0001f600", "|-\n  ", ">+2\n  "]

_scalar = st.sampled_from(TRICKY_SCALARS) | st.text(max_size=8)
_plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | _scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_scalar, inner, max_size=4),
    max_leaves=20,
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """A YAML text: one written by the round-trip writer, or hand-shaped, then perhaps damaged."""
    source = draw(st.sampled_from(["written", "example", "shaped"]))
    if source == "written":
        text = round_trip.dump({"k": draw(_plain_data)})
    elif source == "example":  # a real file, cut short and damaged below
        text = EXAMPLE[: draw(st.integers(0, len(EXAMPLE)))]
    else:
        parts = draw(
            st.lists(st.sampled_from(TRICKY_SCALARS) | st.sampled_from(SYNTAX), min_size=1, max_size=12)
        )
        text = "".join(parts)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(st.sampled_from(SYNTAX + TRICKY_SCALARS)) + text[at + cut :]
    return text


@settings(
    max_examples=int(os.environ.get("PLAIN_YAML_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_texts())
@example("a: 1\na: 2\n")
@example("a: !!str 1\n")
@example("%YAML 1.1\n---\na: yes\n")
@example("a: 1\n---\nb: 2\n")
@example("? [a]\n: 1\n")
@example("- &a x\n- *a\n")
@example('a: "\\ud800"\n')
@example("a: " + "[" * 1500 + "\n")
@example("a:\n" + "[\n" * 1200)
@example("a: " + "{b: " * 1100)
@example("".join(" " * n + "- \n" for n in range(0, 90, 2)))
@example("a: b\n  c: d\n")
def test_any_text_reads_the_same_both_ways(text: str) -> None:
    _same_both_ways(text)


def test_version_says_which_parser_reads_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    from clirunner import run  # noqa: PLC0415
    from lscp_scrutiny._version import yaml_reader  # noqa: PLC0415

    result = run(capsys, "--version")
    assert result.code == 0
    assert f"YAML reader: {yaml_reader()}" in result.out
    assert ("libyaml (PyYAML's C parser)" in result.out) is plain_yaml.LIBYAML


def test_a_good_file_is_never_read_again_for_its_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lines are found by reading the text again, for a message; a clean run asks for none.

    ``check_version`` once asked for the line of ``schema_version`` before checking it, which read every
    YAML file twice: a third of ``national``'s time over 150 assessments.
    """
    from clirunner import run  # noqa: PLC0415

    walks: list[bool] = []
    walk = plain_yaml._walk  # noqa: SLF001 - counting the module's own readings

    def counted(text: str, lines: dict[tuple[Any, ...], int] | None) -> Any:
        walks.append(lines is not None)
        return walk(text, lines)

    monkeypatch.setattr(plain_yaml, "_walk", counted)
    example = str(ROOT / "examples" / "northshire-2026.yaml")
    assert run(capsys, "validate", example).code == 0
    assert run(capsys, "national", example, str(ROOT / "examples" / "northshire-2025.yaml")).code == 0
    assert walks.count(False) >= 3
    assert not any(walks)  # no reading for lines
    bad = ROOT / "tests" / "bad_files" / "future_schema_version.yaml"
    assert run(capsys, "validate", str(bad)).code == 2
    assert any(walks)  # a message's line is still found


def test_writing_yaml_does_not_load_the_fast_readers_library() -> None:
    """The readers share their limits through a module that imports no YAML library."""
    from clirunner import in_fresh_python  # noqa: PLC0415

    code = (
        "import sys, datetime, lscp_scrutiny as ls\n"
        "c = ls.get_checklist('independent-scrutiny')\n"
        "a = ls.start_assessment(c, 'P', 'A', assessed_on=datetime.date(2026, 1, 1))\n"
        "ls.dumps_assessment(a, 'yaml', checklist=c)\n"
        "print('yaml' in sys.modules, 'ruamel.yaml' in sys.modules)\n"
    )
    assert in_fresh_python(code).split() == ["False", "True"]
