"""PDF reports: their text, with the lines a page broke put back into paragraphs (needs ``pypdf``, the ``pdf``
extra: the pure-Python library made for reading PDF files).

A PDF holds lines as the page laid them out: "… có đồng chí Nguyễn Thị Thanh Hương, Phó" then "Chủ tịch
Liên đoàn …". Read as they are, every line would be a paragraph and a role or a name would be cut in two.
So a line runs on into the next unless it ends a paragraph: it ends a sentence and stops short of the
page's usual line length, or it is a heading in capitals, or the next line opens a list item. Page
numbers ("Trang 2/5", "- 2 -") are dropped. A scanned PDF has no text to give (it needs OCR): it is reported.
"""

from __future__ import annotations

import io
import logging
import re

_PAGE_NUMBER = re.compile(r"(?i)^(?:trang\s*)?[-–—\s]*\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$")
_LIST_ITEM = re.compile(r"^(?:[-–—•+*]\s|\d{1,2}[.)]\s|[a-zđ][.)]\s)")
_SENTENCE_END = (".", "!", "?", ":", ";", "…", "”", '"', ")")
_FULL_LINE = 0.85  # of the page's usual line length: a line shorter than this that ends a sentence ends a paragraph
_SHORT_LINE = 0.6  # … and one shorter than this ends it in any case (a title, a subject, a heading's line)


class NotReadablePdf(ValueError):
    """The PDF cannot be read (its reason is the message)."""


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def usual_line_length(pages: list[str]) -> int:
    """How long a full line of the document is: the 95th percentile of its lines' lengths, over every page (no
    line is much longer than the page is wide, and a report has many short lines: headings, lists, the
    signature)."""
    lengths = sorted(len(s) for page in pages for line in page.splitlines() if (s := line.strip()))
    return lengths[int(0.95 * (len(lengths) - 1))] if lengths else 0


def reflow(page: str, usual: int) -> list[str]:
    """The paragraphs of one page's extracted text (``usual``: the document's full line length)."""
    lines = [line.strip() for line in page.splitlines()]
    paragraphs: list[str] = []
    current: list[str] = []
    for k, line in enumerate(lines):
        if not line or _PAGE_NUMBER.match(line):
            if not line and current:  # a blank line ends a paragraph
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and (_LIST_ITEM.match(line) or _is_heading(line)):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        following = next((n for n in lines[k + 1 :] if n), "")
        ends = (
            _is_heading(line)
            or (line.endswith(_SENTENCE_END) and len(line) < _FULL_LINE * usual)
            or len(line) < _SHORT_LINE * usual  # a line wraps only when full: a short one ends its paragraph
            or bool(following and _LIST_ITEM.match(following))
        )
        if ends:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# A title property that only names the file it was made from: "Microsoft Word - BC HN NLD.docx", "baocao.pdf".
_FILE_TITLE = re.compile(r"(?i)^(?:microsoft\s+\w+\s*-\s*)?.*\.(?:docx?|pdf|odt|rtf|xlsx?|pptx?)$|^untitled|^microsoft\s+word")


def _is_real_title(title: str) -> bool:
    return bool(title.strip()) and _FILE_TITLE.match(title.strip()) is None


def read_pdf(data: bytes) -> tuple[str, dict[str, str]]:
    """The document's text (paragraphs separated by blank lines) and its metadata (``title``); raises
    ``NotReadablePdf`` with the reason, and ``ImportError`` without ``pypdf``."""
    import pypdf

    # pypdf logs what it repairs in a damaged file ("EOF marker not found") on stderr, many lines a file;
    # what cannot be read comes back as one line of ours instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise NotReadablePdf("a password-protected PDF")
            except Exception as exc:  # (pypdf's errors, or a cipher it has no code for)
                raise NotReadablePdf(f"a password-protected PDF ({exc})") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        usual = usual_line_length(pages)
        paragraphs = [p for page in pages for p in reflow(page, usual)]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except NotReadablePdf:
        raise
    except Exception as exc:  # a damaged file makes a parser of untrusted bytes fail in any way it can
        raise NotReadablePdf(f"damaged PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    if not paragraphs:
        raise NotReadablePdf("no text in this PDF (a scanned document needs OCR first)")
    meta = {"title": title.strip()} if isinstance(title, str) and _is_real_title(title) else {}
    return "\n\n".join(paragraphs), meta
