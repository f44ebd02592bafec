"""The roll-up: many agencies' returns (Section 11 self-assessments, say) brought together for a partnership.

Each return is an evaluated assessment (a :class:`~lscp_scrutiny.model.summary.Summary`) naming the agency
assessed. The figures per criterion are the national picture's (:func:`~lscp_scrutiny.core.national.
assessment_picture`) over the returns, grouped by the key asked for through the same
:func:`~lscp_scrutiny.core.national.group_summaries`: one mechanism, two views. "N of M" counts the
agencies that rated the criterion on the scale; those that marked it not applicable or left it
unanswered are counted apart, never in M. The verdict counts: where the partnership's challenge agreed
another rating, that one. Pure computation.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from attrs import evolve, frozen

from lscp_scrutiny.core.national import (
    AssessmentPicture,
    assessment_picture,
    group_summaries,
    suppress_assessment_picture,
)
from lscp_scrutiny.errors import InvalidInputError, Problem
from lscp_scrutiny.model.summary import Change, LevelInfo, Summary

ROLLUP_SCHEMA_VERSION = 1
MOST_OFTEN_NOT_MET = 10
"""How many agencies the roll-up lists as most often at the scale's lowest level."""


class RollupKey(enum.StrEnum):
    """What a roll-up groups its returns by, besides the whole."""

    AGENCY = "agency"
    SECTOR = "sector"
    PARTNERSHIP = "partnership"
    ROLE = "role"


def name_key(name: str) -> str:
    """The key two names are the same agency (or partnership) by: case and spacing aside."""
    return " ".join(name.casefold().split())


def agency_of(summary: Summary) -> str:
    """Whom a return is of: the agency assessed, else (the partnership assessing itself) the partnership."""
    return summary.agency or summary.partnership


_KEYS: dict[RollupKey, Callable[[Summary], str]] = {
    RollupKey.AGENCY: agency_of,
    RollupKey.SECTOR: lambda s: s.agency_sector or "not recorded",
    RollupKey.PARTNERSHIP: lambda s: s.partnership,
    RollupKey.ROLE: lambda s: s.assessor_role,
}


@frozen(kw_only=True)
class AgencyReturn:
    """One agency's return, in a line: its score, what is at the lowest level, its actions."""

    agency: str
    sector: str | None
    partnership: str
    assessor_role: str
    assessed_on: date
    criteria: int
    rated: int
    """Criteria rated on the scale (the verdict, where a challenge agreed one)."""
    not_met: int
    """Criteria at the scale's lowest level."""
    not_applicable: int
    not_assessed: int
    score: float | None
    challenged: int
    """Criteria whose rating the partnership challenged and agreed anew (moderation records with a rating)."""
    changed_at_challenge: int
    """Of those, how many the agreed rating differs from the agency's own."""
    open_actions: int
    overdue_actions: int


@frozen(kw_only=True)
class RollupGroup:
    """The returns of one agency, sector, partnership or assessor role, aggregated."""

    key: str
    """The group's value: an agency's or partnership's name, a sector, an assessor role."""
    returns: int | None
    """``None`` in a published roll-up when the group is too small to show how many."""
    picture: AssessmentPicture


@frozen(kw_only=True)
class Rollup:
    """Agency returns against one checklist brought together: the whole, the groups, who has not returned."""

    schema_version: int
    checklist: str
    checklist_version: str
    checklist_title: str
    levels: tuple[LevelInfo, ...]
    """The checklist's rating levels, best first: the columns of every count."""
    by: str | None
    """What the groups are by (a :class:`RollupKey` value), or ``None`` for the whole alone."""
    overall: AssessmentPicture
    groups: tuple[RollupGroup, ...]
    returns: tuple[AgencyReturn, ...]
    """One line per return, in order of agency; empty in a published roll-up (each line is one agency)."""
    expected: tuple[str, ...] | None
    """The agencies expected to return, where known (``None`` when no list was given or found)."""
    missing: tuple[str, ...]
    """Expected agencies with no return, in the order expected."""
    most_often_not_met: tuple[AgencyReturn, ...]
    """The agencies with the most criteria at the lowest level (those with none left out), most first."""
    as_of: date
    """The day the roll-up was made: actions are overdue against it."""
    suppressed_below: int = 0
    """Counts from 1 to this minus one are withheld (0: nothing is)."""


def _return_line(summary: Summary) -> AgencyReturn:
    overall = summary.overall
    lowest = {level.id for level in summary.levels if level.points == 0}
    results = [result for section in summary.sections for result in section.criteria]
    agreed = [r.moderation for r in results if r.moderation is not None and r.moderation.agreed]
    return AgencyReturn(
        agency=agency_of(summary),
        sector=summary.agency_sector,
        partnership=summary.partnership,
        assessor_role=summary.assessor_role,
        assessed_on=summary.assessed_on,
        criteria=overall.criteria,
        rated=overall.criteria - overall.not_applicable - overall.not_assessed,
        not_met=sum(1 for r in results if r.rating in lowest),
        not_applicable=overall.not_applicable,
        not_assessed=overall.not_assessed,
        score=overall.score,
        challenged=len(agreed),
        changed_at_challenge=sum(1 for m in agreed if m.moved is not Change.UNCHANGED),
        open_actions=summary.open_actions,
        overdue_actions=summary.overdue_actions,
    )


