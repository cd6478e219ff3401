"""Grouping what an open hands over into batches (by size or time), skipping articles already listed
and noting each one's id and stored file (the index's doc numbers follow that order)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from ..corpus import LoadError
from ..extract.models import Analysis
from .batching import Batch

BATCH_SECONDS = 0.25  # a batch is handed over after this long even when it is not full (the list moves)
# The same for a load nobody watches fill (headless: ``facts``, ``search``, ``index``). Each batch costs
# the opening process a fixed share (a store transaction, the index's per-batch steps); a cold open's
# quarter-second batches hold ~150 articles, and batches of 600 cut its indexing by ~9 % (100k
# generated articles indexed by a harness, two runs each: 22.0 -> 19.9 CPU-s). A progress line still
# moves every second.
BULK_BATCH_SECONDS = 1.0


class Collector:
    """Groups analyses into batches by size or time (whichever first), skipping duplicates."""

    def __init__(self, library, total: int | None, started: float, *, watched: bool = True) -> None:
        """``watched``: the articles are shown as they come (the app's list): batches cut every
        ``BATCH_SECONDS``, not every ``BULK_BATCH_SECONDS``."""
        self.library = library
        self.seconds = BATCH_SECONDS if watched else BULK_BATCH_SECONDS
        self.total = total
        self.started = started
        self.analyses: list[Analysis] = []
        self.errors: list[LoadError] = []
        self.loaded = 0
        self.bytes = 0
        self.duplicates = 0
        self.all_duplicates = 0
        self.all_errors = 0
        self.batch_size = 64
        self.batch_started = time.perf_counter()
        self.from_cache = True
        self.prepared = False  # some analyses are StoredDocs

    def add(
        self, analyses: Iterable[Analysis], errors: Iterable[LoadError], size: int, *, cached: bool, origin: str | None,
        ids: Iterable[str] | None = None,
    ) -> None:
        """``ids``: the articles' ids, when ``analyses`` are ``prepared.StoredDoc``s (not decoded)."""
        seen = self.library.seen_ids
        if ids is None:
            pairs = ((a, a.article.id) for a in analyses)
        else:
            pairs = zip(analyses, ids, strict=True)
            self.prepared = True
        for analysis, article_id in pairs:
            if article_id in seen:
                self.duplicates += 1
                self.all_duplicates += 1
                continue
            seen.add(article_id)
            self.library.doc_ids.append(article_id)
            self.library.doc_origins.append(origin)
            self.analyses.append(analysis)
            self.loaded += 1
        errors = list(errors)
        self.errors.extend(errors)
        self.all_errors += sum(1 for e in errors if e.kind != "warning")
        self.bytes += size
        self.from_cache = self.from_cache and cached

    def due(self) -> bool:
        return len(self.analyses) >= self.batch_size or (
            bool(self.analyses) and time.perf_counter() - self.batch_started >= self.seconds
        )

    def take(self) -> Batch:
        now = time.perf_counter()
        analyses: Sequence[Analysis] = tuple(self.analyses)
        if self.prepared:
            from .prepared import as_handed

            analyses, self.prepared = as_handed(self.analyses), False
        batch = Batch(
            analyses, tuple(self.errors), self.loaded, self.total, self.bytes / 1e6,
            now - self.started, self.from_cache and bool(self.analyses), self.duplicates,
        )
        self.analyses, self.errors, self.duplicates, self.from_cache = [], [], 0, True
        self.batch_size = min(4096, self.batch_size * 2)
        self.batch_started = time.perf_counter()
        return batch
