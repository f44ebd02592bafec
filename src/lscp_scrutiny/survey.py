"""The old home of :mod:`lscp_scrutiny.io.survey`; importing from here keeps working."""

from lscp_scrutiny.io.survey import *  # noqa: F403
