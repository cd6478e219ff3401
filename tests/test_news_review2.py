"""General news of a second by-hand review (tests/fixtures/news/review2/: courts, health, disasters,
exams, festivals, councils, accidents, union congresses): the rules its errors asked for, on sentences
written for these tests."""

from __future__ import annotations

import pytest

from unionreader.articles import parse_article
from unionreader.extract import analyse
from unionreader.extract.names import extract_names


def names(text: str, kind: str) -> list[str]:
    return [e.text for e in extract_names(text) if e.type == kind]


def facts(page: str):
    return analyse(parse_article(page, "f.txt"))


LEAD = "Tin địa phương\n\nSáng 12/3/2025, hội nghị diễn ra tại trụ sở.\n\n"


# --- places listed bare after "ở", "tại", "qua" -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Triều cường gây ngập ở Lê Chân, Ngô Quyền và Hồng Bàng suốt hai ngày.", ["Lê Chân", "Ngô Quyền", "Hồng Bàng"]),
        ("Tuyến buýt mới chạy qua Đông Sơn, Hoằng Hóa và Sầm Sơn.", ["Đông Sơn", "Hoằng Hóa", "Sầm Sơn"]),
        ("Nắng nóng gay gắt nhất tại Bình Lục và Lý Nhân.", ["Bình Lục", "Lý Nhân"]),
        ("Dịch sởi bùng phát ở Hải An, Kiến An và Dương Kinh.", ["Hải An", "Kiến An", "Dương Kinh"]),
    ],
)
def test_names_listed_after_a_where_word_are_places_not_people(text, places):
    assert names(text, "person") == []
    assert names(text, "location") == places


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a capitalised "Tại Hà Nội," opens the sentence: its comma ends the place
        ("Tại Hà Nội, Lê Minh Khoa và Trần Quốc Bảo đã nhận giải.", ["Lê Minh Khoa", "Trần Quốc Bảo"]),
        # a surname with "Văn" or "Thị" is a person whatever precedes
        ("Giải thưởng được trao tại Nguyễn Văn Tâm và Lê Thị Hồng.", ["Nguyễn Văn Tâm", "Lê Thị Hồng"]),
        # one name alone is no list
        ("Buổi gặp mặt ở Đào Duy Khánh diễn ra sau đó.", ["Đào Duy Khánh"]),
    ],
)
def test_people_stay_people_next_to_a_where_word(text, people):
    assert names(text, "person") == people


# --- roles given by the election ---------------------------------------------------------------------


def roles(page: str) -> dict[str, list[str]]:
    return {f.label: f.value["roles"] for f in facts(page).facts if f.kind == "people"}


def test_tai_dac_cu_gives_the_role_that_follows():
    got = roles(LEAD + "Đại hội đã bầu Ban Chấp hành mới. Bà Đinh Thị Lan tái đắc cử Chủ tịch Công đoàn Viên chức "
                "tỉnh Lạng Sơn; ông Tạ Quang Huy trúng cử Ủy viên Ban Thường vụ.")
    assert got["Đinh Thị Lan"] == ["Chủ tịch Công đoàn Viên chức tỉnh Lạng Sơn"]
    assert got["Tạ Quang Huy"] == ["Ủy viên Ban Thường vụ"]


def test_two_people_elected_together_share_the_role():
    got = roles(LEAD + "Các đồng chí Mạc Văn Toàn và Lã Thị Quyên được bầu làm Phó Chủ tịch.")
    assert got["Mạc Văn Toàn"] == ["Phó Chủ tịch"]
    assert got["Lã Thị Quyên"] == ["Phó Chủ tịch"]
    # A comma-separated role of one's own is not shared.
    got = roles(LEAD + "Ông Mạc Văn Toàn, Chủ tịch Công đoàn ngành, và bà Lã Thị Quyên được bầu làm Phó Chủ tịch.")
    assert got["Mạc Văn Toàn"] == ["Chủ tịch Công đoàn ngành"]


def test_a_qualifier_closing_a_role_stays_with_it():
    got = roles(LEAD + "Ban Chấp hành bầu các chức danh gồm các đồng chí: Lò Văn Pha, Phó Chủ tịch thường trực; "
                "Vi Thị Nhàn, Phó Chủ tịch chuyên trách.")
    assert got["Lò Văn Pha"] == ["Phó Chủ tịch thường trực"]
    assert got["Vi Thị Nhàn"] == ["Phó Chủ tịch chuyên trách"]


# --- what a count of members counts ----------------------------------------------------------------


def figure_labels(body: str) -> dict[str, str]:
    return {f.label: f.value["display"] for f in facts(LEAD + body).facts if f.kind == "figures"}


def test_a_body_of_the_people_counted_labels_the_count():
    got = figure_labels("Hội nghị bầu Ban Thường vụ khóa mới gồm 11 đồng chí, Ủy ban Kiểm tra gồm 5 đồng chí "
                        "và đoàn đại biểu gồm 9 đồng chí.")
    assert got == {"Ban Thường vụ khóa mới": "11", "Ủy ban Kiểm tra": "5", "Đoàn đại biểu": "9"}


