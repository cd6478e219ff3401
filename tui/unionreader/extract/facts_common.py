"""Shared pieces of fact extraction: sentences, clause windows and entity look-ups.

Every fact points at the sentence it came from, so the splitter must not cut inside the numbers
and abbreviations of the genre: "8.945", "30/01/2024", "TP. Hồ Chí Minh", "Đ/c", "./.".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold_nfc, normalize_tones
from .models import Entity

# A sentence ends at a line break, or at . ! ? … (closing quotes and a "./." tail included) followed
# by space and something that can start a sentence. A period after a short abbreviation ("TP.",
# "Th.S.", "PGS.") is not an end; "8.945" and "30/01/2024" have no space after the dot anyway.
_END_RE = re.compile(r"\n+|(?:\.{3}|…|[.!?])+[”\"')\]]*(?:\s*\./\.)?")
_ABBREV_BEFORE_DOT = re.compile(r"(?:^|[\s(])(?:TP|Tp|TX|Q|P|ThS|Th\.S|TS|PGS|GS|BS|KS|CN|[A-ZĐ])$")
_OPENERS = "\"“‘'([-–•"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` (whitespace trimmed, empty ones dropped), in order."""
    spans: list[Sentence] = []
    pos = 0
    for m in _END_RE.finditer(text):
        if not m.group().startswith("\n"):
            if not _starts_sentence(text, m.end()):
                continue
            if m.group() == "." and _ABBREV_BEFORE_DOT.search(text, max(0, m.start() - 6), m.start()):
                continue
        end = m.start() if m.group().startswith("\n") else m.end()
        _add_trimmed(text, pos, end, spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _starts_sentence(text: str, i: int) -> bool:
    if i >= len(text):
        return True
    if not text[i].isspace():
        return False
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] == "\n":
        return True
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _add_trimmed(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))


class SentenceIndex:
    """Finds the sentence around an offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.sentences[0] if self.sentences else Sentence(0, 0)
        return self.sentences[i]

    def position(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


class EntityIndex:
    """The article's entities by type, with their positions in the full entity list."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self._by_type: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            self._by_type.setdefault(e.type, []).append(i)

    def of_type(self, *types: str) -> list[int]:
        if len(types) == 1:
            return self._by_type.get(types[0], [])
        return sorted(i for t in types for i in self._by_type.get(t, []))

    def within(self, start: int, end: int, *types: str) -> list[int]:
        return [i for i in self.of_type(*types) if self.entities[i].start >= start and self.entities[i].end <= end]

    def starting_at(self, offset: int, *types: str, slack: int = 0) -> int | None:
        for i in self.of_type(*types):
            e = self.entities[i]
            if offset <= e.start <= offset + slack:
                return i
        return None

    def ending_at(self, offset: int, *types: str, slack: int = 0) -> int | None:
        best = None
        for i in self.of_type(*types):
            e = self.entities[i]
            if offset - slack <= e.end <= offset and (best is None or e.end > self.entities[best].end):
                best = i
        return best


@lru_cache(maxsize=8192)
def clean_phrase(s: str) -> str:
    """One-line display form: canonical tone marks, single spaces, no defining "(ABBR)"."""
    s = normalize_tones(s)
    s = re.sub(r"\s*\((?:[A-ZĐ][A-ZĐ0-9&/.-]*)\)", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,;:–-")


@lru_cache(maxsize=8192)
def key(s: str) -> str:
    """Comparison key: folded, single-spaced, without defining parentheses."""
    return re.sub(r"\s+", " ", fold_nfc(clean_phrase(s))).strip()


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out
