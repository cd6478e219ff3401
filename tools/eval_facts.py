"""Measure fact extraction against hand-written gold facts (``tests/gold/facts/<article stem>.json``).

    python tools/eval_facts.py                 # the bundled seeds
    python tools/eval_facts.py PATH... --gold DIR

Prints precision/recall per kind of fact (and accuracy for the one-per-article facts: event date,
organiser, event name). ``evaluate(analyses, gold_dir)`` returns the same figures for tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from scoring import Score
from unionreader.extract.facts_common import key
from unionreader.extract.models import Analysis

DEFAULT_GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "gold" / "facts"
_LABEL_STOP = frozenset(("cac", "nhung", "cho", "cua", "va", "duoc", "nhan", "dat", "so", "nguoi"))


def _facts(analysis: Analysis, kind: str, label: str | None = None):
    return [f for f in analysis.facts if f.kind == kind and (label is None or f.label == label)]


def _count_sets(score: Score, want: set, got: set, where: str) -> None:
    score.tp += len(want & got)
    score.fn += len(want - got)
    score.fp += len(got - want)
    score.misses.extend(f"{where}: {x}" for x in sorted(map(str, want - got)))
    score.extras.extend(f"{where}: {x}" for x in sorted(map(str, got - want)))


def _match_greedy(score: Score, gold: list, predicted: list, same, where: str) -> None:
    left = list(predicted)
    for g in sorted(gold, key=lambda g: -len(g)):  # the most specific gold item picks first
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            score.fn += 1
            score.misses.append(f"{where}: {g}")
        else:
            score.tp += 1
            left.remove(hit)
    score.fp += len(left)
    score.extras.extend(f"{where}: {p}" for p in left)


def _number_key(n):
    if isinstance(n, (list, tuple)):
        return tuple(_number_key(x) for x in n)
    try:
        f = float(n)
    except (TypeError, ValueError):
        return n
    return int(f) if f.is_integer() else round(f, 3)


def _label_words(label: str) -> set[str]:
    return {w for w in re.findall(r"\w+", key(label)) if w not in _LABEL_STOP}


def _same_figure(g: dict, p: dict) -> bool:
    return _number_key(g["number"]) == _number_key(p["number"]) and bool(
        _label_words(g["label"]) & _label_words(p["label"])
    )


def _contains_either(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    return bool(ka) and bool(kb) and (ka in kb or kb in ka)


def _same_award(g: dict, p: dict) -> bool:
    if key(g["type"]) != key(p.get("type", "")):
        return False
    if g.get("from") and not _contains_either(g["from"], p.get("from") or ""):
        return False
    for count in ("collectives", "individuals"):
        if count in g and g[count] != p.get(count):
            return False
    if g.get("recipients"):
        return {key(r) for r in g["recipients"]} == {key(r) for r in p.get("recipients", ())}
    return True


def evaluate(analyses: Iterable[Analysis], gold_dir: Path = DEFAULT_GOLD_DIR) -> dict[str, Score]:
    """Scores by kind: "event date", "event name", "organiser" (accuracy as tp/fn), "people",
    "person-role", "actions", "figures", "figure labels", "awards", "documents", "abbreviations"."""
    scores: dict[str, Score] = {}

    def s(name: str) -> Score:
        return scores.setdefault(name, Score())

    for analysis in analyses:
        stem = Path(analysis.article.source).stem
        gold_path = gold_dir / f"{stem}.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        where = stem[:12]
        ev = gold.get("event") or {}
        ok = analysis.date == ev.get("date")
        s("event date").tp += ok
        s("event date").fn += not ok
        if not ok:
            s("event date").misses.append(f"{where}: want {ev.get('date')} got {analysis.date}")
        names = [f.value for f in _facts(analysis, "event", "Sự kiện")]
        ok = bool(names) and key(names[0]) == key(ev.get("name") or "")
        s("event name").tp += ok
        s("event name").fn += not ok
        if not ok:
            s("event name").misses.append(f"{where}: want {ev.get('name')!r} got {names[:1]}")
        accepted = {key(o) for o in gold.get("organiser") or ()}
        ok = key(analysis.organiser or "") in accepted
        s("organiser").tp += ok
        s("organiser").fn += not ok
        if not ok:
            s("organiser").misses.append(f"{where}: want {sorted(accepted)[:1]} got {analysis.organiser!r}")

        people = [f.value for f in _facts(analysis, "people")]
        _count_sets(s("people"), {key(p["name"]) for p in gold["people"]}, {key(p["name"]) for p in people}, where)
        _count_sets(
            s("person-role"),
            {(key(p["name"]), key(r)) for p in gold["people"] for r in p["roles"]},
            {(key(p["name"]), key(r)) for p in people for r in p["roles"]},
            where,
        )
        _count_sets(
            s("actions"),
            {(key(p["name"]), a) for p in gold["people"] for a in p.get("actions", ())},
            {(key(p["name"]), a) for p in people for a in p["actions"]},
            where,
        )
        figures = [{"label": f.label, "number": f.value.get("number")} for f in _facts(analysis, "figures")]
        _match_greedy(s("figures"), gold["figures"], figures, _same_figure, where)
        exact = [g for g in gold["figures"] if any(
            _number_key(g["number"]) == _number_key(p["number"]) and key(g["label"]) == key(p["label"]) for p in figures
        )]
        s("figure labels").tp += len(exact)
        s("figure labels").fn += len(gold["figures"]) - len(exact)
        awards = [f.value for f in _facts(analysis, "awards")]
        _match_greedy(s("awards"), gold["awards"], awards, _same_award, where)
        documents = [f.value for f in _facts(analysis, "documents")]
        _match_greedy(
            s("documents"), gold["documents"], documents,
            lambda g, p: key(g["number"]) == key(str(p.get("number")))
            and all(key(str(g[k])) == key(str(p.get(k))) for k in ("date", "issuer") if g.get(k)),
            where,
        )
        abbreviations = {key(f.label): f.value for f in _facts(analysis, "abbreviations")}
        want = {key(a) for a in gold["abbreviations"]}
        got = set(abbreviations)
        _count_sets(s("abbreviations"), want, got & want, where)  # only listed ones are scored
        for abbr, expansion in gold["abbreviations"].items():
            if expansion is None or key(abbr) not in abbreviations:
                continue
            ok = key(expansion) == key(abbreviations[key(abbr)] or "")
            s("abbreviation expansions").tp += ok
            s("abbreviation expansions").fn += not ok
    return scores


def format_scores(scores: dict[str, Score], verbose: bool = False) -> str:
    lines = [f"{'kind':24s} {'P':>5s} {'R':>5s} {'F1':>5s}   tp  fp  fn"]
    for name, sc in scores.items():
        lines.append(f"{name:24s} {sc.precision:5.2f} {sc.recall:5.2f} {sc.f1:5.2f} {sc.tp:4d} {sc.fp:3d} {sc.fn:3d}")
        if verbose:
            lines.extend(f"    missed {m}" for m in sc.misses)
            lines.extend(f"    extra  {x}" for x in sc.extras)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from unionreader.corpus import load_paths
    from unionreader.extract import analyse

    parser = argparse.ArgumentParser(prog="python tools/eval_facts.py", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="articles (default: the bundled seeds)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD_DIR, help="folder of <article stem>.json gold facts")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    ns = parser.parse_args(argv)
    if not ns.gold.is_dir():
        print(f"evaluate_facts: no gold folder {ns.gold}", file=sys.stderr)
        return 2
    result = load_paths(ns.paths)
    print(format_scores(evaluate([analyse(a) for a in result.articles], ns.gold), ns.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
