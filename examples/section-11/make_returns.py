"""Write the fictional Northshire Section 11 round: the partnership file and twelve agencies' returns.

Usage: python examples/section-11/make_returns.py [FOLDER]   (default: the folder of this script)

Everything here goes through lscp-scrutiny's public API (``ls.Partnership``, ``ls.Assessment``,
``ls.save_assessment``), and the output is the same on every run, so the files in this folder can be
rebuilt and checked (``tests/test_rollup.py`` counts them by hand). Fifteen agencies are expected to
return; three have not. Six returns are YAML, three JSON and three assessment workbooks, as they would
come back from agencies that chose different ways to answer. Three ratings were challenged by the
partnership's Section 11 panel (two changed, one confirmed), and two notes are restricted because they
describe individual cases. Every name is invented.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import lscp_scrutiny as ls

PARTNERSHIP = ls.Partnership(
    name="Northshire Safeguarding Children Partnership",
    area="Northshire",
    local_authorities=("Northshire County Council",),
    partners=(
        ls.SafeguardingPartner(sector="local_authority", organisation="Northshire County Council"),
        ls.SafeguardingPartner(sector="police", organisation="Northshire Constabulary"),
        ls.SafeguardingPartner(sector="health", organisation="Northshire Integrated Care Board"),
    ),
    relevant_agencies=(
        ls.RelevantAgency(name="Northshire Hospitals NHS Foundation Trust", kind="health_provider"),
        ls.RelevantAgency(name="Northshire Community Health NHS Trust", kind="health_provider"),
        ls.RelevantAgency(name="Northshire College", kind="education"),
        ls.RelevantAgency(name="St Aidan's Academy Trust", kind="education"),
        ls.RelevantAgency(name="Northshire Youth Justice Service", kind="youth_justice"),
        ls.RelevantAgency(name="Probation Service, Northshire delivery unit", kind="probation"),
        ls.RelevantAgency(name="Northshire Homes", kind="housing"),
        ls.RelevantAgency(name="Northshire Early Years Network", kind="early_years"),
        ls.RelevantAgency(name="Brightstart Nurseries", kind="childcare"),
        ls.RelevantAgency(name="Northshire Council for Voluntary Service", kind="voluntary_sector"),
        ls.RelevantAgency(name="Diocese of Northshire", kind="faith"),
        ls.RelevantAgency(name="Northshire Active", kind="sport_and_leisure"),
    ),
)

CRITERIA = (
    "leadership.duty-and-accountability",
    "leadership.senior-lead",
    "leadership.designated-lead",
    "policies.staff-responsibilities",
    "policies.whistleblowing",
    "policies.escalation",
    "policies.allegations",
    "workforce.safe-recruitment",
    "workforce.supervision-training",
    "children.voice",
    "children.safe-culture",
    "information-sharing.processes",
)
LEVELS = {"G": "green", "A": "amber", "R": "red", "N": ls.NOT_APPLICABLE, "-": ls.NOT_ASSESSED}

# What an agency might point to for each standard, and what it might plan where it falls short.
EVIDENCE = {
    "leadership.duty-and-accountability": ("document", "Board minutes adopting the safeguarding policy"),
    "leadership.senior-lead": ("document", "Terms of reference of the executive safeguarding lead"),
    "leadership.designated-lead": ("document", "Job description of the designated safeguarding lead"),
    "policies.staff-responsibilities": ("audit", "Staff survey on knowing who to tell, autumn 2026"),
    "policies.whistleblowing": ("document", "Speaking-up policy and its log of concerns raised"),
    "policies.escalation": ("data", "Escalations recorded under the partnership's resolution protocol"),
    "policies.allegations": ("data", "Referrals to the LADO and their timescales, 2025-26"),
    "workforce.safe-recruitment": ("audit", "Dip sample of personnel files for pre-employment checks"),
    "workforce.supervision-training": ("data", "Training matrix: staff in date for safeguarding training"),
    "children.voice": ("child_feedback", "Feedback from the young people's forum, summer 2026"),
    "children.safe-culture": ("practitioner_feedback", "Practitioner focus group on culture and equality"),
    "information-sharing.processes": ("document", "Information-sharing agreement with the front door"),
}
ACTIONS = {
    "leadership.duty-and-accountability": "Add safeguarding to the board's annual cycle of business.",
    "leadership.senior-lead": "Name an executive lead for safeguarding and tell every team who it is.",
    "leadership.designated-lead": "Protect time in the designated lead's job plan for the role.",
    "policies.staff-responsibilities": "Add safeguarding responsibilities to every induction checklist.",
    "policies.whistleblowing": "Publish the speaking-up route on the staff intranet and in staff rooms.",
    "policies.escalation": "Train team leaders in the partnership's escalation protocol.",
    "policies.allegations": "Agree with the LADO how allegations are referred within one working day.",
    "workforce.safe-recruitment": "Re-check DBS renewals for staff in regulated activity.",
    "workforce.supervision-training": "Book refresher training for staff more than three years out of date.",
    "children.voice": "Set up a way for children using the service to say what it is like.",
    "children.safe-culture": "Review the anti-bullying and equality policies with children and staff.",
    "information-sharing.processes": "Sign the partnership's information-sharing agreement.",
}

# One line per return: file, agency, sector, the twelve ratings in the order of CRITERIA (G green,
# A amber, R red, N not applicable, - not answered), and who filled it in.
RETURNS = (
    ("county-council-return.yaml", 0, "GGGGGAGGGAGG", "Head of Safeguarding and Quality Assurance"),
    ("constabulary-return.yaml", 1, "GGGGAGAGGAGG", "Detective Superintendent, Public Protection"),
    ("icb-return.json", 2, "GGGGGGGGAGGG", "Designated Nurse for Safeguarding Children"),
    ("hospitals-return.xlsx", 3, "GGGAGGAGRAGG", "Named Nurse for Safeguarding Children"),
    ("community-health-return.yaml", 4, "GGGGGGGGAGAG", "Named Nurse for Safeguarding Children"),
    ("college-return.xlsx", 5, "GGGGGGGGGAGA", "Designated Safeguarding Lead"),
    ("youth-justice-return.json", 7, "GGGGAAGGGGGA", "Head of Youth Justice"),
    ("probation-return.yaml", 8, "GAGGGGGGANGG", "Head of Northshire Probation Delivery Unit"),
    ("homes-return.xlsx", 9, "AARAGARAAGAR", "Tenancy Services Manager"),
    ("early-years-return.json", 10, "GGAGAGGGRGGA", "Early Years Safeguarding Adviser"),
    ("cvs-return.yaml", 12, "AGGAAGAARNAA", "Chief Officer"),
    ("diocese-return.yaml", 13, "GGGGGAGGANA-", "Diocesan Safeguarding Adviser"),
)

AS_OF = date(2026, 12, 1)
PANEL = "Northshire Section 11 panel"
# The panel's challenges: file, criterion, agreed rating, why, and the agency's reply.
CHALLENGES = {
    ("college-return.xlsx", "workforce.supervision-training"): (
        "amber",
        "The training matrix shows a third of staff more than three years out of date.",
        "We accept amber: refresher sessions are booked for January.",
    ),
    ("homes-return.xlsx", "children.voice"): (
        "amber",
        "No feedback from children living in temporary accommodation was offered.",
        "We will add a question for young people to the tenancy survey.",
    ),
    ("constabulary-return.yaml", "policies.allegations"): (
        "amber",
        "Agreed: two referrals to the LADO in the year were made later than one working day.",
        "The new referral form goes live in December.",
    ),
}
# Why a standard does not apply: the three agencies that do not work with children directly.
NOT_APPLICABLE_BECAUSE = {
    "probation-return.yaml": "We supervise adults; children's views reach us through the agencies that "
    "work with the family.",
    "cvs-return.yaml": "The CVS supports its member groups and runs no services for children itself.",
    "diocese-return.yaml": "Parishes hear from children in their own groups; the diocesan team does not "
    "work with children directly.",
}
RESTRICTED_NOTES = {
    ("hospitals-return.xlsx", "policies.allegations"): (
        "One allegation against a named member of ward staff (case 2026-114) took eleven weeks to reach "
        "the LADO; the internal review is with the Chief Nurse."
    ),
    ("homes-return.xlsx", "information-sharing.processes"): (
        "A family placed out of area in June was not known to the receiving authority for six weeks; "
        "the housing officer's notes are with the review team."
    ),
}


def _response(checklist: ls.Checklist, file: str, number: int, criterion_id: str, code: str) -> ls.Response:
    """One standard's answer: evidence for a rating, an action for amber or red, challenges and notes."""
    criterion = checklist.criterion(criterion_id)
    rating = LEVELS[code]
    if rating == ls.NOT_ASSESSED:
        return ls.Response(criterion=criterion_id, criterion_fingerprint=criterion.fingerprint)
    kind, reference = EVIDENCE[criterion_id]
    evidence: tuple[ls.Evidence, ...] = ()
    justification = None
    actions: tuple[ls.Action, ...] = ()
    if rating == ls.NOT_APPLICABLE:
        justification = NOT_APPLICABLE_BECAUSE[file]
    else:
        evidence = (ls.Evidence(kind=kind, reference=reference, collected_on=date(2026, 10, 1)),)
        if rating == "green" and number % 3 == 0:
            evidence += (ls.Evidence(kind="observation", reference="Section 11 panel visit, October 2026"),)
    challenge = CHALLENGES.get((file, criterion_id))
    agreed = challenge[0] if challenge else rating
    if agreed in ("amber", "red"):
        # Some actions have slipped past their due date (1 December 2026 is the round's reporting day).
        overdue = (number + CRITERIA.index(criterion_id)) % 4 == 0
        actions = (
            ls.Action(
                description=ACTIONS[criterion_id],
                owner=RETURN_ASSESSORS[file],
                due=date(2026, 9, 30) if overdue else date(2027, 3, 31),
                status="in_progress" if (number + len(criterion_id)) % 2 else "open",
            ),
        )
    moderated = reply = None
    if challenge:
        moderated = ls.ModeratedRating(
            rating=challenge[0], rationale=challenge[1], by=PANEL, moderated_on=date(2026, 11, 24)
        )
        reply = ls.Reply(by=PARTNERSHIP_NAMES[number], text=challenge[2], replied_on=date(2026, 11, 27))
    notes = RESTRICTED_NOTES.get((file, criterion_id))
    return ls.Response(
        criterion=criterion_id,
        rating=rating,
        criterion_fingerprint=criterion.fingerprint,
        justification=justification,
        evidence=evidence,
        actions=actions,
        notes=notes,
        notes_restricted=notes is not None,
        moderated=moderated,
        reply=reply,
        rated_on=date(2026, 10, 15),
    )


