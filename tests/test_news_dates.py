"""The year of a day-month date on real news: from the published date, else from a year the text gives
for the present, never from a target, a period, a measurement or a code; else no year at all."""

from __future__ import annotations

from unionreader.articles import parse_article
from unionreader.export import fact_display_value
from unionreader.extract import analyse
from unionreader.extract.figures import extract_figures


def dates(text: str, published: str | None = None) -> list[str]:
    return [e.value for e in extract_figures(text, published=published) if e.type == "date"]


def test_a_screen_resolution_hotline_or_model_number_gives_no_year():
    text = (
        "Chiều 6/2, hãng điện thoại giới thiệu mẫu máy mới có màn hình 1440 x 3120 điểm ảnh. "
        "Khách hàng gọi tổng đài 1800 2097 hoặc xem mã sản phẩm 2099 để được hỗ trợ."
    )
    found = [e for e in extract_figures(text) if e.type == "date"]
    assert [e.value for e in found] == ["--02-06"]
    assert found[0].meta == {"year_unknown": True}


def test_a_target_or_a_period_end_gives_no_year():
    text = (
        "Sáng 11/4, tỉnh công bố quy hoạch. Đến năm 2030, tầm nhìn 2050, tỉnh phấn đấu có 12 khu công nghiệp; "
        "trong giai đoạn 2021–2025 tăng trưởng 8% mỗi năm."
    )
    assert dates(text) == ["--04-11"]


def test_a_year_given_for_the_present_is_used_and_a_target_beside_it_is_not():
    text = (
        "Sáng 11/4, tỉnh tổng kết kết quả 6 tháng đầu năm 2018. "
        "Theo kế hoạch, đến năm 2030 tỉnh có 12 khu công nghiệp, tầm nhìn đến năm 2045."
    )
    assert dates(text) == ["2018-04-11"]


def test_a_full_date_elsewhere_gives_the_year():
    text = "Chiều 3/9, đội bóng trở về sau chuyến tập huấn.\n\nĐội đã lên đường từ ngày 20/8/2016 với 25 cầu thủ."
    assert dates(text) == ["2016-09-03", "2016-08-20"]


def test_the_published_date_wins_and_takes_the_nearest_year():
    text = "Tối 28/12, nhà hát tổ chức đêm nhạc cuối năm; năm 2019 nhà hát đã có 40 đêm diễn."
    assert dates(text, published="2021-01-04") == ["2020-12-28"]
    assert dates("Sáng 2/1, chợ hoa mở cửa.", published="2020-12-30") == ["2021-01-02"]


def test_an_anniversary_span_keeps_both_dates():
    text = "Kỷ niệm 90 năm Ngày thành lập Hội (15/10/1930 – 15/10/2020)."
    assert dates(text) == ["1930-10-15", "2020-10-15"]


def test_a_yearless_event_date_is_shown_as_written_and_the_article_is_undated():
    article = parse_article(
        "Giải chạy vì người nghèo\n\nSáng 9/3, Liên đoàn Điền kinh tỉnh tổ chức giải chạy cho 800 vận động viên. "
        "Đường chạy dài 2100 mét.\n",
        "run.txt",
    )
    analysis = analyse(article)
    assert analysis.date is None
    day = next(f for f in analysis.facts if f.kind == "event" and f.label == "Ngày")
    assert day.value["iso"] is None
    assert fact_display_value(day) == "Sáng 9/3"
