"""The Word report: opened with python-docx and checked figure by figure against the summary.

Also: Word's own styles, restricted text absent from the public version, the same bytes for the same
input, the command line, python-docx loaded only when a Word report is written, and LibreOffice opening
the file and printing it to PDF (skipped, with the reason, where LibreOffice Writer is not installed).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from attrs import evolve
from docx.oxml.ns import qn

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.core.publication import make_public
from lscp_scrutiny.model.labels import words_of
from lscp_scrutiny.render._common import score_text
from lscp_scrutiny.render.docx import TABLE_STYLE, render_docx
from lscp_scrutiny.render.executive import executive
from test_executive import AS_OF, EXAMPLES, SUMMARIES, _compared, _four_level, _summary

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table


MARKER = "SECRET-MARKER-d0c5"
ROOT = Path(__file__).resolve().parent.parent
Capsys = pytest.CaptureFixture[str]


def _open(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def _caption(table: Table) -> str:
    found = table._tbl.tblPr.find(qn("w:tblCaption"))  # noqa: SLF001 - python-docx has no API for it
    return "" if found is None else str(found.get(qn("w:val")))


def _tables(document: Document) -> dict[str, Table]:
    return {_caption(table): table for table in document.tables}


def _cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _paragraphs(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def _all_text(data: bytes) -> str:
    """Every part of the package as text: the body, the core properties, everything."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(name).decode("utf-8", "replace")
            for name in package.namelist()
            if name.endswith(".xml")
        )


# --- every figure --------------------------------------------------------------------------------------


def check_document(data: bytes, summary: ls.Summary) -> None:
    """Every figure of the Word report is the summary's."""
    document = _open(data)
    tables = _tables(document)
    page = executive(summary)
    text = "\n".join(p.text for p in document.paragraphs)
    # the executive summary
    assert f"Score {page.headline}: {page.rated} of {page.criteria} criteria rated" in text
    ratings = _cells(tables["Ratings by WHO, HOW and WHAT: criteria at each level"])
    assert ratings[0][2:-1] == [segment.short for segment in page.overall.segments]
    for row, bar in zip(ratings[1:], [*page.bars, page.overall], strict=True):
        assert row[0] == bar.label
        assert row[2:-1] == [str(segment.count) for segment in bar.segments]
        assert row[-1] == bar.score
    headings = _paragraphs(document, "Heading 2")
    assert f"Strengths ({page.strengths_total})" in headings
    assert f"Areas for development ({page.areas_total})" in headings
    bullets = _paragraphs(document, "List Bullet")
    for strength in page.strengths:
        kinds = f" ({', '.join(strength.evidence_kinds)})" if strength.evidence_kinds else ""
        assert f"{strength.title}{kinds}" in bullets
    for area in page.areas:
        assert any(b.startswith(f"{area.rating}: {area.title} ") for b in bullets)
    if page.owners:
        owners = _cells(tables[f"Open and overdue actions by owner, as of {page.as_of}"])
        assert owners[-1] == ["All owners", str(summary.open_actions), str(summary.overdue_actions)]
        assert [row[0] for row in owners[1:-1]] == [row.owner for row in page.owners]
    # the whole report
    rollup = _cells(tables["Criteria by rating, with scores"])
    assert rollup[-1][0] == "Overall"
    assert rollup[-1][1:4] == [str(summary.overall.counts.get(level.id, 0)) for level in summary.levels][:3]
    assert score_text(summary.overall) in rollup[-1]
    for section in summary.sections:
        rows = _cells(tables[f"{section.title}: each criterion"])[1:]
        assert len(rows) == len(section.criteria)
        for row, result in zip(rows, section.criteria, strict=True):
            assert row[0] == f"{result.title}\n{result.id}"
            assert row[1:4] == [result.rating_label, str(result.evidence), str(result.open_actions)]
            assert row[4] == ", ".join(map(words_of, result.flags))
    level_one = _paragraphs(document, "Heading 1")
    assert f"Flags ({len(summary.flags)})" in level_one
    replies = sum(1 for s in summary.sections for c in s.criteria if c.reply is not None)
    assert f"Partners' replies ({replies})" in level_one
    evidence = sum(len(c.evidence_items) for s in summary.sections for c in s.criteria)
    assert f"Evidence ({evidence})" in level_one
    planned = sum(
        len(table.rows) - 1 for caption, table in tables.items() if caption.startswith("Actions owned by ")
    )
    assert planned == len(summary.actions)
    assert ("Public version" in text) == summary.public
    if summary.comparison is not None:
        assert f"Changes since {summary.comparison.earlier_assessed_on.isoformat()}" in level_one


