"""The ``Article`` model and the cleaning of one page of text into it.

- ``parse_article(raw, source, meta=None) -> Article``: pure; cleans scraped noise (see cleaning.py).
- ``article_id(text)``: the stable id of a cleaned text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .cleaning import page_parts
from .official_documents import is_official, read_official
from .patterns import on_first_use
from .text import nfc


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A span of ``Article.text``: kind is "title", "body" or "caption"."""

    kind: str
    start: int
    end: int

    def __reduce__(self):
        # Pickled by the library's workers and its store: positional fields load several times faster
        # than the frozen-dataclass state (``dataclasses._dataclass_setstate`` walks ``fields()`` per object).
        return type(self), (self.kind, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    title: str
    title_derived: bool
    text: str  # cleaned text shown by the reader; entity offsets point into it
    paragraphs: tuple[Paragraph, ...]
    byline: str | None
    raw: str  # the file's text as read (NFC), kept for provenance
    published: str | None = None  # ISO date from metadata or a dateline, when the page has one
    url: str | None = None
    origin: str | None = None  # the publisher a JSONL record names in its "source" field

    def __reduce__(self):
        # (positional fields: see the first model's ``__reduce__``)
        return type(self), (self.id, self.source, self.title, self.title_derived, self.text, self.paragraphs,
                            self.byline, self.raw, self.published, self.url, self.origin)


# --- cleaning into an Article ------------------------------------------------------------------


def article_id(text: str) -> str:
    """A stable id from the cleaned text: the same article read twice gets the same id."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def parse_article(raw: str, source: str, meta: dict | None = None) -> Article:
    """Clean one page of text into an Article (pure: no I/O)."""
    meta = meta or {}
    if "\r" in raw:  # (one C search, rather than two copying ones, for the usual "\n" file)
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = nfc(raw)
    if is_official(raw):  # a report laid out as an official document: its heading and signature read as such
        raw, heading = read_official(raw)
        # (Its kind and subject are a better title than a file's title property, often a template's.)
        meta = {**heading, **{k: v for k, v in meta.items() if k != "title" or "title" not in heading}}
    title_hint = meta.get("title")
    title, title_derived, kinds, parts, byline, page_published = page_parts(
        raw, title_hint=nfc(str(title_hint)) if title_hint else None)
    if not title_derived and title:
        kinds.insert(0, "title")
        parts.insert(0, title)
    text = "\n\n".join(parts)
    paragraphs: list[Paragraph] = []
    pos = 0
    for kind, part in zip(kinds, parts, strict=True):
        end = pos + len(part)
        paragraphs.append(Paragraph(kind, pos, end))
        pos = end + 2  # past the "\n\n" that joins paragraphs
    published = meta.get("date") or page_published
    url, origin = meta.get("url"), meta.get("source")
    if not url or not origin:
        page_url, page_origin = _page_source(raw)
        url, origin = url or page_url, origin or page_origin
    if byline and byline[:5].lower() == "theo " and len(byline) > 5:  # "Theo Báo Lao Động": a source, no reporter
        origin, byline = origin or byline[5:].strip(), None
    return Article(
        id=article_id(text),
        source=source,
        title=title,
        title_derived=title_derived,
        text=text,
        paragraphs=tuple(paragraphs),
        byline=byline,
        raw=raw,
        published=str(published) if published else None,
        url=str(url) if url else None,
        origin=str(origin) if origin else None,
    )


# A saved page's own line naming where it came from: "Nguồn: https://…", "URL: …", "Nguồn: Báo Lao Động".
_SOURCE_LINE = on_first_use(r"(?im)^[ \t]*(?:(nguồn|link|url|source)[ \t]*:[ \t]*)?(\S[^\n]{0,199}?)[ \t]*$")
_URL = on_first_use(r"https?://[^\s<>\"“”]+")
_SOURCE_LABEL = on_first_use(r"(?i)[ \t]*(?:nguồn|link|url|source)")  # how a labelled line opens
_LONGEST_UNLABELLED = 200  # (``_SOURCE_LINE``'s second group)


def _page_source(raw: str) -> tuple[str | None, str | None]:
    """(URL, publication) a page states on a line of its own, or None for each.

    ``_SOURCE_LINE`` is tried on the lines that can give either: a URL has "http" and a publication a
    "nguồn" label (in any case: no other letter lower-cases to one of its letters), and a line past 200
    characters between its spaces and tabs must open with a label. Prose that mentions "nguồn" (a
    common word) is thus passed over without running the expression along it, which took 70 µs a page."""
    if "http" not in raw and "guồn" not in raw:
        return None, None
    url = origin = None
    for line in raw.split("\n"):  # (``_SOURCE_LINE`` matches within one line: ^ and $ of the same line)
        if (len(line) > _LONGEST_UNLABELLED and not _SOURCE_LABEL.match(line)
                and len(line.strip(" \t")) > _LONGEST_UNLABELLED):
            continue
        if "http" not in line and "nguồn" not in line.lower():
            continue
        m = _SOURCE_LINE.match(line)
        if m is None:
            continue
        label, rest = m.group(1), m.group(2)
        found = _URL.fullmatch(rest)
        if found and url is None:
            url = rest
        elif label and label.lower() == "nguồn" and origin is None and not _URL.search(rest) and len(rest) <= 60:
            origin = rest.rstrip(".")
    return url, origin

