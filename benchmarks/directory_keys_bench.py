"""Per keystroke in the people / organisation filter: key → the list's first repainted line, and key →
the frame holding the new list written out, each in wall time and in the UI thread's CPU time over the
same span (steadier on a shared machine: the wall time there is mostly waiting for a core).

    python benchmarks/directory_keys_bench.py 10000 people [--tui OTHER_CHECKOUT/tui]

The app loads N analyses (``people_bench``'s 10k generated articles, repeated), opens the screen, and
types three names twice, a key at a time.
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
parser = argparse.ArgumentParser()
parser.add_argument("articles", type=int)
parser.add_argument("kind", choices=("people", "orgs"))
parser.add_argument("--tui", default=str(HERE.parent / "tui"), help="the source tree to measure")
args = parser.parse_args()
sys.path.insert(0, str(HERE))
import people_bench as pb  # noqa: E402 (it puts this checkout's tui/ first: the one asked for goes before it)

sys.path.insert(0, args.tui)
for name in [m for m in sys.modules if m == "unionreader" or m.startswith("unionreader.")]:
    del sys.modules[name]

N, KIND = args.articles, args.kind
base = pb.analysed(10000, 1)
analyses = pb.repeated(base, -(-N // len(base)))[:N]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def go() -> None:
    from textual import events

    import unionreader

    print(f"measuring {unionreader.__file__}", flush=True)

    from unionreader.app.app import UnionReaderApp
    from unionreader.app.config import Config
    from unionreader.app.widgets.directory_list import DirectoryList
    from unionreader.library.batching import Batch

    original = DirectoryList.render_line
    cpu_at_paint: dict[int, float] = {}

    def render_line(self, y):
        if self.generation not in cpu_at_paint:
            cpu_at_paint[self.generation] = time.thread_time()
        return original(self, y)

    DirectoryList.render_line = render_line

    def batches():
        for start in range(0, len(analyses), 4096):
            chunk = tuple(analyses[start : start + 4096])
            yield Batch(chunk, (), start + len(chunk), len(analyses), 0.0, 0.0)

    app = UnionReaderApp([], batches=batches, config=Config(), clipboard_commands=False)
    seen: list[tuple[float, float]] = []

    def hook(message) -> None:
        if isinstance(message, events.Key):
            seen.append((time.perf_counter(), time.thread_time()))

    async def wait(predicate, timeout: float, pilot) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and not predicate():
            await pilot.pause(0.005)

    frames: list[tuple[int, float, float]] = []  # (list generation painted, wall, UI-thread CPU) per frame out

    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        await wait(lambda: not app.archive.loading and app.main_screen.results.result is not None, 3600, pilot)
        display = app._display

        def displayed(screen, update) -> None:
            display(screen, update)
            wall, spent = time.perf_counter(), time.thread_time()
            shown = screen.query(DirectoryList)
            listing = shown.first() if shown else None
            if listing is not None and listing.generation in listing.painted:
                frames.append((listing.generation, wall, spent))

        app._display = displayed
        await pilot.press("p" if KIND == "people" else "o")
        await wait(lambda: getattr(app.screen, "table", None) is not None, 600, pilot)
        await pilot.pause(1)
        listing = app.screen.query_one(DirectoryList)
        await pilot.press("slash")
        names = ["nguyen van", "tran thi huong", "le hoang thanh"] if KIND == "people" else ["lien doan lao dong", "cong doan y te"]
        wall: list[float] = []
        cpu: list[float] = []
        out_wall: list[float] = []
        out_cpu: list[float] = []
        for text in names * 2:
            app.screen.query_one("#directory-filter").value = ""
            await pilot.pause(0.05)
            for char in text:
                generation = listing.generation
                seen.clear()
                await pilot.press("space" if char == " " else char)
                await wait(lambda g=generation: any(f[0] > g for f in frames), 10, pilot)
                painted = listing.painted.get(listing.generation)
                spent = cpu_at_paint.get(listing.generation)
                out = next((f for f in frames if f[0] > generation), None)
                if painted and seen and spent and out:
                    wall.append((painted - seen[0][0]) * 1000)
                    cpu.append((spent - seen[0][1]) * 1000)
                    out_wall.append((out[1] - seen[0][0]) * 1000)
                    out_cpu.append((out[2] - seen[0][1]) * 1000)
        print(f"{KIND} N={N}: key -> list painted, wall p50 {pct(wall, .5):.0f} / p95 {pct(wall, .95):.0f} / max "
              f"{max(wall):.0f} ms; UI-thread CPU p50 {pct(cpu, .5):.1f} / p95 {pct(cpu, .95):.1f} / max {max(cpu):.1f} ms "
              f"({len(wall)} keys)", flush=True)
        print(f"{KIND} N={N}: key -> frame out, wall p50 {pct(out_wall, .5):.0f} / p95 {pct(out_wall, .95):.0f} / max "
              f"{max(out_wall):.0f} ms; UI-thread CPU p50 {pct(out_cpu, .5):.1f} / p95 {pct(out_cpu, .95):.1f} / max "
              f"{max(out_cpu):.1f} ms", flush=True)


asyncio.run(go())
