"""The national picture: many partnerships' survey returns and checklist assessments, aggregated.

Every figure is "N of M", where M is the number of partnerships that **answered that question**, never
the number of returns: an unanswered question is unknown, and leaving it out of M is what keeps it from
being counted as "no" (the national study reported its figures the same way). Pure computation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from attrs import evolve, frozen

from lscp_scrutiny.model import FIXED_STATES, Partnership
from lscp_scrutiny.model.labels import AREAS, METHODS, SCRUTINY_QUESTIONS, question, words_of
from lscp_scrutiny.model.summary import Summary

NATIONAL_SCHEMA_VERSION = 1
TWO_OR_MORE = 2  # the study reported scrutineers as "one" or "two or more"
_CHAIR = question("chair_also_scrutinises")  # asked of those with an independent chair: a figure apart

QUESTIONS = tuple(
    (q.key, q.group.value, q.figure) for q in SCRUTINY_QUESTIONS if q.is_headline and q.figure is not None
)
"""(field, who/how/what, figure label) of each yes/no question asked of every partnership, in field order:
each is a figure of the picture. Derived from :data:`~lscp_scrutiny.model.labels.SCRUTINY_QUESTIONS`."""


@frozen(kw_only=True)
class Figure:
    """``count`` of ``of``: how many of the partnerships that answered."""

    id: str
    label: str
    count: int | None
    """``None`` in a published picture when the count is small enough to identify a partnership."""
    of: int
    suppressed: bool = False
    withheld_with: str | None = None
    """Set when suppressed only because a figure it adds up with was: that figure's id."""

    @property
    def share(self) -> float | None:
        """``count / of``, or ``None`` when nobody answered or the count is suppressed."""
        return None if self.count is None or not self.of else self.count / self.of


@frozen(kw_only=True)
class QuestionFigure:
    """A yes/no question: the yes figure over those who answered, and how many did not answer."""

    figure: Figure
    question: str
    """who, how or what."""
    not_answered: int


@frozen(kw_only=True)
class CriterionPicture:
    """One criterion across many assessments: how often each rating was given."""

    id: str
    title: str
    section: str
    question: str
    counts: dict[str, int | None]
    """Assessments at each rating, fixed states included (``None`` where a small count is withheld)."""
    rated: int
    not_met: int | None
    """Assessments that rated it at the scale's lowest level (``None`` where a small count is withheld)."""
    not_met_share: float | None
    """Share of the rated assessments at the scale's lowest level."""


@frozen(kw_only=True)
class GroupPicture:
    """A section or a WHO/HOW/WHAT question across many assessments."""

    id: str
    title: str
    points: int
    max_points: int
    score: float | None


@frozen(kw_only=True)
class AssessmentPicture:
    """Many checklist assessments of one checklist, aggregated."""

    checklist: str
    checklist_version: str
    assessments: int
    criteria: tuple[CriterionPicture, ...]
    most_often_not_met: tuple[CriterionPicture, ...]
    sections: tuple[GroupPicture, ...]
    questions: tuple[GroupPicture, ...]
    ratings: int
    """Ratings on the scale given across all assessments."""
    with_evidence: int
    triangulated: int
    """Ratings backed by two or more kinds of evidence."""
    self_reported_only: int
    """Ratings backed by one kind of evidence only, or none."""


@frozen(kw_only=True)
class NationalPicture:
    """The England-wide picture: survey returns and, where given, checklist assessments."""

    schema_version: int
    returns: int
    questions: tuple[QuestionFigure, ...]
    scrutineer_count: tuple[Figure, ...]
    """Of those employing independent scrutineers (and saying how many): one, and two or more."""
    chair_also_scrutinises: Figure
    """Of those with an independent chair (and answering): how many chairs also scrutinise."""
    methods: tuple[Figure, ...]
    """How often each method is used, of the returns that listed their methods; most used first."""
    areas: tuple[Figure, ...]
    """How often each area is scrutinised, of the returns that listed their areas."""
    assessments: tuple[AssessmentPicture, ...]
    suppressed_below: int
    """Counts below this (and above zero) are withheld; 0 when nothing is suppressed."""


