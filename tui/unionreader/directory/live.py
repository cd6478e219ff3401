"""The people and organisation tables of a corpus that grows while it loads.

Each loading batch is scanned as it arrives (``feed``, on the loader's thread), so that when the user
opens a screen only the grouping is left to do (``table``, on a worker thread): the scan is the part
that grows with the archive. Articles that never came through ``feed`` (an index restored from the
cache, a batch that arrived while a table was being built) are scanned by ``table`` from the corpus.

No analysis is kept here: a table reads the articles of a profile from the corpus when it is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from ..extract.models import Analysis
from ..gc_pacing import freeze_handed_over
from .building import OrgBuilder, PeopleBuilder

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

    def __init__(self, corpus: Sequence[Analysis], *, on_built: Callable[[], None] = freeze_handed_over) -> None:
        self._corpus = corpus
        self._on_built = on_built
        self._builders: dict[str, Any] = {"people": PeopleBuilder(), "orgs": OrgBuilder()}
        self._locks = {kind: threading.Lock() for kind in KINDS}
        self._tables: dict[str, tuple[int, Any]] = {}

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
        return cached[1] if cached is not None and cached[0] == len(self._corpus) else None

    def table(self, kind: str):
        """The ``kind`` table ("people" or "orgs") of every article loaded so far, with its filter and
        orders ready (seconds at 100k articles: call it from a worker thread)."""
        with self._locks[kind]:
            count = len(self._corpus)
            cached = self._tables.get(kind)
            if cached is not None and cached[0] == count:
                return cached[1]
            builder = self._builders[kind]
            corpus = self._corpus
            if len(builder) < count:
                builder.add(corpus[doc] for doc in range(len(builder), count))
            table = builder.table(CorpusPrefix(corpus, count))
            table.prepare()
            self._tables[kind] = (count, table)
        # The table's million small objects live until the corpus grows: out of the collector's
        # view, or its next full pass walks them all (seconds at 100k, on whichever thread it runs).
        self._on_built()
        return table
