"""Pilot test of the article list's right edge: with more articles than it shows (a scrollbar), every
line ends beside the scrollbar, not under it (a cut title or organiser keeps its ellipsis in view)."""

from __future__ import annotations

from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.widgets.article_list import ArticleList

BODIES = (
    "Công ty Trách nhiệm hữu hạn Một thành viên Cơ khí Chính xác Đông Bắc",
    "Công ty Cổ phần Chế biến Thủy sản Xuất khẩu Vịnh Hạ Long",
    "Trường Trung học phổ thông Chuyên Khoa học Tự nhiên Miền Trung",
)


def write_conference(folder, name: str, body: str, day: int) -> None:
    (folder / f"{name}.txt").write_text(
        f"Công đoàn {body} tổ chức thành công Hội nghị người lao động năm 2024 với nhiều nội dung mới\n\n"
        f"Ngày {day}/3/2024, Công đoàn {body} tổ chức Hội nghị người lao động năm 2024. "
        f"Đồng chí Nguyễn Văn Khải, Chủ tịch Công đoàn {body} chủ trì Hội nghị.\n",
        encoding="utf-8",
    )


async def test_a_long_list_ends_each_line_beside_its_scrollbar(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(30):
        write_conference(archive, f"a{i:02}", BODIES[i % len(BODIES)], 1 + i)
    app = UnionReaderApp([str(archive)], config=Config(), clipboard_commands=False)
    async with app.run_test(size=(100, 24)) as pilot:
        for _ in range(400):
            if not app.archive.loading and app.main_screen.results.result is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        listing = app.query_one(ArticleList)
        assert len(listing.docs) == 30
        assert listing.show_vertical_scrollbar  # 30 articles: more than it shows
        assert listing.scrollable_content_region.width < 40  # so titles and organisers are cut
        top, left = listing.content_region.y, listing.content_region.x
        right = listing.scrollable_content_region.right
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        for y in range(top, top + 6):  # titles and date · organiser lines alike
            shown = lines[y][left:right]
            assert shown.rstrip().endswith("…"), shown
