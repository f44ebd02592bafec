"""Checking an assessment against its checklist, and evaluating it into a :class:`Summary`.

Pure computation: no files, no output. Every renderer reads the summary this module builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import evolve

from lscp_scrutiny._version import __version__
from lscp_scrutiny.codec.hashing import content_hash
from lscp_scrutiny.core.checking import changes, check, has_changed
from lscp_scrutiny.core.rules import Finding, ValidationRule
from lscp_scrutiny.errors import InvalidInputError, PluginCodeError
from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Action,
    Assessment,
    Checklist,
    Criterion,
    RatingScale,
    Response,
    ScrutinyQuestion,
)
from lscp_scrutiny.model.labels import FIXED_LABELS
from lscp_scrutiny.model.summary import (
    POINTS_SHARE,
    SUMMARY_SCHEMA_VERSION,
    ActionItem,
    Change,
    ChecklistChanges,
    ChecklistInfo,
    CriterionResult,
    EvidenceView,
    Flag,
    FlagKind,
    GivenRatingView,
    GroupResult,
    LevelInfo,
    ModerationView,
    ReplyView,
    SectionResult,
    Summary,
    Tally,
)

Entry = tuple[Criterion, Response, CriterionResult]


def evaluate(
    assessment: Assessment,
    checklist: Checklist,
    *,
    as_of: date | None = None,
    checklist_hash: str | None = None,
    rules: Iterable[ValidationRule] = (),
) -> Summary:
    """Evaluate an assessment into a summary.

    ``as_of`` is the date overdue actions are judged against (today by default). ``checklist_hash`` is the
    checklist's content hash if the caller already has it. ``rules`` add their findings as flags (the
    registry's :meth:`~lscp_scrutiny.Registry.rules_for` gives the installed ones). Raises
    :class:`~lscp_scrutiny.errors.InvalidInputError` when :func:`check` finds problems.
    """
    problems = check(assessment, checklist)
    if problems:
        raise InvalidInputError(problems)
    if checklist_hash is None:
        checklist_hash = content_hash(checklist)
    today = as_of or date.today()  # noqa: DTZ011 - calendar date by intent
    flags: list[Flag] = []
    changed = has_changed(assessment, checklist, checklist_hash)
    what_changed = changes(assessment, checklist) if changed else None
    if what_changed is not None:
        flags.append(
            Flag(
                kind=FlagKind.CHECKLIST_CHANGED, message=_change_message(assessment, checklist, what_changed)
            )
        )
        flags.extend(
            Flag(
                kind=FlagKind.CRITERION_ADDED,
                criterion=criterion_id,
                message=f"{criterion_id} is new in the checklist since this assessment was made",
            )
            for criterion_id in what_changed.added
        )
    removed = (
        what_changed.removed
        if what_changed is not None
        else tuple(
            r.criterion
            for r in assessment.responses
            if not checklist.has_criterion(r.criterion) and checklist.retired_criterion(r.criterion)
        )
    )
    flags.extend(
        Flag(
            kind=FlagKind.CRITERION_REMOVED,
            criterion=criterion_id,
            message=_removed_message(checklist, criterion_id),
        )
        for criterion_id in removed
    )

    # Rule findings join their criterion's own flags, so that they count in every roll-up.
    found_by_rules: dict[str | None, list[Flag]] = {}
    for flag in _rule_flags(assessment, checklist, rules):
        criterion_id = flag.criterion if flag.criterion and checklist.has_criterion(flag.criterion) else None
        found_by_rules.setdefault(criterion_id, []).append(flag)
    levels = _levels(checklist, checklist.criteria)
    sections: list[SectionResult] = []
    pairs: list[Entry] = []
    actions: list[ActionItem] = []
    for section in checklist.sections:
        results: list[CriterionResult] = []
        section_pairs: list[Entry] = []
        for criterion in section.criteria:
            given = assessment.response(criterion.id)
            # What counts is the verdict: the agreed rating where moderation agreed one.
            response = given if given.verdict == given.rating else evolve(given, rating=given.verdict)
            result, criterion_flags = _criterion_result(
                checklist,
                section.id,
                criterion,
                response,
                today=today,
                rule_flags=found_by_rules.get(criterion.id, []),
            )
            if given.moderated is not None:
                result = evolve(result, moderation=_moderation_view(checklist, criterion, given))
            flags.extend(criterion_flags)
            results.append(result)
            section_pairs.append((criterion, response, result))
            actions.extend(item for item in result.actions if item.status in _OPEN)
        pairs.extend(section_pairs)
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                question=section.question.value,
                theme=section.theme,
                tally=_tally(checklist, section_pairs, levels),
                criteria=tuple(results),
            )
        )

    by_question: dict[str, list[Entry]] = {q.value: [] for q in ScrutinyQuestion}
    by_theme: dict[str, list[Entry]] = {}
    for entry in pairs:
        by_question[entry[0].question.value].append(entry)
        if entry[0].theme:
            by_theme.setdefault(entry[0].theme, []).append(entry)
    questions = tuple(
        GroupResult(id=q, tally=_tally(checklist, group, levels)) for q, group in by_question.items() if group
    )
    themes = tuple(GroupResult(id=t, tally=_tally(checklist, group, levels)) for t, group in by_theme.items())
    actions.sort(key=lambda a: (a.due is None, a.due or today, a.criterion))
    return Summary(
        schema_version=SUMMARY_SCHEMA_VERSION,
        generator=f"lscp-scrutiny {__version__}",
        scoring=POINTS_SHARE,
        checklist=ChecklistInfo(
            id=checklist.id,
            version=checklist.version,
            title=checklist.title,
            content_hash=checklist_hash,
            assessed_version=assessment.checklist.version,
            assessed_hash=assessment.checklist.content_hash,
            changed=changed,
            contributors=tuple(sorted({c.contributed_by for c in checklist.criteria if c.contributed_by})),
        ),
        partnership=assessment.partnership.name,
        area=assessment.partnership.area,
        assessor=assessment.assessor.name,
        assessor_role=assessment.assessor.role.value,
        assessor_organisation=assessment.assessor.organisation,
        agency=None if assessment.agency is None else assessment.agency.name,
        agency_sector=None if assessment.agency is None else assessment.agency.sector,
        assessed_on=assessment.assessed_on,
        as_of=today,
        levels=levels,
        overall=_tally(checklist, pairs, levels),
        changes=what_changed,
        public=False,
        comparison=None,
        questions=questions,
        themes=themes,
        sections=tuple(sections),
        flags=(*flags, *found_by_rules.get(None, [])),
        actions=tuple(actions),
        open_actions=len(actions),
        overdue_actions=sum(1 for a in actions if a.overdue),
    )


def _criterion_result(
    checklist: Checklist,
    section_id: str,
    criterion: Criterion,
    response: Response,
    *,
    today: date,
    rule_flags: list[Flag],
) -> tuple[CriterionResult, list[Flag]]:
    scale = checklist.scale_for(criterion)
    flags: list[Flag] = []
    if response.is_not_applicable and not (response.justification or "").strip():
        flags.append(
            Flag(
                kind=FlagKind.NA_WITHOUT_JUSTIFICATION,
                criterion=criterion.id,
                message=f"{criterion.id} is marked not applicable without a justification",
            )
        )
    if response.is_scored and not response.evidence:
        flags.append(
            Flag(
                kind=FlagKind.NO_EVIDENCE,
                criterion=criterion.id,
                message=f"{criterion.id} is rated {response.rating} with no evidence recorded",
            )
        )
    if response.prefilled and response.is_assessed:
        flags.append(
            Flag(
                kind=FlagKind.PREFILLED,
                criterion=criterion.id,
                message=f"{criterion.id} was pre-filled from the partnership's data; a person should "
                "confirm it",
            )
        )
    if response.rated_to_other_wording(criterion.fingerprint):
        flags.append(
            Flag(
                kind=FlagKind.STALE_RATING,
                criterion=criterion.id,
                message=f"{criterion.id} was rated when its wording was different; review the rating",
            )
        )
    flags.extend(rule_flags)
    overdue = [a for a in response.actions if a.is_overdue(today)]
    flags.extend(
        Flag(
            kind=FlagKind.OVERDUE_ACTION,
            criterion=criterion.id,
            message=f"{criterion.id}: action {a.description!r} was due {a.due.isoformat() if a.due else ''}",
        )
        for a in overdue
    )
    if response.is_scored:
        level = scale.level(response.rating)
        label, points = level.label, level.points
    else:
        label, points = FIXED_LABELS[response.rating], None
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        section=section_id,
        question=criterion.question.value,
        theme=criterion.theme,
        obligation=criterion.obligation.value,
        rating=response.rating,
        rating_label=label,
        points=points,
        max_points=scale.max_points,
        evidence=len(response.evidence),
        evidence_kinds=tuple(sorted({e.kind.value for e in response.evidence})),
        open_actions=sum(1 for a in response.actions if a.status.is_open),
        overdue_actions=len(overdue),
        contributed_by=criterion.contributed_by,
        evidence_items=tuple(
            EvidenceView(
                kind=e.kind.value,
                reference=e.reference,
                description=e.description,
                collected_on=e.collected_on,
                restricted=e.restricted,
            )
            for e in response.evidence
        ),
        notes=response.notes,
        notes_restricted=response.notes_restricted,
        justification=response.justification,
        reply=(
            ReplyView(by=response.reply.by, text=response.reply.text, replied_on=response.reply.replied_on)
            if response.reply
            else None
        ),
        actions=tuple(_action_item(criterion.id, a, today) for a in response.actions),
        flags=tuple(dict.fromkeys(f.kind for f in flags)),
    ), flags


_OPEN = ("open", "in_progress")


def _action_item(criterion_id: str, action: Action, today: date) -> ActionItem:
    return ActionItem(
        criterion=criterion_id,
        description=action.description,
        owner=action.owner,
        due=action.due,
        status=action.status.value,
        overdue=action.is_overdue(today),
    )


def _levels(checklist: Checklist, criteria: Iterable[Criterion]) -> tuple[LevelInfo, ...]:
    scale_ids = dict.fromkeys(criterion.scale or checklist.default_scale for criterion in criteria)
    seen: dict[str, LevelInfo] = {}
    for scale_id in scale_ids:
        for level in checklist.scale(scale_id).levels:
            if level.id not in seen:
                seen[level.id] = LevelInfo(
                    id=level.id, label=level.label, points=level.points, colour=level.colour
                )
    return tuple(seen.values())


def _tally(checklist: Checklist, entries: list[Entry], levels: tuple[LevelInfo, ...]) -> Tally:
    """Counts for a group; ``counts`` has every level of the checklist's scales in use, zeros included."""
    counts = {level.id: 0 for level in levels}
    not_applicable = not_assessed = points = max_points = with_evidence = triangulated = 0
    open_actions = overdue_actions = flagged = 0
    for criterion, response, result in entries:
        open_actions += result.open_actions
        overdue_actions += result.overdue_actions
        flagged += bool(result.flags)
        if response.rating == NOT_APPLICABLE:
            not_applicable += 1
        elif response.rating == NOT_ASSESSED:
            not_assessed += 1
        else:
            scale = checklist.scale_for(criterion)
            counts[response.rating] += 1
            points += scale.level(response.rating).points
            max_points += scale.max_points
            if response.evidence:
                with_evidence += 1
            if len({e.kind for e in response.evidence}) >= 2:  # noqa: PLR2004 - two kinds triangulate
                triangulated += 1
    total = len(entries)
    return Tally(
        criteria=total,
        counts=counts,
        not_applicable=not_applicable,
        not_assessed=not_assessed,
        points=points,
        max_points=max_points,
        score=points / max_points if max_points else None,
        completion=(total - not_assessed) / total if total else 0.0,
        with_evidence=with_evidence,
        triangulated=triangulated,
        open_actions=open_actions,
        overdue_actions=overdue_actions,
        flagged=flagged,
    )


