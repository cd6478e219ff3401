"""The scans of the people and organisation builders, saved beside an archive's index snapshot.

After a warm open the index holds no analyses: scanning them again means reading (decompressing and
unpickling) every article from the store, minutes at 100k articles. The builders' scans are what the
tables need in compact form (plain tuples, no analysis), so they are saved once they hold exactly
the docs of a snapshot, and a reopen of that snapshot loads them instead: only the articles added
since are scanned, and those retired since (changed or removed files) are left out by ``table``.

One file per kind and archive, naming the snapshot it belongs to and how many docs it scanned, with a
checksum of its body: a file of another snapshot is not used; a damaged one is reported and the scan
is done again (and saved again) from the articles. The body begins with a small header (snapshot, docs,
whether the rows are saved), read alone by ``has_rows`` without loading the scan; a file written
before there was one holds the state alone and still loads.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path

from ..gc_pacing import collector_paused
from .building import OrgBuilder, PeopleBuilder

PREFIX = "tables-"
FORMAT = 1  # of the builders' state: a file of another format is scanned again
_MAGIC = b"unionreader directory scan\n"
_DIGEST = 32
_HEADER_MAX = 512  # bytes: the header is a short dict (a snapshot key and a few numbers)
_BUILDERS = {"people": PeopleBuilder, "orgs": OrgBuilder}
Rows = tuple[tuple, int]  # (a table's rows, how many of the docs were retired when it was made)


class SavedScans:
    """The saved scans of one archive (``archive``: the index's archive key) in ``folder``."""

    def __init__(self, folder: Path, archive: str) -> None:
        self.folder = Path(folder)
        self.archive = archive

    def path(self, kind: str) -> Path:
        return self.folder / f"{PREFIX}{self.archive}-{kind}"

    def load(self, kind: str, snapshot: str, docs: int) -> tuple[PeopleBuilder | OrgBuilder, Rows | None] | str | None:
        """(builder, its table's rows or None) saved for ``snapshot`` (its ``docs`` first docs); None
        when there is none for it (missing, another snapshot's or format's); a one-line problem when it
        is damaged (the file is then removed)."""
        path = self.path(kind)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC)
        try:
            if raw[:head] != _MAGIC:
                raise ValueError("not a saved scan")
            digest, body = raw[head : head + _DIGEST], raw[head + _DIGEST :]
            if hashlib.blake2b(body, digest_size=_DIGEST).digest() != digest:
                raise ValueError("checksum mismatch")
            with collector_paused():  # (a million small tuples: the collector would walk them again and again)
                stream = io.BytesIO(body)
                state = pickle.load(stream)
                if isinstance(state, dict) and "builder" not in state:  # (the header: the state follows)
                    state = pickle.load(stream)  # (a pickle of its own: a fresh memo)
            if state["format"] != FORMAT or state["snapshot"] != snapshot:
                return None
            builder = state["builder"]
            rows = state["rows"]
            if state["kind"] != kind or type(builder) is not _BUILDERS[kind] or len(builder) != state["docs"] or (
                rows is not None and (type(rows[0]) is not tuple or type(rows[1]) is not int)
            ):
                raise ValueError("not this kind's scan")
        except Exception as exc:  # (a damaged pickle raises anything)
            with contextlib.suppress(OSError):
                path.unlink()
            return f"saved {kind} table {path} is damaged ({exc}); rebuilding it"
        return (builder, rows) if state["docs"] == docs else None

    def has_rows(self, kind: str, snapshot: str, docs: int) -> bool:
        """Whether the file saved for ``snapshot`` (its ``docs`` first docs) holds its table's rows, from
        its header alone (a hint: ``load`` checks the whole file)."""
        try:
            with open(self.path(kind), "rb") as handle:
                raw = handle.read(len(_MAGIC) + _DIGEST + _HEADER_MAX)
            if raw[: len(_MAGIC)] != _MAGIC:
                return False
            header = pickle.loads(raw[len(_MAGIC) + _DIGEST :])
        except Exception:  # (no file, one without a header, a damaged one: loaded to find out)
            return False
        return isinstance(header, dict) and header.get("format") == FORMAT and header.get("kind") == kind and (
            header.get("snapshot") == snapshot and header.get("docs") == docs and header.get("rows") is True)

    def save(self, kind: str, snapshot: str, builder: PeopleBuilder | OrgBuilder, rows: Rows | None = None) -> bool:
        """Write ``builder``'s scan as that of ``snapshot`` (atomically), with the rows of its table of
        all those docs when given (they share the scan's tuples: a few MB more); False when it cannot be."""
        state = {"format": FORMAT, "kind": kind, "snapshot": snapshot, "docs": len(builder), "builder": builder,
                 "rows": rows}
        header = {"format": FORMAT, "kind": kind, "snapshot": snapshot, "docs": len(builder), "rows": rows is not None}
        try:
            body = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(
                state, protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-tables-", dir=self.folder)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC)
                out.write(hashlib.blake2b(body, digest_size=_DIGEST).digest())
                out.write(body)
            os.replace(tmp, self.path(kind))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return False
        return True
