"""The ``unionreader/facts-v1`` JSON document as UTF-8 pieces, one article a piece (see README, "Facts JSON
schema"): what ``export.to_json`` returns decoded and ``export.write_export`` writes as it comes.

Why bytes: built as one str, the document was UCS-2 as soon as it held one Vietnamese letter, so every
brace, field name and number was widened in each join and went through the UTF-8 encoder at the end, and
every string through the JSON escaper too. Here each distinct string of a document is encoded once
(``_Encoded``: 24,114 entity texts are 3,738 distinct in 1,000 short articles), checked for the bytes JSON
escapes with one table lookup a byte, and the pieces are joined as bytes, which is a plain copy.

The layout is the one ``json.dumps(..., ensure_ascii=False)`` gives each value, with one entity, fact and
error a line: as readable as ``indent=2`` and far smaller.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from .extract.models import Analysis, Fact

JSON_SCHEMA = "unionreader/facts-v1"


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

# The bytes a JSON string writes escaped, but for the quote, backslash and newline (``_string_json`` replaces
# those): translated to another byte, so that a text holding none of them translates to itself.
_ESCAPED_BYTES = set(range(0x20)) - {ord("\n")}
_FLAG_ESCAPED = bytes(b ^ 0x80 if b in _ESCAPED_BYTES else b for b in range(256))


def _string_json(text: str) -> bytes:
    """``json.dumps(text, ensure_ascii=False).encode()``: a third of the time for a text (the escaper reads
    each character twice and the UTF-8 encoder once more; ``translate`` is a table lookup a byte, and
    ``replace`` a memchr where there is nothing to replace). UTF-8 writes no byte below 0x80 but ASCII."""
    data = text.encode()
    if data.translate(_FLAG_ESCAPED) != data:  # a control character other than "\n": the escaper's own way
        return _encode_str(text).encode()
    return b'"' + data.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n") + b'"'


def _value_json(value: Any) -> bytes:
    """``json.dumps(value, ensure_ascii=False).encode()``, without the encoder for a str, None, bool or int."""
    kind = type(value)
    if kind is str:
        return _string_json(value)
    if value is None:
        return b"null"
    if kind is bool:
        return b"true" if value else b"false"
    if kind is int:
        return int.__repr__(value).encode()
    return _dumps(value).encode()


# A document's encodings are kept in plain dicts, read with ``get(value) or _keep…(dict, value)``: a dict
# subclass with ``__missing__`` reads a third slower (its look-up goes through ``__getitem__``).

# Each table stops growing at this many entries: a document of 100,000 articles is written a piece at a
# time, and what it keeps must not grow with it (the names and labels that recur are met early).
_KEPT_LIMIT = 50_000


def _keep(kept: dict[Any, bytes], value: Any, before: bytes = b"", after: bytes = b"") -> bytes:
    """``_value_json(value)`` framed by ``before`` and ``after``, kept for the next look-up when ``value`` is
    a str: any other value is encoded each time, since 1, True and 1.0 are one key."""
    encoded = before + _value_json(value) + after
    if type(value) is str and len(kept) < _KEPT_LIMIT:
        kept[value] = encoded
    return encoded


def _keep_number(kept: dict[int, bytes], number: int) -> bytes:
    """An int's digits, kept for the next look-up (offsets and entity numbers recur): an exact int only."""
    digits = int.__repr__(number).encode()
    if len(kept) < _KEPT_LIMIT:
        kept[number] = digits
    return digits


class _Kept:
    """The encodings a document keeps (24,114 entity texts are 3,738 distinct in 1,000 short articles)."""

    def __init__(self) -> None:
        self.strings: dict[Any, bytes] = {}
        self.types: dict[Any, bytes] = {}  # an entity's type framed: '{"type": "person", "text": '
        self.kinds: dict[Any, bytes] = {}  # a fact's kind framed: '{"kind": "people", "label": '
        self.numbers: dict[int, bytes] = {}


_TYPE_FRAME = (b'{"type": ', b', "text": ')
_KIND_FRAME = (b'{"kind": ', b', "label": ')
_ENTITY_FIELDS = frozenset(("type", "text", "start", "end", "value"))
_ENTITY_SEPARATOR = b",\n        "  # (entities and facts: one a line, inside an article)


def _entity_lines(entities: Iterable[Any], parts: list[bytes], kept: _Kept) -> None:
    """Each entity's ``_dumps(entity.to_json())`` as pieces on ``parts``, a line each after the first.

    An entity whose offsets are no plain ints, or whose ``meta`` has a key that is no str or is one of the
    fields, takes the encoder's way."""
    strings, types, numbers = kept.strings, kept.types, kept.numbers
    string, type_head, digits = strings.get, types.get, numbers.get
    separator = b""
    extend = parts.extend
    for entity in entities:
        kind, text, start, end, value, meta = (
            entity.type, entity.text, entity.start, entity.end, entity.value, entity.meta)
        if type(start) is not int or type(end) is not int or (meta and not _plain_meta(meta)):
            extend((separator, _dumps(entity.to_json()).encode()))
            separator = _ENTITY_SEPARATOR
            continue
        kind_of_value = type(value)
        if kind_of_value is str:
            value = string(value) or _keep(strings, value)
        elif value is None:
            value = b"null"
        elif kind_of_value is int:
            value = digits(value) or _keep_number(numbers, value)
        else:
            value = _value_json(value)
        extend((separator, type_head(kind) or _keep(types, kind, *_TYPE_FRAME), string(text) or _keep(strings, text),
                b', "start": ', digits(start) or _keep_number(numbers, start),
                b', "end": ', digits(end) or _keep_number(numbers, end), b', "value": ', value))
        if meta:
            for key, extra in meta.items():
                extend((b", ", string(key) or _keep(strings, key), b": ", _value_json(extra)))
        parts.append(b"}")
        separator = _ENTITY_SEPARATOR


