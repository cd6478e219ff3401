"""Input files split into partitions of about equal size: the unit of one task and one Parquet part.

A file is never split (a task reads whole files, as the worker does), and partitions are contiguous
runs of the sorted inputs, so reading the parts in order gives the articles in the single-process
order and a partition's number names its part for good.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..corpus import Source

MIN_PARTITION_BYTES = 256 * 1024
MAX_PARTITION_BYTES = 8 * 1024 * 1024
TASKS_PER_WORKER = 4  # enough that a slow partition or a lost worker does not leave others idle


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    sources: tuple[Source, ...]

    @property
    def size(self) -> int:
        return sum(max(s.size, 0) for s in self.sources)


def partition_size(total_bytes: int, workers: int) -> int:
    """Bytes per partition: about TASKS_PER_WORKER tasks per worker, within sane bounds.

    Smaller partitions balance load and lose less on a retry, but each task costs a scheduler round
    trip and four Parquet files; bigger ones hold more rows in a worker's memory at once.
    """
    share = total_bytes // max(1, workers * TASKS_PER_WORKER)
    return max(MIN_PARTITION_BYTES, min(MAX_PARTITION_BYTES, share))


def plan_partitions(sources: Sequence[Source], target_bytes: int) -> list[Partition]:
    """Contiguous runs of ``sources`` of about ``target_bytes`` each (a larger file alone)."""
    partitions: list[Partition] = []
    current: list[Source] = []
    filled = 0
    for source in sources:
        size = max(source.size, 0)
        if current and filled + size > target_bytes:
            partitions.append(Partition(len(partitions), tuple(current)))
            current, filled = [], 0
        current.append(source)
        filled += size
    if current:
        partitions.append(Partition(len(partitions), tuple(current)))
    return partitions
