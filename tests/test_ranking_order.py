"""The shortcuts that pick the first few of many matching docs give exactly what a full sort gives."""

from __future__ import annotations

import numpy as np
import pytest

from unionreader.search.ranking_order import MATCHED_TIER, TYPO_TIER, rank_candidates


def full_sort(candidates, count, typos, soft, limit, date_pos):
    milli = np.rint(np.minimum(soft, np.float32(TYPO_TIER / 10)) * np.float32(1000))
    keys = [(-int(count[d]) * int(MATCHED_TIER / TYPO_TIER) + int(typos[d]), -milli[d], -int(date_pos[d])) for d in candidates]
    order = sorted(range(len(candidates)), key=keys.__getitem__)
    return np.array(order[:limit], dtype=np.intp)


@pytest.mark.parametrize("case", ["distinct", "ties", "all tied", "typos", "sparse", "partial"])
def test_the_first_docs_are_those_of_a_full_sort(case):
    rng = np.random.default_rng(7)
    n, clauses = 30_000, 2
    count = np.full(n, clauses, dtype=np.uint8)
    typos = np.zeros(n, dtype=np.uint16)
    soft = rng.gamma(2.0, 3.0, n).astype(np.float32)
    if case == "ties":  # scores that round alike (many ties at the limit's score)
        soft = np.round(soft, 1).astype(np.float32)
    elif case == "all tied":
        soft[:] = np.float32(7.25)
    elif case == "typos":
        typos[rng.random(n) < 0.3] = 1
    elif case == "sparse":
        count[rng.random(n) < 0.9] = 1
    elif case == "partial":
        count = rng.integers(0, clauses + 1, n).astype(np.uint8)
    count[rng.random(n) < 0.05] = 0  # docs that match nothing
    date_pos = rng.permutation(n).astype(np.int64)
    mask = count == clauses
    all_clauses = case != "partial"
    if not all_clauses:
        mask = count > 0
    candidates = np.flatnonzero(mask)
    for limit in (1, 20, 200):
        got = rank_candidates(candidates, mask, all_clauses, count, typos, soft, limit, date_pos)
        want = full_sort(candidates, count, typos, soft, limit, date_pos)
        assert got.tolist() == want.tolist(), (case, limit)
