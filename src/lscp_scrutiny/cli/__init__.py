"""The ``lscp-scrutiny`` command line: parsing, output streams and exit codes; the work is done below.

Each command lives in its own module and delegates to the library; the :class:`~lscp_scrutiny.cli._app.App`
passed to it owns the registry, warnings and refusals to overwrite.

Exit codes: 0 success; 1 a file could not be written, a plugin's code failed, or an internal error; 2 bad
input or usage (a malformed file, an unknown checklist, a wrong option); 3 ``report --compare
--fail-on-worse`` found a criterion that got worse; 130 interrupted (Ctrl+C). Errors are one line each on
stderr, never a traceback. Only click is imported at start-up; each command imports what it needs when it
runs, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from lscp_scrutiny._streams import only_the_tool_writes_stdout
from lscp_scrutiny._text import clip_quoted, printable
from lscp_scrutiny._version import __version__, yaml_reader
from lscp_scrutiny.cli._app import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_WORSENED,
    EXIT_WRITE_FAILED,
    App,
)
from lscp_scrutiny.cli.actions import actions_command
from lscp_scrutiny.cli.assessments import assess_command, convert_command, new_command, validate_command
from lscp_scrutiny.cli.checklists import checklists_command, plugins_command, schema_command, show_command
from lscp_scrutiny.cli.migrate import migrate_command
from lscp_scrutiny.cli.moderate import moderate_command
from lscp_scrutiny.cli.national import national_command
from lscp_scrutiny.cli.report import MIN_REPORT_WIDTH, report_command
from lscp_scrutiny.cli.rollup import rollup_command


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the release and the YAML parser in use (libyaml, or PyYAML's pure-Python one)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"lscp-scrutiny, version {__version__}\nYAML reader: {yaml_reader()}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version, and which parser reads YAML files, and exit.",
)
@click.option(
    "--checklist-file",
    "checklist_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="PATH",
    help="Also use the checklist in this file (repeatable), as if a plugin had registered it.",
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave out this plugin (entry-point or distribution name; repeatable). "
    "The LSCP_SCRUTINY_DISABLE_PLUGINS environment variable takes a comma-separated list.",
)
@click.pass_context
def cli(ctx: click.Context, checklist_files: tuple[Path, ...], disabled: tuple[str, ...]) -> None:
    """Assess how a safeguarding children partnership arranges independent scrutiny.

    Start with `lscp-scrutiny checklists`, make a blank assessment with `lscp-scrutiny new`, fill it in,
    then `lscp-scrutiny validate` and `lscp-scrutiny report` it.

    Exit codes: 0 success; 1 a file could not be written; 2 bad input or usage; 3 report --fail-on-worse
    found something worse; 130 interrupted.
    """
    ctx.obj = App(checklist_files, disabled)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors become one-line messages and exit codes, never tracebacks."""
    try:
        with only_the_tool_writes_stdout():  # nothing a plugin writes can corrupt a report on stdout
            cli.main(args=argv, prog_name="lscp-scrutiny", standalone_mode=False)
            sys.stdout.flush()  # a full disk or closed pipe is found here, not at exit
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error worth a message. Point standard output at
        # /dev/null so Python's own flush at exit cannot fail again, as the Python docs advise.
        with contextlib.suppress(OSError, ValueError):  # no file descriptor: nothing to redirect
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_WRITE_FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        # Click quotes what was typed (a file name, say): shown escaped, as every other error line is.
        message = _one_line(exc.format_message())
        shown = click.UsageError(message, exc.ctx) if isinstance(exc, click.UsageError) else None
        (shown or click.ClickException(message)).show()
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the edge where every error becomes a message
        _report_exception(exc)
    sys.exit(EXIT_OK)


def _report_exception(exc: Exception) -> NoReturn:
    from lscp_scrutiny.errors import InvalidInputError, PluginCodeError, ScrutinyError, WriteError

    if isinstance(exc, InvalidInputError):
        App().fail(exc.problems)
    if isinstance(exc, WriteError | PluginCodeError):
        click.echo(_one_line(f"Error: {exc}"), err=True)
        sys.exit(EXIT_WRITE_FAILED)
    if isinstance(exc, ScrutinyError):
        click.echo(_one_line(f"Error: {exc}"), err=True)
        sys.exit(EXIT_BAD_INPUT)
    if isinstance(exc, OSError) and not os.environ.get("LSCP_SCRUTINY_DEBUG"):
        where = f"{exc.filename}: " if exc.filename else "could not write the output: "
        click.echo(_one_line(f"Error: {where}{exc.strerror or exc}"), err=True)
        sys.exit(EXIT_WRITE_FAILED)
    if os.environ.get("LSCP_SCRUTINY_DEBUG"):
        raise exc
    click.echo(
        f"Error: internal error ({type(exc).__name__}: {_one_line(str(exc))}). "
        "This is a bug in lscp-scrutiny; please report it. Set LSCP_SCRUTINY_DEBUG=1 to see the details.",
        err=True,
    )
    sys.exit(EXIT_WRITE_FAILED)


def _one_line(message: str) -> str:
    """An error message as one short line: control characters written out, long quoted values cut."""
    return printable(clip_quoted(message), one_line=True)


for _command in (
    checklists_command,
    show_command,
    new_command,
    validate_command,
    report_command,
    national_command,
    rollup_command,
    actions_command,
    moderate_command,
    assess_command,
    convert_command,
    migrate_command,
    plugins_command,
    schema_command,
):
    cli.add_command(_command)


def __getattr__(name: str) -> object:
    if name == "ROLES":  # 0.1 kept a copy of the assessor roles here; they are the model's own now
        from lscp_scrutiny.model import AssessorRole

        return tuple(role.value for role in AssessorRole)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_WORSENED",
    "EXIT_WRITE_FAILED",
    "MIN_REPORT_WIDTH",
    "App",
    "assess_command",
    "checklists_command",
    "cli",
    "convert_command",
    "main",
    "migrate_command",
    "moderate_command",
    "national_command",
    "new_command",
    "plugins_command",
    "report_command",
    "schema_command",
    "show_command",
    "validate_command",
]
