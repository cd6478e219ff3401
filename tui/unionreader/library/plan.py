"""What an open has to do: the files found, compared with the store (unchanged, touched, new, changed)."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..corpus import LoadError, Source, count_articles
from ..extract.models import Analysis
from .store import Stamp, StampRow, Store, StoredFile
from .walk import Walked
from .worker import file_digest

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .listing import Listing


@dataclass(slots=True)
class Plan:
    """The files of an open against the store: what comes from it and what must be read."""

    listed: list[str] = field(default_factory=list)  # absolute paths of the files
    digests: dict[str, str] = field(default_factory=dict)  # their content hashes, where known
    unchanged: list[tuple[str, str, int]] = field(default_factory=list)  # (shown path, key, size)
    tasks: list[tuple[str, str, str | None]] = field(default_factory=list)  # (shown, key, known digest)
    touched: list[tuple[str, Stamp]] = field(default_factory=list)  # same content, new mtime
    uncached: list[Source] = field(default_factory=list)  # missing files, empty folders
    new: int = 0
    changed: int = 0
    outdated: int = 0  # of the changed: stored by another extractor version (unionreader was upgraded)
    same: int = 0  # files unchanged (from the store or a saved index)
    kept: object = None  # (from a listing) numpy bool per restored origin file: its docs stay


def make_plan(files: Walked, other: list[Source], stamps: dict[str, StampRow], version: str) -> Plan:
    """``walk``'s files against the store's stamps (``other`` inputs are read, never cached)."""
    plan = Plan(uncached=list(other))
    plan.listed = files.keys
    digests, unchanged, tasks, touched = plan.digests, plan.unchanged, plan.tasks, plan.touched
    new = changed = outdated = 0
    for shown, key, size, mtime in zip(files.shown, files.keys, files.sizes, files.mtimes, strict=True):
        old = stamps.get(key)
        if old is None:
            new += 1
            tasks.append((shown, key, None))
            continue
        _, old_size, mtime_ns, digest, extractor = old
        if extractor != version:
            changed += 1
            outdated += 1
            tasks.append((shown, key, None))
            continue
        if size != old_size or mtime_ns != mtime:
            # Touched, or changed: the content hash tells (reading a file costs far less than
            # extracting it again).
            if file_digest(shown) != digest:
                changed += 1
                tasks.append((shown, key, None))
                continue
            touched.append((key, Stamp(size, mtime, digest, version)))
        digests[key] = digest
        unchanged.append((shown, key, size))
    plan.new, plan.changed, plan.outdated, plan.same = new, changed, outdated, len(unchanged)
    return plan


def as_shown(stored: StoredFile, shown: str) -> tuple[tuple[Analysis, ...], tuple[LoadError, ...]]:
    """The stored analyses with their ``source`` as the path is named now (it was read from another
    working directory, or under another name, when it was stored)."""
    if stored.shown == shown:
        return stored.analyses, stored.errors
    def rename(source: str) -> str:
        return shown + source[len(stored.shown):] if source.startswith(stored.shown) else source

    analyses = tuple(
        dataclasses.replace(a, article=dataclasses.replace(a.article, source=rename(a.article.source)))
        for a in stored.analyses
    )
    errors = tuple(dataclasses.replace(e, source=rename(e.source)) for e in stored.errors)
    return analyses, errors


def plan_from_listing(
    files: Walked, other: list[Source], listing: Listing, origins: DocOrigins, store: Store, version: str,
) -> tuple[Plan, list[str]] | None:
    """``walk``'s files against the archive's listing (see ``listing``): the files whose size and
    mtime it holds keep their docs in the restored index (``plan.kept``) with no per-file work; the
    others are planned against the store's stamps as ``make_plan`` does. Also the listed files that
    went. None when the listing does not fit the restored index (it is then not used)."""
    import numpy as np

    n = len(files)
    keys = files.keys
    if "\0".join(keys) == listing.keys:
        pos = np.arange(n, dtype=np.int64)
        gone: list[str] = []
    else:  # files added or removed: matched by path
        old = listing.keys.split("\0") if listing.keys else []
        where = {k: i for i, k in enumerate(old)}
        pos = np.fromiter(map(where.get, keys, itertools.repeat(-1)), dtype=np.int64, count=n)
        seen = np.zeros(len(old), dtype=bool)
        seen[pos[pos >= 0]] = True
        gone = [old[i] for i in np.flatnonzero(~seen).tolist()]
    listed = pos >= 0
    at = np.where(listed, pos, 0)
    same = listed.copy()
    if len(listing.sizes):
        same &= (listing.sizes[at] == np.fromiter(files.sizes, dtype=np.int64, count=n)) & (
            listing.mtimes[at] == np.fromiter(files.mtimes, dtype=np.int64, count=n))
    origin = np.where(same, listing.origins[at] if len(listing.origins) else -1, -1)
    kept = np.zeros(len(origins.files), dtype=bool)
    held = origin[origin >= 0]
    if len(held) and int(held.max()) >= len(kept):
        return None
    kept[held] = True

    plan = Plan(uncached=list(other), listed=keys, kept=kept)
    unchanged = [(i, files.shown[i], keys[i], files.sizes[i]) for i in np.flatnonzero(same & (origin < 0)).tolist()]
    suspects = np.flatnonzero(~same).tolist()
    if suspects:
        part = make_plan(_subset(files, suspects), [], store.stamps_of([keys[i] for i in suspects]), version)
        number = {f: i for i, f in enumerate(origins.files)}
        row = {keys[i]: i for i in suspects}
        for shown, key, size in part.unchanged:  # touched only, or stored meanwhile by another open
            f = number.get(key, -1)
            if f >= 0 and origins.digests[f] == part.digests[key]:
                kept[f] = True
            else:
                unchanged.append((row[key], shown, key, size))
        unchanged.sort()
        plan.digests, plan.tasks, plan.touched = part.digests, part.tasks, part.touched
        plan.new, plan.changed, plan.outdated = part.new, part.changed, part.outdated
    plan.unchanged = [u[1:] for u in unchanged]
    plan.same = n - len(plan.tasks)
    return plan, gone


def all_digests(plan: Plan, origins: DocOrigins | None) -> dict[str, str]:
    """The content hash of every file whose docs are in the index (or in the store), by key."""
    if plan.kept is None or origins is None:
        return plan.digests
    known = dict(itertools.compress(zip(origins.files, origins.digests, strict=True), plan.kept.tolist()))
    known.update(plan.digests)
    return known


def _subset(files: Walked, rows: list[int]) -> Walked:
    return Walked([files.shown[i] for i in rows], [files.keys[i] for i in rows], [files.sizes[i] for i in rows],
                  [files.mtimes[i] for i in rows])


def expected_articles(files: list[str]) -> int | None:
    """Articles to expect from files the walk found (for progress): one a file, a JSONL file's lines
    counted (``count_articles`` stats each file again: a second or more of a 100k-file cold open)."""
    lines = [f for f in files if f[-6:].lower() == ".jsonl"]
    if not lines:
        return len(files)
    counted = count_articles(lines)
    return None if counted is None else len(files) - len(lines) + counted
