"""The old home of :mod:`lscp_scrutiny.codec.schema`; importing from here keeps working."""

from lscp_scrutiny.codec.schema import *  # noqa: F403
