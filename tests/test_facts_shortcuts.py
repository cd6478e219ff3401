"""Shortcuts of the facts stage against the plain calls they replace: the cached abbreviation key, role items made in C."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("LĐlđCNVCAaÂâƯưĐ.&-/ 0ÁáỆệ"), max_size=12))
def test_an_abbreviations_cached_key_is_its_fold_in_capitals(written):
    """Asked once or again, the key is the text folded and in capitals, as each entity's was made."""
    from unionreader.extract.facts_documents import _abbreviation_key
    from unionreader.text import fold_nfc

    assert _abbreviation_key(written) == fold_nfc(written).upper()
    assert _abbreviation_key(written) == fold_nfc(written).upper()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.lists(st.integers(0, 99), max_size=4), st.text(max_size=5))
def test_a_role_item_made_in_c_is_the_one_its_class_makes(start, end, used, shown):
    """``role_items._role_item`` (the tuple made in C) gives what ``RoleItem(...)`` gives: same class, fields, equality."""
    from unionreader.extract.role_items import RoleItem, _role_item

    made, plain = _role_item((start, end, tuple(used), shown)), RoleItem(start, end, tuple(used), shown)
    assert type(made) is RoleItem and made == plain and made._asdict() == plain._asdict()
    assert (made.start, made.end, made.entities, made.shown) == (start, end, tuple(used), shown)
