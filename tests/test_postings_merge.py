"""Merges made with little memory beside the index: a segment's postings placed a slice at a time, and
the full merge at the end of loading made one kind at a time. Same postings, same results."""

from __future__ import annotations

import threading

import numpy as np

from test_index import build, check_against_reference, index_module, varied
from unionreader.library.indexer import IndexFeeder
from unionreader.search import SearchIndex, postings
from unionreader.search.postings import Postings


def _random_segments(rng: np.random.Generator) -> list[Postings]:
    segments, base = [], 0
    for size in (400, 90, 250, 3):
        keys = rng.integers(1, 60, size=size).astype(np.uint64)
        docs = base + rng.integers(0, 40, size=size).astype(np.uint32)
        rows = sorted(set(zip(keys.tolist(), docs.tolist(), strict=True)))
        keys, docs = (np.array(c) for c in zip(*rows, strict=True))
        counts = rng.choice([1, 1, 1, 2, 300], size=len(keys))
        segments.append(Postings.from_sorted(keys.astype(np.uint64), docs.astype(np.uint32), counts))
        base += 40
    return segments


def _as_lists(p: Postings) -> dict[int, tuple[list[int], list[int]]]:
    return {int(k): tuple(a.tolist() for a in p.get(int(k))) for k in p.keys}


def test_a_merge_placed_a_slice_at_a_time_equals_one_placed_at_once(monkeypatch):
    segments = _random_segments(np.random.default_rng(7))
    at_once = Postings.merge(segments)
    monkeypatch.setattr(postings, "_MERGE_SLICE", 5)  # many slices, some cutting inside one key's run
    sliced = Postings.merge(segments)
    assert _as_lists(sliced) == _as_lists(at_once)
    for name in ("keys", "offsets", "docs", "weights", "large_at", "large"):
        assert np.array_equal(getattr(sliced, name), getattr(at_once, name)), name
    expected: dict[int, tuple[list[int], list[int]]] = {}
    for seg in segments:
        for key, (docs, weights) in _as_lists(seg).items():
            old = expected.setdefault(key, ([], []))
            old[0].extend(docs)
            old[1].extend(weights)
    assert _as_lists(sliced) == expected


def test_full_merges_one_kind_at_a_time_leave_one_segment_each_and_the_same_results(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 16)
    monkeypatch.setattr(postings, "_MERGE_SLICE", 64)
    analyses = [varied(i) for i in range(200)]
    sliced = SearchIndex()
    for start in range(0, len(analyses), 16):
        sliced.add(analyses[start : start + 16], compact=False)
    assert min(sliced.segment_counts.values()) > 1
    merged_kinds = 0
    for plans in sliced.full_merges():
        assert len(plans) == 1
        sliced.apply_compaction(plans)
        merged_kinds += 1
        assert sorted(sliced.segment_counts.values()).count(1) >= merged_kinds
    assert merged_kinds == 4 and set(sliced.segment_counts.values()) == {1}
    whole = build(*analyses)
    for q in ["cong doan", "hoi ngh", '"lao dong"', "khen -tap", "year:2023"]:
        assert list(sliced.search(q).docs) == list(whole.search(q).docs), q


def test_a_headless_finish_merges_two_kinds_at_once_into_the_same_segments(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 16)
    monkeypatch.setattr(postings, "_MERGE_SLICE", 64)
    analyses = [varied(i) for i in range(200)]

    def sliced() -> SearchIndex:
        ix = SearchIndex()
        for start in range(0, len(analyses), 16):
            ix.add(analyses[start : start + 16], compact=False)
        return ix

    one_by_one = sliced()
    one_by_one.optimize()
    # The first two merges wait for each other: merged one after the other, they never meet.
    meeting, merge = threading.Barrier(2, timeout=10), Postings.merge
    met: list[int] = []

    def meeting_merge(parts):
        if len(met) < 2:
            met.append(threading.get_ident())
            meeting.wait()
        return merge(parts)

    monkeypatch.setattr(Postings, "merge", staticmethod(meeting_merge))
    at_once = sliced()
    IndexFeeder(at_once).finish()
    assert len(set(met)) == 2
    assert set(at_once.segment_counts.values()) == {1}
    for kind in ("pairs", "terms", "exact", "titles"):
        (a,), (b,) = getattr(at_once, kind).segments, getattr(one_by_one, kind).segments
        assert _as_lists(a) == _as_lists(b), kind
    check_against_reference(at_once, analyses)


def test_growing_segments_are_merged_a_few_sizes_at_a_time(monkeypatch):
    """A load adds hundreds of small segments: each posting is copied about log5 of them times (a
    merge as soon as the newer ones held twice a segment copied it log2 times), while the segments a
    lookup visits stay few, and the postings are the same as one segment of everything."""
    copied = _counting_merges(monkeypatch)
    grown = postings.PostingSet()
    rows = []
    for doc in range(625):
        keys = np.array([1, 2, 3 + doc % 5], dtype=np.uint64)
        rows += [(int(k), doc) for k in keys]
        grown.add(Postings.from_sorted(keys, np.full(3, doc, np.uint32), np.ones(3, np.int64)))
        grown.compact()
        assert len(grown.segments) <= 5 * 4 + 1  # about five of each size, four sizes at most
    assert sum(copied) <= 4 * len(rows)  # the binary counter's nine copies, cut to four
    whole = Postings.from_sorted(*(np.array(c) for c in zip(*sorted(rows), strict=True)), np.ones(len(rows), np.int64))
    assert {k: grown.get(k)[0].tolist() for k in range(1, 8)} == {k: whole.get(k)[0].tolist() for k in range(1, 8)}


def test_a_load_nobody_searches_merges_fewer_times_and_ends_in_the_same_index(monkeypatch):
    """Headless (no lock: nobody searches until the load ends), segments wait for sixteen of a size
    before a merge, not four, so postings are copied fewer times; ``finish`` still leaves one segment
    per kind, with the postings of a one-shot build."""
    monkeypatch.setattr(index_module, "BATCH", 4)
    analyses = [varied(i) for i in range(240)]
    copied = _counting_merges(monkeypatch)
    copies = {}
    for name, lock in (("headless", None), ("searched meanwhile", threading.Lock())):
        copied.clear()
        ix = SearchIndex()
        feeder = IndexFeeder(ix, lock)
        for start in range(0, len(analyses), 4):
            feeder.add(analyses[start : start + 4])
        before_finish = sum(copied)
        feeder.finish()
        copies[name] = before_finish
        assert set(ix.segment_counts.values()) == {1}
        check_against_reference(ix, analyses)
    assert copies["headless"] * 3 <= copies["searched meanwhile"] * 2  # (1.7x fewer here)


def _counting_merges(monkeypatch) -> list[int]:
    """The size of every segment ``Postings.merge`` makes from now on (the postings it copied)."""
    copied: list[int] = []
    merge = Postings.merge

    def counting(parts):
        merged = merge(parts)
        copied.append(merged.size)
        return merged

    monkeypatch.setattr(Postings, "merge", staticmethod(counting))
    return copied