def _plain_meta(meta: Mapping[str, Any]) -> bool:
    return all(type(key) is str and key not in _ENTITY_FIELDS for key in meta)


def _fact_json(fact: Fact, display: Callable[[Fact], str]) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "label": fact.label,
        "value": fact.value,
        "display": display(fact),
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "entities": list(fact.entities),
    }


def _fact_lines(facts: Iterable[Fact], parts: list[bytes], kept: _Kept, display: Callable[[Fact], str]) -> None:
    """Each fact's ``_dumps(_fact_json(fact))`` as pieces on ``parts``, a line each after the first.

    A fact whose offsets or entity numbers are no plain ints takes the encoder's way."""
    strings, kinds, numbers = kept.strings, kept.kinds, kept.numbers
    string, kind_head, digits = strings.get, kinds.get, numbers.get
    separator = b""
    extend = parts.extend
    for fact in facts:
        kind, label, value, text, start, end, ids = (
            fact.kind, fact.label, fact.value, fact.text, fact.start, fact.end, fact.entities)
        count = len(ids)
        if count == 1 and type(ids[0]) is int:  # (the common case: one entity)
            ids = digits(ids[0]) or _keep_number(numbers, ids[0])
        elif count and all(type(i) is int for i in ids):
            ids = b", ".join([digits(i) or _keep_number(numbers, i) for i in ids])
        elif count:
            ids = None
        else:
            ids = b""
        if ids is None or type(start) is not int or type(end) is not int:
            extend((separator, _dumps(_fact_json(fact, display)).encode()))
            separator = _ENTITY_SEPARATOR
            continue
        kind_of_value = type(value)
        if kind_of_value is dict:
            value = _dumps(value).encode()
        elif kind_of_value is str:
            value = string(value) or _keep(strings, value)
        else:
            value = _value_json(value)
        shown = display(fact)
        extend((separator, kind_head(kind) or _keep(kinds, kind, *_KIND_FRAME), string(label) or _keep(strings, label),
                b', "value": ', value, b', "display": ', string(shown) or _keep(strings, shown),
                b', "text": ', string(text) or _keep(strings, text),
                b', "start": ', digits(start) or _keep_number(numbers, start),
                b', "end": ', digits(end) or _keep_number(numbers, end), b', "entities": [', ids, b"]}"))
        separator = _ENTITY_SEPARATOR


def _error_json(error: Any) -> dict[str, str]:
    if isinstance(error, Mapping):
        return {"source": str(error.get("source", "")), "error": str(error.get("error", ""))}
    return {"source": str(getattr(error, "source", "")), "error": str(getattr(error, "error", error))}


def json_chunks(
    analyses: Iterable[Analysis], errors: Iterable[Any], selected: Callable[[Iterable[Fact]], list[Fact]],
    display: Callable[[Fact], str],
) -> Iterator[bytes]:
    """The document in UTF-8, the opening and each article a piece, the errors and the end the last one.

    ``selected`` keeps the facts to export of an article's, ``display`` gives a fact's "display" text."""
    kept = _Kept()
    head = b'{\n  "schema": ' + _string_json(JSON_SCHEMA) + b',\n  "articles": '
    first = opening = head + b'[\n    {\n      "id": '
    for analysis in analyses:
        a = analysis.article
        parts = [
            opening, _value_json(a.id),
            b',\n      "source": ', _value_json(a.source),
            # "title" is the page's own headline ("" when it has none); the app shows display_title.
            b',\n      "title": ', _value_json("" if a.title_derived else a.title),
            b',\n      "title_derived": ', _value_json(a.title_derived),
            b',\n      "display_title": ', _value_json(a.title),
            b',\n      "date": ', _value_json(analysis.date),
            b',\n      "organiser": ', _value_json(analysis.organiser),
            b',\n      "published": ', _value_json(a.published),
            b',\n      "url": ', _value_json(a.url),
            b',\n      "byline": ', _value_json(a.byline),
            b',\n      "text": ', _value_json(a.text),
        ]
        opening = b',\n    {\n      "id": '
        if analysis.entities:
            parts.append(b',\n      "entities": [\n        ')
            _entity_lines(analysis.entities, parts, kept)
            parts.append(b"\n      ]")
        else:
            parts.append(b',\n      "entities": []')
        facts = selected(analysis.facts)
        if facts:
            parts.append(b',\n      "facts": [\n        ')
            _fact_lines(facts, parts, kept, display)
            parts.append(b"\n      ]\n    }")
        else:
            parts.append(b',\n      "facts": []\n    }')
        yield b"".join(parts)
    closing = head + b"[]" if opening is first else b"\n  ]"  # (no article: an empty list)
    error_lines = [_dumps(_error_json(e)).encode() for e in errors]
    if error_lines:
        yield closing + b',\n  "errors": [\n    ' + b",\n    ".join(error_lines) + b"\n  ]\n}\n"
    else:
        yield closing + b',\n  "errors": []\n}\n'
