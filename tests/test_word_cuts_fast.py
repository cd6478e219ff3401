"""Shortcuts of ``name_rules.Doc`` give the answers of the plain code.

A piece between spaces that holds line breaks ("viên.\\n\\nVới") is cut from the kept cuts of its lines
(``word_facts._cut_lines``); each test compares it with cutting the piece by the expression, and the whole
``Doc`` with cutting the whole text at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.corpus import load_paths
from unionreader.extract import name_rules as nr
from unionreader.extract import word_facts as wf

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles"]

_BITS = ["viên", "Với", "Nguyễn", "TP.HCM", "LĐLĐ", "8.945", "09/NQ-CĐVC", "2025", "Uỷ", "x" * 60,
         ".", ",", "“", "”", '"', "(", ")", "-", "…", "\n", "\n\n", " ", "  ", "\t", "_", "\u00a0", "\r", "\x85",
         "\u2028", "😀", "日"]
_LINED = st.lists(st.sampled_from(_BITS) | st.text(max_size=3), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(_LINED)
def test_a_piece_with_line_breaks_is_cut_as_by_the_expression(text):
    """Words, keys, flags and advances (the gap after each word, the space after the piece included) of
    every piece, line breaks or not, as cutting the piece itself finds them."""
    for piece in text.split(" "):
        assert wf._cut_chunk(piece) == wf._cut_plainly(piece), piece


def test_the_last_word_of_a_line_advances_to_the_line_break():
    """"viên." then "\\n": the "." ends where the break starts (no gap), the breaks follow each other, and the
    last one is followed by the first word of the next line, whose gap is the space after the piece."""
    cut = wf._cut_lines("viên.\n\nVới")
    assert cut is not None and cut[0::3] == ("viên", ".", "\n", "\n", "Với")
    assert [facts[1] for facts in cut[2::3]] == [4, 1, 1, 1, 4]
    assert cut == wf._cut_plainly("viên.\n\nVới")
    assert [facts[1] for facts in wf._cut_lines("viên\t\n")[2::3]] == [5, 2]  # a tab before the break, one at the end
    assert wf._cut_lines("viên.\n\tVới") is None  # a gap opens the line: cut by the expression
    assert wf._cut_chunk("viên.\n\tVới") == wf._cut_plainly("viên.\n\tVới")


class _PlainCuts(dict):
    """Every piece cut by the expression, none kept: the plain path ``Doc`` had before ``_cut_lines``."""

    def __missing__(self, piece: str) -> tuple[str | bytes, ...]:
        return wf._cut_plainly(piece)


def _assert_same_doc(text: str) -> None:
    doc = nr.Doc(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nr, "CHUNK_CUTS", _PlainCuts())
        plain = nr.Doc(text)
    assert vars(doc).keys() == vars(plain).keys()
    for field, value in vars(plain).items():
        assert getattr(doc, field) == value, field
    assert doc.ends == plain.ends


@settings(max_examples=300, deadline=None)
@given(_LINED)
def test_a_doc_of_lines_is_the_doc_of_pieces_cut_by_the_expression(text):
    """Field by field (words, keys, flags, starts, heading words, …), and the text cut at once."""
    _assert_same_doc(text)
    doc = nr.Doc(text)
    assert (doc.words, doc.keys, doc.flags, doc.starts, doc.ends) == wf.cut_words(text)


def test_the_docs_of_the_reference_inputs_are_the_plain_docs():
    for article in load_paths([str(p) for p in INPUTS]).articles:
        _assert_same_doc(article.text)
        for piece in set(article.text.split(" ")):
            assert wf._cut_chunk(piece) == wf._cut_plainly(piece), piece


def _plain_quoted(text: str, pos: int) -> bool:
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


_QUOTING = st.lists(st.sampled_from(["“", "”", '"', "\n", "\n\n", " ", "Người", "Giữ", ".", "phim ", "x"]), max_size=40)


@settings(max_examples=600, deadline=None)
@given(_LINED | _QUOTING.map("".join))
def test_a_word_is_quoted_as_the_marks_of_its_line_before_it_count(text):
    """``is_quoted`` read off the stretches found once: marks next to words and line breaks, lines of
    closing marks alone, lines with no mark after quoted ones."""
    doc = nr.Doc(text)
    assert [doc.is_quoted(t) for t in range(len(doc.words))] == [
        _plain_quoted(text, start) for start in doc.starts]
