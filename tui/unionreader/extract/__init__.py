"""Entity and fact extraction: pure functions from an ``Article`` to what it states."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import ENTITY_TYPES, FACT_KINDS, Analysis, Entity, Fact

if TYPE_CHECKING:
    from ..articles import Article
    from .entities import extract_entities
    from .facts import extract_facts

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


def __getattr__(name: str):
    # The rules (lexicons, compiled patterns: a fifth of a second to import) load on first use, not
    # whenever a model is needed: reading analyses back from the cache uses only the models.
    if name == "extract_entities":
        from .entities import extract_entities

        return extract_entities
    if name == "extract_facts":
        from .facts import extract_facts

        return extract_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def analyse(article: Article) -> Analysis:
    """Entities and facts of one article, with its event date (ISO) and organiser lifted out."""
    from .entities import extract_entities
    from .facts import extract_facts

    entities = tuple(extract_entities(article))
    facts = tuple(extract_facts(article, list(entities)))
    date = next(
        (f.value["iso"] for f in facts if f.kind == "event" and isinstance(f.value, dict) and f.value.get("iso")),
        None,
    )
    organiser = next((f.value for f in facts if f.kind == "organiser" and isinstance(f.value, str)), None)
    return Analysis(article, entities, facts, date, organiser)
