"""Hits: the matched character spans of an article and a snippet around the best cluster of them.

``spans_of`` finds the words of a text that a search matched (by folded form, or through an alias:
"8.945" stands for "8945", "LĐLĐ" for "liên đoàn lao động").  ``snippet_around`` picks the window of
about ``width`` characters that best shows those matches and returns it with whitespace collapsed and
the spans re-based onto it.  Both are called for each visible row of the result list, so the
article's tokens are cached and the window search only looks at the matches themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_

from ..extract.facts_common import split_sentences
from ..text import TOKEN_RE, fold_nfc
from .aliases import term_aliases

__all__ = ["Hit", "snippet_around", "spans_of"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    doc: int
    score: float
    title_spans: tuple[tuple[int, int], ...]  # into article.title
    text_spans: tuple[tuple[int, int], ...]  # into article.text
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]  # into snippet


# --- matched spans ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """The tokens of one text grouped by folded form, and the forms that stand for other terms."""

    starts: dict[str, list[int]]  # folded word -> its start offsets (a token folds to its own length)
    aliased: tuple[tuple[str, tuple[str, ...]], ...]


def _index_words(s: str) -> _Words:
    starts: dict[str, list[int]] = {}
    for m in TOKEN_RE.finditer(fold_nfc(s)):
        word = m.group()
        found = starts.get(word)
        if found is None:
            starts[word] = [m.start()]
        else:
            found.append(m.start())
    aliased = tuple((w, a) for w in starts if (a := term_aliases(w)))
    return _Words(starts, aliased)


# Tokenising an 8 KB article costs ~1.5 ms, far more than matching; the same articles are highlighted
# again and again while a query is typed, so the tokens of long texts (not titles) are kept.
_cached_words = lru_cache(maxsize=64)(_index_words)  # ~100 KB for an 8 KB article
_CACHE_FROM = 1000  # characters


def spans_of(s: str, terms: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Character spans of the tokens of ``s`` whose folded form is a term, or whose aliases all are."""
    if not terms or not s:
        return ()
    words = _cached_words(s) if len(s) >= _CACHE_FROM else _index_words(s)
    out: list[Span] = []
    for term in terms:
        found = words.starts.get(term)
        if found:
            n = len(term)
            out += [(a, a + n) for a in found]
    for word, aliases in words.aliased:
        if word not in terms and all(a in terms for a in aliases):
            n = len(word)
            out += [(a, a + n) for a in words.starts[word]]
    out.sort()
    return tuple(out)


# --- snippet ----------------------------------------------------------------------------------

_RUN_BONUS = 2  # a matched word right next to another matched word counts this much extra
_SNAP = 15  # how far a cut may move to land between words
_LOOKBACK = 8  # characters before a window the sentence rule needs (an abbreviation before a dot)
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=4096)
def _keys(word: str) -> tuple[str, ...]:
    """What a matched word counts as: its folded form, or the terms it stands for ("LĐLĐ")."""
    folded = fold_nfc(word).lower()
    return term_aliases(folded) or (folded,)


def _space_before(text: str, lo: int, hi: int) -> int:
    """The last whitespace character in ``text[lo:hi]``, or -1."""
    for p in range(hi - 1, max(lo, 0) - 1, -1):
        if text[p].isspace():
            return p
    return -1


def _space_after(text: str, lo: int, hi: int) -> int:
    """The first whitespace character in ``text[lo:hi]``, or -1."""
    m = _SPACE.search(text, lo, hi)
    return m.start() if m else -1


def _window_start(text: str, anchor: int, lead: int) -> int:
    """Where a window showing ``anchor`` about ``lead`` characters in starts: the last sentence or
    paragraph start in that lead if there is one, else a word boundary near ``anchor - lead``."""
    lo = anchor - lead
    if lo <= 0:
        return 0
    # Sentence starts by extraction's own rule (a dot after "TP." or "ThS." ends none); the first
    # span of the window is where the window was cut, not a start.
    begin = max(0, lo - _LOOKBACK)
    starts = [begin + s.start for s in split_sentences(text[begin : anchor + 1])[1:]]
    best = max((p for p in starts if p >= lo), default=0)  # 0: none (a found start is at least lo)
    if best:
        return best
    space = _space_before(text, lo - _SNAP, lo + 1)
    if space < 0:
        space = _space_after(text, lo, anchor)
    return space + 1 if space >= 0 else anchor


def _window_end(text: str, start: int, width: int) -> int:
    """Where a window starting at ``start`` ends: a word boundary near ``start + width``."""
    end = start + width
    if end >= len(text):
        return len(text)
    space = _space_before(text, max(start + 1, end - _SNAP), end + 1)
    if space < 0:
        space = _space_after(text, end, end + _SNAP)
    return space if space >= 0 else end


