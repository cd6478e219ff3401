"""`unionreader facts`: formats, kind filter, output file, bad input without a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unionreader.cli import main
from unionreader.corpus import default_corpus_dir

SEED = str(sorted(default_corpus_dir().glob("*.txt"))[2])


def test_json_on_the_bundled_seeds_without_arguments(capsys):
    assert main(["facts", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "unionreader/facts-v1"
    assert len(doc["articles"]) == 5
    assert doc["errors"] == []
    for article in doc["articles"]:
        kinds = {f["kind"] for f in article["facts"]}
        assert {"event", "byline"} <= kinds
        for e in article["entities"]:
            assert article["text"][e["start"] : e["end"]] == e["text"]


def test_kind_filter_and_markdown(capsys):
    assert main(["facts", SEED, "--kind", "people,figures"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## ")
    assert "### Thành phần (People)" in out and "### Số liệu (Figures)" in out
    assert "### Sự kiện (Event)" not in out


def test_unknown_kind_is_one_clear_line(capsys):
    assert main(["facts", SEED, "--kind", "people,bogus"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bogus" in err[0] and "people" in err[0]


def test_missing_path_goes_into_json_errors_and_exit_2(capsys, tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert main(["facts", missing, "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"][0]["source"] == missing
    assert "Traceback" not in captured.err


def test_partial_failure_still_exports_and_reports(capsys, tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert main(["facts", SEED, missing, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["articles"]) == 1 and [e["source"] for e in doc["errors"]] == [missing]


def test_output_file_csv_opens_in_a_spreadsheet(tmp_path, capsys):
    out = tmp_path / "facts.csv"
    out.write_text("old", encoding="utf-8")
    assert main(["facts", SEED, "--format", "csv", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["article_id", "title", "kind", "label", "value", "sentence"]
    assert len(rows) > 10 and all(len(r) == 6 for r in rows)


@pytest.mark.parametrize(("name", "first"), [("facts.json", b"{"), ("facts.tsv", b"\xef\xbb\xbfarticle_id\t"),
                                           ("facts.md", b"#")])
def test_output_format_follows_the_file_suffix_when_not_given(tmp_path, capsys, name, first):
    out = tmp_path / name
    assert main(["facts", SEED, "--output", str(out)]) == 0
    assert out.read_bytes().startswith(first)


def test_unwritable_output_is_one_line_and_nothing_is_created(tmp_path, capsys):
    target = tmp_path / "no_such_dir" / "facts.md"
    assert main(["facts", SEED, "--output", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0]
    assert not target.parent.exists()


def test_tsv_through_the_installed_entry_point(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "unionreader", "facts", SEED, "--format", "tsv", "--kind", "organiser"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert rows[0] == ["article_id", "title", "kind", "label", "value", "sentence"]
    assert [r[2] for r in rows[1:]] == ["organiser"]
    assert Path(SEED).name not in proc.stderr


def test_an_upgrade_says_on_stderr_why_the_files_are_extracted_again(tmp_path, capsys, monkeypatch):
    from unionreader.library import loader

    cache = str(tmp_path / "cache")
    assert main(["facts", SEED, "--cache", cache, "--jobs", "1", "--format", "json"]) == 0
    first = capsys.readouterr()
    monkeypatch.setattr(loader, "extractor_version", lambda: "a newer extractor")
    assert main(["facts", SEED, "--cache", cache, "--jobs", "1", "--format", "json"]) == 0
    again = capsys.readouterr()
    assert again.out == first.out  # the same facts, extracted again
    assert again.err.splitlines() == [
        "unionreader: 1 cached file was analysed by another version of unionreader: extracting them again"]


def test_json_on_stdout_is_the_file_written_with_output_byte_for_byte(tmp_path):
    """JSON on stdout is written as the document's UTF-8 pieces (not one str decoded and encoded again): the
    bytes a pipe gets are those of ``--output``, Vietnamese included, whatever the terminal's encoding."""
    out = tmp_path / "facts.json"
    command = [sys.executable, "-m", "unionreader", "facts", str(default_corpus_dir()), "--no-cache", "--format", "json"]
    assert subprocess.run([*command, "--output", str(out)], capture_output=True).returncode == 0
    piped = subprocess.run(command, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes()
    assert "Công đoàn" in piped.stdout.decode("utf-8")


def test_json_on_a_text_only_stdout(monkeypatch):
    """A stdout without a binary buffer (as some embedders and captures have) gets the same document as text."""
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["facts", SEED, "--no-cache", "--format", "json"]) == 0
    doc = json.loads(stream.getvalue())
    assert doc["schema"] == "unionreader/facts-v1" and len(doc["articles"]) == 1
