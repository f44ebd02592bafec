"""A blank assessment a person can fill in by hand, with each criterion's guidance beside it.

The guidance is written as YAML comments, and a comment ends at a line break: every piece of checklist
text in one goes through :func:`_line` (or :func:`_wrap`), which makes it one line of printable text, so
that no checklist can make the file it writes unreadable.
"""

from __future__ import annotations

import textwrap
from typing import Any

from lscp_scrutiny._text import printable
from lscp_scrutiny.codec import yaml as _yaml
from lscp_scrutiny.codec.converters import converter_for, make_converter
from lscp_scrutiny.codec.text import SCHEMA_VERSION, refuse_surrogates
from lscp_scrutiny.model import (
    FIXED_STATES,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    SECTORS,
    ActionStatus,
    Assessment,
    Checklist,
    EvidenceKind,
)
from lscp_scrutiny.model.labels import SCRUTINY_QUESTIONS, Answer, Question

_WIDTH = 96


def _line(text: str) -> str:
    r"""Text as one line of a YAML comment, whatever it holds.

    Every run of spaces and line breaks (``\r``, ``\x85``, ``\u2028`` and the rest) becomes one space,
    and every character YAML cannot hold or a terminal would act on is written as an escape (``\x1b``).
    """
    return printable(" ".join(text.split()), one_line=True)


def _wrap(text: str, prefix: str = "", indent: str | None = None) -> list[str]:
    rest = " " * len(prefix) if indent is None else indent
    return textwrap.wrap(_line(text), width=_WIDTH, initial_indent=prefix, subsequent_indent=rest) or [
        prefix.rstrip()
    ]


def _item(text: str) -> list[str]:
    """A bullet of the instructions, its lines after the first indented by two."""
    return _wrap(text, "- ", "  ")


def _header(checklist: Checklist) -> str:
    scales = "; ".join(f"{s.id}: {', '.join(s.level_ids)}" for s in checklist.scales)
    lines = [
        _line(f"Assessment against {checklist.title} ({checklist.id} {checklist.version})."),
        "",
        "How to fill it in:",
        f"- rating: one of the scale's levels ({scales}),",
        f"  or {NOT_APPLICABLE} (say why under justification), or leave {NOT_ASSESSED}.",
        *_item(
            f"evidence: a list of items, each with kind ({', '.join(EvidenceKind)}), reference, and "
            "optionally description, collected_on (YYYY-MM-DD) and restricted: true for anything holding "
            "personal data."
        ),
        "  Two or more kinds of evidence make a rating triangulated.",
        *_item(
            "notes: free text. actions: a list of items with description, owner, due (YYYY-MM-DD) and "
            f"status ({', '.join(ActionStatus)})."
        ),
        "- Leave criterion and criterion_fingerprint as they are: the fingerprint shows later whether",
        "  a criterion's wording changed after it was rated.",
        "- prefilled: true marks a rating suggested from the partnership's data (the reason is in notes).",
        "  Check it; delete the prefilled line when you agree, or change the rating.",
        "Check your work with: lscp-scrutiny validate FILE",
    ]
    if checklist.interpretation:
        lines += ["", *_wrap(checklist.interpretation, "About this checklist: ")]
    return "\n".join(lines)


def _criterion_comment(checklist: Checklist, criterion_id: str) -> str:
    criterion = checklist.criterion(criterion_id)
    scale = checklist.scale_for(criterion)
    lines = [
        _line(f"{criterion.id}: {criterion.title} ({criterion.obligation.value})"),
        *_wrap(criterion.text),
    ]
    lines.append(f"Rating: {' | '.join(scale.level_ids)} | {' | '.join(FIXED_STATES)}")
    if criterion.guidance:
        lines += _wrap(criterion.guidance, "Guidance: ")
    lines += [_line(f"Evidence: {prompt}") for prompt in criterion.evidence_prompts]
    return "\n".join(lines)


