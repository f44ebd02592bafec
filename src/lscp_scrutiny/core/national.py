"""The national picture: many partnerships' survey returns and checklist assessments, aggregated.

Every figure is "N of M", where M is the number of partnerships that **answered that question**, never
the number of returns: an unanswered question is unknown, and leaving it out of M is what keeps it from
being counted as "no" (the national study reported its figures the same way). Pure computation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from fractions import Fraction

from attrs import evolve, field, frozen

from lscp_scrutiny.core.agreement import Agreement, agreement
from lscp_scrutiny.model import FIXED_STATES, Partnership
from lscp_scrutiny.model.labels import AREAS, METHODS, SCRUTINY_QUESTIONS, question, words_of
from lscp_scrutiny.model.summary import Summary

NATIONAL_SCHEMA_VERSION = 3  # 2: denominators and totals can be withheld; 3: children_involvement, as_of
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
    """``None`` in a published picture when it is withheld (see :func:`suppress`)."""
    of: int | None
    """``None`` in a published picture when the denominator is withheld."""
    suppressed: bool = False
    """The count or the denominator is withheld."""

    @property
    def share(self) -> float | None:
        """``count / of``, or ``None`` when nobody answered or either is withheld."""
        return None if self.count is None or not self.of else self.count / self.of


@frozen(kw_only=True)
class QuestionFigure:
    """A yes/no question: the yes figure over those who answered, and how many did not answer."""

    figure: Figure
    question: str
    """who, how or what."""
    not_answered: int | None
    """``None`` in a published picture when it is withheld."""


@frozen(kw_only=True)
class CriterionPicture:
    """One criterion across many assessments: how often each rating was given."""

    id: str
    title: str
    section: str
    question: str
    counts: dict[str, int | None]
    """Assessments at each rating, fixed states included (``None`` where a small count is withheld)."""
    rated: int | None
    """Assessments that rated it on the scale (``None`` where withheld)."""
    not_met: int | None
    """Assessments that rated it at the scale's lowest level (``None`` where a small count is withheld)."""
    not_met_share: float | None
    """Share of the rated assessments at the scale's lowest level."""


@frozen(kw_only=True)
class GroupPicture:
    """A section or a WHO/HOW/WHAT question across many assessments."""

    id: str
    title: str
    points: int | None
    max_points: int | None
    score: float | None
    """``None`` when nothing is rated, or (in a published picture) when a count behind it is withheld."""


@frozen(kw_only=True)
class AssessmentPicture:
    """Many checklist assessments of one checklist, aggregated."""

    checklist: str
    checklist_version: str
    assessments: int | None
    criteria: tuple[CriterionPicture, ...]
    most_often_not_met: tuple[CriterionPicture, ...]
    sections: tuple[GroupPicture, ...]
    questions: tuple[GroupPicture, ...]
    ratings: int | None
    """Ratings on the scale given across all assessments."""
    with_evidence: int | None
    triangulated: int | None
    """Ratings backed by two or more kinds of evidence."""
    self_reported_only: int | None
    """Ratings backed by one kind of evidence only, or none."""
    not_met_levels: tuple[str, ...] = ()
    """The scale's lowest levels: the ratings counted as "not met"."""
    assessor_role: str | None = None
    """The role of every assessor counted here (an :class:`~lscp_scrutiny.model.AssessorRole` value), when
    the picture is split by role; ``None`` when every role is pooled."""


@frozen(kw_only=True)
class RoleAgreement:
    """How far assessments made in different roles agree, over the partnerships that have several."""

    checklist: str
    roles: tuple[str, ...]
    """The roles of the assessments compared."""
    partnerships: int | None
    """Partnerships with assessments in two or more roles (``None`` where a small count is withheld)."""
    agreement: Agreement | None
    """Over every (partnership, criterion): the ratings of that partnership's assessments, one value each;
    ``None`` when withheld (too few partnerships to publish)."""