def _figure(id_: str, label: str, count: int, of: int) -> Figure:
    return Figure(id=id_, label=label, count=count, of=of)


def _question(returns: list[Partnership], attribute: str, question: str, label: str) -> QuestionFigure:
    answers = [getattr(r.scrutiny, attribute) for r in returns]
    answered = [a for a in answers if a is not None]
    return QuestionFigure(
        figure=_figure(attribute, label, sum(1 for a in answered if a), len(answered)),
        question=question,
        not_answered=len(answers) - len(answered),
    )


def _frequencies(lists: list[tuple[str, ...]], choices: Iterable[str], prefix: str) -> tuple[Figure, ...]:
    counter = Counter(item for items in lists for item in items)
    figures = [
        _figure(f"{prefix}.{choice}", words_of(choice), counter[choice], len(lists)) for choice in choices
    ]
    return tuple(sorted(figures, key=lambda f: (-(f.count or 0), f.id)))


def _assessment_picture(summaries: list[Summary]) -> AssessmentPicture:
    first = summaries[0]
    ratings: dict[str, Counter[str]] = {}
    for summary in summaries:  # one pass over every result: linear in the number of assessments
        for section in summary.sections:
            for result in section.criteria:
                ratings.setdefault(result.id, Counter())[result.rating] += 1
    lowest = {level.id for level in first.levels if level.points == 0}
    criteria = []
    for section in first.sections:
        for result in section.criteria:
            counts = ratings.get(result.id, Counter())
            rated = sum(n for rating, n in counts.items() if rating not in FIXED_STATES)
            not_met = sum(n for rating, n in counts.items() if rating in lowest)
            criteria.append(
                CriterionPicture(
                    id=result.id,
                    title=result.title,
                    section=section.id,
                    question=result.question,
                    counts=dict(sorted(counts.items())),
                    rated=rated,
                    not_met=not_met,
                    not_met_share=not_met / rated if rated else None,
                )
            )
    worst = sorted((c for c in criteria if c.not_met_share), key=lambda c: (-(c.not_met_share or 0), c.id))
    totals: Counter[tuple[str, str]] = Counter()
    for summary in summaries:
        for s in summary.sections:
            totals["section", s.id] += s.tally.points
            totals["section-max", s.id] += s.tally.max_points
        for g in summary.questions:
            totals["question", g.id] += g.tally.points
            totals["question-max", g.id] += g.tally.max_points

    def group(kind: str, id_: str, title: str) -> GroupPicture:
        points, maximum = totals[kind, id_], totals[f"{kind}-max", id_]
        return GroupPicture(
            id=id_,
            title=title,
            points=points,
            max_points=maximum,
            score=points / maximum if maximum else None,
        )

    sections = [group("section", s.id, s.title) for s in first.sections]
    questions = [group("question", g.id, g.id.upper()) for g in first.questions]
    rated = sum(s.overall.criteria - s.overall.not_assessed - s.overall.not_applicable for s in summaries)
    triangulated = sum(s.overall.triangulated for s in summaries)
    return AssessmentPicture(
        checklist=first.checklist.id,
        checklist_version=first.checklist.version,
        assessments=len(summaries),
        criteria=tuple(criteria),
        most_often_not_met=tuple(worst[:10]),
        sections=tuple(sections),
        questions=tuple(questions),
        ratings=rated,
        with_evidence=sum(s.overall.with_evidence for s in summaries),
        triangulated=triangulated,
        self_reported_only=rated - triangulated,
    )


