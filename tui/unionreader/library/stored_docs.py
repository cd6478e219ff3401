"""``index.analysis(doc)`` served from the store: after a warm open only the packed index is in
memory, and an article's text, entities and facts are read (and decoded) when shown or copied."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from pathlib import Path

from ..articles import Article, Paragraph
from ..extract.models import Analysis
from .index_files import DocOrigins
from .plan import as_shown
from .store import CacheUnavailable, Store, StoredFile

CACHED_FILES = 256  # decoded files kept (a screenful of rows and the article shown)


class RecentFiles:
    """Analyses read from the store by file, the most recently shown ``CACHED_FILES`` kept decoded
    (one connection, opened on first use; thread-safe). ``shown``: store key → the path as named by
    this open, where it differs (the articles' ``source``)."""

    def __init__(self, cache_dir: Path, shown: dict[str, str] | None = None) -> None:
        self._cache_dir = cache_dir
        self._shown = shown if shown is not None else {}
        self._files: OrderedDict[str, dict[str, Analysis]] = OrderedDict()
        self._lock = threading.Lock()
        self._store: Store | None = None

    def analysis(self, key: str, article_id: str) -> Analysis:
        with self._lock:
            by_id = self._files.get(key)
            if by_id is None:
                by_id = self._files[key] = self._read(key)
                if len(self._files) > CACHED_FILES:
                    self._files.popitem(last=False)
            else:
                self._files.move_to_end(key)
        found = by_id.get(article_id)
        if found is None:  # the cache was cleared or rebuilt meanwhile: say so rather than fail
            return _missing(article_id, key)
        return found

    def _read(self, key: str) -> dict[str, Analysis]:
        try:
            if self._store is None:
                self._store = Store(self._cache_dir)
            item = next(iter(self._store.load([key])))
        except (CacheUnavailable, sqlite3.Error):
            return {}
        if not isinstance(item, StoredFile):
            return {}
        analyses = as_shown(item, self._shown[key])[0] if key in self._shown else item.analyses
        return {a.article.id: a for a in analyses}


class StoredAnalyses:
    """A sequence of analyses: the first ``len(origins.ids)`` in the store, later ones in memory."""

    def __init__(self, cache_dir: Path, origins: DocOrigins) -> None:
        self._origins = origins
        self._file_of_doc = array("I")
        self._file_of_doc.frombytes(origins.file_of_doc)
        self._stored = len(origins.ids)
        self._extra: list[Analysis] = []
        self._recent = RecentFiles(cache_dir)

    def __len__(self) -> int:
        return self._stored + len(self._extra)

    def file_numbers(self) -> array:
        return self._file_of_doc

    def stored(self) -> int:
        """Docs read from the store (the saved index's)."""
        return self._stored

    def added(self) -> list[Analysis]:
        """The docs added since, in memory."""
        return self._extra

    def extend(self, analyses) -> None:
        self._extra.extend(analyses)

    def __getitem__(self, doc: int) -> Analysis:
        if doc < 0:
            doc += len(self)
        if doc >= self._stored:
            return self._extra[doc - self._stored]
        return self._recent.analysis(self._origins.files[self._file_of_doc[doc]], self._origins.ids[doc])


def _missing(article_id: str, path: str) -> Analysis:
    title = "(this article is no longer in the cache: open the archive again to read it)"
    article = Article(article_id, path, title, True, title, (Paragraph("title", 0, len(title)),), None, "")
    return Analysis(article, (), ())
