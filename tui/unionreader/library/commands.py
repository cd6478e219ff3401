"""`unionreader index PATH...` and `unionreader cache info|clear`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from . import cache_files
from .console import add_cache_flags, library_from_args, open_paths
from .loader import Event, Library
from .paths import cache_dir
from .store import DB_NAME, CacheUnavailable, Store

if TYPE_CHECKING:
    from ..search import SearchIndex


def build_index_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionreader index",
        description="Read, extract and index PATHs into the cache (only what changed since the last time), "
        "so that the app, `search` and `facts` open them at once. Prints a one-line summary.",
    )
    parser.add_argument("paths", nargs="+", help="article files or folders")
    add_cache_flags(parser)
    return parser


class Follower(Protocol):
    """What else an index run keeps in the cache: it sees each event, then the end of the load."""

    def __call__(self, event: Event) -> None: ...

    def ended(self) -> None: ...


def cmd_index(argv: list[str], follower: Callable[[Library, SearchIndex], Follower] | None = None) -> int:
    """``follower`` (library, index): what the layers above this one keep too (the people and
    organisation tables' scans, ``directory_cli``)."""
    from ..search import SearchIndex

    ns = build_index_parser().parse_args(argv)
    library = library_from_args(ns)
    if library.cache_dir is None:
        print("unionreader index: --no-cache leaves nothing to build", file=sys.stderr)
        return 2
    index = SearchIndex()
    follow = follower(library, index) if follower is not None else None
    opened = open_paths(library, ns.paths, index=index, label="indexing", follow=follow)
    if follow is not None:
        follow.ended()
    summary = opened.summary
    if summary is None:  # (the library always ends with one)
        return 1
    print(summary.line())
    return 0 if opened.articles else 2


def build_cache_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unionreader cache", description="Show or clear the cache.")
    parser.add_argument("action", choices=("info", "clear"), help="info: where, size, which folders; clear: delete it (only the cache's own files)")
    parser.add_argument("--cache", metavar="DIR", help="the cache directory (default: as for the other commands)")
    return parser


def cmd_cache(argv: list[str]) -> int:
    ns = build_cache_parser().parse_args(argv)
    directory = cache_dir(ns.cache)
    assert directory is not None
    if ns.action == "clear":
        freed = cache_files.clear(directory)
        print(f"cleared {directory} ({freed / 1e6:.1f} MB freed)")
        return 0
    print(f"cache: {directory}")
    if not (directory / DB_NAME).exists():
        print("empty (nothing opened with the cache yet)")
        return 0
    try:
        store = Store(directory)
    except CacheUnavailable as exc:
        print(f"unusable: {exc}")
        return 1
    try:
        for notice in store.notices:
            print(notice)
        files, articles = store.counts()
        roots = store.roots()
    finally:
        store.close()
    print(f"size: {cache_files.disk_size(directory) / 1e6:.1f} MB · {files:,} files · {articles:,} articles")
    for path, _, count in roots:
        print(f"  {path} ({count:,} files)")
    return 0

