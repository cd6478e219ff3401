"""One open of paths, phase by phase (``Library._open`` runs them in order): the store is opened, the
archive's saved index restored, the files listed and planned, the stored ones handed over, then those never
cached, then the new and changed ones extracted and written; the index is saved, the store finished and
closed, and the open summed up. The state one phase leaves for the next is kept on the ``Opening``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..corpus import STDIN, Source, load_source
from ..gc_pacing import freeze_handed_over
from . import saved_index, warm
from .batching import Batch, load_batches
from .collector import Collector
from .events import FirstPage, Notice, Restored, Summary
from .extracting import extract_files
from .plan import as_shown, expected_articles, make_plan, plan_from_listing
from .store import CacheUnavailable, Stamp, StampRow, Store, StoredFile
from .store_faults import finish_store, removed_under, reset_damaged, write_files
from .walk import walk
from .worker import analyse_stamped_files

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .indexer import IndexFeeder
    from .loader import Library

# The search index's modules (and numpy) are imported where an index is restored, fed or saved: commands
# that only collect analyses (``facts``) start without them, a third of a second less per run.


class Opening:
    """The state of one ``Library.open``, handed from phase to phase. ``store`` becomes None for the rest
    of the open when the cache fails (each phase goes on without it)."""

    def __init__(self, library: Library, paths: list[str], feeder: IndexFeeder | None) -> None:
        self.started = time.perf_counter()
        self.library, self.paths, self.feeder = library, paths, feeder
        library.saved_origins = None
        library.snapshot = None
        self.store: Store | None = None
        self.archive: str | None = None
        self.restored: Restored | None = None
        self.origins: DocOrigins | None = None
        self.snapshot: str | None = None  # the restored index's key

    # --- 1. the store -----------------------------------------------------------------------------------

    def open_store(self, version: str) -> Iterator[Notice]:
        library, feeder, paths = self.library, self.feeder, self.paths
        self.version = version
        store, notices = self._store_or_none()
        yield from notices
        self.store = store
        self.generation = warm.store_generation(store)
        index_empty = feeder is not None and len(feeder.index) == 0 and not library.doc_origins
        if index_empty and store is not None and STDIN not in paths:
            from .index_files import archive_key

            self.archive = archive_key(paths, version)

    def _store_or_none(self) -> tuple[Store | None, list[Notice]]:
        library = self.library
        if library.cache_dir is None:
            return None, []
        try:
            store = Store(library.cache_dir, max_pages=library.max_pages)
        except CacheUnavailable as exc:
            n = library.notice_once(f"cache unavailable ({exc}); running without it")
            return None, [n] if n else []
        return store, [Notice(t) for t in store.notices]

    # --- 2. the archive's saved index -------------------------------------------------------------------

    def restore_saved_index(self) -> Iterator[FirstPage | Notice | Restored]:
        """The archive's saved index first, as it was: the list shows at once; what changed since is worked
        out next and brought in behind it."""
        archive = self.archive
        if archive is None:
            return
        from . import first_page, index_files

        cache_dir = self.library.cache_dir
        # The saved list's first rows, before the index itself (a restore costs more at 100k).
        latest = index_files.latest(cache_dir, archive)
        page = first_page.load(cache_dir, archive, latest) if latest is not None else None
        if page is not None:
            yield page
        outcome = saved_index.restore(self.library, self.feeder, latest, self.started)
        if isinstance(outcome, Notice):
            yield outcome
        elif outcome is not None:
            self.restored, self.origins, self.snapshot = outcome
            self.library.snapshot = (archive, self.snapshot, len(self.origins.ids))
            yield self.restored

    # --- 3. listing and planning ------------------------------------------------------------------------

    def list_and_plan(self) -> Iterator[Notice]:
        library, feeder, paths, store, origins = self.library, self.feeder, self.paths, self.store, self.origins
        files, other = walk([p for p in paths if p != STDIN])
        self.files = files
        # The listing of the files as the last open left them: unchanged ones need no work per file.
        fast = None
        if origins is not None and store is not None and self.generation is not None:
            from . import listing

            saved = listing.load(library.cache_dir, self.archive)
            if saved is not None and saved.snapshot == self.snapshot and saved.generation == self.generation:
                try:
                    fast = plan_from_listing(files, other, saved, origins, store, self.version)
                except sqlite3.DatabaseError:
                    fast = None
        self.fast = fast
        if fast is not None:
            plan, gone = fast
            removed = removed_under(paths, gone)
        else:
            stamps: dict[str, StampRow] = {}
            if store is not None:
                try:
                    stamps = store.stamps()
                except sqlite3.DatabaseError as exc:
                    store, events = reset_damaged(store, exc, library.notice_once)
                    self.store = store
                    yield from events
            plan = make_plan(files, other, stamps, self.version)
            removed = removed_under(paths, stamps.keys() - set(plan.listed))
        self.plan, self.removed = plan, removed
        held_problems: list[str] = []
        if origins is not None:
            held = warm.reconcile(feeder, origins, plan, library.seen_ids)
            if store is not None:
                try:
                    problems = store.with_problems()
                    held_problems = sorted(f for f in problems if f in held) if problems else []
                except sqlite3.DatabaseError:
                    held_problems = []
        self.held_problems = held_problems
        self.saved_size = (len(feeder.index), len(feeder.index.retired)) if self.restored is not None else None

    # --- 4. handing over what the store holds -----------------------------------------------------------

    def hand_over_stored(self) -> Iterator[Batch | Notice]:
        library, feeder, store, plan, held_problems = self.library, self.feeder, self.store, self.plan, self.held_problems
        collector = self.collector = Collector(library, None, self.started)

        tasks = self.tasks = plan.tasks
        total = expected_articles([t[0] for t in tasks]) if tasks else 0
        cached_articles = 0

        released = self.released = None
        if store is not None and library.cache_dir is not None:
            from .released_docs import release_when_stored  # (numpy: not for commands without an index)

            released = self.released = release_when_stored(feeder, library.cache_dir, library.doc_ids, library.doc_origins)
        handed = self.handed

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
                self.store = store
                yield from events
                tasks.extend((shown, key, None) for shown, key, _ in plan.unchanged if key not in done)
                tasks.sort(key=lambda t: t[1])
        collector.total = cached_articles + total if total is not None else None
        if collector.analyses or collector.errors:
            yield handed(collector.take())
        self.cache_seconds = time.perf_counter() - self.started if plan.unchanged else None

    def handed(self, batch: Batch) -> Batch:
        """``batch``, indexed first when there is an index (whose stored articles are then let go)."""
        feeder, released = self.feeder, self.released
        if feeder is not None and batch.analyses:
            from .prepared import index_items  # (numpy is loaded already where there is an index)

            feeder.add(index_items(batch.analyses))
            if released is not None and self.store is not None:  # (files written; a failed write drops the store)
                with feeder.held():
                    released.release()
        if batch.analyses:
            freeze_handed_over()
        return batch

    # --- 5. standard input and inputs that are not files: never cached ----------------------------------

    def hand_over_uncached(self) -> Iterator[Batch]:
        collector, paths = self.collector, self.paths
        for source in [*([Source(STDIN)] if STDIN in paths else []), *self.plan.uncached]:
            for batch in load_batches(load_source(source)):
                collector.add(batch.analyses, batch.errors, 0, cached=False, origin=None)
        if collector.analyses or collector.errors:
            yield self.handed(collector.take())

    # --- 6. new and changed files, read, extracted and written ------------------------------------------

    def extract_new_and_changed(self) -> Iterator[Batch | Notice]:
        library, collector, plan, tasks, version = self.library, self.collector, self.plan, self.tasks, self.version
        handed, notice = self.handed, library.notice_once
        unstable = False
        pending: list[StoredFile] = []
        extracted = extract_files([(shown, known) for shown, _, known in tasks], jobs=library.jobs,
                                  analyser=library.analyser, stamped=self.store is not None, notice=notice,
                                  prepare=self.feeder is not None)
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
                self.store, events = write_files(self.store, pending, plan.touched, notice)
                pending, plan.touched = [], []
                yield from events
                yield handed(collector.take())

        self.store, events = write_files(self.store, pending, plan.touched, notice)
        yield from events
        if collector.analyses or collector.errors or collector.loaded == 0:
            yield handed(collector.take())
        self.unstable = unstable

    # --- 7. the index saved, the store finished -----------------------------------------------------------

    def save_index(self) -> Iterator[Notice]:
        feeder, archive, restored = self.feeder, self.archive, self.restored
        if feeder is not None:
            feeder.finish(spare_large_first=restored is not None)
        self.indexed = self.snapshot  # the snapshot the index in memory is saved as (None: not saved)
        if archive is not None and self.store is not None and not self.unstable and feeder is not None and (
            self.saved_size != (len(feeder.index), len(feeder.index.retired))
        ):
            self.indexed = None
            for event in saved_index.save(self.library, feeder, archive, self.plan, self.origins):
                if isinstance(event, str):
                    self.indexed = event
                else:
                    yield event

    def close_store(self) -> Iterator[Notice]:
        library, store, plan, removed, indexed = self.library, self.store, self.plan, self.removed, self.indexed
        if store is not None:
            store, events = finish_store(store, removed, self.paths, plan.listed, library.notice_once)
            self.store = store
            yield from events
        if store is not None:
            if indexed is not None and not self.unstable and self.generation is not None and (
                self.fast is None or plan.tasks or plan.touched or removed or indexed != self.snapshot
            ):
                assert library.cache_dir is not None
                saved = library.saved_origins if library.saved_origins is not None else self.origins
                warm.write_listing(library.cache_dir, store, self.archive, indexed, self.generation, self.files, plan,
                                   saved, self.origins)
                warm.write_first_page(library.cache_dir, self.feeder, self.archive, indexed)
            with contextlib.suppress(sqlite3.Error):
                store.close()

    # --- 8. the summary ---------------------------------------------------------------------------------

    def summary(self) -> Summary:
        library, feeder, archive, indexed, origins = self.library, self.feeder, self.archive, self.indexed, self.origins
        plan, collector, restored = self.plan, self.collector, self.restored
        if archive is not None and indexed is not None and feeder is not None:
            library.snapshot = (archive, indexed,
                                len(origins.ids) if indexed == self.snapshot and origins else len(feeder.index))
        cache_seconds = restored.seconds if restored is not None else self.cache_seconds
        articles = feeder.index.live() if restored is not None else collector.loaded
        return Summary(
            articles=articles, files=len(plan.listed), new=plan.new, changed=plan.changed,
            removed=len(self.removed), unchanged=plan.same, duplicates=collector.all_duplicates,
            errors=collector.all_errors, seconds=time.perf_counter() - self.started, cached=self.store is not None,
            cache_seconds=cache_seconds,
        )
