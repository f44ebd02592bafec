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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lscp_scrutiny._version import __version__

if TYPE_CHECKING:
    from lscp_scrutiny.core.comparison import compare
    from lscp_scrutiny.core.evaluation import (
        check,
        evaluate,
    )
    from lscp_scrutiny.core.national import national_picture
    from lscp_scrutiny.core.publication import make_public
    from lscp_scrutiny.core.rating import (
        checklist_ref,
        rate,
        start_assessment,
    )
    from lscp_scrutiny.core.rules import (
        Finding,
        ValidationRule,
    )
    from lscp_scrutiny.errors import (
        InvalidInputError,
        Problem,
        ScrutinyError,
        UnknownChecklistError,
        WriteError,
    )
    from lscp_scrutiny.files import (
        SCHEMA_VERSION,
        content_hash,
        dumps_assessment,
        dumps_checklist,
        dumps_partnership,
        load_assessment,
        load_checklist,
        load_partnership,
        loads_assessment,
        loads_checklist,
        loads_partnership,
        save_assessment,
        save_checklist,
    )
    from lscp_scrutiny.io.survey import load_returns
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
        ChecklistExtension,
        ChecklistRef,
        Contributor,
        Criterion,
        Evidence,
        EvidenceKind,
        Obligation,
        PartnerSector,
        Partnership,
        Prefill,
        Provenance,
        RatingLevel,
        RatingScale,
        RelevantAgency,
        Reply,
        Response,
        SafeguardingPartner,
        ScrutinyArea,
        ScrutinyArrangement,
        ScrutinyMethod,
        ScrutinyQuestion,
        Section,
        SectionAddition,
        Source,
    )
    from lscp_scrutiny.model.summary import (
        Change,
        ChecklistChanges,
        Comparison,
        Flag,
        FlagKind,
        Summary,
        Tally,
    )
    from lscp_scrutiny.plugins import (
        DuplicateContributionError,
        PluginFailure,
        Registry,
        default_registry,
        get_checklist,
        get_plugin_manager,
    )
    from lscp_scrutiny.plugins.hookspecs import (
        hookimpl,
    )
    from lscp_scrutiny.render.formats import (
        OutputFormat,
    )

