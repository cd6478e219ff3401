"""The one scoring helper of the development tools: both evaluations count the same way."""

import eval_entities
import eval_facts
from scoring import Score


def test_both_tools_score_with_the_one_helper():
    assert eval_entities.Score is Score and eval_facts.Score is Score


def test_empty_sides():
    assert Score().precision == 1.0 and Score().recall == 1.0  # nothing to find, nothing found
    silent = Score(fn=3)  # nothing found of three
    assert (silent.precision, silent.recall, silent.f1) == (0.0, 0.0, 0.0)
    assert Score(fp=2).precision == 0.0 and Score(fp=2).recall == 1.0


def test_add_sums_counts():
    total = Score(tp=1, fp=2, fn=3)
    total.add(Score(tp=4, fp=0, fn=1))
    assert (total.tp, total.fp, total.fn) == (5, 2, 4)
    assert round(total.precision, 4) == round(5 / 7, 4)
