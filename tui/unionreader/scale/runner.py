"""Running the partitions: one after another in this process, or as tasks on a Dask cluster.

Both run ``tasks.run_partition``, so the dataset is the same either way; progress goes to stderr.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable, Sequence
from typing import TextIO

from .partition import Partition
from .tasks import PartSummary, run_partition, unreadable

OnDone = Callable[[PartSummary], None]
WORKER_WAIT_SECONDS = 30


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached or has no workers; the message is one line."""


def run_here(partitions: Sequence[Partition], folder: str, kinds, on_done: OnDone) -> list[PartSummary]:
    summaries = []
    for partition in partitions:
        summary = run_partition(partition, folder, kinds)
        on_done(summary)
        summaries.append(summary)
    return summaries


def run_on_dask(client, partitions: Sequence[Partition], folder: str, kinds, on_done: OnDone) -> list[PartSummary]:
    """One task per partition; Dask reruns the tasks of a lost worker, and the rerun replaces its part."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]  # a fresh key per run: the scheduler must not hand back an old result
    keys = [f"unionreader-facts-{run}-{p.index:05d}" for p in partitions]
    futures = client.map(run_partition, partitions, folder=folder, kinds=kinds, key=keys)
    summaries = []
    try:
        # The client's own loop: by default as_completed takes the process's default client, which
        # may be another one (a notebook's, a test's); a rescheduled task then waits on the wrong loop.
        for future in as_completed(futures, loop=client.loop):
            summary = future.result()
            on_done(summary)
            summaries.append(summary)
    finally:
        client.cancel(futures)
    return sorted(summaries, key=lambda s: s.partition)


def connect(address: str):
    """A Dask client on the scheduler at ``address``, or on a new LocalCluster for ``local``.

    Returns ``(client, close)``; ``close()`` also stops a cluster started here.
    """
    from distributed import Client, LocalCluster

    if address == "local":
        # One single-threaded process per core: extraction is pure Python, threads would share the GIL.
        # ":0": any free port for the dashboard (a fixed one may be taken by another cluster).
        cluster = LocalCluster(threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
        print(
            f"unionreader facts: LocalCluster of {len(cluster.workers)} workers, dashboard {cluster.dashboard_link}",
            file=sys.stderr,
        )

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    try:
        client = Client(address, timeout="15s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError as exc:
        client.close()
        raise SchedulerError(f"the Dask scheduler at {address} has no workers") from exc
    return client, client.close


def worker_count(client) -> int:
    return max(1, len(client.scheduler_info(n_workers=-1)["workers"]))


def check_workers(client, paths: Sequence[str], folder: str) -> str | None:
    """One line naming a worker that cannot read an input or write the output, or None when all can."""
    for address, problems in sorted(client.run(unreadable, list(paths), folder).items()):
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return (
                f"Dask worker {address} {problems[0]}{more}: inputs and output must be on a filesystem "
                "every worker sees at the same path (see README, \"Past one machine\")"
            )
    return None


class Progress:
    """Partitions done and articles/s on stderr: redrawn in place on a terminal, else a line now and then."""

    def __init__(self, partitions: int, stream: TextIO | None = None, every: float = 5.0) -> None:
        self.partitions = partitions
        self.stream = stream or sys.stderr
        self.every = every
        self.done = self.articles = self.errors = 0
        self.started = self.shown = time.monotonic()
        self.tty = self.stream.isatty()

    def __call__(self, summary: PartSummary) -> None:
        self.done += 1
        self.articles += summary.articles
        for problem in summary.problems:
            if problem.kind != "warning":
                self.errors += 1
            self._print(f"unionreader: {problem}")
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r" + self.line() + "\033[K")
            self.stream.flush()
        elif now - self.shown >= self.every and self.done < self.partitions:
            self.shown = now
            print(self.line(), file=self.stream)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"unionreader facts: {self.done}/{self.partitions} partitions · {self.articles:,} articles · "
            f"{self.articles / elapsed:,.0f} articles/s · {self.errors} errors"
        )

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        print(self.line() + f" · {time.monotonic() - self.started:.1f} s", file=self.stream)

    def _print(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
        print(text, file=self.stream)
