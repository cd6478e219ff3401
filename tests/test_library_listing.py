"""The archive's listing (library/listing.py): a warm open compares the files with it instead of the
store's stamps, and must still notice every added, removed, touched or changed file; a damaged or
outdated listing is never trusted."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from test_library import UNITS, archive, run, search_titles, write_article  # noqa: F401 (the fixture)
from unionreader.library import listing
from unionreader.library.loader import Library
from unionreader.library.store import Store
from unionreader.library.worker import analyse_file
from unionreader.search import SearchIndex


def _title(i: int) -> str:
    return f"Công đoàn {UNITS[i % len(UNITS)]} tổ chức hội nghị người lao động lần {i}"


def _listing_file(cache: Path) -> Path:
    found = list(cache.glob(f"{listing.PREFIX}*"))
    assert len(found) == 1
    return found[0]


def _no_full_stamps(monkeypatch) -> list[int]:
    """Make reading every stamp from the store fail loudly; returns a list the slow path appends to."""
    calls: list[int] = []
    real = Store.stamps

    def counted(self):
        calls.append(1)
        return real(self)

    monkeypatch.setattr(Store, "stamps", counted)
    return calls


def _counting_library(cache: Path, read: list[str]) -> Library:
    def counting(path):
        read.append(Path(path).name)
        return analyse_file(path)

    return Library(cache, jobs=1, analyser=counting)


def _touch(path: Path, seconds: int = 10) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 10**9))


def test_an_unchanged_reopen_plans_from_the_listing_without_reading_every_stamp(archive, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    written = _listing_file(cache).read_bytes()
    slow = _no_full_stamps(monkeypatch)
    read: list[str] = []
    index = SearchIndex()
    _, notices, summary, restored = run(_counting_library(cache, read), [archive], index)
    assert slow == [] and read == [] and notices == []
    assert restored is not None and (summary.unchanged, summary.new, summary.changed, summary.removed) == (30, 0, 0, 0)
    assert index.live() == 30 and search_titles(index, "lần 7")[:1] == [_title(7)]
    assert _listing_file(cache).read_bytes() == written  # nothing changed: not rewritten


def test_the_listing_notices_added_removed_touched_and_changed_files(archive, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    run(Library(cache, jobs=1), [archive], SearchIndex())
    write_article(archive / "100.txt", 100)  # new
    write_article(archive / "001.txt", 1, " Hội nghị biểu quyết thông qua quy chế dân chủ mới.")  # changed
    _touch(archive / "001.txt")  # (a change within the same mtime tick must not hide it)
    (archive / "002.txt").unlink()  # removed
    _touch(archive / "003.txt")  # touched only
    slow = _no_full_stamps(monkeypatch)
    read: list[str] = []
    index = SearchIndex()
    _, _, summary, restored = run(_counting_library(cache, read), [archive], index)
    assert slow == [] and restored is not None
    assert (summary.new, summary.changed, summary.removed, summary.unchanged) == (1, 1, 1, 28)
    assert sorted(read) == ["001.txt", "100.txt"]  # the touched file's content hash told it unchanged
    assert index.live() == 30
    assert search_titles(index, "quy chế dân chủ mới") == [_title(1)]
    assert not any(t.endswith("lần 2") for t in search_titles(index, "hội nghị người lao động"))
    # The next open finds everything as the listing now says: nothing read, not even the touched file.
    read.clear()
    hashed: list[str] = []
    from unionreader.library import plan as plan_module

    real_digest = plan_module.file_digest
    monkeypatch.setattr(plan_module, "file_digest", lambda p: hashed.append(p) or real_digest(p))
    again = SearchIndex()
    _, _, summary, restored = run(_counting_library(cache, read), [archive], again)
    assert restored is not None and read == [] and hashed == [] and slow == []
    assert (summary.new, summary.changed, summary.removed, summary.unchanged) == (0, 0, 0, 30)
    fresh = SearchIndex()
    run(Library(None, jobs=1), [archive], fresh)
    for query in ("quy chế dân chủ", "lần 100", "hoa binh", "khen thuong"):
        assert sorted(search_titles(again, query)) == sorted(search_titles(fresh, query))


@pytest.mark.parametrize("damage", ["random", "truncated", "flipped", "empty", "other format"])
def test_a_damaged_listing_is_not_trusted_and_is_written_anew(archive, tmp_path, monkeypatch, damage):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    path = _listing_file(cache)
    data = path.read_bytes()
    if damage == "random":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # a size in the body changed: the checksum tells
        body = bytearray(data)
        body[-30] ^= 0x01
        path.write_bytes(bytes(body))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(data.replace(b'"format": 1', b'"format": 9', 1))
    assert listing.load(cache, path.name[len(listing.PREFIX):]) is None
    write_article(archive / "004.txt", 4, " Thêm nội dung về an toàn vệ sinh lao động.")
    _touch(archive / "004.txt")
    slow = _no_full_stamps(monkeypatch)
    index = SearchIndex()
    _, notices, summary, restored = run(Library(cache, jobs=1), [archive], index)
    assert slow == [1] and notices == []  # the store's stamps were read: the listing was not used
    assert restored is not None and summary.changed == 1 and index.live() == 30
    assert search_titles(index, "an toàn vệ sinh lao động")[:1] == [_title(4)]
    assert listing.load(cache, path.name[len(listing.PREFIX):]) is not None


def test_a_listing_is_not_trusted_after_another_writer_changed_the_store(archive, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    one = archive / "005.txt"
    run(Library(cache, jobs=1), [one])  # another open writes no rows for an unchanged file…
    store = Store(cache)
    store.remove([str(one)])  # …but this one does: the next open of the archive reads the stamps
    store.close()
    slow = _no_full_stamps(monkeypatch)
    read: list[str] = []
    index = SearchIndex()
    _, _, summary, restored = run(_counting_library(cache, read), [archive], index)
    assert slow == [1] and read == ["005.txt"] and restored is not None
    assert index.live() == 30 and summary.new == 1


def test_a_listing_of_an_older_snapshot_is_not_used(archive, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    path = _listing_file(cache)
    old = path.read_bytes()
    write_article(archive / "200.txt", 200)
    run(Library(cache, jobs=1), [archive], SearchIndex())  # a new snapshot, and its listing
    path.write_bytes(old)  # the previous one put back: it names the previous snapshot
    slow = _no_full_stamps(monkeypatch)
    index = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], index)
    assert slow == [1] and restored is not None and summary.unchanged == 31 and index.live() == 31


def _events(cache: Path, folder: Path) -> list:
    from unionreader.library.indexer import IndexFeeder

    index = SearchIndex()
    return [*Library(cache, jobs=1).open([str(folder)], IndexFeeder(index))], index


def test_a_reopen_yields_the_saved_first_page_before_the_restored_index_with_its_rows(archive, tmp_path):  # noqa: F811
    from unionreader.library.events import FirstPage, Restored

    cache = tmp_path / "cache"
    events, _ = _events(cache, archive)
    assert not any(isinstance(e, FirstPage) for e in events)  # nothing saved yet
    events, index = _events(cache, archive)
    kinds = [type(e).__name__ for e in events]
    assert kinds.index("FirstPage") < kinds.index("Restored")
    page = next(e for e in events if isinstance(e, FirstPage))
    restored = next(e for e in events if isinstance(e, Restored))
    assert page.articles == restored.articles == 30 and len(page.rows) == 30
    docs = index.search("", limit=30).docs
    assert [r.doc for r in page.rows] == list(docs)
    assert [r.title for r in page.rows] == [index.analysis(d).article.title for d in docs]
    assert all(r.date for r in page.rows)


@pytest.mark.parametrize("damage", ["garbage", "other snapshot"])
def test_a_first_page_that_is_damaged_or_of_another_snapshot_is_not_shown(archive, tmp_path, damage):  # noqa: F811
    from unionreader.library import first_page
    from unionreader.library.events import FirstPage

    cache = tmp_path / "cache"
    _events(cache, archive)
    (page_file,) = cache.glob(f"{first_page.PREFIX}*")
    if damage == "garbage":
        page_file.write_bytes(os.urandom(200))
    else:
        old = page_file.read_text(encoding="utf-8")
        write_article(archive / "300.txt", 300)
        _events(cache, archive)  # a new snapshot, and its page
        page_file.write_text(old, encoding="utf-8")  # the previous one put back
    events, index = _events(cache, archive)
    assert not any(isinstance(e, FirstPage) for e in events)
    assert index.live() == len(list(archive.glob("*.txt")))


def test_a_snapshot_saved_without_a_listing_or_page_gets_both_on_its_next_open(archive, tmp_path):  # noqa: F811
    from unionreader.library import first_page
    from unionreader.library.events import FirstPage

    cache = tmp_path / "cache"
    _events(cache, archive)
    for name in (*cache.glob(f"{listing.PREFIX}*"), *cache.glob(f"{first_page.PREFIX}*")):
        name.unlink()  # as an older version left it
    events, _ = _events(cache, archive)
    assert not any(isinstance(e, FirstPage) for e in events)
    assert len(list(cache.glob(f"{listing.PREFIX}*"))) == 1
    events, index = _events(cache, archive)
    page = next(e for e in events if isinstance(e, FirstPage))
    assert [r.doc for r in page.rows] == list(index.search("", limit=30).docs)


def test_a_small_change_keeps_the_restored_postings_and_merges_only_the_new_ones(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    _events(cache, archive)
    _, before = _events(cache, archive)
    restored_segments = {kind: p.segments[0] for kind, p in
                         (("terms", before.terms), ("pairs", before.pairs), ("exact", before.exact))}
    write_article(archive / "007.txt", 7, " Hội nghị bàn về nhà ở xã hội cho công nhân.")
    _, index = _events(cache, archive)
    assert set(index.segment_counts.values()) <= {1, 2}
    for kind, postings in (("terms", index.terms), ("pairs", index.pairs), ("exact", index.exact)):
        assert np.array_equal(postings.segments[0].docs_of(0, postings.segments[0].size),
                              restored_segments[kind].docs_of(0, restored_segments[kind].size))
    fresh = SearchIndex()
    run(Library(None, jobs=1), [archive], fresh)
    for query in ("nhà ở xã hội", "hoa binh", "khen thuong", "lần 7"):
        assert sorted(search_titles(index, query)) == sorted(search_titles(fresh, query))
    _, again = _events(cache, archive)  # and the next open restores what was saved, two segments and all
    for query in ("nhà ở xã hội", "khen thuong"):
        assert sorted(search_titles(again, query)) == sorted(search_titles(fresh, query))


def test_a_tail_as_large_as_a_tenth_of_the_first_segment_is_merged_into_it():
    from unionreader.articles import Article, Paragraph
    from unionreader.extract.models import Analysis

    def analysis(i: int) -> Analysis:
        title = f"Bản tin công đoàn số {i}"
        text = f"{title}\n\nNội dung riêng của bản tin {i} về phong trào thi đua chữ{i}."
        return Analysis(Article(f"id{i}", "x.txt", title, False, text, (Paragraph("title", 0, len(title)),), None, text),
                        (), ())

    index = SearchIndex()
    index.add([analysis(i) for i in range(40)])
    index.add([analysis(i) for i in range(40, 42)], compact=False)
    assert index.segment_counts["terms"] == 2 and not index.plan_tail_merge()  # small: left as it is
    index.add([analysis(i) for i in range(42, 60)], compact=False)
    index.apply_compaction(index.plan_tail_merge())
    assert set(index.segment_counts.values()) == {1}  # the new ones outweigh a tenth: one segment
    assert index.search("chu45", limit=5).total == 1


def test_arrays_the_previous_snapshot_holds_byte_for_byte_are_linked_not_written(archive, tmp_path, monkeypatch):  # noqa: F811
    from unionreader.library import index_files

    monkeypatch.setattr(index_files, "_LINK_MIN_BYTES", 1)
    cache = tmp_path / "cache"
    _events(cache, archive)
    linked: list[str] = []
    real_link = os.link
    monkeypatch.setattr(index_files.os, "link", lambda a, b: linked.append(Path(b).name) or real_link(a, b))
    write_article(archive / "009.txt", 9, " Hội nghị bàn về bữa ăn ca của công nhân.")
    _events(cache, archive)  # a small change: the restored postings stay as they were
    assert linked  # some arrays came from the previous snapshot…
    (snapshot,) = cache.glob(f"{index_files.PREFIX}*")
    assert len(linked) < len(list(snapshot.glob("*.bin")))  # …not all: what changed was written
    _, again = _events(cache, archive)
    fresh = SearchIndex()
    run(Library(None, jobs=1), [archive], fresh)
    for query in ("bữa ăn ca", "hoa binh", "khen thuong", "lần 9"):
        assert sorted(search_titles(again, query)) == sorted(search_titles(fresh, query))
