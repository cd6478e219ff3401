"""Loading in batches: analyses handed over with progress figures, small first, then growing.

Used by the library for files it reads, and directly for streams that are never cached (stdin).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..articles import Article
from ..corpus import LoadError, count_articles, iter_load
from ..extract import analyse
from ..extract.models import Analysis


@dataclass(frozen=True, slots=True)
class Batch:
    analyses: Sequence[Analysis]  # a tuple, or ``prepared.HandedDocs`` (read from the store when asked for)
    errors: tuple[LoadError, ...]
    loaded: int  # articles loaded so far
    total: int | None  # articles expected (None when unknown)
    megabytes: float  # article text read so far (UTF-8)
    seconds: float  # since loading started
    from_cache: bool = False  # every analysis of this batch came from the store
    duplicates: int = 0  # articles skipped in this batch (the same text already listed)

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds > 0 else 0.0


def load_batches(
    items: Iterable[Article | LoadError],
    *,
    total: int | None = None,
    batch_size: int = 64,
    max_batch_size: int = 4096,
    max_batch_seconds: float = 0.25,
    analyser: Callable[[Article], Analysis] = analyse,
) -> Iterator[Batch]:
    """Group ``items`` into batches of analyses; a batch is cut by size or by time, whichever first.

    The first batch is small so the list fills at once; the size then doubles up to ``max_batch_size``
    because indexing many small batches costs more in all (a 100k corpus in batches of 64 is 1,500
    index updates), while the time limit keeps the progress bar moving."""
    started = time.perf_counter()
    batch_started = started
    analyses: list[Analysis] = []
    errors: list[LoadError] = []
    loaded = 0
    size = 0
    for item in items:
        if isinstance(item, LoadError):
            errors.append(item)
        else:
            analyses.append(analyser(item))
            loaded += 1
            size += len((item.raw or item.text).encode("utf-8"))
        now = time.perf_counter()
        if len(analyses) >= batch_size or (analyses and now - batch_started >= max_batch_seconds):
            yield Batch(tuple(analyses), tuple(errors), loaded, total, size / 1e6, now - started)
            analyses, errors = [], []
            batch_size = min(max_batch_size, batch_size * 2)
            batch_started = time.perf_counter()  # the consumer's time (indexing) is not this batch's
    yield Batch(tuple(analyses), tuple(errors), loaded, total, size / 1e6, time.perf_counter() - started)


def load_path_batches(paths: list[str], **kwargs) -> Iterator[Batch]:
    """Batches for files and folders (the bundled seeds when ``paths`` is empty)."""
    return load_batches(iter_load(paths), total=count_articles(paths), **kwargs)
