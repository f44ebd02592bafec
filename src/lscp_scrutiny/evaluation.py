"""The old home of :mod:`lscp_scrutiny.core.evaluation`; importing from here keeps working."""

from lscp_scrutiny.core.evaluation import *  # noqa: F403
