"""The store's encoding of one file's analyses: a compressed pickle of plain rows.

Each entity's and fact's ``text`` is the article's text between its offsets, so a row leaves it out
and decoding slices it back (a row keeps a text that differs, which no rule makes); the raw text is
kept as what follows the cleaned text when it opens with it (a plain text file read whole). A third of
the pickle was these copies, and compressing it is most of what encoding costs a worker. Rows of
tuples also pickle without a Python call per object. Payloads of the first format (a pickle of the
objects themselves, a zlib stream) are still read.
"""

from __future__ import annotations

import zlib
from typing import Any

from ..articles import Article, Paragraph
from ..corpus import LoadError
from ..extract.models import Analysis
from ..extract.records import new_entity, new_fact

# Level 1: a cold open's workers compress every article, and on two full cores each CPU-second counts.
# Against level 3, 0.88x the time (180 -> 158 us a generated article, best of five) for payloads 7.6 %
# larger (0.62x -> 0.67x the files; the cache at 100k 1.72x the corpus, measured, the goal 2x). Decompressing
# costs the same; payloads of any level read alike.
ZLIB_LEVEL = 1
_ROWS = b"\x02"  # the rows format's first byte; a zlib stream (the first format) opens with 0x78


# pickle is imported where a payload is made or read: a command without the cache (``facts --no-cache``)
# starts without it.


def encode(shown: str, analyses: tuple[Analysis, ...], errors: tuple[LoadError, ...]) -> bytes:
    import pickle

    rows = tuple(map(_analysis_row, analyses))
    return _ROWS + zlib.compress(pickle.dumps((shown, rows, errors), protocol=pickle.HIGHEST_PROTOCOL), ZLIB_LEVEL)


def decode(payload: bytes) -> tuple[str, tuple[Analysis, ...], tuple[LoadError, ...]]:
    import pickle

    if payload[:1] != _ROWS:
        shown, analyses, errors = pickle.loads(zlib.decompress(payload))
        return shown, analyses, errors
    shown, rows, errors = pickle.loads(zlib.decompress(memoryview(payload)[1:]))
    return shown, tuple(map(_analysis_of, rows)), errors


def _analysis_row(a: Analysis) -> tuple[Any, ...]:
    article = a.article
    text, raw = article.text, article.raw
    return (
        (article.id, article.source, article.title, article.title_derived, text,
         tuple([(p.kind, p.start, p.end) for p in article.paragraphs]), article.byline,
         (raw[len(text):],) if raw.startswith(text) else raw, article.published, article.url, article.origin),
        tuple([(e.type, e.start, e.end, e.value, e.meta) if e.text == text[e.start : e.end]
               else (e.type, e.start, e.end, e.value, e.meta, e.text) for e in a.entities]),
        tuple([(f.kind, f.label, f.value, f.start, f.end, f.entities) if f.text == text[f.start : f.end]
               else (f.kind, f.label, f.value, f.start, f.end, f.entities, f.text) for f in a.facts]),
        a.date,
        a.organiser,
    )


def _analysis_of(row: tuple[Any, ...]) -> Analysis:
    (aid, source, title, derived, text, paragraphs, byline, raw, published, url, origin), entities, facts, date, \
        organiser = row
    article = Article(aid, source, title, derived, text, tuple([Paragraph(*p) for p in paragraphs]), byline,
                      text + raw[0] if type(raw) is tuple else raw, published, url, origin)
    return Analysis(
        article,
        tuple([new_entity(e[0], text[e[1] : e[2]] if len(e) == 5 else e[5], e[1], e[2], e[3], e[4]) for e in entities]),
        tuple([new_fact(f[0], f[1], f[2], text[f[3] : f[4]] if len(f) == 6 else f[6], f[3], f[4], f[5]) for f in facts]),
        date,
        organiser,
    )
