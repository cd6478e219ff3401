"""The people and organisation tables of a corpus that grows while it loads.

Each loading batch is scanned as it arrives (``feed``, on the loader's thread), so that when the user
opens a screen only the grouping is left to do (``table``, on a worker thread): the scan is the part
that grows with the archive. Articles that never came through ``feed`` (an index restored from the
cache, a batch that arrived while a table was being built) are scanned by ``table`` from the corpus.

After a warm open the corpus starts with a restored index's docs, which come through no batch: their
scans are loaded from the ones saved for that snapshot (``saved``), and saved again for the next
snapshot once they hold all its docs; the docs retired since (changed or removed files) are left out.

No analysis is kept here: a table reads the articles of a profile from the corpus when it is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from typing import Any

from ..extract.models import Analysis
from ..gc_pacing import freeze_handed_over
from .building import OrgBuilder, PeopleBuilder
from .saved import SavedScans

KINDS = ("people", "orgs")


class CorpusPrefix(Sequence[Analysis]):
    """The first ``count`` articles of a growing corpus, read when asked (a table's articles)."""

    def __init__(self, corpus: Sequence[Analysis], count: int) -> None:
        self._corpus = corpus
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, doc):  # type: ignore[override]
        if isinstance(doc, slice):
            return [self._corpus[d] for d in range(*doc.indices(self._count))]
        if not -self._count <= doc < self._count:
            raise IndexError(doc)
        return self._corpus[doc % self._count]


