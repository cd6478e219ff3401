"""Reports laid out as official documents (văn bản hành chính): the heading gives the title, date and source,
the distribution list goes, the signature names the signer in a role (fixtures written for these tests: a
text copy, a Word file built here, and a PDF laid out by fpdf2 with the heading in two columns)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from unionreader.articles import parse_article
from unionreader.corpus import load_bytes, load_paths
from unionreader.extract import analyse
from unionreader.official_documents import is_official

FIXTURES = Path(__file__).parent / "fixtures" / "official"
sys.path.insert(0, str(Path(__file__).parent))
from test_word_files import docx, paragraph  # noqa: E402


def facts_of(article):
    analysis = analyse(article)
    people = {f.label: f.value["roles"] for f in analysis.facts if f.kind == "people"}
    source = [f.value for f in analysis.facts if f.kind == "byline" and f.label == "Nguồn"]
    return analysis, people, source


def check_report(article):
    assert article.title == "Báo cáo sơ kết công tác công đoàn 6 tháng đầu năm 2024"
    assert article.published == "2024-06-12"  # the signing date
    for heading in ("CỘNG HÒA", "Độc lập", "Nơi nhận", "Lưu VT", "TM. BAN"):
        assert heading not in article.text, heading
    assert "Số: 27/BC-CĐN" in article.text  # the number stays, a document fact
    analysis, people, source = facts_of(article)
    assert analysis.date == "2024-05-20"  # "Ngày 20/5" in a report signed in June 2024, not the signing date
    assert analysis.organiser == "Công đoàn ngành Giáo dục"
    assert people["Nguyễn Văn Thắng"] == ["Chủ tịch"]  # the signer, not a reporter
    assert not [f for f in analysis.facts if f.kind == "byline" and f.label == "Phóng viên"]
    assert source and "CÔNG ĐOÀN NGÀNH GIÁO DỤC" in str(source[0])


def test_a_report_copied_as_text_with_its_heading_in_two_columns():
    check_report(load_paths([str(FIXTURES / "bao_cao_so_ket_nganh_giao_duc.txt")]).articles[0])


def test_a_pdf_report_whose_heading_columns_share_lines():
    pytest.importorskip("pypdf")
    check_report(load_paths([str(FIXTURES / "bao_cao_so_ket.pdf")]).articles[0])


def test_a_word_report_whose_heading_is_a_table():
    header = ("<w:tbl><w:tr><w:tc>" + paragraph("LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN") + paragraph("CÔNG ĐOÀN NGÀNH GIÁO DỤC")
              + paragraph("Số: 27/BC-CĐN") + "</w:tc><w:tc>" + paragraph("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
              + paragraph("Độc lập – Tự do – Hạnh phúc") + paragraph("Nghệ An, ngày 12 tháng 6 năm 2024")
              + "</w:tc></w:tr></w:tbl>")
    body = (header + paragraph("BÁO CÁO") + paragraph("Sơ kết công tác công đoàn 6 tháng đầu năm 2024")
            + paragraph("Trong 6 tháng đầu năm, Công đoàn ngành Giáo dục đã kết nạp 430 đoàn viên mới. Ngày 20/5, "
                        "Công đoàn ngành tổ chức Hội nghị sơ kết với sự tham dự của đồng chí Hồ Thị Minh, Phó Chủ "
                        "tịch LĐLĐ tỉnh.")
            + paragraph("Nơi nhận:") + paragraph("- LĐLĐ tỉnh (b/c);") + paragraph("- Lưu VT.")
            + paragraph("TM. BAN THƯỜNG VỤ") + paragraph("CHỦ TỊCH") + paragraph("(Đã ký)") + paragraph("Nguyễn Văn Thắng"))
    # (The file's title property, a template's, gives way to the heading's kind and subject.)
    [article] = load_bytes("bao-cao.docx", docx(body, title="Mẫu báo cáo"))
    check_report(article)


def test_news_that_names_the_state_is_no_official_document():
    page = ("Kỷ niệm 79 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam\n\nSáng 2/9/2024, Công đoàn "
            "ngành Giáo dục tổ chức lễ chào cờ.\n\nThanh Hà")
    assert not is_official(page)
    article = parse_article(page, "tin.txt")
    assert article.title == "Kỷ niệm 79 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert article.byline == "Thanh Hà"
