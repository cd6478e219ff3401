"""Building the search index: text → token ids → packed posting segments, with no per-token Python.

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

import re
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from .aliases import fold_phrase, term_aliases
from .extract.models import Analysis
from .postings import Postings, PostingSet
from .text import TOKEN_RE, fold, normalize_tones

__all__ = ["FACET_NAMES", "IndexBuilder"]

TERM_BITS = 26  # term ids fit 26 bits (67M terms): two of them and a batch-local doc fit one uint64
_MAX_TERMS = 1 << TERM_BITS
# Bytes that can never be inside a token become spaces. Non-ASCII bytes, letters, digits and the
# number separators . , / - stay.
_CHUNK_TABLE = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) in ".,/-" else 0x20 for b in range(256))
_PAD = b" " * 24
_BLOCK_CHARS = 1 << 20  # text per tokenising block
_BYTE_MASK = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
_MIX_LO = np.uint64(0x9E3779B97F4A7C15)
_MIX_HI = np.uint64(0xC2B2AE3D27D4EB4F)
FACET_NAMES = ("organization", "person", "year", "kind")
_ENTITY_FIELD = {"person": "person", "organization": "org", "location": "place"}
_YEAR_START = re.compile(r"(19|20)\d\d")
_DATE_KEY = re.compile(r"\d{4}(-\d\d){0,2}")


class _Grow:
    """A numpy array that grows by doubling; ``view`` is the filled part."""

    def __init__(self, dtype, size: int = 1024) -> None:
        self.data = np.zeros(size, dtype=dtype)
        self.n = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=self.data.dtype)
        need = self.n + len(values)
        if need > len(self.data):
            grown = np.zeros(max(need, 2 * len(self.data)), dtype=self.data.dtype)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n : need] = values
        self.n = need

    @property
    def view(self) -> np.ndarray:
        return self.data[: self.n]


class _HashTable:
    """uint64 (non-zero) → int32, open addressing with linear probing, looked up a whole array at a time."""

    def __init__(self, bits: int = 16) -> None:
        self._alloc(bits)
        self.count = 0

    def _alloc(self, bits: int) -> None:
        self.bits = bits
        self.keys = np.zeros(1 << bits, dtype=np.uint64)
        self.values = np.zeros(1 << bits, dtype=np.int32)

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return (keys >> np.uint64(64 - self.bits)).astype(np.intp)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Values of ``keys``; -1 for a key not in the table."""
        slot = self._slots(keys)
        out = self.values[slot]
        todo = np.flatnonzero(self.keys[slot] != keys)
        if len(todo):
            mask = (1 << self.bits) - 1
            out[todo] = -1
            slot = slot[todo]
            while len(todo):
                found = self.keys[slot]
                hit = found == keys[todo]
                out[todo[hit]] = self.values[slot[hit]]
                more = ~hit & (found != 0)
                todo, slot = todo[more], (slot[more] + 1) & mask
        return out

    def insert(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add distinct keys that are not in the table yet."""
        if 2 * (self.count + len(keys)) > len(self.keys):
            old_keys, old_values = self.keys[self.keys != 0], self.values[self.keys != 0]
            bits = self.bits + 1
            while (1 << bits) < 4 * (self.count + len(keys)):
                bits += 1
            self._alloc(bits)
            self.count = 0
            self.insert(old_keys, old_values)
        mask = (1 << self.bits) - 1
        slot = self._slots(keys)
        todo = np.arange(len(keys))
        while len(todo):
            free = todo[self.keys[slot[todo]] == 0]
            # Of several keys wanting one free slot, the last written takes it; the others probe on.
            self.keys[slot[free]] = keys[free]
            placed = free[self.keys[slot[free]] == keys[free]]
            self.values[slot[placed]] = values[placed]
            done = np.zeros(len(keys), dtype=bool)
            done[placed] = True
            todo = todo[~done[todo]]
            slot[todo] = (slot[todo] + 1) & mask
        self.count += len(keys)


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
        self._chunk_table = _HashTable()
        self._long_chunks: dict[bytes, int] = {}  # chunks over 16 bytes, and any hash collision
        self._chunk_lo = _Grow(np.uint64)
        self._chunk_single = _Grow(np.int64)
        self._chunk_start = _Grow(np.int64)
        self._chunk_len = _Grow(np.int64)
        self._chunk_exact = _Grow(np.uint32)
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
        self._date_keys: dict[str, tuple[str, ...]] = {}
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
                self._aliases[tid] = aliases
                self._alias_table = None
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
        """Per term id: (start, count) into the flat array of alias term ids."""
        if self._alias_table is None or len(self._alias_table[0]) < len(self._terms):
            count = np.zeros(len(self._terms), dtype=np.int64)
            tids = np.fromiter(self._aliases, dtype=np.int64, count=len(self._aliases))
            count[tids] = [len(a) for a in self._aliases.values()]
            flat = np.fromiter((t for a in self._aliases.values() for t in a), dtype=np.uint32)
            start = np.zeros(len(count), dtype=np.int64)
            start[tids] = np.cumsum(count[tids]) - count[tids]
            self._alias_table = (start, count, flat)
        return self._alias_table

    def _chunk_ids(self, block: _Block) -> np.ndarray:
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
        odd = (lengths > 16) | (ids < 0)
        odd[~odd] = self._chunk_lo.data[ids[~odd]] != lo[~odd]  # a hash collision (never seen)
        odd = np.flatnonzero(odd)
        if len(odd):
            chunks = [buf[s : s + n] for s, n in zip(starts[odd].tolist(), lengths[odd].tolist(), strict=True)]
            fresh = list(dict.fromkeys(c for c in chunks if c not in self._long_chunks))
            if fresh:
                self._long_chunks.update(zip(fresh, self._register_chunks(fresh).tolist(), strict=True))
            ids[odd] = [self._long_chunks[c] for c in chunks]
        return ids

    # --- one batch --------------------------------------------------------------------------------

    def _block_tokens(self, block: _Block) -> tuple[np.ndarray, np.ndarray]:
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

            def prepare(batch: list[Analysis] | None):
                if batch is None:
                    return None
                texts = [a.article.text for a in batch] + [a.article.title for a in batch]
                return batch, [(first, pool.submit(_block_keys, part)) for first, part in _blocks(texts)]

            batches = iter(batches)
            upcoming = prepare(next(batches, None))
            pending: Future | None = None
            while upcoming is not None:
                batch, blocks = upcoming
                upcoming = prepare(next(batches, None))  # its keys are worked out meanwhile
                staged = self._stage_batch(batch, blocks)
                if pending is not None:
                    self._finish_batch(*pending.result())
                pending = pool.submit(_batch_postings, *staged)
            if pending is not None:
                self._finish_batch(*pending.result())
            if compact:
                merging = [pool.submit(p.compact) for p in (self.pairs, self.terms)]
                self.exact.compact()
                self.titles.compact()
                for future in merging:
                    future.result()

    def plan_compaction(self) -> list:
        """The segment merges due after ``add(..., compact=False)``, worked out without changing the
        index, so a loader can do them while searches go on; ``apply_compaction`` puts them in place."""
        return [(postings, plan) for postings in (self.pairs, self.terms, self.exact, self.titles)
                if (plan := postings.compaction()) is not None]

    def apply_compaction(self, plans: list) -> None:
        for postings, plan in plans:
            postings.apply(plan)

    def _stage_batch(self, batch: list[Analysis], blocks: list[tuple[int, Future]]) -> tuple:
        """Tokenise a batch and record its fields; what ``_batch_postings`` needs, as private copies."""
        base = len(self._analyses)
        exact_parts, text_parts = [np.zeros(0, np.uint32)], [np.zeros(0, np.int64)]
        for first, block in blocks:
            exact, text = self._block_tokens(block.result())
            exact_parts.append(exact)
            text_parts.append(text + first)
        exact, text = np.concatenate(exact_parts), np.concatenate(text_parts)
        extra = self._entity_terms(batch)
        for i, analysis in enumerate(batch):
            self._add_fields(base + i, analysis)
        self._analyses.extend(batch)
        exact_term = np.frombuffer(self._exact_term, dtype=np.uint32).copy()
        return base, len(batch), exact, text, exact_term, self._alias_arrays(), extra

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

    def _entity_terms(self, batch: list[Analysis]) -> list[tuple[int, int]]:
        """(doc in batch, term) for abbreviation expansions the article itself defines ("(CĐCS)")."""
        keys = []
        for i, analysis in enumerate(batch):
            for entity in analysis.entities:
                if entity.type == "abbreviation" and isinstance(entity.value, str):
                    keys.extend((i, self._term_id(f)) for f in fold_phrase(entity.value))
        return keys

    def _count_df(self, segment: Postings | None) -> None:
        n = len(self._terms)
        if n > len(self._df):
            grown = np.zeros(max(n, 2 * len(self._df)), dtype=np.int64)
            grown[: len(self._df)] = self._df
            self._df = grown
        if segment is not None:
            self._df[segment.keys.astype(np.int64)] += np.diff(segment.offsets)

    def _add_fields(self, doc: int, analysis: Analysis) -> None:
        fields = self.fields

        def put(name: str, value: str) -> None:
            docs = fields[name].get(value)
            if docs is None:
                docs = fields[name][value] = array("I")
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
            keys = self._date_keys.get(iso)
            if keys is None:
                keys = ()
                if _YEAR_START.match(iso):
                    keys = tuple(k for k in dict.fromkeys((iso[:4], iso[:7], iso[:10])) if _DATE_KEY.fullmatch(k))
                self._date_keys[iso] = keys
            for key in keys:
                put("date", key)
            if keys:
                facets.add(("year", iso[:4]))
        date = analysis.date or analysis.article.published or ""
        self._dates.append(date)
        self._date_numbers.append(_date_number(date))
        for facet in facets:
            fid = self._facet_ids.setdefault(facet, len(self._facet_names))
            if fid == len(self._facet_names):
                self._facet_names.append(facet)
            self._facet_doc.append(doc)
            self._facet_val.append(fid)


class _Block(NamedTuple):
    """A block of texts cut into chunks, with each chunk's hash key (computed off the main thread)."""

    buf: bytes
    starts: np.ndarray  # chunk i is buf[starts[i] : starts[i] + lengths[i]]
    lengths: np.ndarray
    lo: np.ndarray  # the chunk's first 8 bytes (zero-padded)
    keys: np.ndarray  # non-zero hash of its first 16 bytes
    chunk_text: np.ndarray  # the text (of the block) the chunk is in


def _date_number(iso: str) -> int:
    """ "2024-01-30" → 20240130, "2024-01" → 20240100, "2024" → 20240000: sorts as the strings do."""
    digits = iso[:4] + iso[5:7].ljust(2, "0") + iso[8:10].ljust(2, "0")
    return int(digits) if digits.isdigit() and len(digits) == 8 else 0


def _blocks(texts: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(index of the first, texts) in runs of about ``_BLOCK_CHARS``: small enough for the CPU cache."""
    first = 0
    while first < len(texts):
        last, size = first, 0
        while last < len(texts) and (size < _BLOCK_CHARS or last == first):
            size += len(texts[last]) + 1
            last += 1
        yield first, texts[first:last]
        first = last


def _block_keys(texts: list[str]) -> _Block:
    raw = "\0".join(texts).encode("utf-8", "replace")
    text_start = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == 0) + 1
    if len(text_start) != len(texts) - 1:  # a NUL inside a text: find the joins the slow way
        text_start = np.cumsum([len(t.encode("utf-8", "replace")) + 1 for t in texts[:-1]], dtype=np.int64)
    buf = raw.translate(_CHUNK_TABLE) + _PAD
    inside = np.frombuffer(buf, dtype=np.uint8) != 0x20
    edges = np.flatnonzero(inside[1:] != inside[:-1]) + 1
    if inside[0]:
        edges = np.concatenate(([0], edges))
    starts = edges[0::2]
    lengths = edges[1::2] - starts
    per_text = np.diff(np.searchsorted(starts, text_start), prepend=0, append=len(starts))
    chunk_text = np.repeat(np.arange(len(texts), dtype=np.int64), per_text)
    words = np.frombuffer(buf, dtype=np.uint64, count=len(buf) // 8)
    at_byte = np.lib.stride_tricks.as_strided(words, shape=(len(buf) - 16,), strides=(1,), writeable=False)
    lo = at_byte[starts] & _BYTE_MASK[np.minimum(lengths, 8)]
    keys = lo * _MIX_LO
    longer = np.flatnonzero(lengths > 8)  # most syllables fit 8 bytes
    hi = at_byte[starts[longer] + 8] & _BYTE_MASK[np.minimum(lengths[longer] - 8, 8)]
    keys[longer] ^= hi * _MIX_HI
    keys[keys == 0] = 1
    return _Block(buf, starts, lengths, lo, keys, chunk_text)


def _pack(keys: np.ndarray, docs: np.ndarray, doc_bits: int, key_limit: int) -> np.ndarray:
    """key << doc_bits | doc for keys below ``key_limit``: 32 bits when that fits (a 32-bit sort is
    twice as fast)."""
    dtype = np.uint32 if key_limit <= (1 << (32 - doc_bits)) else np.uint64
    packed = keys.astype(dtype) << dtype(doc_bits)
    packed |= docs.astype(dtype, copy=False)
    return packed


def _unpack(packed: np.ndarray, doc_bits: int) -> tuple[np.ndarray, np.ndarray]:
    dtype = packed.dtype.type
    keys = (packed >> dtype(doc_bits)).astype(np.uint64, copy=False)
    return keys, (packed & dtype((1 << doc_bits) - 1)).astype(np.uint32)


def _group(packed: np.ndarray, doc_bits: int, drop_last: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, doc, occurrences) per distinct packed (key, doc), sorted by key then doc; the
    ``drop_last`` greatest values are left out. Sorts ``packed`` in place."""
    packed.sort()
    if drop_last:
        packed = packed[: len(packed) - drop_last]
    if not len(packed):
        return np.zeros(0, np.uint64), np.zeros(0, np.uint32), np.zeros(0, np.int64)
    last = np.empty(len(packed), dtype=bool)  # the last of each run of equal values
    np.not_equal(packed[1:], packed[:-1], out=last[:-1])
    last[-1] = True
    ends = np.flatnonzero(last)
    counts = np.empty(len(ends), dtype=np.int64)
    counts[0] = ends[0] + 1
    np.subtract(ends[1:], ends[:-1], out=counts[1:])
    keys, docs = _unpack(packed[ends], doc_bits)
    return keys, docs, counts


def _batch_postings(
    base: int,
    n: int,
    exact: np.ndarray,
    text: np.ndarray,
    exact_term: np.ndarray,
    alias_table: tuple[np.ndarray, np.ndarray, np.ndarray],
    extra: list[tuple[int, int]],
) -> tuple[np.ndarray, tuple[Postings, Postings, Postings, Postings]]:
    """The term, pair, exact-spelling and title segments of one tokenised batch (pure numpy)."""
    doc_bits = max(1, (n - 1).bit_length())
    term_limit = int(exact_term.max(initial=0)) + 1
    cut = int(np.searchsorted(text, n))
    doc = text[:cut]
    doc_len = np.bincount(doc, minlength=n)

    # Exact spellings first: one sort of every token; the folded terms' postings then come from
    # the far fewer distinct (spelling, doc) entries, each spelling folding to one term.
    spelling, in_doc, count = _group(_pack(exact[:cut], doc, doc_bits, len(exact_term)), doc_bits)
    exact_seg = Postings.from_sorted(spelling, in_doc + np.uint32(base), np.ones(len(in_doc), np.uint16))
    term = exact_term[spelling]
    keys = [(term, in_doc, count)]
    start, n_alias, alias_terms = alias_table
    with_alias = np.flatnonzero(n_alias[term])
    if len(with_alias):
        lens = n_alias[term[with_alias]]
        flat = np.repeat(start[term[with_alias]] - np.cumsum(lens) + lens, lens)
        flat += np.arange(len(flat), dtype=np.int64)
        keys.append((alias_terms[flat], np.repeat(in_doc[with_alias], lens), np.repeat(count[with_alias], lens)))
    if extra:
        keys.append((np.array([t for _, t in extra], np.uint32), np.array([i for i, _ in extra], np.uint32), None))
    counted = []
    for term, docs, counts in keys:
        packed = _pack(term, docs, doc_bits, 1 << TERM_BITS) << np.uint64(16)
        counted.append(packed | (np.minimum(counts, 0xFFFF).astype(np.uint64) if counts is not None else np.uint64(1)))
    packed = np.concatenate(counted)
    packed.sort()
    key = packed >> np.uint64(16)
    start = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if len(packed) else np.zeros(0, np.int64)
    counts = np.add.reduceat((packed & np.uint64(0xFFFF)).astype(np.int64), start) if len(start) else start
    term, in_doc = _unpack(packed[start] >> np.uint64(16), doc_bits)
    terms_seg = Postings.from_sorted(term, in_doc + np.uint32(base), counts)

    # Adjacent pairs: two term ids and a doc packed in one integer, as tight as the ids allow; the
    # pairs that straddle two docs get the largest key and are cut off after the sort.
    body_terms = exact_term[exact[:cut]].astype(np.uint64)
    term_bits = max(1, (term_limit - 1).bit_length())
    if 2 * term_bits + doc_bits >= 64:
        raise OverflowError("search vocabulary too large for the batch size")
    packed = body_terms[:-1] << np.uint64(term_bits + doc_bits)
    packed |= body_terms[1:] << np.uint64(doc_bits)
    packed |= doc[:-1].astype(np.uint64)
    straddle = np.flatnonzero(doc[1:] != doc[:-1])
    packed[straddle] = np.uint64(2**64 - 1)
    pair, in_doc, count = _group(packed, doc_bits, drop_last=len(straddle))
    pair = ((pair >> np.uint64(term_bits)) << np.uint64(TERM_BITS)) | (pair & np.uint64((1 << term_bits) - 1))
    pairs_seg = Postings.from_sorted(pair, in_doc + np.uint32(base), count)

    term, in_doc, _ = _group(_pack(exact_term[exact[cut:]], text[cut:] - n, doc_bits, term_limit), doc_bits)
    titles_seg = Postings.from_sorted(term, in_doc + np.uint32(base), np.ones(len(in_doc), np.uint16))

    return doc_len, (terms_seg, pairs_seg, exact_seg, titles_seg)
