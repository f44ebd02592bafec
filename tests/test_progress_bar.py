"""The progress bar of long runs: on a terminal it shows; piped, in JSON or in CI it never does.

The bar waits for a second of work before it shows (so quick runs never flash one); the commands run
here set that wait to nothing, in a fresh process started with a small script, so a dozen files are
enough. Whatever the bar does, what the command writes to standard output stays byte for byte the same.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

import lscp_scrutiny as ls
from lscp_scrutiny.cli import _progress
from lscp_scrutiny.cli._progress import Progress, progress_wanted
from lscp_scrutiny.testing import fully_rated

HIDE_CURSOR = "\x1b[?25l"
# Run the command line with the bar's wait set to nothing ("now"), or the bar turned off ("off").
SCRIPT = """
import sys
from lscp_scrutiny.cli import _progress
_progress.DELAY = _progress.LEAST_LEFT = 0.0
if sys.argv[1] == "off":
    _progress.MIN_ITEMS = 10**9
from lscp_scrutiny.cli import main
main(sys.argv[2:])
"""
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pexpect's pseudo-terminals are POSIX only")


def _env() -> dict[str, str]:
    env = {
        **os.environ,
        "LSCP_SCRUTINY_DISABLE_PLUGINS": "*",
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
    }
    for name in ("CI", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve survey returns and twelve assessments: enough files for a bar."""
    found = tmp_path_factory.mktemp("national")
    checklist = ls.get_checklist("independent-scrutiny")
    for n in range(12):
        partnership = ls.Partnership(
            name=f"Partnership {n}", scrutiny=ls.ScrutinyArrangement(scrutiny_panel=n % 2 == 0)
        )
        (found / f"return-{n:02}.yaml").write_text(ls.dumps_partnership(partnership), encoding="utf-8")
        assessment = fully_rated(checklist)
        assessment = ls.Assessment(
            checklist=assessment.checklist,
            partnership=ls.Partnership(name=f"Assessed {n}"),
            assessor=assessment.assessor,
            assessed_on=assessment.assessed_on,
            responses=assessment.responses,
        )
        ls.save_assessment(assessment, found / f"assessment-{n:02}.json")
    return found


