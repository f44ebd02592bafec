"""A progress bar for commands over many files: on a terminal only, never where it could garble output.

Why. ``national`` over every English partnership's assessment takes seconds: 150 assessment workbooks
took 13 s on the benchmark machine, 150 YAML files 2 s (docs/performance.md). Silence that long looks
like a hang; a bar says how far it got. But a bar is drawn with cursor movements, and written where
something else reads (a pipe, a file, a CI log, JSON for a program) it is noise at best, and at worst
ends up in what a person publishes. So it is shown only where it can be seen and erased again:

* on standard error, and only when standard error is a terminal. What goes to a pipe or a file is
  never touched: a report piped or redirected (``national DIR --format csv > figures.csv``) is byte
  for byte what it is without a bar, and the bar still shows on the terminal while it is made;
* never for JSON output (``--format json``, or ``-o`` a ``.json`` file): that is read by programs;
* never when ``CI`` is set (to anything but ``""``, ``0``, ``false`` or ``no``): CI runners often
  give a pseudo-terminal to a log that keeps every redraw; nor when ``TERM`` is ``dumb`` or
  ``unknown``, which cannot move the cursor to redraw or erase it;
* never for a quick run: only over :data:`MIN_ITEMS` or more items, once the run has taken
  :data:`DELAY` seconds and looks like taking at least :data:`LEAST_LEFT` more. 150 JSON
  assessments are read in about 0.3 s, so they never flash a bar;
* transient: erased when the work is done, before the report is written, so the terminal shows the
  report exactly as without it. A line written meanwhile (a warning on standard error, or a line of
  output when standard output is the same terminal, as ``validate`` prints one per file) is printed
  above the bar, whole and in its colours, and the bar drawn again below it; a line is printed once
  it ends, so a line written in pieces stays one line.

rich is imported only when a bar is shown: ``--help`` and quick runs load only click (start-up is
measured in docs/performance.md).
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, Self, TypeVar

if TYPE_CHECKING:
    from types import TracebackType

    from rich.progress import Progress as RichProgress

T = TypeVar("T")

DELAY = 1.0
"""Seconds of work before a bar may appear."""
LEAST_LEFT = 0.5
"""Seconds the rest of the run must look like taking (at the pace so far) for a bar to appear."""
MIN_ITEMS = 10
"""Fewer items than this never show a bar: they are done before it would say anything."""

_NOT_SET = frozenset({"", "0", "false", "no"})


def progress_wanted(
    *, json_output: bool, stream: IO[str] | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether a bar may be shown on ``stream`` (standard error): see the module for the rules."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    if json_output:
        return False
    if environ.get("CI", "").strip().casefold() not in _NOT_SET:
        return False
    if environ.get("TERM", "").strip().casefold() in {"dumb", "unknown"}:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # replaced by a capture, or closed
        return False


class Progress:
    """The progress of one command: :meth:`track` wraps each long loop; ``with`` it, to erase the bar.

    Does nothing at all (and imports nothing) unless ``enabled`` (see :func:`progress_wanted`).
    """

    def __init__(
        self,
        *,
        enabled: bool,
        delay: float | None = None,
        least_left: float | None = None,
        min_items: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self.delay = DELAY if delay is None else delay  # read when made, so a test can set them
        self.least_left = LEAST_LEFT if least_left is None else least_left
        self.min_items = MIN_ITEMS if min_items is None else min_items
        self._clock = clock
        self._bar: RichProgress | None = None
        self._stderr: Any = None  # standard error as it was before the bar
        self._stdout: Any = None  # standard output, when it is the same terminal and so redirected

    @property
    def shown(self) -> bool:
        """Whether a bar has been shown (it may since have been erased)."""
        return self._bar is not None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Erase the bar, if one is shown, give the cursor back, and the streams as they were."""
        if self._bar is None or self._stderr is None:
            return
        proxies = [sys.stderr]
        sys.stderr, self._stderr = self._stderr, None
        if self._stdout is not None:
            proxies.append(sys.stdout)
            sys.stdout, self._stdout = self._stdout, None
        for proxy in proxies:
            if isinstance(proxy, _AboveTheBar):
                proxy.finish()
        self._bar.stop()

    def track(self, items: Collection[T], description: str) -> Iterator[T]:
        """Each of ``items``, in order; a bar counts them off if the run turns out to be long."""
        total = len(items)
        if not self.enabled or total < self.min_items:
            yield from items
            return
        started = self._clock()
        task: Any = None
        bar: RichProgress | None = None
        for done, item in enumerate(items):
            if bar is None and (self._bar is not None or done):  # a bar shown already: it goes on
                elapsed = self._clock() - started
                if self._bar is not None or (
                    elapsed >= self.delay and elapsed / done * (total - done) >= self.least_left
                ):
                    bar = self._start()
                    task = bar.add_task(description, total=total, completed=done)
            yield item
            if bar is not None:
                bar.advance(task)
        if bar is not None:
            bar.remove_task(task)

    def _start(self) -> RichProgress:
        if self._bar is None:
            from rich.console import Console  # rich loads only when a bar is shown
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr, highlight=False),  # this stream, not the one below
                transient=True,
                redirect_stdout=False,  # standard output is the report's alone
                redirect_stderr=False,  # done below: rich's own proxy is bypassed by click.echo
            )
            self._bar.start()
            self._stderr = sys.stderr
            sys.stderr = _AboveTheBar(self._bar.console, sys.stderr)
            if _same_terminal(sys.stdout, self._stderr):  # a line of output meanwhile: above the bar too
                self._stdout = sys.stdout
                sys.stdout = _AboveTheBar(self._bar.console, sys.stdout)
        return self._bar


