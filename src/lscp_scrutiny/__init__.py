"""lscp-scrutiny: assess how a safeguarding children partnership arranges independent scrutiny.

The few calls that make an assessment::

    import lscp_scrutiny as ls

    checklist = ls.get_checklist("independent-scrutiny")
    assessment = ls.start_assessment(checklist, "Northshire Safeguarding Partnership", "A. Scrutineer")
    assessment = ls.rate(assessment, checklist, "who.published-model", "met",
                         evidence=[ls.Evidence(kind="document", reference="Published arrangements, s.4")])
    summary = ls.evaluate(assessment, checklist)
    ls.save_assessment(assessment, "assessment.yaml")

Importing this package loads neither rich nor click: renderers live in :mod:`lscp_scrutiny.render`.
"""

from lscp_scrutiny._version import __version__
from lscp_scrutiny.assessing import checklist_ref, rate, start_assessment
from lscp_scrutiny.errors import (
    InvalidInputError,
    Problem,
    ScrutinyError,
    UnknownChecklistError,
    WriteError,
)
from lscp_scrutiny.evaluate import check, evaluate
from lscp_scrutiny.files import (
    SCHEMA_VERSION,
    content_hash,
    dumps_assessment,
    dumps_checklist,
    load_assessment,
    load_checklist,
    loads_assessment,
    loads_checklist,
    save_assessment,
    save_checklist,
)
from lscp_scrutiny.hookspecs import hookimpl
from lscp_scrutiny.model import (
    NOT_APPLICABLE,
    NOT_ASSESSED,
    Action,
    ActionStatus,
    AgencyKind,
    Assessment,
    Assessor,
    AssessorRole,
    Checklist,
    ChecklistRef,
    Criterion,
    Evidence,
    EvidenceKind,
    Obligation,
    PartnerSector,
    Partnership,
    RatingLevel,
    RatingScale,
    RelevantAgency,
    Response,
    SafeguardingPartner,
    ScrutinyArea,
    ScrutinyArrangement,
    ScrutinyMethod,
    ScrutinyQuestion,
    Section,
    Source,
)
from lscp_scrutiny.plugins import Registry, default_registry, get_checklist, get_plugin_manager
from lscp_scrutiny.summary import Flag, FlagKind, Summary, Tally

__all__ = [
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "SCHEMA_VERSION",
    "Action",
    "ActionStatus",
    "AgencyKind",
    "Assessment",
    "Assessor",
    "AssessorRole",
    "Checklist",
    "ChecklistRef",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "Flag",
    "FlagKind",
    "InvalidInputError",
    "Obligation",
    "PartnerSector",
    "Partnership",
    "Problem",
    "RatingLevel",
    "RatingScale",
    "Registry",
    "RelevantAgency",
    "Response",
    "SafeguardingPartner",
    "ScrutinyArea",
    "ScrutinyArrangement",
    "ScrutinyError",
    "ScrutinyMethod",
    "ScrutinyQuestion",
    "Section",
    "Source",
    "Summary",
    "Tally",
    "UnknownChecklistError",
    "WriteError",
    "__version__",
    "check",
    "checklist_ref",
    "content_hash",
    "default_registry",
    "dumps_assessment",
    "dumps_checklist",
    "evaluate",
    "get_checklist",
    "get_plugin_manager",
    "hookimpl",
    "load_assessment",
    "load_checklist",
    "loads_assessment",
    "loads_checklist",
    "rate",
    "save_assessment",
    "save_checklist",
    "start_assessment",
]
