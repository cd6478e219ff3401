"""When an index snapshot is saved, the oldest archives' snapshots beyond the newest few are deleted, and
with them the files kept per archive beside them (file listing, first page, tables' scans); other
archives' files, an archive's own, files of an archive just being opened and a user's files stay."""

from __future__ import annotations

import os
import time

from test_directory_saved import EXTRA
from unionreader.cli import main
from unionreader.library import cache_files, index_files
from unionreader.library.version import extractor_version


def archive_of(folder) -> str:
    return index_files.archive_key([str(folder)], extractor_version())


def files_of(cache, archive: str) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if archive in p.name)


def test_pruned_archives_take_their_listing_page_and_tables_with_them(tmp_path):
    cache = tmp_path / "cache"
    archives = []
    past = time.time() - 10_000
    for n in range(index_files.KEEP + 2):
        folder = tmp_path / f"archive{n}"
        folder.mkdir()
        (folder / "tin.txt").write_text(EXTRA.replace("12-1-2025", f"{n + 1}-2-2025"), encoding="utf-8")
        assert main(["index", str(folder), "--cache", str(cache), "--jobs", "1"]) == 0
        archive = archive_of(folder)
        archives.append(archive)
        # (Each archive's snapshot older than the next one's: they are pruned oldest first.)
        os.utime(cache / f"{index_files.PREFIX}{index_files.latest(cache, archive)}", (past + n, past + n))
        if n == 0:
            written = files_of(cache, archive)
            assert any(name.startswith(cache_files.LISTING_PREFIX) for name in written)
            assert sum(name.startswith(cache_files.TABLES_PREFIX) for name in written) == 2
    for archive in archives[:2]:
        assert files_of(cache, archive) == []
    for archive in archives[2:]:
        names = files_of(cache, archive)
        assert any(n.startswith(index_files.PREFIX) for n in names)
        assert any(n.startswith(cache_files.LISTING_PREFIX) for n in names)
        assert sum(n.startswith(cache_files.TABLES_PREFIX) for n in names) == 2


def test_leftovers_of_archives_with_no_snapshot_go_once_an_hour_old(tmp_path):
    cache = tmp_path / "cache"
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "tin.txt").write_text(EXTRA, encoding="utf-8")
    old, fresh = "a" * 24, "b" * 24
    leftovers = [f"{cache_files.LISTING_PREFIX}{old}", f"{cache_files.PAGE_PREFIX}{old}",
                 f"{cache_files.TABLES_PREFIX}{old}-people"]
    opening = [f"{cache_files.LISTING_PREFIX}{fresh}"]  # (another instance's first open, before its snapshot)
    users = ["listing-2024.csv", "page-notes.md", f"tables-{old}-places"]
    cache.mkdir()
    for name in leftovers + opening + users:
        (cache / name).write_text("x", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    for name in leftovers + users:
        os.utime(cache / name, (two_hours_ago, two_hours_ago))
    assert main(["index", str(folder), "--cache", str(cache), "--jobs", "1"]) == 0
    names = {p.name for p in cache.iterdir()}
    assert not names & set(leftovers)
    assert set(opening + users) <= names
    assert any(n.startswith(cache_files.LISTING_PREFIX + archive_of(folder)) for n in names)
