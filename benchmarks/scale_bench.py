"""Batch extraction into Parquet: articles/s in one process vs a LocalCluster of 1 and 2 workers.

    .venv/bin/python benchmarks/scale_bench.py [--articles 20000] [--per-file 250] [--workers 1,2]

The generated corpus (``gen_corpus.py``, seeded) is written once as .jsonl files of ``--per-file``
articles to benchmarks/.cache/scale-N/. Each mode runs the real command path
(``unionreader.scale.command.run_facts_dataset``) into a fresh folder; a cluster is started before its
clock starts (its start-up time is printed apart). Also prints the per-partition cost (extraction and
Parquet writing, from the dataset manifest) and the scheduler's overhead per task (no-op tasks).
Needs the scale extra.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import CACHE, iter_articles
from unionreader.scale.command import run_facts_dataset


def corpus(n: int, per_file: int) -> Path:
    folder = CACHE / f"scale-{n}-{per_file}"
    if not (folder / "_done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        batch: list[str] = []
        for i, a in enumerate(iter_articles(n, seed=1)):
            batch.append(json.dumps({"title": a.title, "text": a.text[len(a.title) + 2 :], "date": a.published},
                                    ensure_ascii=False))
            if len(batch) == per_file or i == n - 1:
                (folder / f"part-{i // per_file:05d}.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
                batch = []
        (folder / "_done").write_text("")
    return folder


def timed_run(inputs: list[str], dask: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        started = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()):
            code = run_facts_dataset(inputs, str(out), dask=dask)
        wall = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"run failed with exit {code}")
        manifest = json.loads((out / "_unionreader.json").read_text())
    return {"wall": wall, **manifest}


def noop(i: int) -> int:
    return i


def scheduler_overhead(client, tasks: int = 400) -> float:
    """Seconds per task of no-op tasks on this cluster (submit, schedule, run, gather)."""
    client.gather(client.map(noop, range(20), pure=False))  # warm the workers up
    started = time.perf_counter()
    client.gather(client.map(noop, range(tasks), pure=False))
    return (time.perf_counter() - started) / tasks


def report(name: str, run: dict, single_rate: float | None) -> float:
    rate = run["articles"] / run["wall"]
    parts = run["partitions"]
    per_part = (run["task_seconds"]["extract"] + run["task_seconds"]["write"]) / parts
    write_share = run["task_seconds"]["write"] / max(1e-9, run["task_seconds"]["extract"] + run["task_seconds"]["write"])
    ratio = f"{rate / single_rate:.2f}×" if single_rate else "1.00×"
    print(f"{name:<22} {run['wall']:8.1f} s {rate:9.1f} art/s {ratio:>7}  {parts:4d} parts of "
          f"{run['partition_bytes'] / 2**20:.1f} MiB, {per_part:.2f} s/part ({write_share:.0%} writing)")
    return rate


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=20000)
    p.add_argument("--per-file", type=int, default=250)
    p.add_argument("--workers", default="1,2", help="LocalCluster sizes to time (comma-separated)")
    ns = p.parse_args()
    from distributed import Client, LocalCluster

    folder = corpus(ns.articles, ns.per_file)
    size = sum(f.stat().st_size for f in folder.glob("*.jsonl"))
    print(f"{ns.articles} generated articles, {size / 1e6:.0f} MB in {len(list(folder.glob('*.jsonl')))} .jsonl files")
    single = timed_run([str(folder)], None)
    single_rate = report("single process", single, None)
    overheads = []
    for workers in (int(w) for w in ns.workers.split(",")):
        started = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            startup = time.perf_counter() - started
            run = timed_run([str(folder)], cluster.scheduler_address)
            report(f"LocalCluster {workers} worker{'s' if workers > 1 else ''}", run, single_rate)
            overheads.append(scheduler_overhead(client))
            print(f"{'':<22} cluster start-up {startup:.1f} s; no-op task {overheads[-1] * 1000:.1f} ms")
    print(f"summary: single {single_rate:.1f} art/s; scheduler overhead per task median "
          f"{statistics.median(overheads) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
