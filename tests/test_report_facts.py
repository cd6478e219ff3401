"""Facts of union reports as officers copy them: changes against a past figure, awards given by a body's
head, two reporters in a byline (fixture sentences written for these tests)."""

from __future__ import annotations

from unionreader.articles import parse_article
from unionreader.extract import analyse

LEAD = "Hội nghị tổng kết\n\nSáng 12/1/2026, Liên đoàn Lao động tỉnh Sơn La tổ chức hội nghị tổng kết.\n\n"


def facts(body: str):
    return analyse(parse_article(LEAD + body, "f.txt"))


def figure_labels(body: str) -> list[tuple[str, str]]:
    return [(f.label, f.value["display"]) for f in facts(body).facts if f.kind == "figures"]


def test_a_count_that_is_a_change_says_against_what():
    got = figure_labels("Năm qua xảy ra 9 vụ tai nạn lao động, giảm 2 vụ so với năm 2024.")
    assert got == [("Vụ tai nạn lao động", "9"), ("Vụ giảm so với năm 2024", "2")]
    # "so với" never stays in a label as a stray "so".
    assert figure_labels("Tỉnh có 40 doanh nghiệp so với 35 năm trước.")[0] == ("Doanh nghiệp", "40")


def test_an_award_given_by_a_bodys_head_names_both():
    a = facts("Ông Lò Văn Páo trao Bằng khen của Chủ tịch UBND tỉnh cho 6 tập thể và 8 cá nhân.")
    assert [f.value.get("from") for f in a.facts if f.kind == "awards"] == ["Chủ tịch UBND tỉnh"]
    labels = [f.label for f in a.facts if f.kind == "figures"]
    assert labels == ["Tập thể nhận Bằng khen của Chủ tịch UBND tỉnh", "Cá nhân nhận Bằng khen của Chủ tịch UBND tỉnh"]


def test_a_byline_of_two_reporters():
    page = parse_article(LEAD + "Hội nghị đã biểu dương 20 tập thể.\n\nThanh Bình - Ngọc Hà", "f.txt")
    assert page.byline == "Thanh Bình - Ngọc Hà"
    assert "Thanh Bình" not in page.text
    assert [f.value for f in analyse(page).facts if f.kind == "byline"] == ["Thanh Bình - Ngọc Hà"]


def test_a_money_word_keeps_what_it_names_before_the_amount():
    assert figure_labels("Thỏa ước quy định tiền ăn giữa ca tối thiểu 28.000 đồng/bữa.") == [
        ("Tiền ăn giữa ca tối thiểu", "28.000 đồng/bữa")]
    assert figure_labels("Công ty hỗ trợ tiền nhà trọ 400.000 đồng/người/tháng.") == [
        ("Hỗ trợ tiền nhà trọ", "400.000 đồng/người/tháng")]
    # A linking word or an estimate ends it: the label stays the money word.
    assert figure_labels("Tổng kinh phí là 80 triệu đồng.") == [("Tổng kinh phí", "80 triệu đồng")]
    assert figure_labels("Công đoàn hỗ trợ khoảng 20 triệu đồng.") == [("Hỗ trợ", "khoảng 20 triệu đồng")]


def event_names(analysis) -> list[str]:
    return [f.value for f in analysis.facts if f.kind == "event" and f.label == "Sự kiện"]


def test_a_signing_reported_without_an_event_word_is_the_event():
    a = analyse(parse_article(
        "Ký kết thỏa ước tại khu công nghiệp\n\nChiều 15/7/2025, Công đoàn Khu công nghiệp Tây Bắc và đại diện 6 "
        "doanh nghiệp đã ký kết Thỏa ước lao động tập thể nhóm doanh nghiệp với 28 điều khoản.", "f.txt"))
    assert event_names(a) == ["Lễ ký kết Thỏa ước lao động tập thể nhóm doanh nghiệp"]
    # Mentioned further down a piece about something else, a signing is not the event.
    b = analyse(parse_article(
        "Giá thép tăng nhẹ\n\nGiá thép trong nước tăng 2% trong tháng qua. Nhiều doanh nghiệp điều chỉnh kế hoạch. "
        "Hai bên đã ký kết thỏa ước lao động tập thể với nhiều điều khoản.", "f.txt"))
    assert event_names(b) == []


def test_a_byline_with_its_agency_and_a_source_line():
    page = parse_article(LEAD + "Hội nghị đã biểu dương 20 tập thể.\n\nQuang Minh (TTXVN)", "f.txt")
    assert page.byline == "Quang Minh (TTXVN)"
    credited = parse_article(LEAD + "Hội nghị đã biểu dương 20 tập thể.\n\nTheo Báo Người Lao Động", "f.txt")
    assert credited.byline is None
    assert [(f.label, f.value) for f in analyse(credited).facts if f.kind == "byline"] == [
        ("Nguồn", "Báo Người Lao Động")]


def test_national_leaders_keep_their_party_roles_and_the_next_one():
    a = facts("Đồng chí Lê Minh Hưng, Ủy viên Trung ương Đảng, Chủ tịch Tổng LĐLĐ Việt Nam dự hội nghị. "
              "Ông Phạm Gia Túc, Ủy viên Bộ Chính trị, phát biểu.")
    people = {f.label: f.value["roles"] for f in a.facts if f.kind == "people"}
    assert people["Lê Minh Hưng"] == ["Ủy viên Trung ương Đảng", "Chủ tịch Tổng LĐLĐ Việt Nam"]
    assert people["Phạm Gia Túc"] == ["Ủy viên Bộ Chính trị"]


