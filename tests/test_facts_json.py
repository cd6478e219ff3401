"""The facts JSON document written in UTF-8 pieces is byte for byte what the plain encoder writes.

Each shortcut of ``facts_json`` (strings checked and escaped as bytes, encodings kept per document, lines
written field by field) is compared with ``json.dumps(..., ensure_ascii=False)`` of the same value, and the
whole document with the document built the plain way: a dict per entity and fact, each list joined in turn.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unionreader import export, facts_json
from unionreader.articles import Article, Paragraph
from unionreader.corpus import LoadError
from unionreader.extract.models import Analysis, Entity, Fact


def _plain(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


_TRICKY = ['Công đoàn "Việt"\n\\ \u2028', "Dòng một\nhai", "\t\r\x0c\x08\x00\x1f\x7f", '"', "\\n", "", "ư" * 70]


@given(st.text(alphabet=st.sampled_from('ab "\\\n\t\r\x00\x1f\x7fđưỜ\u2028\U0001f600/'), max_size=40) | st.text())
def test_a_string_is_what_the_encoder_writes(text):
    assert facts_json._string_json(text) == _plain(text)


def test_values_are_what_the_encoder_writes():
    for value in [*_TRICKY, None, True, False, 0, -7, 2**70, 2.5, float("1e300"), ["a", 1], {"k": None}]:
        assert facts_json._value_json(value) == _plain(value)


def _lines(write, items, *args):
    """The lines ``write`` puts on a list of pieces, twice: the second time from what the first one kept."""
    kept = facts_json._Kept()
    for _ in range(2):
        parts = []
        write(items, parts, kept, *args)
        yield b"".join(parts).split(facts_json._ENTITY_SEPARATOR)


def test_entity_lines_are_what_the_encoder_writes_for_their_dicts():
    values = [*_TRICKY, None, True, False, 0, 1, -12, 2.5, 1.0, {"amount": 1500000, "unit": "đồng"},
              [1, "a", None], {"iso": "2024-01-30", "year_inferred": True}]
    entities = [Entity("money", "1,5 triệu đồng", 3, 17, value) for value in values]
    entities += [
        Entity("date", "30/1", 0, 4, "2024-01-30", {"year_inferred": True}),
        Entity("date", "30/1", 0, 4, "--01-30", {"year_unknown": True, "note": "Tết \"Giáp Thìn\""}),
        Entity("date", "30/1", 0, 4, "x", {"value": "thay", "type": 1}),  # a field the meta overrides
        Entity("date", "30/1", 0, 4, "x", {1: "một", None: 2}),  # keys the encoder spells
        Entity("person", "Nguyễn Văn An", True, 2.0, "Nguyễn Văn An"),
        Entity("person", 'Tên "lạ"\n', 1, 9, None),
        Entity(None, 5, 1, 9, 1),
    ]
    for lines in _lines(facts_json._entity_lines, entities):
        assert lines == [_plain(e.to_json()) for e in entities]


def test_fact_lines_are_what_the_encoder_writes_for_their_dicts():
    values = [*_TRICKY, None, True, 7, 1, 2.5, {"number": 120, "display": "120 đoàn viên"}, [1, "a"],
              {"roles": ["Chủ tịch"], "actions": ["chủ trì"]}]
    entity_lists = [(), (0,), (1,), (2, 5), (True,), (1, False), (1.0,), ("3",), [4, 6]]
    facts = [Fact("figures", "Đoàn viên", v, "Có 120 đoàn viên dự.\n", 0, 21, ids) for v in values for ids in entity_lists]
    facts += [Fact("people", 5, "x", "Câu.", 0, 4, (1,)), Fact("event", "Ngày", "x", "Câu.", 0, True, (0,)),
              Fact(None, "Nhãn", "x", None, 0, 4, (0,)), Fact("event", "Ngày", {"iso": "2024-01-30", "text": "Sáng 30/1"},
                                                             "Sáng 30/1, …", 0, 12, (1,)),
              Fact("byline", "Tác giả", "Minh Anh", "", 0, 0)]
    display = export.fact_display_value
    for lines in _lines(facts_json._fact_lines, facts, display):
        assert lines == [_plain(facts_json._fact_json(f, display)) for f in facts]


def _document_the_plain_way(analyses, errors=(), kinds=None) -> str:
    """The document as first written: a dict per entity and fact, each list, article and the article list
    joined in turn, the whole encoded at the end."""
    def listed(items, indent):
        if not items:
            return "[]"
        inner = indent + "  "
        return "[\n" + inner + (",\n" + inner).join(json.dumps(i, ensure_ascii=False) for i in items) + "\n" + indent + "]"

    blocks = []
    for analysis in analyses:
        a = analysis.article
        facts = [f for f in analysis.facts if kinds is None or f.kind in kinds]
        article = {
            "id": a.id, "source": a.source, "title": "" if a.title_derived else a.title,
            "title_derived": a.title_derived, "display_title": a.title, "date": analysis.date,
            "organiser": analysis.organiser, "published": a.published, "url": a.url, "byline": a.byline,
            "text": a.text, "entities": [e.to_json() for e in analysis.entities],
            "facts": [facts_json._fact_json(f, export.fact_display_value) for f in facts],
        }
        fields = [f"      {json.dumps(key)}: "
                  f"{listed(value, '      ') if key in ('entities', 'facts') else json.dumps(value, ensure_ascii=False)}"
                  for key, value in article.items()]
        blocks.append("    {\n" + ",\n".join(fields) + "\n    }")
    shown = "[\n" + ",\n".join(blocks) + "\n  ]" if blocks else "[]"
    errors = [facts_json._error_json(e) for e in errors]
    return f'{{\n  "schema": "unionreader/facts-v1",\n  "articles": {shown},\n  "errors": {listed(errors, "  ")}\n}}\n'


def _analysis(number: int, facts: bool = True) -> Analysis:
    title = f"Công đoàn \"cơ sở\" {number} tổ chức hội nghị"
    text = f"{title}\n\nSáng 12/4, {number} đoàn viên dự hội nghị.\tChủ tịch Nguyễn Văn Bình chủ trì."
    article = Article(id=f"a{number}", source=f"tin/{number}.txt", title=title, title_derived=number % 2 == 0,
                      text=text, paragraphs=(Paragraph("title", 0, len(title)),), byline=None, raw=text)
    s = text.index("Sáng")
    entities = (Entity("date", "12/4", s + 5, s + 9, "--04-12", {"year_unknown": True}),
                Entity("figure", str(number), s + 11, s + 11 + len(str(number)), number),
                Entity("person", "Nguyễn Văn Bình", text.index("Nguyễn"), text.index("Nguyễn") + 15, "Nguyễn Văn Bình"))
    made = (Fact("figures", "Đoàn viên", {"number": number, "display": f"{number} đoàn viên"}, text[s:], s, len(text), (1,)),
            Fact("people", "Nguyễn Văn Bình", {"roles": ["Chủ tịch"], "actions": ["chủ trì"]}, text[s:], s, len(text), (2,)),
            Fact("abbreviations", "CĐ", None, text[s:], s, len(text)))
    return Analysis(article, entities if number % 3 else (), made if facts else (), "2024-04-12" if number % 2 else None,
                    "Công đoàn" if number % 2 else None)


def test_the_document_is_the_document_built_the_plain_way():
    errors = [LoadError("hỏng.txt", "empty file"), {"source": "b.txt", "error": 'lỗi "x"'}]
    cases = [([], []), ([], errors), ([_analysis(1)], []), ([_analysis(i, i != 2) for i in range(1, 7)], errors)]
    for analyses, errs in cases:
        for kinds in (None, ["people"], []):
            document = export.to_json(analyses, errs, kinds)
            assert document == _document_the_plain_way(analyses, errs, kinds)
            assert len(json.loads(document)["articles"]) == len(analyses)


def test_what_a_document_keeps_is_bounded_and_changes_nothing(monkeypatch):
    """The encodings a document keeps for the next look-up stop growing at ``_KEPT_LIMIT`` entries (a
    100,000-article export must not hold every name it met), and the document stays the same."""
    analyses = [_analysis(i) for i in range(1, 30)]
    expected = _document_the_plain_way(analyses)
    tables = []
    real_kept = facts_json._Kept

    def watched() -> facts_json._Kept:
        tables.append(real_kept())
        return tables[-1]

    monkeypatch.setattr(facts_json, "_Kept", watched)
    monkeypatch.setattr(facts_json, "_KEPT_LIMIT", 3)
    assert export.to_json(analyses) == expected
    kept = tables[-1]
    assert all(len(table) <= 3 for table in (kept.strings, kept.types, kept.kinds, kept.numbers))
    assert len(kept.strings) == 3 and len(kept.numbers) == 3


def test_the_written_export_is_the_rendered_one(tmp_path):
    analyses = [_analysis(i) for i in range(1, 5)]
    target = tmp_path / "facts.json"
    assert export.write_export(target, analyses, [LoadError("x.txt", "empty file")]) == "json"
    assert target.read_bytes() == export.render("json", analyses, [LoadError("x.txt", "empty file")]).encode()


def test_an_error_while_the_pieces_are_made_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "facts.json"
    target.write_text("cũ", encoding="utf-8")
    broken = _analysis(3)
    broken = Analysis(broken.article, (*broken.entities, Entity("date", "x", 0, 1, object())), broken.facts)
    with pytest.raises(TypeError):  # (an object the encoder cannot write, after a first article written)
        export.write_export(target, [_analysis(1), broken])
    assert target.read_text(encoding="utf-8") == "cũ"
    assert os.listdir(tmp_path) == ["facts.json"]


def test_write_atomic_writes_pieces_of_bytes(tmp_path):
    target = tmp_path / "out.json"
    export.write_atomic(target, iter([b"{", "Công đoàn".encode(), b"}"]))
    assert target.read_text(encoding="utf-8") == "{Công đoàn}"
