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
    assert figure_labels("Tổng kinh phí là 80 triệu đồng.") == [("Kinh phí", "80 triệu đồng")]
    assert figure_labels("Công đoàn hỗ trợ khoảng 20 triệu đồng.") == [("Hỗ trợ", "khoảng 20 triệu đồng")]
