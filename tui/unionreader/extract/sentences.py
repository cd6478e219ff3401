"""Sentences: the spans a text is cut into, each fact pointing at the one it came from.

The splitter must not cut inside the numbers and abbreviations of the genre: "8.945", "30/01/2024",
"TP. Hồ Chí Minh", "Đ/c", "./.".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, chain, islice, repeat
from operator import add, itemgetter
from typing import NamedTuple

# A sentence ends at a line break, or at . ! ? … (closing quotes and a "./." tail included) followed
# by space and something that can start a sentence. A period after a short abbreviation ("TP.",
# "Th.S.", "PGS.") is not an end; "8.945" and "30/01/2024" have no space after the dot anyway.
#
# That is ``\n+|[.!?…]+[”"')\]]*(?:\s*\./\.)?``, written to open with one class of first characters: the
# regular expression engine then skips to those characters instead of trying a match at every offset.
_END_RE = re.compile(r"[\n.!?…](?:(?<=\n)\n*|(?<!\n)[.!?…]*[”\"')\]]*(?:\s*\./\.)?)")
_ABBREV_BEFORE_DOT = re.compile(r"(?:^|[\s(])(?:TP|Tp|TX|Q|P|ThS|Th\.S|TS|PGS|GS|BS|KS|CN|[A-ZĐ])$")
# What can stand right before such a dot: the last letter of one of those abbreviations, or the line
# break that ``$`` also matches before.
_ABBREV_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐp\n")
_OPENERS = "\"“‘'([-–•"
_END_FIRST = "\n.!?…"  # the characters a match of ``_END_RE`` opens with
_MARKS = ".!?…"
_RUN_ON = "”\"')]" + _MARKS  # what a mark's match takes in after it
_BREAK_RUN = re.compile(r"(\n\n*)")  # not "\n+": a pattern opening on a literal is searched for fast
# The dots before " X": group 1 when X is a capital or digit and no abbreviation's letter stands before
# the dot (a cut), group 2 for another X (not a space or a dot), which Python reads; no group for the
# dots that need the plain reading (before a mark or closing quote, before whitespace other than " X"
# and a break). Other dots end nothing.
_DOT = re.compile(r"\.(?:(?<![A-ZĐp\n]\.)( )(?=[A-ZĐ0-9])|( )(?=[^\s.])|(?=[.!?…”\"')\]]|[^\S\n ]| [\s.]))")


class Sentence(NamedTuple):
    """A sentence's span of the text. A tuple: an article makes dozens, and a frozen dataclass takes
    four times as long to make."""

    start: int
    end: int


_new_sentence = tuple.__new__  # ``Sentence(start, end)`` without the Python-level ``__new__``
_span_start = itemgetter(0)
_span_end = itemgetter(1)
_first = itemgetter(0)
_last = itemgetter(-1)
_is_dot = ".".__eq__


def _end_candidates(text: str, lo: int, hi: int) -> list[int]:
    """Where ``_END_RE`` can match in ``text[lo:hi]``: its first character class, found by ``str.find`` (a scan
    of the regular expression engine costs ten times as much per character, whatever it skips), in order."""
    found: list[int] = []
    for ch in _END_FIRST:
        at = text.find(ch, lo, hi)
        while at != -1:
            found.append(at)
            at = text.find(ch, at + 1, hi)
    found.sort()
    return found


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` (whitespace trimmed, empty ones dropped), in order."""
    spans: list[Sentence] = []
    parts = _BREAK_RUN.split(text)  # line, its run of breaks, line, ..., line
    lines = parts[::2]
    # (a break with whitespace beside it, an empty text, or a line opening on ".", maybe a "./." tail that
    # takes in the break before it: the plain reading of the whole text)
    if not text or not all(lines) or any(map(str.isspace, "".join(map(_first, lines)) + "".join(map(_last, lines)))) \
            or any(map(_is_dot, map(_first, lines))):
        _split_span(text, 0, len(text), spans)
        return spans
    # Every line break cuts, no end takes one in (no line opens on a "./." tail), and no sentence has
    # whitespace to trim: the sentences lie between cuts, each where one sentence ends and where the
    # next opens (kept in two lists: cuts never overlap, so both sort alike, and ints sort fast).
    # Breaks and dots are found by splits and scans that open on one literal character (the engine's
    # fast search); the usual cuts, breaks and ". X", come out of them without a Python step each.
    # ``_split_span`` reads the lines with an end that needs the plain reading ("..", '.”', "…." "?!").
    bounds = list(accumulate(map(len, parts)))  # line end, next line's start, ...
    ends = bounds[:-1:2]
    starts = bounds[1::2]
    read_lines: set[int] = set()  # where the lines ``_split_span`` reads open
    for m in _DOT.finditer(text):
        kind = m.lastindex
        at = m.start()
        if kind == 1:  # ". X", X a capital or digit, no abbreviation's letter before the dot: a cut
            ends.append(at + 1)
        elif not kind:  # a dot that needs the plain reading
            read_lines.add(text.rfind("\n", 0, at) + 1)
        elif _opens_sentence(text[at + 2]) and not (
                at and text[at - 1] in _ABBREV_LAST and _ABBREV_BEFORE_DOT.search(text, max(0, at - 6), at)):
            ends.append(at + 1)
    starts += map(add, islice(ends, len(starts), None), repeat(1))
    for mark in "!?…":
        at = text.find(mark)
        while at != -1:
            after = text[at + 1 : at + 3]
            following = after[:1]
            if text[at - 1 : at] in _MARKS:  # inside the match of the mark before it
                read_lines.add(text.rfind("\n", 0, at) + 1)
            elif following == " " and after[1:] and after[1] != "." and not after[1].isspace():
                if _opens_sentence(after[1]):  # "? X" cuts as ". X" does
                    ends.append(at + 1)
                    starts.append(at + 2)
            elif following in "\n." and after != "./":
                pass  # a line's last mark ends nothing the break does not; "…. X" ends as its dot does
            elif following in _RUN_ON or following.isspace():
                read_lines.add(text.rfind("\n", 0, at) + 1)
            # (before a letter or a comma the mark ends nothing, and takes in nothing: "ông… đồ", "…, c")
            at = text.find(mark, at + 1)
    ends.sort()
    starts.sort()
    for lo in read_lines:  # the line's cuts, as ``_split_span`` reads it, in place of those found above
        hi = text.find("\n", lo)
        hi = len(text) if hi == -1 else hi
        line: list[Sentence] = []
        _split_span(text, lo, hi, line)
        first, past = bisect_left(ends, lo), bisect_left(ends, hi)
        ends[first:past] = map(_span_end, islice(line, max(len(line) - 1, 0)))
        starts[first:past] = map(_span_start, islice(line, 1, None))
    return list(map(_new_sentence, repeat(Sentence),
                    zip(chain((0,), starts), chain(ends, (len(text),)), strict=True)))


