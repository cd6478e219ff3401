"""The store's writes during an open, and what a failure does: a damaged store is reset (rebuilt), a write
that fails (disk full, read-only, locked for too long) drops the cache for the rest of the open. Each
returns the store to go on with (None: without one) and the notices to hand over; ``notice`` says a text
once per library (None when said already).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from collections.abc import Callable, Iterable

from ..corpus import STDIN
from .events import Notice
from .store import CacheUnavailable, Stamp, Store, StoredFile, is_unavailable

NoticeOnce = Callable[[str], Notice | None]


def removed_under(paths: list[str], absent: Iterable[str]) -> list[str]:
    """Stored files under an opened folder that are not there any more (of ``absent``: stored
    or listed before, and not found now)."""
    prefixes = tuple(os.path.join(os.path.abspath(p), "") for p in paths if p != STDIN and os.path.isdir(p))
    if not prefixes:
        return []
    return [key for key in absent if key.startswith(prefixes)]


def reset_damaged(store: Store, exc: Exception, notice: NoticeOnce) -> tuple[Store | None, list[Notice]]:
    notices = [Notice(f"cache {store.path} is damaged ({exc}); rebuilding it")]
    try:
        store.reset()
    except (CacheUnavailable, sqlite3.Error) as again:
        n = notice(f"cache unavailable ({again}); running without it")
        return None, [n] if n else []
    return store, notices


def write_files(store: Store | None, files: list[StoredFile], touched: list[tuple[str, Stamp]], notice: NoticeOnce):
    if store is None or not (files or touched):
        return store, []
    try:
        store.put(files)
        store.restamp(touched)
    except sqlite3.Error as exc:
        return drop(store, exc, notice)
    return store, []


def finish_store(store: Store, removed: list[str], paths: list[str], listed: set[str], notice: NoticeOnce):
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
        return drop(store, exc, notice)
    return store, []


def drop(store: Store, exc: sqlite3.Error, notice: NoticeOnce) -> tuple[None, list[Notice]]:
    """A write failed (disk full, read-only, locked for too long): go on without the cache."""
    with contextlib.suppress(sqlite3.Error):
        store.close()
    why = str(exc) if is_unavailable(exc) else f"write failed: {exc}"
    n = notice(f"cache unavailable ({why}); running without it")
    return None, [n] if n else []
