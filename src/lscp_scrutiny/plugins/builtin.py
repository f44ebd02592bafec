"""The built-in plugin: the checklists in ``checklists/``, the report formats, and pre-filling.

It is registered through the same hooks as any third party's plugin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from lscp_scrutiny._paths import builtin_checklist_dir
from lscp_scrutiny.io.checklists import load_checklist, save_checklist
from lscp_scrutiny.model import Checklist, Partnership, Prefill
from lscp_scrutiny.model.labels import words_of
from lscp_scrutiny.model.summary import Summary
from lscp_scrutiny.plugins.hookspecs import hookimpl
from lscp_scrutiny.render.formats import OutputFormat

BUILTIN_CHECKLIST = "independent-scrutiny"


COMPILED = "compiled"
"""Sub-folder of ``checklists/`` holding a JSON copy of each YAML checklist, named by the YAML's hash.

The YAML files are the source people read and edit. Parsing them takes about 200 ms (the YAML parser is
pure Python); the JSON copy about 5 ms. A copy is used only when its name carries the hash of the YAML
file as it is now, so an edited checklist is never shadowed by a stale copy; ``python -m
lscp_scrutiny.plugins.builtin`` writes fresh copies, and a test fails while any is missing."""


def compiled_path(source: Path) -> Path:
    """Where the JSON copy of a YAML checklist file goes: named by the hash of the file's bytes."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return source.parent / COMPILED / f"{source.stem}.{digest}.json"


def _load(source: Path) -> Checklist:
    compiled = compiled_path(source)
    return load_checklist(compiled if compiled.is_file() else source)


@hookimpl
def lscp_scrutiny_checklists() -> list[Checklist]:
    """Every ``*.yaml`` checklist shipped with lscp-scrutiny."""
    return [_load(path) for path in sorted(builtin_checklist_dir().glob("*.yaml"))]


def compile_checklists(folder: Path | None = None) -> list[Path]:
    """Write the JSON copy of every YAML checklist in ``folder`` (by default the built-in one).

    Stale copies are removed. Returns the files written.
    """
    folder = folder or builtin_checklist_dir()
    (folder / COMPILED).mkdir(exist_ok=True)
    written = []
    for source in sorted(folder.glob("*.yaml")):
        target = compiled_path(source)
        for stale in (folder / COMPILED).glob(f"{source.stem}.*.json"):
            if stale != target:
                stale.unlink()
        save_checklist(load_checklist(source), target)
        written.append(target)
    return written


def _json(summary: Summary) -> str:
    from lscp_scrutiny.render.json import render_json  # noqa: PLC0415 - loaded when the format is used

    return render_json(summary)


def _text(summary: Summary) -> str:
    from lscp_scrutiny.render.terminal import render_text  # noqa: PLC0415 - rich loads only when drawn

    return render_text(summary, width=100)


def _markdown(summary: Summary) -> str:
    from lscp_scrutiny.render.markdown import render_markdown  # noqa: PLC0415

    return render_markdown(summary)


def _html(summary: Summary) -> str:
    from lscp_scrutiny.render.html import render_html  # noqa: PLC0415

    return render_html(summary)


def _csv(summary: Summary) -> str:
    from lscp_scrutiny.render.csv import render_csv  # noqa: PLC0415

    return render_csv(summary)


def _summary_html(summary: Summary) -> str:
    from lscp_scrutiny.render.html import render_summary_html  # noqa: PLC0415

    return render_summary_html(summary)


def _docx(summary: Summary) -> bytes:
    from lscp_scrutiny.render.docx import render_docx  # noqa: PLC0415 - python-docx loads only for Word

    return render_docx(summary)


@hookimpl
def lscp_scrutiny_output_formats() -> list[OutputFormat]:
    """JSON, plain text, Markdown, HTML, CSV, the one-page summary and Word: each renders the one summary."""
    return [
        OutputFormat(
            name="json", description="The evaluation summary as JSON.", render=_json, suffix=".json"
        ),
        OutputFormat(name="text", description="The terminal report as plain text.", render=_text),
        OutputFormat(
            name="markdown",
            description="A report to paste into a yearly report or wiki.",
            render=_markdown,
            suffix=".md",
        ),
        OutputFormat(
            name="html",
            description="One self-contained HTML page, printable on A4.",
            render=_html,
            suffix=".html",
        ),
        OutputFormat(
            name="csv", description="One row per criterion, for spreadsheets.", render=_csv, suffix=".csv"
        ),
        # An HTML page too: -o x.html keeps choosing the whole report (built-in formats claim a suffix in
        # order of name, and html comes first), so the one page is asked for by name: --format summary.
        OutputFormat(
            name="summary",
            description="The one-page executive summary, as a self-contained HTML page.",
            render=_summary_html,
            suffix=".html",
        ),
        OutputFormat(
            name="docx",
            description="A Word document: the executive summary, then the whole report, in Word's styles.",
            render=_docx,
            suffix=".docx",
        ),
    ]


@hookimpl
def lscp_scrutiny_prefill(partnership: Partnership, checklist: Checklist) -> Iterator[Prefill]:
    """Suggest two ratings of the built-in checklist from the partnership's scrutiny arrangement."""
    if checklist.id != BUILTIN_CHECKLIST:
        return
    scrutiny = partnership.scrutiny
    if scrutiny.children_in_scrutiny_role is not None:
        how = f" ({', '.join(scrutiny.children_involvement)})" if scrutiny.children_involvement else ""
        yes = scrutiny.children_in_scrutiny_role
        yield Prefill(
            criterion="who.children-families-role",
            rating="met" if yes else "not_met",
            note=(
                "Pre-filled from the partnership's scrutiny arrangement: children and young people "
                f"{'are' if yes else 'are not'} involved in a scrutiny role{how}. "
                "Check what their part is in practice, add evidence, and confirm or change the rating."
            ),
        )
    if scrutiny.methods is not None:
        count = len(scrutiny.methods)
        rating = "met" if count >= 3 else "partly_met" if count else "not_met"  # noqa: PLR2004 - a range
        listed = ", ".join(words_of(m.value) for m in scrutiny.methods) or "none"
        yield Prefill(
            criterion="how.range-of-methods",
            rating=rating,
            note=(
                f"Pre-filled from the partnership's scrutiny arrangement, which lists {count} "
                f"method{'s' if count != 1 else ''} of scrutiny: {listed}. Confirm or change the rating."
            ),
        )


if __name__ == "__main__":
    for written in compile_checklists():
        print(f"wrote {written}")  # noqa: T201 - a maintainer's command
