"""``facts_documents._abbreviation_key`` (cached by the written text) against the fold it caches."""

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
