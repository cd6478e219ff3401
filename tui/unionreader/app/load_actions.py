"""Loading articles into the running app: the library's events (batches, a restored index, cache
notices, the summary) shown as they arrive, refreshes while batches arrive, duplicates and load
errors, and opening more files. Reading, extracting, the cache and indexing are the library's."""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from pathlib import Path

from textual import work
from textual.css.query import NoMatches
from textual.widgets import Label, ProgressBar

from ..library.batching import Batch
from ..library.events import Notice, Restored, Summary
from ..library.indexer import IndexFeeder
from .screens.prompt import LoadErrorsScreen, PathPrompt

LOADING_SWITCH_INTERVAL = 0.0005  # seconds; see start_loading


class LoadActions:
    """Mixed into the app: needs ``main_screen``, ``index``, ``index_lock``, ``result``, ``run_search``,
    ``_events`` (feeder → library events), and the loading counters set in the app's ``__init__``."""

    def start_loading(self) -> None:
        # The loader thread is CPU-bound; the UI's event loop waits on select() between messages and
        # must win the GIL back each time, which CPython lets it do only every switch interval (5 ms
        # by default): hundreds of such waits per frame delayed each keystroke's repaint by a second
        # or more. A short interval while loading keeps typing responsive (restored when loading ends).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(LOADING_SWITCH_INTERVAL)
        self._load_started = (len(self.load_errors), self.duplicates_skipped)
        self.load_worker()

    @work(thread=True, exclusive=True, group="load")
    def load_worker(self) -> None:
        # The library indexes each batch before handing it over, in slices under the index lock
        # (a search typed meanwhile waits for one slice, see library.indexer).
        feeder = IndexFeeder(self.index, self.index_lock, make_way=self._let_search_run)
        try:
            try:
                for event in self._events(feeder):
                    if isinstance(event, Batch):
                        self.duplicates_skipped += event.duplicates
                        # The articles stay for the app's life: once the young garbage is swept,
                        # take them out of the collector's view, or its full passes over a growing
                        # heap pause the UI for up to a second or more while a large corpus loads.
                        gc.collect(1)
                        gc.freeze()
                        self.call_from_thread(self._while_open, self._batch_loaded, event)
                    elif isinstance(event, Restored):
                        self.call_from_thread(self._while_open, self._restored, event)
                    elif isinstance(event, Notice):
                        self.call_from_thread(self._while_open, self.notify, event.text, title="Cache",
                                              severity="warning", timeout=15)
                    elif isinstance(event, Summary):
                        self.call_from_thread(self._while_open, self._summarised, event)
            except RuntimeError:
                raise
            except Exception as exc:  # a bug in a reader must not take the app down with a traceback
                self.call_from_thread(self.notify, f"Loading stopped: {exc}", severity="error", timeout=15)
            self.call_from_thread(self._while_open, self._loading_done)
        except RuntimeError:
            return  # the app closed while loading (call_from_thread has no app to call any more)

    def _let_search_run(self) -> None:
        """A lock is not fair: released and taken again at once, the search typed meanwhile would
        hardly ever get it. When one waits, give it the index for a moment (at most 50 ms)."""
        deadline = time.perf_counter() + 0.05
        while self._search_pending and time.perf_counter() < deadline:
            time.sleep(0.002)

    def _while_open(self, callback, *args) -> None:
        with contextlib.suppress(NoMatches):  # the app is closing and its widgets are gone
            callback(*args)

    def _batch_loaded(self, batch: Batch) -> None:
        self.loaded_articles = batch.loaded
        self.load_errors.extend(batch.errors)
        progress = self.main_screen.query_one("#progress", ProgressBar)
        progress.update(total=batch.total, progress=batch.loaded)
        total = f"/{batch.total:,}" if batch.total else ""
        self.main_screen.query_one("#loading-label", Label).update(
            f" {batch.loaded:,}{total} articles · {batch.megabytes:.1f} MB · {batch.mb_per_s:.1f} MB/s"
        )
        self._schedule_refresh()

    def _restored(self, event: Restored) -> None:
        self.loaded_articles = event.articles
        self.main_screen.query_one("#loading-label", Label).update(
            f" {event.articles:,} articles · from cache · {event.seconds:.1f} s"
        )
        self.run_search(keep_position=True)

    def _summarised(self, summary: Summary) -> None:
        self.last_summary = summary
        if summary.unchanged and summary.cache_seconds is not None:
            changes = summary.changes()
            self.notify(
                f"{self.index.live():,} articles · from cache · {summary.cache_seconds:.1f} s"
                + (f"\n{changes}" if changes else ""),
                title="Opened",
                timeout=5,
            )

    def _schedule_refresh(self) -> None:
        """Re-run the query as batches arrive, at most a few times a second (a search per batch of a
        100k corpus would spend the UI thread on results nobody reads)."""
        elapsed = time.perf_counter() - self._last_refresh
        if elapsed >= 0.3 or self._search_pending or self.result is None or not self.result.docs:
            self.run_search(keep_position=True)
        elif not self._refresh_pending:
            self._refresh_pending = True
            self.set_timer(0.3 - elapsed, lambda: self._while_open(self._pending_refresh))

    def _pending_refresh(self) -> None:
        if self._refresh_pending:  # (a search since it was scheduled, e.g. when loading ended, did it)
            self.run_search(keep_position=True)

    def _loading_done(self) -> None:
        # (The last batch's objects, see load_worker: full collections over the loaded articles pause
        # the UI for a few hundred ms per pass at 10k articles.)
        gc.freeze()
        sys.setswitchinterval(self._switch_interval)
        self.loading = False
        self.loaded_at = time.perf_counter()
        self.main_screen.query_one("#loading").display = False
        self.run_search(keep_position=True)
        errors = self.load_errors[self._load_started[0]:]  # this load's (an earlier open had its notice)
        if errors:
            shown = "\n".join(str(e) for e in errors[:5])
            more = f"\n… and {len(errors) - 5} more" if len(errors) > 5 else ""
            self.notify(
                f"{shown}{more}\n(ctrl+p → “Show load errors” lists them all; click to dismiss)",
                title=f"{len(errors)} file(s) could not be loaded",
                severity="warning",
                timeout=30,
            )
        skipped = self.duplicates_skipped - self._load_started[1]
        if skipped:
            self.notify(f"{skipped:,} article(s) already listed were not added again", title="Duplicates")
        if self._queued_paths:
            self.open_paths(self._queued_paths.pop(0))

    def action_show_load_errors(self) -> None:
        self.push_screen(LoadErrorsScreen([str(e) for e in self.load_errors] or ["No load errors."]))

    def action_open_file(self) -> None:
        self.push_screen(PathPrompt("Open", "File or folder of articles to add", ""), self.open_paths)

    def open_paths(self, name: str | None) -> None:
        if not name:
            return
        path = str(Path(name).expanduser())
        if self.loading:  # one loader at a time: this one starts when the current load ends
            self._queued_paths.append(path)
            self.notify(f"{path} will be loaded after the current files", title="Open")
            return
        self.paths = [path]
        self._events = lambda feeder: self.library.open([path], feeder)
        self.main_screen.query_one("#loading").display = True
        self.loading = True
        self.start_loading()
