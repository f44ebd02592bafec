"""The old home of :mod:`lscp_scrutiny.core.rating`; importing from here keeps working."""

from lscp_scrutiny.core.rating import *  # noqa: F403
