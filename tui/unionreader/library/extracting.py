"""Extracting the files an open must read: a chunk at a time, in worker processes when there are
enough files, in this process otherwise (and for the rest when a worker dies or none can start)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .events import Notice
from .worker import (
    FileOutcome,
    StampedOutcome,
    analyse_encoded_files,
    analyse_stamped_files,
    analyse_unstamped_files,
)

if TYPE_CHECKING:
    from .prepared import PreparedFile

POOL_MIN_FILES = 24  # fewer files than this are read in this process (starting workers costs more)
FIRST_CHUNK, CHUNK = 4, 32  # files per pool task: small at first so the list fills at once


class Extracted:
    """One chunk's outcomes (``indexes`` into the tasks), or the notices of a pool that failed.
    ``prepared``: per outcome, what the index takes of its articles when a worker sent it (see
    ``prepared``), else None."""

    __slots__ = ("indexes", "notices", "outcomes", "prepared")

    def __init__(self, indexes: list[int], outcomes: list[StampedOutcome], notices: list[Notice],
                 prepared: list[PreparedFile | None] | None = None) -> None:
        self.indexes = indexes
        self.outcomes = outcomes
        self.notices = notices
        self.prepared = prepared if prepared is not None else [None] * len(outcomes)


def extract_files(tasks: list[tuple[str, str | None]], *, jobs: int, analyser: Callable[[str], FileOutcome],
                  stamped: bool, notice: Callable[[str], Notice | None], prepare: bool = False) -> Iterator[Extracted]:
    """Stamped outcomes of ``tasks``, in their order, a chunk at a time. ``notice`` makes a notice
    once (None when it was said already). ``prepare``: pool workers also work out what the index
    takes of each article they send as a payload (``Extracted.prepared``)."""
    chunks = _chunks(len(tasks))
    # Without a store nothing is kept, so the files are not hashed (two more reads of each).
    work = functools.partial(analyse_stamped_files if stamped else analyse_unstamped_files, analyser=analyser)
    done = 0
    if jobs > 1 and len(tasks) >= POOL_MIN_FILES:
        pool_work = functools.partial(analyse_encoded_files, analyser=analyser) if stamped else work
        prepare = prepare and stamped
        if prepare:  # (imported here: the search modules, and numpy, are not for every command)
            from .prepared import analyse_prepared_files

            pool_work = functools.partial(analyse_prepared_files, analyser=analyser)
        # (Imported here: a warm open extracts nothing, and multiprocessing costs ~0.1 s to import.)
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from .processes import ignore_interrupts, pool_context, widen_result_pipe

        try:
            pool = ProcessPoolExecutor(jobs, mp_context=pool_context(), initializer=ignore_interrupts)
            try:
                widen_result_pipe(pool)
                results = pool.map(pool_work, [[tasks[i] for i in chunk] for chunk in chunks])
                for chunk, result in zip(chunks, results, strict=False):
                    outcomes, prepared = result if prepare else (result, None)
                    yield Extracted(chunk, outcomes, [], prepared)
                    done += 1
            finally:
                # Not ``with``, whose exit waits for every task the pool holds: an open given up midway (the
                # app quitting, ^C, a reader that stopped iterating) went on with the whole rest of a cold
                # open (minutes on a large archive). The chunks no worker has started are dropped.
                pool.shutdown(wait=False, cancel_futures=True)
        except BrokenProcessPool:
            said = notice("an extraction worker stopped (killed?); reading the rest in this process")
            yield Extracted([], [], [said] if said else [])
        except (OSError, ValueError) as exc:  # no worker could start (limits, a sandbox): go on here
            said = notice(f"extraction workers could not start ({exc}); reading in this process")
            yield Extracted([], [], [said] if said else [])
    for chunk in chunks[done:]:
        yield Extracted(chunk, work([tasks[i] for i in chunk]), [])


def _chunks(n: int) -> list[list[int]]:
    chunks, start, size = [], 0, FIRST_CHUNK
    while start < n:
        chunks.append(list(range(start, min(n, start + size))))
        start += size
        size = min(CHUNK, size * 2)
    return chunks
