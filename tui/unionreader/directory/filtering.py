"""Filter a list of names by typing, with the search's folding and typo rules.

Every typed word must match a word of the name: the same folded word, a word within the search's typo
budget (``typos.close_terms``), or, for the last word while it is being typed (no space after it), the
start of a longer word. Work per keystroke is bounded by the distinct name words, not by the rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..aliases import fold_phrase
from ..text import nfc
from ..typos import close_terms


class NameFilter:
    """Rows (0…n-1) by the folded words of their keys ("truong minh khue")."""

    def __init__(self, keys: Sequence[str]) -> None:
        rows_of: dict[str, list[int]] = {}
        for row, key in enumerate(keys):
            for word in set(key.split()):
                rows_of.setdefault(word, []).append(row)
        self._rows_of = rows_of
        self._words = sorted(rows_of)
        by_first: dict[str, list[str]] = {}
        for word in self._words:
            by_first.setdefault(word[0], []).append(word)
        self._by_first = by_first
        self._cache: dict[tuple[str, bool], frozenset[int]] = {}

    def words_matching(self, word: str, prefix: bool) -> list[str]:
        """Name words the typed (folded) ``word`` matches: itself, near spellings, completions."""
        out = [word] if word in self._rows_of else []
        out.extend(term for term, _ in close_terms(word, self._by_first.get(word[:1], ())))
        if prefix:
            lo = bisect.bisect_right(self._words, word)
            hi = bisect.bisect_left(self._words, word + "\U0010ffff", lo)
            out.extend(self._words[lo:hi])
        return out

    def _rows(self, word: str, prefix: bool) -> frozenset[int]:
        cached = self._cache.get((word, prefix))
        if cached is None:
            rows: set[int] = set()
            for term in self.words_matching(word, prefix):
                rows.update(self._rows_of[term])
            if len(self._cache) > 4096:
                self._cache.clear()
            cached = self._cache[(word, prefix)] = frozenset(rows)
        return cached

    def match(self, query: str) -> frozenset[int] | None:
        """Rows whose names match every typed word; None when nothing is typed (no filter)."""
        query = nfc(query)
        words = fold_phrase(query)
        if not words:
            return None
        typing_last = not query[-1:].isspace()
        found: frozenset[int] | None = None
        for i, word in enumerate(words):
            rows = self._rows(word, typing_last and i == len(words) - 1)
            found = rows if found is None else found & rows
            if not found:
                return frozenset()
        return found
