"""Facts of real reports: who held the event, roles merged across abbreviations, event names that end at
their phrase, figure labels that name what is counted (fixture sentences written for these tests)."""

from __future__ import annotations

from unionreader.articles import parse_article
from unionreader.export import fact_display_value
from unionreader.extract import analyse


def facts(page: str):
    return analyse(parse_article(page, "f.txt"))


def test_the_organiser_is_who_the_text_says_held_it():
    a = facts(
        "Hội thi tay nghề thợ hàn\n\nSáng 8/6/2024, hội thi tay nghề dành cho công nhân Công đoàn Công ty Thép Việt "
        "đã diễn ra. Hội thi do Công đoàn Khu công nghiệp Tân Phú tổ chức. Công đoàn Công ty Thép Việt có 60 thí sinh."
    )
    assert a.organiser == "Công đoàn Khu công nghiệp Tân Phú"


def test_a_signing_is_held_by_the_two_parties():
    a = facts(
        "Ký kết thỏa ước lao động tập thể\n\nChiều 2/7/2024, lễ ký kết thỏa ước lao động tập thể giữa "
        "Công đoàn Công ty TNHH Dệt Hòa Lợi và Công ty TNHH Dệt Hòa Lợi đã diễn ra."
    )
    assert a.organiser == "Công đoàn Công ty TNHH Dệt Hòa Lợi và Công ty TNHH Dệt Hòa Lợi"


def test_a_unions_congress_is_held_by_that_union():
    a = facts(
        "Tin hoạt động\n\nNgày 14/3/2024, Đại hội Công đoàn Trường Tiểu học Bình An lần thứ III, nhiệm kỳ "
        "2024 – 2029 đã thành công tốt đẹp. Dự có đại diện Công đoàn Giáo dục huyện Mỹ Hòa; bà Lê Thị Thu, "
        "Chủ tịch Công đoàn Giáo dục huyện Mỹ Hòa, phát biểu."
    )
    assert a.organiser == "Công đoàn Trường Tiểu học Bình An"


def test_a_role_and_its_abbreviated_form_are_one_role():
    a = facts(
        "Gặp mặt công nhân\n\nSáng 9/1/2024, ông Lê Quang Vĩnh, Phó Chủ tịch LĐLĐ tỉnh Hòa Bình dự buổi gặp mặt. "
        "Phát biểu tại buổi gặp, ông Lê Quang Vĩnh, Phó Chủ tịch Liên đoàn Lao động tỉnh Hòa Bình cảm ơn công nhân."
    )
    person = next(f for f in a.facts if f.kind == "people" and f.label == "Lê Quang Vĩnh")
    assert person.value["roles"] == ["Phó Chủ tịch Liên đoàn Lao động tỉnh Hòa Bình"]


def test_an_event_name_ends_at_its_phrase():
    a = facts(
        "Triển lãm ô tô quốc tế 2019 khai mạc\n\nNgày 23/10/2019, Triển lãm ô tô quốc tế 2019, nơi 40 hãng "
        "giới thiệu mẫu xe mới, đã mở cửa."
    )
    event = next(f for f in a.facts if f.kind == "event" and f.label == "Sự kiện")
    assert event.value == "Triển lãm ô tô quốc tế 2019"


def test_a_figure_label_names_what_is_counted_before_the_colon():
    a = facts(
        "Ra mắt công đoàn mới\n\nSáng 4/4/2024, Công đoàn công ty ra mắt. Ủy viên Ban Chấp hành lâm thời: 7 đồng chí. "
        "Đoàn viên kết nạp đợt đầu: 210 người."
    )
    labels = {f.label: fact_display_value(f) for f in a.facts if f.kind == "figures"}
    assert labels == {"Ủy viên Ban Chấp hành lâm thời": "7", "Đoàn viên kết nạp đợt đầu": "210"}


def test_amounts_in_another_currency_or_a_measure_are_not_dong():
    a = facts(
        "Xuất khẩu tăng mạnh\n\nNgày 3/3/2024, hiệp hội cho biết ngành thu về 3,2 tỷ USD, xuất khẩu 4,5 triệu tấn "
        "gạo và nhập 200 triệu lít xăng; quỹ đầu tư rót 15 triệu đô. Mỗi hội viên được hỗ trợ 2 triệu đồng."
    )
    money = [e.value for e in a.entities if e.type == "money"]
    assert money == [2_000_000]
    assert not [e for e in a.entities if e.type == "count" and e.value["number"] in (3_200_000_000, 4_500_000)]


def money_labels(body: str) -> list[str]:
    a = facts("Giá cả thị trường\n\n" + body)
    return [f.label for f in a.facts if f.kind == "figures" and f.value["type"] == "money"]


