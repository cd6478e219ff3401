"""The four tables of a facts dataset: rows from analyses, their Arrow schemas, one part written atomically.

Layout of a dataset folder (each table a folder of parts, so pandas, DuckDB, Spark and pyarrow read
it as one dataset; names starting with ``.`` or ``_`` are ignored by those readers):

    DIR/_unionreader.json              manifest: schema name, partition and row counts
    DIR/articles/part-00000.parquet    one part per partition, for every table (possibly 0 rows)
    DIR/entities/part-00000.parquet
    DIR/facts/part-00000.parquet
    DIR/errors/part-00000.parquet
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..corpus import LoadError
from ..export import fact_display_value
from ..extract.models import Analysis

TABLES = ("articles", "entities", "facts", "errors")
DATASET_SCHEMA = "unionreader/facts-parquet-v1"

# Column names and Arrow types; kept as plain data so this module imports without pyarrow.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "string"), ("source", "string"), ("title", "string"), ("display_title", "string"),
        ("date", "string"), ("organiser", "string"), ("published", "string"), ("byline", "string"),
        ("url", "string"), ("origin", "string"),
    ),
    "entities": (
        ("article_id", "string"), ("index", "int32"), ("type", "string"), ("text", "string"),
        ("start", "int32"), ("end", "int32"), ("value", "string"), ("meta", "string"),
    ),
    "facts": (
        ("article_id", "string"), ("kind", "string"), ("label", "string"), ("display", "string"),
        ("value", "string"), ("sentence", "string"), ("start", "int32"), ("end", "int32"),
        ("entities", "list<int32>"),
    ),
    "errors": (("source", "string"), ("error", "string")),
}


def part_name(partition: int) -> str:
    return f"part-{partition:05d}.parquet"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def table_rows(
    analyses: Iterable[Analysis], errors: Iterable[LoadError], kinds: Sequence[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for these analyses; ``kinds`` keeps some fact kinds (as ``--kind``)."""
    wanted = set(kinds) if kinds is not None else None
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for analysis in analyses:
        a = analysis.article
        rows["articles"].append({
            "id": a.id, "source": a.source, "title": "" if a.title_derived else a.title,
            "display_title": a.title, "date": analysis.date, "organiser": analysis.organiser,
            "published": a.published, "byline": a.byline, "url": a.url, "origin": a.origin,
        })
        for i, e in enumerate(analysis.entities):
            rows["entities"].append({
                "article_id": a.id, "index": i, "type": e.type, "text": e.text, "start": e.start,
                "end": e.end, "value": _json(e.value), "meta": _json(dict(e.meta)),
            })
        for f in analysis.facts:
            if wanted is not None and f.kind not in wanted:
                continue
            rows["facts"].append({
                "article_id": a.id, "kind": f.kind, "label": f.label, "display": fact_display_value(f),
                "value": _json(f.value), "sentence": f.text, "start": f.start, "end": f.end,
                "entities": list(f.entities),
            })
    rows["errors"] = [{"source": e.source, "error": e.error} for e in errors if e.kind != "warning"]
    return rows


def arrow_schema(table: str):
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "list<int32>": pa.list_(pa.int32())}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])


def write_parts(folder: str | os.PathLike[str], partition: int, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write this partition's part of every table into ``folder/<table>/``.

    Each part goes to a hidden temporary name and is renamed into place, so a reader never sees half a
    part and a task retried after a lost worker replaces its part (same name) instead of adding rows.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES:
        target = Path(folder) / table / part_name(partition)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        data = pa.Table.from_pylist(rows[table], schema=arrow_schema(table))
        try:
            pq.write_table(data, tmp, compression="zstd")
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def read_table(folder: str | os.PathLike[str], table: str):
    """One table of a dataset as an Arrow table, parts in partition order (the single-process order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted((Path(folder) / table).glob("part-*.parquet"))
    if not parts:
        return arrow_schema(table).empty_table()
    return pa.concat_tables(pq.read_table(p, schema=arrow_schema(table)) for p in parts)
