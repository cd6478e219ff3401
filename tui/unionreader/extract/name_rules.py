"""The word list and phrase look-ups that ``names.py`` scans with.

``Doc`` splits the text once into words, numbers and punctuation with their offsets, and gives each word a
lookup key: lower case with the canonical tone placement ("Uỷ" and "Ủy" → "ủy"), so every lexicon look-up
is a dictionary hit. ``Lexicon`` holds phrases by their first key and answers the longest match at a word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from itertools import accumulate, chain

from ..text import fold, nfc, normalize_tones
from . import lexicons as lex
from .models import Entity

# Words are found in an ASCII "shape" of the text: every character replaced, one for one, by an ASCII
# stand-in of the same class and case ("Ủy" → "Uy", "“" → "#", a combining mark → "x"). Offsets are the
# same, and the regular expression runs on a one-byte string, several times faster than on Vietnamese.
# A number keeps its separators and document-number tail ("8.945", "09/NQ-CĐVC", "145/2020/NĐ-CP"), so
# the capital letters inside document numbers never look like abbreviations.
_SHAPE_TOKEN_RE = re.compile(
    r"([ \t\r\f\v_]*)([A-Za-z]+|[0-9]+(?:[.,][0-9]+)*(?:[/\-][A-Za-z0-9]+)*|\n|[^\w\s])", re.ASCII
)
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:[/\-](?:[^\W_]|[\u0300-\u036f])+)*"
    r"|(?:[^\W\d_]|[\u0300-\u036f])+"
    r"|\n|[^\w\s]"
)


def _build_shape_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x3000):
        ch = chr(cp)
        category = unicodedata.category(ch)
        if ch.isalpha():
            base = unicodedata.normalize("NFD", ch)[0]
            table[cp] = base if base.isascii() and base.isalpha() else ("X" if ch.isupper() else "x")
        elif category.startswith("M"):
            table[cp] = "x"
        elif category == "Nd":
            table[cp] = "0"
        elif ch in "\x85\u2028\u2029":
            table[cp] = "\n"
        elif ch.isspace():
            table[cp] = " "
        elif ch.isalnum():
            table[cp] = "x"
        else:
            table[cp] = "#"
    return table


_SHAPE_TABLE = _build_shape_table()
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _shape_of(m: re.Match[str]) -> str:
    ch = m.group()
    return ("X" if ch.isupper() else "x") if ch.isalnum() else " " if ch.isspace() else "#"
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-"})
_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = 200_000


def word_key(word: str) -> str:
    key = _KEY_CACHE.get(word)
    if key is None:
        key = normalize_tones(word).lower().translate(_DASHES)
        if len(_KEY_CACHE) < _KEY_CACHE_LIMIT:
            _KEY_CACHE[word] = key
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

    def match(self, keys: list[str], i: int) -> tuple[int, str] | None:
        node = self.first.get(keys[i])
        if node is None:
            return None
        best = None
        j = i + 1
        n = len(keys)
        while True:
            canonical = node.get("")
            if canonical is not None:
                best = (j, canonical)
            if j >= n:
                return best
            node = node.get(keys[j])
            if node is None:
                return best
            j += 1

    def __contains__(self, keys: tuple[str, ...]) -> bool:
        node = self.first.get(keys[0])
        for key in keys[1:]:
            if node is None:
                return False
            node = node.get(key)
        return node is not None and "" in node


class Doc:
    """The words of one text with offsets, keys and the flags the rules test."""

    WORD, NUMBER, PUNCT, NEWLINE = 0, 1, 2, 3

    def __init__(self, text: str) -> None:
        self.text = text
        # One C-level pass for the words, then list comprehensions: this runs on every character of
        # every article, so it avoids a Python statement per word.
        shape = text.translate(_SHAPE_TABLE)
        if not shape.isascii():  # scripts beyond the table (CJK, emoji): rare, so done the slow way
            shape = _NON_ASCII_RE.sub(_shape_of, shape)
        pairs = _SHAPE_TOKEN_RE.findall(shape)
        bounds = list(accumulate(map(len, chain.from_iterable(pairs))))  # gap end = word start, word end
        starts, ends = bounds[0::2], bounds[1::2]
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        shapes = [tok[0] for _, tok in pairs]
        self.words, self.starts, self.ends = words, starts, ends
        cache = _KEY_CACHE
        self.keys = [
            cache.get(w) or (word_key(w) if c.isalpha() else w.translate(_DASHES))
            for w, c in zip(words, shapes, strict=True)
        ]
        self.kinds = [
            Doc.WORD if c.isalpha() else Doc.NUMBER if c.isdigit() else Doc.NEWLINE if c == "\n" else Doc.PUNCT
            for c in shapes
        ]
        self.caps = [c.isupper() for c in shapes]
        self.upper = [c and len(w) > 1 and w.isupper() for c, w in zip(self.caps, words, strict=True)]
        self.skip = self._heading_words()
        self._quotes: tuple[list[int], ...] | None = None

    def _heading_words(self) -> list[bool]:
        """Words on all-capital lines ("TIN HOẠT ĐỘNG", "LIÊN KẾT WEBSITE"): headings, not names."""
        skip = [False] * len(self.words)
        offset = 0
        for line in self.text.splitlines(keepends=True):
            if line.isupper() and len(line.split()) >= 2:
                first = bisect_left(self.starts, offset)
                last = bisect_left(self.starts, offset + len(line))
                for t in range(first, last):
                    skip[t] = self.kinds[t] == Doc.WORD
            offset += len(line)
        return skip

    def is_quoted(self, t: int) -> bool:
        """Whether word ``t`` stands between quotation marks on its line: a programme's or document's title."""
        if self._quotes is None:
            text = self.text
            self._quotes = tuple(
                [m.start() for m in re.finditer(mark, text)] for mark in ("\n", "“", "”", '"')
            )
        newlines, opens, closes, straight = self._quotes
        pos = self.starts[t]
        line = newlines[bisect_left(newlines, pos) - 1] if newlines and newlines[0] < pos else -1

        def between(marks: list[int]) -> int:
            return bisect_left(marks, pos) - bisect_left(marks, line)

        return between(opens) > between(closes) or between(straight) % 2 == 1

    def is_name_word(self, t: int) -> bool:
        """A capitalised word that is not all capitals: "Hà", "Nguyễn", "Trợ"."""
        return t < len(self.words) and self.caps[t] and not self.upper[t] and self.kinds[t] == Doc.WORD

    def folded_initial(self, t: int) -> str:
        return fold(self.words[t][:1])

    def value_text(
        self,
        i: int,
        j: int,
        expand: Mapping[str, str] | None = None,
        drop_parenthesised: bool = False,
        tones: bool = True,
    ) -> str:
        """Words ``i``..``j`` as a value: NFC, single spaces, canonical tones, abbreviations expanded."""
        text = self.text
        if expand is None and not drop_parenthesised:
            out = text[self.starts[i] : self.ends[j - 1]]
        else:
            parts: list[str] = []
            t = i
            while t < j:
                if drop_parenthesised and self.keys[t] == "(" and t + 2 < j and self.keys[t + 2] == ")":
                    t += 3
                    continue
                word = self.words[t]
                if expand is not None and self.upper[t]:
                    word = expand.get(nfc(word), word)
                if parts and self.starts[t] > self.ends[t - 1]:
                    parts.append(" ")
                parts.append(word)
                t += 1
            out = "".join(parts)
        out = " ".join(nfc(out).split())
        return normalize_tones(out) if tones else out

    def entity(self, kind: str, i: int, j: int, value: object) -> Entity:
        start, end = self.starts[i], self.ends[j - 1]
        return Entity(kind, self.text[start:end], start, end, value)


# --- compiled lexicons ---------------------------------------------------------------------------------

PERSON_CUES = Lexicon(lex.PERSON_CUES)
ROLE_TITLES = Lexicon(lex.ROLE_TITLES)
COMMITTEES = Lexicon(lex.COMMITTEES)
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