def test_a_money_label_is_a_word_with_its_tone_marks():
    # Without tone marks "quý" reads as "quỹ", "tăng" as "tặng", "thương lái" as "thưởng", "lượng" as
    # "lương", "dự báo" as "bão" (lũ) and "quá" as "quà".
    assert money_labels(
        "Doanh thu quý II đạt 520 tỷ đồng. Giá lúa tăng lên 9.500 đồng/kg. Thương lái mua vào 8.200 đồng/kg. "
        "Giá vàng nhẫn là 78 triệu đồng/lượng. Công ty dự báo lãi 40 tỷ đồng. Giá không quá 18 triệu đồng/m2."
    ) == ["Số tiền"] * 6
    assert money_labels("Công đoàn hỗ trợ 2 triệu đồng cho đoàn viên bị thiệt hại do bão.") == ["Hỗ trợ bão lũ"]
    assert money_labels("Mỗi suất quà trị giá 500.000 đồng.") == ["Quà"]


def test_judging_or_taking_on_a_part_is_not_receiving():
    a = facts(
        "Thị trường nhà ở\n\nNgày 5/5/2024, bà Đỗ Thu Hằng, Giám đốc công ty, nhận định giá sẽ tăng. "
        "Ông Phan Văn Tú nhận xét thị trường sôi động. Nghệ sĩ Lê Thị Mơ đảm nhận vai chính. "
        "Anh Vũ Văn Tài nhận Bằng khen của công ty."
    )
    actions = {f.label: f.value["actions"] for f in a.facts if f.kind == "people"}
    assert actions == {"Đỗ Thu Hằng": [], "Phan Văn Tú": [], "Lê Thị Mơ": [], "Vũ Văn Tài": ["nhận"]}


def test_a_count_in_millions_shows_the_multiplier_with_the_number():
    a = facts("Du lịch biển\n\nNăm 2024, tỉnh đón khoảng 3,5 triệu lượt khách và bán hơn 12 nghìn vé tàu.")
    shown = {f.label: fact_display_value(f) for f in a.facts if f.kind == "figures"}
    assert shown == {"Lượt khách": "khoảng 3,5 triệu", "Vé tàu": "hơn 12 nghìn"}


def test_a_number_after_a_name_inside_a_sentence_counts_nothing():
    a = facts(
        "Giải đấu khép lại\n\nNgày 9/9/2024, đoàn dự Asian Games 19 tổ chức tại Trung Quốc. Cúp ATP 250 kể từ "
        "năm ngoái có 28 tay vợt. Ban tổ chức, Hà Nội, 60 tình nguyện viên. Trao 40 suất quà."
    )
    counts = sorted(e.value["number"] for e in a.entities if e.type == "count")
    assert counts == [28, 40, 60]


def test_a_partner_named_after_phoi_hop_voi_does_not_hold_the_event():
    a = facts(
        "Khám sức khỏe cho công nhân\n\nSáng 6/5/2024, Công đoàn Khu kinh tế Đông Hải phối hợp với Bệnh viện "
        "Đa khoa Tâm Đức tổ chức khám sức khỏe miễn phí cho 500 công nhân."
    )
    assert a.organiser == "Công đoàn Khu kinh tế Đông Hải"


def test_a_city_named_with_its_level_elsewhere_is_no_organisation():
    a = facts(
        "Hội An đón khách dịp lễ\n\nTheo UBND TP Hội An, dịp lễ 30/4/2024 Hội An đón 120.000 lượt khách; "
        "phố cổ mở cửa đến 22h."
    )
    assert a.organiser is None
    assert [e.text for e in a.entities if e.type == "organization"] == ["UBND TP Hội An"]


def test_a_label_ends_before_so_voi_and_meal_money_is_named():
    a = facts(
        "Thỏa ước mới\n\nNgày 4/6/2024, thỏa ước được ký: lương tăng 9% so với năm trước; mức lương cao hơn "
        "lương tối thiểu vùng, tiền ăn ca 30.000 đồng/bữa."
    )
    labels = [f.label for f in a.facts if f.kind == "figures"]
    assert labels == ["Tăng", "Tiền ăn ca"]


def test_a_figure_at_the_top_of_a_range_is_shown_with_its_bottom():
    a = facts(
        "Quà Tết cho công nhân\n\nNgày 20/1/2024, công ty tặng quà từ 300.000 đến 500.000 đồng/suất; giá vé xe "
        "1,2 - 1,5 triệu đồng; thưởng Tết tăng 8-10%."
    )
    shown = [fact_display_value(f) for f in a.facts if f.kind == "figures"]
    assert shown == ["từ 300.000 đến 500.000 đồng/suất", "1,2 - 1,5 triệu đồng", "8-10%"]
