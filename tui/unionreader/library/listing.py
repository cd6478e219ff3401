"""The archive's files as the last open left them, saved beside its index snapshot: a warm open
compares the files' sizes and mtimes with it in numpy instead of reading every stamp from the store
and planning file by file (at 100k files: ~1 s of a 2.5 s reopen).

Each listed file's entry says: with this size and mtime, its content is what the index snapshot
``snapshot`` holds of it (its docs there are those of ``origin``, a position in the snapshot's
``DocOrigins.files``; -1: it has no live doc there, e.g. only load problems or duplicates, and is
read from the store). That holds while the store is the one it was written against: the store's
``generation`` (its id, and a count of the transactions that wrote file rows) is recorded, and any
other writer changes it. A file whose size or mtime differs, or that is new, is planned against the
store as before; one that went is removed from it.

One file per archive (``listing-ARCHIVE``), written to a temporary name and renamed into place, with
a checksum: a damaged, truncated or foreign one is ignored (the open takes the slow path and writes it
anew), never trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from .index_files import DocOrigins
    from .walk import Walked

PREFIX = "listing-"
MAGIC = b"unionreader-listing\n"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Listing:
    snapshot: str  # the index snapshot's key (ARCHIVE-NNNNNN) the origins refer to
    generation: tuple[str, int]  # the store's, when written
    keys: str  # the files' absolute paths, in walk order, joined by "\0"
    sizes: np.ndarray  # int64
    mtimes: np.ndarray  # int64 (ns)
    origins: np.ndarray  # int32: position in the snapshot's DocOrigins.files, or -1


def build(snapshot: str, generation: tuple[str, int], files: Walked, origins: DocOrigins,
          digests: dict[str, str]) -> Listing:
    """The listing of ``files`` against the index saved as ``snapshot`` (of ``origins``): a file's
    docs there are its docs now when the content hash the snapshot recorded is its hash now."""
    import numpy as np

    number = {f: i for i, f in enumerate(origins.files)}
    recorded = origins.digests

    def origin(key: str) -> int:
        f = number.get(key, -1)
        return f if f >= 0 and recorded[f] and digests.get(key) == recorded[f] else -1

    n = len(files)
    return Listing(
        snapshot, generation, "\0".join(files.keys), np.fromiter(files.sizes, dtype=np.int64, count=n),
        np.fromiter(files.mtimes, dtype=np.int64, count=n), np.fromiter(map(origin, files.keys), dtype=np.int32, count=n),
    )


def path_of(directory: Path, archive: str) -> Path:
    return directory / f"{PREFIX}{archive}"


def save(directory: Path, archive: str, listing: Listing) -> None:
    """Write atomically (a reader sees the old file or the new one, never half of one)."""
    import numpy as np

    keys = listing.keys.encode("utf-8", "surrogateescape")
    arrays = [np.ascontiguousarray(listing.sizes, dtype="<i8"), np.ascontiguousarray(listing.mtimes, dtype="<i8"),
              np.ascontiguousarray(listing.origins, dtype="<i4")]
    body = b"".join([keys, *(a.tobytes() for a in arrays)])
    header = json.dumps({
        "format": FORMAT, "snapshot": listing.snapshot, "generation": list(listing.generation),
        "files": len(listing.sizes), "keys_bytes": len(keys), "crc": zlib.crc32(body),
    }).encode()
    import tempfile  # (here: the facts command saves no listing and starts without it)

    fd, tmp = tempfile.mkstemp(prefix=".tmp-listing-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + header + b"\n" + body)
        os.replace(tmp, path_of(directory, archive))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load(directory: Path, archive: str) -> Listing | None:
    """The archive's listing, or None when there is none or it cannot be trusted (any damage)."""
    import numpy as np  # (here: commands that never restore an index start without numpy)

    try:
        data = path_of(directory, archive).read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(MAGIC):
            return None
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC):end])
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        body = memoryview(data)[end + 1:]
        n, keys_bytes = int(header["files"]), int(header["keys_bytes"])
        if n < 0 or keys_bytes < 0 or len(body) != keys_bytes + 20 * n or zlib.crc32(body) != header["crc"]:
            return None
        keys = bytes(body[:keys_bytes]).decode("utf-8", "surrogateescape")
        if (keys.count("\0") + 1 if keys else 0) != n:
            return None
        at = keys_bytes
        sizes = np.frombuffer(body, dtype="<i8", count=n, offset=at)
        mtimes = np.frombuffer(body, dtype="<i8", count=n, offset=at + 8 * n)
        origins = np.frombuffer(body, dtype="<i4", count=n, offset=at + 16 * n)
        store_id, writes = header["generation"]
        return Listing(str(header["snapshot"]), (str(store_id), int(writes)), keys, sizes, mtimes, origins)
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def discard(directory: Path, archive: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path_of(directory, archive))
