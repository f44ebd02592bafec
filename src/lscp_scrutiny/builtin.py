"""The old home of :mod:`lscp_scrutiny.plugins.builtin`; importing from here keeps working."""

from lscp_scrutiny.plugins.builtin import *  # noqa: F403
from lscp_scrutiny.plugins.builtin import compile_checklists

if __name__ == "__main__":  # `python -m lscp_scrutiny.builtin`, as 0.1 documented it
    for written in compile_checklists():
        print(f"wrote {written}")  # noqa: T201 - a maintainer's command
