"""The old home of :mod:`lscp_scrutiny.io.workbook`; importing from here keeps working."""

from lscp_scrutiny.io.workbook import *  # noqa: F403
