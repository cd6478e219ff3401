"""The library: a persistent, incremental, parallel corpus store (cold and warm opens, changes, faults)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from unionreader.library import index_files, loader
from unionreader.library.batching import Batch
from unionreader.library.events import Notice, Restored, Summary
from unionreader.library.indexer import IndexFeeder
from unionreader.library.loader import Library
from unionreader.library.store import DB_NAME, Store
from unionreader.library.worker import analyse_file
from unionreader.search import SearchIndex

UNITS = ["Công ty May Hòa Bình", "Trường Tiểu học Sông Lam", "Bệnh viện Đa khoa Tây Sơn", "Nhà máy Thép Bắc Hà",
         "Công ty Điện lực Cửu Long", "Xí nghiệp Gạch Tân Phú"]
GIVEN = ["Hùng", "Lan", "Minh", "Thảo", "Quang", "Yến", "Đức", "Hạnh"]


def write_article(path: Path, i: int, extra: str = "") -> None:
    unit = UNITS[i % len(UNITS)]
    person = f"Trịnh Văn {GIVEN[i % len(GIVEN)]}"
    path.write_text(
        f"Công đoàn {unit} tổ chức hội nghị người lao động lần {i}\n\n"
        f"Ngày {1 + i % 27}-4-2024, Công đoàn cơ sở {unit} tổ chức Hội nghị người lao động năm 2024. "
        f"Dự hội nghị có ông {person}, Chủ tịch Công đoàn cơ sở. Hội nghị đã khen thưởng {i + 3} đoàn viên "
        f"có thành tích xuất sắc, tổng số tiền {i + 2} triệu đồng.{extra}\n",
        encoding="utf-8",
    )


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(30):
        write_article(folder / f"{i:03d}.txt", i)
    return folder


def run(library: Library, paths, index: SearchIndex | None = None):
    """(analyses handed over, notices, summary, restored?) of one open."""
    analyses, notices, summary, restored = [], [], None, None
    for event in library.open([str(p) for p in paths], IndexFeeder(index) if index is not None else None):
        if isinstance(event, Batch):
            analyses.extend(event.analyses)
        elif isinstance(event, Notice):
            notices.append(event.text)
        elif isinstance(event, Summary):
            summary = event
        elif isinstance(event, Restored):
            restored = event
    return analyses, notices, summary, restored


def titles(analyses) -> list[str]:
    return sorted(a.article.title for a in analyses)


def search_titles(index: SearchIndex, query: str) -> list[str]:
    result = index.search(query, limit=50)
    return [index.analysis(d).article.title for d in result.docs]


# --- cold, warm, incremental ------------------------------------------------------------------------


def test_a_warm_open_serves_the_same_analyses_from_the_store(archive, tmp_path):
    cache = tmp_path / "cache"
    cold, notices, s1, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and (s1.new, s1.unchanged, s1.articles) == (30, 0, 30)
    warm, _, s2, _ = run(Library(cache, jobs=1), [archive])
    assert (s2.new, s2.changed, s2.removed, s2.unchanged) == (0, 0, 0, 30)
    assert sorted(warm, key=lambda a: a.article.id) == sorted(cold, key=lambda a: a.article.id)
    assert (cache / DB_NAME).is_file()


def test_a_warm_open_restores_the_index_and_reads_articles_lazily(archive, tmp_path):
    cache = tmp_path / "cache"
    fresh = SearchIndex()
    run(Library(None, jobs=1), [archive], fresh)
    first = SearchIndex()
    _, _, _, restored = run(Library(cache, jobs=1), [archive], first)
    assert restored is None  # the first open builds it (and saves it)
    again = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], again)
    assert restored is not None and restored.articles == 30 and summary.unchanged == 30
    for query in ("hoa binh", "Trịnh Văn Lan", "khen thuong", "người lao động 2024"):
        assert search_titles(again, query) == search_titles(fresh, query)
    # The restored index still grows: opening another file adds to it.
    more = tmp_path / "more.txt"
    write_article(more, 99, " Tổ chức thêm giải bóng đá Sơn Trà.")
    library = Library(cache, jobs=1)
    run(library, [archive], again2 := SearchIndex())
    run(library, [more], again2)
    assert len(again2) == 31 and search_titles(again2, "bong da son tra") == [
        f"Công đoàn {UNITS[99 % len(UNITS)]} tổ chức hội nghị người lao động lần 99"]


def test_changes_are_brought_in_without_rereading_the_rest(archive, tmp_path):
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive])
    write_article(archive / "100.txt", 100)  # new
    write_article(archive / "001.txt", 1, " Hội nghị biểu quyết thông qua quy chế dân chủ mới.")  # changed
    (archive / "002.txt").unlink()  # removed
    st = (archive / "003.txt").stat()
    os.utime(archive / "003.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched only
    read = []

    def counting(path):
        read.append(Path(path).name)
        return analyse_file(path)

    analyses, _, summary, _ = run(Library(cache, jobs=1, analyser=counting), [archive])
    assert (summary.new, summary.changed, summary.removed) == (1, 1, 1)
    assert summary.changes() == "1 new, 1 changed, 1 removed"
    assert sorted(read) == ["001.txt", "100.txt"]  # the touched file came from the store
    assert len(analyses) == 30
    assert any("quy chế dân chủ mới" in a.article.text for a in analyses)
    assert not any(a.article.source.endswith("002.txt") for a in analyses)
    _, _, summary, _ = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert summary.unchanged == 30 and summary.changes() == ""


def test_a_new_extractor_version_reextracts(archive, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive])
    monkeypatch.setattr(loader, "extractor_version", lambda: "a newer extractor")
    read = []
    analyses, notices, summary, _ = run(Library(cache, jobs=1, analyser=lambda p: read.append(p) or analyse_file(p)),
                                        [archive])
    assert len(read) == 30 and summary.changed == 30 and len(analyses) == 30
    # Said once, before the work, so that a script without a progress bar knows why this open is slow.
    assert notices == ["30 cached files were analysed by another version of unionreader: extracting them again"]
    _, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and summary.unchanged == 30


def test_an_upgrade_is_said_once_and_only_for_the_files_analysed_before_it(archive, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive / f"{i:03d}.txt" for i in range(10)], SearchIndex())
    monkeypatch.setattr(loader, "extractor_version", lambda: "a newer extractor")
    events = list(Library(cache, jobs=1).open([str(archive)], IndexFeeder(SearchIndex())))
    said = [e for e in events if isinstance(e, Notice)]
    assert [(e.text, e.severity) for e in said] == [
        ("10 cached files were analysed by another version of unionreader: extracting them again", "info")]
    first_batch = next(i for i, e in enumerate(events) if isinstance(e, Batch) and e.analyses)
    assert events.index(said[0]) < first_batch
    summary = events[-1]
    assert (summary.new, summary.changed) == (20, 10)


def test_duplicates_are_skipped_the_same_way_in_parallel_and_in_one_process(archive, tmp_path):
    (archive / "zz-copy.txt").write_bytes((archive / "005.txt").read_bytes())
    serial, _, s1, _ = run(Library(None, jobs=1), [archive])
    parallel, _, s2, _ = run(Library(None, jobs=2), [archive])
    assert s1.duplicates == s2.duplicates == 1
    assert [a.article.source for a in serial] == [a.article.source for a in parallel]
    assert all(not a.article.source.endswith("zz-copy.txt") for a in serial)


def test_opening_more_paths_later_never_lists_an_article_twice(archive, tmp_path):
    library = Library(tmp_path / "cache", jobs=1)
    first, _, _, _ = run(library, [archive / "000.txt", archive / "001.txt"])
    second, _, summary, _ = run(library, [archive])
    assert len(first) == 2 and len(second) == 28 and summary.duplicates == 2


def test_bad_inputs_are_reported_and_not_cached(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    batches = [e for e in Library(tmp_path / "cache", jobs=1).open([str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt")])
               if isinstance(e, Batch)]
    errors = [str(e) for b in batches for e in b.errors]
    assert any("empty.txt: empty file" in e for e in errors) and any("nope.txt: no such file" in e for e in errors)


# --- faults -----------------------------------------------------------------------------------------


def _cold_then(cache: Path, archive: Path) -> list:
    expected, _, _, _ = run(Library(None, jobs=1), [archive])
    run(Library(cache, jobs=1), [archive], SearchIndex())
    return titles(expected)


@pytest.mark.parametrize("damage", ["random bytes", "truncated", "old schema"])
def test_a_damaged_cache_is_reported_in_one_line_and_rebuilt(archive, tmp_path, damage):
    cache = tmp_path / "cache"
    expected = _cold_then(cache, archive)
    db = cache / DB_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if damage == "random bytes":
        db.write_bytes(os.urandom(8192))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE meta SET value='0' WHERE key='schema'")
    index = SearchIndex()
    analyses, notices, summary, _ = run(Library(cache, jobs=1), [archive], index)
    # (The saved index may show first; with the store rebuilt, every file is read again, and the
    # saved docs are withdrawn behind the fresh ones.)
    assert len(notices) == 1 and "\n" not in notices[0] and ("damaged" in notices[0] or "schema" in notices[0])
    assert titles(analyses) == expected and index.live() == 30
    assert sorted(search_titles(index, "")) == expected
    # ... and the next open is a clean warm one.
    _, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and summary.unchanged == 30


def test_a_damaged_row_is_read_again(archive, tmp_path):
    cache = tmp_path / "cache"
    expected = _cold_then(cache, archive)
    with sqlite3.connect(cache / DB_NAME) as conn:
        conn.execute("UPDATE files SET payload=? WHERE path LIKE ?", (b"\x78\x01garbage", "%007.txt"))
    read = []
    analyses, _, _, _ = run(Library(cache, jobs=1, analyser=lambda p: read.append(p) or analyse_file(p)), [archive])
    assert [Path(p).name for p in read] == ["007.txt"] and titles(analyses) == expected


def test_a_half_written_or_damaged_index_snapshot_is_not_used(archive, tmp_path):
    cache = tmp_path / "cache"
    expected = _cold_then(cache, archive)
    (snapshot,) = cache.glob(f"{index_files.PREFIX}*")
    (snapshot / "COMPLETE").unlink()  # as if the process died before the rename finished
    index = SearchIndex()
    _, notices, _, restored = run(Library(cache, jobs=1), [archive], index)
    assert restored is None and notices == [] and len(index) == 30
    # A snapshot that says it is complete but is not: reported, dropped, rebuilt.
    (snapshot,) = cache.glob(f"{index_files.PREFIX}*")
    (snapshot / "state.pickle").write_bytes(b"not a pickle")
    index = SearchIndex()
    analyses, notices, _, restored = run(Library(cache, jobs=1), [archive], index)
    assert restored is None and len(notices) == 1 and "damaged" in notices[0]
    assert titles(analyses) == expected and len(index) == 30
    assert run(Library(cache, jobs=1), [archive], SearchIndex())[3] is not None


def _die_in_a_worker(path: str):
    if multiprocessing_parent() and path.endswith("013.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return analyse_file(path)


def multiprocessing_parent() -> bool:
    import multiprocessing

    return multiprocessing.parent_process() is not None


def test_a_killed_worker_loses_nothing(archive, tmp_path):
    cache = tmp_path / "cache"
    analyses, notices, summary, _ = run(Library(cache, jobs=2, analyser=_die_in_a_worker), [archive])
    assert any("worker stopped" in n for n in notices)
    assert len(analyses) == 30 and summary.articles == 30
    _, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and summary.unchanged == 30


def _slow_and_marking(path: str):
    """An analyser that leaves a mark (beside the archive) for each file a worker starts on."""
    (Path(path).parent.parent / "marks" / Path(path).name).touch()
    time.sleep(0.01)
    return analyse_file(path)


def files_started(marks: Path) -> int:
    """How many files the workers started on (``_slow_and_marking``), once the tasks under way have ended."""
    import multiprocessing

    deadline = time.monotonic() + 60
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(list(marks.iterdir()))


def test_an_open_given_up_midway_leaves_the_files_no_worker_started(tmp_path):
    """The app quitting, ^C or a reader that stops iterating closes the open: the chunks no worker has started
    are dropped. (Leaving the pool used to wait until every file was extracted: minutes on a large archive.)"""
    folder, marks = tmp_path / "archive", tmp_path / "marks"
    folder.mkdir()
    marks.mkdir()
    for i in range(600):
        write_article(folder / f"{i:03d}.txt", i)
    opening = Library(tmp_path / "cache", jobs=2, analyser=_slow_and_marking).open([str(folder)])
    first = next(e for e in opening if isinstance(e, Batch))
    assert first.analyses
    opening.close()
    assert 0 < files_started(marks) < 400
    # What was stored stays; the next open extracts the rest.
    analyses, notices, summary, _ = run(Library(tmp_path / "cache", jobs=1), [folder])
    assert len(analyses) == 600 and notices == [] and summary.unchanged and summary.new + summary.unchanged == 600


KILL_IN_TRANSACTION = """
import os, signal, sys
sys.path.insert(0, {src!r})
from unionreader.library.store import Store
store = Store({cache!r})
conn = store._conn
conn.execute("BEGIN IMMEDIATE")
conn.execute("DELETE FROM files")
conn.execute("INSERT INTO files VALUES ('/x', 1, 1, 'd', 'e', 1, 0, x'00')")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_process_killed_in_a_store_transaction_leaves_a_usable_cache(archive, tmp_path):
    cache = tmp_path / "cache"
    expected = _cold_then(cache, archive)
    src = str(Path(__file__).resolve().parents[1] / "tui")
    proc = subprocess.run([sys.executable, "-c", KILL_IN_TRANSACTION.format(src=src, cache=str(cache))])
    assert proc.returncode == -signal.SIGKILL
    analyses, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and summary.unchanged == 30 and titles(analyses) == expected


