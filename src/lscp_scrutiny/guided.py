"""The old home of :mod:`lscp_scrutiny.cli.guided`; importing from here keeps working."""

from lscp_scrutiny.cli.guided import *  # noqa: F403
