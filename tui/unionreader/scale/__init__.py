"""Batch extraction past one machine: input files in size-balanced partitions, each partition read,
cleaned and extracted by one task (in this process or on a Dask cluster) and written as its own
Parquet part of the ``articles``, ``entities``, ``facts`` and ``errors`` tables.

pyarrow and dask are the ``scale`` extra: every module here imports them inside functions, so the core
(and ``import unionreader.scale``) works without them; ``require`` says what to install.
"""

from __future__ import annotations

import importlib

INSTALL_HINT = "pip install 'unionreader[scale]'"


class MissingExtra(RuntimeError):
    """The ``scale`` extra (pyarrow, dask[distributed]) is not installed."""


def require(*modules: str, feature: str) -> None:
    """Import ``modules`` or raise MissingExtra with the one line that says what to install."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise MissingExtra(f"{feature} needs {name.split('.')[0]} (the scale extra): {INSTALL_HINT}") from exc
