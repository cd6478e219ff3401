"""Shared pieces of fact extraction: the sentence index, clause windows and entity look-ups."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from operator import attrgetter, le

from ..text import fold_nfc
from .models import Entity
from .sentences import Sentence, split_sentences
from .tones import canonical_tones

__all__ = ["Sentence", "split_sentences"]  # (here too: the facts modules take them from this one)

# ``str.lower`` lower-cases each letter as the regular expression engine compares it under IGNORECASE,
# except that the engine also takes "İ" and "ı" for "i" and "ſ" for "s" (and "İ" is the one letter
# ``lower`` makes two characters of). With those three mapped first, ``lowered(text)`` has the offsets
# of ``text`` and holds, at the same offset, the lower-case spelling of every phrase an IGNORECASE
# pattern finds there: a cheap, sure test of whether a pattern can match at all
# (tests/test_extract_speed_equivalence.py checks this over all of Unicode).
_ENGINE_CASES = str.maketrans("İıſ", "iis")


def lowered(text: str) -> str:
    """``text`` lower-cased for "can this IGNORECASE pattern match here?" checks, with the same offsets."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_ENGINE_CASES)
    return text.lower()


def needle_starts(
    low: str, needles: Iterable[str], back: Iterable[int] = (0,), lo: int = 0, hi: int | None = None
) -> list[int]:
    """Sorted offsets where a needle starts in ``low[lo:hi]``, or ``back`` characters before one (but not
    before ``lo``), overlapping occurrences too: where a pattern can match whose every match holds one of
    the needles that far in."""
    hi = len(low) if hi is None else hi
    starts: set[int] = set()
    for needle in needles:
        at = low.find(needle, lo, hi)
        while at != -1:
            if back == (0,):  # (the usual case: the start itself, without a generator)
                starts.add(at)
            else:
                starts.update(at - d for d in back if d <= at - lo)
            at = low.find(needle, at + 1, hi)
    return sorted(starts)


Anchors = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]


