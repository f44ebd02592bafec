"""The old home of :mod:`lscp_scrutiny.model.summary`; importing from here keeps working."""

from lscp_scrutiny.model.summary import *  # noqa: F403
