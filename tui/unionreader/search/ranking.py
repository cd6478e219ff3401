"""Ranking a parsed query: its clauses' matches assembled per doc, then ordered.

Ranking is lexicographic, as in Meilisearch: more query clauses matched first (partial matches are
only shown when nothing matches them all), then fewer typos, then a soft score made of the adjacency
of consecutive query syllables (Vietnamese words span syllables: "công đoàn"), title and entity
matches, exact diacritics and BM25 (``clause_scoring``). Equal scores keep a stable order: newest
first (``ranking_order``).

Each keystroke usually changes only the last clause: the accumulation over the clauses before it is
kept by clause prefix.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .aliases import written_out_run
from .clause_scoring import ENTITY_BONUS, EXPANSION_PENALTY, PAIR_BONUS, TITLE_BONUS, ClauseScorer
from .query import Clause, Filter, ParsedQuery
from .ranking_order import MATCHED_TIER, TYPO_TIER, rank_candidates
from .ranking_source import RankingSource

__all__ = ["Ranker", "RankingSource"]

# Title and entity bonuses averaged over the query's words, at most (several expansions, person and
# organisation may add up): below one pair of adjacent words.
_BOOST_CAP = TITLE_BONUS + ENTITY_BONUS
_CACHE_SIZE = 24  # clause-prefix results kept (a few dense arrays of corpus size each)
_WRITTEN_ONCE = np.float32(PAIR_BONUS + np.log1p(1.0) - EXPANSION_PENALTY)  # a pair found once, written out


class Ranker:
    def __init__(self, index: RankingSource) -> None:
        self.index = index
        self.scorer = ClauseScorer(index)
        self._date_pos = np.zeros(0, dtype=np.int64)
        self._by_date = np.zeros(0, dtype=np.int64)
        self._cache: dict[tuple[Clause, ...], tuple] = {}

    def refresh(self) -> None:
        """Forget what was computed: the index changed."""
        self._cache.clear()
        self.scorer.refresh()
        n = len(self.index)
        # Newest first, then insertion order: rank 1.0 is the first doc to show.
        dates = self.index.date_numbers()
        order = np.lexsort((-np.arange(n), dates))
        self._by_date = order[::-1].copy()
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        self._date_pos = position  # 0 for the oldest doc, n - 1 for the newest

    # --- the clauses, accumulated -----------------------------------------------------------------

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
        m, ends = self.scorer.clause(clauses[-1], matched, boost)
        count = count + m.docs
        if m.has_typos:  # (else the typos so far stand: the array is shared, never written in place)
            typos = typos + (m.typos * m.docs).astype(np.uint16)
        soft = soft + m.score
        adjacency = self.scorer.adjacency(previous, ends) if previous and ends else None
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

    def _short_form(self, clauses: tuple[Clause, ...], short: int, k: int, adjacency: np.ndarray | None) -> np.ndarray:
        """For query words ending with a run of ``k`` that an abbreviation stands for ("lien doan lao
        dong" → "ldld", term ``short``): the docs that write it short hold those words next to each
        other, in other words. They get the run's inner pairs (and the pair with the word before it)
        as a written-out form would, less what they already got for the run written out."""
        n = len(self.index)
        once = _WRITTEN_ONCE
        data = self.scorer.term(short)
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
            written += self.scorer.adjacency(self._entry(clauses[:first])[5], [([short], [short], True)])
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
                excluded, _ = self.scorer.clause(clause, set(), np.zeros(n, dtype=np.float32))
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
