"""The directory's indented JSON writer gives json.dumps(..., ensure_ascii=False, indent=2) byte for byte."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from unionreader.directory.indented_json import dumps_indented

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                       max_leaves=30)


def test_edge_cases_match_the_standard_library():
    for value in ({}, [], {"a": []}, {"a": {}}, [[]], (1, (2, 3)), -0.0, 1e300, float("nan"), float("inf"),
                  -float("inf"), 12345678901234567890, "Hòa \"Uỷ\"\n\u2028\x01", {"Đoàn": None, "b": True}):
        assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_values_json_cannot_write_plainly_are_left_to_it():
    assert dumps_indented({1: "a", None: [2]}) == json.dumps({1: "a", None: [2]}, ensure_ascii=False, indent=2)


@given(_values)
def test_any_plain_value_matches_the_standard_library(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
