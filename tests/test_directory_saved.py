"""The people and organisation tables after a warm open (``directory.saved``): their scans come from the
cache, not from the articles; files added, changed and removed between opens are in or out of them as
in a table built afresh; a damaged or missing saved scan is reported (damaged) and done again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unionreader.directory import build_orgs, build_people
from unionreader.directory.live import KINDS, LiveTables
from unionreader.directory.saved import PREFIX, SavedScans
from unionreader.directory_cli import render, render_table
from unionreader.library.batching import Batch
from unionreader.library.events import Restored
from unionreader.library.indexer import IndexFeeder
from unionreader.library.loader import Library
from unionreader.search import SearchIndex

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = [*sorted((FIXTURES / "directory").glob("*.txt")), *sorted((FIXTURES / "articles").glob("*.txt")),
           *sorted((ROOT / "seeds").glob("*.txt"))]

# Our own article, added between opens: a person met in the fixtures again, and a new one.
EXTRA = (
    "Công đoàn Khu kinh tế tỉnh Hà Tĩnh tổng kết năm\n\n"
    "Ngày 12-1-2025, Công đoàn Khu kinh tế tỉnh Hà Tĩnh tổ chức hội nghị tổng kết công tác năm 2024. "
    "Dự hội nghị có ông Lương Đình Khải, Chủ tịch Liên đoàn Lao động tỉnh Hà Tĩnh. "
    "Bà Tôn Nữ Diệu Hiền, Phó Chủ tịch Công đoàn Khu kinh tế tỉnh Hà Tĩnh, chủ trì hội nghị.\n"
)


class IndexCorpus:
    """The index's docs by number (as the app's archive gives them), counting the reads."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.reads: list[int] = []

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, doc):
        self.reads.append(doc)
        return self.index.analysis(doc)


def open_archive(cache: Path, folder: Path):
    """One open as the app does it: (library, index, corpus, tables, restored docs or 0)."""
    index = SearchIndex()
    library = Library(cache, jobs=1)
    corpus = IndexCorpus(index)
    tables = LiveTables(corpus, retired=lambda: index.retired, on_built=lambda: None)
    restored = 0
    for event in library.open([str(folder)], IndexFeeder(index)):
        if isinstance(event, Restored):
            archive, key, restored = library.snapshot
            tables.restored(SavedScans(cache, archive), key, restored)
        elif isinstance(event, Batch) and event.analyses:
            tables.feed(len(index) - len(event.analyses), event.analyses)
    if library.snapshot is not None:
        archive, key, docs = library.snapshot
        tables.saved_as(SavedScans(cache, archive), key, docs)
        tables.settle()
    return library, index, corpus, tables, restored


def afresh(index: SearchIndex, kind: str):
    """The table built at once from the docs the index still holds (its retired docs left out)."""
    retired = set(index.retired.tolist())
    live = [index.analysis(d) for d in range(len(index)) if d not in retired]
    return build_people(live) if kind == "people" else build_orgs(live)


def as_json(kind: str, table) -> str:
    return render_table(kind, table, fmt="json")


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for source in SOURCES:
        shutil.copyfile(source, folder / source.name)
    return folder


def change_files(folder: Path) -> tuple[str, str]:
    """Add one file, change one, remove one; returns (the removed file's name, the changed one's)."""
    (folder / "zz_extra.txt").write_text(EXTRA, encoding="utf-8")
    changed = folder / "a2_daihoi_lamdong.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Lâm Đồng", "Đắk Nông") + "\n", encoding="utf-8")
    removed = folder / "a4_namesake_kientuong.txt"
    removed.unlink()
    return removed.name, changed.name


def assert_reopens_from_saved_scans(cache, folder):
    """Open again: the snapshot is restored whole and both tables come from its saved scans, reading no
    article, equal to tables built afresh, with nothing to report. Returns the index."""
    _, index, corpus, tables, restored = open_archive(cache, folder)
    assert restored == len(index)
    for kind in KINDS:
        corpus.reads.clear()
        table = tables.table(kind)
        assert corpus.reads == []
        assert as_json(kind, table) == as_json(kind, afresh(index, kind))
    assert tables.problems == []
    return index


def test_a_warm_open_builds_its_tables_from_the_saved_scans_not_the_articles(folder, tmp_path):
    cache = tmp_path / "cache"
    _, index, _, tables, restored = open_archive(cache, folder)
    assert restored == 0
    for kind in KINDS:
        assert as_json(kind, tables.table(kind)) == as_json(kind, afresh(index, kind))
        assert SavedScans(cache, "x").folder == cache and list(cache.glob(f"{PREFIX}*-{kind}"))

    _, index, corpus, tables, restored = open_archive(cache, folder)
    assert restored == len(index) > 0
    for kind in KINDS:
        corpus.reads.clear()
        table = tables.table(kind)
        assert corpus.reads == []  # no article was read to build it (a profile reads its own)
        assert as_json(kind, table) == as_json(kind, afresh(index, kind))
        # …and the same as the ``people`` / ``orgs`` command's output on the files
        cli = render(kind, [index.analysis(d) for d in range(len(index))], fmt="json")
        assert as_json(kind, table) == cli
    assert tables.problems == []


