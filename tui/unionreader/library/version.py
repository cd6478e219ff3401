"""The extractor's version: what a cached analysis was made with.

A constant bumped by hand for changes of meaning, plus a hash of the source files that turn a file
into an ``Analysis`` (reading, cleaning, extraction): any code change there re-extracts, so the cache
never serves facts an older extractor found.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

FORMAT = 1  # bump when the stored payload's layout changes

_PACKAGE = Path(__file__).resolve().parents[1]
_SOURCES = ("corpus.py", "articles.py", "decoding.py", "files.py", "html_pages.py", "word_files.py", "pdf_files.py",
            "official_documents.py", "cleaning.py", "text.py", "extract")


@cache
def extractor_version() -> str:
    digest = hashlib.blake2b(f"format {FORMAT}".encode(), digest_size=8)
    for name in _SOURCES:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()
