"""PDF reports are read as articles, their page-broken lines put back into paragraphs (the fixture report was
written for these tests and laid out by fpdf2 with DejaVu Sans; pypdf, the pdf extra, reads it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionreader.corpus import load_bytes, load_paths
from unionreader.extract import analyse
from unionreader.pdf_files import reflow, usual_line_length

REPORT = Path(__file__).parent / "fixtures" / "pdf" / "bao_cao_hoi_nghi.pdf"


def test_a_pdf_report_is_read_with_its_lines_put_back_into_paragraphs():
    pytest.importorskip("pypdf")
    result = load_paths([str(REPORT)])
    assert not result.errors and len(result.articles) == 1
    article = result.articles[0]
    assert article.title == "Báo cáo Hội nghị người lao động năm 2025"  # the document's title property
    # "… Phó" / "Chủ tịch Liên đoàn …" were two lines of the page: one paragraph again, the role whole.
    assert ("Dự hội nghị có đồng chí Nguyễn Thị Thanh Hương, Phó Chủ tịch Liên đoàn Lao động tỉnh Đồng Nai; "
            "ông Lâm Quốc Bảo, Tổng giám đốc công ty cùng 320 đại biểu") in article.text
    paragraphs = article.text.split("\n\n")
    assert "CÔNG ĐOÀN CÔNG TY TNHH GIÀY DA PHÚC THỊNH" in paragraphs  # a heading stays a paragraph of its own
    assert paragraphs[-3:] == ["Nơi nhận:", "- LĐLĐ tỉnh Đồng Nai;", "- Lưu VT."]
    analysis = analyse(article)
    # The date is in the third paragraph, after two headings in capitals: still the lead's.
    assert analysis.date == "2025-03-18"
    people = {f.label: f.value["roles"] for f in analysis.facts if f.kind == "people"}
    assert people == {"Nguyễn Thị Thanh Hương": ["Phó Chủ tịch Liên đoàn Lao động tỉnh Đồng Nai"],
                      "Lâm Quốc Bảo": ["Tổng giám đốc Công ty TNHH Giày da Phúc Thịnh"]}


def test_reflow_ends_paragraphs_at_short_sentence_ends_headings_and_list_items_and_drops_page_numbers():
    page = ("BÁO CÁO TỔNG KẾT\n"
            "Năm 2024, Công đoàn cơ sở đã tổ chức nhiều hoạt động chăm lo cho đoàn viên và người\n"
            "lao động, trong đó có chương trình Tết Sum vầy cho hơn 500 công nhân ở xa quê, được\n"
            "đoàn viên đồng tình.\n"
            "Trang 1/3\n"
            "Các chỉ tiêu chính:\n"
            "1. Kết nạp 120 đoàn viên mới;\n"
            "2. Thăm hỏi 45 đoàn viên ốm đau.\n")
    assert reflow(page, usual_line_length([page])) == [
        "BÁO CÁO TỔNG KẾT",
        "Năm 2024, Công đoàn cơ sở đã tổ chức nhiều hoạt động chăm lo cho đoàn viên và người lao động, trong đó "
        "có chương trình Tết Sum vầy cho hơn 500 công nhân ở xa quê, được đoàn viên đồng tình.",
        "Các chỉ tiêu chính:",
        "1. Kết nạp 120 đoàn viên mới;",
        "2. Thăm hỏi 45 đoàn viên ốm đau.",
    ]


def test_damaged_and_textless_pdfs_are_one_clear_line_each(caplog):
    pytest.importorskip("pypdf")
    data = REPORT.read_bytes()
    flipped = bytearray(data)
    flipped[2300:2310] = b"\xad" * 10  # inside the font's widths: the reader logs what it skips
    assert len(load_bytes("flipped.pdf", bytes(flipped))) == 1
    cut = load_bytes("cut.pdf", data[: len(data) // 3])
    assert len(cut) == 1 and cut[0].error.startswith(("damaged PDF", "no text in this PDF"))
    garbage = load_bytes("x.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert len(garbage) == 1 and garbage[0].error.startswith(("damaged PDF", "no text in this PDF"))
    # pypdf's own notes on what it repairs ("EOF marker not found") stay off the user's terminal.
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []


def test_without_the_pdf_extra_a_pdf_is_one_line_saying_how_to_read_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pypdf", None)  # (import pypdf now raises ImportError)
    [error] = load_bytes(str(REPORT), REPORT.read_bytes())
    assert error.error == "reading PDF files needs the pdf extra: pip install 'unionreader[pdf]'"


def test_a_title_property_that_only_names_a_file_is_no_title():
    from unionreader.pdf_files import _is_real_title

    assert _is_real_title("Báo cáo Hội nghị người lao động năm 2025")
    for junk in ("Microsoft Word - BC HN NLD 2025.docx", "baocao.pdf", "Untitled", "Microsoft Word", "  "):
        assert not _is_real_title(junk), junk
