"""Building the search index: text → token ids → packed posting segments, with no per-token Python.
(The builder's state lives here; its pure array steps, run on worker threads, in ``index_batch``.)

A block of articles is encoded once into one UTF-8 buffer in which every byte that can never be part
of a token is a space. The space-separated runs ("chunks": "Công", "đoàn,", "8.945") are the unit of
tokenisation: each distinct chunk is tokenised once, by ``text.TOKEN_RE``, the first time it is seen,
and its term ids are kept in flat tables. Every later occurrence is looked up in a vectorised hash
table keyed by the chunk's first 16 bytes (two unaligned 8-byte loads; no chunk byte is ever zero,
so the 16 bytes identify the chunk, and the stored first 8 are compared to rule out hash collisions).
Longer chunks, which are rare, go through a plain dict.

Postings are then grouped with one ``np.sort`` of packed (key, doc) integers per kind: numpy's sort
of plain integers is SIMD-fast, far faster than any ``argsort``.
"""

from __future__ import annotations

import itertools
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from ..extract.models import Analysis
from ..text import TOKEN_RE, fold, normalize_tones
from .aliases import term_aliases
from .doc_terms import SEPARATOR, DocTerms, Prepared, doc_terms
from .index_batch import TERM_BITS, Block, Grow, HashTable, batch_postings, block_keys, text_blocks
from .postings import MERGE_FAN_IN, Postings, PostingSet

__all__ = ["FACET_NAMES", "IndexBuilder"]

_MAX_TERMS = 1 << TERM_BITS
# Bytes that can never be inside a token become spaces. Non-ASCII bytes, letters, digits and the
# number separators . , / - stay.
FACET_NAMES = ("organization", "person", "year", "kind")


