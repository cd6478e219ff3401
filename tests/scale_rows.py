"""Rows of the facts JSON (the single-process reference) and of a Parquet dataset, in the same shape,
so the tests of ``unionreader.scale`` compare them row by row."""

from __future__ import annotations

import json
from pathlib import Path

from unionreader.scale.tables import read_table

ENTITY_KEYS = {"type", "text", "start", "end", "value"}


def json_rows(doc: dict) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {"articles": [], "entities": [], "facts": [], "errors": []}
    for a in doc["articles"]:
        rows["articles"].append(
            (a["id"], a["source"], a["title"], a["display_title"], a["date"], a["organiser"], a["published"],
             a["byline"], a["url"])
        )
        for i, e in enumerate(a["entities"]):
            meta = {k: v for k, v in e.items() if k not in ENTITY_KEYS}
            rows["entities"].append((a["id"], i, e["type"], e["text"], e["start"], e["end"], e["value"], meta))
        for f in a["facts"]:
            rows["facts"].append(
                (a["id"], f["kind"], f["label"], f["display"], f["value"], f["text"], f["start"], f["end"],
                 f["entities"])
            )
    rows["errors"] = [(e["source"], e["error"]) for e in doc["errors"]]
    return rows


def dataset_rows(folder: Path) -> dict[str, list[tuple]]:
    """The same rows read back from the dataset (JSON columns decoded)."""
    def table(name):
        return read_table(folder, name).to_pylist()

    return {
        "articles": [
            (r["id"], r["source"], r["title"], r["display_title"], r["date"], r["organiser"], r["published"],
             r["byline"], r["url"])
            for r in table("articles")
        ],
        "entities": [
            (r["article_id"], r["index"], r["type"], r["text"], r["start"], r["end"], json.loads(r["value"]),
             json.loads(r["meta"]))
            for r in table("entities")
        ],
        "facts": [
            (r["article_id"], r["kind"], r["label"], r["display"], json.loads(r["value"]), r["sentence"],
             r["start"], r["end"], r["entities"])
            for r in table("facts")
        ],
        "errors": [(r["source"], r["error"]) for r in table("errors")],
    }
