"""``national`` over many files: each read once, as the progress bar counts them, and nothing held for nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import lscp_scrutiny as ls
from clirunner import run
from lscp_scrutiny.io import paths, survey
from lscp_scrutiny.testing import fully_rated

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def folder(tmp_path: Path, checklist: ls.Checklist) -> Path:
    """Two assessments (YAML with comments, JSON) and a partnership file."""
    found = tmp_path / "in"
    found.mkdir()
    assessment = fully_rated(checklist)
    ls.save_assessment(assessment, found / "a.yaml", checklist=checklist)
    ls.save_assessment(assessment, found / "b.json")
    partnership = ls.Partnership(name="Southshire", scrutiny=ls.ScrutinyArrangement(scrutiny_panel=True))
    (found / "p.yaml").write_text(ls.dumps_partnership(partnership), encoding="utf-8")
    return found


def test_the_tracker_hands_out_each_file_as_it_is_read(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress bar counts what is done: file N is handed out only once file N-1 has been read."""
    read: list[str] = []
    real = paths.read_bytes  # what survey reads each file with

    def reading(path: object, kind: object) -> bytes:
        read.append(Path(str(path)).name)
        return real(path, kind)  # type: ignore[arg-type]

    monkeypatch.setattr(survey, "read_bytes", reading)
    seen: list[tuple[str, list[str]]] = []

    def track(files: Iterable[Path]) -> Iterator[Path]:
        for path in files:
            seen.append((path.name, list(read)))
            yield path

    documents, returns = survey.read_national([folder], track=track)
    assert seen == [("a.yaml", []), ("b.json", ["a.yaml"]), ("p.yaml", ["a.yaml", "b.json"])]
    assert read == ["a.yaml", "b.json", "p.yaml"]  # each once
    assert [d.source for d in documents] == [str(folder / "a.yaml"), str(folder / "b.json")]
    assert [r.name for r in returns] == ["Southshire"]


def test_national_documents_hold_no_parsed_copy(folder: Path) -> None:
    """Only a tool writing the file back needs the parsed data; 150 assessments held it for nothing."""
    documents, _ = survey.read_national([folder])
    assert [d.parsed for d in documents] == [None, None]
    assert all(d.assessment.responses for d in documents)


def test_problems_in_files_read_are_still_placed_on_their_line(folder: Path, capsys: Capsys) -> None:
    """Dropping the parsed copy keeps the line numbers: they are found from the text."""
    text = (folder / "a.yaml").read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text.replace("rating: met", "rating: superb", 1), encoding="utf-8")
    result = run(capsys, "national", str(folder), "--format", "json")
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line.startswith(f"Error: {folder / 'a.yaml'}:")
    assert "superb" in line
    number = int(line.split(":")[2])
    assert "rating: superb" in text.replace("rating: met", "rating: superb", 1).splitlines()[number - 1]
