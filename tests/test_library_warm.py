"""The library's warm path: a reopen of an unchanged archive writes nothing; stored payloads round-trip."""

from __future__ import annotations

import os
import pickle
import sqlite3

import numpy as np
import pytest
import zstandard

from test_library import archive, run, write_article  # noqa: F401 (the fixture)
from unionreader.library import index_files
from unionreader.library.loader import Library
from unionreader.library.payloads import ZSTD_LEVEL
from unionreader.library.store import DB_NAME, Store, decode, encode
from unionreader.library.worker import analyse_file
from unionreader.search import SearchIndex
from unionreader.search.postings import Postings


def _roots(cache) -> list[tuple[str, float, int]]:
    with sqlite3.connect(cache / DB_NAME) as conn:
        return list(conn.execute("SELECT path, opened, files FROM roots"))


def test_an_unchanged_reopen_does_not_rewrite_the_roots(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    first = _roots(cache)
    assert [(p, n) for p, _, n in first] == [(str(archive), 30)]
    _, _, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and summary.unchanged == 30
    assert _roots(cache) == first  # the same row, opened time included: nothing was written

    write_article(archive / "999.txt", 999)
    run(Library(cache), [archive], SearchIndex())
    (root,) = _roots(cache)
    assert root[2] == 31 and root[1] >= first[0][1]


def test_a_payload_is_compressed_at_the_stored_level_and_decodes_to_the_same(archive):  # noqa: F811
    outcome = analyse_file(str(archive / "001.txt"))
    payload = encode("001.txt", outcome.analyses, outcome.errors)
    raw = zstandard.ZstdDecompressor().decompress(payload[1:])  # (after the format's byte)
    assert payload[1:] == zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True).compress(raw)
    shown, analyses, errors = decode(payload)
    assert shown == "001.txt" and analyses == outcome.analyses and errors == outcome.errors
    assert analyses[0].article.raw and analyses[0].article.text


def _snapshot(cache):
    (folder,) = cache.glob(f"{index_files.PREFIX}*")
    return folder


def _rewrite_state(folder, change) -> None:
    """Load a snapshot's pickle, let ``change`` alter it, and write it back (its arrays in-band)."""
    count = int((folder / "COMPLETE").read_text())
    buffers = [(folder / f"{i}.bin").read_bytes() for i in range(count)]
    saved = pickle.loads((folder / "state.pickle").read_bytes(), buffers=buffers)
    (folder / "state.pickle").write_bytes(pickle.dumps(change(saved), protocol=5))
    (folder / "COMPLETE").write_text("0")