@frozen(kw_only=True)
class NationalPicture:
    """The England-wide picture: survey returns and, where given, checklist assessments."""

    schema_version: int
    returns: int | None
    """``None`` in a published picture when there are fewer returns than the threshold."""
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
    children_involvement: tuple[Figure, ...] = ()
    """How children and young people take part, of the returns that said how; most often said first.

    The ways are the returns' own words (spaces and case aside). In a published picture a way said by
    too few partnerships is left out altogether, its words with it: words can name a partnership.
    """
    as_of: date | None = None
    """The day the picture was made (actions overdue are judged against it)."""
    role_agreement: tuple[RoleAgreement, ...] = ()
    """Per checklist, where some partnership has assessments in two or more roles: how far they agree."""


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


def _ways_children_take_part(returns: list[Partnership]) -> tuple[Figure, ...]:
    """Each way children take part, of the returns that said how (the same words, spaces and case aside)."""
    lists: list[tuple[str, ...]] = []
    words: dict[str, str] = {}
    for partnership in returns:
        said = partnership.scrutiny.children_involvement
        if not said:
            continue
        keys = []
        for way in said:
            key = " ".join(way.split()).casefold()
            if key:
                words.setdefault(key, " ".join(way.split()))
                keys.append(key)
        if keys:
            lists.append(tuple(dict.fromkeys(keys)))
    counter = Counter(key for keys in lists for key in keys)
    figures = [
        _figure(f"children_involvement.{key}", words[key], counter[key], len(lists)) for key in sorted(words)
    ]
    return tuple(sorted(figures, key=lambda f: (-(f.count or 0), f.id)))


def _role_agreement(checklist: str, summaries: list[Summary]) -> RoleAgreement | None:
    """Agreement between a partnership's assessments made in different roles, over all such partnerships."""
    by_partnership: dict[str, list[Summary]] = {}
    for summary in summaries:
        by_partnership.setdefault(" ".join(summary.partnership.casefold().split()), []).append(summary)
    several = [group for group in by_partnership.values() if len({s.assessor_role for s in group}) > 1]
    if not several:
        return None
    units: list[list[int | None]] = []
    for group in several:
        scale = {level.id for level in group[0].levels}  # ordinal positions on the checklist's own scale
        ratings: dict[str, list[int | None]] = {}
        for summary in group:
            for section in summary.sections:
                for result in section.criteria:
                    position = result.points if result.rating in scale else None
                    ratings.setdefault(result.id, []).append(position)
        units += ratings.values()
    roles = tuple(sorted({s.assessor_role for group in several for s in group}))
    return RoleAgreement(
        checklist=checklist, roles=roles, partnerships=len(several), agreement=agreement(units)
    )


def group_summaries(
    summaries: Iterable[Summary], key: Callable[[Summary], str] | None = None
) -> dict[tuple[str, str | None], list[Summary]]:
    """Evaluated assessments grouped by checklist and, with ``key``, by ``key(summary)`` within it.

    The one grouping behind every aggregate: the national picture groups by assessor role (with
    ``--by-role``), the roll-up of agency returns by agency, sector, partnership or role. Groups come in
    order of checklist, then key; each keeps its assessments in the order given.
    """
    groups: dict[tuple[str, str | None], list[Summary]] = {}
    for summary in summaries:
        groups.setdefault((summary.checklist.id, key(summary) if key else None), []).append(summary)
    return dict(sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or "")))


def assessment_picture(summaries: Sequence[Summary], role: str | None = None) -> AssessmentPicture:
    """Assessments of one checklist aggregated: per criterion how many gave each rating, "N of M".

    ``summaries`` must all be of one checklist (see :func:`group_summaries`); ``role`` is recorded as the
    role every assessor counted here had, where the group is one role's.
    """
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
        not_met_levels=tuple(sorted(lowest)),
        assessor_role=role,
    )


