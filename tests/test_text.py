"""Vietnamese text core: folding, tone placement, tokens (examples and properties)."""

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from unionreader.text import fold, fold_nfc, fold_tokens, nfc, normalize_tones, same_word, tokenize

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ,.;:/-0123456789\n\u0301\u0323"),
    max_size=80,
)


def test_fold_strips_diacritics_and_d():
    assert fold("Công đoàn Hà Nội") == "cong doan ha noi"
    assert fold("ĐẠI HỘI Công Đoàn") == "dai hoi cong doan"
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"


def test_fold_nfc_preserves_length_so_offsets_carry_over():
    s = "Nguyễn Duy Giảng, Phó Chủ tịch"
    assert len(fold_nfc(s)) == len(s)
    assert fold_nfc(s).index("giang") == s.index("Giảng")


def test_normalize_tones_picks_one_placement():
    assert normalize_tones("Uỷ ban") == "Ủy ban"
    assert normalize_tones("hoà bình") == "hòa bình"
    assert normalize_tones("thuý") == "thúy"
    assert normalize_tones("khoẻ") == "khỏe"
    # A closed syllable and "qu" + vowel are not the diphthongs, so they stay as written.
    assert normalize_tones("hoàn thành") == "hoàn thành"
    assert normalize_tones("quý") == "quý"
    assert same_word("Uỷ viên", "ủy viên")


def test_tokens_keep_numbers_of_the_genre_whole():
    text = "8.945 đoàn viên, 1,5 tỷ, ngày 30/01/2024, Nghị quyết 09/NQ-CĐVC, nhiệm kỳ 2023-2028"
    words = [t.text for t in tokenize(text)]
    for number in ("8.945", "1,5", "30/01/2024", "09/NQ-CĐVC", "2023-2028"):
        assert number in words
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_fold_tokens_are_folded():
    assert fold_tokens("Công Đoàn Hà Nội 8.945") == ["cong", "doan", "ha", "noi", "8.945"]


@given(vietnamese_text)
def test_fold_and_normalize_are_idempotent(s):
    assert fold(fold(s)) == fold(s)
    assert normalize_tones(normalize_tones(s)) == normalize_tones(s)


@given(vietnamese_text)
def test_nfd_input_gives_same_result_as_nfc(s):
    nfd = unicodedata.normalize("NFD", s)
    composed = unicodedata.normalize("NFC", s)
    assert fold(nfd) == fold(composed)
    assert normalize_tones(nfd) == normalize_tones(composed)
    assert nfc(nfd) == composed


@given(st.text(max_size=60))
def test_never_raise_on_any_unicode(s):
    fold(s)
    normalize_tones(s)
    for token in tokenize(s):
        assert s[token.start : token.end] == token.text


def test_the_fold_table_as_a_list_maps_every_character_as_the_dict_does():
    from unionreader.text import _FOLD_TABLE, _build_fold_table

    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    assert every.translate(_FOLD_TABLE) == every.translate(_build_fold_table())
    assert fold("Công Đoàn Ủy ban 𝐀 Ωμέγα") == "cong doan uy ban 𝐀 ωμέγα"


def test_a_moved_tone_mark_beside_a_stray_mark_gives_a_fixed_point():
    # NFC cannot compose "Ý" with a second mark; once the tone moves, the stray mark composes.
    once = normalize_tones("UÝ\u0300")
    assert normalize_tones(once) == once and unicodedata.is_normalized("NFC", once)


def test_the_fold_table_reaches_past_the_punctuation_news_writes():
    """A character past the list's end costs ``translate`` an IndexError made and cleared (~500 ns): the
    quotes, dashes, ellipsis, bullet and đồng sign of every news line are inside it."""
    from unionreader.text import _FOLD_TABLE

    assert all(ord(ch) < len(_FOLD_TABLE) for ch in "“”‘’–—…•₫€")
    assert fold("“Công đoàn” – 5.000₫…") == "“cong doan” – 5.000₫…"
