"""Which entries of a cache directory are the cache's, by name: what `unionreader cache clear` deletes,
`cache info` counts and ``index_files`` prunes with an archive's snapshots. A directory given with
``--cache`` may hold other files (a user's own `page-notes.md`, say): only names the cache writes
match, with their archive keys, never a bare prefix.

The cache writes (each module names its own prefix; they are gathered here):
- the store: ``library.sqlite3`` and SQLite's ``-wal``, ``-shm`` and ``-journal`` beside it;
- per index snapshot a folder ``index-ARCHIVE-NNNNNN`` (``index_files``);
- per archive its file listing ``listing-ARCHIVE``, its list's first rows ``page-ARCHIVE`` and the people
  and organisation tables' scans ``tables-ARCHIVE-people`` / ``-orgs`` (``directory.saved``, which this
  layer does not import: its prefix is checked against this one by the tests);
- the temporaries each of those is written to before it is renamed into place (``.tmp-index-…``, …).
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from .store import DB_NAME

# The prefixes of ``index_files``, ``listing``, ``first_page`` and ``directory.saved`` (named here, not
# imported: the index's modules bring numpy, and the directory is another layer; the tests check them).
INDEX_PREFIX, LISTING_PREFIX, PAGE_PREFIX, TABLES_PREFIX = "index-", "listing-", "page-", "tables-"
TABLE_KINDS = ("people", "orgs")
_ARCHIVE = "[0-9a-f]{24}"  # ``index_files.archive_key``: 12 bytes of BLAKE2b in hex
_TEMPORARY = (INDEX_PREFIX, LISTING_PREFIX, PAGE_PREFIX, TABLES_PREFIX)

OWNED = re.compile("|".join([
    re.escape(DB_NAME) + "(?:-wal|-shm|-journal)?",
    re.escape(INDEX_PREFIX) + _ARCHIVE + r"-\d{6,}",
    f"(?:{re.escape(LISTING_PREFIX)}|{re.escape(PAGE_PREFIX)})" + _ARCHIVE,
    re.escape(TABLES_PREFIX) + _ARCHIVE + f"-(?:{'|'.join(TABLE_KINDS)})",
    r"\.tmp-(?:" + "|".join(re.escape(p.rstrip("-")) for p in _TEMPORARY) + r")-[A-Za-z0-9_]+",
]))


# The files kept per archive beside its index snapshots (its listing, first page and tables' scans),
# with the archive key as group 1 or 2.
_PER_ARCHIVE = re.compile(
    f"(?:{re.escape(LISTING_PREFIX)}|{re.escape(PAGE_PREFIX)})({_ARCHIVE})"
    f"|{re.escape(TABLES_PREFIX)}({_ARCHIVE})-(?:{'|'.join(TABLE_KINDS)})"
)


def archive_files(directory: Path) -> Iterator[tuple[str, Path]]:
    """(archive key, path) of each file the cache keeps per archive in ``directory`` (not the index
    snapshots: those are ``index_files``')."""
    for entry in owned(directory):
        found = _PER_ARCHIVE.fullmatch(entry.name)
        if found:
            yield found.group(1) or found.group(2), entry


def owned(directory: Path) -> Iterator[Path]:
    """The cache's entries in ``directory`` (files and snapshot folders), nothing else."""
    with contextlib.suppress(OSError):
        for entry in sorted(directory.iterdir()):
            if OWNED.fullmatch(entry.name):
                yield entry


def _sizes(entries) -> int:
    """Bytes of these files and of the files in these folders, each file once (a snapshot's large
    arrays are hard links to the previous snapshot's)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for entry in entries:
        with contextlib.suppress(OSError):
            files = entry.rglob("*") if entry.is_dir() and not entry.is_symlink() else (entry,)
            for path in files:
                stat = path.lstat()
                if path.is_file() and (stat.st_dev, stat.st_ino) not in seen:
                    seen.add((stat.st_dev, stat.st_ino))
                    total += stat.st_size
    return total


def clear(directory: Path) -> int:
    """Delete the cache's entries in ``directory`` (and nothing else); returns the bytes freed."""
    entries = list(owned(Path(directory)))
    freed = _sizes(entries)
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    return freed


def disk_size(directory: Path) -> int:
    """Bytes the cache takes in ``directory``."""
    return _sizes(owned(Path(directory)))
