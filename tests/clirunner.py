"""Run the command line in-process, the way a user's shell would, and capture what it prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from attrs import frozen

from lscp_scrutiny.cli import main


@frozen
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``lscp-scrutiny ARGS`` and return its exit code, stdout and stderr."""
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    else:  # pragma: no cover - main always exits
        code = 0
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_benchmark(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``benchmarks/SCRIPT ARGS`` (a small size, to see it still works) and return what it printed."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / script
    return subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, check=False, timeout=300
    )


def in_fresh_python(code: str) -> str:
    """What ``python -c CODE`` prints, in a new interpreter (to see what an import loads, say)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout
