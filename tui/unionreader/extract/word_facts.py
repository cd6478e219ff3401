"""The facts of every word (its key, kind, capitals and what it can open) in tables kept by spelling, and
the cutting of a text into words, numbers and punctuation with their offsets (``name_rules.Doc`` reads both).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import accumulate

from .phrases import DASHES, KEY_CACHE, word_key, word_opens

WORD, NUMBER, PUNCT, NEWLINE = range(4)  # a word's ``KIND``; the rules read them as ``Doc.WORD``, …

# Words are cut by one regular expression over the text, whose character classes are read off an ASCII
# "shape" of every character: a letter, a digit, a gap (spaces, "_"), a line break or a punctuation mark
# ("Ủy" → "Uy", "“" → "#", a combining mark → "x"; see ``_shape_char``). A number keeps its separators
# and document-number tail ("8.945", "09/NQ-CĐVC", "145/2020/NĐ-CP"), so the capital letters inside
# document numbers never look like abbreviations. The classes cover U+0000–U+2FFF, where the regular
# expression engine tests them with a bitmap; text with characters beyond (CJK, emoji: rare) is first
# translated to its shape and cut there, which gives the same words.
_SHAPE_TOKEN_RE = re.compile(r"([A-Za-z]+|[0-9]+(?:[.,][0-9]+)*(?:[/\-][A-Za-z0-9]+)*|\n|[^\w\s])", re.ASCII)
_TABLE_END = 0x3000


def _build_shape_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, _TABLE_END):
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
_BEYOND_TABLE_RE = re.compile(f"[^\\x00-{chr(_TABLE_END - 1)}]")


def _shape_char(ch: str) -> str:
    """The ASCII stand-in of one character: same class and case ("Ủ" → "U", "“" → "#", a mark → "x")."""
    cp = ord(ch)
    if cp < 0x80:
        return ch
    if cp < _TABLE_END:
        return _SHAPE_TABLE[cp]
    return ("X" if ch.isupper() else "x") if ch.isalnum() else " " if ch.isspace() else "#"


def _shape_of(m: re.Match[str]) -> str:
    return _shape_char(m.group())


def _build_token_re() -> re.Pattern[str]:
    """``_SHAPE_TOKEN_RE`` for the text itself: each ASCII class widened to the characters shaped into it."""
    return _token_re_of(_token_classes())


def _token_classes() -> dict[str, list[list[int]]]:
    """The code points of each class ("L" letter, "D" digit, "S" gap, "N" line break, "P" punctuation) below
    ``_TABLE_END``, as ranges [first, last]."""
    # Each code point's class as a letter of one string, whose runs a regular expression finds: no Python
    # statement per code point.
    ascii_chars = "".join(map(chr, range(0x80)))
    kind_of = {ord(ch): _token_kind(ch) for ch in ascii_chars}
    kinds = (ascii_chars + "".join(_SHAPE_TABLE.values())).translate(kind_of)
    classes: dict[str, list[list[int]]] = {}
    for run in re.finditer("L+|D+|S+|N+|P+", kinds):
        classes.setdefault(kinds[run.start()], []).append([run.start(), run.end() - 1])
    return classes


def _token_kind(shape: str) -> str:
    return ("L" if shape.isascii() and shape.isalpha() else "D" if shape.isdigit() else
            "S" if shape in " \t\r\f\v_" else "N" if shape == "\n" else "P")


def _class_members(ranges: list[list[int]]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


def _token_re_of(classes: dict[str, list[list[int]]]) -> re.Pattern[str]:
    letter, digit, gap, newline = (_class_members(classes[k]) for k in "LDSN")
    # The last branch is tried only on a character that opened none before it (no letter, digit or line
    # break), where "not a gap" is "in none of the four classes": the same matches, and a class of a few
    # gaps compiles in a fraction of the time of one of all the rest (the compiler walks every code point).
    return re.compile(f"([{letter}]+|[{digit}]+(?:[.,][{digit}]+)*(?:[/\\-][{letter}{digit}]+)*|[{newline}]|[^{gap}])")


_TEXT_TOKEN_RE = _build_token_re()


class _WordFacts(dict):
    """Token text → its facts (``KEY``, ``KIND``, ``CAPS``, ``UPPER``, ``OPENS``), computed once per spelling.

    The rules ask it about single words; ``Doc`` reads the same facts from ``WORD_KEYS`` and ``WORD_FLAGS``,
    filled from this table, with one ``map`` each and no Python statement per word."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> tuple[str, int, bool, bool, int]:
        facts = _word_facts(word)
        if len(self) < self.LIMIT and len(word) <= 64:
            self[word] = facts
        return facts


