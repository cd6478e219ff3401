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


def figure_labels(sentence: str) -> list[tuple[str, str]]:
    a = facts("Tin kinh tế\n\nSáng 12/1/2026, thành phố tổ chức hội nghị tổng kết.\n\n" + sentence)
    return [(f.label, f.value["display"]) for f in a.facts if f.kind == "figures"]


def test_a_rate_is_labelled_by_what_it_measures_not_by_its_qualifier():
    assert figure_labels("Ở miền Tây, lượng khách du lịch dịp lễ tăng 6% so với cùng kỳ.") == [
        ("Lượng khách du lịch dịp lễ tăng so với cùng kỳ", "6%")]
    assert figure_labels("Tỉnh đặt mục tiêu tăng trưởng bình quân 8% mỗi năm.") == [
        ("Tỉnh đặt mục tiêu tăng trưởng bình quân mỗi năm", "8%")]
    assert figure_labels("Nhà máy có 900 công nhân, trong đó công nhân nữ chiếm 61%.")[-1] == (
        "Công nhân nữ chiếm", "61%")
    assert figure_labels("Sản lượng điện giảm 2% so với cùng kỳ năm trước, theo báo cáo.") == [
        ("Sản lượng điện giảm so với cùng kỳ năm trước", "2%")]
    # An estimate before the number is no subject: the label stays generic rather than wrong.
    assert figure_labels("Hội chợ có 120 gian hàng, khoảng 40% trong số đó bán nông sản.")[-1] == ("Tỷ lệ", "40%")
    assert figure_labels("Giá gạo tăng 3% trong tháng qua.") == [("Giá gạo tăng", "3%")]
    assert figure_labels("Tỷ lệ công nhân có việc làm ổn định đạt 97,5%.") == [
        ("Tỷ lệ công nhân có việc làm ổn định", "97,5%")]
    # A phrase after the rate that names the thing keeps its label as before.
    assert figure_labels("Công đoàn đạt 100% chỉ tiêu được giao.") == [("Đạt chỉ tiêu", "100%")]


def test_a_total_raised_to_a_count_is_labelled_by_the_total():
    # The members admitted and the members in all: "Đoàn viên" twice told a report's reader neither.
    assert figure_labels("Năm qua, công đoàn kết nạp 84 đoàn viên, nâng tổng số đoàn viên lên 2.960 người.") == [
        ("Đoàn viên được kết nạp", "84"), ("Tổng số đoàn viên", "2.960")]
    assert figure_labels("Số đoàn viên của công ty là 1.240 người.") == [("Đoàn viên của công ty", "1.240")]


def test_a_count_that_is_the_object_of_a_verb_of_the_genre_says_what_was_done():
    assert figure_labels("Các cấp công đoàn đã thăm hỏi 220 đoàn viên ốm đau.") == [
        ("Đoàn viên ốm đau được thăm hỏi", "220")]
    assert figure_labels("Chính quyền đã sơ tán hơn 1.200 hộ dân.") == [("Hộ dân được sơ tán", "hơn 1.200")]
    assert figure_labels("Dịp này, công đoàn trao tặng 150 suất quà cho đoàn viên.") == [
        ("Suất quà được trao tặng", "150")]
    # Across "cho": the verb earlier in the clause, with a short object that has no figure of its own.
    assert figure_labels("Công đoàn tặng quà cho 300 công nhân có hoàn cảnh khó khăn.") == [
        ("Công nhân được tặng quà", "300")]
    assert figure_labels("Đơn vị đã tập huấn 3 buổi cho 120 cán bộ công đoàn cơ sở.") == [
        ("Buổi", "3"), ("Cán bộ công đoàn cơ sở được tập huấn", "120")]
    assert figure_labels("Bệnh viện đã khám và cấp thuốc miễn phí cho 500 người cao tuổi.") == [
        ("Người cao tuổi được khám và cấp thuốc miễn phí", "500")]
    # No verb of the genre, a noun that only looks like one, a time: the label is the unit's phrase.
    assert figure_labels("Xưởng có 64 máy may và 256 công nhân.") == [("Máy may", "64"), ("Công nhân", "256")]
    assert figure_labels("Công ty đã nâng cấp nhà ăn cho 30 công nhân.") == [("Công nhân", "30")]
    # An award names what the count received; the verb is not added to it.
    assert figure_labels("Có 4 tập thể được tặng Bằng khen vì thành tích xuất sắc.") == [
        ("Tập thể nhận Bằng khen", "4")]


