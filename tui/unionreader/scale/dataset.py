"""The output folder of a run: parts go to a hidden staging folder beside it, and only a finished run
takes the folder's place, so a failed or interrupted run never leaves half a dataset under DIR.

An existing DIR is replaced only when it is empty or a previous unionreader dataset (it has the
manifest); any other folder is left alone and the run refuses to start.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from ..export import write_atomic
from .tables import DATASET_SCHEMA, TABLES

MANIFEST = "_unionreader.json"


class DatasetError(Exception):
    """The output folder cannot be used or written; the message is one line for the user."""


def staging_folder(output: str | os.PathLike[str]) -> Path:
    """Check ``output`` can take a dataset and make the staging folder its parts are written to."""
    target = Path(os.path.abspath(output))
    if target.exists():
        if not target.is_dir():
            raise DatasetError(f"{output} exists and is not a folder")
        if any(target.iterdir()) and not (target / MANIFEST).is_file():
            raise DatasetError(f"{output} is not empty and not a unionreader dataset (it would be replaced)")
    if not target.parent.is_dir():
        raise DatasetError(f"{output}: the folder {target.parent} does not exist")
    staging = target.parent / f".{target.name}.partial-{uuid.uuid4().hex[:12]}"
    try:
        staging.mkdir()
        for table in TABLES:
            (staging / table).mkdir()
    except OSError as exc:
        discard(staging)
        raise DatasetError(f"cannot write {output}: {exc.strerror or exc}") from exc
    return staging


def commit(staging: Path, output: str | os.PathLike[str], manifest: dict[str, Any]) -> None:
    """Put the finished staging folder in the place of ``output`` (replacing an earlier dataset)."""
    target = Path(os.path.abspath(output))
    for table in TABLES:  # temporary parts of tasks killed mid-write; their retry wrote the real part
        for leftover in (staging / table).glob(".*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    write_atomic(staging / MANIFEST, json.dumps({"schema": DATASET_SCHEMA, **manifest}, indent=2) + "\n")
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:12]}"
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, target)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
