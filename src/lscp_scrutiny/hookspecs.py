"""The old home of :mod:`lscp_scrutiny.plugins.hookspecs`; importing from here keeps working."""

from lscp_scrutiny.plugins.hookspecs import *  # noqa: F403