def test_people_nouns_listed_after_a_unit_stay_in_its_label():
    assert figure_labels("Công đoàn đã hỗ trợ hơn 1 tỉ đồng cho hơn 1.100 công chức, viên chức, người lao động.") == [
        ("Hỗ trợ", "hơn 1 tỉ đồng"), ("Công chức, viên chức, người lao động được hỗ trợ", "hơn 1.100")]
    assert figure_labels("Hội nghị có 320 cán bộ và hội viên tham dự.") == [("Cán bộ và hội viên tham dự", "320")]


def test_money_labels_keep_their_tone_marks():
    # Folded, "tăng" (rise) was "tặng" (give) and "bao gồm" held "bão" (storm).
    assert figure_labels("Giá vàng sáng nay tăng thêm 30.000 đồng mỗi lượng.") == [("Số tiền mỗi lượng", "30.000 đồng")]
    assert figure_labels("Tổng kinh phí là 80 triệu đồng, bao gồm quà và tiền mặt.") == [("Tổng kinh phí", "80 triệu đồng")]
    assert figure_labels("Công đoàn hỗ trợ mỗi hộ bị bão làm sập nhà 5 triệu đồng.")[-1] == (
        "Hỗ trợ bão lũ mỗi hộ", "5 triệu đồng")
    assert figure_labels("Mẫu máy mới có giá bán 7 triệu đồng.") == [("Giá bán", "7 triệu đồng")]


def test_device_measures_are_not_counts():
    assert figure_labels("Máy có camera 64 MP, bộ nhớ 256 GB và pin 4.500 mAh.") == []
    assert figure_labels("Xưởng có 64 máy may và 256 công nhân.") == [("Máy may", "64"), ("Công nhân", "256")]


def test_a_count_label_keeps_a_two_word_compound_after_its_unit_whole():
    # Four syllables after the unit cut "nồng độ cồn" (alcohol level) in two.
    assert figure_labels("Lực lượng chức năng phạt 215 trường hợp vi phạm nồng độ cồn.") == [
        ("Trường hợp vi phạm nồng độ cồn", "215")]


def test_an_award_count_names_who_gives_the_award():
    got = figure_labels("Hội nghị trao tặng 3 tập thể Bằng khen của UBND tỉnh Gia Lai; 5 cá nhân nhận Bằng khen "
                        "của Liên đoàn Lao động tỉnh Gia Lai.")
    assert got == [("Tập thể Bằng khen của UBND tỉnh Gia Lai", "3"),
                   ("Cá nhân nhận Bằng khen của Liên đoàn Lao động tỉnh Gia Lai", "5")]
    # No "của …" right after the award: the label stays as it was.
    assert figure_labels("Có 4 tập thể được tặng Bằng khen vì thành tích xuất sắc.") == [
        ("Tập thể nhận Bằng khen", "4")]


def test_an_amount_for_each_one_says_so():
    assert figure_labels("Công đoàn xây 4 nhà tình nghĩa, mỗi căn trị giá 70 triệu đồng.")[-1] == (
        "Trị giá mỗi căn", "70 triệu đồng")
    assert figure_labels("Mỗi công nhân được hỗ trợ 400.000 đồng.") == [("Hỗ trợ mỗi công nhân", "400.000 đồng")]
    assert figure_labels("Giá cà phê tăng thêm 1.500 đồng mỗi kg.") == [("Số tiền mỗi kg", "1.500 đồng")]
    # An amount for all of them keeps its label.
    assert figure_labels("Tổng kinh phí chương trình là 90 triệu đồng.") == [("Tổng kinh phí", "90 triệu đồng")]


def test_average_income_keeps_its_qualifier():
    assert figure_labels("Thu nhập bình quân của công nhân đạt 8,7 triệu đồng/tháng.") == [
        ("Thu nhập bình quân", "8,7 triệu đồng/tháng")]


