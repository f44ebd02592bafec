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

from lscp_scrutiny._version import __version__

TYPE_CHECKING = False
"""Not :data:`typing.TYPE_CHECKING`: importing :mod:`typing` would add about 6 ms to ``import
lscp_scrutiny`` (a quarter of it; a bare interpreter starts in about 14 ms), and type checkers treat
any name ``TYPE_CHECKING`` as true."""

if TYPE_CHECKING:  # the same names, for type checkers and editors (a test keeps the two in step)
    import typing

    from lscp_scrutiny.codec.documents import dumps_assessment as dumps_assessment
    from lscp_scrutiny.codec.documents import dumps_checklist as dumps_checklist
    from lscp_scrutiny.codec.documents import dumps_partnership as dumps_partnership
    from lscp_scrutiny.codec.documents import loads_assessment as loads_assessment
    from lscp_scrutiny.codec.documents import loads_checklist as loads_checklist
    from lscp_scrutiny.codec.documents import loads_partnership as loads_partnership
    from lscp_scrutiny.codec.hashing import content_hash as content_hash
    from lscp_scrutiny.codec.text import SCHEMA_VERSION as SCHEMA_VERSION
    from lscp_scrutiny.core.checking import check as check
    from lscp_scrutiny.core.comparison import compare as compare
    from lscp_scrutiny.core.evaluation import evaluate as evaluate
    from lscp_scrutiny.core.migration import Migration as Migration
    from lscp_scrutiny.core.migration import migrate as migrate
    from lscp_scrutiny.core.moderation import Moderation as Moderation
    from lscp_scrutiny.core.moderation import moderate as moderate
    from lscp_scrutiny.core.national import national_picture as national_picture
    from lscp_scrutiny.core.publication import make_public as make_public
    from lscp_scrutiny.core.rating import checklist_ref as checklist_ref
    from lscp_scrutiny.core.rating import rate as rate
    from lscp_scrutiny.core.rating import start_assessment as start_assessment
    from lscp_scrutiny.core.rollup import Rollup as Rollup
    from lscp_scrutiny.core.rollup import rollup as rollup
    from lscp_scrutiny.core.rules import Finding as Finding
    from lscp_scrutiny.core.rules import ValidationRule as ValidationRule
    from lscp_scrutiny.errors import ConsistencyError as ConsistencyError
    from lscp_scrutiny.errors import DuplicateContributionError as DuplicateContributionError
    from lscp_scrutiny.errors import InvalidInputError as InvalidInputError
    from lscp_scrutiny.errors import PluginCodeError as PluginCodeError
    from lscp_scrutiny.errors import Problem as Problem
    from lscp_scrutiny.errors import ScrutinyError as ScrutinyError
    from lscp_scrutiny.errors import UnknownChecklistError as UnknownChecklistError
    from lscp_scrutiny.errors import WriteError as WriteError
    from lscp_scrutiny.files import check_file as check_file
    from lscp_scrutiny.files import save_assessment as save_assessment
    from lscp_scrutiny.io.assessments import CheckedAssessment as CheckedAssessment
    from lscp_scrutiny.io.assessments import load_assessment as load_assessment
    from lscp_scrutiny.io.checklists import load_checklist as load_checklist
    from lscp_scrutiny.io.checklists import load_partnership as load_partnership
    from lscp_scrutiny.io.checklists import save_checklist as save_checklist
    from lscp_scrutiny.io.kinds import FileKind as FileKind
    from lscp_scrutiny.io.survey import load_returns as load_returns
    from lscp_scrutiny.model import NOT_APPLICABLE as NOT_APPLICABLE
    from lscp_scrutiny.model import NOT_ASSESSED as NOT_ASSESSED
    from lscp_scrutiny.model import Action as Action
    from lscp_scrutiny.model import ActionStatus as ActionStatus
    from lscp_scrutiny.model import AgencyKind as AgencyKind
    from lscp_scrutiny.model import AssessedAgency as AssessedAgency
    from lscp_scrutiny.model import Assessment as Assessment
    from lscp_scrutiny.model import Assessor as Assessor
    from lscp_scrutiny.model import AssessorRole as AssessorRole
    from lscp_scrutiny.model import Checklist as Checklist
    from lscp_scrutiny.model import ChecklistExtension as ChecklistExtension
    from lscp_scrutiny.model import ChecklistRef as ChecklistRef
    from lscp_scrutiny.model import Contributor as Contributor
    from lscp_scrutiny.model import Criterion as Criterion
    from lscp_scrutiny.model import Evidence as Evidence
    from lscp_scrutiny.model import EvidenceKind as EvidenceKind
    from lscp_scrutiny.model import GivenRating as GivenRating
    from lscp_scrutiny.model import ModeratedRating as ModeratedRating
    from lscp_scrutiny.model import Obligation as Obligation
    from lscp_scrutiny.model import PartnerSector as PartnerSector
    from lscp_scrutiny.model import Partnership as Partnership
    from lscp_scrutiny.model import Prefill as Prefill
    from lscp_scrutiny.model import Provenance as Provenance
    from lscp_scrutiny.model import RatingLevel as RatingLevel
    from lscp_scrutiny.model import RatingScale as RatingScale
    from lscp_scrutiny.model import RelevantAgency as RelevantAgency
    from lscp_scrutiny.model import Reply as Reply
    from lscp_scrutiny.model import Response as Response
    from lscp_scrutiny.model import RetiredCriterion as RetiredCriterion
    from lscp_scrutiny.model import SafeguardingPartner as SafeguardingPartner
    from lscp_scrutiny.model import ScrutinyArea as ScrutinyArea
    from lscp_scrutiny.model import ScrutinyArrangement as ScrutinyArrangement
    from lscp_scrutiny.model import ScrutinyMethod as ScrutinyMethod
    from lscp_scrutiny.model import ScrutinyQuestion as ScrutinyQuestion
    from lscp_scrutiny.model import Section as Section
    from lscp_scrutiny.model import SectionAddition as SectionAddition
    from lscp_scrutiny.model import Source as Source
    from lscp_scrutiny.model import SourceKind as SourceKind
    from lscp_scrutiny.model.summary import Change as Change
    from lscp_scrutiny.model.summary import ChecklistChanges as ChecklistChanges
    from lscp_scrutiny.model.summary import Comparison as Comparison
    from lscp_scrutiny.model.summary import Flag as Flag
    from lscp_scrutiny.model.summary import FlagKind as FlagKind
    from lscp_scrutiny.model.summary import Summary as Summary
    from lscp_scrutiny.model.summary import Tally as Tally
    from lscp_scrutiny.plugins import PluginFailure as PluginFailure
    from lscp_scrutiny.plugins import Registry as Registry
    from lscp_scrutiny.plugins import default_registry as default_registry
    from lscp_scrutiny.plugins import get_checklist as get_checklist
    from lscp_scrutiny.plugins import get_plugin_manager as get_plugin_manager
    from lscp_scrutiny.plugins.hookspecs import hookimpl as hookimpl
    from lscp_scrutiny.render.formats import OutputFormat as OutputFormat

