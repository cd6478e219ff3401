"""Judged queries (tests/relevance/*.json): hit@1 and MRR over the seeds and a generated corpus; graded
judgements of issue 17's kinds of query (kinds.json, written by tests/relevance/judge_kinds.py) scored by
nDCG@10 and hit@1."""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.extract.models import Analysis
from unionreader.search import SearchIndex

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "relevance"


def score(index: SearchIndex, queries: list[dict], name_of) -> tuple[float, float, list[str]]:
    hits, rr, misses = 0, 0.0, []
    for q in queries:
        ranked = [name_of(d) for d in index.search(q["query"], limit=10).docs]
        rank = next((i for i, name in enumerate(ranked) if name in q["expected"]), None)
        hits += rank == 0
        rr += 0 if rank is None else 1 / (rank + 1)
        if rank != 0:
            misses.append(f"{q['query']!r}: expected {q['expected']}, got {ranked[:3]}")
    return hits / len(queries), rr / len(queries), misses


def test_seed_queries_hit_at_1():
    judged = json.loads((JUDGED / "seeds.json").read_text(encoding="utf-8"))
    index = SearchIndex()
    index.add(analyse(a) for a in load_paths([]).articles)
    hit1, mrr, misses = score(index, judged["queries"], lambda d: Path(index.analysis(d).article.source).stem)
    print(f"seeds: hit@1={hit1:.3f} MRR={mrr:.3f} over {len(judged['queries'])} queries")
    assert hit1 == 1.0, misses
    assert mrr == 1.0


@pytest.fixture(scope="module")
def generated():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import iter_articles

    articles = list(iter_articles(400, seed=7))
    index = SearchIndex()
    index.add(Analysis(a, (), (), a.published) for a in articles)
    return index


def test_generated_corpus_queries(generated):
    """Each query names what only its expected article has (a rare word, a person), typed with typos."""
    judged = json.loads((JUDGED / "generated.json").read_text(encoding="utf-8"))
    hit1, mrr, misses = score(generated, judged["queries"], lambda d: generated.analysis(d).article.id)
    print(f"generated: hit@1={hit1:.3f} MRR={mrr:.3f} over {len(judged['queries'])} queries")
    assert hit1 >= 0.8, misses
    assert mrr >= 0.85, misses


def ndcg_at_10(ranked: list[str], grades: dict[str, int]) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:10]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(d, 0) for d in ranked]) / ideal if ideal else 0.0


def kinds_scores(index: SearchIndex) -> tuple[dict[str, tuple[float, float, int]], list[str]]:
    """Per kind: (mean nDCG@10, hit@1, queries); hit@1 counts a first result of the best grade judged."""
    judged = json.loads((JUDGED / "kinds.json").read_text(encoding="utf-8"))
    per_kind: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    misses = []
    for q in judged["queries"]:
        ranked = [index.analysis(d).article.id for d in index.search(q["query"], limit=10).docs]
        grades = {doc: int(g) for g, docs in q["grades"].items() for doc in docs}
        hit = bool(ranked) and grades.get(ranked[0], 0) == max(grades.values())
        ndcg = ndcg_at_10(ranked, grades)
        per_kind[q["kind"]].append((ndcg, hit))
        if not hit or ndcg < 0.8:
            misses.append(f"{q['query']!r}: nDCG@10={ndcg:.2f}, grades of the top 10: {[grades.get(d, 0) for d in ranked]}")
    return {kind: (sum(n for n, _ in v) / len(v), sum(h for _, h in v) / len(v), len(v)) for kind, v in per_kind.items()}, misses


def test_issue_17_kinds_rank_what_says_it_exactly_first():
    """Abbreviation + word, full names without diacritics, expansions inside longer queries: the
    article that says it exactly first, then the one that says it in other words, then parts."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import iter_articles

    index = SearchIndex()
    index.add(analyse(a) for a in iter_articles(600, seed=11))
    scores, misses = kinds_scores(index)
    for kind, (ndcg, hit1, n) in scores.items():
        print(f"{kind:34} nDCG@10={ndcg:.3f} hit@1={hit1:.3f} over {n} queries")
    assert len(scores) == 3
    # Floors just under what this ranking gets; before adjacency held through every form of a query
    # word and title/entity bonuses were made proportional: 0.891/0.875, 0.982/0.900, 0.667/0.400.
    # The generated corpus recombines a few seed articles, so most articles hold every pair of these
    # queries somewhere: adjacent pairs cannot tell those from the whole phrase (what keeps the last
    # kind lower).
    floors = {"abbreviation + word": (0.93, 0.875), "full name without diacritics": (0.99, 1.0),
              "expansion inside a longer query": (0.72, 0.8)}
    for kind, (ndcg, hit1, _) in scores.items():
        assert ndcg >= floors[kind][0], (kind, misses)
        assert hit1 >= floors[kind][1], (kind, misses)