def test_a_person_who_is_given_an_award_is_its_recipient():
    a = facts("Hội nghị tổng kết\n\nChiều 18/12/2025, Công đoàn ngành Xây dựng tỉnh Phú Thọ tổ chức hội nghị tổng kết."
              "\n\nĐồng chí Bạch Văn Tùng được tặng Kỷ niệm chương vì sự nghiệp xây dựng tổ chức Công đoàn.")
    awards = [f.value for f in a.facts if f.kind == "awards"]
    assert [v.get("recipients") for v in awards] == [["Bạch Văn Tùng"]]


CONGRESS = (
    "Đại hội Công đoàn Công ty CP Gốm sứ Tân Lập lần thứ IV, nhiệm kỳ 2025 – 2030\n\n"
    "Sáng 14/4, Công đoàn Công ty CP Gốm sứ Tân Lập (trực thuộc Công đoàn ngành Công Thương tỉnh Yên Bái) tổ chức "
    "Đại hội lần thứ IV, nhiệm kỳ 2025 – 2030.\n\n"
    "Năm 2024, thu nhập bình quân của người lao động đạt 7,9 triệu đồng/tháng.\n\n"
    "Đại hội đã bầu Ban Chấp hành gồm 7 đồng chí. Ban Chấp hành bầu bà Lò Thị Sen giữ chức Chủ tịch Công đoàn công ty; "
    "ông Hà Văn Dũng làm Phó Chủ tịch.\n\n"
    "Đồng chí Lò Thị Sen, Chủ tịch Công đoàn công ty phát biểu nhận nhiệm vụ."
)


def test_a_congress_is_held_in_the_first_year_of_the_term_it_opens():
    a = facts(CONGRESS)
    assert a.date == "2025-04-14"  # not 2024: "Năm 2024" in the report looks back
    mid_term = facts("Hội nghị sơ kết giữa nhiệm kỳ 2023 – 2028\n\nSáng 14/4, Công đoàn tỉnh tổ chức hội nghị sơ kết "
                     "giữa nhiệm kỳ.\n\nNăm 2025, công đoàn kết nạp 300 đoàn viên.")
    assert mid_term.date == "2025-04-14"


def test_the_organiser_is_the_union_before_a_parenthesis_that_names_its_parent():
    assert facts(CONGRESS).organiser == "Công đoàn Công ty CP Gốm sứ Tân Lập"


def test_roles_given_by_giu_chuc_and_lam_and_a_union_named_by_its_level():
    people = {f.label: f.value for f in facts(CONGRESS).facts if f.kind == "people"}
    assert people["Lò Thị Sen"]["roles"] == ["Chủ tịch Công đoàn công ty"]
    assert "được bầu" in people["Lò Thị Sen"]["actions"]
    assert people["Hà Văn Dũng"] == {"name": "Hà Văn Dũng", "roles": ["Phó Chủ tịch"], "actions": ["được bầu"]}


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
    ) == ["Doanh thu"] + ["Số tiền"] * 5
    assert money_labels("Công đoàn hỗ trợ 2 triệu đồng cho đoàn viên bị thiệt hại do bão.") == ["Hỗ trợ bão lũ"]


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


def test_meal_money_named_after_a_wage_is_meal_money():
    a = facts(
        "Thỏa ước mới\n\nNgày 4/6/2024, thỏa ước được ký: mức lương cao hơn lương tối thiểu vùng, "
        "tiền ăn ca 30.000 đồng/bữa."
    )
    labels = [f.label for f in a.facts if f.kind == "figures"]
    assert labels == ["Tiền ăn ca"]


def test_a_figure_at_the_top_of_a_range_is_shown_with_its_bottom():
    a = facts(
        "Quà Tết cho công nhân\n\nNgày 20/1/2024, công ty tặng quà từ 300.000 đến 500.000 đồng/suất; giá vé xe "
        "1,2 - 1,5 triệu đồng; thưởng Tết tăng 8-10%."
    )
    shown = [fact_display_value(f) for f in a.facts if f.kind == "figures"]
    assert shown == ["từ 300.000 đến 500.000 đồng/suất", "1,2 - 1,5 triệu đồng", "8-10%"]
