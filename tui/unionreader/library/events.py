"""What the library hands its caller while it opens paths: batches (``batching.Batch``), notices and a
summary. Plain frozen records: the app turns them into Textual messages, the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    """One line about the cache for the user (unavailable, damaged and rebuilt, a worker lost: a
    ``warning``; files extracted again after an upgrade: ``info``)."""

    text: str
    severity: str = "warning"
    title: str = "Cache"  # what the app's notification is headed with


@dataclass(frozen=True, slots=True)
class Summary:
    """How an open went. ``articles`` counts those handed over by this open (duplicates excluded)."""

    articles: int
    files: int
    new: int
    changed: int
    removed: int
    unchanged: int
    duplicates: int
    errors: int
    seconds: float
    cached: bool  # the store was used
    cache_seconds: float | None = None  # when the articles from the store had all been handed over

    def changes(self) -> str:
        """ "3 new, 1 changed, 2 removed" (the parts that are not zero), or "" when nothing changed."""
        parts = [f"{n:,} {what}" for n, what in ((self.new, "new"), (self.changed, "changed"), (self.removed, "removed")) if n]
        return ", ".join(parts)

    def line(self) -> str:
        changes = self.changes() or "no changes"
        cache = "" if self.cached else " · cache not used"
        return (f"{self.articles:,} articles · {self.files:,} files: {changes} · {self.unchanged:,} from cache · "
                f"{self.seconds:.1f} s{cache}")


@dataclass(frozen=True, slots=True)
class Restored:
    """The whole index came back from disk (the same files as when it was saved): ``articles`` are
    listed at once, read from the store only when shown."""

    articles: int
    seconds: float


@dataclass(frozen=True, slots=True)
class PageRow:
    """A row of the list as the saved index's first page shows it."""

    doc: int
    title: str
    title_derived: bool
    date: str  # the analysis's date, or the article's published date, or ""
    organiser: str


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The first rows of the saved index's list (no query), saved with it: shown before the index is
    restored, which it then replaces with the same rows."""

    articles: int
    rows: tuple[PageRow, ...]
