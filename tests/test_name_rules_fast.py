"""The fast mechanisms of ``name_rules.Doc`` give the answers of the plain code written out here.

``Doc`` reads every word's facts from two tables (a key, and flags packed in a byte that ``bytes.translate``
unpacks), tells whether a word is quoted from the text's quoted stretches, found once (a title's opening
mark by bisection far into a long line), and makes entities through the slots' descriptors. Each test
compares one of them with a straightforward version on generated text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import name_rules as nr
from unionreader.extract import phrases as ph
from unionreader.extract import word_facts as wf
from unionreader.extract.models import Entity
from unionreader.extract.records import new_entity

_PIECES = [
    "phim", "bài hát", "ca khúc", "chương trình", "Người", "Giữ", "Đèn", "Công đoàn", "Sở", "Y tế", "tỉnh",
    "Quảng Ninh", "bình thường", "Bình Dương", "ông", "Nguyễn Văn An", "CĐCS", "LĐLĐ", "Uỷ", "hoà", "TP.HCM",
    "“", "”", '"', "\n", " ", " ", ", ", ". ", "(", ")", "-", "8.945", "09/NQ-CĐVC", "😀", "\t", "_",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=80).map(" ".join)


def _plain_quoted(text: str, pos: int) -> bool:
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _plain_quoted_title(doc: nr.Doc, t: int) -> bool:
    text, pos = doc.text, doc.starts[t]
    if not _plain_quoted(text, pos):
        return False
    line = text.rfind("\n", 0, pos)
    mark = max(text.rfind("“", 0, pos), text.rfind('"', 0, pos))
    if mark <= line:
        return False
    q = doc.starts.index(mark)
    if q < 1:
        return False
    before = tuple(doc.keys[max(0, q - 2) : q])
    return before[-1:] in ph.TITLE_HEADS or (len(before) == 2 and before in ph.TITLE_HEADS)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([0, 3, 40, 2000]))
def test_quoted_words_near_and_far_into_a_line(text, short_line):
    """The quoted stretches (``is_quoted``), and the mark before a word looked for on its line or by bisecting
    the marks of the whole text (past ``_SHORT_LINE``, ``is_quoted_title``), answer as the plain count does."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nr, "_SHORT_LINE", short_line)
        doc = nr.Doc(text)
        for t in range(len(doc.words)):
            assert doc.is_quoted(t) == _plain_quoted(text, doc.starts[t]), t
            assert doc.is_quoted_title(t) == _plain_quoted_title(doc, t), t


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_quoted_words_mask_is_the_plain_count_of_each_words_line(text):
    """``quoted_words`` (read by index where each organisation head asks) marks the words the count quotes."""
    doc = nr.Doc(text)
    assert list(doc.quoted_words()) == [_plain_quoted(text, pos) for pos in doc.starts]


def test_a_quoted_title_far_into_a_long_line():
    text = "x " * 3000 + "ra mắt phim “Người Giữ Đèn” và " + "y " * 10
    doc = nr.Doc(text)
    inside = doc.words.index("Người")
    assert doc.is_quoted(inside) and doc.is_quoted_title(inside)
    assert not doc.is_quoted(len(doc.words) - 1)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_doc_flags_are_the_facts_of_each_word(text):
    """The packed flags, unpacked for the whole text, are each word's own facts."""
    doc = nr.Doc(text)
    facts = [wf.WORD_FACTS[w] for w in doc.words]
    assert list(doc.keys) == [f[wf.KEY] for f in facts]
    assert list(doc.kinds) == [f[wf.KIND] for f in facts]
    assert [bool(c) for c in doc.caps] == [f[wf.CAPS] for f in facts]
    assert [bool(u) for u in doc.upper] == [f[wf.UPPER] for f in facts]
    assert list(doc.opens) == [f[wf.OPENS] for f in facts]


def test_a_place_word_opens_a_location_only_capitalised():
    """"bình thường" opens nothing, "Bình Dương" and a level word ("tỉnh") do."""
    doc = nr.Doc("bình thường ở Bình Dương và tỉnh Quảng Ninh")
    place_openers = [w for w, o in zip(doc.words, doc.opens, strict=True) if o & ph.OPENS_PLACE]
    assert place_openers == ["Bình", "tỉnh", "Quảng", "Ninh"]  # "Ninh Bình" is a place too


@given(st.sampled_from(["person", "organization", "role"]), st.text(max_size=20),
       st.integers(0, 10_000), st.integers(0, 10_000), st.one_of(st.none(), st.text(max_size=20)))
def test_new_entity_is_the_entity(kind, text, start, end, value):
    made = new_entity(kind, text, start, end, value)
    assert made == Entity(kind, text, start, end, value)
    assert type(made) is Entity and made.meta == {}
    assert made.meta is not new_entity(kind, text, start, end, value).meta


