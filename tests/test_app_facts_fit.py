"""The facts sidebar keeps a fact's value in view: a long label is cropped, not the value."""

from __future__ import annotations

from test_app import wait_loaded
from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.widgets.facts import FactsTree, fact_label
from unionreader.extract.models import Fact

ARTICLE = (
    "Tỉnh tổng kết năm 2025\n\nSáng 12/1/2026, Liên đoàn Lao động tỉnh Hòa Bình tổ chức hội nghị tổng kết.\n\n"
    "Trong giai đoạn tới, tỉnh đặt mục tiêu tăng trưởng bình quân 7,25% mỗi năm.\n"
)


async def test_a_long_figure_label_gives_way_to_its_value(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    app = UnionReaderApp([str(tmp_path)], config=Config(), clipboard_commands=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        tree = app.query_one(FactsTree)
        assert tree.size.width < 60  # (the sidebar is narrower than the label and its value)
        lines = [tree.render_line(y).text for y in range(tree.size.height)]
        rate = [line for line in lines if "7,25%" in line]
        assert rate and "…: 7,25%" in rate[0], lines
        organiser = [line for line in lines if "Liên đoàn" in line]
        assert organiser and "Đơn vị tổ chức: " in organiser[0]  # a long value leaves its label whole


def test_fact_label_crops_the_label_only_when_it_must():
    fact = Fact("figures", "Thành phố đặt mục tiêu tăng trưởng bình quân mỗi năm", {"display": "7%"}, "", 0, 0)
    assert fact_label(fact).plain == "Thành phố đặt mục tiêu tăng trưởng bình quân mỗi năm: 7%"
    assert fact_label(fact, 200).plain == fact_label(fact).plain
    assert fact_label(fact, 20).plain == "Thành phố đặt m…: 7%"
    # Too narrow for the value beside a short label: the label stays whole, and the line is cropped.
    assert fact_label(fact, 9).plain == fact_label(fact).plain
