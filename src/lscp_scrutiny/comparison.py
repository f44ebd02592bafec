"""The old home of :mod:`lscp_scrutiny.core.comparison`; importing from here keeps working."""

from lscp_scrutiny.core.comparison import *  # noqa: F403
