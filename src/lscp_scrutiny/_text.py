"""Making user text safe to show: control characters are written out, never sent to the terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters (escape sequences start with one) and the bidirectional controls that can
# make text display in an order other than the one it is stored in. Newlines and tabs are kept apart.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004


def printable(text: str, *, one_line: bool = False) -> str:
    r"""``text`` with every control character written as an escape such as ``\x1b``.

    With ``one_line``, line breaks and tabs are escaped too, so that one message stays one line.
    """
    return (_UNSAFE_OR_BREAK if one_line else _UNSAFE).sub(_escape, text)