def test_two_instances_open_the_same_archive_at_once(archive, tmp_path):
    cache = tmp_path / "cache"
    results: dict[int, tuple] = {}

    def open_one(n: int) -> None:
        results[n] = run(Library(cache, jobs=1), [archive], SearchIndex())

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for analyses, notices, summary, restored in results.values():
        # One may start once the other has saved its index: it then restores it, every article at once (listed
        # from the restored index, none handed over in batches), as a reopen does.
        listed = len(analyses) + (restored.articles if restored is not None else 0)
        assert listed == 30 and summary.articles == 30
        assert not any("damaged" in n for n in notices)
    _, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    # (What the cache holds and what the two said, should this ever fail: it failed twice in a day under load,
    # once from a schema race now fixed, once not reproduced since.)
    assert notices == [] and summary.unchanged == 30 and restored is not None, (
        notices, summary, sorted(p.name for p in cache.iterdir()), [r[1:3] for r in results.values()])


def test_an_unusable_cache_directory_means_running_without_it_said_once(archive, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    library = Library(blocker / "cache", jobs=1)
    analyses, notices, summary, _ = run(library, [archive])
    assert len(analyses) == 30 and not summary.cached
    assert len(notices) == 1 and "running without it" in notices[0]
    _, notices, _, _ = run(library, [archive / "000.txt"])
    assert notices == []  # said once


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_directory_means_running_without_it(archive, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        analyses, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    finally:
        cache.chmod(0o700)
    assert len(analyses) == 30 and not summary.cached and len(notices) == 1


def test_a_full_cache_disk_means_running_without_it(archive, tmp_path):
    analyses, notices, summary, _ = run(Library(tmp_path / "cache", jobs=1, max_pages=8), [archive])
    assert len(analyses) == 30 and not summary.cached
    assert len(notices) == 1 and "full" in notices[0]


def test_a_file_that_changes_while_read_is_read_again(archive, tmp_path):
    cache = tmp_path / "cache"
    target = archive / "004.txt"
    changed = []

    def changing_once(path):
        outcome = analyse_file(path)
        if path == str(target) and not changed:
            changed.append(path)
            write_article(target, 4, " Bổ sung: đoàn viên góp quỹ vì người nghèo.")
        return outcome

    analyses, _, _, _ = run(Library(cache, jobs=1, analyser=changing_once), [archive])
    (stored,) = [a for a in analyses if a.article.source == str(target)]
    assert "góp quỹ vì người nghèo" in stored.article.text  # the second reading is the one kept
    warm, _, summary, _ = run(Library(cache, jobs=1), [archive])
    assert summary.unchanged == 30
    assert any("góp quỹ vì người nghèo" in a.article.text for a in warm)


def test_a_file_that_never_holds_still_is_reported_and_not_stored(archive, tmp_path):
    cache = tmp_path / "cache"
    target = archive / "004.txt"
    count = iter(range(100))

    def always_changing(path):
        outcome = analyse_file(path)
        if path == str(target):
            write_article(target, 4, f" Lần sửa {next(count)}.")
        return outcome

    batches = [e for e in Library(cache, jobs=1, analyser=always_changing).open([str(archive)]) if isinstance(e, Batch)]
    errors = [str(e) for b in batches for e in b.errors]
    assert any("004.txt" in e and "changing" in e for e in errors)
    _, _, summary, _ = run(Library(cache, jobs=1), [archive])
    assert summary.new == 1 and summary.unchanged == 29  # read again next time, never half-stored


def test_the_store_survives_being_opened_by_two_connections(tmp_path):
    a, b = Store(tmp_path), Store(tmp_path)
    assert a.stamps() == b.stamps() == {}
    a.close()
    b.close()


# --- commands -------------------------------------------------------------------------------------


def test_index_and_cache_commands(archive, tmp_path, capsys):
    from unionreader.cli import main

    cache = tmp_path / "cache"
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("30 articles · 30 files: 30 new · 0 from cache ·") and line.endswith(" s")
    write_article(archive / "200.txt", 200)
    (archive / "000.txt").unlink()
    assert main(["index", str(archive), "--cache", str(cache)]) == 0
    assert "30 articles · 30 files: 1 new, 1 removed · 29 from cache" in capsys.readouterr().out
    assert main(["cache", "info", "--cache", str(cache)]) == 0
    info = capsys.readouterr().out
    assert str(cache) in info and "30 files · 30 articles" in info and f"{archive} (30 files)" in info
    assert main(["cache", "clear", "--cache", str(cache)]) == 0
    assert not (cache / DB_NAME).exists() and not list(cache.glob(f"{index_files.PREFIX}*"))
    assert main(["index", str(archive), "--no-cache"]) == 2


def test_search_and_facts_use_the_cache_and_give_the_same_answers(archive, tmp_path, capsys, monkeypatch):
    from unionreader.cli import main

    monkeypatch.setenv("UNIONREADER_CACHE", str(tmp_path / "env-cache"))
    outputs = []
    for _ in range(2):
        assert main(["search", "khen thuong Trinh Van Lan", str(archive), "--format", "json"]) == 0
        assert main(["facts", str(archive), "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert (tmp_path / "env-cache" / DB_NAME).is_file()
    assert main(["search", "khen thuong", str(archive), "--no-cache", "--cache", str(tmp_path / "unused")]) == 0
    assert not (tmp_path / "unused").exists()


def test_a_command_says_once_that_it_runs_without_the_cache(archive, tmp_path, capsys):
    from unionreader.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["search", "khen thuong", str(archive), "--cache", str(blocker / "cache")]) == 0
    err = capsys.readouterr().err
    assert err.count("running without it") == 1


def test_a_small_change_updates_the_saved_index_rather_than_rebuilding_it(archive, tmp_path):
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    write_article(archive / "100.txt", 100, " Giải cầu lông Hồ Tây khai mạc.")  # new
    write_article(archive / "001.txt", 1, " Hội nghị biểu quyết thông qua quy chế dân chủ mới.")  # changed
    (archive / "002.txt").unlink()  # removed
    fresh = SearchIndex()
    run(Library(None, jobs=1), [archive], fresh)
    index = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], index)
    assert restored is not None and restored.articles == 30  # the saved index, shown first as it was
    assert (summary.new, summary.changed, summary.removed, summary.articles) == (1, 1, 1, 30)
    assert index.live() == 30 and len(index.retired) == 2
    for query in ("hoa binh", "lần 2", "quy chế dân chủ mới", "cau long ho tay", "khen thuong", ""):
        assert sorted(search_titles(index, query)) == sorted(search_titles(fresh, query)), query
    # The next open restores the updated index as it is.
    again = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], again)
    assert restored is not None and restored.articles == 30 and summary.changes() == ""
    assert sorted(search_titles(again, "lần")) == sorted(search_titles(fresh, "lần"))
    assert "quy chế dân chủ mới" in again.analysis(search_titles_docs(again, "quy che dan chu moi")[0]).article.text


