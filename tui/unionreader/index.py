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
import re
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .aliases import fold_phrase, term_aliases, with_abbreviations
from .extract.models import Analysis
from .highlight import Hit, snippet_around, spans_of
from .postings import Postings, PostingSet, unique_counts
from .query import ParsedQuery, Term, parse_query
from .ranking import Ranker
from .text import TOKEN_RE, fold, normalize_tones

__all__ = ["Hit", "SearchIndex", "SearchResult"]

BATCH = 2048  # docs per segment build; the pair key packs a batch-local doc id in 11 bits
_TERM_BITS = 26  # term ids fit 26 bits (67M terms): two of them and an 11-bit doc fit one uint64
_MAX_TERMS = 1 << _TERM_BITS
_PAIR_MASK = np.uint64((1 << 2 * _TERM_BITS) - 1)
_LOW32 = np.uint64(0xFFFFFFFF)
# Bytes that can never be inside a token become spaces, so ``bytes.split`` cuts the text into chunks
# that are tokenised once each (by ``text.TOKEN_RE``) and then looked up in a dict: far faster than a
# regex over every article. Non-ASCII bytes, letters, digits and the number separators . , / - stay.
_CHUNK_TABLE = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) in ".,/-" else 0x20 for b in range(256))
FACET_NAMES = ("organization", "person", "year", "kind")
_ENTITY_FIELD = {"person": "person", "organization": "org", "location": "place"}


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    parsed: str
    ignored: tuple[str, ...]
    docs: tuple[int, ...]  # ranked; at most ``limit`` of ``total``
    scores: tuple[float, ...]
    total: int
    elapsed_ms: float
    matched_terms: frozenset[str] = frozenset()  # folded terms that matched, for highlighting
    index: SearchIndex | None = field(default=None, repr=False, compare=False)
    all_docs: np.ndarray | None = field(default=None, repr=False, compare=False)  # every matching doc

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Counts per organisation, person, year and kind of fact over all matching docs."""
        if self.index is None or self.all_docs is None:
            return {name: [] for name in FACET_NAMES}
        return self.index.facet_counts(self.all_docs)


class _ChunkTable(dict):
    """bytes chunk → chunk id; a new chunk is tokenised and its terms registered once."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, chunk: bytes) -> int:
        chunk_id = self._index._register_chunk(chunk)
        self[chunk] = chunk_id
        return chunk_id


