"""The search index on disk: its state saved beside the store and mapped back in on a warm open.

The index's numpy arrays (postings, chunk tables, document frequencies) are pickled out of band
(protocol 5) into one raw file each, and memory-mapped copy-on-write when loaded: a reopen reads only
the pages a search touches, and the index can still grow in place (growable arrays are saved without
their spare capacity). The rest is an ordinary pickle (what only adding needs, compressed), without the vocabulary's word → id dicts: they
are rebuilt from the word lists in id order (several times faster than unpickling the dicts). A snapshot is a folder written under a temporary name and renamed into place,
so a half-written one is never read; one that fails to load is reported and ignored.

A snapshot belongs to an archive (the set of paths opened, and the extractor version) and records
the content hash of every file it indexed: a reopen restores it, withdraws ("retires") the docs of
files that changed or went, and adds the new and changed ones, then saves the next generation. When
too much of it is retired, the index is built afresh instead.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import hashlib
import mmap
import os
import pickle
import shutil
import tempfile
import weakref
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..search import SearchIndex
from ..search.index_batch import Grow
from ..search.ranking import Ranker
from . import cache_files

PREFIX = "index-"
FORMAT = 4  # of the saved state; a snapshot of another format is dropped and the index rebuilt
# (3: one-byte posting weights, none where all are 1; 4: no date-key memo in the build state)
KEEP = 3  # snapshots kept (the archives opened most recently)
_SKIP = frozenset({"_analyses", "_ranker", "_expansions"})
# Needed only to add more articles, not to search: loaded when the first article is added
# (``complete``), so a warm open does not pay for them.
_BUILD_ONLY = ("_words", "_facet_ids", "_long_chunks", "variants")
# Word → id dicts, saved as their keys in id order (their ids are 0, 1, 2, … in insertion order).
_DERIVED = {"_term_ids": "_terms", "_exact_ids": "_exact_forms"}
_PENDING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LINK_MIN_BYTES = 1 << 20  # arrays smaller than this are written (comparing costs about as much)
SAVE_THREADS = 3  # the build state's pickle, and two writing the arrays


@dataclass(frozen=True, slots=True)
class DocOrigins:
    """Per doc of a saved index: the store key of its file and its article id (to find it again)."""

    files: tuple[str, ...]  # distinct file keys
    digests: tuple[str, ...]  # their content hashes when indexed
    file_of_doc: bytes  # array('I') bytes: doc → position in ``files``
    ids: tuple[str, ...]  # doc → article id


def archive_key(paths: Iterable[str], version: str) -> str:
    digest = hashlib.blake2b(version.encode(), digest_size=12)
    for path in sorted({os.path.abspath(p) for p in paths}):
        digest.update(f"{path}\n".encode())
    return digest.hexdigest()


def latest(directory: Path, archive: str) -> str | None:
    """The newest complete generation's key (``ARCHIVE-NNNNNN``) of ``archive``, if any."""
    found = sorted(p.name[len(PREFIX):] for p in directory.glob(f"{PREFIX}{archive}-*") if (p / "COMPLETE").is_file())
    return found[-1] if found else None


def next_key(directory: Path, archive: str) -> str:
    found = sorted(p.name for p in directory.glob(f"{PREFIX}{archive}-*"))
    generation = int(found[-1].rsplit("-", 1)[1]) + 1 if found else 1
    return f"{archive}-{generation:06d}"


