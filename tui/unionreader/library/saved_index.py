"""The archive's saved search index on an open: put in place before the files are looked at, and saved
again once they are all in (only an index of stored files), for the next open of the same paths.
"""

from __future__ import annotations

import contextlib
import time
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .events import Notice, Restored
from .plan import Plan, all_digests

if TYPE_CHECKING:
    from .index_files import DocOrigins
    from .indexer import IndexFeeder

# The search index's modules (and numpy) are imported where an index is restored or saved: commands
# that only collect analyses (``facts``) start without them, a third of a second less per run.

RETIRE_LIMIT = 0.25  # a saved index with more of its docs retired than this is built afresh on open


def restore(library, feeder: IndexFeeder, key: str | None, started: float):
    """Put the archive's saved index (its latest snapshot, ``key``) in place: (``Restored``, its doc
    origins, ``key``), a ``Notice`` (a damaged one, dropped), or None (there is none)."""
    from . import index_files
    from .stored_docs import StoredAnalyses

    assert library.cache_dir is not None
    if key is None:
        return None
    try:
        loaded = index_files.load(library.cache_dir, key)
    except ValueError as exc:
        index_files.discard(library.cache_dir, key)
        return Notice(f"{exc}; rebuilding it")
    if loaded is None:
        return None
    state, origins = loaded
    if len(state["retired"]) > RETIRE_LIMIT * max(1, len(origins.ids)):
        return None  # mostly withdrawn docs: build it afresh (and save that)
    docs = StoredAnalyses(library.cache_dir, origins)
    with feeder.held():
        index_files.restore(feeder.index, state, docs, index_files.snapshot_folder(library.cache_dir, key))
    retired = set(feeder.index.retired.tolist())
    if retired:
        library.seen_ids.update(i for d, i in enumerate(origins.ids) if d not in retired)
    else:
        library.seen_ids.update(origins.ids)
    library.doc_ids.extend(origins.ids)
    library.doc_origins.extend(map(origins.files.__getitem__, docs.file_numbers()))
    return Restored(len(origins.ids) - len(retired), time.perf_counter() - started), origins, key


def save(library, feeder: IndexFeeder, archive: str, plan: Plan, restored: DocOrigins | None) -> Iterator[Notice | str]:
    """Save the index for the next open of the same paths (only an index of stored files); yields
    notices, and the snapshot's key once saved."""
    from . import first_page, index_files
    from .index_files import DocOrigins
    from .stored_docs import StoredAnalyses

    if None in library.doc_origins or len(library.doc_origins) != len(feeder.index):
        return
    assert library.cache_dir is not None
    files = list(dict.fromkeys(library.doc_origins))
    number = {f: i for i, f in enumerate(files)}
    file_of_doc = array("I", [number[f] for f in library.doc_origins])
    # (A retired doc's file may have no digest now: "" never equals a real one.)
    known = all_digests(plan, restored)
    digests = tuple(known.get(f, "") for f in files)
    origins = DocOrigins(tuple(files), digests, file_of_doc.tobytes(), tuple(library.doc_ids))
    try:
        with feeder.held():
            key = index_files.next_key(library.cache_dir, archive)
            written = index_files.save(feeder.index, origins, library.cache_dir, key)
            page = first_page.of(feeder.index) if written is not None else None
            # From now on the articles are read from the store when shown: only the packed index
            # stays in memory (the analyses' objects were most of it).
            feeder.index._analyses = StoredAnalyses(library.cache_dir, origins)
        library.saved_origins = origins
        if written is not None:
            with contextlib.suppress(OSError):
                first_page.save(library.cache_dir, archive, key, page)
            yield key
    except OSError as exc:
        n = library.notice_once(f"cannot save the search index in {library.cache_dir}: {exc.strerror or exc}")
        if n:
            yield n
