"""The executive summary: what goes on the one page in front of the safeguarding partners' executive.

Chosen from the evaluation :class:`~lscp_scrutiny.model.summary.Summary` alone, by fixed rules, into
one small :class:`Executive` that every renderer reads (the ``summary`` HTML page, the first page of the
HTML report and of the Word report), so the page's numbers agree wherever it is shown. Nothing here
writes a sentence of its own: every word on the page is a label, a title or a number from the summary,
put into the renderers' fixed templates.

The rules:

- **Strengths** are the criteria rated at the top level of their scale (``Met`` on the built-in scale),
  the most kinds of evidence first (triangulated before single-source), then in checklist order.
- **Areas for development** are the rated criteria below the top of their scale (``Not met``, then
  ``Partly met``: the lowest share of their points first), then in checklist order.
- **Actions by owner**: open actions counted per owner, the most overdue first, then the most open.

Each list is cut at a fixed length so the page stays one page (:data:`MAX_STRENGTHS`,
:data:`MAX_AREAS`, :data:`MAX_OWNERS`); what is left off is counted (``and 12 more``), never dropped
silently, and the totals are always of every criterion and action.
"""

from __future__ import annotations

from attrs import frozen

from lscp_scrutiny.model import NOT_APPLICABLE, NOT_ASSESSED
from lscp_scrutiny.model.labels import FIXED_LABELS, FIXED_SHORT_LABELS, LEVEL_COLOURS, words_of
from lscp_scrutiny.model.summary import Change, CriterionResult, LevelInfo, Summary, Tally
from lscp_scrutiny.render._common import CHANGE_LABELS, UNASSIGNED, agency_text, percent, score_text

MAX_STRENGTHS = 5
"""The most strengths listed; the rest are counted."""
MAX_AREAS = 6
"""The most areas for development listed; the rest are counted."""
MAX_OWNERS = 3
"""The most owners given a row of their own; the rest share one row."""
MAX_MOVED = 2
"""The most criteria named as worsened in what changed (the rest, and the improved ones, are counted)."""

SCALE_COLOURS = LEVEL_COLOURS
"""A scale's colour names (``green``, ``amber``, ``red`` ...) as the colours drawn, the HTML report's own
(each has a contrast of 4.5:1 or more against white, so white text on it is readable too)."""
OTHER_COLOUR = "#57606a"
"""A level whose colour is not one of :data:`SCALE_COLOURS` (``default``)."""
NOT_RATED_COLOUR = "#d0d7de"
"""Not applicable and not yet assessed, in the chart."""


def colour_of(level: LevelInfo) -> str:
    """The ``#rrggbb`` colour a level is drawn in."""
    return SCALE_COLOURS.get(level.colour.lower(), OTHER_COLOUR)


@frozen(kw_only=True)
class Segment:
    """One part of a chart bar: the criteria at one level (or not rated)."""

    label: str
    short: str
    """The label where room is short (a column heading): ``N/A`` for not applicable."""
    count: int
    colour: str
    """``#rrggbb``."""
    level: str | None
    """The level id; ``None`` for the not-rated part (not applicable and not yet assessed)."""


@frozen(kw_only=True)
class Bar:
    """The ratings of one WHO / HOW / WHAT question (or of every criterion)."""

    label: str
    criteria: int
    segments: tuple[Segment, ...]
    """Every level of the scale(s), in order (zeros included), then not applicable and not yet assessed."""
    score: str
    """``68% (64/94)``, or ``none rated``."""

    @property
    def drawn(self) -> tuple[Segment, ...]:
        """The segments with a count: what the chart draws."""
        return tuple(segment for segment in self.segments if segment.count)


@frozen(kw_only=True)
class Strength:
    """A criterion rated at the top of its scale."""

    id: str
    title: str
    rating: str
    """The rating's label."""
    evidence_kinds: tuple[str, ...]
    """The kinds of evidence behind it, in words (``practitioner feedback``)."""


