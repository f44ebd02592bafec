"""Every runnable script in examples/ runs, and says what it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lscp_scrutiny as ls

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def test_every_script_is_tested() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    assert scripts == {
        "score_partnership.py",
        "build_assessment.py",
        "compare_years.py",
        "national_picture.py",
    }


def test_score_partnership() -> None:
    result = _run(EXAMPLES / "score_partnership.py", "--as-of", "2026-11-27")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Northshire Safeguarding Children Partnership: 61/92 points (66%) over 46 rated criteria"
    )
    assert lines[1:4] == ["  WHO   80%", "  HOW   69%", "  WHAT  59%"]
    assert "Overdue actions: 2" in lines


def test_score_partnership_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n")
    result = _run(EXAMPLES / "score_partnership.py", bad)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {bad}:")


def test_build_assessment(tmp_path: Path) -> None:
    out = tmp_path / "eastmoor.yaml"
    result = _run(EXAMPLES / "build_assessment.py", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {out}: 3/4 points, 6% complete\n"
    assessment = ls.load_assessment(out)
    assert assessment.partnership.name == "Eastmoor Safeguarding Children Partnership"
    assert assessment.response("who.scrutineer-network").rating == ls.NOT_APPLICABLE


def test_compare_years() -> None:
    result = _run(EXAMPLES / "compare_years.py")
    assert result.returncode == 3, result.stderr  # something got worse
    lines = result.stdout.splitlines()
    assert lines[0] == "Northshire Safeguarding Children Partnership: 57% then, 66% now"
    assert lines[1] == "Improved 17, worsened 5, newly assessed 8"
    assert sum(line.startswith("  worse: ") for line in lines) == 5


def test_national_picture() -> None:
    result = _run(EXAMPLES / "national_picture.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "105 returns",
        "  Employ independent scrutineers: 67 of 100 (67%)",
    ]
    assert "  Independent chairs who also scrutinise: 54 of 60" in result.stdout
