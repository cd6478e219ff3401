"""``index.analysis(doc)`` while an archive is opened cold: each analysis stays in memory only until its
file is stored and the index holds its terms; from then on it is read back from the store when shown.

The index is fed from the analyses (texts, entities, facts) and keeps only packed arrays of them; the
objects themselves, with the article's text twice (cleaned and raw), were what a cold open held: at
100k articles the parent grew past 7 GB before the index was saved and they were let go."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..extract.models import Analysis
from ..search.doc_terms import Prepared
from .stored_docs import RecentFiles, StoredAnalyses

if TYPE_CHECKING:
    from .indexer import IndexFeeder


class ReleasedAnalyses:
    """A sequence of analyses (the index's docs) over the library's per-doc lists: ``ids`` (article
    ids) and ``origins`` (the store key of the file each came from; None: not stored, e.g. standard
    input). Docs are held in memory as they are added, until ``release`` lets go of the stored ones."""

    def __init__(self, cache_dir: Path, ids: list[str], origins: list[str | None], held: Iterable[Analysis] = (),
                 first: int = 0) -> None:
        """``held``: docs ``first``, ``first + 1``, … in memory; the ``first`` docs before them are in
        the store (those of a saved index)."""
        self._ids = ids  # (the library's own lists, which grow as docs are handed over)
        self._origins = origins
        self._held: dict[int, Analysis] = dict(enumerate(held, first))
        self._count = first + len(self._held)
        self._released = first  # docs below this one were released (those with an origin)
        self._shown: dict[str, str] = {}  # store key → the path as named now, where it differs
        self._recent = RecentFiles(cache_dir, self._shown)

    def __len__(self) -> int:
        return self._count

    def extend(self, analyses: Iterable[Analysis]) -> None:
        for analysis in analyses:
            self._held[self._count] = analysis
            self._count += 1

    def name(self, key: str, shown: str) -> None:
        """The file stored as ``key`` is named ``shown`` by this open (its articles' ``source``)."""
        self._shown[key] = shown

    def held(self) -> int:
        """Analyses still in memory."""
        return len(self._held)

    def release(self) -> None:
        """Let go of every doc added so far whose file is in the store (call once it is written)."""
        held, origins = self._held, self._origins
        for doc in range(self._released, self._count):
            if origins[doc] is not None:
                held.pop(doc, None)
        self._released = self._count

    def __getitem__(self, doc: int) -> Analysis:
        if doc < 0:
            doc += self._count
        if not 0 <= doc < self._count:
            raise IndexError(doc)
        found = self._held.get(doc)
        if found is not None:
            return found.analysis() if isinstance(found, Prepared) else found
        key = self._origins[doc]
        assert key is not None  # (only docs with an origin are released)
        return self._recent.analysis(key, self._ids[doc])


def release_when_stored(feeder: IndexFeeder | None, cache_dir: Path, doc_ids: list[str],
                        doc_origins: list[str | None]) -> ReleasedAnalyses | None:
    """Put the index's docs behind a ``ReleasedAnalyses`` (each kept in memory only until its file is
    stored), when the index holds only what the library handed over: in a list, or a saved index's
    ``StoredAnalyses`` and the docs added to it since (an app opening one more folder after a warm open
    held those for good); None when there is no index or it holds other docs."""
    if feeder is None:
        return None
    current = feeder.index._analyses
    if isinstance(current, ReleasedAnalyses):
        return current
    if len(current) != len(doc_ids):
        return None
    if type(current) is list:
        held, first = current, 0
    elif isinstance(current, StoredAnalyses):
        held, first = current.added(), current.stored()
    else:
        return None
    with feeder.held():
        feeder.index._analyses = released = ReleasedAnalyses(cache_dir, doc_ids, doc_origins, held, first)
    return released