def _rule_flags(assessment: Assessment, checklist: Checklist, rules: Iterable[ValidationRule]) -> list[Flag]:
    flags: list[Flag] = []
    known = {c.id for c in checklist.criteria}
    for rule in rules:
        if not rule.applies_to(checklist):
            continue
        try:
            returned: list[object] = list(rule.check(assessment, checklist))  # a plugin's code
            findings = [f for f in returned if isinstance(f, Finding)]
            if len(findings) != len(returned):
                wrong = next(f for f in returned if not isinstance(f, Finding))
                msg = f"returned {type(wrong).__name__}, expected Finding objects"
                raise PluginCodeError(f"validation rule {rule.id}", msg)  # noqa: TRY301 - worded below
        except PluginCodeError as exc:  # the registry's rules come contained: run under the time limit
            flags.append(Flag(kind=FlagKind.RULE, rule=rule.id, message=f"{exc}; its findings are missing"))
            continue
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - a rule given directly, worded alike
            if isinstance(exc, SystemExit):
                reason = f"tried to end the program (sys.exit({exc.code!r}))"
            else:
                reason = f"raised {type(exc).__name__}: {exc}"
            flags.append(
                Flag(
                    kind=FlagKind.RULE,
                    rule=rule.id,
                    message=f"validation rule {rule.id} {reason}; its findings are missing",
                )
            )
            continue
        if any(f.criterion is not None and f.criterion not in known for f in findings):
            # Never quoted: a rule sees restricted text and may have put it where an id belongs.
            reason = "returned a finding about a criterion the checklist does not have"
            message = f"validation rule {rule.id} {reason}; its findings are missing"
            flags.append(Flag(kind=FlagKind.RULE, rule=rule.id, message=message))
            continue
        flags.extend(
            Flag(
                kind=FlagKind.RULE,
                rule=rule.id,
                criterion=finding.criterion,
                message=f"{finding.criterion}: {finding.message}" if finding.criterion else finding.message,
            )
            for finding in findings
        )
    return flags


