"""Every entity's text is the article text at its offsets: over the seeds and over random input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval_entities import DEFAULT_ARTICLES
from unionreader.articles import parse_article
from unionreader.corpus import load_paths
from unionreader.extract.entities import extract_entities
from unionreader.extract.figures import extract_figures
from unionreader.extract.models import ENTITY_TYPES

SEEDS = load_paths([str(DEFAULT_ARTICLES)]).articles

# Random text built from the genre's own pieces, so the property reaches the interesting branches.
_PIECES = st.sampled_from(
    [
        "Ngày", "ngày", "sáng", "tháng", "năm", "2024", "18/1", "30/01/2024", "12-4", "8.945", "1,25", "%",
        "tỷ", "triệu", "đồng", "/suất", "đoàn viên", "Công đoàn", "Uỷ ban", "Ủy ban", "Nghị quyết", "số",
        "09/NQ-CĐVC", "02-NQ/TW", "56/56", "hơn", "04", "Tổ Công đoàn", "LĐLĐ", "(CĐCS)", "đồng chí",
        "Nguyễn", "Thị", "Hà", "Nội", "“", "”", ",", ".", ":", "\n", "\n\n", " ", "–", "-", "0", "99999999999",
    ]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)


def _check(text: str, entities) -> None:
    starts = [e.start for e in entities]
    assert starts == sorted(starts)
    for e in entities:
        assert e.type in ENTITY_TYPES
        assert 0 <= e.start < e.end <= len(text)
        assert e.text == text[e.start : e.end]


@pytest.mark.parametrize("article", SEEDS, ids=lambda a: a.source.rsplit("/", 1)[-1])
def test_seed_entities_point_into_the_text(article):
    entities = extract_entities(article)
    assert entities
    _check(article.text, entities)


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_random_figures_point_into_the_text(text):
    _check(text, extract_figures(text))


@given(_TEXTS)
@settings(max_examples=150, deadline=None)
def test_random_articles_point_into_the_text(raw):
    article = parse_article(raw, "random.txt")
    _check(article.text, extract_entities(article))


@pytest.mark.slow
@pytest.mark.parametrize(
    "line",
    [
        "1234567890" * 100_000,
        "1." * 500_000,
        "1/" * 500_000,
        "Nguyễn Văn An " * 70_000,
        "Công đoàn " * 100_000,
        "ngày 12 tháng " * 70_000,
        "8.945 đoàn viên, " * 60_000,
    ],
    ids=["digits", "dots", "slashes", "capitalised", "cong-doan", "dates", "counts"],
)
def test_adversarial_megabyte_lines_complete(line):
    # Speed is measured by benchmarks/extract_bench.py; this only proves the line finishes, sanely.
    entities = extract_figures(line)
    assert all(e.text == line[e.start : e.end] for e in entities)
