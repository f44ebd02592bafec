"""The old home of :mod:`lscp_scrutiny.plugins.builtin`; importing from here keeps working."""

from lscp_scrutiny.plugins.builtin import *  # noqa: F403
