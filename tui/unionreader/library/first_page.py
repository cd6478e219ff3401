"""The first page of an archive's list, saved beside its index snapshot: a few dozen rows (title,
date, organiser) of the list with no query, so a reopen can paint them before the index is restored
(at 100k articles a restore costs more than the whole budget for a first paint). Tied to its
snapshot: a page of another snapshot, or one that does not parse, is not shown."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .events import FirstPage, PageRow

if TYPE_CHECKING:
    from ..search import SearchIndex

PREFIX = "page-"
FORMAT = 1
ROWS = 100  # more than a tall terminal lists


def of(index: SearchIndex) -> FirstPage:
    """The index's first rows with no query (its analyses in memory or in the store)."""
    result = index.search("", limit=ROWS)
    rows = []
    for doc in result.docs[:ROWS]:
        analysis = index.analysis(doc)
        article = analysis.article
        rows.append(PageRow(int(doc), article.title, bool(article.title_derived), analysis.date or article.published or "",
                            analysis.organiser or ""))
    return FirstPage(index.live(), tuple(rows))


def save(directory: Path, archive: str, snapshot: str, page: FirstPage) -> None:
    data = {"format": FORMAT, "snapshot": snapshot, "articles": page.articles,
            "rows": [[r.doc, r.title, r.title_derived, r.date, r.organiser] for r in page.rows]}
    import tempfile  # (here: the facts command saves no first page and starts without it)

    fd, tmp = tempfile.mkstemp(prefix=".tmp-page-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, directory / f"{PREFIX}{archive}")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load(directory: Path, archive: str, snapshot: str) -> FirstPage | None:
    """The page saved with ``snapshot``, or None (none, another snapshot's, or damaged)."""
    try:
        data = json.loads((directory / f"{PREFIX}{archive}").read_text(encoding="utf-8"))
        if data["format"] != FORMAT or data["snapshot"] != snapshot:
            return None
        rows = tuple(PageRow(int(d), str(t), bool(x), str(w), str(o)) for d, t, x, w, o in data["rows"])
        return FirstPage(int(data["articles"]), rows)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
