"""Figures: counts, money, percentages, ratios, dates and document numbers as the genre writes them."""

from __future__ import annotations

import unicodedata

import pytest

from unionreader.extract.entities import merge_entities
from unionreader.extract.figures import extract_figures
from unionreader.extract.models import Entity


def figures(text: str, kind: str, default_year: int | None = None) -> list[Entity]:
    return [e for e in extract_figures(text, default_year) if e.type == kind]


def values(text: str, kind: str, default_year: int | None = None) -> list:
    return [e.value for e in figures(text, kind, default_year)]


@pytest.mark.parametrize(
    ("text", "number", "unit", "approx"),
    [
        ("Công đoàn hiện có 04 Tổ Công đoàn trực thuộc", 4, "Tổ Công đoàn", False),
        ("tổng số công đoàn viên là 37 người.", 37, "người", False),
        ("đang quản lý 8.945 đoàn viên sinh hoạt", 8945, "đoàn viên", False),
        ("hỗ trợ cho hơn 1.100 công chức, viên chức", 1100, "công chức", True),
        ("trao 79 suất trợ cấp tới đoàn viên", 79, "suất trợ cấp", False),
        ("sinh hoạt tại 60 Công đoàn cơ sở (CĐCS)", 60, "Công đoàn cơ sở", False),
        ("cùng gần 1.000 công nhân.", 1000, "công nhân", True),
        ("chăm lo cho khoảng 12.500 người lao động", 12500, "người lao động", True),
        ("bầu Ban Chấp hành gồm 9 đồng chí.", 9, "đồng chí", False),
        ("nhận 02 Bằng khen của LĐLĐ", 2, "Bằng khen", False),
        ("tặng 120 vé tàu cho công nhân", 120, "vé", False),
        ("kiểm tra tại 45 CNLĐ", 45, "CNLĐ", False),
        ("có 1,5 nghìn người tham gia", 1500, "người", False),
    ],
)
def test_counts(text, number, unit, approx):
    counts = figures(text, "count")
    assert len(counts) == 1, counts
    assert counts[0].value == {"number": number, "unit": unit, "approx": approx}
    assert counts[0].text == text[counts[0].start : counts[0].end]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị tổng kết năm 2023 đã thành công.",
        "sơ kết 6 tháng đầu năm và 2 năm xa nhà",
        "Đại hội lần thứ V, lương tháng thứ 13",
        "thực hiện Chỉ thị số 24 của Ban Thường vụ",
        "giai đoạn 2 do Tổng Liên đoàn phát động",
        "Chương trình “01 triệu sáng kiến - nỗ lực vượt khó”",
        "nhiệm kỳ 2023 – 2028 và (năm 2020, 2021)",
        "Đang truy cập: 37\nTổng lượt truy cập: 1.856.230",
        "người 60 tuổi, quãng đường 25 km",
    ],
)
def test_not_counts(text):
    assert figures(text, "count") == []


def test_count_in_quoted_speech_still_counts():
    text = 'Chị chia sẻ: "Gia đình tôi có 2 con nhỏ, món quà này thật ý nghĩa".'
    assert values(text, "count") == [{"number": 2, "unit": "con", "approx": False}]


@pytest.mark.parametrize(
    ("text", "value", "meta"),
    [
        ("tổng số tiền 75 triệu đồng.", 75_000_000, {}),
        ("đã hỗ trợ hơn 1 tỉ đồng cho", 1_000_000_000, {"approx": True}),
        ("vận động được 2,5 tỷ đồng", 2_500_000_000, {}),
        ("mỗi suất trị giá 500.000 đồng gồm", 500_000, {}),
        ("Quỹ vận động được 1,25 tỷ, hỗ trợ", 1_250_000_000, {}),
        ("mỗi suất 500 nghìn đồng;", 500_000, {}),
        ("ủng hộ 50.000.000 đồng cho Quỹ", 50_000_000, {}),
        ("hỗ trợ thêm 2 triệu đồng/suất.", 2_000_000, {"per": "suất"}),
        ("mức lương thấp nhất là 4,8 triệu đồng/tháng", 4_800_000, {"per": "tháng"}),
        ("thu nhập 9,2 triệu đồng/người/tháng", 9_200_000, {"per": "người/tháng"}),
        ("tiền ăn giữa ca 30.000đ/bữa", 30_000, {"per": "bữa"}),
        ("tổng trị giá 1 tỷ 200 triệu đồng", 1_200_000_000, {}),
    ],
)
def test_money(text, value, meta):
    money = figures(text, "money")
    assert len(money) == 1, money
    assert money[0].value == value and isinstance(money[0].value, int)
    assert dict(money[0].meta) == meta