def _word_facts(word: str) -> tuple[str, int, bool, bool, int]:
    shape = _shape_char(word[0])
    if shape.isalpha():
        kind = WORD
        key = word_key(word)
    else:
        kind = NUMBER if shape.isdigit() else NEWLINE if shape == "\n" else PUNCT
        key = KEY_CACHE.get(word) or word.translate(DASHES)
    caps = shape.isupper()
    upper = caps and len(word) > 1 and (word.isupper() or word in MIXED_CASE_ABBREVIATIONS)
    return key, kind, caps, upper, word_opens(word, key, caps)


# Abbreviations written with a small letter inside, read as the all-capital ones are ("ThS Trần Văn Hải"
# as "TS Trần Văn Hải": a title, then a person).
MIXED_CASE_ABBREVIATIONS = frozenset(("ThS",))


WORD_FACTS = _WordFacts()
KEY, KIND, CAPS, UPPER, OPENS = range(5)  # the places of a word's facts
# ``Doc`` reads a word's facts from two tables: its key, and the other four packed in one small number
# (``KIND`` in bits 0–1, ``CAPS`` bit 2, ``UPPER`` bit 3, ``OPENS`` bits 4–5). One ``map`` per table gives
# the keys and one ``bytes`` of flags; ``bytes.translate`` unpacks each flag for the whole text at once
# (no tuple per word to transpose). A flag is an int, 0 or not, which the rules read as a truth value.
KIND_OF = bytes(b & 3 for b in range(256))
CAPS_OF = bytes(b >> 2 & 1 for b in range(256))
UPPER_OF = bytes(b >> 3 & 1 for b in range(256))
OPENS_OF = bytes(b >> 4 & 3 for b in range(256))


# ``bytes.translate`` of the flags into the cases of a text's lines: "\n" for a line break, "a" for a word
# holding a lower-case letter, "A" for another; a line of capitals is one that ``bytes.isupper`` finds.
LINE_CASES = bytes(10 if b & 3 == NEWLINE else 97 if b & 0x40 else 65 for b in range(256))


def words_opening(bit: int) -> bytes:
    """A ``bytes.translate`` table of the flags: 1 for a word (``KIND`` ``WORD``) whose ``OPENS`` has ``bit``, else 0."""
    return bytes(1 if b & 3 == WORD and b >> 4 & bit else 0 for b in range(256))


# Bit 7: the word holds a character past the shape table. The direct expression cuts each such character
# into a word of its own, so ``bytes.isascii`` of the flags tells whether the text needs its shape cut.
_BEYOND = 0x80
# Bit 6: the word holds a lower-case (or title-case) letter, so no line that holds it is all capitals
# (``name_rules.Doc`` looks for heading lines only where a line has no such word). ``islower`` holds only
# with a lower-case letter; ``istitle`` without ``isupper`` only with a cased letter that is no capital.
_LOWER = 0x40
# Line breaks that are no word of their own (gaps or marks): a piece holding one is ``_UNCUT``, so the lines
# between ``NEWLINE`` words are the text's lines (``str.splitlines``) wherever the pieces are read.
_SILENT_BREAKS_RE = re.compile("[\r\v\f\x1c-\x1e]")


def _has_lower(word: str) -> bool:
    return word.islower() or (word.istitle() and not word.isupper())


class _WordKeys(dict):
    """Token text → ``KEY`` (see ``_WordFacts``)."""

    def __missing__(self, word: str) -> str:
        key = WORD_FACTS[word][KEY]
        if len(self) < _WordFacts.LIMIT and len(word) <= 64:
            self[word] = key
        return key


