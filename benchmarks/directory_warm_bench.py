"""The people and organisation tables after a warm open: from the saved scans, against scanning every
article read back from the store (what a warm open did before the scans were saved).

    python benchmarks/directory_warm_bench.py --path DIR --cache CACHE [--scale 100000]

- ``--path DIR --cache CACHE``: the archive is opened as the app opens it (library, index, live
  tables fed per batch; the scans saved when the load ends). The first run with an empty CACHE is a
  cold open with extraction (minutes at 10k on 2 cores). Then, in fresh objects, a warm open and the
  time to each table: from the saved scans ("saved"), and with no saved scan, every analysis read back
  from the store ("store", the old way; skipped with --no-store).
- ``--scale N``: the tables at N articles without extracting N: the 10k analysed articles of
  ``people_bench`` listed N/10k times are scanned and the scans saved; then a warm open's table (scan
  loaded and grouped; no article may be read), saved again with its rows, and the next warm open's
  (rows loaded).
Ends with one JSON line. CPU times are the steadier figures on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from unionreader.directory.live import KINDS, LiveTables  # noqa: E402
from unionreader.directory.saved import SavedScans  # noqa: E402
from unionreader.library.batching import Batch  # noqa: E402
from unionreader.library.events import Restored  # noqa: E402
from unionreader.library.indexer import IndexFeeder  # noqa: E402
from unionreader.library.loader import Library  # noqa: E402
from unionreader.search import SearchIndex  # noqa: E402


class Corpus:
    def __init__(self, index: SearchIndex) -> None:
        self.index, self.reads = index, 0

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, doc):
        self.reads += 1
        return self.index.analysis(doc)


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def open_as_app(cache: Path, path: str, *, use_saved: bool = True):
    index = SearchIndex()
    library = Library(cache)
    corpus = Corpus(index)
    tables = LiveTables(corpus, retired=lambda: index.retired)
    restored = 0
    for event in library.open([path], IndexFeeder(index)):
        if isinstance(event, Restored) and use_saved:
            archive, key, restored = library.snapshot
            tables.restored(SavedScans(cache, archive), key, restored)
        elif isinstance(event, Batch) and event.analyses:
            tables.feed(len(index) - len(event.analyses), event.analyses)
    if library.snapshot is not None and use_saved:
        archive, key, docs = library.snapshot
        tables.saved_as(SavedScans(cache, archive), key, docs)
        tables.settle()
    return index, corpus, tables, restored


def warm(path: str, cache: Path, store: bool) -> dict:
    out: dict = {}
    wall, cpu, (index, _, _, restored) = timed(lambda: open_as_app(cache, path))
    if not restored:
        out["cold_open_s"], out["cold_open_cpu_s"] = wall, cpu
    wall, cpu, (index, corpus, tables, restored) = timed(lambda: open_as_app(cache, path))
    out["warm_open_s"], out["articles"], out["restored"] = wall, index.live(), restored
    for kind in KINDS:
        wall, cpu, table = timed(lambda kind=kind: tables.table(kind))
        out[f"{kind}_saved_s"], out[f"{kind}_saved_cpu_s"], out[f"{kind}_rows"] = wall, cpu, len(table)
        out[f"{kind}_saved_reads"] = corpus.reads
    if store:
        _, _, (index, corpus, tables, _) = timed(lambda: open_as_app(cache, path, use_saved=False))
        for kind in KINDS:
            wall, cpu, table = timed(lambda kind=kind: tables.table(kind))
            out[f"{kind}_store_s"], out[f"{kind}_store_cpu_s"] = wall, cpu
            assert len(table) == out[f"{kind}_rows"]
    return out


def scaled(articles: int) -> dict:
    import people_bench
    from unionreader.directory import OrgBuilder, PeopleBuilder
    from unionreader.gc_pacing import freeze_handed_over

    base = people_bench.analysed(10000, 1)
    analyses = people_bench.repeated(base, -(-articles // len(base)))[:articles]
    out: dict = {"scale_articles": len(analyses)}
    folder = Path(tempfile.mkdtemp(prefix="dir-scale-"))
    scans = SavedScans(folder, "bench")

    class NoReads:
        def __len__(self) -> int:
            return len(analyses)

        def __getitem__(self, doc):
            raise AssertionError("a warm open's table read an article")

    for kind, builder in (("people", PeopleBuilder()), ("orgs", OrgBuilder())):
        builder.add(analyses)
        freeze_handed_over()
        out[f"{kind}_save_s"] = timed(lambda kind=kind, builder=builder: scans.save(kind, "s1", builder))[0]
        out[f"{kind}_file_mb"] = scans.path(kind).stat().st_size / 1e6
        del builder
        # The first warm open: the scan loaded, grouped (then saved again with the table's rows)…
        tables = LiveTables(NoReads())
        tables.restored(scans, "s1", len(analyses))
        wall, cpu, table = timed(lambda kind=kind, tables=tables: tables.table(kind))
        out[f"{kind}_warm_table_s"], out[f"{kind}_warm_table_cpu_s"] = wall, cpu
        out[f"{kind}_scale_rows"] = len(table)
        out[f"{kind}_keep_s"] = timed(lambda kind=kind, tables=tables: tables.keep(kind))[0]
        out[f"{kind}_rows_file_mb"] = scans.path(kind).stat().st_size / 1e6
        del tables, table
        # …and the next: the rows loaded as they were grouped.
        tables = LiveTables(NoReads())
        tables.restored(scans, "s1", len(analyses))
        wall, cpu, table = timed(lambda kind=kind, tables=tables: tables.table(kind))
        out[f"{kind}_rows_table_s"], out[f"{kind}_rows_table_cpu_s"] = wall, cpu
        assert len(table) == out[f"{kind}_scale_rows"]
        del tables, table
        scans.path(kind).unlink()
    folder.rmdir()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", help="the archive folder to open")
    parser.add_argument("--cache", type=Path, help="the cache folder (built on the first run)")
    parser.add_argument("--no-store", action="store_true", help="skip the old way (every analysis from the store)")
    parser.add_argument("--scale", type=int, default=0, help="also the saved scans' tables at this many articles")
    args = parser.parse_args()
    figures: dict = {}
    if args.path:
        figures.update(warm(args.path, args.cache, not args.no_store))
        print(f"{figures['articles']:,} articles, warm open {figures['warm_open_s']:.2f} s")
        for kind in KINDS:
            line = (f"  {kind}: table after a warm open {figures[f'{kind}_saved_s']:.2f} s "
                    f"({figures[f'{kind}_saved_cpu_s']:.2f} CPU-s, {figures[f'{kind}_saved_reads']} articles read)")
            if f"{kind}_store_s" in figures:
                line += (f"; from the store {figures[f'{kind}_store_s']:.2f} s ({figures[f'{kind}_store_cpu_s']:.2f} CPU-s)")
            print(line)
    if args.scale:
        figures.update(scaled(args.scale))
        print(f"{figures['scale_articles']:,} articles (10k analysed, repeated):")
        for kind in KINDS:
            print(f"  {kind}: saved scan {figures[f'{kind}_file_mb']:.0f} MB (saved in {figures[f'{kind}_save_s']:.2f} s); "
                  f"table after a warm open {figures[f'{kind}_warm_table_s']:.2f} s ({figures[f'{kind}_warm_table_cpu_s']:.2f} CPU-s); "
                  f"with the rows saved too ({figures[f'{kind}_rows_file_mb']:.0f} MB, {figures[f'{kind}_keep_s']:.2f} s): "
                  f"{figures[f'{kind}_rows_table_s']:.2f} s ({figures[f'{kind}_rows_table_cpu_s']:.2f} CPU-s)")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
