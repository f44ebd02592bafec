"""The release, and which YAML parser this installation reads files with (both shown by ``--version``)."""

from __future__ import annotations

__version__ = "0.1.0"


def yaml_reader() -> str:
    """Which parser reads YAML files here, found without importing it (``--version`` loads only click).

    Files are read by PyYAML's C parser, libyaml, which every PyYAML wheel carries; where PyYAML was
    built without it, its pure-Python parser reads them with the same results, about 10 times slower
    (see :mod:`lscp_scrutiny.codec.plain_yaml`).
    """
    import importlib.machinery  # noqa: PLC0415 - only for --version
    import importlib.util  # noqa: PLC0415
    import os  # noqa: PLC0415

    spec = importlib.util.find_spec("yaml")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        if any(name.startswith("_yaml.") and name.endswith(suffixes) for name in names):
            return "libyaml (PyYAML's C parser)"
    return "PyYAML's pure-Python parser (libyaml is missing: the same results, more slowly)"