def national_picture(
    returns: Iterable[Partnership],
    summaries: Iterable[Summary] = (),
    *,
    suppress_below: int = 0,
    as_of: date | None = None,
    by_role: bool = False,
) -> NationalPicture:
    """Aggregate survey returns (and evaluated assessments, grouped by checklist) into one picture.

    ``as_of`` is recorded as the day the picture was made (for its method note). ``by_role`` splits the
    assessments of each checklist by their assessor's role (self-assessment, peer review, independent
    scrutineer) instead of pooling them: the groups are disjoint, so each is published on its own
    terms. Where a partnership has assessments in several roles, how far they agree is given either way.

    With ``suppress_below`` above zero the picture is :func:`suppress`-ed: no count from 1 to
    ``suppress_below - 1`` can be read from it or worked out by adding and subtracting what it shows.
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
    summaries = list(summaries)
    by_checklist = group_summaries(summaries, (lambda s: s.assessor_role) if by_role else None)
    per_checklist: dict[str, list[Summary]] = {}
    for summary in summaries:
        per_checklist.setdefault(summary.checklist.id, []).append(summary)
    agreements = [_role_agreement(checklist, group) for checklist, group in sorted(per_checklist.items())]
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
        assessments=tuple(assessment_picture(group, role) for (_, role), group in by_checklist.items()),
        suppressed_below=suppress_below,
        children_involvement=_ways_children_take_part(returns),
        as_of=as_of,
        role_agreement=tuple(found for found in agreements if found is not None),
    )
    return suppress(picture, suppress_below) if suppress_below > 0 else picture


# --- publishing: small counts --------------------------------------------------------------------------
#
# Each group of figures is a small table: *cells* (the finest groups of partnerships the figures are sums
# of, such as "said yes", "said no", "did not answer") and *forms* (the numbers a picture would publish,
# each the sum of some cells). A reader who knows how the figures fit together can add and subtract
# published numbers; what they can work out exactly is the linear span of the published forms. The rule:
# no cell and no form with a count from 1 to ``below - 1`` is in that span. Small forms are withheld
# (primary suppression); then, while a small count can still be worked out, one more form is withheld
# (secondary suppression), in a fixed order of preference, until none can.


def _in_span(target: frozenset[str], published: list[frozenset[str]], cells: list[str]) -> bool:
    """Whether the sum of ``target``'s cells is a combination of the published sums (exact arithmetic)."""
    index = {cell: i for i, cell in enumerate(cells)}
    rows: list[list[Fraction]] = []
    for form in published:
        row = [Fraction(0)] * len(cells)
        for cell in form:
            row[index[cell]] = Fraction(1)
        rows.append(row)
    goal = [Fraction(1 if cell in target else 0) for cell in cells]
    pivots: list[tuple[int, list[Fraction]]] = []
    for given in rows:  # reduce each row against the pivots so far; keep it if anything is left
        row = given
        for column, pivot in pivots:
            if row[column]:
                factor = row[column]
                row = [a - factor * b for a, b in zip(row, pivot, strict=True)]
        lead = next((i for i, value in enumerate(row) if value), None)
        if lead is not None:
            pivots.append((lead, [value / row[lead] for value in row]))
    for column, pivot in pivots:
        if goal[column]:
            factor = goal[column]
            goal = [a - factor * b for a, b in zip(goal, pivot, strict=True)]
    return not any(goal)


@frozen
class _Table:
    """A group of figures: cell values, the forms that could be published, and what else is a count."""

    cells: dict[str, int]
    forms: dict[str, frozenset[str]]
    """Publishable numbers, by key; each the sum of its cells."""
    fixed: frozenset[str] = frozenset()
    """Forms always published (the number of returns or assessments, once it is not small)."""
    counts: dict[str, frozenset[str]] = field(factory=dict)
    """Counts that are published nowhere but must not be worked out either (such as "did not rate")."""

    def value(self, cells: frozenset[str]) -> int:
        return sum(self.cells[cell] for cell in cells)


