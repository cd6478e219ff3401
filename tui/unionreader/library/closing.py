"""Closing an open (the last phases of ``opening.Opening``): the index saved for the next open, the store
finished and closed beside the listing a warm open reads, and the open summed up.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator

from . import saved_index, warm
from .events import Notice, Summary
from .opening import Opening
from .store_faults import finish_store

# --- 7. the index saved, the store finished -------------------------------------------------------------


def save_index(run: Opening) -> Iterator[Notice]:
    feeder, archive, restored = run.feeder, run.archive, run.restored
    if feeder is not None:
        feeder.finish(spare_large_first=restored is not None)
    run.indexed = run.snapshot
    if archive is not None and run.store is not None and not run.unstable and feeder is not None and (
        run.saved_size != (len(feeder.index), len(feeder.index.retired))
    ):
        run.indexed = None
        for event in saved_index.save(run.library, feeder, archive, run.plan, run.origins):
            if isinstance(event, str):
                run.indexed = event
            else:
                yield event


def close_store(run: Opening) -> Iterator[Notice]:
    library, store, plan, removed, indexed = run.library, run.store, run.plan, run.removed, run.indexed
    if store is not None:
        store, events = finish_store(store, removed, run.paths, plan.listed, library.notice_once)
        run.store = store
        yield from events
    if store is not None:
        if indexed is not None and not run.unstable and run.generation is not None and (
            run.fast is None or plan.tasks or plan.touched or removed or indexed != run.snapshot
        ):
            assert library.cache_dir is not None
            saved = library.saved_origins if library.saved_origins is not None else run.origins
            warm.write_listing(library.cache_dir, store, run.archive, indexed, run.generation, run.files, plan,
                               saved, run.origins)
            warm.write_first_page(library.cache_dir, run.feeder, run.archive, indexed)
        with contextlib.suppress(sqlite3.Error):
            store.close()


# --- 8. the summary -------------------------------------------------------------------------------------


def summary(run: Opening) -> Summary:
    library, feeder, archive, indexed, origins = run.library, run.feeder, run.archive, run.indexed, run.origins
    plan, collector, restored = run.plan, run.collector, run.restored
    if archive is not None and indexed is not None and feeder is not None:
        library.snapshot = (archive, indexed,
                            len(origins.ids) if indexed == run.snapshot and origins else len(feeder.index))
    cache_seconds = restored.seconds if restored is not None else run.cache_seconds
    articles = feeder.index.live() if restored is not None else collector.loaded
    return Summary(
        articles=articles, files=len(plan.listed), new=plan.new, changed=plan.changed,
        removed=len(run.removed), unchanged=plan.same, duplicates=collector.all_duplicates,
        errors=collector.all_errors, seconds=time.perf_counter() - run.started, cached=run.store is not None,
        cache_seconds=cache_seconds,
    )