def check_returns(
    summaries: Sequence[Summary], sources: Sequence[str], *, by: RollupKey | None = None
) -> list[Problem]:
    """What makes a set of returns unfit to roll up, one problem per file: empty when they are fit.

    Every return must answer the same checklist; unless grouped by partnership, every return must be to
    the same partnership; no agency may have returned twice to one partnership (it would be counted
    twice: two exports of one return, most likely).
    """
    problems: list[Problem] = []
    if not summaries:
        return problems
    first, first_source = summaries[0], sources[0]
    seen: dict[tuple[str, str], str] = {}
    for summary, source in zip(summaries, sources, strict=True):
        if summary.checklist.id != first.checklist.id:
            problems.append(
                Problem(
                    source=source,
                    message=f"is a return against {summary.checklist.id}, but {first_source} is against "
                    f"{first.checklist.id}; roll up the returns of one checklist at a time",
                )
            )
            continue
        if by is not RollupKey.PARTNERSHIP and name_key(summary.partnership) != name_key(first.partnership):
            problems.append(
                Problem(
                    source=source,
                    message=f"is a return to {summary.partnership}, but {first_source} is to "
                    f"{first.partnership}; roll up one partnership at a time, or use --by partnership",
                )
            )
            continue
        key = (name_key(summary.partnership), name_key(agency_of(summary)))
        if key in seen:
            problems.append(
                Problem(
                    source=source,
                    message=f"is a second return for {agency_of(summary)} (the first is {seen[key]}); "
                    "each agency is counted once: leave one out",
                )
            )
            continue
        seen[key] = source
    return problems


def rollup(
    summaries: Iterable[Summary],
    *,
    by: RollupKey | str | None = None,
    expected: Iterable[str] | None = None,
    as_of: date,
    suppress_below: int = 0,
    sources: Sequence[str] | None = None,
) -> Rollup:
    """Roll agency returns up: per criterion and section, how many agencies at each level, "N of M".

    ``summaries`` are the evaluated returns, all against one checklist (:func:`check_returns` says why
    not, naming ``sources``, the files they came from; a set that is unfit raises
    :class:`~lscp_scrutiny.errors.InvalidInputError`). ``by`` groups them as well (agency, sector,
    partnership or assessor role). ``expected`` names the agencies that should have returned; those
    without a return are listed as missing.

    With ``suppress_below`` above zero the roll-up is for publishing: every picture is withheld under
    the national picture's rule (:func:`~lscp_scrutiny.core.national.suppress`), and the per-agency
    lines are left out, since each is one agency's figures.
    """
    summaries = list(summaries)
    if not summaries:
        raise InvalidInputError([Problem(source="<returns>", message="there are no returns to roll up")])
    key = None if by is None else RollupKey(by)
    problems = check_returns(
        summaries, sources or [f"return {n}" for n in range(1, len(summaries) + 1)], by=key
    )
    if problems:
        raise InvalidInputError(problems)
    role = {s.assessor_role for s in summaries}
    overall = assessment_picture(summaries, role.pop() if len(role) == 1 else None)
    groups = []
    if key is not None:
        for (_, value), group in group_summaries(summaries, _KEYS[key]).items():
            picture = assessment_picture(group, value if key is RollupKey.ROLE else None)
            groups.append(RollupGroup(key=value or "", returns=len(group), picture=picture))
    lines = sorted((_return_line(s) for s in summaries), key=lambda r: (name_key(r.agency), r.partnership))
    returned = {name_key(line.agency) for line in lines}
    wanted = None if expected is None else tuple(dict.fromkeys(expected))
    missing = () if wanted is None else tuple(name for name in wanted if name_key(name) not in returned)
    worst = sorted((r for r in lines if r.not_met), key=lambda r: (-r.not_met, name_key(r.agency)))
    found = Rollup(
        schema_version=ROLLUP_SCHEMA_VERSION,
        checklist=summaries[0].checklist.id,
        checklist_version=summaries[0].checklist.version,
        checklist_title=summaries[0].checklist.title,
        levels=summaries[0].levels,
        by=None if key is None else key.value,
        overall=overall,
        groups=tuple(groups),
        returns=tuple(lines),
        expected=wanted,
        missing=missing,
        most_often_not_met=tuple(worst[:MOST_OFTEN_NOT_MET]),
        as_of=as_of,
    )
    return suppress_rollup(found, suppress_below) if suppress_below > 0 else found


def suppress_rollup(found: Rollup, below: int) -> Rollup:
    """``found`` fit to publish: each picture withheld under the national rule, no per-agency line.

    A group smaller than ``below`` shows no count of returns either. The list of agencies expected and
    not returned stays: it is names, not figures.
    """
    groups = tuple(
        RollupGroup(
            key=group.key,
            returns=group.returns if not group.returns or group.returns >= below else None,
            picture=suppress_assessment_picture(group.picture, below),
        )
        for group in found.groups
    )
    return evolve(
        found,
        overall=suppress_assessment_picture(found.overall, below),
        groups=groups,
        returns=(),
        most_often_not_met=(),
        suppressed_below=below,
    )
