"""The words people see: labels of the model's enumerations and fixed states, and the survey's questions.

Declared once, here, and read by everything that shows them: the reports, the workbook (its drop-downs
and its Partnership sheet), the survey export's columns, the national picture's figures, the guided
interview and the comments of the YAML template. Files hold values (``in_progress``); people see labels
(``In progress``, or ``in progress`` in running text), and every reader takes either.

The questions of :class:`~lscp_scrutiny.model.ScrutinyArrangement` are described by
:data:`SCRUTINY_QUESTIONS`, one :class:`Question` per field, in field order. What kind of answer each
takes (yes/no, a count, a list) comes from the field's type; the words, the WHO / HOW / WHAT group and
the survey export's column come from its entry in ``_WORDING`` below. A new question is a field of the
class and an entry here; the workbook row, the survey column and (for a yes/no question) the national
figure follow. A field without an entry, or an entry without a field, is refused when this module is
imported, naming it.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Mapping
from types import MappingProxyType, NoneType, UnionType

import attrs
from attrs import frozen

from lscp_scrutiny.model import (
    FIXED_STATES,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    SECTORS,
    ActionStatus,
    AgencyKind,
    AssessorRole,
    EvidenceKind,
    PartnerSector,
    RatingScale,
    ScrutinyArea,
    ScrutinyArrangement,
    ScrutinyMethod,
    ScrutinyQuestion,
)

# --- enumerations ---------------------------------------------------------------------------------


def label_of(value: str) -> str:
    """An enumeration value as a label: ``practitioner_feedback`` -> ``Practitioner feedback``."""
    return value.replace("_", " ").capitalize()


def words_of(value: str) -> str:
    """An enumeration value in running text: ``in_progress`` -> ``in progress``."""
    return value.replace("_", " ")


def choices_of(values: Iterable[str]) -> dict[str, str]:
    """Label -> value for an enumeration's values, in order: what a drop-down offers."""
    return {label_of(value): value for value in values}


EVIDENCE_KINDS = choices_of(EvidenceKind)
ACTION_STATUSES = choices_of(ActionStatus)
ASSESSOR_ROLES = choices_of(AssessorRole)
PARTNER_SECTORS = choices_of(PartnerSector)
AGENCY_KINDS = choices_of(AgencyKind)
SECTOR_CHOICES = choices_of(SECTORS)
"""An assessed agency's sector: a statutory partner's sector or a kind of relevant agency."""
METHODS = choices_of(ScrutinyMethod)
AREAS = choices_of(ScrutinyArea)

# --- the fixed states -----------------------------------------------------------------------------

FIXED_LABELS: Mapping[str, str] = MappingProxyType(
    {NOT_APPLICABLE: "Not applicable", NOT_ASSESSED: "Not yet assessed"}
)
"""The fixed states as people read them: the same words in every report, the workbook and the interview."""

FIXED_SHORT_LABELS: Mapping[str, str] = MappingProxyType({NOT_APPLICABLE: "N/A", NOT_ASSESSED: "Not yet"})
"""The fixed states where room is short: a column heading."""

LEVEL_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "green": "#1a7f37",
        "amber": "#9a6700",
        "orange": "#9a6700",
        "yellow": "#9a6700",
        "red": "#cf222e",
        "blue": "#0969da",
        "grey": "#6e7781",
        "gray": "#6e7781",
    }
)
"""A rating level's colour name (``RatingLevel.colour``) as the hex colour pictures draw it in: dark
enough for white text on it and for black text beside it. A name not here is drawn grey."""

FORMER_LABELS: Mapping[str, str] = MappingProxyType({"Not assessed": NOT_ASSESSED})
"""Labels earlier releases used (0.1 workbooks said "Not assessed"): still read, never written."""


