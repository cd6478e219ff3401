"""Where the cache lives: ``--cache DIR``, else ``UNIONREADER_CACHE``, else the platform's user cache
directory (``platformdirs``); ``--no-cache`` uses none."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "UNIONREADER_CACHE"


def cache_dir(explicit: str | None = None, *, no_cache: bool = False) -> Path | None:
    if no_cache:
        return None
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("unionreader"))


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)
