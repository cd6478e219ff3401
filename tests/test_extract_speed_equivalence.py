"""The fast paths of extraction give the answers of the plain code they stand in for.

Extraction cuts words with ``re.split`` instead of ``findall``, tries the IGNORECASE patterns of the fact
rules only where one of their words starts in the lower-case text, skips ``normalize_tones`` where no
tone mark can move, answers entity look-ups by bisection and opens the sentence pattern with one class
of first characters. Each test pins one fact that makes such a shortcut exact, against the plain code
written out here, on generated text and on the seed articles; a change elsewhere (in ``str.lower``, the
regular expression engine, ``text.normalize_tones``, a pattern or its needles) that breaks one fails
here instead of silently changing what is extracted.
"""

from __future__ import annotations

import re
import sys
from itertools import accumulate, chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.extract import facts_awards as fa
from unionreader.extract import facts_common as fc
from unionreader.extract import facts_people as fp
from unionreader.extract import name_rules as nr
from unionreader.extract import sentences as ss
from unionreader.extract import word_facts as wf
from unionreader.extract.tones import canonical_tones
from unionreader.text import normalize_tones

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles"]

# Letters, case variants and look-alikes the shortcuts are sensitive to: "İ", "ı" and "ſ" (which IGNORECASE
# reads as "i" and "s"), "Σ" (lower-cased by context), tone placements, quotes, dots and line breaks.
_ODD = "İıſΣσKẞ\u0301\u0300\u00a0\t_\x1c\u2028😀日"
_LETTERS = "aăâàáãảạeêèéẻẹoòóỏọôơờuưúủụyỳýỷiìíịdđnhậượcrtsg"
_WORD_TEXT = (
    "dự tham dự tới về đến vinh nhận ghi được trao đổi chủ trì phát biểu trình bày báo cáo tại bầu ra gồm "
    "trúng cử tái đắc cử Huân chương Huy chương Bằng khen Giấy khen Cờ thi đua Kỷ niệm chương Giấy chứng nhận "
    "Chiến sĩ thi đua danh hiệu khen thưởng cho số tổng là TP Tp Q ThS Th.S PGS CN Đ Hòa hoà Uỷ Ủy thuý khoẻ"
)
_WORDS = [*_WORD_TEXT.split(), "tham dự", "Tới dự", "về\tdự", "ĐẾN DỰ", "vinh dự", "dự án", "ghi nhận", "được trao",
          "trao đổi", "được bầu", "báo cáo tại", "danh hiệu Chiến sĩ thi đua", "khen thưởng cho", "Giấy khen thưởng 5",
          "TP.", "Th.S.", "Huân chương Lao động", "KHEN THƯỞNG\n5"]
_PUNCT = [*" .,;:!?…“”\"')(][\n-–/0123456789", " ", " ", " ", ". ", ".\n", "./.", "...", "\n\n"]
texts = st.lists(
    st.sampled_from(_WORDS) | st.sampled_from(_PUNCT) | st.text(alphabet=_LETTERS + _ODD, max_size=4),
    max_size=60,
).map("".join)


@pytest.fixture(scope="module")
def articles():
    return list(load_paths([str(p) for p in INPUTS]).articles)


# --- lower-case text: what every needle test relies on --------------------------------------------


def _needle_letters() -> set[str]:
    needles = [n for action in fp._ACTIONS for n in action[3]] + list(fa._AWARD_NEEDLES) + ["số ", fa._PROXY_NEEDLE]
    return set("".join(needles))


def test_lowered_keeps_offsets_and_spells_every_ignorecase_match_of_the_needle_letters():
    """For each letter of a needle, every character the engine's IGNORECASE takes for it is lowered to it,
    and every character is lowered to exactly one: a match of an IGNORECASE pattern holds its needle, in
    lower case, at the same offset of ``lowered(text)``."""
    everything = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    low = fc.lowered(everything)
    assert len(low) == len(everything)
    assert all(len(fc.lowered(ch)) == 1 for ch in "İıſΣẞﬀ")
    for letter in _needle_letters():
        for m in re.finditer(re.escape(letter), everything, re.IGNORECASE):
            assert low[m.start()] == letter, (letter, hex(ord(m.group())))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_lowered_agrees_with_slices(text):
    """The fact rules look for needles in ``lowered(text)`` between a sentence's offsets instead of in
    ``lowered`` of the sentence: the same needles are found either way."""
    low = fc.lowered(text)
    for lo in range(0, len(text) + 1, 7):
        for needle in _needle_letters() | {"dự", "nhận", "khen thưởng"}:
            assert (low.find(needle, lo) != -1) == (needle in fc.lowered(text[lo:]))


