"""The facts stage's shortcuts give what the plain paths they replace give.

Each test writes the plain path out as it was and compares it with the shortcut, on generated text of the
genre's words (overlapping trigger words included: "chủ trình bày", "được bầu", "tái đắc cử") and on the
fixtures.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.articles import parse_article
from unionreader.corpus import load_paths
from unionreader.extract import facts as ff
from unionreader.extract import facts_awards as fa
from unionreader.extract import facts_common as fc
from unionreader.extract import facts_documents as fd
from unionreader.extract import facts_people as fp
from unionreader.extract.tones import canonical_tones
from unionreader.text import fold_nfc

ROOT = Path(__file__).resolve().parent.parent

_PIECES = (
    "dự", "Dự", "tham dự", "DỰ", "dựng", "chủ trì", "Chủ trình bày", "chủ trình", "phát biểu", "trình bày",
    "báo cáo tại", "được bầu", "được bầu làm", "trúng cử", "tái đắc cử", "đắc cử", "được tín nhiệm", "bầu",
    "bầu ra", "nhận", "được trao", "trao", "trao đổi", "Nguyễn Văn A", "ông", "đồng chí", "gồm", "hội nghị",
    " ", " ", ", ", ". ", ";", "\n", "İ", "ı", "cử", "bầu cử", "trì", "tín nhiệm", "được tín", "tái đắc", "trúng",
)
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _fast_action_starts(low: str, lo: int, hi: int) -> dict[int, list[int]]:
    """``_sentence_action_starts`` of ``[lo, hi)``, as offsets into ``low``."""
    return {k: [lo + at for at in starts] for k, starts in fp._sentence_action_starts(low, lo, hi).items()}


def _plain_action_starts(low: str, lo: int, hi: int) -> dict[int, list[int]]:
    """What ``_assign_actions`` asked of each action before: a ``str.find`` per needle, then ``needle_starts``."""
    out = {}
    for k, (_, _, _, needles, back) in enumerate(fp._ACTIONS):
        if any(low.find(needle, lo, hi) != -1 for needle in needles):
            out[k] = fc.needle_starts(low, needles, back, lo, hi)
    return out


@settings(max_examples=500, deadline=None)
@given(_texts, st.integers(0, 30), st.integers(0, 30))
def test_action_starts_are_the_needle_starts_of_each_action(text, cut_lo, cut_hi):
    low = fc.lowered(text)
    lo, hi = min(cut_lo, len(low)), max(min(cut_lo, len(low)), len(low) - cut_hi)
    plain = _plain_action_starts(low, lo, hi)
    assert _fast_action_starts(low, lo, hi) == plain


def test_action_starts_find_overlapping_needles():
    """"chủ trình bày" holds "chủ trì" and "trình bày" overlapping; "được bầu" holds "bầu"."""
    low = "ông a chủ trình bày, bà b được bầu, ông c tái đắc cử"
    found = _fast_action_starts(low, 0, len(low))
    assert found == _plain_action_starts(low, 0, len(low))
    assert {fp._ACTIONS[k][0] for k in found} == {"chủ trì", "trình bày báo cáo", "được bầu"}
    assert len(found) == 4  # both "được bầu" actions: the subject's and the list's "bầu"


def test_action_starts_of_the_fixture_sentences():
    inputs = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles", ROOT / "tests" / "fixtures" / "news"]
    for article in load_paths([str(p) for p in inputs]).articles:
        sentences = fc.SentenceIndex(article.text)
        for s in sentences.sentences:
            plain = _plain_action_starts(sentences.low, s.start, s.end)
            assert _fast_action_starts(sentences.low, s.start, s.end) == plain


def test_action_anchors_hold_every_needle_once():
    needles = [n for action in fp._ACTIONS for n in action[3]]
    anchored = [entry[0] for _, group in fp._ACTION_ANCHORS for entry in group]
    assert sorted(anchored) == sorted(needles)
    for piece, group in fp._ACTION_ANCHORS:
        for needle, offset, k, back, whole in group:
            assert needle[offset:].startswith(piece) and needle in fp._ACTIONS[k][3]
            assert (back or (0,)) == fp._ACTIONS[k][4] and whole == (needle == piece)


@pytest.mark.parametrize("text", ["", "dự", "xây dựng", "ông A dự hội nghị"])
def test_action_starts_of_short_texts(text):
    low = fc.lowered(text)
    assert _fast_action_starts(low, 0, len(low)) == _plain_action_starts(low, 0, len(low))


# --- award rules: searches passed over when their words are absent -----------------------------------

_AWARD_PIECES = (
    "cho", "Cho", "tặng", "TẶNG", "tới", "trao", "khen thưởng", "nhận", "được ", "được trao tặng", "được tặng",
    "vinh dự", "được vinh dự nhận", "ủy quyền của ", "Ủy quyền của", "ỦY QUYỀN CỦA", "uỷ quyền của", "chợ",
    "nhận định", "Bằng khen", "ông A", " ", ", ", ".", "İ", "ı",
)
_award_texts = st.lists(st.sampled_from(_AWARD_PIECES), max_size=25).map("".join)


def _span(m):
    return m.span() if m else None


@settings(max_examples=500, deadline=None)
@given(_award_texts)
def test_award_word_searches_are_the_plain_searches(text):
    for words, pattern in ((fa._GIVE_WORDS, fa._GIVE_WORD), (fa._TO_WORDS, fa._TO_WORD),
                           (fa._RECEIVE_WORDS, fa._RECEIVE_WORD), (fa._RECEIVED_WORDS, fa._RECEIVED)):
        for between in (text, text.lower()):
            assert _span(fa._holds_search(words, pattern, between)) == _span(pattern.search(between))


@settings(max_examples=500, deadline=None)
@given(_award_texts, st.integers(0, 40), st.integers(0, 40))
def test_proxy_search_is_passed_over_only_where_it_finds_nothing(text, a, b):
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    if fc.lowered(text).find(fa._PROXY_NEEDLE, lo, hi) == -1:
        assert fa._PROXY.search(text[lo:hi]) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(("cho", "Cho", "các", "những", " ", "đơn vị", "; ", ".", "vì", "đã")), max_size=25)
       .map("".join), st.integers(0, 30), st.integers(0, 60))
def test_award_for_is_searched_only_where_it_can_match(text, lo, hi):
    lo, hi = min(lo, len(text)), max(min(lo, len(text)), min(hi, len(text)))
    if text.find("cho", lo, hi) == -1:
        assert fa._AWARD_FOR.search(text, lo, hi) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(("của", "CỦA", "Của", " ", "\n", "ban hành", "cua")), max_size=15).map("".join))
def test_document_issuer_is_searched_only_where_it_can_match(after):
    fast = fd._OF.search(after) if "của" in after else None
    assert _span(fast) == _span(re.search(r"\bcủa\s+", after))


# --- needles found through shared anchors; clean_phrase and key without the engine -------------------------

_ANCHOR_PIECES = (
    "huân chương", "Huy chương", "chương", "kỷ niệm chương", "Bằng khen", "khen", "giấy khen", "khen thưởng",
    "bằng khen thưởng", "cờ thi đua", "thi đua", "chiến sĩ thi đua", "giấy chứng nhận", "danh hiệu", "danh",
    "giấy", "chiến sĩ", " ", "\n", "a",
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=30).map("".join))
def test_award_needles_found_through_anchors_are_their_needle_starts(text):
    low = fc.lowered(text)
    assert fc.anchored_starts(low, fa._AWARD_ANCHORS) == fc.needle_starts(low, fa._AWARD_NEEDLES)
    assert fc.SentenceIndex(text).starts_of(fa._AWARD_NEEDLES, fa._AWARD_ANCHORS) == fc.needle_starts(
        low, fa._AWARD_NEEDLES
    )


def test_anchors_group_needles_by_their_first_piece():
    anchors = fc.anchors_of(("ab", "xab", "cd", "abab"), ("ab",))
    assert anchors == (("ab", (("ab", 0), ("xab", 1), ("abab", 0))), ("cd", (("cd", 0),)))
    for text in ("", "ab", "xabab", "abababxab cd", "cdcd xa b"):
        assert fc.anchored_starts(text, anchors) == fc.needle_starts(text, ("ab", "xab", "cd", "abab"))


def test_split_cuts_where_the_engine_finds_whitespace():
    """``clean_phrase`` and ``key`` join ``str.split`` for ``re.sub(r"\\s+", " ", …)``: the same characters."""
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (re.fullmatch(r"\s", ch) is not None) == (len(f"a{ch}b".split()) == 2), hex(cp)


_PHRASE_PIECES = (
    "Công đoàn", " (LĐLĐ)", "(CĐ)", " (abc)", "(", ")", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", ",", ";",
    ":", "–", "-", "Uỷ ban", "Hoà", "Đ", "tỉnh", "A/B", "İ",
)


def _plain_clean_phrase(s: str) -> str:
    s = canonical_tones(s)
    s = re.sub(r"\s*\((?:[A-ZĐ][A-ZĐ0-9&/.-]*)\)", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,;:–-")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=20).map("".join))
def test_clean_phrase_and_key_are_the_plain_substitutions(s):
    assert fc.clean_phrase(s) == _plain_clean_phrase(s)
    assert fc.key(s) == re.sub(r"\s+", " ", fold_nfc(_plain_clean_phrase(s))).strip()


_NAME_PIECES = ("Nguyễn", "Văn", "Thuỷ", "Thủy", "Hoà", "Hòa", "Uý", "QUÝ", "Khoẻ", " ", "  ", "\u0301", "e\u0301", "İ")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=8).map("".join))
def test_name_and_key_are_the_canonical_name_and_its_merge_key(written):
    name = canonical_tones(written)
    assert fp._name_and_key(written) == (name, canonical_tones(name).casefold())


def _plain_lead_sentences(article, sentences):
    text = article.text
    body = [p for p in article.paragraphs if p.kind == "body" and not text[p.start : p.end].isupper()]
    if body:
        limit = min(body[min(2, len(body)) - 1].end, body[0].start + 1500)
    else:
        limit = min(len(article.text), 1500)
    return [s for s in sentences.sentences if s.start < limit]


def test_lead_sentences_are_the_plain_ones():
    """The lead is read from the first two non-capital body paragraphs and a prefix of the sentences."""
    inputs = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles", ROOT / "tests" / "fixtures" / "news",
              ROOT / "tests" / "fixtures" / "official"]
    articles = list(load_paths([str(p) for p in inputs]).articles)
    for text in ("", "Tiêu đề\n\nMột câu.", "BÁO CÁO\n\nCÔNG ĐOÀN X\n\nNgày 1/1, hội nghị. Đồng chí A dự.\n\nĐoạn hai.",
                 "Tiêu đề\n\n" + "Một câu dài. " * 200 + "\n\nĐoạn hai.\n\nĐoạn ba."):
        articles.append(parse_article(text, "t.txt"))
    for article in articles:
        sentences = fc.SentenceIndex(article.text)
        assert ff._lead_sentences(article, sentences) == _plain_lead_sentences(article, sentences)
