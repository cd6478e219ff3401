"""``person_titles.title_before`` cutting the last word alone against the whole-window split it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


def _plain_title_before(text, start):
    """``person_titles.title_before`` as first written: the window split into words, then the last one looked at."""
    from unionreader.extract import person_titles as pt

    before = text[max(0, start - pt._WINDOW) : start]
    if not before.endswith(" "):
        return None
    words = before.split()
    if not words:
        return None
    last = words[-1]
    if last[0].isupper() and all(part in pt._ABBREVIATED for part in last.split(".")):
        return last
    if last.lower() not in pt._LAST_WORDS:
        return None
    for n in range(min(pt._LONGEST, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase.lower() in pt._WORD_TITLES:
            return phrase[0].upper() + phrase[1:]
    return None


_WORDS = st.sampled_from(["Đại", "tá", "đại", "úy", "uý", "PGS.TS", "HLV", "GS.", "Nghệ", "sĩ", "nhân", "dân", "ưu",
                          "tú", "huấn", "luyện", "viên", "trưởng", "ông", "Nguyễn", "Văn", "A", ",", "bác", "Bác"])
_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\u2003", " \n "])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SPACES), max_size=12), st.integers(0, 80))
def test_title_before_from_the_last_word_finds_what_the_window_split_finds(parts, cut):
    """Any text before any place (titles, abbreviations, other words, several kinds of spaces, a window
    cutting a word): the same title or None."""
    from unionreader.extract.person_titles import title_before

    text = "".join(word + space for word, space in parts) + "Nguyễn Văn An"
    for start in {len(text) - len("Nguyễn Văn An"), min(cut, len(text))}:
        assert title_before(text, start) == _plain_title_before(text, start)
