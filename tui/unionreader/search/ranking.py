"""Matching and ranking a parsed query against the index's postings.

Ranking is lexicographic, as in Meilisearch: more query clauses matched first (partial matches are
only shown when nothing matches them all), then fewer typos, then a soft score made of the adjacency
of consecutive query syllables (Vietnamese words span syllables: "công đoàn"), title and entity
matches, exact diacritics and BM25. Equal scores keep a stable order: newest first.

Adjacency holds between every form of consecutive query words: a typed word's expansions (typo
corrections, completions) and an abbreviation's written-out form ("ldld tinh" is found adjacent in
"LĐLĐ tỉnh" and in "Liên đoàn Lao động tỉnh"). Title and entity bonuses count in proportion to the
share of the query's words they cover: together they stay below one adjacent pair, so a whole name
found adjacent beats a partial one in a title.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Protocol

import numpy as np

from .aliases import written_out_run
from .postings import PostingSet
from .query import Alternative, Clause, Filter, ParsedQuery, Term
from .ranking_order import MATCHED_TIER, TYPO_TIER, rank_candidates

__all__ = ["Ranker", "RankingSource"]


class RankingSource(Protocol):
    """What the ranker reads from the index, all read-only (``SearchIndex`` is one)."""

    @property
    def terms(self) -> PostingSet: ...
    @property
    def pairs(self) -> PostingSet: ...
    @property
    def exact(self) -> PostingSet: ...
    @property
    def titles(self) -> PostingSet: ...
    @property
    def fields(self) -> Mapping[str, Mapping[str, object]]: ...
    def __len__(self) -> int: ...
    def df(self, term_id: int) -> int: ...
    def expand(self, term: Term) -> list[tuple[int, int, bool]]: ...
    def term(self, term_id: int) -> str: ...
    def term_id(self, folded: str) -> int | None: ...
    def exact_id(self, form: str) -> int | None: ...
    def field_docs(self, name: str, value: str) -> np.ndarray: ...
    def field_match(self, name: str, folded: str) -> np.ndarray: ...
    def doc_lengths(self) -> np.ndarray: ...
    def date_numbers(self) -> np.ndarray: ...

# An alternative's first and last term ids (each: its expansions), and whether it is an abbreviation
# written out (a pair through it says the query in other words: a little less than as typed).
Ends = tuple[list[int], list[int], bool]

K1, B = 1.2, 0.75
PAIR_BONUS = 6.0  # per adjacent query pair found adjacent in the text
TITLE_BONUS = 3.0
ENTITY_BONUS = 2.0
EXACT_BONUS = 1.0  # the term was typed with diacritics and the doc has that exact spelling
COMPLETION_PENALTY = 0.5  # a completion of the word being typed, versus the word itself
EXPANSION_PENALTY = 0.5  # an abbreviation found written out, versus as typed
# Title and entity bonuses averaged over the query's words, at most (several expansions, person and
# organisation may add up): below one pair of adjacent words.
_BOOST_CAP = TITLE_BONUS + ENTITY_BONUS
_PAIR_SHIFT = 26
_EXPANSIONS_FOR_PAIRS = (3, 10)
_CACHE_SIZE = 24  # clause-prefix results kept (a few dense arrays of corpus size each)
_BOOSTED_EXPANSIONS = 4  # title / entity bonuses are looked up for the best few expansions only
_CACHE_BYTES = 160_000_000  # per-term and per-pair arrays kept across keystrokes
_DENSE_SHARE = 16  # a term in more than 1/16 of the docs is kept as whole per-doc arrays


class _TermData:
    """What one term contributes to a clause, computed once while the index is unchanged: its docs
    and BM25 per doc, sparse; or, for a term in many docs, as whole per-doc arrays, which masked
    copies handle faster than scattering that many doc ids."""

    __slots__ = ("dense", "docs", "nbytes", "present", "score")

    def __init__(self, docs: np.ndarray, score: np.ndarray, n: int) -> None:
        self.docs = self.score = self.present = self.dense = None
        if len(docs) * _DENSE_SHARE > n:
            self.present = np.zeros(n, dtype=bool)
            self.present[docs] = True
            self.dense = np.zeros(n, dtype=np.float32)
            self.dense[docs] = score
            self.nbytes = 5 * n
        else:
            self.docs = docs.astype(np.intp)  # numpy indexes with intp without converting
            self.score = score
            self.nbytes = self.docs.nbytes + score.nbytes


class _LRU:
    """Arrays computed from the postings, kept while the index does not change, up to a byte budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[object, tuple[object, int]] = OrderedDict()

    def get(self, key: object):
        item = self.items.get(key)
        if item is None:
            return None
        self.items.move_to_end(key)
        return item[0]

    def put(self, key: object, value: object, nbytes: int) -> None:
        self.items[key] = (value, nbytes)
        self.used += nbytes
        while self.used > self.budget and len(self.items) > 1:
            _, (_, size) = self.items.popitem(last=False)
            self.used -= size

    def clear(self) -> None:
        self.items.clear()
        self.used = 0


