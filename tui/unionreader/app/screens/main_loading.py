"""The main screen's side of loading articles: it starts the loader thread, takes in what the loader
posts (batches, the cache's saved first page and restored index, notices, the end), re-runs the search
as articles arrive, and opens more files or folders (one load at a time).

A mixin of MainScreen, kept apart because loading is its own concern with its own state. Its message
handlers are named by Textual's convention (``_on_batch_loaded`` for ``loader.BatchLoaded``) rather
than decorated with ``@on``: Textual collects ``@on`` handlers only from classes its metaclass builds,
which a plain mixin is not, while it looks up convention-named handlers along the whole MRO."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from ...library.events import FirstPage
from .. import loader
from ..results import row_meta
from .prompt import LoadErrorsScreen, PathPrompt

LOADING_SWITCH_INTERVAL = 0.0005  # seconds; see start_loading
REFRESH_INTERVAL = 0.3  # seconds between searches re-run as batches arrive


class ArchiveLoading:
    """Loading for MainScreen, which provides the archive, the results, the widgets and run_search;
    the state used here (``_first_page``, ``_search_pending``, ``_refresh_pending``, ``_last_refresh``,
    ``_load_started``, ``_queued_paths``, ``_switch_interval``) is set in MainScreen.__init__."""

    def start_loading(self) -> None:
        # The loader thread is CPU-bound; the UI's event loop waits on select() between messages and
        # must win the GIL back each time, which CPython lets it do only every switch interval (5 ms
        # by default): hundreds of such waits per frame delayed each keystroke's repaint by a second
        # or more. A short interval while loading keeps typing responsive (restored when loading ends).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(LOADING_SWITCH_INTERVAL)
        self.archive.loading = True
        self.archive.expected_articles = None
        self._load_started = (len(self.archive.load_errors), self.archive.duplicates_skipped)
        self.run_worker(lambda: loader.load_into(self.archive, self.post_message, self._let_search_run),
                        thread=True, exclusive=True, group="load")

    def _let_search_run(self) -> None:
        """A lock is not fair: released and taken again at once, the search typed meanwhile would
        hardly ever get it. When one waits, give it the index for a moment (at most 50 ms)."""
        deadline = time.perf_counter() + 0.05
        while self._search_pending and time.perf_counter() < deadline:
            time.sleep(0.002)

    def _on_batch_loaded(self, event: loader.BatchLoaded) -> None:
        self._first_page = None
        batch = event.batch
        self.archive.duplicates_skipped += batch.duplicates
        self.archive.loaded_articles = batch.loaded
        self.archive.expected_articles = batch.total
        self.archive.load_errors.extend(batch.errors)
        self.loading_bar.show_batch(batch)
        self._schedule_refresh()
        self.app.articles_changed()
        self.call_after_refresh(event.shown.set)

    def _on_cache_page(self, event: loader.CachePage) -> None:
        if len(self.archive.index) == 0:
            self._first_page = event.page
            self.run_search()
        self.call_after_refresh(event.shown.set)

    def _show_first_page(self, page: FirstPage) -> None:
        rows = {row.doc: (row.title, row.title_derived, row_meta(row.date, row.organiser)) for row in page.rows}
        self.article_list.set_docs([row.doc for row in page.rows], rows.__getitem__, lambda doc: ())
        self.article_list.border_title = f"Articles ({page.articles:,})"
        self.set_status(f"{page.articles:,} articles · from cache · loading…")

    def _on_cache_restored(self, event: loader.CacheRestored) -> None:
        self._first_page = None
        self.archive.loaded_articles = event.restored.articles
        self.loading_bar.show_restored(event.restored)
        self.run_search(keep_position=True)
        self.app.articles_changed()
        self.call_after_refresh(event.shown.set)

    def _on_cache_notice(self, event: loader.CacheNotice) -> None:
        info = event.severity == "info"
        self.notify(event.text, title=event.title, severity="information" if info else "warning",
                    timeout=10 if info else 15)

    def _on_load_summarised(self, event: loader.LoadSummarised) -> None:
        summary = self.archive.last_summary = event.summary
        if summary.unchanged and summary.cache_seconds is not None:
            changes = summary.changes()
            self.notify(
                f"{self.archive.index.live():,} articles · from cache · {summary.cache_seconds:.1f} s"
                + (f"\n{changes}" if changes else ""),
                title="Opened",
                timeout=5,
            )

    def _on_load_failed(self, event: loader.LoadFailed) -> None:
        self.notify(f"Loading stopped: {event.reason}", severity="error", timeout=15)

    def _schedule_refresh(self) -> None:
        """Re-run the query as batches arrive, at most a few times a second (a search per batch of a
        100k corpus would spend the UI thread on results nobody reads)."""
        elapsed = time.perf_counter() - self._last_refresh
        result = self.results.result
        if elapsed >= REFRESH_INTERVAL or self._search_pending or result is None or not result.docs:
            self.run_search(keep_position=True)
        elif not self._refresh_pending:
            self._refresh_pending = True
            self.set_timer(REFRESH_INTERVAL - elapsed, self._pending_refresh)

    def _pending_refresh(self) -> None:
        if self._refresh_pending:  # (a search since it was scheduled, e.g. when loading ended, did it)
            self.run_search(keep_position=True)

    def _on_load_finished(self) -> None:
        if self._first_page is not None:  # (the index could not be restored, and nothing was loaded)
            self._first_page = None
            self.run_search()
        # The load's notices (the summary's above) are messages in the app's queue: the load ends behind
        # them, so that whoever sees loading end also sees what it said.
        self.app.call_later(self._loading_done)

    def _loading_done(self) -> None:
        # (The last batch's objects, see loader.load_into: full collections over the loaded articles
        # pause the UI for a few hundred ms per pass at 10k articles.)
        gc.freeze()
        sys.setswitchinterval(self._switch_interval)
        archive = self.archive
        archive.loading = False
        archive.loaded_at = time.perf_counter()
        self.loading_bar.display = False
        self.run_search(keep_position=True)
        self.app.articles_changed()
        errors = archive.load_errors[self._load_started[0]:]  # this load's (an earlier open had its notice)
        if errors:
            shown = "\n".join(str(e) for e in errors[:5])
            more = f"\n… and {len(errors) - 5} more" if len(errors) > 5 else ""
            self.notify(
                f"{shown}{more}\n(ctrl+p → “Show load errors” lists them all; click to dismiss)",
                title=f"{len(errors)} file(s) could not be loaded",
                severity="warning",
                timeout=30,
            )
        skipped = archive.duplicates_skipped - self._load_started[1]
        if skipped:
            self.notify(f"{skipped:,} article(s) already listed were not added again", title="Duplicates")
        if self._queued_paths:
            self.open_paths(self._queued_paths.pop(0))

    def action_show_load_errors(self) -> None:
        self.app.push_screen(LoadErrorsScreen([str(e) for e in self.archive.load_errors] or ["No load errors."]))

    def action_open_file(self) -> None:
        self.app.push_screen(PathPrompt("Open", "File or folder of articles to add", ""), self.open_paths)

    def open_paths(self, name: str | None) -> None:
        if not name:
            return
        path = str(Path(name).expanduser())
        if self.archive.loading:  # one loader at a time: this one starts when the current load ends
            self._queued_paths.append(path)
            self.notify(f"{path} will be loaded after the current files", title="Open")
            return
        self.archive.open_more(path)
        self.loading_bar.display = True
        self.start_loading()