def test_files_added_changed_and_removed_between_opens_are_in_or_out_of_the_tables(folder, tmp_path):
    cache = tmp_path / "cache"
    open_archive(cache, folder)
    before = {kind: as_json(kind, open_archive(cache, folder)[3].table(kind)) for kind in KINDS}
    assert "Lâm Đồng" in before["orgs"] and "Lương Đình Khải" not in before["people"]
    removed, _ = change_files(folder)

    _, index, corpus, tables, restored = open_archive(cache, folder)
    assert restored and len(index.retired) >= 2  # the changed and the removed file's docs
    retired = set(index.retired.tolist())
    for kind in KINDS:
        corpus.reads.clear()
        table = tables.table(kind)
        # Only the docs added since the snapshot were scanned (from memory), none of the restored ones.
        assert all(doc >= restored for doc in corpus.reads)
        assert as_json(kind, table) == as_json(kind, afresh(index, kind))
        for row in table.rows:
            assert not set(table.docs_of(table.rows.index(row))) & retired
    people = as_json("people", tables.table("people"))
    assert "Lương Đình Khải" in people and "Tôn Nữ Diệu Hiền" in people
    assert removed.removesuffix(".txt") not in people
    assert "Đắk Nông" in as_json("orgs", tables.table("orgs"))

    # The next open restores the snapshot saved meanwhile, and its scans were carried over to it.
    index = assert_reopens_from_saved_scans(cache, folder)
    assert len(index.retired) >= 2


def test_a_retired_only_person_or_body_leaves_the_tables(folder, tmp_path):
    cache = tmp_path / "cache"
    (folder / "zz_extra.txt").write_text(EXTRA, encoding="utf-8")
    open_archive(cache, folder)
    assert "Tôn Nữ Diệu Hiền" in as_json("people", open_archive(cache, folder)[3].table("people"))
    (folder / "zz_extra.txt").unlink()
    _, index, _, tables, restored = open_archive(cache, folder)
    assert restored and len(index.retired) == 1
    assert "Tôn Nữ Diệu Hiền" not in as_json("people", tables.table("people"))
    assert "Khu kinh tế" not in as_json("orgs", tables.table("orgs"))


@pytest.mark.parametrize("damage", ["random", "truncated", "flipped", "empty"])
def test_a_damaged_saved_scan_is_reported_and_done_again(folder, tmp_path, damage):
    cache = tmp_path / "cache"
    open_archive(cache, folder)
    for path in cache.glob(f"{PREFIX}*"):
        raw = path.read_bytes()
        if damage == "random":
            path.write_bytes(bytes(range(256)) * 8)
        elif damage == "truncated":
            path.write_bytes(raw[: len(raw) // 2])
        elif damage == "flipped":
            path.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
        else:
            path.write_bytes(b"")
    _, index, corpus, tables, _ = open_archive(cache, folder)
    for kind in KINDS:
        corpus.reads.clear()
        table = tables.table(kind)
        assert corpus.reads  # scanned from the articles this once
        assert as_json(kind, table) == as_json(kind, afresh(index, kind))
        assert tables.keep(kind)  # saved again once built
    assert len(tables.problems) == 2 and all("damaged" in p and "rebuilding" in p for p in tables.problems)

    assert_reopens_from_saved_scans(cache, folder)


def test_a_missing_or_other_snapshots_scan_is_done_again_without_a_word(folder, tmp_path):
    cache = tmp_path / "cache"
    library, *_ = open_archive(cache, folder)
    archive, key, docs = library.snapshot
    scans = SavedScans(cache, archive)
    people = scans.path("people")
    people.unlink()
    assert scans.load("people", key, docs) is None
    assert scans.load("orgs", key + "-other", docs) is None  # another snapshot's
    assert scans.load("orgs", key, docs + 1) is None  # not all of its docs
    _, index, corpus, tables, _ = open_archive(cache, folder)
    table = tables.table("people")
    assert corpus.reads and tables.problems == []
    assert as_json("people", table) == as_json("people", afresh(index, "people"))
    assert tables.keep("people") and people.is_file()


def test_a_scan_that_cannot_be_written_is_not_an_error(tmp_path):
    from unionreader.directory import PeopleBuilder

    assert not SavedScans(tmp_path / "not-there", "x").save("people", "k", PeopleBuilder())


def test_a_table_built_once_is_saved_with_its_scan_and_a_reopen_loads_it_without_grouping(folder, tmp_path, monkeypatch):
    from unionreader.directory import OrgBuilder, PeopleBuilder

    cache = tmp_path / "cache"
    open_archive(cache, folder)  # (the scans are saved when the load ends; no table was built)
    change_files(folder)  # (retired docs too: a snapshot keeps them until the index is built afresh)
    open_archive(cache, folder)
    _, index, _, tables, _ = open_archive(cache, folder)
    assert len(index.retired) >= 2
    expected = {kind: as_json(kind, afresh(index, kind)) for kind in KINDS}
    for kind in KINDS:
        tables.table(kind)
        assert tables.keep(kind) and not tables.keep(kind)  # saved with its rows, once

    def regrouped(*_):
        raise AssertionError("grouped again")

    monkeypatch.setattr(PeopleBuilder, "_table", regrouped)
    monkeypatch.setattr(OrgBuilder, "_table", regrouped)
    _, index, corpus, tables, _ = open_archive(cache, folder)
    for kind in KINDS:
        corpus.reads.clear()
        table = tables.table(kind)
        assert corpus.reads == []
        assert as_json(kind, table) == expected[kind]

    (folder / "zz_more.txt").write_text(EXTRA.replace("Hà Tĩnh", "Quảng Bình"), encoding="utf-8")
    _, index, _, tables, _ = open_archive(cache, folder)  # a new doc: the saved rows are not those
    with pytest.raises(AssertionError, match="grouped again"):
        tables.table("people")
