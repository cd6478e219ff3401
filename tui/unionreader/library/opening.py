"""One open of paths, phase by phase (``Library._open`` runs them in order): the store is opened, the
archive's saved index restored, the files listed and planned (here); the stored files handed over, then
those never cached, then the new and changed ones extracted and written (``handing_over``); the index saved,
the store finished and closed, and the open summed up (``closing``). An ``Opening`` holds the state one
phase leaves for the next.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..corpus import STDIN
from ..gc_pacing import freeze_handed_over
from . import saved_index, warm
from .batching import Batch
from .events import FirstPage, Notice, Restored
from .plan import Plan, make_plan, plan_from_listing
from .store import CacheUnavailable, StampRow, Store
from .store_faults import removed_under, reset_damaged
from .walk import walk

if TYPE_CHECKING:
    from .collector import Collector
    from .index_files import DocOrigins
    from .indexer import IndexFeeder
    from .released_docs import ReleasedAnalyses
    from .walk import Walked

# The search index's modules (and numpy) are imported where an index is restored, fed or saved: commands
# that only collect analyses (``facts``) start without them, a third of a second less per run.


class Opening:
    """The state of one ``Library.open``, handed from phase to phase. ``library``: the ``loader.Library``
    that opens (not imported here: it imports this). ``store`` becomes None for the rest of the open when
    the cache fails (each phase goes on without it)."""

    def __init__(self, library, paths: list[str], feeder: IndexFeeder | None) -> None:
        self.started = time.perf_counter()
        self.library, self.paths, self.feeder = library, paths, feeder
        library.saved_origins = None
        library.snapshot = None
        self.version = ""
        self.store: Store | None = None
        self.generation: tuple[str, int] | None = None
        self.archive: str | None = None  # the key of the archive's saved index (None: none is kept)
        self.restored: Restored | None = None
        self.origins: DocOrigins | None = None
        self.snapshot: str | None = None  # the restored index's key
        self.files: Walked | None = None
        self.fast = None  # (plan, files gone) from the listing the last open left, when it still holds
        self.plan: Plan | None = None
        self.removed: list[str] = []
        self.held_problems: list[str] = []
        self.saved_size: tuple[int, int] | None = None  # the restored index's docs and retired docs
        self.collector: Collector | None = None
        self.tasks: list[tuple[str, str, object]] = []  # (shown, key, known) of the files to read: ``plan.tasks``
        self.released: ReleasedAnalyses | None = None
        self.cache_seconds: float | None = None
        self.unstable = False  # a file changed while it was read: nothing is saved for the next open
        self.indexed: str | None = None  # the snapshot the index in memory is saved as (None: not saved)

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


# --- 1. the store ---------------------------------------------------------------------------------------


def open_store(run: Opening, version: str) -> Iterator[Notice]:
    library, feeder, paths = run.library, run.feeder, run.paths
    run.version = version
    store, notices = _store_or_none(run)
    yield from notices
    run.store = store
    run.generation = warm.store_generation(store)
    index_empty = feeder is not None and len(feeder.index) == 0 and not library.doc_origins
    if index_empty and store is not None and STDIN not in paths:
        from .index_files import archive_key

        run.archive = archive_key(paths, version)


def _store_or_none(run: Opening) -> tuple[Store | None, list[Notice]]:
    library = run.library
    if library.cache_dir is None:
        return None, []
    try:
        store = Store(library.cache_dir, max_pages=library.max_pages)
    except CacheUnavailable as exc:
        n = library.notice_once(f"cache unavailable ({exc}); running without it")
        return None, [n] if n else []
    return store, [Notice(t) for t in store.notices]


# --- 2. the archive's saved index -----------------------------------------------------------------------


def restore_saved_index(run: Opening) -> Iterator[FirstPage | Notice | Restored]:
    """The archive's saved index first, as it was: the list shows at once; what changed since is worked
    out next and brought in behind it."""
    archive = run.archive
    if archive is None:
        return
    from . import first_page, index_files

    cache_dir = run.library.cache_dir
    # The saved list's first rows, before the index itself (a restore costs more at 100k).
    latest = index_files.latest(cache_dir, archive)
    page = first_page.load(cache_dir, archive, latest) if latest is not None else None
    if page is not None:
        yield page
    outcome = saved_index.restore(run.library, run.feeder, latest, run.started)
    if isinstance(outcome, Notice):
        yield outcome
    elif outcome is not None:
        run.restored, run.origins, run.snapshot = outcome
        run.library.snapshot = (archive, run.snapshot, len(run.origins.ids))
        yield run.restored


# --- 3. listing and planning ----------------------------------------------------------------------------


def list_and_plan(run: Opening) -> Iterator[Notice]:
    library, feeder, paths, store, origins = run.library, run.feeder, run.paths, run.store, run.origins
    files, other = walk([p for p in paths if p != STDIN])
    run.files = files
    # The listing of the files as the last open left them: unchanged ones need no work per file.
    fast = None
    if origins is not None and store is not None and run.generation is not None:
        from . import listing

        saved = listing.load(library.cache_dir, run.archive)
        if saved is not None and saved.snapshot == run.snapshot and saved.generation == run.generation:
            try:
                fast = plan_from_listing(files, other, saved, origins, store, run.version)
            except sqlite3.DatabaseError:
                fast = None
    run.fast = fast
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
                run.store = store
                yield from events
        plan = make_plan(files, other, stamps, run.version)
        removed = removed_under(paths, stamps.keys() - set(plan.listed))
    run.plan, run.removed = plan, removed
    held_problems: list[str] = []
    if origins is not None:
        held = warm.reconcile(feeder, origins, plan, library.seen_ids)
        if store is not None:
            try:
                problems = store.with_problems()
                held_problems = sorted(f for f in problems if f in held) if problems else []
            except sqlite3.DatabaseError:
                held_problems = []
    run.held_problems = held_problems
    run.saved_size = (len(feeder.index), len(feeder.index.retired)) if run.restored is not None else None
    if files.unreadable:
        yield Notice(f"{files.unreadable:,} documents in .doc, .rtf or .odt were skipped: save them as .docx (or .pdf, "
                     ".txt) to read them", severity="info", title="Files skipped")
    if plan.outdated:
        # Said before the work starts: after an upgrade a daily open takes as long as a first one, and a
        # script whose stderr is no terminal sees no progress bar.
        which = "1 cached file was" if plan.outdated == 1 else f"{plan.outdated:,} cached files were"
        yield Notice(f"{which} analysed by another version of unionreader: extracting them again", severity="info",
                     title="Updating the cache")