@pytest.mark.parametrize(
    "summary", [summary for _, summary in SUMMARIES], ids=[name for name, _ in SUMMARIES]
)
def test_every_figure_is_the_summarys(summary: ls.Summary) -> None:
    check_document(render_docx(summary), summary)


def test_a_four_level_plugin_scale() -> None:
    summary = _four_level()
    data = render_docx(summary)
    check_document(data, summary)
    header = _cells(_tables(_open(data))["Ratings by WHO, HOW and WHAT: criteria at each level"])[0]
    assert "Strong" in header


def test_the_northshire_figures() -> None:
    document = _open(render_docx(_summary("northshire-2026.yaml")))
    ratings = _cells(_tables(document)["Ratings by WHO, HOW and WHAT: criteria at each level"])
    assert ratings[0] == ["Question", "Chart", "Met", "Partly met", "Not met", "N/A", "Not yet", "Score"]
    assert ratings[3] == [
        "WHAT",
        "\u2588" * 17,  # met, partly met and not met in their colours, one run each
        "6",
        "15",
        "2",
        "1",
        "1",
        "59% (27/46)",
    ]
    assert ratings[4][-1] == "66% (61/92)"
    assert "Score 66% (61 of 92 points): 46 of 54 criteria rated, 1 not applicable, 7 not yet assessed." in [
        p.text for p in document.paragraphs
    ]


# --- Word's own styles ----------------------------------------------------------------------------------


def test_headings_tables_and_captions_use_words_styles() -> None:
    summary = _summary("northshire-2026.yaml")
    document = _open(render_docx(summary))
    assert _paragraphs(document, "Title") == ["Independent scrutiny assessment"]
    level_one = _paragraphs(document, "Heading 1")
    assert level_one[:4] == ["Executive summary", "About this assessment", "Roll-up", "Criteria by section"]
    level_two = _paragraphs(document, "Heading 2")
    assert all(section.title in level_two for section in summary.sections)
    assert all(table.style is not None and table.style.name == TABLE_STYLE for table in document.tables)
    captions = [  # with the number in its field (python-docx's text leaves fields out)
        "".join(p._p.xpath(".//w:t/text()"))  # noqa: SLF001
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Caption"
    ]
    assert len(captions) == len(document.tables) - 1  # the facts at the top need none
    assert captions[0] == "Table 1: Ratings by WHO, HOW and WHAT: criteria at each level"
    assert captions[-1].startswith(f"Table {len(captions)}: ")
    fields = document.element.body.findall(f".//{qn('w:fldSimple')}")
    assert {field.get(qn("w:instr")) for field in fields} == {
        " SEQ Table \\* ARABIC "
    }  # Word's own numbering
    headless = {"The assessment", "Completion, score and actions"}  # facts: a name and a value a row
    for table in document.tables:  # the header row repeats on every page; no row breaks across one
        if _caption(table) in headless:
            continue
        first = table.rows[0]._tr.trPr  # noqa: SLF001
        assert first is not None
        assert first.find(qn("w:tblHeader")) is not None
    rows = [row._tr.trPr for table in document.tables for row in table.rows]  # noqa: SLF001
    assert all(row is not None and row.find(qn("w:cantSplit")) is not None for row in rows)
    # the executive summary ends its page: the next heading starts the next one
    about = next(p for p in document.paragraphs if p.text == "About this assessment")
    assert about.paragraph_format.page_break_before


