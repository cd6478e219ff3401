"""Feeding a search index while it is being searched: analyses go in slices under the index lock,
and posting-segment merges are worked out outside it (only the swap holds the lock).

The app's loader thread is the index's only writer, so segments cannot change between planning a
merge and applying it. Headless callers pass no lock."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from threading import Lock

from ..extract.models import Analysis
from ..gc_pacing import freeze_handed_over
from ..search import SearchIndex
from ..search.postings import BULK_MERGE_FAN_IN
from . import index_files
from .batching import Batch

INDEX_SLICE = 128  # articles indexed per hold of the index lock: a search typed meanwhile waits for one


class IndexFeeder:
    def __init__(
        self, index: SearchIndex, lock: Lock | None = None, *, make_way: Callable[[], None] | None = None
    ) -> None:
        self.index = index
        self.lock = lock
        self.make_way = make_way or (lambda: None)  # lets a waiting search take the lock first

    @property
    def watched(self) -> bool:
        """Whether the index is searched while it fills (the app's, fed under its lock). A feeder without a
        lock is read by nobody until the open ends: it is fed in larger batches and merged less often."""
        return self.lock is not None

    def held(self):
        return self.lock if self.lock is not None else contextlib.nullcontext()

    def add(self, analyses: Sequence[Analysis]) -> None:
        with self.held():
            index_files.complete(self.index)  # (an index restored from disk: its build-only state)
        if not self.watched:  # one go, merged fewer times (``finish`` ends it)
            self.index.add(analyses, compact=False)
            self.index.apply_compaction(self.index.plan_compaction(BULK_MERGE_FAN_IN))
            return
        for start in range(0, len(analyses), INDEX_SLICE):
            self.make_way()
            with self.held():
                self.index.add(analyses[start : start + INDEX_SLICE], compact=False)
            plans = self.index.plan_compaction()
            if plans:
                self.make_way()
                with self.held():
                    self.index.apply_compaction(plans)

    def finish(self, *, spare_large_first: bool = False) -> None:
        """When loading ends: sliced loading leaves several posting segments per kind, and every
        lookup visits each (per-keystroke p95 +50% on a 35k archive). They are merged into one outside
        the lock (seconds at 100k; this thread is the index's only writer) and swapped in inside it,
        a kind at a time (at the end of a cold open, all four merged copies at once were its peak).
        ``spare_large_first``: a restored index's large first segment is kept and the few docs added
        since merged into a second one (``tail_merges``)."""
        if not self.watched and not spare_large_first:  # two kinds at once
            self.index.merge_all_concurrently()
            return
        for plans in self.index.tail_merges() if spare_large_first else self.index.full_merges():
            self.make_way()
            with self.held():
                self.index.apply_compaction(plans)


def index_batches(batches: Iterable[Batch], feeder: IndexFeeder, seen_ids: set[str]) -> Iterator[Batch]:
    """Batches made elsewhere (a stream that is never cached, a test's) through the same path as the
    library's: articles already listed are skipped, the rest indexed, then the batch handed on."""
    for batch in batches:
        fresh = [a for a in batch.analyses if a.article.id not in seen_ids and not seen_ids.add(a.article.id)]
        if fresh:
            feeder.add(fresh)
            freeze_handed_over()
        yield dataclasses.replace(batch, analyses=tuple(fresh), duplicates=len(batch.analyses) - len(fresh))
    feeder.finish()
