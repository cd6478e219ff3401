"""The word list that ``names.py`` scans with.

``Doc`` splits the text once into words, numbers and punctuation with their offsets (see ``word_facts``), and
gives each word a lookup key: lower case with the canonical tone placement ("Uỷ" and "Ủy" → "ủy"), so every
lexicon look-up (see ``phrases``) is a dictionary hit.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Mapping
from dataclasses import fields
from itertools import accumulate
from operator import add

from ..text import fold, nfc
from .facts_common import needle_starts
from .models import Entity
from .phrases import TITLE_HEADS
from .tones import canonical_tones
from .word_facts import (
    CAPS_OF,
    CHUNK_CUTS,
    KIND_OF,
    LINE_CASES,
    NEWLINE,
    NUMBER,
    OPENS_OF,
    PUNCT,
    UPPER_OF,
    WORD,
    cut_words,
)

_SHORT_LINE = 2000  # ``Doc.is_quoted_title`` looks for the quotation mark before a word on its line this far back
# Values by span text (see ``Doc.value_text``); the expansion tables are the lexicons' own, never changed.
_VALUE_CACHE: dict[tuple[str, int, bool, bool], str] = {}
_VALUE_CACHE_LIMIT = 50_000


class Doc:
    """The words of one text with offsets, keys and the flags the rules test."""

    WORD, NUMBER, PUNCT, NEWLINE = WORD, NUMBER, PUNCT, NEWLINE  # (``word_facts``' kinds)

    def __init__(self, text: str) -> None:
        self.text = text
        # Cut by the spaces, each piece's words are read from a table kept by the piece's text (see
        # ``_cut_chunk``): a few C-level passes and no Python statement per word or per piece.
        cut: list[str | bytes] = []  # word, key, facts, word, …
        # Each piece's tuple appended by ``list.extend``, mapped and consumed in C (``deque`` of no length):
        # a copy per piece, where chaining the tuples stepped through every item (~350,000 instructions).
        deque(map(cut.extend, map(CHUNK_CUTS.__getitem__, text.split(" "))), maxlen=0)
        facts = b"".join(cut[2::3])
        flags = facts[0::2]
        if not flags.isascii():  # a piece the table does not describe (see ``_cut_chunk``): the whole text is cut
            words, keys, flags, starts, ends = cut_words(text)
            headed = True
        else:
            # Headings are looked for only on a line where no word holds a lower-case letter (most texts
            # have none): a few C-level passes over the flags, not one over the text and its lines.
            headed = any(map(bytes.isupper, flags.translate(LINE_CASES).split(b"\n")))
            words, keys = cut[0::3], tuple(cut[1::3])
            starts = list(accumulate(facts[1::2], initial=0))
            starts.pop()  # where a word after the last would start
            ends = None  # made when asked for (``ends``): the rules take a word's end from its start and length
        self.words, self.starts, self._ends = words, starts, ends
        # ``keys`` a tuple: the collector stops tracking a tuple of strings after its first pass, where it walks
        # a list on every pass. The flags stay ``bytes`` (indexed, they give the same ints): turning the three
        # into tuples cost ~90,000 instructions an article (2 % of the analysis), more than their indexing saved.
        self.keys = keys
        upper = flags.translate(UPPER_OF)
        self.kinds, self.caps = flags.translate(KIND_OF), flags.translate(CAPS_OF)
        self.upper = upper
        self.flags = flags  # each word's packed facts (see ``word_facts.KIND_OF``), for tables of several facts
        self._upper_flags = upper
        self._capitals: list[int] | None = None
        self.skip = self._heading_words() if headed else bytearray(len(words))
        self.quoted: bytes | bytearray | None = None  # 1 for each word between quotation marks (``quoted_words``)
        self._quotes: tuple[list[int], ...] | None = None
        self.memo: dict[int, bool] = {}  # word index → whether a phrase starts there (``names._starts_phrase``)

    @property
    def opens(self) -> bytes:
        """What each word can open (``word_facts.OPENS_OF``): the passes read the flags themselves (see
        ``names._openers``), so this is made only when asked for."""
        return self.flags.translate(OPENS_OF)

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
        return self.quoted_words()[t] == 1

    def quoted_words(self) -> bytes | bytearray:
        """``quoted``, made once: 1 for each word after more opening marks than closing ones on its line, or an
        odd number of straight ones. The scan reads it by index (``orgs``: each head found asks), where a call
        and a bisection per word cost ~500 instructions; most texts have a few quoted stretches to mark."""
        if self.quoted is None:
            self.quoted = self._quoted_mask()
        return self.quoted

    def _quoted_mask(self) -> bytes | bytearray:
        """The marks are found by ``str.find`` (a fast search in C, where a regular expression steps through
        every character); the words after each mark up to the next one (or the end of its line) take the mark's
        state, set by slice (no Python statement per word)."""
        text, starts = self.text, self.starts
        mask = bytearray(len(self.words))
        if "“" not in text and '"' not in text:  # no mark opens a quotation: a closing one alone quotes nothing
            return mask
        line_end = -1
        opened = closed = straight = 0
        quoted_from = -1  # the offset of the mark a quoted stretch runs from, -1 outside one
        for pos in needle_starts(text, "“\"”"):
            if pos > line_end:  # the first mark of its line: the counts start again
                if quoted_from >= 0:
                    _mark(mask, starts, quoted_from, line_end)
                line_end = text.find("\n", pos)
                if line_end < 0:
                    line_end = len(text)
                opened = closed = straight = 0
            elif quoted_from >= 0:
                _mark(mask, starts, quoted_from, pos)
            mark = text[pos]
            if mark == "“":
                opened += 1
            elif mark == "”":
                closed += 1
            else:
                straight += 1
            quoted_from = pos if opened > closed or straight & 1 else -1
        if quoted_from >= 0:
            _mark(mask, starts, quoted_from, line_end)
        return mask

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
        """``records.new_entity`` of words ``i``..``j``, its statements written out here: one call less per name."""
        start, end = self.starts[i], self.starts[j - 1] + len(self.words[j - 1])
        entity = _new_object(Entity)
        _set_type(entity, kind)
        _set_text(entity, self.text[start:end])
        _set_start(entity, start)
        _set_end(entity, end)
        _set_value(entity, value)
        _set_meta(entity, {})
        return entity


def _mark(mask: bytearray, starts: list[int], after: int, upto: int) -> None:
    """Set ``mask`` to 1 for the words starting after offset ``after`` and at most at ``upto``."""
    first, last = bisect_right(starts, after), bisect_right(starts, upto)
    mask[first:last] = b"\x01" * (last - first)


# ``Entity(...)`` of a frozen dataclass sets each field through ``object.__setattr__`` by name; its slots'
# own descriptors set them directly, in less than half the time (a short article has some 15 names).
_new_object = object.__new__
_set_type, _set_text, _set_start, _set_end, _set_value, _set_meta = (
    Entity.__dict__[f.name].__set__ for f in fields(Entity)
)