def _plain_cut(text: str) -> tuple[list[str], list[int], list[int]]:
    """Words and offsets as the text's own expression finds them, one match at a time."""
    found = [m for m in re.finditer(wf._TEXT_TOKEN_RE, text)]
    if any(wf._BEYOND_TABLE_RE.search(m.group()) for m in found):
        shape = "".join(map(wf._shape_char, text))
        found = list(re.finditer(wf._SHAPE_TOKEN_RE, shape))
    return [text[m.start() : m.end()] for m in found], [m.start() for m in found], [m.end() for m in found]


_SPACED = st.lists(st.sampled_from([*_PIECES, "  ", " \t", "\u00a0", "_x", "Ủy ", "(LĐLĐ) ", "2025, ", "”.\n\n"]),
                   max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, _SPACED, st.text(max_size=40)))
def test_pieces_between_spaces_cut_as_the_whole_text(text):
    """``Doc`` reads the words of each piece between spaces from a table: the words, offsets, keys and
    flags are those of cutting the whole text at once (``_cut``) and of matching the expression."""
    doc = nr.Doc(text)
    words, keys, flags, starts, ends = wf.cut_words(text)
    assert (doc.words, doc.keys, doc.starts, doc.ends) == (words, keys, starts, ends)
    assert (doc.kinds, doc.caps, doc.upper) == tuple(flags.translate(t) for t in (wf.KIND_OF, wf.CAPS_OF, wf.UPPER_OF))
    assert doc.opens == flags.translate(wf.OPENS_OF)
    assert (doc.words, doc.starts, doc.ends) == _plain_cut(text)


def test_pieces_between_spaces_in_a_sentence():
    text = "Đồng chí  Nguyễn Văn An, Chủ tịch LĐLĐ tỉnh (LĐLĐ)\tdự Hội nghị ngày 8/9/2025 😀 tại TP.HCM. "
    doc = nr.Doc(text)
    assert [text[a:b] for a, b in zip(doc.starts, doc.ends, strict=True)] == doc.words
    assert doc.words[:6] == ["Đồng", "chí", "Nguyễn", "Văn", "An", ","]
    assert "8/9/2025" in doc.words and "😀" in doc.words
    again = nr.Doc(text.replace("  ", " ").replace("\t", " ").replace(" 😀", "").rstrip())
    assert again.words == [w for w in doc.words if w != "😀"]


def _token_classes_by_char() -> dict[str, list[list[int]]]:
    """``word_facts._token_classes`` one code point at a time, as it was first written: the classes as read."""
    classes: dict[str, list[list[int]]] = {}
    previous = None
    for cp in range(wf._TABLE_END):
        kind = wf._token_kind(wf._shape_char(chr(cp)))
        if kind == previous:
            classes[kind][-1][1] = cp
        else:
            classes.setdefault(kind, []).append([cp, cp])
            previous = kind
    return classes


def test_the_token_classes_read_off_runs_are_the_ones_read_a_code_point_at_a_time():
    assert wf._token_classes() == _token_classes_by_char()


def _token_re_with_every_class(classes):
    """The token pattern whose last branch names every class it excludes, as it was first written."""
    letter, digit, gap, newline = (wf._class_members(classes[k]) for k in "LDSN")
    return re.compile(f"([{letter}]+|[{digit}]+(?:[.,][{digit}]+)*(?:[/\\-][{letter}{digit}]+)*|[{newline}]|"
                      f"[^{letter}{digit}{gap}{newline}])")


_EVERY_CLASS = _token_re_with_every_class(wf._token_classes())
# One character of each run of each class, the ends of the table, and beyond it (CJK, emoji).
_CLASS_SAMPLES = sorted({chr(cp) for ranges in wf._token_classes().values() for a, b in ranges for cp in (a, b)}
                        | set("\u2fff\u3000\u4e00😀"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CLASS_SAMPLES) | st.sampled_from(_PIECES), max_size=60).map("".join))
def test_the_last_branch_excluding_gaps_only_matches_as_the_one_excluding_every_class(text):
    assert wf._TEXT_TOKEN_RE.split(text) == _EVERY_CLASS.split(text)


def test_every_character_of_the_table_is_cut_as_with_every_class():
    text = "".join(map(chr, range(wf._TABLE_END + 16)))
    assert wf._TEXT_TOKEN_RE.split(text) == _EVERY_CLASS.split(text)
    spaced = " ".join(map(chr, range(wf._TABLE_END + 16)))
    assert wf._TEXT_TOKEN_RE.split(spaced) == _EVERY_CLASS.split(spaced)


