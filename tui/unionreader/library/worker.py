"""The unit of extraction work that runs in another process: one input file in, its analyses out.

Kept free of any state so that a process pool (the library) and a Dask task (``scale``) run the same
code; everything it returns pickles (frozen dataclasses of plain values).
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from stat import S_ISREG

from ..articles import Article
from ..corpus import MAX_FILE_BYTES, LoadError, Source, load_bytes, load_source, load_stated
from ..extract import analyse
from ..extract.models import Analysis
from ..files import read_bytes, system_name
from ..gc_pacing import fewer_collections


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one input file gave: its analysed articles and the problems met (never an exception)."""

    path: str
    analyses: tuple[Analysis, ...]
    errors: tuple[LoadError, ...]

    def __reduce__(self):
        # (sent from worker processes: positional fields load faster than the dataclass state)
        return type(self), (self.path, self.analyses, self.errors)


def analyse_file(path: str, size: int = 0) -> FileOutcome:
    """Read, clean and extract one file; a bad file (or a bug on one article) becomes a LoadError."""
    return _outcome(path, load_source(Source(path, size)))


def _outcome(path: str, items: list[Article | LoadError]) -> FileOutcome:
    analyses: list[Analysis] = []
    errors: list[LoadError] = []
    for item in items:
        if isinstance(item, Article):
            try:
                analyses.append(analyse(item))
            except Exception as exc:  # one bad article must not lose the rest of the run
                errors.append(LoadError(item.source, f"extraction failed: {type(exc).__name__}: {exc}"))
        else:
            errors.append(item)
    return FileOutcome(path, tuple(analyses), tuple(errors))


def analyse_files(paths: Iterable[str]) -> list[FileOutcome]:
    """A batch of files for one task: fewer, larger tasks keep per-task overhead small."""
    with fewer_collections():
        return [analyse_file(p) for p in paths]


# --- files read for the library's cache: their content hash, and a check that they held still -------

READ_ATTEMPTS = 3  # a file that keeps changing while it is read is reported after this many tries


@dataclass(frozen=True, slots=True)
class StampedOutcome:
    """One file read for the cache: its size, mtime and content hash as read, and its outcome.

    ``outcome`` is None when the content hash equals ``known_digest`` (only touched: the stored
    analyses still hold) or when a worker sent it as ``payload``, the store's encoding of it;
    ``stable`` is False when the file kept changing while it was read (its outcome is then an error
    and must not be stored)."""

    path: str
    size: int
    mtime_ns: int
    digest: str
    outcome: FileOutcome | None
    stable: bool = True
    payload: bytes | None = None  # store.encode(path, analyses, errors), made in the worker

    def __reduce__(self):
        # (one per file sent from a worker: the dataclass state took 3–5 µs to load in the parent, this 1.7)
        return type(self), (self.path, self.size, self.mtime_ns, self.digest, self.outcome, self.stable, self.payload)

    def decoded(self) -> StampedOutcome:
        """With ``outcome`` taken out of ``payload`` (as the store would read it back)."""
        if self.payload is None:
            return self
        from .store import decode

        _, analyses, errors = decode(self.payload)
        return StampedOutcome(self.path, self.size, self.mtime_ns, self.digest, FileOutcome(self.path, analyses, errors),
                              self.stable, self.payload)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


_DIGEST_READ = 1 << 18  # bytes a read (what ``hashlib.file_digest`` reads at a time)
_O_BINARY = getattr(os, "O_BINARY", 0)  # (Windows: no newline translation)


