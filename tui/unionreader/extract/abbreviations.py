"""Abbreviations in a text's words: every all-capital word of 2+ letters outside all-capital headings,
roman numerals and companies' legal forms, with the expansion the text defines ("cán bộ, công chức
(CBCC)"), else the glossary's, else none; joined forms ("TP.HCM", "GD&ĐT") when known as one."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..text import nfc
from . import lexicons as lex
from .models import Entity
from .name_rules import Doc
from .phrases import abbreviation_letters
from .word_facts import WordTable

_LEGAL_FORMS = frozenset(lex.COMPANY_LEGAL_FORMS)
_ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_OPEN_PAREN_RE = re.compile(r"\(")


def abbreviation_definitions(doc: Doc) -> dict[str, str]:
    """Expansions the text gives: "Liên đoàn Lao động (LĐLĐ)" or "NLĐ (người lao động)"."""
    keys, n, starts = doc.keys, len(doc.words), doc.starts
    out: dict[str, str] = {}
    # "(" is always a word of its own: its word indices come from the text, without a pass over the words.
    for p in [bisect_left(starts, m.start()) for m in _OPEN_PAREN_RE.finditer(doc.text)]:
        if p < 1 or p + 2 >= n or keys[p + 2] != ")" or not doc.upper[p + 1]:
            continue
        abbr = nfc(doc.words[p + 1])
        if abbr in out:
            continue
        letters = abbreviation_letters(abbr)
        expansion = _backward_expansion(doc, p - 1, letters)
        if expansion is None and p >= 1 and doc.upper[p - 1]:
            close = p + 1
            while close < n and close - p < 12 and keys[close] != ")":
                close += 1
            expansion = _forward_expansion(doc, p + 1, close, abbreviation_letters(nfc(doc.words[p - 1])))
            if expansion is not None:
                out.setdefault(nfc(doc.words[p - 1]), expansion)
            continue
        if expansion is not None:
            out[abbr] = expansion
    return out


def _backward_expansion(doc: Doc, last: int, letters: str) -> str | None:
    t = last
    want = len(letters) - 1
    first = None
    while t >= 0 and want >= 0 and last - t < 3 * len(letters) + 2:
        kind = doc.kinds[t]
        if kind == Doc.WORD:
            if doc.folded_initial(t) != letters[want]:
                return None
            first = t
            want -= 1
        elif not (kind == Doc.PUNCT and doc.keys[t] in ",-&"):
            return None
        t -= 1
    if want >= 0 or first is None:
        return None
    return doc.value_text(first, last + 1, tones=False)


def _forward_expansion(doc: Doc, first: int, close: int, letters: str) -> str | None:
    words = [t for t in range(first, close) if doc.kinds[t] == Doc.WORD]
    if len(words) != len(letters) or any(doc.folded_initial(t) != c for t, c in zip(words, letters, strict=True)):
        return None
    return doc.value_text(words[0], words[-1] + 1, tones=False)


def abbreviations(doc: Doc, definitions: dict[str, str]) -> list[Entity]:
    words, skip, n = doc.words, doc.skip, len(doc.words)
    out = []
    heading = _capital_phrases(doc, definitions)
    covered = -1
    for t in doc.capitals():
        if skip[t] or t in heading or t < covered:
            continue
        # Most capitals stand alone: a joined form is looked for only where a mark that joins one follows.
        glued = t + 2 < n and words[t + 1] in _ABBREVIATION_GLUE
        joined = _joined_abbreviation(doc, t, definitions) if glued else None
        if joined is not None:
            end, value = joined
            out.append(doc.entity("abbreviation", t, end, value))
            covered = end
            continue
        word = _ABBREVIATION_WORDS[words[t]]
        if word is None:
            continue
        value = definitions.get(word) or lex.ABBREVIATIONS.get(word)
        out.append(doc.entity("abbreviation", t, t + 1, value))
    return out


def _joined_abbreviation(doc: Doc, t: int, definitions: dict[str, str]) -> tuple[int, str] | None:
    """ "TP.HCM", "GD&ĐT", "PGS.TS": capital words glued by "." "&" "-" that the text or the glossary
    knows as one abbreviation; (end word index, expansion), or None to take the words one by one."""
    words, starts, upper = doc.words, doc.starts, doc.upper
    n = len(words)
    end = t + 1
    while (end + 1 < n and words[end] in _ABBREVIATION_GLUE and upper[end + 1]
           and starts[end - 1] + len(words[end - 1]) == starts[end] and starts[end] + 1 == starts[end + 1]):
        end += 2
    if end == t + 1:
        return None
    joined = nfc(doc.text[starts[t] : doc.end(end - 1)])
    value = definitions.get(joined) or lex.ABBREVIATIONS.get(joined)
    return (end, value) if value is not None else None


_ABBREVIATION_GLUE = frozenset(".&-")


def _abbreviation_word(word: str) -> str | None:
    """The abbreviation an all-capital word is (NFC), or None for a roman numeral or a company's legal form."""
    word = nfc(word)
    return None if _ROMAN_RE.fullmatch(word) or word in _LEGAL_FORMS else word


_ABBREVIATION_WORDS = WordTable(_abbreviation_word)


def _capital_phrases(doc: Doc, definitions: dict[str, str]) -> set[int]:
    """Words of all-capital phrases ("TIN TỨC SỰ KIỆN") inside mixed lines: headings, not abbreviations.

    A run of 3+ all-capital words is a heading unless every word in it is a known abbreviation."""
    out: set[int] = set()
    upper, n = doc.upper, len(doc.words)
    t = 0
    for first in doc.capitals():
        if first < t:
            continue
        t = end = first
        while end < n and upper[end]:
            end += 1
        if end - t >= 3:
            known = sum(1 for x in range(t, end)
                        if nfc(doc.words[x]) in lex.ABBREVIATIONS or nfc(doc.words[x]) in definitions)
            if known < end - t:
                out.update(range(t, end))
        t = end
    return out