# Public names and the module each lives in. They are imported on first use (PEP 562), so that
# `import lscp_scrutiny` stays cheap and the command line's --help and --version load only click.
_LAZY = {
    "Action": "lscp_scrutiny.model",
    "ActionStatus": "lscp_scrutiny.model",
    "AgencyKind": "lscp_scrutiny.model",
    "Assessment": "lscp_scrutiny.model",
    "Assessor": "lscp_scrutiny.model",
    "AssessorRole": "lscp_scrutiny.model",
    "Checklist": "lscp_scrutiny.model",
    "ChecklistChanges": "lscp_scrutiny.model.summary",
    "ChecklistExtension": "lscp_scrutiny.model",
    "ChecklistRef": "lscp_scrutiny.model",
    "Contributor": "lscp_scrutiny.model",
    "Criterion": "lscp_scrutiny.model",
    "DuplicateContributionError": "lscp_scrutiny.plugins",
    "Evidence": "lscp_scrutiny.model",
    "EvidenceKind": "lscp_scrutiny.model",
    "Finding": "lscp_scrutiny.core.rules",
    "Flag": "lscp_scrutiny.model.summary",
    "FlagKind": "lscp_scrutiny.model.summary",
    "InvalidInputError": "lscp_scrutiny.errors",
    "NOT_APPLICABLE": "lscp_scrutiny.model",
    "NOT_ASSESSED": "lscp_scrutiny.model",
    "Obligation": "lscp_scrutiny.model",
    "OutputFormat": "lscp_scrutiny.render.formats",
    "PartnerSector": "lscp_scrutiny.model",
    "Partnership": "lscp_scrutiny.model",
    "PluginFailure": "lscp_scrutiny.plugins",
    "Prefill": "lscp_scrutiny.model",
    "Problem": "lscp_scrutiny.errors",
    "Provenance": "lscp_scrutiny.model",
    "RatingLevel": "lscp_scrutiny.model",
    "RatingScale": "lscp_scrutiny.model",
    "Registry": "lscp_scrutiny.plugins",
    "RelevantAgency": "lscp_scrutiny.model",
    "Reply": "lscp_scrutiny.model",
    "Response": "lscp_scrutiny.model",
    "SCHEMA_VERSION": "lscp_scrutiny.files",
    "SafeguardingPartner": "lscp_scrutiny.model",
    "ScrutinyArea": "lscp_scrutiny.model",
    "ScrutinyArrangement": "lscp_scrutiny.model",
    "ScrutinyError": "lscp_scrutiny.errors",
    "ScrutinyMethod": "lscp_scrutiny.model",
    "ScrutinyQuestion": "lscp_scrutiny.model",
    "Section": "lscp_scrutiny.model",
    "SectionAddition": "lscp_scrutiny.model",
    "Source": "lscp_scrutiny.model",
    "Summary": "lscp_scrutiny.model.summary",
    "Tally": "lscp_scrutiny.model.summary",
    "UnknownChecklistError": "lscp_scrutiny.errors",
    "ValidationRule": "lscp_scrutiny.core.rules",
    "WriteError": "lscp_scrutiny.errors",
    "check": "lscp_scrutiny.core.evaluation",
    "checklist_ref": "lscp_scrutiny.core.rating",
    "compare": "lscp_scrutiny.core.comparison",
    "Change": "lscp_scrutiny.model.summary",
    "Comparison": "lscp_scrutiny.model.summary",
    "make_public": "lscp_scrutiny.core.publication",
    "national_picture": "lscp_scrutiny.core.national",
    "load_returns": "lscp_scrutiny.io.survey",
    "content_hash": "lscp_scrutiny.files",
    "default_registry": "lscp_scrutiny.plugins",
    "dumps_assessment": "lscp_scrutiny.files",
    "dumps_checklist": "lscp_scrutiny.files",
    "dumps_partnership": "lscp_scrutiny.files",
    "evaluate": "lscp_scrutiny.core.evaluation",
    "get_checklist": "lscp_scrutiny.plugins",
    "get_plugin_manager": "lscp_scrutiny.plugins",
    "hookimpl": "lscp_scrutiny.plugins.hookspecs",
    "load_assessment": "lscp_scrutiny.files",
    "load_checklist": "lscp_scrutiny.files",
    "load_partnership": "lscp_scrutiny.files",
    "loads_assessment": "lscp_scrutiny.files",
    "loads_checklist": "lscp_scrutiny.files",
    "loads_partnership": "lscp_scrutiny.files",
    "rate": "lscp_scrutiny.core.rating",
    "save_assessment": "lscp_scrutiny.files",
    "save_checklist": "lscp_scrutiny.files",
    "start_assessment": "lscp_scrutiny.core.rating",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the public name is
    try:
        module = _LAZY[name]
    except KeyError:
        msg = f"module 'lscp_scrutiny' has no attribute {name!r}"
        raise AttributeError(msg) from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


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
    "Change",
    "Checklist",
    "ChecklistChanges",
    "ChecklistExtension",
    "ChecklistRef",
    "Comparison",
    "Contributor",
    "Criterion",
    "DuplicateContributionError",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Flag",
    "FlagKind",
    "InvalidInputError",
    "Obligation",
    "OutputFormat",
    "PartnerSector",
    "Partnership",
    "PluginFailure",
    "Prefill",
    "Problem",
    "Provenance",
    "RatingLevel",
    "RatingScale",
    "Registry",
    "RelevantAgency",
    "Reply",
    "Response",
    "SafeguardingPartner",
    "ScrutinyArea",
    "ScrutinyArrangement",
    "ScrutinyError",
    "ScrutinyMethod",
    "ScrutinyQuestion",
    "Section",
    "SectionAddition",
    "Source",
    "Summary",
    "Tally",
    "UnknownChecklistError",
    "ValidationRule",
    "WriteError",
    "__version__",
    "check",
    "checklist_ref",
    "compare",
    "content_hash",
    "default_registry",
    "dumps_assessment",
    "dumps_checklist",
    "dumps_partnership",
    "evaluate",
    "get_checklist",
    "get_plugin_manager",
    "hookimpl",
    "load_assessment",
    "load_checklist",
    "load_partnership",
    "load_returns",
    "loads_assessment",
    "loads_checklist",
    "loads_partnership",
    "make_public",
    "national_picture",
    "rate",
    "save_assessment",
    "save_checklist",
    "start_assessment",
]
