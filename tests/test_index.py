"""The search index on hand-made articles: matching, typo rules, ranking, filters, hits, incremental add."""

from __future__ import annotations

import numpy as np
import pytest

import unionreader.search.index as index_module
from unionreader.articles import parse_article
from unionreader.extract.models import Analysis, Entity, Fact
from unionreader.search import SearchIndex
from unionreader.text import fold


def make(title: str, body: str = "", *, entities=(), facts=(), date=None, name="a") -> Analysis:
    article = parse_article(f"{title}\n\n{body}" if body else title, f"{name}.txt")
    ents = []
    for etype, surface, value in entities:
        start = article.text.index(surface)
        ents.append(Entity(etype, surface, start, start + len(surface), value))
    made_facts = tuple(Fact(kind, kind, kind, article.text[:10], 0, 10) for kind in facts)
    return Analysis(article, tuple(ents), made_facts, date)


def build(*analyses: Analysis) -> SearchIndex:
    ix = SearchIndex()
    ix.add(analyses)
    return ix


def found(ix: SearchIndex, query: str) -> list[str]:
    return [ix.analysis(d).article.source.removesuffix(".txt") for d in ix.search(query).docs]


FILLER = "Hội nghị diễn ra trong không khí dân chủ, đoàn kết và thành công tốt đẹp."


@pytest.fixture(scope="module")
def union_ix() -> SearchIndex:
    docs = [
        make("Công đoàn Viên chức tỉnh tổ chức hội nghị", "Đồng chí Chủ tịch Công đoàn phát biểu. " + FILLER, name="cd"),
        make("Ngày hội văn hóa", "Cung văn hóa lao động mở cửa. " + FILLER, name="cung"),
        make("Hội nghị người lao động", "Công ty đang quản lý 8.945 đoàn viên tại Hà Nội. " + FILLER, name="num"),
        make("Ban Thường vụ họp", "Ủy ban MTTQ phường phối hợp tổ chức. " + FILLER, name="mttq"),
        make("Tổng kết năm", "Liên đoàn Lao động tỉnh khen thưởng tập thể. " + FILLER, name="ldld"),
        make("Tin vắn", "Cán bộ hạ quyết tâm; lao động và công đoàn cùng cố gắng. " + FILLER, name="ha"),
    ]
    return build(*docs)


def test_folded_matching_with_or_without_diacritics(union_ix):
    assert found(union_ix, "cong doan vien chuc ")[0] == "cd"
    assert found(union_ix, "Công đoàn Viên chức ")[0] == "cd"
    assert found(union_ix, "CONG DOAN VIEN CHUC ")[0] == "cd"


def test_exact_diacritics_rank_first(union_ix):
    assert found(union_ix, "Hà ")[:2] == ["num", "ha"]
    assert found(union_ix, "hạ ")[:2] == ["ha", "num"]


def test_numbers_match_with_or_without_separators(union_ix):
    assert found(union_ix, "8945 ") == ["num"]
    assert found(union_ix, "8.945 ") == ["num"]


def test_abbreviations_match_their_expansions_both_ways(union_ix):
    assert found(union_ix, "mat tran to quoc ")[0] == "mttq"
    assert found(union_ix, "LĐLĐ ")[0] == "ldld"
    hit = union_ix.hit(union_ix.search("LĐLĐ ").docs[0], union_ix.search("LĐLĐ "))
    assert "Liên" in [union_ix.analysis(hit.doc).article.text[a:b] for a, b in hit.text_spans]


def test_frequent_exact_term_is_not_expanded():
    docs = [make(f"Tin {i}", "Công nhân làm việc chăm chỉ.", name=f"c{i}") for i in range(6)]
    docs += [make("Tin cung", "Cung văn hóa mở cửa.", name="cung"), make("Tin con", "Con em đoàn viên.", name="con")]
    ix = build(*docs)
    assert sorted(found(ix, "cong ")) == [f"c{i}" for i in range(6)]  # not "cung", not "con"
    assert found(ix, "cugn ") == ["cung"]  # an unknown term is expanded


