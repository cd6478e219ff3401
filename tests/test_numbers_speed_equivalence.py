"""The shortcuts of the number scan (``numbers._number_matches``) against the plain ``_START.finditer``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import numbers as nb

# ASCII digits and what leads or follows numbers; letters whose UTF-16 low byte is a digit's ("ḵ" U+1E35, "‰"
# U+2030, a combining mark U+0331); other scripts' digits ("٣", "５", "𝟎") and letters of their blocks.
_ALPHABET = [*"0123456789 .,/-%:x\u00a0đồngtriệungườiệ", "\u1e35", "\u2030", "\u0331", "\u2032", "\u0663", "\uff15",
             "\U0001d7ce", "\u0680", "\u3031"]


def _plain(text: str) -> list[tuple[int, int, int | None, str]]:
    return [(m.start(), m.end(), m.lastindex, m.group()) for m in nb._START.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(_ALPHABET), max_size=40))
def test_number_matches_are_those_of_the_scan_of_every_character(text):
    """Skipping to the characters whose low byte is an ASCII digit's finds the same numbers, also beside letters
    and marks that share that byte, and a text with another script's digits takes the scan; so does a text
    whose candidates start no number so often that the scan goes on from one of them (every one, the first one,
    none)."""
    plain = _plain(text)
    per_miss = nb._CHARACTERS_PER_MISS
    try:
        for nb._CHARACTERS_PER_MISS in (1, per_miss, 10**9):
            assert [(m.start(), m.end(), m.lastindex, m.group()) for m in nb._number_matches(text)] == plain
    finally:
        nb._CHARACTERS_PER_MISS = per_miss


def test_other_scripts_digits_start_numbers_too():
    """(Without the scan a text of Arabic-Indic or full-width digits would find no number.)"""
    assert [m.group() for m in nb._number_matches("có ٣٤ người và ５ đơn vị")] == ["٣٤ người", "５ đơn"]
    assert nb.number_starts("có ٣٤ người").word == [3]