def test_a_restored_index_has_the_same_vocabulary_and_answers_and_still_grows(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    built = SearchIndex()
    run(Library(cache), [archive], built)
    restored = SearchIndex()
    _, _, _, was_restored = run(Library(cache), [archive], restored)
    assert was_restored
    assert restored._term_ids == built._term_ids and restored._exact_ids == built._exact_ids
    assert list(restored._exact_ids) == list(built._exact_ids)  # ids in the same order
    for query in ("hội nghị", "Trịnh Văn Lan", "Tây Sơn", "hoi nghi nguoi lao dong", '"Sông Lam"'):
        assert restored.search(query, limit=50).docs == built.search(query, limit=50).docs

    write_article(archive / "500.txt", 500, extra=" Hội nghị bàn về Quỹ Xoan Đào.")
    grown = SearchIndex()
    _, _, summary, was_restored = run(Library(cache), [archive], grown)
    assert was_restored and summary.new == 1
    assert len(grown.search("Xoan Đào", limit=5).docs) == 1
    fresh = SearchIndex()
    run(Library(None), [archive], fresh)
    assert len(fresh.search("Xoan Đào", limit=5).docs) == 1
    assert grown.search("hội nghị", limit=100).total == fresh.search("hội nghị", limit=100).total


@pytest.mark.parametrize("damage", ["twice", "short"])
def test_a_snapshot_whose_word_lists_do_not_fit_is_reported_and_rebuilt(archive, tmp_path, damage):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    folder = _snapshot(cache)

    def change(saved):
        fmt, state, origins = saved
        if damage == "twice":  # a word listed twice: the ids after it would all be off by one
            state["_terms"] = [*state["_terms"][:2], state["_terms"][0], *state["_terms"][3:]]
        else:
            state["_exact_forms"] = state["_exact_forms"][:-1]
        return fmt, state, origins

    _rewrite_state(folder, change)
    with pytest.raises(ValueError, match="damaged"):
        index_files.load(cache, folder.name[len(index_files.PREFIX):])
    index = SearchIndex()
    _, notices, summary, restored = run(Library(cache), [archive], index)
    assert restored is None and len(notices) == 1 and "damaged" in notices[0] and "\n" not in notices[0]
    assert summary.articles == 30 and index.search("hội nghị", limit=5).docs
    _, notices, _, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and not notices  # the rebuilt one was saved


def test_a_snapshot_of_the_previous_format_is_rebuilt_without_a_notice(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    old = _snapshot(cache)

    def previous(saved):  # format 1: (state, origins), the dicts pickled as they are
        _, state, origins = saved
        forms = state.pop("_exact_forms")
        state["_term_ids"] = {t: i for i, t in enumerate(state["_terms"])}
        state["_exact_ids"] = {f: i for i, f in enumerate(forms)}
        return state, origins

    _rewrite_state(old, previous)
    _, notices, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored is None and notices == [] and summary.articles == 30
    assert index_files.load(cache, _snapshot(cache).name[len(index_files.PREFIX):]) is not None  # saved anew
    _, _, _, restored = run(Library(cache), [archive], SearchIndex())
    assert restored


def test_a_snapshot_of_format_2_with_two_byte_weights_is_rebuilt_not_misread(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    old = _snapshot(cache)

    def two_byte_weights(saved):  # format 2: the same state, but every posting weight in two bytes
        _, state, origins = saved
        for kind in ("terms", "pairs", "exact", "titles"):
            for i, seg in enumerate(state[kind].segments):
                weights = seg.all_weights().astype(np.uint16)
                state[kind].segments[i] = Postings(seg.keys, seg.offsets, seg.all_docs(), weights)
        return 2, state, origins

    _rewrite_state(old, two_byte_weights)
    _, notices, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored is None and notices == [] and summary.articles == 30
    folder = _snapshot(cache)
    state, _ = index_files.load(cache, folder.name[len(index_files.PREFIX):])
    assert all(s.weights.dtype == np.uint8 for s in state["pairs"].segments)  # saved anew, one byte
    index = SearchIndex()
    _, _, _, restored = run(Library(cache), [archive], index)
    assert restored and index.search("hội nghị", limit=5).docs


def test_stamps_are_read_from_their_index_which_an_older_database_gets_on_open(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache), [archive], SearchIndex())
    with sqlite3.connect(cache / DB_NAME) as conn:
        conn.execute("DROP INDEX files_stamps")  # as a database made before it was added
    store = Store(cache)
    try:
        stamps = store.stamps()
        plan = store._conn.execute("EXPLAIN QUERY PLAN SELECT path, size, mtime_ns, digest, extractor FROM files").fetchall()
    finally:
        store.close()
    assert "COVERING INDEX files_stamps" in str(plan)
    assert len(stamps) == 30 and all(path == s[0] and s[3] and s[1] > 0 for path, s in stamps.items())
    _, notices, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and not notices and summary.unchanged == 30


def test_the_fast_listing_gives_the_files_discover_gives_in_the_same_order(tmp_path):
    from unionreader.corpus import discover
    from unionreader.library.walk import walk

    names = ["a.txt", "a-b.txt", "a b.md", "A.TXT", "ab/c.txt", "a/b.txt", "a/b/c.jsonl", "a.b/z.txt", "x.txt.bak",
             "noext", "b.", ".hidden.txt", ".dir/x.txt", "a/.x/y.txt", "é.txt", "e\u0301z.txt", "dir.txt/in.txt", "a..txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    for root in (str(tmp_path), os.path.relpath(tmp_path), str(tmp_path) + "/", str(tmp_path / "a" / "..")):
        files, other = walk([root])
        assert list(zip(files.shown, files.sizes, strict=True)) == [(s.path, s.size) for s in discover([root])]
        assert files.keys == [os.path.abspath(s.path) for s in discover([root])]
        assert files.mtimes == [os.stat(s.path).st_mtime_ns for s in discover([root])]
        assert other == [] and len(files) == 12
    (tmp_path / "empty").mkdir()
    files, other = walk([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "empty")])
    assert files.keys == [str(tmp_path / "a.txt")]
    assert [(s.path, s.size) for s in other] == [(str(tmp_path / "missing.txt"), 0), (str(tmp_path / "empty"), -1)]


def test_a_snapshot_saved_meanwhile_by_another_instance_is_not_an_error(archive, tmp_path, monkeypatch):  # noqa: F811
    """Two instances saving the same generation: the second rename meets a complete folder (ENOTEMPTY
    on Linux) and must leave it be, without a notice."""
    real_replace = os.replace

    def another_instance_won(src, dst):
        os.makedirs(dst)
        for name in os.listdir(src):
            with open(os.path.join(src, name), "rb") as a, open(os.path.join(dst, name), "wb") as b:
                b.write(a.read())
        real_replace(src, dst)  # raises: the folder is there and not empty

    monkeypatch.setattr(index_files.os, "replace", another_instance_won)
    cache = tmp_path / "cache"
    _, notices, summary, _ = run(Library(cache), [archive], SearchIndex())
    assert summary is not None and summary.articles == 30
    assert not [n for n in notices if "cannot save" in n]
    assert len(list(cache.glob(f"{index_files.PREFIX}*"))) == 1 and not list(cache.glob(".*tmp*"))
    monkeypatch.setattr(index_files.os, "replace", real_replace)
    _, notices, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and summary.unchanged == 30 and not notices


def test_an_array_that_cannot_be_written_leaves_no_snapshot_and_says_so_once(archive, tmp_path, monkeypatch):  # noqa: F811
    """The arrays are written by several threads: one of them failing (a full disk) must fail the save as
    a whole, after the others are done, with no half-written folder left and the open itself unharmed."""
    real_write = index_files._write_buffer
    started: list[str] = []

    def full_disk_at_the_third(raw, dest, same_size):
        started.append(dest.name)
        if len(started) == 3:
            raise OSError(28, "No space left on device")
        real_write(raw, dest, same_size)

    monkeypatch.setattr(index_files, "_write_buffer", full_disk_at_the_third)
    cache = tmp_path / "cache"
    _, notices, summary, _ = run(Library(cache), [archive], SearchIndex())
    assert summary is not None and summary.articles == 30
    assert len(started) > 3  # (the other arrays were still written, then the save given up)
    assert [n for n in notices if "cannot save the search index" in n] == [
        f"cannot save the search index in {cache}: No space left on device"]
    assert not list(cache.glob(f"{index_files.PREFIX}*")) and not list(cache.glob(".*tmp*"))

    monkeypatch.setattr(index_files, "_write_buffer", real_write)
    run(Library(cache), [archive], SearchIndex())
    _, notices, summary, restored = run(Library(cache), [archive], SearchIndex())
    assert restored and summary.unchanged == 30 and not notices