def _protect(table: _Table, below: int, withheld: set[str], order: list[str], guard: set[str]) -> set[str]:
    """The forms of ``table`` to withhold: the small ones, and enough others that none can be worked out.

    ``withheld`` is what is withheld already (a shared denominator, say); ``guard`` names withheld forms
    that must stay out of reach too (they are added up with figures of other tables). ``order`` is the
    order in which other forms are given up.
    """
    cells = sorted(table.cells)
    withheld = set(withheld)
    targets = {frozenset([cell]) for cell, n in table.cells.items() if 0 < n < below}
    for key, form in (*table.forms.items(), *table.counts.items()):
        if 0 < table.value(form) < below:
            targets.add(form)
            if key in table.forms:
                withheld.add(key)
    targets |= {table.forms[key] for key in guard if key in table.forms}
    while True:
        published = [form for key, form in table.forms.items() if key not in withheld]
        exposed = sorted((t for t in targets if _in_span(t, published, cells)), key=sorted)
        if not exposed:
            return withheld
        target = exposed[0]
        candidates = [key for key in order if key not in withheld and key not in table.fixed]
        if not candidates:  # cannot happen: with every form but the fixed ones withheld, nothing shows
            return withheld | set(table.forms)
        remaining = [key for key in table.forms if key not in withheld]

        def hides(key: str, remaining: list[str] = remaining, target: frozenset[str] = target) -> bool:
            return not _in_span(target, [table.forms[k] for k in remaining if k != key], cells)

        withheld.add(next((key for key in candidates if hides(key)), candidates[0]))


def _shown(value: int | None, key: str, withheld: set[str]) -> int | None:
    return None if key in withheld else value


def _question_table(q: QuestionFigure, returns: int) -> tuple[_Table, list[str]]:
    f = q.figure
    answered = f.of or 0
    cells = {"yes": f.count or 0, "no": answered - (f.count or 0), "unanswered": returns - answered}
    forms = {
        "count": frozenset({"yes"}),
        "of": frozenset({"yes", "no"}),
        "not_answered": frozenset({"unanswered"}),
        "returns": frozenset(cells),
    }
    return _Table(cells=cells, forms=forms, fixed=frozenset({"returns"})), ["count", "not_answered", "of"]


def _split_table(
    q: QuestionFigure, parts: tuple[Figure, ...], returns: int
) -> tuple[_Table, list[str], list[str]]:
    """A yes/no question whose "yes" is broken down further (scrutineers by number; chairs who scrutinise).

    ``parts`` are the figures over the shared sub-denominator; the yes answers not in it are a cell too.
    """
    f = q.figure
    answered, yes = f.of or 0, f.count or 0
    sub = parts[0].of or 0
    cells = {p.id: p.count or 0 for p in parts}
    rest = sub - sum(cells.values())  # for the chair: those whose chair does not scrutinise
    if rest:
        cells["rest"] = rest
    cells |= {"yes-unsaid": yes - sub, "no": answered - yes, "unanswered": returns - answered}
    in_sub = frozenset(set(cells) - {"yes-unsaid", "no", "unanswered"})
    forms = {
        "count": frozenset(in_sub | {"yes-unsaid"}),
        "of": frozenset(in_sub | {"yes-unsaid", "no"}),
        "not_answered": frozenset({"unanswered"}),
        "returns": frozenset(cells),
        "sub.of": in_sub,
        **{p.id: frozenset({p.id}) for p in parts},
    }
    ids = [p.id for p in sorted(parts, key=lambda p: (p.count or 0, p.id))]
    order = [*ids, "count", "sub.of", "not_answered", "of"]
    return _Table(cells=cells, forms=forms, fixed=frozenset({"returns"})), order, ids


def _suppress_question(q: QuestionFigure, withheld: set[str]) -> QuestionFigure:
    f = q.figure
    count, of = _shown(f.count, "count", withheld), _shown(f.of, "of", withheld)
    return evolve(
        q,
        figure=evolve(f, count=count, of=of, suppressed=count is None or of is None),
        not_answered=_shown(q.not_answered, "not_answered", withheld),
    )


