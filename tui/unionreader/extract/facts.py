"""Facts from entities: what happened, when, where, who held it, who took part, the figures.

``extract_facts(article, entities)`` is pure. Each fact carries the sentence it came from (offsets into
``Article.text``) and the indices of the entities it uses; value shapes are documented in the README
("Facts JSON schema").
"""

from __future__ import annotations

from bisect import bisect_left

from ..articles import Article
from .facts_awards import award_facts
from .facts_common import EntityIndex, Sentence, SentenceIndex
from .facts_documents import abbreviation_facts, byline_facts, document_facts
from .facts_event import event_facts, organiser_facts
from .facts_figures import figure_facts
from .facts_people import people_facts
from .models import Entity, Fact

__all__ = ["extract_facts"]

_LEAD_PARAGRAPHS = 2
_LEAD_CHARS = 1500


def extract_facts(article: Article, entities: list[Entity]) -> list[Fact]:
    text = article.text
    sentences = SentenceIndex(text)
    ents = EntityIndex(entities)
    facts: list[Fact] = []
    lead = _lead_sentences(article, sentences)
    facts.extend(event_facts(article, entities, ents, sentences, lead))
    facts.extend(organiser_facts(article, entities, ents, sentences, lead))
    facts.extend(people_facts(article, entities, sentences, ents))
    facts.extend(_without_title_repeats(article, figure_facts(text, entities, sentences, ents)))
    facts.extend(award_facts(text, entities, sentences, ents))
    facts.extend(document_facts(text, entities, ents, sentences))
    facts.extend(abbreviation_facts(text, entities, ents, sentences))
    facts.extend(byline_facts(article))
    return facts


def _without_title_repeats(article: Article, figures: list[Fact]) -> list[Fact]:
    """The figures, less those of the title that the body states again ("Hơn 1.000 công nhân …" in both):
    the body's fact has the fuller sentence and label."""
    title_end = next((p.end for p in article.paragraphs if p.kind == "title"), None)
    if title_end is None or not any(f.start < title_end for f in figures):
        return figures
    in_body = {(f.value.get("type"), f.value.get("display")) for f in figures if f.start >= title_end}
    return [f for f in figures if f.start >= title_end or (f.value.get("type"), f.value.get("display")) not in in_body]


def _lead_sentences(article: Article, sentences: SentenceIndex) -> list[Sentence]:
    """The title and the first body paragraphs: where the genre says what, when and who organised."""
    # (A report's headings in capitals, "CÔNG ĐOÀN CÔNG TY …", "BÁO CÁO KẾT QUẢ …", open no lead: not counted.)
    text = article.text
    body = []  # (the first lead paragraphs only: the others are neither sliced nor tested)
    for p in article.paragraphs:
        if p.kind == "body" and not text[p.start : p.end].isupper():
            body.append(p)
            if len(body) == _LEAD_PARAGRAPHS:
                break
    if body:
        limit = min(body[-1].end, body[0].start + _LEAD_CHARS)
    else:
        limit = min(len(article.text), _LEAD_CHARS)
    # (The sentences come in order of their starts: those before ``limit`` are a prefix.)
    return sentences.sentences[: bisect_left(sentences.starts, limit)]
