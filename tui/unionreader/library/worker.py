"""The unit of extraction work that runs in another process: one input file in, its analyses out.

Kept free of any state so that a process pool (the library) and a Dask task (``scale``) run the same
code; everything it returns pickles (frozen dataclasses of plain values).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..corpus import Article, LoadError, Source, load_source
from ..extract import analyse
from ..extract.models import Analysis


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one input file gave: its analysed articles and the problems met (never an exception)."""

    path: str
    analyses: tuple[Analysis, ...]
    errors: tuple[LoadError, ...]


def analyse_file(path: str, size: int = 0) -> FileOutcome:
    """Read, clean and extract one file; a bad file (or a bug on one article) becomes a LoadError."""
    analyses: list[Analysis] = []
    errors: list[LoadError] = []
    for item in load_source(Source(path, size)):
        if isinstance(item, Article):
            try:
                analyses.append(analyse(item))
            except Exception as exc:  # one bad article must not lose the rest of the run
                errors.append(LoadError(item.source, f"extraction failed: {type(exc).__name__}: {exc}"))
        else:
            errors.append(item)
    return FileOutcome(path, tuple(analyses), tuple(errors))


def analyse_files(paths: Iterable[str]) -> list[FileOutcome]:
    """A batch of files for one task: fewer, larger tasks keep per-task overhead small."""
    return [analyse_file(p) for p in paths]
