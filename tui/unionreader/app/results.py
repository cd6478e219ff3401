"""The current search result as the main screen shows it: searching without blocking on the loader,
the list's rows (title, meta line, matched words of the title) and the hits of the article in the reader."""

from __future__ import annotations

from ..search import SearchIndex
from .archive import Archive

# Rows ranked on each keystroke; the rest of a large result is ranked when the list scrolls past them.
RANKED_ROWS = 500


class Results:
    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.result = None
        self.listed_of = 0  # articles in the index when the result was made
        self._hits: dict[int, object] = {}
        self._title_spans: dict[int, tuple[tuple[int, int], ...]] = {}

    @property
    def index(self) -> SearchIndex:
        return self.archive.index

    def search(self, query: str) -> bool:
        """Run ``query``; False (and the result unchanged) while the loader holds the index: the caller
        tries again in a moment rather than block the keyboard."""
        lock = self.archive.index_lock
        if not lock.acquire(blocking=False):
            return False
        try:
            result = self.index.search(query, rank_first=RANKED_ROWS)
            self.listed_of = self.index.live()
        finally:
            lock.release()
        self.result = result
        self._hits = {}
        self._title_spans = {}
        return True

    @property
    def docs(self):
        return self.result.docs if self.result is not None else ()

    def has_query(self) -> bool:
        return bool(self.result is not None and self.result.query.strip())

    def status(self, *, show_timing: bool, loading: bool) -> str:
        result = self.result
        parts = [f"{len(result.docs):,} of {self.listed_of:,} articles"]
        if result.query.strip():
            parts.append(f"parsed as: {result.parsed}")
        if result.ignored:
            parts.append("ignored: " + ", ".join(result.ignored))
        if show_timing:
            parts.append(f"{result.elapsed_ms:.1f} ms")
        if loading:
            parts.append("loading…")
        return " · ".join(parts)

    def hit(self, doc: int):
        """The index's Hit for ``doc`` in the current result, or None while a batch is being indexed."""
        hit = self._hits.get(doc)
        if hit is None and self.result is not None and self.archive.index_lock.acquire(blocking=False):
            try:
                hit = self._hits[doc] = self.index.hit(doc, self.result)
            finally:
                self.archive.index_lock.release()
        return hit

    def hit_spans(self, doc: int) -> tuple[tuple[int, int], ...]:
        hit = self.hit(doc) if self.has_query() else None
        return hit.text_spans if hit is not None else ()

    def row_info(self, doc: int) -> tuple[str, bool, str]:
        analysis = self.index.analysis(doc)
        article = analysis.article
        return article.title, article.title_derived, row_meta(analysis.date or article.published, analysis.organiser)

    def title_spans(self, doc: int):
        """Matched words of a row's title (a title is short: cheap enough to find while drawing)."""
        if not self.has_query():
            return ()
        spans = self._title_spans.get(doc)
        if spans is None:
            spans = self._title_spans[doc] = self.index.title_spans(doc, self.result)
        return spans


def row_meta(date: str | None, organiser: str | None) -> str:
    """A list row's second line: its date and organiser."""
    return " · ".join(p for p in (date, organiser) if p) or "—"
