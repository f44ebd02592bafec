"""Accessibility checked, not assumed (issue 16, item 4): every HTML page the tool writes, opened in
headless Chromium, passes axe-core with no violation.

axe-core is the real engine (the ``axe.min.js`` that the ``axe-playwright-python`` package ships, pinned
in the ``test`` extra); Playwright drives Debian's Chromium, found as the print test in
``test_reports.py`` finds it. Without Chromium (``.ci/run`` installs it) or Playwright the tests are
skipped, with the reason.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from clirunner import run

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LARGEST = str(EXAMPLES / "northshire-2026.yaml")
EARLIER = str(EXAMPLES / "northshire-2025.yaml")
MODERATION = [str(path) for path in sorted((EXAMPLES / "moderation").glob("*.yaml"))]
SURVEY = str(EXAMPLES / "national-survey" / "returns.csv")
ASSESSMENTS = str(EXAMPLES / "national-assessments")
AS_OF = "2026-11-27"

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PLAYWRIGHT = importlib.util.find_spec("playwright") is not None
AXE = importlib.util.find_spec("axe_playwright_python") is not None

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 AA is what UK public bodies are held to), and Deque's
# best practices (landmarks, one main, heading order, region...). No rule is turned off.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

pytestmark = [
    pytest.mark.skipif(
        BROWSER is None, reason="no Chromium on this machine (.ci/run installs Debian's chromium)"
    ),
    pytest.mark.skipif(
        not (PLAYWRIGHT and AXE),
        reason="playwright or axe-playwright-python is not installed (both are in the `test` extra)",
    ),
]

# Every HTML page the command line writes, on the largest example and the national examples: the report,
# its public version and the comparison with the year before; the one-page executive summary; the
# moderation of three assessors' ratings; and the national picture of the survey returns and of the
# assessments (pooled, split by role, and both together with small counts withheld).
PAGES: dict[str, list[str]] = {
    "report": ["report", LARGEST, "--format", "html"],
    "report-public": ["report", LARGEST, "--format", "html", "--public"],
    "report-compared": ["report", LARGEST, "--compare", EARLIER, "--format", "html"],
    "summary": ["report", LARGEST, "--format", "summary"],
    "summary-compared": ["report", LARGEST, "--compare", EARLIER, "--format", "summary"],
    "moderation": ["moderate", *MODERATION, LARGEST, "--format", "html"],
    "moderation-public": ["moderate", *MODERATION, LARGEST, "--format", "html", "--public"],
    "national-survey": ["national", SURVEY, "--format", "html"],
    "national-assessments": ["national", ASSESSMENTS, "--format", "html"],
    "national-by-role": ["national", ASSESSMENTS, "--by-role", "--format", "html"],
    "national-suppressed": ["national", SURVEY, ASSESSMENTS, "--suppress-below", "3", "--format", "html"],
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every page of the module (starting it is most of the time)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only where it is installed

    assert BROWSER is not None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=BROWSER, args=["--disable-gpu"])
        try:
            yield chromium
        finally:
            chromium.close()


def axe_script() -> str:
    """The axe-core engine itself, as the package ships it (read as a file: no Python wrapper needed)."""
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def _described(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_passes_axe_core(
    name: str, browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page_file = tmp_path / f"{name}.html"
    result = run(capsys, *PAGES[name], "--as-of", AS_OF, "-o", str(page_file))
    assert result.code == 0, result.err
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        page.evaluate(axe_script())
        options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
        found: dict[str, Any] = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    finally:
        page.close()
    engine = found["testEngine"]
    assert engine["name"] == "axe-core"
    violations = found["violations"]
    assert violations == [], (
        f"axe-core {engine['version']} found {len(violations)} kinds of violation in {name}:\n"
        + _described(violations)
    )
    # The rules did run on this page: one that axe could not read would pass with nothing checked.
    assert found["url"] == page_file.as_uri()
    assert len(found["passes"]) >= 20, [rule["id"] for rule in found["passes"]]
