"""Starting the app from the command line, with articles piped on standard input if there are any."""

from __future__ import annotations

import itertools
import os
import sys

from ..library.batching import load_batches
from ..library.indexer import index_batches
from ..library.loader import Library
from .app import UnionReaderApp


def run(paths: list[str], copy_to: str | None = None, library: Library | None = None) -> int:
    library = library if library is not None else Library(None)
    events = None
    if "-" in paths and not sys.stdin.isatty():
        # Articles piped on stdin are read before the app takes over the terminal for its keys.
        from ..corpus import iter_load

        piped = list(iter_load(["-"]))
        rest = [p for p in paths if p != "-"]
        paths = rest
        events = lambda feeder: itertools.chain(  # noqa: E731
            index_batches(load_batches(piped), feeder, library.seen_ids), library.open(rest, feeder) if rest else ()
        )
        try:
            tty = os.open("/dev/tty", os.O_RDONLY)
        except OSError:
            print("unionreader: no terminal to run the app on (stdin is a pipe); try `unionreader facts -`",
                  file=sys.stderr)
            return 2
        os.dup2(tty, 0)
        os.close(tty)
    app = UnionReaderApp(paths, copy_to=copy_to, library=library, events=events)
    app.run()
    return app.return_code or 0
