"""The old home of :mod:`lscp_scrutiny.core.rules`; importing from here keeps working."""

from lscp_scrutiny.core.rules import *  # noqa: F403