def _piped(mode: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The command with standard output and standard error both pipes (neither a terminal)."""
    command = [sys.executable, "-c", SCRIPT, mode, *args]
    return subprocess.run(command, capture_output=True, env=_env(), timeout=120, check=False)


def _on_terminal(command: str) -> str:
    """What a pseudo-terminal shows while ``bash -c COMMAND`` runs (standard error is the terminal)."""
    child = pexpect.spawn("bash", ["-c", command], env=_env(), encoding="utf-8", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def _command(mode: str, *args: str) -> str:
    return " ".join(f"'{arg}'" for arg in (sys.executable, "-c", SCRIPT, mode, *args))


@posix_only
def test_a_long_run_on_a_terminal_shows_a_bar_and_writes_the_same_report(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    shown = _on_terminal(f"{_command('now', 'national', str(folder), '--format', 'markdown')} > '{out}'")
    assert "Reading" in shown
    assert "/24" in shown  # 24 files, counted off
    assert "Evaluating" in shown
    assert HIDE_CURSOR in shown
    assert shown.rstrip().endswith("\x1b[?25h")  # erased: the cursor given back, nothing left behind
    without = _piped("off", "national", str(folder), "--format", "markdown")
    assert without.returncode == 0
    assert out.read_bytes() == without.stdout


@posix_only
def test_the_report_on_the_terminal_is_written_after_the_bar_is_gone(folder: Path) -> None:
    shown = _on_terminal(_command("now", "national", str(folder), "--format", "markdown"))
    report = _piped("off", "national", str(folder), "--format", "markdown").stdout.decode("utf-8")
    assert "Reading" in shown
    after_the_bar = shown.rsplit("\x1b[?25h", 1)[1]  # the bar erased, the cursor shown again
    assert after_the_bar.replace("\r\n", "\n").lstrip("\r") == report


@posix_only
def test_a_warning_while_the_bar_shows_is_printed_whole_above_it(folder: Path, tmp_path: Path) -> None:
    """``click.echo`` would bypass rich's own redirection and write on the bar's line."""
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for path in folder.iterdir():
        (mixed / path.name).write_bytes(path.read_bytes())
    (mixed / "export.csv").write_text("name,independent_scrutineers\nZedshire,yes\n", encoding="utf-8")
    shown = _on_terminal(f"{_command('now', 'national', str(mixed), '--format', 'markdown')} > /dev/null")
    expected = _piped("off", "national", str(mixed), "--format", "markdown").stderr.decode("utf-8")
    assert expected.startswith("Warning: ")
    drawn = next(line for line in shown.split("\r\n") if "Warning:" in line)
    assert "\r\x1b[2KWarning:" in drawn  # the bar's line cleared first
    assert drawn.rsplit("\x1b[2K", 1)[1] + "\n" == expected  # then the whole warning, nothing drawn into it


def test_the_stream_under_the_bar_looks_like_standard_error_to_click() -> None:
    """click wraps a stream it takes for misconfigured (no ``encoding``): that would bypass the bar."""
    from click._compat import _default_text_stderr  # noqa: PLC0415

    printed: list[str] = []

    class Console:
        def print(self, line: object, **_: object) -> None:
            printed.append(str(line))

    under = _Stream(terminal=True)
    proxy = _progress._AboveTheBar(Console(), under)  # noqa: SLF001
    saved = sys.stderr
    sys.stderr = proxy
    try:
        found: object = _default_text_stderr()
        assert found is proxy
    finally:
        sys.stderr = saved
    proxy.write("Warning: one\nWarning: tw")
    proxy.write("o\n")
    proxy.write("unfinished")
    proxy.flush()  # as click.echo does after each piece: the line is not over
    assert printed == ["Warning: one", "Warning: two"]
    proxy.finish()  # the bar is going
    assert printed == ["Warning: one", "Warning: two", "unfinished"]
    assert under.getvalue() == ""
    assert proxy.isatty()


@posix_only
def test_a_line_of_output_on_the_same_terminal_is_printed_above_the_bar_in_its_colour() -> None:
    """As ``validate`` prints a line per file: each is whole, on a cleared line, its colour kept."""
    script = (
        "import sys, time, click\n"
        "from lscp_scrutiny.cli._progress import Progress\n"
        "with Progress(enabled=True, delay=0, least_left=0, min_items=1) as progress:\n"
        '    for n in progress.track(range(3), "Validating"):\n'
        "        time.sleep(0.1)\n"
        '        click.echo(click.style(f"file{n}.yaml", fg="green") + ": no problems")\n'
        'click.echo("done")\n'
    )
    shown = _on_terminal(" ".join(f"'{arg}'" for arg in (sys.executable, "-c", script)))
    assert "Validating" in shown
    assert "\r\x1b[2K\x1b[32mfile1.yaml\x1b[0m: no problems\r\n" in shown
    assert shown.endswith("\x1b[?25h\rdone\r\n")


@posix_only
def test_validate_over_many_files_shows_a_bar_with_every_line_whole_above_it(folder: Path) -> None:
    files = sorted(str(path) for path in folder.glob("assessment-*.json"))
    shown = _on_terminal(_command("now", "validate", *files))
    assert "Validating" in shown
    assert "/12" in shown  # the twelve files, counted off
    assert shown.rstrip().endswith("\x1b[?25h")  # erased at the end
    piped = _piped("off", "validate", *files)
    assert piped.returncode == 0
    lines = piped.stdout.decode("utf-8").splitlines()
    assert sum(": valid (" in line for line in lines) == 12
    assert len(lines) > 12  # and a warning per flag, each naming its file
    for line in lines:  # each printed once and whole
        assert shown.count(line) == 1
    last = next(line for line in reversed(lines) if ": valid (" in line)
    assert f"\x1b[2K{last}\r\n" in shown  # once the bar shows, on a line cleared of it


def test_validate_piped_writes_the_same_with_or_without_a_bar(folder: Path) -> None:
    files = sorted(str(path) for path in folder.glob("assessment-*.json"))
    with_bar = _piped("now", "validate", *files)
    without = _piped("off", "validate", *files)
    assert with_bar.returncode == without.returncode == 0
    assert with_bar.stdout == without.stdout
    assert with_bar.stderr == without.stderr == b""


@posix_only
def test_json_output_never_shows_a_bar_even_on_a_terminal(folder: Path) -> None:
    shown = _on_terminal(_command("now", "national", str(folder), "--format", "json"))
    report = _piped("off", "national", str(folder), "--format", "json").stdout.decode("utf-8")
    assert "\x1b[" not in shown
    assert shown.replace("\r\n", "\n") == report


@posix_only
def test_ci_never_shows_a_bar(folder: Path) -> None:
    shown = _on_terminal(f"CI=true {_command('now', 'national', str(folder), '--format', 'csv')}")
    assert "Reading" not in shown
    assert "\x1b[" not in shown


def test_piped_output_is_byte_identical_and_stderr_holds_no_bar(folder: Path) -> None:
    for fmt in ("markdown", "json"):
        with_bar = _piped("now", "national", str(folder), "--format", fmt)
        without = _piped("off", "national", str(folder), "--format", fmt)
        assert with_bar.returncode == 0, with_bar.stderr
        assert (with_bar.stdout, with_bar.stderr) == (without.stdout, without.stderr)
        assert with_bar.stderr == b""


def test_rich_loads_only_when_a_bar_is_shown(folder: Path) -> None:
    """Start-up matters: a quick run, and ``--help``, never import rich for a bar they do not show."""
    check = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('rich' in sys.modules, file=sys.__stderr__))\n"
        "from lscp_scrutiny.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for args in (["national", "--help"], ["national", str(folder), "--format", "markdown"]):
        done = subprocess.run(
            [sys.executable, "-c", check, *args], capture_output=True, env=_env(), timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.decode().strip().splitlines()[-1] == "False"


class _Stream(io.StringIO):
    def __init__(self, *, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("terminal", "json_output", "environ", "wanted"),
    [
        (True, False, {}, True),
        (True, False, {"TERM": "xterm-256color"}, True),
        (False, False, {}, False),  # piped, or written to a file
        (True, True, {}, False),  # JSON is for programs
        (True, False, {"CI": "true"}, False),
        (True, False, {"CI": "1"}, False),
        (True, False, {"CI": "false"}, True),
        (True, False, {"CI": ""}, True),
        (True, False, {"TERM": "dumb"}, False),  # cannot redraw or erase
    ],
)
def test_when_a_bar_is_wanted(
    terminal: bool, json_output: bool, environ: dict[str, str], wanted: bool
) -> None:
    stream = _Stream(terminal=terminal)
    assert progress_wanted(json_output=json_output, stream=stream, environ=environ) is wanted


def test_a_closed_or_replaced_stream_is_no_terminal() -> None:
    closed = io.StringIO()
    closed.close()
    assert not progress_wanted(json_output=False, stream=closed, environ={})
    assert not progress_wanted(json_output=False, stream=object(), environ={})  # type: ignore[arg-type]


class _Clock:
    """A clock that moves on ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def _starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    started: list[str] = []

    class Bar:
        def add_task(self, description: str, **_: object) -> int:
            started.append(description)
            return 0

        def advance(self, _task: int) -> None:
            pass

        def remove_task(self, _task: int) -> None:
            pass

        def stop(self) -> None:
            started.append("stopped")

    def start(self: Progress) -> Bar:
        self._bar = Bar()  # type: ignore[assignment]
        self._stderr = sys.stderr
        return self._bar  # type: ignore[return-value]

    monkeypatch.setattr(Progress, "_start", start)
    return started


def _drain(progress: Progress, items: list[int], description: str = "Reading") -> Iterator[int]:
    return progress.track(items, description)


def test_a_quick_run_never_flashes_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _starts(monkeypatch)
    with Progress(enabled=True, clock=_Clock(0.001)) as progress:  # 150 items in 0.15 s
        assert list(_drain(progress, list(range(150)))) == list(range(150))
    assert started == []


def test_a_run_nearly_done_when_the_wait_is_over_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _starts(monkeypatch)
    with Progress(enabled=True, clock=_Clock(0.0105)) as progress:  # 100 items: 1 s gone, 0.05 s to go
        list(_drain(progress, list(range(100))))
    assert started == []


def test_a_long_run_shows_a_bar_once_the_wait_is_over_and_erases_it(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _starts(monkeypatch)
    with Progress(enabled=True, clock=_Clock(0.1)) as progress:  # 150 items in 15 s
        assert list(_drain(progress, list(range(150)))) == list(range(150))
        list(_drain(progress, list(range(20)), "Evaluating"))  # quick, but a bar is showing: it goes on
    assert started == ["Reading", "Evaluating", "stopped"]


def test_few_items_or_a_bar_not_wanted_never_show_one(monkeypatch: pytest.MonkeyPatch) -> None:
    started = _starts(monkeypatch)
    with Progress(enabled=True, clock=_Clock(10.0)) as progress:
        list(_drain(progress, list(range(_progress.MIN_ITEMS - 1))))
    with Progress(enabled=False, clock=_Clock(10.0)) as progress:
        list(_drain(progress, list(range(150))))
    assert started == []
