"""`unionreader index` keeps the people and organisation tables' scans with the index snapshot it saves
(as the app does when a load ends), so the app's first screen after it reads no article back; and
`unionreader cache clear` deletes everything the cache writes, and nothing else in its directory."""

from __future__ import annotations

import os

import pytest

from test_directory_saved import (
    EXTRA,
    afresh,
    as_json,
    assert_reopens_from_saved_scans,
    change_files,
    folder,  # noqa: F401 (the fixture)
    open_archive,
)
from test_library_app import open_app, wait_loaded
from unionreader.cli import main
from unionreader.directory import saved
from unionreader.directory.live import KINDS
from unionreader.library import cache_files, first_page, index_files, listing
from unionreader.library.store import DB_NAME


def run_index(cache, folder) -> str:  # noqa: F811
    assert main(["index", str(folder), "--cache", str(cache), "--jobs", "1"]) == 0
    return index_files.latest(cache, index_files.archive_key([str(folder)], _version()))


def _version() -> str:
    from unionreader.library.version import extractor_version

    return extractor_version()


def scans(cache) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in cache.glob(f"{saved.PREFIX}*")}


def test_index_saves_both_scans_and_the_next_open_builds_its_tables_from_them(folder, tmp_path, capsys):  # noqa: F811
    cache = tmp_path / "cache"
    run_index(cache, folder)
    assert sorted(n.rsplit("-", 1)[1] for n in scans(cache)) == ["orgs", "people"]
    assert_reopens_from_saved_scans(cache, folder)

    # Files added, changed and removed: the next `index` carries the scans over to its new snapshot,
    # scanning only the docs added (no table is built from the store).
    change_files(folder)
    before = scans(cache)
    run_index(cache, folder)
    assert scans(cache).keys() == before.keys() and scans(cache) != before
    reopened = assert_reopens_from_saved_scans(cache, folder)
    assert len(reopened.retired) >= 2
    assert "Tôn Nữ Diệu Hiền" in as_json("people", afresh(reopened, "people"))
    assert capsys.readouterr().err == ""