class _WordFlags(dict):
    """Token text → ``KIND``, ``CAPS``, ``UPPER``, ``OPENS`` and ``_BEYOND`` packed in one byte (see ``KIND_OF``)."""

    def __missing__(self, word: str) -> int:
        key, kind, caps, upper, opens = WORD_FACTS[word]
        flags = (kind | caps << 2 | upper << 3 | opens << 4 | (_LOWER if _has_lower(word) else 0)
                 | (_BEYOND if _BEYOND_TABLE_RE.search(word) else 0))
        if len(self) < _WordFacts.LIMIT and len(word) <= 64:
            self[word] = flags
            if len(WORD_KEYS) < _WordFacts.LIMIT:  # its key too: ``_cut_chunk`` asks for it next
                WORD_KEYS[word] = key
        return flags


WORD_KEYS, WORD_FLAGS = _WordKeys(), _WordFlags()
_word_key, _word_flags = WORD_KEYS.__getitem__, WORD_FLAGS.__getitem__  # (bound: a dict subclass's [] looks the method up)


class WordTable(dict):
    """Token text → ``fact(word)``, computed on the first look-up: ``map(table.__getitem__, doc.words)``
    classifies every word of a text without a Python statement per word."""

    LIMIT = 200_000

    def __init__(self, fact: Callable[[str], object]) -> None:
        super().__init__()
        self.fact = fact

    def __missing__(self, word: str) -> object:
        value = self.fact(word)
        if len(self) < self.LIMIT and len(word) <= 64:
            self[word] = value
        return value


def _is_name(word: str) -> bool:
    _, kind, caps, upper, _ = WORD_FACTS[word]
    return caps and not upper and kind == WORD


WORD_IS_NAME = WordTable(_is_name)  # ``Doc.is_name_word`` as a fact of the word alone


def cut_words(text: str) -> tuple[list[str], tuple[str, ...], bytes, list[int], list[int]]:
    """The words of ``text``, their keys, flags (see ``KIND_OF``), starts and ends, cut in one piece."""
    # One C-level pass for the words, then one ``map`` per list: no Python statement runs per word.
    pieces = _TEXT_TOKEN_RE.split(text)
    words = pieces[1::2]
    flags = bytes(map(WORD_FLAGS.__getitem__, words))
    beyond = not flags.isascii()  # a ``_BEYOND`` word: a script past the table (CJK, emoji)
    if beyond:  # rare: the text's shape is cut instead
        shape = _BEYOND_TABLE_RE.sub(_shape_of, text.translate(_SHAPE_TABLE))
        pieces = _SHAPE_TOKEN_RE.split(shape)
    # ``split`` gives gap, word, gap, word, …, gap: every character that is no gap starts a word, so
    # the gaps hold only gap characters, as the offsets below assume.
    bounds = list(accumulate(map(len, pieces)))  # gap end = word start, word end, …, text end
    starts, ends = bounds[0:-1:2], bounds[1::2]
    if beyond:
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        flags = bytes(map(WORD_FLAGS.__getitem__, words))
    return words, tuple(map(WORD_KEYS.__getitem__, words)), flags, starts, ends


def _cut_chunk(chunk: str) -> tuple[str | bytes, ...]:
    """The words of the text between two spaces, each followed by its key and its facts: two bytes, its flags
    and how far its start is from the next word's (its length and the gap after it, the space included);
    or ``_UNCUT``.

    A space is a gap and no word holds one, so the words of a text are those of its pieces between spaces,
    in order; the same pieces ("đoàn", "tỉnh", "2025,") come back in every article, so each is cut once and
    kept in ``CHUNK_CUTS``. A piece that opens with a gap ("", a tab), holds a character past the shape table,
    holds a line break that is no word ("\\r") or a word that reaches 255 characters or more ahead is
    ``_UNCUT``, whose facts hold ``_BEYOND``: ``Doc`` then has ``cut_words`` cut the whole text. (Words, keys and facts in one tuple: ``Doc`` reads a piece with
    one look-up, where a table of words and one of facts took two.)"""
    # (A loop: for the one to three words of a piece, ``map`` objects cost more than the statements.)
    cut = _cut_lines(chunk) if "\n" in chunk else None
    if cut is None:
        cut = _cut_plainly(chunk)
    if len(CHUNK_CUTS) < _CHUNK_LIMIT and len(chunk) <= 64:
        CHUNK_CUTS[chunk] = cut
    return cut


