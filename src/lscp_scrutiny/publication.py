"""The old home of :mod:`lscp_scrutiny.core.publication`; importing from here keeps working."""

from lscp_scrutiny.core.publication import *  # noqa: F403