def test_typo_rules():
    ix = build(
        make("Đồng chí Nguyễn Duy Giảng phát biểu", name="giang"),
        make("Đồng chí Lê Văn Xiang dự họp", name="xiang"),
        make("Phòng thanhphong mới", name="long"),
        make("Lao động tiêu biểu", name="lao"),
    )
    assert found(ix, "giag ") == ["giang"]  # one typo from 3 letters
    assert found(ix, "gaing ") == ["giang"]  # a swapped pair is one typo
    assert "xiang" not in found(ix, "giang ")  # the first letter must match
    assert found(ix, "tahnhphogn ") == ["long"]  # two typos from 8 letters
    assert found(ix, "tahnhphognn ") == []  # but not three
    assert found(ix, "lao dng ") == ["lao"]
    assert found(ix, "'giag ") == []  # an exact term is never fuzzy
    assert found(ix, "gi ") == []  # no typo under 3 letters


def test_last_term_is_a_prefix_until_a_space():
    ix = build(make("Chủ tịch phát biểu", name="a"), make("Phương án mới", name="b"))
    assert found(ix, "chu tic") == ["a"]
    assert found(ix, "phuo") == ["b"]
    assert found(ix, "phuo ") == []  # ended word: matched whole (and "phuo" is within no typo of a word)
    assert found(ix, "ph") == ["b", "a"] or found(ix, "ph") == ["a", "b"]


def test_phrase_exclusion_or():
    ix = build(
        make("Tin một", "người lao động được chăm lo", name="adj"),
        make("Tin hai", "lao tâm khổ tứ vì hoạt động", name="apart"),
        make("Tin ba", "hội thao công nhân", name="thao"),
    )
    assert found(ix, '"lao dong"') == ["adj"]
    assert sorted(found(ix, "lao dong ")) == ["adj", "apart"]
    assert found(ix, "lao -nguoi ") == ["apart"]
    assert sorted(found(ix, "cham | thao ")) == ["adj", "thao"]


def test_ranking_all_terms_then_adjacency_then_title():
    ix = build(
        make("Tin một", "Công nhân ở xa, hoạt động đoàn thể sôi nổi. " + FILLER, name="apart"),
        make("Tin hai", "Tổ chức công đoàn cơ sở. " + FILLER, name="adjacent"),
        make("Công đoàn ngành", FILLER, name="title"),
        make("Tin bốn", "Chỉ có công nhân. " + FILLER.replace("đoàn kết", "gắn bó"), name="partial"),
    )
    ranked = found(ix, "cong doan ")
    assert ranked[0] == "title"
    assert ranked.index("adjacent") < ranked.index("apart")
    assert "partial" not in ranked  # only some terms: shown only when nothing matches all
    assert found(ix, "cong zzzzzz ")[:1] in (["title"], ["adjacent"], ["apart"], ["partial"])


def test_ties_keep_newest_first_and_empty_query_lists_all_by_date():
    ix = build(
        make("Tin A", FILLER, date="2023-05-01", name="old"),
        make("Tin B", FILLER, date="2024-02-01", name="new"),
        make("Tin C", FILLER, date="2023-12-01", name="mid"),
    )
    assert found(ix, "") == ["new", "mid", "old"]
    assert found(ix, "dan chu ") == ["new", "mid", "old"]


