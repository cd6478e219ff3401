"""Stretches of a text that hold no count or amount: sizes and screen resolutions ("1536 x 2048", "60 x 120
x 200 cm") and quoted names (“01 triệu sáng kiến”), found without a pass of the regular expression engine
over every digit."""

from __future__ import annotations

import re

# "1536 x 2048", "3840×2160", "60 x 120 x 200 cm": sizes and screen resolutions, not counts.
# It starts only where a number starts, so a megabyte of digits is read once, not once per digit.
# The look-behind comes after the first digit, so that the engine skips to digits by itself.
DIMENSIONS = re.compile(r"\d(?<![\d.,]\d)\d*(?:[.,]\d+)?(?:[ \u00a0]?[x×X*][ \u00a0]?\d+(?:[.,]\d+)?)+(?![\w.,]\d)")


_DIMENSION_SIGNS = ("x", "×", "X", "*")
_DIMENSION_GAP = " \u00a0"
_NUMBER_MARKS = ".,"


def _dimension_starts(text: str) -> list[int]:
    """Every offset where a match of ``DIMENSIONS`` can start, in order (and some where none does).

    A match holds a sign between two digits, with at most one space on either side ("4 x 6"), and starts
    at a digit of the run of digits, dots and commas before that sign. The signs are found with
    ``str.find`` (most texts hold an "x" only in words: "xã"), where the pattern's own scan would try
    every digit of the text, at ~10 ns a character."""
    n = len(text)
    starts: set[int] = set()
    for sign in _DIMENSION_SIGNS:
        at = text.find(sign)
        while at != -1:
            before = at - 2 if at >= 1 and text[at - 1] in _DIMENSION_GAP else at - 1
            after = at + 2 if at + 1 < n and text[at + 1] in _DIMENSION_GAP else at + 1
            if before >= 0 and after < n and text[before].isdecimal() and text[after].isdecimal():
                lo = before
                while lo > 0 and (text[lo - 1].isdecimal() or text[lo - 1] in _NUMBER_MARKS):
                    lo -= 1
                starts.update(p for p in range(lo, before + 1) if text[p].isdecimal())
            at = text.find(sign, at + 1)
    return sorted(starts)


def dimension_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``DIMENSIONS.finditer(text)`` gives: the pattern tried at ``_dimension_starts`` only,
    left to right, each time after the previous match, as ``finditer`` does."""
    spans: list[tuple[int, int]] = []
    end = 0
    for at in _dimension_starts(text):
        if at >= end and (m := DIMENSIONS.match(text, at)) is not None:
            end = m.end()
            spans.append((at, end))
    return spans


class Quotes:
    """Answers "is this offset inside a quoted name?" (“01 triệu sáng kiến”) from the quote marks alone.

    Only the marks of the 400 characters before the offset (and after the last line break) count, and
    ``str.count``/``rfind`` look at them without building anything, so a question costs the same
    however long the line and however many quotes it opens.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.any = "“" in text or '"' in text  # without an opening mark nothing is inside quotes
        self._asked: dict[int, bool] = {}  # money and counts ask about the same numbers

    def inside(self, pos: int) -> bool:
        if not self.any:
            return False
        inside = self._asked.get(pos)
        if inside is None:
            inside = self._asked[pos] = self._inside(pos)
        return inside

    def _inside(self, pos: int) -> bool:
        text = self.text
        lo = max(0, pos - 400)
        line_break = text.rfind("\n", lo, pos)
        if line_break != -1:  # quotes never span lines
            lo = line_break + 1
        if text.count("“", lo, pos) > text.count("”", lo, pos):
            opening = text.rfind("“", lo, pos)
        elif text.count('"', lo, pos) % 2 == 1:
            opening = text.rfind('"', lo, pos)
        else:
            return False
        # Quoted speech ("chia sẻ: “Gia đình tôi có 2 con…”") states facts; only quoted titles are names.
        return not text[max(0, opening - 8) : opening].rstrip().endswith(":")
