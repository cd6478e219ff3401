"""Facts out of the program: Markdown to paste into a report, JSON for scripts, CSV/TSV for spreadsheets.

Pure functions (text in, text out) shared by the ``facts`` command and the app, plus ``write_atomic``
so that an export never leaves a half-written file behind.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .extract.models import FACT_KINDS, Analysis, Fact
from .facts_json import JSON_SCHEMA, json_chunks
from .files import write_atomic
from .gc_pacing import fewer_collections

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "JSON_SCHEMA",
    "KIND_HEADINGS",
    "encoding_for",
    "fact_display_value",
    "fact_to_markdown",
    "format_for_path",
    "render",
    "to_csv",
    "to_json",
    "to_markdown",
    "write_atomic",
    "write_export",
]

CSV_COLUMNS = ("article_id", "title", "kind", "label", "value", "sentence")
KIND_HEADINGS = {
    "event": "Sự kiện (Event)",
    "organiser": "Đơn vị tổ chức (Organiser)",
    "people": "Thành phần (People)",
    "figures": "Số liệu (Figures)",
    "awards": "Khen thưởng (Awards)",
    "documents": "Văn bản (Documents)",
    "abbreviations": "Chữ viết tắt (Abbreviations)",
    "byline": "Nguồn tin (Byline)",
}


def _selected(facts: Iterable[Fact], kinds: Iterable[str] | None) -> list[Fact]:
    if kinds is None:
        return list(facts)
    wanted = set(kinds)
    return [f for f in facts if f.kind in wanted]


# --- one fact as text ------------------------------------------------------------------------


_DAY_WORD = re.compile(r"^ngày\s+", re.IGNORECASE)  # (compiled once: a value per event fact)
_MD_SPECIAL = re.compile(r"([\\`*_])")


def fact_display_value(fact: Fact) -> str:
    """The fact's value as one line of text, e.g. "30/01/2024 (2024-01-30)" or "Chủ tịch X (chủ trì)"."""
    v = fact.value
    if fact.kind == "event" and isinstance(v, (dict, Mapping)) and "iso" in v:
        words = _DAY_WORD.sub("", str(v.get("text") or ""))
        if not v["iso"]:  # a day-month whose year the article never gives: shown as written
            return words or "—"
        return f"{words} ({v['iso']})" if words and words != v["iso"] else str(v["iso"])
    if fact.kind == "people" and isinstance(v, (dict, Mapping)):
        shown = "; ".join(v.get("roles") or ())
        if v.get("actions"):
            shown = f"{shown} ({', '.join(v['actions'])})".strip()
        return shown
    if fact.kind == "figures" and isinstance(v, (dict, Mapping)):
        return str(v.get("display", v.get("number", "")))
    if fact.kind == "awards" and isinstance(v, (dict, Mapping)):
        return _award_display(v)
    if fact.kind == "documents" and isinstance(v, (dict, Mapping)):
        parts = [f"số {v.get('number')}"]
        if v.get("date"):
            parts.append(f"ngày {v['date']}")
        if v.get("issuer"):
            parts.append(f"của {v['issuer']}")
        return ", ".join(parts)
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _award_display(v: Mapping[str, Any]) -> str:
    parts = []
    if v.get("from"):
        parts.append(f"của {v['from']}")
    counts = []
    if v.get("collectives") is not None:
        counts.append(f"{v['collectives']} tập thể")
    if v.get("individuals") is not None:
        counts.append(f"{v['individuals']} cá nhân")
    if counts:
        parts.append("cho " + ", ".join(counts))
    if v.get("for"):
        parts.append(f"cho {v['for']}")
    if v.get("recipients"):
        parts.append("nhận: " + ", ".join(v["recipients"]))
    return "; ".join(parts) or str(v.get("award", ""))


def _md_escape(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s)


def fact_to_markdown(fact: Fact) -> str:
    """One fact as a Markdown list item, for copying a single fact."""
    shown = _md_escape(fact_display_value(fact))
    if fact.kind == "people":
        return f"- **{_md_escape(fact.label)}**" + (f" — {shown}" if shown else "")
    return f"- **{_md_escape(fact.label)}:** {shown}"


# --- whole exports ---------------------------------------------------------------------------


