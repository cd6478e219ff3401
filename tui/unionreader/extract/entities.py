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

import math
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
_FIGURE_TYPES = _SWALLOWING_FIGURES | _COUNT_BLOCKERS | {"count"}
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


def _spans(figures: list[Entity], kinds: frozenset[str]) -> tuple[list[int], list[int]]:
    """Starts and ends of the ``figures`` of ``kinds``, sorted by (start, end)."""
    spans = sorted((e.start, e.end) for e in figures if e.type in kinds)
    return [s for s, _ in spans], [e for _, e in spans]


def merge_entities(names: Iterable[Entity], figures: Iterable[Entity]) -> list[Entity]:
    """Apply the overlap policy above and return the entities sorted by start (then longest first)."""
    names, figures = list(names), list(figures)
    merged = _merge_in_order(names, figures)
    return merged if merged is not None else _merge_any(names, figures)


def _merge_any(names: list[Entity], figures: list[Entity]) -> list[Entity]:
    """``merge_entities`` of any input: the same-type overlaps resolved first, then figures swallow names."""
    entities = _keep_longest([*names, *figures])
    # Each of the few figures looks for the names starting inside it (by bisection), rather than each of an
    # article's hundred names for its figure.
    in_figures = [e for e in entities if e.type in _FIGURE_TYPES]
    swallow_starts, swallow_ends = _spans(in_figures, _SWALLOWING_FIGURES)
    block_starts, block_ends = _spans(in_figures, _COUNT_BLOCKERS)
    if block_starts:
        blocked = {id(e) for e in in_figures if e.type == "count" and _blocked(e, block_starts, block_ends)}
        if blocked:  # (rare: the figures pass gives no count inside another figure)
            entities = [e for e in entities if id(e) not in blocked]
    # ``entities`` is grouped by type in alphabetical order, so sorting by (start, -end) with stable
    # sorts gives the order of the key (start, -end, type). (Sorted before the names inside figures are
    # dropped, the others keep their order, and the starts are in order for bisection.)
    _sort_by_position(entities)
    if swallow_starts:
        for j in reversed(_swallowed(entities, [e.start for e in entities], swallow_starts, swallow_ends)):
            del entities[j]  # (ascending: deleted from the last, the others keep their places)
    return entities


def _merge_in_order(names: list[Entity], figures: list[Entity]) -> list[Entity] | None:
    """``merge_entities`` of the usual input, or None for any other: names sorted by (start, -end, type) with no
    two of one type overlapping (as ``extract_names`` gives them), figures in order with no two overlapping
    (they claim their characters), no name type among the figures nor another among the names.

    The result is then those entities sorted by (start, -end, type), less the counts and names inside
    figures: told by a pass over the names and merged by bisection, without the type sort and the two
    position sorts of the general path (about half the merge's instructions).
    """
    if not names:
        starts: list[int] = []
    else:
        starts = [e.start for e in names]
        type_end = dict.fromkeys(NAME_TYPES, starts[0])  # the end of the last name of each type
        previous, previous_start = None, starts[0] - 1
        try:
            for e in names:
                start = e.start
                if start <= previous_start and not _tie_in_order(previous, e):
                    return None
                kind = e.type
                if start < type_end[kind]:
                    return None
                type_end[kind] = e.end
                previous, previous_start = e, start
        except KeyError:  # (a type that is no name's)
            return None
    # One pass over the few figures: in order, none overlapping the one before, their spans sorted as they come.
    swallow_starts: list[int] = []
    swallow_ends: list[int] = []
    block_starts: list[int] = []
    block_ends: list[int] = []
    previous_start = previous_end = -math.inf
    for f in figures:
        kind, start = f.type, f.start
        if not previous_start < start >= previous_end or kind in NAME_TYPES:
            return None
        previous_start, previous_end = start, f.end
        if kind in _SWALLOWING_FIGURES:
            swallow_starts.append(start)
            swallow_ends.append(previous_end)
        if kind in _COUNT_BLOCKERS:
            block_starts.append(start)
            block_ends.append(previous_end)
    if block_starts:
        figures = [e for e in figures if e.type != "count" or not _blocked(e, block_starts, block_ends)]
    if swallow_starts:
        for j in reversed(_swallowed(names, starts, swallow_starts, swallow_ends)):
            del names[j], starts[j]
    for figure in reversed(figures):  # (from the last: the places found for the earlier ones stay right)
        at, start, end = bisect_left(starts, figure.start), figure.start, figure.end
        while at < len(starts) and starts[at] == start and (
                names[at].end > end or (names[at].end == end and names[at].type < figure.type)):
            at += 1
        names.insert(at, figure)
    return names


def _tie_in_order(first: Entity, then: Entity) -> bool:
    """Two names starting at the same place ("Công đoàn" and the organisation it opens) in order: the longer
    first, then by type; the first not empty, so that the same-type test sees one type's second name
    starting inside the first."""
    return then.start == first.start < first.end and (
        first.end > then.end or (first.end == then.end and first.type < then.type))


def _swallowed(entities: list[Entity], starts: list[int], swallow_starts: list[int], swallow_ends: list[int]) -> list[int]:
    """The places, ascending, of the names among ``entities`` (sorted by ``starts``) inside a document or date
    span (``swallow_starts``/``swallow_ends``, sorted by (start, end))."""
    swallowed = []
    last = len(swallow_starts) - 1
    for i, (span_start, span_end) in enumerate(zip(swallow_starts, swallow_ends, strict=True)):
        # The entities starting in the span, but not at or past the next span's start: for those the
        # next span is the last one starting at or before them. (One starting past its end ends past it.)
        stop = bisect_right(starts, span_end)
        if i < last:
            stop = min(stop, bisect_left(starts, swallow_starts[i + 1]))
        for j in range(bisect_left(starts, span_start), stop):
            e = entities[j]
            if e.end <= span_end and e.type in NAME_TYPES:
                swallowed.append(j)
    return swallowed


def _blocked(count: Entity, starts: list[int], ends: list[int]) -> bool:
    """Whether a count's number (its first word) overlaps the span starting last before the number's end."""
    number_end = count.start + len(count.text.split(maxsplit=1)[0]) if count.text.strip() else count.end
    i = bisect_right(starts, number_end - 1) - 1
    return i >= 0 and ends[i] > count.start


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
