"""People across articles: each person once, merged by folded name, namesakes kept apart by body.

Merging rules (README, "People, organisations and overview"):
- one name key per spelling family: ``keys.person_key`` folds diacritics, case and tone placement, so
  "Quách Thuý Hoà", "Quách Thúy Hòa" and "Quach Thuy Hoa" are one name;
- within one name, the articles where the person holds a role at a body are grouped by body (bodies
  compared with abbreviations written out): two groups that share no body are two people (the
  director of a company and the chair of a provincial federation who happen to share a name); a
  shortened body ("Chủ tịch Công đoàn Công ty") joins the one group whose body it starts;
- an article that gives the name with no body (or a short form that fits several groups) joins the
  only group there is, or the one group whose bodies the article mentions; otherwise it stays a
  profile of its own.

The table keeps only what the list needs; a profile (roles over time, actions, organisations, articles)
is worked out when it is asked for, from the analyses the table holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..extract.models import Analysis, Fact
from .filtering import SORTS, Listing, newest_first
from .keys import diacritic_weight, display_form, org_key, short_forms, split_role

ORGS_SCANNED = 300  # latest articles whose organisations a profile counts

__all__ = ["SORTS", "PeopleTable", "PersonProfile", "PersonRow", "Sighting"]


class Sighting(NamedTuple):
    """One article's people fact about a person. The table keeps them as plain tuples in this layout
    (a million of them are made per 100k articles; a named tuple costs several times more to make):
    profiles read them through ``Sighting._make``."""

    doc: int  # position in the table's analyses
    fact: int  # index of the people fact in that analysis's facts
    date: str | None
    roles: tuple[str, ...]
    bodies: tuple[str, ...]  # body keys of the roles
    orgs: tuple[str, ...]  # the organisation entities of the roles, as the extraction gave them
    sort_date: str  # date or "": sightings are kept in (sort_date, doc) order
    name: str  # the name as this article spells it


@dataclass(frozen=True, slots=True)
class PersonRow:
    name: str
    key: str
    articles: int
    first: str | None
    last: str | None
    role: str  # the latest role seen ("" when none): tells namesakes apart in the list
    sightings: tuple[tuple, ...]  # ``Sighting`` layout, by date


@dataclass(frozen=True, slots=True)
class ArticleRef:
    doc: int
    id: str
    title: str
    date: str | None


class ArticleRefs(Sequence[ArticleRef]):
    """A profile's articles, in order, each read from the table's analyses when asked for: the
    screen shows the first few of a federation's thousands (and after a warm open every read goes
    to the cache); the headless commands list them all."""

    __slots__ = ("_analyses", "_dated")

    def __init__(self, analyses: Sequence[Analysis], dated: Sequence[tuple[int, str | None]]) -> None:
        self._analyses = analyses
        self._dated = dated  # (doc, date) in the order listed

    def __len__(self) -> int:
        return len(self._dated)

    def _ref(self, doc: int, date: str | None) -> ArticleRef:
        article = self._analyses[doc].article
        return ArticleRef(doc, article.id, article.title, date)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self._ref(*dd) for dd in self._dated[i])
        return self._ref(*self._dated[i])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ArticleRefs({len(self)} articles)"


@dataclass(frozen=True, slots=True)
class RoleSpan:
    title: str
    body: str
    first: str | None
    last: str | None
    docs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PersonProfile:
    name: str
    articles: Sequence[ArticleRef]  # newest first
    roles: tuple[RoleSpan, ...]  # earliest first
    actions: tuple[tuple[str, int], ...]  # (action, articles), most first
    organisations: tuple[tuple[str, int], ...]  # named in their latest ORGS_SCANNED articles, most first
    first: str | None
    last: str | None


def analysis_date(analysis: Analysis) -> str | None:
    return analysis.date or analysis.article.published


@lru_cache(maxsize=131072)
def role_parts(roles: tuple[str, ...], titles: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(title, body, body key) of each role, given the role titles the article found (people holding
    one office are written the same way again and again: cached)."""
    out = []
    for role in roles:
        title, body = split_role(role, titles)
        out.append((title, body, org_key(body) if body else ""))
    return tuple(out)


@lru_cache(maxsize=131072)
def bodies_of(roles: tuple[str, ...], titles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key for _, _, key in role_parts(roles, titles) if key)


