"""Search benchmark: build time, index memory and per-keystroke latency, against a naive baseline.

    python benchmarks/search_bench.py --articles 10000 [--reps 3] [--analyse] [--baseline-keystrokes 12]
                                      [--build once|app]

``--build app`` indexes the way the app's loader does (slices of 128, merges planned and applied
between them, one full merge when loading ends) and times the keystrokes both before and after
that last merge; ``--build once`` (the default) indexes everything in one call.

Every prefix of 30 realistic queries (no diacritics, short-syllable typos, filters, phrases) is
searched as if typed, 3 times; a keystroke's latency is the median of its repetitions, and p50 / p95
/ max are taken over those medians. The baseline is what a search without an index does: a rapidfuzz
``partial_ratio`` scan of every folded article text, timed on a sample of the keystrokes (it is too
slow to run on all). The last line is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rapidfuzz import fuzz, process  # noqa: E402

from gen_corpus import iter_articles  # noqa: E402
from unionreader.extract import analyse  # noqa: E402
from unionreader.extract.models import Analysis  # noqa: E402
from unionreader.search import SearchIndex  # noqa: E402
from unionreader.text import fold  # noqa: E402

QUERIES = [
    "cong doan co so",
    "hoi nghi tong ket nam 2023",
    "lien doan lao dong tinh thanh hoa",
    "thoa uoc lao dng tap the",
    "cong doa vien chuc",
    "chu tic cong doan",
    "phap lyy",
    "nguyen van hung",
    "tran thi mai",
    "dai hoi cong doan nganh y te",
    '"lao dong" -hop',
    "ban chap hanh",
    "khen thuong tap the xuat sac",
    "doan vien cong doan",
    "year:2023 hoi nghi",
    "person:hung chu tich",
    "has:money tro cap",
    "nguoi lao dng",
    "bao ve quyen loi hop phap",
    "thi dua yeu nuoc",
    "an toan ve sinh lao dong",
    "mttq",
    "ldld tinh",
    "8945",
    "phong trao thi dau",
    "cham lo doi song",
    "hai phong | da nang",
    "pho chu tihc",
    '"dai hoi dai bieu"',
    "ky ket thoa uoc",
]


APP_SLICE = 128  # as library/indexer.INDEX_SLICE (not imported: the benchmark needs no Textual)


def type_queries(index: SearchIndex, keystrokes: list[str], reps: int,
                 cpu: list[list[float]] | None = None) -> list[list[float]]:
    """Per keystroke, its search time in ms in each repetition (wall clock; CPU time of this thread
    into ``cpu`` if given: a search runs on one thread, so on a busy machine its CPU time is what a
    quiet one would show, give or take cache effects)."""
    times: list[list[float]] = [[] for _ in keystrokes]
    if cpu is not None:
        cpu[:] = [[] for _ in keystrokes]
    for _ in range(reps):
        for k, prefix in enumerate(keystrokes):
            c0, t0 = time.thread_time(), time.perf_counter()
            index.search(prefix, limit=20)
            times[k].append((time.perf_counter() - t0) * 1000)
            if cpu is not None:
                cpu[k].append((time.thread_time() - c0) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def dict_bytes(d: dict) -> int:
    return sys.getsizeof(d) + sum(sys.getsizeof(k) for k in d)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--analyse", action="store_true", help="run entity/fact extraction on every article in the build")
    p.add_argument("--baseline-keystrokes", type=int, default=12, help="keystrokes sampled for the naive baseline")
    p.add_argument("--build", choices=("once", "app"), default="once", help="index in one call, or the app's way")
    ns = p.parse_args()

    t0 = time.perf_counter()
    articles = list(iter_articles(ns.articles, ns.seed))
    gen_s = time.perf_counter() - t0
    corpus_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    print(f"corpus: {len(articles)} synthetic articles, {corpus_mb:.1f} MB of text (generated in {gen_s:.1f} s)")

    sample = articles[: min(200, len(articles))]
    t0 = time.perf_counter()
    for a in sample:
        analyse(a)
    analyse_ms = (time.perf_counter() - t0) / len(sample) * 1000
    if ns.analyse:
        t0 = time.perf_counter()
        analyses = [analyse(a) for a in articles]
        analyse_s = time.perf_counter() - t0
    else:
        analyses = [Analysis(a, (), (), a.published) for a in articles]
        analyse_s = analyse_ms * len(articles) / 1000

    index = SearchIndex()
    t0, build_cpu0 = time.perf_counter(), time.process_time()
    if ns.build == "app":
        for start in range(0, len(analyses), APP_SLICE):
            index.add(analyses[start : start + APP_SLICE], compact=False)
            index.apply_compaction(index.plan_compaction())
    else:
        index.add(analyses)
    index.search("")  # first search finalises the sorted vocabulary and ranks
    build_s = time.perf_counter() - t0
    build_cpu = time.process_time() - build_cpu0  # both threads: steadier than wall time on a busy machine
    keystrokes = [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]
    unmerged = None
    if ns.build == "app":
        print(f"app-style build: {build_s:.1f} s; segments per kind before the final merge: {index.segment_counts}")
        unmerged_cpu: list[list[float]] = []
        unmerged = type_queries(index, keystrokes, ns.reps, unmerged_cpu)
        t0 = time.perf_counter()
        index.optimize()
        merge_s = time.perf_counter() - t0
        print(f"final merge when loading ends: {merge_s:.1f} s (outside the index lock in the app)")
    print(f"segments per kind searched: {index.segment_counts}")
    arrays_mb = index.nbytes / 1e6
    dicts_mb = sum(dict_bytes(d) for d in (index._term_ids, index._exact_ids, index._words, index._long_chunks)) / 1e6
    index_mb = arrays_mb + dicts_mb
    print(
        f"index build: {build_s:.1f} s ({build_cpu:.1f} s CPU) for {len(index)} articles ({len(index._terms)} folded terms); "
        f"extraction {'included' if ns.analyse else 'NOT included'}: "
        f"{analyse_ms:.1f} ms/article = {analyse_s:.0f} s {'measured' if ns.analyse else 'estimated from 200'}"
    )
    print(
        f"index memory: {index_mb:.0f} MB = {arrays_mb:.0f} MB packed arrays (nbytes) + {dicts_mb:.0f} MB vocabulary "
        f"dicts (sys.getsizeof estimate); {index_mb / corpus_mb:.2f}x the corpus text"
    )

    cpu0, wall0 = time.process_time(), time.perf_counter()
    cpu_times: list[list[float]] = []
    times = type_queries(index, keystrokes, ns.reps, cpu_times)
    cpu_share = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    medians = [statistics.median(t) for t in times]
    p50, p95, worst = percentile(medians, 50), percentile(medians, 95), max(medians)
    slowest = keystrokes[medians.index(worst)]
    # The first repetition types every query into caches that hold only earlier keystrokes of the
    # same session: what a user sees the first time. Later repetitions may find results cached.
    first = [t[0] for t in times]
    cold50, cold95, cold_worst = percentile(first, 50), percentile(first, 95), max(first)

    texts = [fold(a.text) for a in articles] if ns.baseline_keystrokes else []
    step = max(1, len(keystrokes) // max(1, ns.baseline_keystrokes))
    sampled = keystrokes[::step][: ns.baseline_keystrokes]
    base = []
    for prefix in sampled:
        t0 = time.perf_counter()
        process.extract(fold(prefix), texts, scorer=fuzz.partial_ratio, limit=20)
        base.append((time.perf_counter() - t0) * 1000)
    base_p50, base_p95 = (percentile(base, 50), percentile(base, 95)) if base else (float("nan"), float("nan"))

    print(f"\nper keystroke, {len(keystrokes)} keystrokes x {ns.reps} reps (median of reps per keystroke), wall clock;")
    print(f"this process got {cpu_share:.0%} of a core while typing (below ~90%: other load inflates the figures)")
    print(f"{'':28}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    print(f"{'index':28}{p50:>10.2f}{p95:>10.2f}{worst:>10.2f}   slowest: {slowest!r}")
    print(f"{'index, first rep only':28}{cold50:>10.2f}{cold95:>10.2f}{cold_worst:>10.2f}"
          f"   slowest: {keystrokes[first.index(cold_worst)]!r}")
    cpu_medians = [statistics.median(t) for t in cpu_times]
    print(f"{'index, CPU time':28}{percentile(cpu_medians, 50):>10.2f}{percentile(cpu_medians, 95):>10.2f}"
          f"{max(cpu_medians):>10.2f}")
    if unmerged is not None:
        for label, runs in (("index before final merge", unmerged), ("  same, CPU time", unmerged_cpu)):
            um = [statistics.median(t) for t in runs]
            print(f"{label:28}{percentile(um, 50):>10.2f}{percentile(um, 95):>10.2f}{max(um):>10.2f}")
    print(f"{'baseline (rapidfuzz scan)':28}{base_p50:>10.1f}{base_p95:>10.1f}{max(base, default=0):>10.1f}"
          f"   on a sample of {len(sampled)} keystrokes, 1 rep")
    print(f"{'ratio baseline / index':28}{base_p50 / max(p50, 1e-9):>10.0f}{base_p95 / max(p95, 1e-9):>10.0f}")
    print(json.dumps({
        "articles": len(articles), "corpus_mb": round(corpus_mb, 1), "build_s": round(build_s, 2), "build_cpu_s": round(build_cpu, 2),
        "index_mb": round(index_mb, 1), "p50_ms": round(p50, 3), "p95_ms": round(p95, 3),
        "max_ms": round(worst, 3), "cpu_p50_ms": round(percentile(cpu_medians, 50), 3),
        "cpu_p95_ms": round(percentile(cpu_medians, 95), 3), "cpu_max_ms": round(max(cpu_medians), 3), "first_rep_p95_ms": round(cold95, 3), "first_rep_max_ms": round(cold_worst, 3),
        "baseline_p95_ms": round(base_p95, 1), "loadavg": os.getloadavg()[0], "build": ns.build,
        "segments": index.segment_counts, "terms": len(index._terms),
    }))


if __name__ == "__main__":
    main()