@frozen(kw_only=True)
class Area:
    """A rated criterion below the top of its scale."""

    id: str
    title: str
    rating: str
    """The rating's label."""
    level: str
    """The rating's level id (for its colour)."""
    open_actions: int
    overdue_actions: int


@frozen(kw_only=True)
class OwnerActions:
    """One owner's open actions (or the owners past :data:`MAX_OWNERS`, together)."""

    owner: str
    open: int
    overdue: int


@frozen(kw_only=True)
class Changes:
    """What changed since the assessment compared with."""

    since: str
    """The earlier assessment's date, ISO."""
    score_before: str
    score_after: str
    counts: tuple[tuple[str, int], ...]
    """Every kind of change with criteria in it, label and count (unchanged too), in the order of Change."""
    worsened: tuple[str, ...]
    """Titles of criteria that got worse (at most :data:`MAX_MOVED`)."""
    more_worsened: int
    actions_opened: int
    actions_closed: int


@frozen(kw_only=True)
class Executive:
    """The content of the executive summary page: every renderer shows this, and only this."""

    partnership: str
    area: str | None
    agency: str | None
    """The agency assessed and its sector, where the assessment is one agency's return."""
    checklist: str
    """The checklist's title, id and version: ``Independent scrutiny ... (independent-scrutiny 1.2.0)``."""
    assessor: str
    """Name, role in words, and organisation if given."""
    assessed_on: str
    as_of: str
    public: bool
    score: str
    """The headline: ``68%``, or ``n/a`` when nothing is rated."""
    points: int
    """The score's numerator."""
    max_points: int
    """The score's denominator."""
    criteria: int
    rated: int
    not_applicable: int
    not_assessed: int
    bars: tuple[Bar, ...]
    """WHO, HOW and WHAT, in the checklist's order."""
    overall: Bar
    strengths: tuple[Strength, ...]
    more_strengths: int
    """Strengths not listed (past :data:`MAX_STRENGTHS`)."""
    areas: tuple[Area, ...]
    more_areas: int
    """Areas for development not listed (past :data:`MAX_AREAS`)."""
    owners: tuple[OwnerActions, ...]
    open_actions: int
    overdue_actions: int
    changes: Changes | None

    @property
    def strengths_total(self) -> int:
        """Every criterion at the top of its scale."""
        return len(self.strengths) + self.more_strengths

    @property
    def areas_total(self) -> int:
        """Every rated criterion below the top of its scale."""
        return len(self.areas) + self.more_areas

    @property
    def headline(self) -> str:
        """``68% (64 of 94 points)``, or ``none rated``."""
        if self.score == "n/a":  # nothing rated yet
            return "none rated"
        return f"{self.score} ({self.points} of {self.max_points} points)"


def _bar(label: str, tally: Tally, levels: tuple[LevelInfo, ...]) -> Bar:
    segments = [
        Segment(
            label=level.label,
            short=level.label,
            count=tally.counts.get(level.id, 0),
            colour=colour_of(level),
            level=level.id,
        )
        for level in levels
    ]
    segments += [
        Segment(
            label=FIXED_LABELS[state],
            short=FIXED_SHORT_LABELS[state],
            count=count,
            colour=NOT_RATED_COLOUR,
            level=None,
        )
        for state, count in ((NOT_APPLICABLE, tally.not_applicable), (NOT_ASSESSED, tally.not_assessed))
    ]
    return Bar(label=label, criteria=tally.criteria, segments=tuple(segments), score=score_text(tally))


def _rated(result: CriterionResult) -> bool:
    return result.points is not None and result.max_points > 0


def _strengths(results: list[CriterionResult]) -> list[Strength]:
    top = [r for r in results if _rated(r) and r.points == r.max_points]
    order = sorted(range(len(top)), key=lambda i: (-len(top[i].evidence_kinds), i))
    return [
        Strength(
            id=top[i].id,
            title=top[i].title,
            rating=top[i].rating_label,
            evidence_kinds=tuple(words_of(kind) for kind in top[i].evidence_kinds),
        )
        for i in order
    ]


