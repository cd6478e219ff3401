"""The library from the command line: the cache flags every command takes, and one way to open paths
with a progress bar (on a terminal), problems on stderr one line each, and a summary."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..corpus import LoadError
from ..extract.models import Analysis
from .batching import Batch
from .events import Notice, Restored, Summary
from .loader import Event, Library
from .paths import cache_dir

if TYPE_CHECKING:  # (imported when an index is fed: ``facts`` starts without the index and numpy)
    from ..search import SearchIndex


def add_cache_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("cache")
    group.add_argument("--cache", metavar="DIR", help="keep the cache in DIR (default: $UNIONREADER_CACHE, "
                       "else the user cache directory)")
    group.add_argument("--no-cache", action="store_true", help="read and extract everything, keep nothing")
    group.add_argument("--jobs", "-j", type=int, metavar="N", help="extraction processes (default: CPU count)")


def library_from_args(ns: argparse.Namespace) -> Library:
    return Library(cache_dir(getattr(ns, "cache", None), no_cache=getattr(ns, "no_cache", False)),
                   jobs=getattr(ns, "jobs", None))


@dataclass(slots=True)
class Opened:
    analyses: list[Analysis] = field(default_factory=list)  # (empty when an index was given)
    errors: list[LoadError] = field(default_factory=list)  # not warnings
    summary: Summary | None = None
    articles: int = 0


class ProgressLines:
    """"reading and analysing: 5,000 of 35,440 articles (14%)" on stderr, first after ``FIRST`` seconds, then
    at most every ``EVERY`` seconds: quiet for a quick open, a sign of life in a log for a long one."""

    FIRST, EVERY = 10.0, 30.0

    def __init__(self, label: str, say: Callable[[str], None], clock: Callable[[], float]) -> None:
        self.label, self.say, self.clock = label, say, clock
        self.started = clock()
        self.next_at = self.started + self.FIRST

    def update(self, loaded: int, total: int | None) -> None:
        now = self.clock()
        if now < self.next_at or (total is not None and loaded >= total):
            return
        self.next_at = now + self.EVERY
        share = f" ({100 * loaded // total}%)" if total else ""
        of = f" of {total:,}" if total is not None else ""
        self.say(f"{self.label}: {loaded:,}{of} articles{share}, {now - self.started:.0f} s")


def open_paths(
    library: Library,
    paths: list[str],
    *,
    index: SearchIndex | None = None,
    progress: bool | None = None,
    label: str = "reading and analysing",
    say: Callable[[str], None] | None = None,
    follow: Callable[[Event], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Opened:
    """Open ``paths``; with ``index`` the articles go into it (restored from disk when it can be),
    otherwise they are collected. Problems and cache notices go to stderr, one line each. ``follow``
    sees every event once it is handled (a batch already indexed)."""
    say = say or (lambda line: print(f"unionreader: {line}", file=sys.stderr))
    if progress is None:
        progress = sys.stderr.isatty()
    # Without a bar (stderr is a log or a pipe) a long open says how far it is now and then: a first
    # open of a large archive, or the first after an upgrade, takes minutes.
    lines = None if progress else ProgressLines(label, say, clock)
    bar = task = None
    if progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(stderr=True, force_terminal=True), transient=True,
        )
        bar.start()
        task = bar.add_task("load", total=None)
    opened = Opened()
    feeder = None
    if index is not None:
        from .indexer import IndexFeeder

        feeder = IndexFeeder(index)
    try:
        for event in library.open(paths, feeder):
            if isinstance(event, Batch):
                if index is None:
                    opened.analyses.extend(event.analyses)
                opened.articles += len(event.analyses)
                for problem in event.errors:
                    say(str(problem))
                    if problem.kind != "warning":
                        opened.errors.append(problem)
                if bar is not None:
                    bar.update(task, completed=event.loaded, total=event.total)
                elif lines is not None:
                    lines.update(event.loaded, event.total)
            elif isinstance(event, Notice):
                say(event.text)
            elif isinstance(event, Restored):
                opened.articles += event.articles
            elif isinstance(event, Summary):
                opened.summary = event
            if follow is not None:
                follow(event)
    finally:
        if bar is not None:
            bar.stop()
    return opened
