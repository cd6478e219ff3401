"""Official documents (văn bản hành chính): a union's report, plan or resolution laid out as the state's
format asks, read as an article.

Such a document opens with the issuing body in capitals ("LĐLĐ TỈNH ĐỒNG NAI", "CÔNG ĐOÀN CÔNG TY …"), its
number ("Số: 15/BC-CĐ"), the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh
phúc"), the place and date it was signed ("Đồng Nai, ngày 25 tháng 3 năm 2025"), then its kind in capitals
("BÁO CÁO") and its subject ("Kết quả tổ chức Hội nghị người lao động năm 2025"). It closes with who gets it
("Nơi nhận: - …") and the signature ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH", the signer's name).

Read as prose, the heading became the title, the signing date the event's date, the capitals the
organiser and the signer a reporter. Here the heading gives the article's title (kind and subject:
"Báo cáo kết quả tổ chức Hội nghị người lao động năm 2025"), its date (the signing date: what a year-less
date of the text is read against) and its source (the issuing body); the number stays as a line of the
text; the distribution list goes; the signature becomes one line, the signer's title and name ("Chủ tịch
Trần Văn Minh"), which names a person in a role like any sentence.
"""

from __future__ import annotations

import re
from functools import cache

from .patterns import on_first_use
from .text import fold

