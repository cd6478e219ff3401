"""Saved news pages (.html): the article's title, paragraphs and what the page says of itself.

A press office saves pages from news sites as they are. Read as text, a page was markup with the article
somewhere inside; read here with the standard library's parser, it gives the text of its blocks (the
``<article>`` element's when it has one, else the body's), without scripts, menus, headers, footers,
share buttons and comment boxes, and the metadata the page carries: its title (``og:title``, the first
``<h1>``, ``<title>``), when it was published (``article:published_time`` and the like, or a ``<time>``),
its address (``<link rel="canonical">``, ``og:url``) and its publication (``og:site_name``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .decoding import looks_like_html  # noqa: F401 (where the readers ask it; here for this module's users)

# Elements whose text is never the article's.
# (Not "form": ASP.NET pages, common on government and union sites, wrap the whole body in one.)
_SKIPPED = frozenset(("script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "svg",
                      "button", "select", "textarea", "template", "menu", "object", "canvas"))
# Elements that end a paragraph of text.
_BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "th", "dd",
                     "dt", "pre", "div", "section", "article", "tr", "br", "ul", "ol", "table", "main", "figure"))
_VOID = frozenset(("br", "img", "meta", "link", "hr", "input", "source", "wbr", "area", "base", "col", "embed"))
# A class or id that marks page furniture ("box-comment", "related-news", "social-share").
_FURNITURE = re.compile(r"(?i)comment|related|share|social|breadcrumb|menu|advert|banner|sidebar|popup|cookie"
                        r"|newsletter|tin-lien-quan|tinlienquan|lien-quan")
# A class or id that marks where a page keeps its story ("detail-content", "article-body", "fck_detail"): used
# when the page has no <article> element.
_CONTENT = re.compile(r"(?i)content|detail|body|article|post|entry|story|noi-?dung|chi-?tiet")
_PUBLISHED_KEYS = ("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
                   "dc.date.issued", "og:published_time")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_SPACES = re.compile(r"\s+")
# Cut before parsing (one pass in C, where the parser would walk them tag by tag: menus of hundreds of links
# cost milliseconds a page): comments and the elements that hold no text of the story and seldom nest in
# themselves (a nested one leaves its outer rest to the parser, which skips it as before).
_UNREAD = re.compile(r"(?is)<!--.*?-->|<(script|style|noscript|svg|template|nav|aside)\b[^>]*>.*?</\1\s*>")
_MIN_ARTICLE_TEXT = 200  # characters: an <article> element shorter than this is a teaser, not the article


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.time = ""
        self.page_title: list[str] = []
        self.first_h1: str | None = None
        self.body_blocks: list[str] = []
        self.article_blocks: list[str] = []
        self._skipping: list[str] = []  # the open elements being skipped, innermost last
        self._stack: list[tuple[str, bool, int]] = []  # open elements: (tag, furniture?, container or -1)
        self.containers: list[list[str]] = []  # the blocks of each element whose class names the story
        self._open_containers: list[int] = []
        self._in_title = self._in_h1 = False
        self._article_depth = 0
        self._buffer: list[str] = []
        self._h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if name and values.get("content") and name not in self.meta:
                self.meta[name] = values["content"].strip()
            return
        if tag == "link":
            if "canonical" in values.get("rel", "").lower() and values.get("href") and not self.canonical:
                self.canonical = values["href"].strip()
            return
        if tag == "time" and not self.time and values.get("datetime"):
            self.time = values["datetime"].strip()
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        names = f"{values.get('class', '')} {values.get('id', '')}"
        furniture = bool(_FURNITURE.search(names)) and tag != "body"
        container = -1
        if not furniture and tag not in ("body", "html") and _CONTENT.search(names):
            container = len(self.containers)
            self.containers.append([])
            self._open_containers.append(container)
        self._stack.append((tag, furniture, container))
        if tag in _SKIPPED or furniture:
            self._skipping.append(tag)
        elif tag == "title":
            self._in_title = True
        elif tag == "h1" and self.first_h1 is None and not self._skipping:
            self._in_h1 = True
        elif tag == "article":
            self._article_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        # Close up to the matching open element (a page may leave some unclosed).
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                for open_tag, furniture, container in reversed(self._stack[depth:]):
                    self._close(open_tag, furniture)
                    if container >= 0 and self._open_containers and self._open_containers[-1] == container:
                        self._open_containers.pop()
                del self._stack[depth:]
                break

    def _close(self, tag: str, furniture: bool) -> None:
        if (tag in _SKIPPED or furniture) and self._skipping:
            self._skipping.pop()
        elif tag == "title":
            self._in_title = False
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.first_h1 = _SPACES.sub(" ", "".join(self._h1)).strip() or None
        elif tag == "article" and self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title.append(data)
            return
        if self._skipping:
            return
        if self._in_h1:
            self._h1.append(data)
        self._buffer.append(data)

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._buffer)).strip()
        self._buffer.clear()
        if text:
            self.body_blocks.append(text)
            if self._article_depth:
                self.article_blocks.append(text)
            for container in self._open_containers:
                self.containers[container].append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def _iso_date(value: str) -> str | None:
    m = _ISO_DATE.search(value)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _DMY_DATE.search(value)
        if not m:
            return None
        day, month, year = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _title(parser: _PageParser) -> str:
    page_title = _SPACES.sub(" ", "".join(parser.page_title)).strip()
    site = parser.meta.get("og:site_name", "")
    for title in (parser.meta.get("og:title", ""), parser.first_h1 or "", page_title):
        if not title:
            continue
        # "Công đoàn … - Báo Lao Động": the site's name after the headline is not the headline's.
        for mark in (" | ", " - ", " – "):
            head, _, tail = title.rpartition(mark)
            if head and (not site or tail.strip().lower() == site.lower() or len(tail) <= 30 < len(head)):
                title = head.strip()
                break
        return title
    return ""


def _story_blocks(parser: _PageParser) -> list[str]:
    """The <article> element's blocks; else those of the narrowest element named for the story that holds
    most of the text such elements hold (a "detail-content" inside a "main-content" that also lists other
    headlines); else the body's."""
    if sum(map(len, parser.article_blocks)) >= _MIN_ARTICLE_TEXT:
        return parser.article_blocks
    sized = [(sum(map(len, blocks)), i) for i, blocks in enumerate(parser.containers)]
    sized = [(size, i) for size, i in sized if size >= _MIN_ARTICLE_TEXT]
    if sized:
        largest = max(size for size, _ in sized)
        _, narrowest = min((size, i) for size, i in sized if size >= 0.6 * largest)
        return parser.containers[narrowest]
    return parser.body_blocks


def read_html_page(text: str) -> tuple[str, dict[str, str]]:
    """The page's article text (paragraphs separated by blank lines, its title left out) and its metadata
    (``title``, ``date`` as ISO, ``url``, ``source``) for ``articles.parse_article``. The text is ""
    when the page holds none."""
    parser = _PageParser()
    parser.feed(_UNREAD.sub(" ", text))
    parser.close()
    blocks = _story_blocks(parser)
    title = _title(parser)
    if blocks and title and blocks[0] in (title, parser.first_h1):
        blocks = blocks[1:]
    meta = {"title": title} if title else {}
    published = next((d for d in (_iso_date(parser.meta.get(k, "")) for k in _PUBLISHED_KEYS) if d), None)
    published = published or (_iso_date(parser.time) if parser.time else None)
    if published:
        meta["date"] = published
    url = parser.canonical or parser.meta.get("og:url", "")
    if url.startswith(("http://", "https://")):
        meta["url"] = url
    if parser.meta.get("og:site_name"):
        meta["source"] = parser.meta["og:site_name"]
    return "\n\n".join(blocks), meta
