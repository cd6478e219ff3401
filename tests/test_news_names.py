"""General news: names that are not people, foreign names whole, the glossary of abbreviations,
sizes and resolutions that are not counts (fixture sentences written for these tests)."""

from __future__ import annotations

import pytest

from unionreader.extract.figures import extract_figures
from unionreader.extract.names import extract_names


def of_type(text: str, kind: str) -> list[str]:
    return [e.text for e in extract_names(text) if e.type == kind]


@pytest.mark.parametrize(
    "text",
    [
        "Tết Đinh Dậu năm ấy, cả làng mở hội đua thuyền.",
        "Đón Xuân Giáp Thìn, phố ông đồ bày bán câu đối.",
        "Giáp Thìn là năm con rồng, Quý Mão là năm con mèo.",
        "Bước sang năm Canh Tý, giá gạo tăng nhẹ.",
    ],
)
def test_can_chi_year_names_are_not_people(text):
    assert of_type(text, "person") == []


def test_family_names_that_are_also_stems_still_make_people():
    text = "Đồng chí Đinh Quốc Bảo và bà Canh Thị Nhung dự lễ; ông Bính Văn Khởi và Đinh Thị Thu đoạt giải."
    assert of_type(text, "person") == ["Đinh Quốc Bảo", "Canh Thị Nhung", "Bính Văn Khởi", "Đinh Thị Thu"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Tàu cá vẫn bám ngư trường Hoàng Sa dịp Tết.", "Hoàng Sa"),
        ("Hoàng Sa, Trường Sa là một phần lãnh thổ.", "Trường Sa"),
        ("Du khách ra đảo Lý Sơn bằng tàu cao tốc.", "Lý Sơn"),
    ],
)
def test_islands_are_places_not_people(text, place):
    assert of_type(text, "person") == []
    assert place in of_type(text, "location")


def test_words_of_a_quoted_title_are_not_people():
    text = "Bộ phim “Trần Văn Khuê trở về” và ca khúc “Phạm Ngọc Lan” được trình chiếu tối qua."
    assert of_type(text, "person") == []
    # Quoted speech is not a title: a name in it is still a person.
    assert of_type("Anh nói: “Nguyễn Thị Hoa đã giúp tôi rất nhiều”.", "person") == ["Nguyễn Thị Hoa"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ông Kim Dae-sung, giám đốc nhà máy, cho biết sản lượng tăng.", "Kim Dae-sung"),
        ("HLV Shin Tae-yong đã triệu tập 28 cầu thủ.", "Shin Tae-yong"),
        ("Bà Anne-Marie Dubois phát biểu khai mạc.", "Anne-Marie Dubois"),
        ("Bà Marine Le Pen trả lời phỏng vấn.", "Marine Le Pen"),
    ],
)
def test_foreign_names_keep_hyphens_and_every_part(text, name):
    assert of_type(text, "person") == [name]


def test_abbreviations_used_without_a_definition_get_the_standard_expansion():
    found = {e.text: e.value for e in extract_names(
        "Tại TP.HCM, HLV của CLB cho biết CSGT và UBND quận đã hỗ trợ; TTXVN đưa tin, PGS.TS Lê Văn Mạnh nhận xét."
    ) if e.type == "abbreviation"}
    assert found == {
        "TP.HCM": "Thành phố Hồ Chí Minh",
        "HLV": "huấn luyện viên",
        "CLB": "câu lạc bộ",
        "CSGT": "cảnh sát giao thông",
        "UBND": "Ủy ban nhân dân",
        "TTXVN": "Thông tấn xã Việt Nam",
        "PGS.TS": "phó giáo sư, tiến sĩ",
    }


def test_titles_bodies_and_terms_of_general_news_are_in_the_glossary():
    found = {e.text: e.value for e in extract_names(
        "NSND Lan Hương và ThS Trần Văn Hải dự hội thảo. Theo WHO, GDP của khu vực ASEAN tăng; VTV đưa tin. "
        "Sản phẩm OCOP và vốn FDI được giới thiệu tại hội chợ của AHLĐ Nguyễn Văn Tư."
    ) if e.type == "abbreviation"}
    assert found == {
        "NSND": "Nghệ sĩ Nhân dân", "ThS": "thạc sĩ", "WHO": "Tổ chức Y tế Thế giới",
        "GDP": "tổng sản phẩm trong nước", "ASEAN": "Hiệp hội các quốc gia Đông Nam Á",
        "VTV": "Đài Truyền hình Việt Nam", "OCOP": "Chương trình Mỗi xã một sản phẩm",
        "FDI": "đầu tư trực tiếp nước ngoài", "AHLĐ": "Anh hùng Lao động",
    }


