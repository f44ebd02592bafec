"""Every malformed input gets exit code 2 and one readable line per problem naming the file.

How fast they are refused is checked in tests/test_performance.py, against floors measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from clirunner import run

BAD = Path(__file__).parent / "bad_files"
Capsys = pytest.CaptureFixture[str]

# file -> a part of the message the user must see (the line number where YAML can tell it)
EXPECTED = {
    "empty.yaml": "empty.yaml: file is empty",
    "blank.yaml": "blank.yaml: file is empty",
    "not_yaml.yaml": "not_yaml.yaml:3: not valid YAML",
    "not_json.json": "not_json.json:1: not valid JSON",
    "wrong_types.yaml": "wrong_types.yaml:9: assessed_on: expected a date written YYYY-MM-DD, got the number 5",
    "unknown_keys.yaml": "unknown_keys.yaml:10: partnershp: unknown field",
    "unknown_criterion.yaml": "unknown_criterion.yaml:11: responses[0].criterion: unknown criterion",
    "rating_off_scale.yaml": "rating_off_scale.yaml:12: responses[0].rating: 'mett' is not on the scale",
    "python_tag.yaml": "python_tag.yaml:10: YAML tag !!python/object/apply:os.system is not allowed",
    "alias_bomb.yaml": "alias_bomb.yaml:2: YAML anchors (&a) are not allowed",
    "deep_nesting.yaml": "deep_nesting.yaml:2: not valid YAML: the document is nested too deeply",
    "deep_nesting.json": "deep_nesting.json: the document is nested too deeply",
    "not_utf8.yaml": "not_utf8.yaml: not UTF-8 text",
    "top_level_list.yaml": "top_level_list.yaml:1: expected a mapping of fields at the top",
    "schema_version_missing.yaml": "schema_version_missing.yaml: schema_version is missing",
    "future_schema_version.yaml": "future_schema_version.yaml:1: schema_version: 99 is newer",
    "unknown_checklist.yaml": "unknown_checklist.yaml:3: checklist.id: no checklist with id 'no-such-checklist'",
    "duplicate_keys.yaml": "duplicate_keys.yaml:10: not valid YAML: found duplicate key",
    "two_documents.yaml": "two_documents.yaml:10: not valid YAML",
    "bad_date.yaml": "bad_date.yaml:9: assessed_on: expected a date written YYYY-MM-DD, got text '2026-13-45'",
    "duplicate_response.yaml": "duplicate_response.yaml:13: responses[1].criterion: criterion who.published-model has more than one response",
    "blank_name.yaml": "blank_name.yaml:7: assessor: name must not be blank",
    "a_directory.yaml": "a_directory.yaml: is a directory, not a file",
    "wrong_suffix.txt": "wrong_suffix.txt: unsupported file type",
    "does_not_exist.yaml": "does_not_exist.yaml: no such file",
    "duplicate_keys.json": "duplicate_keys.json: not valid JSON: duplicate key 'notes'",
    "compact_date.yaml": "compact_date.yaml:9: assessed_on: expected a date written YYYY-MM-DD, got text '20261001'",
    "explicit_map_tag.yaml": "explicit_map_tag.yaml:2: YAML tag !!map is not allowed",
    "merge_key.yaml": "merge_key.yaml:12: YAML merge keys (<<) are not allowed in lscp-scrutiny files",
    "duplicate_notes.yaml": "duplicate_notes.yaml:15: not valid YAML: found duplicate key 'notes' (given first on line 13)",
    "lone_surrogate.json": "lone_surrogate.json: responses[0].notes: holds U+D800, a lone surrogate",
    "lone_surrogate.yaml": "lone_surrogate.yaml:6: partnership.name: holds U+DFFF, a lone surrogate",
}

# files whose every error line must leave out what the file holds (restricted notes, say)
NEVER_SHOWN = {"duplicate_notes.yaml": "named child"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lscp_scrutiny", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_every_bad_file_is_covered() -> None:
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk | {"does_not_exist.yaml"} == set(EXPECTED)


@pytest.mark.parametrize("command", ["validate", "report"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_one_clear_line(name: str, command: str) -> None:
    path = BAD / name
    result = run_cli(command, str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines, "no message"
    assert all(line.startswith(f"Error: {path}") for line in lines), lines
    assert any(EXPECTED[name] in line for line in lines), lines
    if name in NEVER_SHOWN:
        assert NEVER_SHOWN[name] not in result.stderr


def test_wrong_types_reports_every_problem_at_once() -> None:
    result = run_cli("validate", str(BAD / "wrong_types.yaml"))
    assert result.stderr.splitlines() == [
        f"Error: {BAD / 'wrong_types.yaml'}:9: assessed_on: expected a date written YYYY-MM-DD, got the number 5",
        f"Error: {BAD / 'wrong_types.yaml'}:15: responses[0].evidence[0].reference: expected text, got the number 42; put it in quotes",
        f"Error: {BAD / 'wrong_types.yaml'}:16: responses[0].evidence[0].restricted: expected true or false, got text (not shown)",
    ]


def test_an_odd_unknown_key_stays_one_line(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    data = json.loads(
        ls.dumps_assessment(ls.start_assessment(ls.get_checklist("independent-scrutiny"), "P", "A"), "json")
    )
    data["bad\nkey\x1b[31m"] = 1
    path.write_text(json.dumps(data))
    result = run(capsys, "validate", str(path))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "\x1b" not in result.err
    assert "['bad\\nkey\\x1b[31m']: unknown field" in result.err


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"schema_version: 1\nnotes: !!python/object/apply:os.system ['touch {marker}']\n")
    result = run_cli("validate", str(evil))
    assert result.returncode == 2
    assert not marker.exists()


def test_validate_reports_good_and_bad_files_together(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    assert run_cli("new", "independent-scrutiny", "--partnership", "P", "-o", str(good)).returncode == 0
    result = run_cli("validate", str(good), str(BAD / "empty.yaml"))
    assert result.returncode == 2
    assert f"{good}: valid (0 of 54 criteria assessed, 0 flags)" in result.stdout
    assert f"Error: {BAD / 'empty.yaml'}: file is empty" in result.stderr


def test_validate_on_a_checklist_file_says_so(capsys: Capsys) -> None:
    result = run(capsys, "validate", "checklists/independent-scrutiny.yaml")
    assert result.code == 2
    assert result.err == (
        "Error: checklists/independent-scrutiny.yaml: this is a checklist file, not an assessment "
        "(see it with `lscp-scrutiny show FILE`)\n"
    )


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"schema_version: 1\nnotes: '" + b"x" * (17 * 1024 * 1024) + b"'\n")
    result = run_cli("validate", str(big))
    assert result.returncode == 2
    assert "larger than the 4 MiB limit for YAML" in result.stderr


def test_a_huge_yaml_document_is_refused_by_its_count_of_values(tmp_path: Path) -> None:
    """How fast: tests/test_performance.py (refusing a document seven times bigger costs no more)."""
    path = tmp_path / "huge.yaml"
    path.write_text("schema_version: 1\nnotes: [" + ", ".join(["x"] * 150_000) + "]\n")
    with pytest.raises(ls.InvalidInputError, match="more than 100,000 values"):
        ls.load_assessment(path)


def test_an_enormous_number_is_described_not_printed() -> None:
    with pytest.raises(ls.InvalidInputError, match="schema_version: a number far too large is newer"):
        ls.loads_assessment("schema_version: 0x" + "f" * 4000 + "\n")


def test_a_device_is_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ls.InvalidInputError, match="is not a regular file"):
        ls.load_assessment(link)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "assessment.yaml"
    os.mkfifo(pipe)
    with pytest.raises(ls.InvalidInputError, match="is not a regular file"):
        ls.load_assessment(pipe)
