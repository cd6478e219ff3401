"""The names scan's word-pair tests leave out only calls that find nothing.

Before asking for a person cue, a role title or an organisation head at a word (``names._Scanner._step``),
a head inside a name (``orgs``), a level or a place (``names._locations``), the scan looks the next word up
in the trie node of the word's key: a pair no phrase opens with ("Công đoàn" for a cue, "Thành phố" for a
head or a title, "thành tích" for a level, "Đồng chí" for a place) is not asked. Each test scans generated text with the tries' first nodes replaced by
nodes that hold every key (so every pair is asked, as the plain code did) and finds the same names.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import lexicons as lex
from unionreader.extract import names, orgs
from unionreader.extract.names import extract_names
from unionreader.extract.phrases import Lexicon

_PHRASES = [
    *lex.ROLE_TITLES[:60], *lex.PERSON_CUES, *lex.NOT_ORG_PHRASES[:20], *lex.ORG_HEADS,
    *lex.LOCATION_PREFIXES, *lex.SURNAMES[:20], "Văn", "Thị", "Hùng", "Lan", "Quản lý", "thành phố", "Thành phố",
    "Hồ Chí Minh", "Đà Nẵng", "Đại hội", "Đồng chí", "thành tích", "Đồng Nai", "Cục Trợ giúp", "Công đoàn", "công đoàn", "LĐLĐ", "Tổng LĐLĐ", "Phó",
    "Ủy ban", "Đảng ủy", "nhân", "viên", "chủ tịch", "và",
]
_WORDS = [*_PHRASES, *(p.lower() for p in _PHRASES[::3]), *(p.upper() for p in _PHRASES[::9])]
_GAPS = [" ", " ", " ", ", ", " - ", ": ", "“", "” ", ". ", "\n"]
texts = st.lists(st.sampled_from(_WORDS) | st.sampled_from(_GAPS), min_size=1, max_size=40).map(" ".join)


class _Every(dict):
    """A trie node read as holding every key: the pair test lets each word through."""

    def __contains__(self, key: object) -> bool:
        return True


class _AskingEveryPair:
    """A lexicon whose first nodes hold every key, matching as the real one."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.first = {k: _Every(node) for k, node in lexicon.first.items()}
        self.match = lexicon.match
        self.keys_of = lexicon.keys_of


_PAIR_TESTED = [(names, "PERSON_CUES"), (names, "ROLE_TITLES"), (names, "ORG_HEADS"), (names, "LOCATION_PREFIXES"),
                (names, "PLACES"), (orgs, "ORG_HEADS")]


def _plain_names(text: str) -> list:
    with pytest.MonkeyPatch.context() as patch:
        for module, name in _PAIR_TESTED:
            patch.setattr(module, name, _AskingEveryPair(getattr(module, name)))
        return extract_names(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_pair_tests_leave_the_names_found(text):
    assert extract_names(text) == _plain_names(text)


def test_pairs_no_phrase_opens_with_are_not_asked(monkeypatch):
    """"Công đoàn" opens no cue, "Thành phố" no title or head, "thành tích" no level, "Đồng chí" no place:
    ``match`` is not called at them (the pairs that open one are)."""
    asked = set()
    for module, name in _PAIR_TESTED[:-1]:
        lexicon = getattr(module, name)
        plain = lexicon.match
        monkeypatch.setattr(lexicon, "match", lambda keys, i, name=name, plain=plain: (
            asked.add((name, " ".join(keys[i : i + 2]))) or plain(keys, i)))
    found = extract_names("Hội nghị của Công đoàn Sở Y tế. Thành phố Đà Nẵng tổ chức Đại hội, đồng chí Lan có thành tích.")
    assert {("ORG_HEADS", "công đoàn"), ("LOCATION_PREFIXES", "thành phố"), ("PERSON_CUES", "đồng chí")} <= asked
    assert not asked & {("PERSON_CUES", "công đoàn"), ("ROLE_TITLES", "thành phố"), ("ORG_HEADS", "thành phố"),
                        ("ORG_HEADS", "đại hội"), ("ROLE_TITLES", "đại hội"), ("LOCATION_PREFIXES", "thành tích"),
                        ("PLACES", "đồng chí")}
    assert [e.text for e in found if e.type == "organization"] == ["Công đoàn Sở Y tế"]


_SWEPT = sorted({*lex.PERSON_CUES, *lex.ROLE_TITLES, *lex.ORG_HEADS, *lex.LOCATION_PREFIXES, *lex.PROVINCES,
                 *lex.ORG_ABBREVIATION_HEADS, *lex.COMMITTEES})


def test_every_phrase_is_found_as_with_every_pair_asked():
    """Each phrase whole, after a name, after "Phó" and "Tổng" (which open with the word after the next: "Phó Bí
    thư", "Tổng LĐLĐ"), inside a name and in lower case: the pairs that open one are all asked."""
    for phrase in _SWEPT:
        cap = phrase[:1].upper() + phrase[1:]
        text = f"Ông Lê {cap} Nguyễn Văn An và Phó {cap} Trần Thị Lan, Tổng {cap} Sở {cap}; {phrase.lower()} tỉnh Hà Nam."
        assert extract_names(text) == _plain_names(text), text
