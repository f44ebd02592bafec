"""A fast path for reading assessments' responses: hand-written, strict, and never the one that explains.

An assessment of 48 criteria is mostly responses, and structuring them through cattrs (with detailed
validation, so that every bad field is reported) costs several times ``json.loads``. This module builds
responses, evidence, actions and replies directly, with the same strictness: exact types, no unknown
keys, valid enum values, dates written ``YYYY-MM-DD``, and every attrs validator. The moment anything is
not exactly right it gives up (:class:`Unusual`), and the caller reads the whole file again through
cattrs, which finds and words every problem. So the fast path decides nothing on its own: a file is
accepted only if both paths would accept it (a property test checks they agree).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs

from lscp_scrutiny.model import (
    NOT_ASSESSED,
    Action,
    ActionStatus,
    Evidence,
    EvidenceKind,
    Reply,
    Response,
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Unusual(Exception):  # noqa: N818 - a signal to take the slow path, never seen by a user
    """Something the fast path does not handle; the slow path will read the data instead."""


def _keys(cls: type) -> frozenset[str]:
    return frozenset(field.name for field in attrs.fields(cls))


_RESPONSE = _keys(Response)
_EVIDENCE = _keys(Evidence)
_ACTION = _keys(Action)
_REPLY = _keys(Reply)
_KINDS = {kind.value: kind for kind in EvidenceKind}
_STATUSES = {status.value: status for status in ActionStatus}


def _text(value: object) -> str:
    if type(value) is not str:
        raise Unusual
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise Unusual
    return value


def _date(value: object) -> date | None:
    if value is None:
        return None
    if type(value) is not str or not _DATE.fullmatch(value):
        raise Unusual
    return date.fromisoformat(value)


def _mapping(value: object, allowed: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= allowed:
        raise Unusual
    return value


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if type(value) is not list:
        raise Unusual
    return value


def _evidence(value: object) -> Evidence:
    item = _mapping(value, _EVIDENCE)
    kind = _KINDS.get(_text(item["kind"])) if "kind" in item else None
    if kind is None or "reference" not in item:
        raise Unusual
    return Evidence(
        kind=kind,
        reference=_text(item["reference"]),
        description=_optional_text(item.get("description")),
        collected_on=_date(item.get("collected_on")),
        restricted=_flag(item.get("restricted", False)),
    )


def _action(value: object) -> Action:
    item = _mapping(value, _ACTION)
    status = _STATUSES.get(_text(item.get("status", "open")))
    if status is None or "description" not in item:
        raise Unusual
    return Action(
        description=_text(item["description"]),
        owner=_optional_text(item.get("owner")),
        due=_date(item.get("due")),
        status=status,
    )


def _reply(value: object) -> Reply | None:
    if value is None:
        return None
    item = _mapping(value, _REPLY)
    if "by" not in item or "text" not in item:
        raise Unusual
    return Reply(by=_text(item["by"]), text=_text(item["text"]), replied_on=_date(item.get("replied_on")))


def _response(value: object) -> Response:
    item = _mapping(value, _RESPONSE)
    if "criterion" not in item:
        raise Unusual
    return Response(
        criterion=_text(item["criterion"]),
        rating=_text(item.get("rating", NOT_ASSESSED)),
        justification=_optional_text(item.get("justification")),
        evidence=tuple(_evidence(e) for e in _list(item.get("evidence"))),
        notes=_optional_text(item.get("notes")),
        notes_restricted=_flag(item.get("notes_restricted", False)),
        reply=_reply(item.get("reply")),
        actions=tuple(_action(a) for a in _list(item.get("actions"))),
        rated_on=_date(item.get("rated_on")),
        criterion_fingerprint=_optional_text(item.get("criterion_fingerprint")),
        prefilled=_flag(item.get("prefilled", False)),
    )


def responses(value: object) -> tuple[Response, ...]:
    """Every response, or :class:`Unusual` if anything is not exactly as the file format says."""
    try:
        return tuple(_response(item) for item in _list(value))
    except Unusual:
        raise
    except (ValueError, TypeError, KeyError) as exc:  # a validator said no: let the slow path say why
        raise Unusual from exc
