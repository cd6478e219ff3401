"""Starting worker processes from inside a running app.

Under Textual, ``sys.stderr`` is the app's capture object, whose ``fileno()`` is -1. The fork server and
multiprocessing's resource tracker hand the process they start ``sys.stderr``'s descriptor, so the
first pool an app started failed with "bad value(s) in fds_to_keep" and loading stopped. They are
started here with the process's real standard error, once, before any pool needs them."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from collections.abc import Iterator
from multiprocessing import resource_tracker

__all__ = ["ignore_interrupts", "pool_context"]

_started = threading.Lock()


def _has_real_fileno(stream) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    if _has_real_fileno(sys.stderr) or not _has_real_fileno(sys.__stderr__):
        yield
        return
    saved = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


def pool_context():
    """The multiprocessing context for a worker pool, its helper processes already running.

    Forking a process that runs other threads (the app's UI) can deadlock the child on a lock another
    thread held; the fork server starts workers from a clean process instead."""
    if threading.active_count() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
    else:
        context = multiprocessing.get_context()
    with _started, _real_stderr():
        resource_tracker.ensure_running()
        if context.get_start_method() == "forkserver":
            from multiprocessing import forkserver

            forkserver.ensure_running()
    return context


def ignore_interrupts() -> None:
    """A pool worker's initializer: ^C reaches the terminal's whole process group, and the opening process
    alone decides what it means (it stops the open and drops the chunks no worker has started); a worker
    that took it too would die with a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
