"""Shared fixtures: a clean environment for output tests and the built-in checklist."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

import lscp_scrutiny as ls

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pytest_configure(config: pytest.Config) -> None:
    """Installed plugins (a developer's own, say) must not change what the tests see.

    Set before any fixture, session-wide ones included; the plugin tests opt back in explicitly.
    """
    del config
    os.environ["LSCP_SCRUTINY_DISABLE_PLUGINS"] = "*"


@pytest.fixture(autouse=True)
def _isolation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin what changes rendered output: colour variables, terminal width, debug switches."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LSCP_SCRUTINY_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LSCP_SCRUTINY_DISABLE_PLUGINS", "*")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture(scope="session")
def checklist() -> ls.Checklist:
    """The built-in checklist."""
    return ls.get_checklist("independent-scrutiny")


@pytest.fixture(scope="session")
def assessment(checklist: ls.Checklist) -> ls.Assessment:
    """A part-filled assessment touching every state: each level, N/A with and without a reason, actions."""
    ids = [c.id for c in checklist.criteria]
    a = ls.start_assessment(
        checklist,
        ls.Partnership(name="Testshire Safeguarding Children Partnership", area="Testshire"),
        ls.Assessor(
            name="Jo Tester", role=ls.AssessorRole.INDEPENDENT_SCRUTINEER, organisation="Testshire SCP"
        ),
        assessed_on=date(2026, 10, 1),
    )
    doc = ls.Evidence(kind=ls.EvidenceKind.DOCUMENT, reference="Published arrangements, section 4")
    data = ls.Evidence(kind=ls.EvidenceKind.DATA, reference="Partnership dataset, Q2")
    on = date(2026, 9, 30)
    a = ls.rate(a, checklist, ids[0], "met", evidence=[doc, data], rated_on=on)
    a = ls.rate(
        a,
        checklist,
        ids[1],
        "partly_met",
        evidence=[doc],
        rated_on=on,
        actions=[
            ls.Action(
                description="Bring the plan to the LSPs", owner="Business manager", due=date(2026, 9, 1)
            )
        ],
    )
    a = ls.rate(
        a,
        checklist,
        ids[2],
        "not_met",
        rated_on=on,
        actions=[
            ls.Action(description="Agree a remit", owner="Chair", due=date(2027, 1, 31)),
            ls.Action(description="Old task", status=ls.ActionStatus.DONE, due=date(2026, 1, 1)),
        ],
    )
    a = ls.rate(a, checklist, ids[3], ls.NOT_APPLICABLE, justification="Single-agency model", rated_on=on)
    a = ls.rate(a, checklist, ids[4], ls.NOT_APPLICABLE, rated_on=on)
    a = ls.rate(
        a, checklist, ids[12], "met", evidence=[data], notes="Seen in [bold]minutes[/bold]", rated_on=on
    )
    return ls.rate(a, checklist, ids[30], "partly_met", evidence=[doc, data], rated_on=on)