# --- public and restricted ------------------------------------------------------------------------------


@pytest.fixture
def secret_summary(checklist: ls.Checklist, assessment: ls.Assessment) -> ls.Summary:
    first = checklist.criteria[0].id
    marked = ls.rate(
        assessment,
        checklist,
        first,
        "met",
        notes=f"About a named practitioner {MARKER}",
        evidence=[
            ls.Evidence(
                kind="family_feedback", reference=f"Focus {MARKER}", description=MARKER, restricted=True
            )
        ],
    )
    marked = marked.with_response(evolve(marked.response(first), notes_restricted=True))
    return ls.evaluate(marked, checklist, as_of=AS_OF)


def test_restricted_text_is_absent_from_the_public_version(secret_summary: ls.Summary) -> None:
    assert MARKER in _all_text(render_docx(secret_summary))  # the full report carries it
    public = render_docx(make_public(secret_summary))
    assert MARKER not in _all_text(public)
    assert "[restricted: withheld from the public version]" in _all_text(public)
    check_document(public, make_public(secret_summary))


def test_public_on_the_command_line(capsys: Capsys, tmp_path: Path) -> None:
    checklist = ls.get_checklist("independent-scrutiny")
    first = checklist.criteria[0].id
    base = ls.load_assessment(EXAMPLES / "northshire-2026.yaml")
    marked = ls.rate(
        base,
        checklist,
        first,
        "met",
        notes=f"Named {MARKER}",
        evidence=[ls.Evidence(kind="document", reference=MARKER, restricted=True)],
    )
    marked = marked.with_response(evolve(marked.response(first), notes_restricted=True))
    path = tmp_path / "a.yaml"
    ls.save_assessment(marked, path)
    public, full = tmp_path / "public.docx", tmp_path / "full.docx"
    assert run(capsys, "report", str(path), "-o", str(public), "--public").code == 0
    assert run(capsys, "report", str(path), "-o", str(full)).code == 0
    assert MARKER not in _all_text(public.read_bytes())
    assert MARKER in _all_text(full.read_bytes())
    if os.name == "posix":
        assert full.stat().st_mode & 0o077 == 0  # the full report is its owner's only


# --- text, determinism, the command line ----------------------------------------------------------------


def test_control_characters_and_markup_are_text() -> None:
    hostile = "<w:p>& \x1b[31mred\x07 \ud800 \ufffe </w:t>"
    summary = evolve(_summary("northshire-2026.yaml"), partnership=hostile, assessor="A\x00B")
    document = _open(render_docx(summary))
    facts = _cells(document.tables[0])
    assert facts[0] == ["Partnership", "<w:p>& \\x1b[31mred\\x07 \\ud800 \\ufffe </w:t> (Northshire)"]
    assert facts[2][1].startswith("A\\x00B, ")


def test_the_same_input_gives_the_same_bytes() -> None:
    summary = _compared()
    first = render_docx(summary)
    assert render_docx(summary) == first
    core = _open(first).core_properties
    day = datetime.combine(summary.assessed_on, datetime.min.time(), tzinfo=UTC)
    assert core.created == core.modified == day
    assert (core.author, core.last_modified_by, core.revision) == ("", "", 1)
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {
            (*summary.assessed_on.timetuple()[:3], 0, 0, 0)
        }
        assert "docProps/thumbnail.jpeg" not in package.namelist()  # not the template's picture
        assert b"python-docx" not in b"".join(package.read(name) for name in package.namelist())


