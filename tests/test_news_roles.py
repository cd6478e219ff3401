"""Roles stay attached in photo captions and after "Thay mặt …" (issue 12; fixture sentences written for
these tests, not taken from any corpus)."""

from __future__ import annotations

from unionreader.articles import parse_article
from unionreader.extract import analyse

LEAD = "Hội nghị tổng kết năm 2025\n\nSáng 12/1/2026, Liên đoàn Lao động tỉnh Kon Tum tổ chức hội nghị tổng kết.\n\n"


def roles(page: str) -> dict[str, list[str]]:
    a = analyse(parse_article(page, "f.txt"))
    return {f.label: f.value["roles"] for f in a.facts if f.kind == "people"}


def test_a_role_in_a_photo_caption_is_kept():
    got = roles(LEAD + "Ảnh: Đồng chí Hà Thị Mỹ Lệ, Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu tại hội nghị.\n\n"
                "Hội nghị đã biểu dương 20 tập thể.")
    assert got["Hà Thị Mỹ Lệ"] == ["Chủ tịch LĐLĐ tỉnh Kon Tum"]


def test_a_caption_closing_the_article_is_kept_and_a_credit_is_dropped():
    caption = "Ảnh: Đồng chí Hà Thị Mỹ Lệ, Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu tại hội nghị."
    page = parse_article(LEAD + caption, "f.txt")
    assert page.text.endswith(caption)
    assert roles(LEAD + caption)["Hà Thị Mỹ Lệ"] == ["Chủ tịch LĐLĐ tỉnh Kon Tum"]
    credited = parse_article(LEAD + "Ảnh: Minh Đức", "f.txt")
    assert "Minh Đức" not in credited.text


def test_a_role_in_a_caption_line_under_a_photo_is_kept():
    got = roles(LEAD + "Đồng chí Phan Văn Khải, Phó Chủ tịch LĐLĐ tỉnh Kon Tum trao quà cho công nhân. |\n\n"
                "Hội nghị đã biểu dương 20 tập thể.")
    assert got["Phan Văn Khải"] == ["Phó Chủ tịch LĐLĐ tỉnh Kon Tum"]


def test_a_role_after_thay_mat_is_kept():
    got = roles(LEAD + "Thay mặt Ban Chấp hành, đồng chí Đinh Công Hậu, Phó Chủ tịch LĐLĐ tỉnh Kon Tum "
                "trao bằng khen cho 12 tập thể.")
    assert got["Đinh Công Hậu"] == ["Phó Chủ tịch LĐLĐ tỉnh Kon Tum"]


def test_a_role_after_thay_mat_lanh_dao_is_kept():
    got = roles(LEAD + "Thay mặt lãnh đạo tỉnh, bà Vũ Thị Thanh Nga, Phó Chủ tịch UBND tỉnh Kon Tum "
                "tặng 50 suất quà cho đoàn viên.")
    assert got["Vũ Thị Thanh Nga"] == ["Phó Chủ tịch UBND tỉnh Kon Tum"]


def actions(page: str) -> dict[str, list[str]]:
    a = analyse(parse_article(page, "f.txt"))
    return {f.label: f.value["actions"] for f in a.facts if f.kind == "people"}


def test_nhan_in_another_verb_is_no_receiving():
    lead = "Tin thể thao\n\nSáng 12/1/2026, đội tuyển tập luyện trên sân nhà.\n\n"
    for sentence in ("HLV Lê Văn Tú nhận định các cầu thủ trẻ thi đấu tự tin.",
                     "Ông Trần Văn Hải nhận thấy thị trường còn khó khăn.",
                     "Bà Ngô Thị Lan nhận xét buổi tập diễn ra tốt.",
                     "Chị Hồ Thị Vân nhận lời mời dự lễ."):
        assert all("nhận" not in got for got in actions(lead + sentence).values()), sentence
    assert actions(lead + "Ông Trần Văn Hải nhận bằng khen của Tổng Liên đoàn.")["Trần Văn Hải"] == ["nhận"]
    assert actions(lead + "Chị Lê Thị Mai nhận được phần quà.")["Lê Thị Mai"] == ["nhận"]


