"""Per-doc arrays that ranking computes from the postings and keeps while the index is unchanged:
a term's BM25, a query word's match, a clause's match; and the byte-bounded cache that holds them."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

__all__ = ["DENSE_SHARE", "NO_MATCH", "ArrayCache", "ClauseMatch", "TermData", "WordMatch"]

DENSE_SHARE = 16  # a term in more than 1/16 of the docs is kept as whole per-doc arrays
NO_MATCH = 255  # the typos of a doc that does not match


class TermData:
    """What one term contributes to a clause: its docs and BM25 per doc, sparse; or, for a term in
    many docs, as whole per-doc arrays, which masked copies handle faster than scattering that many
    doc ids."""

    __slots__ = ("dense", "docs", "nbytes", "present", "score")

    def __init__(self, docs: np.ndarray, score: np.ndarray, n: int) -> None:
        self.docs = self.score = self.present = self.dense = None
        if len(docs) * DENSE_SHARE > n:
            self.present = np.zeros(n, dtype=bool)
            self.present[docs] = True
            self.dense = np.zeros(n, dtype=np.float32)
            self.dense[docs] = score
            self.nbytes = 5 * n
        else:
            self.docs = docs.astype(np.intp)  # numpy indexes with intp without converting
            self.score = score
            self.nbytes = self.docs.nbytes + score.nbytes


class WordMatch:
    """A query word's expansions and, per doc, the score and typos of the best one it holds."""

    __slots__ = ("expansions", "has_typos", "score", "typos")

    def __init__(self, n: int, expansions: list[tuple[int, int, bool]]) -> None:
        self.expansions = expansions  # [(term id, typos, is completion)], best first
        self.score = np.zeros(n, dtype=np.float32)
        self.typos = np.full(n, NO_MATCH, dtype=np.uint8)
        self.has_typos = False  # some doc matched through a typo correction

    @property
    def nbytes(self) -> int:
        return self.score.nbytes + self.typos.nbytes


class ClauseMatch:
    """One query clause's match per doc, assembled from its alternatives."""

    __slots__ = ("docs", "fresh", "has_typos", "score", "typos")

    def __init__(self, n: int) -> None:
        self.docs = np.zeros(n, dtype=bool)
        self.score = np.zeros(n, dtype=np.float32)
        self.typos = np.full(n, NO_MATCH, dtype=np.uint8)
        self.has_typos = False  # some doc matched through a typo correction
        self.fresh = True  # no alternative has matched yet


class ArrayCache:
    """Arrays computed from the postings, kept while the index does not change, up to a byte
    budget; the least recently used go first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[object, tuple[object, int]] = OrderedDict()

    def get(self, key: object):
        item = self.items.get(key)
        if item is None:
            return None
        self.items.move_to_end(key)
        return item[0]

    def put(self, key: object, value: object, nbytes: int) -> None:
        self.items[key] = (value, nbytes)
        self.used += nbytes
        while self.used > self.budget and len(self.items) > 1:
            _, (_, size) = self.items.popitem(last=False)
            self.used -= size

    def clear(self) -> None:
        self.items.clear()
        self.used = 0
