"""What the app has loaded, shared by every screen: the library, the search index and its lock, and what
loading has counted so far. The main screen fills it; the people, organisation and overview screens
read it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..corpus import LoadError
from ..directory.live import LiveTables
from ..directory.saved import SavedScans
from ..extract.models import Analysis
from ..library.batching import Batch
from ..library.events import Summary
from ..library.indexer import IndexFeeder, index_batches
from ..library.loader import Event, Library
from ..search import SearchIndex

BatchSource = Callable[[], Iterator[Batch]]
EventSource = Callable[[IndexFeeder], Iterator[Event]]


class Archive:
    """The loaded articles and the loading counters (no Textual: plain state with a lock)."""

    def __init__(self, library: Library, events: EventSource) -> None:
        self.library = library
        self.events = events  # feeder → the library's events for the load in progress
        self.index = SearchIndex()
        # The loader's thread indexes under this lock; the UI searches under it (see library.indexer).
        self.index_lock = threading.Lock()
        self.load_errors: list[LoadError] = []
        self.duplicates_skipped = 0
        self.loaded_articles = 0
        self.expected_articles: int | None = None  # by the current load, when known (its last batch says)
        self.last_summary: Summary | None = None
        self.loading = False
        self.loaded_at: float | None = None
        # Fed per loading batch by the loader's thread (``directory_feed``), built by the screens'.
        self.directory = LiveTables(_IndexedAnalyses(self), retired=lambda: self.index.retired)

    @classmethod
    def open(
        cls,
        library: Library,
        paths: list[str],
        batches: BatchSource | None = None,
        events: EventSource | None = None,
    ) -> Archive:
        """``events`` as given, or ``batches`` (tests, piped stdin) through the library's dedupe-and-index
        path, or else the library opening ``paths``."""
        if events is None and batches is not None:
            events = lambda feeder: index_batches(batches(), feeder, library.seen_ids)  # noqa: E731
        elif events is None:
            events = lambda feeder: library.open(paths, feeder)  # noqa: E731
        return cls(library, events)

    def open_more(self, path: str) -> None:
        """The next load reads ``path`` (opening a file or folder from the app)."""
        self.events = lambda feeder: self.library.open([path], feeder)

    def analyses_for(self, docs: Iterable[int]) -> list[Analysis]:
        """The analyses of ``docs``: the one place the directory screens get articles from (today the
        search index holds them)."""
        with self.index_lock:
            return [self.index.analysis(doc) for doc in docs]

    def directory_feed(self, analyses: Sequence[Analysis]) -> None:
        """A batch the loader has just indexed (the last articles of the index): scanned for the
        people and organisation tables now, so that opening a screen only groups (loader's thread)."""
        if analyses:
            self.directory.feed(len(self.index) - len(analyses), analyses)

    def _saved_scans(self) -> tuple[SavedScans, str, int] | None:
        snapshot, cache_dir = self.library.snapshot, self.library.cache_dir
        if snapshot is None or cache_dir is None:
            return None
        archive, key, docs = snapshot
        return SavedScans(cache_dir, archive), key, docs

    def directory_restored(self) -> None:
        """The index was restored from the cache: the tables' scans of its docs come from there too."""
        found = self._saved_scans()
        if found is not None:
            self.directory.restored(*found)

    def directory_settle(self) -> None:
        """A load ended (loader's thread): the tables' scans are saved with the index's snapshot."""
        found = self._saved_scans()
        if found is not None:
            self.directory.saved_as(*found)
            self.directory.settle()

    def directory_keep(self, kind: str) -> None:
        """A table was built (screen's worker): its scan is saved for the next open when it can be."""
        self.directory.keep(kind)

    def directory_table_ready(self, kind: str):
        """The people or organisation table when it is already built for everything loaded, else None."""
        return self.directory.ready(kind)

    def directory_table(self, kind: str):
        """The people or organisation table of everything loaded; built once per corpus size (runs in
        a screen's thread worker)."""
        return self.directory.table(kind)


class _IndexedAnalyses(Sequence[Analysis]):
    """Every article the archive's index holds, by doc number, read under the index lock (after a
    warm open the index reads them from the cache)."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive

    def __len__(self) -> int:
        return len(self._archive.index)

    def __getitem__(self, doc):  # type: ignore[override]
        archive = self._archive
        with archive.index_lock:
            if isinstance(doc, slice):
                return [archive.index.analysis(d) for d in range(*doc.indices(len(archive.index)))]
            return archive.index.analysis(doc)
