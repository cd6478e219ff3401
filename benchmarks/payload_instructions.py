"""Instructions per article of what a worker does with a file once it is analysed, counted by callgrind.

    .venv/bin/python benchmarks/payload_instructions.py DIR [--files 100] [--warm 200] [--step encode] [--tui PATH]

A cold open's worker encodes each file's analyses for the store (``payloads.encode``: rows, a pickle,
Zstandard) and works out each article's ``DocTerms`` for the index (``doc_terms``). The first ``--warm`` files
of DIR (in name order) are analysed and handled as a worker would (filling the caches a worker fills),
then the next ``--files`` are analysed, and only the step over them is counted (``--toggle-collect`` on
the ``functools.reduce`` that runs it). Steps: ``encode`` (all of it), ``rows`` (the rows only),
``pickle`` (rows and pickle, not compressed), ``doc_terms``, ``worker`` (encode and doc_terms). Also prints the
payloads' size against the files'. ``--tui`` runs another checkout's package. Hash randomisation is off.
Needs valgrind.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from reduce_instructions import instructions_in_reduce

_CHILD = """
import pickle
import sys
from functools import reduce
from pathlib import Path
from unionreader.library import payloads
from unionreader.library.worker import analyse_file
from unionreader.search.doc_terms import doc_terms

folder, warm, count, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
paths = sorted(str(p) for p in Path(folder).iterdir())[: warm + count]


def encode(o):
    return payloads.encode(o.path, o.analyses, o.errors)


def terms(o):
    return tuple(map(doc_terms, o.analyses))


steps = {
    "encode": encode,
    "rows": lambda o: tuple(map(payloads._analysis_row, o.analyses)),
    "pickle": lambda o: pickle.dumps((o.path, tuple(map(payloads._analysis_row, o.analyses)), o.errors),
                                     protocol=pickle.HIGHEST_PROTOCOL),
    "doc_terms": terms,
    "worker": lambda o: (encode(o), terms(o)),
}
for p in paths[:warm]:
    o = analyse_file(p)
    encode(o)
    terms(o)
fresh = [analyse_file(p) for p in paths[warm:]]
articles = sum(len(o.analyses) for o in fresh)
size = sum(Path(p).stat().st_size for p in paths[warm:])
stored = sum(len(encode(o)) for o in fresh)
print(articles, size, stored, file=sys.stderr)
reduce(lambda _, o: steps[step](o), fresh, None)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--step", choices=["encode", "rows", "pickle", "doc_terms", "worker"], default="worker")
    parser.add_argument("--tui", default=str(Path(__file__).resolve().parent.parent / "tui"))
    args = parser.parse_args()
    total, out = instructions_in_reduce(_CHILD, [args.folder, str(args.warm), str(args.files), args.step], args.tui)
    articles, size, stored = map(int, re.search(r"^(\d+) (\d+) (\d+)$", out, re.M).groups())
    print(f"{args.step}: {total / articles:,.0f} instructions per article ({articles} articles in {args.files} files "
          f"of {args.folder} after {args.warm}, package {args.tui}); payloads {stored / size:.3f}x the files")


if __name__ == "__main__":
    main()