# --- patterns tried only where their needles start -------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(texts)
def test_action_patterns_match_as_finditer_does(text):
    low = fc.lowered(text)
    for _, pattern, _, needles, back in fp._ACTIONS:
        fast = fc.matches_from(pattern, text, fc.needle_starts(low, needles, back))
        assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], pattern.pattern


def test_action_patterns_match_as_finditer_does_in_seed_sentences(articles):
    for article in articles:
        sentences = fc.SentenceIndex(article.text)
        for s in sentences.sentences:
            chunk = article.text[s.start : s.end]
            for _, pattern, _, needles, back in fp._ACTIONS:
                starts = fc.needle_starts(sentences.low, needles, back, s.start, s.end)
                fast = fc.matches_from(pattern, chunk, [at - s.start for at in starts])
                assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(chunk)]


def _plain_award_mentions(text: str) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    out = []
    for s in fc.SentenceIndex(text).sentences:
        found = [m.span() for m in fa._AWARD_RE.finditer(text, s.start, s.end)]
        if found:
            out.append(((s.start, s.end), found))
    return out


def _fast_award_mentions(text: str) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    return [((s.start, s.end), [m.span() for m in found]) for s, found in fa._award_mentions(text, fc.SentenceIndex(text))]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_award_mentions_are_those_finditer_finds_sentence_by_sentence(text):
    assert _fast_award_mentions(text) == _plain_award_mentions(text)


def test_award_mentions_of_the_seeds(articles):
    for article in articles:
        assert _fast_award_mentions(article.text) == _plain_award_mentions(article.text)


def _plain_nearest_award(text: str, start: int, end: int) -> str | None:
    m = fa._AWARD_RE.search(text, start, end)
    if m is None:
        for m in fa._AWARD_RE.finditer(text, max(0, start - 200), start):  # noqa: B007 - the last one
            pass
    return fa.award_name(text, m) if m else None


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 80), st.integers(0, 80))
def test_nearest_award_is_the_search_it_replaces(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert fa.nearest_award(text, fc.SentenceIndex(text), start, end) == _plain_nearest_award(text, start, end)


def _plain_clause(text: str, sent_start: int, sent_end: int, at: int) -> tuple[int, int]:
    left = max(text.rfind(";", sent_start, at), sent_start - 1) + 1
    right = text.find(";", at, sent_end)
    return left, (sent_end if right < 0 else right)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", ";", " ", ". ", "\n", "Bb"]), max_size=40).map("".join))
def test_clauses_are_those_rfind_and_find_give(text):
    sentences = fc.SentenceIndex(text)
    for s in sentences.sentences:
        for at in range(s.start, s.end + 1):
            assert sentences.clause(s, at) == _plain_clause(text, s.start, s.end, at)
        assert sentences.span_text(s) == text[s.start : s.end]


# --- sentences ---------------------------------------------------------------------------------------

_PLAIN_END_RE = re.compile(r"\n+|(?:\.{3}|…|[.!?])+[”\"')\]]*(?:\s*\./\.)?")


def _plain_split_sentences(text: str) -> list[fc.Sentence]:
    """``split_sentences`` as first written: the sentence rules without the shortcuts."""
    spans: list[fc.Sentence] = []
    pos = 0
    for m in _PLAIN_END_RE.finditer(text):
        if not m.group().startswith("\n"):
            if not ss._starts_sentence(text, m.end()):
                continue
            if m.group() == "." and ss._ABBREV_BEFORE_DOT.search(text, max(0, m.start() - 6), m.start()):
                continue
        end = m.start() if m.group().startswith("\n") else m.end()
        ss._add_trimmed(text, pos, end, spans)
        pos = m.end()
    ss._add_trimmed(text, pos, len(text), spans)
    return spans


@settings(max_examples=500, deadline=None)
@given(texts)
def test_sentence_ends_and_sentences_are_those_of_the_plain_rules(text):
    assert [m.span() for m in ss._END_RE.finditer(text)] == [m.span() for m in _PLAIN_END_RE.finditer(text)]
    assert fc.split_sentences(text) == _plain_split_sentences(text)


_SENTENCE_PIECES = [". Sau", ".\nSau", ". sau", ".\n\nSau", "8.945", "TP. Hồ", "TP.\nHà", ". ./. Hết", ".\n./.x", ". “Chúng",
                    ". (Ảnh", ". 5 người", "! Vâng", "? Ai", "… Rồi", "...", ". ", ".  X", ". \nX", ".\t", "a", " ", "\n", "Đ."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=30).map("".join))
