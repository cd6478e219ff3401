"""What an open has to do: the files found, compared with the store (unchanged, touched, new, changed)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from operator import itemgetter

from ..corpus import LoadError, Source
from ..extract.models import Analysis
from .store import Stamp, StampRow, StoredFile
from .walk import Listed
from .worker import file_digest


@dataclass(slots=True)
class Plan:
    """The files of an open against the store: what comes from it and what must be read."""

    listed: set[str] = field(default_factory=set)  # absolute paths of the files
    digests: dict[str, str] = field(default_factory=dict)  # their content hashes, where known
    unchanged: list[tuple[str, str, int]] = field(default_factory=list)  # (shown path, key, size)
    tasks: list[tuple[str, str, str | None]] = field(default_factory=list)  # (shown, key, known digest)
    touched: list[tuple[str, Stamp]] = field(default_factory=list)  # same content, new mtime
    uncached: list[Source] = field(default_factory=list)  # missing files, empty folders
    new: int = 0
    changed: int = 0
    same: int = 0  # files unchanged (from the store or a saved index)


def make_plan(files: list[Listed], other: list[Source], stamps: dict[str, StampRow], version: str) -> Plan:
    """``walk``'s files against the store's stamps (``other`` inputs are read, never cached)."""
    plan = Plan(uncached=list(other))
    plan.listed = set(map(itemgetter(1), files))
    digests, unchanged, tasks, touched = plan.digests, plan.unchanged, plan.tasks, plan.touched
    new = changed = 0
    for shown, key, st in files:
        old = stamps.get(key)
        if old is None:
            new += 1
            tasks.append((shown, key, None))
            continue
        _, size, mtime_ns, digest, extractor = old
        if extractor != version:
            changed += 1
            tasks.append((shown, key, None))
            continue
        if size != st.st_size or mtime_ns != st.st_mtime_ns:
            # Touched, or changed: the content hash tells (reading a file costs far less than
            # extracting it again).
            if file_digest(shown) != digest:
                changed += 1
                tasks.append((shown, key, None))
                continue
            touched.append((key, Stamp(st.st_size, st.st_mtime_ns, digest, version)))
        digests[key] = digest
        unchanged.append((shown, key, st.st_size))
    plan.new, plan.changed, plan.same = new, changed, len(unchanged)
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
