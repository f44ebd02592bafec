"""The README's commands and code work as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks("python")
    assert blocks
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README
    assert (tmp_path / "northshire.yaml").is_file()


def test_the_try_it_command_is_what_ci_and_users_run() -> None:
    first = _blocks("sh")[0].strip()
    assert first == (
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && "
        "lscp-scrutiny report examples/northshire-2026.yaml"
    )
    assert (ROOT / "examples" / "northshire-2026.yaml").is_file()


def test_the_test_command_is_what_ci_runs() -> None:
    command = _blocks("sh")[1].strip()
    assert command == "python3 -m pip install tox && python3 -m tox"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 -m tox" in ci


@pytest.mark.parametrize(
    ("block", "made"), [(2, "northshire-summary.json"), (3, "northshire-from-workbook.yaml")]
)
def test_cli_walkthrough_runs(tmp_path: Path, block: int, made: str) -> None:
    walkthrough = _blocks("sh")[block]
    commands = [line.split("#")[0].strip() for line in walkthrough.replace("\\\n", " ").splitlines()]
    commands = [c for c in commands if c]
    env = {**os.environ, "COLUMNS": "100"}
    bin_dir = Path(sys.executable).parent
    for command in commands:
        assert command.startswith("lscp-scrutiny ")
        result = subprocess.run(  # noqa: S602 - the README's own commands, as a shell would run them
            f"{bin_dir}/{command}",
            shell=True,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (tmp_path / made).is_file()
