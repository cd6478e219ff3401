"""The store's payloads: every field of every analysis comes back, texts left out of a row are sliced back
exactly, texts that differ from their slice are kept, and payloads of the first format still read."""

from __future__ import annotations

import dataclasses
import pickle
import zlib
from pathlib import Path

import pytest
import zstandard

from unionreader.corpus import LoadError, load_paths
from unionreader.extract import analyse
from unionreader.library.payloads import ZSTD_LEVEL, decode, encode

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "news", ROOT / "tests" / "fixtures" / "html",
          ROOT / "tests" / "fixtures" / "official"]


@pytest.fixture(scope="module")
def analyses():
    loaded = load_paths([str(p) for p in INPUTS])
    out = tuple(analyse(a) for a in loaded.articles)
    assert len(out) > 20
    return out


def _old_format(shown, analyses, errors, level: int = 3) -> bytes:
    return zlib.compress(pickle.dumps((shown, analyses, errors), protocol=pickle.HIGHEST_PROTOCOL), level)


def test_every_analysis_comes_back_whole(analyses):
    errors = (LoadError("a.txt", "warning text", "warning"),)
    shown, back, errors_back = decode(encode("a.txt", analyses, errors))
    assert shown == "a.txt" and errors_back == errors
    assert back == analyses
    for before, after in zip(analyses, back, strict=True):
        assert after.article.raw == before.article.raw and after.article.paragraphs == before.article.paragraphs
        assert [e.text for e in after.entities] == [e.text for e in before.entities]
        assert [f.text for f in after.facts] == [f.text for f in before.facts]
        assert [e.meta for e in after.entities] == [e.meta for e in before.entities]


def test_both_kinds_of_raw_text_come_back(analyses):
    # a plain text file's raw text opens with its cleaned text; a web page's does not
    kinds = {a.article.raw.startswith(a.article.text) for a in analyses}
    assert kinds == {True, False}
    assert decode(encode("x", analyses, ()))[1] == analyses


def test_a_text_that_differs_from_its_slice_is_kept(analyses):
    article = next(a for a in analyses if a.entities and a.facts)
    entity, fact = article.entities[0], article.facts[0]
    odd = dataclasses.replace(article, entities=(dataclasses.replace(entity, text=entity.text + "!"), *article.entities[1:]),
                              facts=(dataclasses.replace(fact, text="another sentence"), *article.facts[1:]))
    (back,) = decode(encode("x", (odd,), ()))[1]
    assert back == odd and back.entities[0].text == entity.text + "!" and back.facts[0].text == "another sentence"


def test_a_payload_is_smaller_than_a_pickle_of_the_objects(analyses):
    # the texts each entity and fact repeats are left out: the point of the format (compared with one compressor)
    objects = pickle.dumps(("x", analyses, ()), protocol=pickle.HIGHEST_PROTOCOL)
    assert len(encode("x", analyses, ())) < 0.9 * len(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(objects))


def test_payloads_of_the_zlib_rows_format_still_read(analyses):
    """Caches written before Zstandard hold the same rows in a zlib stream (at level 1 or 3)."""
    errors = (LoadError("a.txt", "warning text", "warning"),)
    payload = encode("a.txt", analyses, errors)
    assert payload[:1] == b"\x03"
    rows = zstandard.ZstdDecompressor().decompress(payload[1:])
    for level in (1, 3):
        assert decode(b"\x02" + zlib.compress(rows, level)) == ("a.txt", analyses, errors)


def test_payloads_of_the_first_format_still_read(analyses):
    old = _old_format("x.txt", analyses, ())
    assert decode(old) == ("x.txt", analyses, ())


@pytest.mark.parametrize("damage", [
    lambda p: p[:-5],  # cut short
    lambda p: p[:1] + bytes([p[1] ^ 0xFF]) + p[2:],  # the frame's magic number
    lambda p: p[: len(p) // 2] + bytes([p[len(p) // 2] ^ 0x01]) + p[len(p) // 2 + 1 :],  # one bit inside (the checksum)
    lambda p: p[:-1] + bytes([p[-1] ^ 0x01]),  # the checksum itself
    lambda p: b"\x78" + p[1:],  # read as the first format
    lambda p: b"\x02" + p[1:],  # read as zlib rows
    lambda p: b"\x02" + zlib.compress(pickle.dumps(("x", 1, ()))),
    lambda p: b"\x03" + zstandard.ZstdCompressor().compress(pickle.dumps(("x", 1, ()))),
])
def test_a_damaged_payload_raises_rather_than_decoding_wrong(analyses, damage):
    with pytest.raises(Exception):  # noqa: B017 (the store reads any failure as a damaged row)
        decode(damage(encode("x", analyses[:3], ())))
