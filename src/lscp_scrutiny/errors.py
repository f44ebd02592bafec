"""The one error hierarchy of lscp-scrutiny.

Every error the library raises on purpose derives from :class:`ScrutinyError`, and carries data, not only
a message, so that tools built on the library can act on it::

    ScrutinyError
    ├── InvalidInputError      a file or value is malformed; holds every Problem found, not just the first
    ├── UnknownChecklistError  no registered checklist has the requested id
    └── WriteError             a file could not be written (the old file, if any, is untouched)

The command line turns these into ``Error: ...`` lines on stderr and an exit code (2 for bad input,
1 for a failed write); a traceback never reaches a user.
"""

from __future__ import annotations

import re

from attrs import frozen

from lscp_scrutiny._text import printable

PathPart = str | int


_NAME = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: tuple[PathPart, ...]) -> str:
    """Render a field path such as ``("responses", 3, "rating")`` as ``responses[3].rating``.

    A key that is not a plain name (a typo with spaces or control characters in it) is shown quoted,
    ``notes['bad key']``, so the path stays one readable line.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _NAME.fullmatch(part):
            out += f"[{printable(repr(part), one_line=True)}]"
        else:
            out += f".{part}" if out else part
    return out


@frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``source`` names the file (or ``<data>`` for in-memory input), ``path`` the field inside it, ``line``
    the 1-based line where it can be told: for YAML, and for JSON that does not parse.
    """

    source: str
    message: str
    path: tuple[PathPart, ...] = ()
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = format_path(self.path)
        message = printable(self.message, one_line=True)
        return printable(f"{where}: {field}: {message}" if field else f"{where}: {message}", one_line=True)


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
        super().__init__(f"no checklist with id {checklist_id!r} (known: {choices})")


class WriteError(ScrutinyError, OSError):
    """A file could not be written; any file that was there before is left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: could not write: {reason}")