_HEADED = st.lists(st.sampled_from([*_PIECES, "TIN TỨC SỰ KIỆN\n", "CÔNG ĐOÀN TỈNH\n", "\nVĂN BẢN MỚI"]),
                   max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, _HEADED, st.text(max_size=40)))
def test_openers_are_the_words_whose_flags_open(text):
    """``names._openers``, masks made from the flags in C, mark the words outside headings whose kind is a
    word and whose ``opens`` has the pass's bit, one index at a time."""
    from unionreader.extract import names

    doc = nr.Doc(text)
    plain = [[t for t in range(len(doc.words))
              if doc.opens[t] & bit and doc.kinds[t] == nr.Doc.WORD and not doc.skip[t]]
             for bit in (ph.OPENS_PLACE, ph.OPENS_SCAN)]
    masks = names._openers(doc)
    assert [[t for t, can in enumerate(mask) if can] for mask in masks] == plain
    assert all(len(mask) == len(doc.words) and set(mask) <= {0, 1} for mask in masks)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_doc_entity_is_the_entity_of_its_words(text):
    doc = nr.Doc(text)
    for i in range(len(doc.words)):
        for j in range(i + 1, min(i + 4, len(doc.words)) + 1):
            start, end = doc.starts[i], doc.ends[j - 1]
            made = doc.entity("person", i, j, "v")
            assert made == Entity("person", text[start:end], start, end, "v") and made.meta == {}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.lists(st.sampled_from([*_PIECES, "–", "—", "‑", "−", "NQ–CĐ", "Hòa"]), max_size=4).map("".join))
def test_a_word_key_is_its_canonical_lower_case_with_plain_dashes(word):
    """``word_key`` skips the dash translation for letters only (no dash is a letter): the same key."""
    from unionreader.extract.tones import canonical_tones

    ph.KEY_CACHE.pop(word, None)
    assert ph.word_key(word) == canonical_tones(word).lower().translate(ph.DASHES)


def _plain_heading_words(doc: nr.Doc) -> bytearray:
    """The words on all-capital lines of two or more words, one line at a time over the text."""
    skip = bytearray(len(doc.words))
    offset = 0
    for line in doc.text.splitlines(keepends=True):
        if line.isupper() and len(line.split()) >= 2:
            for t in range(len(doc.words)):
                if offset <= doc.starts[t] < offset + len(line):
                    skip[t] = doc.kinds[t] == nr.Doc.WORD
        offset += len(line)
    return skip


_LINES = st.lists(st.sampled_from([*_PIECES, "TIN TỨC SỰ KIỆN", "CÔNG ĐOÀN", "A B", "Hà", "2025", "ǅ", "ǅA B", "ª", "ThS",
                                   "\r", "\r\n", "\v", "\f", "\x1c", "\x1e", "\x85", "\u2028", "\u2029", "\n\n",
                                   "tin\rTIN", "x\vA", "x\fA", "x\x1cA", "x\x1dA", "x\x1eA", "x\u2028A"]),
                  max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_LINES, _HEADED, st.text(max_size=40)))
def test_heading_words_are_looked_for_only_where_a_line_may_be_all_capitals(text):
    """``Doc`` looks for headings only on a line with no word holding a lower-case letter (its flags tell):
    the words of the all-capital lines of two or more words, as reading every line finds them."""
    assert nr.Doc(text).skip == _plain_heading_words(nr.Doc(text))


def test_every_tone_pair_is_two_letters_the_pair_search_finds():
    from unionreader.extract import tones
    from unionreader.text import _TONE_MOVES

    assert all(tones._PAIRS.fullmatch(pair) for pair in _TONE_MOVES)


def test_the_pair_search_passes_over_a_pair_a_letter_follows():
    """"Công đoàn", "hoàn thành" hold "oà" inside a syllable, where no tone moves: no substitution is tried."""
    from unionreader.extract import tones

    assert tones._PAIRS.search("Chủ tịch Công đoàn tỉnh, hoàn thành, toàn thể") is None
    assert tones._PAIRS.search("Khánh Hoà, thuỷ.") is not None


_TONED = st.lists(st.sampled_from([*"oOuUqQaeyAEYhkt ", "oà", "Oá", "uý", "UỶ", "oẻ", "quý", "Hoà", "thuỷ", "Hà", "Đà Nẵng",
                                   "ò", "à", "ỳ", "o\u0300", "a\u0301", "\u0309"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TONED)
def test_canonical_tones_looks_for_a_pair_then_normalises(text):
    """``canonical_tones`` leaves alone a text without a vowel pair a tone moves in: as ``normalize_tones`` does."""
    from unionreader.extract.tones import canonical_tones
    from unionreader.text import normalize_tones

    assert canonical_tones(text) == normalize_tones(text)
