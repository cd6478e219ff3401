"""``numbers._START`` looks for a number's first digit with a class of the BMP's decimal digits and every
character past it, checked by a look-behind; it finds what the plain ``\\d`` finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import numbers

_PLAIN_START = re.compile(
    r"\d(?<![\w.,/]\d)(?:\d{0,2}(?:\.\d{3})++(?!\d)|\d*+)(?:,\d++)?+"
    r"[ \u00a0]*(?:(%)|([/.,-])|([^\W\d_]+))?"
)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


def test_every_character_starts_a_number_as_with_the_plain_digit_class():
    for cp in range(0x110000):
        ch = chr(cp)
        for text in (ch, ch + "5 người", "a" + ch + "7"):
            assert _found(numbers._START, text) == _found(_PLAIN_START, text), hex(cp)


_PIECES = ["12", "8.945", "2,5", "١٢", "５", "𝟗", "𝟎𝟏", "😀", "x1", "1/2", " ", "%", "triệu", "người", ".", ",", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_number_starts_as_with_the_plain_digit_class(text):
    assert _found(numbers._START, text) == _found(_PLAIN_START, text)