def anchors_of(needles: Sequence[str], pieces: Sequence[str]) -> Anchors:
    """The ``needles`` grouped by the first of the ``pieces`` each holds (its anchor, with its offset in the
    needle), a needle holding none being its own anchor: for ``anchored_starts``."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for needle in needles:
        piece = next((p for p in pieces if p in needle), needle)
        groups.setdefault(piece, []).append((needle, needle.find(piece)))
    return tuple((piece, tuple(found)) for piece, found in groups.items())


def anchored_starts(low: str, anchors: Anchors) -> list[int]:
    """``needle_starts(low, needles)`` of the needles ``anchors_of`` grouped: each anchor is looked for once,
    and where it stands each needle of its group is checked at its offset before. ``str.find`` reads the
    whole text for every needle absent from it (most): a few shared anchors ("chương" of "huân chương", "huy
    chương", "kỷ niệm chương") read it a few times instead of once per needle."""
    starts: set[int] = set()
    add = starts.add
    for piece, group in anchors:
        at = low.find(piece)
        while at != -1:
            for needle, offset in group:
                if at >= offset and low.startswith(needle, at - offset):
                    add(at - offset)
            at = low.find(piece, at + 1)
    return sorted(starts)


def matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> list[re.Match[str]]:
    """``pattern.finditer(text, …, endpos)`` when no match can start anywhere but at ``starts`` (sorted):
    the pattern is tried there only, left to right, each time after the previous match, as ``finditer``
    does."""
    endpos = len(text) if endpos is None else endpos
    found: list[re.Match[str]] = []
    end = 0
    for at in starts:
        if at >= end and (m := pattern.match(text, at, endpos)) is not None:
            found.append(m)
            end = m.end()
    return found


class SentenceIndex:
    """Finds the sentence around an offset in O(log n), and what the rules ask of the whole text once.

    A line may be one sentence of a megabyte with thousands of figures: everything asked per figure
    (its sentence's text, its clause, the words near it) is answered from what is worked out here once,
    never by reading the line again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)
        self._starts = self.starts = [s.start for s in self.sentences]
        """The sentences' starts, in order."""
        self._low: str | None = None
        self._texts: dict[int, str] = {}
        self._found: dict[tuple[str, ...], list[int]] = {}

    @property
    def low(self) -> str:
        """``lowered(text)``, made once: the fact rules look for their words in it."""
        if self._low is None:
            self._low = lowered(self.text)
        return self._low

    def holds(self, word: str, start: int, end: int) -> bool:
        """Whether lower-case ``word`` occurs in ``text[start:end]`` in any case: a sure, cheap test that an
        IGNORECASE pattern whose every match holds ``word`` can match there (see ``lowered``)."""
        return self.low.find(word, start, end) != -1

    def holding(self, word: str, spans: Sequence[Sentence]) -> list[Sentence]:
        """The ``spans`` that ``holds(word, …)``. They lie between the first's start and the last's end (in
        order, or a title before its lead): when that stretch does not hold the word (the usual case), none
        does, and they are passed over with one look."""
        low = self.low
        if not spans or low.find(word, spans[0][0], spans[-1][1]) == -1:
            return []
        return [span for span in spans if low.find(word, span[0], span[1]) != -1]

    def at(self, offset: int) -> Sentence:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.sentences[0] if self.sentences else Sentence(0, 0)
        return self.sentences[i]

    def position(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_text(self, sentence: Sentence) -> str:
        """The sentence's text: one string for all the facts of a sentence."""
        found = self._texts.get(sentence.start)
        if found is None or len(found) != sentence.end - sentence.start:
            found = self._texts[sentence.start] = self.text[sentence.start : sentence.end]
        return found

    def starts_of(self, needles: tuple[str, ...], anchors: Anchors | None = None) -> list[int]:
        """Sorted offsets where one of the ``needles`` starts in ``low`` (``needle_starts``), found once (through
        ``anchors``, ``anchors_of(needles, …)``, when given)."""
        found = self._found.get(needles)
        if found is None:
            low = self.low
            found = anchored_starts(low, anchors) if anchors is not None else needle_starts(low, needles)
            self._found[needles] = found
        return found

    def clause(self, sentence: Sentence, at: int) -> tuple[int, int]:
        """The clause of ``sentence`` around offset ``at``: the sentence between the ";" before and after."""
        semicolons = self.starts_of((";",))
        k = bisect_left(semicolons, at)
        left = semicolons[k - 1] + 1 if k and semicolons[k - 1] >= sentence.start else sentence.start
        right = semicolons[k] if k < len(semicolons) and semicolons[k] < sentence.end else sentence.end
        return left, right


_TYPE, _START = attrgetter("type"), attrgetter("start")


class EntityIndex:
    """The article's entities by type, with their positions in the full entity list.

    Entities come sorted by start (``entities.merge_entities``), and then so do each type's: the questions
    about one type bisect its starts instead of visiting all its entities, with the same answers. Entities
    in any other order are answered by the visit."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        by_type: dict[str, list[int]] = {}
        for i, kind in enumerate(map(_TYPE, entities)):
            found = by_type.get(kind)
            if found is None:
                by_type[kind] = [i]
            else:
                found.append(i)
        self._by_type = by_type
        self._all_starts = starts = list(map(_START, entities))
        self.in_order = all(map(le, starts, islice(starts, 1, None)))
        """Whether the entities are sorted by start: then so is every list of indices this index gives."""
        # Each type's starts, made when first asked for (bisected only when ``in_order``).
        self._starts: dict[str, list[int]] = {}

    def _starts_of(self, kind: str) -> list[int]:
        starts = self._starts.get(kind)
        if starts is None:
            all_starts = self._all_starts
            starts = self._starts[kind] = [all_starts[i] for i in self._by_type.get(kind, ())]
        return starts

    def of_type(self, *types: str) -> list[int]:
        if len(types) == 1:
            return self._by_type.get(types[0], [])
        return sorted(i for t in types for i in self._by_type.get(t, []))

    def within(self, start: int, end: int, *types: str) -> list[int]:
        entities = self.entities
        found = self.of_type(*types)
        if self.in_order and len(types) == 1 and found:
            # Only entities starting in [start, end] can lie within: the others end after ``end``.
            starts = self._starts.get(types[0]) or self._starts_of(types[0])
            found = found[bisect_left(starts, start) : bisect_right(starts, end)]
            return [i for i in found if entities[i].end <= end]
        return [i for i in found if entities[i].start >= start and entities[i].end <= end]

    def starting_at(self, offset: int, *types: str, slack: int = 0) -> int | None:
        if self.in_order and len(types) == 1:
            starts = self._starts.get(types[0]) or self._starts_of(types[0])
            k = bisect_left(starts, offset)  # the first entity of the type starting at ``offset`` or after
            return self._by_type[types[0]][k] if k < len(starts) and starts[k] <= offset + slack else None
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


_DEFINING_ABBREVIATION = re.compile(r"\s*\((?:[A-ZĐ][A-ZĐ0-9&/.-]*)\)")


@lru_cache(maxsize=8192)
def clean_phrase(s: str) -> str:
    """One-line display form: canonical tone marks, single spaces, no defining "(ABBR)"."""
    s = canonical_tones(s)
    if "(" in s:  # (every match holds one: most phrases are not searched)
        s = _DEFINING_ABBREVIATION.sub("", s)
    # ``re.sub(r"\s+", " ", s)`` without the engine: ``split`` cuts at the characters ``\s`` matches, and
    # the spaces it drops at the ends are stripped anyway.
    return " ".join(s.split()).strip(" ,;:–-")


@lru_cache(maxsize=8192)
def key(s: str) -> str:
    """Comparison key: folded, single-spaced, without defining parentheses."""
    return " ".join(fold_nfc(clean_phrase(s)).split())  # (``re.sub(r"\s+", " ", …).strip()``)


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