def _areas(results: list[CriterionResult]) -> list[Area]:
    below = [r for r in results if _rated(r) and (r.points or 0) < r.max_points]
    order = sorted(range(len(below)), key=lambda i: ((below[i].points or 0) / below[i].max_points, i))
    return [
        Area(
            id=below[i].id,
            title=below[i].title,
            rating=below[i].rating_label,
            level=below[i].rating,
            open_actions=below[i].open_actions,
            overdue_actions=below[i].overdue_actions,
        )
        for i in order
    ]


def _owners(summary: Summary) -> list[OwnerActions]:
    counts: dict[str, list[int]] = {}
    for action in summary.actions:
        entry = counts.setdefault(action.owner or UNASSIGNED, [0, 0])
        entry[0] += 1
        entry[1] += int(action.overdue)
    names = list(counts)
    ranked = sorted(names, key=lambda name: (name == UNASSIGNED, -counts[name][1], -counts[name][0]))
    rows = [OwnerActions(owner=name, open=counts[name][0], overdue=counts[name][1]) for name in ranked]
    if len(rows) <= MAX_OWNERS:
        return rows
    kept, rest = rows[: MAX_OWNERS - 1], rows[MAX_OWNERS - 1 :]
    others = OwnerActions(
        owner=f"{len(rest)} other owners",
        open=sum(row.open for row in rest),
        overdue=sum(row.overdue for row in rest),
    )
    return [*kept, others]


def _changes(summary: Summary) -> Changes | None:
    comparison = summary.comparison
    if comparison is None:
        return None
    worsened = [c.title for c in comparison.criteria if c.change is Change.WORSENED]
    return Changes(
        since=comparison.earlier_assessed_on.isoformat(),
        score_before=percent(comparison.score_before),
        score_after=percent(comparison.score_after),
        counts=tuple(
            (CHANGE_LABELS[Change(kind)], count) for kind, count in comparison.counts.items() if count
        ),  # in the order of Change: improved, worsened, unchanged ...
        worsened=tuple(worsened[:MAX_MOVED]),
        more_worsened=max(len(worsened) - MAX_MOVED, 0),
        actions_opened=len(comparison.actions_opened),
        actions_closed=len(comparison.actions_closed),
    )


def executive(summary: Summary) -> Executive:
    """The executive summary of ``summary``: its one page's content, chosen by the rules above."""
    checklist, overall = summary.checklist, summary.overall
    assessor = f"{summary.assessor}, {words_of(summary.assessor_role)}"
    if summary.assessor_organisation:
        assessor += f", {summary.assessor_organisation}"
    results = [result for section in summary.sections for result in section.criteria]
    strengths = _strengths(results)
    areas = _areas(results)
    rated = overall.criteria - overall.not_applicable - overall.not_assessed
    return Executive(
        partnership=summary.partnership,
        agency=agency_text(summary),
        area=summary.area,
        checklist=f"{checklist.title} ({checklist.id} {checklist.version})",
        assessor=assessor,
        assessed_on=summary.assessed_on.isoformat(),
        as_of=summary.as_of.isoformat(),
        public=summary.public,
        score=percent(overall.score),
        points=overall.points,
        max_points=overall.max_points,
        criteria=overall.criteria,
        rated=rated,
        not_applicable=overall.not_applicable,
        not_assessed=overall.not_assessed,
        bars=tuple(_bar(group.id.upper(), group.tally, summary.levels) for group in summary.questions),
        overall=_bar("Overall", overall, summary.levels),
        strengths=tuple(strengths[:MAX_STRENGTHS]),
        more_strengths=max(len(strengths) - MAX_STRENGTHS, 0),
        areas=tuple(areas[:MAX_AREAS]),
        more_areas=max(len(areas) - MAX_AREAS, 0),
        owners=tuple(_owners(summary)),
        open_actions=summary.open_actions,
        overdue_actions=summary.overdue_actions,
        changes=_changes(summary),
    )
