"""What runs on a worker (or in this process): one partition in, its Parquet parts out.

Plain functions of plain arguments, so Dask ships them by reference (``unionreader`` must be installed
on every worker) and a task can run twice with the same result.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..corpus import LoadError
from ..library.worker import analyse_file
from .partition import Partition
from .tables import table_rows, write_parts


@dataclass(frozen=True, slots=True)
class PartSummary:
    """What a finished task reports back: counts, the problems met (to print), where the time went."""

    partition: int
    articles: int
    entities: int
    facts: int
    problems: tuple[LoadError, ...]  # errors and warnings, in input order
    extract_seconds: float
    write_seconds: float


def run_partition(partition: Partition, folder: str, kinds: Sequence[str] | None = None) -> PartSummary:
    """Read, clean and extract every file of ``partition``; write its part of each table into ``folder``.

    A bad file is an ``errors`` row (the worker never raises for one), so the task only fails when the
    output cannot be written.
    """
    started = time.perf_counter()
    analyses, problems = [], []
    for source in partition.sources:
        outcome = analyse_file(source.path, source.size)
        analyses.extend(outcome.analyses)
        problems.extend(outcome.errors)
    rows = table_rows(analyses, problems, kinds)
    extracted = time.perf_counter()
    write_parts(folder, partition.index, rows)
    return PartSummary(
        partition.index, len(rows["articles"]), len(rows["entities"]), len(rows["facts"]), tuple(problems),
        extracted - started, time.perf_counter() - extracted,
    )


def unreadable(paths: Sequence[str], folder: str) -> list[str]:
    """Run on each worker before the work: the inputs it cannot read and whether it can write ``folder``.

    Returns one short phrase per problem (empty when all is well).
    """
    problems = [f"cannot read {p}" for p in paths if not os.access(p, os.R_OK)]
    if not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
        problems.append(f"cannot write {folder}")
    return problems