def _list_help(question: Question) -> list[str]:
    if question.choices is None:
        return _wrap(question.question, f"{question.key} (a list of free text): ")
    return _wrap(", ".join(question.choices.values()), f"{question.key}, a list of: ")


_LISTS = sorted((q for q in SCRUTINY_QUESTIONS if q.answer is Answer.LIST), key=lambda q: q.choices is None)
"""The list questions, those that take an enumeration's values first (then free text), in field order."""

_SCRUTINY_HELP = "\n".join(
    [
        "How the partnership arranges independent scrutiny (the questions of the national study).",
        "Answer true or false, or leave null where the answer is not known: unknown is never counted as no.",
        *(line for question in _LISTS for line in _list_help(question)),
    ]
)


_AGENCY_HELP = (
    "The agency this return is of, and its sector (a statutory partner's, or a kind of relevant agency): "
    f"{', '.join(SECTORS)}."
)

_FULL = make_converter("yaml", omit_defaults=False)


def _blank_body(assessment: Assessment) -> dict[str, Any]:
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **converter_for("yaml").unstructure(assessment)}
    if assessment.agency is None:
        # Show every WHO / HOW / WHAT question, unanswered, so that a person can see what to fill in (an
        # agency's return is not asked them: they are the partnership's own arrangements).
        scrutiny = _FULL.unstructure(assessment.partnership.scrutiny)
        body["partnership"] = {**body["partnership"], "scrutiny": scrutiny}
    if "agency" in body:  # whom the return is of, shown beside the partnership it is returned to
        order = ["schema_version", "checklist", "partnership", "agency"]
        body = {key: body[key] for key in order} | {k: v for k, v in body.items() if k not in order}
    for response in body.get("responses", []):
        rating = response.pop("rating", NOT_ASSESSED)
        fingerprint = response.pop("criterion_fingerprint", None)
        # Show every field a person fills in, in a sensible order, even where it is still empty.
        response.update(
            {
                "rating": rating,
                "justification": response.pop("justification", None),
                "evidence": response.pop("evidence", []),
                "notes": response.pop("notes", None),
                "actions": response.pop("actions", []),
            }
        )
        if fingerprint is not None:
            response["criterion_fingerprint"] = fingerprint
    return body


def annotated_yaml(assessment: Assessment, checklist: Checklist) -> str:
    """The assessment as a YAML file to fill in: each response sits under its criterion's guidance."""
    body = _blank_body(assessment)
    refuse_surrogates(body, "<data>")  # no file can hold one; the reader would refuse it
    document = _yaml.commented(body)
    document.yaml_set_start_comment(_header(checklist))
    if "scrutiny" in document["partnership"]:
        document["partnership"].yaml_set_comment_before_after_key("scrutiny", before=_SCRUTINY_HELP, indent=2)
    if "agency" in document:
        document.yaml_set_comment_before_after_key("agency", before="\n".join(_wrap(_AGENCY_HELP)))
    responses = document.get("responses")
    if isinstance(responses, _yaml.CommentedSeq):
        for index, response in enumerate(responses):
            criterion_id = response["criterion"]
            if checklist.has_criterion(criterion_id):
                comment = _criterion_comment(checklist, criterion_id)
                now = checklist.criterion(criterion_id).fingerprint
                if assessment.response(criterion_id).rated_to_other_wording(now):
                    comment += "\n" + "\n".join(
                        _wrap(
                            "This rating was given when the criterion was worded differently. Once you "
                            f"have confirmed or changed it, set criterion_fingerprint to {now} (or run "
                            "lscp-scrutiny assess on this file, which asks about it)."
                        )
                    )
                responses.yaml_set_comment_before_after_key(index, before="\n" + comment, indent=2)
            elif (retired := checklist.retired_criterion(criterion_id)) is not None:
                note = (
                    f"{criterion_id} was retired in {checklist.id} {retired.retired_in}; kept, not counted."
                )
                responses.yaml_set_comment_before_after_key(
                    index, before="\n" + "\n".join(_wrap(note)), indent=2
                )
    return _yaml.dump(document)
