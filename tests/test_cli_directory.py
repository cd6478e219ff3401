"""`unionreader people` and `unionreader orgs`: formats, --min-articles, --sort, atomic output, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from unionreader.cli import main

FIXTURES = str(Path(__file__).parent / "fixtures" / "directory")


def test_people_json_merges_and_keeps_namesakes_apart(capsys):
    assert main(["people", FIXTURES, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "unionreader/people-v1" and doc["errors"] == []
    names = [p["name"] for p in doc["people"]]
    assert names.count("Trương Minh Khuê") == 2  # the federation's chair and a company director
    hoa = next(p for p in doc["people"] if p["name"] == "Quách Thúy Hòa")
    assert hoa["articles"] == 2 and hoa["first"] == "2024-02-02" and hoa["last"] == "2024-12-18"
    assert hoa["roles"] == [{"title": "Chủ tịch", "body": "Công đoàn cơ sở Ủy ban nhân dân huyện Đơn Dương",
                             "first": "2024-02-02", "last": "2024-12-18", "articles": 2}]
    assert hoa["actions"]["chủ trì"] == 2
    assert [a["date"] for a in hoa["article_list"]] == ["2024-12-18", "2024-02-02"]


def test_people_markdown_with_min_articles(capsys):
    assert main(["people", FIXTURES, "--min-articles", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Người (People): 3\n")  # Uyên, Hòa and the federation chair
    assert "### Quách Thúy Hòa" in out and "Lò Văn Sính" not in out
    assert "- Chủ tịch, Liên đoàn Lao động tỉnh Lâm Đồng (2024-01-10 – 2024-01-25; 2 article(s))" in out


def test_people_sorted_by_name(capsys):
    assert main(["people", FIXTURES, "--format", "json", "--sort", "name"]) == 0
    names = [p["name"] for p in json.loads(capsys.readouterr().out)["people"]]
    assert names[0] == "Đàm Thị Uyên" and names[1] == "Lò Văn Sính"


def test_orgs_csv_to_a_file_with_bom(tmp_path, capsys):
    out = tmp_path / "donvi.csv"
    out.write_text("old", encoding="utf-8")
    assert main(["orgs", FIXTURES, "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["name", "articles", "first", "last", "events", "people", "figures", "spellings"]
    federation = next(r for r in rows if r[0] == "Liên đoàn Lao động tỉnh Lâm Đồng")
    assert federation[1] == "2" and "Hỗ trợ Tết: 960 triệu đồng" in federation[6]
    assert "LĐLĐ tỉnh Lâm Đồng" in federation[7]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donvi.csv"]  # no temporary file left


def test_orgs_json_lists_events_and_people(capsys):
    assert main(["orgs", FIXTURES, "-f", "json", "-m", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "unionreader/orgs-v1"
    assert all(o["articles"] >= 2 for o in doc["organisations"])
    unit = next(o for o in doc["organisations"] if o["name"].startswith("Công đoàn cơ sở Ủy ban"))
    assert [p["name"] for p in unit["people"]] == ["Quách Thúy Hòa"]
    assert [e["date"] for e in unit["events"]] == ["2024-12-18", "2024-02-02"]


def test_nothing_loaded_is_exit_2_with_errors_in_json(capsys, tmp_path):
    missing = str(tmp_path / "khong-co")
    assert main(["people", missing, "--format", "json"]) == 2
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["people"] == [] and doc["errors"][0]["source"] == missing
    assert "no article could be loaded" in captured.err


def test_partial_failure_still_lists_and_reports(capsys, tmp_path):
    missing = str(tmp_path / "khong-co")
    assert main(["orgs", FIXTURES, missing, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["organisations"] and [e["source"] for e in doc["errors"]] == [missing]


def test_bad_min_articles_and_unwritable_output(capsys, tmp_path):
    assert main(["people", FIXTURES, "--min-articles", "0"]) == 2
    assert "--min-articles" in capsys.readouterr().err
    target = tmp_path / "no" / "such" / "dir.md"
    assert main(["people", FIXTURES, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and not target.exists()


def test_through_the_installed_entry_point():
    proc = subprocess.run([sys.executable, "-m", "unionreader", "orgs", FIXTURES, "-m", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "### Liên đoàn Lao động tỉnh Lâm Đồng" in proc.stdout
