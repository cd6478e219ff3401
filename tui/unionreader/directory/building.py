"""Building the people and organisation tables in two steps: ``add`` scans each article once into
plain tuples and counters (it can run per loading batch, so the scan is done when loading ends), and
``table`` groups what was scanned into rows (names split into namesakes, dates, counts). A table
leaves out the articles it is told are retired (their file changed or went since the scan was saved:
see ``saved``), as if they had never been added.

The scan is the part that grows with the archive (a million people facts and ten million entities
at 100k articles): it makes no objects but tuples, and counts each organisation spelling once per
article. The merging rules are those of ``people`` and ``orgs``; the tables are the same whether the
articles were added at once or in batches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Generic, TypeVar

from ..extract.models import Analysis
from ..gc_pacing import collector_paused
from .keys import diacritic_weight, display_form, org_key, person_key
from .orgs import OrgRow, OrgTable
from .people import PeopleTable, PersonRow, bodies_of, cluster

TableT = TypeVar("TableT")

_BY_DATE_THEN_DOC = itemgetter(6, 0)  # (date or "", doc) of a sighting tuple (see ``people.Sighting``)


class _Builder(Generic[TableT]):
    """What both builders share: a scan per ``add`` and a grouping per ``table``, each with the cyclic
    collector paused (it would walk the growing tuples again and again).

    A builder keeps no analysis: only the tuples its table needs. ``table`` is given the analyses
    added (a sequence in the order added, which may read them from the cache when asked): a profile
    reads the articles of its row when it is shown."""

    def __init__(self) -> None:
        self._added = 0

    def __len__(self) -> int:
        return self._added

    def add(self, analyses: Iterable[Analysis]) -> None:
        with collector_paused():
            self._scan(analyses)

    def table(self, analyses: Sequence[Analysis], retired: AbstractSet[int] = frozenset()) -> TableT:
        """The table of the articles added so far but ``retired``; ``analyses`` are those articles, in
        the order added."""
        if len(analyses) < self._added:
            raise ValueError(f"{len(analyses)} analyses given for a table of {self._added} articles")
        with collector_paused():
            return self._table(analyses, retired)

    def table_of(self, analyses: Sequence[Analysis], rows: tuple) -> TableT:
        """The table of every article added, given the rows ``table`` made of them (saved with the scan)."""
        raise NotImplementedError

    def _scan(self, analyses: Iterable[Analysis]) -> None:
        raise NotImplementedError

    def _table(self, analyses: Sequence[Analysis], retired: AbstractSet[int]) -> TableT:
        raise NotImplementedError


class PeopleBuilder(_Builder[PeopleTable]):
    """The people of the articles added so far; ``table`` lists them."""

    def __init__(self) -> None:
        super().__init__()
        self._by_key: dict[str, list[tuple]] = {}  # name key -> sightings (``people.Sighting`` layout)
        self._names: dict[str, str] = {}  # name key -> its fullest spelling
        self._spelt: dict[str, str] = {}  # one object per spelling (sightings keep theirs)
        # Per article, the organisations it names (entity values): namesakes' bare mentions are placed
        # by them (see ``people.cluster``). One spelling object per value, shared across articles.
        self._orgs_named: list[tuple[str, ...]] = []
        self._org_values: dict[str, str] = {}

    def _scan(self, analyses: Iterable[Analysis]) -> None:
        by_key, names, orgs_named, org_values = self._by_key, self._names, self._orgs_named, self._org_values
        spelt = self._spelt
        doc = self._added
        for analysis in analyses:
            named = {e.value for e in analysis.entities if e.type == "organization" and isinstance(e.value, str)}
            orgs_named.append(tuple([org_values.setdefault(v, v) for v in named]) if named else ())
            date = analysis.date or analysis.article.published
            sort_date = date or ""
            entities = analysis.entities
            for at, fact in enumerate(analysis.facts):
                if fact.kind != "people":
                    continue
                value = fact.value
                if not isinstance(value, dict):
                    continue
                name = value.get("name") or fact.label
                key = person_key(name)
                if not key:
                    continue
                name = spelt.setdefault(name, name)
                roles = value.get("roles")
                if roles:
                    roles = tuple(roles)
                    titles = []
                    orgs = []
                    for i in fact.entities:
                        e = entities[i]
                        if e.type == "role":
                            titles.append(e.text)
                        elif e.type == "organization" and isinstance(e.value, str):
                            orgs.append(e.value)
                    bodies = bodies_of(roles, tuple(titles))
                    orgs = tuple(orgs)
                else:
                    roles = bodies = orgs = ()
                # A plain tuple (``people.Sighting`` layout): a named one costs several times more to make.
                sighting = (doc, at, date, roles, bodies, orgs, sort_date, name)
                sightings = by_key.get(key)
                if sightings is None:
                    by_key[key] = [sighting]
                    names[key] = name
                    continue
                sightings.append(sighting)
                shown = names[key]
                if shown != name and diacritic_weight(name) > diacritic_weight(shown):
                    names[key] = name
            doc += 1
        self._added = doc

    def _table(self, analyses: Sequence[Analysis], retired: AbstractSet[int]) -> PeopleTable:
        orgs_named = self._orgs_named
        mentioned_cache: dict[int, frozenset[str]] = {}

        def mentioned(doc: int) -> frozenset[str]:
            """The organisations an article names, as entity values (asked only for namesakes' bare
            mentions; compared with the organisation entities of the groups' roles)."""
            found = mentioned_cache.get(doc)
            if found is None:
                found = mentioned_cache[doc] = frozenset(orgs_named[doc])
            return found

        rows = []
        names = self._names
        for key, sightings in self._by_key.items():
            if retired:
                kept = [s for s in sightings if s[0] not in retired]
                if not kept:
                    continue
                # The fullest spelling of the articles kept: the first of most diacritics, as in ``_scan``.
                shown = names[key] if len(kept) == len(sightings) else max(kept, key=_SPELLING_WEIGHT)[7]
            else:
                kept, shown = sightings[:], names[key]  # (a copy: more articles may be added later)
            name = display_form(shown)
            for group in cluster(kept, mentioned):
                rows.append(_person_row(name, key, group))
        return PeopleTable(analyses, rows)

    def table_of(self, analyses: Sequence[Analysis], rows: tuple) -> PeopleTable:
        return PeopleTable(analyses, rows)


def _SPELLING_WEIGHT(sighting: tuple) -> int:
    return diacritic_weight(sighting[7])


def _person_row(name: str, key: str, sightings: list[tuple]) -> PersonRow:
    if len(sightings) == 1:  # most names of a large archive are seen once
        s = sightings[0]
        return PersonRow(name, key, 1, s[2] or None, s[2], s[3][0] if s[3] else "", (s,))
    sightings.sort(key=_BY_DATE_THEN_DOC)
    last = sightings[-1][2]  # undated sightings sort first: None when none is dated
    first = next(s[2] for s in sightings if s[2]) if last else None
    role = next((s[3][0] for s in reversed(sightings) if s[3]), "")
    docs = len({s[0] for s in sightings})
    return PersonRow(name, key, docs, first, last, role, tuple(sightings))


class OrgBuilder(_Builder[OrgTable]):
    """The organisations of the articles added so far; ``table`` lists them."""

    def __init__(self) -> None:
        super().__init__()
        self._dates: list[str | None] = []
        self._seen: dict[str, list[int]] = {}  # body key -> docs naming it
        self._held: dict[str, list[int]] = {}  # body key -> docs whose event it organised
        self._spellings: dict[str, Counter[str]] = {}
        # Per article, what it added to the spellings' counts: (key, spelling, times, key, …) flat, so
        # that a retired article's share can be taken off again.
        self._written: list[tuple] = []

    def _scan(self, analyses: Iterable[Analysis]) -> None:
        dates, seen, held, spellings, shares = self._dates, self._seen, self._held, self._spellings, self._written
        share: list = []

        def mention(key: str, doc: int, times: int, *written: str) -> None:
            for name in written:
                share.extend((key, name, times))
            in_docs = seen.get(key)
            if in_docs is None:
                seen[key] = [doc]
                spellings[key] = Counter(dict.fromkeys(written, times))
                return
            if in_docs[-1] != doc:
                in_docs.append(doc)
            counts = spellings[key]
            for name in written:
                counts[name] = counts.get(name, 0) + times

        doc = self._added
        for analysis in analyses:
            share = []
            dates.append(analysis.date or analysis.article.published)
            # Each spelling once per article with its count: an article names its bodies again and again.
            written: dict[tuple[str, str], int] = {}
            for e in [e for e in analysis.entities if e.type == "organization"]:
                value = e.value
                pair = (value if isinstance(value, str) and value else e.text, e.text)
                written[pair] = written.get(pair, 0) + 1
            for (name, text), times in written.items():
                key = org_key(name)
                if key:
                    mention(key, doc, times, name) if name == text else mention(key, doc, times, name, text)
            organiser = analysis.organiser
            if organiser:
                key = org_key(organiser)
                if key:
                    mention(key, doc, 1, organiser)
                    held.setdefault(key, []).append(doc)
            shares.append(tuple(share))
            doc += 1
        self._added = doc

    def _table(self, analyses: Sequence[Analysis], retired: AbstractSet[int]) -> OrgTable:
        dates = self._dates
        rows = []
        spellings = {}
        taken_off = self._retired_shares(retired)
        for key, in_docs in self._seen.items():
            gone = taken_off.get(key)
            if gone is not None:
                in_docs = [d for d in in_docs if d not in retired]
                if not in_docs:
                    continue
            known = [d for d in map(dates.__getitem__, in_docs) if d]
            counts = spellings[key] = self._spellings[key].copy()  # (more articles may be added later)
            if gone is not None:
                counts.subtract(gone)
                for spelling in [s for s, n in counts.items() if n <= 0]:
                    del counts[spelling]
            shown = max(counts, key=lambda s, counts=counts: (diacritic_weight(s) > 0, counts[s], len(s), s))
            rows.append(OrgRow(display_form(shown), key, len(in_docs), min(known) if known else None,
                               max(known) if known else None, tuple(in_docs), self._held_by(key, retired)))
        return OrgTable(analyses, rows, spellings, self._dates)  # (dates of later articles: not asked)

    def table_of(self, analyses: Sequence[Analysis], rows: tuple) -> OrgTable:
        spellings = {key: counts.copy() for key, counts in self._spellings.items()}  # (as ``_table`` does)
        return OrgTable(analyses, rows, spellings, self._dates)

    def _held_by(self, key: str, retired: AbstractSet[int]) -> tuple[int, ...]:
        docs = self._held.get(key, ())
        return tuple(d for d in docs if d not in retired) if retired else tuple(docs)

    def _retired_shares(self, retired: AbstractSet[int]) -> dict[str, Counter[str]]:
        """Body key -> the spelling counts the ``retired`` articles added to it."""
        out: dict[str, Counter[str]] = {}
        written = self._written
        for doc in retired:
            if doc >= len(written):
                continue
            share = written[doc]
            for i in range(0, len(share), 3):
                key, name, times = share[i : i + 3]
                counts = out.get(key)
                if counts is None:
                    counts = out[key] = Counter()
                counts[name] += times
        return out
