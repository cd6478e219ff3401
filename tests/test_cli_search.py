"""`unionreader search`: text and JSON output, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from unionreader.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(capsys, *argv):
    code = main(["search", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_output_on_the_bundled_seeds(capsys):
    code, out, _ = run(capsys, "Nguyen Duy Giag", "--format", "json", "--limit", "2")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "Nguyen Duy Giag" and data["ignored"] == []
    assert data["parsed"] == "nguyen AND duy AND giag*"
    assert 1 <= len(data["hits"]) <= 2
    top = data["hits"][0]
    assert set(top) >= {"id", "source", "title", "score", "snippet", "spans"}
    assert Path(top["source"]).name.startswith("001_")
    assert "Nguyễn Duy Giảng" in top["snippet"]
    assert [top["snippet"][a:b] for a, b in top["spans"]][-3:] == ["Nguyễn", "Duy", "Giảng"]


def test_text_output_highlights_and_lists_sources(capsys):
    code, out, _ = run(capsys, "8945", str(SEEDS))
    assert code == 0
    assert "002_66f5ade8deff3bdb.txt" in out and "8.945" in out


def test_no_hit_exits_1_and_reports_what_was_ignored(capsys):
    code, out, _ = run(capsys, 'zzqxw foo:qqqq "', "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["hits"] == [] and data["ignored"] == ["foo:", '"']


def test_bad_input_exits_2_with_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "cong", str(tmp_path / "missing.txt"))
    assert code == 2
    assert "missing.txt" in err and "Traceback" not in err
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(capsys, "cong", str(empty), str(SEEDS / "000_6b5fbc1cb4c64287.txt"))
    assert code == 0 and "empty.txt" in err


def test_limit_and_jsonl_input(capsys, tmp_path):
    lines = [
        {"title": f"Tin {i}", "text": f"Công đoàn cơ sở số {i} tổ chức hội nghị người lao động.", "date": f"2024-01-{i + 1:02d}"}
        for i in range(5)
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "hoi nghi ", str(path), "--format", "json", "--limit", "3")
    assert code == 0
    assert len(json.loads(out)["hits"]) == 3
    code, _, err = run(capsys, "x", "--limit", "0")
    assert code == 2 and "--limit" in err


def test_loading_for_search_counts_articles_and_shows_progress(tmp_path, capsys):
    import argparse

    from unionreader.cli import open_for_command
    from unionreader.corpus import count_articles

    fixtures = Path(__file__).resolve().parent / "fixtures"
    jsonl = fixtures / "inputs" / "articles.jsonl"
    lines = sum(1 for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip())
    own = sorted((fixtures / "articles").glob("*.txt"))
    assert count_articles([str(jsonl)]) == lines
    assert count_articles([str(fixtures / "articles"), str(jsonl)]) == len(own) + lines
    assert count_articles(["-"]) is None  # stdin: unknown until read

    analyses = open_for_command([str(fixtures / "articles")], argparse.Namespace(), progress=True).analyses
    assert [a.article.source for a in analyses] == [str(p) for p in own]
    assert all(a.entities for a in analyses)  # analysed as they were read
    assert "reading and analysing" in capsys.readouterr().err  # the bar went to stderr, not stdout