def scale_choices(scale: RatingScale | None) -> dict[str, str]:
    """Label -> rating for a criterion's drop-down: the scale's levels, then "Not applicable".

    Labels stand for levels only when every label of the scale is distinct (ignoring case) from the others
    and from the fixed states' labels, old and new, and ids; otherwise the level ids are offered, which are
    always distinct.
    """
    not_applicable = FIXED_LABELS[NOT_APPLICABLE]
    if scale is None:
        return {not_applicable: NOT_APPLICABLE}
    labels = [level.label.strip() for level in scale.levels]
    folded = [label.casefold() for label in labels]
    fixed = {text.casefold() for text in (*FIXED_LABELS.values(), *FORMER_LABELS, *FIXED_STATES)}
    usable = len(set(folded)) == len(folded) and not fixed.intersection(folded)
    shown = labels if usable else list(scale.level_ids)
    choices = dict(zip(shown, scale.level_ids, strict=True))
    choices[not_applicable] = NOT_APPLICABLE
    return choices


# --- the questions of the scrutiny arrangement ----------------------------------------------------


class Answer(enum.Enum):
    """The kind of answer a question takes, decided by its field's type."""

    YES_NO = "yes_no"
    """``bool | None``."""
    COUNT = "count"
    """``int | None``: a whole number, 0 or more."""
    LIST = "list"
    """``tuple[...] | None``: free text, or members of an enumeration (then :attr:`Question.choices`)."""


@frozen(kw_only=True)
class Wording:
    """The words of one question, and where it sits; the rest of a :class:`Question` comes from its field."""

    group: ScrutinyQuestion
    """WHO, HOW or WHAT."""
    label: str
    """Short, as a row or column label. A workbook finds its Partnership rows by it: never change it."""
    question: str
    """The question as asked."""
    column: int
    """The survey export's column, counting ``name`` as 1 and ``area`` as 2. Published: keep it."""
    figure: str | None = None
    """How the national picture states a yes, for a yes/no question: "Employ independent scrutineers"."""
    follows: str | None = None
    """The yes/no question this one follows up (asked only when that one is not answered no), if any."""


@frozen(kw_only=True)
class Question:
    """One question of the scrutiny arrangement: its field, its words and the kind of answer it takes."""

    key: str
    """The field of :class:`~lscp_scrutiny.model.ScrutinyArrangement`, and the survey export's column name."""
    answer: Answer
    choices: Mapping[str, str] | None
    """For a list of an enumeration's members: label -> value, in order; ``None`` for free text."""
    group: ScrutinyQuestion
    label: str
    question: str
    column: int
    figure: str | None
    follows: str | None

    @property
    def is_headline(self) -> bool:
        """A yes/no question asked of every partnership: a figure of its own in the national picture."""
        return self.answer is Answer.YES_NO and self.follows is None and self.figure is not None


def _answer_of(name: str, hint: object) -> tuple[Answer, Mapping[str, str] | None]:
    options = (
        [t for t in typing.get_args(hint) if t is not NoneType] if isinstance(hint, UnionType) else [hint]
    )
    kind = options[0] if len(options) == 1 else None
    if kind is bool:
        return Answer.YES_NO, None
    if kind is int:
        return Answer.COUNT, None
    if typing.get_origin(kind) is tuple:
        item = typing.get_args(kind)[0]
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return Answer.LIST, MappingProxyType(choices_of(member.value for member in item))
        if item is str:
            return Answer.LIST, None
    msg = f"{name}: a question's answer is a bool, an int or a tuple of text or of an enumeration, not {hint}"
    raise TypeError(msg)


