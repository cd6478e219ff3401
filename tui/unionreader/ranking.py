"""Matching and ranking a parsed query against the index's postings.

Ranking is lexicographic, as in Meilisearch: more query clauses matched first (partial matches are
only shown when nothing matches them all), then fewer typos, then a soft score made of the adjacency
of consecutive query syllables (Vietnamese words span syllables: "công đoàn"), title and entity
matches, exact diacritics and BM25. Equal scores keep a stable order: newest first.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .query import Alternative, Clause, Filter, ParsedQuery

if TYPE_CHECKING:
    from .index import SearchIndex

__all__ = ["Ranker"]

K1, B = 1.2, 0.75
PAIR_BONUS = 6.0  # per adjacent query pair found adjacent in the text
TITLE_BONUS = 3.0
ENTITY_BONUS = 2.0
EXACT_BONUS = 1.0  # the term was typed with diacritics and the doc has that exact spelling
COMPLETION_PENALTY = 0.5  # a completion of the word being typed, versus the word itself
MATCHED_TIER = 1e7
TYPO_TIER = 1e5
_PAIR_SHIFT = 26
_EXPANSIONS_FOR_PAIRS = (3, 10)
_CACHE_SIZE = 24  # clause-prefix results kept (a few dense arrays of corpus size each)
_BOOSTED_EXPANSIONS = 4  # title / entity bonuses are looked up for the best few expansions only  # best expansions of the left / right term tried for adjacency


class _ClauseMatch:
    __slots__ = ("docs", "score", "typos")

    def __init__(self, n: int) -> None:
        self.docs = np.zeros(n, dtype=bool)
        self.score = np.zeros(n, dtype=np.float32)
        self.typos = np.full(n, 255, dtype=np.uint8)


class Ranker:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._norm = np.zeros(0, dtype=np.float32)
        self._date_rank = np.zeros(0, dtype=np.float64)
        self._by_date = np.zeros(0, dtype=np.int64)
        self._cache: dict[tuple[Clause, ...], tuple] = {}

    def refresh(self) -> None:
        self._cache.clear()
        ix = self.index
        n = len(ix)
        lengths = np.frombuffer(ix._doc_len, dtype=np.uint32).astype(np.float32)
        avg = float(lengths.mean()) if n else 1.0
        self._norm = (K1 * (1 - B + B * lengths / max(avg, 1.0))).astype(np.float32)
        # Newest first, then insertion order: rank 1.0 is the first doc to show.
        order = sorted(range(n), key=lambda d: (ix._dates[d], -d))
        self._by_date = np.array(order[::-1], dtype=np.int64)
        rank = np.empty(n, dtype=np.float64)
        rank[np.array(order, dtype=np.int64)] = np.arange(n) / max(n, 1)
        self._date_rank = rank

    # --- postings of one clause -----------------------------------------------------------------

    def _bm25(self, term_id: int, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        n = len(self.index)
        df = self.index.df(term_id)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        tf = tf.astype(np.float32)
        return (idf * tf * (K1 + 1) / (tf + self._norm[docs])).astype(np.float32)

    def _single(self, alt: Alternative, m: _ClauseMatch, matched: set[str], bonus: np.ndarray) -> list[int]:
        ix = self.index
        n = len(ix)
        term = alt.terms[0]
        expansions = ix.expand(term)
        doc_parts, tf_parts, idf, offset, typo = [], [], [], [], []
        # Worst expansion first, so that one vectorised scatter leaves each doc with its best match.
        for rank in range(len(expansions) - 1, -1, -1):
            tid, typos, completion = expansions[rank]
            docs, tf = ix.terms.get(tid)
            if not len(docs):
                continue
            word = ix.term(tid)
            matched.add(word)
            df = ix.df(tid)
            doc_parts.append(docs)
            tf_parts.append(tf)
            idf.append(np.log1p((n - df + 0.5) / (df + 0.5)))
            offset.append(COMPLETION_PENALTY if completion else 0.0)
            typo.append(typos)
            if rank < _BOOSTED_EXPANSIONS:
                weight = 1.0 / (1 + typos + completion)
                bonus[ix.titles.get(tid)[0]] += TITLE_BONUS * weight
                for name in ("person", "org"):
                    if word in ix.fields[name]:
                        bonus[ix.field_docs(name, word)] += ENTITY_BONUS * weight
        if doc_parts:
            sizes = [len(d) for d in doc_parts]
            docs = np.concatenate(doc_parts) if len(doc_parts) > 1 else doc_parts[0]
            tf = (np.concatenate(tf_parts) if len(tf_parts) > 1 else tf_parts[0]).astype(np.float32)
            score = np.repeat(np.array(idf, np.float32), sizes) * tf * (K1 + 1) / (tf + self._norm[docs])
            if any(offset):
                score -= np.repeat(np.array(offset, np.float32), sizes)
            m.score[docs] = score
            m.typos[docs] = np.repeat(np.array(typo, np.uint8), sizes) if any(typo) else 0
            m.docs = m.typos != 255
        if term.exact:
            eid = ix.exact_id(term.exact)
            if eid is not None:
                bonus[ix.exact.get(eid)[0]] += EXACT_BONUS
        return [tid for tid, _, _ in expansions]

    def _phrase(self, alt: Alternative, m: _ClauseMatch, matched: set[str]) -> None:
        ix = self.index
        ids = [ix.term_id(t.folded) for t in alt.terms]
        if any(i is None for i in ids):
            return
        docs = None
        adjacency = None
        for a, b in pairwise(ids):
            pair_docs, counts = ix.pairs.get((a << _PAIR_SHIFT) | b)
            if docs is None:
                docs, adjacency = pair_docs, counts.astype(np.float32)
            else:
                keep = np.isin(docs, pair_docs, assume_unique=True)
                docs, adjacency = docs[keep], adjacency[keep]
        if docs is None or not len(docs):
            return
        score = np.zeros(len(docs), dtype=np.float32)
        for tid in ids:
            tdocs, tf = ix.terms.get(tid)
            pos = np.searchsorted(tdocs, docs)
            score += self._bm25(tid, docs, tf[np.minimum(pos, len(tf) - 1)])
            matched.add(ix.term(tid))
        score += PAIR_BONUS * (len(ids) - 1) + np.log1p(adjacency)
        m.score[docs] = np.maximum(m.score[docs], score)
        m.typos[docs] = 0
        m.docs[docs] = True

    def _clause(self, clause: Clause, matched: set[str], bonus: np.ndarray) -> tuple[_ClauseMatch, list[int]]:
        m = _ClauseMatch(len(self.index))
        ids: list[int] = []
        for alt in clause.alternatives:
            if alt.phrase:
                self._phrase(alt, m, matched)
            elif len(alt.terms) == 1:
                got = self._single(alt, m, matched, bonus)
                if len(clause.alternatives) == 1:
                    ids = got
            else:  # several words as one alternative (an abbreviation's expansion): all of them
                sub = [self._clause(Clause((Alternative((t,)),)), matched, bonus)[0] for t in alt.terms]
                docs = np.logical_and.reduce([s.docs for s in sub])
                score = sum(s.score for s in sub) * docs
                m.score = np.where(docs, np.maximum(m.score, score), m.score)
                m.typos = np.where(docs, np.minimum(m.typos, np.max([s.typos for s in sub], axis=0)), m.typos)
                m.docs |= docs
        return m, ids

    def _adjacency(self, left: list[int], right: list[int], out: np.ndarray) -> None:
        """Bonus for docs where some expansion of ``left`` is directly followed by one of ``right``."""
        best = np.zeros(len(out), dtype=np.float32)
        for a in left[: _EXPANSIONS_FOR_PAIRS[0]]:
            for b in right[: _EXPANSIONS_FOR_PAIRS[1]]:
                docs, counts = self.index.pairs.get((a << _PAIR_SHIFT) | b)
                if len(docs):
                    best[docs] = np.maximum(best[docs], PAIR_BONUS + np.log1p(counts.astype(np.float32)))
        out += best

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

    def _accumulate(self, clauses: tuple[Clause, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, frozenset[str]]:
        """Per doc: clauses matched, typos, soft score. Cached by clause prefix, because each keystroke
        only changes the last clause: the clauses before it cost nothing the second time."""
        cached = self._cache.get(clauses)
        if cached is not None:
            return cached[:4]
        n = len(self.index)
        if len(clauses) > 1:
            count, typos, soft, words = self._accumulate(clauses[:-1])
            previous = self._cache[clauses[:-1]][4]
        else:
            count, typos, soft = np.zeros(n, np.uint8), np.zeros(n, np.uint16), np.zeros(n, np.float32)
            words, previous = frozenset(), []
        matched: set[str] = set()
        bonus = np.zeros(n, dtype=np.float32)
        m, ids = self._clause(clauses[-1], matched, bonus)
        count = count + m.docs
        typos = typos + np.where(m.docs, m.typos, 0).astype(np.uint16)
        soft = soft + m.score + bonus
        if previous and ids:
            self._adjacency(previous, ids, soft)
        result = (count, typos, soft, words | matched, ids)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[clauses] = result
        return result[:4]

    def run(self, parsed: ParsedQuery, limit: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, set[str]]:
        n = len(self.index)
        matched: set[str] = set()
        allowed = np.ones(n, dtype=bool)
        for flt in parsed.filters:
            allowed &= self._filter(flt)
        positive = [c for c in parsed.clauses if not c.negated]
        for clause in parsed.clauses:
            if clause.negated:
                excluded, _ = self._clause(clause, set(), np.zeros(n, dtype=np.float32))
                allowed &= ~excluded.docs
        if not positive:
            docs = self._by_date[allowed[self._by_date]]
            shown = docs if limit is None else docs[:limit]
            return shown, np.zeros(len(shown)), docs, matched

        count, typos, soft, matched_words = self._accumulate(tuple(positive))
        matched.update(matched_words)
        full = allowed & (count == len(positive))
        candidates = np.flatnonzero(full) if full.any() else np.flatnonzero(allowed & (count > 0))
        key = (
            count[candidates].astype(np.float64) * MATCHED_TIER
            - typos[candidates].astype(np.float64) * TYPO_TIER
            + np.round(np.minimum(soft[candidates], TYPO_TIER / 10).astype(np.float64), 3)
        )
        ranked = key + self._date_rank[candidates] * 1e-4
        if limit is not None and limit < len(candidates):
            top = np.argpartition(-ranked, limit)[:limit]
            order = top[np.argsort(-ranked[top], kind="stable")]
        else:
            order = np.argsort(-ranked, kind="stable")
        return candidates[order], key[order], candidates, matched
