"""Dates as the genre writes them, with the year inferred when the article leaves it out.

Forms: "30/01/2024", "14/05/2024 10:15", "ngày 18/1", "Sáng 12-4", "22/02", "ngày 26 tháng 7",
"ngày 10 tháng 10 năm 2023", "tháng 7/2024" (month precision).  A bare "năm 2023" is a period, not a
date, and "6 tháng đầu năm" is a duration.

A day-month without a year takes the year of the page's published date (the one nearest to it, so
"28/12" in an article of 3 January is of the year before); else a year the text gives for the present:
a full date near the top (not a cited document's date), else the latest "năm YYYY" of the title and
lead, else the first year of the term a congress there opens ("Đại hội … nhiệm kỳ 2025 – 2030": 2025),
else a "trong / cả / đầu năm YYYY" or a sentence opening "Năm YYYY, …" further down (never a past year:
"kể từ năm", "sinh năm", "so với năm"; "cùng kỳ năm 2023" puts the present in 2024), else the year
nearest to the latest full date.  A target ("đến năm 2030", "tầm nhìn 2045"), a period ("giai đoạn
2021–2025"), a measurement ("1536 x 2048") or a code (a hotline, a model number) never gives the year: a
four-digit number without "năm" or a date around it is not a year.  When nothing gives it, the date keeps no year: its value is "--MM-DD"
(ISO 8601's form without a year, ``meta["year_unknown"]``), so it has no ISO date and the article sorts
as undated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..patterns import on_first_use
from .models import Entity
from .numbers import NumberStarts
from .records import new_entity

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FIRST_YEAR, _LAST_YEAR = 1945, 2100  # years a missing one can be inferred from
_FIRST_WRITTEN_YEAR = 1800  # a full date as written: "(28/7/1929 – 28/7/2022)" is an anniversary

# Every pattern is tried only where a number starts (see ``figures.number_starts``), so each begins
# with the day or month digits; the words before them are checked in a short window.
_FULL = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\w/]|[.,]\d)")
_VERBAL = on_first_use(r"(?i)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,?\s*(?:năm\s+|/\s*)(\d{4}))?(?![\d/])")
_SHORT = re.compile(r"(?i)(?<![:-])(\d{1,2})([/-])(\d{1,2})(?![\w/]|[.,]\d|[-/]\d)(?:\s+năm\s+(\d{4})(?!\d))?")
_MONTH_YEAR = re.compile(r"(?i)(\d{1,2})\s*(?:/|-|,?\s*năm\s+)\s*(\d{4})(?![\d/])")
_THANG_BEFORE = on_first_use(r"(?i)(?:^|[^\w])(tháng)\s+$")
_TIME_OF_DAY_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|vào|thứ\s+\w+|chủ\s+nhật)\s*,?\s*"
    r"(?:(?:ngày|mùng|mồng)\s+)?$"
)
_NGAY_BEFORE = re.compile(r"(?i)(?:^|[^\w])(ngày|mùng|mồng)\s+$")
_DATE_LINK = on_first_use(r"\s*(?:và|,|;|–|-|đến|tới)\s*")
_NUMBER_BEFORE = on_first_use(r"\d\s*$")
# The first day of two sharing a month: "ngày 8 và 9/6", "từ ngày 6 đến 8/9", "ngày 27-28/6".
# (What must stand right before the second day: most dates fail this at C speed, before the search.)
_DAY_LINK_ENDS = ("và ", "đến ", "tới ", "-", "–", "- ", "– ")
_FIRST_DAY_BEFORE = on_first_use(r"(?i)(?<!\w)ngày\s+(\d{1,2})\s*(?:và|đến|tới|-|–)\s*(?:ngày\s+)?$")
_AFTER_DOCUMENT = on_first_use(r"(?i)\s*,?\s*(?:ban hành\s+|được ban hành\s+)?(?:ngày\s+)?$")
_YEAR_MENTION = on_first_use(r"(?i)(?<!\w)năm\s+(\d{4})(?!\d)(?!\s*[-–—/]\s*\d{4})")
# Words that make "năm 2030" a target or a bound rather than the present: "đến năm", "tầm nhìn đến
# năm", "phấn đấu năm", "trước năm", "kế hoạch … năm".
_TARGET_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:đến|tới|trước|sau|tầm nhìn|định hướng|mục tiêu|phấn đấu|hướng tới|lộ trình|chiến lược|"
    r"kế hoạch|dự kiến|dự báo|vào)(?:\s+(?:hết|cuối|giữa|đầu|đến|tới|trước|sau))?\s+$"
)
# Words that put "năm 2019" in the past or make it a task, not the present: a start ("kể từ năm 2019",
# "từ năm 2019 đến năm 2021"; "từ đầu năm 2024 đến nay" is the present), a comparison ("so với năm
# 2022"), a birth, a founding or a work's year ("sinh năm 1985", "thành lập năm 2020", "viết năm 1957"),
# a year's tasks ("nhiệm vụ năm 2025", "chỉ tiêu năm 2025").
_NOT_PRESENT_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:từ|so với|sinh|thành lập|ra đời|viết|sáng tác|xây dựng|khánh thành|từng|hồi|"
    r"nhiệm vụ|chỉ tiêu)(?:\s+(?:vào|từ|trong))?\s+$"
)
# "Năm 2025, Bộ đặt mục tiêu …": the year of a plan named in the clause after it.
_PLAN_AFTER = re.compile(
    r"(?i)[^.;!?\n]{0,40}?(?<!\w)(?:đặt mục tiêu|đề ra mục tiêu|phấn đấu|dự kiến|dự báo)(?!\w)"
)
# Words that put "năm 2024" in the present below the lead: the year under way, or a part of it; or a
# sentence that opens with it, as a report's paragraph does ("Năm 2024, công đoàn kết nạp …").
_PRESENT_BEFORE = re.compile(r"(?i)(?:(?:^|[^\w])(?:trong|cả|đầu|giữa|cuối|cùng kỳ)\s+|[.!?:\n]\s*)$")
# "so với cùng kỳ năm 2023": the present is the year after.
_SAME_PERIOD_BEFORE = re.compile(r"(?i)(?:^|[^\w])cùng kỳ\s+$")


class _Mention(NamedTuple):
    """A date as written, before its year is settled. (A tuple: four times as quick to make as a frozen
    dataclass, and an article may hold hundreds.)"""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    after_document: bool = False


def _valid(day: int | None, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if year is not None and not _FIRST_WRITTEN_YEAR <= year <= _LAST_YEAR:
        return False
    if day is None:
        return True
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return False
    leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    return not (month == 2 and day == 29 and not leap)


def _free(mask: bytearray, start: int, end: int) -> bool:
    return mask.find(1, start, end) == -1


def _start_with_ngay(text: str, start: int) -> int:
    """Include a directly preceding "ngày" in the span: "Ngày 30/01/2024" reads as one date."""
    if not start or not text[start - 1].isspace():
        return start  # (every match ends in white space: the search would try the window for nothing)
    m = _NGAY_BEFORE.search(text, max(0, start - 12), start)
    return m.start(1) if m else start


def _after_document(text: str, start: int, document_ends: Sequence[int]) -> bool:
    """Whether a full date is a cited document's date ("09/NQ-CĐVC ngày 03/8/2017")."""
    i = bisect_right(document_ends, start) - 1
    return i >= 0 and start - document_ends[i] <= 30 and bool(_AFTER_DOCUMENT.match(text, document_ends[i], start))