def test_an_unchanged_index_leaves_the_scans_and_a_missing_one_is_made_again(folder, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run_index(cache, folder)
    before = scans(cache)
    run_index(cache, folder)  # nothing changed: nothing written
    assert scans(cache) == before

    # A snapshot saved with no scans beside it (an index made before they were kept, or the file
    # deleted): `index` scans its articles from the cache once and saves them.
    for path in cache.glob(f"{saved.PREFIX}*"):
        path.unlink()
    run_index(cache, folder)
    assert scans(cache).keys() == before.keys()
    assert_reopens_from_saved_scans(cache, folder)


async def test_the_apps_first_people_screen_after_index_scans_no_article(folder, tmp_path, monkeypatch):  # noqa: F811
    from unionreader.directory import PeopleBuilder

    cache = tmp_path / "cache"
    (folder / "zz_extra.txt").write_text(EXTRA, encoding="utf-8")
    snapshot = run_index(cache, folder)
    scanned: list = []
    scan = PeopleBuilder._scan

    def counted(self, analyses):
        analyses = list(analyses)
        scanned.extend(analyses)
        scan(self, analyses)

    monkeypatch.setattr(PeopleBuilder, "_scan", counted)
    app = open_app(folder, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        for _ in range(500):
            if getattr(app.screen, "table", None) is not None:
                break
            await pilot.pause(0.02)
        table = app.screen.table
        assert scanned == []  # the scan came from the cache, not from the articles
        assert app.archive.library.snapshot[1] == snapshot
        names = {table.rows[i].name for i in range(len(table))}
        assert "Tôn Nữ Diệu Hiền" in names
        assert as_json("people", table) == as_json("people", afresh(app.archive.index, "people"))


def count_groupings(monkeypatch) -> list[str]:
    """The kinds whose table is grouped from its scan from now on (not made from saved rows)."""
    from unionreader.directory import OrgBuilder, PeopleBuilder

    grouped: list[str] = []
    for kind, builder in (("people", PeopleBuilder), ("orgs", OrgBuilder)):
        def counted(self, analyses, retired, _group=builder._table, _kind=kind):
            grouped.append(_kind)
            return _group(self, analyses, retired)

        monkeypatch.setattr(builder, "_table", counted)
    return grouped


def assert_reopens_from_saved_rows(cache, folder, grouped: list[str]) -> None:  # noqa: F811
    """A warm open's tables come from the rows saved with the scans: nothing grouped, nothing read, and
    each equal to the table built afresh."""
    _, index, corpus, tables, restored = open_archive(cache, folder)
    assert restored == len(index)
    for kind in KINDS:
        grouped.clear()
        corpus.reads.clear()
        table = tables.table(kind)
        assert grouped == [] and corpus.reads == []
        assert as_json(kind, table) == as_json(kind, afresh(index, kind))


def test_index_saves_the_tables_rows_so_the_next_open_groups_nothing(folder, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    grouped = count_groupings(monkeypatch)
    run_index(cache, folder)
    assert sorted(grouped) == ["orgs", "people"]  # (the command grouped each table once)
    archive = index_files.archive_key([str(folder)], _version())
    snapshot = index_files.latest(cache, archive)
    docs = len(open_archive(cache, folder)[1])
    for kind in KINDS:
        found = saved.SavedScans(cache, archive).load(kind, snapshot, docs)
        assert found is not None and not isinstance(found, str) and found[1] is not None
    assert_reopens_from_saved_rows(cache, folder, grouped)

    # A file added (none retired): the rows saved with the scan carried over are of fewer docs, so
    # the next `index` groups its tables again rather than reuse them.
    (folder / "zz_added.txt").write_text(EXTRA, encoding="utf-8")
    grouped.clear()
    run_index(cache, folder)
    assert sorted(grouped) == ["orgs", "people"]
    assert_reopens_from_saved_rows(cache, folder, grouped)

    # Files added, changed and removed: the next `index` groups the tables of its new snapshot.
    change_files(folder)
    run_index(cache, folder)
    assert_reopens_from_saved_rows(cache, folder, grouped)


def test_an_unchanged_index_adds_the_rows_to_scans_saved_without_them(folder, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    snapshot = run_index(cache, folder)
    archive = index_files.archive_key([str(folder)], _version())
    scans_only = saved.SavedScans(cache, archive)
    docs = len(open_archive(cache, folder)[1])
    for kind in KINDS:  # (as an `index` before the rows were saved left them)
        builder, _ = scans_only.load(kind, snapshot, docs)
        assert scans_only.save(kind, snapshot, builder)
        assert scans_only.load(kind, snapshot, docs)[1] is None
    grouped = count_groupings(monkeypatch)
    assert run_index(cache, folder) == snapshot
    assert sorted(grouped) == ["orgs", "people"]
    assert_reopens_from_saved_rows(cache, folder, grouped)

    before = scans(cache)
    grouped.clear()
    loads: list[str] = []
    load = saved.SavedScans.load
    monkeypatch.setattr(saved.SavedScans, "load", lambda self, kind, *a: loads.append(kind) or load(self, kind, *a))
    run_index(cache, folder)  # rows saved already (their header says so): nothing loaded, grouped or written
    assert grouped == [] and loads == [] and scans(cache) == before


def test_a_scan_saved_without_a_header_still_loads_and_is_given_its_rows(folder, tmp_path):  # noqa: F811
    import hashlib
    import pickle

    cache = tmp_path / "cache"
    snapshot = run_index(cache, folder)
    archive = index_files.archive_key([str(folder)], _version())
    files = saved.SavedScans(cache, archive)
    docs = len(open_archive(cache, folder)[1])
    def without_header(kind: str, with_rows: bool) -> None:  # (written as before the header: the state alone)
        builder, rows = files.load(kind, snapshot, docs)
        body = pickle.dumps({"format": saved.FORMAT, "kind": kind, "snapshot": snapshot, "docs": docs,
                             "builder": builder, "rows": rows if with_rows else None}, protocol=pickle.HIGHEST_PROTOCOL)
        files.path(kind).write_bytes(saved._MAGIC + hashlib.blake2b(body, digest_size=saved._DIGEST).digest() + body)
        assert not files.has_rows(kind, snapshot, docs)
        found = files.load(kind, snapshot, docs)
        assert len(found[0]) == docs and (found[1] is not None) == with_rows

    for with_rows in (False, True):  # (the rows added; rows kept, the header added)
        for kind in KINDS:
            without_header(kind, with_rows)
        run_index(cache, folder)
        for kind in KINDS:
            assert files.has_rows(kind, snapshot, docs) and not files.has_rows(kind, snapshot, docs + 1)
            assert files.load(kind, snapshot, docs)[1] is not None
        assert_reopens_from_saved_scans(cache, folder)


# --- cache clear -----------------------------------------------------------------------------------


def test_the_cache_names_every_prefix_its_modules_write():
    assert (cache_files.INDEX_PREFIX, cache_files.LISTING_PREFIX, cache_files.PAGE_PREFIX, cache_files.TABLES_PREFIX) \
        == (index_files.PREFIX, listing.PREFIX, first_page.PREFIX, saved.PREFIX)
    assert cache_files.TABLE_KINDS == KINDS
    assert cache_files.OWNED.fullmatch(f"{index_files.PREFIX}{index_files.archive_key(['/x'], 'v')}-000001")


USERS_OWN = ["notes.txt", "page-notes.md", "tables-of-contents", "listing-2024.csv", "index-old", "library.sqlite3.bak",
             ".tmp-mine", "tables-0123-people"]


def test_cache_clear_deletes_everything_the_cache_wrote_and_nothing_else(folder, tmp_path, capsys):  # noqa: F811
    cache = tmp_path / "cache"
    run_index(cache, folder)
    open_archive(cache, folder)  # (a warm open: hard-linked arrays in the snapshot)
    written = sorted(p.name for p in cache.iterdir())
    archive = index_files.archive_key([str(folder)], _version())
    for expected in (DB_NAME, f"{listing.PREFIX}{archive}", f"{first_page.PREFIX}{archive}",
                     f"{saved.PREFIX}{archive}-people", f"{saved.PREFIX}{archive}-orgs"):
        assert expected in written
    assert any(name.startswith(index_files.PREFIX) for name in written)
    # Every entry the cache wrote is one it owns (a new kind of file would have to be named there).
    assert [p.name for p in cache_files.owned(cache)] == written
    # …and the leftovers of writes cut short (their temporaries), each kind.
    import tempfile

    tempfile.mkdtemp(prefix=".tmp-index-", dir=cache)
    for prefix in (".tmp-listing-", ".tmp-page-", ".tmp-tables-"):
        os.close(tempfile.mkstemp(prefix=prefix, dir=cache)[0])
    for name in USERS_OWN:
        if "." in name.lstrip(".") or name.startswith(".tmp"):
            (cache / name).write_text("mine", encoding="utf-8")
        else:
            (cache / name).mkdir()
            (cache / name / "keep.txt").write_text("mine", encoding="utf-8")
    size = cache_files.disk_size(cache)
    assert main(["cache", "info", "--cache", str(cache)]) == 0
    assert f"size: {size / 1e6:.1f} MB" in capsys.readouterr().out

    assert main(["cache", "clear", "--cache", str(cache)]) == 0
    assert f"({size / 1e6:.1f} MB freed)" in capsys.readouterr().out
    assert sorted(p.name for p in cache.iterdir()) == sorted(USERS_OWN)
    assert all((cache / n).read_text(encoding="utf-8") == "mine" for n in USERS_OWN if (cache / n).is_file())
    assert main(["cache", "clear", "--cache", str(cache)]) == 0  # (nothing left to clear: fine)
    assert "(0.0 MB freed)" in capsys.readouterr().out


@pytest.mark.parametrize("name", [f"{saved.PREFIX}{'a' * 24}-people", f"{first_page.PREFIX}{'0' * 24}",
                                  f"{index_files.PREFIX}{'f' * 24}-000012", f"{DB_NAME}-wal", ".tmp-tables-x1_y"])
def test_names_the_cache_writes_are_its_own(name):
    assert cache_files.OWNED.fullmatch(name)


@pytest.mark.parametrize("name", [*USERS_OWN, f"{first_page.PREFIX}{'0' * 24}.bak", f"page-{'A' * 24}",
                                  f"{saved.PREFIX}{'a' * 24}-places"])
def test_names_the_cache_does_not_write_are_not(name):
    assert not cache_files.OWNED.fullmatch(name)
