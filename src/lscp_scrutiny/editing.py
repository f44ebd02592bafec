"""The old home of :mod:`lscp_scrutiny.io.assessment_file`; importing from here keeps working."""

from lscp_scrutiny.io.assessment_file import *  # noqa: F403
