"""The old home of :mod:`lscp_scrutiny.codec.annotated`; importing from here keeps working."""

from lscp_scrutiny.codec.annotated import *  # noqa: F403
