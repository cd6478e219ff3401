"""The phrase look-ups the name rules match against: a word's lookup key (lower case, canonical tone
placement: "Uỷ" and "Ủy" → "ủy"), ``Lexicon`` (phrases by their first key, answering the longest match at a
word), the lexicons compiled once, and which words can open something of the names scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text import fold
from . import lexicons as lex
from .tones import canonical_tones

# The direct expression for a phrase's words (``word_facts`` cuts the texts by their shapes, with the same words).
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:[/\-](?:[^\W_]|[\u0300-\u036f])+)*"
    r"|(?:[^\W\d_]|[\u0300-\u036f])+"
    r"|\n|[^\w\s]"
)
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-"})
KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = 200_000


def word_key(word: str) -> str:
    key = KEY_CACHE.get(word)
    if key is None:
        key = canonical_tones(word).lower()
        if not key.isalpha():  # (no dash is a letter: ``translate``, slow with a dict, is skipped for words)
            key = key.translate(DASHES)
        if len(KEY_CACHE) < _KEY_CACHE_LIMIT:
            KEY_CACHE[word] = key
    return key


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(word_key(m.group()) for m in _TOKEN_RE.finditer(phrase))


def abbreviation_letters(abbreviation: str) -> str:
    """The letters an abbreviation stands for, folded: "CĐCS" → "cdcs", "TƯLĐTT" → "tuldtt"."""
    return "".join(ch for ch in fold(abbreviation) if ch.isalpha())


class Lexicon:
    """Phrases in a trie of keys; ``match`` returns (end word index, canonical phrase), longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.first: dict[str, dict] = {}  # key → child node; a node maps "" to the canonical phrase
        self.keys_of: dict[str, tuple[str, ...]] = {}
        for phrase in phrases:
            keys = phrase_keys(phrase)
            self.keys_of.setdefault(phrase, keys)
            node = self.first.setdefault(keys[0], {})
            for key in keys[1:]:
                node = node.setdefault(key, {})
            node.setdefault("", phrase)
        # ``match`` reads the trie as (canonical phrase or None, children or None) per node: one dictionary
        # look-up per word instead of two (the phrase ending there, then the next word).
        self._entries = {key: _entry(node) for key, node in self.first.items()}

    def match(self, keys: Sequence[str], i: int) -> tuple[int, str] | None:
        entry = self._entries.get(keys[i])
        if entry is None:
            return None
        best = None
        j = i + 1
        try:
            while True:
                canonical, children = entry
                if canonical is not None:
                    best = j, canonical
                if children is None:  # no longer phrase: the word after the match is not looked up
                    return best
                entry = children.get(keys[j])  # past the last word: IndexError, rare
                if entry is None:
                    return best
                j += 1
        except IndexError:
            return best

    def __contains__(self, keys: tuple[str, ...]) -> bool:
        node = self.first.get(keys[0])
        for key in keys[1:]:
            if node is None:
                return False
            node = node.get(key)
        return node is not None and "" in node



def _entry(node: dict) -> tuple[str | None, dict | None]:
    """A trie node as ``Lexicon.match`` reads it: its canonical phrase and its children's entries."""
    children = {key: _entry(child) for key, child in node.items() if key}
    return node.get(""), children or None


# --- compiled lexicons ---------------------------------------------------------------------------------

PERSON_CUES = Lexicon(lex.PERSON_CUES)
ROLE_TITLES = Lexicon(lex.ROLE_TITLES)
COMMITTEES = Lexicon(lex.COMMITTEES)
MINISTRY_SECTORS = Lexicon(lex.MINISTRY_SECTORS)
MINISTER_TITLE_KEYS = frozenset(phrase_keys(t) for t in ("Bộ trưởng", "Thứ trưởng"))
COMMITTEE_AFTER_BAN = Lexicon(c.split(" ", 1)[1] for c in lex.COMMITTEES if c.startswith("Ban "))
COMMITTEE_TITLE_KEYS = frozenset(phrase_keys(t) for t in lex.COMMITTEE_TITLES)
FUSED_BAN_TITLE_KEYS = frozenset(phrase_keys(t) for t in lex.BAN_FUSED_TITLES)
ORG_HEADS = Lexicon(lex.ORG_HEADS)
ORG_HEAD_KEYS = {h: phrase_keys(h) for h in lex.ORG_HEADS}
NOT_ORG = Lexicon(lex.NOT_ORG_PHRASES)
# "Ban tổ chức" (an event's organisers) is no body, but "Ban Tổ chức Tỉnh ủy" is one.
NOT_ORG_UNLESS_NAMED = frozenset(p for p in lex.NOT_ORG_PHRASES if phrase_keys(p) in ORG_HEADS)
ORG_QUALIFIERS = Lexicon(lex.ORG_QUALIFIERS)
ORG_TAIL_QUALIFIERS = Lexicon(lex.ORG_TAIL_QUALIFIERS)
ORG_STOPS = Lexicon(lex.ORG_STOP_WORDS)
LOCATION_PREFIXES = Lexicon(lex.LOCATION_PREFIXES)
PLACES = Lexicon(lex.PROVINCES)
TITLE_HEADS = Lexicon(lex.TITLE_HEADS)


# --- what a word can open ----------------------------------------------------------------------------

SURNAMES = frozenset(w.lower() for w in lex.SURNAMES)
ORG_ABBR_HEADS = frozenset(lex.ORG_ABBREVIATION_HEADS)
# A level word opens a location in any case ("tỉnh Quảng Ninh"), a place's own first word only capitalised
# ("Bình Dương", not "bình thường"): ``names._locations`` finds nothing at the others.
STREET_KEYS = frozenset(lex.STREET_PREFIXES)
LEVEL_FIRST_KEYS = frozenset(LOCATION_PREFIXES.first) | STREET_KEYS
PLACE_FIRST_KEYS = frozenset(PLACES.first)
# The words that can open an entity in the scan: cues, titles, heads, surnames (the rest can only continue one).
_RUN_LOWER_OPENERS = frozenset(PERSON_CUES.first) | {"công"}
_RUN_OPENERS = (_RUN_LOWER_OPENERS | frozenset(ROLE_TITLES.first) | frozenset(NOT_ORG.first)
                | frozenset(ORG_HEADS.first) | SURNAMES | {"tổng"})
OPENS_SCAN, OPENS_PLACE = 1, 2


def word_opens(word: str, key: str, caps: bool) -> int:
    """``OPENS_SCAN`` if the word can open something of the names scan, ``OPENS_PLACE`` if a location."""
    scan = (key in _RUN_OPENERS and (caps or key in _RUN_LOWER_OPENERS)) or (caps and word in ORG_ABBR_HEADS)
    return (OPENS_SCAN if scan else 0) | (OPENS_PLACE if key in LEVEL_FIRST_KEYS or (caps and key in PLACE_FIRST_KEYS) else 0)
