"""What the reader shows, built apart from the widget: the article's header and styled body (entities of
the highlighted groups, the chosen fact, search hits, the `n`/`N` cursor), the styled Text of each
wrapped line, and the places `n`/`N` move to. The widget passes its styles in (they come from its CSS),
so nothing here touches Textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.style import Style
from rich.text import Text

from ...extract.models import Analysis, Entity
from .entity_styles import GROUP_OF_TYPE

StyleFor = Callable[[str], Style]  # a component's style by its name without "reader--" ("person", "hit")


@dataclass(frozen=True, slots=True)
class JumpTarget:
    """Where `n`/`N` moved to: a search hit or an entity, as offsets into ``Article.text``."""

    kind: str  # "hit" or the entity's display group
    start: int
    end: int
    entity: Entity | None = None


def jump_targets(
    hit_spans: Sequence[tuple[int, int]], entities: Iterable[Entity], groups: Iterable[str]
) -> list[JumpTarget]:
    """The search hits in order, or when there are none the entities of the highlighted ``groups``."""
    if hit_spans:
        return [JumpTarget("hit", s, e) for s, e in sorted(hit_spans)]
    groups = set(groups)
    return [
        JumpTarget(GROUP_OF_TYPE[e.type], e.start, e.end, e)
        for e in entities
        if GROUP_OF_TYPE.get(e.type) in groups
    ]


def styled_body(
    analysis: Analysis,
    entities: Iterable[Entity],
    groups: Iterable[str],
    style_for: StyleFor,
    fact_range: tuple[int, int] | None,
    hit_spans: Sequence[tuple[int, int]],
    cursor: JumpTarget | None,
) -> Text:
    """The article text styled; later marks (the fact, hits, the cursor) are laid over earlier ones."""
    article = analysis.article
    body = Text(article.text, end="")
    for paragraph in article.paragraphs:
        if paragraph.kind == "caption":
            body.stylize(style_for("caption"), paragraph.start, paragraph.end)
        elif paragraph.kind == "title":
            body.stylize(style_for("title"), paragraph.start, paragraph.end)
    groups = set(groups)
    for entity in entities:
        group = GROUP_OF_TYPE.get(entity.type)
        if group in groups:
            body.stylize(style_for(group), entity.start, entity.end)
    if fact_range:
        body.stylize(style_for("fact"), *fact_range)
    for start, end in hit_spans:
        body.stylize(style_for("hit"), start, end)
    if cursor:
        body.stylize(style_for("cursor"), cursor.start, cursor.end)
    return body


def article_header(analysis: Analysis, style_for: StyleFor) -> Text:
    """The lines above the text: a derived title (marked so), then date · byline · file."""
    article = analysis.article
    header = Text(end="")
    if article.title_derived:
        header.append("≈ " + article.title, style_for("title") + Style(italic=True))
        header.append("  (title derived from the text)\n", style_for("meta"))
    meta = " · ".join(
        part for part in (analysis.date or article.published, article.byline, _shown_path(article.source)) if part
    )
    header.append(meta + "\n\n", style_for("meta"))
    return header


def cut_into_lines(doc: Text, lines: Sequence[tuple[int, int]]) -> list[Text]:
    """The styled Text of every wrapped line, cut in one pass (slicing a Rich Text per line would walk
    all its spans for each line)."""
    cuts = sorted({offset for line in lines for offset in line})
    pieces = doc.divide(cuts)
    piece_at = {start: piece for start, piece in zip([0, *cuts], pieces, strict=False)}
    return [piece_at.get(start, Text()) if start < end else Text() for start, end in lines]


def _shown_path(source: str) -> str:
    """The article's file as the user can find it: relative to the working folder when inside it."""
    path = Path(source)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return source
