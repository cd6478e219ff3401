"""``split_sentences`` reads breaks and the usual ". X" ends in scans of the regular expression engine and
sends only the rare lines to its candidate loop: it must cut every text as the candidate loop alone did
(``_split_span`` over the whole text, which is how ``split_sentences`` read every text before), and as
the plain rules do (``_plain_split_sentences``: ``finditer`` of the end pattern, no shortcut)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_extract_speed_equivalence import _plain_split_sentences
from unionreader.corpus import load_paths
from unionreader.extract import sentences as ss

ROOT = Path(__file__).resolve().parents[1]


def _loop_split_sentences(text: str) -> list[ss.Sentence]:
    spans: list[ss.Sentence] = []
    ss._split_span(text, 0, len(text), spans)
    return spans


def _same(text: str) -> None:
    got = ss.split_sentences(text)
    assert got == _loop_split_sentences(text), text
    assert got == _plain_split_sentences(text), text
    assert all(type(s) is ss.Sentence for s in got)


# The characters the rules look at, and letters around them.
_ALPHABET = ".!?…;:\n\"“”‘'()[]-–•/, \t\xa0\rABCDĐHPQSTXZabcdhpstxyzĐđƯưẤấỞởỦủÔôĂăÊê0123456789"
# Pieces that build the shapes of real text: abbreviations, numbers, quotes, tails, paragraph breaks.
_PIECES = ["TP. Hồ", "TP.HCM", "Th.S. ", "PGS. TS. ", "Q. 1", "Đ/c ", "8.945", "30/01/2024", ". ", ".\n", ".\n\n", "\n",
           ". X", ". x", ". Ấ", ". đ", ". 5", ". “Chúng", ". (Ảnh", "… ", "…. T", "…. t", "….\n", "…, c", "… đồ",
           "! Vâng", "? Ai", "?!", "!.", "..", "...", ". ./. ", "./.", ".\n./.", " \n", "\n ", ".”", '." ', ".) ",
           ".  X", ". .", "A", "b", "Hội nghị", " ", "p. ", "\nP. ", "Ở TP\n. Sau"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_random_strings_of_the_characters_that_matter(text):
    _same(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(alphabet=_ALPHABET, max_size=3), max_size=40).map("".join))
def test_random_texts_of_the_shapes_that_matter(text):
    _same(text)


def test_every_short_string_of_the_key_characters():
    """All strings of up to five of the characters each rule turns on (a sweep, not a sample)."""
    keys = ".…! \nAaP"
    texts = [""]
    for _ in range(5):
        texts = [t + k for t in texts for k in keys]
        for text in texts:
            _same(text)


def test_own_sentences():
    for text in ["Hội nghị khai mạc. Đồng chí An phát biểu.\n\nTiếp theo… Rồi ông… đồ. Ấy là TP. Hồ Chí Minh.",
                 "Ai dự? Đồng chí Bình! Sau đó…. Tiếp theo, 8.945 người. tham gia.\nHết. ./. Xong",
                 "Số liệu…, các đơn vị…. đều tốt.\nDòng mới….\n\nĐoạn mới ?! Vâng. “Chúng tôi.” Anh nói."]:
        _same(text)


def _texts(folder: Path) -> list[str]:
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".jsonl"})
    raw = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return raw + [a.text for a in load_paths([str(p) for p in paths]).articles]


@pytest.mark.parametrize("folder", [ROOT / "seeds", ROOT / "tests" / "fixtures",
                                    ROOT.parent / "shared" / "devset", Path("/tmp/gen200")])
def test_reference_texts(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    for text in _texts(folder):
        _same(text)
        lines = text.split("\n")  # and each text cut short at every line, where ends meet the text's end
        for k in range(1, len(lines)):
            _same("\n".join(lines[:k]))
