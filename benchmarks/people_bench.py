"""How fast the people and organisation tables build, and how fast their screens answer.

    python benchmarks/people_bench.py --articles 10000 [--repeat 10] [--app-articles 10000]

- Articles come from ``benchmarks/gen_corpus.py`` and are analysed (entities and facts) once, in a
  process pool; the analyses are cached in benchmarks/.cache/analyses-N-SEED.pickle.
- ``--repeat K`` lists those analyses K times (each copy a new article id) to measure the tables at K×N
  articles without K×N extractions (extraction costs ~20 ms an article on a busy 2-core machine: half
  an hour for 100k). The people and names are then those of N articles, the sightings those of K×N.
- Core: table build time (median of 3; and the CPU time of the process, steadier on a shared
  machine), the same build fed per loading batch (``PeopleBuilder.add`` per 4096 articles, then
  ``table``: what a user would wait for once loading ends), profile time, and the filter per keystroke (every prefix of
  a few names, with and without diacritics, with a typo).
- App (``--app-articles``, default N, 0 to skip): the app loads that many analyses; then the time
  from the key to the first paint of the people / organisation screen (first open: with the table
  built in the background; second open: table cached) and per keystroke in its filter, from the key
  reaching the app to the repaint of the list.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import pickle
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402
from unionreader.directory import OrgBuilder, PeopleBuilder, build_orgs, build_people  # noqa: E402
from unionreader.extract import analyse  # noqa: E402
from unionreader.extract.models import Analysis  # noqa: E402


def _analyse_range(args: tuple[int, int, int]) -> list[Analysis]:
    start, stop, seed = args
    gen = gen_corpus.Generator(seed)
    out = []
    for i in range(stop):
        article = gen.article(i)  # the generator is sequential: articles before ``start`` are skipped
        if i >= start:
            out.append(analyse(article))
    return out


def analysed(n: int, seed: int) -> list[Analysis]:
    path = gen_corpus.CACHE / f"analyses-{n}-{seed}.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    started = time.perf_counter()
    # One generator per worker over a contiguous half keeps the corpus identical to iter_articles(n).
    halves = [(0, n // 2, seed), (n // 2, n, seed)]
    with ProcessPoolExecutor(2) as pool:
        parts = list(pool.map(_analyse_range, halves))
    analyses = [a for part in parts for a in part]
    gen_corpus.CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(analyses, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    print(f"analysed {n:,} generated articles in {time.perf_counter() - started:.0f} s (cached in {path.name})")
    return analyses


def repeated(analyses: list[Analysis], times: int) -> list[Analysis]:
    if times <= 1:
        return analyses
    out = list(analyses)
    for k in range(1, times):
        for a in analyses:
            article = dataclasses.replace(a.article, id=f"{a.article.id}-{k}")
            out.append(dataclasses.replace(a, article=article))
    return out


def python_speed() -> float:
    """Seconds for ten million steps of a Python loop: how busy the machine is during this run."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def timed(fn, reps: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def cpu_timed(fn) -> tuple[float, float, object]:
    """(wall s, CPU s of this process, result): on a shared machine the CPU time is the steadier one."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def incremental(builder, analyses: list[Analysis], batch: int = 4096) -> dict:
    """The table built as the loader would feed it: a scan per loading batch, then the grouping
    when loading ends (the part a user would wait for)."""
    scans = []
    for start in range(0, len(analyses), batch):
        _, cpu, _ = cpu_timed(lambda start=start: builder.add(analyses[start : start + batch]))
        scans.append(cpu)
    wall, cpu, _ = cpu_timed(lambda: builder.table(analyses))
    return {"scan_cpu_s": sum(scans), "scan_batch_max_cpu_s": max(scans), "table_s": wall, "table_cpu_s": cpu}


def typed_prefixes(names: list[str]) -> list[str]:
    out = []
    for name in names:
        out += [name[:i] for i in range(1, len(name) + 1)]
    return out


def core(analyses: list[Analysis], reps: int = 3) -> dict:
    out: dict = {"articles": len(analyses)}
    out["people_build_s"], people = timed(lambda: build_people(analyses), reps)
    out["people_build_cpu_s"] = cpu_timed(lambda: build_people(analyses))[1]
    out["orgs_build_s"], orgs = timed(lambda: build_orgs(analyses), reps)
    out["orgs_build_cpu_s"] = cpu_timed(lambda: build_orgs(analyses))[1]
    for label, builder in (("people", PeopleBuilder()), ("orgs", OrgBuilder())):
        out.update({f"{label}_batched_{k}": v for k, v in incremental(builder, analyses).items()})
    out["people"], out["orgs"] = len(people), len(orgs)
    out["people_prepare_s"], _ = timed(people.prepare, 1)  # the filter and the three orders
    out["orgs_prepare_s"], _ = timed(orgs.prepare, 1)
    top = [people.rows[i].name for i in people.order()[:3]]
    plain = [gen_corpus.fold_tokens(n) for n in top]
    queries = top[:1] + [" ".join(p) for p in plain[1:2]] + [top[2][:-1] + "x"]
    for label, table in (("people", people), ("orgs", orgs)):
        names = queries if label == "people" else ["lien doan lao dong tinh ha", "cong doan giao duc"]
        times = []
        for text in typed_prefixes(names):
            started = time.perf_counter()
            table.filtered(text)
            times.append((time.perf_counter() - started) * 1000)
        out[f"{label}_filter_p50_ms"] = percentile(times, 0.5)
        out[f"{label}_filter_p95_ms"] = percentile(times, 0.95)
        out[f"{label}_filter_max_ms"] = max(times)
        started = time.perf_counter()
        for row in table.order()[:20]:
            table.profile(row)
        out[f"{label}_profile_ms"] = (time.perf_counter() - started) * 1000 / 20
    return out


async def app_figures(analyses: list[Analysis]) -> dict:
    from textual import events

    from unionreader.app.app import UnionReaderApp
    from unionreader.app.config import Config
    from unionreader.app.widgets.directory_list import DirectoryList
    from unionreader.library.batching import Batch

    def batches():
        for start in range(0, len(analyses), 4096):
            chunk = tuple(analyses[start : start + 4096])
            yield Batch(chunk, (), start + len(chunk), len(analyses), 0.0, 0.0)

    app = UnionReaderApp([], batches=batches, config=Config(), clipboard_commands=False)
    key_seen: list[float] = []

    def hook(message) -> None:
        if isinstance(message, events.Key):
            key_seen.append(time.perf_counter())

    async def wait(predicate, timeout: float, pilot) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and not predicate():
            await pilot.pause(0.005)
        return predicate()

    # Frames written to the terminal: a reopened screen may show a list painted on an earlier open,
    # so "painted" is the first frame of the screen after the key once its list has painted.
    frames: list[tuple[float, object, bool]] = []
    display = app._display

    def display_and_note(screen, renderable) -> None:
        display(screen, renderable)
        listing = next(iter(screen.query(DirectoryList)), None) if screen is app.screen else None
        frames.append((time.perf_counter(), screen, listing is not None and listing.generation in listing.painted))

    app._display = display_and_note
    out: dict = {}
    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        await wait(lambda: not app.archive.loading and app.main_screen.results.result is not None, 1800, pilot)
        out["app_articles"] = len(app.archive.index)
        for key, kind in (("p", "people"), ("o", "orgs")):
            for attempt in ("first", "again"):
                key_seen.clear()
                frames.clear()
                await pilot.press(key)
                await wait(lambda: getattr(app.screen, "table", None) is not None, 600, pilot)
                listing = app.screen.query_one(DirectoryList)
                await wait(lambda lst=listing: lst.generation in lst.painted, 30, pilot)
                await wait(lambda: any(shown and screen is app.screen for _, screen, shown in frames), 30, pilot)
                ready = next((at for at, screen, shown in frames if shown and screen is app.screen), time.perf_counter())
                out[f"{kind}_open_{attempt}_ms"] = (ready - key_seen[0]) * 1000
                if attempt == "again":
                    names = ["nguyen van", "tran thi huong", "le hoang thanh"] if kind == "people" else ["lien doan lao dong", "cong doan y te"]
                    await pilot.press("slash")
                    latencies = []
                    for text in names:
                        app.screen.query_one("#directory-filter").value = ""
                        await pilot.pause(0.05)
                        for char in text:
                            generation = listing.generation
                            key_seen.clear()
                            await pilot.press("space" if char == " " else char)
                            await wait(lambda g=generation, lst=listing: lst.generation > g and lst.generation in lst.painted, 10, pilot)
                            painted = listing.painted.get(listing.generation)
                            if painted is not None and key_seen:
                                latencies.append((painted - key_seen[0]) * 1000)
                    out[f"{kind}_filter_key_p50_ms"] = percentile(latencies, 0.5)
                    out[f"{kind}_filter_key_p95_ms"] = percentile(latencies, 0.95)
                    out[f"{kind}_filter_key_max_ms"] = max(latencies)
                await pilot.press("escape")  # (from the filter: back to the list; then the screen)
                if attempt == "again":
                    await pilot.press("escape")
                await wait(lambda: getattr(app.screen, "table", "main") == "main", 10, pilot)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="generated articles to analyse")
    parser.add_argument("--repeat", type=int, default=1, help="list the analyses this many times for the core figures")
    parser.add_argument("--app-articles", type=int, default=None, help="articles the app loads (default: --articles; 0 skips)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=3, help="table builds to take the median of")
    args = parser.parse_args()
    base = analysed(args.articles, args.seed)
    speed = python_speed()
    print(f"machine: a 10M-step Python loop took {speed:.2f} s in this run (the figures below scale with it)")
    analyses = repeated(base, args.repeat)
    figures = core(analyses, args.reps)
    print(f"{figures['articles']:,} articles ({args.articles:,} analysed × {args.repeat}): "
          f"{figures['people']:,} people, {figures['orgs']:,} organisations")
    print(f"  build (median of {args.reps}): people {figures['people_build_s']:.2f} s, organisations {figures['orgs_build_s']:.2f} s; "
          f"then filter and sort orders: people {figures['people_prepare_s']:.2f} s, organisations {figures['orgs_prepare_s']:.2f} s")
    print(f"  build, CPU time of this process: people {figures['people_build_cpu_s']:.2f} s, organisations {figures['orgs_build_cpu_s']:.2f} s")
    for kind in ("people", "orgs"):
        print(f"  {kind}, built per loading batch of 4096: scans {figures[f'{kind}_batched_scan_cpu_s']:.2f} s CPU in all "
              f"(at most {figures[f'{kind}_batched_scan_batch_max_cpu_s']:.2f} s a batch), then the table "
              f"{figures[f'{kind}_batched_table_s']:.2f} s ({figures[f'{kind}_batched_table_cpu_s']:.2f} s CPU)")
    for kind in ("people", "orgs"):
        print(f"  {kind}: filter per keystroke p50 {figures[f'{kind}_filter_p50_ms']:.2f} / p95 "
              f"{figures[f'{kind}_filter_p95_ms']:.2f} / max {figures[f'{kind}_filter_max_ms']:.2f} ms; "
              f"profile (top 20) {figures[f'{kind}_profile_ms']:.1f} ms")
    app_n = args.articles if args.app_articles is None else args.app_articles
    if app_n:
        app = asyncio.run(app_figures(repeated(base, -(-app_n // len(base)))[:app_n]))
        figures.update(app)
        print(f"app with {app['app_articles']:,} articles (key → list painted):")
        for kind in ("people", "orgs"):
            print(f"  {kind}: open {app[f'{kind}_open_first_ms']:.0f} ms (table built meanwhile), "
                  f"again {app[f'{kind}_open_again_ms']:.0f} ms; filter keystroke p50 "
                  f"{app[f'{kind}_filter_key_p50_ms']:.0f} / p95 {app[f'{kind}_filter_key_p95_ms']:.0f} / max "
                  f"{app[f'{kind}_filter_key_max_ms']:.0f} ms")
    figures["python_loop_s"] = speed
    figures["python_loop_after_s"] = python_speed()
    print(f"machine: the same loop took {figures['python_loop_after_s']:.2f} s at the end")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
