"""Measure entity extraction against hand-annotated gold files.

    python tools/eval_entities.py                          # tests/gold/*.json against seeds/
    python tools/eval_entities.py --gold tests/gold/own --articles tests/fixtures/articles
    python tools/eval_entities.py --gold ../shared/devset/gold.json   # a combined file
    python tools/eval_entities.py --json                   # the same figures as JSON
    python tools/eval_entities.py -v                       # plus each article's misses and extras

Gold format: one JSON object per article, in a file named like the article (``000_x.json`` for
``000_x.txt``), or one combined file keyed by article file name (the devset's ``gold.json``).
Fields: ``person``, ``organization``, ``location``, ``role`` (lists of strings), ``count``
(``[[number, unit], …]``), ``money`` (integer đồng), ``percent``, ``ratio`` (``[[a, b], …]``),
``date_values`` (ISO ``YYYY-MM-DD``), ``document`` (numbers as written), ``abbreviation``
(``{short: expansion or null}``); ``title``, ``date``, ``byline`` describe the document.

Scoring (the devset's ``score.py`` conventions, extended to all eleven types):

* every type is scored as a **set** per article: an entity mentioned three times is one item, found
  when at least one mention is found; precision, recall and F1 are summed over articles (micro);
* strings are compared after NFC, case folding, whitespace collapsing and tone-mark placement
  ("Uỷ"/"Ủy", "hoà"/"hòa" are one word);
* person: the entity text.  organization, location, role: a gold string is found when an entity's
  text *or* value equals it (so "Tổng LĐLĐ Việt Nam" and its expansion both match); an entity is
  an extra when neither its text nor its value is in the gold;
* count: ``(number, first word of the unit)``; money: integer; percent: rounded to 0.1;
  ratio: the pair; document: the value (the number as written);
* date: only entities whose value is a full ``YYYY-MM-DD``; month- or year-precision dates are not
  annotated and are ignored;
* abbreviation: ``(short form, expansion)``; with per-article gold files every abbreviation entity
  counts (the annotation is complete), with a combined file only the listed short forms count,
  as in the devset.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import Score
from unionreader.articles import Article
from unionreader.corpus import load_paths
from unionreader.extract.entities import extract_entities
from unionreader.extract.models import ENTITY_TYPES, Entity
from unionreader.text import normalize_tones

TYPES = ENTITY_TYPES
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = _REPO / "tests" / "gold"
DEFAULT_ARTICLES = _REPO / "seeds"


def norm(s: Any) -> str:
    s = unicodedata.normalize("NFC", "" if s is None else str(s))
    return re.sub(r"\s+", " ", normalize_tones(s).casefold()).strip()


@dataclass
class Report:
    per_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    misses: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.per_type.values():
            total.add(s)
        return total


def _count_key(number: Any, unit: Any) -> tuple[int, str]:
    words = norm(unit).split()
    return int(number), words[0] if words else ""


def _gold_sets(gold: dict[str, Any]) -> dict[str, set]:
    return {
        "person": {norm(p) for p in gold.get("person", [])},
        "organization": {norm(o) for o in gold.get("organization", [])},
        "location": {norm(x) for x in gold.get("location", [])},
        "role": {norm(r) for r in gold.get("role", [])},
        "count": {_count_key(n, u) for n, u in gold.get("count", [])},
        "money": {int(v) for v in gold.get("money", [])},
        "percent": {round(float(v), 1) for v in gold.get("percent", [])},
        "ratio": {(int(a), int(b)) for a, b in gold.get("ratio", [])},
        "date": set(gold.get("date_values", [])),
        "document": {norm(d) for d in gold.get("document", [])},
        "abbreviation": {(norm(k), norm(v)) for k, v in (gold.get("abbreviation") or {}).items()},
    }


def _predicted_key(e: Entity) -> Any:
    v = e.value
    try:
        if e.type == "person":
            return norm(e.text)
        if e.type in ("organization", "location", "role"):
            return norm(v if isinstance(v, str) and v else e.text)
        if e.type == "count":
            return _count_key(v["number"], v["unit"])
        if e.type == "money":
            return int(v)
        if e.type == "percent":
            return round(float(v), 1)
        if e.type == "ratio":
            return (int(v[0]), int(v[1]))
        if e.type == "date":
            return v if isinstance(v, str) and _FULL_DATE.match(v) else None
        if e.type == "document":
            return norm(v or e.text)
        if e.type == "abbreviation":
            return (norm(e.text), norm(v))
    except (TypeError, KeyError, ValueError, IndexError):
        return ("<malformed>", e.type, e.text)
    return None


def score_article(
    entities: Iterable[Entity], gold: dict[str, Any], listed_abbreviations_only: bool = False
) -> dict[str, tuple[set, set, set]]:
    """Per type: (found gold items, missed gold items, extra predicted items)."""
    wanted = _gold_sets(gold)
    predicted: dict[str, dict[Any, set]] = {t: {} for t in TYPES}
    gold_shorts = {k for k, _ in wanted["abbreviation"]}
    for e in entities:
        if e.type not in predicted:
            continue
        key = _predicted_key(e)
        if key is None:
            continue
        if e.type == "abbreviation" and listed_abbreviations_only and key[0] not in gold_shorts:
            continue
        aliases = predicted[e.type].setdefault(key, {key})
        if e.type in ("organization", "location", "role"):
            aliases.add(norm(e.text))
    out = {}
    for t in TYPES:
        found = {g for g in wanted[t] if any(g in aliases for aliases in predicted[t].values())}
        extra = {k for k, aliases in predicted[t].items() if not aliases & wanted[t]}
        out[t] = (found, wanted[t] - found, extra)
    return out


def load_gold(path: Path) -> tuple[dict[str, dict[str, Any]], bool]:
    """Gold entries keyed by article file stem, and whether the source was one combined file."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return {Path(k).stem: v for k, v in data.items() if not k.startswith("_")}, True
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))}, False