def save(index: SearchIndex, origins: DocOrigins, directory: Path, key: str) -> Path | None:
    """Write the index's state to ``directory/index-KEY`` (atomically: a temporary folder renamed).
    None when another instance completed that snapshot first (it is theirs: kept as it is)."""
    final = directory / f"{PREFIX}{key}"
    if (final / "COMPLETE").is_file():
        return None
    shutil.rmtree(final, ignore_errors=True)  # (an incomplete one: damaged by hand or by the disk)
    index._refresh()  # (the sorted vocabulary is saved with it)
    complete(index)
    state = {k: _trimmed(v) for k, v in vars(index).items() if k not in _SKIP and k not in _BUILD_ONLY and k not in _DERIVED}
    state["_exact_forms"] = list(index._exact_ids)
    build = {k: v for k, v in vars(index).items() if k in _BUILD_ONLY}
    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps((FORMAT, state, origins), protocol=5, buffer_callback=buffers.append)
    previous = latest(directory, key.rsplit("-", 1)[0])
    same_size = _files_by_size(directory / f"{PREFIX}{previous}") if previous is not None else {}
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-index-", dir=directory))
    try:
        # The arrays are written by two threads, the largest first, while the build state is pickled (a
        # write lets go of the GIL): at the end of a cold open the save was the opening process alone, its
        # gigabyte copied into the page cache on one core (2.2 s at 100k) while the other had nothing to do.
        with ThreadPoolExecutor(max_workers=SAVE_THREADS, thread_name_prefix="index-save") as pool:
            build_written = pool.submit(_write_build, tmp / "build.pickle", build)
            largest_first = sorted(range(len(buffers)), key=lambda i: -buffers[i].raw().nbytes)
            written = [pool.submit(_write_buffer, buffers[i].raw(), tmp / f"{i}.bin", same_size) for i in largest_first]
            with open(tmp / "state.pickle", "wb") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            build_written.result()
            for done in written:
                done.result()
        (tmp / "COMPLETE").write_text(str(len(buffers)))
        os.replace(tmp, final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        # Renaming onto a folder that another instance completed meanwhile fails with ENOTEMPTY
        # (or EEXIST): the snapshot is there, which is all this save was for.
        if not (exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and (final / "COMPLETE").is_file()):
            raise
        return None
    _prune(directory, keep=final, archive=key.rsplit("-", 1)[0])
    return final


def _write_build(path: Path, build: dict) -> None:
    # (Compressed: read only when articles are added to a restored index, 40 % of its size. Level 1:
    # at 100k, 0.1 s against 0.5 s at level 6, for a file a seventh larger.)
    path.write_bytes(zlib.compress(pickle.dumps(build, protocol=5), 1))


def load(directory: Path, key: str) -> tuple[dict, DocOrigins] | None:
    """The saved state for ``key``, or None when there is none (or only a half-written one, or one
    of another format). Raises ``ValueError`` when the snapshot is there but damaged."""
    folder = directory / f"{PREFIX}{key}"
    marker = folder / "COMPLETE"
    if not marker.is_file():
        return None
    try:
        count = int(marker.read_text())
        buffers = [_map(folder / f"{i}.bin") for i in range(count)]
        saved = pickle.loads((folder / "state.pickle").read_bytes(), buffers=buffers)
    except Exception as exc:
        raise ValueError(f"index snapshot {folder.name} is damaged ({type(exc).__name__}: {exc})") from None
    if not isinstance(saved, tuple) or len(saved) != 3 or saved[0] != FORMAT:
        if isinstance(saved, tuple) and len(saved) in (2, 3):
            discard(directory, key)  # an older (or newer) format: built afresh and saved anew
            return None
        raise ValueError(f"index snapshot {folder.name} is damaged (unexpected content)")
    _, state, origins = saved
    if not isinstance(state, dict) or not isinstance(origins, DocOrigins) or not _rebuild_dicts(state):
        raise ValueError(f"index snapshot {folder.name} is damaged (unexpected content)")
    return state, origins


def _rebuild_dicts(state: dict) -> bool:
    """Put the word → id dicts back from the word lists; False when those do not fit the arrays
    that index them (a word twice, a list of another length)."""
    try:
        terms, forms = state["_terms"], state.pop("_exact_forms")
        if not isinstance(terms, list) or not isinstance(forms, list) or len(forms) != len(state["_exact_term"]):
            return False
        state["_term_ids"] = dict(zip(terms, range(len(terms)), strict=True))
        state["_exact_ids"] = dict(zip(forms, range(len(forms)), strict=True))
    except (KeyError, TypeError):
        return False
    return len(state["_term_ids"]) == len(terms) and len(state["_exact_ids"]) == len(forms)


def restore(index: SearchIndex, state: dict, analyses, folder: Path) -> None:
    """Put a loaded state into ``index`` (empty so far); ``analyses`` serves ``index.analysis(doc)``.
    Its build-only part is read from ``folder`` by ``complete`` before anything is added."""
    vars(index).update(state)
    for name in _BUILD_ONLY:  # (a stray add without ``complete`` fails loudly, never silently wrong)
        delattr(index, name)
    _PENDING[index] = open(folder / "build.pickle", "rb")  # noqa: SIM115 (kept open: a newer save may delete the folder)
    index._analyses = analyses
    index._ranker = Ranker(index)
    index._dirty = True


def complete(index: SearchIndex) -> None:
    """Load a restored index's build-only state (before adding articles to it)."""
    handle = _PENDING.pop(index, None)
    if handle is None:
        return
    try:
        with handle:
            build = pickle.loads(zlib.decompress(handle.read()))
    except Exception as exc:
        raise ValueError(f"saved index {handle.name} is damaged ({type(exc).__name__}: {exc})") from None
    vars(index).update(build)


def snapshot_folder(directory: Path, key: str) -> Path:
    return directory / f"{PREFIX}{key}"


def discard(directory: Path, key: str) -> None:
    shutil.rmtree(directory / f"{PREFIX}{key}", ignore_errors=True)


def _trimmed(value):
    """A growable array as saved: its filled part only (it grows again on the next add)."""
    if isinstance(value, Grow) and value.n < len(value.data):
        trimmed = copy.copy(value)
        trimmed.data = value.data[: value.n]
        return trimmed
    return value


def _files_by_size(folder: Path) -> dict[int, list[Path]]:
    found: dict[int, list[Path]] = {}
    with contextlib.suppress(OSError):
        for path in sorted(folder.glob("*.bin")):
            size = path.stat().st_size
            if size >= _LINK_MIN_BYTES:
                found.setdefault(size, []).append(path)
    return found


def _write_buffer(raw: memoryview, dest: Path, same_size: dict[int, list[Path]]) -> None:
    """Write one array's bytes; an array the previous snapshot holds byte for byte (a restored
    index's large posting segments, which a small change leaves as they are) is hard-linked from it
    instead: at 100k, most of a snapshot's gigabyte is not written again."""
    for old in same_size.get(raw.nbytes, ()):
        if _same_bytes(raw, old):
            try:
                os.link(old, dest)
                return
            except OSError:
                break  # (a file system without hard links: written)
    with open(dest, "wb") as out:
        out.write(raw)


def _same_bytes(raw: memoryview, path: Path) -> bool:
    """(Compared by numpy in 16 MB pieces, without copies: ~0.06 CPU-s for 340 MB, a seventh of
    writing them.)"""
    step = 1 << 24
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as old:
            if len(old) != raw.nbytes:
                return False
            ours, theirs = np.frombuffer(raw, dtype=np.uint8), np.frombuffer(old, dtype=np.uint8)
            try:
                return all(np.array_equal(ours[at:at + step], theirs[at:at + step]) for at in range(0, raw.nbytes, step))
            finally:
                del ours, theirs  # (the mmap cannot close while an array views it)
    except (OSError, ValueError, BufferError):
        return False


def _map(path: Path):
    size = path.stat().st_size
    if size == 0:
        return bytearray()
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_COPY)


