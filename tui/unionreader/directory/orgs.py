"""Organisations across articles: merged across abbreviations and their expansions ("LĐLĐ tỉnh X" =
"Liên đoàn Lao động tỉnh X", see ``keys.org_key``), with the events they held, the people in roles
there and the figures of their events over time. Profiles are worked out when asked for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.models import Analysis, Fact
from .filtering import Listing, newest_first
from .keys import display_form, org_key, same_body
from .people import ArticleRef, ArticleRefs, analysis_date, fact_titles, role_parts

SCANNED = 300  # articles whose events, people and figures an organisation's profile gathers


@dataclass(frozen=True, slots=True)
class OrgRow:
    name: str
    key: str
    articles: int
    first: str | None
    last: str | None
    docs: tuple[int, ...]
    held: tuple[int, ...]  # the docs whose event it organised


@dataclass(frozen=True, slots=True)
class HeldEvent:
    date: str | None
    event: str
    doc: int
    title: str


@dataclass(frozen=True, slots=True)
class OrgMember:
    name: str
    title: str
    first: str | None
    last: str | None
    articles: int


@dataclass(frozen=True, slots=True)
class OrgFigure:
    date: str | None
    kind: str  # "figures" or "awards"
    label: str
    display: str
    number: float | int | None
    type: str  # count, money, percent, ratio, award
    doc: int


@dataclass(frozen=True, slots=True)
class OrgProfile:
    name: str
    aliases: tuple[str, ...]  # other spellings seen
    articles: Sequence[ArticleRef]  # newest first
    events: tuple[HeldEvent, ...]  # newest first
    people: tuple[OrgMember, ...]
    figures: tuple[OrgFigure, ...]  # oldest first
    first: str | None
    last: str | None


def figure_display(fact: Fact) -> str:
    value = fact.value
    if isinstance(value, dict):
        return str(value.get("display") or value.get("award") or value.get("name") or "")
    return "" if value is None else str(value)


class OrgTable(Listing):
    def __init__(self, analyses: Sequence[Analysis], rows: Sequence[OrgRow], spellings: dict[str, Counter[str]],
                 dates: Sequence[str | None] | None = None) -> None:
        self.analyses = analyses
        self.rows = tuple(rows)
        self._spellings = spellings
        # Each article's date by doc (the builder's, read without the analysis), or from the analyses.
        self._dates = dates if dates is not None else [analysis_date(a) for a in analyses]
        self._init_listing()

    def filter_text(self, query: str) -> str:
        """A typed abbreviation is written out as the names are ("ldld" finds "Liên đoàn Lao động")."""
        return org_key(query) + (" " if query[-1:].isspace() else "")

    def _latest(self, docs: tuple[int, ...]) -> list[int]:
        """The ``SCANNED`` newest of ``docs``: a big federation is named in thousands of articles, and
        a profile is made while the user waits."""
        if len(docs) <= SCANNED:
            return list(docs)
        dates = self._dates
        return sorted(docs, key=lambda d: newest_first(dates[d]))[:SCANNED]

    def profile(self, row: int) -> OrgProfile:
        r = self.rows[row]
        analyses = self.analyses
        events = []
        figures = []
        for doc in self._latest(r.held):
            analysis = analyses[doc]
            date = analysis_date(analysis)
            name = next((f.value for f in analysis.facts if f.kind == "event" and f.label == "Sự kiện"
                         and isinstance(f.value, str)), "")
            events.append(HeldEvent(date, name, doc, analysis.article.title))
            for f in analysis.facts:
                if f.kind == "figures" and isinstance(f.value, dict):
                    figures.append(OrgFigure(date, "figures", f.label, figure_display(f), f.value.get("number")
                                             if isinstance(f.value.get("number"), int | float) else None,
                                             str(f.value.get("type", "")), doc))
                elif f.kind == "awards":
                    figures.append(OrgFigure(date, "awards", f.label, figure_display(f), None, "award", doc))
        members: dict[tuple[str, str], list[str | None]] = {}
        names: dict[tuple[str, str], tuple[str, str]] = {}
        for doc in self._latest(r.docs):
            analysis = analyses[doc]
            date = analysis_date(analysis)
            for f in analysis.facts:
                if f.kind != "people" or not isinstance(f.value, dict) or not f.value.get("roles"):
                    continue
                for title, _, body_key in role_parts(tuple(f.value["roles"]), fact_titles(analysis, f)):
                    if body_key and same_body(body_key, r.key):
                        name = str(f.value.get("name") or f.label)
                        k = (org_key(name), title.casefold())
                        members.setdefault(k, []).append(date)
                        names.setdefault(k, (display_form(name), display_form(title)))
        people = []
        for k, dates in members.items():
            known = sorted(d for d in dates if d)
            people.append(OrgMember(*names[k], known[0] if known else None, known[-1] if known else None, len(dates)))
        people.sort(key=lambda m: (newest_first(m.last), -m.articles, m.name))
        events.sort(key=lambda e: (newest_first(e.date), e.doc))
        figures.sort(key=lambda f: (f.date or "", f.doc))
        dates = self._dates
        docs = sorted(r.docs, key=lambda d: (newest_first(dates[d]), d))
        articles = ArticleRefs(analyses, [(d, dates[d]) for d in docs])
        # Most used first, ties by spelling (not by which article came first: the same whatever the order).
        counts = self._spellings[r.key]
        aliases = tuple(s for s in sorted(counts, key=lambda s: (-counts[s], s)) if display_form(s) != r.name)
        return OrgProfile(r.name, aliases, articles, tuple(events), tuple(people), tuple(figures), r.first, r.last)

    def docs_of(self, row: int) -> tuple[int, ...]:
        return self.rows[row].docs
