"""The old home of :mod:`lscp_scrutiny.codec.converters`; importing from here keeps working."""

from lscp_scrutiny.codec.converters import *  # noqa: F403