def derive_questions(cls: type, wording: Mapping[str, Wording]) -> tuple[Question, ...]:
    """The questions of an attrs class of answers, one per field in field order, with their words.

    Raises :class:`TypeError` naming every field without words, every entry without a field, a follow-up
    to no yes/no question, and repeated survey columns.
    """
    fields = [field.name for field in attrs.fields(cls)]
    hints = typing.get_type_hints(cls)
    problems = [f"{cls.__name__}.{name} has no wording" for name in fields if name not in wording]
    problems += [
        f"wording for {name!r}, which {cls.__name__} has no field for"
        for name in wording
        if name not in fields
    ]
    found: list[Question] = []
    for name in fields:
        words = wording.get(name)
        if words is None:
            continue
        answer, choices = _answer_of(name, hints[name])
        found.append(
            Question(
                key=name,
                answer=answer,
                choices=choices,
                group=words.group,
                label=words.label,
                question=words.question,
                column=words.column,
                figure=words.figure,
                follows=words.follows,
            )
        )
    yes_no = {q.key for q in found if q.answer is Answer.YES_NO}
    problems += [
        f"{q.key} follows {q.follows!r}, not a yes/no question"
        for q in found
        if q.follows and q.follows not in yes_no
    ]
    columns = [q.column for q in found]
    problems += [f"survey column {c} is given twice" for c in sorted(set(columns)) if columns.count(c) > 1]
    if problems:
        raise TypeError("; ".join(problems))
    return tuple(found)


_WHO, _HOW, _WHAT = ScrutinyQuestion.WHO, ScrutinyQuestion.HOW, ScrutinyQuestion.WHAT

_WORDING = {
    "independent_scrutineers": Wording(
        group=_WHO,
        label="Independent scrutineers employed",
        question="Does the partnership employ one or more independent scrutineers?",
        column=3,
        figure="Employ independent scrutineers",
    ),
    "scrutineer_count": Wording(
        group=_WHO,
        label="Number of independent scrutineers",
        question="How many independent scrutineers does it employ?",
        column=5,
        follows="independent_scrutineers",
    ),
    "independent_chair": Wording(
        group=_WHO,
        label="Independent chair",
        question="Does the partnership have an independent chair?",
        column=4,
        figure="Employ an independent chair",
    ),
    "chair_also_scrutinises": Wording(
        group=_WHO,
        label="Chair also scrutinises",
        question="Does the independent chair also hold scrutiny responsibilities?",
        column=6,
        figure="Independent chairs who also scrutinise",
        follows="independent_chair",
    ),
    "scrutiny_panel": Wording(
        group=_WHO,
        label="Scrutiny committee or panel",
        question="Is there a scrutiny committee or panel?",
        column=7,
        figure="Have a scrutiny committee or panel",
    ),
    "children_in_scrutiny_role": Wording(
        group=_WHO,
        label="Children in a scrutiny role",
        question="Are children and young people involved in a scrutiny role?",
        column=8,
        figure="Involve children and young people in a scrutiny role",
    ),
    "children_involvement": Wording(
        group=_WHO,
        label="How children take part",
        question="How do children and young people take part (such as subgroups, films or reports)?",
        column=12,
        follows="children_in_scrutiny_role",
    ),
    "methods": Wording(
        group=_HOW,
        label="Methods of scrutiny",
        question="Which methods of scrutiny are used?",
        column=13,
    ),
    "in_partnership_peer_review": Wording(
        group=_HOW,
        label="Peer review within the partnership",
        question='Is "in partnership" peer review used?',
        column=9,
        figure="Use in-partnership peer review",
    ),
    "between_partnership_peer_review": Wording(
        group=_HOW,
        label="Peer review between partnerships",
        question='Is "between partnership" peer review used?',
        column=10,
        figure="Use between-partnership peer review",
    ),
    "six_steps_framework": Wording(
        group=_HOW,
        label="Six Steps framework used",
        question='Has the partnership used the "Six Steps for Independent Scrutiny" framework?',
        column=11,
        figure='Have used the "Six Steps for Independent Scrutiny" framework',
    ),
    "areas": Wording(
        group=_WHAT,
        label="Areas scrutinised",
        question="Which areas are scrutinised?",
        column=14,
    ),
}

SCRUTINY_QUESTIONS = derive_questions(ScrutinyArrangement, _WORDING)
"""Every question of :class:`~lscp_scrutiny.model.ScrutinyArrangement`, in field order."""


_BY_KEY = {q.key: q for q in SCRUTINY_QUESTIONS}


def question(key: str) -> Question:
    """The question of the field ``key`` (a :class:`KeyError` if it has none)."""
    return _BY_KEY[key]