def _mentions(
    text: str, mask: bytearray, starts: NumberStarts, document_ends: Sequence[int]
) -> list[_Mention]:
    found: list[_Mention] = []

    def claim(start: int, end: int, day: int | None, month: int, year: int | None, after_doc=False) -> None:
        if not _free(mask, start, end) or not _valid(day, month, year):
            return
        mask[start:end] = b"\x01" * (end - start)
        found.append(_Mention(start, end, day, month, year, after_doc))

    def context(pos: int) -> bool:
        return bool(_TIME_OF_DAY_BEFORE.search(text, max(0, pos - 24), pos))

    def follows_date(pos: int) -> bool:
        """"ngày 30/4 và 1/5": a day-month right after a date is a date too."""
        return any(0 <= pos - d.end <= 6 and _DATE_LINK.fullmatch(text, d.end, pos) for d in found[-2:])

    for pos in starts.slash:
        if mask[pos] or not (m := _FULL.match(text, pos)):
            continue
        after_doc = _after_document(text, pos, document_ends)
        start, day = _start_with_ngay(text, pos), int(m.group(1))
        if text.endswith(_DAY_LINK_ENDS, max(0, start - 4), start):  # (most dates: nothing to search)
            start, day = _from_first_day(text, start, day)
        claim(start, m.end(), day, int(m.group(3)), int(m.group(4)), after_doc)

    for pos in starts.month:
        if mask[pos] or not (m := _VERBAL.match(text, pos)):
            continue
        start = _start_with_ngay(text, pos)
        if start == pos and not context(pos):
            continue  # "6 tháng 7" with nothing before it is a duration, not a date
        year = int(m.group(3)) if m.group(3) else None
        claim(start, m.end(), int(m.group(1)), int(m.group(2)), year)

    for pos in sorted(starts.slash + starts.comma + starts.year):
        if mask[pos] or not (m := _MONTH_YEAR.match(text, pos)):
            continue
        thang = _THANG_BEFORE.search(text, max(0, pos - 12), pos)
        if not thang or _NUMBER_BEFORE.search(text, max(0, thang.start(1) - 6), thang.start(1)):
            continue  # "6 tháng 7/2024" is not a month
        claim(thang.start(1), m.end(), None, int(m.group(1)), int(m.group(2)))

    for pos in starts.slash:
        if mask[pos] or not (m := _SHORT.match(text, pos)):
            continue
        day, month = int(m.group(1)), int(m.group(3))
        start = _start_with_ngay(text, pos)
        # Without a context word only "a/b" with a > b can be a date: a ratio never exceeds one. (The
        # context is looked for only when that decides.)
        if (m.group(2) != "/" or day <= month) and not (start != pos or context(pos) or follows_date(pos)):
            continue
        if text.endswith(_DAY_LINK_ENDS, max(0, start - 4), start):
            start, day = _from_first_day(text, start, day)
        claim(start, m.end(), day, month, int(m.group(4)) if m.group(4) else None)
    return found


