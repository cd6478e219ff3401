"""Vietnamese text normalisation: NFC, tone-mark placement, folding and tokens.

Everything downstream (cleaning, extraction, the index, the app's highlighting) relies on two
promises made here:

* ``fold`` maps NFC text to a search key of the *same length*, character for character, so an
  offset found in folded text is the same offset in the original text.
* ``tokenize`` keeps the numbers of this genre ("8.945", "1,5", "30/01/2024", "09/NQ-CĐVC") whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Token",
    "fold",
    "fold_nfc",
    "fold_tokens",
    "iter_tokens",
    "nfc",
    "normalize_tones",
    "same_word",
    "tokenize",
]


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC (cheap when it already is)."""
    if unicodedata.is_normalized("NFC", s):
        return s
    return unicodedata.normalize("NFC", s)


# --- tone-mark placement -------------------------------------------------------------------
# "hoà"/"hòa", "Uỷ"/"Ủy", "thuý"/"thúy", "khoẻ"/"khỏe" are the same word written in the two
# conventions that Vietnamese newsrooms mix freely.  We pick the traditional one (mark on the first
# vowel of an open "oa", "oe", "uy") because it is what the genre's official names use ("Ủy ban",
# "Hòa Bình"); with a final consonant ("hoàn", "thuyết") both conventions agree already.

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def _split_tone(ch: str) -> tuple[str, str]:
    """Split a precomposed vowel into (vowel without tone, tone mark or '')."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    rest = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tone


def _build_tone_moves() -> dict[str, str]:
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONE_MARKS:
            for upper_first in (False, True):
                for upper_second in (False, True):
                    f = first.upper() if upper_first else first
                    s = second.upper() if upper_second else second
                    new_style = f + unicodedata.normalize("NFC", s + tone)
                    old_style = unicodedata.normalize("NFC", f + tone) + s
                    moves[new_style] = old_style
    return moves


_TONE_MOVES = _build_tone_moves()
# Only open syllables move: the pair must not be followed by another letter, and "qu" + "ý" is
# a consonant cluster plus vowel ("quý"), not the "uy" diphthong.
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(map(re.escape, sorted(_TONE_MOVES, key=len, reverse=True))) + r")(?![^\W\d_])"
)


def normalize_tones(s: str) -> str:
    """Return NFC ``s`` with one canonical tone-mark placement ("Uỷ" → "Ủy", "hoà" → "hòa")."""
    s = nfc(s)
    # (A mark the move leaves beside a bare vowel, as in "UÝ\u0300", composes with it only now.)
    return nfc(_TONE_RE.sub(lambda m: _TONE_MOVES[m.group(1)], s))


# --- folding --------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00)]
    for r in ranges:
        for cp in r:
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            base = base.lower()
            if len(base) == 1 and base != ch:
                table[cp] = base
    for ch in "đĐ":
        table[ord(ch)] = "d"
    return table


_IDENTITY_TO = 0x20CF  # the last of the Currency Symbols block


def _as_sequence(table: dict[int, str]) -> list[int | str]:
    """The same mapping as a list indexed by code point (identity where the dict has no entry).

    ``str.translate`` looks every character up in its table: in a list that is an index, in a dict a hash
    and a probe, so folding a page takes less than half the time. Characters past the list's end raise
    IndexError, which ``translate`` takes as "no mapping", as it does a missing key, but making and clearing
    that exception costs ~500 ns a character: the list goes on (as identity) over the punctuation and
    currency blocks news writes in every line ("“”‘’–—…•₫"), up to U+20CF (465 more entries)."""
    seq: list[int | str] = list(range(max(max(table) + 1, _IDENTITY_TO + 1)))
    for cp, folded in table.items():
        seq[cp] = folded
    return seq


_FOLD_MAP = _build_fold_table()
_FOLD_TABLE = _as_sequence(_FOLD_MAP)


def folding_to(letters: str) -> frozenset[str]:
    """The characters whose fold (lower-cased) is one of ``letters`` (ASCII lower-case letters)."""
    return frozenset(letters) | {chr(cp) for cp, folded in _FOLD_MAP.items() if folded in letters}


_COMBINING_RE = re.compile(r"[\u0300-\u036f]")


def fold_nfc(s: str) -> str:
    """Fold text already in NFC: same length as ``s``, lower-case, no diacritics, đ → d."""
    return s.translate(_FOLD_TABLE)


def fold(s: str) -> str:
    """Search key: NFC, lower-case, diacritics stripped, đ → d ("Công Đoàn" → "cong doan")."""
    folded = nfc(s).translate(_FOLD_TABLE)
    if not folded.isascii():
        # Letters outside the table (Greek, Cyrillic…) still lower-case; stray combining marks that
        # NFC could not attach to a base letter are dropped.
        folded = _COMBINING_RE.sub("", folded.lower())
    return folded


def same_word(a: str, b: str) -> bool:
    """True when two spellings differ only in tone-mark placement, case or Unicode form."""
    return normalize_tones(a).casefold() == normalize_tones(b).casefold()


# --- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


# A number keeps its thousands separators, decimal comma, date slashes and document-number tails:
# "8.945", "1,5", "30/01/2024", "09/NQ-CĐVC", "02-NQ/TW", "145/2020/NĐ-CP", "2023-2028".
_NUMBER = r"\d+(?:[.,]\d+)*(?:[/\-](?:[^\W_]|[\u0300-\u036f])+)*"
_WORD = r"(?:[^\W\d_]|[\u0300-\u036f])+"
TOKEN_RE = re.compile(f"{_NUMBER}|{_WORD}")


def iter_tokens(s: str) -> Iterator[Token]:
    """Yield the words and numbers of ``s`` with their character offsets."""
    for m in TOKEN_RE.finditer(s):
        yield Token(m.group(), m.start(), m.end())


def tokenize(s: str) -> list[Token]:
    """Words and numbers of ``s`` with character offsets (see ``iter_tokens``)."""
    return list(iter_tokens(s))


def fold_tokens(s: str) -> list[str]:
    """Folded tokens of ``s`` without offsets: the fast path for indexing and queries."""
    return TOKEN_RE.findall(fold(s))
