"""Saved news pages (.html) are read as articles: the article's blocks without the page furniture, and the
title, date, address and publication the page gives (fixture pages written for these tests)."""

from __future__ import annotations

from pathlib import Path

from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.html_pages import looks_like_html, read_html_page

PAGE = Path(__file__).parent / "fixtures" / "html" / "hoi_nghi_nguoi_lao_dong.html"


def test_a_saved_news_page_gives_its_article_without_the_page_furniture():
    result = load_paths([str(PAGE)])
    assert not result.errors and len(result.articles) == 1
    article = result.articles[0]
    assert article.title == "Công đoàn Công ty May Sông Hồng tổ chức Hội nghị người lao động năm 2025"
    assert article.text.startswith(article.title + "\n\nSáng 6/2, Công đoàn Công ty May Sông Hồng")
    assert article.text.endswith("đã ký kết Thỏa ước lao động tập thể với nhiều điều khoản có lợi hơn quy định "
                                 "của pháp luật.")
    for furniture in ("dataLayer", "Trang chủ", "Pháp luật", "Chia sẻ", "Tin liên quan", "Đọc nhiều", "Giá vàng",
                      "Bình luận", "Cơ quan chủ quản", "ads", "color: red"):
        assert furniture not in article.text, furniture
    assert article.text.count(article.title) == 1  # the <h1> is the title, not a paragraph again
    assert (article.published, article.url, article.origin, article.byline) == (
        "2025-02-07", "https://nldthudo.example.vn/cong-doan/hoi-nghi-nguoi-lao-dong-2025-123.html",
        "Báo Người Lao Động Thủ Đô", "Thanh Hương")


def test_a_date_without_a_year_takes_the_year_the_page_was_published():
    analysis = analyse(load_paths([str(PAGE)]).articles[0])
    assert analysis.date == "2025-02-06"  # "Sáng 6/2" in a page published on 7 February 2025
    source = [f.value for f in analysis.facts if f.kind == "byline" and f.label == "Nguồn"]
    assert source and "Báo Người Lao Động Thủ Đô" in str(source[0])


def test_a_page_without_an_article_element_gives_its_body_and_a_site_name_leaves_the_title():
    body, meta = read_html_page(
        "<html><head><title>Khai mạc hội thao công nhân | Báo Lao Động</title>"
        '<meta name="pubdate" content="12/05/2024 08:30"></head><body><div class="menu">Trang chủ</div>'
        "<h2>Khai mạc hội thao công nhân</h2><p>Sáng 11/5, hơn 500 công nhân tham gia hội thao.</p>"
        "<p>Giải kéo dài <b>hai</b> ngày &amp; có 8 môn thi.</p></body></html>")
    assert meta == {"title": "Khai mạc hội thao công nhân", "date": "2024-05-12"}
    # (The headline, the page's first block, is the title: not repeated in the text.)
    assert body == "Sáng 11/5, hơn 500 công nhân tham gia hội thao.\n\nGiải kéo dài hai ngày & có 8 môn thi."


def test_a_page_left_unclosed_still_gives_its_text():
    body, meta = read_html_page("<html><body><div><p>Công đoàn trao 30 suất quà.<p>Mỗi suất trị giá 1 triệu đồng.")
    assert body == "Công đoàn trao 30 suất quà.\n\nMỗi suất trị giá 1 triệu đồng."
    assert meta == {}


def test_html_is_recognised_by_its_content_and_a_page_without_text_is_one_clear_line(tmp_path):
    (tmp_path / "saved.txt").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.html").write_text("<!doctype html><html><head><script>var a;</script></head><body>"
                                         "<nav>Trang chủ</nav></body></html>", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    result = load_paths([str(tmp_path)])
    assert [a.title for a in result.articles] == [
        "Công đoàn Công ty May Sông Hồng tổ chức Hội nghị người lao động năm 2025"]
    assert [(Path(e.source).name, e.error) for e in result.errors] == [
        ("empty.html", "no article text in this web page")]
    assert looks_like_html("\ufeff  <!DOCTYPE html><html>") and not looks_like_html("Tin <b>ngắn</b>")


def test_without_an_article_element_the_element_named_for_the_story_is_read_not_the_lists_beside_it():
    story = ("Chiều 20/8, Liên đoàn Lao động tỉnh Quảng Ngãi tổ chức lễ trao 50 “Mái ấm Công đoàn” cho đoàn viên "
             "có hoàn cảnh khó khăn. Mỗi căn được hỗ trợ 50 triệu đồng.")
    page = (
        "<!DOCTYPE html><html><head><title>Trao 50 Mái ấm Công đoàn</title></head><body>"
        '<div class="wrapper main-content"><div class="col-left">'
        '<div class="detail-content"><p>' + story + "</p><p>Đoàn viên Trần Văn Nam xúc động nhận nhà mới.</p></div>"
        "</div><div class='col-right'><ul><li>Giá xăng giảm mạnh từ chiều nay</li>"
        "<li>Đội tuyển bóng đá nữ tập trung chuẩn bị giải châu Á</li></ul></div></div></body></html>")
    body, meta = read_html_page(page)
    assert body == story + "\n\nĐoàn viên Trần Văn Nam xúc động nhận nhà mới."
    assert meta == {"title": "Trao 50 Mái ấm Công đoàn"}


def test_a_crawl_s_jsonl_records_may_hold_the_page_or_markup_instead_of_text(tmp_path):
    import json

    page = PAGE.read_text(encoding="utf-8")
    lines = [
        {"html": page, "url": "https://example.vn/ban-sao.html"},  # the record's own address wins
        {"text": "<p>Sáng 3/4, Công đoàn trường tổ chức hội thao.</p><p>Có 120 đoàn viên tham gia.</p>",
         "title": "Hội thao công đoàn trường", "date": "2024-04-03"},
        {"text": "Công đoàn dùng thẻ <b> trong bản tin nội bộ."},  # prose that mentions a tag stays prose
        {"title": "Không có nội dung"},
    ]
    (tmp_path / "crawl.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n",
                                          encoding="utf-8")
    result = load_paths([str(tmp_path)])
    first, second, third = result.articles
    assert first.title == "Công đoàn Công ty May Sông Hồng tổ chức Hội nghị người lao động năm 2025"
    assert (first.url, first.origin, first.published) == (
        "https://example.vn/ban-sao.html", "Báo Người Lao Động Thủ Đô", "2025-02-07")
    assert "dataLayer" not in first.text and "Trang chủ" not in first.text
    assert second.text == "Hội thao công đoàn trường\n\nSáng 3/4, Công đoàn trường tổ chức hội thao.\n\nCó 120 đoàn viên tham gia."
    assert "<b>" in third.text
    assert [(Path(e.source).name, e.error) for e in result.errors] == [
        ("crawl.jsonl:4", 'JSON line has no "text" (or "html")')]


def test_a_page_wrapped_in_one_form_as_asp_net_pages_are_keeps_its_text():
    body, _ = read_html_page(
        '<html><body><form id="form1" method="post"><div class="noidung"><p>Sáng 9/9, Công đoàn Viên chức tỉnh '
        "tổ chức hội nghị tổng kết.</p></div><div class='binh-luan comment'><textarea>Ý kiến</textarea></div>"
        "</form></body></html>")
    assert body == "Sáng 9/9, Công đoàn Viên chức tỉnh tổ chức hội nghị tổng kết."
