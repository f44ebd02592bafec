"""Build an assessment in code, the way a local authority might script one, and save it as YAML.

Usage: python examples/build_assessment.py OUTPUT.yaml
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import lscp_scrutiny as ls


def main(argv: list[str] | None = None) -> int:
    """Start an assessment, rate three criteria with evidence and an action, save it and report."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(args[0])

    checklist = ls.get_checklist("independent-scrutiny")
    partnership = ls.Partnership(
        name="Eastmoor Safeguarding Children Partnership",
        area="Eastmoor",
        local_authorities=["Eastmoor Borough Council"],
        scrutiny=ls.ScrutinyArrangement(independent_scrutineers=True, scrutineer_count=1),
    )
    assessor = ls.Assessor(name="R. Adeyemi", role=ls.AssessorRole.INDEPENDENT_SCRUTINEER)
    assessment = ls.start_assessment(checklist, partnership, assessor, assessed_on=date(2026, 11, 2))

    published = ls.Evidence(kind=ls.EvidenceKind.DOCUMENT, reference="Published arrangements 2026, section 6")
    minutes = ls.Evidence(kind=ls.EvidenceKind.DOCUMENT, reference="Executive minutes, 14 May 2026, item 4")
    survey = ls.Evidence(kind=ls.EvidenceKind.PRACTITIONER_FEEDBACK, reference="Practitioner survey 2026, Q7")
    assessment = ls.rate(assessment, checklist, "who.published-model", "met", evidence=[published, minutes])
    assessment = ls.rate(
        assessment,
        checklist,
        "how.range-of-methods",
        "partly_met",
        evidence=[survey],
        notes="Observation of meetings not yet used.",
        actions=[
            ls.Action(
                description="Observe two multi-agency meetings",
                owner="Independent scrutineer",
                due=date(2027, 3, 31),
            )
        ],
    )
    assessment = ls.rate(
        assessment,
        checklist,
        "who.scrutineer-network",
        ls.NOT_APPLICABLE,
        justification="The scrutineer's contract already includes national network membership.",
    )

    ls.save_assessment(assessment, output)
    summary = ls.evaluate(assessment, checklist, as_of=date(2026, 11, 27))
    print(
        f"Wrote {output}: {summary.overall.points}/{summary.overall.max_points} points, "
        f"{summary.overall.completion:.0%} complete"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
