"""The in-memory search index: fuzzy, typo-tolerant, diacritic-insensitive, filterable, incremental.

Per keystroke the work is bounded by the vocabulary (fuzzy and prefix lookups, cached) and by the
posting lists of the matched terms, never by the corpus size (see ../shared/notes/search-performance.md).

Data kept per term (folded, e.g. "cong"): the docs containing it with occurrence counts; per pair of
adjacent terms ("cong doan"): the docs and counts, for phrases and the adjacency bonus; per exact
spelling ("công"): the docs, to rank exact-diacritic matches first; per title term: the docs. All in
packed numpy segments (``postings.py``). Entity fields, dates and facet values are small and kept in
``array('I')`` doc lists.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..extract.models import Analysis
from .aliases import with_abbreviations
from .doc_terms import Prepared
from .highlight import Hit, snippet_around, spans_of
from .index_build import FACET_NAMES, IndexBuilder
from .query import ParsedQuery, Term, parse_query
from .ranking import Ranker
from .typos import typo_budget

__all__ = ["Hit", "SearchIndex", "SearchResult"]

BATCH = 4096  # docs per segment build; a batch-local doc id (12 bits) and two term ids fit 64 bits


def _batches(analyses: Iterable[Analysis | Prepared], size: int) -> Iterator[list[Analysis | Prepared]]:
    batch: list[Analysis | Prepared] = []
    for analysis in analyses:
        batch.append(analysis)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class RankedDocs(Sequence[int]):
    """Every matching doc in rank order, of which only the first few are ranked when searching.

    A list pane shows a screenful of a 100k-article result: sorting all of it on each keystroke would
    cost more than the rest of the search. The full order is made on the first access past the ranked
    head, from the arrays the search kept, so it is the order the head began."""

    __slots__ = ("_head", "_rank_all", "_rest", "_total")

    def __init__(self, head: np.ndarray, total: int, rank_all: Callable[[], np.ndarray]) -> None:
        self._head = head
        self._total = total
        self._rank_all = rank_all
        self._rest: np.ndarray | None = head if len(head) >= total else None

    @property
    def head(self) -> np.ndarray:
        """The docs ranked at search time (the first ones)."""
        return self._head

    def _all(self) -> np.ndarray:
        if self._rest is None:
            self._rest = self._rank_all()
        return self._rest

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, i):
        if isinstance(i, slice):
            _, stop, step = i.indices(self._total)
            source = self._head if step > 0 and stop <= len(self._head) else self._all()
            return tuple(source[i].tolist())
        if i < 0:
            i += self._total
        if not 0 <= i < self._total:
            raise IndexError("ranked doc index out of range")
        return int(self._head[i]) if i < len(self._head) else int(self._all()[i])

    def __iter__(self) -> Iterator[int]:
        yield from self._head.tolist()
        if self._total > len(self._head):
            yield from self._all()[len(self._head):].tolist()

    def __contains__(self, doc: object) -> bool:
        return isinstance(doc, int) and bool(np.any(self._head == doc) or np.any(self._all() == doc))

    def index(self, doc: int, start: int = 0, stop: int | None = None) -> int:
        for source in (self._head, self._all()):
            found = np.flatnonzero(source[start:stop] == doc)
            if len(found):
                return start + int(found[0])
        raise ValueError(f"{doc} is not in the result")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(other) == self._total and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RankedDocs({len(self._head)} of {self._total} ranked)"


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    parsed: str
    ignored: tuple[str, ...]
    docs: Sequence[int]  # ranked: a tuple of at most ``limit`` of ``total``, or all as ``RankedDocs``
    scores: tuple[float, ...]  # of the first docs (those ranked at search time)
    total: int
    elapsed_ms: float
    matched_terms: frozenset[str] = frozenset()  # folded terms that matched, for highlighting
    all_docs: np.ndarray | None = field(default=None, repr=False, compare=False)  # every matching doc

    def score_of(self, doc: int) -> float:
        """The doc's score if it is among the docs ranked at search time, else 0."""
        head = self.docs.head if isinstance(self.docs, RankedDocs) else np.asarray(self.docs, dtype=np.int64)
        found = np.flatnonzero(head[: len(self.scores)] == doc)
        return self.scores[int(found[0])] if len(found) else 0.0


