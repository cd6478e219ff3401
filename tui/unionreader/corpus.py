"""Reading article files into ``Article`` objects: paths, encodings (see decoding.py), JSONL, bad input.

- ``discover(paths) -> list[Source]``: what would be read, with sizes, for progress bars.
- ``load_source(source) -> list[Article | LoadError]``: one file (or stdin), never raises.
- ``iter_load(paths)`` streams all of them; ``load_paths(paths) -> LoadResult`` collects them.
- ``default_corpus_dir()``: the bundled seeds (inside the wheel, or the repo's seeds/).

A bad input becomes a ``LoadError`` naming the file and the problem; loading goes on with the rest.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

# Paragraph too: analyses pickled before the model moved to ``articles`` (caches, saved benchmark
# corpora) name it here, and must still load.
from .articles import Article, Paragraph, parse_article  # noqa: F401
from .decoding import BadInput, decode, looks_like_html
from .files import read_bytes, stat_or_missing, system_name

ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm", ".docx", ".pdf")
MAX_FILE_BYTES = 20 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True, slots=True)
class LoadError:
    """A problem with one input. ``kind`` "warning" means the article still loaded."""

    source: str
    error: str
    kind: str = "error"

    def __str__(self) -> str:
        label = "warning: " if self.kind == "warning" else ""
        return f"{label}{self.source}: {self.error}"

    def __reduce__(self):
        # (positional fields: see ``articles.Paragraph.__reduce__``)
        return type(self), (self.source, self.error, self.kind)


@dataclass(frozen=True, slots=True)
class LoadResult:
    articles: tuple[Article, ...]
    errors: tuple[LoadError, ...]
    warnings: tuple[LoadError, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path, or "-" for stdin; ``size`` in bytes (0 when unknown)."""

    path: str
    size: int = 0


def default_corpus_dir() -> Path:
    here = Path(__file__).resolve().parent
    bundled = here / "seeds"
    if bundled.is_dir():
        return bundled
    return here.parent.parent / "seeds"


# --- reading sources -------------------------------------------------------------------------


def discover(paths: Iterable[str | Path]) -> list[Source]:
    """The inputs that ``iter_load`` would read, folders expanded (sorted, hidden files skipped).

    A missing path or a folder with no articles is still listed, so ``load_source`` reports it.
    """
    sources: list[Source] = []
    for item in paths:
        name = str(item)
        if name == STDIN:
            sources.append(Source(STDIN))
            continue
        path = Path(name)
        if path.is_dir():
            found = [
                q
                for q in sorted(path.rglob("*"))
                if q.suffix.lower() in ARTICLE_SUFFIXES
                and q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(path).parts)
            ]
            sources.extend(Source(str(q), _size(q)) for q in found)
            if not found:
                sources.append(Source(name, -1))  # -1: an empty folder, reported by load_source
        else:
            sources.append(Source(name, _size(path)))
    return sources


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_error(name: str, exc: BadInput | OSError) -> LoadError:
    """The one line a file that cannot be read gets."""
    if isinstance(exc, BadInput):
        return LoadError(name, str(exc))
    if isinstance(exc, PermissionError):
        return LoadError(name, "permission denied")
    return LoadError(name, exc.strerror or str(exc))


def load_source(source: Source) -> list[Article | LoadError]:
    """Read one input into articles; every problem becomes a LoadError, nothing raises."""
    name = source.path
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read()
        else:
            if source.size == -1:
                raise BadInput("no articles (.txt, .md, .jsonl, .html, .docx, .pdf) in this folder")
            path = system_name(name)
            # one stat answers "exists?", "a regular file?" and the size
            return load_stated(name, path, stat_or_missing(path))
    except (BadInput, OSError) as exc:
        return [_read_error(name, exc)]
    return load_bytes(name, data)


def load_stated(name: str, path: str, st: os.stat_result | None) -> list[Article | LoadError]:
    """``load_source`` of the file ``name`` whose stat at ``path`` (its ``system_name``) is ``st`` (None:
    missing): for a caller that has the stat already (the library's worker needs its size too)."""
    try:
        if st is None:
            raise BadInput("no such file or folder")
        if not S_ISREG(st.st_mode):
            raise BadInput("not a regular file")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(f"file is {size / 1048576:.1f} MB, over the 20 MB limit")
        data = read_bytes(path, size)
    except (BadInput, OSError) as exc:
        return [_read_error(name, exc)]
    return load_bytes(name, data)


def load_bytes(name: str, data: bytes) -> list[Article | LoadError]:
    """The articles of an input already read (``name``'s bytes ``data``), as ``load_source`` gives them."""
    lower = name.lower()
    if lower.endswith(".docx"):
        return _load_docx(name, data)
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        return _load_pdf(name, data)
    try:
        if not data or data.isspace():  # (``isspace`` tests the bytes ``strip`` removes, without a copy)
            raise BadInput("empty file")
        if data[:8] == _OLE_MAGIC:
            raise BadInput("a Word 97–2003 or other Office binary file: save it as .docx to read it")
        text, warning = decode(data)
    except BadInput as exc:
        return [LoadError(name, str(exc))]

    items: list[Article | LoadError] = []
    if warning:
        items.append(LoadError(name, warning, "warning"))
    if name.lower().endswith(".jsonl") or (name == STDIN and text.lstrip().startswith("{")):
        items.extend(_parse_jsonl(text, name))
    elif not text or text.isspace():
        items.append(LoadError(name, "empty file"))
    elif looks_like_html(text) or lower.endswith((".html", ".htm")):
        from .html_pages import read_html_page  # (the HTML parser: only for web pages)

        body, meta = read_html_page(text)
        items.extend(_one_article(name, body, meta, "no article text in this web page"))
    else:
        items.extend(_one_article(name, text, {}, "no article text left after removing page furniture"))
    return items


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # (how .doc, .xls and .ppt files open)


