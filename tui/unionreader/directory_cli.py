"""`unionreader people` and `unionreader orgs`: the people / organisation directory of the given
articles, headless, with the conventions of `unionreader facts` (atomic --output, exit codes, load
errors in the JSON)."""

from __future__ import annotations

import argparse
import csv
import io
import sys

from .cli import add_cache_flags, write_stdout

FORMATS = ("md", "json", "csv")
SORTS = ("articles", "name", "latest")


def build_parser(command: str) -> argparse.ArgumentParser:
    what = "people (merged by name; namesakes kept apart by body)" if command == "people" else (
        "organisations (merged across abbreviations and expansions)")
    parser = argparse.ArgumentParser(
        prog=f"unionreader {command}",
        description=f"List the {what} of the articles, with their profiles, as Markdown, JSON or CSV.",
    )
    parser.add_argument("paths", nargs="*", help="article files or folders, or - for stdin (default: the bundled seeds)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default: md)")
    parser.add_argument("--min-articles", "-m", type=int, default=1, metavar="N",
                        help="only those seen in at least N articles (default: 1)")
    parser.add_argument("--sort", "-s", choices=SORTS, default="articles", help="order (default: articles, most first)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_cache_flags(parser)
    return parser


def render(command: str, analyses, errors=(), fmt: str = "md", min_articles: int = 1, sort: str = "articles") -> str:
    """The directory of ``analyses`` in ``fmt``: what the command prints."""
    from .directory import build_orgs, build_people

    table = build_people(analyses) if command == "people" else build_orgs(analyses)
    return render_table(command, table, errors, fmt, min_articles, sort)


def render_table(command: str, table, errors=(), fmt: str = "md", min_articles: int = 1, sort: str = "articles") -> str:
    """A people or organisation table in ``fmt`` (``render``'s output for a table built elsewhere)."""
    from .directory import render as r
    from .directory.indented_json import dumps_indented

    if command == "people":
        profile, markdown, as_json, row = table.profile, r.person_markdown, r.person_json, r.person_row
        schema, header, title = r.PEOPLE_SCHEMA, r.PEOPLE_CSV_HEADER, "Người (People)"
    else:
        profile, markdown, as_json, row = table.profile, r.org_markdown, r.org_json, r.org_row
        schema, header, title = r.ORGS_SCHEMA, r.ORGS_CSV_HEADER, "Đơn vị (Organisations)"
    rows = [i for i in table.order(sort) if table.rows[i].articles >= min_articles]
    profiles = [profile(i) for i in rows]
    if fmt == "json":
        key = "people" if command == "people" else "organisations"
        doc = {"schema": schema, key: [as_json(p) for p in profiles],
               "errors": [{"source": e.source, "error": e.error} for e in errors]}
        return dumps_indented(doc) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(row(p) for p in profiles)
        return out.getvalue()
    return f"## {title}: {len(profiles)}\n\n" + "\n".join(markdown(p) for p in profiles)


def cmd_directory(command: str, argv: list[str]) -> int:
    from .cli import open_for_command
    from .export import encoding_for, write_atomic

    ns = build_parser(command).parse_args(argv)
    name = f"unionreader {command}"
    if ns.min_articles < 1:
        print(f"{name}: --min-articles must be at least 1", file=sys.stderr)
        return 2
    opened = open_for_command(ns.paths, ns)
    analyses, errors = opened.analyses, opened.errors
    if not analyses:
        if ns.format == "json" and not ns.output:
            sys.stdout.write(render(command, [], errors, "json"))
        print(f"{name}: no article could be loaded", file=sys.stderr)
        return 2
    text = render(command, analyses, errors, ns.format, ns.min_articles, ns.sort)
    if ns.output:
        try:
            write_atomic(ns.output, text, encoding=encoding_for(ns.format))
        except OSError as e:
            print(f"{name}: cannot write {ns.output}: {e.strerror or e}", file=sys.stderr)
            return 1
        return 0
    write_stdout(text)
    return 0


class TablesKept:
    """``unionreader index`` keeps the people and organisation tables' scans with the index snapshot it
    saves, as the app does when a load ends (``app.archive``): batches are scanned as they are indexed,
    a restored snapshot's saved scans are carried over with the docs added since, and the app's first
    screen after the command loads them instead of reading every article back from the cache."""

    def __init__(self, library, index) -> None:
        from .directory.live import LiveTables

        self.library = library
        self.tables = LiveTables(_IndexDocs(index), retired=lambda: index.retired, on_built=lambda: None)
        self._index = index

    def _saved(self):
        from .directory.saved import SavedScans

        archive, key, docs = self.library.snapshot
        return SavedScans(self.library.cache_dir, archive), key, docs

    def __call__(self, event) -> None:
        from .library.batching import Batch
        from .library.events import Restored

        if isinstance(event, Restored) and self.library.snapshot is not None:
            self.tables.restored(*self._saved())
        elif isinstance(event, Batch) and event.analyses:
            self.tables.feed(len(self._index) - len(event.analyses), event.analyses)

    def ended(self) -> None:
        if self.library.snapshot is None or self.library.cache_dir is None:
            return  # (no index saved: nothing to keep the scans with)
        self.tables.saved_as(*self._saved())
        self.tables.settle_all(rows=True)
        for problem in self.tables.problems:
            print(f"unionreader: {problem}", file=sys.stderr)


class _IndexDocs:
    """The index's docs by number (read from the cache once the index is saved)."""

    def __init__(self, index) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, doc):
        return self._index.analysis(doc)


def cmd_index(argv: list[str]) -> int:
    """``unionreader index``, keeping the tables' scans too."""
    from .library.commands import cmd_index as index_command

    return index_command(argv, follower=TablesKept)
