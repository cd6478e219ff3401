"""Scoring one query clause against the postings: BM25 per term, the best expansion per doc of a
typed word, phrases, title and entity bonuses, and the adjacency of consecutive query words.

Adjacency holds between every form of consecutive query words: a typed word's expansions (typo
corrections, completions) and an abbreviation's written-out form ("ldld tinh" is found adjacent in
"LĐLĐ tỉnh" and in "Liên đoàn Lao động tỉnh"). Title and entity bonuses count in proportion to the
share of the query's words they cover (``Ranker`` caps their mean): together they stay below one
adjacent pair, so a whole name found adjacent beats a partial one in a title.

What is computed from the postings (a term's BM25, a pair's bonus; a word's best expansion per doc)
is kept in ``arrays`` (``words``) while the index is unchanged: the same words come back keystroke after
keystroke, and in the next queries.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from .query import Alternative, Clause, Term
from .ranking_arrays import DENSE_SHARE, NO_MATCH, ArrayCache, ClauseMatch, TermData, WordMatch
from .ranking_source import RankingSource

__all__ = ["COMPLETION_PENALTY", "ENTITY_BONUS", "EXACT_BONUS", "EXPANSION_PENALTY", "PAIR_BONUS", "PAIR_ONCE", "TITLE_BONUS",
           "ClauseScorer", "Ends"]

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
PAIR_ONCE = np.float32(PAIR_BONUS + np.log1p(1.0))  # the bonus of a pair found once
_PAIR_SHIFT = 26
_EXPANSIONS_FOR_PAIRS = (3, 10)
_DENSE_PAIR_SHARE = 4  # a pair in more than 1/4 of the docs is kept as one per-doc array (no larger than its ids)
_BOOSTED_EXPANSIONS = 4  # title / entity bonuses are looked up for the best few expansions only
_CACHE_BYTES = 160_000_000  # per-term and per-pair arrays kept across keystrokes
# Per-word matches, apart: at 100k docs the words of a day's queries outgrow any budget, and cycling
# through them must not push out the terms' arrays they are made from.
_WORD_CACHE_BYTES = 64_000_000


class ClauseScorer:
    """Clause matches and adjacency bonuses over one index, with the arrays they are made of."""

    def __init__(self, index: RankingSource) -> None:
        self.index = index
        self.arrays = ArrayCache(_CACHE_BYTES)
        self.words = ArrayCache(_WORD_CACHE_BYTES)
        self._norm = np.zeros(0, dtype=np.float32)
        self._titles: dict[int, np.ndarray] = {}

    def refresh(self) -> None:
        """Forget what was computed: the index changed."""
        self.arrays.clear()
        self.words.clear()
        self._titles.clear()
        lengths = self.index.doc_lengths().astype(np.float32)
        avg = float(lengths.mean()) if len(lengths) else 1.0
        self._norm = (K1 * (1 - B + B * lengths / max(avg, 1.0))).astype(np.float32)

    def term(self, term_id: int) -> TermData:
        """The term's docs and BM25 per doc, computed once per index state."""
        cached = self.arrays.get(term_id)
        if cached is None:
            docs, tf = self.index.terms.get(term_id)
            cached = TermData(docs, self._bm25(term_id, docs, tf), len(self.index))
            self.arrays.put(term_id, cached, cached.nbytes)
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
            if len(docs) * DENSE_SHARE > n:
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
        cached = self.arrays.get(key)
        if cached is None:
            docs, counts = self.index.pairs.get((left << _PAIR_SHIFT) | right)
            once = counts == 1
            more = np.flatnonzero(~once)
            bonus = np.float32(PAIR_BONUS) + np.log1p(counts[more].astype(np.float32))
            n = len(self.index)
            if len(docs) * _DENSE_PAIR_SHARE > n:
                cached = np.zeros(n, dtype=np.float32)
                cached[docs[once]] = PAIR_ONCE
                cached[docs[more]] = bonus
                size = cached.nbytes
            else:
                cached = (docs[once].astype(np.intp), docs[more].astype(np.intp), bonus)
                size = sum(a.nbytes for a in cached)
            self.arrays.put(key, cached, size)
        return cached

    def _single(self, alt: Alternative, m: ClauseMatch, matched: set[str], boost: np.ndarray) -> list[int]:
        """Each doc takes the score and typos of the best expansion (the first listed) it contains.

        The union is made once per query word and kept (the same words come back keystroke after
        keystroke, and in the next queries); the title and entity bonuses are added each time."""
        ix = self.index
        term = alt.terms[0]
        key = ("single", term.folded, term.fuzzy, term.prefix)
        union = self.words.get(key)
        if union is None:
            union = self._word_match(term)
            self.words.put(key, union, union.nbytes)
        if m.fresh:
            m.score = union.score.copy()
            m.typos = union.typos.copy()
        else:  # another alternative of the clause matched before: this one's docs take this one's
            found = union.typos != NO_MATCH
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
        m.docs = m.typos != NO_MATCH
        if term.exact:
            eid = ix.exact_id(term.exact)
            if eid is not None:
                m.score[ix.exact.get(eid)[0]] += EXACT_BONUS
        return [tid for tid, _, _ in union.expansions]

    def _word_match(self, term: Term) -> WordMatch:
        """Best first: the first expansion is scored in full (and cached: the next keystroke usually
        has it too); each later one only for the docs that no better expansion covered, which for
        the completions of a short prefix is a small remainder."""
        ix = self.index
        n = len(ix)
        m = WordMatch(n, ix.expand(term))
        covered = np.zeros(n, dtype=bool)
        left = n  # docs no expansion covered yet
        uncovered: np.ndarray | None = None  # their ids, once few
        for tid, typos, completion in m.expansions:
            df = ix.df(tid)
            if not df or not left:
                continue
            penalty = np.float32(COMPLETION_PENALTY if completion else 0.0)
            data = self.term(tid) if left == n else self.arrays.get(tid)  # the first: in full
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

    def _phrase(self, alt: Alternative, m: ClauseMatch, matched: set[str]) -> list[int] | None:
        """Docs where the terms follow each other; returns the term ids (None if one is unknown).

        A typed phrase scores its adjacent pairs and its terms' BM25; an abbreviation's expansion
        stands for one typed word: its terms' mean BM25, less than the abbreviation as typed."""
        ix = self.index
        ids = [ix.term_id(t.folded) for t in alt.terms]
        if any(i is None for i in ids):
            return None
        key = ("phrase", *ids)
        found = self.arrays.get(key)
        if found is None:
            found = self._phrase_docs(ids)
            self.arrays.put(key, found, sum(a.nbytes for a in found))
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
            data = self.term(tid)
            if data.dense is not None:
                score += data.dense[docs]
            else:
                scratch = np.zeros(n, dtype=np.float32)
                scratch[data.docs] = data.score
                score += scratch[docs]
        return docs, adjacency, score

    def clause(self, clause: Clause, matched: set[str], boost: np.ndarray) -> tuple[ClauseMatch, list[Ends]]:
        """The clause's match per doc, and the ends of each of its alternatives (for adjacency)."""
        m = ClauseMatch(len(self.index))
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
                sub = [self.clause(Clause((Alternative((t,)),)), matched, boost) for t in alt.terms]
                docs = np.logical_and.reduce([s.docs for s, _ in sub])
                score = sum(s.score for s, _ in sub) * docs
                m.score = np.where(docs, np.maximum(m.score, score), m.score)
                m.typos = np.where(docs, np.minimum(m.typos, np.max([s.typos for s, _ in sub], axis=0)), m.typos)
                m.docs |= docs
                m.has_typos |= any(s.has_typos for s, _ in sub)
                m.fresh = False
                ends.append((sub[0][1][0][0], sub[-1][1][0][1], alt.expansion))
        return m, ends

    def adjacency(self, left: list[Ends], right: list[Ends]) -> np.ndarray:
        """Bonus for docs where some form of the previous query word (any alternative's last term, of
        its best expansions) is directly followed by some form of this one (any alternative's first
        term): the best over those pairs. A pair found once gives the smallest bonus, the same for
        all: plain writes do for those, before the larger bonuses are merged in with a maximum."""
        best = np.zeros(len(self.index), dtype=np.float32)
        once = PAIR_ONCE
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