def _label(scale: RatingScale, rating: str) -> str:
    if rating in FIXED_LABELS:
        return FIXED_LABELS[rating]
    return scale.level(rating).label if scale.accepts(rating) else rating


def _moved(scale: RatingScale, was: str, now: str) -> Change:
    """How a rating moved from the assessor's to the agreed one, in the words of comparisons."""
    if was == now:
        return Change.UNCHANGED
    if now == NOT_APPLICABLE:
        return Change.NEWLY_NOT_APPLICABLE
    if was == NOT_APPLICABLE:
        return Change.NO_LONGER_NOT_APPLICABLE
    if was == NOT_ASSESSED:
        return Change.NEWLY_ASSESSED
    if now == NOT_ASSESSED:
        return Change.NO_LONGER_ASSESSED
    return Change.IMPROVED if scale.level(now).points > scale.level(was).points else Change.WORSENED


def _moderation_view(checklist: Checklist, criterion: Criterion, response: Response) -> ModerationView:
    moderated = response.moderated
    assert moderated is not None  # noqa: S101 - only called for a moderated response
    scale = checklist.scale_for(criterion)
    return ModerationView(
        assessor_rating=response.rating,
        assessor_rating_label=_label(scale, response.rating),
        agreed=moderated.rating is not None,
        moved=_moved(scale, response.rating, response.verdict),
        by=moderated.by,
        moderated_on=moderated.moderated_on,
        rationale=moderated.rationale,
        rationale_restricted=moderated.rationale_restricted,
        ratings=tuple(
            GivenRatingView(
                assessor=g.assessor, role=g.role.value, rating=g.rating, rating_label=_label(scale, g.rating)
            )
            for g in moderated.ratings
        ),
    )


def _removed_message(checklist: Checklist, criterion_id: str) -> str:
    retired = checklist.retired_criterion(criterion_id)
    if retired is None:
        return f"{criterion_id} is in this assessment but no longer in the checklist; it is not counted"
    replaced = (
        f", replaced by {', '.join(retired.replaced_by)}"
        if retired.replaced_by
        else ", with nothing in its place"
    )
    return (
        f"{criterion_id} was retired in {checklist.id} {retired.retired_in}{replaced}; its rating is kept in "
        "the file and not counted"
    )


def _change_message(assessment: Assessment, checklist: Checklist, what: ChecklistChanges) -> str:
    then, now = assessment.checklist.version, checklist.version
    versions = f"version {then} then, {now} now" if then != now else f"same version {now}, different content"
    counts = ", ".join(
        f"{len(ids)} {label}"
        for label, ids in (("added", what.added), ("removed", what.removed), ("reworded", what.reworded))
        if ids
    )
    return f"{checklist.id} has changed since this assessment was made ({versions})" + (
        f": {counts}" if counts else ""
    )