def search_titles_docs(index: SearchIndex, query: str) -> list[int]:
    return list(index.search(query, limit=50).docs)


def test_a_large_change_builds_the_index_afresh(archive, tmp_path):
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    for i in range(12):
        write_article(archive / f"{i:03d}.txt", i, " Nội dung đã sửa.")
    index = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], index)
    assert restored is not None and summary.changed == 12 and index.live() == 30 and len(index.retired) == 12
    # 12 of 30 withdrawn is too much to keep patching: the next open builds the index afresh.
    index = SearchIndex()
    _, _, summary, restored = run(Library(cache, jobs=1), [archive], index)
    assert restored is None and summary.unchanged == 30 and len(index) == 30 and len(index.retired) == 0
    assert run(Library(cache, jobs=1), [archive], SearchIndex())[3] is not None


def test_an_article_whose_cache_was_cleared_meanwhile_is_shown_as_such(archive, tmp_path):
    from unionreader.library.store import clear

    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    index = SearchIndex()
    assert run(Library(cache, jobs=1), [archive], index)[3] is not None
    clear(cache)  # `unionreader cache clear` from another terminal
    assert "no longer in the cache" in index.analysis(0).article.title


def test_problems_of_files_in_a_restored_index_are_said_again(archive, tmp_path):
    feed = archive / "zz-feed.jsonl"
    good = '{"title": "Hội thao công nhân", "text": "Công đoàn tổ chức hội thao công nhân năm 2024 tại nhà văn hóa."}'
    feed.write_text(good + "\n{not json\n", encoding="utf-8")
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())

    def problems(index):
        return [str(e) for e in
                (e for ev in Library(cache, jobs=1).open([str(archive)], IndexFeeder(index)) if isinstance(ev, Batch)
                 for e in ev.errors)]

    index = SearchIndex()
    said = problems(index)
    assert len(index) == 31 and any("zz-feed.jsonl:2" in s and "malformed JSON" in s for s in said)