def fact_titles(analysis: Analysis, fact: Fact) -> tuple[str, ...]:
    entities = analysis.entities
    return tuple(entities[i].text for i in fact.entities if i < len(entities) and entities[i].type == "role")


_DOC, _FACT, _DATE, _BODIES, _ORGS = 0, 1, 2, 4, 5  # fields of a ``Sighting`` tuple read where it is not named


class _Group:
    """Sightings of one person within a name."""

    __slots__ = ("bodies", "sightings")

    def __init__(self) -> None:
        self.bodies: set[str] = set()
        self.sightings: list[Sighting] = []


class _Groups:
    """The groups of one name, indexed by body and by the shorter forms of the bodies, so that
    placing a sighting costs a few lookups however many namesakes there are (a bare given name such as
    "Thành" gathers thousands of sightings at hundreds of bodies)."""

    def __init__(self) -> None:
        self.owner: dict[str, _Group] = {}  # body key -> its group
        self.org_owner: dict[str, _Group] = {}  # organisation entity of a role -> its group
        self.starting: dict[str, set[_Group]] = {}  # shorter form -> groups with a body it begins
        self.all: list[_Group] = []

    def exact(self, bodies: tuple[str, ...]) -> list[_Group]:
        return list({id(g): g for b in bodies if (g := self.owner.get(b)) is not None}.values())

    def near(self, bodies: tuple[str, ...]) -> list[_Group]:
        """Groups ``keys.same_body`` relates to these bodies (one is a shorter form of the other)."""
        found: dict[int, _Group] = {}
        for b in bodies:
            for g in self.starting.get(b, ()):
                found[id(g)] = g
            for short in short_forms(b):
                g = self.owner.get(short)
                if g is not None:
                    found[id(g)] = g
        return list(found.values())

    def named(self, orgs: frozenset[str]) -> list[_Group]:
        """Groups holding a role at one of these organisations (entity values of an article)."""
        owner = self.org_owner
        if len(owner) < len(orgs):  # (the same groups, found from the smaller side)
            return list({id(g): g for o, g in owner.items() if o in orgs}.values())
        return list({id(g): g for o in orgs if (g := owner.get(o)) is not None}.values())

    def add(self, group: _Group, s: tuple) -> None:
        group.sightings.append(s)
        for org in s[_ORGS]:
            self.org_owner[org] = group
        for body in s[_BODIES]:
            if body not in group.bodies:
                group.bodies.add(body)
                self.owner[body] = group
                for short in short_forms(body):
                    self.starting.setdefault(short, set()).add(group)

    def merge(self, into: _Group, other: _Group) -> None:
        for org, owner in self.org_owner.items():
            if owner is other:
                self.org_owner[org] = into
        into.sightings += other.sightings
        for body in other.bodies:
            into.bodies.add(body)
            self.owner[body] = into
            for short in short_forms(body):
                holders = self.starting[short]
                holders.discard(other)
                holders.add(into)
        self.all.remove(other)


def cluster(sightings: list[tuple], mentioned) -> list[list[tuple]]:
    """One name's sightings (``Sighting`` layout) split into the people who bear it (module docstring)."""
    distinct = {s[_BODIES] for s in sightings}
    if len(distinct) == 1 or (len(distinct) == 2 and () in distinct):
        return [sightings]  # one body (or none) and bare mentions: one person, as below
    groups = _Groups()
    loose: list[tuple] = []
    # Bodies placed in a group stay together in one group (merges move all of a group's bodies), so a
    # sighting with the same bodies again joins that group: no need to look the groups up again.
    placed: set[tuple[str, ...]] = set()
    longest = {bodies: -max(map(len, bodies), default=0) for bodies in distinct}
    # Full body names first, so that a short form ("Công đoàn Công ty") meets the groups it could
    # belong to and joins one only when it fits exactly one.
    for s in sorted(sightings, key=lambda s: longest[s[_BODIES]]):
        bodies = s[_BODIES]
        if not bodies:
            loose.append(s)
            continue
        if bodies in placed:
            group = groups.owner[bodies[0]]
            group.sightings.append(s)
            for org in s[_ORGS]:
                groups.org_owner[org] = group
            continue
        hits = groups.exact(bodies)
        if not hits:
            hits = groups.near(bodies)
            if len(hits) > 1:
                loose.append(s)  # a short form that fits several namesakes: decided like a bare name
                continue
        if not hits:
            hits = [_Group()]
            groups.all.append(hits[0])
        for other in hits[1:]:
            groups.merge(hits[0], other)
        groups.add(hits[0], s)
        placed.add(bodies)
    if len(groups.all) <= 1:
        groups.all[0].sightings.extend(loose)
        return [groups.all[0].sightings]
    alone: list[tuple] = []
    for s in loose if groups.org_owner else ():  # (no group's role names an organisation: none fits)
        fits = groups.named(mentioned(s[_DOC]))
        if len(fits) == 1:
            fits[0].sightings.append(s)
        else:
            alone.append(s)
    if not groups.org_owner:
        alone = loose
    out = [g.sightings for g in groups.all]
    if alone:
        out.append(alone)
    return out


