"""The persistent store: one SQLite database (WAL) of every article file read, with its analyses.

Per file: where it is, its size, mtime and content hash, the extractor version, and its articles,
analyses and load problems as one compressed payload (``payloads``; its checksum catches a damaged
row). A damaged or outdated database is reported in one line and rebuilt; an unusable directory
(read-only, full) raises ``CacheUnavailable`` and the caller runs without the cache.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..corpus import LoadError
from ..extract.models import Analysis
from .payloads import decode, encode

SCHEMA_VERSION = 2
DB_NAME = "library.sqlite3"
BUSY_TIMEOUT_S = 60  # another instance writing: wait for it rather than fail

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- absolute
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,           -- blake2b of the file's bytes
    extractor TEXT NOT NULL,        -- library.version.extractor_version() it was analysed with
    articles INTEGER NOT NULL,
    problems INTEGER NOT NULL,      -- load errors and warnings in the payload
    payload BLOB NOT NULL           -- payloads.encode(shown path, analyses, errors)
);
CREATE TABLE IF NOT EXISTS roots (path TEXT PRIMARY KEY, opened REAL NOT NULL, files INTEGER NOT NULL);
"""
# The stamps every open reads, apart from the payloads: read from this index, an open scans ~1 MB
# instead of every row's page (half the time at 10k files). Added to databases made without it too
# (no schema change: nothing to re-extract).
_STAMPS_INDEX = "CREATE INDEX IF NOT EXISTS files_stamps ON files (path, size, mtime_ns, digest, extractor, problems)"


class CacheUnavailable(Exception):
    """The cache directory cannot be used (read-only, full, not a directory): run without it."""