def test_sentence_ends_read_without_the_engine_are_those_it_finds(text):
    assert fc.split_sentences(text) == _plain_split_sentences(text)


def test_sentence_ends_of_own_sentences():
    for text in ["Hội nghị khai mạc. Đồng chí An phát biểu.\nTiếp theo là 8.945 đoàn viên. tham gia.",
                 "Tại TP. Hồ Chí Minh, 30.01.2024. Sau đó ./. Hết.\n\nBài mới… Rồi (Ảnh: X). “Chúng tôi”. 5 người dự."]:
        assert fc.split_sentences(text) == _plain_split_sentences(text)


def test_abbreviation_dot_after_a_line_break():
    """``$`` also matches before a final line break: "TP\\n." is still read as an abbreviation's dot."""
    text = "Ở TP\n. Sau đó"
    assert fc.split_sentences(text) == _plain_split_sentences(text)


def test_a_line_break_inside_a_skipped_end_stays_skipped():
    """``split_sentences`` tries ``_END_RE`` only where its first character stands, as ``finditer`` would:
    after a match that ends no sentence (". ./" glued to the next word) it goes on past that match, so a
    line break the match took in ends nothing either."""
    for text in ("Một câu.\n./.tiếp theo đây", "Ô.\n./...x Y", "Số 8.945 người… Tiếp. ./. Hết"):
        assert fc.split_sentences(text) == _plain_split_sentences(text)
        assert all(type(s) is fc.Sentence for s in fc.split_sentences(text))


def test_seed_sentences(articles):
    for article in articles:
        assert fc.split_sentences(article.text) == _plain_split_sentences(article.text)


# --- tone marks --------------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(texts)
def test_canonical_tones_is_normalize_tones(text):
    assert canonical_tones(text) == normalize_tones(text)


def test_canonical_tones_of_seed_words(articles):
    for word in {w for a in articles for w in a.text.split()}:
        assert canonical_tones(word) == normalize_tones(word)


# --- entity look-ups -----------------------------------------------------------------------------------


class _PlainIndex(fc.EntityIndex):
    """Every question answered by visiting the type's entities, as before the bisection."""

    def __init__(self, entities):
        super().__init__(entities)
        self.in_order = False


def test_entity_index_bisection_answers_as_the_visit(articles):
    for article in articles:
        entities = list(analyse(article).entities)
        fast, plain = fc.EntityIndex(entities), _PlainIndex(entities)
        assert fast.in_order
        offsets = sorted({0, len(article.text)} | {x for e in entities for x in (e.start, e.end, e.end + 2)})
        for kind in ("organization", "location", "date", "person", "count", "role"):
            for lo, hi in zip(offsets, offsets[3:], strict=False):
                assert fast.within(lo, hi, kind) == plain.within(lo, hi, kind)
            for at in offsets:
                for slack in (0, 1, 2, 8):
                    assert fast.starting_at(at, kind, slack=slack) == plain.starting_at(at, kind, slack=slack)


def test_unsorted_entities_are_answered_by_the_visit(articles):
    entities = list(reversed(analyse(articles[0]).entities))
    index = fc.EntityIndex(entities)
    assert not index.in_order
    plain = _PlainIndex(entities)
    assert index.within(0, 10_000, "organization") == plain.within(0, 10_000, "organization")


# --- words -----------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(texts)
def test_split_cuts_the_words_findall_cut(text):
    """``Doc`` cuts words with ``split`` (gap, word, …, gap); first they were (gap, word) pairs of
    ``findall``. Every character that is no gap starts a word, so both give the same words and offsets."""
    text = wf._BEYOND_TABLE_RE.sub("", text)
    gaps = "".join(ch for ch in map(chr, range(wf._TABLE_END)) if wf._shape_char(ch) in " \t\r\f\v_")
    plain = re.compile(f"([{re.escape(gaps)}]*)" + wf._TEXT_TOKEN_RE.pattern)
    pieces = list(chain.from_iterable(plain.findall(text)))
    bounds = list(accumulate(map(len, pieces)))
    doc = nr.Doc(text)
    assert (doc.words, doc.starts, doc.ends) == (pieces[1::2], bounds[0::2], bounds[1::2])