def national_picture(
    returns: Iterable[Partnership], summaries: Iterable[Summary] = (), *, suppress_below: int = 0
) -> NationalPicture:
    """Aggregate survey returns (and evaluated assessments, grouped by checklist) into one picture.

    With ``suppress_below`` above zero, every count from 1 to ``suppress_below - 1`` is withheld (it
    could identify a partnership in a small group); zeros and denominators are kept.
    """
    returns = list(returns)
    questions = tuple(
        _question(returns, attribute, question, label) for attribute, question, label in QUESTIONS
    )
    with_scrutineers = [
        r.scrutiny.scrutineer_count
        for r in returns
        if r.scrutiny.independent_scrutineers and r.scrutiny.scrutineer_count is not None
    ]
    with_chair = [
        r.scrutiny.chair_also_scrutinises
        for r in returns
        if r.scrutiny.independent_chair and r.scrutiny.chair_also_scrutinises is not None
    ]
    method_lists = [
        tuple(m.value for m in r.scrutiny.methods) for r in returns if r.scrutiny.methods is not None
    ]
    area_lists = [tuple(a.value for a in r.scrutiny.areas) for r in returns if r.scrutiny.areas is not None]
    by_checklist: dict[str, list[Summary]] = {}
    for summary in summaries:
        by_checklist.setdefault(summary.checklist.id, []).append(summary)
    picture = NationalPicture(
        schema_version=NATIONAL_SCHEMA_VERSION,
        returns=len(returns),
        questions=questions,
        scrutineer_count=(
            _figure(
                "scrutineer_count.one",
                "Employ one independent scrutineer",
                sum(1 for n in with_scrutineers if n == 1),
                len(with_scrutineers),
            ),
            _figure(
                "scrutineer_count.two_or_more",
                "Employ two or more independent scrutineers",
                sum(1 for n in with_scrutineers if n >= TWO_OR_MORE),
                len(with_scrutineers),
            ),
        ),
        chair_also_scrutinises=_figure(
            "chair_also_scrutinises",
            _CHAIR.figure or _CHAIR.label,
            sum(1 for a in with_chair if a),
            len(with_chair),
        ),
        methods=_frequencies(method_lists, METHODS.values(), "methods"),
        areas=_frequencies(area_lists, AREAS.values(), "areas"),
        assessments=tuple(_assessment_picture(group) for _, group in sorted(by_checklist.items())),
        suppressed_below=suppress_below,
    )
    return suppress(picture, suppress_below) if suppress_below > 0 else picture


def _hide(figure: Figure, below: int) -> Figure:
    if figure.count is not None and 0 < figure.count < below:
        return evolve(figure, count=None, suppressed=True)
    return figure


def _hide_together(figures: tuple[Figure, ...], below: int) -> tuple[Figure, ...]:
    """Figures that add up to their shared denominator: withhold one, withhold all (else M - N shows it)."""
    hidden = [_hide(f, below) for f in figures]
    small = next((f.id for f in hidden if f.suppressed), None)
    if small is None:
        return figures
    return tuple(
        f if f.suppressed else evolve(f, count=None, suppressed=True, withheld_with=small) for f in hidden
    )


def suppress(picture: NationalPicture, below: int) -> NationalPicture:
    """The picture with every count from 1 to ``below - 1`` withheld."""
    return evolve(
        picture,
        questions=tuple(evolve(q, figure=_hide(q.figure, below)) for q in picture.questions),
        scrutineer_count=_hide_together(picture.scrutineer_count, below),
        chair_also_scrutinises=_hide(picture.chair_also_scrutinises, below),
        methods=tuple(_hide(f, below) for f in picture.methods),
        areas=tuple(_hide(f, below) for f in picture.areas),
        assessments=tuple(_suppress_assessments(a, below) for a in picture.assessments),
        suppressed_below=below,
    )


def _suppress_assessments(picture: AssessmentPicture, below: int) -> AssessmentPicture:
    def hide_counts(counts: dict[str, int | None]) -> dict[str, int | None]:
        return {rating: (n if n is None or n == 0 or n >= below else None) for rating, n in counts.items()}

    def hide(criterion: CriterionPicture) -> CriterionPicture:
        small = criterion.not_met is not None and 0 < criterion.not_met < below
        return evolve(
            criterion,
            counts=hide_counts(criterion.counts),
            not_met=None if small else criterion.not_met,
            not_met_share=None if small else criterion.not_met_share,  # a share and its base give the count
        )

    return evolve(
        picture,
        criteria=tuple(hide(c) for c in picture.criteria),
        most_often_not_met=tuple(hide(c) for c in picture.most_often_not_met),
    )
