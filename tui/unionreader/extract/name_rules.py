"""The word list and phrase look-ups that ``names.py`` scans with.

``Doc`` splits the text once into words, numbers and punctuation with their offsets, and gives each word a
lookup key: lower case with the canonical tone placement ("Uỷ" and "Ủy" → "ủy"), so every lexicon look-up
is a dictionary hit. ``Lexicon`` holds phrases by their first key and answers the longest match at a word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from itertools import accumulate, chain
from operator import add

from ..text import fold, nfc
from . import lexicons as lex
from .models import Entity
from .tones import canonical_tones

# Words are cut by one regular expression over the text, whose character classes are read off an ASCII
# "shape" of every character: a letter, a digit, a gap (spaces, "_"), a line break or a punctuation mark
# ("Ủy" → "Uy", "“" → "#", a combining mark → "x"; see ``_shape_char``). A number keeps its separators
# and document-number tail ("8.945", "09/NQ-CĐVC", "145/2020/NĐ-CP"), so the capital letters inside
# document numbers never look like abbreviations. The classes cover U+0000–U+2FFF, where the regular
# expression engine tests them with a bitmap; text with characters beyond (CJK, emoji: rare) is first
# translated to its shape and cut there, which gives the same words.
_SHAPE_TOKEN_RE = re.compile(r"([A-Za-z]+|[0-9]+(?:[.,][0-9]+)*(?:[/\-][A-Za-z0-9]+)*|\n|[^\w\s])", re.ASCII)
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:[/\-](?:[^\W_]|[\u0300-\u036f])+)*"
    r"|(?:[^\W\d_]|[\u0300-\u036f])+"
    r"|\n|[^\w\s]"
)
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
    classes: dict[str, list[list[int]]] = {}
    previous = None
    for cp in range(_TABLE_END):
        shape = _shape_char(chr(cp))
        kind = ("L" if shape.isascii() and shape.isalpha() else "D" if shape.isdigit() else
                "S" if shape in " \t\r\f\v_" else "N" if shape == "\n" else "P")
        if kind == previous:
            classes[kind][-1][1] = cp
        else:
            classes.setdefault(kind, []).append([cp, cp])
            previous = kind

    def members(kind: str) -> str:
        return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                       for a, b in classes[kind])

    letter, digit, gap, newline = (members(k) for k in "LDSN")
    return re.compile(
        f"([{letter}]+|[{digit}]+(?:[.,][{digit}]+)*(?:[/\\-][{letter}{digit}]+)*|[{newline}]|"
        f"[^{letter}{digit}{gap}{newline}])"
    )


_TEXT_TOKEN_RE = _build_token_re()
_SHORT_LINE = 2000  # ``Doc.is_quoted`` counts the quotation marks before a word on its line up to this far back
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-"})
_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = 200_000


def word_key(word: str) -> str:
    key = _KEY_CACHE.get(word)
    if key is None:
        key = canonical_tones(word).lower().translate(_DASHES)
        if len(_KEY_CACHE) < _KEY_CACHE_LIMIT:
            _KEY_CACHE[word] = key
    return key


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
        kind = Doc.WORD
        key = word_key(word)
    else:
        kind = Doc.NUMBER if shape.isdigit() else Doc.NEWLINE if shape == "\n" else Doc.PUNCT
        key = _KEY_CACHE.get(word) or word.translate(_DASHES)
    caps = shape.isupper()
    return key, kind, caps, caps and len(word) > 1 and word.isupper(), _word_opens(word, key, caps)


WORD_FACTS = _WordFacts()
KEY, KIND, CAPS, UPPER, OPENS = range(5)  # the places of a word's facts
# ``Doc`` reads a word's facts from two tables: its key, and the other four packed in one small number
# (``KIND`` in bits 0–1, ``CAPS`` bit 2, ``UPPER`` bit 3, ``OPENS`` bits 4–5). One ``map`` per table gives
# the keys and one ``bytes`` of flags; ``bytes.translate`` unpacks each flag for the whole text at once
# (no tuple per word to transpose). A flag is an int, 0 or not, which the rules read as a truth value.
_KIND_OF = bytes(b & 3 for b in range(256))
_CAPS_OF = bytes(b >> 2 & 1 for b in range(256))
_UPPER_OF = bytes(b >> 3 & 1 for b in range(256))
_OPENS_OF = bytes(b >> 4 & 3 for b in range(256))
# Bit 7: the word holds a character past the shape table. The direct expression cuts each such character
# into a word of its own, so ``bytes.isascii`` of the flags tells whether the text needs its shape cut.
_BEYOND = 0x80


class _WordKeys(dict):
    """Token text → ``KEY`` (see ``_WordFacts``)."""

    def __missing__(self, word: str) -> str:
        key = WORD_FACTS[word][KEY]
        if len(self) < _WordFacts.LIMIT and len(word) <= 64:
            self[word] = key
        return key


class _WordFlags(dict):
    """Token text → ``KIND``, ``CAPS``, ``UPPER``, ``OPENS`` and ``_BEYOND`` packed in one byte (see ``_KIND_OF``)."""

    def __missing__(self, word: str) -> int:
        _, kind, caps, upper, opens = WORD_FACTS[word]
        flags = kind | caps << 2 | upper << 3 | opens << 4 | (_BEYOND if _BEYOND_TABLE_RE.search(word) else 0)
        if len(self) < _WordFacts.LIMIT and len(word) <= 64:
            self[word] = flags
        return flags


WORD_KEYS, WORD_FLAGS = _WordKeys(), _WordFlags()
# Values by span text (see ``Doc.value_text``); the expansion tables are the lexicons' own, never changed.
_VALUE_CACHE: dict[tuple[str, int, bool, bool], str] = {}
_VALUE_CACHE_LIMIT = 50_000


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
    return caps and not upper and kind == Doc.WORD


WORD_IS_NAME = WordTable(_is_name)  # ``Doc.is_name_word`` as a fact of the word alone


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

    def match(self, keys: Sequence[str], i: int) -> tuple[int, str] | None:
        node = self.first.get(keys[i])
        if node is None:
            return None
        best = None
        j = i + 1
        try:
            while True:
                canonical = node.get("")
                if canonical is not None:
                    best = j, canonical
                node = node.get(keys[j])  # past the last word: IndexError, rare
                if node is None:
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


def _cut(text: str) -> tuple[list[str], tuple[str, ...], bytes, list[int], list[int]]:
    """The words of ``text``, their keys, flags (see ``_KIND_OF``), starts and ends, cut in one piece."""
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


def _cut_chunk(chunk: str) -> tuple[tuple[str, ...], bytes]:
    """The words of the text between two spaces, each followed by its key, and each word's flags followed by
    how far its start is from the next word's (its length and the gap after it, the space included); or
    ``_UNCUT``.

    A space is a gap and no word holds one, so the words of a text are those of its pieces between spaces,
    in order; the same pieces ("đoàn", "tỉnh", "2025,") come back in every article, so each is cut once and
    kept in ``_CHUNK_WORDS`` and ``_CHUNK_FACTS``. A piece that opens with a gap ("", a tab), holds a
    character past the shape table or a word that reaches 255 characters or more ahead is ``_UNCUT``,
    whose flags hold ``_BEYOND``: ``Doc`` then has ``_cut`` cut the whole text."""
    pieces = _TEXT_TOKEN_RE.split(chunk)
    cut = _UNCUT
    if len(pieces) > 1 and not pieces[0]:
        paired: list[str] = []
        facts = bytearray()
        last = len(pieces) - 2
        for k in range(1, len(pieces), 2):
            word = pieces[k]
            advance = len(word) + len(pieces[k + 1]) + (k == last)  # the space after the piece
            flags = WORD_FLAGS[word]
            if flags & _BEYOND or advance > 255:
                break
            paired += (word, WORD_KEYS[word])
            facts += bytes((flags, advance))
        else:
            cut = tuple(paired), bytes(facts)
    if len(_CHUNK_WORDS) < _CHUNK_LIMIT and len(chunk) <= 64:
        _CHUNK_WORDS[chunk], _CHUNK_FACTS[chunk] = cut
    return cut


class _ChunkWords(dict):
    """Text between two spaces → its words, each followed by its key (see ``_cut_chunk``)."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        return _cut_chunk(chunk)[0]