def _same_terminal(one: Any, other: Any) -> bool:  # noqa: ANN401 - any stream
    """Whether two streams write to one terminal (standard output and standard error, most often)."""
    try:
        return bool(
            one.isatty() and other.isatty() and os.ttyname(one.fileno()) == os.ttyname(other.fileno())
        )
    except (AttributeError, ValueError, OSError):  # replaced by a capture, or closed
        return False


class _AboveTheBar(io.TextIOBase):
    """Standard error (or output) while a bar is shown: each line is printed above the bar, not through it.

    rich's own redirection does not serve: its proxy has no ``encoding``, so ``click.echo`` (every
    warning of the tool) takes it for a misconfigured stream and writes to the file under it, on the
    line the bar is drawn on. Lines are printed as written (no markup, no wrapping): a warning names
    files, and a path broken across lines could not be copied.
    """

    def __init__(self, console: Any, file: IO[str]) -> None:  # noqa: ANN401 - a rich Console
        super().__init__()
        self._console = console
        self._file = file
        self._pending = ""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the stream under it (click looks, and would bypass a stream without one)."""
        return str(getattr(self._file, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        """The error handler of the stream under it."""
        return getattr(self._file, "errors", None)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._file.isatty()

    def fileno(self) -> int:
        return self._file.fileno()

    def write(self, text: str) -> int:
        """Print each complete line above the bar; keep the rest until its line ends."""
        *lines, self._pending = (self._pending + text).split("\n")
        for line in lines:
            self._print(line)
        return len(text)

    def flush(self) -> None:
        """Nothing: a line is printed when it ends (``click.echo`` flushes after every piece of one)."""

    def finish(self) -> None:
        """Print what is left of a line, if anything: the bar is going."""
        if self._pending:
            line, self._pending = self._pending, ""
            self._print(line)

    def _print(self, line: str) -> None:
        from rich.ansi import AnsiDecoder  # loaded already, with the bar

        # Colour written to the terminal (a report's, say) kept as colour, not as escape codes.
        self._console.print(AnsiDecoder().decode_line(line), highlight=False, soft_wrap=True)


def progress_for(*, json_output: bool) -> Progress:
    """The progress of a command writing JSON (``json_output``) or not: a bar only where it is wanted."""
    return Progress(enabled=progress_wanted(json_output=json_output))
