"""Turning a scraped news page into article paragraphs: noise, captions, title and byline.

Every rule here describes the *shape* of web-page furniture (navigation words, visitor counters,
related-article blocks, photo-widget markers), never the content of a particular page.  The rules
only ever remove whole short lines that match a furniture pattern, so article prose survives.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .patterns import on_first_use
from .text import fold, fold_nfc, folding_to


def _phrases(block: str) -> frozenset[str]:
    return frozenset(p.strip() for p in block.split("|") if p.strip())


# Whole lines (folded, trailing ":" and spaces stripped) that are page furniture.
_NOISE_LINES = _phrases(
    """
    back|tro ve|tro lai|quay lai|quay ve|ve trang truoc|trang truoc|trang chu|home|
    chia se|chia se bai viet|chia se facebook|facebook|zalo|twitter|tweet|share|like|email|print|
    in|in bai|in bai viet|ban in|luu bai|luu bai viet|gui email|gui bai|gui cho ban be|
    lien ket|lien ket web|lien ket website|website lien ket|
    y kien ban doc|gui binh luan|binh luan|gui y kien|y kien cua ban|phan hoi|
    xem them|doc them|top|len dau trang|ve dau trang|dau trang|
    thong ke truy cap|bo dem truy cap|leftcenterrightdel
    """
)

# Headings that start the page's "more articles" block: everything from them to the end goes.
_TAIL_BLOCK_STARTS = _phrases(
    """
    tin lien quan|bai viet lien quan|cac tin khac|tin khac|tin cung chuyen muc|bai cung chuyen muc|
    tin moi hon|tin da dua|tin moi|tin doc nhieu|xem nhieu nhat|y kien ban doc
    """
)

_COUNTER_RE = re.compile(
    r"(dang online|dang truy cap|da truy cap|tong (so )?luot truy cap|luot truy cap|truy cap hom nay|"
    r"hom nay|hom qua|trong thang|tong cong|so luot xem|luot xem|online)\s*:?\s*[\d.,]+"
)
_TAG_LINE_RE = re.compile(r"(tu khoa|tags?|chu de|the)\s*:")
_FONT_WIDGET_RE = re.compile(r"co chu\b")
_BREADCRUMB_SEP_RE = on_first_use(r"\s+[/>»›]\s+")
_WIDGET_WORDS = _NOISE_LINES | {"co chu", "a- a a+", "a a a", "a- a+", "a+ a-"}
_PHOTO_CREDIT_RE = on_first_use(r"(anh|anh minh hoa|video|do hoa)\s*:\s*\S")
_DATELINE_RE = re.compile(
    r"(?:(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)\s*,?\s*)?(?:ngay\s*)?"
    r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})"
    r"(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:am|pm|sa|ch))?)?(?:\s*\(?gmt[+-]?\d*\)?)?"
)
_BYLINE_PREFIX_RE = on_first_use(
    r"^(?:th/h|t/h|theo|pv|ptv|btv|tin|bai|tin, anh|tin va anh|tin & anh|bai va anh|bai, anh|"
    r"tin/anh|bai/anh|nguon|tac gia)\s*:\s*",
)
_SENTENCE_ENDS = tuple('.!?…"”’)»')
_LETTER_RE = on_first_use(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Block:
    """One cleaned paragraph: kind is "title", "body" or "caption"."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class CleanPage:
    title: str
    title_derived: bool
    blocks: tuple[Block, ...]  # body and caption paragraphs, in page order (title not included)
    byline: str | None
    published: str | None  # ISO date from a dateline such as "Thứ Ba, 14/05/2024 10:15"


# Spaces: " ", tab, no-break and the typographic spaces.  A run of them becomes one " ".
_ODD_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES_RE = on_first_use(f"[ {_ODD_SPACES}]+")
# Invisible characters (zero-width spaces, BOM, soft hyphen) and C0 controls but tab, "\n", "\r" are deleted.
_DROPPED = "\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_DROPPED_RE = on_first_use(f"[{_DROPPED}]")


def _normalise_chars(text: str) -> str:
    """Delete invisible/control characters and collapse space runs.  "\\n" is neither, so this is
    the same whether applied to a whole page or to each of its lines."""
    # Clean lines hold neither dropped characters, nor odd spaces, nor double spaces, so the common case
    # skips the substitutions (which touch every single space). Every dropped character and odd space is
    # unprintable (Cc, Cf or Zs), and ``isprintable`` tells a line clean in C at half the cost of a regex
    # scanning for those characters (a page's "\\n" is unprintable too: a page takes the long way).
    if "  " not in text and text.isprintable():
        return text
    return _SPACES_RE.sub(" ", _DROPPED_RE.sub("", text))