def _from_first_day(text: str, start: int, day: int) -> tuple[int, int]:
    """"trong hai ngày 8 và 9/6/2023", "từ ngày 6 đến 8/9": a date written from its first day, and that day."""
    first = _FIRST_DAY_BEFORE.search(text, max(0, start - 16), start)
    if first is None or int(first.group(1)) >= day:
        return start, day
    return _start_with_ngay(text, first.start(1)), int(first.group(1))


def _header_end(text: str) -> int:
    first = text.find("\n\n")
    if first == -1:
        return min(len(text), 1500)
    second = text.find("\n\n", first + 2)
    return min(len(text) if second == -1 else second, 1500)


def _plausible(year: int) -> bool:
    return _FIRST_YEAR <= year <= _LAST_YEAR


# ``_YEAR_MENTION`` for long stretches: each pattern opens with a literal, which the regular expression
# engine skips to by itself, instead of trying the look-behind at every character.
_YEAR_MENTION_SCANS = (
    ("ăm", re.compile(r"ăm(?<=[nN]ăm)(?<!\w...)\s+(\d{4})(?!\d)(?!\s*[-–—/]\s*\d{4})")),
    ("ĂM", on_first_use(r"ĂM(?<=[nN]ĂM)(?<!\w...)\s+(\d{4})(?!\d)(?!\s*[-–—/]\s*\d{4})")),
)


def _present_years(text: str, start: int, end: int, cued: bool = False) -> list[int]:
    """The years "năm YYYY" gives in ``text[start:end]`` that are not targets or bounds, in order; with
    ``cued``, only those a word puts in the present ("trong năm 2024", "cả năm 2024", "6 tháng đầu năm
    2024") or that open a sentence ("Năm 2024, công đoàn …"): below the lead, a "năm 2023" inside a
    sentence is mostly a past year's figure ("cho biết năm 2023 xuất khẩu 55 tỷ USD") or history
    ("chuyển thể thành phim năm 1997")."""
    found = []
    for literal, pattern in _YEAR_MENTION_SCANS:
        if text.find(literal, start, end) != -1:
            found.extend((m.start(), int(m.group(1))) for m in pattern.finditer(text, start + 1, end))
    out = []
    for at, year in sorted(found):
        at -= 1  # the "n" of "năm"
        if not _plausible(year):
            continue
        window = max(0, at - 24)
        if cued and not _PRESENT_BEFORE.search(text, window, at):
            continue
        if _SAME_PERIOD_BEFORE.search(text, window, at):
            if _plausible(year + 1):
                out.append(year + 1)
        elif not (
            _TARGET_BEFORE.search(text, window, at)
            or _NOT_PRESENT_BEFORE.search(text, window, at)
            or _PLAN_AFTER.match(text, at + 8, at + 60)
        ):
            out.append(year)
    return out


