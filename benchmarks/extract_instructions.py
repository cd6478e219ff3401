"""Instructions per article of the extraction steps, counted by valgrind's callgrind (immune to load).

    .venv/bin/python benchmarks/extract_instructions.py DIR [--articles 100] [--step names] [--tui PATH]

A busy machine makes CPU timings of a few per cent meaningless; instruction counts are not. Each step
(``doc``: ``name_rules.Doc``; ``names``: ``extract_names``; ``figures``; ``merge``: ``merge_entities`` on
ready lists; ``entities``: ``extract_entities``; ``analyse``: entities and facts; ``facts``: ``extract_facts`` of
entities made beforehand) runs over the first ``--articles`` articles of DIR once to
fill the word tables, then is counted twice: with 0 and with 2 more passes, whose difference per article is
printed. ``--tui`` runs another checkout's package (``--tui /tmp/base/tui``) for a side-by-side figure.
``--first-seen WARM`` counts instead what articles cost the first time they are met, as in a worker of a
cold open: after ``analyse`` of WARM other articles, the step over the next ``--articles`` ones once
(the repeated passes above find every new word, name and value already in the tables).
Hash randomisation is off (PYTHONHASHSEED=0), so a run repeats to a few instructions. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import sys
from pathlib import Path
from unionreader.corpus import load_paths
from unionreader.extract import analyse, extract_facts
from unionreader.extract.entities import _default_year, extract_entities, merge_entities
from unionreader.extract.figures import extract_figures
from unionreader.extract.name_rules import Doc
from unionreader.extract.names import extract_names

passes, step, warm = int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
# (first seen: only the files needed, in name order; a large folder is not read whole under valgrind)
paths = sorted(str(p) for p in Path(sys.argv[1]).iterdir())[: warm + int(sys.argv[2])] if warm else [sys.argv[1]]
articles = list(load_paths(paths).articles)
fresh = articles[warm : warm + int(sys.argv[2])] if warm else []
articles = articles[:warm] if warm else articles[: int(sys.argv[2])]


def figures(a):
    return extract_figures(a.text, default_year=_default_year(a), published=a.published)


ready = {id(a): (extract_names(a.text), figures(a)) for a in (fresh or articles)} if step == "merge" else {}
# (facts: the article's entities made first, as ``analyse`` makes them right before its facts)
entities = {id(a): list(extract_entities(a)) for a in (fresh or articles)} if step == "facts" else {}
steps = {
    "doc": lambda a: Doc(a.text),
    "names": lambda a: extract_names(a.text),
    "figures": figures,
    "merge": lambda a: merge_entities(list(ready[id(a)][0]), list(ready[id(a)][1])),
    "entities": extract_entities,
    "analyse": analyse,
    "facts": lambda a: extract_facts(a, entities[id(a)]),
}
for a in articles:
    analyse(a)
for _ in range(passes):
    for a in fresh or articles:
        steps[step](a)
"""


def _instructions(tui: str, folder: str, articles: int, passes: int, step: str, script: Path, warm: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=tui)
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(script), folder,
         str(articles), str(passes), step, str(warm)],
        env=env, capture_output=True, text=True, check=True,
    ).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--step", choices=["doc", "names", "figures", "merge", "entities", "analyse", "facts"], default="names")
    parser.add_argument("--tui", default=str(Path(__file__).resolve().parent.parent / "tui"))
    parser.add_argument("--first-seen", type=int, default=0, metavar="WARM",
                        help="count articles met for the first time, after analysing WARM others")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(_CHILD)
        passes = (0, 1) if args.first_seen else (0, 2)
        counts = [_instructions(args.tui, args.folder, args.articles, p, args.step, script, args.first_seen)
                  for p in passes]
    per_article = (counts[1] - counts[0]) / (passes[1] * args.articles)
    seen = f", first seen after {args.first_seen:,} others" if args.first_seen else ""
    print(f"{args.step}: {per_article:,.0f} instructions per article ({args.articles} articles of {args.folder}{seen}, "
          f"package {args.tui})")


if __name__ == "__main__":
    main()
