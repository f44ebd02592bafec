"""The built wheel, installed into a fresh virtual environment, finds its checklists and runs.

This is what catches data files missing from the wheel: a source checkout would hide it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> str:
    # The installed CLI must see its own plugins: drop the test suite's "no plugins" switch.
    skip = {"PYTHONPATH", "VIRTUAL_ENV", "LSCP_SCRUTINY_DISABLE_PLUGINS"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False, env=env
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the freshly built wheel installed (not editable); returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", work / "dist", ROOT, cwd=work)
    (wheel,) = (work / "dist").glob("lscp_scrutiny-*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    _run(
        bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=work
    )
    return bin_dir


def test_wheel_ships_the_checklists(installed: Path, tmp_path: Path) -> None:
    where = _run(
        installed / "python",
        "-c",
        "from lscp_scrutiny._paths import builtin_checklist_dir; print(builtin_checklist_dir())",
        cwd=tmp_path,
    ).strip()
    assert Path(where).is_relative_to(installed.parent)
    assert (Path(where) / "independent-scrutiny.yaml").is_file()


def test_wheel_cli_runs_the_main_job(installed: Path, tmp_path: Path) -> None:
    cli = installed / "lscp-scrutiny"
    listing = _run(cli, "checklists", "--format", "json", cwd=tmp_path)
    assert '"id": "independent-scrutiny"' in listing
    _run(cli, "new", "independent-scrutiny", "--partnership", "Fresh SCP", "-o", "a.yaml", cwd=tmp_path)
    assert "valid (0 of 54 criteria assessed" in _run(cli, "validate", "a.yaml", cwd=tmp_path)
    example = ROOT / "examples" / "northshire-2026.yaml"
    report = _run(cli, "report", example, "--width", "100", cwd=tmp_path)
    assert "Northshire Safeguarding Children Partnership" in report
    assert (
        _run(cli, "--version", cwd=tmp_path)
        .splitlines()[0]
        .endswith(
            _run(
                installed / "python",
                "-c",
                "import lscp_scrutiny; print(lscp_scrutiny.__version__)",
                cwd=tmp_path,
            ).strip()
        )
    )


def test_wheel_has_type_information(installed: Path, tmp_path: Path) -> None:
    out = _run(
        installed / "python",
        "-c",
        "import importlib.resources as r; print(r.files('lscp_scrutiny').joinpath('py.typed').is_file())",
        cwd=tmp_path,
    )
    assert out.strip() == "True"


@pytest.fixture(scope="module")
def with_plugins(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same venv with both example plugins pip-installed from their own folders."""
    work = tmp_path_factory.mktemp("plugins")
    plugins = [ROOT / "examples" / "plugins" / name for name in ("lscp-national-outcomes", "lscp-what-works")]
    _run(
        installed / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *plugins,
        cwd=work,
    )
    return installed


def test_wheel_with_the_example_plugins(with_plugins: Path, tmp_path: Path) -> None:
    cli = with_plugins / "lscp-scrutiny"
    listed = {p["name"]: p for p in json.loads(_run(cli, "plugins", "--format", "json", cwd=tmp_path))}
    assert listed["national_outcomes"]["status"] == "ok"
    assert listed["national_outcomes"]["distribution"] == "lscp-national-outcomes"
    assert listed["national_outcomes"]["version"] == "1.1.0"
    assert listed["what_works"]["version"] == "1.1.0"
    assert listed["what_works"]["contributions"]["rules"] == ["what-works.triangulation"]
    assert listed["what_works"]["contributions"]["scales"] == [
        "what-works.foundations-evidence-level",
        "what-works.foundations-cost-rating",
        "what-works.crime-reduction-effect",
        "what-works.yef-impact",
        "what-works.eef-months-progress",
        "what-works.eef-evidence-security",
        "what-works.eef-cost",
    ]
    shown = json.loads(_run(cli, "show", "independent-scrutiny", "--format", "json", cwd=tmp_path))
    ids = [c["id"] for s in shown["sections"] for c in s["criteria"]]
    assert "what.national-outcomes.multi-agency-enabler" in ids
    assert "what.what-works.family-programmes-level" in ids
    assert len([i for i in ids if i.startswith(("what.national-outcomes.", "what.what-works."))]) == 12
    assessed = f"valid (0 of {len(ids)} criteria assessed"
    _run(cli, "new", "independent-scrutiny", "--partnership", "P", "-o", "a.yaml", cwd=tmp_path)
    assert assessed in _run(cli, "validate", "a.yaml", cwd=tmp_path)
    # the workbook: openpyxl comes with the package, and plugins' criteria are in it
    _run(cli, "new", "independent-scrutiny", "--partnership", "P", "-o", "a.xlsx", cwd=tmp_path)
    assert assessed in _run(cli, "validate", "a.xlsx", cwd=tmp_path)
    _run(cli, "convert", "a.xlsx", "-o", "b.yaml", cwd=tmp_path)
    assert assessed in _run(cli, "validate", "b.yaml", cwd=tmp_path)
    report = json.loads(
        _run(cli, "report", ROOT / "examples" / "northshire-2026.yaml", "--format", "json", cwd=tmp_path)
    )
    kinds = {flag["kind"] for flag in report["flags"]}
    assert {"checklist_changed", "criterion_added", "rule"} <= kinds
    assert report["overall"]["criteria"] == len(ids)
