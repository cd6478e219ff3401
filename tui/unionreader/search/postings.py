"""Packed posting lists for the search index: numpy arrays grouped by key, in merge-on-add segments.

A ``Postings`` maps a 64-bit key (a term id, or two term ids for an adjacent pair) to the ascending
doc ids that contain it and a small weight per doc (occurrence count). Each indexed batch becomes a
segment; ``compact`` merges the newest ones (a size-tiered / LSM policy) so a lookup visits only
O(log n) of them while the build stays O(n log n).

Weights are kept in one byte: almost every count is 1 (a pair of syllables, mostly), and the few
over 255 go to a side table, read back only by the lookups whose slice holds one. A kind whose
weights are all 1 (exact spellings, title terms) keeps none: a lookup makes the ones. (The saved
index holds these arrays as they are: half the bytes of two-byte weights.)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

__all__ = ["PostingSet", "Postings", "unique_counts"]

_EMPTY_U32 = np.zeros(0, dtype=np.uint32)
_EMPTY_U8 = np.zeros(0, dtype=np.uint8)
_EMPTY_I64 = np.zeros(0, dtype=np.int64)
_BYTE = 255  # the largest weight kept in ``weights``; larger ones are in the side table
_MERGE_SLICE = 1 << 20  # postings of a segment placed at a time by a merge
# A segment is merged with the newer ones once they hold this many times its postings: about five
# segments of a size build up before they become one. Merging as soon as they held twice as many (a
# binary counter) copied each posting ~10 times in a 100k cold open (at 10k, a tenth of the opening
# process's indexing instructions); this copies it ~4 times, and a lookup meanwhile visits ~5 segments
# per size, not ~1.
MERGE_FAN_IN = 4
# The same for a load nobody searches until it ends (headless: ``facts``, ``search``, ``index``), whose
# segments are all merged into one then: ~17 of a size, each posting copied about twice before that.
BULK_MERGE_FAN_IN = 16


def unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` by sorting: several times faster than numpy's hash path."""
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    ordered = np.sort(keys)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


