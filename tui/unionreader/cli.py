"""Command line: `unionreader [PATH...]` opens the app; `facts` and `search` run headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

SUBCOMMANDS = ("facts", "search")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionreader",
        description="Read Vietnamese trade-union news: highlights, facts and instant search.",
        epilog="Subcommands: `unionreader facts --help`, `unionreader search --help`.",
    )
    parser.add_argument("paths", nargs="*", help="article files or folders (.txt, .md, .jsonl) or - for stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "facts":
        return cmd_facts(args[1:])
    if args and args[0] == "search":
        return cmd_search(args[1:])
    ns = build_parser().parse_args(args)
    return run_app(ns.paths)


def run_app(paths: list[str]) -> int:
    from .app.app import run

    return run(paths)


def cmd_facts(argv: list[str]) -> int:
    raise NotImplementedError


def cmd_search(argv: list[str]) -> int:
    raise NotImplementedError


def load_articles_for_cli(paths: list[str]):
    """Load PATHs (the bundled seeds when empty) for a headless command.

    Prints one line per bad input on stderr and returns the articles, or None when nothing loaded
    (the caller then exits 2). Shows a progress bar on stderr when it is a terminal.
    """
    from .corpus import load_paths

    result = load_paths(paths)
    for problem in (*result.warnings, *result.errors):
        print(f"unionreader: {problem}", file=sys.stderr)
    return list(result.articles) or None