class LiveTables:
    """Builders fed as articles are indexed, and the tables they give, once per corpus size.

    ``corpus`` is every article loaded, by doc number (``len`` and ``[doc]``; it may read from the
    cache and take a lock of its own). One lock per kind: a batch that arrives while that table is
    being built is not waited for (the build takes seconds at 100k articles; loading goes on) but
    left for the next ``table`` to scan."""

    def __init__(self, corpus: Sequence[Analysis], *, retired: Callable[[], Collection[int]] = tuple,
                 on_built: Callable[[], None] = freeze_handed_over) -> None:
        self._corpus = corpus
        self._retired = retired  # docs withdrawn from the corpus (their file changed or went)
        self._on_built = on_built
        self._builders: dict[str, Any] = {"people": PeopleBuilder(), "orgs": OrgBuilder()}
        self._locks = {kind: threading.Lock() for kind in KINDS}
        self._tables: dict[str, tuple[tuple[int, int], Any]] = {}
        self._saved: SavedScans | None = None
        self._restored: dict[str, tuple[str, int]] = {}  # kind -> (snapshot, docs) its saved scan is looked for as
        self._snapshot: tuple[str, int] | None = None  # (snapshot, docs) its first docs are saved as now
        # kind -> (the snapshot its saved scan is known to be of, whether its table's rows are saved too)
        self._kept: dict[str, tuple[str, bool]] = {}
        # kind -> (the rows saved with the scan just loaded, how many of its docs were retired then)
        self._saved_rows: dict[str, tuple[tuple, int]] = {}
        self._tried: set[str] = set()  # kinds whose saved scan was looked for
        self.problems: list[str] = []  # damaged saved scans (each rebuilt), one line each

    # --- the saved scans --------------------------------------------------------------------------

    def restored(self, saved: SavedScans, snapshot: str, docs: int) -> None:
        """The corpus begins with the ``docs`` docs of the index snapshot ``snapshot`` (a warm open):
        their scans are loaded from ``saved`` when a table first needs them."""
        self._saved, self._snapshot = saved, (snapshot, docs)
        self._restored = dict.fromkeys(KINDS, (snapshot, docs))
        self._tried.clear()

    def saved_as(self, saved: SavedScans, snapshot: str, docs: int) -> None:
        """The corpus's first ``docs`` docs were saved as the index snapshot ``snapshot`` (a load ended)."""
        self._saved, self._snapshot = saved, (snapshot, docs)

    def _resume(self, kind: str) -> None:
        """(Under the kind's lock.) An empty builder takes the scan saved for the restored snapshot."""
        if len(self._builders[kind]) or kind not in self._restored or self._saved is None or kind in self._tried:
            return
        self._tried.add(kind)
        snapshot, docs = self._restored[kind]
        found = self._saved.load(kind, snapshot, docs)
        if isinstance(found, str):
            self.problems.append(found)
        elif found is not None:
            self._builders[kind], rows = found
            self._kept[kind] = (snapshot, rows is not None)
            if rows is not None:
                self._saved_rows[kind] = rows
            self._on_built()  # (out of the collector's view, as a built table)

    def keep(self, kind: str) -> bool:
        """Save the ``kind`` scan when it holds exactly the docs of the current snapshot and that is not
        saved yet, with the rows of its table when one is built for just those docs (a reopen with
        nothing changed then loads them instead of grouping again). Call from a worker: seconds at
        100k articles. True when written."""
        with self._locks[kind]:
            if self._snapshot is None or self._saved is None:
                return False
            snapshot, docs = self._snapshot
            builder = self._builders[kind]
            if len(builder) != docs:
                return False
            cached = self._tables.get(kind)
            # (The docs retired from a snapshot only grow while it is the one restored: as many is the same.)
            rows = (cached[1].rows, cached[0][1]) if cached is not None and cached[0][0] == docs else None
            kept = self._kept.get(kind)
            if kept == (snapshot, True) or (kept == (snapshot, False) and rows is None):
                return False
            if not self._saved.save(kind, snapshot, builder, rows):
                return False
            self._kept[kind] = (snapshot, rows is not None)
            return True

    def settle(self, rows: bool = False) -> None:
        """When a load ends: carry each saved scan over to the snapshot just saved (the restored one's
        scan, plus the docs added since, from memory), so the next open finds it. A scan is never done
        from the store here: that waits until a table is asked for. A builder loaded only for this is
        let go again (a table loads it back when asked). With ``rows``, each table carried over is
        built (grouped) first and its rows saved with its scan (``settle_all``)."""
        if self._snapshot is None:
            return
        for kind in KINDS:
            lock = self._locks[kind]
            if not lock.acquire(blocking=False):  # a table is being built: it is kept after
                continue
            try:
                loaded_here = not len(self._builders[kind]) and kind not in self._tried
                if loaded_here and self._restored.get(kind) == self._snapshot:
                    continue  # nothing changed since the scan saved for it (nor is it loaded)
                if not self._scan_up_to(kind, self._snapshot[1], from_empty=False):
                    continue
            finally:
                lock.release()
            if rows:
                self._build_for_snapshot(kind)
            self.keep(kind)
            if loaded_here and (self._kept.get(kind) or ("",))[0] == self._snapshot[0]:
                with lock:
                    if kind not in self._tables:
                        self._builders[kind] = type(self._builders[kind])()
                        self._saved_rows.pop(kind, None)
                        self._restored[kind] = self._snapshot
                        self._tried.discard(kind)

    def settle_all(self, rows: bool = False) -> None:
        """``settle``, then scan from the corpus each kind whose scan could not be carried over (the
        restored snapshot had none saved: an index made before scans were saved, or its file deleted)
        and save it: ``unionreader index`` leaves both scans saved for its snapshot, so the app's first
        screen after it does not read every article back. A kind whose snapshot is unchanged and whose
        file is there is left as it is (as ``settle`` does: loading it to check costs a second at 100k).

        With ``rows`` (``unionreader index``), each table of the snapshot's docs is also built here and
        its rows saved with its scan, so the app's first screen after it does not group every sighting
        either (seconds at 100k, paid by the command instead); a saved scan whose rows are not saved
        yet (an unchanged snapshot, its header says so) is loaded and given them."""
        self.settle(rows)
        if self._snapshot is None or self._saved is None:
            return
        snapshot, docs = self._snapshot
        for kind in KINDS:
            kept = self._kept.get(kind)
            if kept is not None and kept[0] == snapshot:
                continue
            if self._restored.get(kind) == self._snapshot and self._saved.path(kind).is_file():
                continue
            with self._locks[kind]:
                if not self._scan_up_to(kind, docs, from_empty=True):
                    continue
            if rows:
                self._build_for_snapshot(kind)
            self.keep(kind)
        if rows:  # (the kinds left as they were above: an unchanged snapshot)
            for kind in KINDS:
                self._build_for_snapshot(kind)
                self.keep(kind)

    def _scan_up_to(self, kind: str, docs: int, *, from_empty: bool) -> bool:
        """(Under the kind's lock.) Its builder, resumed from the saved scan, scanned on from the corpus
        to hold its first ``docs`` docs; False when it cannot: it holds more, the corpus fewer, or it is
        empty (nothing saved nor fed) and ``from_empty`` is not set."""
        self._resume(kind)
        builder = self._builders[kind]
        if (not from_empty and not len(builder)) or len(builder) > docs or len(self._corpus) < docs:
            return False
        if len(builder) < docs:
            self._saved_rows.pop(kind, None)  # (those of fewer docs: grouped again)
            builder.add(self._corpus[doc] for doc in range(len(builder), docs))
        return True

    def _build_for_snapshot(self, kind: str) -> None:
        """Build the ``kind`` table when the corpus is just the current snapshot's docs and its rows are
        not known to be saved with its scan (``keep`` then saves them)."""
        assert self._snapshot is not None and self._saved is not None
        snapshot, docs = self._snapshot
        with self._locks[kind]:
            if len(self._corpus) != docs:
                return
            unloaded = not len(self._builders[kind]) and kind not in self._tried
            if unloaded and self._restored.get(kind) == self._snapshot and self._saved.has_rows(kind, snapshot, docs):
                return  # (an unchanged snapshot whose rows are saved: not loaded, a second at 100k)
            self._resume(kind)
            if self._kept.get(kind) == (snapshot, True):
                if kind in self._saved_rows and not self._saved.has_rows(kind, snapshot, docs):
                    # (a file written before the header: once more with one, not loaded each time after)
                    self._saved.save(kind, snapshot, self._builders[kind], self._saved_rows[kind])
                return
            if len(self._builders[kind]) not in (0, docs):
                return
        self.table(kind)

    def feed(self, start: int, analyses: Sequence[Analysis]) -> None:
        """Articles ``start``, ``start + 1``… of the corpus, just indexed: scanned now by each builder
        that holds every article before them and is not busy building."""
        for kind in KINDS:
            lock = self._locks[kind]
            if not lock.acquire(blocking=False):
                continue
            try:
                builder = self._builders[kind]
                if len(builder) == start:
                    builder.add(analyses)
            finally:
                lock.release()

    def scanned(self, kind: str) -> int:
        return len(self._builders[kind])

    def ready(self, kind: str):
        """The ``kind`` table if one is built for every article loaded so far, else None (no wait:
        a screen shows it at once instead of asking a worker)."""
        cached = self._tables.get(kind)
        return cached[1] if cached is not None and cached[0] == (len(self._corpus), len(self._retired())) else None

    def table(self, kind: str):
        """The ``kind`` table ("people" or "orgs") of every article loaded so far, with its filter and
        orders ready (seconds at 100k articles: call it from a worker thread)."""
        with self._locks[kind]:
            count = len(self._corpus)
            retired = self._retired()
            cached = self._tables.get(kind)
            if cached is not None and cached[0] == (count, len(retired)):
                return cached[1]
            self._resume(kind)
            builder = self._builders[kind]
            corpus = self._corpus
            saved_rows = self._saved_rows.pop(kind, None)
            if saved_rows is not None and len(builder) == count and saved_rows[1] == len(retired):
                table = builder.table_of(CorpusPrefix(corpus, count), saved_rows[0])  # (as they would be grouped)
            else:
                if len(builder) < count:
                    builder.add(corpus[doc] for doc in range(len(builder), count))
                table = builder.table(CorpusPrefix(corpus, count), frozenset(map(int, retired)))
            table.prepare()
            self._tables[kind] = ((count, len(retired)), table)
        # The table's million small objects live until the corpus grows: out of the collector's
        # view, or its next full pass walks them all (seconds at 100k, on whichever thread it runs).
        self._on_built()
        return table