class IndexBuilder:
    """The vocabulary, the chunk tables and the batch → postings step of ``SearchIndex``."""

    def _init_build(self) -> None:
        self._analyses: list[Analysis] = []
        self._doc_len = array("I")
        self._dates: list[str] = []
        self._date_numbers = array("q")  # the dates as YYYYMMDD numbers (0 for none), for sorting
        # vocabulary
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._exact_ids: dict[str, int] = {}
        self._exact_term = array("I")  # exact-spelling id → folded term id
        self.variants: dict[str, set[str]] = {}  # folded term → exact (tone-normalised) spellings seen
        self._df = np.zeros(1024, dtype=np.int64)
        self._buckets: dict[tuple[str, int], list[str]] = {}  # (first letter, length) → terms
        self._aliases: dict[int, tuple[int, ...]] = {}  # term id → the terms it also stands for
        self._alias_table: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._words: dict[str, tuple[int, int]] = {}  # surface word → (term id, exact id)
        # chunks: chunk id → its one exact-spelling id (-1: no token, -2: several, in the flat table)
        self._chunk_table = HashTable()
        self._long_chunks: dict[bytes, int] = {}  # chunks over 16 bytes, and any hash collision
        self._chunk_lo = Grow(np.uint64)
        self._chunk_single = Grow(np.int64)
        self._chunk_start = Grow(np.int64)
        self._chunk_len = Grow(np.int64)
        self._chunk_exact = Grow(np.uint32)
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
        # Docs withdrawn (their file changed or went away since the index was saved): never matched.
        self.retired = np.zeros(0, dtype=np.int64)
        self._dirty = True

    # --- vocabulary -------------------------------------------------------------------------------

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

    def _register_word(self, word: str) -> tuple[int, int]:
        """(term id, exact-spelling id) of one surface word, as written."""
        folded = fold(word)
        exact = word.lower() if word.isascii() else normalize_tones(word).lower()
        known = len(self._terms)
        tid = self._term_id(folded)
        if tid == known:
            aliases = tuple(self._term_id(a) for a in term_aliases(folded))
            if aliases:
                self._aliases[tid] = aliases  # (a new term: ``_alias_arrays`` extends its table with it)
        eid = self._exact_ids.get(exact)
        if eid is None:
            eid = self._exact_ids[exact] = len(self._exact_ids)
            self._exact_term.append(tid)
            spellings = self.variants.get(folded)
            if spellings is None:
                spellings = self.variants[folded] = set()
            spellings.add(exact)
        return tid, eid

    def _register_chunks(self, chunks: list[bytes]) -> np.ndarray:
        """Tokenise new chunks once; returns their chunk ids."""
        first_id = self._chunk_len.n
        words_of = self._words
        exact, counts, single = [], [], []
        for chunk in chunks:
            text = chunk.decode("utf-8", "replace")
            words = [text] if text.isalpha() else TOKEN_RE.findall(text)
            for word in words:
                known = words_of.get(word)
                if known is None:
                    known = words_of[word] = self._register_word(word)
                exact.append(known[1])
            counts.append(len(words))
            single.append(exact[-1] if len(words) == 1 else -1 if not words else -2)
        counts_a = np.array(counts, dtype=np.int64)
        self._chunk_start.extend(self._chunk_exact.n + np.cumsum(counts_a) - counts_a)
        self._chunk_len.extend(counts_a)
        self._chunk_single.extend(single)
        self._chunk_exact.extend(exact)
        self._chunk_lo.extend([int.from_bytes(c[:8], "little") for c in chunks])
        return np.arange(first_id, first_id + len(chunks), dtype=np.int32)

    def _alias_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per term id: (start, count) into the flat array of alias term ids.

        Extended by the terms added since it was made, not rebuilt: every batch adds terms, and
        walking all the aliases again each time was ~1 CPU-s of a 100k cold open. Only a new term is
        given aliases (``_register_word``), and term ids grow in insertion order, so the new terms'
        aliases are the dict's last entries. (New arrays each time: a batch on a worker thread may
        still be reading the previous ones.)"""
        table, n = self._alias_table, len(self._terms)
        if table is not None and len(table[0]) >= n:
            return table
        start, count, flat = table if table is not None else (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint32))
        done = len(start)
        new: list[int] = []
        for tid in reversed(self._aliases):
            if tid < done:
                break
            new.append(tid)
        new.reverse()
        grown_start, grown_count = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        grown_start[:done], grown_count[:done] = start, count
        if new:
            aliases = [self._aliases[tid] for tid in new]
            lens = np.fromiter(map(len, aliases), dtype=np.int64, count=len(aliases))
            tids = np.array(new, dtype=np.int64)
            grown_count[tids] = lens
            grown_start[tids] = len(flat) + np.cumsum(lens) - lens
            flat = np.concatenate([flat, np.fromiter(itertools.chain.from_iterable(aliases), dtype=np.uint32)])
        self._alias_table = (grown_start, grown_count, flat)
        return self._alias_table

    def _chunk_ids(self, block: Block) -> np.ndarray:
        """The chunk id of each chunk of ``block``, registering the new ones."""
        buf, starts, lengths, lo, keys = block.buf, block.starts, block.lengths, block.lo, block.keys
        ids = self._chunk_table.lookup(keys)
        new = np.flatnonzero((ids < 0) & (lengths <= 16))
        if len(new):
            new_keys = np.unique(keys[new])
            at = np.empty(len(new_keys), dtype=np.int64)
            at[np.searchsorted(new_keys, keys[new])] = new  # any occurrence of each new chunk
            spans = zip(starts[at].tolist(), lengths[at].tolist(), strict=True)
            new_ids = self._register_chunks([buf[s : s + n] for s, n in spans])
            self._chunk_table.insert(new_keys, new_ids)
            ids[new] = new_ids[np.searchsorted(new_keys, keys[new])]
        # Long, not found, or a hash collision (never seen). (A miss, -1, reads the table's last slot: it is
        # odd whatever that holds; three masked copies of the arrays to compare only the rest cost more.)
        odd = np.flatnonzero((lengths > 16) | (ids < 0) | (self._chunk_lo.data[ids] != lo))
        if len(odd):
            chunks = [buf[s : s + n] for s, n in zip(starts[odd].tolist(), lengths[odd].tolist(), strict=True)]
            fresh = list(dict.fromkeys(c for c in chunks if c not in self._long_chunks))
            if fresh:
                self._long_chunks.update(zip(fresh, self._register_chunks(fresh).tolist(), strict=True))
            ids[odd] = [self._long_chunks[c] for c in chunks]
        return ids

    # --- one batch --------------------------------------------------------------------------------

    def _block_tokens(self, block: Block) -> tuple[np.ndarray, np.ndarray]:
        """(exact-spelling id, text number) of every token of a block, in text order."""
        ids = self._chunk_ids(block)
        chunk_text = block.chunk_text
        exact = self._chunk_single.data[ids]
        multi = np.flatnonzero(exact == -2)  # "Đ/c", "Covid-19": rare, but in most blocks
        if not len(multi):
            keep = np.flatnonzero(exact >= 0)  # drops the chunks without a token ("–", "./.")
            return exact[keep].astype(np.uint32), chunk_text[keep]
        lens = (exact >= 0).astype(np.int64)
        lens[multi] = many = self._chunk_len.data[ids[multi]]
        out_exact, out_text = np.repeat(exact, lens).astype(np.uint32), np.repeat(chunk_text, lens)
        ranges = np.arange(int(many.sum()), dtype=np.int64) - np.repeat(np.cumsum(many) - many, many)
        at = np.repeat(np.cumsum(lens)[multi] - many, many) + ranges
        out_exact[at] = self._chunk_exact.data[np.repeat(self._chunk_start.data[ids[multi]], many) + ranges]
        return out_exact, out_text

    def _add_batches(self, batches: Iterable[list[Analysis]], compact: bool = True) -> None:
        """Index batches on two worker threads (numpy releases the GIL while it works): the pure
        steps (a block's chunk keys, a batch's sorted postings) run there, while this thread looks
        the chunks up and registers new ones, which must happen in order."""
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="index-build") as pool:

            def prepare(batch: list[Analysis | Prepared] | None):
                if batch is None:
                    return None
                terms = [d.terms if isinstance(d, Prepared) else doc_terms(d) for d in batch]
                texts = [t.text_utf8 for t in terms] + [t.title.encode("utf-8", "replace") for t in terms]
                return batch, terms, [(first, pool.submit(block_keys, part)) for first, part in text_blocks(texts)]

            batches = iter(batches)
            upcoming = prepare(next(batches, None))
            pending: Future | None = None
            while upcoming is not None:
                batch, terms, blocks = upcoming
                upcoming = prepare(next(batches, None))  # its keys are worked out meanwhile
                staged = self._stage_batch(batch, terms, blocks)
                if pending is not None:
                    self._finish_batch(*pending.result())
                pending = pool.submit(batch_postings, *staged)
            if pending is not None:
                self._finish_batch(*pending.result())
            if compact:
                merging = [pool.submit(p.compact) for p in (self.pairs, self.terms)]
                self.exact.compact()
                self.titles.compact()
                for future in merging:
                    future.result()

    def plan_compaction(self, fan_in: int = MERGE_FAN_IN) -> list:
        """The segment merges due after ``add(..., compact=False)``, worked out without changing the
        index, so a loader can do them while searches go on; ``apply_compaction`` puts them in place.
        (``fan_in``: see ``postings.MERGE_FAN_IN``.)"""
        return [(postings, plan) for postings in (self.pairs, self.terms, self.exact, self.titles)
                if (plan := postings.compaction(fan_in)) is not None]

    def plan_full_merge(self) -> list:
        """Every kind of postings merged into one segment, worked out without changing the index (as
        ``plan_compaction``): for when loading ends, since a lookup visits every segment; the app's
        sliced loading leaves several per kind. ``apply_compaction`` swaps them in; between the two,
        more docs may be added (``compact=False``) but no other merge may be applied."""
        return [plan for plans in self.full_merges() for plan in plans]

    def plan_tail_merge(self, share: int = 10) -> list:
        """As ``plan_full_merge``, but a first segment over ``share`` times the size of the rest is
        left as it is and only the rest merged (one segment more per kind): a small change to a large
        restored index then does not rewrite all its postings (9 s at 100k docs on a busy machine)."""
        return [plan for plans in self.tail_merges(share) for plan in plans]

    def full_merges(self) -> Iterator[list]:
        """``plan_full_merge`` one kind at a time, each made when the one before is applied (the same
        rules): only one kind's merged copy is then held beside the index, not all four at once."""
        return self._merges(None)

    def tail_merges(self, share: int = 10) -> Iterator[list]:
        """``plan_tail_merge`` one kind at a time (as ``full_merges``)."""
        return self._merges(share)

    def merge_all_concurrently(self, threads: int = 2) -> None:
        """``optimize`` with up to ``threads`` kinds merged at once (numpy copies the postings with the
        GIL released): for a load nobody searches until it ends, whose last seconds are this merge on
        one core. Up to ``threads`` merged copies are held beside the index meanwhile, not one."""
        kinds = [postings for postings in (self.pairs, self.terms, self.exact, self.titles) if len(postings.segments) > 1]

        def merged(postings: PostingSet) -> tuple[PostingSet, tuple[int, int, Postings]]:
            segments = list(postings.segments)
            return postings, (0, len(segments), Postings.merge(segments))

        # (The largest kind, the pairs, comes first: the other thread merges the rest meanwhile.)
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="index-merge") as pool:
            for postings, plan in pool.map(merged, kinds):
                postings.apply(plan)

    def _merges(self, share: int | None) -> Iterator[list]:
        for postings in (self.pairs, self.terms, self.exact, self.titles):
            segments = list(postings.segments)
            if len(segments) < 2:
                continue
            if share is None or sum(s.size for s in segments[1:]) * share > segments[0].size:
                yield [(postings, (0, len(segments), Postings.merge(segments)))]
            elif len(segments) > 2:
                yield [(postings, (1, len(segments), Postings.merge(segments[1:])))]

    def apply_compaction(self, plans: list) -> None:
        """Put planned merges in place: the same postings in fewer segments. Segments added after
        the plan was made stay after the merged one."""
        for postings, plan in plans:
            postings.apply(plan)

    def optimize(self) -> None:
        """Merge every kind of postings into one segment now (``plan_full_merge`` + apply)."""
        self.apply_compaction(self.plan_full_merge())

    @property
    def segment_counts(self) -> dict[str, int]:
        """Posting segments per kind: what a lookup visits."""
        kinds = {"terms": self.terms, "pairs": self.pairs, "exact": self.exact, "titles": self.titles}
        return {name: len(postings.segments) for name, postings in kinds.items()}

    def _stage_batch(self, batch: list[Analysis | Prepared], terms: list[DocTerms], blocks: list[tuple[int, Future]]) -> tuple:
        """Tokenise a batch and record its fields; what ``batch_postings`` needs, as private copies."""
        base = len(self._analyses)
        exact_parts, text_parts = [np.zeros(0, np.uint32)], [np.zeros(0, np.int64)]
        for first, block in blocks:
            exact, text = self._block_tokens(block.result())
            exact_parts.append(exact)
            text_parts.append(text + first)
        exact, text = np.concatenate(exact_parts), np.concatenate(text_parts)
        extra = self._expansion_terms(terms)
        self._add_fields(base, terms)
        self._analyses.extend(batch)
        exact_term = np.frombuffer(self._exact_term, dtype=np.uint32).copy()
        return base, len(batch), exact, text, exact_term, self._alias_arrays(), extra

    def _expansion_terms(self, terms: list[DocTerms]) -> tuple[np.ndarray, np.ndarray] | None:
        """(doc in batch, term) arrays of the abbreviation expansions the articles define ("(CĐCS)"):
        ~100 words an article, looked up in C (one call per word was a tenth of the indexing)."""
        words = list(itertools.chain.from_iterable(t.expansions for t in terms))
        if not words:
            return None
        ids = list(map(self._term_ids.get, words))
        if None in ids:  # words first met here: given ids in order
            ids = [tid if tid is not None else self._term_id(w) for tid, w in zip(ids, words, strict=True)]
        per_doc = np.fromiter(map(len, (t.expansions for t in terms)), dtype=np.int64, count=len(terms))
        return np.repeat(np.arange(len(terms), dtype=np.uint32), per_doc), np.array(ids, dtype=np.uint32)

    def _finish_batch(self, doc_len: np.ndarray, segments: tuple[Postings, Postings, Postings, Postings]) -> None:
        terms, pairs, exact, titles = segments
        self._count_df(terms)
        self.terms.add(terms)
        self.pairs.add(pairs)
        self.exact.add(exact)
        self.titles.add(titles)
        self._doc_len.frombytes(doc_len.astype(np.uint32).tobytes())
        self._count_df(None)  # room for terms first seen in titles or entities
        self._dirty = True

    def _count_df(self, segment: Postings | None) -> None:
        n = len(self._terms)
        if n > len(self._df):
            grown = np.zeros(max(n, 2 * len(self._df)), dtype=np.int64)
            grown[: len(self._df)] = self._df
            self._df = grown
        if segment is not None:
            self._df[segment.keys.astype(np.int64)] += np.diff(segment.offsets)

    def _add_fields(self, base: int, terms: list[DocTerms]) -> None:
        """The field values, dates and facets of docs ``base``, ``base + 1``, … (``terms``).

        A batch at a time: each field's values of the whole batch (~100 an article, and ~35 facets) go to
        their doc lists through C-level maps, not a look-up and an append per value in Python (a small
        saving: ~0.4 % of the opening process's instructions in a 10k cold open)."""
        per_field: dict[str, tuple[list[str], list[int]]] = {}
        for doc, t in enumerate(terms, base):
            for name, joined in t.fields:
                values = joined.split(SEPARATOR)  # (each once per doc)
                got = per_field.get(name)
                if got is None:
                    got = per_field[name] = ([], [])
                got[0].extend(values)
                got[1].extend(itertools.repeat(doc, len(values)))
        for name, (values, docs) in per_field.items():
            lists = self.fields[name]
            # (new values in the order first met, as a look-up per value made them)
            new = dict.fromkeys(itertools.filterfalse(lists.__contains__, values))
            if new:
                lists.update((value, array("I")) for value in new)
            deque(map(array.append, map(lists.__getitem__, values), docs), maxlen=0)
        dates = [t.date for t in terms]
        self._dates.extend(dates)
        self._date_numbers.extend(map(_date_number, dates))
        facets = list(itertools.chain.from_iterable(t.facets for t in terms))
        facet_ids, names = self._facet_ids, self._facet_names
        for facet in dict.fromkeys(itertools.filterfalse(facet_ids.__contains__, facets)):  # (ids in the order first met)
            facet_ids[facet] = len(names)
            names.append(facet)
        self._facet_val.extend(map(facet_ids.__getitem__, facets))
        self._facet_doc.extend(itertools.chain.from_iterable(itertools.repeat(doc, len(t.facets)) for doc, t in enumerate(terms, base)))


def _date_number(iso: str) -> int:
    """ "2024-01-30" → 20240130, "2024-01" → 20240100, "2024" → 20240000: sorts as the strings do."""
    digits = iso[:4] + iso[5:7].ljust(2, "0") + iso[8:10].ljust(2, "0")
    return int(digits) if digits.isdigit() and len(digits) == 8 else 0
