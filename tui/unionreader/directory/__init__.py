"""People, organisations and an overview across many analysed articles: pure functions over
``Iterable[Analysis]`` (no UI), shared by the app's screens and the ``people`` / ``orgs`` commands."""

from collections.abc import Iterable

from ..extract.models import Analysis
from .building import OrgBuilder, PeopleBuilder
from .orgs import OrgProfile, OrgTable
from .overview import Overview, build_overview
from .people import PeopleTable, PersonProfile


def build_people(analyses: Iterable[Analysis]) -> PeopleTable:
    """Every person named in the people facts of ``analyses`` (see ``people`` for the merging rules)."""
    analyses = list(analyses)
    builder = PeopleBuilder()
    builder.add(analyses)
    return builder.table(analyses)


def build_orgs(analyses: Iterable[Analysis]) -> OrgTable:
    """Every organisation named (as an entity or as the organiser) in ``analyses``."""
    analyses = list(analyses)
    builder = OrgBuilder()
    builder.add(analyses)
    return builder.table(analyses)


__all__ = [
    "OrgBuilder",
    "OrgProfile",
    "OrgTable",
    "Overview",
    "PeopleBuilder",
    "PeopleTable",
    "PersonProfile",
    "build_orgs",
    "build_overview",
    "build_people",
]
