"""The one error hierarchy of lscp-scrutiny.

Every error the library raises on purpose derives from :class:`ScrutinyError`, save the one the model's
constructors raise for parts that do not fit together, and each carries data, not only a message, so
that tools built on the library can act on it::

    ScrutinyError
    ├── InvalidInputError      a file or value is malformed; holds every Problem found, not just the first
    ├── UnknownChecklistError  no registered checklist has the requested id
    ├── DuplicateContributionError  two contributors offered the same id (names both)
    ├── PluginCodeError        a plugin's code raised, ran past the time limit or returned the wrong thing
    └── WriteError             a file could not be written (the old file, if any, is untouched)

    ValueError
    └── ConsistencyError       a model object's parts do not fit together; holds every issue, with its path

The command line turns these into ``Error: ...`` lines on stderr and an exit code (2 for bad input,
1 for a failed write or a failed plugin); a traceback never reaches a user.

:class:`ConsistencyError` is a :class:`ValueError`, as any constructor's refusal of a bad argument is (a
wrong type is a :class:`TypeError`); the readers turn its issues into the problems of an
:class:`InvalidInputError`. It lives here, below the model, so that every layer can catch it without
importing the model's internals.
"""

from __future__ import annotations

import re

from attrs import frozen

from lscp_scrutiny._text import MAX_QUOTED, clip_quoted, printable, quoted

PathPart = str | int


_NAME = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: tuple[PathPart, ...]) -> str:
    """Render a field path such as ``("responses", 3, "rating")`` as ``responses[3].rating``.

    A key that is not a plain name (a typo with spaces or control characters in it) is shown quoted,
    ``notes['bad key']``, so the path stays one readable line; so is a key too long to show whole, cut
    short as :func:`~lscp_scrutiny._text.quoted` cuts every quoted value.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif len(part) > MAX_QUOTED or not _NAME.fullmatch(part):
            out += f"[{printable(quoted(part), one_line=True)}]"
        else:
            out += f".{part}" if out else part
    return out


@frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``source`` names the file (or ``<data>`` for in-memory input), ``path`` the field inside it, ``line``
    the 1-based line where it can be told: for YAML, and for JSON that does not parse.

    ``str(problem)`` is one line, control characters written out and every quoted value longer than
    :data:`~lscp_scrutiny._text.MAX_QUOTED` characters cut short (the one rule for error lines).
    """

    source: str
    message: str
    path: tuple[PathPart, ...] = ()
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = format_path(self.path)
        message = printable(clip_quoted(self.message), one_line=True)
        return printable(f"{where}: {field}: {message}" if field else f"{where}: {message}", one_line=True)


class ConsistencyError(ValueError):
    """Parts of a record that do not fit together, each with the field path where it shows.

    ``issues`` lists ``(path, message)`` pairs, the path relative to the record that refused them (such as
    ``("responses", 3, "criterion")``); ``str(error)`` joins the messages with ``; ``.

    .. versionadded:: 0.2 here (it was in :mod:`lscp_scrutiny.model._validators`, which still offers it)
    """

    def __init__(self, issues: list[tuple[tuple[PathPart, ...], str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(message for _, message in issues))


class ScrutinyError(Exception):
    """Root of every error lscp-scrutiny raises on purpose."""


class InvalidInputError(ScrutinyError, ValueError):
    """Input that cannot be used, with every problem found in it.

    ``problems`` is never empty; ``str(error)`` is one line per problem.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            msg = "InvalidInputError needs at least one problem"
            raise ValueError(msg)
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownChecklistError(ScrutinyError, LookupError):
    """No registered checklist has the requested id."""

    def __init__(self, checklist_id: str, known: tuple[str, ...]) -> None:
        self.checklist_id = checklist_id
        self.known = known
        choices = ", ".join(known) if known else "none are registered"
        super().__init__(f"no checklist with id {quoted(checklist_id)} (known: {choices})")


class WriteError(ScrutinyError, OSError):
    """A file could not be written; any file that was there before is left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: could not write: {reason}")


class DuplicateContributionError(ScrutinyError, ValueError):
    """Two contributors offered the same id for a checklist, criterion, scale, format or rule.

    ``kind``, ``item_id`` and ``contributors`` (both, first one first) say which; ``str()`` says how to
    choose.

    .. versionadded:: 0.2 here (it was in :mod:`lscp_scrutiny.plugins`, which still offers it)
    """

    def __init__(self, kind: str, item_id: str, first: str, second: str) -> None:
        self.kind = kind
        self.item_id = item_id
        self.contributors = (first, second)
        if any(who.startswith("file ") for who in (first, second)):
            advice = "give the file's checklist another id, or leave a plugin out with --disable-plugin NAME"
        else:
            advice = "leave one out with --disable-plugin NAME"
        super().__init__(f"{kind} id {item_id!r} is defined twice: by {first} and by {second} ({advice})")


class PluginCodeError(ScrutinyError):
    """A plugin's code failed as it ran: it raised, ended the program, ran too long or returned nonsense.

    Too long is past the time limit, ``LSCP_SCRUTINY_HOOK_TIMEOUT`` seconds (10 by default).

    ``what`` names the code (``output format 'pdf'``), ``reason`` says what went wrong (``did not finish
    within 10 s``), and ``cause`` is the exception it raised, if it raised one.

    .. versionadded:: 0.2
    """

    def __init__(
        self, what: str, reason: str, *, cause: BaseException | None = None, out_of_time: bool = False
    ) -> None:
        self.what = what
        self.reason = reason
        self.cause = cause
        self.out_of_time = out_of_time
        """Whether it failed by running past the time limit."""
        super().__init__(f"{what} {reason}")