def normalise_whitespace(line: str) -> str:
    """One line (or a title) with invisible characters gone, spaces collapsed, ends stripped."""
    return _normalise_chars(line).strip()


def _key(line: str) -> str:
    """The folded form of a line that furniture rules compare against."""
    return fold(line).strip().rstrip(":").strip()


# A credit names who took the photo ("Ảnh: Minh Đức", "Ảnh minh họa: Internet"); a longer "Ảnh: …" line
# is a caption ("Ảnh: Đồng chí …, Chủ tịch … phát biểu tại hội nghị") and keeps its names and roles.
MAX_CREDIT_WORDS = 6


def _is_photo_credit(line: str) -> bool:
    """ "Ảnh: Minh Đức".  The rule needs a colon and folding never creates one: a colon-free
    paragraph (most prose) is not folded."""
    return (":" in line and len(line.partition(":")[2].split()) <= MAX_CREDIT_WORDS
            and _PHOTO_CREDIT_RE.match(_key(line)) is not None)


# Furniture is short; a longer line is prose (or a caption) and skips the furniture rules entirely.
MAX_FURNITURE_CHARS = 300
# The longest key a rule compares whole (a noise line, a tail heading; a counter or dateline is at most
# 60): a longer key is furniture only by how it starts (tags, font widget, breadcrumb) or by a "|".
_LONGEST_WHOLE_KEY = max(60, *map(len, _NOISE_LINES | _TAIL_BLOCK_STARTS | {"leftcenterrightdel"}))
_FURNITURE_OPENING = re.compile(r"(?:tu khoa|tags?|chu de|the)[\s:]|co chu|trang chu|home|tin tuc")
_OPENING_LETTERS = folding_to("tch")


def _plain_prose(line: str) -> bool:
    """True when no furniture rule can take ``line`` (stripped, at most MAX_FURNITURE_CHARS long) and it is
    no dateline, told without folding the whole line (folding costs ~30 ns a character).

    In a line in NFC without combining marks, folding maps each character to one (colons and spaces to
    themselves), so the key is as long as the line without its final colons, and it opens with the fold of
    the line's first characters."""
    if len(line) <= MAX_DATELINE_CHARS or "|" in line or len(line.rstrip(":").rstrip()) <= _LONGEST_WHOLE_KEY:
        return False
    if not unicodedata.is_normalized("NFC", line):
        return False
    # A combining mark (U+0300–U+036F) is two UTF-8 bytes led by 0xCC or 0xCD (which lead no other
    # character but U+0370–U+037F, sent the long way too): encoding and two byte searches cost a third
    # of a regex scan for the marks. (``find``, not ``in``: bytes' ``in`` first tries its operand as an
    # int, and raising and clearing that TypeError costs more than the search.)
    encoded = line.encode("utf-8", "surrogatepass")
    if encoded.find(b"\xcc") >= 0 or encoded.find(b"\xcd") >= 0:
        return False
    # (Every opening folds to a "t", "c" or "h" first: a line starting with another letter is not folded.)
    return line[0] not in _OPENING_LETTERS or _FURNITURE_OPENING.match(fold_nfc(line[:10]).lower()) is None


def is_noise_line(line: str) -> bool:
    return len(line) <= MAX_FURNITURE_CHARS and _is_noise(line, _key(line))


def _is_noise(line: str, key: str) -> bool:
    """``is_noise_line`` for a line of at most MAX_FURNITURE_CHARS whose ``_key`` is known."""
    if not key:
        return True
    if key in _NOISE_LINES:
        return True
    if len(key) <= 60 and _COUNTER_RE.fullmatch(key):
        return True
    if len(key) <= 300 and _TAG_LINE_RE.match(key) and not _ends_sentence(line):
        return True
    if _FONT_WIDGET_RE.match(key):
        return True
    if "|" in key:
        parts = [p.strip().rstrip(":") for p in key.split("|") if p.strip()]
        if parts and all(p in _WIDGET_WORDS or _FONT_WIDGET_RE.match(p) for p in parts):
            return True
    return _is_breadcrumb(key)


_BREADCRUMB_HEADS = ("trang chu", "home", "tin tuc")


def _is_breadcrumb(key: str) -> bool:
    # The first crumb is a prefix of the key, so a key not starting with a head is no breadcrumb.
    if not key.startswith(_BREADCRUMB_HEADS):
        return False
    parts = _BREADCRUMB_SEP_RE.split(key)
    if len(parts) < 2:
        return False
    return parts[0] in _BREADCRUMB_HEADS and all(len(p.split()) <= 6 for p in parts)


