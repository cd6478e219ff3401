"""Opening paths: the files are stat'ed and compared with the store; unchanged ones come from it at
once, new and changed ones are read and extracted in worker processes and written back; removed ones
are dropped. Everything is handed over as ``Batch`` events (duplicates by content skipped in the order
files are handed over: cached files in path order, then read files in path order), then a ``Summary``.
The phases of an open are in ``opening``, ``handing_over`` and ``closing``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus import default_corpus_dir
from .batching import Batch
from .closing import close_store, save_index, summary
from .events import FirstPage, Notice, Restored, Summary
from .handing_over import extract_new_and_changed, hand_over_stored, hand_over_uncached
from .opening import Opening, list_and_plan, open_store, restore_saved_index
from .paths import default_jobs
from .version import extractor_version
from .worker import FileOutcome, analyse_file

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .indexer import IndexFeeder

Event = Batch | FirstPage | Notice | Restored | Summary


class Library:
    """Opens paths through the cache (``cache_dir`` None: without one). Keeps the content ids handed
    over so far, so opening more paths later never lists an article twice."""

    def __init__(
        self,
        cache_dir: str | Path | None,
        *,
        jobs: int | None = None,
        analyser: Callable[[str], FileOutcome] = analyse_file,
        max_pages: int | None = None,
    ) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.jobs = jobs or default_jobs()
        self.analyser = analyser  # (tests inject one that fails in chosen ways)
        self.max_pages = max_pages
        self.seen_ids: set[str] = set()
        # Per article handed over (in order: the index's doc numbers): its id and stored file.
        self.doc_ids: list[str] = []
        self.doc_origins: list[str | None] = []
        self._said: set[str] = set()
        self.saved_origins: DocOrigins | None = None  # of the index this library saved last
        # (archive key, snapshot key, docs) of the saved index the index in memory begins with: after a
        # restore, the restored one; once a load ends, the one it was saved as (None: not saved).
        self.snapshot: tuple[str, str, int] | None = None
        self._lock = threading.Lock()  # one open at a time per library

    def notice_once(self, text: str) -> Notice | None:
        """A ``Notice`` of ``text``, or None when this library has said it already."""
        if text in self._said:
            return None
        self._said.add(text)
        return Notice(text)

    def open(self, paths: Iterable[str], feeder: IndexFeeder | None = None) -> Iterator[Event]:
        """Open ``paths`` (the bundled seeds when empty). With a ``feeder`` every batch is indexed
        before it is handed over, and a saved index of the same files is restored instead."""
        with self._lock:
            yield from self._open(list(paths) or [str(default_corpus_dir())], feeder)

    def _open(self, paths: list[str], feeder: IndexFeeder | None) -> Iterator[Event]:
        run = Opening(self, paths, feeder)
        yield from open_store(run, extractor_version())
        yield from restore_saved_index(run)
        yield from list_and_plan(run)
        yield from hand_over_stored(run)
        yield from hand_over_uncached(run)
        yield from extract_new_and_changed(run)
        yield from save_index(run)
        yield from close_store(run)
        yield summary(run)
