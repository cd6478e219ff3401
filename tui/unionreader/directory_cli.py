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
