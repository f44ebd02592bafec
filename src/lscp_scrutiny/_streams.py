"""Standard output that only the tool writes: what anything else writes to file descriptor 1 goes to stderr.

A report written to standard output (``report --format json | jq``) must hold the report and nothing
else. Plugin code can write to standard output in ways no ``sys.stdout`` replacement sees: ``os.write(1,
...)``, ``sys.__stdout__``, ``open("/dev/stdout")``, C code, threads it starts, ``atexit`` handlers.
So, while the command line runs with its output going to a file or a pipe, file descriptor 1 is pointed
at standard error, and ``sys.stdout`` writes to a private copy of the real standard output.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

_real_stdout: list[int] = []
"""The private copy of the real standard output's file descriptor, while there is one."""


def real_stdout_descriptor() -> int | None:
    """The file descriptor of the real standard output kept by :func:`only_the_tool_writes_stdout`."""
    return _real_stdout[0] if _real_stdout else None


class ToStderrWhen:
    """A text stream that sends what is written to standard error whenever ``diverted()`` says so.

    The one way output is kept apart here: the command line diverts every thread but the main one
    (:func:`only_the_tool_writes_stdout`), the plugin containment diverts the threads running plugin code.
    """

    def __init__(self, stream: IO[str], diverted: Callable[[], bool]) -> None:
        self.stream = stream
        self.diverted = diverted

    def _target(self) -> IO[str]:
        return sys.stderr if self.diverted() else self.stream

    def write(self, text: str) -> int:
        return self._target().write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        self._target().writelines(lines)

    def flush(self) -> None:
        self._target().flush()

    @property
    def buffer(self) -> Any:  # noqa: ANN401 - the binary stream under the text one
        return getattr(self._target(), "buffer", None)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - everything else is the stream's own
        return getattr(self.stream, name)


def _not_the_main_thread() -> bool:
    return threading.current_thread() is not threading.main_thread()


@contextlib.contextmanager
def only_the_tool_writes_stdout() -> Iterator[None]:
    """Point file descriptor 1 at standard error; only the main thread's ``sys.stdout`` writes the output.

    While the command runs, ``sys.stdout``, written from the main thread, alone writes to the real
    standard output. Afterwards both are as they were, and at the program's exit they are pointed at
    standard error again, before any ``atexit`` handler a plugin registered runs.

    Only when standard output is the process's own and not a terminal (on a terminal nothing can be
    corrupted, and interactive prompts stay as they are).
    """
    stream = sys.stdout
    try:
        descriptor = stream.fileno()
        usable = descriptor == 1 and not stream.isatty() and stream is sys.__stdout__
        stderr = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # replaced (a test's capture), closed, or not a file
        usable = False
    if not usable or _real_stdout:
        yield
        return
    stream.flush()
    real = os.dup(descriptor)  # not inherited by programs started later (os.dup makes it so)
    os.dup2(stderr, descriptor)
    _real_stdout.append(real)
    ours = open(real, "w", encoding=stream.encoding, errors=stream.errors, closefd=True)  # noqa: SIM115
    sys.stdout = ToStderrWhen(ours, _not_the_main_thread)
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):  # a broken pipe: found and reported by the caller
            ours.flush()
        os.dup2(real, descriptor)  # as it was, for whoever called
        sys.stdout = stream
        _real_stdout.clear()
        with contextlib.suppress(OSError, ValueError):
            ours.close()
        if not _at_exit:  # plugin code run at exit (atexit runs the last registered first) goes to stderr
            atexit.register(_standard_error_at_exit, descriptor, stderr)
            _at_exit.append(True)


_at_exit: list[bool] = []


def _standard_error_at_exit(descriptor: int, stderr: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        os.dup2(stderr, descriptor)
    sys.stdout = sys.stderr
