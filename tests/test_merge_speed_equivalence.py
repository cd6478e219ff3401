"""``entities.merge_entities``'s lookups by figure against the plain per-name lookup it replaced."""

from __future__ import annotations

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
