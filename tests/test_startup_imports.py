"""The everyday commands load only what they use: guards for start-up time that never time anything.

Each run of the command line is a new process, so what it imports is most of what it costs (issue 14):
``importlib.metadata`` with no plugin installed (about 18 ms), :mod:`tempfile` for a command that writes
nothing (6 ms), :mod:`pickle` when no plugin code runs in a process (2 ms), rich's table of emoji when
the report never asks for one (4 ms), :mod:`typing` for ``import lscp_scrutiny`` (6 ms). Each test runs
the real command line in a fresh interpreter and looks at :data:`sys.modules` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from clirunner import in_fresh_python
from lscp_scrutiny.codec.documents import dumps_assessment
from lscp_scrutiny.io.assessments import load_assessment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northshire-2026.yaml"

_RUN = """
import json, sys
before = set(sys.modules)
from lscp_scrutiny.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stderr.write("\\n" + json.dumps({"code": code, "loaded": sorted(set(sys.modules) - before)}) + "\\n")
"""

NO_PLUGINS = not metadata.entry_points(group="lscp_scrutiny")
"""Whether this machine has no lscp-scrutiny plugin installed (a developer's would be imported, rightly)."""


def _loaded(*args: str, plugins: bool = False) -> set[str]:
    """The modules a run of ``lscp-scrutiny ARGS`` imported, in a fresh interpreter."""
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb", "LSCP_SCRUTINY_DISABLE_PLUGINS": "*"}
    if plugins:
        del env["LSCP_SCRUTINY_DISABLE_PLUGINS"]
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, check=False, env=env, timeout=120
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return set(report["loaded"])


@pytest.fixture(scope="module")
def as_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Northshire example as JSON: no YAML to parse."""
    path = tmp_path_factory.mktemp("startup") / "northshire-2026.json"
    path.write_text(dumps_assessment(load_assessment(EXAMPLE), "json"), encoding="utf-8")
    return path


def _top(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


NEVER_WHEN_READING = {"tempfile", "secrets", "shutil", "pickle", "email", "zipfile", "csv", "openpyxl"}
"""Modules no command that only reads a YAML or JSON file and prints needs."""
NEVER_WHEN_DRAWING = NEVER_WHEN_READING - {"pickle"}
"""The same for a command that draws with rich (``rich.style`` imports :mod:`pickle` itself)."""


@pytest.mark.parametrize("plugins", [False, True], ids=["plugins-disabled", "plugins-enabled"])
def test_validate_loads_no_plugin_discovery_when_no_plugin_is_installed(plugins: bool, as_json: Path) -> None:
    if plugins and not NO_PLUGINS:
        pytest.skip("a plugin is installed here: finding it needs importlib.metadata")
    loaded = _loaded("validate", str(as_json), plugins=plugins)
    assert "importlib.metadata" not in loaded
    assert not _top(loaded) & (NEVER_WHEN_READING | {"rich"})


def test_a_report_in_a_file_format_loads_no_rich(as_json: Path) -> None:
    for fmt in ("markdown", "html", "json", "csv"):
        loaded = _loaded("report", str(as_json), "--format", fmt)
        assert not _top(loaded) & (NEVER_WHEN_READING | {"rich"}), fmt
        assert "importlib.metadata" not in loaded


def test_the_terminal_report_loads_no_emoji_table(as_json: Path) -> None:
    # Every fixed word goes to rich as a Text, not a str it would parse for markup and emoji codes.
    loaded = _loaded("report", str(as_json))
    assert "rich.table" in loaded  # drawn by rich, as ever
    assert "rich._emoji_codes" not in loaded
    assert not _top(loaded) & NEVER_WHEN_DRAWING


def test_show_loads_no_emoji_table() -> None:
    loaded = _loaded("show", "independent-scrutiny")
    assert "rich._emoji_codes" not in loaded
    assert not _top(loaded) & NEVER_WHEN_DRAWING


def test_importing_the_package_loads_only_itself() -> None:
    code = (
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import lscp_scrutiny\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    new = set(json.loads(in_fresh_python(code)))
    assert new <= {"lscp_scrutiny", "lscp_scrutiny._version", "__future__"}, new - {"lscp_scrutiny"}


def test_the_content_hash_needs_no_cattrs() -> None:
    code = (
        "import sys\n"
        "from lscp_scrutiny.codec.hashing import content_hash\n"
        "from lscp_scrutiny.model import Checklist, Criterion, Section\n"
        "c = Checklist(id='c', version='1', title='C', sections=[Section(id='who', title='W', question='who',"
        " criteria=[Criterion(id='who.a', title='A', text='T', question='who')])])\n"
        "print(content_hash(c).startswith('sha256:'), 'cattrs' in sys.modules)"
    )
    assert in_fresh_python(code).split() == ["True", "False"]


# --- the look before importlib.metadata --------------------------------------------------------------


def _dist(root: Path, name: str, entry_points: str | None) -> None:
    info = root / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_the_look_never_misses_an_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lscp_scrutiny.plugins.manager import _may_declare_plugins  # noqa: PLC0415

    monkeypatch.syspath_prepend(str(tmp_path))
    _dist(tmp_path, "no_entry_points", None)
    _dist(tmp_path, "other_groups", "[console_scripts]\nlscp_like = lscp_scrutiny.cli:main\n")
    assert _may_declare_plugins() == bool(metadata.entry_points(group="lscp_scrutiny"))
    _dist(tmp_path, "a_plugin", "# a comment\n [ lscp_scrutiny ] \n")  # not the group: spaces inside
    assert _may_declare_plugins() == bool(metadata.entry_points(group="lscp_scrutiny"))
    _dist(tmp_path, "b_plugin", "[console_scripts]\nx = y\n\n  [lscp_scrutiny]  \nmine = my_module\n")
    assert metadata.entry_points(group="lscp_scrutiny")
    assert _may_declare_plugins()


@pytest.mark.parametrize(
    "trouble",
    ["a line importlib.metadata refuses", "a zip file on the path", "an egg on the path"],
)
def test_what_the_look_cannot_read_it_leaves_to_importlib(
    trouble: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_scrutiny.plugins.manager import _may_declare_plugins  # noqa: PLC0415

    if trouble == "a line importlib.metadata refuses":
        _dist(tmp_path, "broken", "[console_scripts]\nno equals sign here\n")
        monkeypatch.syspath_prepend(str(tmp_path))
    elif trouble == "a zip file on the path":
        (tmp_path / "plugins.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
        monkeypatch.syspath_prepend(str(tmp_path / "plugins.zip"))
    else:
        (tmp_path / "old.egg").mkdir()
        monkeypatch.syspath_prepend(str(tmp_path / "old.egg"))
    assert _may_declare_plugins()
