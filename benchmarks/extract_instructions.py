"""Instructions per article of the extraction steps, counted by valgrind's callgrind (immune to load).

    .venv/bin/python benchmarks/extract_instructions.py DIR [--articles 100] [--step names] [--tui PATH]

A busy machine makes CPU timings of a few per cent meaningless; instruction counts are not. Each step
(``doc``: ``name_rules.Doc``; ``names``: ``extract_names``; ``figures``; ``merge``: ``merge_entities`` on
ready lists; ``entities``: ``extract_entities``; ``analyse``: entities and facts) runs over the first ``--articles`` articles of DIR once to
fill the word tables, then is counted twice: with 0 and with 2 more passes, whose difference per article is
printed. ``--tui`` runs another checkout's package (``--tui /tmp/base/tui``) for a side-by-side figure.
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
from unionreader.corpus import load_paths
from unionreader.extract import analyse
from unionreader.extract.entities import _default_year, extract_entities, merge_entities
from unionreader.extract.figures import extract_figures
from unionreader.extract.name_rules import Doc
from unionreader.extract.names import extract_names

articles = list(load_paths([sys.argv[1]]).articles)[: int(sys.argv[2])]
passes, step = int(sys.argv[3]), sys.argv[4]


def figures(a):
    return extract_figures(a.text, default_year=_default_year(a), published=a.published)


ready = {id(a): (extract_names(a.text), figures(a)) for a in articles}
steps = {
    "doc": lambda a: Doc(a.text),
    "names": lambda a: extract_names(a.text),
    "figures": figures,
    "merge": lambda a: merge_entities(list(ready[id(a)][0]), list(ready[id(a)][1])),
    "entities": extract_entities,
    "analyse": analyse,
}
for a in articles:
    analyse(a)
for _ in range(passes):
    for a in articles:
        steps[step](a)
"""


def _instructions(tui: str, folder: str, articles: int, passes: int, step: str, script: Path) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=tui)
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(script), folder,
         str(articles), str(passes), step],
        env=env, capture_output=True, text=True, check=True,
    ).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--step", choices=["doc", "names", "figures", "merge", "entities", "analyse"], default="names")
    parser.add_argument("--tui", default=str(Path(__file__).resolve().parent.parent / "tui"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(_CHILD)
        counts = [_instructions(args.tui, args.folder, args.articles, p, args.step, script) for p in (0, 2)]
    per_article = (counts[1] - counts[0]) / (2 * args.articles)
    print(f"{args.step}: {per_article:,.0f} instructions per article ({args.articles} articles of {args.folder}, "
          f"package {args.tui})")


if __name__ == "__main__":
    main()
