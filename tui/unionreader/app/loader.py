"""The library's loading events as Textual messages, and the thread worker's loop that posts them.

The loop runs in a thread worker and only posts (``post_message`` is thread-safe); the screen that
started it handles the messages on the UI thread. Reading, extracting, the cache and indexing are the
library's: each batch arrives already indexed (in slices under the archive's lock).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from textual.message import Message

from ..library.batching import Batch
from ..library.events import FirstPage, Notice, Restored, Summary
from ..library.indexer import IndexFeeder
from .archive import Archive

# The longest the loader waits for the screen to paint the first articles it can list (see load_into).
FIRST_PAINT_WAIT = 1.0  # seconds


@dataclass
class BatchLoaded(Message):
    """A batch of articles was read and indexed; the screen sets ``shown`` once it has painted them."""

    batch: Batch
    shown: threading.Event = field(default_factory=threading.Event)


@dataclass
class CacheRestored(Message):
    """The whole index came back from the cache: everything can be listed at once (``shown`` as in
    BatchLoaded)."""

    restored: Restored
    shown: threading.Event = field(default_factory=threading.Event)


@dataclass
class CachePage(Message):
    """The first rows of the saved list, before the index is restored (``shown`` as in BatchLoaded)."""

    page: FirstPage
    shown: threading.Event = field(default_factory=threading.Event)


@dataclass
class CacheNotice(Message):
    """A line about the cache for the user (unavailable, damaged and rebuilt, a worker lost; files
    extracted again after an upgrade, with ``severity`` "info")."""

    text: str
    severity: str = "warning"
    title: str = "Cache"


@dataclass
class LoadSummarised(Message):
    """How the open went (new, changed, removed, from cache)."""

    summary: Summary


@dataclass
class LoadFailed(Message):
    """Loading stopped on an unexpected error (a bug in a reader), described in one line."""

    reason: str


class LoadFinished(Message):
    """The load ended (after its last batch, or after LoadFailed)."""


def load_into(archive: Archive, post: Callable[[Message], bool], make_way: Callable[[], None]) -> None:
    """Run the archive's current load, posting a message per event (the body of the thread worker).

    Stops early when ``post`` returns False: the screen is gone (the app is closing).

    Once there is something to list, it waits (at most FIRST_PAINT_WAIT) for the screen to show it:
    what the library does next (walking and stating the files, planning, extracting) holds the GIL for
    a second or more at 10k files, and the UI thread, which needs it for every step of a message and
    of a paint, would show the restored list only after that (first rows from the cache: 0.3 s later
    than they could be, at best, and over a second on a busy machine)."""
    feeder = IndexFeeder(archive.index, archive.index_lock, make_way=make_way)
    waiting_for_first_rows = True
    try:
        for event in archive.events(feeder):
            if isinstance(event, Batch):
                message: Message = BatchLoaded(event)
            elif isinstance(event, Restored):
                message = CacheRestored(event)
            elif isinstance(event, FirstPage):
                message = CachePage(event)
            elif isinstance(event, Notice):
                message = CacheNotice(event.text, event.severity, event.title)
            else:
                message = LoadSummarised(event)
            if not post(message):
                return
            # (The saved first page, then the restored list that replaces it: each painted before the
            # library goes on, or the second would wait for the walk.)
            if isinstance(message, CachePage | CacheRestored) or (
                waiting_for_first_rows and isinstance(message, BatchLoaded) and message.batch.analyses
            ):
                waiting_for_first_rows = False
                message.shown.wait(FIRST_PAINT_WAIT)
            if isinstance(event, Restored):
                archive.directory_restored()
            if isinstance(event, Batch):  # (after the screen has it: the scan holds the GIL a while)
                archive.directory_feed(event.analyses)
    except Exception as exc:  # a bug in a reader must not take the app down with a traceback
        post(LoadFailed(str(exc)))
        post(LoadFinished())
        return
    post(LoadFinished())
    with contextlib.suppress(Exception):  # (the tables' saved scans: a cache, never a failure)
        archive.directory_settle()
