"""Packed posting lists for the search index: numpy arrays grouped by key, in merge-on-add segments.

A ``Postings`` maps a 64-bit key (a term id, or two term ids for an adjacent pair) to the ascending
doc ids that contain it and a small weight per doc (occurrence count). Each ``add`` batch becomes a
segment; segments of similar size are merged (a binary-counter / LSM policy) so a lookup visits only
O(log n) of them while the build stays O(n log n).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PostingSet", "Postings", "unique_counts"]

_EMPTY_U32 = np.zeros(0, dtype=np.uint32)
_EMPTY_U16 = np.zeros(0, dtype=np.uint16)


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
    docs: np.ndarray  # uint32, ascending within a key
    weights: np.ndarray  # uint16 occurrence counts (saturated)

    @classmethod
    def build(cls, keys: np.ndarray, docs: np.ndarray, weights: np.ndarray) -> Postings:
        """Group entries by key. Entries of one key must already come in ascending doc order."""
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        change = np.flatnonzero(keys[1:] != keys[:-1]) + 1 if len(keys) else _EMPTY_U32
        starts = np.concatenate(([0], change)).astype(np.int64) if len(keys) else np.zeros(0, np.int64)
        offsets = np.append(starts, len(keys)).astype(np.int64)
        w = np.minimum(weights[order], 65535).astype(np.uint16)
        return cls(keys[starts], offsets, docs[order].astype(np.uint32), w)

    @property
    def size(self) -> int:
        return len(self.docs)

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.offsets.nbytes + self.docs.nbytes + self.weights.nbytes

    def get(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        key = np.uint64(key)  # a Python int would make numpy cast the whole key array first
        i = int(self.keys.searchsorted(key))
        if i < len(self.keys) and self.keys[i] == key:
            a, b = self.offsets[i], self.offsets[i + 1]
            return self.docs[a:b], self.weights[a:b]
        return _EMPTY_U32, _EMPTY_U16

    def merged(self, later: Postings) -> Postings:
        """One segment from two, ``later`` holding only higher doc ids (so doc order stays ascending)."""
        keys = np.concatenate(
            (np.repeat(self.keys, np.diff(self.offsets)), np.repeat(later.keys, np.diff(later.offsets)))
        )
        # Two sorted runs: the stable sort (timsort) merges them in linear time.
        return Postings.build(
            keys, np.concatenate((self.docs, later.docs)), np.concatenate((self.weights, later.weights))
        )


class PostingSet:
    """Segments of one kind of postings; ``get`` concatenates a key's docs across them."""

    def __init__(self) -> None:
        self.segments: list[Postings] = []

    def add(self, segment: Postings) -> None:
        self.segments.append(segment)
        segs = self.segments
        while len(segs) > 1 and segs[-2].size <= 2 * segs[-1].size:
            later = segs.pop()
            segs[-1] = segs[-1].merged(later)

    @property
    def nbytes(self) -> int:
        return sum(s.nbytes for s in self.segments)

    def get(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.segments) == 1:
            return self.segments[0].get(key)
        parts = [s.get(key) for s in self.segments]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return _EMPTY_U32, _EMPTY_U16
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
