"""The pure, array-only steps of building the search index, run on worker threads: text blocks →
chunk keys (``block_keys``), and a tokenised batch → sorted posting segments (``batch_postings``);
with the growable arrays and the hash table the builder keeps its chunk tables in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np

from .postings import Postings

__all__ = ["TERM_BITS", "Block", "Grow", "HashTable", "batch_postings", "block_keys", "text_blocks"]

TERM_BITS = 26  # term ids fit 26 bits (67M terms): two of them and a batch-local doc fit one uint64

_CHUNK_TABLE = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) in ".,/-" else 0x20 for b in range(256))
_PAD = b" " * 24
_BLOCK_BYTES = 1 << 20  # text (UTF-8) per tokenising block
_BYTE_MASK = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
_MIX_LO = np.uint64(0x9E3779B97F4A7C15)
_MIX_HI = np.uint64(0xC2B2AE3D27D4EB4F)


class Grow:
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


class HashTable:
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


class Block(NamedTuple):
    """A block of texts cut into chunks, with each chunk's hash key (computed off the main thread)."""

    buf: bytes
    starts: np.ndarray  # chunk i is buf[starts[i] : starts[i] + lengths[i]]
    lengths: np.ndarray
    lo: np.ndarray  # the chunk's first 8 bytes (zero-padded)
    keys: np.ndarray  # non-zero hash of its first 16 bytes
    chunk_text: np.ndarray  # the text (of the block) the chunk is in


def text_blocks(texts: list[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    """(index of the first, texts) in runs of about ``_BLOCK_BYTES``: small enough for the CPU cache."""
    first = 0
    while first < len(texts):
        last, size = first, 0
        while last < len(texts) and (size < _BLOCK_BYTES or last == first):
            size += len(texts[last]) + 1
            last += 1
        yield first, texts[first:last]
        first = last


def block_keys(texts: list[bytes]) -> Block:
    """The chunks of ``texts`` (UTF-8) and their keys."""
    raw = b"\0".join(texts)
    text_start = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == 0) + 1
    if len(text_start) != len(texts) - 1:  # a NUL inside a text: find the joins the slow way
        text_start = np.cumsum([len(t) + 1 for t in texts[:-1]], dtype=np.int64)
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
    return Block(buf, starts, lengths, lo, keys, chunk_text)


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


def batch_postings(
    base: int,
    n: int,
    exact: np.ndarray,
    text: np.ndarray,
    exact_term: np.ndarray,
    alias_table: tuple[np.ndarray, np.ndarray, np.ndarray],
    extra: tuple[np.ndarray, np.ndarray] | None,
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
    if extra is not None:  # (doc in batch, term): each counted once
        keys.append((extra[1], extra[0], None))
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
