"""Making user text safe to show: control characters are written out, never sent to the terminal.

Also the one rule for quoting a value in a message: :func:`quoted` and :func:`clip_quoted` cut a long
value short, so that a message about a million-character key is still one short line.
"""

from __future__ import annotations

import re

# C0 and C1 control characters (escape sequences start with one), the bidirectional controls that can
# make text display in an order other than the one it is stored in, and what is not a character at all
# (lone surrogates, U+FFFE and U+FFFF), which no terminal or file can take. Newlines and tabs are kept
# apart.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_UNSAFE_OR_BREAK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)

MAX_QUOTED = 60
"""The most characters of a value a message quotes; a longer value is cut, and its length given."""

_KEPT = MAX_QUOTED - 20

MAX_MESSAGE = 1_000
"""The most characters of one message, whatever it quotes: the rest is cut, and its length given."""

# A value quoted as Python's repr quotes it: an opening quote not straight after a letter (so not the
# apostrophe of "partner's"), up to the closing one, escapes included.
_QUOTED = re.compile(r"""(?<![\w'"])(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", re.DOTALL)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004


def printable(text: str, *, one_line: bool = False) -> str:
    r"""``text`` with every control character written as an escape such as ``\x1b``.

    With ``one_line``, line breaks and tabs are escaped too, so that one message stays one line.
    """
    return (_UNSAFE_OR_BREAK if one_line else _UNSAFE).sub(_escape, text)


def quoted(text: str) -> str:
    """``text`` quoted for a message, as ``repr`` quotes it, cut short past :data:`MAX_QUOTED` characters.

    ``'aaaaaaaa'... (1,000,000 characters)``: enough to recognise the value, never a screenful.
    """
    if len(text) <= MAX_QUOTED:
        return repr(text)
    return f"{text[:_KEPT]!r}... ({len(text):,} characters)"


def _clip(match: re.Match[str]) -> str:
    value = match.group()
    if len(value) <= MAX_QUOTED + 2:
        return value
    kept = value[: _KEPT + 1].rstrip("\\")  # never end on half an escape
    return f"{kept}{value[0]}... ({len(value) - 2:,} characters)"


def withhold_quoted(message: str) -> str:
    """A message with every quoted value left out, for fields that may hold restricted text.

    ``got text 'a secret'`` becomes ``got text (not shown)``: the field and line say where it is.
    """
    return _QUOTED.sub("(not shown)", message)


def clip_quoted(message: str) -> str:
    """A message with every quoted value longer than :data:`MAX_QUOTED` characters cut short.

    The one rule for every error line: whoever wrote the message, a quoted value (``'...'`` or
    ``"..."``) is cut as :func:`quoted` cuts it, and a message longer than :data:`MAX_MESSAGE` is cut too.
    """
    if len(message) > MAX_QUOTED:
        message = _QUOTED.sub(_clip, message)
    if len(message) > MAX_MESSAGE:
        message = f"{message[:MAX_MESSAGE]}... ({len(message):,} characters)"
    return message