class _ClauseMatch:
    __slots__ = ("docs", "fresh", "has_typos", "score", "typos")

    def __init__(self, n: int) -> None:
        self.docs = np.zeros(n, dtype=bool)
        self.score = np.zeros(n, dtype=np.float32)
        self.typos = np.full(n, 255, dtype=np.uint8)
        self.has_typos = False  # some doc matched through a typo correction
        self.fresh = True  # no alternative has matched yet


class _Union:
    """A query word's expansions and, per doc, the score and typos of the best one it holds (typos
    255: none)."""

    __slots__ = ("expansions", "has_typos", "score", "typos")

    def __init__(self, n: int, expansions: list[tuple[int, int, bool]]) -> None:
        self.expansions = expansions
        self.score = np.zeros(n, dtype=np.float32)
        self.typos = np.full(n, 255, dtype=np.uint8)
        self.has_typos = False

    @property
    def nbytes(self) -> int:
        return self.score.nbytes + self.typos.nbytes


class Ranker:
    def __init__(self, index: RankingSource) -> None:
        self.index = index
        self._norm = np.zeros(0, dtype=np.float32)
        self._date_pos = np.zeros(0, dtype=np.int64)
        self._by_date = np.zeros(0, dtype=np.int64)
        self._cache: dict[tuple[Clause, ...], tuple] = {}
        self._arrays = _LRU(_CACHE_BYTES)
        self._titles: dict[int, np.ndarray] = {}

    def refresh(self) -> None:
        self._cache.clear()
        self._arrays.clear()
        self._titles.clear()
        ix = self.index
        n = len(ix)
        lengths = ix.doc_lengths().astype(np.float32)
        avg = float(lengths.mean()) if n else 1.0
        self._norm = (K1 * (1 - B + B * lengths / max(avg, 1.0))).astype(np.float32)
        # Newest first, then insertion order: rank 1.0 is the first doc to show.
        dates = ix.date_numbers()
        order = np.lexsort((-np.arange(n), dates))
        self._by_date = order[::-1].copy()
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        self._date_pos = position  # 0 for the oldest doc, n - 1 for the newest

    # --- postings of one clause -----------------------------------------------------------------

    def _term(self, term_id: int) -> _TermData:
        """The term's docs and BM25 per doc, computed once per index state."""
        cached = self._arrays.get(term_id)
        if cached is None:
            docs, tf = self.index.terms.get(term_id)
            cached = _TermData(docs, self._bm25(term_id, docs, tf), len(self.index))
            self._arrays.put(term_id, cached, cached.nbytes)
        return cached

    def _bm25(self, term_id: int, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        n = len(self.index)
        df = self.index.df(term_id)
        idf = np.float32(np.log1p((n - df + 0.5) / (df + 0.5)))
        tf = tf.astype(np.float32)
        score = tf * np.float32(K1 + 1)
        score /= tf + self._norm[docs]
        score *= idf
        return score

    def _title_docs(self, term_id: int) -> np.ndarray:
        """The docs with the term in their title: ids, or a per-doc mask when they are many."""
        docs = self._titles.get(term_id)
        if docs is None:  # all title postings together are small: kept without a budget
            docs = self.index.titles.get(term_id)[0]
            n = len(self.index)
            if len(docs) * _DENSE_SHARE > n:
                mask = np.zeros(n, dtype=bool)
                mask[docs] = True
                docs = mask
            self._titles[term_id] = docs = docs.astype(np.intp) if docs.dtype != bool else docs
        return docs

    def _pair_bonus(self, left: int, right: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | np.ndarray:
        """Docs where term ``left`` is directly followed by ``right``: (those where it happens once,
        the others, their adjacency bonus), computed once per index state; for a pair in many docs,
        the bonus per doc as one whole array (0 elsewhere), which a maximum merges faster."""
        key = ("pair", left, right)
        cached = self._arrays.get(key)
        if cached is None:
            docs, counts = self.index.pairs.get((left << _PAIR_SHIFT) | right)
            once = counts == 1
            more = np.flatnonzero(~once)
            bonus = np.float32(PAIR_BONUS) + np.log1p(counts[more].astype(np.float32))
            n = len(self.index)
            if len(docs) * _DENSE_SHARE > n:
                cached = np.zeros(n, dtype=np.float32)
                cached[docs[once]] = np.float32(PAIR_BONUS + np.log1p(1.0))
                cached[docs[more]] = bonus
                size = cached.nbytes
            else:
                cached = (docs[once].astype(np.intp), docs[more].astype(np.intp), bonus)
                size = sum(a.nbytes for a in cached)
            self._arrays.put(key, cached, size)
        return cached

    def _single(self, alt: Alternative, m: _ClauseMatch, matched: set[str], boost: np.ndarray) -> list[int]:
        """Each doc takes the score and typos of the best expansion (the first listed) it contains.

        The union is made once per query word and kept (the same words come back keystroke after
        keystroke, and in the next queries); the title and entity bonuses are added each time."""
        ix = self.index
        term = alt.terms[0]
        key = ("single", term.folded, term.fuzzy, term.prefix)
        union = self._arrays.get(key)
        if union is None:
            union = self._union(term)
            self._arrays.put(key, union, union.nbytes)
        if m.fresh:
            m.score = union.score.copy()
            m.typos = union.typos.copy()
        else:  # another alternative of the clause matched before: this one's docs take this one's
            found = union.typos != 255
            m.score = np.where(found, union.score, m.score)
            m.typos = np.where(found, union.typos, m.typos)
        m.fresh = False
        m.has_typos |= union.has_typos
        for rank, (tid, typos, completion) in enumerate(union.expansions):
            if not ix.df(tid):
                continue
            word = ix.term(tid)
            matched.add(word)
            if rank < _BOOSTED_EXPANSIONS:
                share = 1.0 / (1 + typos + completion)
                titles = self._title_docs(tid)
                if titles.dtype == bool:
                    boost += titles * np.float32(TITLE_BONUS * share)
                else:
                    boost[titles] += TITLE_BONUS * share
                for name in ("person", "org"):
                    if word in ix.fields[name]:
                        boost[ix.field_docs(name, word)] += ENTITY_BONUS * share
        m.docs = m.typos != 255
        if term.exact:
            eid = ix.exact_id(term.exact)
            if eid is not None:
                m.score[ix.exact.get(eid)[0]] += EXACT_BONUS
        return [tid for tid, _, _ in union.expansions]

    def _union(self, term: Term) -> _Union:
        """Best first: the first expansion is scored in full (and cached: the next keystroke usually
        has it too); each later one only for the docs that no better expansion covered, which for
        the completions of a short prefix is a small remainder."""
        ix = self.index
        n = len(ix)
        m = _Union(n, ix.expand(term))
        covered = np.zeros(n, dtype=bool)
        left = n  # docs no expansion covered yet
        uncovered: np.ndarray | None = None  # their ids, once few
        for tid, typos, completion in m.expansions:
            df = ix.df(tid)
            if not df or not left:
                continue
            penalty = np.float32(COMPLETION_PENALTY if completion else 0.0)
            data = self._term(tid) if left == n else self._arrays.get(tid)  # the first: in full
            if data is not None and data.dense is not None:  # whole-array masked copies
                new = data.present & ~covered if left < n else data.present
                # Blends by arithmetic: masked numpy operations are several times slower.
                blend = data.dense - penalty
                blend -= m.score
                blend *= new
                m.score += blend
                m.typos -= (m.typos - np.uint8(typos)) * new  # (uint8 arithmetic wraps back)
                m.has_typos |= bool(typos)
                covered |= new
                left = n - int(np.count_nonzero(covered))
                uncovered = None
            else:
                cached = data
                all_docs, values = (cached.docs, cached.score) if cached is not None else ix.terms.get(tid)
                if left * 16 < len(all_docs):  # look the few uncovered docs up in this term's docs
                    if uncovered is None:
                        uncovered = np.flatnonzero(~covered)
                    at = np.minimum(np.searchsorted(all_docs, uncovered), len(all_docs) - 1)
                    hit = all_docs[at] == uncovered
                    new = at[hit]
                    uncovered = uncovered[~hit]
                elif left < n:  # test each of this term's docs
                    new = np.flatnonzero(~covered[all_docs])
                    uncovered = None
                else:
                    new = slice(None)
                docs = all_docs[new].astype(np.intp, copy=False)
                score = values[new] if cached is not None else self._bm25(tid, docs, values[new])
                if len(docs):
                    left -= len(docs)
                    covered[docs] = True
                    m.score[docs] = score - penalty
                    m.typos[docs] = typos
                    m.has_typos |= bool(typos)
        return m

    def _phrase(self, alt: Alternative, m: _ClauseMatch, matched: set[str]) -> list[int] | None:
        """Docs where the terms follow each other; returns the term ids (None if one is unknown).

        A typed phrase scores its adjacent pairs and its terms' BM25; an abbreviation's expansion
        stands for one typed word: its terms' mean BM25, less than the abbreviation as typed."""
        ix = self.index
        ids = [ix.term_id(t.folded) for t in alt.terms]
        if any(i is None for i in ids):
            return None
        key = ("phrase", *ids)
        found = self._arrays.get(key)
        if found is None:
            found = self._phrase_docs(ids)
            self._arrays.put(key, found, sum(a.nbytes for a in found))
        docs, adjacency, bm25 = found
        if len(docs):
            if alt.expansion:
                score = bm25 * np.float32(1 / len(ids)) - np.float32(EXPANSION_PENALTY)
            else:
                score = adjacency + bm25 + np.float32(PAIR_BONUS * (len(ids) - 1))
            matched.update(ix.term(tid) for tid in ids)
            m.score[docs] = np.where(m.docs[docs], np.maximum(m.score[docs], score), score)
            m.typos[docs] = 0
            m.docs[docs] = True
            m.fresh = False
        return ids

    def _phrase_docs(self, ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(docs, adjacency, summed BM25) of the docs where the terms follow each other."""
        ix = self.index
        n = len(ix)
        nothing = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32))
        docs = adjacency = None
        for a, b in pairwise(ids):
            pair_docs, counts = ix.pairs.get((a << _PAIR_SHIFT) | b)
            if docs is None:
                docs, adjacency = pair_docs.astype(np.intp), np.log1p(counts.astype(np.float32))
            else:
                mask = np.zeros(n, dtype=bool)
                mask[pair_docs] = True
                keep = np.flatnonzero(mask[docs])
                docs, adjacency = docs[keep], adjacency[keep]
            if not len(docs):
                return nothing
        if docs is None:
            return nothing
        score = np.zeros(len(docs), dtype=np.float32)
        for tid in ids:
            data = self._term(tid)
            if data.dense is not None:
                score += data.dense[docs]
            else:
                scratch = np.zeros(n, dtype=np.float32)
                scratch[data.docs] = data.score
                score += scratch[docs]
        return docs, adjacency, score

    def _clause(self, clause: Clause, matched: set[str], boost: np.ndarray) -> tuple[_ClauseMatch, list[Ends]]:
        """The clause's match per doc, and the ends of each of its alternatives (for adjacency)."""
        m = _ClauseMatch(len(self.index))
        ends: list[Ends] = []
        for alt in clause.alternatives:
            if alt.phrase:
                ids = self._phrase(alt, m, matched)
                if ids:
                    ends.append(([ids[0]], [ids[-1]], alt.expansion))
            elif len(alt.terms) == 1:
                got = self._single(alt, m, matched, boost)
                ends.append((got, got, False))
            else:  # several words as one alternative, all of them needed (not next to each other)
                sub = [self._clause(Clause((Alternative((t,)),)), matched, boost) for t in alt.terms]
                docs = np.logical_and.reduce([s.docs for s, _ in sub])
                score = sum(s.score for s, _ in sub) * docs
                m.score = np.where(docs, np.maximum(m.score, score), m.score)
                m.typos = np.where(docs, np.minimum(m.typos, np.max([s.typos for s, _ in sub], axis=0)), m.typos)
                m.docs |= docs
                m.has_typos |= any(s.has_typos for s, _ in sub)
                m.fresh = False
                ends.append((sub[0][1][0][0], sub[-1][1][0][1], alt.expansion))
        return m, ends

    def _adjacency(self, left: list[Ends], right: list[Ends]) -> np.ndarray:
        """Bonus for docs where some form of the previous query word (any alternative's last term, of
        its best expansions) is directly followed by some form of this one (any alternative's first
        term): the best over those pairs. A pair found once gives the smallest bonus, the same for
        all: plain writes do for those, before the larger bonuses are merged in with a maximum."""
        best = np.zeros(len(self.index), dtype=np.float32)
        once = np.float32(PAIR_BONUS + np.log1p(1.0))
        more = []
        dense: list[np.ndarray] = []
        pairs: dict[tuple[int, int], bool] = {}  # (left, right) → through a written-out form only
        for _, lasts, left_other in left:
            for a in lasts[: _EXPANSIONS_FOR_PAIRS[0]]:
                for firsts, _, right_other in right:
                    for b in firsts[: _EXPANSIONS_FOR_PAIRS[1]]:
                        pairs[a, b] = pairs.get((a, b), True) and (left_other or right_other)
        for (a, b), other in sorted(pairs.items(), key=lambda item: not item[1]):  # as typed: written last
            found = self._pair_bonus(a, b)
            if isinstance(found, np.ndarray):  # (best >= 0: the penalty leaves the docs without the pair alone)
                dense.append(found - np.float32(EXPANSION_PENALTY) if other else found)
                continue
            docs, docs_more, bonus = found
            best[docs] = once - np.float32(EXPANSION_PENALTY) if other else once
            if len(docs_more):
                more.append((docs_more, bonus - np.float32(EXPANSION_PENALTY) if other else bonus))
        for docs, bonus in more:
            best[docs] = np.maximum(best[docs], bonus)
        for bonus in dense:
            np.maximum(best, bonus, out=best)
        return best

    def _short_form(self, clauses: tuple[Clause, ...], short: int, k: int, adjacency: np.ndarray | None) -> np.ndarray:
        """For query words ending with a run of ``k`` that an abbreviation stands for ("lien doan lao
        dong" → "ldld", term ``short``): the docs that write it short hold those words next to each
        other, in other words. They get the run's inner pairs (and the pair with the word before it)
        as a written-out form would, less what they already got for the run written out."""
        n = len(self.index)
        once = np.float32(PAIR_BONUS + np.log1p(1.0) - EXPANSION_PENALTY)
        data = self._term(short)
        written = np.zeros(n, dtype=np.float32)
        if data.dense is not None:
            written += data.present * np.float32((k - 1) * once)
        else:
            written[data.docs] = (k - 1) * once
        got = adjacency.copy() if adjacency is not None else np.zeros(n, dtype=np.float32)
        first = len(clauses) - k  # the run's first clause
        for j in range(first + 1, len(clauses) - 1):
            inner = self._entry(clauses[: j + 1])[6]
            if inner is not None:
                got += inner
        if first > 0:
            written += self._adjacency(self._entry(clauses[:first])[5], [([short], [short], True)])
            lead = self._entry(clauses[: first + 1])[6]
            if lead is not None:
                got += lead
        written -= got
        np.maximum(written, 0, out=written)
        return written

    def _entry(self, clauses: tuple[Clause, ...]) -> tuple:
        """The cached accumulation of a clause prefix (made again if it was dropped)."""
        self._accumulate(clauses)
        return self._cache[clauses]

    # --- filters --------------------------------------------------------------------------------

    def _filter(self, flt: Filter) -> np.ndarray:
        ix = self.index
        mask = np.zeros(len(ix), dtype=bool)
        for value in flt.values:
            if flt.field in ("person", "org", "place"):
                docs = None
                for syllable in value.split():
                    found = ix.field_match(flt.field, syllable)
                    docs = found if docs is None else np.intersect1d(docs, found, assume_unique=True)
                if docs is not None:
                    mask[docs] = True
            else:
                field = "date" if flt.field == "year" else flt.field
                mask[ix.field_docs(field, value)] = True
        return ~mask if flt.negated else mask

    # --- the whole query ------------------------------------------------------------------------

    def _accumulate(self, clauses: tuple[Clause, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, frozenset[str]]:
        """Per doc: clauses matched, typos, soft score, title and entity boosts (summed over the
        clauses). Cached by clause prefix, because each keystroke only changes the last clause: the
        clauses before it cost nothing the second time."""
        cached = self._cache.get(clauses)
        if cached is not None:
            return cached[:5]
        n = len(self.index)
        if len(clauses) > 1:
            count, typos, soft, boost, words = self._accumulate(clauses[:-1])
            previous = self._cache[clauses[:-1]][5]
        else:
            count, typos, soft = np.zeros(n, np.uint8), np.zeros(n, np.uint16), np.zeros(n, np.float32)
            boost, words, previous = np.zeros(n, np.float32), frozenset(), []
        matched: set[str] = set()
        boost = boost.copy()
        m, ends = self._clause(clauses[-1], matched, boost)
        count = count + m.docs
        if m.has_typos:  # (else the typos so far stand: the array is shared, never written in place)
            typos = typos + (m.typos * m.docs).astype(np.uint16)
        soft = soft + m.score
        adjacency = self._adjacency(previous, ends) if previous and ends else None
        if adjacency is not None:
            soft += adjacency
        run = written_out_run(clauses)
        if run is not None:
            short = self.index.term_id(run[0])
            if short is not None and self.index.df(short):
                soft += self._short_form(clauses, short, run[1], adjacency)
                ends = [*ends, ([short], [short], True)]
        result = (count, typos, soft, boost, words | matched, ends, adjacency)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[clauses] = result
        return result[:5]

    def run(self, parsed: ParsedQuery, limit: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, set[str], Callable[[], np.ndarray] | None]:
        """(first ``limit`` docs ranked, their scores, all matching docs, matched terms, a function that
        ranks all matching docs when ``limit`` cut them: the arrays it needs are kept, not recomputed)."""
        n = len(self.index)
        matched: set[str] = set()
        allowed = np.ones(n, dtype=bool)
        filtered = False
        if len(self.index.retired):  # docs whose file changed or went since the index was saved
            allowed[self.index.retired] = False
            filtered = True
        for flt in parsed.filters:
            allowed &= self._filter(flt)
            filtered = True
        positive = [c for c in parsed.clauses if not c.negated]
        for clause in parsed.clauses:
            if clause.negated:
                excluded, _ = self._clause(clause, set(), np.zeros(n, dtype=np.float32))
                allowed &= ~excluded.docs
                filtered = True
        if not positive:
            docs = self._by_date[allowed[self._by_date]]
            shown = docs if limit is None else docs[:limit]
            return shown, np.zeros(len(shown)), docs, matched, (lambda: docs)

        count, typos, soft, boost, matched_words = self._accumulate(tuple(positive))
        combined = np.multiply(boost, np.float32(1 / len(positive)), dtype=np.float32)  # (one new array)
        if n and combined.max() > _BOOST_CAP:  # (rare: a minimum with a scalar costs ten additions)
            np.minimum(combined, np.float32(_BOOST_CAP), out=combined)
        combined += soft
        soft = combined
        matched.update(matched_words)
        mask = count == len(positive)
        if filtered:
            mask &= allowed
        all_clauses = bool(mask.any())
        if not all_clauses:  # nothing matches every clause: show the partial matches
            mask = count > 0
            if filtered:
                mask &= allowed
        candidates = np.flatnonzero(mask)
        date_pos = self._date_pos  # as of this search: a refresh replaces it while the index grows
        order = rank_candidates(candidates, mask, all_clauses, count, typos, soft, limit, date_pos)
        shown = candidates[order]
        key = (
            count[shown].astype(np.float64) * MATCHED_TIER
            - typos[shown].astype(np.float64) * TYPO_TIER
            + np.round(np.minimum(soft[shown], TYPO_TIER / 10).astype(np.float64), 3)
        )
        def rank_all() -> np.ndarray:
            return candidates[rank_candidates(candidates, mask, all_clauses, count, typos, soft, None, date_pos)]

        return shown, key, candidates, matched, rank_all