@pytest.mark.parametrize("text", ["khen thưởng 07 đồng chí đoàn viên", "mua hàng 0 đồng tại Chợ Tết", "5 đồng nghiệp"])
def test_not_money(text):
    assert figures(text, "money") == []


@pytest.mark.parametrize(
    ("text", "value"), [("đạt 100% chỉ tiêu", 100), ("thu đạt 113,5% dự toán", 113.5), ("có 98,7 % doanh nghiệp", 98.7)]
)
def test_percent(text, value):
    found = values(text, "percent")
    assert found == [value] and type(found[0]) is type(value)


def test_ratios_not_dates_or_documents():
    text = "Ngày 18/1, có 56/56 đơn vị và 42/45 chỉ tiêu; 2/2 đơn vị ký lại; Kế hoạch 45/KH-LĐLĐ; tháng 06/2024."
    assert values(text, "ratio", 2024) == [[56, 56], [42, 45], [2, 2]]
    assert values(text, "date", 2024) == ["2024-01-18", "2024-06"]
    assert values(text, "document") == ["45/KH-LĐLĐ"]
    assert figures(text, "count", 2024) == []


@pytest.mark.parametrize(
    ("text", "expected", "inferred"),
    [
        ("Ngày 30/01/2024, Công đoàn tổ chức Hội nghị", "2024-01-30", False),
        ("Hội nghị năm 2024.\n\nNgày 18/1, Công đoàn tổ chức", "2024-01-18", True),
        ("Sáng 12-4, Công đoàn tổ chức Đại hội trong năm 2023", "2023-04-12", True),
        ("Hội nghị năm 2024 vào sáng ngày 22/02.", "2024-02-22", True),
        ("Năm 2022, sáng ngày 26 tháng 7, Công đoàn tổ chức", "2022-07-26", True),
        ("ngày 10 tháng 10 năm 2023, Công đoàn", "2023-10-10", False),
        ("Thứ Ba, 14/05/2024 10:15", "2024-05-14", False),
        ("từ tháng 7/2024 áp dụng mức mới", "2024-07", False),
    ],
)
def test_dates(text, expected, inferred):
    dates = figures(text, "date")
    assert [d.value for d in dates] == [expected]
    assert bool(dates[0].meta.get("year_inferred")) is inferred


def test_day_month_right_after_a_date_is_a_date_not_a_ratio():
    text = "Công nhân được nghỉ lễ ngày 30/4 và 1/5 năm 2025; đạt 9/10 chỉ tiêu."
    assert values(text, "date") == ["2025-04-30", "2025-05-01"]
    assert values(text, "ratio") == [[9, 10]]


def test_not_dates():
    assert figures("sơ kết 6 tháng đầu năm 2022, năm 2023 và nhiệm kỳ 2023-2028", "date") == []


def test_year_is_not_taken_from_a_cited_documents_date():
    text = (
        "Hội nghị sơ kết năm 2022\n\nSáng ngày 26 tháng 7, Công đoàn sơ kết 5 năm thực hiện "
        "Nghị quyết 09/NQ-CĐVC ngày 03/8/2017 của Ban Chấp hành."
    )
    assert values(text, "date") == ["2022-07-26", "2017-08-03"]


