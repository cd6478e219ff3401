"""Lists of names in three orders, filtered by typing with the search's folding and typo rules.

Every typed word must match a word of the name: the same folded word, a word within the search's typo
budget (``typos.close_terms``), or, for the last word while it is being typed (no space after it), the
start of a longer word. Work per keystroke is bounded by the distinct name words and vectorised over
the rows (a boolean mask per typed word), so it stays a few milliseconds at 100k names.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..gc_pacing import collector_paused
from ..search import close_terms
from ..text import fold_tokens, nfc

SORTS = ("articles", "name", "latest")


class NameFilter:
    """Rows (0…n-1) by the folded words of their keys ("truong minh khue")."""

    def __init__(self, keys: Sequence[str]) -> None:
        rows_of: dict[str, list[int]] = {}
        for row, key in enumerate(keys):
            for word in set(key.split()):
                rows_of.setdefault(word, []).append(row)
        self._size = len(keys)
        self._rows_of = {w: np.array(rows, dtype=np.int32) for w, rows in rows_of.items()}
        self._words = sorted(rows_of)
        by_first: dict[str, list[str]] = {}
        for word in self._words:
            by_first.setdefault(word[0], []).append(word)
        self._by_first = by_first
        self._cache: dict[tuple[str, bool], np.ndarray] = {}

    def words_matching(self, word: str, prefix: bool) -> list[str]:
        """Name words the typed (folded) ``word`` matches: itself, near spellings, completions."""
        out = [word] if word in self._rows_of else []
        out.extend(term for term, _ in close_terms(word, self._by_first.get(word[:1], ())))
        if prefix:
            lo = bisect.bisect_right(self._words, word)
            hi = bisect.bisect_left(self._words, word + "\U0010ffff", lo)
            out.extend(self._words[lo:hi])
        return out

    def _mask(self, word: str, prefix: bool) -> np.ndarray:
        cached = self._cache.get((word, prefix))
        if cached is None:
            cached = np.zeros(self._size, dtype=bool)
            for term in self.words_matching(word, prefix):
                cached[self._rows_of[term]] = True
            if len(self._cache) > 128:
                self._cache.clear()
            self._cache[(word, prefix)] = cached
        return cached

    def rows_with_rarest(self, words: Sequence[str]) -> np.ndarray:
        """The rows whose keys have the rarest of ``words`` (folded): a superset of those having them all,
        found without a pass over every row."""
        found = [self._rows_of.get(word) for word in words]
        if not found or any(rows is None for rows in found):
            return np.zeros(0, dtype=np.int32)
        return min(found, key=len)

    def match(self, query: str) -> np.ndarray | None:
        """A mask of the rows whose names match every typed word; None when nothing is typed."""
        query = nfc(query)
        words = fold_tokens(query)
        if not words:
            return None
        typing_last = not query[-1:].isspace()
        found: np.ndarray | None = None
        for i, word in enumerate(words):
            mask = self._mask(word, typing_last and i == len(words) - 1)
            found = mask if found is None else found & mask
        return found


# Sightings an identity keeps, spread over the row's: namesakes never share one, so a few tell them apart
# (a federation's chair is seen in thousands of articles: all of them would cost the swap milliseconds).
IDENTITY_SIGHTINGS = 64


@dataclass(frozen=True, slots=True)
class RowIdentity:
    """Who a row is, to find them again in a table built later (more articles loaded, some retired):
    their key, and what tells namesakes (rows of one key) apart: (article, fact) pairs they were seen
    in, which no two rows of a table share. ``name`` is shown; it is the last resort."""

    key: str
    name: str
    seen: frozenset[tuple[int, int]] = frozenset()


_INVERT = str.maketrans("0123456789", "9876543210")


def newest_first(date: str | None) -> str:
    """Sort key putting the newest ISO date first and unknown dates last ("~" sorts after digits)."""
    return date.translate(_INVERT) if date else "~"


class Listing:
    """Rows with a folded ``key`` each, listed in three orders and filtered by typing (shared by the
    people and organisation tables). Subclasses give ``rows``."""

    rows: tuple[Any, ...]

    def _init_listing(self) -> None:
        self._orders: dict[str, np.ndarray] = {}
        self._filter: NameFilter | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def sort_key(self, sort: str) -> Callable[[int], Any]:
        """Row number → sort key; rows have ``key``, ``name``, ``last`` (ISO date) and ``articles``."""
        rows = self.rows
        if sort == "name":
            names = [(r.key, r.name) for r in rows]
            return names.__getitem__
        if sort == "latest":
            # Newest first, then most articles: the last date inverted character by character sorts
            # ascending with everything else (undated rows last).
            latest = [(newest_first(r.last), -r.articles, r.key) for r in rows]
            return latest.__getitem__
        counts = [(-r.articles, r.key) for r in rows]
        return counts.__getitem__

    def filter_text(self, query: str) -> str:
        """The typed text as the filter reads it (organisations write abbreviations out)."""
        return query

    def _order(self, sort: str) -> np.ndarray:
        cached = self._orders.get(sort)
        if cached is None:
            ranked = sorted(range(len(self.rows)), key=self.sort_key(sort))
            cached = self._orders[sort] = np.array(ranked, dtype=np.int64)
        return cached

    def order(self, sort: str = "articles") -> list[int]:
        """Row numbers sorted by articles (most first), name, or latest date (newest first)."""
        return self._order(sort).tolist()

    def filtered(self, query: str, sort: str = "articles") -> list[int]:
        """Row numbers whose names match ``query``, in ``sort`` order."""
        found = self._name_filter().match(self.filter_text(query))
        order = self._order(sort)
        return order.tolist() if found is None else order[found[order]].tolist()

    def seen_in(self, row: int, most: int | None = None) -> list[tuple[int, int]]:
        """What tells ``row`` apart from rows of the same key, ``most`` of them spread over all when
        given (none here: one row per key)."""
        return []

    def identity(self, row: int) -> RowIdentity:
        r = self.rows[row]
        return RowIdentity(r.key, r.name, frozenset(self.seen_in(row, IDENTITY_SIGHTINGS)))

    def rows_keyed(self, key: str) -> list[int]:
        """The rows whose key is ``key`` (namesakes share one), through the filter's word index."""
        rows = self.rows
        return [row for row in self._name_filter().rows_with_rarest(key.split()).tolist() if rows[row].key == key]

    def _name_filter(self) -> NameFilter:
        if self._filter is None:
            self._filter = NameFilter([r.key for r in self.rows])
        return self._filter

    def find(self, identity: RowIdentity) -> int | None:
        """The row of the person or body ``identity`` is (of this table or an earlier one): the row of
        its key, or of namesakes the one seen in most of the same articles' facts; None when there is
        none, or no namesake shares a sighting with it."""
        rows = self.rows_keyed(identity.key)
        if len(rows) <= 1:
            return rows[0] if rows else None
        seen = identity.seen
        shared = [(sum(1 for pair in self.seen_in(row) if pair in seen), row) for row in rows]
        most, row = max(shared, key=lambda sr: sr[0])  # (the first of most)
        return row if most else None

    def prepare(self) -> None:
        """Build the filter and every order now (in a background worker), not on the first keystroke."""
        with collector_paused():
            for sort in SORTS:
                self._order(sort)
            self.filtered("")
