"""The people screen left open while articles load: its rebuilds, what each swap costs the UI thread,
and key -> list painted in its filter meanwhile.

    python benchmarks/directory_live_bench.py [CHECKOUT] [ARTICLES] [BATCH_GAP] [closed]

CHECKOUT (default this one): the tree whose tui/ and benchmarks/ are used (run another side by side).
ARTICLES (default 30000) analyses from people_bench's cache (10k generated articles, repeated) arrive in
batches of 2048, BATCH_GAP seconds apart (default 0.25), as a load would hand them over; the people
screen is opened after the first batch and a key is typed in its filter about every 0.4 s until loading
ends (a letter, then its backspace). "closed" loads with the screen closed, for the load's wall time
without rebuilds. Prints the builds (articles, seconds), the swaps' UI-thread wall and CPU ms, the keys'
latency (p50 / p95 / max) and the load's wall time.
"""
# ruff: noqa: E402, I001
from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1])
sys.path.insert(0, ROOT + "/benchmarks")  # (its people_bench puts its own tui/ first)
import people_bench
from textual import events
from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.widgets.directory_list import DirectoryList
from unionreader.library.batching import Batch

N = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
GAP = float(sys.argv[3]) if len(sys.argv) > 3 else 0.25
OPEN = "closed" not in sys.argv[4:]
VERBOSE = "verbose" in sys.argv[4:]
BATCH = 2048
analyses = people_bench.repeated(people_bench.analysed(10000, 1), max(1, -(-N // 10000)))[:N]


def batches():
    for start in range(0, len(analyses), BATCH):
        if start:
            time.sleep(GAP)
        chunk = tuple(analyses[start : start + BATCH])
        yield Batch(chunk, (), start + len(chunk), len(analyses), 0.0, 0.0)


app = UnionReaderApp([], batches=batches, config=Config(), clipboard_commands=False)
key_seen: list[float] = []


def hook(message) -> None:
    if isinstance(message, events.Key):
        key_seen.append(time.perf_counter())


async def main() -> None:
    builds: list[tuple[int, float]] = []
    swaps: list[tuple[float, float]] = []
    build = app.archive.directory_table

    def timed_build(kind):
        started = time.perf_counter()
        table = build(kind)
        builds.append((len(table.analyses), time.perf_counter() - started))
        if VERBOSE:
            print(f"{started - begun:6.2f} s build of {len(table.analyses):,}: {builds[-1][1]:.2f} s")
        return table

    app.directory_table = timed_build
    latencies: list[float] = []
    started = begun = time.perf_counter()
    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        async def wait(predicate, timeout: float) -> bool:
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline and not predicate():
                await pilot.pause(0.005)
            return predicate()

        await wait(lambda: app.archive.loaded_articles > 0, 60)
        if OPEN:
            await pilot.press("p")
            await wait(lambda: getattr(app.screen, "table", None) is not None, 120)
            screen = app.screen
            show = screen.show_table

            def timed_show(table, *rest):
                wall, cpu = time.perf_counter(), time.thread_time()
                changed = table is not screen.table
                show(table, *rest)
                if changed:
                    swaps.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))
                    if VERBOSE:
                        print(f"{wall - started:6.2f} s swap: {swaps[-1][0]:.0f} ms")

            screen.show_table = timed_show
            await pilot.press("slash")
            listing = screen.query_one(DirectoryList)
            letters = iter("nguyenvanthanhlehoang" * 20)
            while app.archive.loading:
                for key in (next(letters), "backspace"):
                    key_seen.clear()
                    generation = listing.generation
                    await pilot.press(key)
                    # (the key's own list: ``press`` waits for the process to idle, and a swap meanwhile
                    # paints a later one)
                    await wait(lambda g=generation: g + 1 in listing.painted, 10)
                    painted = listing.painted.get(generation + 1)
                    if painted is not None and key_seen:
                        latencies.append((painted - key_seen[0]) * 1000)
                        if VERBOSE:
                            print(f"{key_seen[0] - started:6.2f} s key {key!r}: {latencies[-1]:.0f} ms")
                    await pilot.pause(0.2)
        await wait(lambda: not app.archive.loading, 1800)
        loaded = time.perf_counter() - started
        if OPEN:
            await wait(lambda: len(screen.table.analyses) == len(analyses), 120)
        await pilot.pause(0.5)
    print(f"{N:,} articles in batches of {BATCH:,}, {GAP} s apart; screen {'open' if OPEN else 'closed'}")
    print(f"load wall {loaded:.1f} s")
    print("builds (articles, s):", [(n, round(s, 2)) for n, s in builds])
    if swaps:
        print("swaps UI wall / cpu ms:", [(round(w), round(c)) for w, c in swaps])
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(f"keys while loading: {len(ordered)}, p50 {statistics.median(ordered):.0f} / p95 {p95:.0f} / "
              f"max {ordered[-1]:.0f} ms")


asyncio.run(main())