def test_report_to_a_docx_file(capsys: Capsys, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    result = run(
        capsys, "report", str(EXAMPLES / "northshire-2026.yaml"), "--as-of", "2026-11-27", "-o", str(out)
    )
    assert (result.code, result.out, result.err) == (0, f"Wrote {out}.\n", "")
    data = out.read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(data))
    check_document(data, _summary("northshire-2026.yaml"))
    assert data == render_docx(_summary("northshire-2026.yaml"))


def test_report_docx_in_the_current_folder(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(capsys, "report", str(EXAMPLES / "northshire-2026.yaml"), "-o", "x.docx")
    assert (result.code, result.out) == (0, "Wrote x.docx.\n")
    assert _open((tmp_path / "x.docx").read_bytes()).paragraphs


def test_every_example_renders_on_the_command_line(capsys: Capsys, tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        out = tmp_path / f"{example.stem}.docx"
        assert run(capsys, "report", str(example), "--as-of", "2026-11-27", "-o", str(out)).code == 0
        assert _open(out.read_bytes()).tables


_LOADED = """
import json, sys
from lscp_scrutiny.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def _loaded(*args: str) -> set[str]:
    env = {**os.environ, "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    return {name.split(".")[0] for name in json.loads(done.stderr.strip().splitlines()[-1])}


def test_python_docx_loads_only_for_a_word_report(tmp_path: Path) -> None:
    example = str(EXAMPLES / "northshire-2026.yaml")
    assert not {"docx", "lxml"} & _loaded("report", example, "-o", str(tmp_path / "x.html"))
    assert not {"docx", "lxml"} & _loaded("report", example, "--format", "summary")
    assert "docx" in _loaded("report", example, "-o", str(tmp_path / "x.docx"))
    code = "import sys, lscp_scrutiny, lscp_scrutiny.plugins.builtin; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --- LibreOffice ----------------------------------------------------------------------------------------


def _writer() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian's libreoffice-writer-nogui) is not installed; .ci/run installs it")
    program = Path(soffice).resolve().parent
    if not any(program.glob("libswlo.*")):
        pytest.skip(
            f"LibreOffice Writer is not installed beside {soffice} (Debian's libreoffice-writer-nogui)"
        )
    return soffice


def _pdf(soffice: str, data: bytes, folder: Path) -> bytes:
    source = folder / "report.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "report.pdf").read_bytes()


def _pages(pdf: bytes) -> int:
    """The page count, from the PDF's page objects (no PDF library needed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _page_text(pdf: Path, page: int) -> str | None:
    """The text of one page, by poppler's pdftotext; ``None`` without it."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    done = subprocess.run(
        [pdftotext, "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return " ".join(done.stdout.split())


MOST_PAGES = {"northshire-2026": 12, "northshire-2026-since-2025": 14}
"""Pages of the largest example in LibreOffice 7.4 (11 and 13 when measured; a page of slack for fonts)."""


@pytest.mark.parametrize("name", sorted(MOST_PAGES))
def test_libreoffice_prints_it_with_the_summary_on_page_one(name: str, tmp_path: Path) -> None:
    soffice = _writer()
    summary = _summary("northshire-2026.yaml") if name == "northshire-2026" else _compared()
    pdf = _pdf(soffice, render_docx(summary), tmp_path)
    pages = _pages(pdf)
    assert 2 <= pages <= MOST_PAGES[name], pages
    first, second = _page_text(tmp_path / "report.pdf", 1), _page_text(tmp_path / "report.pdf", 2)
    if first is None or second is None:
        return  # without poppler-utils, the page count is what is checked
    page = executive(summary)
    assert "Executive summary" in first
    assert page.headline in first  # 66% (61 of 92 points)
    assert f"Strengths ({page.strengths_total})" in first
    assert f"Areas for development ({page.areas_total})" in first
    assert f"All owners {page.open_actions} {page.overdue_actions}" in first
    if page.changes is not None:
        assert f"Changes since {page.changes.since}" in first
    assert second.startswith("About this assessment")  # the summary is one page, and the rest starts the next