def file_digest(path: str) -> str | None:
    """The blake2b hash of the file's bytes (None when it cannot be read), as ``hashlib.file_digest``
    gives it, in half its time: no file object, no 256 KB buffer allocated per file."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_BINARY)
    except OSError:
        return None
    try:
        digest = hashlib.blake2b(digest_size=16)
        while chunk := os.read(fd, _DIGEST_READ):
            digest.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return digest.hexdigest()


def analyse_stamped(path: str, known_digest: str | None = None, analyser=analyse_file) -> StampedOutcome:
    """Read and analyse ``path``, and make sure it did not change meanwhile (stat before and after:
    a file being written is read again, and reported if it never holds still)."""
    if analyser is analyse_file:
        return _analyse_read_once(path, known_digest)
    for _ in range(READ_ATTEMPTS):
        before = _stat(path)
        digest = file_digest(path)
        if before is None or digest is None:  # gone or unreadable: the reader names the problem
            return StampedOutcome(path, 0, 0, "", analyser(path), stable=False)
        if digest == known_digest and _stat(path) == before:
            return StampedOutcome(path, *before, digest, None)
        outcome = analyser(path)
        if _stat(path) == before and file_digest(path) == digest:
            return StampedOutcome(path, *before, digest, outcome)
    return _never_still(path)


def _never_still(path: str) -> StampedOutcome:
    error = LoadError(path, "the file kept changing while it was read; not cached, open it again later")
    return StampedOutcome(path, 0, 0, "", FileOutcome(path, (), (error,)), stable=False)


def _analyse_read_once(path: str, known_digest: str | None) -> StampedOutcome:
    """``analyse_stamped`` with the plain analyser: the file is read once, its hash and its articles
    made from the same bytes (hashing it before and after the extraction read it three times). The
    bytes are the file's as long as its stat is the same before and after the read. Whatever the
    reader would report (not a regular file, too large, unreadable) takes the general route."""
    for _ in range(READ_ATTEMPTS):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            st = None
        if st is None or not S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES or system_name(path) != path:
            return analyse_stamped(path, known_digest, _plain_analyser)
        before = st.st_size, st.st_mtime_ns
        try:
            data = read_bytes(path, st.st_size)
        except OSError:
            return analyse_stamped(path, known_digest, _plain_analyser)
        if _stat(path) != before:
            continue
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if digest == known_digest:
            return StampedOutcome(path, *before, digest, None)
        return StampedOutcome(path, *before, digest, _analyse_bytes(path, data))
    return _never_still(path)


def _plain_analyser(path: str) -> FileOutcome:
    return analyse_file(path)  # (not ``analyse_file`` itself: ``analyse_stamped`` would read once again)


def _analyse_bytes(path: str, data: bytes) -> FileOutcome:
    """``analyse_file(path)`` of the bytes ``data`` read from ``path``."""
    return _outcome(path, load_bytes(path, data))


def analyse_stamped_files(tasks: list[tuple[str, str | None]], analyser=analyse_file) -> list[StampedOutcome]:
    """A batch of (path, known digest) for one task in this process."""
    with fewer_collections():
        return [analyse_stamped(path, known, analyser) for path, known in tasks]


def analyse_encoded_files(tasks: list[tuple[str, str | None]], analyser=analyse_file) -> list[StampedOutcome]:
    """The same for a pool task: each outcome to store goes back as the store's payload (compressed
    bytes), so the parent, which feeds the index and writes the store for every worker, neither
    re-encodes it nor unpickles an object graph twice (its share of a cold open was a quarter of the
    CPU, enough to hold two workers back on two cores)."""
    return [stamped for stamped, _ in encoded_outcomes(tasks, analyser)]


def encoded_outcomes(tasks: list[tuple[str, str | None]], analyser=analyse_file
                     ) -> Iterator[tuple[StampedOutcome, FileOutcome | None]]:
    """``analyse_encoded_files`` one file at a time, each with the outcome its payload encodes (None
    when it has no payload)."""
    from .store import encode

    with fewer_collections():
        for path, known in tasks:
            stamped = analyse_stamped(path, known, analyser)
            outcome = stamped.outcome
            if stamped.stable and outcome is not None:
                payload = encode(path, outcome.analyses, outcome.errors)
                yield StampedOutcome(path, stamped.size, stamped.mtime_ns, stamped.digest, None, True, payload), outcome
            else:
                yield stamped, None
            _freeze_once()


_frozen = False


def _freeze_once() -> None:
    """In a pool worker, once the first file has loaded the extraction rules (large, long-lived
    tables): moved out of the collector's sight, so its full collections stop walking them (~3 % of a
    worker's time)."""
    import multiprocessing  # (already loaded in a worker; kept out of a warm open's imports)

    global _frozen
    if not _frozen and multiprocessing.parent_process() is not None:
        _frozen = True
        gc.freeze()


def analyse_unstamped_files(tasks: list[tuple[str, str | None]], analyser=analyse_file) -> list[StampedOutcome]:
    """The same without a cache: nothing is stored, so no content hash (two more reads of each file)."""
    with fewer_collections():
        if analyser is analyse_file:
            return [_unstamped(path) for path, _ in tasks]
        return [StampedOutcome(path, (_stat(path) or (0, 0))[0], 0, "", analyser(path)) for path, _ in tasks]


def _unstamped(path: str) -> StampedOutcome:
    """``analyse_unstamped_files``' outcome of ``path`` with the plain analyser: one stat gives both the size
    and what the reader asks of it (it stat'ed the file again). A name the system spells otherwise, or one
    that cannot be stat'ed, takes the general route (whose reader names the problem)."""
    if system_name(path) == path and "\0" not in path:
        try:
            st = os.stat(path)
        except OSError:
            pass
        else:
            return StampedOutcome(path, st.st_size, 0, "", _outcome(path, load_stated(path, path, st)))
    return StampedOutcome(path, (_stat(path) or (0, 0))[0], 0, "", analyse_file(path))
