"""The library's warm path: a reopen of an unchanged archive writes nothing; stored payloads round-trip."""

from __future__ import annotations

import sqlite3
import zlib

from test_library import archive, run, write_article  # noqa: F401 (the fixture)
from unionreader.library.loader import Library
from unionreader.library.store import DB_NAME, ZLIB_LEVEL, decode, encode
from unionreader.library.worker import analyse_file
from unionreader.search import SearchIndex


def _roots(cache) -> list[tuple[str, float, int]]:
    with sqlite3.connect(cache / DB_NAME) as conn:
        return list(conn.execute("SELECT path, opened, files FROM roots"))


def test_an_unchanged_reopen_does_not_rewrite_the_roots(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    first = _roots(cache)
    assert [(p, n) for p, _, n in first] == [(str(archive), 30)]
    _, _, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and summary.unchanged == 30
    assert _roots(cache) == first  # the same row, opened time included: nothing was written

    write_article(archive / "999.txt", 999)
    run(Library(cache), [archive], SearchIndex())
    (root,) = _roots(cache)
    assert root[2] == 31 and root[1] >= first[0][1]


def test_a_payload_is_compressed_at_the_stored_level_and_decodes_to_the_same(archive):  # noqa: F811
    outcome = analyse_file(str(archive / "001.txt"))
    payload = encode("001.txt", outcome.analyses, outcome.errors)
    raw = zlib.decompress(payload)
    assert payload == zlib.compress(raw, ZLIB_LEVEL)
    shown, analyses, errors = decode(payload)
    assert shown == "001.txt" and analyses == outcome.analyses and errors == outcome.errors
    assert analyses[0].article.raw and analyses[0].article.text
