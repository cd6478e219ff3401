"""Hits: the matched character spans of an article and a snippet around the best cluster of them."""

from __future__ import annotations

from dataclasses import dataclass

from .aliases import term_aliases
from .text import TOKEN_RE, fold_nfc

__all__ = ["Hit", "snippet_around", "spans_of"]


@dataclass(frozen=True, slots=True)
class Hit:
    doc: int
    score: float
    title_spans: tuple[tuple[int, int], ...]  # into article.title
    text_spans: tuple[tuple[int, int], ...]  # into article.text
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]  # into snippet


def spans_of(s: str, terms: frozenset[str]) -> tuple[tuple[int, int], ...]:
    if not terms or not s:
        return ()
    out = []
    for m in TOKEN_RE.finditer(fold_nfc(s)):
        word = m.group()
        if word in terms:
            out.append(m.span())
            continue
        aliases = term_aliases(word)
        if aliases and all(a in terms for a in aliases):
            out.append(m.span())
    return tuple(out)


def snippet_around(text: str, spans: tuple[tuple[int, int], ...], width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """~``width`` characters around the densest cluster of matches, spans relative to the snippet."""
    if not spans:
        start = 0
    else:
        best, best_count, j = 0, -1, 0
        for i, (s, _) in enumerate(spans):
            while j < len(spans) and spans[j][1] <= s + width:
                j += 1
            distinct = len({text[a:b].lower() for a, b in spans[i:j]})
            if distinct > best_count:
                best, best_count = i, distinct
        start = max(0, spans[best][0] - width // 4)
        space = text.rfind(" ", max(0, start - 15), start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end - 15, end + 15)
        end = space if space > 0 else end
    body = text[start:end].replace("\n", " ")
    lead = "…" if start > 0 else ""
    snippet = lead + body + ("…" if end < len(text) else "")
    shift = len(lead) - start
    inside = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return snippet, inside

