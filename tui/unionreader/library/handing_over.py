"""Handing an open's articles over (the middle phases of ``opening.Opening``): first what the store holds,
then the inputs that are never cached, then the new and changed files, read, extracted and written.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

from ..corpus import STDIN, Source, load_source
from .batching import Batch, load_batches
from .collector import Collector
from .events import Notice
from .extracting import extract_files
from .opening import Opening
from .plan import as_shown, expected_articles
from .store import Stamp, StoredFile
from .store_faults import reset_damaged, write_files
from .worker import analyse_stamped_files

# --- 4. what the store holds ----------------------------------------------------------------------------


def hand_over_stored(run: Opening) -> Iterator[Batch | Notice]:
    library, feeder, store, plan, held_problems = run.library, run.feeder, run.store, run.plan, run.held_problems
    watched = feeder is not None and feeder.watched
    collector = run.collector = Collector(library, None, run.started, watched=watched)

    tasks = run.tasks = plan.tasks
    total = expected_articles([t[0] for t in tasks]) if tasks else 0
    cached_articles = 0

    released = run.released = None
    if store is not None and library.cache_dir is not None:
        from .released_docs import release_when_stored  # (numpy: not for commands without an index)

        released = run.released = release_when_stored(feeder, library.cache_dir, library.doc_ids, library.doc_origins)
    handed = run.handed

    # 0. The problems of files the restored index holds are said again (their articles are in it).
    if store is not None and held_problems:
        try:
            for item in store.load(held_problems):
                if isinstance(item, StoredFile):
                    collector.add((), as_shown(item, item.shown)[1], 0, cached=True, origin=None)
        except sqlite3.DatabaseError:
            pass

    # 1. Unchanged files, from the store at once.
    if store is not None and plan.unchanged:
        shown_of = {key: (shown, size) for shown, key, size in plan.unchanged}
        done: set[str] = set()
        try:
            for item in store.load(shown_of):
                if isinstance(item, str):  # a damaged row: read the file again
                    tasks.append((shown_of[item][0], item, None))
                    continue
                done.add(item.path)
                cached_articles += len(item.analyses)
                shown, size = shown_of[item.path]
                if released is not None and item.shown != shown:
                    released.name(item.path, shown)
                collector.add(*as_shown(item, shown), size, cached=True, origin=item.path)
                if len(collector.analyses) >= 4096:
                    yield handed(collector.take())
        except sqlite3.DatabaseError as exc:
            store, events = reset_damaged(store, exc, library.notice_once)
            run.store = store
            yield from events
            tasks.extend((shown, key, None) for shown, key, _ in plan.unchanged if key not in done)
            tasks.sort(key=lambda t: t[1])
    collector.total = cached_articles + total if total is not None else None
    if collector.analyses or collector.errors:
        yield handed(collector.take())
    run.cache_seconds = time.perf_counter() - run.started if plan.unchanged else None


# --- 5. standard input and inputs that are not files: never cached --------------------------------------


def hand_over_uncached(run: Opening) -> Iterator[Batch]:
    collector, paths = run.collector, run.paths
    for source in [*([Source(STDIN)] if STDIN in paths else []), *run.plan.uncached]:
        for batch in load_batches(load_source(source)):
            collector.add(batch.analyses, batch.errors, 0, cached=False, origin=None)
    if collector.analyses or collector.errors:
        yield run.handed(collector.take())


# --- 6. new and changed files, read, extracted and written ----------------------------------------------


def extract_new_and_changed(run: Opening) -> Iterator[Batch | Notice]:
    library, collector, plan, tasks, version = run.library, run.collector, run.plan, run.tasks, run.version
    handed, notice = run.handed, library.notice_once
    unstable = False
    pending: list[StoredFile] = []
    extracted = extract_files([(shown, known) for shown, _, known in tasks], jobs=library.jobs,
                              analyser=library.analyser, stamped=run.store is not None, notice=notice,
                              prepare=run.feeder is not None)
    for result in extracted:
        yield from result.notices
        for stamped, index, prepared in zip(result.outcomes, result.indexes, result.prepared, strict=True):
            key = tasks[index][1]
            if prepared is not None and stamped.payload is not None:
                # Indexed from what the worker sent, stored as it sent it: decoded only when shown.
                analyses, errors = prepared.docs(stamped.payload), prepared.errors
                collector.add(analyses, errors, stamped.size, cached=False, origin=key, ids=prepared.ids)
            else:
                if stamped.payload is not None:
                    stamped = stamped.decoded()
                elif stamped.outcome is None:  # same content after all (a race with a touch): read again
                    stamped = analyse_stamped_files([(stamped.path, None)], library.analyser)[0]
                analyses, errors = stamped.outcome.analyses, stamped.outcome.errors
                collector.add(analyses, errors, stamped.size, cached=False, origin=key if stamped.stable else None)
            if stamped.stable:
                plan.digests[key] = stamped.digest
                pending.append(StoredFile(  # (with a payload, the store counts the analyses only)
                    key, Stamp(stamped.size, stamped.mtime_ns, stamped.digest, version),
                    stamped.path, analyses, errors, stamped.payload,
                ))
            else:
                unstable = True
        if collector.due():
            run.store, events = write_files(run.store, pending, plan.touched, notice)
            pending, plan.touched = [], []
            yield from events
            yield handed(collector.take())

    run.store, events = write_files(run.store, pending, plan.touched, notice)
    yield from events
    if collector.analyses or collector.errors or collector.loaded == 0:
        yield handed(collector.take())
    run.unstable = unstable
