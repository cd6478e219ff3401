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


def test_a_year_in_the_past_gives_no_year():
    for text, day in (
        ("Chiều 5/10, võ sĩ lần đầu vào chung kết kể từ năm 2015.", "--10-05"),
        ("Ngày 2/12, tòa xét xử vụ án. Từ năm 2016 đến năm 2019, công ty nhận tiền của 80 khách hàng.", "--12-02"),
        ("Sáng 7/3, bị cáo Trần Văn Đông (sinh năm 1988) hầu tòa.", "--03-07"),
        ("Tối 14/6, ban nhạc thành lập năm 2008 biểu diễn tại Huế.", "--06-14"),
        ("Chiều 19/8, sản lượng điện tăng 6% so với năm 2021.", "--08-19"),
    ):
        assert dates(text) == [day], text
    # The present is still read from "từ đầu năm …".
    assert dates("Ngày 2/9, thành phố có 900 ca bệnh, tính từ đầu năm 2023 đến nay.") == ["2023-09-02"]


def test_the_same_period_of_a_year_puts_the_present_a_year_later():
    text = "Ngày 9/10, hiệp hội công bố báo cáo: giá căn hộ tăng 12% so với cùng kỳ năm 2022."
    assert dates(text) == ["2023-10-09"]


def test_a_year_that_a_plan_is_set_for_gives_no_year():
    text = "Ngày 30/11, ngành tổng kết việc đưa lao động ra nước ngoài. Năm 2026, ngành đặt mục tiêu đưa 90.000 người."
    assert dates(text) == ["--11-30"]


def test_a_later_full_date_gives_the_year_nearest_to_it():
    # The only full date is a day ahead: the election before it took place the year before.
    text = "Sáng 8/11, ứng viên đã giành chiến thắng.\n\nKết quả được công bố.\n\nÔng sẽ nhậm chức vào ngày 15/1/2026."
    assert dates(text) == ["2025-11-08", "2026-01-15"]


def test_below_the_lead_a_year_inside_a_sentence_gives_no_year():
    lead = "Xe điện mới ra mắt\n\nChiều 12/3, hãng ra mắt mẫu xe điện mới tại Hà Nội.\n\n"
    assert dates(lead + "Hãng cho biết năm 2021 đã xuất khẩu 40.000 xe; phim quảng cáo quay năm 2009.") == ["--03-12"]
    assert dates(lead + "Năm 2022, hãng mở thêm 8 đại lý.") == ["2022-03-12"]
    assert dates(lead + "Hãng dự kiến doanh số cả năm 2022 tăng 15%.") == ["2022-03-12"]
    assert dates(lead + "Trong năm 2022, hãng mở thêm 8 đại lý.") == ["2022-03-12"]