@pytest.fixture(scope="module")
def people_ix() -> SearchIndex:
    return build(
        make(
            "Đại hội Công đoàn",
            "Đồng chí Nguyễn Duy Giảng, Chủ tịch Công đoàn ngành Y tế tại Hải Phòng, tặng 5 triệu đồng.",
            entities=[
                ("person", "Nguyễn Duy Giảng", "Nguyễn Duy Giảng"),
                ("organization", "Công đoàn ngành Y tế", "Công đoàn ngành Y tế"),
                ("location", "Hải Phòng", "Hải Phòng"),
                ("money", "5 triệu đồng", 5_000_000),
            ],
            facts=["people", "figures"],
            date="2023-03-04",
            name="p1",
        ),
        make(
            "Hội nghị người lao động",
            "Đồng chí Trần Thị Hoa dự và trao Bằng khen theo Quyết định số 12/QĐ-LĐLĐ.",
            entities=[("person", "Trần Thị Hoa", "Trần Thị Hoa"), ("document", "12/QĐ-LĐLĐ", "12/QĐ-LĐLĐ")],
            facts=["people", "awards", "documents"],
            date="2024-01-18",
            name="p2",
        ),
    )


def test_field_filters(people_ix):
    assert found(people_ix, "person:giang") == ["p1"]
    assert found(people_ix, "person:giag") == ["p1"]  # filter values are fuzzy too
    assert found(people_ix, 'person:"tran hoa"') == ["p2"]
    assert found(people_ix, "org:y te") == ["p1"]
    assert found(people_ix, "place:hai phong") == ["p1"]
    assert found(people_ix, "year:2024") == ["p2"]
    assert found(people_ix, "date:2023-03") == ["p1"]
    assert found(people_ix, "has:money") == ["p1"]
    assert found(people_ix, "has:award") == ["p2"]
    assert found(people_ix, "has:document") == ["p2"]
    assert found(people_ix, "kind:awards") == ["p2"]
    assert found(people_ix, "dong chi -person:giang") == ["p2"]
    assert sorted(found(people_ix, "has:money|award")) == ["p1", "p2"]
    assert found(people_ix, "year:2020") == []


def test_entity_match_ranks_higher():
    ix = build(
        make("Tin A", "Phòng họp tầng hai, anh Hoa dẫn đường. " + FILLER, name="text", date="2024-01-02"),
        make("Tin B", "Chị Trần Thị Hoa phát biểu. " + FILLER, entities=[("person", "Trần Thị Hoa", "Trần Thị Hoa")],
             name="entity", date="2024-01-01"),
    )
    assert found(ix, "hoa ")[0] == "entity"


def test_facets(people_ix):
    facets = people_ix.facets(people_ix.search(""))
    assert set(facets) == {"organization", "person", "year", "kind"}
    assert ("Nguyễn Duy Giảng", 1) in facets["person"]
    assert ("Công đoàn ngành Y tế", 1) in facets["organization"]
    assert sorted(facets["year"]) == [("2023", 1), ("2024", 1)]
    assert ("people", 2) in facets["kind"] and ("awards", 1) in facets["kind"]
    only = people_ix.facets(people_ix.search("year:2024"))
    assert only["person"] == [("Trần Thị Hoa", 1)]


def test_hits_give_spans_and_snippet(people_ix):
    result = people_ix.search("Giảng cong doan y te")
    hit = people_ix.hit(result.docs[0], result)
    article = people_ix.analysis(hit.doc).article
    words = [article.text[a:b] for a, b in hit.text_spans]
    assert "Giảng" in words and "Công" in words and "Y" in words
    assert [article.title[a:b] for a, b in hit.title_spans] == ["Công", "đoàn"]
    assert "Giảng" in [hit.snippet[a:b] for a, b in hit.snippet_spans]
    assert len(hit.snippet) <= 200


def test_snippet_centres_on_the_match():
    body = " ".join(["Hội nghị bàn nhiều việc."] * 40) + " Cuối cùng trao 8.945 suất quà. " + FILLER * 5
    ix = build(make("Tin", body))
    result = ix.search("8945 ")
    hit = ix.hit(result.docs[0], result)
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["8.945"]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")


@pytest.mark.parametrize("query", ['"', "'", "-", "|", "person:", 'a "b', "year:zz", "::", "-'", '"" ""', "a||b"])
def test_malformed_queries_never_raise(union_ix, query):
    result = union_ix.search(query)
    assert result.total >= 0


