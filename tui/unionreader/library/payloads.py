"""The store's encoding of one file's analyses: a compressed pickle of plain rows.

Each entity's and fact's ``text`` is the article's text between its offsets, so a row leaves it out
and decoding slices it back (a row keeps a text that differs, which no rule makes); the raw text is
kept as what follows the cleaned text when it opens with it (a plain text file read whole). A third of
the pickle was these copies. Rows of tuples also pickle without a Python call per object.

The pickle is compressed with Zstandard (level 1, with its checksum: a damaged row fails to decode,
it never reads back wrong). A cold open's workers compress every article, and on two full cores each
CPU-second of it is half a second of the open: against zlib at level 1, the format before, it takes
0.30x the time (157 -> 47 us a generated article, best of five) for payloads of the same size (0.67x
the files), and reads back in 0.28x the time (60 -> 17 us), which every reader of stored articles
gains (the app's reader, its people tables, ``facts``). Payloads of the earlier formats (zlib rows;
a zlib pickle of the objects themselves) are still read.
"""

from __future__ import annotations

import threading
import zlib
from typing import Any

import zstandard

from ..articles import Article, Paragraph
from ..corpus import LoadError
from ..extract.models import Analysis
from ..extract.records import new_entity, new_fact

ZSTD_LEVEL = 1
_ZSTD_ROWS = b"\x03"  # the format's first byte: a Zstandard frame of the rows follows
_ZLIB_ROWS = b"\x02"  # the format before: a zlib stream of the rows (a zlib stream of objects opens with 0x78)


class _Codecs(threading.local):
    """A compressor (or decompressor) may not be used by two threads at once; making one costs ~8 us, a
    sixth of compressing an article, so each thread keeps its own (made when it first asks)."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True)
        self.decompressor = zstandard.ZstdDecompressor()


_codecs = _Codecs()


# pickle is imported where a payload is made or read: a command without the cache (``facts --no-cache``)
# starts without it.


def encode(shown: str, analyses: tuple[Analysis, ...], errors: tuple[LoadError, ...]) -> bytes:
    import pickle

    rows = tuple(map(_analysis_row, analyses))
    return _ZSTD_ROWS + _codecs.compressor.compress(pickle.dumps((shown, rows, errors), protocol=pickle.HIGHEST_PROTOCOL))


def decode(payload: bytes) -> tuple[str, tuple[Analysis, ...], tuple[LoadError, ...]]:
    import pickle

    kind = payload[:1]
    if kind == _ZSTD_ROWS:
        body = _codecs.decompressor.decompress(memoryview(payload)[1:])
    elif kind == _ZLIB_ROWS:
        body = zlib.decompress(memoryview(payload)[1:])
    else:
        shown, analyses, errors = pickle.loads(zlib.decompress(payload))
        return shown, analyses, errors
    shown, rows, errors = pickle.loads(body)
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