class _ChunkFacts(dict):
    """Text between two spaces → each word's flags and advance, in pairs (see ``_cut_chunk``)."""

    def __missing__(self, chunk: str) -> bytes:
        return _cut_chunk(chunk)[1]


_UNCUT: tuple[tuple[str, ...], bytes] = ((), bytes([_BEYOND, 0]))
_CHUNK_WORDS, _CHUNK_FACTS = _ChunkWords(), _ChunkFacts()
_CHUNK_LIMIT = 100_000


class Doc:
    """The words of one text with offsets, keys and the flags the rules test."""

    WORD, NUMBER, PUNCT, NEWLINE = 0, 1, 2, 3

    def __init__(self, text: str) -> None:
        self.text = text
        # Cut by the spaces, each piece's words are read from tables kept by the piece's text (see
        # ``_cut_chunk``): a few C-level passes and no Python statement per word or per piece.
        chunks = text.split(" ")
        facts = b"".join(map(_CHUNK_FACTS.__getitem__, chunks))
        flags = facts[0::2]
        if not flags.isascii():  # a piece the table does not describe (see ``_cut_chunk``): the whole text is cut
            words, keys, flags, starts, ends = _cut(text)
        else:
            paired = list(chain.from_iterable(map(_CHUNK_WORDS.__getitem__, chunks)))
            words, keys = paired[0::2], tuple(paired[1::2])
            starts = list(accumulate(facts[1::2], initial=0))
            starts.pop()  # where a word after the last would start
            ends = None  # made when asked for (``ends``): the rules take a word's end from its start and length
        self.words, self.starts, self._ends = words, starts, ends
        # Tuples: the rules index these often, which a tuple answers faster than ``bytes``, and the collector
        # stops tracking a tuple of strings and ints after its first pass, where it walks a list on every pass.
        self.keys = keys
        upper = flags.translate(_UPPER_OF)
        self.kinds, self.caps = tuple(flags.translate(_KIND_OF)), tuple(flags.translate(_CAPS_OF))
        self.upper, self.opens = tuple(upper), flags.translate(_OPENS_OF)
        self._upper_flags = upper
        self._capitals: list[int] | None = None
        self.skip = self._heading_words()
        self._has_quotes: bool | None = None  # whether the text holds an opening quotation mark (``is_quoted``)
        self._quotes: tuple[list[int], ...] | None = None
        self.memo: dict[int, bool] = {}  # word index → whether a phrase starts there (``names._starts_phrase``)

    @property
    def ends(self) -> list[int]:
        """Where each word ends."""
        if self._ends is None:
            self._ends = list(map(add, self.starts, map(len, self.words)))
        return self._ends

    def end(self, t: int) -> int:
        """Where word ``t`` ends."""
        return self.starts[t] + len(self.words[t])

    def capitals(self) -> list[int]:
        """Indices of the all-capital words, in order: a few per text, found by ``bytes.find`` in the flags
        rather than by a pass over every word."""
        if self._capitals is None:
            find = self._upper_flags.find
            out: list[int] = []
            t = find(1)
            while t >= 0:
                out.append(t)
                t = find(1, t + 1)
            self._capitals = out
        return self._capitals

    def _heading_words(self) -> bytearray:
        """Words on all-capital lines ("TIN TỨC SỰ KIỆN", "VĂN BẢN MỚI"): headings, not names."""
        skip = bytearray(len(self.words))
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
        text = self.text
        if self._has_quotes is None:
            self._has_quotes = "“" in text or '"' in text
        if not self._has_quotes:
            return False
        pos = self.starts[t]
        line = self._line_before(pos)
        if pos - line <= _SHORT_LINE:  # the common case: count the marks on the line before the word
            before = text[line + 1 : pos]
            return before.count("“") > before.count("”") or before.count('"') % 2 == 1
        _, opens, closes, straight = self._marks()
        return (bisect_left(opens, pos) - bisect_left(opens, line) > bisect_left(closes, pos) - bisect_left(closes, line)
                or (bisect_left(straight, pos) - bisect_left(straight, line)) % 2 == 1)

    def is_quoted_title(self, t: int) -> bool:
        """Whether word ``t`` is inside a quotation opened right after a title word ("phim “…”")."""
        if not self.is_quoted(t):
            return False
        text, pos = self.text, self.starts[t]
        line = self._line_before(pos)
        if pos - line <= _SHORT_LINE:
            mark = max(text.rfind("“", line + 1, pos), text.rfind('"', line + 1, pos))
        else:
            _, opens, _, straight = self._marks()
            mark = max((marks[k - 1] for marks in (opens, straight) if (k := bisect_left(marks, pos))), default=-1)
        if mark <= line:
            return False
        q = bisect_left(self.starts, mark)  # the quotation mark is a word of its own
        if q < 1:
            return False
        keys = self.keys
        return (keys[q - 1],) in TITLE_HEADS or (q >= 2 and (keys[q - 2], keys[q - 1]) in TITLE_HEADS)

    def _line_before(self, pos: int) -> int:
        """Offset of the last line break before ``pos``, or -1. Searched back at most ``_SHORT_LINE``
        characters: past that, found by bisection, so a text of one long line is not read again per word."""
        low = pos - _SHORT_LINE
        line = self.text.rfind("\n", low if low > 0 else 0, pos)
        if line < 0 and low > 0:
            newlines = self._marks()[0]
            k = bisect_left(newlines, pos)
            line = newlines[k - 1] if k else -1
        return line

    def _marks(self) -> tuple[list[int], ...]:
        """Offsets of the line breaks, opening, closing and straight quotation marks, found once."""
        if self._quotes is None:
            text = self.text
            self._quotes = tuple([m.start() for m in re.finditer(mark, text)] for mark in ("\n", "“", "”", '"'))
        return self._quotes

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
        """Words ``i``..``j`` as a value: NFC, single spaces, canonical tones, abbreviations expanded.

        The value depends only on the text of the span (its words and gaps) and the options, so it is cached
        by them; ``expand`` is keyed by identity and must be one of the lexicons' constant tables."""
        raw = self.text[self.starts[i] : self.starts[j - 1] + len(self.words[j - 1])]
        cache_key = (raw, id(expand), drop_parenthesised, tones)
        out = _VALUE_CACHE.get(cache_key)
        if out is not None:
            return out
        if expand is None and not drop_parenthesised:
            out = raw
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
                if parts and self.starts[t] > self.starts[t - 1] + len(self.words[t - 1]):
                    parts.append(" ")
                parts.append(word)
                t += 1
            out = "".join(parts)
        out = " ".join(nfc(out).split())
        if tones:
            out = canonical_tones(out)
        if len(_VALUE_CACHE) < _VALUE_CACHE_LIMIT:
            _VALUE_CACHE[cache_key] = out
        return out

    def entity(self, kind: str, i: int, j: int, value: object) -> Entity:
        start, end = self.starts[i], self.starts[j - 1] + len(self.words[j - 1])
        return new_entity(kind, self.text[start:end], start, end, value)


