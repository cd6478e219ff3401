"""Command line: `unionreader [PATH...]` opens the app; `facts` and `search` run headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

SUBCOMMANDS = ("facts", "search", "people", "orgs", "index", "cache")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionreader",
        description="Read Vietnamese trade-union news: highlights, facts and instant search.",
        epilog="Subcommands: `unionreader facts --help`, `unionreader search --help`, `unionreader people --help`, "
        "`unionreader orgs --help`, `unionreader index --help`, `unionreader cache info|clear`.",
    )
    parser.add_argument("paths", nargs="*", help="article files or folders (.txt, .md, .jsonl, .html, .docx, .pdf) or - for stdin")
    parser.add_argument(
        "--copy-to", metavar="FILE", help="also write every text the app copies to FILE (replaced on each copy)"
    )
    add_cache_flags(parser)
    return parser


def add_cache_flags(parser: argparse.ArgumentParser) -> None:
    from .library.console import add_cache_flags

    add_cache_flags(parser)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:  # ^C: one line, not a traceback (what the cache holds so far is kept)
        print("unionreader: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "facts":
        return cmd_facts(args[1:])
    if args and args[0] == "search":
        return cmd_search(args[1:])
    if args and args[0] in ("people", "orgs"):
        from .directory_cli import cmd_directory

        return cmd_directory(args[0], args[1:])
    if args and args[0] == "index":
        # (the library's command, keeping the people and organisation tables' scans too)
        from .directory_cli import cmd_index

        return cmd_index(args[1:])
    if args and args[0] == "cache":
        from .library.commands import cmd_cache

        return cmd_cache(args[1:])
    ns = build_parser().parse_args(args)
    return run_app(ns.paths, copy_to=ns.copy_to, ns=ns)


def run_app(paths: list[str], copy_to: str | None = None, ns: argparse.Namespace | None = None) -> int:
    from .app.launch import run
    from .library.console import library_from_args

    return run(paths, copy_to=copy_to, library=library_from_args(ns or argparse.Namespace()))


# Parquet is a dataset folder written by ``scale`` (the optional extra), not a text export.
DATASET_FORMATS = ("parquet",)


def build_facts_parser() -> argparse.ArgumentParser:
    from .export import EXPORT_FORMATS
    from .extract.models import FACT_KINDS

    parser = argparse.ArgumentParser(
        prog="unionreader facts",
        description="Print the facts of each article (event, date, organiser, people and roles, figures, "
        "awards, documents, abbreviations) as Markdown, JSON, CSV or TSV.",
    )
    parser.add_argument("paths", nargs="*", help="article files or folders, or - for stdin (default: the bundled seeds)")
    parser.add_argument(
        "--format", "-f", choices=EXPORT_FORMATS + DATASET_FORMATS,
        help="output format (default: from the --output file's suffix, else md)",
    )
    parser.add_argument(
        "--kind", "-k", metavar="KINDS", help=f"comma-separated kinds to keep, from: {', '.join(FACT_KINDS)}"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout; "
                        "for parquet, the dataset folder DIR")
    parser.add_argument("--dask", metavar="ADDRESS", help="parquet only: run on the Dask scheduler at ADDRESS "
                        "(tcp://host:8786), or `local` for a cluster on this machine (the scale extra)")
    add_cache_flags(parser)
    return parser


def _parse_kinds(spec: str | None) -> list[str] | None:
    from .extract.models import FACT_KINDS

    if not spec:
        return None
    aliases = {"organizer": "organiser", "person": "people", "figure": "figures", "award": "awards",
               "document": "documents", "abbreviation": "abbreviations", "events": "event"}
    kinds = [aliases.get(k.strip().lower(), k.strip().lower()) for k in spec.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in FACT_KINDS]
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r} (choose from: {', '.join(FACT_KINDS)})")
    return kinds


def cmd_facts(argv: list[str]) -> int:
    from . import export

    ns = build_facts_parser().parse_args(argv)
    if ns.format is None:
        ns.format = export.format_for_path(ns.output) if ns.output else "md"
    try:
        kinds = _parse_kinds(ns.kind)
    except ValueError as e:
        print(f"unionreader facts: {e}", file=sys.stderr)
        return 2
    if ns.format == "parquet" or ns.dask:
        if ns.format != "parquet":
            print("unionreader facts: --dask needs --format parquet", file=sys.stderr)
            return 2
        from .scale.command import run_facts_dataset

        return run_facts_dataset(ns.paths, ns.output, kinds, dask=ns.dask)
    opened = open_for_command(ns.paths, ns)
    analyses, errors = opened.analyses, opened.errors
    if not analyses:
        if ns.format == "json" and not ns.output:
            sys.stdout.write(export.to_json([], errors))
        print("unionreader facts: no article could be loaded", file=sys.stderr)
        return 2
    if ns.output:
        try:
            export.write_export(ns.output, analyses, errors, kinds, fmt=ns.format)
        except OSError as e:
            print(f"unionreader facts: cannot write {ns.output}: {e.strerror or e}", file=sys.stderr)
            return 1
        return 0
    if ns.format == "json":  # (the document's UTF-8 pieces as they are made: never one str decoded and encoded again)
        from .gc_pacing import fewer_collections

        with fewer_collections():
            write_stdout(export.json_pieces(analyses, errors, kinds))
        return 0
    write_stdout(export.render(ns.format, analyses, errors, kinds))
    return 0


def write_stdout(text: str | Iterable[bytes]) -> None:
    """Print a command's output (text, or pieces of UTF-8); a reader that stops early (`unionreader facts |
    head`) is no error."""
    try:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            binary = getattr(sys.stdout, "buffer", None)
            if binary is not None:
                binary.writelines(text)
            else:  # (a stream of text only, as a test's capture may be)
                sys.stdout.writelines(piece.decode() for piece in text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def build_search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionreader search",
        description="Search articles: typo-tolerant, with or without diacritics. Query language: words "
        "(AND), \"exact phrase\", -exclude, 'exact-term, a | b, person: org: place: year:2023 date:2024-01 "
        "has:money|award|document kind:people (see README).",
    )
    parser.add_argument("query", help="the search query (quote it in the shell)")
    parser.add_argument("paths", nargs="*", help="article files or folders, or - for stdin (default: the bundled seeds)")
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--limit", "-n", type=int, default=10, metavar="N", help="show at most N hits (default: 10)")
    add_cache_flags(parser)
    return parser


def open_for_command(paths: list[str], ns: argparse.Namespace, index=None, progress: bool | None = None):
    """The one load path of the headless commands: PATHs (the bundled seeds when empty) through the
    library and its cache, with a progress bar on a terminal and one line per problem on stderr.
    With ``index`` the articles go into it (``Opened.articles`` counts them), else into
    ``Opened.analyses``."""
    from .library.console import library_from_args, open_paths

    return open_paths(library_from_args(ns), paths, index=index, progress=progress)


def default_corpus_path() -> str:
    from .corpus import default_corpus_dir

    return str(default_corpus_dir())


def cmd_search(argv: list[str]) -> int:
    import json

    from .search import SearchIndex

    ns = build_search_parser().parse_args(argv)
    if ns.limit < 1:
        print("unionreader search: --limit must be at least 1", file=sys.stderr)
        return 2
    index = SearchIndex()
    if not open_for_command(ns.paths, ns, index=index).articles:
        print("unionreader search: no article could be loaded", file=sys.stderr)
        return 2
    result = index.search(ns.query, limit=ns.limit)
    hits = [index.hit(doc, result) for doc in result.docs]
    if ns.format == "json":
        out = {
            "query": result.query,
            "parsed": result.parsed,
            "ignored": list(result.ignored),
            "total": result.total,
            "hits": [
                {
                    "id": index.analysis(h.doc).article.id,
                    "source": index.analysis(h.doc).article.source,
                    "title": index.analysis(h.doc).article.title,
                    "score": round(h.score, 3),
                    "snippet": h.snippet,
                    "spans": [list(s) for s in h.snippet_spans],
                }
                for h in hits
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_search_text(index, result, hits)
    return 0 if hits else 1


def _print_search_text(index, result, hits) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    note = f" · ignored: {' '.join(result.ignored)}" if result.ignored else ""
    console.print(Text(f"{result.total} match(es) for {result.parsed or '(everything)'}{note}", style="dim"))
    for rank, h in enumerate(hits, 1):
        article = index.analysis(h.doc).article
        title = Text(f"{rank}. ")
        title.append(_highlighted(article.title, h.title_spans, "bold"))
        console.print(title)
        console.print(Text(f"   {article.source}", style="dim"))
        console.print(Text("   ").append(_highlighted(h.snippet, h.snippet_spans, "")))


def _highlighted(s: str, spans, base: str):
    from rich.text import Text

    text = Text(s, style=base)
    for start, end in spans:
        text.stylize("bold reverse", start, end)
    return text
