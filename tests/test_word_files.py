"""Word reports (.docx) are read as articles: paragraphs, tables and the document's title (documents built
here as Word lays them out: runs that split words, a table, a tab and a line break)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.word_files import read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(*runs: str) -> str:
    return "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>" + "".join(
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs) + "</w:p>"


def docx(body: str, title: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f"<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>")
        if title is not None:
            z.writestr("docProps/core.xml", '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.'
                       'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
                       f'elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>')
    return out.getvalue()


REPORT = (
    paragraph("BÁO CÁO KẾT QUẢ HỘI NGHỊ NGƯỜI LAO ĐỘNG NĂM 2025")
    + paragraph("Ngày 14/3/2025, Công đoàn Công ty May Hòa ", "Bình tổ chức Hội nghị người lao động năm 2025.")
    + paragraph("Dự hội nghị có đồng chí Nguyễn Thị Lan, Chủ tịch Công đoàn các Khu công nghiệp tỉnh Hòa Bình;",
                '</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">ông Phạm Văn Đức, Giám đốc công ty.')
    + "<w:tbl><w:tr><w:tc>" + paragraph("Chỉ tiêu") + "</w:tc><w:tc>" + paragraph("Kết quả") + "</w:tc></w:tr>"
    + "<w:tr><w:tc>" + paragraph("Đoàn viên kết nạp mới") + "</w:tc><w:tc>" + paragraph("120 người") + "</w:tc></w:tr>"
    + "</w:tbl>"
    + paragraph("Hội nghị đã trao 45 suất quà, mỗi suất trị giá 500.000 đồng.")
)


def test_a_word_report_is_read_as_an_article(tmp_path):
    (tmp_path / "bao-cao.docx").write_bytes(docx(REPORT, title="Báo cáo Hội nghị người lao động 2025"))
    result = load_paths([str(tmp_path)])
    assert not result.errors and len(result.articles) == 1
    article = result.articles[0]
    assert article.title == "Báo cáo Hội nghị người lao động 2025"
    # Runs that split a word are joined; a line break ends a line (a block, as in a text file); a table row
    # is one line.
    assert "Công đoàn Công ty May Hòa Bình tổ chức Hội nghị người lao động năm 2025." in article.text
    assert "tỉnh Hòa Bình;\n\nông Phạm Văn Đức" in article.text
    assert "Đoàn viên kết nạp mới | 120 người" in article.text
    analysis = analyse(article)
    assert analysis.date == "2025-03-14" and analysis.organiser == "Công đoàn Công ty May Hòa Bình"
    people = {f.label: f.value["roles"] for f in analysis.facts if f.kind == "people"}
    assert people == {"Nguyễn Thị Lan": ["Chủ tịch Công đoàn các Khu công nghiệp tỉnh Hòa Bình"],
                      "Phạm Văn Đức": ["Giám đốc Công ty May Hòa Bình"]}


def test_a_report_without_a_title_property_takes_its_first_line():
    body, meta = read_docx(docx(REPORT))
    assert meta == {} and body.startswith("BÁO CÁO KẾT QUẢ HỘI NGHỊ NGƯỜI LAO ĐỘNG NĂM 2025\n\nNgày 14/3/2025")


def test_damaged_and_old_word_files_are_one_clear_line_each(tmp_path):
    (tmp_path / "cut.docx").write_bytes(docx(REPORT)[:300])
    (tmp_path / "empty.docx").write_bytes(docx(""))
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "renamed.docx").write_text("Tin ngắn viết bằng Notepad", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Tin ngắn\n\nSáng 2/3/2026, Công đoàn trường tổ chức hội thao.\n", encoding="utf-8")
    result = load_paths([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Tin ngắn"]  # (.doc is no article suffix: not listed)
    errors = {Path(e.source).name: e.error for e in result.errors}
    assert errors["empty.docx"] == "no text in this Word document"
    assert errors["cut.docx"].startswith("damaged Word document (")
    assert errors["renamed.docx"] == "not a Word document (.docx files are zip archives)"
    old = load_paths([str(tmp_path / "old.doc")])
    assert [e.error for e in old.errors] == ["a Word 97–2003 or other Office binary file: save it as .docx to read it"]