def test_workers_start_from_an_app_whose_stderr_has_no_file_descriptor(archive, tmp_path):
    """Under Textual, sys.stderr is a capture object (fileno() -1) and the UI runs in another thread:
    the fork server and resource tracker must still start (it failed with "bad value(s) in
    fds_to_keep" and the app's loading stopped). A fresh interpreter, so neither is running yet."""
    code = f"""
import sys, threading
from unionreader.library.extracting import POOL_MIN_FILES
from unionreader.library.loader import Library
from unionreader.library.batching import Batch

class Capture:
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

sys.stderr = Capture()
out = {{}}
def load():
    try:
        events = list(Library(None, jobs=2).open([{str(archive)!r}]))
        out["articles"] = sum(len(e.analyses) for e in events if isinstance(e, Batch))
        out["notices"] = [e.text for e in events if type(e).__name__ == "Notice"]
    except Exception as exc:
        out["error"] = repr(exc)
thread = threading.Thread(target=load)
thread.start(); thread.join()
print(out, file=sys.__stdout__)
assert "error" not in out and not out["notices"], out
"""
    count = len(list(archive.glob("*.txt")))
    from unionreader.library.extracting import POOL_MIN_FILES

    assert count >= POOL_MIN_FILES  # (else no pool is started at all)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert f"'articles': {count}" in proc.stdout


