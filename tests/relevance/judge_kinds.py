"""Writes tests/relevance/kinds.json: graded judgements of issue 17's kinds of query on a generated corpus.

    python tests/relevance/judge_kinds.py

The queries are chosen by rule from the corpus (benchmarks/gen_corpus.py, which plants the kinds) and
each article is graded by rule on its folded words, not by looking at what the search returns:

* 3: the article says it exactly: the query's words, as typed, next to each other;
* 2: it says it in other words: the same with an abbreviation written the other way ("ldld" ↔
  "lien doan lao dong") next to each other;
* 1: it mentions the parts: every word (in either form) somewhere;
* 0 (left out): anything else.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_corpus import PROVINCES, iter_articles  # noqa: E402
from unionreader.text import fold, fold_tokens  # noqa: E402

ARTICLES, SEED = 600, 11
# The one abbreviation the kinds use, both ways (the search's own table is not used to judge it).
SHORT, LONG = ("ldld",), ("lien", "doan", "lao", "dong")


def contains(tokens: list[str], words: tuple[str, ...]) -> bool:
    n = len(words)
    return any(tokens[i : i + n] == list(words) for i in range(len(tokens) - n + 1) if tokens[i] == words[0])


def other_form(words: tuple[str, ...]) -> tuple[str, ...]:
    """The query's words with the abbreviation written the other way."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i : i + len(LONG)] == LONG:
            out.extend(SHORT)
            i += len(LONG)
        elif words[i] == SHORT[0]:
            out.extend(LONG)
            i += 1
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def grade(tokens: list[str], words: tuple[str, ...]) -> int:
    if contains(tokens, words):
        return 3
    other = other_form(words)
    if other != words and contains(tokens, other):
        return 2
    present = set(tokens)
    if present.issuperset(words) or present.issuperset(other):
        return 1
    return 0


def queries(articles) -> list[tuple[str, str]]:
    titles = [a.title for a in articles]
    out = [("abbreviation + word", "ldld tinh")]
    short_provinces = Counter(p for t in titles for p in PROVINCES if f"LĐLĐ tỉnh {p}" in t)
    for province, _ in sorted(short_provinces.items(), key=lambda pc: (-pc[1], pc[0]))[:4]:
        out.append(("abbreviation + word", f"ldld tinh {fold(province).lower()}"))
    full_provinces = Counter(p for t in titles for p in PROVINCES if f"Liên đoàn Lao động tỉnh {p}" in t)
    for province, _ in sorted(full_provinces.items(), key=lambda pc: (-pc[1], pc[0]))[:2]:
        out.append(("abbreviation + word", f"lien doan lao dong tinh {fold(province).lower()}"))
    if any("Hà Tĩnh" in t for t in titles):
        out.append(("abbreviation + word", "ldld tinh ha tinh"))
    # Names: each generated namesake written in full in some body, and the one in titles.
    names: list[str] = []
    for a in articles:
        for marker in ("Dự hội nghị có đồng chí ", "Đồng chí "):
            if a.title.startswith(marker) or (marker.startswith("Dự") and marker in a.text):
                source = a.title if not marker.startswith("Dự") else a.text.split(marker, 1)[1]
                name = " ".join(source.removeprefix("Đồng chí ").split()[:3]).rstrip(".,")
                if fold(name).lower() not in names:
                    names.append(fold(name).lower())
    out.extend(("full name without diacritics", n) for n in names[:10])
    out.extend(("expansion inside a longer query", q) for q in (
        "chu tich tong ldld", "pho chu tich tong ldld", "chu tich tong lien doan lao dong", "tong ldld viet nam",
        "ldld thanh pho"))
    return out


def main() -> None:
    articles = list(iter_articles(ARTICLES, SEED))
    tokens = [fold_tokens(a.text) for a in articles]
    judged = []
    for kind, query in queries(articles):
        words = tuple(query.split())
        grades: dict[str, list[str]] = {"3": [], "2": [], "1": []}
        for a, t in zip(articles, tokens, strict=True):
            if g := grade(t, words):
                grades[str(g)].append(a.id)
        if grades["3"]:
            judged.append({"kind": kind, "query": query, "grades": grades})
    out = {
        "corpus": f"benchmarks/gen_corpus.py iter_articles({ARTICLES}, seed={SEED}), analysed",
        "note": __doc__.split("\n\n", 2)[2].strip(),
        "queries": judged,
    }
    path = Path(__file__).with_name("kinds.json")
    lines = ",\n  ".join(json.dumps(q, ensure_ascii=False) for q in judged)  # a query per line
    head = json.dumps({k: v for k, v in out.items() if k != "queries"}, ensure_ascii=False, indent=1)[:-2]
    path.write_text(f'{head},\n "queries": [\n  {lines}\n ]\n}}\n', encoding="utf-8")
    print(f"{len(judged)} judged queries written to {path}")
    for q in judged:
        counts = {g: len(ids) for g, ids in q["grades"].items()}
        print(f"  {q['kind']:34} {q['query']!r:42} grade 3/2/1: {counts['3']}/{counts['2']}/{counts['1']}")


if __name__ == "__main__":
    main()
