"""The query language: every construct, and malformed input that must never raise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unionreader.search.query import parse_query


def test_words_are_and_and_folded():
    q = parse_query("Công Đoàn HÀ NỘI ")
    assert [c.alternatives[0].terms[0].folded for c in q.clauses] == ["cong", "doan", "ha", "noi"]
    assert q.clauses[2].alternatives[0].terms[0].exact == "hà"
    assert q.clauses[0].alternatives[0].terms[0].exact == "công"
    assert parse_query("cong").clauses[0].alternatives[0].terms[0].exact is None


def test_last_word_is_a_prefix_unless_the_query_ends_with_a_space():
    assert parse_query("chu tic").clauses[-1].alternatives[0].terms[0].prefix
    assert not parse_query("chu tic").clauses[0].alternatives[0].terms[0].prefix
    assert not parse_query("chu tic ").clauses[-1].alternatives[0].terms[0].prefix
    assert not parse_query('"chu tic"').clauses[-1].alternatives[0].terms[0].prefix


def test_phrase_exclusion_exact_term():
    q = parse_query('"lao động" -hưng \'cong')
    phrase, excluded, exact = q.clauses
    assert phrase.alternatives[0].phrase and [t.folded for t in phrase.alternatives[0].terms] == ["lao", "dong"]
    assert excluded.negated and excluded.alternatives[0].terms[0].folded == "hung"
    assert not exact.alternatives[0].terms[0].fuzzy and not exact.alternatives[0].terms[0].prefix
    assert q.describe() == "\"lao dong\" AND NOT 'hung AND 'cong"


@pytest.mark.parametrize("query", ["hop | hoi", "hop|hoi", "hop |hoi"])
def test_or_between_terms(query):
    q = parse_query(query + " ")
    assert len(q.clauses) == 1
    assert [a.terms[0].folded for a in q.clauses[0].alternatives] == ["hop", "hoi"]


def test_field_filters():
    q = parse_query("person:giảng org:\"liên đoàn\" place:ha-noi year:2023 date:2024-1 has:money|awards kind:people")
    fields = {f.field: f.values for f in q.filters}
    assert fields == {
        "person": ("giang",),
        "org": ("lien doan",),
        "place": ("ha noi",),
        "year": ("2023",),
        "date": ("2024-01",),
        "has": ("money", "award"),
        "kind": ("people",),
    }
    assert not q.clauses and not q.ignored
    assert parse_query("-year:2023").filters[0].negated


@pytest.mark.parametrize(
    ("query", "ignored", "words"),
    [
        ('cong "doan', ('"',), ["cong", "doan"]),
        ("foo:bar cong", ("foo:",), ["bar", "cong"]),
        ("year:abc cong", ("year:abc",), ["cong"]),
        ("has:cats cong", ("has:cats",), ["cong"]),
        ("kind:nothing", ("kind:nothing",), []),
        ("| cong |", ("|", "|"), ["cong"]),
    ],
)
def test_malformed_queries_are_searched_as_words(query, ignored, words):
    q = parse_query(query)
    assert q.ignored == ignored
    assert [t.folded for c in q.clauses for a in c.alternatives for t in a.terms] == words


@given(st.lists(st.sampled_from([*'ab "\'-|:cđởy20', "year:", "person:", "has:", " "]), max_size=20))
def test_parse_never_raises(pieces):
    q = parse_query("".join(pieces))
    assert isinstance(q.describe(), str)