@pytest.mark.parametrize("kept", [0.5, 0.75, 0.95])
def test_a_cache_cut_short_anywhere_is_found_on_open_even_when_the_listing_is_trusted(archive, tmp_path, kept):
    # A warm open that trusts its listing reads few rows of the store: a file cut short past its
    # first pages must still be found when opened, not when a later write fails.
    cache = tmp_path / "cache"
    expected = _cold_then(cache, archive)
    db = cache / DB_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = 4096
    length = db.stat().st_size
    db.write_bytes(db.read_bytes()[: max(page, int(length * kept) // page * page)])
    index = SearchIndex()
    analyses, notices, _, _ = run(Library(cache, jobs=1), [archive], index)
    assert len(notices) == 1 and "damaged" in notices[0] and "truncated" in notices[0]
    assert titles(analyses) == expected and sorted(search_titles(index, "")) == expected
    _, notices, summary, _ = run(Library(cache, jobs=1), [archive])
    assert notices == [] and summary.unchanged == 30


def test_without_a_progress_bar_a_long_open_says_how_far_it_is_now_and_then(tmp_path, monkeypatch):
    from unionreader.library import collector
    from unionreader.library.console import ProgressLines, open_paths

    # Batches cut by size only: on a busy machine a quarter second's cut made more of them (and lines).
    monkeypatch.setattr(collector, "BATCH_SECONDS", float("inf"))

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):  # (batches of 64, then 128, …: three of them)
        write_article(folder / f"{i:03d}.txt", i)
    ticks = iter(range(0, 10_000, 25))  # every look at the clock is 25 s later
    said: list[str] = []
    opened = open_paths(Library(None, jobs=1), [str(folder)], progress=False, say=said.append,
                        clock=lambda: float(next(ticks)))
    assert opened.articles == 300
    # The first batch comes 25 s in (past the first 10 s); the next 25 s later (under 30 s: quiet); the last
    # ends the open, which says nothing more.
    assert len(said) == 1
    m = re.fullmatch(r"reading and analysing: (\d+) of 300 articles \((\d+)%\), (\d+) s", said[0])
    assert m is not None, said
    loaded, share, seconds = map(int, m.groups())
    assert 0 < loaded < 300 and share == 100 * loaded // 300 and seconds >= 10

    quick: list[str] = []
    lines = ProgressLines("indexing", quick.append, iter([0.0, 5.0, 9.0]).__next__)
    lines.update(10, 100)
    lines.update(20, 100)
    assert quick == []  # a quick open says nothing


def test_two_instances_creating_the_same_cache_at_the_same_moment_neither_rebuild_it_nor_go_without(tmp_path):
    # Each pair starts together at a barrier. The schema was made a statement at a time: the other instance
    # could see its tables before their version, take the database for a foreign one and delete it under
    # the first (3 pairs in 200), or meet "database is locked" setting WAL mode and run without the cache
    # (6 in 200). Now neither happens (0 in 2,000).
    from unionreader.library.store import CacheUnavailable

    said: list[str] = []
    failed: list[str] = []
    for k in range(150):
        gate = threading.Barrier(2)
        folder = tmp_path / f"cache-{k}"

        def make(folder=folder, gate=gate) -> None:
            gate.wait()
            try:
                store = Store(folder)
            except CacheUnavailable as exc:
                failed.append(str(exc))
                return
            said.extend(store.notices)
            store.close()

        pair = [threading.Thread(target=make) for _ in range(2)]
        for t in pair:
            t.start()
        for t in pair:
            t.join()
    assert said == [] and failed == []


def test_documents_in_formats_not_read_are_counted_once_not_passed_over_in_silence(tmp_path):
    folder = tmp_path / "office"
    (folder / "2023").mkdir(parents=True)
    write_article(folder / "bao-cao.txt", 1)
    (folder / "bien-ban.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (folder / "2023" / "to-trinh.RTF").write_text("{\\rtf1 Tờ trình}", encoding="utf-8")
    (folder / "2023" / "ke-hoach.odt").write_bytes(b"PK\x03\x04")
    (folder / "anh.jpg").write_bytes(b"\xff\xd8\xff")  # (no document: not counted)
    events = list(Library(None, jobs=1).open([str(folder)]))
    said = [(e.text, e.severity, e.title) for e in events if isinstance(e, Notice)]
    assert said == [("3 documents in .doc, .rtf or .odt were skipped: save them as .docx (or .pdf, .txt) to read "
                     "them", "info", "Files skipped")]
    assert events[-1].articles == 1


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("zero", ["BATCH_SECONDS", "BULK_BATCH_SECONDS"])
def test_batches_are_cut_by_time_more_often_when_someone_watches_the_list(archive, locked, zero, monkeypatch):
    """The app (an index fed under its lock, searched while it fills) gets a batch every quarter second;
    a headless open (``search``, ``facts``, ``index``) one every second: fewer, larger batches cost
    the opening process less. One interval is made zero (a cut after every chunk of files read), the
    other endless (a cut only at 64 articles): only the interval of the kind of open counts."""
    from unionreader.library import collector

    other = "BULK_BATCH_SECONDS" if zero == "BATCH_SECONDS" else "BATCH_SECONDS"
    monkeypatch.setattr(collector, zero, 0.0)
    monkeypatch.setattr(collector, other, float("inf"))
    feeder = IndexFeeder(SearchIndex(), threading.Lock() if locked else None)
    sizes = [len(e.analyses) for e in Library(None, jobs=1).open([str(archive)], feeder) if isinstance(e, Batch)]
    assert sum(sizes) == 30
    cut_every_chunk = (zero == "BATCH_SECONDS") == locked
    assert (len(sizes) > 1) is cut_every_chunk, sizes


def test_a_collector_waits_its_own_interval():
    from unionreader.library.collector import BATCH_SECONDS, BULK_BATCH_SECONDS, Collector

    assert BULK_BATCH_SECONDS > BATCH_SECONDS
    for watched, seconds in ((True, BATCH_SECONDS), (False, BULK_BATCH_SECONDS)):
        c = Collector(Library(None), None, 0.0, watched=watched)
        c.analyses.append(object())
        c.batch_started = time.perf_counter() - (BATCH_SECONDS + BULK_BATCH_SECONDS) / 2
        assert c.due() is watched  # between the two intervals: only the watched one is due
        c.batch_started = time.perf_counter() - seconds - 0.01
        assert c.due()