AGENCIES = [(p.organisation, p.sector.value) for p in PARTNERSHIP.partners] + [
    (a.name, a.kind.value) for a in PARTNERSHIP.relevant_agencies
]
PARTNERSHIP_NAMES = [name for name, _ in AGENCIES]
RETURN_ASSESSORS = {file: assessor for file, _, _, assessor in RETURNS}


def main(folder: Path) -> None:
    """Write northshire-partnership.yaml into ``folder`` and the twelve returns into ``folder/returns``."""
    checklist = ls.get_checklist("section-11")
    (folder / "returns").mkdir(parents=True, exist_ok=True)
    (folder / "northshire-partnership.yaml").write_text(ls.dumps_partnership(PARTNERSHIP), encoding="utf-8")
    for file, number, ratings, assessor in RETURNS:
        name, sector = AGENCIES[number]
        assessment = ls.Assessment(
            checklist=ls.checklist_ref(checklist),
            partnership=ls.Partnership(name=PARTNERSHIP.name, area=PARTNERSHIP.area),
            agency=ls.AssessedAgency(name=name, sector=sector),
            assessor=ls.Assessor(name=assessor, organisation=name),
            assessed_on=date(2026, 10, 31),
            responses=[
                _response(checklist, file, number, criterion, code)
                for criterion, code in zip(CRITERIA, ratings, strict=True)
            ],
        )
        ls.save_assessment(assessment, folder / "returns" / file, checklist=checklist)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
