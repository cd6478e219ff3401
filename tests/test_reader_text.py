"""The reader's text helpers on their own: wrapped lines keep their offsets across paragraphs, each line's
styled Text is that line's slice, and `n`/`N` go to search hits before entities."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from unionreader.app.widgets.reader_text import cut_into_lines, jump_targets
from unionreader.app.widgets.wrap import wrap_lines
from unionreader.extract.models import Entity

TEXT = "Đồng chí Hà Thị Mơ phát biểu tại hội nghị\nCông đoàn ngành Y tế huyện Sơn Khê"


def test_wrapped_lines_are_offsets_into_the_text_and_fit_the_width():
    lines = wrap_lines(TEXT, 16)
    assert [TEXT[s:e] for s, e in lines] == [
        "Đồng chí Hà Thị", "Mơ phát biểu tại", "hội nghị", "Công đoàn ngành", "Y tế huyện Sơn", "Khê",
    ]


def test_each_line_keeps_its_styles():
    doc = Text(TEXT)
    person = Style(bold=True)
    doc.stylize(person, TEXT.index("Hà"), TEXT.index(" phát"))  # the name crosses a line break
    lines = wrap_lines(TEXT, 16)
    cut = cut_into_lines(doc, lines)
    assert [t.plain for t in cut] == [TEXT[s:e] for s, e in lines]
    assert [(s.start, s.end) for s in cut[0].spans if s.style == person] == [(9, 15)]
    assert [(s.start, s.end) for s in cut[1].spans if s.style == person] == [(0, 2)]


def test_jump_targets_are_the_hits_in_order_else_the_highlighted_entities():
    person = Entity("person", "Hà Thị Mơ", 9, 18, "Hà Thị Mơ")
    place = Entity("location", "Sơn Khê", TEXT.index("Sơn"), len(TEXT), "Sơn Khê")
    hits = [(50, 54), (3, 7)]
    assert [(t.kind, t.start) for t in jump_targets(hits, [person, place], ["person"])] == [("hit", 3), ("hit", 50)]
    targets = jump_targets((), [person, place], ["location"])
    assert [(t.kind, t.entity) for t in targets] == [("location", place)]