# "Đại hội … nhiệm kỳ 2025 – 2030": a congress opens the term it names, so it is held in its first year;
# the "năm 2024" of its report looks back. (Not "giữa nhiệm kỳ": a mid-term review is held later.)
_CONGRESS_TERM = on_first_use(r"(?i)(?<!giữa )nhiệm kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})(?!\d)")
_CONGRESS = re.compile(r"(?i)đại hội")


def _congress_term_start(text: str, header_end: int) -> int | None:
    """The first year of the term a congress in the title or lead opens, or None."""
    if _CONGRESS.search(text, 0, header_end) is None:
        return None
    m = _CONGRESS_TERM.search(text, 0, header_end)
    if m is None:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return start if _plausible(start) and 2 <= end - start <= 5 else None


def infer_year(text: str, mentions: Sequence[_Mention]) -> int | None:
    """The year the text gives for the present: a full date near the top, else "năm YYYY" (see the module
    docstring); None when only dates further down could give it (``_latest_full_date``)."""
    header_end = _header_end(text)
    dated = [d for d in mentions if d.year is not None and not d.after_document and _plausible(d.year)]
    in_header = [d for d in dated if d.start < header_end and d.day is not None]
    if in_header:
        return in_header[0].year
    header_years = _present_years(text, 0, header_end)
    if header_years:
        return max(header_years)
    term = _congress_term_start(text, header_end)
    if term is not None:
        return term
    years = _present_years(text, header_end, len(text), cued=True)
    return max(years) if years else None


def _latest_full_date(mentions: Sequence[_Mention]) -> tuple[int, int, int] | None:
    """The latest date written with its year, not a cited document's date: the last resort for the year.
    It may lie ahead ("sẽ nhậm chức ngày 20/1/2025"), so a day-month takes the year nearest to it."""
    full = [(d.year, d.month, d.day) for d in mentions if d.year is not None and d.day is not None
            and not d.after_document and _plausible(d.year)]
    return max(full) if full else None


def _nearest_year(published: tuple[int, int, int], month: int, day: int | None) -> int:
    """The year that puts day-month nearest to the published date (a report looks back, or ahead a little)."""
    year, pub_month, pub_day = published
    offset = (month - pub_month) * 31 + ((day or 15) - pub_day)
    if offset > 6 * 31:
        return year - 1
    if offset < -6 * 31:
        return year + 1
    return year


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def date_entities(
    text: str,
    mask: bytearray,
    starts: NumberStarts,
    document_ends: Sequence[int] = (),
    default_year: int | None = None,
    published: str | None = None,
) -> list[Entity]:
    """Date entities of ``text`` at the number ``starts``; claims their spans in ``mask``.

    ``published`` (ISO) is the page's date, ``default_year`` a year to fall back on.
    """
    mentions = _mentions(text, mask, starts, document_ends)
    if not mentions:
        return []
    year: int | None = None
    pub = _ISO_DAY.match(published or "")
    published_day = (int(pub.group(1)), int(pub.group(2)), int(pub.group(3))) if pub else None
    if published_day is None and any(d.year is None for d in mentions):
        year = infer_year(text, mentions)
        if year is None:
            published_day = _latest_full_date(mentions)
        if year is None and published_day is None:
            # Only month dates ("tháng 3/2022") are left: the latest of their years, else the default.
            months = [d.year for d in mentions if d.year is not None and _plausible(d.year)]
            year = max(months) if months else default_year
    out: list[Entity] = []
    for d in mentions:
        meta: dict = {}
        y = d.year
        if y is None:
            if published_day is not None:
                y = _nearest_year(published_day, d.month, d.day)
            else:
                y = year
            if y is not None and _valid(d.day, d.month, y):
                meta["year_inferred"] = True
            elif d.day is None:
                continue
            else:
                y = None
                meta["year_unknown"] = True
        if y is None:
            value = f"--{d.month:02d}-{d.day:02d}"
        elif d.day is None:
            value = f"{y:04d}-{d.month:02d}"
            meta["precision"] = "month"
        else:
            value = f"{y:04d}-{d.month:02d}-{d.day:02d}"
        out.append(new_entity("date", text[d.start : d.end], d.start, d.end, value, meta))
    return out
