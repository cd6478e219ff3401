"""Issue 17's kinds of query on hand-made articles: adjacency through every form of a query word (an
abbreviation written short or in full), whole names above partial ones in titles, expansions inside
longer queries."""

from __future__ import annotations

import pytest

from unionreader.articles import parse_article
from unionreader.extract.models import Analysis, Entity
from unionreader.search import SearchIndex

FILLER = "Các đại biểu thảo luận sôi nổi về kế hoạch năm sau và thống nhất nhiều giải pháp."


def make(name: str, title: str, body: str, people: tuple[str, ...] = ()) -> Analysis:
    article = parse_article(f"{title}\n\n{body} {FILLER}", f"{name}.txt")
    entities = []
    for person in people:
        start = article.text.index(person)
        entities.append(Entity("person", person, start, start + len(person), person))
    return Analysis(article, tuple(entities), (), None)


def ranked(ix: SearchIndex, query: str) -> list[str]:
    return [ix.analysis(d).article.source.removesuffix(".txt") for d in ix.search(query).docs]


@pytest.fixture(scope="module")
def federation_ix() -> SearchIndex:
    docs = [
        # The place name's syllable "Tĩnh" in titles; "LĐLĐ" and "tỉnh" both there, never together.
        make("place1", "Hà Tĩnh: công nhân khu kinh tế nhận quà Tết", "Đại diện LĐLĐ thành phố trao quà tại tỉnh."),
        make("place2", "Hà Tĩnh trao mái ấm công đoàn", "Ban Thường vụ LĐLĐ huyện cùng lãnh đạo tỉnh dự lễ."),
        make("place3", "Tỉnh Hà Tĩnh khen thưởng tập thể", "Quyết định của LĐLĐ thành phố được công bố tại tỉnh."),
        # Says it exactly, in the body only.
        make("short", "Khai mạc hội thao công nhân", "LĐLĐ tỉnh Thái Nguyên tổ chức hội thao cho đoàn viên."),
        # Says it in other words.
        make("full", "Khai mạc hội thao viên chức", "Liên đoàn Lao động tỉnh Bắc Kạn tổ chức hội thao."),
        # The national federation, in full, after a role; and a provincial chairman with "tổng" elsewhere.
        make("national", "Làm việc với công nhân khu công nghiệp",
             "Đồng chí Chủ tịch Tổng Liên đoàn Lao động Việt Nam đến thăm công nhân."),
        make("provincial", "Hội nghị tổng kết năm",
             "Đồng chí Chủ tịch LĐLĐ tỉnh phát biểu tổng kết phong trào thi đua."),
    ]
    return _build(docs)


def _build(docs: list[Analysis]) -> SearchIndex:
    ix = SearchIndex()
    ix.add(docs)
    return ix


@pytest.mark.parametrize("query", ["ldld tinh", "ldld tinh ", "LĐLĐ tỉnh"])
def test_abbreviation_then_word_ranks_the_adjacent_form_first(federation_ix, query):
    order = ranked(federation_ix, query)
    assert order[0] == "short", order
    # The written-out form, adjacent, comes before the articles that only mention the parts.
    assert order.index("full") < min(order.index(p) for p in ("place1", "place2", "place3")), order


@pytest.mark.parametrize("query", ["lien doan lao dong tinh", "lien doan lao dong tinh "])
def test_written_out_query_finds_the_short_form_adjacent_too(federation_ix, query):
    order = ranked(federation_ix, query)
    assert order[0] == "full", order
    assert order.index("short") < min(order.index(p) for p in ("place1", "place2", "place3")), order


def test_the_short_form_counts_after_the_word_before_a_written_out_run(federation_ix):
    order = ranked(federation_ix, "chu tich tong lien doan lao dong ")
    assert order[0] == "national", order


def test_expansion_inside_a_longer_query_is_a_phrase_match(federation_ix):
    assert ranked(federation_ix, "chu tich tong ldld")[0] == "national"
    assert ranked(federation_ix, "chu tich tong ldld viet nam ")[0] == "national"


def test_whole_name_adjacent_beats_two_syllables_in_a_title_and_entity():
    docs = [
        make("partial", "Phó Chủ tịch Lê Quốc Bình thăm công nhân",
             "Phó Chủ tịch Lê Quốc Bình tặng quà. Anh Bảo, công nhân tổ hai, cảm ơn.", people=("Lê Quốc Bình",)),
        make("partial2", "Lê Quốc Bình dự hội nghị", "Ông Lê Quốc Bình phát biểu; chị Bảo cùng dự.",
             people=("Lê Quốc Bình",)),
        make("whole", "Hội nghị người lao động năm nay", "Đồng chí Lê Quốc Bảo, Chủ tịch Công đoàn, phát biểu."),
    ]
    ix = _build(docs)
    for query in ("le quoc bao", "le quoc bao ", "Lê Quốc Bảo"):
        assert ranked(ix, query)[0] == "whole", (query, ranked(ix, query))
    # The two-syllable query still puts the titles first: there they match the whole query.
    assert ranked(ix, "le quoc binh ")[:2] in (["partial", "partial2"], ["partial2", "partial"])


def test_typing_prefix_by_prefix_ranks_as_a_fresh_search(federation_ix):
    """The per-prefix caches (adjacency, written-out runs) give what one search from scratch gives."""
    query = "chu tich tong lien doan lao dong tinh thai nguyen"
    for i in range(1, len(query) + 1):
        typed = federation_ix.search(query[:i])
    federation_ix._dirty = True  # drops every cache
    fresh = federation_ix.search(query)
    assert typed.docs == fresh.docs and typed.scores == fresh.scores
