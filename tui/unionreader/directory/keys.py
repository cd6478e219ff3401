"""Merge keys: when two spellings name the same person or body.

A person's key is the folded name (diacritics, case and tone placement gone: "Thuý"/"Thúy"/"Thuy" are
one). A body's key is its folded words with every abbreviation written out through the genre's lexicon
(``aliases.term_aliases``), so "LĐLĐ tỉnh X" and "Liên đoàn Lao động tỉnh X" share one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..search import term_aliases
from ..text import fold_tokens, normalize_tones

_PARENTHESISED = re.compile(r"\s*\([^()]*\)")
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=131072)
def person_key(name: str) -> str:
    return " ".join(fold_tokens(name))


@lru_cache(maxsize=131072)
def org_key(name: str) -> str:
    """"Liên đoàn Lao động (LĐLĐ) tỉnh X" and "LĐLĐ tỉnh X" → "lien doan lao dong tinh x"."""
    words: list[str] = []
    for word in fold_tokens(_PARENTHESISED.sub("", name)):
        expansion = () if _DIGITS.search(word) else term_aliases(word)
        words.extend(expansion or (word,))
    return " ".join(words)


def same_body(a: str, b: str) -> bool:
    """Two body keys may name the same body: equal, or one is a shorter form of the other ("cong doan
    cong ty" of "cong doan cong ty co phan x"). A short form can fit several bodies; the caller decides
    what to do when it does (``people._cluster``)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short.count(" ") >= 2 and long.startswith(short + " ")  # "cong doan" alone says nothing


@lru_cache(maxsize=131072)
def short_forms(key: str) -> tuple[str, ...]:
    """The shorter forms ``same_body`` accepts for a body key: its word prefixes of three words or more."""
    words = key.split(" ")
    return tuple(" ".join(words[:n]) for n in range(3, len(words)))


@lru_cache(maxsize=131072)
def diacritic_weight(name: str) -> int:
    """How much of a spelling's Vietnamese survives (the display form is the fullest one seen)."""
    return sum(1 for ch in name if not ch.isascii())


@lru_cache(maxsize=131072)
def display_form(name: str) -> str:
    """The spelling shown: NFC with one tone placement ("Uỷ" → "Ủy")."""
    return normalize_tones(" ".join(name.split()))


@lru_cache(maxsize=131072)
def split_role(role: str, titles: tuple[str, ...]) -> tuple[str, str]:
    """("Chủ tịch", "LĐLĐ tỉnh X") from "Chủ tịch LĐLĐ tỉnh X", given the role titles the article found
    (the longest title the role starts with wins); a role with no known title is all title."""
    low = role.casefold()
    best = ""
    for title in titles:
        if len(title) > len(best) and low.startswith(title.casefold()):
            best = title
    if not best:
        return role, ""
    return role[: len(best)].strip(), role[len(best) :].strip(" ,–-")