def test_incremental_add_matches_one_shot_build(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 3)
    docs = [make(f"Tin số {i}", f"Công đoàn cơ sở số {i} có {100 + i} đoàn viên. " + FILLER, name=f"d{i}") for i in range(20)]
    whole = build(*docs)
    growing = SearchIndex()
    growing.add(docs[:5])
    assert len(growing) == 5 and growing.search("105 ").total == 0
    growing.add(docs[5:])
    assert len(growing) == 20
    assert len(growing.terms.segments) <= 5  # segments merged as they grow
    for query in ("cong doan ", "105 ", '"co so"', "doan vien", "so 7 "):
        assert growing.search(query).docs == whole.search(query).docs


def test_postings_are_packed_arrays(union_ix):
    for postings in (union_ix.terms, union_ix.pairs, union_ix.exact, union_ix.titles):
        for seg in postings.segments:
            assert isinstance(seg.docs, np.ndarray) and seg.docs.dtype == np.uint16  # (a small index: two bytes)
            assert seg.all_docs().dtype == np.uint32
            assert seg.weights.dtype == np.uint8 and seg.keys.dtype == np.uint64
    for postings in (union_ix.exact, union_ix.titles):  # weights all 1: none kept
        assert all(len(seg.weights) == 0 and seg.size for seg in postings.segments)
    docs, counts = union_ix.terms.get(union_ix.term_id(fold("đoàn")))
    assert list(docs) == sorted(docs) and counts.min() >= 1
    assert union_ix.nbytes > 0
    assert union_ix.variants["ha"] >= {"hà", "hạ"}


# --- the vectorised build against a plain one-token-at-a-time reference ------------------------------

from collections import Counter  # noqa: E402
from itertools import pairwise  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import unionreader.search.index_batch as batch_module  # noqa: E402
from unionreader.articles import Article  # noqa: E402
from unionreader.search.aliases import term_aliases  # noqa: E402
from unionreader.text import TOKEN_RE, normalize_tones  # noqa: E402

TRICKY = [
    "Công đoàn cơ sở",
    "Đ/c Nguyễn Văn A, Covid-19; abc123 x2",  # chunks of several tokens
    "8.945 đoàn viên – 1,5% – 30/01/2024 – 09/NQ-CĐVC – 145/2020/NĐ-CP",
    "Liên-đoàn-lao-động-tỉnh-Thanh-Hóa-và-các-đơn-vị",  # a chunk far over 16 bytes
    "nghiệp nghiệm nghiêm trường trưởng",  # same first 8 bytes, different after
    "./. … “” «» — ‘quote’",  # chunks without a token
    "MTTQ LĐLĐ CĐCS mttq",
    "a\x00b nul\x00inside",
    "Ελληνικά кириллица 漢字 😀 e\u0301 Hoà Hòa",
    "",
]


def article(i: int, text: str, title: str = "") -> Analysis:
    body = f"{title}\n\n{text}" if title else text
    return Analysis(Article(f"id{i}", f"t{i}.txt", title, not title, body, (), None, body), (), (), None)


def reference(analyses: list[Analysis]):
    """Per folded term: {doc: count}; per adjacent pair: {doc: count}; per exact spelling: {docs}."""
    terms: dict[str, Counter] = {}
    pairs: dict[tuple[str, str], Counter] = {}
    exact: dict[str, set] = {}
    for doc, a in enumerate(analyses):
        words = TOKEN_RE.findall(a.article.text)
        folded = [fold(w) for w in words]
        for w, f in zip(words, folded, strict=True):
            terms.setdefault(f, Counter())[doc] += 1
            for alias in term_aliases(f):
                terms.setdefault(alias, Counter())[doc] += 1
            form = w.lower() if w.isascii() else normalize_tones(w).lower()
            exact.setdefault(form, set()).add(doc)
        for pair in pairwise(folded):
            pairs.setdefault(pair, Counter())[doc] += 1
    return terms, pairs, exact