def test_labels_of_a_labour_dispute_report():
    got = dict(figure_labels(
        "Hơn 800 công nhân Công ty TNHH Dệt kim Phú Thành Đạt ngừng việc. Công ty chưa tăng lương dù mức lương "
        "tối thiểu vùng đã tăng 6% từ ngày 1/7/2024. Công ty cam kết tăng lương thêm 350.000 đồng/người/tháng từ "
        "tháng 4 và trả đủ thưởng Tết trước ngày 15/3."))
    # A name the label would cut is taken whole.
    assert got["Công nhân Công ty TNHH Dệt kim Phú Thành Đạt"] == "hơn 800"
    # The subject of the rise is after "dù", without "đã".
    assert got["Mức lương tối thiểu vùng tăng"] == "6%"
    # "tăng lương" is one money word, and the "Tết" of the next phrase is not this amount's occasion.
    assert got["Tăng lương"] == "350.000 đồng/người/tháng"


def test_a_value_is_a_money_word():
    assert figure_labels("Giá trị sản xuất công nghiệp 450 tỷ đồng.") == [("Giá trị sản xuất công nghiệp", "450 tỷ đồng")]


def test_each_one_as_written_and_only_one_unit_long():
    assert figure_labels("Với giá hiện nay, mỗi ha anh lãi khoảng 25 triệu đồng.") == [
        ("Số tiền mỗi ha", "khoảng 25 triệu đồng")]
    assert figure_labels("Mỗi HCV được thưởng 50 triệu đồng.") == [("Thưởng mỗi HCV", "50 triệu đồng")]
    # A money word is no part of the label's "mỗi …", and a word that values the amount ends its label.
    assert figure_labels("Mỗi suất quà trị giá 500.000 đồng.") == [("Quà mỗi suất", "500.000 đồng")]


def test_a_person_right_after_an_unnamed_province_or_district_is_a_person():
    from unionreader.extract.names import extract_names

    def of(text, kind):
        return [e.text for e in extract_names(text) if e.type == kind]

    assert of("Chủ tịch LĐLĐ tỉnh Hoàng Thị Mai trao quà.", "person") == ["Hoàng Thị Mai"]
    assert of("Phó Chủ tịch UBND huyện Đặng Văn Tài phát biểu.", "organization") == ["UBND huyện"]
    people = {f.label: f.value["roles"] for f in facts("Chủ tịch LĐLĐ tỉnh Hoàng Thị Mai trao 200 suất quà.").facts
              if f.kind == "people"}
    assert people == {"Hoàng Thị Mai": ["Chủ tịch LĐLĐ tỉnh"]}
    # A place named after a person stays a place.
    assert of("Người dân huyện Trần Văn Thời đón Tết.", "location") == ["huyện Trần Văn Thời"]


def test_a_minister_named_by_the_ministrys_sector():
    people = {f.label: f.value["roles"] for f in facts(
        "Bộ trưởng Ngoại giao Đỗ Quang Vinh tiếp đoàn. Ông Kha Văn Lợi, Thứ trưởng Y tế, phát biểu.").facts
        if f.kind == "people"}
    assert people == {"Đỗ Quang Vinh": ["Bộ trưởng Ngoại giao"], "Kha Văn Lợi": ["Thứ trưởng Y tế"]}


def test_a_figure_of_the_title_that_the_body_states_again_is_given_once():
    a = analyse(parse_article(
        "Hơn 900 công nhân được nhận quà Tết\n\nSáng 20/1/2026, Công đoàn KCN Tân Lập trao quà Tết cho hơn 900 "
        "công nhân Công ty TNHH Dệt Hòa Lợi. Mỗi suất quà trị giá 600.000 đồng.", "f.txt"))
    figures = [(f.label, f.value["display"]) for f in a.facts if f.kind == "figures"]
    assert figures == [("Công nhân Công ty TNHH Dệt Hòa Lợi được trao quà Tết", "hơn 900"),
                       ("Quà mỗi suất", "600.000 đồng")]
    # A figure only the title gives stays.
    b = analyse(parse_article("Hơn 900 công nhân được nhận quà Tết\n\nSáng 20/1/2026, Công đoàn KCN Tân Lập trao "
                              "quà Tết cho công nhân.", "f.txt"))
    assert [f.value["display"] for f in b.facts if f.kind == "figures"] == ["hơn 900"]


def test_places_listed_after_a_plural_level_are_places():
    from unionreader.extract.names import extract_names

    got = [(e.type, e.text) for e in extract_names("Các phường Lê Lợi, Trần Phú và Quang Trung bị mất điện.")
           if e.type in ("person", "location")]
    assert got == [("location", "phường Lê Lợi"), ("location", "Trần Phú"), ("location", "Quang Trung")]
    # After the list, a cued name is a person again.
    got = [(e.type, e.text) for e in extract_names("Đại diện các xã Tân Phú, ông Lê Văn Hòa cho biết.")
           if e.type in ("person", "location")]
    assert got == [("location", "xã Tân Phú"), ("person", "Lê Văn Hòa")]
