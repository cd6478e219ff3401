"""What the index takes from one article: its text and title, and from its analysis the entity-field
words, the facets, the dates and the expansions the article defines; worked out from the analysis
alone (no index state). The library's worker processes work them out beside the extraction, so the
process that builds the index gets these few strings instead of the analysis (decoding an analysis
and walking its entities were most of that process's work in a cold open)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from ..extract.models import Analysis
from .aliases import fold_phrase

__all__ = ["DocTerms", "Prepared", "doc_terms"]

_ENTITY_FIELD = {"person": "person", "organization": "org", "location": "place"}
_YEAR_START = re.compile(r"(19|20)\d\d")
_DATE_KEY = re.compile(r"\d{4}(-\d\d){0,2}")
SEPARATOR = "\0"  # between a field's values (never inside a folded word)
_KIND = attrgetter("kind")


@dataclass(frozen=True, slots=True)
class DocTerms:
    # The article's text as UTF-8, which is what the index cuts into chunks: encoded once where the
    # terms are made, it crosses from a worker process as it is (a ``str`` is encoded to be pickled and
    # decoded again, then encoded once more for the index: 7 % of the opening process's instructions).
    text_utf8: bytes
    title: str
    date: str  # the article's date for sorting: the event's, else the published one, else ""
    # (field name, its values joined by SEPARATOR): each value once, in the order first met
    fields: tuple[tuple[str, str], ...]
    facets: tuple[tuple[str, str], ...]  # (kind, value), each once
    expansions: tuple[str, ...]  # folded words of each abbreviation the article defines, every time

    def __reduce__(self):
        # (sent from worker processes: positional fields load faster than the dataclass state)
        return type(self), (self.text_utf8, self.title, self.date, self.fields, self.facets, self.expansions)


class Prepared:
    """An article handed to the index with its ``DocTerms`` worked out elsewhere (a worker process);
    ``analysis()`` gives the article itself when it is asked for."""

    __slots__ = ()

    terms: DocTerms

    def analysis(self) -> Analysis:
        raise NotImplementedError


def doc_terms(analysis: Analysis) -> DocTerms:
    # Each field's words in a list as met, made unique once at the end (``dict.fromkeys`` keeps the first
    # of each, the order a dict per field kept): a list's ``+=`` per name costs a third of a dict made
    # of its words and merged into the field's.
    fields: dict[str, list[str]] = {}
    facets: dict[tuple[str, str], None] = {}
    displays: dict[tuple[str, str], None] = {}  # (field, name as shown): each folded once
    expansions: list[str] = []
    dates = dict.fromkeys(d for d in (analysis.date, analysis.article.published) if d)

    def put(name: str, value: str) -> None:
        words = fields.get(name)
        if words is None:
            fields[name] = [value]
        else:
            words.append(value)

    for entity in analysis.entities:
        kind = entity.type
        name = _ENTITY_FIELD.get(kind)
        value = entity.value
        if name:
            display = value if isinstance(value, str) and value else entity.text
            if (name, display) not in displays:
                displays[name, display] = None
                syllables = fold_phrase(display)
                if syllables:
                    words = fields.get(name)
                    if words is None:
                        fields[name] = [*syllables]
                    else:
                        words += syllables
            if kind != "location":
                facets[kind, display] = None
        elif kind == "money":
            put("has", "money")
        elif kind == "document":
            put("has", "document")
        elif kind == "date":
            if isinstance(value, str):
                dates[value] = None
        elif kind == "abbreviation" and isinstance(value, str):
            expansions.extend(fold_phrase(value))
    # Facts give their kinds (and an award or a document): each distinct kind once, in the order met,
    # is what a visit of each of an article's ~40 facts put.
    kinds = list(map(_KIND, analysis.facts))
    if kinds:
        fields.setdefault("kind", []).extend(kinds)
        for kind in dict.fromkeys(kinds):
            facets["kind", kind] = None
            if kind == "awards":
                put("has", "award")
            elif kind == "documents":
                put("has", "document")
    for iso in dates:
        keys = _date_keys(iso)
        for key in keys:
            put("date", key)
        if keys:
            facets["year", iso[:4]] = None
    return DocTerms(
        analysis.article.text.encode("utf-8", "replace"),
        analysis.article.title,
        analysis.date or analysis.article.published or "",
        tuple((name, SEPARATOR.join(dict.fromkeys(words))) for name, words in fields.items()),
        tuple(facets),
        tuple(expansions),
    )


@lru_cache(maxsize=4096)
def _date_keys(iso: str) -> tuple[str, ...]:
    """The year, month and day keys a date is found by ("2024-01-30" → "2024", "2024-01", "2024-01-30")."""
    if not _YEAR_START.match(iso):
        return ()
    return tuple(k for k in dict.fromkeys((iso[:4], iso[:7], iso[:10])) if _DATE_KEY.fullmatch(k))
