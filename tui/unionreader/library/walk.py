"""Listing a folder's article files fast: ``corpus.discover``'s answer (same files, same order), with
each file's stat, from ``os.scandir`` rather than pathlib (a warm open of 100k files is mostly this)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..corpus import ARTICLE_SUFFIXES, STDIN, Source, discover


def walk(paths: list[str]) -> tuple[list[Source], dict[str, os.stat_result]]:
    """(sources as ``discover`` lists them, stat of every regular file among them by path)."""
    sources: list[Source] = []
    stats: dict[str, os.stat_result] = {}
    for name in paths:
        if name == STDIN or not os.path.isdir(name):
            for source in discover([name]):
                sources.append(source)
                try:
                    st = os.stat(source.path)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    stats[source.path] = st
            continue
        found: list[tuple[tuple[str, ...], str, os.stat_result]] = []
        _scan(str(Path(name)), (), found)  # (entry paths are then spelled as discover spells them)
        if not found:
            sources.append(Source(name, -1))
            continue
        found.sort(key=lambda f: f[0])  # pathlib orders paths by their parts
        for _, path, st in found:
            sources.append(Source(path, st.st_size))
            stats[path] = st
    return sources, stats


def _scan(folder: str, parts: tuple[str, ...], found: list) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                _scan(entry.path, (*parts, entry.name), found)
            elif os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES:
                st = entry.stat()
                if stat.S_ISREG(st.st_mode):
                    found.append(((*parts, entry.name), entry.path, st))
        except OSError:
            continue