# The national motto, looked for in the folded text (no marks, lower case: one letter for each of the text's,
# so a place found there is the same place in the text).
_MOTTO_PARTS = (on_first_use(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam"),
                on_first_use(r"doc\s+lap\s*[-–—]\s*tu\s+do\s*[-–—]\s*hanh\s+phuc\s*[-–—_]*"))
# "Đồng Nai, ngày 25 tháng 3 năm 2025": the place (capitalised words) and the date the document was signed.
_SIGNED_PATTERN = (r"(?<![^\s|])([A-ZĐÀ-Ỹ][^\s,|]*(?:\s+[A-ZĐÀ-Ỹ][^\s,|]*){0,3}),\s*ngày\s+(\d{1,2})\s+tháng\s+"
                   r"(\d{1,2})\s+năm\s+(\d{4})\b")
_NUMBER = on_first_use(r"\b[Ss][ốỐ]\s*:\s*[^\s|]+")
_KINDS = ("BÁO CÁO", "KẾ HOẠCH", "NGHỊ QUYẾT", "THÔNG BÁO", "BIÊN BẢN", "QUYẾT ĐỊNH", "TỜ TRÌNH", "CHƯƠNG TRÌNH",
          "HƯỚNG DẪN", "CÔNG VĂN", "DIỄN VĂN", "BÀI PHÁT BIỂU", "THƯ", "GIẤY MỜI", "CHỈ THỊ", "QUY CHẾ")
_RECIPIENTS = on_first_use(r"(?i)^\s*nơi\s+nhận\s*:?")
_SIGN_FOR = on_first_use(r"^\s*(?:TM|KT|TL|TUQ|Q)\.\s")  # "TM. BAN CHẤP HÀNH": signing for a body
_SIGN_NOTE = on_first_use(r"(?i)^\s*\((?:đã\s+ký|ký[^)]*)\)\s*$")
_NAME_PATTERN = r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """(Patterns with wide letter classes, compiled when a document is read: milliseconds at every start
    of every process otherwise, for the few files that are official documents.)"""
    return re.compile(pattern)
_HEAD_LINES = 14  # the heading is within a document's first lines
_HEAD_CHARS = 4000  # … and characters
# "Hạnh phúc" as a heading writes it (NFC; no tone mark of it can sit elsewhere), and without its marks.
_HAPPINESS = ("ạnh phúc", "ẠNH PHÚC", "ạnh Phúc", "anh phuc", "ANH PHUC")


def is_official(text: str) -> bool:
    """Whether the text opens with the national motto's heading (within its first lines)."""
    # Both lines of the motto: a news story may name the state ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa
    # Việt Nam") in its title; only a document's heading says "Độc lập - Tự do - Hạnh phúc" under it.
    # (Every article is asked: a substring search in C passes over nearly all of them before any folding.)
    if not any(text.find(word, 0, _HEAD_CHARS) >= 0 for word in _HAPPINESS):
        return False
    folded = fold("\n".join(text[:_HEAD_CHARS].lstrip().split("\n")[: _HEAD_LINES * 2]))
    return all(pattern.search(folded) is not None for pattern in _MOTTO_PARTS)


def _without_motto(line: str) -> str:
    """The line with the motto's words taken out (a PDF puts them beside the issuer on one line)."""
    folded = fold(line)
    if len(folded) != len(line):  # (no letter-for-letter places: leave the line whole)
        return line
    for pattern in _MOTTO_PARTS:
        for m in reversed(list(pattern.finditer(folded))):
            line = line[: m.start()] + " " + line[m.end() :]
            folded = folded[: m.start()] + " " + folded[m.end() :]
    return line


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _sentence_case(words: str) -> str:
    """ "BÁO CÁO" → "Báo cáo"."""
    return words[:1].upper() + words[1:].lower()


def read_official(text: str) -> tuple[str, dict[str, str]]:
    """The document's body (heading, distribution list and signature taken out; the number kept; the
    signature as one line) and its metadata (``title``, ``date``, ``source``) for ``parse_article``."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    meta: dict[str, str] = {}
    # --- the heading: everything up to the kind of document, or the first line of prose
    issuers: list[str] = []
    body_start = 0
    number_line = None
    kind = None
    subject: list[str] = []
    for k, line in enumerate(lines[: _HEAD_LINES * 2]):
        if not line:
            continue
        if kind is not None:  # the subject: the lines after the kind, up to the prose
            if len(line) > 160 or line.endswith((".", ";")) or _is_caps(line):
                body_start = k
                break
            subject.append(line)
            body_start = k + 1
            continue
        rest = _without_motto(line)
        number = _NUMBER.search(rest)  # (first: "Số: 27/BC-CĐN Nghệ An, ngày …" holds capitals before the place)
        if number and number_line is None:
            number_line = number.group().strip()
            rest = rest[: number.start()] + " " + rest[number.end() :]
        signed = _compiled(_SIGNED_PATTERN).search(rest)
        if signed:
            day, month, year = int(signed.group(2)), int(signed.group(3)), int(signed.group(4))
            if 1 <= day <= 31 and 1 <= month <= 12:
                meta["date"] = f"{year:04d}-{month:02d}-{day:02d}"
            rest = rest[: signed.start()] + " " + rest[signed.end() :]
        rest = " ".join(rest.split()).strip(" |")
        if not rest:
            body_start = k + 1
            continue
        upper = rest.upper()
        found = next((kd for kd in _KINDS if upper == kd or (upper.startswith(kd + " ") and _is_caps(rest))), None)
        if found and _is_caps(rest):
            kind = found
            if upper != found:  # "BÁO CÁO KẾT QUẢ …" on one line: the subject with it
                subject.append(_sentence_case(rest[len(found):].strip()))
            body_start = k + 1
            continue
        for part in (p.strip() for p in rest.split("|")):
            if part and _is_caps(part):
                issuers.append(part)
        body_start = k + 1
    if kind is not None:
        about = " ".join(subject).strip()
        about = about[:1].lower() + about[1:] if about and not _is_caps(about.split()[0]) else about
        meta["title"] = f"{_sentence_case(kind)} {about}".strip()
    if issuers:
        meta["source"] = issuers[-1]
    body = lines[body_start:]
    # --- the close: the distribution list and the signature
    signer = _signature(body)
    end = len(body)
    for k, line in enumerate(body):
        if _RECIPIENTS.match(line) or _SIGN_FOR.match(line):
            end = k
            break
    if signer is None and end == len(body):
        closing: list[str] = []
    else:
        closing = [signer] if signer else []
    kept = ([number_line] if number_line else []) + body[:end] + closing
    return "\n".join(kept).strip(), meta


def _signature(body: list[str]) -> str | None:
    """ "Chủ tịch Trần Văn Minh" from the signature's last lines ("CHỦ TỊCH", "(Đã ký)", "Trần Văn Minh")."""
    tail = [line for line in body[-12:] if line and not _SIGN_NOTE.match(line)]
    for k in range(len(tail) - 1, 0, -1):
        if _compiled(_NAME_PATTERN).match(tail[k]):
            role = tail[k - 1]
            if _is_caps(role) and not _SIGN_FOR.match(role) and len(role.split()) <= 5:
                return f"{_sentence_case(role)} {tail[k]}"
            return None
    return None
