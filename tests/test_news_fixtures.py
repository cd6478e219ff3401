"""Whole general-news articles written for these tests (tests/fixtures/news/): the rules of
tests/test_news_*.py working together on sport, technology and city news."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionreader.corpus import load_paths
from unionreader.extract import analyse

NEWS = Path(__file__).parent / "fixtures" / "news"


@pytest.fixture(scope="module")
def news():
    return {Path(a.source).stem: analyse(a) for a in load_paths([str(NEWS)]).articles}


def of_type(analysis, kind):
    return [e for e in analysis.entities if e.type == kind]


def test_no_year_from_a_hotline_or_a_target_so_the_match_is_undated(news):
    sport = news["sport_bong_da"]
    assert [e.value for e in of_type(sport, "date")] == ["--03-16"]
    assert sport.date is None
    assert "Lee Min-woo" in [e.text for e in of_type(sport, "person")]
    assert {e.text: e.value for e in of_type(sport, "abbreviation")}["HLV"] == "huấn luyện viên"


def test_resolutions_model_numbers_and_periods_are_not_counts_or_years(news):
    tech = news["tech_may_tinh_bang"]
    assert [e.value for e in of_type(tech, "date")] == ["--09-21", "--10-01"]
    counts = sorted(e.value["number"] for e in of_type(tech, "count"))
    assert 2560 not in counts and 1600 not in counts
    assert "Park Jung-ho" in [e.text for e in of_type(tech, "person")]
    assert {e.text: e.value for e in of_type(tech, "abbreviation")}["TP.HCM"] == "Thành phố Hồ Chí Minh"


def test_can_chi_islands_song_titles_and_free_stalls(news):
    tet = news["xa_hoi_tet"]
    assert [e.text for e in of_type(tet, "person")] == ["Đinh Văn Lực"]
    assert {"Hoàng Sa", "Trường Sa"} <= {e.text for e in of_type(tet, "location")}
    assert [e.value for e in of_type(tet, "date")] == ["2024-02-08"]
    assert tet.date == "2024-02-08"
    assert sorted(e.value for e in of_type(tet, "money")) == [1_000_000]


def test_no_source_fact_holds_a_path_on_this_machine(news):
    # ("Theo Reuters" closing a review article names its source: a source, but no path.)
    for analysis in news.values():
        assert not [f for f in analysis.facts if f.label == "Nguồn" and ("/" in str(f.value) or "fixtures" in str(f.value))]
    assert not [f for f in news["sport_bong_da"].facts if f.label == "Nguồn"]


def test_review_articles_take_no_year_from_the_past_and_no_dollars_as_dong(news):
    # General news written for a by-hand review (tests/fixtures/news/review/): the errors it found, whole.
    assert news["r02_tennis_quocte"].date is None  # "kể từ năm 2019" is no present year
    assert news["r15_batdongsan"].date == "2024-10-09"  # "cùng kỳ năm 2023"
    assert news["r20_quocte_my"].date == "2024-11-06"  # nearest to "ngày 20/1/2025"
    assert news["r23_lao_dong_xkld"].date is None  # "Năm 2025, Bộ đặt mục tiêu"
    for name in ("r10_ngoaigiao_thamvieng", "r16_nongnghiep_lua"):
        assert not [e for e in of_type(news[name], "money") if "đồng" not in e.text], name
    assert "Trần Phú" not in [e.text for e in of_type(news["r25_dulich_hoian"], "person")]
