"""Entity recognition: names (``names.extract_names``) and figures (``figures.extract_figures``) merged.

Overlap policy, applied after both extractors ran on ``Article.text``:

* within one type, overlapping entities keep the longer (the earlier on a tie);
* a name-family entity (person, organization, location, role, abbreviation) lying inside a document
  number ("LĐLĐ" in "45/KH-LĐLĐ") or a date is dropped: it is part of that figure;
* a count whose number lies inside a money, date, ratio, percent or document span is dropped (the
  figures pass already guarantees this; kept here for names that carry digits);
* otherwise entities of different types may overlap: a location inside an organisation, a role
  next to a person, an abbreviation inside an organisation all stay.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import islice
from operator import attrgetter, le, lt

from ..articles import Article
from .figures import extract_figures
from .models import Entity
from .names import extract_names as _extract_names

NAME_TYPES = frozenset({"person", "organization", "location", "role", "abbreviation"})
_SWALLOWING_FIGURES = frozenset({"document", "date"})
_COUNT_BLOCKERS = frozenset({"money", "date", "ratio", "percent", "document"})
_ISO_YEAR = re.compile(r"^(\d{4})")

__all__ = ["extract_entities", "merge_entities"]


_by_type, _by_start, _by_end = attrgetter("type"), attrgetter("start"), attrgetter("end")


def _sort_by_position(entities: list[Entity]) -> None:
    """Sort in place by (start, -end), stable: two key sorts run in C, no Python key per entity."""
    entities.sort(key=_by_end, reverse=True)  # reverse=True keeps equal keys in their order
    entities.sort(key=_by_start)


def _keep_longest(entities: list[Entity]) -> list[Entity]:
    """Same-type overlaps resolved in one sweep per type: of two overlapping spans the longer stays.

    The result is grouped by type (types in alphabetical order), each group sorted by (start, -end).
    """
    entities.sort(key=_by_type)  # stable: each type's entities stay in their order
    # Usually (always for figures, which claim their characters) each entity starts after the previous one of
    # its type ends: every group is then sorted already and nothing overlaps, told in one pass.
    previous = None
    for e in entities:
        if previous is not None and e.type == previous.type and (e.start <= previous.start or e.start < previous.end):
            break
        previous = e
    else:
        return entities
    types = list(map(_by_type, entities))
    kept: list[Entity] = []
    for kind in sorted(set(types)):
        group = entities[bisect_left(types, kind) : bisect_right(types, kind)]
        starts = list(map(_by_start, group))
        # Usually (always for figures, which claim their characters) each starts after the previous
        # ends: the group is then sorted already and nothing overlaps, so it stays as it is.
        if all(map(lt, starts, islice(starts, 1, None))) and all(map(le, map(_by_end, group), islice(starts, 1, None))):
            kept += group
            continue
        _sort_by_position(group)
        chosen: list[Entity] = []
        for e in group:
            length = e.end - e.start
            while chosen and e.start < chosen[-1].end and length > chosen[-1].end - chosen[-1].start:
                chosen.pop()
            if not chosen or e.start >= chosen[-1].end:
                chosen.append(e)
        kept += chosen
    return kept


class _Spans:
    """Non-overlapping spans sorted by start, for O(log n) containment and overlap questions."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def _last_before(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def contains(self, start: int, end: int) -> bool:
        i = self._last_before(start)
        return i >= 0 and end <= self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = self._last_before(end - 1)
        return i >= 0 and self.ends[i] > start


def merge_entities(names: Iterable[Entity], figures: Iterable[Entity]) -> list[Entity]:
    """Apply the overlap policy above and return the entities sorted by start (then longest first)."""
    entities = _keep_longest([*names, *figures])
    swallowing = [(e.start, e.end) for e in entities if e.type in _SWALLOWING_FIGURES]
    count_blockers = [(e.start, e.end) for e in entities if e.type in _COUNT_BLOCKERS]
    if swallowing or count_blockers:
        swallows, blocks = _Spans(swallowing), _Spans(count_blockers)
        swallow_starts, swallow_ends = swallows.starts, swallows.ends  # ``contains``, inlined: per name
        out = []
        for e in entities:
            kind = e.type
            if kind in NAME_TYPES:
                if swallow_starts:
                    i = bisect_right(swallow_starts, e.start) - 1
                    if i >= 0 and e.end <= swallow_ends[i]:
                        continue
            elif kind == "count" and count_blockers:
                number_end = e.start + len(e.text.split(maxsplit=1)[0]) if e.text.strip() else e.end
                if blocks.overlaps(e.start, number_end):
                    continue
            out.append(e)
    else:
        out = entities
    # ``entities`` is grouped by type in alphabetical order, so sorting by (start, -end) with stable
    # sorts gives the order of the key (start, -end, type).
    _sort_by_position(out)
    return out


def _default_year(article: Article) -> int | None:
    m = _ISO_YEAR.match(article.published or "")
    return int(m.group(1)) if m else None


def extract_entities(article: Article, names: Callable[[str], list[Entity]] | None = None) -> list[Entity]:
    """All entities of ``article.text`` (offsets into it), sorted by start."""
    text = article.text
    find_names = names or _extract_names
    name_entities = find_names(text) if find_names is not None else []
    figures = extract_figures(text, default_year=_default_year(article), published=article.published)
    return merge_entities(name_entities, figures)