def test_a_master_s_degree_written_ths_is_an_abbreviation_before_a_person():
    # "ThS" has a small letter inside: read as a capitalised word it swallowed the name after it.
    names = [(e.type, e.text) for e in extract_names("Sáng nay, ThS Trần Văn Hải trình bày tham luận.")]
    assert names == [("abbreviation", "ThS"), ("person", "Trần Văn Hải")]


def test_a_title_of_honour_or_a_degree_names_the_person_after_it_even_without_a_surname():
    names = [(e.type, e.text) for e in extract_names("Sáng nay, NSND Lan Hương và NSƯT Quốc Anh biểu diễn.")]
    assert names == [("abbreviation", "NSND"), ("person", "Lan Hương"), ("abbreviation", "NSƯT"),
                     ("person", "Quốc Anh")]


def test_a_definition_in_the_article_wins_and_unknown_ones_stay_unexpanded():
    found = {e.text: e.value for e in extract_names(
        "Cảng Long Bình (CLB) mở rộng bến; QXZ chưa rõ nghĩa. CLB có 40 cầu cảng."
    ) if e.type == "abbreviation"}
    assert found == {"CLB": "Cảng Long Bình", "QXZ": None}


def test_screen_resolutions_and_sizes_are_not_counts():
    text = "Máy có màn hình 1080 x 2400 điểm ảnh, bản lớn 2560×1600; thùng 40 x 60 x 80 cm; trao 25 suất quà."
    counts = [e.value["number"] for e in extract_figures(text) if e.type == "count"]
    assert counts == [25]


def test_a_free_stall_is_not_an_amount():
    found = [e for e in extract_figures("Hội chợ có 12 gian hàng 0 đồng cho công nhân.") if e.type in ("money", "count")]
    assert [(e.type, e.value["number"]) for e in found] == [("count", 12)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Du khách ăn cao lầu ở đường Trần Phú rồi về khách sạn.", "đường Trần Phú"),
        ("Rác ùn ứ trên phố Lê Duẩn suốt hai ngày.", "phố Lê Duẩn"),
    ],
)
def test_streets_named_after_people_are_places(text, place):
    assert of_type(text, "person") == []
    assert place in of_type(text, "location")
    # A name after a street word that is no street's is still a person.
    assert of_type("Trên đường về, ông Lê Văn Khánh kể lại.", "person") == ["Lê Văn Khánh"]
    assert of_type("Phó Chủ tịch LĐLĐ Thành phố, Chủ tịch Công đoàn Giáo dục Thành phố Trần Văn Lộc trao quà.", "person") == ["Trần Văn Lộc"]


def test_a_cue_word_inside_a_quoted_title_opens_no_person():
    text = 'Phim "Ông Ngoại Tôi Là Ca Sĩ" và bộ phim “Bà Ba Tươi” thu hút khán giả.'
    assert of_type(text, "person") == []


@pytest.mark.parametrize(
    "text",
    ["Nhà xuất bản Trẻ phát hành cuốn sách.", "Giá phiên bản S25 Ultra là 30 triệu đồng, bản A55 rẻ hơn."],
)
def test_ban_in_a_compound_or_before_a_model_is_no_hamlet(text):
    assert of_type(text, "location") == []
    assert of_type("Trẻ em ở bản Phìn Hồ được tặng áo ấm.", "location") == ["bản Phìn Hồ"]


def test_the_presidential_palace_is_no_role():
    found = [(e.type, e.text) for e in extract_names(
        "Tại Phủ Chủ tịch, Thủ tướng Lê Văn Hòa đón đoàn khách."
    ) if e.type == "role"]
    assert found == [("role", "Thủ tướng")]


def test_a_joined_abbreviation_stays_whole_in_an_organisation():
    text = "Bà Lê Thị Huệ, Phó Giám đốc Sở GD&ĐT, và đại diện Bộ LĐ-TB&XH dự họp."
    assert of_type(text, "organization") == ["Sở GD&ĐT", "Bộ LĐ-TB&XH"]


def test_a_price_per_square_metre_keeps_its_unit():
    found = [(e.text, e.meta.get("per")) for e in extract_figures("Căn hộ có giá 62 triệu đồng/m2.") if e.type == "money"]
    assert found == [("62 triệu đồng/m2", "m2")]


def test_regions_named_bare_are_places():
    found = [(e.type, e.value) for e in extract_names("Đồng bằng sông Hồng và Tây Bắc có mưa; các tỉnh miền Tây Nam "
                                                      "Bộ bước vào mùa nước nổi.") if e.type == "location"]
    assert found == [("location", "Đồng bằng sông Hồng"), ("location", "Tây Bắc"), ("location", "Tây Nam Bộ")]
