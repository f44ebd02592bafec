"""The old home of :mod:`lscp_scrutiny.render.formats`; importing from here keeps working."""

from lscp_scrutiny.render.formats import *  # noqa: F403