def check_against_reference(ix: SearchIndex, analyses: list[Analysis]) -> None:
    terms, pairs, exact = reference(analyses)
    for word, counts in terms.items():
        docs, tf = ix.terms.get(ix.term_id(word))
        assert dict(zip(docs.tolist(), tf.tolist(), strict=True)) == dict(counts), word
        assert ix.df(ix.term_id(word)) == len(counts)
    for (a, b), counts in pairs.items():
        docs, tf = ix.pairs.get((ix.term_id(a) << 26) | ix.term_id(b))
        assert dict(zip(docs.tolist(), tf.tolist(), strict=True)) == dict(counts), (a, b)
    assert sum(s.size for s in ix.pairs.segments) == sum(len(c) for c in pairs.values())
    for form, docs in exact.items():
        assert set(ix.exact.get(ix.exact_id(form))[0].tolist()) == docs, form


def test_vectorised_tokens_match_the_token_regex(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 4)
    analyses = [article(i, " ".join(TRICKY[i % len(TRICKY) :] + TRICKY[: i % 3])) for i in range(23)]
    ix = build(*analyses)
    check_against_reference(ix, analyses)
    assert len(ix._long_chunks) > 0  # the long chunk went the dict way


def test_hash_collisions_fall_back_to_exact_chunks(monkeypatch):
    # Every chunk hashes alike: the stored first bytes tell them apart, the dict does the rest.
    monkeypatch.setattr(batch_module, "_MIX_LO", np.uint64(0))
    monkeypatch.setattr(batch_module, "_MIX_HI", np.uint64(0))
    analyses = [article(i, t) for i, t in enumerate(TRICKY * 2)]
    check_against_reference(build(*analyses), analyses)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậéèẻẽẹốồổỗộớờởỡợ .,-/0123456789ĐÂ\n", max_size=80), min_size=1, max_size=9))
def test_random_texts_match_the_reference(texts):
    analyses = [article(i, t) for i, t in enumerate(texts)]
    check_against_reference(build(*analyses), analyses)


def test_hash_table_grows_and_probes():
    table = batch_module.HashTable(bits=4)
    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(1, 2**63, 5000, dtype=np.uint64))
    crowded = keys.copy()
    crowded[:50] = (np.arange(1, 51, dtype=np.uint64) << np.uint64(20)) | np.uint64(1)  # same top bits: one slot
    crowded = np.unique(crowded)
    for part in np.array_split(np.arange(len(crowded)), 7):
        table.insert(crowded[part], part.astype(np.int32))
    assert (table.lookup(crowded) == np.arange(len(crowded))).all()
    assert (table.lookup(np.array([7, 2**62 + 5], dtype=np.uint64)) == -1).all()


def test_many_adds_compact_to_few_segments(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 2)
    docs = [make(f"Tin {i}", f"Công đoàn số {i} họp. " + FILLER, name=f"d{i}") for i in range(40)]
    growing = SearchIndex()
    for start in range(0, 40, 3):
        growing.add(docs[start : start + 3])
        assert len(growing.pairs.segments) <= 6
    whole = build(*docs)
    for query in ("cong doan ", "so 17 ", '"cong doan so"', "hop"):
        assert growing.search(query).docs == whole.search(query).docs


def test_a_limited_search_is_the_head_of_the_full_ranking():
    # Many equal scores (one frequent word): the shortcut to the first ``limit`` must keep the order.
    docs = [make(f"Tin {i}", ("Công nhân " * (1 + i % 3)) + FILLER, date=f"2024-01-{1 + i % 28:02d}", name=f"d{i}")
            for i in range(300)]
    ix = build(*docs)
    for query in ("cong ", "co", "cong nhan ", "dan chu ", "cong | hoi "):
        full = ix.search(query)
        for limit in (1, 7, 20):
            assert ix.search(query, limit=limit).docs == full.docs[:limit], (query, limit)