def _opens_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _split_span(text: str, lo: int, hi: int, spans: list[Sentence]) -> None:
    """Add the sentences of ``text[lo:hi]`` to ``spans``: all the text, or a line when no end takes in a
    line break (``hi`` a break or the end)."""
    append = spans.append
    pos = lo
    n = len(text)
    taken = lo  # the end of the last match: ``finditer`` goes on from there
    # ``_END_RE.finditer(text)``: the pattern tried where its first character stands, each time after
    # the previous match; every such place matches. Its usual matches are read without the engine.
    for start in _end_candidates(text, lo, hi):
        if start < taken:
            continue
        gap = 0  # spaces known to follow the end: the next sentence opens after them, with nothing to trim
        if text[start] == "\n":  # a run of line breaks: the match, and always a cut before it
            end = start + 1
            while end < n and text[end] == "\n":
                end += 1
            cut = start
        else:
            after = text[start + 1 : start + 3]
            if after[:1] == " " and after[1:] and after[1] != "." and not after[1].isspace():
                # ". X": the match is the one mark (``\s*\./\.`` finds no "." after the space), and the
                # sentence goes on unless X can start one.
                end = start + 1
                first = after[1]
                if not (first.isupper() or first.isdigit() or first in _OPENERS):
                    taken = end
                    continue
                gap = 1
            elif after[:1] == "\n" and after[1:] and after[1] != "." and not after[1].isspace():
                end = start + 1  # ".\nX": the one mark again, before a line break, which ends a sentence
            elif after == "\n\n" and (next_char := text[start + 3 : start + 4]) and next_char != "." \
                    and not next_char.isspace():
                end = start + 1  # ".\n\nX", a paragraph's end: the same (``\s*\./\.`` finds no "./." after it)
            elif after[:1].isalnum():  # "8.945", "TP.HCM": the match is the one mark, and ends nothing
                taken = start + 1
                continue
            else:
                end = _END_RE.match(text, start).end()
                # Most dots are inside numbers and abbreviations ("8.945", "TP.HCM"): no space follows them.
                if end < n and (not text[end].isspace() or not _starts_sentence(text, end)):
                    taken = end
                    continue
            if (end - start == 1 and text[start] == "." and start and text[start - 1] in _ABBREV_LAST
                    and _ABBREV_BEFORE_DOT.search(text, max(0, start - 6), start)):
                taken = end
                continue
            cut = end
        if pos < cut:
            if not text[pos].isspace() and not text[cut - 1].isspace():
                append(_new_sentence(Sentence, (pos, cut)))  # the usual case: nothing to trim
            else:
                _add_trimmed(text, pos, cut, spans)
        taken = end
        pos = end + gap
    _add_trimmed(text, pos, hi, spans)


def _starts_sentence(text: str, i: int) -> bool:
    if i >= len(text):
        return True
    if not text[i].isspace():
        return False
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] == "\n":
        return True
    return _opens_sentence(text[i])


def _add_trimmed(text: str, start: int, end: int, out: list[Sentence]) -> None:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        out.append(_new_sentence(Sentence, (start, end)))  # the usual case: nothing to trim
        return
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(_new_sentence(Sentence, (start, end)))
