"""``phrases.Lexicon.match`` walks a trie compiled for it; it answers as a plain longest match over the phrases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import phrases as ph

_WORDS = ["Công", "đoàn", "Ủy", "Uỷ", "ban", "-", "8"]  # few, so that phrases often open others
_phrases = st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=12)
_keys = st.lists(st.sampled_from([ph.word_key(w) for w in _WORDS]), max_size=8)


def _plain_match(phrases: list[str], keys: list[str], i: int) -> tuple[int, str] | None:
    """The longest phrase whose keys are those from ``i``; of phrases with the same keys, the first given."""
    found = None
    for phrase in phrases:
        phrase_keys = ph.phrase_keys(phrase)
        if tuple(keys[i : i + len(phrase_keys)]) == phrase_keys and (found is None or i + len(phrase_keys) > found[0]):
            found = i + len(phrase_keys), phrase
    return found


@settings(max_examples=300, deadline=None)
@given(_phrases, _keys)
def test_lexicon_match_is_the_longest_phrase(phrases, keys):
    lexicon = ph.Lexicon(phrases)
    for i in range(len(keys)):
        assert lexicon.match(keys, i) == _plain_match(phrases, keys, i), (i, keys)
        assert lexicon.match(tuple(keys), i) == _plain_match(phrases, keys, i)


def test_a_match_at_the_last_word_and_a_longer_phrase_cut_by_the_end():
    lexicon = ph.Lexicon(["Ủy ban", "Ủy ban nhân dân tỉnh", "tỉnh"])
    keys = ("ủy", "ban", "nhân", "dân")
    assert lexicon.match(keys, 0) == (2, "Ủy ban")
    assert lexicon.match((*keys, "tỉnh", "x"), 0) == (5, "Ủy ban nhân dân tỉnh")
    assert lexicon.match(("tỉnh",), 0) == (1, "tỉnh")
    assert lexicon.match(keys, 2) is None