def _suppress_parts(parts: tuple[Figure, ...], withheld: set[str]) -> tuple[Figure, ...]:
    of = None if "sub.of" in withheld else parts[0].of
    return tuple(
        evolve(p, count=_shown(p.count, p.id, withheld), of=of, suppressed=p.id in withheld or of is None)
        for p in parts
    )


def _suppress_frequencies(figures: tuple[Figure, ...], returns: int, below: int) -> tuple[Figure, ...]:
    """Methods (or areas): each "listed it" of those who listed any; the denominator is shared by all."""
    if not figures:
        return figures
    listed = figures[0].of or 0
    shared: set[str] = set()
    while True:
        outcome: dict[str, set[str]] = {}
        for f in figures:
            count = f.count or 0
            cells = {"listed": count, "not-listed": listed - count, "unanswered": returns - listed}
            forms = {
                "count": frozenset({"listed"}),
                "of": frozenset({"listed", "not-listed"}),
                "returns": frozenset(cells),
            }
            table = _Table(cells=cells, forms=forms, fixed=frozenset({"returns"}))
            outcome[f.id] = _protect(table, below, shared, ["count", "of"], set())
        more = {key for found in outcome.values() for key in found if key == "of"} - shared
        if not more:
            break
        shared |= (
            more  # one table gives up the shared denominator: every table does, and all are checked again
        )
    of = None if shared else listed
    hidden = [
        evolve(
            f,
            count=_shown(f.count, "count", outcome[f.id]),
            of=of,
            suppressed="count" in outcome[f.id] or of is None,
        )
        for f in figures
    ]
    shown = sorted((f for f in hidden if f.count is not None), key=lambda f: (-(f.count or 0), f.id))
    withheld = sorted((f for f in hidden if f.count is None), key=lambda f: f.id)  # a neutral order
    return (*shown, *withheld)


def _said_often_enough(
    figures: tuple[Figure, ...], returns: int, below: int, question: QuestionFigure | None
) -> tuple[Figure, ...]:
    """The ways children take part, suppressed; a way whose count is withheld is left out, words and all.

    They are said only by partnerships that involve children in a scrutiny role (yes) or did not answer
    that question, which is published beside them: "yes" less a way's count, or less the number who
    said how, would be a group of partnerships of its own. A way, or the number who said how, that
    would leave such a group from 1 to ``below - 1`` is withheld too (the way left out).
    """
    shown = _suppress_frequencies(figures, returns, below)
    if question is not None and shown:
        yes, unanswered = question.figure.count or 0, question.not_answered or 0

        def leaves_few(count: int) -> bool:
            return any(0 < total - count < below for total in (yes, yes + unanswered))

        if leaves_few(figures[0].of or 0):
            shown = tuple(evolve(f, of=None, suppressed=True) for f in shown)
        raw = {f.id: f.count or 0 for f in figures}
        shown = tuple(f for f in shown if not leaves_few(raw[f.id]))
    return tuple(f for f in shown if f.count is not None)


def _suppress_role_agreement(found: RoleAgreement, below: int) -> RoleAgreement:
    """Agreement over fewer partnerships than ``below`` is withheld whole: it would speak of each of them."""
    if found.partnerships is not None and 0 < found.partnerships < below:
        return evolve(found, partnerships=None, agreement=None)
    return found


def _withhold_everything(picture: NationalPicture) -> NationalPicture:
    """Fewer returns than the threshold: every count of the survey is withheld, the number of returns too."""

    def hide(f: Figure) -> Figure:
        return evolve(f, count=None if f.count else f.count, of=None, suppressed=True)

    return evolve(
        picture,
        returns=None,
        questions=tuple(evolve(q, figure=hide(q.figure), not_answered=None) for q in picture.questions),
        scrutineer_count=tuple(hide(f) for f in picture.scrutineer_count),
        chair_also_scrutinises=hide(picture.chair_also_scrutinises),
        methods=tuple(sorted((hide(f) for f in picture.methods), key=lambda f: f.id)),
        areas=tuple(sorted((hide(f) for f in picture.areas), key=lambda f: f.id)),
        children_involvement=(),  # their own words: none is shown when every count is withheld
    )


