"""The shortcuts of the organisation scan (``orgs.py``) answer as the plain calls they skip.

``_MAY_STOP``: a capitalised word of a name is asked ``_stops_organization`` only when its key is in the
set; every word the rule can stop at must be there. ``_lowercase_tail`` reads ``_PLAIN`` itself and calls
``_plain_lowercase`` only where the word alone does not tell. ``PeopleRules._person`` without a cue gives
up on a word that is no surname before the other tests (all of which also give up). Each is checked on
generated sentences of the genre's words against the plain code written out here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.extract import lexicons as lex
from unionreader.extract import orgs
from unionreader.extract.name_rules import Doc
from unionreader.extract.names import _Scanner, extract_names
from unionreader.extract.people import HO_CHI_MINH
from unionreader.extract.phrases import SURNAMES
from unionreader.extract.word_facts import WORD_IS_NAME

# Words that open (or look like) the phrases the rules test, and plain ones: titles, cues, heads, surnames,
# places, levels, stop words and lower-case tails, capitalised or not.
_PHRASES = [
    *lex.ROLE_TITLES[:40], *lex.PERSON_CUES[:40], *lex.NOT_ORG_PHRASES[:30], *lex.ORG_HEADS[:40],
    *lex.ORG_STOP_WORDS[:30], *lex.LOCATION_PREFIXES, *lex.ORG_QUALIFIERS, *lex.ORG_TAIL_QUALIFIERS,
    *lex.SURNAMES[:30], *lex.WEAK_SURNAMES[:10], "Văn", "Thị", "Hùng", "Mai", "Lan", "Quản lý", "thị trường",
    "Viên chức", "Hồ Chí Minh", "Việt Nam", "Giáo dục", "Đinh Dậu", "ủng hộ", "và", "các", "tối cao",
]
_WORDS = [*_PHRASES, *(p.lower() for p in _PHRASES[::3]), *(p.upper() for p in _PHRASES[::7])]
_GAPS = [" ", " ", " ", ", ", " - ", "-", " (CĐ) ", "“", "” ", ". ", "\n", ": "]
texts = st.lists(st.sampled_from(_WORDS) | st.sampled_from(_GAPS), min_size=1, max_size=40).map(" ".join)


def _scanner(text: str, role_context: bool) -> _Scanner:
    doc = Doc(text)
    scanner = _Scanner(doc, [0] * (len(doc.words) + 1), {})
    scanner.role_context = role_context
    return scanner


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_a_word_stops_an_organisation_only_if_its_key_may_stop_one(text, role_context):
    scanner = _scanner(text, role_context)
    doc = scanner.doc
    for head in (("công", "đoàn"), ("sở",), ("cục",)):
        for j in range(len(doc.words)):
            if doc.kinds[j] == Doc.WORD and scanner._stops_organization(j, head):
                assert doc.keys[j] in orgs._MAY_STOP


def _plain_lowercase_tail(scanner: _Scanner, j: int) -> int | None:
    """``_lowercase_tail`` as it was written: ``_plain_lowercase`` asked of every word."""
    n = len(scanner.doc.words)
    end = j
    while end < n and end - j < 3 and scanner._plain_lowercase(end):
        end += 1
    if end - j == 3 and scanner._plain_lowercase(end):
        return None
    return end


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_lowercase_tail_ends_where_the_plain_walk_ends(text):
    scanner = _scanner(text, False)
    for j in range(len(scanner.doc.words)):
        assert scanner._lowercase_tail(j) == _plain_lowercase_tail(scanner, j)


def _plain_person(scanner: _Scanner, i: int, cued: bool) -> int | None:
    """``_person``'s tests in their first order: the name's start, then (without a cue) the surname."""
    doc = scanner.doc
    keys, n = doc.keys, len(doc.words)
    if (i >= n or not WORD_IS_NAME[doc.words[i]] or scanner.in_location[i]
            or (keys[i] == "hồ" and tuple(keys[i : i + 3]) == HO_CHI_MINH)):
        return None
    if not cued and keys[i] not in SURNAMES:
        return None
    return scanner._person(i, cued)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_a_person_without_a_cue_is_found_as_with_the_tests_in_their_first_order(text, cued):
    scanner = _scanner(text, False)
    for i in range(len(scanner.doc.words) + 1):
        assert scanner._person(i, cued) == _plain_person(scanner, i, cued)


def test_a_name_word_that_stops_an_organisation_is_asked():
    """"Công đoàn Sở Y tế Nguyễn Văn An": the person ends the body; "Trợ" (no stop key) does not."""
    scanner = _scanner("Cục Trợ giúp pháp lý Nguyễn Văn An phát biểu", True)
    doc = scanner.doc
    assert scanner._organization(0) == doc.keys.index("nguyễn")
    assert "nguyễn" in orgs._MAY_STOP and "trợ" not in orgs._MAY_STOP


def test_a_head_between_quotation_marks_opens_no_organisation():
    """``_organization`` reads ``Doc.quoted`` by index: the quoted head is a title's word, the other a body."""
    for text, body in (("Cuộc thi “Công đoàn Sở Y tế vững mạnh” do Công đoàn Sở Y tế phát động.", "Công đoàn Sở Y tế"),
                       ('Bài "Công đoàn Sở Y tế" và Công đoàn Sở Tài chính.', "Công đoàn Sở Tài chính")):
        found = [(e.start, e.text) for e in extract_names(text) if e.type == "organization"]
        assert found == [(text.rindex(body), body)]