class PeopleTable(Listing):
    """Every person of ``analyses``; rows in no particular order (see ``order``)."""

    def __init__(self, analyses: Sequence[Analysis], rows: Sequence[PersonRow]) -> None:
        self.analyses = analyses
        self.rows = tuple(rows)
        self._init_listing()

    def profile(self, row: int) -> PersonProfile:
        r = self.rows[row]
        analyses = self.analyses
        roles: dict[tuple[str, str], list[Sighting]] = {}
        shown_title: dict[tuple[str, str], str] = {}
        shown_body: dict[tuple[str, str], str] = {}
        actions: Counter[str] = Counter()
        orgs: Counter[str] = Counter()
        org_names: dict[str, str] = {}
        # The organisations beside a person are counted in their latest articles only: a common name
        # can have thousands, and the profile is made while the user waits.
        newest = {s[_DOC] for s in r.sightings[-ORGS_SCANNED:]}
        for s in map(Sighting._make, r.sightings):
            analysis = analyses[s.doc]
            fact = analysis.facts[s.fact]
            for title, body, body_key in role_parts(s.roles, fact_titles(analysis, fact)):
                k = (display_form(title).casefold(), body_key)
                roles.setdefault(k, []).append(s)
                if body and _fullness(body) > _fullness(shown_body.get(k, "")):
                    shown_body[k] = body
                shown_title.setdefault(k, display_form(title))
            value = fact.value if isinstance(fact.value, dict) else {}
            actions.update(set(value.get("actions", ())))
            if s.doc not in newest:
                continue
            seen: set[str] = set()
            for e in analysis.entities:
                if e.type == "organization":
                    name = e.value if isinstance(e.value, str) and e.value else e.text
                    k = org_key(name)
                    if k not in seen:
                        seen.add(k)
                        orgs[k] += 1
                        org_names.setdefault(k, display_form(name))
        spans = []
        for k, seen_in in roles.items():
            dates = sorted(s.date for s in seen_in if s.date)
            spans.append(RoleSpan(shown_title[k], display_form(shown_body.get(k, "")),
                                  dates[0] if dates else None, dates[-1] if dates else None,
                                  tuple(dict.fromkeys(s.doc for s in seen_in))))
        spans.sort(key=lambda sp: (sp.first or "", sp.last or "", sp.title))
        docs = sorted({s[_DOC]: s[_DATE] for s in r.sightings}.items(), key=lambda dd: (newest_first(dd[1]), dd[0]))
        articles = ArticleRefs(analyses, docs)
        return PersonProfile(
            r.name, articles, tuple(spans),
            tuple(sorted(actions.items(), key=lambda ac: (-ac[1], ac[0]))),
            tuple((org_names[k], n) for k, n in sorted(orgs.items(), key=lambda kn: (-kn[1], kn[0]))),
            r.first, r.last,
        )

    def docs_of(self, row: int) -> tuple[int, ...]:
        return tuple(dict.fromkeys(s[_DOC] for s in self.rows[row].sightings))

    def seen_in(self, row: int, most: int | None = None) -> list[tuple[int, int]]:
        """The (article, people fact) pairs of the row (``most`` of them, spread over its dates, when
        given): namesakes are told apart by them (``identity``)."""
        sightings = self.rows[row].sightings
        if most is not None and len(sightings) > most:
            sightings = sightings[:: -(-len(sightings) // most)]
        return [(s[_DOC], s[_FACT]) for s in sightings]


def _fullness(name: str) -> tuple[int, int]:
    """The body spelling shown: the one with most diacritics, then the longest (written out)."""
    return diacritic_weight(name), len(name)
