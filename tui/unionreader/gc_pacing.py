"""The cyclic garbage collector's policy in one place: the pipeline builds millions of small objects
that hold no cycles and live on, which the collector's default pacing walks again and again.

``fewer_collections``: fewer young-generation collections while a batch builds many such objects.

Extraction makes thousands of short-lived objects per article and keeps its results (entities, facts)
alive: with the default threshold (a collection every 700 net allocations) the collector ran ~600 times
over 1,000 short articles, each pass walking the young results again (~7 % of the ``facts`` command's
CPU). A larger first threshold sweeps the same garbage in ~20 passes; nothing is left uncollected.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 10_000  # allocations between young collections while a batch runs (default 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the young generation's threshold for the block, restore it after (also on error)."""
    thresholds = gc.get_threshold()
    if thresholds[0] >= YOUNG_THRESHOLD or thresholds[0] == 0:
        yield
        return
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


_holds = 0  # holders of the pause (threads building tables, a screen being typed in): see ``hold``
_enable_after = False  # whether the collector was on when the first holder paused it
_holds_lock = threading.Lock()


def hold() -> None:
    """Pause the collector until every ``hold`` has its ``release`` (any thread): while one holder is
    done, another may still be building a million small records, or handling keys."""
    global _holds, _enable_after
    with _holds_lock:
        if _holds == 0:
            _enable_after = gc.isenabled()
            gc.disable()
        _holds += 1


def release() -> None:
    global _holds
    with _holds_lock:
        if _holds == 0:
            return
        _holds -= 1
        if _holds == 0 and _enable_after:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection at all for the block (building a table of a million small records): each full
    collection triggered by their allocation walks every object alive, the loaded articles included,
    which with 100k analyses in memory made a build superlinear. Restored after (also on error), once
    no other holder (``hold``) needs it paused."""
    hold()
    try:
        yield
    finally:
        release()


class KeysHold:
    """The collector held off while keys come in bursts, let run once they rest (a screen's typing).

    A full pass walks every object the app made since the last freeze, their referents scattered over
    a heap of gigabytes: 30 to 100 ms at 100k articles, a keystroke's whole budget, once every ten or
    twenty keys. The objects a keystroke makes are freed by their reference counts (no cycles), so
    nothing piles up while it is held; the young collections it saved run when it is let go, while
    nobody types. Textual holds it the same way during smooth scrolling (``PAUSE_GC_ON_SCROLL``)."""

    def __init__(self) -> None:
        self.held = False

    def hold(self) -> None:
        if not self.held:
            self.held = True
            hold()

    def release(self) -> None:
        if self.held:
            self.held = False
            release()


def freeze_handed_over() -> None:
    """What a loader has handed over lives on (in the index, in the app): once the young garbage is
    swept, take it out of the collector's view for the process's life, or its full passes walk every
    analysis loaded so far again (a fifth of the parent's CPU in a cold open; UI pauses of a second
    or more while a large corpus loads). The analyses hold no cycles, so dropping them still frees them."""
    gc.collect(1)
    gc.freeze()
