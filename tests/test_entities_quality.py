"""Extraction quality against the hand-annotated gold (issue 3's goals); see tools/eval_entities.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval_entities import DEFAULT_ARTICLES, evaluate, main

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "tests" / "gold"
OWN_GOLD = ROOT / "tests" / "gold" / "own"
OWN_ARTICLES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="module")
def seeds():
    return evaluate(SEED_GOLD, DEFAULT_ARTICLES)


@pytest.fixture(scope="module")
def own():
    return evaluate(OWN_GOLD, OWN_ARTICLES)


def test_every_seed_is_annotated(seeds):
    assert seeds.articles == len(list(DEFAULT_ARTICLES.glob("*.txt"))) == 5


def test_seeds_micro_f1(seeds):
    assert seeds.micro.f1 >= 0.95, seeds.misses


def test_seeds_person_f1(seeds):
    assert seeds.per_type["person"].f1 >= 0.97, seeds.misses


@pytest.mark.parametrize("kind", ["money", "percent", "date"])
def test_seeds_money_percent_date_are_exact(seeds, kind):
    assert seeds.per_type[kind].f1 == 1.0, [m for m in seeds.misses if m["type"] == kind]


@pytest.mark.parametrize("kind", ["count", "ratio", "document"])
def test_seeds_other_figures(seeds, kind):
    assert seeds.per_type[kind].f1 >= 0.95, [m for m in seeds.misses if m["type"] == kind]


def test_own_articles_figures(own):
    assert own.articles == 3
    for kind in ("money", "percent", "date", "document", "ratio"):
        assert own.per_type[kind].f1 == 1.0, [m for m in own.misses if m["type"] == kind]
    assert own.per_type["count"].f1 >= 0.95
    assert own.per_type["person"].f1 >= 0.9


def test_evaluator_detects_a_wrong_gold_value(tmp_path):
    gold = (SEED_GOLD / "002_66f5ade8deff3bdb.json").read_text(encoding="utf-8")
    (tmp_path / "002_66f5ade8deff3bdb.json").write_text(gold.replace("75000000", "76000000"), encoding="utf-8")
    report = evaluate(tmp_path, DEFAULT_ARTICLES)
    money = report.per_type["money"]
    assert (money.tp, money.fp, money.fn) == (0, 1, 1)


def test_cli_prints_table_and_json(capsys):
    assert main(["--gold", str(OWN_GOLD), "--articles", str(OWN_ARTICLES)]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "person" in out
    assert main(["--gold", str(OWN_GOLD), "--articles", str(OWN_ARTICLES), "--json"]) == 0
    assert '"micro"' in capsys.readouterr().out


def test_cli_bad_gold_path_is_one_line(capsys, tmp_path):
    assert main(["--gold", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err