def test_a_count_label_cut_inside_a_name_is_taken_whole():
    got = figure_labels("Có 12 vận động viên dự hội thao Công đoàn thành phố Cần Thơ.")
    assert got == {"Vận động viên dự hội thao Công đoàn thành phố Cần Thơ": "12"}


# --- events and abbreviations ------------------------------------------------------------------------


def test_a_capitalised_ky_ket_opening_the_title_is_the_signing():
    a = facts("Ký kết quy chế phối hợp giữa Công đoàn ngành Y tế và Sở Y tế\n\nChiều 3/4/2025, hai bên "
              "đã trao đổi về chăm lo cho nhân viên y tế.")
    event = [f.value for f in a.facts if f.kind == "event" and f.label == "Sự kiện"]
    assert event == ["Lễ ký kết quy chế phối hợp"]


def test_court_health_and_economy_abbreviations_are_explained():
    text = ("HĐXX tuyên phạt bị cáo Vũ Hải (SN 1990) 3 năm tù. BS Hà Lâm và TS.BS Kiều Nga khám cho "
            "bệnh nhân. GRDP tăng 6%, xuất khẩu đạt 2 tỷ USD.")
    got = {e.text: e.value for e in extract_names(text) if e.type == "abbreviation"}
    assert got == {"HĐXX": "Hội đồng xét xử", "SN": "sinh năm", "BS": "bác sĩ", "TS.BS": "tiến sĩ, bác sĩ",
                   "GRDP": "tổng sản phẩm trên địa bàn", "USD": "đô la Mỹ"}


@pytest.mark.parametrize(
    ("sentence", "text", "iso"),
    [
        ("Trong hai ngày 3 và 4/10/2025, Công đoàn Đường sắt tổ chức hội thao.", "ngày 3 và 4/10/2025", "2025-10-03"),
        ("Từ ngày 12 đến 15/8/2025, đoàn công tác làm việc tại Cà Mau.", "ngày 12 đến 15/8/2025", "2025-08-12"),
        ("Hội chợ diễn ra trong các ngày 21-23/11/2025 tại Nhà văn hóa lao động.", "ngày 21-23/11/2025", "2025-11-21"),
    ],
)
def test_two_days_sharing_a_month_are_one_date_from_the_first(sentence, text, iso):
    a = facts("Tin hoạt động\n\n" + sentence)
    assert [(e.text, e.value) for e in a.entities if e.type == "date"] == [(text, iso)]
    assert a.date == iso


def test_the_fuller_signing_of_the_title_and_the_lead_is_the_event():
    a = facts("Ký kết thỏa ước tại Đà Nẵng\n\nSáng 9/9/2025, Công đoàn ngành Du lịch và 8 khách sạn đã ký kết "
              "thỏa ước lao động tập thể nhóm khách sạn ven biển với nhiều điều khoản có lợi.")
    assert [f.value for f in a.facts if f.kind == "event" and f.label == "Sự kiện"] == [
        "Lễ ký kết thỏa ước lao động tập thể nhóm khách sạn ven biển"]


def test_figure_labels_keep_compounds_and_stop_before_another_figure():
    got = figure_labels("Năm nay có 3.200 lao động tự do tham gia bảo hiểm; thành phố đã giải phóng 85% mặt bằng, "
                        "di dời 1.300 hộ dân. Toàn bộ chi phí khoảng 250 triệu đồng do nhà hảo tâm tài trợ.")
    assert got["Lao động tự do"] == "3.200"
    assert got["Mặt bằng"] == "85%"
    assert got["Chi phí"] == "khoảng 250 triệu đồng"
    # "thuộc" ends a label ("… thuộc Công ty X"), but not as the end of "trực thuộc" (directly under).
    assert figure_labels("Công đoàn ngành có 28 công đoàn cơ sở trực thuộc.") == {"Công đoàn cơ sở trực thuộc": "28"}


def test_a_count_range_shows_its_bottom_too():
    assert figure_labels("Mỗi ngày có từ 30 đến 45 bệnh nhân đến khám.") == {"Bệnh nhân": "từ 30 đến 45"}


def test_a_ring_road_is_a_street_and_its_number_counts_nothing():
    text = "Tiến độ đường Vành đai 2 TP.HCM đạt 60%, thêm 3 gói thầu khởi công."
    assert "đường Vành đai 2" in names(text, "location")
    got = figure_labels(text)
    assert got["Gói thầu khởi công"] == "3" and "2" not in got.values()


def test_a_list_of_places_after_tai_is_no_venue():
    a = facts("Tin hoạt động\n\nSáng 5/5/2025, Công đoàn tổ chức hội nghị với 300 đoàn viên ở các công đoàn "
              "cơ sở tại Bình Lục và Lý Nhân.")
    assert [f.value for f in a.facts if f.label == "Địa điểm"] == []
    a = facts("Tin hoạt động\n\nSáng 5/5/2025, hội nghị được tổ chức tại Đà Nẵng, Việt Nam.")
    assert [f.value for f in a.facts if f.label == "Địa điểm"] == ["Đà Nẵng, Việt Nam"]