def evaluate(gold_path: Path, articles_dir: Path | None = None) -> Report:
    gold, combined = load_gold(gold_path)
    if articles_dir is None:
        articles_dir = gold_path.parent if combined else DEFAULT_ARTICLES
    files = {p.stem: p for p in sorted(articles_dir.iterdir()) if p.is_file() and p.suffix in (".txt", ".md")}
    missing = sorted(set(gold) - set(files))
    if missing:
        raise FileNotFoundError(f"{articles_dir}: no article for gold entries {', '.join(missing)}")
    loaded = load_paths([str(files[stem]) for stem in gold])
    if loaded.errors:
        raise ValueError("; ".join(str(e) for e in loaded.errors))
    by_stem: dict[str, Article] = {Path(a.source).stem: a for a in loaded.articles}
    report = Report()
    for stem, entry in gold.items():
        entities = extract_entities(by_stem[stem])
        report.articles += 1
        for t, (found, missed, extra) in score_article(entities, entry, combined).items():
            s = report.per_type[t]
            s.tp += len(found)
            s.fn += len(missed)
            s.fp += len(extra)
            if missed or extra:
                report.misses.append(
                    {"article": stem, "type": t, "missed": sorted(map(str, missed)), "extra": sorted(map(str, extra))}
                )
    return report


def to_json(report: Report) -> dict[str, Any]:
    return {
        "articles": report.articles,
        "types": {t: s.as_dict() for t, s in report.per_type.items()},
        "micro": report.micro.as_dict(),
        "misses": report.misses,
    }


def format_table(report: Report, verbose: bool = False) -> str:
    lines = [f"{'type':13s} {'tp':>4s} {'fp':>4s} {'fn':>4s}  {'P':>5s} {'R':>5s} {'F1':>5s}"]
    for t, s in report.per_type.items():
        lines.append(f"{t:13s} {s.tp:4d} {s.fp:4d} {s.fn:4d}  {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}")
    m = report.micro
    lines.append(f"{'micro':13s} {m.tp:4d} {m.fp:4d} {m.fn:4d}  {m.precision:5.2f} {m.recall:5.2f} {m.f1:5.3f}")
    lines.append(f"({report.articles} articles)")
    if verbose:
        for miss in report.misses:
            lines.append(f"{miss['article']} {miss['type']}: missed {miss['missed']} extra {miss['extra']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/eval_entities.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_pos", nargs="?", metavar="GOLD", help="same as --gold")
    ap.add_argument("--gold", type=Path, help=f"folder of per-article gold files or a combined gold.json "
                    f"(default {DEFAULT_GOLD})")
    ap.add_argument("--articles", type=Path, help="folder with the articles (default: seeds/, or beside a combined file)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list each article's misses and extras")
    args = ap.parse_args(argv)
    gold_path = args.gold or (Path(args.gold_pos) if args.gold_pos else DEFAULT_GOLD)
    if not gold_path.exists():
        print(f"evaluate: {gold_path}: no such gold file or folder", file=sys.stderr)
        return 2
    if args.articles is not None and not args.articles.is_dir():
        print(f"evaluate: {args.articles}: not a folder of articles", file=sys.stderr)
        return 2
    try:
        report = evaluate(gold_path, args.articles)
    except (OSError, ValueError, KeyError) as e:
        print(f"evaluate: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(to_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_table(report, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
