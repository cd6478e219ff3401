"""A cold open keeps an analysis in memory only until its file is stored and indexed: the index then
reads it back from the store when it is shown (a 100k-article open held every article until the end)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from test_library import search_titles, write_article
from unionreader.library.batching import Batch
from unionreader.library.events import Notice
from unionreader.library.indexer import IndexFeeder
from unionreader.library.loader import Library
from unionreader.library.released_docs import ReleasedAnalyses
from unionreader.search import SearchIndex

FILES = 200


@pytest.fixture
def big_archive(tmp_path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(FILES):
        write_article(folder / f"{i:03d}.txt", i)
    return folder


def _article_files(folder: Path) -> dict[str, str]:
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_stored_and_indexed_batch_is_let_go_and_read_back_from_the_store(big_archive, tmp_path):
    index = SearchIndex()
    events = Library(tmp_path / "cache", jobs=1).open([str(big_archive)], IndexFeeder(index))
    first: list = []  # the first batch's analyses (slotted objects: no weak references to them)
    first_docs: list[tuple[int, str, str]] = []  # (doc, title, text) of the first batch's articles
    checked = False
    for event in events:
        if not isinstance(event, Batch) or not event.analyses:
            continue
        if not first_docs:
            first = list(event.analyses)
            first_docs = [(d, a.article.title, a.article.text) for d, a in enumerate(event.analyses)]
            del event
            continue
        # The next batch: the first one's analyses are stored and indexed, and nothing else holds them.
        del event
        if checked:
            continue
        assert isinstance(index._analyses, ReleasedAnalyses)
        alone = [object()]
        assert [sys.getrefcount(a) for a in first] == [sys.getrefcount(o) for o in alone] * len(first)
        first = []
        # ... yet the index still shows them, read back from the store.
        for doc, title, text in first_docs:
            assert (index.analysis(doc).article.title, index.analysis(doc).article.text) == (title, text)
        checked = True
    assert checked and len(first_docs) < FILES  # (more than one batch: the check ran mid-open)
    assert len(index) == FILES
    texts = _article_files(big_archive)
    for doc in range(len(index)):
        article = index.analysis(doc).article
        assert article.title in texts[article.source]
    assert any(t.endswith("lần 17") for t in search_titles(index, "lan 17"))


def test_without_a_store_nothing_is_let_go(big_archive, tmp_path):
    index = SearchIndex()
    for _ in Library(None, jobs=1).open([str(big_archive)], IndexFeeder(index)):
        pass
    assert type(index._analyses) is list and len(index) == FILES


def test_a_store_that_fills_up_keeps_the_unstored_articles_in_memory(big_archive, tmp_path):
    """A write that fails (a full disk) drops the store: what it did not take stays in memory, what it
    took is read back from it; every article is shown as read."""
    texts = _article_files(big_archive)
    for pages in (50, 60, 80, 100):  # (a disk that fills up part way through, whatever a row's size)
        index = SearchIndex()
        library = Library(tmp_path / f"cache-{pages}", jobs=1, max_pages=pages)
        notices = [e.text for e in library.open([str(big_archive)], IndexFeeder(index)) if isinstance(e, Notice)]
        assert len(index) == FILES
        for doc in range(len(index)):
            article = index.analysis(doc).article
            assert article.source in texts and article.title in texts[article.source]
        if isinstance(index._analyses, ReleasedAnalyses) and 0 < index._analyses.held() < FILES:
            assert any("full" in n for n in notices)
            break
    else:
        pytest.fail("no disk size filled up part way through")


def test_articles_let_go_are_read_back_under_the_name_the_file_has_now(big_archive, tmp_path, monkeypatch):
    """Stored under one name (an absolute path), opened under another (relative, from another folder):
    while the open goes on, an article read back from the store is shown under the name of this open,
    as one held in memory is."""
    cache = tmp_path / "cache"
    for _ in Library(cache, jobs=1).open([str(big_archive)]):  # stored, no index saved
        pass
    monkeypatch.chdir(big_archive.parent)
    index = SearchIndex()
    names = {str(Path(big_archive.name) / p.name) for p in big_archive.iterdir()}
    read_back = 0
    for event in Library(cache, jobs=1).open([big_archive.name], IndexFeeder(index)):
        if isinstance(event, Batch) and event.analyses:
            assert isinstance(index._analyses, ReleasedAnalyses) and index._analyses.held() == 0
            assert {index.analysis(doc).article.source for doc in range(len(index))} <= names
            read_back = len(index)
    assert read_back == FILES


def test_a_folder_opened_after_a_warm_open_is_let_go_once_stored(big_archive, tmp_path):
    """The app opens one more folder into the index a warm open restored: its articles are read back
    from the store too (they stayed in memory for good), and the restored ones still read."""
    cache = tmp_path / "cache"
    for _ in Library(cache, jobs=1).open([str(big_archive)], IndexFeeder(SearchIndex())):  # saves the index
        pass
    more = tmp_path / "more"
    more.mkdir()
    for i in range(FILES, FILES + 30):
        write_article(more / f"{i:03d}.txt", i)
    index = SearchIndex()
    library = Library(cache, jobs=1)
    for _ in library.open([str(big_archive)], IndexFeeder(index)):  # warm: restored from the cache
        pass
    for _ in library.open([str(more)], IndexFeeder(index)):
        pass
    assert len(index) == FILES + 30
    assert isinstance(index._analyses, ReleasedAnalyses) and index._analyses.held() == 0
    texts = {**_article_files(big_archive), **_article_files(more)}
    for doc in range(len(index)):
        article = index.analysis(doc).article
        assert article.title in texts[article.source]
    assert any(t.endswith("lần 217") for t in search_titles(index, "lan 217"))