class _Matches:
    """The spans of one call as bit masks of the distinct words (folded forms) they count as.

    A span is *paired* when it stands next to a different matched word with only spaces between
    ("Chủ tịch"), or stands for several words by itself ("LĐLĐ"): the query's words as the query
    has them.  ``left[k]``/``right[k]`` say which neighbour span k pairs with, so that a window
    cutting a pair does not count it.  When the article has pairs, the words that never take part
    in one (typically fuzzy expansions: "tác", "tục" for "tic") do not count for choosing the window.
    """

    __slots__ = ("counted", "ends", "left", "masks", "right", "starts", "together")

    def __init__(self, text: str, spans: list[Span]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        words = [text[a:b] for a, b in spans]
        bits: dict[str, int] = {}
        mask_of: dict[str, int] = {}
        for word in set(words):
            mask = 0
            for key in _keys(word):
                bit = bits.get(key)
                if bit is None:
                    bit = bits[key] = 1 << len(bits)
                mask |= bit
            mask_of[word] = mask
        masks = [mask_of[w] for w in words]
        n = len(spans)
        left = [False] * n
        for k in range(1, n):
            left[k] = masks[k] != masks[k - 1] and not text[spans[k - 1][1] : spans[k][0]].strip(" ")
        right = [*left[1:], False]
        self.masks, self.left, self.right = masks, left, right
        self.together = [m if left[k] or right[k] or m & (m - 1) else 0 for k, m in enumerate(masks)]
        self.counted = reduce(or_, self.together) or reduce(or_, masks)

    def _paired(self, k: int, lo: int, hi: int) -> bool:
        m = self.masks[k]
        return bool(m & (m - 1)) or (self.left[k] and k > lo) or (self.right[k] and k + 1 < hi)

    def score(self, lo: int, hi: int) -> int:
        """Weight of the spans ``lo:hi``: each distinct counted word 1, plus ``_RUN_BONUS`` when it is
        paired there ("Chủ tịch" side by side beats "chủ" … "tịch" apart)."""
        if hi <= lo:
            return 0
        masks = self.masks
        seen = reduce(or_, masks[lo:hi])
        paired = reduce(or_, self.together[lo + 1 : hi - 1], 0)  # inner spans: both neighbours shown
        if self._paired(lo, lo, hi):
            paired |= masks[lo]
        if self._paired(hi - 1, lo, hi):
            paired |= masks[hi - 1]
        return (seen & self.counted).bit_count() + _RUN_BONUS * paired.bit_count()

    def bound(self, lo: int, hi: int) -> int:
        """An upper bound on the score of any window whose spans all lie within ``lo:hi``."""
        if hi <= lo:
            return 0
        seen = reduce(or_, self.masks[lo:hi]) & self.counted
        return seen.bit_count() + _RUN_BONUS * reduce(or_, self.together[lo:hi]).bit_count()

    def ceiling(self) -> int:
        """The best score any window could have."""
        return self.counted.bit_count() + _RUN_BONUS * reduce(or_, self.together).bit_count()


def _collapse(body: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """``body`` with each whitespace run made one space, or " · " where it held a paragraph break (a
    heading run into the next sentence reads as one sentence); ``spans`` (into ``body``) moved to match."""
    gaps = [m.span() for m in _WHITESPACE.finditer(body)]
    if not gaps:
        return body, spans
    pieces, shifts, removed, prev = [], [], 0, 0  # shifts[g]: characters dropped before gaps[g]'s end
    for a, b in gaps:
        pieces.append(body[prev:a])
        gap = " · " if "\n" in body[a:b] else " "
        pieces.append(gap)
        removed += b - a - len(gap)
        shifts.append(removed)
        prev = b
    pieces.append(body[prev:])
    ends = [b for _, b in gaps]
    moved = []
    for a, b in spans:
        g = bisect_right(ends, a)  # gaps wholly before the span (a word never lies inside a gap)
        d = shifts[g - 1] if g else 0
        moved.append((a - d, b - d))
    return "".join(pieces), moved


def snippet_around(text: str, spans: tuple[tuple[int, int], ...], width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``width`` characters of ``text`` showing the best cluster of ``spans``.

    Every candidate window is scored on exactly the matches it would show: the number of distinct
    words (by folded form), plus a bonus for matched words that stand next to each other the way a
    query's words do.  Cuts fall between words, with "…" at each cut end; whitespace runs (paragraph
    breaks included) become one space.  Returns the snippet and the spans that lie wholly inside it,
    re-based so that ``snippet[a:b]`` is the matched word.
    """
    spans = sorted(spans)
    lead = width // 4
    if not spans:
        start = 0
        end = _window_end(text, 0, width)
    else:
        matches = _Matches(text, spans)
        starts, ends, left = matches.starts, matches.ends, matches.left
        ceiling = matches.ceiling()
        best = -1
        start = end = 0
        last_start = -1
        # Windows start a little before a match.  When some matched words stand together, only those
        # pairs start windows: the phrase the query asked for, with what follows it, is the snippet;
        # a stray fuzzy match ("tác" for "tic") must not push the phrase to the snippet's far end.
        anchors = [i for i, t in enumerate(matches.together) if t and not left[i]] or [
            i for i in range(len(starts)) if not left[i]
        ]
        for i in anchors:
            anchor = starts[i]
            # a window starting for this anchor shows spans within these bounds only
            reach = bisect_left(starts, anchor - lead - _SNAP), bisect_right(ends, anchor + width + _SNAP)
            if best >= 0 and matches.bound(*reach) <= best:
                continue
            s = _window_start(text, anchor, lead)
            if s == last_start:
                continue
            last_start = s
            e = _window_end(text, s, width)
            score = matches.score(bisect_left(starts, s), bisect_right(ends, e))
            if score > best:  # ties go to the earlier window
                best, start, end = score, s, e
                if best == ceiling:
                    break
    body = text[start:end]
    stripped = body.lstrip()
    start += len(body) - len(stripped)
    body = stripped.rstrip()
    end = start + len(body)
    inside = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    body, inside = _collapse(body, inside)
    lead_mark = "…" if start > 0 and text[:start].strip() else ""
    snippet = lead_mark + body + ("…" if end < len(text) and text[end:].strip() else "")
    n = len(lead_mark)
    return snippet, tuple((a + n, b + n) for a, b in inside)