class SearchIndex(IndexBuilder):
    def __init__(self) -> None:
        self._init_build()
        self._ranker = Ranker(self)
        self._sorted_terms: list[str] = []
        self._sorted_ids = np.zeros(0, dtype=np.int64)
        self._recent_terms: list[str] = []
        self._recent_ids = np.zeros(0, dtype=np.int64)
        self._vocab_upto = 0  # terms [0, _vocab_upto) are in the sorted runs

    def __len__(self) -> int:
        return len(self._analyses)

    def live(self) -> int:
        """Docs that can match (those not retired)."""
        return len(self) - len(self.retired)

    def analysis(self, doc: int) -> Analysis:
        found = self._analyses[doc]
        return found.analysis() if isinstance(found, Prepared) else found

    def add(self, analyses: Iterable[Analysis | Prepared], *, compact: bool = True) -> None:
        """Index more articles (any number; built in batches). Searches see them at once. (An article
        may come as ``Prepared``: its terms worked out elsewhere, the article itself read when asked.)

        With ``compact=False`` the new posting segments are left unmerged: see ``plan_compaction``."""
        self._add_batches(_batches(analyses, BATCH), compact)

    # --- vocabulary lookups (all cached; caches are dropped when the vocabulary grows) ------------

    def _refresh(self) -> None:
        if not self._dirty:
            return
        self._refresh_vocabulary()
        self._expansions: dict[tuple[str, bool, bool], list[tuple[int, int, bool]]] = {}
        self._ranker.refresh()
        self._dirty = False

    def _refresh_vocabulary(self) -> None:
        """Keep the vocabulary sorted for prefix lookups as batches add terms.

        Re-sorting the whole vocabulary after every batch of a large load costs the UI thread a
        tenth of a second each time, so new terms go to a small sorted "recent" run, merged into the
        main run once it outgrows an eighth of it (as an LSM tree does): total sorting stays
        O(V log V) over the whole load and each refresh is bounded by the recent run."""
        total = len(self._terms)
        if total == self._vocab_upto:
            return
        terms = self._terms
        if (total - len(self._sorted_ids)) * 8 > max(len(self._sorted_ids), 4096):
            order = sorted(range(total), key=terms.__getitem__)
            self._sorted_terms = [terms[i] for i in order]
            self._sorted_ids = np.array(order, dtype=np.int64)
            recent: list[int] = []
        else:
            recent = sorted([*self._recent_ids.tolist(), *range(self._vocab_upto, total)], key=terms.__getitem__)
        self._recent_terms = [terms[i] for i in recent]
        self._recent_ids = np.array(recent, dtype=np.int64)
        self._vocab_upto = total

    def doc_lengths(self) -> np.ndarray:
        """Tokens per doc (a copy)."""
        return np.frombuffer(self._doc_len, dtype=np.uint32).copy()

    def date_numbers(self) -> np.ndarray:
        """Each doc's date as a YYYYMMDD number, 0 for none (a copy)."""
        return np.frombuffer(self._date_numbers, dtype=np.int64).copy() if len(self) else np.zeros(0, np.int64)

    def df(self, term_id: int) -> int:
        return int(self._df[term_id])

    def is_rare(self, term_id: int) -> bool:
        return self._df[term_id] <= max(2, len(self) // 500)

    def completions(self, prefix: str, limit: int = 20) -> list[int]:
        """The ``limit`` most frequent terms that start with ``prefix`` (longer than it)."""
        runs = []
        for terms, term_ids in ((self._sorted_terms, self._sorted_ids), (self._recent_terms, self._recent_ids)):
            lo = bisect.bisect_right(terms, prefix)
            hi = bisect.bisect_left(terms, prefix + "\U0010ffff", lo)
            runs.append(term_ids[lo:hi])
        ids = np.concatenate(runs)
        df = self._df[ids]
        if len(ids) > limit:  # keep the limit-th highest count and all ties with it, then order them
            keep = df >= np.partition(df, len(df) - limit)[len(df) - limit]
            ids, df = ids[keep], df[keep]
        # Most frequent first, ties alphabetically: the same answer whichever run a term sits in.
        ranked = sorted(zip((-df).tolist(), [self._terms[i] for i in ids.tolist()], ids.tolist(), strict=True))
        return [tid for _, _, tid in ranked[:limit]]

    def fuzzy(self, folded: str, limit: int = 8) -> list[tuple[int, int]]:
        """Vocabulary terms within the typo budget, same first letter: [(term id, typos)], best first."""
        n = len(folded)
        budget = typo_budget(n)
        if budget == 0 or not folded[0].isalpha():
            return []
        found: list[tuple[int, int, str, int]] = []
        for length in range(n - budget, n + budget + 1):
            bucket = self._buckets.get((folded[0], length))
            if not bucket:
                continue
            for term, dist, _ in process.extract(
                folded, bucket, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if term != folded:
                    tid = self._term_ids[term]
                    found.append((dist, -int(self._df[tid]), term, tid))
        found.sort()
        return [(tid, dist) for dist, _, _, tid in found[:limit]]

    def expand(self, term: Term) -> list[tuple[int, int, bool]]:
        """[(term id, typos, is completion)] a query term matches, exact term first."""
        key = (term.folded, term.fuzzy, term.prefix)
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        out: list[tuple[int, int, bool]] = []
        tid = self._term_ids.get(term.folded)
        if tid is not None and self._df[tid] > 0:
            out.append((tid, 0, False))
        if term.prefix:
            # A one- or two-letter word start matches thousands of terms whose postings cover the
            # corpus: the few most frequent completions are what the typist most likely means.
            limit = (5, 8)[len(term.folded) - 1] if len(term.folded) <= 2 else 12
            out.extend((c, 0, True) for c in self.completions(term.folded, limit))
        if term.fuzzy and (tid is None or self.is_rare(tid)):
            seen = {t for t, _, _ in out}
            out.extend((t, d, False) for t, d in self.fuzzy(term.folded) if t not in seen)
        if len(self._expansions) > 50_000:
            self._expansions.clear()
        self._expansions[key] = out
        return out

    def term(self, term_id: int) -> str:
        return self._terms[term_id]

    def term_id(self, folded: str) -> int | None:
        return self._term_ids.get(folded)

    def exact_id(self, form: str) -> int | None:
        return self._exact_ids.get(form)

    def field_docs(self, name: str, value: str) -> np.ndarray:
        docs = self.fields[name].get(value)
        return np.frombuffer(docs, dtype=np.uint32) if docs else np.zeros(0, np.uint32)

    def field_match(self, name: str, folded: str) -> np.ndarray:
        """Docs whose ``name`` field has a syllable equal or within the typo budget of ``folded``."""
        values = self.fields[name]
        hits = [self.field_docs(name, folded)] if folded in values else []
        n = len(folded)
        budget = typo_budget(n)
        if budget and folded[:1].isalpha():
            same_first = [v for v in values if v[:1] == folded[0] and abs(len(v) - n) <= budget and v != folded]
            for value, _, _ in process.extract(folded, same_first, scorer=OSA.distance, score_cutoff=budget, limit=None):
                hits.append(self.field_docs(name, value))
        if not hits:
            return np.zeros(0, np.uint32)
        return np.unique(np.concatenate(hits))

    # --- searching --------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = None, *, rank_first: int | None = None) -> SearchResult:
        """Docs matching ``query``, best first: the first ``limit`` (all when None) as a tuple; or, with
        ``rank_first``, all of them as ``RankedDocs`` with only the first ``rank_first`` ranked now."""
        started = time.perf_counter()
        self._refresh()
        parsed: ParsedQuery = parse_query(query)
        lazy = limit is None and rank_first is not None
        docs, scores, all_docs, matched, rank_all = self._ranker.run(
            with_abbreviations(parsed), rank_first if lazy else limit
        )
        return SearchResult(
            query=query,
            parsed=parsed.describe(),
            ignored=parsed.ignored,
            docs=RankedDocs(docs, len(all_docs), rank_all) if lazy else tuple(docs.tolist()),
            scores=tuple(scores.tolist()),
            total=len(all_docs),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            matched_terms=frozenset(matched),
            all_docs=all_docs,
        )

    def facets(self, result: SearchResult) -> dict[str, list[tuple[str, int]]]:
        """Counts per organisation, person, year and kind of fact over all of ``result``'s docs."""
        if result.all_docs is None:
            return {name: [] for name in FACET_NAMES}
        return self.facet_counts(result.all_docs)

    def facet_counts(self, docs: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
        if not len(self._facet_doc) or not len(docs):
            return out
        selected = np.zeros(len(self), dtype=bool)
        selected[docs] = True
        values = np.frombuffer(self._facet_val, dtype=np.uint32)[selected[np.frombuffer(self._facet_doc, dtype=np.uint32)]]
        counts = np.bincount(values, minlength=len(self._facet_names))
        for fid in np.flatnonzero(counts).tolist():
            kind, value = self._facet_names[fid]
            out[kind if kind in out else "kind"].append((value, int(counts[fid])))
        for name in out:
            out[name].sort(key=lambda vc: (-vc[1], vc[0]))
        return out

    # --- hits -------------------------------------------------------------------------------

    def title_spans(self, doc: int, result: SearchResult) -> tuple[tuple[int, int], ...]:
        """The matched words of the doc's title: all a list row needs, far cheaper than a ``hit``."""
        return spans_of(self.analysis(doc).article.title, result.matched_terms)

    def hit(self, doc: int, result: SearchResult, width: int = 160) -> Hit:
        article = self.analysis(doc).article
        terms = result.matched_terms
        title_spans = spans_of(article.title, terms)
        text_spans = spans_of(article.text, terms)
        snippet, snippet_spans = snippet_around(article.text, text_spans, width)
        return Hit(doc, result.score_of(doc), title_spans, text_spans, snippet, snippet_spans)

    @property
    def nbytes(self) -> int:
        """Packed arrays in bytes (postings, chunk tables, field lists); dicts are not counted here."""
        grown = [self._chunk_lo, self._chunk_single, self._chunk_start, self._chunk_len, self._chunk_exact]
        total = sum(p.nbytes for p in (self.terms, self.pairs, self.exact, self.titles))
        total += sum(g.data.nbytes for g in grown) + self._chunk_table.keys.nbytes + self._chunk_table.values.nbytes
        total += self._exact_term.itemsize * len(self._exact_term)
        total += self._doc_len.itemsize * len(self._doc_len) + self._df.nbytes
        total += sum(a.itemsize * len(a) for f in self.fields.values() for a in f.values())
        return total