def test_missing_year_falls_back_to_default_year():
    assert values("Sáng 14/5, Liên đoàn phát động Tháng Công nhân.", "date", 2031) == ["2031-05-14"]
    # Nothing gives the year: the date keeps none (ISO 8601's "--MM-DD"), see tests/test_news_dates.py.
    assert values("Sáng 14/5, Liên đoàn phát động Tháng Công nhân.", "date") == ["--05-14"]


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("thực hiện Nghị quyết 09/NQ-CĐVC của Ban Chấp hành", "09/NQ-CĐVC", "Nghị quyết"),
        ("quán triệt Nghị quyết số 02-NQ/TW ngày 12/6/2021", "02-NQ/TW", "Nghị quyết"),
        ("Kết luận số 01-KL/TW của Bộ Chính trị", "01-KL/TW", "Kết luận"),
        ("Chỉ thị số 05-CT/TW về", "05-CT/TW", "Chỉ thị"),
        ("triển khai Kế hoạch 45/KH-LĐLĐ về", "45/KH-LĐLĐ", "Kế hoạch"),
        ("So với Nghị định 145/2020/NĐ-CP của Chính phủ", "145/2020/NĐ-CP", "Nghị định"),
        ("theo Quyết định số 1234/QĐ-TLĐ", "1234/QĐ-TLĐ", "Quyết định"),
        ("phát động thi đua thực hiện Chỉ thị số 24 của Ban Thường vụ", "24", "Chỉ thị"),
    ],
)
def test_documents(text, number, kind):
    docs = figures(text, "document")
    assert [(d.text, d.value, d.meta.get("kind")) for d in docs] == [(number, number, kind)]


def test_nfd_input_after_nfc_normalisation_gives_the_same_figures():
    text = "Ngày 8/8/2024, Công ty có 3.450 công nhân, lao động nữ chiếm 82,6%; lương 4,8 triệu đồng/tháng."
    nfd_then_nfc = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text))
    assert extract_figures(nfd_then_nfc) == extract_figures(text)
    assert {e.type for e in extract_figures(text)} == {"date", "count", "percent", "money"}


def test_merge_drops_names_inside_documents_and_keeps_cross_type_overlaps():
    text = "Kế hoạch 45/KH-LĐLĐ của LĐLĐ tỉnh Hà Giang"
    names = [
        Entity("abbreviation", "LĐLĐ", 13, 17, "Liên đoàn Lao động"),
        Entity("abbreviation", "LĐLĐ", 24, 28, "Liên đoàn Lao động"),
        Entity("organization", "LĐLĐ tỉnh Hà Giang", 24, 42, "Liên đoàn Lao động tỉnh Hà Giang"),
        Entity("organization", "LĐLĐ tỉnh", 24, 33, "Liên đoàn Lao động tỉnh"),
        Entity("location", "tỉnh Hà Giang", 29, 42, "Hà Giang"),
    ]
    merged = merge_entities(names, extract_figures(text))
    assert [(e.type, e.text) for e in merged] == [
        ("document", "45/KH-LĐLĐ"),
        ("organization", "LĐLĐ tỉnh Hà Giang"),
        ("abbreviation", "LĐLĐ"),
        ("location", "tỉnh Hà Giang"),
    ]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Chương trình “Vì\n01 triệu sáng kiến", True),  # quotes never span lines
        ("“" + "x " * 250 + "5 người", True),  # an opening mark 500 characters back is too far
        ("“" + "x " * 150 + "5 người", False),
        ("“Tết” có 5 người", True),
        ('"Vì 5 người', False),
        ('"A" có 5 người', True),
        ("Chị nói: “có 5 người", True),  # quoted speech states facts
    ],
)
def test_counts_inside_quotes_are_names(text, counted):
    assert bool(figures(text, "count")) is counted


def test_numbers_glued_to_words_or_decimals_are_not_counts():
    text = "x5 người, 1.5 người, _5 người, ²5 người, 5 người"
    assert [(e.start, e.text) for e in figures(text, "count")] == [(41, "5 người")]


def test_repeated_lines_give_every_count_and_no_quoted_one():
    counts = figures("8.945 đoàn viên, " * 2000, "count")
    assert len(counts) == 2000 and {tuple(e.value.values()) for e in counts} == {(8945, "đoàn viên", False)}
    assert extract_figures("“01 triệu sáng kiến " * 2000) == []


def test_merge_orders_by_start_then_longest_then_type_and_keeps_the_longer_of_a_type():
    names = [
        Entity("organization", "B C", 2, 5, "B C"),
        Entity("location", "A B", 0, 3, "A B"),
        Entity("organization", "A B C", 0, 5, "A B C"),
        Entity("abbreviation", "A B", 0, 3, "A B"),
        Entity("person", "", 4, 4, ""),
    ]
    merged = merge_entities(names, [])
    assert [(e.type, e.start, e.end) for e in merged] == [
        ("organization", 0, 5),
        ("abbreviation", 0, 3),
        ("location", 0, 3),
        ("person", 4, 4),
    ]