def test_needles_are_lower_case_and_cover_the_award_words():
    for name, _, _, needles, back in fp._ACTIONS:
        assert all(n == n.lower() for n in needles) and 0 in back, name
    assert set(fa._AWARD_NEEDLES) == {w.lower() for w in fa._AWARD_WORDS}


# --- sizes ("1536 x 2048") and money occasions -------------------------------------------------------

_SIZE_PIECES = st.sampled_from(["1", "2", "0", "15", ".", ",", "x", "X", "×", "*", " ", "\u00a0", "a", "/", "-", "٣",
                                "xã ", "\n", "3840 x 2160", "60 x 120 x 200 cm", "1.5x2,5", "Đ"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_SIZE_PIECES, max_size=30).map("".join) | texts)
def test_dimension_spans_are_those_finditer_gives(text):
    from unionreader.extract import figure_spans

    assert figure_spans.dimension_spans(text) == [m.span() for m in figure_spans.DIMENSIONS.finditer(text)]


def test_dimension_spans_of_seed_articles(articles):
    from unionreader.extract import figure_spans

    for article in articles:
        text = article.text
        assert figure_spans.dimension_spans(text) == [m.span() for m in figure_spans.DIMENSIONS.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["hỗ trợ", "Tết", "tết", "TẾT", "bão", "bão lũ", "Tháng Công nhân", "thiên tai",
                                 "thiên", "tai", "tháng", "quà", "kinh phí", " ", ", ", "Tếtx", "xTết", "/suất"]),
                max_size=12).map(" ".join))
def test_money_label_occasions_are_those_every_search_finds(words):
    """The substring test before each occasion's search changes no label: with every substring test
    passing (an empty needle), the labels are the same."""
    from unionreader.extract import money_labels as ml
    from unionreader.extract.models import Entity

    text = f"{words} 2 triệu đồng {words}."
    start = text.index("2 triệu")
    e = Entity("money", "2 triệu đồng", start, start + len("2 triệu đồng"), 2_000_000)
    label = ml.money_label(text, 0, len(text), e)
    shortcut = ml._OCCASION_RES
    ml._OCCASION_RES = tuple((pattern, "", occasion) for pattern, _, occasion in shortcut)
    try:
        assert ml.money_label(text, 0, len(text), e) == label
    finally:
        ml._OCCASION_RES = shortcut


# --- same-type overlaps ------------------------------------------------------------------------------

def _plain_keep_longest(entities):
    """``entities._keep_longest`` as first written: per type, sorted by (start, -end), the longer of two
    overlapping spans kept; types in alphabetical order."""
    kept = []
    for kind in sorted({e.type for e in entities}):
        group = sorted((e for e in entities if e.type == kind), key=lambda e: (e.start, -e.end))
        chosen = []
        for e in group:
            while chosen and e.start < chosen[-1].end and e.end - e.start > chosen[-1].end - chosen[-1].start:
                chosen.pop()
            if not chosen or e.start >= chosen[-1].end:
                chosen.append(e)
        kept += chosen
    return kept


_SPANS = st.lists(st.tuples(st.sampled_from(["count", "date", "person", "role"]), st.integers(0, 40), st.integers(1, 8)),
                  max_size=14)


@settings(max_examples=500, deadline=None)
@given(_SPANS)
def test_same_type_overlaps_are_resolved_as_the_plain_sweep_does(spans):
    """The one-pass test for "no same-type overlap, each type in order" (the usual case) returns what the sweep
    returns, in the same order; entities in any other order or overlapping take the sweep."""
    from unionreader.extract import entities as en
    from unionreader.extract.records import new_entity

    made = [new_entity(kind, "x" * length, start, start + length, None) for kind, start, length in spans]
    assert en._keep_longest(list(made)) == _plain_keep_longest(made)
    ordered = sorted(made, key=lambda e: (e.start, -e.end))
    assert en._keep_longest(list(ordered)) == _plain_keep_longest(ordered)

