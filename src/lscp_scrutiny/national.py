"""The old home of :mod:`lscp_scrutiny.core.national`; importing from here keeps working."""

from lscp_scrutiny.core.national import *  # noqa: F403