def _is_category_banner(line: str) -> bool:
    """An all-capitals short line ("TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG", "LIÊN KẾT WEBSITE")."""
    # Cheapest tests first: prose paragraphs end a sentence, or have many words.
    return (
        not _ends_sentence(line)
        and len(line.split(maxsplit=8)) <= 8
        and line.upper() == line
        and _LETTER_RE.search(line) is not None
    )


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_ENDS)


MAX_DATELINE_CHARS = 60


def parse_dateline(line: str) -> str | None:
    """ISO date of a page dateline ("Thứ Ba, 14/05/2024 10:15"), or None if the line is not one."""
    return _dateline(_key(line)) if len(line) <= MAX_DATELINE_CHARS else None


def _dateline(key: str) -> str | None:
    """``parse_dateline`` given the ``_key`` of a line of at most MAX_DATELINE_CHARS."""
    m = _DATELINE_RE.fullmatch(key)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_headline(line: str) -> bool:
    """A first line reads as a headline: short, no sentence-final full stop."""
    stripped = line.rstrip()
    if len(stripped) > 250 or len(stripped.split()) < 3:
        return False
    return not stripped.endswith((".", "…", ";", ","))


_BYLINE_ENDS = tuple(".!?:;,|")
_BYLINE_JOINS = frozenset(("-", "–", "—", "&", "và"))


def _is_byline(line: str) -> str | None:
    """Return the reporter's name if ``line`` is a byline ("Mai Hoàng", "Th/h: Minh Quang")."""
    text = line.strip()
    # Every prefix ends in a colon and folding never creates one: a colon-free line skips the fold.
    prefix = _BYLINE_PREFIX_RE.match(fold(text)) if ":" in text else None
    if prefix:
        text = text[prefix.end() :].strip()
    # The length test comes first so that a prose paragraph is not scanned for digits.
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text) or text.endswith(_BYLINE_ENDS):
        return None
    words = text.split()
    if len(words) > 8 or not words[0][:1].isupper():
        return None
    # Two reporters: "Thanh Bình - Ngọc Hà", "Minh Quang và Thu Hà"; an agency after the name: "Quang Minh (TTXVN)".
    names = [w.removeprefix("(").removesuffix(")") for w in words if w not in _BYLINE_JOINS]
    if prefix or (all(w[:1].isupper() for w in names) and words[-1] not in _BYLINE_JOINS):
        return text
    # An organisation signing the piece ("Công đoàn Cơ quan X"): short, capitalised head word.
    return text if len(words) <= 8 and fold(words[0]) in {"cong", "ban", "ldld", "lien", "van"} else None


_GLUED_BYLINE_RE = on_first_use(
    r"(?<=[.!?…”\"])\s*((?:[A-ZĐÀ-Ỹ][^\s\d.,;:!?]*\s+){1,3}[A-ZĐÀ-Ỹ][^\s\d.,;:!?]*)\s*$"
)


def _glued_byline_from(paragraph: str) -> int:
    """Where ``_GLUED_BYLINE_RE`` can first match: past the last ".,;:!?", as a match holds none (its look-behind
    sees the mark before it); six reverse searches cost less than trying the look-behind at every character."""
    return max(map(paragraph.rfind, ".,;:!?")) + 1


def _split_glued_byline(paragraph: str) -> tuple[str, str | None]:
    """ "…sáng tạo ./. Minh Quang" → ("…sáng tạo ./.", "Minh Quang")."""
    m = _GLUED_BYLINE_RE.search(paragraph, _glued_byline_from(paragraph))
    if not m or m.start(1) < 20:
        return paragraph, None
    name = m.group(1)
    if not all(w[:1].isupper() for w in name.split()):
        return paragraph, None
    return paragraph[: m.start()].rstrip(), name


def _is_caption_without_marker(line: str) -> bool:
    """A photo caption the page left unmarked: a mid-article line that is not a sentence."""
    if _ends_sentence(line) or line.rstrip().endswith((":", ";", ",")):
        return False
    # maxsplit: a count above 40 is all the test needs to know, without splitting a whole paragraph.
    if not 4 <= len(line.split(maxsplit=40)) <= 40:
        return False
    # A sub-heading of a news round-up ("Lâm Đồng: Trao ...") names a place first, then a colon.
    if ":" in line[:40]:
        return False
    key = fold(line)
    return any(verb in key for verb in _CAPTION_VERBS)


_CAPTION_VERBS = (" phat bieu", " trao ", " tang ", " nhan ", "quang canh", " chup anh", " ky ket")


