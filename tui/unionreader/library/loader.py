"""Opening paths: the files are stat'ed and compared with the store; unchanged ones come from it at
once, new and changed ones are read and extracted in worker processes and written back; removed ones
are dropped. Everything is handed over as ``Batch`` events (duplicates by content skipped in the order
files are handed over: cached files in path order, then read files in path order), then a ``Summary``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus import STDIN, Source, default_corpus_dir, load_source
from ..gc_pacing import freeze_handed_over
from . import warm
from .batching import Batch, load_batches
from .collector import Collector
from .events import FirstPage, Notice, Restored, Summary
from .extracting import Extracted, extract_files
from .paths import default_jobs
from .plan import Plan, all_digests, as_shown, expected_articles, make_plan, plan_from_listing
from .store import CacheUnavailable, Stamp, StampRow, Store, StoredFile, is_unavailable
from .version import extractor_version
from .walk import walk
from .worker import FileOutcome, analyse_file, analyse_stamped_files

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .indexer import IndexFeeder

# The search index's modules (and numpy) are imported where an index is restored or saved: commands
# that only collect analyses (``facts``) start without them, a third of a second less per run.

Event = Batch | FirstPage | Notice | Restored | Summary

RETIRE_LIMIT = 0.25  # a saved index with more of its docs retired than this is built afresh on open


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
        self._origins: DocOrigins | None = None  # of the index this library saved last
        # (archive key, snapshot key, docs) of the saved index the index in memory begins with: after a
        # restore, the restored one; once a load ends, the one it was saved as (None: not saved).
        self.snapshot: tuple[str, str, int] | None = None
        self._lock = threading.Lock()  # one open at a time per library

    def _notice(self, text: str) -> Notice | None:
        if text in self._said:
            return None
        self._said.add(text)
        return Notice(text)

    def _open_store(self) -> tuple[Store | None, list[Notice]]:
        if self.cache_dir is None:
            return None, []
        try:
            store = Store(self.cache_dir, max_pages=self.max_pages)
        except CacheUnavailable as exc:
            n = self._notice(f"cache unavailable ({exc}); running without it")
            return None, [n] if n else []
        return store, [Notice(t) for t in store.notices]

    def open(self, paths: Iterable[str], feeder: IndexFeeder | None = None) -> Iterator[Event]:
        """Open ``paths`` (the bundled seeds when empty). With a ``feeder`` every batch is indexed
        before it is handed over, and a saved index of the same files is restored instead."""
        with self._lock:
            yield from self._open(list(paths) or [str(default_corpus_dir())], feeder)

    def _open(self, paths: list[str], feeder: IndexFeeder | None) -> Iterator[Event]:
        started = time.perf_counter()
        self._origins = None
        self.snapshot = None
        store, notices = self._open_store()
        yield from notices
        generation = warm.store_generation(store)
        version = extractor_version()
        index_empty = feeder is not None and len(feeder.index) == 0 and not self.doc_origins
        archive = None
        if index_empty and store is not None and STDIN not in paths:
            from .index_files import archive_key

            archive = archive_key(paths, version)

        # The archive's saved index first, as it was: the list shows at once; what changed since is
        # worked out next and brought in behind it.
        restored: Restored | None = None
        origins: DocOrigins | None = None
        snapshot: str | None = None  # the restored index's key
        if archive is not None:
            from . import first_page, index_files

            # The saved list's first rows, before the index itself (a restore costs more at 100k).
            latest = index_files.latest(self.cache_dir, archive)
            page = first_page.load(self.cache_dir, archive, latest) if latest is not None else None
            if page is not None:
                yield page
            outcome = self._restore(feeder, latest, started)
            if isinstance(outcome, Notice):
                yield outcome
            elif outcome is not None:
                restored, origins, snapshot = outcome
                self.snapshot = (archive, snapshot, len(origins.ids))
                yield restored

        files, other = walk([p for p in paths if p != STDIN])
        # The listing of the files as the last open left them: unchanged ones need no work per file.
        fast = None
        if origins is not None and store is not None and generation is not None:
            from . import listing

            saved = listing.load(self.cache_dir, archive)
            if saved is not None and saved.snapshot == snapshot and saved.generation == generation:
                try:
                    fast = plan_from_listing(files, other, saved, origins, store, version)
                except sqlite3.DatabaseError:
                    fast = None
        if fast is not None:
            plan, gone = fast
            removed = self._removed(paths, gone)
        else:
            stamps: dict[str, StampRow] = {}
            if store is not None:
                try:
                    stamps = store.stamps()
                except sqlite3.DatabaseError as exc:
                    store, events = self._damaged(store, exc)
                    yield from events
            plan = make_plan(files, other, stamps, version)
            removed = self._removed(paths, stamps.keys() - set(plan.listed))
        held_problems: list[str] = []
        if origins is not None:
            held = warm.reconcile(feeder, origins, plan, self.seen_ids)
            if store is not None:
                try:
                    problems = store.with_problems()
                    held_problems = sorted(f for f in problems if f in held) if problems else []
                except sqlite3.DatabaseError:
                    held_problems = []
        saved_size = (len(feeder.index), len(feeder.index.retired)) if restored is not None else None
        collector = Collector(self, None, started)

        tasks = plan.tasks
        total = expected_articles([t[0] for t in tasks]) if tasks else 0
        cached_articles = 0

        released = None
        if store is not None and self.cache_dir is not None:
            from .released_docs import release_when_stored  # (numpy: not for commands without an index)

            released = release_when_stored(feeder, self.cache_dir, self.doc_ids, self.doc_origins)

        def handed(batch: Batch) -> Batch:
            if feeder is not None and batch.analyses:
                from .prepared import index_items  # (numpy is loaded already where there is an index)

                feeder.add(index_items(batch.analyses))
                if released is not None and store is not None:  # (files written; a failed write drops the store)
                    with feeder.held():
                        released.release()
            if batch.analyses:
                freeze_handed_over()
            return batch

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
                store, events = self._damaged(store, exc)
                yield from events
                tasks.extend((shown, key, None) for shown, key, _ in plan.unchanged if key not in done)
                tasks.sort(key=lambda t: t[1])
        collector.total = cached_articles + total if total is not None else None
        if collector.analyses or collector.errors:
            yield handed(collector.take())
        cache_seconds = time.perf_counter() - started if plan.unchanged else None

        # 2. Standard input and inputs that are not files: never cached.
        for source in [*([Source(STDIN)] if STDIN in paths else []), *plan.uncached]:
            for batch in load_batches(load_source(source)):
                collector.add(batch.analyses, batch.errors, 0, cached=False, origin=None)
        if collector.analyses or collector.errors:
            yield handed(collector.take())

        # 3. New and changed files, read and extracted.
        unstable = False
        pending: list[StoredFile] = []
        extracted = self._extract([(shown, known) for shown, _, known in tasks], stamped=store is not None,
                                  prepare=feeder is not None)
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
                        stamped = analyse_stamped_files([(stamped.path, None)], self.analyser)[0]
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
                store, events = self._write(store, pending, plan.touched)
                pending, plan.touched = [], []
                yield from events
                yield handed(collector.take())

        store, events = self._write(store, pending, plan.touched)
        yield from events
        if collector.analyses or collector.errors or collector.loaded == 0:
            yield handed(collector.take())
        if feeder is not None:
            feeder.finish(spare_large_first=restored is not None)
        indexed = snapshot  # the snapshot the index in memory is saved as (None: not saved)
        if archive is not None and store is not None and not unstable and feeder is not None and (
            saved_size != (len(feeder.index), len(feeder.index.retired))
        ):
            indexed = None
            for event in self._save(feeder, archive, plan, origins):
                if isinstance(event, str):
                    indexed = event
                else:
                    yield event
        if store is not None:
            store, events = self._finish(store, removed, paths, plan.listed)
            yield from events
        if store is not None:
            if indexed is not None and not unstable and generation is not None and (
                fast is None or plan.tasks or plan.touched or removed or indexed != snapshot
            ):
                assert self.cache_dir is not None
                saved = self._origins if self._origins is not None else origins
                warm.write_listing(self.cache_dir, store, archive, indexed, generation, files, plan, saved, origins)
                warm.write_first_page(self.cache_dir, feeder, archive, indexed)
            with contextlib.suppress(sqlite3.Error):
                store.close()
        if archive is not None and indexed is not None and feeder is not None:
            self.snapshot = (archive, indexed, len(origins.ids) if indexed == snapshot and origins else len(feeder.index))
        if restored is not None:
            cache_seconds = restored.seconds
        articles = feeder.index.live() if restored is not None else collector.loaded
        yield self._summary(plan, removed, collector, store, started, cache_seconds, articles)

    def _summary(self, plan, removed, collector, store, started, cache_seconds, articles) -> Summary:
        return Summary(
            articles=articles, files=len(plan.listed), new=plan.new, changed=plan.changed,
            removed=len(removed), unchanged=plan.same, duplicates=collector.all_duplicates,
            errors=collector.all_errors, seconds=time.perf_counter() - started, cached=store is not None,
            cache_seconds=cache_seconds,
        )

    def _restore(self, feeder: IndexFeeder, key: str | None, started: float):
        """Put the archive's saved index (its latest snapshot, ``key``) in place: (``Restored``, its doc
        origins, ``key``), a ``Notice`` (a damaged one, dropped), or None (there is none)."""
        from . import index_files
        from .stored_docs import StoredAnalyses

        assert self.cache_dir is not None
        if key is None:
            return None
        try:
            loaded = index_files.load(self.cache_dir, key)
        except ValueError as exc:
            index_files.discard(self.cache_dir, key)
            return Notice(f"{exc}; rebuilding it")
        if loaded is None:
            return None
        state, origins = loaded
        if len(state["retired"]) > RETIRE_LIMIT * max(1, len(origins.ids)):
            return None  # mostly withdrawn docs: build it afresh (and save that)
        docs = StoredAnalyses(self.cache_dir, origins)
        with feeder.held():
            index_files.restore(feeder.index, state, docs, index_files.snapshot_folder(self.cache_dir, key))
        retired = set(feeder.index.retired.tolist())
        if retired:
            self.seen_ids.update(i for d, i in enumerate(origins.ids) if d not in retired)
        else:
            self.seen_ids.update(origins.ids)
        self.doc_ids.extend(origins.ids)
        self.doc_origins.extend(map(origins.files.__getitem__, docs.file_numbers()))
        return Restored(len(origins.ids) - len(retired), time.perf_counter() - started), origins, key

    def _save(self, feeder: IndexFeeder, archive: str, plan: Plan, restored: DocOrigins | None) -> Iterator[Notice | str]:
        from . import first_page, index_files
        from .index_files import DocOrigins
        from .stored_docs import StoredAnalyses

        """Save the index for the next open of the same paths (only an index of stored files); yields
        notices, and the snapshot's key once saved."""
        if None in self.doc_origins or len(self.doc_origins) != len(feeder.index):
            return
        assert self.cache_dir is not None
        files = list(dict.fromkeys(self.doc_origins))
        number = {f: i for i, f in enumerate(files)}
        file_of_doc = array("I", [number[f] for f in self.doc_origins])
        # (A retired doc's file may have no digest now: "" never equals a real one.)
        known = all_digests(plan, restored)
        digests = tuple(known.get(f, "") for f in files)
        origins = DocOrigins(tuple(files), digests, file_of_doc.tobytes(), tuple(self.doc_ids))
        try:
            with feeder.held():
                key = index_files.next_key(self.cache_dir, archive)
                written = index_files.save(feeder.index, origins, self.cache_dir, key)
                page = first_page.of(feeder.index) if written is not None else None
                # From now on the articles are read from the store when shown: only the packed index
                # stays in memory (the analyses' objects were most of it).
                feeder.index._analyses = StoredAnalyses(self.cache_dir, origins)
            self._origins = origins
            if written is not None:
                with contextlib.suppress(OSError):
                    first_page.save(self.cache_dir, archive, key, page)
                yield key
        except OSError as exc:
            n = self._notice(f"cannot save the search index in {self.cache_dir}: {exc.strerror or exc}")
            if n:
                yield n

    def _extract(self, tasks: list[tuple[str, str | None]], stamped: bool = True, prepare: bool = False) -> Iterator[Extracted]:
        return extract_files(tasks, jobs=self.jobs, analyser=self.analyser, stamped=stamped, notice=self._notice,
                             prepare=prepare)

    # --- pieces ---------------------------------------------------------------------------------------

    @staticmethod
    def _removed(paths: list[str], absent: Iterable[str]) -> list[str]:
        """Stored files under an opened folder that are not there any more (of ``absent``: stored
        or listed before, and not found now)."""
        prefixes = tuple(os.path.join(os.path.abspath(p), "") for p in paths if p != STDIN and os.path.isdir(p))
        if not prefixes:
            return []
        return [key for key in absent if key.startswith(prefixes)]

    def _damaged(self, store: Store, exc: Exception) -> tuple[Store | None, list[Notice]]:
        notices = [Notice(f"cache {store.path} is damaged ({exc}); rebuilding it")]
        try:
            store.reset()
        except (CacheUnavailable, sqlite3.Error) as again:
            n = self._notice(f"cache unavailable ({again}); running without it")
            return None, [n] if n else []
        return store, notices

    def _write(self, store: Store | None, files: list[StoredFile], touched: list[tuple[str, Stamp]]):
        if store is None or not (files or touched):
            return store, []
        try:
            store.put(files)
            store.restamp(touched)
        except sqlite3.Error as exc:
            return self._drop(store, exc)
        return store, []

    def _finish(self, store: Store, removed: list[str], paths: list[str], listed: set[str]):
        try:
            store.remove(removed)
            folders = [os.path.abspath(p) for p in paths if p != STDIN and os.path.isdir(p)]
            if len(paths) == 1 and len(folders) == 1:  # (the usual open: every file is under it)
                roots = {folders[0]: len(listed)}
            else:
                roots = {f: sum(map(str.startswith, listed, itertools.repeat(os.path.join(f, "")))) for f in folders[:20]}
            if roots:
                store.note_roots(roots)
        except sqlite3.Error as exc:
            return self._drop(store, exc)
        return store, []

    def _drop(self, store: Store, exc: sqlite3.Error) -> tuple[None, list[Notice]]:
        """A write failed (disk full, read-only, locked for too long): go on without the cache."""
        with contextlib.suppress(sqlite3.Error):
            store.close()
        why = str(exc) if is_unavailable(exc) else f"write failed: {exc}"
        n = self._notice(f"cache unavailable ({why}); running without it")
        return None, [n] if n else []

