"""The cache shared by real processes: two `unionreader` commands on one archive and cache at once (one
started while the other is in the middle of a write), and a command killed (SIGKILL) inside a store
transaction. Each command runs as its own Python process, as two users' or a user's and a cron job's
would; a small runner script slows one down or stops it at a chosen point of its own writes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_library import archive, run, titles, write_article  # noqa: F401 (the fixture)
from unionreader.library import store
from unionreader.library.loader import Library
from unionreader.library.store import DB_NAME, decode, encode
from unionreader.library.worker import analyse_encoded_files, analyse_stamped
from unionreader.search import SearchIndex

SRC = str(Path(__file__).resolve().parents[1] / "tui")

# argv: HOOK MARKER AT COMMAND-ARGS...; HOOK is "none", "slow" (every article takes 20 ms longer),
# "hold" (the AT-th write of analyses to the store writes MARKER inside its transaction and keeps the
# transaction open until MARKER.other appears, and half a second more), "announce" (writes MARKER.other
# just before its first write of analyses: it then waits for the lock), "stop" (like "hold", then
# waits to be killed) or "interrupt" (writes MARKER at its first write of analyses and sleeps a minute there). Every batch of files read is written at once (not grouped by size or time), so
# the writes come at known points.
RUNNER = r"""
import os, sys, time
sys.path.insert(0, {src!r})
hook, marker, at, *argv = sys.argv[1:]
from unionreader.library import collector, store, worker

collector.Collector.due = lambda self: bool(self.analyses)
if hook == "slow":
    real_analyse = worker.analyse
    def slow(article):
        time.sleep(0.02)
        return real_analyse(article)
    worker.analyse = slow
elif hook == "interrupt":
    real_put = store.Store.put
    def put(self, files):
        open(marker, "w").close()
        time.sleep(60)  # (until ^C)
        return real_put(self, files)
    store.Store.put = put
elif hook == "announce":
    real_put = store.Store.put
    def put(self, files):
        open(marker + ".other", "w").close()
        return real_put(self, files)
    store.Store.put = put
elif hook in ("hold", "stop"):
    puts = [0, False]
    real_put, real_exit = store.Store.put, store._Transaction.__exit__
    def put(self, files):
        puts[0] += 1
        puts[1] = True
        try:
            return real_put(self, files)
        finally:
            puts[1] = False
    def exit_(self, exc_type, exc, tb):
        if exc_type is None and puts[1] and puts[0] == int(at):
            with open(marker + ".tmp", "w") as out:
                out.write(str(os.getpid()))
            os.replace(marker + ".tmp", marker)
            if hook == "stop":
                time.sleep(600)
            deadline = time.monotonic() + 300
            while not os.path.exists(marker + ".other") and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.5)
        return real_exit(self, exc_type, exc, tb)
    store.Store.put, store._Transaction.__exit__ = put, exit_
from unionreader.cli import main
sys.exit(main(argv))
"""


def command(hook: str, marker: Path | None, at: int, *argv: str, group: bool = False) -> subprocess.Popen:
    """``group``: the command leads a process group of its own, as a terminal's foreground job does."""
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER.format(src=SRC), hook, str(marker or "-"), str(at), *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=group,
    )


def wait_for(marker: Path, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, f"exited before its write: {proc.communicate()}"
        assert time.monotonic() < deadline, "the write never came"
        time.sleep(0.02)


def finished(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def integrity(cache: Path) -> tuple[str, int]:
    with sqlite3.connect(cache / DB_NAME) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0], conn.execute("SELECT count(*) FROM files").fetchone()[0]


def stored_payloads_decode(cache: Path) -> bool:
    with sqlite3.connect(cache / DB_NAME) as conn:
        for path, articles, payload in conn.execute("SELECT path, articles, payload FROM files"):
            shown, analyses, _ = decode(payload)
            if len(analyses) != articles or not path.endswith(os.path.basename(shown)):
                return False
    return True


def cold_titles(folder: Path) -> list[str]:
    return titles(run(Library(None, jobs=1), [folder])[0])


def search_json(folder: Path, *flags: str) -> list:
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER.format(src=SRC), "none", "-", "0", "search", "khen thuong Trinh Van Lan",
         str(folder), "--format", "json", *flags],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_second_process_started_in_the_middle_of_a_write_waits_and_both_are_right(archive, tmp_path):  # noqa: F811
    cache, marker = tmp_path / "cache", tmp_path / "writing"
    first = command("hold", marker, 2, "index", str(archive), "--cache", str(cache), "--jobs", "1")
    wait_for(marker, first)  # the first command holds the write lock: one of its batches half-written
    # ... until the second one, which read the store meanwhile, comes to write and has to wait.
    second = command("announce", marker, 0, "index", str(archive), "--cache", str(cache), "--jobs", "2")
    for code, out, err in (finished(first), finished(second)):
        assert code == 0, err
        assert out.startswith("30 articles · 30 files: ") and "damaged" not in err and "unavailable" not in err
    assert integrity(cache) == ("ok", 30) and stored_payloads_decode(cache)
    # Afterwards the cache serves a third process and an open here, whole and unchanged.
    assert search_json(archive, "--cache", str(cache)) == search_json(archive, "--no-cache")
    _, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert notices == [] and (summary.unchanged, summary.new, summary.articles) == (30, 0, 30) and restored is not None


