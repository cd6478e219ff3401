"""Entity and fact extraction: pure functions from an ``Article`` to what it states."""

from __future__ import annotations

from ..corpus import Article
from .entities import extract_entities
from .facts import extract_facts
from .models import ENTITY_TYPES, FACT_KINDS, Analysis, Entity, Fact

__all__ = [
    "ENTITY_TYPES",
    "FACT_KINDS",
    "Analysis",
    "Entity",
    "Fact",
    "analyse",
    "extract_entities",
    "extract_facts",
]


def analyse(article: Article) -> Analysis:
    """Entities and facts of one article, with its event date (ISO) and organiser lifted out."""
    entities = tuple(extract_entities(article))
    facts = tuple(extract_facts(article, list(entities)))
    date = next(
        (f.value["iso"] for f in facts if f.kind == "event" and isinstance(f.value, dict) and f.value.get("iso")),
        None,
    )
    organiser = next((f.value for f in facts if f.kind == "organiser" and isinstance(f.value, str)), None)
    return Analysis(article, entities, facts, date, organiser)
