"""The typo rule the search applies to a typed word, shared by everything that matches typed names.

One typo from 3 letters, two from 8; a swapped pair of letters is one typo (OSA distance); the first
letter must be right (see ../shared/notes/search-performance.md for why this budget fits Vietnamese).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["close_terms", "typo_budget"]


def typo_budget(length: int) -> int:
    """Typos tolerated in a folded word of ``length`` letters."""
    return 0 if length < 3 else 1 if length < 8 else 2


def close_terms(folded: str, candidates: Iterable[str]) -> list[tuple[str, int]]:
    """[(candidate, typos)] of the candidates within ``folded``'s typo budget (not ``folded`` itself),
    the first letter kept; fewest typos first."""
    budget = typo_budget(len(folded))
    if budget == 0 or not folded[:1].isalpha():
        return []
    n = len(folded)
    near = [c for c in candidates if c[:1] == folded[0] and abs(len(c) - n) <= budget and c != folded]
    found = process.extract(folded, near, scorer=OSA.distance, score_cutoff=budget, limit=None)
    return sorted(((term, int(dist)) for term, dist, _ in found), key=lambda td: (td[1], td[0]))