def test_an_index_and_a_search_started_together_one_slowed_both_finish_right(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    expected = search_json(archive, "--no-cache")
    slow = command("slow", None, 0, "index", str(archive), "--cache", str(cache), "--jobs", "1")
    searching = subprocess.Popen(
        [sys.executable, "-c", RUNNER.format(src=SRC), "none", "-", "0", "search", "khen thuong Trinh Van Lan",
         str(archive), "--format", "json", "--cache", str(cache), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    code, out, err = finished(slow)
    assert code == 0 and out.startswith("30 articles · 30 files: "), err
    code, out, err = finished(searching)
    assert code == 0 and json.loads(out) == expected, err
    assert integrity(cache) == ("ok", 30) and stored_payloads_decode(cache)
    _, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert notices == [] and (summary.unchanged, summary.new, summary.articles) == (30, 0, 30) and restored is not None


def test_a_command_killed_inside_a_store_transaction_leaves_a_cache_the_next_open_trusts(archive, tmp_path):  # noqa: F811
    cache, marker = tmp_path / "cache", tmp_path / "writing"
    expected = cold_titles(archive)
    # In-process reading goes in chunks of 4, 8, 16, 32 files: the 3rd write holds files 12-27.
    proc = command("stop", marker, 3, "index", str(archive), "--cache", str(cache), "--jobs", "1")
    wait_for(marker, proc)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert (cache / f"{DB_NAME}-wal").exists()  # killed with its journal in place
    assert integrity(cache) == ("ok", 12)  # the two committed writes, not the one killed
    analyses, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert notices == [] and restored is None
    assert (summary.unchanged, summary.new, summary.articles) == (12, 18, 30) and titles(analyses) == expected
    analyses, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert notices == [] and (summary.unchanged, summary.new) == (30, 0) and restored is not None
    assert integrity(cache) == ("ok", 30) and stored_payloads_decode(cache)


# --- what pool workers send back ----------------------------------------------------------------------


def test_a_pool_worker_sends_the_stores_payload_which_decodes_to_what_it_read(archive):  # noqa: F811
    path = str(archive / "005.txt")
    [sent] = analyse_encoded_files([(path, None)])
    plain = analyse_stamped(path)
    assert sent.outcome is None and sent.payload is not None
    assert sent.payload == encode(path, plain.outcome.analyses, plain.outcome.errors)
    assert sent.decoded().outcome == plain.outcome and sent.decoded().digest == plain.digest
    [unchanged] = analyse_encoded_files([(path, plain.digest)])  # only touched: nothing to send
    assert unchanged.outcome is None and unchanged.payload is None


def test_a_cold_open_with_workers_stores_their_payloads_without_encoding_again(archive, tmp_path, monkeypatch):  # noqa: F811
    encoded_here: list[str] = []
    real = store.encode

    def counting(shown, analyses, errors):
        encoded_here.append(shown)  # (a forked worker counts in its own copy of this list)
        return real(shown, analyses, errors)

    monkeypatch.setattr(store, "encode", counting)
    cache = tmp_path / "cache"
    analyses, notices, summary, _ = run(Library(cache, jobs=2), [archive], SearchIndex())
    assert notices == [] and summary.articles == 30 and encoded_here == []
    assert titles(analyses) == cold_titles(archive) and stored_payloads_decode(cache)
    write_article(archive / "001.txt", 1, " Thêm một câu.")  # and a reopen reads the stored payloads back
    analyses, notices, summary, restored = run(Library(cache, jobs=1), [archive], SearchIndex())
    assert (summary.unchanged, summary.changed) == (29, 1) and restored is not None


def test_ctrl_c_stops_a_command_with_one_line_and_a_usable_cache(archive, tmp_path):  # noqa: F811
    """^C reaches the terminal's whole process group, the workers too: the command says so in one line
    (no traceback from it or its workers), exits 130, and the next run finishes the archive."""
    cache, marker = tmp_path / "cache", tmp_path / "writing"
    proc = command("interrupt", marker, 0, "index", str(archive), "--cache", str(cache), "--jobs", "2", group=True)
    wait_for(marker, proc)
    os.killpg(proc.pid, signal.SIGINT)
    code, _, err = finished(proc)
    assert code == 130, err
    assert err.strip().splitlines()[-1] == "unionreader: interrupted" and "Traceback" not in err
    assert integrity(cache)[0] == "ok"
    again = command("none", None, 0, "index", str(archive), "--cache", str(cache), "--jobs", "2")
    code, out, err = finished(again)
    assert code == 0, err
    assert "30 articles" in out


def _interrupt_myself() -> str:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.1)  # (a handled SIGINT raises at the next bytecode)
    return "still here"


def test_pool_workers_leave_ctrl_c_to_the_opening_process():
    from concurrent.futures import ProcessPoolExecutor

    from unionreader.library.processes import ignore_interrupts, pool_context

    with ProcessPoolExecutor(1, mp_context=pool_context(), initializer=ignore_interrupts) as pool:
        assert pool.submit(_interrupt_myself).result(timeout=60) == "still here"


def test_the_pool_result_pipe_is_widened_where_linux_allows():
    from concurrent.futures import ProcessPoolExecutor

    from unionreader.library.processes import RESULT_PIPE_BYTES, pool_context, widen_result_pipe

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no pipe sizes on this system")
    with ProcessPoolExecutor(1, mp_context=pool_context()) as pool:
        reader = pool._result_queue._reader
        before = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        size = widen_result_pipe(pool)
        assert size == fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        ceiling = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        assert size >= min(RESULT_PIPE_BYTES, ceiling) and size >= before
        assert pool.submit(len, "pipe").result(timeout=60) == 4  # (and results still come through it)