def _one_article(name: str, body: str, meta: dict, nothing: str) -> list[Article | LoadError]:
    """The article of a file's text (and what its format says of it), or the line ``nothing`` when no text is
    left once it is cleaned."""
    # (``isspace`` stops at the first letter; ``strip`` copied the whole page)
    article = parse_article(body, name, meta) if body and not body.isspace() else None
    return [article] if article is not None and article.text else [LoadError(name, nothing)]


def _load_docx(name: str, data: bytes) -> list[Article | LoadError]:
    from .word_files import NotAWordDocument, read_docx  # (zipfile and XML: only for Word files)

    try:
        body, meta = read_docx(data)
    except NotAWordDocument as exc:
        return [LoadError(name, str(exc))]
    return _one_article(name, body, meta, "no text in this Word document")


def _load_pdf(name: str, data: bytes) -> list[Article | LoadError]:
    from .pdf_files import NotReadablePdf, read_pdf

    try:
        body, meta = read_pdf(data)
    except ImportError:
        return [LoadError(name, "reading PDF files needs the pdf extra: pip install 'unionreader[pdf]'")]
    except NotReadablePdf as exc:
        return [LoadError(name, str(exc))]
    return _one_article(name, body, meta, "no text in this PDF")


def _is_markup(body: str) -> bool:
    """A record's text that is a page or a fragment of one ("<p>…</p>"), not prose that mentions a tag."""
    head = body.lstrip()[:1]
    return looks_like_html(body) or (head == "<" and ("</p>" in body or "</div>" in body or "<br" in body))


def _parse_jsonl(text: str, name: str) -> Iterator[Article | LoadError]:
    seen_any = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield LoadError(where, f"malformed JSON line ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield LoadError(where, "JSON line is not an object")
            continue
        body = record.get("text")
        if (not isinstance(body, str) or not body.strip()) and isinstance(record.get("html"), str):
            body = record["html"]  # (a crawl that kept the page as it came)
        if not isinstance(body, str) or not body.strip():
            yield LoadError(where, 'JSON line has no "text" (or "html")')
            continue
        meta = {k: record[k] for k in ("title", "date", "url", "source") if record.get(k)}
        if _is_markup(body):  # the page's own title, date, address and publication, where the record has none
            from .html_pages import read_html_page

            body, page = read_html_page(body)
            meta = page | meta
        article = parse_article(body, where, meta)
        if article.text:
            seen_any = True
            yield article
        else:
            yield LoadError(where, "no article text left after removing page furniture")
    if not seen_any and not text.strip():
        yield LoadError(name, "empty file")


def iter_load(paths: Iterable[str | Path]) -> Iterator[Article | LoadError]:
    """Stream articles and problems from PATHs (the bundled seeds when PATHs is empty)."""
    paths = list(paths) or [default_corpus_dir()]
    for source in discover(paths):
        yield from load_source(source)


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    articles: list[Article] = []
    errors: list[LoadError] = []
    warnings: list[LoadError] = []
    for item in iter_load(paths):
        if isinstance(item, Article):
            articles.append(item)
        elif item.kind == "warning":
            warnings.append(item)
        else:
            errors.append(item)
    return LoadResult(tuple(articles), tuple(errors), tuple(warnings))


def _source_path(source) -> Path | None:
    for candidate in (source, getattr(source, "path", None)):
        if isinstance(candidate, str | Path) and str(candidate) != "-":
            return Path(candidate)
    return None


def _may_be_jsonl(name: str) -> bool:
    """False when ``Path(name).suffix`` cannot be ".jsonl" (in any case): the name, as pathlib spells it,
    does not end so."""
    return system_name(name)[-6:].lower() == ".jsonl"


def count_articles(paths: list[str]) -> int | None:
    """Articles to expect, for progress bars: one per .txt/.md file plus one per non-blank line of .jsonl
    files (None if unknown, e.g. stdin)."""
    total = 0
    for item in paths or [str(default_corpus_dir())]:
        # A file is counted from one stat (the loader asks about thousands of them); a folder is listed.
        try:
            st = stat_or_missing(system_name(item) if isinstance(item, str) else Path(item))
        except Exception:  # counting is only for the progress bar; loading reports the real errors
            return None
        if st is not None and S_ISDIR(st.st_mode):
            try:
                sources = discover([item])
            except Exception:
                return None
        elif isinstance(item, str) and item != STDIN and not _may_be_jsonl(item):
            total += 1  # (a file named as a str, without a Path: the loader counts thousands)
            continue
        else:
            sources = [item]
        for source in sources:
            path = _source_path(source)
            if path is None:
                return None
            if path.suffix.lower() == ".jsonl":
                try:
                    with path.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    continue
            else:
                total += 1
    return total