def _cut_plainly(chunk: str) -> tuple[str | bytes, ...]:
    """``_cut_chunk`` by the expression, one word at a time."""
    pieces = _TEXT_TOKEN_RE.split(chunk)
    cut = _UNCUT
    # (``isprintable`` in C first: the silent breaks are unprintable, as "\n" is, in a few new pieces)
    if len(pieces) > 1 and not pieces[0] and (chunk.isprintable() or not _SILENT_BREAKS_RE.search(chunk)):
        pieces[-1] += " "  # the space after the piece
        triples: list[str | bytes] = []
        for k in range(1, len(pieces), 2):
            word = pieces[k]
            advance = len(word) + len(pieces[k + 1])
            flags = _word_flags(word)
            if flags & _BEYOND or advance > 255:
                break
            triples += (word, _word_key(word), _facts_pair(flags << 8 | advance))
        else:
            cut = tuple(triples)
    return cut


def _cut_lines(chunk: str) -> tuple[str | bytes, ...] | None:
    """``_cut_chunk`` of a piece holding line breaks ("viên.\n\nVới", which joins two paragraphs) from the
    kept cuts of its lines ("viên.", "Với"), or None where a line is ``_UNCUT`` (``_cut_plainly`` then decides).

    Such a piece rarely comes back, but its lines do: reading their cuts costs a few look-ups, where the
    expression and the words' tables cost ~36,000 instructions a piece. No word holds or runs past a "\n",
    which is a word of its own, so the words are the lines' words with a "\n" between each two lines. A line's
    cut counts a space after its last word; before a line break there is none, so that word's advance is one
    less, and a "\n" is followed by nothing (the next line's first word or "\n"), or by the space at the end."""
    lines = chunk.split("\n")
    last = len(lines) - 1
    words: list[str | bytes] = []
    for k, line in enumerate(lines):
        if line:
            cut = CHUNK_CUTS[line]
            if cut is _UNCUT:  # a gap opens it (a tab after the break), or a word the table does not describe
                return None
            if k < last:
                flags_advance = cut[-1]
                words += cut[:-1]
                words.append(_facts_pair(flags_advance[0] << 8 | flags_advance[1] - 1))
            else:
                words += cut
        if k < last:
            words += _LINE_BREAK_AT_END if k + 1 == last and not lines[last] else _LINE_BREAK
    return tuple(words)


class _FactsPairs(dict):
    """``flags << 8 | advance`` → ``bytes((flags, advance))``, one object for all the pieces that share it."""

    def __missing__(self, packed: int) -> bytes:
        pair = self[packed] = bytes((packed >> 8, packed & 255))
        return pair


class _ChunkCuts(dict):
    """Text between two spaces → its words, each followed by its key and facts (see ``_cut_chunk``)."""

    def __missing__(self, chunk: str) -> tuple[str | bytes, ...]:
        return _cut_chunk(chunk)


_UNCUT: tuple[str | bytes, ...] = ("", "", bytes([_BEYOND, 0]))
_FACTS_PAIRS = _FactsPairs()
_facts_pair = _FACTS_PAIRS.__getitem__
CHUNK_CUTS = _ChunkCuts()
# A "\n" inside a piece (see ``_cut_lines``): followed by the next word, or by the space after the piece.
_LINE_BREAK = ("\n", _word_key("\n"), _facts_pair(_word_flags("\n") << 8 | 1))
_LINE_BREAK_AT_END = ("\n", _word_key("\n"), _facts_pair(_word_flags("\n") << 8 | 2))
_CHUNK_LIMIT = 100_000
