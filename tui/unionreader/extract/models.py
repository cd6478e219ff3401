"""The extraction results: small frozen records that the index, export and app consume."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..articles import Article

ENTITY_TYPES = (
    "person",
    "organization",
    "location",
    "role",
    "count",
    "money",
    "percent",
    "ratio",
    "date",
    "document",
    "abbreviation",
)

FACT_KINDS = (
    "event",
    "organiser",
    "people",
    "figures",
    "awards",
    "documents",
    "abbreviations",
    "byline",
)


@dataclass(frozen=True, slots=True)
class Entity:
    """``text == article.text[start:end]``; ``value`` is the normalised meaning (see README)."""

    type: str
    text: str
    start: int
    end: int
    value: Any
    meta: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"year_inferred": True}

    def to_json(self) -> dict[str, Any]:
        out = {"type": self.type, "text": self.text, "start": self.start, "end": self.end, "value": self.value}
        out.update(self.meta)
        return out

    def __reduce__(self):
        # Pickled by the library's workers and its store: positional fields load several times faster
        # than the frozen-dataclass state (``dataclasses._dataclass_setstate`` walks ``fields()`` per object).
        return type(self), (self.type, self.text, self.start, self.end, self.value, self.meta)


@dataclass(frozen=True, slots=True)
class Fact:
    """One answer a reader copies into a report, traceable to its sentence ``[start, end)``."""

    kind: str  # one of FACT_KINDS
    label: str  # short Vietnamese label, e.g. "Đoàn viên", "Ngày", "Chủ trì"
    value: Any  # display-ready value (str) or structured value (dict) — see README
    text: str  # the sentence it came from
    start: int
    end: int
    entities: tuple[int, ...] = ()  # indices into the article's entity list

    def __reduce__(self):
        # (positional fields: see the first model's ``__reduce__``)
        return type(self), (self.kind, self.label, self.value, self.text, self.start, self.end, self.entities)


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article with everything extracted from it: the unit the index and the app work on."""

    article: Article
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    date: str | None = None  # the event date (ISO), or None
    organiser: str | None = None

    def __reduce__(self):
        # (positional fields: see the first model's ``__reduce__``)
        return type(self), (self.article, self.entities, self.facts, self.date, self.organiser)