# --- lazily ranked results and the incrementally sorted vocabulary ---------------------------------

SYLLABLES = ["công", "đoàn", "hội", "nghị", "tổng", "kết", "lao", "động", "viên", "chức", "người", "cơ", "sở", "thoả", "ước", "tập", "thể", "khen", "thưởng"]


def varied(i: int) -> Analysis:
    """Deterministic articles with overlapping words, repeated scores and dates (ties to break)."""
    words = [SYLLABLES[(i * 7 + k * k) % len(SYLLABLES)] for k in range(3 + i % 9)]
    words.append(f"mã{i % 41}x")  # a vocabulary that keeps growing as batches arrive
    date = f"20{20 + i % 5}-0{1 + i % 9}-1{i % 10}" if i % 4 else None
    return make(" ".join(words[:3]).capitalize(), " ".join(words) + ". " + FILLER, date=date, name=f"v{i}")


@pytest.fixture(scope="module")
def varied_ix() -> SearchIndex:
    return build(*(varied(i) for i in range(300)))


@pytest.mark.parametrize("query", ["", "cong", "cong doan", "hoi ngh", "lao dng", "year:2022", "khen -tap", "ma1"])
def test_lazily_ranked_docs_are_the_full_ranking(varied_ix, query):
    full = varied_ix.search(query)
    for first in (1, 7, 50):
        lazy = varied_ix.search(query, rank_first=first)
        assert lazy.total == full.total and len(lazy.docs) == len(full.docs)
        assert lazy.docs[: min(first, len(full.docs))] == full.docs[:first]  # the head, before the rest is ranked
        assert list(lazy.docs) == list(full.docs)
        if full.docs:
            assert lazy.docs[-1] == full.docs[-1]
            last = full.docs[-1]
            assert last in lazy.docs and lazy.docs.index(last) == len(full.docs) - 1
            assert lazy.score_of(full.docs[0]) == full.scores[0]
    assert -1 not in varied_ix.search(query, rank_first=3).docs


def test_completions_do_not_depend_on_how_the_vocabulary_grew(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 16)
    analyses = [varied(i) for i in range(300)]
    growing = SearchIndex()
    for start in range(0, len(analyses), 10):
        growing.add(analyses[start : start + 10])
        growing.search("m")  # each search sorts the terms added since the last one
    assert len(growing._recent_ids) > 0  # the last batches' terms are still in the recent run
    whole = build(*analyses)
    whole.search("")
    for prefix in ["c", "co", "m", "ma", "ma1", "ma2", "t", "th", "n", "x"]:
        assert [growing.term(t) for t in growing.completions(prefix)] == [
            whole.term(t) for t in whole.completions(prefix)
        ], prefix
        assert [growing.term(t) for t in growing.completions(prefix, limit=500)] == sorted(
            (t for t in growing._terms if t.startswith(prefix) and t != prefix),
            key=lambda t: (-growing.df(growing.term_id(t)), t),
        )


def test_compaction_planned_apart_from_adding_gives_the_same_index(monkeypatch):
    """The app's loader adds without merging, works the merge out while searches go on, then swaps it in."""
    monkeypatch.setattr(index_module, "BATCH", 16)
    analyses = [varied(i) for i in range(200)]
    merged_at_once, merged_later = SearchIndex(), SearchIndex()
    queries = ["cong doan", "hoi ngh", "ma1", '"lao dong"', "khen -tap", "year:2023"]
    plans_seen = 0
    for start in range(0, len(analyses), 16):
        part = analyses[start : start + 16]
        merged_at_once.add(part)
        merged_later.add(part, compact=False)
        before = {q: list(merged_later.search(q).docs) for q in queries}
        plans = merged_later.plan_compaction()
        assert {q: list(merged_later.search(q).docs) for q in queries} == before  # planning changes nothing
        plans_seen += bool(plans)
        merged_later.apply_compaction(plans)
        for q in queries:
            assert list(merged_later.search(q).docs) == list(merged_at_once.search(q).docs), q
        assert [len(p.segments) for p in (merged_later.terms, merged_later.pairs)] == [
            len(p.segments) for p in (merged_at_once.terms, merged_at_once.pairs)
        ]
    assert plans_seen >= 3 and len(merged_later.terms.segments) <= 5
    check_against_reference(merged_later, analyses)


