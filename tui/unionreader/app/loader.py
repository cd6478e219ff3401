"""The library's loading events as Textual messages, and the thread worker's loop that posts them.

The loop runs in a thread worker and only posts (``post_message`` is thread-safe); the screen that
started it handles the messages on the UI thread. Reading, extracting, the cache and indexing are the
library's: each batch arrives already indexed (in slices under the archive's lock).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

from ..library.batching import Batch
from ..library.events import Notice, Restored, Summary
from ..library.indexer import IndexFeeder
from .archive import Archive


@dataclass
class BatchLoaded(Message):
    """A batch of articles was read and indexed."""

    batch: Batch


@dataclass
class CacheRestored(Message):
    """The whole index came back from the cache: everything can be listed at once."""

    restored: Restored


@dataclass
class CacheNotice(Message):
    """A line about the cache for the user (unavailable, damaged and rebuilt, a worker lost)."""

    text: str


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

    Stops early when ``post`` returns False: the screen is gone (the app is closing)."""
    feeder = IndexFeeder(archive.index, archive.index_lock, make_way=make_way)
    try:
        for event in archive.events(feeder):
            if isinstance(event, Batch):
                # The articles stay for the app's life: once the young garbage is swept, take them out
                # of the collector's view, or its full passes over a growing heap pause the UI for up
                # to a second or more while a large corpus loads.
                gc.collect(1)
                gc.freeze()
                message: Message = BatchLoaded(event)
            elif isinstance(event, Restored):
                message = CacheRestored(event)
            elif isinstance(event, Notice):
                message = CacheNotice(event.text)
            else:
                message = LoadSummarised(event)
            if not post(message):
                return
    except Exception as exc:  # a bug in a reader must not take the app down with a traceback
        post(LoadFailed(str(exc)))
    post(LoadFinished())
