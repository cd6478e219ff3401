"""The app opens archives through the library: a reopen comes from the cache at once, changes behind it."""

from __future__ import annotations

from test_library import _slow_and_marking, archive, files_started, run, write_article  # noqa: F401 (the fixture)
from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.widgets.article_list import ArticleList
from unionreader.app.widgets.reader import Reader
from unionreader.library.loader import Library
from unionreader.search import SearchIndex


def open_app(path, cache) -> UnionReaderApp:
    return UnionReaderApp([str(path)], library=Library(cache, jobs=1), config=Config(), clipboard_commands=False,
                         show_timing=False)


async def wait_loaded(app, pilot) -> None:
    for _ in range(3000):
        if not app.archive.loading and app.main_screen.results.result is not None:
            break
        await pilot.pause(0.01)
    assert not app.archive.loading


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_reopening_shows_the_whole_list_from_the_cache_and_changes_behind_it(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())  # as `unionreader index` would
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.query_one(ArticleList).docs) == 30
        assert any("30 articles · from cache" in m for m in messages(app))
        assert app.archive.last_summary.unchanged == 30
        await pilot.pause(0.1)
        shown = app.query_one(Reader).analysis  # (read from the cache when shown)
        assert shown is not None and shown.article.text.startswith("Công đoàn")

    write_article(archive / "100.txt", 100, " Giải việt dã Hồ Núi Cốc.")
    write_article(archive / "001.txt", 1, " Quỹ xã hội tăng thêm.")
    (archive / "002.txt").unlink()
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.query_one(ArticleList).docs) == 30
        assert any("1 new, 1 changed, 1 removed" in m for m in messages(app))
        app.query_one("#search").value = "viet da ho nui coc"
        await pilot.pause(0.3)
        app.main_screen.run_search()
        assert len(app.main_screen.results.result.docs) == 1
        assert "Hồ Núi Cốc" in app.archive.index.analysis(app.main_screen.results.result.docs[0]).article.text


async def test_a_reopen_paints_the_saved_first_page_before_the_index_then_the_same_rows_from_it(archive, tmp_path):  # noqa: F811
    import threading

    from unionreader.library.events import FirstPage

    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    library = Library(cache, jobs=1)
    release = threading.Event()

    def held_after_the_page(feeder):
        for event in library.open([str(archive)], feeder):
            yield event
            if isinstance(event, FirstPage):
                release.wait(10)  # (the index is not restored until the test has looked)

    app = UnionReaderApp([str(archive)], library=library, events=held_after_the_page, config=Config(),
                         clipboard_commands=False, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        article_list = app.query_one(ArticleList)
        for _ in range(500):
            if article_list.docs:
                break
            await pilot.pause(0.01)
        assert len(app.archive.index) == 0 and len(article_list.docs) == 30  # the page, no index yet
        page_rows = [article_list._row_info(doc) for doc in article_list.docs]
        assert all(title.startswith("Công đoàn") for title, _, _ in page_rows)
        await pilot.press("down", "enter")  # the reader waits for the index: no error meanwhile
        await pilot.pause(0.05)
        assert app.query_one(Reader).analysis is None
        release.set()
        await wait_loaded(app, pilot)
        assert [article_list._row_info(doc) for doc in article_list.docs] == page_rows  # the same rows
        await pilot.pause(0.1)
        assert app.query_one(Reader).analysis is not None


async def test_after_an_upgrade_the_app_says_why_everything_is_extracted_again(archive, tmp_path, monkeypatch):  # noqa: F811
    from unionreader.library import loader

    cache = tmp_path / "cache"
    run(Library(cache, jobs=1), [archive], SearchIndex())
    monkeypatch.setattr(loader, "extractor_version", lambda: "a newer extractor")
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.query_one(ArticleList).docs) == 30
        said = [(n.title, n.message, n.severity) for n in app._notifications if n.title == "Updating the cache"]
        assert said == [("Updating the cache",
                         "30 cached files were analysed by another version of unionreader: extracting them again",
                         "information")]
        assert app.archive.last_summary.changed == 30


async def test_a_folder_of_saved_pages_and_word_reports_opens_in_the_app(tmp_path):
    import shutil
    from pathlib import Path

    from test_word_files import REPORT, docx

    folder = tmp_path / "office"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "html" / "hoi_nghi_nguoi_lao_dong.html", folder)
    (folder / "bao-cao.docx").write_bytes(docx(REPORT, title="Báo cáo Hội nghị người lao động 2025"))
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    app = open_app(folder, tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        titles = sorted(app.archive.index.analysis(d).article.title for d in app.query_one(ArticleList).docs)
        assert titles == ["Báo cáo Hội nghị người lao động 2025",
                          "Công đoàn Công ty May Sông Hồng tổ chức Hội nghị người lao động năm 2025"]
        assert [(n.title, n.severity) for n in app._notifications if n.title == "Files skipped"] == [
            ("Files skipped", "information")]
        app.query_one("#search").value = "may song hong"
        await pilot.pause(0.3)
        app.main_screen.run_search()
        [doc] = app.main_screen.results.result.docs
        assert app.archive.index.analysis(doc).article.origin == "Báo Người Lao Động Thủ Đô"


async def test_quitting_in_the_middle_of_a_first_open_leaves_the_files_no_worker_started(tmp_path):
    """ctrl+q while workers extract a large archive: the app quits, and the chunks no worker has started are
    dropped (the open used to go on extracting the whole archive before the process could end)."""
    folder, marks = tmp_path / "archive", tmp_path / "marks"
    folder.mkdir()
    marks.mkdir()
    for i in range(600):
        write_article(folder / f"{i:03d}.txt", i)
    app = UnionReaderApp([str(folder)], library=Library(tmp_path / "cache", jobs=2, analyser=_slow_and_marking),
                         config=Config(), clipboard_commands=False, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3000):
            if app.archive.loaded_articles:
                break
            await pilot.pause(0.01)
        assert app.archive.loading and app.archive.loaded_articles < 600
        await pilot.press("ctrl+q")
    assert 0 < files_started(marks) < 400
