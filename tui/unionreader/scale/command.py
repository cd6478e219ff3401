"""``unionreader facts ... --format parquet --output DIR [--dask ADDRESS|local]``: the command's run.

Exit 0 when the dataset is in place, 2 for a wrong request (no --output, missing extra, inputs the
workers cannot see, nothing loaded), 1 when the run could not finish (output not writable, scheduler
unreachable, a task failed); on 1 and 2 DIR is left as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from ..corpus import STDIN, default_corpus_dir, discover
from . import MissingExtra, require
from .dataset import DatasetError, commit, discard, staging_folder
from .partition import partition_size, plan_partitions
from .runner import Progress, SchedulerError, check_workers, connect, run_here, run_on_dask, worker_count


def _fail(message: str, code: int) -> int:
    print(f"unionreader facts: {message}", file=sys.stderr)
    return code


def run_facts_dataset(
    paths: Sequence[str],
    output: str | None,
    kinds: Sequence[str] | None = None,
    dask: str | None = None,
    partition_bytes: int | None = None,
) -> int:
    if not output:
        return _fail("--format parquet writes a folder: give --output DIR", 2)
    try:
        require("pyarrow", "pyarrow.parquet", feature="--format parquet")
        if dask:
            require("distributed", feature="--dask")
    except MissingExtra as exc:
        return _fail(str(exc), 2)
    paths = [p if p == STDIN else os.path.abspath(p) for p in paths] or [str(default_corpus_dir())]
    if dask and STDIN in paths:
        return _fail("standard input cannot be sent to Dask workers: give file paths", 2)
    try:
        staging = staging_folder(output)
    except DatasetError as exc:
        return _fail(str(exc), 1)
    close = None
    committed = False
    try:
        client, workers = None, 1
        if dask:
            client, close = connect(dask)
            workers = worker_count(client)
            # Paths missing here too are not the workers' fault: they become errors rows like any bad input.
            problem = check_workers(client, [p for p in paths if os.path.exists(p)], str(staging))
            if problem:
                return _fail(problem, 2)
        sources = discover(paths)
        target = partition_bytes or partition_size(sum(max(s.size, 0) for s in sources), workers)
        partitions = plan_partitions(sources, target)
        progress = Progress(len(partitions))
        if client is None:
            summaries = run_here(partitions, str(staging), kinds, progress)
        else:
            summaries = run_on_dask(client, partitions, str(staging), kinds, progress)
        progress.finish()
        counts = {k: sum(getattr(s, k) for s in summaries) for k in ("articles", "entities", "facts")}
        if not counts["articles"]:
            return _fail("no article could be loaded", 2)
        commit(staging, output, {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "inputs": list(paths),
            "partitions": len(partitions),
            "partition_bytes": target,
            **counts,
            "errors": progress.errors,
            # Where the time went, summed over tasks (benchmarks/scale_bench.py reads these).
            "task_seconds": {
                "extract": round(sum(s.extract_seconds for s in summaries), 3),
                "write": round(sum(s.write_seconds for s in summaries), 3),
            },
            "kinds": list(kinds) if kinds is not None else None,
        })
        committed = True
        return 0
    except (SchedulerError, DatasetError) as exc:
        return _fail(str(exc), 1)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}", 1)
    except Exception as exc:  # a task that failed on a worker (its traceback stays in the worker's log)
        return _fail(f"the run failed: {type(exc).__name__}: {exc}", 1)
    finally:
        if not committed:
            discard(staging)
        if close is not None:
            close()
