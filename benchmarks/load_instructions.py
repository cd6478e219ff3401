"""Instructions per file of reading and cleaning (``corpus.load_bytes``), counted by valgrind's callgrind.

    .venv/bin/python benchmarks/load_instructions.py DIR [--files 300] [--tui PATH]

The first ``--files`` files of DIR (in name order) are read into memory, one is loaded once (to compile the
patterns compiled on first use), then only the ``load_bytes`` calls over all of them are counted
(``--toggle-collect`` on the ``functools.reduce`` that makes them): decoding, NFC, cleaning, the article id.
``--tui`` runs another checkout's package for a side-by-side figure. Hash randomisation is off. Needs valgrind.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reduce_instructions import instructions_in_reduce

_CHILD = """
import sys
from functools import reduce
from pathlib import Path
from unionreader.corpus import load_bytes

paths = sorted(str(p) for p in Path(sys.argv[1]).iterdir())[: int(sys.argv[2])]
files = [(p, Path(p).read_bytes()) for p in paths]
load_bytes(*files[-1])
reduce(lambda _, file: load_bytes(*file), files, None)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--tui", default=str(Path(__file__).resolve().parent.parent / "tui"))
    args = parser.parse_args()
    total, _ = instructions_in_reduce(_CHILD, [args.folder, str(args.files)], args.tui)
    print(f"load: {total / args.files:,.0f} instructions per file ({args.files} files of {args.folder}, package {args.tui})")


if __name__ == "__main__":
    main()
