"""People, organisations and an overview across many analysed articles: pure functions over
``Iterable[Analysis]`` (no UI), shared by the app's screens and the ``people`` / ``orgs`` commands."""

from .orgs import OrgProfile, OrgTable, build_orgs
from .overview import Overview, build_overview
from .people import PeopleTable, PersonProfile, build_people

__all__ = [
    "OrgProfile",
    "OrgTable",
    "Overview",
    "PeopleTable",
    "PersonProfile",
    "build_orgs",
    "build_overview",
    "build_people",
]
