"""Reopening the people and organisation screens: key -> first frame of the screen with its list shown.

    python benchmarks/directory_reopen_bench.py [CHECKOUT] [ARTICLES] [prof]

CHECKOUT (default this one) is the tree whose tui/ and benchmarks/ (its people_bench and its cache)
are used: run another checkout side by side.
ARTICLES (default 30000) analyses from people_bench's cache (10k generated articles, repeated) are
loaded; each screen is opened six times (the first builds or lists the table; the median is of the five
reopens); wall time and the UI thread's CPU time from the key reaching the app to the frame written.
"prof" prints a profile of the reopens.
"""
# ruff: noqa: E401, E402, E701, E702, I001
from pathlib import Path
import asyncio, sys, time, statistics, cProfile, pstats
ROOT = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1])
sys.path.insert(0, ROOT + "/benchmarks")  # (its people_bench puts its own tui/ first)
import people_bench
from textual import events
from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.widgets.directory_list import DirectoryList
from unionreader.library.batching import Batch
N = int(sys.argv[2]) if len(sys.argv) > 2 else 30000; PROF = len(sys.argv) > 3
analyses = people_bench.repeated(people_bench.analysed(10000, 1), max(1, N // 10000))[:N]
def batches():
    for s in range(0, len(analyses), 4096):
        c = tuple(analyses[s:s+4096]); yield Batch(c, (), s + len(c), len(analyses), 0.0, 0.0)
app = UnionReaderApp([], batches=batches, config=Config(), clipboard_commands=False)
keys = []; cpu_keys = []
def hook(m):
    if isinstance(m, events.Key): keys.append(time.perf_counter()); cpu_keys.append(time.thread_time())
frames = []; cpu_frames = []
display = app._display
def d(screen, r):
    display(screen, r)
    lst = next(iter(screen.query(DirectoryList)), None) if screen is app.screen else None
    frames.append((time.perf_counter(), screen, lst is not None and lst.generation in lst.painted)); cpu_frames.append(time.thread_time())
app._display = d
async def main():
    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        async def wait(pred, t=60):
            end = time.perf_counter() + t
            while time.perf_counter() < end and not pred(): await pilot.pause(0.005)
        await wait(lambda: not app.archive.loading and app.main_screen.results.result is not None, 1800)
        res = {}; cpu = {}
        prof = cProfile.Profile()
        for key in "po":
            out = []
            for i in range(6):
                keys.clear(); frames.clear(); cpu_keys.clear(); cpu_frames.clear()
                if PROF and i > 0: prof.enable()
                await pilot.press(key)
                await wait(lambda: getattr(app.screen, "table", None) is not None)
                await wait(lambda: any(s and sc is app.screen for _, sc, s in frames))
                if PROF and i > 0: prof.disable()
                i_ready = next(i for i, (at, sc, s) in enumerate(frames) if s and sc is app.screen)
                out.append((frames[i_ready][0] - keys[0]) * 1000)
                cpu.setdefault(key, []).append((cpu_frames[i_ready] - cpu_keys[0]) * 1000)
                await pilot.pause(0.3)
                await pilot.press("escape"); await wait(lambda: getattr(app.screen, "table", "main") == "main")
                await pilot.pause(0.3)
            res[key] = out
        print("wall", {k: ([round(x) for x in v], round(statistics.median(v[1:]))) for k, v in res.items()})
        print("cpu ", {k: ([round(x) for x in v], round(statistics.median(v[1:]))) for k, v in cpu.items()})
        if PROF: pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
asyncio.run(main())
