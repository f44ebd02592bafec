"""What installed plugins add to start-up: ``lscp-scrutiny checklists`` with and without both example plugins.

Usage: python benchmarks/plugins_startup.py [--repeat 15]

Builds the wheel, installs it into a fresh virtual environment, times the command, installs the two
example plugins (examples/plugins/) and times it again, in the same run; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = [ROOT / "examples" / "plugins" / name for name in ("lscp-national-outcomes", "lscp-what-works")]


def _run(*args: str | Path) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


def _median_ms(command: list[str | Path], repeat: int) -> float:
    _run(*command)  # warm the file system cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _run(*command)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    """Time the commands without and with the example plugins."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        _run(sys.executable, "-m", "build", "--wheel", "--outdir", folder / "dist", ROOT)
        wheel = next((folder / "dist").glob("*.whl"))
        venv.create(folder / "venv", with_pip=True)
        bin_dir = folder / "venv" / "bin"
        _run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel)
        commands: dict[str, list[str | Path]] = {
            "lscp-scrutiny --version": [bin_dir / "lscp-scrutiny", "--version"],
            "lscp-scrutiny checklists": [bin_dir / "lscp-scrutiny", "checklists"],
            "lscp-scrutiny show independent-scrutiny --format json": [
                bin_dir / "lscp-scrutiny",
                "show",
                "independent-scrutiny",
                "--format",
                "json",
            ],
        }
        without = {name: _median_ms(command, args.repeat) for name, command in commands.items()}
        _run(bin_dir / "python", "-m", "pip", "install", "--quiet", *PLUGINS)
        with_plugins = {name: _median_ms(command, args.repeat) for name, command in commands.items()}
    print(f"median of {args.repeat} runs, Python {sys.version.split()[0]}\n")
    print("| command | no plugins, ms | both example plugins, ms | ratio |")
    print("|---|--:|--:|--:|")
    for name in commands:
        ratio = with_plugins[name] / without[name]
        print(f"| `{name}` | {without[name]:.0f} | {with_plugins[name]:.0f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