def test_full_merge_when_loading_ends_leaves_one_segment_per_kind_and_the_same_results(monkeypatch):
    """The app loads in slices, leaving several segments; when loading ends it merges them all,
    worked out while searches go on (planning changes nothing) and swapped in at once."""
    monkeypatch.setattr(index_module, "BATCH", 16)
    analyses = [varied(i) for i in range(200)]
    sliced = SearchIndex()
    for start in range(0, len(analyses), 16):
        sliced.add(analyses[start : start + 16], compact=False)
    assert min(sliced.segment_counts.values()) > 1
    queries = ["cong doan", "hoi ngh", "ma1", '"lao dong"', "khen -tap", "year:2023", "thoa uoc "]
    before = {q: list(sliced.search(q).docs) for q in queries}
    plans = sliced.plan_full_merge()
    assert {q: list(sliced.search(q).docs) for q in queries} == before
    sliced.add([varied(500)], compact=False)  # a slice indexed between planning and the swap stays
    sliced.apply_compaction(plans)
    assert set(sliced.segment_counts.values()) == {2}
    sliced.optimize()
    assert set(sliced.segment_counts.values()) == {1}
    assert sliced.optimize() is None and set(sliced.segment_counts.values()) == {1}
    whole = build(*analyses, varied(500))
    for q in queries:
        assert list(sliced.search(q).docs) == list(whole.search(q).docs), q
    check_against_reference(sliced, [*analyses, varied(500)])


def test_posting_weights_over_a_byte_come_back_whole_and_survive_merges():
    from unionreader.search.postings import Postings, PostingSet

    def segment(base, counts_by_key):
        rows = sorted((k, base + d, c) for k, docs in counts_by_key.items() for d, c in docs)
        keys, docs, counts = (np.array(col) for col in zip(*rows, strict=True))
        return Postings.from_sorted(keys.astype(np.uint64), docs.astype(np.uint32), counts)

    first = segment(0, {1: [(0, 1), (1, 300), (2, 7)], 2: [(1, 1)]})
    ones = segment(10, {1: [(0, 1)], 3: [(1, 1)]})  # all 1: no weights kept
    third = segment(20, {1: [(0, 70_000)], 2: [(3, 255), (4, 256)]})
    assert first.weights.dtype == np.uint8 and len(ones.weights) == 0
    assert first.get(1)[1].tolist() == [1, 300, 7] and first.get(2)[1].tolist() == [1]
    assert ones.get(3)[1].tolist() == [1]
    postings = PostingSet()
    for seg in (first, ones, third):
        postings.add(seg)
    unmerged = {k: [a.tolist() for a in postings.get(k)] for k in (1, 2, 3, 4)}
    assert unmerged[1] == [[0, 1, 2, 10, 20], [1, 300, 7, 1, 70_000]]
    assert unmerged[2] == [[1, 23, 24], [1, 255, 256]]
    merged = Postings.merge(postings.segments)
    assert {k: [a.tolist() for a in merged.get(k)] for k in (1, 2, 3, 4)} == unmerged
    assert merged.weights.dtype == np.uint8 and merged.large.tolist() == [300, 70_000, 256]
    assert Postings.merge([ones, segment(30, {3: [(0, 1)]})]).weights.size == 0


