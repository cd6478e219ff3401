"""Bytes of an input to text: the encodings article files come in, and the inputs that are no text."""

from __future__ import annotations

import codecs


class BadInput(Exception):
    """A file that cannot be read as articles; the message names the problem for the user."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes → (text, warning or None). UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise BadInput(f"invalid UTF-16 at byte {exc.start}") from None
    if data.find(b"\x00", 0, 8192) >= 0:
        raise BadInput("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    text = data.decode("cp1258", errors="replace")
    if _looks_binary(text):
        raise BadInput("binary file, not text")
    return text, f"not valid UTF-8 (byte {where}); decoded as Windows-1258"


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return odd / len(sample) > 0.05


def looks_like_html(text: str) -> bool:
    """Whether a text is a web page (whatever its file is called): it opens with a doctype or <html>."""
    head = text.lstrip("\ufeff \t\r\n")[:15].lower()
    return head.startswith(("<!doctype html", "<html"))