class CacheDamaged(Exception):
    """The database is not one this version can trust; it is rebuilt."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """What tells a file unchanged: size and mtime, then its content hash."""

    size: int
    mtime_ns: int
    digest: str
    extractor: str


StampRow = tuple[str, int, int, str, str]  # (path, size, mtime_ns, digest, extractor), as stored


@dataclass(frozen=True, slots=True)
class StoredFile:
    path: str  # absolute: the key
    stamp: Stamp
    shown: str  # the path as the user gave it (the articles' ``source``)
    analyses: tuple[Analysis, ...]
    errors: tuple[LoadError, ...]
    payload: bytes | None = None  # already encoded (by the worker that read it): stored as it is


def is_unavailable(exc: sqlite3.Error) -> bool:
    """An error of the directory or the disk (not of the database's content)."""
    text = str(exc).lower()
    return any(s in text for s in ("readonly", "read-only", "disk is full", "unable to open", "disk i/o", "locked"))


class Store:
    """One open cache database. Not shared between threads at once (each loader opens its own)."""

    def __init__(self, directory: str | Path, *, max_pages: int | None = None) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self.notices: list[str] = []
        self.writes = 0  # transactions of file rows written through this connection
        self._max_pages = max_pages  # tests: a "full disk" at this many pages
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheUnavailable(f"cannot create {self.directory}: {exc.strerror or exc}") from None
        if not os.access(self.directory, os.W_OK):
            raise CacheUnavailable(f"{self.directory} is not writable")
        try:
            self._conn = self._connect()
        except CacheDamaged as exc:
            self.notices.append(f"cache {self.path} {exc}; rebuilding it")
            self._conn = self.reset()

    # --- opening -----------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise CacheUnavailable(f"cannot open {self.path}: {exc}") from None
        try:
            self._set_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            if self._max_pages:
                conn.execute(f"PRAGMA max_page_count={int(self._max_pages)}")
            version = self._schema_version(conn)
            if version is None:
                # One transaction: another instance creating the same cache at the same moment sees no
                # tables or all of them with their version, never tables without one, which it would
                # take for a foreign database and delete under this one.
                conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} INSERT OR REPLACE INTO meta VALUES ('schema', "
                                   f"'{SCHEMA_VERSION}'); COMMIT;")
            elif version != SCHEMA_VERSION:
                conn.close()
                raise CacheDamaged(f"has schema version {version}, this version uses {SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM files").fetchone()
            self._check_length(conn)
            conn.execute(_STAMPS_INDEX)
            if conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone() is None:
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", (os.urandom(8).hex(),))
        except CacheDamaged:
            raise
        except sqlite3.Error as exc:
            conn.close()
            if is_unavailable(exc) and "malformed" not in str(exc):
                raise CacheUnavailable(f"cannot use {self.path}: {exc}") from None
            raise CacheDamaged(f"is damaged ({exc})") from None
        return conn

    @staticmethod
    def _set_wal(conn: sqlite3.Connection) -> None:
        """WAL mode, waiting for another instance that sets it on a new database at the same moment: SQLite
        answers "locked" at once there, without its busy wait (1 open in 500 of two at once, measured)."""
        for attempt in range(100):
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)

    def _check_length(self, conn: sqlite3.Connection) -> None:
        """A truncated file (a copy cut short, a full disk) opens and answers the first pages; the
        rest fail only when read or written, and a warm open that trusts its listing reads few rows.
        Its header still says how long it was: with no write-ahead log beside it (a clean close
        leaves none), the file must be that long. (The page count is read before the log is looked
        for: another instance's write in between leaves a log, and its checkpoint lengthens the file
        before the log goes. A shortfall is looked at twice.)"""
        for _ in range(2):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            wanted = pages * conn.execute("PRAGMA page_size").fetchone()[0]
            try:
                if os.path.getsize(f"{self.path}-wal") > 0:
                    return
            except OSError:
                pass
            length = os.path.getsize(self.path)
            if length >= wanted:
                return
            time.sleep(0.05)
        raise sqlite3.DatabaseError(f"file is truncated: {length} of {wanted} bytes")

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> str | int | None:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "meta" not in tables:
            return "unknown"
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            return "unknown"
        return int(row[0]) if str(row[0]).isdigit() else row[0]

    def reset(self) -> sqlite3.Connection:
        """Delete the database (and its journal files) and create an empty one."""
        conn = getattr(self, "_conn", None)
        if conn is not None:
            conn.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise CacheUnavailable(f"cannot remove damaged {self.path}: {exc.strerror or exc}") from None
        self._conn = self._connect()
        return self._conn

    def close(self) -> None:
        self._conn.close()

    # --- reading -----------------------------------------------------------------------------------

    def stamps(self) -> dict[str, StampRow]:
        """Every stored file's stamp, by path: the rows as SQLite gives them (a ``Stamp`` object per
        row cost as much again as reading them: ~0.1 s per 10k files on every open)."""
        return {row[0]: row for row in self._conn.execute("SELECT path, size, mtime_ns, digest, extractor FROM files")}

    def load(self, paths: Iterable[str], chunk: int = 500) -> Iterator[StoredFile | str]:
        """The stored files among ``paths`` (in that order); a path whose row is damaged comes back
        as a plain string (to be read again)."""
        paths = list(paths)
        for start in range(0, len(paths), chunk):
            part = paths[start : start + chunk]
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(
                f"SELECT path, size, mtime_ns, digest, extractor, payload FROM files WHERE path IN ({marks})", part
            ).fetchall()
            found = {row[0]: row for row in rows}
            for path in part:
                row = found.get(path)
                if row is None:
                    yield path
                    continue
                try:
                    shown, analyses, errors = decode(row[5])
                except Exception:  # the checksum or pickle: the row is damaged, read the file again
                    yield path
                    continue
                yield StoredFile(path, Stamp(*row[1:5]), shown, analyses, errors)

    def stamps_of(self, paths: list[str], chunk: int = 500) -> dict[str, StampRow]:
        """The stamps of ``paths`` only (those stored)."""
        found: dict[str, StampRow] = {}
        for start in range(0, len(paths), chunk):
            part = paths[start : start + chunk]
            marks = ",".join("?" * len(part))
            for row in self._conn.execute(
                f"SELECT path, size, mtime_ns, digest, extractor FROM files WHERE path IN ({marks})", part
            ):
                found[row[0]] = row
        return found

    def generation(self) -> tuple[str, int]:
        """(this database's id, how many transactions have written file rows): any writer changes
        it, so a listing written against one generation is trusted only while it holds."""
        rows = dict(self._conn.execute("SELECT key, value FROM meta WHERE key IN ('store_id', 'writes')"))
        return rows.get("store_id", ""), int(rows.get("writes", 0))

    def with_problems(self) -> set[str]:
        """Files stored with load errors or warnings (said again on each open)."""
        return {row[0] for row in self._conn.execute("SELECT path FROM files WHERE problems > 0")}

    def roots(self) -> list[tuple[str, float, int]]:
        return list(self._conn.execute("SELECT path, opened, files FROM roots ORDER BY path"))

    def counts(self) -> tuple[int, int]:
        files, articles = self._conn.execute("SELECT count(*), coalesce(sum(articles), 0) FROM files").fetchone()
        return files, articles

    # --- writing (one transaction each) -------------------------------------------------------------

    def put(self, files: Iterable[StoredFile]) -> None:
        rows = [
            (f.path, f.stamp.size, f.stamp.mtime_ns, f.stamp.digest, f.stamp.extractor, len(f.analyses), len(f.errors),
             f.payload if f.payload is not None else encode(f.shown, f.analyses, f.errors))
            for f in files
        ]
        if rows:
            with self._transaction():
                self._conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self._count_write()

    def restamp(self, items: Iterable[tuple[str, Stamp]]) -> None:
        """Files touched but not changed (same content): only their size and mtime are new."""
        rows = [(s.size, s.mtime_ns, path) for path, s in items]
        if rows:
            with self._transaction():
                self._conn.executemany("UPDATE files SET size=?, mtime_ns=? WHERE path=?", rows)

    def remove(self, paths: Iterable[str]) -> None:
        rows = [(p,) for p in paths]
        if rows:
            with self._transaction():
                self._conn.executemany("DELETE FROM files WHERE path=?", rows)
                self._count_write()

    def note_roots(self, roots: dict[str, int]) -> None:
        """Record the folders opened and their file counts. Only new roots and changed counts are
        written: a reopen of an unchanged archive then writes nothing, and closing the database costs
        no checkpoint (together ~0.2 s of a 10k-file warm open)."""
        known = {path: files for path, _, files in self.roots()}
        now = time.time()
        rows = [(p, now, n) for p, n in roots.items() if known.get(p) != n]
        if rows:
            with self._transaction():
                self._conn.executemany("INSERT OR REPLACE INTO roots VALUES (?, ?, ?)", rows)

    def _count_write(self) -> None:
        # (In the writing transaction: the count and the rows change together.)
        self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('writes', '0')")
        self._conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'writes'")
        self.writes += 1

    def _transaction(self):
        return _Transaction(self._conn)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error: a killed process leaves the journal, which
    SQLite rolls back on the next open."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")


def clear(directory: str | Path) -> int:
    """Delete the cache's files; returns the bytes freed."""
    directory = Path(directory)
    freed = 0
    for path in [directory / f"{DB_NAME}{s}" for s in ("", "-wal", "-shm", "-journal")]:
        try:
            freed += path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            pass
    return freed


def disk_size(directory: str | Path) -> int:
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())
