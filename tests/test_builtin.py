"""The built-in plugin's fast copies of its checklists are never stale."""

from __future__ import annotations

from pathlib import Path

import lscp_scrutiny as ls
from lscp_scrutiny.builtin import COMPILED, compile_checklists, compiled_path

CHECKLISTS = Path(__file__).resolve().parent.parent / "checklists"


def test_every_checklist_has_a_current_compiled_copy() -> None:
    for source in CHECKLISTS.glob("*.yaml"):
        compiled = compiled_path(source)
        assert compiled.is_file(), f"run `python -m lscp_scrutiny.builtin` to write {compiled.name}"
        assert ls.load_checklist(compiled) == ls.load_checklist(source)
    names = {compiled_path(source).name for source in CHECKLISTS.glob("*.yaml")}
    assert {p.name for p in (CHECKLISTS / COMPILED).iterdir()} == names  # no stale copies left over


def test_an_edited_checklist_is_never_shadowed_by_its_old_copy(tmp_path: Path) -> None:
    source = tmp_path / "mine.yaml"
    source.write_text((CHECKLISTS / "independent-scrutiny.yaml").read_text())
    (written,) = compile_checklists(tmp_path)
    assert written == compiled_path(source)
    source.write_text(source.read_text().replace("title: Independent scrutiny of", "title: Scrutiny of", 1))
    assert compiled_path(source) != written  # the old copy no longer matches the file
    (rewritten,) = compile_checklists(tmp_path)
    assert not written.exists()
    assert ls.load_checklist(rewritten).title.startswith("Scrutiny of")