def test_a_toll_counted_after_its_verb_says_what_befell_them():
    got = figure_labels("Năm 2024, tai nạn lao động làm chết 52 người, bị thương nặng 140 người.")
    assert got == {"Người chết": "52", "Người bị thương nặng": "140"}


def test_a_lower_case_gathering_after_to_chuc_is_the_event():
    a = facts("Khởi công nhà văn hóa công nhân\n\nSáng 2/9/2025, UBND huyện Lạc Sơn tổ chức lễ khởi công Nhà văn "
              "hóa công nhân xã Vũ Bình.")
    assert [f.value for f in a.facts if f.kind == "event" and f.label == "Sự kiện"] == [
        "Lễ khởi công Nhà văn hóa công nhân xã Vũ Bình"]


def test_the_review_articles_whole():
    from pathlib import Path

    from unionreader.corpus import load_paths

    folder = Path(__file__).parent / "fixtures" / "news" / "review2"
    news = {Path(a.source).stem: analyse(a) for a in load_paths([str(folder)]).articles}
    people = {name: [e.text for e in a.entities if e.type == "person"] for name, a in news.items()}
    for name, place in (("a04_yte_tay_chan_mieng", "Hoàng Mai"), ("a04_yte_tay_chan_mieng", "Thạch Thất"),
                        ("a06_thientai_satlo", "Hoàng Su Phì"), ("a13_congdoan_kcn", "Từ Sơn"),
                        ("a15_hanoi_duongvanhdai", "Thạch Thất")):
        assert place not in people[name], name
    assert news["a12_congdoan_giaoduc"].date == "2023-06-08"
    elected = {f.label: f.value["roles"] for f in news["a11_congdoan_daihoi_quan"].facts if f.kind == "people"}
    assert elected["Lê Thị Thu Hằng"] == ["Chủ tịch LĐLĐ quận Cầu Giấy"]
    assert elected["Phạm Văn Quý"] == elected["Ngô Thanh Bình"] == ["Phó Chủ tịch"]
    events = {name: [f.value for f in a.facts if f.kind == "event" and f.label == "Sự kiện"] for name, a in news.items()}
    assert events["a14_congdoan_kyket"] == ["Lễ ký kết thỏa ước lao động tập thể ngành dệt may lần thứ ba"]
    assert events["a15_hanoi_duongvanhdai"] == ["Lễ khởi công Dự án đường Vành đai 4"]


def test_a_role_after_the_birth_year_or_age_in_brackets_is_kept():
    got = roles(LEAD + "Bị cáo Tô Minh Đạt (SN 1975, Giám đốc Công ty TNHH Thép Đạt Thành) và Lưu Văn Quế (52 tuổi, "
                "Kế toán trưởng) bị tuyên phạt. Tài xế Hứa Văn Cường (SN 1990, trú tại Lạng Sơn) bị thương.")
    assert got["Tô Minh Đạt"] == ["Giám đốc Công ty TNHH Thép Đạt Thành"]
    assert got["Lưu Văn Quế"] == ["Kế toán trưởng"]
    assert got["Hứa Văn Cường"] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [("Lượng mưa đo tại trạm Nam Đông vượt 500 mm.", "trạm Nam Đông"),
     ("Xe tải lật trên đèo Lò Xo sáng qua.", "đèo Lò Xo"),
     ("Nước sông Hoàng Long dâng cao.", "sông Hoàng Long")],
)
def test_stations_passes_and_rivers_are_places_not_people(text, place):
    assert names(text, "person") == []
    assert names(text, "location") == [place]


def test_everyone_of_a_comma_list_elected_together_shares_the_role_and_the_election():
    a = facts(LEAD + "Các đồng chí Thân Thị Hoa, Ninh Văn Bảo và Giáp Minh Tú được bầu làm Phó Chủ tịch.")
    got = {f.label: (f.value["roles"], f.value["actions"]) for f in a.facts if f.kind == "people"}
    assert got == {name: (["Phó Chủ tịch"], ["được bầu"]) for name in ("Thân Thị Hoa", "Ninh Văn Bảo", "Giáp Minh Tú")}


def test_a_meeting_opened_in_lower_case_is_the_event_and_its_name_ends_before_a_time():
    def event(body: str) -> list[str]:
        return [f.value for f in facts("Tin thời sự\n\n" + body).facts if f.kind == "event" and f.label == "Sự kiện"]

    assert event("Sáng 5/12/2024, HĐND tỉnh Quảng Nam khóa X khai mạc kỳ họp thứ 25 để xem xét các báo cáo.") == [
        "Kỳ họp thứ 25"]
    assert event("Khai mạc hội thi tay nghề, sáng 5/12/2024 có 120 công nhân dự thi.") == ["Hội thi tay nghề"]
    # A named meeting opened keeps its qualifiers after the comma, as before.
    assert event("Sáng 5/12/2024, Quốc hội khai mạc Kỳ họp thứ 8, Quốc hội khóa XV tại Hà Nội.") == [
        "Kỳ họp thứ 8, Quốc hội khóa XV"]