class SearchIndex:
    def __init__(self) -> None:
        self._analyses: list[Analysis] = []
        self._doc_len = array("I")
        self._dates: list[str] = []
        # vocabulary
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._exact_ids: dict[str, int] = {}
        self.variants: dict[str, set[str]] = {}  # folded term → exact (tone-normalised) spellings seen
        self._df = np.zeros(1024, dtype=np.int64)
        self._buckets: dict[tuple[str, int], list[str]] = {}  # (first letter, length) → terms
        # chunk cache: each chunk's terms are a slice of the flat arrays
        self._chunks = _ChunkTable(self)
        self._chunk_start = array("I")
        self._chunk_len = array("I")
        self._chunk_terms = array("I")
        self._chunk_exact = array("I")
        self._chunk_aliases: dict[int, tuple[int, ...]] = {}
        self._words: dict[str, tuple[int, int, tuple[int, ...]]] = {}  # surface word → its ids
        self._has_alias = bytearray()
        # postings
        self.terms = PostingSet()
        self.pairs = PostingSet()
        self.exact = PostingSet()
        self.titles = PostingSet()
        self.fields: dict[str, dict[str, array]] = {
            name: {} for name in ("person", "org", "place", "date", "has", "kind")
        }
        self._facet_ids: dict[tuple[str, str], int] = {}
        self._facet_names: list[tuple[str, str]] = []
        self._facet_doc = array("I")
        self._facet_val = array("I")
        self._ranker = Ranker(self)
        self._dirty = True

    # --- building ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._analyses)

    def analysis(self, doc: int) -> Analysis:
        return self._analyses[doc]

    def _term_id(self, folded: str) -> int:
        tid = self._term_ids.get(folded)
        if tid is None:
            tid = len(self._terms)
            if tid >= _MAX_TERMS:
                raise OverflowError("search vocabulary is full")
            self._term_ids[folded] = tid
            self._terms.append(folded)
            if folded[:1].isalpha():
                self._buckets.setdefault((folded[0], len(folded)), []).append(folded)
        return tid

    def _register_chunk(self, chunk: bytes) -> int:
        chunk_id = len(self._chunk_len)
        self._chunk_start.append(len(self._chunk_terms))
        text = chunk.decode("utf-8", "replace")
        words = [text] if text.isalpha() else TOKEN_RE.findall(text)
        aliases: list[int] = []
        for word in words:
            known = self._words.get(word)
            if known is None:
                known = self._words[word] = self._register_word(word)
            self._chunk_terms.append(known[0])
            self._chunk_exact.append(known[1])
            aliases.extend(known[2])
        self._chunk_len.append(len(words))
        self._has_alias.append(1 if aliases else 0)
        if aliases:
            self._chunk_aliases[chunk_id] = tuple(aliases)
        return chunk_id

    def _register_word(self, word: str) -> tuple[int, int, tuple[int, ...]]:
        """(term id, exact-spelling id, alias term ids) of one surface word, as written."""
        folded = fold(word)
        exact = word.lower() if word.isascii() else normalize_tones(word).lower()
        eid = self._exact_ids.setdefault(exact, len(self._exact_ids))
        self.variants.setdefault(folded, set()).add(exact)
        return self._term_id(folded), eid, tuple(self._term_id(a) for a in term_aliases(folded))

    def _chunk_ids(self, text: str) -> np.ndarray:
        chunks = text.encode("utf-8", "replace").translate(_CHUNK_TABLE).split()
        return np.fromiter(map(self._chunks.__getitem__, chunks), dtype=np.uint32, count=len(chunks))

    def add(self, analyses: Iterable[Analysis]) -> None:
        """Index more articles (any number; built in batches). Searches see them at once."""
        batch: list[Analysis] = []
        for analysis in analyses:
            batch.append(analysis)
            if len(batch) == BATCH:
                self._add_batch(batch)
                batch = []
        if batch:
            self._add_batch(batch)

    def _add_batch(self, batch: list[Analysis]) -> None:
        base = len(self._analyses)
        per_doc = [self._chunk_ids(a.article.text) for a in batch]
        chunk_ids = np.concatenate(per_doc) if per_doc else np.zeros(0, np.uint32)
        chunk_doc = np.repeat(np.arange(len(batch), dtype=np.uint64), [len(c) for c in per_doc])
        lens = np.frombuffer(self._chunk_len, dtype=np.uint32)[chunk_ids].astype(np.int64)
        starts = np.frombuffer(self._chunk_start, dtype=np.uint32)[chunk_ids].astype(np.int64)
        flat = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()), dtype=np.int64)
        terms = np.frombuffer(self._chunk_terms, dtype=np.uint32)[flat].astype(np.uint64)
        exact = np.frombuffer(self._chunk_exact, dtype=np.uint32)[flat].astype(np.uint64)
        doc = np.repeat(chunk_doc, lens)
        doc_len = np.bincount(doc.astype(np.int64), minlength=len(batch))

        term_keys = [(doc << np.uint64(32)) | terms]
        with_alias = np.flatnonzero(np.frombuffer(self._has_alias, dtype=np.uint8)[chunk_ids])
        if len(with_alias):
            alias_keys = [
                (int(chunk_doc[i]) << 32) | t
                for i in with_alias.tolist()
                for t in self._chunk_aliases[int(chunk_ids[i])]
            ]
            term_keys.append(np.array(alias_keys, dtype=np.uint64))
        extra = self._entity_terms(batch)
        if extra:
            term_keys.append(np.array(extra, dtype=np.uint64))
        unique, counts = unique_counts(np.concatenate(term_keys))
        t_doc = (unique >> np.uint64(32)).astype(np.uint32) + base
        t_term = unique & _LOW32
        self.terms.add(Postings.build(t_term, t_doc, counts))
        self._count_df(t_term)

        same = doc[1:] == doc[:-1]
        pair_keys = (doc[1:][same] << np.uint64(2 * _TERM_BITS)) | (terms[:-1][same] << np.uint64(_TERM_BITS))
        pair_keys |= terms[1:][same]
        unique, counts = unique_counts(pair_keys)
        p_doc = (unique >> np.uint64(2 * _TERM_BITS)).astype(np.uint32) + base
        self.pairs.add(Postings.build(unique & _PAIR_MASK, p_doc, counts))

        unique, _ = unique_counts((doc << np.uint64(32)) | exact)
        e_doc = (unique >> np.uint64(32)).astype(np.uint32) + base
        self.exact.add(Postings.build(unique & _LOW32, e_doc, np.ones(len(unique), np.uint16)))

        title_keys = set()
        for i, analysis in enumerate(batch):
            for chunk_id in self._chunk_ids(analysis.article.title).tolist():
                start = self._chunk_start[chunk_id]
                title_keys.update((i << 32) | t for t in self._chunk_terms[start : start + self._chunk_len[chunk_id]])
        title_keys = sorted(title_keys)
        tk = np.array(title_keys, dtype=np.uint64)
        self.titles.add(
            Postings.build(tk & _LOW32, (tk >> np.uint64(32)).astype(np.uint32) + base, np.ones(len(tk), np.uint16))
        )

        for i, analysis in enumerate(batch):
            self._add_fields(base + i, analysis)
        self._analyses.extend(batch)
        self._doc_len.extend(int(n) for n in doc_len)
        self._count_df(np.zeros(0, dtype=np.uint64))  # room for terms first seen in titles or entities
        self._dirty = True

    def _entity_terms(self, batch: list[Analysis]) -> list[int]:
        """Doc-term keys for abbreviation expansions the article itself defines ("(CĐCS)")."""
        keys = []
        for i, analysis in enumerate(batch):
            for entity in analysis.entities:
                if entity.type == "abbreviation" and isinstance(entity.value, str):
                    keys.extend((i << 32) | self._term_id(f) for f in fold_phrase(entity.value))
        return keys

    def _count_df(self, term_ids: np.ndarray) -> None:
        n = len(self._terms)
        if n > len(self._df):
            grown = np.zeros(max(n, 2 * len(self._df)), dtype=np.int64)
            grown[: len(self._df)] = self._df
            self._df = grown
        self._df[:n] += np.bincount(term_ids.astype(np.int64), minlength=n)

    def _add_fields(self, doc: int, analysis: Analysis) -> None:
        def put(name: str, value: str) -> None:
            docs = self.fields[name].setdefault(value, array("I"))
            if not docs or docs[-1] != doc:
                docs.append(doc)

        facets: set[tuple[str, str]] = set()
        dates = {d for d in (analysis.date, analysis.article.published) if d}
        for entity in analysis.entities:
            name = _ENTITY_FIELD.get(entity.type)
            display = entity.value if isinstance(entity.value, str) and entity.value else entity.text
            if name:
                for syllable in fold_phrase(display):
                    put(name, syllable)
                if entity.type in ("person", "organization"):
                    facets.add((entity.type, display))
            elif entity.type == "money":
                put("has", "money")
            elif entity.type == "document":
                put("has", "document")
            elif entity.type == "date" and isinstance(entity.value, str):
                dates.add(entity.value)
        for fact in analysis.facts:
            put("kind", fact.kind)
            facets.add(("kind", fact.kind))
            if fact.kind == "awards":
                put("has", "award")
            elif fact.kind == "documents":
                put("has", "document")
        for iso in dates:
            if re.match(r"(19|20)\d\d", iso):
                for key in (iso[:4], iso[:7], iso[:10]):
                    if re.fullmatch(r"\d{4}(-\d\d){0,2}", key):
                        put("date", key)
                facets.add(("year", iso[:4]))
        self._dates.append(analysis.date or analysis.article.published or "")
        for facet in facets:
            fid = self._facet_ids.setdefault(facet, len(self._facet_names))
            if fid == len(self._facet_names):
                self._facet_names.append(facet)
            self._facet_doc.append(doc)
            self._facet_val.append(fid)

    # --- vocabulary lookups (all cached; caches are dropped when the vocabulary grows) ------------

    def _refresh(self) -> None:
        if not self._dirty:
            return
        self._sorted_terms = sorted(self._terms)
        self._sorted_ids = np.array([self._term_ids[t] for t in self._sorted_terms], dtype=np.int64)
        self._expansions: dict[tuple[str, bool, bool], list[tuple[int, int, bool]]] = {}
        self._ranker.refresh()
        self._dirty = False

    def df(self, term_id: int) -> int:
        return int(self._df[term_id])

    def is_rare(self, term_id: int) -> bool:
        return self._df[term_id] <= max(2, len(self) // 500)

    def completions(self, prefix: str, limit: int = 20) -> list[int]:
        """The ``limit`` most frequent terms that start with ``prefix`` (longer than it)."""
        lo = bisect.bisect_right(self._sorted_terms, prefix)
        hi = bisect.bisect_left(self._sorted_terms, prefix + "\U0010ffff", lo)
        ids = self._sorted_ids[lo:hi]
        if len(ids) > limit:
            ids = ids[np.argpartition(-self._df[ids], limit)[:limit]]
        return ids[np.argsort(-self._df[ids], kind="stable")].tolist()

    def fuzzy(self, folded: str, limit: int = 8) -> list[tuple[int, int]]:
        """Vocabulary terms within the typo budget, same first letter: [(term id, typos)], best first."""
        n = len(folded)
        budget = 0 if n < 3 else 1 if n < 8 else 2
        if budget == 0 or not folded[0].isalpha():
            return []
        found: list[tuple[int, int, int]] = []
        for length in range(n - budget, n + budget + 1):
            bucket = self._buckets.get((folded[0], length))
            if not bucket:
                continue
            for term, dist, _ in process.extract(
                folded, bucket, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if term != folded:
                    tid = self._term_ids[term]
                    found.append((dist, -int(self._df[tid]), tid))
        found.sort()
        return [(tid, dist) for dist, _, tid in found[:limit]]

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
        budget = 0 if n < 3 else 1 if n < 8 else 2
        if budget and folded[:1].isalpha():
            same_first = [v for v in values if v[:1] == folded[0] and abs(len(v) - n) <= budget and v != folded]
            for value, _, _ in process.extract(folded, same_first, scorer=OSA.distance, score_cutoff=budget, limit=None):
                hits.append(self.field_docs(name, value))
        if not hits:
            return np.zeros(0, np.uint32)
        return np.unique(np.concatenate(hits))

    # --- searching --------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = None) -> SearchResult:
        started = time.perf_counter()
        self._refresh()
        parsed: ParsedQuery = parse_query(query)
        docs, scores, all_docs, matched = self._ranker.run(with_abbreviations(parsed), limit)
        return SearchResult(
            query=query,
            parsed=parsed.describe(),
            ignored=parsed.ignored,
            docs=tuple(docs.tolist()),
            scores=tuple(scores.tolist()),
            total=len(all_docs),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            matched_terms=frozenset(matched),
            index=self,
            all_docs=all_docs,
        )

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

    def hit(self, doc: int, result: SearchResult, width: int = 160) -> Hit:
        article = self._analyses[doc].article
        terms = result.matched_terms
        title_spans = spans_of(article.title, terms)
        text_spans = spans_of(article.text, terms)
        snippet, snippet_spans = snippet_around(article.text, text_spans, width)
        rank = result.docs.index(doc) if doc in result.docs else -1
        score = result.scores[rank] if rank >= 0 else 0.0
        return Hit(doc, score, title_spans, text_spans, snippet, snippet_spans)

    @property
    def nbytes(self) -> int:
        """Packed arrays in bytes (postings, chunk tables, field lists); dicts are not counted here."""
        arrays = [self._chunk_start, self._chunk_len, self._chunk_terms, self._chunk_exact, self._doc_len]
        total = sum(p.nbytes for p in (self.terms, self.pairs, self.exact, self.titles))
        total += sum(a.itemsize * len(a) for a in arrays) + self._df.nbytes
        total += sum(a.itemsize * len(a) for f in self.fields.values() for a in f.values())
        return total
