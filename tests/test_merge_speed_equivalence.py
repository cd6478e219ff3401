"""``entities.merge_entities``'s lookups by figure against the plain per-name lookup it replaced."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from test_extract_speed_equivalence import _plain_keep_longest  # (the same-type pass as first written)


def _plain_merge(names, figures):
    """``entities.merge_entities`` as first written: each name looks for the swallowing figure starting last at
    or before it, each count for a blocker, over the same-type sweep's result; then sorted by (start, -end)."""
    from bisect import bisect_right

    entities = _plain_keep_longest([*names, *figures])
    swallowing = sorted((e.start, e.end) for e in entities if e.type in ("document", "date"))
    blockers = sorted((e.start, e.end) for e in entities if e.type in ("money", "date", "ratio", "percent", "document"))
    out = []
    for e in entities:
        if e.type in ("person", "organization", "location", "role", "abbreviation"):
            i = bisect_right([s for s, _ in swallowing], e.start) - 1
            if i >= 0 and e.end <= swallowing[i][1]:
                continue
        elif e.type == "count" and blockers:
            number_end = e.start + len(e.text.split(maxsplit=1)[0]) if e.text.strip() else e.end
            i = bisect_right([s for s, _ in blockers], number_end - 1) - 1
            if i >= 0 and blockers[i][1] > e.start:
                continue
        out.append(e)
    return sorted(out, key=lambda e: (e.start, -e.end))


_MERGE_KINDS = ["person", "organization", "abbreviation", "count", "date", "document", "money"]
_MERGE_SPANS = st.lists(st.tuples(st.sampled_from(_MERGE_KINDS), st.integers(0, 40), st.integers(1, 8),
                                  st.sampled_from(["", " ", "12 người", " 3 x"])), max_size=16)


@settings(max_examples=800, deadline=None)
@given(_MERGE_SPANS, st.booleans())
def test_merging_by_figure_spans_drops_what_the_per_name_lookup_drops(spans, ordered):
    """Each figure looking for the names inside it (by bisection) and the entities deleted after the sort keep and
    drop the same entities, in the same order, as each name looking for its figure (also with overlapping
    figures, equal starts, and counts whose number overlaps a figure)."""
    from unionreader.extract import entities as en
    from unionreader.extract.records import new_entity

    made = [new_entity(kind, text or "x" * length, start, start + length, None) for kind, start, length, text in spans]
    if ordered:
        made.sort(key=lambda e: (e.start, -e.end))
    names = [e for e in made if e.type in en.NAME_TYPES]
    figures = [e for e in made if e.type not in en.NAME_TYPES]
    got = en.merge_entities(list(names), list(figures))
    want = _plain_merge(names, figures)
    assert [id(e) for e in got] == [id(e) for e in want]


_NAME_KINDS = ["person", "organization", "location", "role", "abbreviation"]
_FIGURE_KINDS = ["count", "date", "document", "money", "percent"]


@st.composite
def _usual_input(draw):
    """Names as ``extract_names`` gives them (sorted by (start, -end, type), none overlapping another of its type:
    equal starts, nesting and empty spans allowed) and figures in order, none overlapping; sometimes spoilt
    (shuffled, a figure type among the names, two figures overlapping) to check the usual path lets those go."""
    from unionreader.extract.records import new_entity

    names, type_end = [], {}
    for kind, start, length in draw(st.lists(st.tuples(st.sampled_from(_NAME_KINDS), st.integers(0, 30),
                                                       st.integers(0, 6)), max_size=14)):
        names.append(new_entity(kind, "x" * length, start, start + length, None))
    names.sort(key=lambda e: (e.start, -e.end, e.type))
    kept = []
    for e in names:  # (one of a type overlapping or starting at the last of its type is left out)
        last = type_end.get(e.type)
        if last is None or (e.start > last.start and e.start >= last.end):
            kept.append(e)
            type_end[e.type] = e
    figures, at = [], 0
    for kind, gap, length, text in draw(st.lists(st.tuples(st.sampled_from(_FIGURE_KINDS), st.integers(0, 5),
                                                           st.integers(0, 6), st.sampled_from(["", "12 người", " 3 x"])),
                                                 max_size=6)):
        start = at + gap + (1 if figures and at + gap == figures[-1].start else 0)  # (after an empty one)
        figures.append(new_entity(kind, text or "x" * length, start, start + length, None))
        at = start + length
    spoil = draw(st.sampled_from(["", "", "", "shuffle", "kind", "overlap"]))
    if spoil == "shuffle":
        kept = draw(st.permutations(kept))
    elif spoil == "kind" and kept:
        kept[0] = new_entity("date", kept[0].text, kept[0].start, kept[0].end, None)
    elif spoil == "overlap" and len(figures) > 1:
        figures[1] = new_entity(figures[1].type, "x", figures[0].start, figures[0].start + 1, None)
    # (an empty name followed by one starting where it does is left to the general path too)
    tie_after_empty = any(a.start == b.start == a.end for a, b in pairwise(kept))
    return kept, figures, spoil == "" and not tie_after_empty


@settings(max_examples=1500, deadline=None)
@given(_usual_input())
def test_merging_the_usual_input_in_order_gives_the_general_paths_result(made):
    """Names sorted as ``extract_names`` sorts them and figures in order merged by bisection give the same entities
    in the same order as the general path (type sort, same-type sweep, position sorts), also with equal starts,
    nested and empty names, counts and names inside figures; the usual input takes that path, any other not."""
    from unionreader.extract import entities as en

    names, figures, usual = made
    got = en.merge_entities(list(names), list(figures))
    assert [id(e) for e in got] == [id(e) for e in en._merge_any(list(names), list(figures))]
    assert [id(e) for e in got] == [id(e) for e in _plain_merge(names, figures)]
    if usual:
        assert en._merge_in_order(list(names), list(figures)) is not None