# ``Entity(...)`` of a frozen dataclass sets each field through ``object.__setattr__`` by name; its slots'
# own descriptors set them directly, in less than half the time (a short article has some 15 names).
_new_object = object.__new__
_set_type, _set_text, _set_start, _set_end, _set_value, _set_meta = (
    Entity.__dict__[f.name].__set__ for f in fields(Entity)
)


def new_entity(kind: str, text: str, start: int, end: int, value: object) -> Entity:
    """``Entity(kind, text, start, end, value)``, the same object, made faster."""
    entity = _new_object(Entity)
    _set_type(entity, kind)
    _set_text(entity, text)
    _set_start(entity, start)
    _set_end(entity, end)
    _set_value(entity, value)
    _set_meta(entity, {})
    return entity


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
TITLE_HEADS = Lexicon(lex.TITLE_HEADS)


# --- what a word can open ----------------------------------------------------------------------------

SURNAMES = frozenset(w.lower() for w in lex.SURNAMES)
ORG_ABBR_HEADS = frozenset(lex.ORG_ABBREVIATION_HEADS)
# A level word opens a location in any case ("tỉnh Quảng Ninh"), a place's own first word only capitalised
# ("Bình Dương", not "bình thường"): ``names._locations`` finds nothing at the others.
LEVEL_FIRST_KEYS, PLACE_FIRST_KEYS = frozenset(LOCATION_PREFIXES.first), frozenset(PLACES.first)
# The words that can open an entity in the scan: cues, titles, heads, surnames (the rest can only continue one).
_RUN_LOWER_OPENERS = frozenset(PERSON_CUES.first) | {"công"}
_RUN_OPENERS = (_RUN_LOWER_OPENERS | frozenset(ROLE_TITLES.first) | frozenset(NOT_ORG.first)
                | frozenset(ORG_HEADS.first) | SURNAMES | {"tổng"})
OPENS_SCAN, OPENS_PLACE = 1, 2


def _word_opens(word: str, key: str, caps: bool) -> int:
    """``OPENS_SCAN`` if the word can open something of the names scan, ``OPENS_PLACE`` if a location."""
    scan = (key in _RUN_OPENERS and (caps or key in _RUN_LOWER_OPENERS)) or (caps and word in ORG_ABBR_HEADS)
    return (OPENS_SCAN if scan else 0) | (OPENS_PLACE if key in LEVEL_FIRST_KEYS or (caps and key in PLACE_FIRST_KEYS) else 0)