def _title_of(analysis: Analysis) -> str:
    return analysis.article.title or analysis.article.id


def to_markdown(analyses: Iterable[Analysis], kinds: Iterable[str] | None = None) -> str:
    """Articles as Markdown sections, facts grouped by kind under bilingual headings."""
    kinds = list(kinds) if kinds is not None else None
    blocks: list[str] = []
    for analysis in analyses:
        article = analysis.article
        meta = [_md_escape(x) for x in (analysis.date, analysis.organiser) if x]
        meta.append(f"`{article.source}`")
        lines = [f"## {_md_escape(_title_of(analysis))}", f"_{' · '.join(meta)}_"]
        facts = _selected(analysis.facts, kinds)
        for kind in FACT_KINDS:
            of_kind = [f for f in facts if f.kind == kind]
            if of_kind:
                lines.append("")
                lines.append(f"### {KIND_HEADINGS.get(kind, kind)}")
                lines.extend(fact_to_markdown(f) for f in of_kind)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def to_json(analyses: Iterable[Analysis], errors: Iterable[Any] = (), kinds: Iterable[str] | None = None) -> str:
    """The ``unionreader/facts-v1`` document (see README, "Facts JSON schema")."""
    return b"".join(json_pieces(analyses, errors, kinds)).decode()


def json_pieces(analyses: Iterable[Analysis], errors: Iterable[Any], kinds: Iterable[str] | None) -> Iterator[bytes]:
    """The document in UTF-8 pieces (``facts_json``: written as they come, not built as one str first)."""
    kinds = list(kinds) if kinds is not None else None
    return json_chunks(analyses, errors, lambda facts: _selected(facts, kinds), fact_display_value)


def to_csv(analyses: Iterable[Analysis], kinds: Iterable[str] | None = None, delimiter: str = ",") -> str:
    """One fact a row (``CSV_COLUMNS``); RFC 4180 quoting, so commas, quotes and newlines survive."""
    import csv

    kinds = list(kinds) if kinds is not None else None
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for analysis in analyses:
        for f in _selected(analysis.facts, kinds):
            writer.writerow([analysis.article.id, _title_of(analysis), f.kind, f.label, fact_display_value(f), f.text])
    return out.getvalue()


# --- one decision for every caller: which format, which encoding ------------------------------

EXPORT_FORMATS = ("md", "json", "csv", "tsv")
_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".tsv": "tsv"}


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for: .json, .csv, .tsv by suffix, anything else Markdown."""
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower(), "md")


def encoding_for(fmt: str) -> str:
    # Spreadsheets need the BOM to read a CSV as UTF-8 rather than the local code page (without it
    # Excel shows "CÃ´ng Ä‘oÃ n" for "Công đoàn").
    return "utf-8-sig" if fmt in ("csv", "tsv") else "utf-8"


def render(
    fmt: str, analyses: Iterable[Analysis], errors: Iterable[Any] = (), kinds: Iterable[str] | None = None
) -> str:
    """The export of ``analyses`` as text in ``fmt`` (one of ``EXPORT_FORMATS``)."""
    analyses = list(analyses)
    if fmt == "json":
        with fewer_collections():  # (pieces for every entity and fact, alive until the document is joined)
            return to_json(analyses, errors, kinds)
    if fmt in ("csv", "tsv"):
        return to_csv(analyses, kinds, delimiter="\t" if fmt == "tsv" else ",")
    if fmt == "md":
        return to_markdown(analyses, kinds)
    raise ValueError(f"unknown export format {fmt!r} (choose from: {', '.join(EXPORT_FORMATS)})")


def write_export(
    path: str | os.PathLike[str],
    analyses: Iterable[Analysis],
    errors: Iterable[Any] = (),
    kinds: Iterable[str] | None = None,
    fmt: str | None = None,
) -> str:
    """Write the export atomically, in ``fmt`` or the format the file name asks for; returns the format."""
    fmt = fmt or format_for_path(path)
    if fmt == "json":  # written an article at a time, never held whole
        with fewer_collections():
            write_atomic(path, json_pieces(analyses, errors, kinds))
        return fmt
    write_atomic(path, render(fmt, analyses, errors, kinds), encoding=encoding_for(fmt))
    return fmt
