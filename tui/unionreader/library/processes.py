"""The extraction pool's processes: started safely from inside a running app, deaf to ^C (the opening
process decides), and sending their results through a pipe wide enough for a chunk's.

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

__all__ = ["ignore_interrupts", "pool_context", "widen_result_pipe"]

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


RESULT_PIPE_BYTES = 1 << 20  # Linux's default ceiling for a pipe an unprivileged process widens


def widen_result_pipe(pool) -> int | None:
    """Widen the pipe a ``ProcessPoolExecutor``'s workers send their results through to 1 MiB (Linux; the
    size it has, or None where this cannot be done).

    A chunk's result (32 files' payloads and index terms, ~0.5 MB) does not fit the pipe's 64 KB: the worker
    waits until the opening process has read it, 64 KB at a time, each read taking the GIL back from the
    indexing thread after up to a switch interval. Both cores were idle for ~0.4 s more over a 10k cold open
    (``benchmarks/library_bench.py --phase open``, six pairs, every one less); with the room, the worker
    writes its result and goes on to the next chunk."""
    from pathlib import Path

    try:
        import fcntl

        reader = pool._result_queue._reader  # (CPython's ProcessPoolExecutor since 3.3)
        wanted = min(RESULT_PIPE_BYTES, int(Path("/proc/sys/fs/pipe-max-size").read_text()))
        return fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, wanted)
    except (ImportError, AttributeError, OSError, ValueError):  # another system or Python, or over the pipe quota
        return None
