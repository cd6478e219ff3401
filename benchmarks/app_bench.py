"""Drive the reader app headless and print how fast it answers.

    python benchmarks/app_bench.py --articles 100000 [--analyse] [--queries 6]

Figures printed:
- startup on the bundled seeds: time from creating the app to the first painted list row, and to the
  end of loading;
- with N generated articles (``benchmarks/gen_corpus.py``'s JSONL, loaded through the app's normal
  loader in its worker): time to first paint and to the end of loading (first paint must come first);
- keystroke-to-updated-list latency p50/p95/max while typing queries key by key: from the moment the
  key event reaches the app to the first repaint of the article list showing the new results;
- page-down latency in the list (scrolling).

Entity extraction is the slowest part of loading and does not affect how fast the UI answers, so for
large N it is skipped unless ``--analyse`` is given (the output says which). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual import events  # noqa: E402

from unionreader.app.app import UnionReaderApp  # noqa: E402
from unionreader.app.config import Config  # noqa: E402
from unionreader.app.widgets.article_list import ArticleList  # noqa: E402
from unionreader.corpus import default_corpus_dir  # noqa: E402
from unionreader.extract.models import Analysis  # noqa: E402
from unionreader.library.batching import load_path_batches  # noqa: E402

QUERIES = [
    "cong doan vien chuc",
    "hoi nghi tong ket",
    "nguyen van",
    "ha noi",
    "dai hoi cong doan co so",
    "thoa uoc lao dng",
    "year:2023 cong doan",
    '"hoi nghi" -tong',
]


def without_extraction(article) -> Analysis:
    return Analysis(article, (), (), article.published, None)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def wait_until(predicate, timeout: float, pilot) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return True
        await pilot.pause(0.01)
    return predicate()


async def measure(paths: list[str], analyse: bool, queries: list[str], load_timeout: float) -> dict:
    kwargs = {} if analyse else {"analyser": without_extraction}
    created = time.perf_counter()
    app = UnionReaderApp(
        paths,
        batches=lambda: load_path_batches(paths, **kwargs),
        config=Config(),
        clipboard_commands=False,
    )
    out: dict = {}
    key_seen: list[float] = []

    def hook(message) -> None:
        # The moment a key reaches the app: Pilot's own bookkeeping before that is not the app's latency.
        if isinstance(message, events.Key):
            key_seen.append(time.perf_counter())

    async def type_queries(texts: list[str]) -> tuple[list[float], list[str]]:
        """Type each query key by key; per key, the time from the key reaching the app to the first
        repaint of the list that follows it (which shows that query's results)."""
        latencies: list[float] = []
        typed: list[str] = []
        search = app.query_one("#search")
        for query in texts:
            search.value = ""
            search.focus()
            await pilot.pause(0.05)
            for char in query:
                generation = article_list.generation
                key_seen.clear()
                await pilot.press("space" if char == " " else char)
                await wait_until(lambda g=generation: article_list.generation > g and g + 1 in article_list.painted, 5, pilot)
                # The first list repaint after the key (while loading, batches repaint it again later).
                painted = article_list.painted.get(generation + 1)
                if painted is not None and key_seen:
                    latencies.append((painted - key_seen[0]) * 1000)
                    typed.append(search.value)
        return latencies, typed

    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        article_list = app.query_one(ArticleList)
        await wait_until(lambda: bool(article_list.painted), load_timeout, pilot)
        await wait_until(lambda: article_list.first_rows_painted is not None or not app.archive.loading, load_timeout, pilot)
        first_rows = article_list.first_rows_painted
        out["first_paint_s"] = (min(article_list.painted.values()) - created) if article_list.painted else None
        out["first_rows_s"] = (first_rows - created) if first_rows else None
        out["loading_at_first_rows"] = app.archive.loading
        during: list[float] = []
        if app.archive.loading:  # typing while batches are still being read and indexed
            during, _ = await type_queries(queries[:2])
            app.query_one("#search").value = ""
        out["loading_keystrokes"] = len(during)
        out["loading_p95_ms"] = percentile(during, 0.95) if during else None
        out["loading_max_ms"] = max(during) if during else None
        await wait_until(lambda: not app.archive.loading, load_timeout, pilot)
        out["loaded_s"] = (app.archive.loaded_at or time.perf_counter()) - created
        out["articles"] = len(app.archive.index)
        await pilot.pause(0.2)

        latencies, typed = await type_queries(queries)
        out["keystrokes"] = len(latencies)
        out["p50_ms"] = percentile(latencies, 0.5)
        out["p95_ms"] = percentile(latencies, 0.95)
        out["max_ms"] = max(latencies) if latencies else float("nan")
        out["slowest"] = typed[latencies.index(out["max_ms"])] if latencies else ""

        app.query_one("#search").value = ""
        await pilot.pause(0.1)
        article_list.focus()
        scroll: list[float] = []
        for _ in range(30):
            before = article_list.last_paint
            key_seen.clear()
            await pilot.press("pagedown")
            await wait_until(lambda b=before: article_list.last_paint > b, 5, pilot)
            if key_seen:
                scroll.append((article_list.last_paint - key_seen[0]) * 1000)
        out["pagedown_p95_ms"] = percentile(scroll, 0.95)
    return out


SHARD_BYTES = 16 * 1024 * 1024  # the reader refuses files over 20 MB, as it should for user input


def corpus_path(n: int) -> Path:
    """A folder of JSONL shards holding the generator's N articles (made once, cached)."""
    try:
        import gen_corpus
    except ImportError as exc:  # pragma: no cover - the generator is part of the benchmarks
        raise SystemExit(f"benchmarks/gen_corpus.py is needed for --articles: {exc}") from exc
    started = time.perf_counter()
    source = gen_corpus.cached_jsonl(n)
    folder = source.with_suffix(".shards")
    if not (folder / "done").exists():
        folder.mkdir(exist_ok=True)
        shard, size, out = 0, 0, None
        with source.open("rb") as lines:
            for line in lines:
                if out is None or size + len(line) > SHARD_BYTES:
                    if out is not None:
                        out.close()
                    out = (folder / f"part-{shard:04d}.jsonl").open("wb")
                    shard, size = shard + 1, 0
                out.write(line)
                size += len(line)
        if out is not None:
            out.close()
        (folder / "done").write_text("")
    took = time.perf_counter() - started
    if took > 1:
        print(f"generated {folder} in {took:.1f} s (cached for next time)")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="generated articles to load (0: seeds only)")
    parser.add_argument("--analyse", action="store_true", help="run entity extraction while loading the large corpus")
    parser.add_argument("--queries", type=int, default=len(QUERIES), help="how many of the built-in queries to type")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for loading")
    args = parser.parse_args()
    queries = QUERIES[: args.queries]

    seeds = asyncio.run(measure([str(default_corpus_dir())], True, queries[:2], 60))
    print(
        f"seeds ({seeds['articles']} articles, with extraction): first paint {seeds['first_paint_s'] * 1000:.0f} ms, "
        f"loaded {seeds['loaded_s'] * 1000:.0f} ms, keystroke p50 {seeds['p50_ms']:.1f} ms "
        f"p95 {seeds['p95_ms']:.1f} ms"
    )
    result = {"seeds_first_paint_ms": round(seeds["first_paint_s"] * 1000, 1)}
    if args.articles:
        path = corpus_path(args.articles)
        mb = sum(p.stat().st_size for p in path.glob("*.jsonl")) / 1e6
        big = asyncio.run(measure([str(path)], args.analyse, queries, args.timeout))
        mode = "with entity extraction" if args.analyse else "entity extraction skipped (--analyse to include it)"
        print(f"{big['articles']:,} articles ({mb:.0f} MB JSONL, {mode})")
        first_rows = big["first_rows_s"]
        print(
            f"  first paint {big['first_paint_s'] * 1000:.0f} ms; first rows listed "
            f"{f'{first_rows:.2f} s' if first_rows else 'n/a'} (still loading: {big['loading_at_first_rows']}); "
            f"loading finished {big['loaded_s']:.1f} s"
        )
        print(
            f"  keystroke → list repainted: p50 {big['p50_ms']:.1f} ms, p95 {big['p95_ms']:.1f} ms, "
            f"max {big['max_ms']:.1f} ms over {big['keystrokes']} keystrokes (goal p95 ≤ 33 ms); "
            f"slowest at {big['slowest']!r}"
        )
        if big["loading_keystrokes"]:
            print(
                f"  while loading: keystroke → list repainted p95 {big['loading_p95_ms']:.1f} ms, "
                f"max {big['loading_max_ms']:.1f} ms over {big['loading_keystrokes']} keystrokes"
            )
        print(f"  page down in the list: p95 {big['pagedown_p95_ms']:.1f} ms")
        result.update(
            articles=big["articles"],
            corpus_mb=round(mb, 1),
            analysed=args.analyse,
            first_paint_ms=round(big["first_paint_s"] * 1000, 1),
            first_rows_s=round(first_rows, 2) if first_rows else None,
            painted_before_loaded=bool(big["loading_at_first_rows"]),
            loaded_s=round(big["loaded_s"], 1),
            p50_ms=round(big["p50_ms"], 1),
            p95_ms=round(big["p95_ms"], 1),
            max_ms=round(big["max_ms"], 1),
            pagedown_p95_ms=round(big["pagedown_p95_ms"], 1),
            loading_p95_ms=round(big["loading_p95_ms"], 1) if big["loading_keystrokes"] else None,
            loading_max_ms=round(big["loading_max_ms"], 1) if big["loading_keystrokes"] else None,
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # (kB on Linux)
    print(f"peak memory of this process (seeds and the large corpus in turn): {peak_mb:,.0f} MB")
    result["peak_rss_mb"] = round(peak_mb)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