def test_a_rank_degree_or_trade_written_before_a_name_is_its_first_role():
    got = roles(LEAD + "Đại tá Trần Quốc Hùng, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh dự hội nghị. "
                "PGS.TS Nguyễn Văn Bình, Giám đốc Bệnh viện tỉnh phát biểu. HLV Lê Gia Cẩm cho biết đội đã sẵn sàng. "
                "Thượng uý Lò Văn Sáng kể lại vụ việc. Bác sĩ Phạm Thị Mai cho biết bệnh nhân đã ổn định.")
    assert got["Trần Quốc Hùng"] == ["Đại tá", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"]
    assert got["Nguyễn Văn Bình"] == ["PGS.TS", "Giám đốc Bệnh viện tỉnh"]
    assert got["Lê Gia Cẩm"] == ["HLV"]
    assert got["Lò Văn Sáng"] == ["Thượng uý"]  # (as written; "Thượng úy" is the same title)
    assert got["Phạm Thị Mai"] == ["Bác sĩ"]


def test_words_that_only_address_a_person_are_no_title():
    got = roles(LEAD + "Ông Nguyễn Văn Tư, công nhân Công ty May Sông Hồng cho biết lương đã tăng. "
                "Đồng chí Hà Thị Mỹ Lệ, Chủ tịch LĐLĐ tỉnh Kon Tum phát biểu. Chị Đào Thị Hoa nhận quà.")
    assert got["Nguyễn Văn Tư"] == []
    assert got["Hà Thị Mỹ Lệ"] == ["Chủ tịch LĐLĐ tỉnh Kon Tum"]
    assert got["Đào Thị Hoa"] == []
    # An abbreviation that is no title before a name gives none either.
    assert roles(LEAD + "Đại diện LĐLĐ Trần Văn Hải phát biểu.").get("Trần Văn Hải", []) == []


def test_a_role_whose_body_is_named_by_its_kind_takes_the_one_body_of_that_kind_the_article_names():
    lead = ("Hội nghị người lao động\n\nSáng 12/1/2026, Công đoàn Công ty CP Thép Phương Nam tổ chức hội nghị "
            "người lao động năm 2026.\n\n")
    got = roles(lead + "Dự hội nghị có ông Trần Thanh Kha, Giám đốc công ty. Bà Đỗ Thị Hạnh, Phó Giám đốc "
                "trung tâm, cho biết kế hoạch đã xong.")
    # The company inside the union's name; no centre is named, so that role stays as written.
    assert got["Trần Thanh Kha"] == ["Giám đốc Công ty CP Thép Phương Nam"]
    assert got["Đỗ Thị Hạnh"] == ["Phó Giám đốc trung tâm"]
    # Two companies named: which one is his is not guessed.
    two = roles(lead + "Công ty TNHH Dệt Hòa Lợi cũng cử đại diện. Ông Trần Thanh Kha, Giám đốc công ty cho biết "
                "lương đã tăng.")
    assert two["Trần Thanh Kha"] == ["Giám đốc công ty"]
    # "công ty" inside "Tổng công ty …" is no company's name.
    parent = roles("Tin doanh nghiệp\n\nSáng 12/1/2026, Tổng công ty Điện lực miền Bắc họp báo. Ông Lê Văn Hòa, "
                   "Giám đốc công ty, phát biểu.")
    assert parent["Lê Văn Hòa"] == ["Giám đốc công ty"]


def test_an_officer_kept_in_office_by_a_vote_of_confidence_is_elected_to_the_role():
    got = analyse(parse_article(LEAD + "Đồng chí Lê Văn Tâm tiếp tục được tín nhiệm bầu giữ chức Chủ tịch Công đoàn "
                                "ngành Y tế. Bà Trần Thị Mai tiếp tục được tín nhiệm giữ chức Phó Chủ tịch.", "f.txt"))
    people = {f.label: (f.value["roles"], f.value["actions"]) for f in got.facts if f.kind == "people"}
    assert people["Lê Văn Tâm"] == (["Chủ tịch Công đoàn ngành Y tế"], ["được bầu"])
    assert people["Trần Thị Mai"] == (["Phó Chủ tịch"], ["được bầu"])


def test_a_former_role_is_kept_as_one():
    got = roles(LEAD + "Dự lễ có ông Nguyễn Văn Hùng, nguyên Chủ tịch LĐLĐ tỉnh Nghệ An; bà Lê Thị Hoa, cựu Giám đốc "
                "Sở Y tế; ông Trần Văn Nam, Chủ tịch Công đoàn ngành Y tế.")
    assert got == {"Nguyễn Văn Hùng": ["nguyên Chủ tịch LĐLĐ tỉnh Nghệ An"], "Lê Thị Hoa": ["cựu Giám đốc Sở Y tế"],
                   "Trần Văn Nam": ["Chủ tịch Công đoàn ngành Y tế"]}