def test_doc_ids_are_kept_in_two_bytes_from_a_base_only_when_they_span_less_than_2_16():
    from unionreader.search.postings import Postings

    near = np.array([70_000, 70_001, 135_535], dtype=np.uint32)  # a span of 65,535: two bytes
    far = np.array([5, 70_000, 135_541], dtype=np.uint32)  # wider: four
    keys = np.array([1, 1, 2], dtype=np.uint64)
    narrow = Postings.from_sorted(keys, near, np.ones(3))
    wide = Postings.from_sorted(keys, far, np.ones(3))
    assert narrow.docs.dtype == np.uint16 and narrow.base == 70_000 and wide.docs.dtype == np.uint32
    assert narrow.get(1)[0].tolist() == [70_000, 70_001] and narrow.get(2)[0].tolist() == [135_535]
    assert wide.get(2)[0].tolist() == [135_541]
    merged = Postings.merge([Postings.from_sorted(keys[:2], near[:2], np.ones(2)),
                             Postings.from_sorted(keys[2:], np.array([200_000], np.uint32), np.ones(1))])
    assert merged.docs.dtype == np.uint32 and merged.get(1)[0].tolist() == [70_000, 70_001]
    assert merged.get(2)[0].tolist() == [200_000]


def test_block_chunks_belong_to_their_text_even_with_a_nul_inside_one():
    """``block_keys`` takes UTF-8 texts joined by NUL; a NUL inside a text must not shift the texts after it."""
    from unionreader.search.index_batch import block_keys

    texts = ["Công đoàn".encode(), "Hà\0Nội ơi".encode(), "Đà Nẵng".encode()]
    block = block_keys(texts)
    chunks = [block.buf[s : s + n].decode() for s, n in zip(block.starts.tolist(), block.lengths.tolist(), strict=True)]
    assert list(zip(chunks, block.chunk_text.tolist(), strict=True)) == [
        ("Công", 0), ("đoàn", 0), ("Hà", 1), ("Nội", 1), ("ơi", 1), ("Đà", 2), ("Nẵng", 2)]


def _alias_table_from_scratch(ix: SearchIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every term's aliases laid out afresh (how the table was made before it was extended)."""
    count = np.zeros(len(ix._terms), dtype=np.int64)
    tids = np.fromiter(ix._aliases, dtype=np.int64, count=len(ix._aliases))
    count[tids] = [len(a) for a in ix._aliases.values()]
    flat = np.fromiter((t for a in ix._aliases.values() for t in a), dtype=np.uint32)
    start = np.zeros(len(count), dtype=np.int64)
    start[tids] = np.cumsum(count[tids]) - count[tids]
    return start, count, flat


def test_the_alias_table_grows_with_the_vocabulary_as_if_made_afresh():
    # Abbreviations and grouped numbers (which have aliases) first met in later batches, among new words.
    aliased = ["LĐLĐ", "CĐCS", "UBND", "BHXH", "TP", "MTTQ", "8.945", "12.500", "1.234.567"]

    def article(i: int) -> Analysis:
        words = [SYLLABLES[(i * 5 + k) % len(SYLLABLES)] for k in range(4)]
        words += [aliased[i % len(aliased)] if i % 3 else f"từ{i}", f"mới{i}"]
        return make(f"Bài {i}", " ".join(words) + ". " + FILLER, name=f"a{i}")

    analyses = [article(i) for i in range(60)]
    ix = SearchIndex()
    for at in range(0, len(analyses), 5):
        ix.add(analyses[at : at + 5])
        extended = ix._alias_arrays()
        assert len(extended[0]) == len(ix._terms)
        for mine, afresh in zip(extended, _alias_table_from_scratch(ix), strict=True):
            assert mine.dtype == afresh.dtype and np.array_equal(mine, afresh)
    assert len(ix._aliases) >= 5
    whole = build(*analyses)
    for q in ["ldld", "lien doan lao dong", "8945", "uy ban nhan dan", "bao hiem", "thanh pho"]:
        assert list(ix.search(q).docs) == list(whole.search(q).docs), q
