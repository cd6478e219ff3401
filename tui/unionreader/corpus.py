"""Reading article files and cleaning them into ``Article`` objects.

CONTRACT (other modules rely on it; the corpus work fills in the bodies):
- ``parse_article(raw, source, meta=None) -> Article``: pure; cleans scraped noise.
- ``iter_load(paths) -> Iterator[Article | LoadError]``: streams files/folders/JSONL/"-".
- ``load_paths(paths) -> LoadResult``: everything at once.
- ``discover(paths) -> list[Source]``: what would be read, for progress bars.
- ``default_corpus_dir() -> Path``: the bundled seeds (inside the wheel, or the repo's seeds/).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .text import nfc


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A span of ``Article.text``: kind is "title", "body" or "caption"."""

    kind: str
    start: int
    end: int


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


@dataclass(frozen=True, slots=True)
class LoadError:
    source: str
    error: str

    def __str__(self) -> str:
        return f"{self.source}: {self.error}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    articles: tuple[Article, ...]
    errors: tuple[LoadError, ...]


def default_corpus_dir() -> Path:
    here = Path(__file__).resolve().parent
    bundled = here / "seeds"
    if bundled.is_dir():
        return bundled
    return here.parent.parent / "seeds"


# --- interim reader (the corpus work replaces it with the full cleaning rules) -------------------
import hashlib  # noqa: E402


def parse_article(raw: str, source: str, meta: dict | None = None) -> Article:
    raw = nfc(raw.replace("\r\n", "\n"))
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    title = lines[0] if lines else ""
    text = "\n\n".join(lines)
    paragraphs = []
    pos = 0
    for i, ln in enumerate(lines):
        paragraphs.append(Paragraph("title" if i == 0 else "body", pos, pos + len(ln)))
        pos += len(ln) + 2
    article_id = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return Article(article_id, source, title, False, text, tuple(paragraphs), None, raw)


def discover(paths) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".txt", ".md", ".jsonl")))
        else:
            out.append(p)
    return out


def iter_load(paths):
    for p in discover(paths or [default_corpus_dir()]):
        try:
            yield parse_article(p.read_text(encoding="utf-8"), str(p))
        except (OSError, UnicodeDecodeError) as e:
            yield LoadError(str(p), str(e))


def load_paths(paths) -> LoadResult:
    items = list(iter_load(paths))
    return LoadResult(
        tuple(a for a in items if isinstance(a, Article)), tuple(e for e in items if isinstance(e, LoadError))
    )
