"""What rolling up agencies' returns costs: returns as workbooks against the same as JSON.

Usage: python benchmarks/rollup.py [--returns 200] [--repeat 3]

``--returns`` Section 11 returns (12 standards each, rated, with evidence and an action on each amber or
red), written once as JSON and once as assessment workbooks in a temporary folder. Measured in one
process, medians of ``--repeat`` runs taking turns (so that load from elsewhere falls on all alike), each
the whole work of ``lscp-scrutiny rollup`` between finding
the files and rendering (read, check, evaluate, roll up):

- the floor: ``json.loads`` of every JSON return;
- the roll-up of the JSON returns;
- reading the workbooks alone (``ls.load_assessment`` of each);
- the roll-up of the workbooks.

The bound (issue 18): the roll-up of the workbooks within 1.5x of the roll-up of the JSON returns plus
the workbooks' reading alone; the last line gives that ratio.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from _shared import interleaved_medians

AS_OF = date(2026, 12, 1)
SECTORS = ("police", "health", "local_authority", "education", "voluntary_sector", "faith")
RATINGS = ("green", "green", "amber", "green", "red", "not_applicable", "green")


def _returns(ls: Any, count: int) -> list[Any]:  # noqa: ANN401 - the package, imported late
    """``count`` returns to one partnership, one agency each, their ratings varied by a fixed pattern."""
    checklist = ls.get_checklist("section-11")
    ref = ls.checklist_ref(checklist)
    partnership = ls.Partnership(name="Northshire Safeguarding Children Partnership")
    made = []
    for number in range(count):
        responses = []
        for index, criterion in enumerate(checklist.criteria):
            rating = RATINGS[(number + index) % len(RATINGS)]
            responses.append(
                ls.Response(
                    criterion=criterion.id,
                    rating=rating,
                    criterion_fingerprint=criterion.fingerprint,
                    justification="A small group with no staff." if rating == ls.NOT_APPLICABLE else None,
                    evidence=()
                    if rating == ls.NOT_APPLICABLE
                    else (ls.Evidence(kind="document", reference=f"Safeguarding policy, section {index}"),),
                    actions=(ls.Action(description="Refresh the training plan.", due=date(2026, 10, 1)),)
                    if rating in ("amber", "red")
                    else (),
                )
            )
        made.append(
            ls.Assessment(
                checklist=ref,
                partnership=partnership,
                assessor=ls.Assessor(name="Designated safeguarding lead"),
                assessed_on=date(2026, 11, 1),
                responses=responses,
                agency=ls.AssessedAgency(name=f"Agency {number:03d}", sector=SECTORS[number % len(SECTORS)]),
            )
        )
    return made


def main() -> None:
    """Print the table of medians and ratios."""
    import lscp_scrutiny as ls  # noqa: PLC0415
    from lscp_scrutiny.core.rollup import rollup  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--returns", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    checklist = ls.get_checklist("section-11")
    with tempfile.TemporaryDirectory() as folder:
        jsons, workbooks = [], []
        for number, assessment in enumerate(_returns(ls, args.returns)):
            jsons.append(Path(folder, f"{number:03d}.json"))
            workbooks.append(Path(folder, f"{number:03d}.xlsx"))
            ls.save_assessment(assessment, jsons[-1])
            ls.save_assessment(assessment, workbooks[-1], checklist=checklist)
        texts = [p.read_text(encoding="utf-8") for p in jsons]

        def roll(paths: list[Path]) -> object:
            summaries = [ls.evaluate(ls.load_assessment(p), checklist, as_of=AS_OF) for p in paths]
            return rollup(summaries, by="sector", as_of=AS_OF, sources=[str(p) for p in paths])

        floor, as_json, reading, as_workbooks = interleaved_medians(
            [
                lambda: [json.loads(t) for t in texts],
                lambda: roll(jsons),
                lambda: [ls.load_assessment(p) for p in workbooks],
                lambda: roll(workbooks),
            ],
            args.repeat,
        )
    print(f"| roll-up of {args.returns} Section 11 returns, by sector | median ms | x json.loads |")
    print("|---|--:|--:|")
    for name, seconds in (
        ("json.loads of every JSON return (the floor)", floor),
        ("roll-up of the JSON returns", as_json),
        ("reading the workbooks alone", reading),
        ("roll-up of the workbooks", as_workbooks),
    ):
        print(f"| {name} | {seconds * 1000:.1f} | {seconds / floor:.1f}x |")
    bound = as_workbooks / (as_json + reading)
    print(f"\nWorkbooks against JSON plus the workbooks' reading alone: {bound:.2f}x (bound: 1.5x).")


if __name__ == "__main__":
    main()
