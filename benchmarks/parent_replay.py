"""The opening process of a cold open, measured alone: its share (storing, indexing, the final merges, the
index saved) without the extraction workers beside it on the same cores.

    python benchmarks/parent_replay.py record DIR REC      # a real cold open of DIR; what it got, kept in REC
    python benchmarks/parent_replay.py replay DIR REC      # that open again, its workers' results read from REC
    python benchmarks/parent_replay.py replay DIR REC --tree OTHER   # with another checkout's package
    python benchmarks/parent_replay.py replay DIR REC --paced        # each chunk when the real open got it

``record`` runs a cold open of DIR (2 workers, a fresh cache) and pickles each chunk of results the opening
process receives, in order, to REC (~16 KB a generated article: 1.7 GB at 100k). ``replay`` runs the same
open with the pool replaced by REC: the same store writes, index batches, merges and save, on an idle
machine, in ~40 s at 100k instead of ~3 minutes. It prints one JSON line: wall and CPU seconds (user and
system), peak resident memory, and the seconds of the tail (from the last chunk to the end: the final
merges and the save). A recording is only good for the version of the worker that made it.

The opening process hands articles to the index in batches cut by time (one a second when nobody searches),
so an unpaced replay, fed as fast as it takes them, makes larger batches (up to 4,096 articles, against ~600
in a real open at 100k): less work per article, and a higher peak. ``--paced`` hands each chunk over no
sooner than the recorded open got it: the same batches, the same work, at the real open's pace (its CPU
figures are the ones to compare with a real open's).

Run under ``valgrind --tool=callgrind`` for instruction counts that do not move with the host's speed
(a replay at 10k: ~4 minutes). Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("record", "replay"))
    parser.add_argument("path", help="the folder of articles opened")
    parser.add_argument("recording", help="the file of recorded chunks")
    parser.add_argument("--tree", default=str(ROOT), help="the checkout whose package runs (default: this one)")
    parser.add_argument("--paced", action="store_true", help="replay: each chunk no sooner than it came")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.tree) / "tui"))

    import unionreader.library.handing_over as handing_over
    from unionreader.library.extracting import Extracted
    from unionreader.library.indexer import IndexFeeder
    from unionreader.library.loader import Library
    from unionreader.search import SearchIndex

    last_chunk: list[float] = []
    if args.mode == "record":
        extract_files = handing_over.extract_files
        out = open(args.recording, "wb")  # noqa: SIM115 (closed after the open)

        def recorded(*a, **k):
            opened = time.perf_counter()
            for extracted in extract_files(*a, **k):
                came = time.perf_counter() - opened
                pickle.dump((came, extracted.indexes, extracted.outcomes, extracted.prepared), out, protocol=5)
                yield extracted

        handing_over.extract_files = recorded
    else:
        def replayed(tasks, **_):
            opened = time.perf_counter()
            with open(args.recording, "rb") as recording:
                while True:
                    try:
                        came, indexes, outcomes, prepared = pickle.load(recording)
                    except EOFError:
                        last_chunk.append(time.perf_counter())
                        return
                    if args.paced:
                        time.sleep(max(0.0, opened + came - time.perf_counter()))
                    yield Extracted(indexes, outcomes, [], prepared)

        handing_over.extract_files = replayed

    cache = Path(tempfile.mkdtemp(prefix="parent-replay-"))
    try:
        started, cpu = time.perf_counter(), time.process_time()
        for _ in Library(cache, jobs=2).open([args.path], IndexFeeder(SearchIndex())):
            pass
        ended = time.perf_counter()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if args.mode == "record":
        out.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "mode": args.mode, "tree": args.tree, "wall_s": round(ended - started, 2),
        "cpu_s": round(time.process_time() - cpu, 2), "user_s": round(usage.ru_utime, 2),
        "system_s": round(usage.ru_stime, 2), "peak_rss_mb": usage.ru_maxrss // 1024,
        "tail_s": round(ended - last_chunk[0], 2) if last_chunk else None,
    }))


if __name__ == "__main__":
    main()
