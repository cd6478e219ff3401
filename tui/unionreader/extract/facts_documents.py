"""Facts of the documents, abbreviations and byline of an article (see ``facts.extract_facts``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..articles import Article
from ..patterns import on_first_use
from ..text import fold_nfc
from .facts_common import EntityIndex, SentenceIndex, clean_phrase, key
from .facts_event import full_iso
from .models import Fact
from .records import new_fact

_DOC_KIND_WORDS = on_first_use(
    r"(Nghị quyết|Chỉ thị|Kết luận|Kế hoạch|Quyết định|Thông tư|Nghị định|Luật|Công văn|Hướng dẫn|Thông báo|"
    r"Chương trình|Quy định|Quy chế)\s+(?:số\s+)?$",
    re.IGNORECASE,
)


_OF = re.compile(r"\bcủa\s+")


def _document_kind_label(kind: str | None) -> str:
    return kind[:1].upper() + kind[1:] if kind else "Văn bản"


def document_facts(text, entities, ents: EntityIndex, sentences: SentenceIndex) -> list[Fact]:
    facts: dict[str, Fact] = {}
    for i in ents.of_type("document"):
        e = entities[i]
        s = sentences.at(e.start)
        number = str(e.value) if e.value else e.text
        kind = e.meta.get("kind") if e.meta else None
        if not kind:
            m = _DOC_KIND_WORDS.search(text, max(s.start, e.start - 24), e.start)
            kind = m.group(1) if m else None
        kind = _document_kind_label(kind)
        value: dict = {"kind": kind, "number": number}
        used = [i]
        after = text[e.end : min(s.end, e.end + 160)]
        j = ents.starting_at(e.end, "date", slack=8)
        if (
            j is not None
            and re.fullmatch(r"\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?", text[e.end : entities[j].start])
            and full_iso(entities[j].value)
        ):
            value["date"] = entities[j].value
            used.append(j)
        issuer = _OF.search(after) if "của" in after else None  # (the search tries every offset of the 160)
        if issuer and issuer.start() < 60:
            j = ents.starting_at(e.end + issuer.end(), "organization", slack=1)
            if j is not None:
                value["issuer"] = clean_phrase(entities[j].text)
                used.append(j)
        label = kind
        k = key(number)
        if k in facts:
            old = facts[k]
            merged = {**value, **old.value}
            facts[k] = new_fact(old.kind, old.label, merged, old.text, old.start, old.end, tuple(sorted({*old.entities, *used})))
        else:
            facts[k] = new_fact("documents", label, value, sentences.span_text(s), s.start, s.end, tuple(used))
    return list(facts.values())


@lru_cache(maxsize=4096)
def _abbreviation_key(written: str) -> str:
    """(cached: an article writes each abbreviation several times, and the genre's are few)"""
    return fold_nfc(written).upper()


def abbreviation_facts(text, entities, ents: EntityIndex, sentences: SentenceIndex) -> list[Fact]:
    first: dict[str, int] = {}
    defined: dict[str, int] = {}
    for i in ents.of_type("abbreviation"):
        e = entities[i]
        abbr = _abbreviation_key(e.text)
        first.setdefault(abbr, i)
        if e.value and abbr not in defined:
            defined[abbr] = i
    facts: list[Fact] = []
    for abbr, i in first.items():
        j = defined.get(abbr, i)
        e = entities[j]
        s = sentences.at(e.start)
        facts.append(new_fact("abbreviations", e.text, e.value, sentences.span_text(s), s.start, s.end, (j,)))
    return facts


def byline_facts(article: Article) -> list[Fact]:
    """The reporter, and the publication and URL the page or JSONL record gives (never the file's path on
    this machine: that is no fact to paste into a report; the reader's header shows it)."""
    facts = []
    if article.byline:
        facts.append(new_fact("byline", "Phóng viên", article.byline, "", 0, 0))
    source = " · ".join(part for part in (article.origin, article.url) if part)
    if source:
        facts.append(new_fact("byline", "Nguồn", source, "", 0, 0))
    return facts