@dataclass(frozen=True, slots=True)
class Postings:
    keys: np.ndarray  # uint64, sorted, unique
    offsets: np.ndarray  # int64, len(keys) + 1: docs of keys[i] are docs[offsets[i]:offsets[i+1]]
    docs: np.ndarray  # ascending within a key: doc ids (uint32) or, when they span less than 2**16, ids - base (uint16)
    weights: np.ndarray  # uint8 occurrence counts, 255 for 255 and over; empty when all are 1
    large_at: np.ndarray = field(default_factory=lambda: _EMPTY_I64)  # ascending positions (in ``docs``) of counts over 255
    large: np.ndarray = field(default_factory=lambda: _EMPTY_U32)  # those counts
    base: int = 0  # added to two-byte ``docs``

    @classmethod
    def build(cls, keys: np.ndarray, docs: np.ndarray, weights: np.ndarray) -> Postings:
        """Group entries by key. Entries of one key must already come in ascending doc order."""
        order = np.argsort(keys, kind="stable")
        return cls.from_sorted(keys[order], docs[order], weights[order])

    @classmethod
    def from_sorted(cls, keys: np.ndarray, docs: np.ndarray, weights: np.ndarray) -> Postings:
        """Entries already sorted by key, then doc: one entry per (key, doc)."""
        if len(keys):
            starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        else:
            starts = np.zeros(0, np.int64)
        offsets = np.append(starts, len(keys)).astype(np.int64)
        docs, base = _narrowed(docs)
        return cls(keys[starts].astype(np.uint64), offsets, docs, *_packed(np.asarray(weights)), base)

    @property
    def size(self) -> int:
        return len(self.docs)

    @property
    def nbytes(self) -> int:
        arrays = (self.keys, self.offsets, self.docs, self.weights, self.large_at, self.large)
        return sum(a.nbytes for a in arrays)

    def get(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        key = np.uint64(key)  # a Python int would make numpy cast the whole key array first
        i = int(self.keys.searchsorted(key))
        if i < len(self.keys) and self.keys[i] == key:
            a, b = int(self.offsets[i]), int(self.offsets[i + 1])
            return self.docs_of(a, b), self.weights_of(a, b)
        return _EMPTY_U32, _EMPTY_U8

    def docs_of(self, a: int, b: int) -> np.ndarray:
        """The doc ids (uint32) of postings ``a:b``."""
        docs = self.docs[a:b]
        if docs.dtype == np.uint32:
            return docs
        docs = docs.astype(np.uint32)
        if self.base:
            docs += np.uint32(self.base)
        return docs

    def all_docs(self) -> np.ndarray:
        return self.docs_of(0, self.size)

    def weights_of(self, a: int, b: int) -> np.ndarray:
        """The weights of postings ``a:b``."""
        if not len(self.weights):
            return np.ones(b - a, dtype=np.uint8)
        weights = self.weights[a:b]
        if len(self.large_at):
            lo, hi = np.searchsorted(self.large_at, (a, b)).tolist()
            if hi > lo:
                weights = weights.astype(np.uint32)
                weights[self.large_at[lo:hi] - a] = self.large[lo:hi]
        return weights

    def all_weights(self) -> np.ndarray:
        """Every posting's weight, in full (a merge's input)."""
        return self.weights_of(0, self.size) if self.size else _EMPTY_U8

    @classmethod
    def merge(cls, parts: list[Postings]) -> Postings:
        """One segment from several, each holding only higher doc ids than the ones before it.

        Linear in the postings: every entry is copied straight to its place, no sort of postings."""
        if len(parts) == 1:
            return parts[0]
        keys = np.sort(np.concatenate([p.keys for p in parts]), kind="stable")  # sorted runs: merged
        if len(keys):
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        where = [np.searchsorted(keys, p.keys) for p in parts]
        count = np.zeros(len(keys), dtype=np.int64)
        for p, at in zip(parts, where, strict=True):
            count[at] += np.diff(p.offsets)
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(count, out=offsets[1:])
        fill = offsets[:-1].copy()  # where each key's next docs go
        docs = np.empty(int(offsets[-1]), dtype=np.uint32)
        implicit = all(not len(p.weights) for p in parts if p.size)  # all 1: kept implicit
        wide = any(len(p.large) for p in parts)
        weights = _EMPTY_U8 if implicit else np.empty(len(docs), dtype=np.uint32 if wide else np.uint8)
        for p, at in zip(parts, where, strict=True):
            n = np.diff(p.offsets)
            # A slice of keys at a time: each posting's destination (8 bytes) and its doc id, worked
            # out for a whole large segment at once, were most of a merge's memory (a cold open's peak).
            cuts = np.searchsorted(p.offsets, np.arange(_MERGE_SLICE, p.size, _MERGE_SLICE)).tolist()
            for k0, k1 in itertools.pairwise([0, *cuts, len(n)]):
                if k1 <= k0:
                    continue
                a, b = int(p.offsets[k0]), int(p.offsets[k1])
                dest = np.repeat(fill[at[k0:k1]] - p.offsets[k0:k1], n[k0:k1])
                dest += np.arange(a, b)
                docs[dest] = p.docs_of(a, b)
                if not implicit:
                    weights[dest] = p.weights_of(a, b)
            fill[at] += n
        packed = (weights, _EMPTY_I64, _EMPTY_U32) if implicit or not wide else _packed(weights)
        narrow, base = _narrowed(docs)
        return cls(keys.astype(np.uint64), offsets, narrow, *packed, base)


class PostingSet:
    """Segments of one kind of postings; ``get`` concatenates a key's docs across them."""

    def __init__(self) -> None:
        self.segments: list[Postings] = []

    def add(self, segment: Postings) -> None:
        """Append a segment of higher doc ids; ``compact`` merges them."""
        self.segments.append(segment)

    def compact(self, fan_in: int = MERGE_FAN_IN) -> None:
        """Merge the newest segments until each holds at least 1/``fan_in`` of all newer ones together.

        That keeps O(log n) segments while each posting is copied O(log n) times at most; a big
        ``add`` of many batches is merged once, at its end."""
        plan = self.compaction(fan_in)
        if plan is not None:
            self.apply(plan)

    def compaction(self, fan_in: int = MERGE_FAN_IN) -> tuple[int, int, Postings] | None:
        """The merge ``compact`` would make, as (first, end, merged segment), made without changing
        this set: searches may go on reading it meanwhile (a merge of a large index takes seconds)."""
        segs = list(self.segments)
        newer, first = 0, len(segs)
        for i in range(len(segs) - 1, -1, -1):
            if segs[i].size * fan_in < newer:
                first = i
            newer += segs[i].size
        if first >= len(segs) - 1:
            return None
        return first, len(segs), Postings.merge(segs[first:])

    def apply(self, plan: tuple[int, int, Postings]) -> None:
        """Put a ``compaction`` in place: the same postings, in fewer segments."""
        first, end, merged = plan
        segments = self.segments
        # A new list, swapped in by one assignment: a reader sees the old segments or the new ones.
        self.segments = [*segments[:first], merged, *segments[end:]]

    @property
    def nbytes(self) -> int:
        return sum(s.nbytes for s in self.segments)

    def get(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        segments = self.segments  # (read once: ``apply`` may swap the list meanwhile)
        if len(segments) == 1:
            return segments[0].get(key)
        parts = [s.get(key) for s in segments]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return _EMPTY_U32, _EMPTY_U8
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _packed(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one-byte weights or none when all are 1, positions of those over 255, their counts)."""
    if not len(weights) or (weights == 1).all():
        return _EMPTY_U8, _EMPTY_I64, _EMPTY_U32
    large_at = np.flatnonzero(weights > _BYTE)
    if not len(large_at):
        return weights.astype(np.uint8), _EMPTY_I64, _EMPTY_U32
    return np.minimum(weights, _BYTE).astype(np.uint8), large_at.astype(np.int64), weights[large_at].astype(np.uint32)


def _narrowed(docs: np.ndarray) -> tuple[np.ndarray, int]:
    """Doc ids as stored, and their base: two bytes from the lowest when they span less than 2**16
    (an archive of up to 65,536 articles, or a segment of a larger one), else four."""
    if not len(docs):
        return _EMPTY_U32, 0
    low, high = int(docs.min()), int(docs.max())
    if high - low >= 1 << 16:
        return docs.astype(np.uint32, copy=False), 0
    # (One pass: both cast to two bytes, then subtracted; it wraps to the same values, as they span less.)
    return np.subtract(docs, np.uint32(low), dtype=np.uint16, casting="unsafe"), low
