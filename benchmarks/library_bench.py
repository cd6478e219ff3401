"""Library benchmark: cold open, warm reopen, app first paint from the cache, 1% refresh, memory, cache size.

    python benchmarks/library_bench.py --articles 10000 [--jobs N]     # generated corpus (a folder of .txt)
    python benchmarks/library_bench.py --path DIR                      # any folder

Prints one JSON line. Each phase runs in a fresh process (as a user's next launch would), against a
fresh cache directory in a temporary folder:

- cold_open_s: read + extract (worker processes) + index + store, nothing cached;
- warm_first_result_s: a second launch, from the start of the open to the first search result;
- warm_restored_result_s: the same launch, to a first result from the saved index as restored (what the
  app lists at once), before the files are listed, stat'ed and compared with the store;
- app_first_rows_s: the app from its creation to the first article rows painted, from the cache;
- refresh_1pct_s: another launch after touching (mtime only) 1% of the files;
- edit_1pct_s: another launch after changing the content of 1% of the files;
- warm_rss_mb: resident memory after a warm open (and one search); warm_peak_rss_mb: its peak;
- cold_peak_rss_mb / cold_rss_mb: the cold open's peak resident memory, and what it holds once done;
- cache_mb: the cache on disk (database and saved index), beside corpus_mb (the files' size);
- cold_parent_cpu_s / cold_workers_cpu_s: CPU time of the cold open's own process (reading the
  workers' results, indexing, storing) and of its extraction workers: the parent must not be what two
  workers wait for.

``--cold-only`` stops after the cold open. ``--text-only`` builds the cache without extraction (each article stored and indexed with no entities
or facts): a cheap route to a large cache for the warm figures (its cold figures are not extraction
figures, and its index lacks the entity and fact terms, a fifth of a real one).
Not a timed test: the figures depend on the machine (and on whatever else it runs).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUERY = "công đoàn"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def text_only(path: str):
    """An analyser that reads and cleans but does not extract (``--text-only``)."""
    from unionreader.articles import Article
    from unionreader.corpus import LoadError, Source, load_source
    from unionreader.extract.models import Analysis
    from unionreader.library.worker import FileOutcome

    items = list(load_source(Source(path)))
    return FileOutcome(path, tuple(Analysis(a, (), ()) for a in items if isinstance(a, Article)),
                       tuple(e for e in items if isinstance(e, LoadError)))


def phase_open(path: str, cache: str, jobs: int | None, text: bool = False) -> dict:
    import resource

    from unionreader.library.events import Restored, Summary
    from unionreader.library.indexer import IndexFeeder
    from unionreader.library.loader import Library
    from unionreader.library.worker import analyse_file
    from unionreader.search import SearchIndex

    started = time.perf_counter()
    cpu = time.process_time()
    index = SearchIndex()
    summary = restored = None
    library = Library(cache, jobs=jobs, analyser=text_only if text else analyse_file)
    restored_result, aside = None, 0.0
    for event in library.open([path], IndexFeeder(index)):
        if isinstance(event, Summary):
            summary = event
        elif isinstance(event, Restored):
            restored = event
            # What the app shows at this point: the saved index searched before the files are checked.
            searching = time.perf_counter()
            hits = index.search(QUERY, limit=10)
            if hits.docs:
                index.analysis(hits.docs[0])
            restored_result = time.perf_counter() - started
            aside = time.perf_counter() - searching  # (not counted in the whole open's figure)
    result = index.search(QUERY, limit=10)
    if result.docs:
        index.analysis(result.docs[0])  # the first hit as the reader would show it
    first = time.perf_counter() - started - aside
    return {
        "seconds": first, "articles": index.live(), "restored": restored is not None, "restored_result_s": restored_result,
        "new": summary.new, "changed": summary.changed, "unchanged": summary.unchanged, "rss_mb": rss_mb(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "parent_cpu_s": time.process_time() - cpu,
        "workers_cpu_s": sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), f) for f in ("ru_utime", "ru_stime")),
    }


def phase_app(path: str, cache: str) -> dict:
    from unionreader.app.app import UnionReaderApp
    from unionreader.app.config import Config
    from unionreader.app.widgets.article_list import ArticleList
    from unionreader.library.loader import Library

    async def run() -> dict:
        created = time.perf_counter()
        app = UnionReaderApp([path], library=Library(cache), config=Config(), clipboard_commands=False)
        async with app.run_test(size=(160, 48)) as pilot:
            article_list = app.query_one(ArticleList)
            deadline = time.perf_counter() + 600
            while article_list.first_rows_painted is None and time.perf_counter() < deadline:
                await pilot.pause(0.005)
            first_rows = (article_list.first_rows_painted or time.perf_counter()) - created
            while app.archive.loading and time.perf_counter() < deadline:
                await pilot.pause(0.05)
            return {"first_rows_s": first_rows, "loaded_s": time.perf_counter() - created, "articles": len(app.archive.index)}

    return asyncio.run(run())


def in_process(phase: str, *args) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase, *[str(a) for a in args]]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def corpus(n: int) -> Path:
    folder = ROOT / "benchmarks" / ".cache" / f"folder-{n}-1"
    if not folder.is_dir():
        tmp = folder.with_name(folder.name + ".tmp")
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), "--articles", str(n), "--out", str(tmp)],
                       check=True, capture_output=True)
        tmp.rename(folder)
    return folder


def change(files: list[Path], fraction: float, edit: bool) -> int:
    chosen = files[:: max(1, round(1 / fraction))]
    for f in chosen:
        if edit:
            f.write_text(f.read_text(encoding="utf-8") + "\nCập nhật thêm một dòng.\n", encoding="utf-8")
        else:
            st = f.stat()
            os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    return len(chosen)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--path", help="a folder of articles (default: a generated corpus of --articles)")
    p.add_argument("--jobs", type=int, help="extraction processes (default: CPU count)")
    p.add_argument("--cache", help="use this cache directory and keep it (an existing one makes the first open warm)")
    p.add_argument("--text-only", action="store_true", help="build the cache without extraction (a large cache, fast)")
    p.add_argument("--cold-only", action="store_true", help="only the cold open (its time, CPU and memory)")
    p.add_argument("--edit", action="store_true", help="also measure a reopen after editing 1%% of the files (a copy is edited)")
    p.add_argument("--phase", help=argparse.SUPPRESS)
    p.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    ns = p.parse_args()
    if ns.phase == "open":
        print(json.dumps(phase_open(ns.rest[0], ns.rest[1], int(ns.rest[2]) or None, ns.rest[3:] == ["text"])))
        return
    if ns.phase == "app":
        print(json.dumps(phase_app(ns.rest[0], ns.rest[1])))
        return

    from unionreader.library.store import disk_size

    path = Path(ns.path) if ns.path else corpus(ns.articles)
    files = sorted(q for q in path.rglob("*") if q.suffix.lower() in (".txt", ".md", ".jsonl"))
    with tempfile.TemporaryDirectory(prefix="library-bench-") as tmp:
        cache = Path(ns.cache) if ns.cache else Path(tmp) / "cache"
        jobs = ns.jobs or 0
        out: dict = {"path": str(path), "files": len(files), "corpus_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
                     "cpus": os.cpu_count()}
        cold = in_process("open", path, cache, jobs, *(["text"] if ns.text_only else []))
        out["articles"] = cold["articles"]
        out["cold_open_s"] = round(cold["seconds"], 2)
        out["cold_parent_cpu_s"] = round(cold["parent_cpu_s"], 1)
        out["cold_workers_cpu_s"] = round(cold["workers_cpu_s"], 1)
        out["cold_peak_rss_mb"] = round(cold["peak_rss_mb"])
        out["cold_rss_mb"] = round(cold["rss_mb"])
        out["text_only"] = ns.text_only
        if ns.cold_only:
            print(json.dumps(out))
            return
        warm = in_process("open", path, cache, jobs)
        out["warm_first_result_s"] = round(warm["seconds"], 3)
        out["warm_restored_index"] = warm["restored"]
        out["warm_restored_result_s"] = warm["restored_result_s"] and round(warm["restored_result_s"], 3)
        out["warm_rss_mb"] = round(warm["rss_mb"])
        out["warm_peak_rss_mb"] = round(warm["peak_rss_mb"])
        app = in_process("app", path, cache)
        out["app_first_rows_s"] = round(app["first_rows_s"], 3)
        out["app_loaded_s"] = round(app["loaded_s"], 3)
        out["touched"] = change(files, 0.01, edit=False)
        refresh = in_process("open", path, cache, jobs)
        out["refresh_1pct_s"] = round(refresh["seconds"], 3)
        out["cache_mb"] = round(disk_size(cache) / 1e6, 1)
        out["cache_db_mb"] = round(sum(f.stat().st_size for f in cache.glob("library.sqlite3*")) / 1e6, 1)
        if ns.edit:
            copy = Path(tmp) / "copy"
            subprocess.run(["cp", "-r", str(path), str(copy)], check=True)
            copied = sorted(q for q in copy.rglob("*") if q.is_file())
            in_process("open", copy, cache, jobs)  # (the copy's paths are new: read once from the files)
            in_process("open", copy, cache, jobs)
            out["edited"] = change(copied, 0.01, edit=True)
            edited = in_process("open", copy, cache, jobs)
            out["edit_1pct_s"] = round(edited["seconds"], 2)
            out["edit_restored_index"] = edited["restored"]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