def suppress(picture: NationalPicture, below: int) -> NationalPicture:
    """The picture made safe to publish: no count from 1 to ``below - 1`` can be read or worked out.

    Small counts are withheld, and with them enough of the figures they add up with (their denominators
    included) that no small count can be worked out by adding and subtracting published numbers; zeros
    are kept. Withheld rows of methods and areas come last, in order of their ids, so that their order
    gives nothing away. The rule, and what it does not guarantee, is in ``docs/national.md``.
    """
    below = max(below, 0)
    assessments = tuple(suppress_assessment_picture(a, below) for a in picture.assessments)
    returns = picture.returns or 0
    if 0 < returns < below:
        return evolve(
            _withhold_everything(picture),
            assessments=assessments,
            suppressed_below=below,
            role_agreement=tuple(_suppress_role_agreement(found, below) for found in picture.role_agreement),
        )
    questions = []
    scrutineer_count, chair = picture.scrutineer_count, picture.chair_also_scrutinises
    for q in picture.questions:
        if q.figure.id == "independent_scrutineers":
            table, order, _ = _split_table(q, scrutineer_count, returns)
            withheld = _protect(table, below, set(), order, set())
            scrutineer_count = _suppress_parts(scrutineer_count, withheld)
        elif q.figure.id == "independent_chair":
            table, order, _ = _split_table(q, (chair,), returns)
            withheld = _protect(table, below, set(), order, set())
            (chair,) = _suppress_parts((chair,), withheld)
        else:
            table, order = _question_table(q, returns)
            withheld = _protect(table, below, set(), order, set())
        questions.append(_suppress_question(q, withheld))
    return evolve(
        picture,
        questions=tuple(questions),
        scrutineer_count=scrutineer_count,
        chair_also_scrutinises=chair,
        methods=_suppress_frequencies(picture.methods, returns, below),
        areas=_suppress_frequencies(picture.areas, returns, below),
        children_involvement=_said_often_enough(
            picture.children_involvement,
            returns,
            below,
            next((q for q in picture.questions if q.figure.id == "children_in_scrutiny_role"), None),
        ),
        role_agreement=tuple(_suppress_role_agreement(found, below) for found in picture.role_agreement),
        assessments=assessments,
        suppressed_below=below,
    )


def _criterion_table(c: CriterionPicture, lowest: frozenset[str]) -> tuple[_Table, list[str]]:
    cells = {rating: n or 0 for rating, n in c.counts.items() if n}  # a rating never given is a known 0
    scale = frozenset(r for r in cells if r not in FIXED_STATES)
    forms = {
        **{f"rating:{r}": frozenset({r}) for r in cells},
        "rated": scale,
        "not_met": frozenset(r for r in scale if r in lowest),
        "assessments": frozenset(cells),
    }
    table = _Table(
        cells=cells,
        forms=forms,
        fixed=frozenset({"assessments"}),
        counts={"unrated": frozenset(set(cells) - scale)},
    )
    by_size = sorted(cells, key=lambda r: (cells[r], r))
    return table, [*(f"rating:{r}" for r in by_size), "not_met", "rated"]


def _suppress_criterion(c: CriterionPicture, withheld: set[str]) -> CriterionPicture:
    rated, not_met = _shown(c.rated, "rated", withheld), _shown(c.not_met, "not_met", withheld)
    return evolve(
        c,
        counts={r: _shown(n, f"rating:{r}", withheld) for r, n in c.counts.items()},
        rated=rated,
        not_met=not_met,
        not_met_share=c.not_met_share if rated is not None and not_met is not None else None,
    )


