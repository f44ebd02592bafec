"""The old home of :mod:`lscp_scrutiny.codec.annotated`; importing from here keeps working."""

from lscp_scrutiny.codec.annotated import *  # noqa: F403
from lscp_scrutiny.codec.documents import dumps_assessment
from lscp_scrutiny.codec.text import Format
from lscp_scrutiny.model import Assessment, Checklist


def render_blank_assessment(checklist: Checklist, assessment: Assessment, fmt: Format = "yaml") -> str:
    """The assessment as a file to fill in (0.1's name): ``dumps_assessment`` with its checklist."""
    return dumps_assessment(assessment, fmt, checklist=checklist)