def _prune(directory: Path, keep: Path, archive: str) -> None:
    """Keep the newest few archives' latest snapshots; drop older generations and leftovers of
    interrupted writes."""
    for old in directory.glob(f"{PREFIX}{archive}-*"):
        if old.name < keep.name:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in directory.glob(".tmp-index-*"):
        try:
            if tmp.stat().st_mtime < keep.stat().st_mtime - 3600:  # (not one being written right now)
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass
    snapshots = sorted(directory.glob(f"{PREFIX}*"), key=lambda p: p.stat().st_mtime, reverse=True)
    pruned: set[str] = set()
    for old in snapshots[KEEP:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
            pruned.add(old.name[len(PREFIX):].rsplit("-", 1)[0])
    _drop_archive_files(directory, keep, pruned)


def _drop_archive_files(directory: Path, keep: Path, pruned: set[str]) -> None:
    """Delete the listing, first page and tables' scans of the archives left with no snapshot: those
    just ``pruned``, and older leftovers (an hour old: not those of an archive whose first open, in
    another instance, has not saved its snapshot yet)."""
    kept = {p.name[len(PREFIX):].rsplit("-", 1)[0] for p in directory.glob(f"{PREFIX}*") if p.is_dir()}
    for archive, path in cache_files.archive_files(directory):
        if archive in kept:
            continue
        try:
            if archive in pruned or path.stat().st_mtime < keep.stat().st_mtime - 3600:
                path.unlink()
        except OSError:
            pass
