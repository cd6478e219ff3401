"""Fact extraction: sentences, each kind of fact on a hand-annotated fixture, and the seeds vs gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval_facts import evaluate
from unionreader.articles import parse_article
from unionreader.corpus import default_corpus_dir, load_paths
from unionreader.extract import analyse
from unionreader.extract.entities import extract_entities
from unionreader.extract.facts import extract_facts
from unionreader.extract.facts_common import split_sentences
from unionreader.extract.models import FACT_KINDS, Entity

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "daihoi_synthetic.txt"


def _ent(text: str, type_: str, phrase: str, value=None, nth: int = 0, **meta) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Entity(type_, phrase, start, start + len(phrase), phrase if value is None else value, meta)


@pytest.fixture(scope="module")
def fixture_facts():
    """The synthetic congress report with entities annotated by hand (independent of the recogniser)."""
    article = parse_article(FIXTURE.read_text(encoding="utf-8"), "daihoi_synthetic.txt")
    t = article.text
    org_ldld_huyen = "Liên đoàn Lao động (LĐLĐ) huyện"
    entities = [
        _ent(t, "organization", "Công đoàn Công ty Cổ phần May Sông Xanh", nth=0),
        _ent(t, "date", "ngày 12/4/2023", "2023-04-12"),
        _ent(t, "organization", "Công đoàn Công ty Cổ phần May Sông Xanh", nth=1),
        _ent(t, "location", "phường Bình Minh"),
        _ent(t, "person", "Hoàng Văn Tám"),
        _ent(t, "role", "Phó Chủ tịch"),
        _ent(t, "organization", org_ldld_huyen),
        _ent(t, "abbreviation", "LĐLĐ", "Liên đoàn Lao động"),
        _ent(t, "count", "120 đại biểu", {"number": 120, "unit": "đại biểu", "approx": False}),
        _ent(t, "person", "Lâm Thị Ngọc"),
        _ent(t, "role", "Chủ tịch", nth=1),
        _ent(t, "organization", "Công đoàn Công ty", nth=2),
        _ent(t, "money", "45 triệu đồng", 45_000_000),
        _ent(t, "percent", "96,5%", 96.5),
        _ent(t, "ratio", "18/20", [18, 20], unit="tổ"),
        _ent(t, "document", "02-NQ/TW", kind="Nghị quyết"),
        _ent(t, "date", "ngày 12/6/2021", "2021-06-12"),
        _ent(t, "organization", "Bộ Chính trị"),
        _ent(t, "count", "9 đồng chí", {"number": 9, "unit": "đồng chí", "approx": False}),
        _ent(t, "person", "Ngọc", nth=1),
        _ent(t, "abbreviation", "LĐLĐ", None, nth=1),
        _ent(t, "organization", "LĐLĐ huyện", nth=0),
        _ent(t, "count", "3 tập thể", {"number": 3, "unit": "tập thể", "approx": False}),
        _ent(t, "count", "5 cá nhân", {"number": 5, "unit": "cá nhân", "approx": False}),
        _ent(t, "count", "2 tập thể", {"number": 2, "unit": "tập thể", "approx": False}),
    ]
    entities.sort(key=lambda e: e.start)
    for e in entities:
        assert t[e.start : e.end] == e.text
    return article, entities, extract_facts(article, entities)


def _of(facts, kind, label=None):
    return [f for f in facts if f.kind == kind and (label is None or f.label == label)]


def test_sentences_respect_numbers_abbreviations_and_end_marks():
    text = "Có 8.945 đoàn viên tại TP. Hồ Chí Minh. Đ/c Nguyễn Văn A phát biểu... Kết thúc “sáng tạo” ./.\n\nMới"
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "Có 8.945 đoàn viên tại TP. Hồ Chí Minh.",
        "Đ/c Nguyễn Văn A phát biểu...",
        "Kết thúc “sáng tạo” ./.",
        "Mới",
    ]


def test_every_fact_points_at_its_sentence(fixture_facts):
    article, _, facts = fixture_facts
    # The fixture names no reporter and no publication, so it has no byline fact (its path is none).
    assert {f.kind for f in facts} == set(FACT_KINDS) - {"byline"}
    for f in facts:
        if f.end > f.start:
            assert article.text[f.start : f.end] == f.text


def test_event_name_date_and_place(fixture_facts):
    _, _, facts = fixture_facts
    assert _of(facts, "event", "Sự kiện")[0].value == "Đại hội lần thứ V, nhiệm kỳ 2023-2028"
    date = _of(facts, "event", "Ngày")[0].value
    assert date == {"iso": "2023-04-12", "text": "Sáng ngày 12/4/2023"}
    assert _of(facts, "event", "Địa điểm")[0].value == "Hội trường Nhà văn hóa phường Bình Minh"


def test_organiser_is_the_subject_of_to_chuc(fixture_facts):
    _, _, facts = fixture_facts
    assert [f.value for f in _of(facts, "organiser")] == ["Công đoàn Công ty Cổ phần May Sông Xanh"]


def test_people_roles_with_their_body_actions_and_short_mentions(fixture_facts):
    _, _, facts = fixture_facts
    people = {f.label: f.value for f in _of(facts, "people")}
    assert list(people) == ["Hoàng Văn Tám", "Lâm Thị Ngọc"]  # "Ngọc" later is the same person
    assert people["Hoàng Văn Tám"]["roles"] == ["Phó Chủ tịch Liên đoàn Lao động huyện"]
    assert people["Hoàng Văn Tám"]["actions"] == ["tham dự"]
    assert people["Lâm Thị Ngọc"]["roles"] == ["Chủ tịch Công đoàn Công ty"]
    assert people["Lâm Thị Ngọc"]["actions"] == ["chủ trì", "trình bày báo cáo", "được bầu"]


def test_figures_have_labels_readable_without_the_article(fixture_facts):
    _, _, facts = fixture_facts
    figures = {f.label: f.value for f in _of(facts, "figures")}
    assert figures["Hỗ trợ Tết"] == {"display": "45 triệu đồng", "number": 45_000_000, "type": "money"}
    assert figures["Đại biểu"]["number"] == 120
    assert figures["Người lao động"]["display"] == "96,5%"
    assert figures["Tổ công đoàn đạt vững mạnh"]["number"] == [18, 20]
    assert figures["Tập thể nhận Giấy khen"]["number"] == 3
    assert figures["Cá nhân nhận Giấy khen"]["number"] == 5


def test_awards_giver_and_counts_including_an_elliptic_second_clause(fixture_facts):
    _, _, facts = fixture_facts
    awards = [f.value for f in _of(facts, "awards")]
    assert {"award": "Giấy khen", "type": "Giấy khen", "from": "LĐLĐ huyện", "collectives": 3, "individuals": 5} in awards
    assert {"award": "Bằng khen", "type": "Bằng khen", "from": "LĐLĐ huyện", "collectives": 2} in awards


def test_documents_with_date_and_issuer(fixture_facts):
    _, _, facts = fixture_facts
    [doc] = _of(facts, "documents")
    assert doc.label == "Nghị quyết"
    assert doc.value == {"kind": "Nghị quyết", "number": "02-NQ/TW", "date": "2021-06-12", "issuer": "Bộ Chính trị"}


def test_abbreviation_glossary_has_one_entry_per_abbreviation(fixture_facts):
    _, _, facts = fixture_facts
    assert [(f.label, f.value) for f in _of(facts, "abbreviations")] == [("LĐLĐ", "Liên đoàn Lao động")]


def test_the_file_path_is_no_source_fact(fixture_facts):
    _, _, facts = fixture_facts
    assert "Nguồn" not in [f.label for f in _of(facts, "byline")]


def test_the_source_is_the_publication_and_url_the_page_or_record_gives():
    page = "Giá xăng giảm nhẹ\n\nChiều 4/6, giá xăng giảm 300 đồng mỗi lít.\n\nNguồn: Báo Kinh tế Miền Trung\nhttps://example.vn/gia-xang-giam.html\n"
    article = parse_article(page, "/home/an/luu-tru/a.txt")
    sources = [f.value for f in extract_facts(article, extract_entities(article)) if f.label == "Nguồn"]
    assert sources == ["Báo Kinh tế Miền Trung · https://example.vn/gia-xang-giam.html"]
    record = parse_article("Tin ngắn\n\nSáng 2/3, chợ mở cửa.", "b.jsonl:3", {"source": "Thời báo X", "url": "https://x.vn/1"})
    sources = [f.value for f in extract_facts(record, extract_entities(record)) if f.label == "Nguồn"]
    assert sources == ["Thời báo X · https://x.vn/1"]


def test_document_date_is_not_the_event_date():
    text = "Hội nghị sơ kết Nghị quyết 09/NQ-CĐVC ngày 03/8/2017 được tổ chức sáng ngày 26/7/2022."
    article = parse_article(text, "x.txt")
    t = article.text
    entities = [
        _ent(t, "document", "09/NQ-CĐVC", kind="Nghị quyết"),
        _ent(t, "date", "ngày 03/8/2017", "2017-08-03"),
        _ent(t, "date", "ngày 26/7/2022", "2022-07-26"),
    ]
    facts = extract_facts(article, entities)
    assert _of(facts, "event", "Ngày")[0].value["iso"] == "2022-07-26"


# --- the seeds through the real pipeline, against gold written by reading them -----------------


@pytest.fixture(scope="module")
def seed_scores():
    articles = load_paths([default_corpus_dir()]).articles
    assert len(articles) == 5
    return evaluate([analyse(a) for a in articles])


def test_seed_event_dates_and_organisers_are_all_right(seed_scores):
    assert seed_scores["event date"].recall == 1.0, seed_scores["event date"].misses
    assert seed_scores["organiser"].recall == 1.0, seed_scores["organiser"].misses


def test_seed_people_and_their_roles(seed_scores):
    assert seed_scores["people"].recall == 1.0, seed_scores["people"].misses
    pairs = seed_scores["person-role"]
    assert pairs.recall == 1.0, pairs.misses
    assert pairs.precision >= 0.95, pairs.extras


def test_seed_figures_recall(seed_scores):
    assert seed_scores["figures"].recall >= 0.95, seed_scores["figures"].misses


def test_seed_documents_awards_and_abbreviations(seed_scores):
    assert seed_scores["documents"].f1 >= 0.9, seed_scores["documents"].misses
    assert seed_scores["awards"].recall >= 0.85, seed_scores["awards"].misses
    assert seed_scores["abbreviations"].recall >= 0.9, seed_scores["abbreviations"].misses


def test_the_word_pre_checks_never_skip_a_sentence_the_patterns_match():
    from unionreader.extract import facts_event as facts_module
    from unionreader.extract.facts_common import SentenceIndex

    lines = [
        "Sáng nay, Công đoàn ngành Y tế đã tổ chức Hội nghị tổng kết.",
        "CÔNG ĐOÀN NGÀNH Y TẾ LONG TRỌNG TỔ CHỨC HỘI NGHỊ.",
        "Liên đoàn Lao động Tổ Chức: Lễ ra quân.",
        "Hai bên KÝ kết thỏa ước giữa Công ty A và Công đoàn B.",
        "Hai bên kí thỏa thuận; không có gì tổ-chức ở đây.",
        "Một câu không có từ nào như thế.",
    ]
    for line in lines:
        index = SentenceIndex(line)
        if facts_module._HOLD_RE.search(line):
            assert index.holds(facts_module._HOLD_WORD, 0, len(line))
        if facts_module._SIGNING_RE.search(line):
            assert any(index.holds(w, 0, len(line)) for w in facts_module._SIGNING_WORDS)
    assert not SentenceIndex(lines[-1]).holds(facts_module._HOLD_WORD, 0, len(lines[-1]))


def test_the_event_search_finds_what_the_pattern_with_its_look_behind_finds():
    import random

    from unionreader.extract import facts_event as facts_module

    pieces = ["Hội nghị", "Lễ", "Tuần lễ", "Giải", "Hội", " ", "(", "“", '"', "x", "Đại hội", "Toạ đàm",
              "Buổi gặp mặt", "Gặp mặt", "\n", ",", "Lễa", "1", "\u00a0"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = facts_module._EVENT_RE.search(text, start, end)
        found = facts_module._search_event(text, start, end)
        assert (found and found.span()) == (expected and expected.span()), (text, start, end)
