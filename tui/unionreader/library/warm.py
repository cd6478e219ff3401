"""What a warm open leaves beside the index snapshot for the next one: the archive's listing (see
``listing``) and the list's first page (see ``first_page``), each written only when it is right."""

from __future__ import annotations

import contextlib
import itertools
import operator
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from . import first_page, listing
from .plan import Plan, all_digests
from .store import Store

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .indexer import IndexFeeder
    from .walk import Walked


def store_generation(store: Store | None) -> tuple[str, int] | None:
    if store is None:
        return None
    try:
        return store.generation()
    except (sqlite3.Error, ValueError):
        return None


def write_listing(cache_dir: Path, store: Store, archive: str, snapshot: str, generation: tuple[str, int],
                  files: Walked, plan: Plan, saved: DocOrigins | None, restored: DocOrigins | None) -> None:
    """Save the files as this open leaves them, against the index snapshot ``snapshot`` (of ``saved``
    origins); only when nobody else wrote to the store meanwhile (its generation is then this open's
    writes on top of the one it started from, ``generation``). Otherwise the old listing goes."""
    now = store_generation(store)
    if now is None or now != (generation[0], generation[1] + store.writes) or saved is None:
        listing.discard(cache_dir, archive)
        return
    try:
        listing.save(cache_dir, archive, listing.build(snapshot, now, files, saved, all_digests(plan, restored)))
    except OSError:
        listing.discard(cache_dir, archive)


def write_first_page(cache_dir: Path, feeder: IndexFeeder, archive: str, snapshot: str) -> None:
    """The snapshot's first page, when it has none (a snapshot saved by an older version)."""
    if first_page.load(cache_dir, archive, snapshot) is None:
        with contextlib.suppress(OSError, sqlite3.Error), feeder.held():
            first_page.save(cache_dir, archive, snapshot, first_page.of(feeder.index))


class HeldFiles:
    """``in``: the restored files whose docs stay (asked only of the few files with problems, so the
    file → position map is made only then)."""

    def __init__(self, files: tuple[str, ...], kept) -> None:
        self._files, self._kept, self._number = files, kept, None

    def __contains__(self, key: str) -> bool:
        if self._number is None:
            self._number = {f: i for i, f in enumerate(self._files)}
        i = self._number.get(key)
        return i is not None and bool(self._kept[i])


def reconcile(feeder: IndexFeeder, origins: DocOrigins, plan: Plan, seen_ids: set[str]):
    """Retire the restored docs whose file changed or went (their ids leave ``seen_ids``), and take
    the files the index holds as they are out of ``plan.unchanged``; returns those held files. (Never
    emptied: the list may already show its docs. When much of it is retired, the next open builds it
    afresh.)"""
    import numpy as np

    # (Per file and per doc at 100k of each: comparisons in C, and numpy, rather than loops.)
    digests = plan.digests  # (files unchanged since the store saw them: theirs; others have none)
    if plan.kept is not None:  # (from the listing: held files are not in plan.unchanged)
        kept = plan.kept
    else:
        kept = np.fromiter(map(operator.eq, map(digests.get, origins.files), origins.digests), dtype=bool,
                           count=len(origins.files))
    numbers = np.frombuffer(feeder.index._analyses.file_numbers(), dtype=np.uint32)
    retired = feeder.index.retired
    fresh = np.flatnonzero(~kept[numbers]).tolist() if len(kept) else []
    if fresh:
        with feeder.held():
            feeder.index.retired = np.union1d(retired, np.array(fresh, dtype=np.int64))
            feeder.index._dirty = True
        seen_ids.difference_update(origins.ids[d] for d in fresh)
    if plan.kept is not None:  # (held files are not in plan.unchanged: a set of them is not needed)
        return HeldFiles(origins.files, kept)
    held = set(itertools.compress(origins.files, kept.tolist()))
    # (Held files are unchanged ones: as many means all of them, the usual reopen.)
    plan.unchanged = [] if len(held) == len(plan.unchanged) else [u for u in plan.unchanged if u[1] not in held]
    return held
