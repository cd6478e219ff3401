"""Ordering the matching docs: the first ``limit`` by tiers (clauses matched, typos), the soft score
rounded to 3 decimals and the date, without sorting all of them when only a few are shown."""

from __future__ import annotations

import numpy as np

MATCHED_TIER = 1e7
TYPO_TIER = 1e5
_OUT = np.float32(-1e9)  # a rounded soft score no candidate has (soft >= -0.5 per clause)


def rank_candidates(candidates: np.ndarray, mask: np.ndarray, all_clauses: bool, count: np.ndarray,
                    typos: np.ndarray, soft: np.ndarray, limit: int | None, date_pos: np.ndarray) -> np.ndarray:
    """Positions in ``candidates`` (the docs of ``mask``) of the first ``limit`` (all when None),
    best first: more clauses matched, fewer typos, higher soft score (to 3 decimals), newer.

    For the first few of many candidates, a shortlist is picked first from the tiers and the
    rounded soft score, without sorting; then exact keys order the shortlist. Most docs are often
    candidates: that work is then done on whole arrays, cheaper than gathering."""
    if not len(candidates):
        return np.zeros(0, dtype=np.intp)
    n = len(count)
    dense = 4 * len(candidates) > n
    if dense and limit is not None and all_clauses and limit < len(candidates):
        shortlist = _dense_shortlist(candidates, mask, typos, soft, limit)
        if shortlist is not None:  # a superset of the first ``limit``: exact keys order it below
            return _ordered(candidates, shortlist, count, typos, soft, limit, date_pos)
    pick = slice(None) if dense else candidates
    milli = np.minimum(soft[pick], np.float32(TYPO_TIER / 10))  # the soft score to 3 decimals
    milli *= np.float32(1000)
    np.rint(milli, out=milli)
    chosen = None
    if limit is not None and limit < len(candidates):
        tier, typo = count[pick], typos[pick]
        uniform = all_clauses  # then every candidate matched them all
        if uniform and dense:  # (masked numpy operations are slow: arithmetic sets the others aside)
            uniform = (typo | ~mask * np.uint16(0xFFFF)).min() == (typo * mask).max()
        elif uniform:
            uniform = typo.min() == typo.max()
        if uniform:
            chosen = np.flatnonzero(_reaching(milli + ~mask * _OUT if dense else milli, limit))
        else:  # the tier of the limit-th doc: all docs of better tiers are in, and its best
            tiers = tier.astype(np.int32) * int(MATCHED_TIER / TYPO_TIER) - typo
            if dense:
                tiers -= ~mask * np.int32(1 << 30)
            last = tiers.max()
            while np.count_nonzero(tiers >= last) < limit:
                last = tiers[tiers < last].max()
            higher = np.flatnonzero(tiers > last)
            boundary = np.flatnonzero(tiers == last)
            best = boundary[_reaching(milli[boundary], limit - len(higher))]
            chosen = np.sort(np.concatenate((higher, best)))
    docs = candidates if chosen is None else chosen if dense else candidates[chosen]
    milli = milli[chosen] if chosen is not None else milli[mask] if dense else milli
    tier = count[docs].astype(np.int64) * int(MATCHED_TIER / TYPO_TIER) - typos[docs]
    order = _key_order(tier, milli, date_pos[docs], n, limit)
    return order if chosen is None else np.searchsorted(candidates, docs[order])


def _dense_shortlist(candidates: np.ndarray, mask: np.ndarray, typos: np.ndarray, soft: np.ndarray,
                     need: int) -> np.ndarray | None:
    """Most docs are candidates, all in one tier: the docs whose soft score may be among the ``need``
    best (ties in the rounded score all in), from a threshold that a sorted sample of the candidates
    gives; None when the tiers differ or the sample misses. Comparisons on the float scores cost a
    fraction of rounding every doc's score and setting the others aside by arithmetic."""
    step = 64
    if len(candidates) <= 64 * step:
        return None
    if typos.max() and (typos | ~mask * np.uint16(0xFFFF)).min() != (typos * mask).max():
        return None
    sample = np.sort(soft[candidates[::step]])
    threshold = min(float(sample[-min(len(sample), need // step + 3)]), TYPO_TIER / 10)
    sure = soft >= np.float32(threshold)
    sure &= mask
    if np.count_nonzero(sure) < need:
        return None
    # The need-th best rounded score is at least the threshold's: a doc that rounds as high is at
    # most a thousandth (and float32 rounding) below it.
    reached = soft >= np.float32(threshold - 0.002 - abs(threshold) * 1e-6)
    reached &= mask
    return np.flatnonzero(reached)


def _ordered(candidates: np.ndarray, docs: np.ndarray, count: np.ndarray, typos: np.ndarray, soft: np.ndarray,
             limit: int, date_pos: np.ndarray) -> np.ndarray:
    """Positions in ``candidates`` of the first ``limit`` of ``docs`` (a shortlist of them) by exact keys."""
    milli = np.minimum(soft[docs], np.float32(TYPO_TIER / 10))
    milli *= np.float32(1000)
    np.rint(milli, out=milli)
    if len(docs) > 8 * limit:  # (one tier: the first ``limit`` reach the limit-th rounded score)
        keep = np.flatnonzero(_reaching(milli, limit))
        docs, milli = docs[keep], milli[keep]
        if len(docs) > 8 * limit:  # many tie on it: of those, the newest
            lowest = milli.min()
            above = np.flatnonzero(milli > lowest)
            tied = np.flatnonzero(milli == lowest)
            newest = tied[_reaching(date_pos[docs[tied]], limit - len(above))]
            keep = np.sort(np.concatenate((above, newest)))
            docs, milli = docs[keep], milli[keep]
    order = _key_order(count[docs].astype(np.int64) * int(MATCHED_TIER / TYPO_TIER) - typos[docs], milli,
                       date_pos[docs], len(count), limit)
    return np.searchsorted(candidates, docs[order])


def _key_order(tier: np.ndarray, milli: np.ndarray, date: np.ndarray, n: int, limit: int | None) -> np.ndarray:
    """Positions of the first ``limit`` (all when None) by tier, then rounded score, then date."""
    date_bits = max(1, n.bit_length())
    if 17 + 24 + date_bits > 63:  # over four million docs: the slower exact sort
        order = np.lexsort((date, milli, tier))[::-1]
    else:  # soft >= -0.5 per clause (a completion's penalty): the offset keeps it positive
        key = (tier + (1 << 16)) << (24 + date_bits)
        key |= (milli.astype(np.int64) + (1 << 17)) << date_bits
        key |= date
        if limit is not None and limit < len(key):  # (many ties on the score: a big shortlist)
            order = np.flatnonzero(_reaching(key, limit))
            order = order[np.argsort(-key[order])]
        else:
            order = np.argsort(-key)
    return order if limit is None else order[:limit]


def _reaching(values: np.ndarray, need: int) -> np.ndarray:
    """Mask of the values at least as high as the ``need``-th highest (ties all in; values of
    ``_OUT`` are set aside, and there must be ``need`` others). A sorted sample gives a threshold
    that a few hundred reach; an exact partition only when it fails."""
    step = 64
    if len(values) > 64 * step:
        sample = np.sort(values[::step])
        threshold = sample[-min(len(sample), need // step + 8)]
        reached = values >= threshold
        if threshold > _OUT / 2 and np.count_nonzero(reached) >= need:
            return reached
    return values >= -np.partition(-values, need - 1)[need - 1]
