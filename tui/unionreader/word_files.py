"""Word documents (.docx): the paragraphs of a report as text, read with the standard library.

Union offices write their reports in Word. A .docx file is a zip archive whose ``word/document.xml`` holds
the body: paragraphs (``w:p``) of runs of text (``w:t``), with tabs and line breaks, and tables whose cells
hold paragraphs. The text is the paragraphs in order, one block each (a table's row is one line, its cells
joined by " | "), for ``articles.parse_article`` to clean as it cleans any page. The document's title
(``docProps/core.xml``'s ``dc:title``) is the article's when it has one.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

from .official_documents import is_official

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BODY = "word/document.xml"
_LARGEST_XML = 64 * 1024 * 1024  # bytes unpacked: a document's text is far less; more is a zip bomb


class NotAWordDocument(ValueError):
    """The file is not a readable .docx (its reason is the message)."""


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts).strip()


def _blocks(body: ElementTree.Element) -> list[str]:
    blocks: list[str] = []
    for child in body:
        if child.tag == f"{_W}p":
            text = _paragraph_text(child)
            if text:
                blocks.append(text)
        elif child.tag == f"{_W}tbl":
            lines = [t for t in map(_paragraph_text, child.iter(f"{_W}p")) if t]
            if is_official(" ".join(lines)):
                # An official document's heading, laid out as a table (the issuer and number beside the
                # national motto and the date): each line of it a block, as it reads, for ``official_documents``.
                blocks.extend(lines)
                continue
            for row in child.iter(f"{_W}tr"):
                cells = [" ".join(filter(None, map(_paragraph_text, cell.iter(f"{_W}p"))))
                         for cell in row.iter(f"{_W}tc")]
                line = " | ".join(c for c in cells if c)
                if line:
                    blocks.append(line)
        elif child.tag == f"{_W}sdt":  # a content control (a cover page, a table of contents): its paragraphs
            blocks.extend(filter(None, map(_paragraph_text, child.iter(f"{_W}p"))))
    return blocks


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _LARGEST_XML:
        raise NotAWordDocument(f"{name} unpacks to {info.file_size / 1048576:.0f} MB")
    return ElementTree.fromstring(archive.read(info))


def read_docx(data: bytes) -> tuple[str, dict[str, str]]:
    """The document's text (paragraphs separated by blank lines) and its metadata (``title``) for
    ``articles.parse_article``; raises ``NotAWordDocument`` with the reason when it cannot be read."""
    if data[:4] != b"PK\x03\x04":
        raise NotAWordDocument("not a Word document (.docx files are zip archives)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _xml(archive, _BODY)
            if document is None:
                raise NotAWordDocument("not a Word document (no word/document.xml)")
            core = _xml(archive, "docProps/core.xml")
    except NotAWordDocument:
        raise
    except ElementTree.ParseError as exc:
        raise NotAWordDocument(f"damaged Word document (XML: {exc})") from None
    except RuntimeError as exc:  # (zipfile's "File … is encrypted, password required …")
        raise NotAWordDocument(f"a password-protected or unreadable Word document ({exc})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, zlib.error, ValueError,
            OSError) as exc:
        raise NotAWordDocument(f"damaged Word document ({exc})") from None
    body = document.find(f"{_W}body")
    blocks = _blocks(body) if body is not None else []
    meta: dict[str, str] = {}
    title = core.findtext(_DC_TITLE) if core is not None else None
    if title and title.strip():
        meta["title"] = title.strip()
    return "\n\n".join(blocks), meta
