"""The old home of :mod:`lscp_scrutiny.codec.converters`; importing from here keeps working."""

from lscp_scrutiny.codec.converters import *  # noqa: F403
from lscp_scrutiny.codec.text import Format as Format  # noqa: PLC0414 - re-exported for old imports