def derive_title(first_paragraph: str, max_words: int = 14) -> str:
    """A short title from the first sentence, for pages that have no headline."""
    sentence = re.split(r"(?<=[.!?])\s", first_paragraph, maxsplit=1)[0].rstrip(".")
    # Drop a leading time phrase ("Ngày 18/1, ", "Sáng 12-4, ") that says when, not what.
    lead = re.match(r"^[^,]{0,40}\d[^,]{0,20},\s+", sentence)
    if lead and re.search(r"\d{1,2}[/-]\d{1,2}|\btháng\b", lead.group(0), re.IGNORECASE):
        sentence = sentence[lead.end() :]
        sentence = sentence[:1].upper() + sentence[1:]
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    cut = words[:max_words]
    while cut and fold(cut[-1]).strip(",;:") in {"va", "cua", "cho", "voi", "cac", "la", "co", "tai", "–", "-"}:
        cut.pop()
    return " ".join(cut).rstrip(",;:–-") + "…"


def clean_page(raw: str, title_hint: str | None = None) -> CleanPage:
    """Split a page's text into title, body/caption paragraphs and byline, dropping furniture.

    ``raw`` must already be NFC with "\\n" line ends.  ``title_hint`` is a title given by metadata
    (JSONL); the first line is then body, not a headline.
    """
    title, title_derived, kinds, texts, byline, published = page_parts(raw, title_hint)
    return CleanPage(title, title_derived, tuple(map(Block, kinds, texts)), byline, published)


def page_parts(raw: str, title_hint: str | None = None
               ) -> tuple[str, bool, list[str], list[str], str | None, str | None]:
    """``clean_page``'s answer as plain values, the blocks as a list of kinds and one of texts (``parse_article``
    wants no ``Block``: a frozen dataclass costs ~1,500 instructions to make)."""
    published: str | None = None
    kept: list[tuple[str, str]] = []  # (kind, text)
    have_body = caption_next = False
    for line in raw.split("\n"):
        if not line:  # (the blank line between two paragraphs)
            continue
        # (``_normalise_chars`` inline: the clean line, the common case, costs no call)
        if "  " in line or not line.isprintable():
            line = _normalise_chars(line)
        line = line.strip()
        if line[:1] == "#":  # a Markdown heading's marks
            line = line.lstrip("#").strip()
        if not line:
            continue
        # Only a short line can be furniture, so only a short line is folded, and only once.
        if len(line) <= MAX_FURNITURE_CHARS and not _plain_prose(line):
            key = _key(line)
            if key == "leftcenterrightdel":
                caption_next = True
                continue
            if key in _TAIL_BLOCK_STARTS and have_body:
                break
            if _is_noise(line, key):
                continue
            dateline = _dateline(key) if len(line) <= MAX_DATELINE_CHARS else None
            if dateline:
                published = published or dateline
                continue
        if caption_next:
            kept.append(("caption", line))
            caption_next = False
            continue
        if line.endswith("|"):
            kept.append(("caption", line.rstrip("| ").strip()))
            continue
        kept.append(("body", line))
        have_body = True

    # Category banners sit above the headline or below the byline; mid-article capitals stay.
    while kept and _is_category_banner(kept[0][1]):
        kept.pop(0)
    while kept and _is_category_banner(kept[-1][1]):
        kept.pop()
    while kept and kept[-1][0] == "body" and _is_photo_credit(kept[-1][1]):
        kept.pop()

    byline = None
    if len(kept) >= 2 and kept[-1][0] == "body":
        byline = _is_byline(kept[-1][1])
        if byline:
            kept.pop()
    if byline is None and kept and kept[-1][0] == "body":
        rest, glued = _split_glued_byline(kept[-1][1])
        if glued:
            kept[-1] = ("body", rest)
            byline = glued

    title_derived = False
    if title_hint:
        title = normalise_whitespace(title_hint)
    elif kept and kept[0][0] == "body" and _is_headline(kept[0][1]) and len(kept) > 1:
        title = kept.pop(0)[1]
    else:
        first_body = next((text for kind, text in kept if kind == "body"), kept[0][1] if kept else "")
        title = derive_title(first_body) if first_body else ""
        title_derived = True

    kinds, texts = [kind for kind, _ in kept], [text for _, text in kept]
    for i in range(1, len(kept) - 1):
        # (Kept texts are stripped: ``endswith`` is ``_ends_sentence``, and a sentence is no caption, told without a call.)
        if kinds[i] == "body" and not texts[i].endswith(_SENTENCE_ENDS) and _is_caption_without_marker(texts[i]):
            kinds[i] = "caption"
    return title, title_derived, kinds, texts, byline, published
