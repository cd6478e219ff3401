"""Facts from entities (to be built: issue 4)."""

from __future__ import annotations

from ..corpus import Article
from .models import Entity, Fact


def extract_facts(article: Article, entities: list[Entity]) -> list[Fact]:
    return []
