"""Facts out of the program: Markdown to paste into a report, JSON for scripts, CSV/TSV for spreadsheets.

Pure functions (text in, text out) shared by the ``facts`` command and the app, plus ``write_atomic``
so that an export never leaves a half-written file behind.
"""

from __future__ import annotations

import io
import json
import json.encoder
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .extract.models import FACT_KINDS, Analysis, Fact
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

JSON_SCHEMA = "unionreader/facts-v1"
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


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "label": fact.label,
        "value": fact.value,
        "display": fact_display_value(fact),
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "entities": list(fact.entities),
    }


def _error_json(error: Any) -> dict[str, str]:
    if isinstance(error, Mapping):
        return {"source": str(error.get("source", "")), "error": str(error.get("error", ""))}
    return {"source": str(getattr(error, "source", "")), "error": str(getattr(error, "error", error))}


def to_json(analyses: Iterable[Analysis], errors: Iterable[Any] = (), kinds: Iterable[str] | None = None) -> str:
    """The ``unionreader/facts-v1`` document (see README, "Facts JSON schema")."""
    kinds = list(kinds) if kinds is not None else None
    articles = []
    for analysis in analyses:
        a = analysis.article
        articles.append(
            {
                "id": a.id,
                "source": a.source,
                # "title" is the page's own headline ("" when it has none); the app shows display_title.
                "title": "" if a.title_derived else a.title,
                "title_derived": a.title_derived,
                "display_title": a.title,
                "date": analysis.date,
                "organiser": analysis.organiser,
                "published": a.published,
                "url": a.url,
                "byline": a.byline,
                "text": a.text,
                "entities": [_entity_text(e) for e in analysis.entities],
                "facts": _facts_text(_selected(analysis.facts, kinds)),
            }
        )
    return _json_document(articles, [_error_json(e) for e in errors])


def _make_dumps() -> Callable[[Any], str]:
    """``json.dumps(o, ensure_ascii=False)`` at C speed for many small objects.

    ``JSONEncoder.encode`` sets up a new C encoder on every call, which costs more than encoding one entity;
    this one is set up once (``indent`` would turn the C encoder off altogether)."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = json.encoder.c_make_encoder
    if make is None:  # an interpreter without the C accelerator
        return encoder.encode
    encode = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda o: "".join(encode(o, 0))


_dumps = _make_dumps()


_encode_str = json.encoder.encode_basestring  # what the encoder above writes a str with (C when available)
_int_text = int.__repr__  # what it writes an int with


def _scalar_text(value: Any) -> str | None:
    """The JSON text the encoder writes for a str, None, bool or int; None for any other value."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _value_text(value: Any) -> str:
    """``_dumps(value)``; a str, None, bool or int (an article's fields) without a call into the encoder."""
    text = _scalar_text(value)
    return _dumps(value) if text is None else text


def _entity_text(entity: Any) -> str:
    """``_dumps(entity.to_json())`` without the dict: the entity's line, written field by field.

    An entity with ``meta``, or with offsets that are no plain ints, takes the dict path."""
    if entity.meta or type(entity.start) is not int or type(entity.end) is not int or type(entity.type) is not str:
        return _dumps(entity.to_json())
    value = _scalar_text(entity.value)
    if value is None:
        value = _dumps(entity.value)
    return (f'{{"type": {_encode_str(entity.type)}, "text": {_encode_str(entity.text)}, "start": {entity.start}, '
            f'"end": {entity.end}, "value": {value}}}')


def _facts_text(facts: list[Fact]) -> list[str]:
    """``_dumps(_fact_json(f))`` for each fact, field by field; a sentence shared by facts is encoded once.

    Each field is read once, a dict value goes straight to the encoder and a fact's one entity (the common
    case) is written without a generator and a join: a sixth less time than reading fields per use."""
    sentences: dict[str, str] = {}
    out: list[str] = []
    append = out.append
    for fact in facts:
        kind, label, value, text, start, end, entities = (
            fact.kind, fact.label, fact.value, fact.text, fact.start, fact.end, fact.entities)
        plain = (type(kind) is str and type(label) is str and type(text) is str
                 and type(start) is int and type(end) is int)
        if plain and len(entities) == 1:
            plain = type(entities[0]) is int
            ids = _int_text(entities[0]) if plain else ""
        elif plain:
            plain = all(type(i) is int for i in entities)
            ids = ", ".join(map(_int_text, entities)) if plain else ""
        if not plain:
            append(_dumps(_fact_json(fact)))
            continue
        kind_of_value = type(value)
        if kind_of_value is str:
            value = _encode_str(value)
        elif kind_of_value is dict:
            value = _dumps(value)
        else:
            value = _value_text(value)
        display = fact_display_value(fact)
        sentence = sentences.get(text)
        if sentence is None:
            sentence = sentences[text] = _encode_str(text)
        append(
            f'{{"kind": {_encode_str(kind)}, "label": {_encode_str(label)}, "value": {value}, '
            f'"display": {_value_text(display)}, "text": {sentence}, "start": {start}, '
            f'"end": {end}, "entities": [{ids}]}}'
        )
    return out


def _json_list(items: list[Any], indent: str, encoded: bool = False) -> str:
    """A list with one item a line, each item compact: as readable as ``indent=2`` and ten times faster.
    With ``encoded`` the items are JSON texts already."""
    if not items:
        return "[]"
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(items if encoded else map(_dumps, items)) + "\n" + indent + "]"


_LISTED_FIELDS = ("entities", "facts")  # an article's fields that hold lists of encoded lines


def _json_document(articles: list[dict[str, Any]], errors: list[dict[str, str]]) -> str:
    """The document, indented down to each article's fields; entities, facts and errors a line each.

    Its pieces are joined once, at the end: joining each list, article and the article list in turn
    copied the whole document (MBs for a thousand articles) five or six times."""
    names: dict[str, str] = {}  # each field name encoded once, not once per article
    parts = ['{\n  "schema": ', _dumps(JSON_SCHEMA), ',\n  "articles": ']
    append = parts.append
    if articles:
        opening = "[\n    {\n      "
        for article in articles:
            append(opening)
            opening = ",\n    {\n      "
            separator = ""
            for key, value in article.items():
                name = names.get(key)
                if name is None:
                    name = names[key] = _dumps(key)
                if key not in _LISTED_FIELDS:
                    append(f"{separator}{name}: {_value_text(value)}")
                elif value:  # (``_json_list`` of encoded items, in pieces)
                    append(f"{separator}{name}: [\n        ")
                    append(",\n        ".join(value))
                    append("\n      ]")
                else:
                    append(f"{separator}{name}: []")
                separator = ",\n      "
            append("\n    }")
        append("\n  ]")
    else:
        append("[]")
    append(f',\n  "errors": {_json_list(errors, "  ")}\n}}\n')
    return "".join(parts)


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
        with fewer_collections():  # a dict per entity and fact, alive until the document is joined
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
    write_atomic(path, render(fmt, analyses, errors, kinds), encoding=encoding_for(fmt))
    return fmt