_PUBLIC: typing.Final[dict[str, str]] = {
    # Every public name and the module it lives in: the one list to edit. They are imported on first use
    # (PEP 562), so that `import lscp_scrutiny` stays cheap and --help and --version load only click.
    "Action": "lscp_scrutiny.model",
    "ActionStatus": "lscp_scrutiny.model",
    "AgencyKind": "lscp_scrutiny.model",
    "AssessedAgency": "lscp_scrutiny.model",
    "Assessment": "lscp_scrutiny.model",
    "Assessor": "lscp_scrutiny.model",
    "AssessorRole": "lscp_scrutiny.model",
    "Change": "lscp_scrutiny.model.summary",
    "CheckedAssessment": "lscp_scrutiny.io.assessments",
    "Checklist": "lscp_scrutiny.model",
    "ChecklistChanges": "lscp_scrutiny.model.summary",
    "ChecklistExtension": "lscp_scrutiny.model",
    "ChecklistRef": "lscp_scrutiny.model",
    "Comparison": "lscp_scrutiny.model.summary",
    "ConsistencyError": "lscp_scrutiny.errors",
    "Contributor": "lscp_scrutiny.model",
    "Criterion": "lscp_scrutiny.model",
    "DuplicateContributionError": "lscp_scrutiny.errors",
    "Evidence": "lscp_scrutiny.model",
    "EvidenceKind": "lscp_scrutiny.model",
    "FileKind": "lscp_scrutiny.io.kinds",
    "Finding": "lscp_scrutiny.core.rules",
    "Flag": "lscp_scrutiny.model.summary",
    "FlagKind": "lscp_scrutiny.model.summary",
    "InvalidInputError": "lscp_scrutiny.errors",
    "Moderation": "lscp_scrutiny.core.moderation",
    "NOT_APPLICABLE": "lscp_scrutiny.model",
    "NOT_ASSESSED": "lscp_scrutiny.model",
    "Obligation": "lscp_scrutiny.model",
    "OutputFormat": "lscp_scrutiny.render.formats",
    "PartnerSector": "lscp_scrutiny.model",
    "Partnership": "lscp_scrutiny.model",
    "PluginCodeError": "lscp_scrutiny.errors",
    "PluginFailure": "lscp_scrutiny.plugins",
    "Migration": "lscp_scrutiny.core.migration",
    "Prefill": "lscp_scrutiny.model",
    "Problem": "lscp_scrutiny.errors",
    "Provenance": "lscp_scrutiny.model",
    "RatingLevel": "lscp_scrutiny.model",
    "RatingScale": "lscp_scrutiny.model",
    "Registry": "lscp_scrutiny.plugins",
    "RelevantAgency": "lscp_scrutiny.model",
    "Reply": "lscp_scrutiny.model",
    "GivenRating": "lscp_scrutiny.model",
    "ModeratedRating": "lscp_scrutiny.model",
    "Response": "lscp_scrutiny.model",
    "RetiredCriterion": "lscp_scrutiny.model",
    "Rollup": "lscp_scrutiny.core.rollup",
    "SCHEMA_VERSION": "lscp_scrutiny.codec.text",
    "SafeguardingPartner": "lscp_scrutiny.model",
    "ScrutinyArea": "lscp_scrutiny.model",
    "ScrutinyArrangement": "lscp_scrutiny.model",
    "ScrutinyError": "lscp_scrutiny.errors",
    "ScrutinyMethod": "lscp_scrutiny.model",
    "ScrutinyQuestion": "lscp_scrutiny.model",
    "Section": "lscp_scrutiny.model",
    "SectionAddition": "lscp_scrutiny.model",
    "Source": "lscp_scrutiny.model",
    "SourceKind": "lscp_scrutiny.model",
    "Summary": "lscp_scrutiny.model.summary",
    "Tally": "lscp_scrutiny.model.summary",
    "UnknownChecklistError": "lscp_scrutiny.errors",
    "ValidationRule": "lscp_scrutiny.core.rules",
    "WriteError": "lscp_scrutiny.errors",
    "check": "lscp_scrutiny.core.checking",
    "check_file": "lscp_scrutiny.files",
    "checklist_ref": "lscp_scrutiny.core.rating",
    "compare": "lscp_scrutiny.core.comparison",
    "content_hash": "lscp_scrutiny.codec.hashing",
    "default_registry": "lscp_scrutiny.plugins",
    "dumps_assessment": "lscp_scrutiny.codec.documents",
    "dumps_checklist": "lscp_scrutiny.codec.documents",
    "dumps_partnership": "lscp_scrutiny.codec.documents",
    "evaluate": "lscp_scrutiny.core.evaluation",
    "get_checklist": "lscp_scrutiny.plugins",
    "get_plugin_manager": "lscp_scrutiny.plugins",
    "hookimpl": "lscp_scrutiny.plugins.hookspecs",
    "load_assessment": "lscp_scrutiny.io.assessments",
    "load_checklist": "lscp_scrutiny.io.checklists",
    "load_partnership": "lscp_scrutiny.io.checklists",
    "load_returns": "lscp_scrutiny.io.survey",
    "loads_assessment": "lscp_scrutiny.codec.documents",
    "loads_checklist": "lscp_scrutiny.codec.documents",
    "loads_partnership": "lscp_scrutiny.codec.documents",
    "make_public": "lscp_scrutiny.core.publication",
    "migrate": "lscp_scrutiny.core.migration",
    "moderate": "lscp_scrutiny.core.moderation",
    "national_picture": "lscp_scrutiny.core.national",
    "rollup": "lscp_scrutiny.core.rollup",
    "rate": "lscp_scrutiny.core.rating",
    "save_assessment": "lscp_scrutiny.files",
    "save_checklist": "lscp_scrutiny.io.checklists",
    "start_assessment": "lscp_scrutiny.core.rating",
}

__all__ = ["__version__", *sorted(_PUBLIC)]  # noqa: PLE0604 - derived from the one table


def __getattr__(name: str) -> typing.Any:  # noqa: ANN401 - whatever the public name is
    try:
        module = _PUBLIC[name]
    except KeyError:
        msg = f"module 'lscp_scrutiny' has no attribute {name!r}"
        raise AttributeError(msg) from None
    # __import__ with a from-list gives the module itself, as importlib.import_module would, without
    # importing the importlib package (and the warnings module) into every run.
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
