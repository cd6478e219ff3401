"""Exports: golden Markdown/JSON/CSV files for hand-built facts, CSV quoting, atomic writes.

Regenerate the golden files with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py`
and review the diff by eye.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from unionreader import export
from unionreader.articles import Article, Paragraph
from unionreader.corpus import LoadError
from unionreader.extract.models import Analysis, Entity, Fact

GOLDEN = Path(__file__).parent / "golden"


def _analysis() -> Analysis:
    title = "Công đoàn X tổ chức Hội nghị người lao động năm 2024"
    body = 'Ngày 05/03/2024, Công đoàn X tổ chức Hội nghị. Đồng chí Trần Văn Bình, Chủ tịch "Công đoàn X", chủ trì.'
    text = f"{title}\n\n{body}"
    s0 = text.index("Ngày")
    s1 = text.index("Đồng chí")
    article = Article(
        id="a1b2c3d4", source="tin/hoi_nghi.txt", title=title, title_derived=False, text=text,
        paragraphs=(Paragraph("title", 0, len(title)), Paragraph("body", s0, len(text))),
        byline="Ngọc Ánh", raw=text,
    )
    sent0, sent1 = text[s0 : s1 - 1], text[s1:]
    date = Entity("date", "Ngày 05/03/2024", s0, s0 + 15, "2024-03-05")
    facts = (
        Fact("event", "Sự kiện", "Hội nghị người lao động năm 2024", title, 0, len(title)),
        Fact("event", "Ngày", {"iso": "2024-03-05", "text": "Ngày 05/03/2024"}, sent0, s0, s1 - 1, (0,)),
        Fact("organiser", "Đơn vị tổ chức", "Công đoàn X", sent0, s0, s1 - 1),
        Fact("people", "Trần Văn Bình",
             {"name": "Trần Văn Bình", "roles": ['Chủ tịch "Công đoàn X"', "Phó Giám đốc Y, Z"], "actions": ["chủ trì"]},
             sent1, s1, len(text)),
        Fact("figures", "Hỗ trợ Tết", {"display": "75 triệu đồng", "number": 75_000_000, "type": "money"},
             "Dòng một,\nhai", s1, len(text)),
        Fact("awards", "Bằng khen", {"award": "Bằng khen", "type": "Bằng khen", "from": "LĐLĐ tỉnh",
                                     "collectives": 2, "individuals": 3}, sent1, s1, len(text)),
        Fact("documents", "Nghị quyết", {"kind": "Nghị quyết", "number": "02-NQ/TW", "date": "2021-06-12",
                                         "issuer": "Bộ Chính trị"}, sent1, s1, len(text)),
        Fact("abbreviations", "LĐLĐ", "Liên đoàn Lao động", sent1, s1, len(text)),
        Fact("abbreviations", "CĐCS", None, sent1, s1, len(text)),
        Fact("byline", "Phóng viên", "Ngọc Ánh", "", 0, 0),
    )
    return Analysis(article, (date,), facts, "2024-03-05", "Công đoàn X")


def _check_golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert got == path.read_bytes().decode("utf-8")


def test_markdown_golden():
    _check_golden("facts.md", export.to_markdown([_analysis()]))


def test_json_golden_and_schema():
    text = export.to_json([_analysis()], errors=[LoadError("bad.txt", "empty file")])
    _check_golden("facts.json", text)
    doc = json.loads(text)
    assert doc["schema"] == "unionreader/facts-v1"
    assert doc["errors"] == [{"source": "bad.txt", "error": "empty file"}]
    [article] = doc["articles"]
    for field in ("id", "source", "title", "title_derived", "date", "byline", "text", "entities", "facts"):
        assert field in article
    for fact in article["facts"]:
        if fact["end"] > fact["start"]:
            assert article["text"][fact["start"] : fact["end"]] == fact["text"] or fact["kind"] == "figures"


def test_csv_golden_and_round_trip_through_a_csv_reader():
    text = export.to_csv([_analysis()])
    _check_golden("facts.csv", text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(export.CSV_COLUMNS)
    people = next(r for r in rows if r[2] == "people")
    assert people[4] == 'Chủ tịch "Công đoàn X"; Phó Giám đốc Y, Z (chủ trì)'  # quotes and commas survive
    figure = next(r for r in rows if r[2] == "figures")
    assert figure[5] == "Dòng một,\nhai"  # a newline inside a field survives
    assert all(len(r) == len(export.CSV_COLUMNS) for r in rows)


def test_tsv_uses_tabs():
    rows = list(csv.reader(io.StringIO(export.to_csv([_analysis()], delimiter="\t"), newline=""), delimiter="\t"))
    assert rows[0] == list(export.CSV_COLUMNS)
    assert ["a1b2c3d4", _analysis().article.title, "figures", "Hỗ trợ Tết", "75 triệu đồng"] == rows[5][:5]


def test_kinds_filter_every_format():
    a = [_analysis()]
    assert "### Thành phần (People)" in export.to_markdown(a, kinds=["people"])
    assert "Số liệu" not in export.to_markdown(a, kinds=["people"])
    assert {f["kind"] for f in json.loads(export.to_json(a, kinds=["figures"]))["articles"][0]["facts"]} == {"figures"}
    assert {r[2] for r in list(csv.reader(io.StringIO(export.to_csv(a, kinds=["awards"]))))[1:]} == {"awards"}


def test_one_fact_markdown():
    facts = {f.label: f for f in _analysis().facts}
    assert export.fact_to_markdown(facts["Ngày"]) == "- **Ngày:** 05/03/2024 (2024-03-05)"
    assert export.fact_to_markdown(facts["Trần Văn Bình"]) == (
        '- **Trần Văn Bình** — Chủ tịch "Công đoàn X"; Phó Giám đốc Y, Z (chủ trì)'
    )
    assert export.fact_display_value(facts["Bằng khen"]) == "của LĐLĐ tỉnh; cho 2 tập thể, 3 cá nhân"
    assert export.fact_display_value(facts["CĐCS"]) == "—"


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    export.write_atomic(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old content", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        export.write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_writes_through_a_named_pipe_instead_of_replacing_it(tmp_path):
    # /dev/null, /dev/stdout and pipes are not files to replace: a rename would leave a plain file there
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    export.write_atomic(pipe, "Công đoàn")
    reader.join(timeout=10)
    assert received == ["Công đoàn".encode()]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_write_atomic_to_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "reports" / "facts.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    export.write_atomic(link, "mới")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in real.parent.iterdir()) == ["facts.md"]