def _most_often_not_met(criteria: Iterable[CriterionPicture]) -> tuple[CriterionPicture, ...]:
    """The ten criteria most often rated at the lowest level, of those whose share is published."""
    ranked = sorted((c for c in criteria if c.not_met_share), key=lambda c: (-(c.not_met_share or 0), c.id))
    return tuple(ranked[:10])


def suppress_assessment_picture(picture: AssessmentPicture, below: int) -> AssessmentPicture:
    """``picture`` with every count from 1 to ``below - 1`` withheld, and whatever would give one away.

    The rule of :func:`suppress`, for one group of assessments: the national picture applies it to each
    checklist's (and role's) group, the roll-up of agency returns to the whole and to each of its groups.
    """
    lowest = frozenset(picture.not_met_levels)
    total = picture.assessments or 0
    if 0 < total < below:  # a group this small: every count and every score could point at one of them
        criteria = tuple(
            evolve(
                c,
                counts={r: (n if not n else None) for r, n in c.counts.items()},
                rated=c.rated if not c.rated else None,
                not_met=c.not_met if not c.not_met else None,
                not_met_share=None,
            )
            for c in picture.criteria
        )

        def blank(g: GroupPicture) -> GroupPicture:
            return evolve(g, points=None, max_points=None, score=None)

        return evolve(
            picture,
            assessments=None,
            criteria=criteria,
            most_often_not_met=(),
            sections=tuple(blank(g) for g in picture.sections),
            questions=tuple(blank(g) for g in picture.questions),
            ratings=None,
            with_evidence=None,
            triangulated=None,
            self_reported_only=None,
        )
    hidden_criteria = []
    for c in picture.criteria:
        table, order = _criterion_table(c, lowest)
        guard: set[str] = set()
        withheld = _protect(table, below, set(), order, guard)
        if "rated" in withheld:  # added up across criteria into the number of ratings: keep it out of reach
            withheld = _protect(table, below, withheld, order, {"rated"})
        hidden_criteria.append(_suppress_criterion(c, withheld))
    criteria = tuple(hidden_criteria)
    # The ratings: triangulated, on one kind of evidence, on none; their total is the criteria's "rated".
    ratings, evidence, triangulated = (
        picture.ratings or 0,
        picture.with_evidence or 0,
        picture.triangulated or 0,
    )
    cells = {"triangulated": triangulated, "one-kind": evidence - triangulated, "none": ratings - evidence}
    forms = {
        "triangulated": frozenset({"triangulated"}),
        "self_reported_only": frozenset({"one-kind", "none"}),
        "with_evidence": frozenset({"triangulated", "one-kind"}),
        "ratings": frozenset(cells),
    }
    linked = any(c.rated is None for c in criteria)  # then the total would give a withheld "rated" away
    withheld = _protect(
        _Table(cells=cells, forms=forms),
        below,
        {"ratings"} if linked else set(),
        ["self_reported_only", "with_evidence", "triangulated", "ratings"],
        {"ratings"} if linked else set(),
    )
    hidden = {
        "section": {c.section for c in criteria if c.rated is None or None in c.counts.values()},
        "question": {c.question for c in criteria if c.rated is None or None in c.counts.values()},
    }

    def group(kind: str, g: GroupPicture) -> GroupPicture:
        if g.id in hidden[kind]:  # points are weighted sums of the counts: they would give them away
            return evolve(g, points=None, max_points=None, score=None)
        return g

    return evolve(
        picture,
        criteria=criteria,
        most_often_not_met=_most_often_not_met(criteria),
        sections=tuple(group("section", g) for g in picture.sections),
        questions=tuple(group("question", g) for g in picture.questions),
        ratings=_shown(picture.ratings, "ratings", withheld),
        with_evidence=_shown(picture.with_evidence, "with_evidence", withheld),
        triangulated=_shown(picture.triangulated, "triangulated", withheld),
        self_reported_only=_shown(picture.self_reported_only, "self_reported_only", withheld),
    )
