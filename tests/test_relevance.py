"""Judged queries (tests/relevance/*.json): hit@1 and MRR over the seeds and a generated corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.extract.models import Analysis
from unionreader.index import SearchIndex

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
