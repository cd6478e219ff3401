"""Figures of a report: documents, dates, percentages, money, ratios and counts.

Passes run from the most specific shape to the least, and each claims its characters, so the digits
of "09/NQ-CĐVC", "30/01/2024", "75 triệu đồng" or "56/56" are never read again as a count.

Conventions (shared with the gold files and ``unionreader.evaluate``):

* document: ``text`` and ``value`` are the number as written ("02-NQ/TW"); ``meta["kind"]`` is the
  kind of document before it ("Nghị quyết") when there is one.  "Chỉ thị số 24" gives "24".
* money: integer đồng; "2 triệu đồng/suất" keeps ``meta["per"] = "suất"``; zero amounts ("mua hàng
  0 đồng") are a name for free shops, not a sum.
* percent: a number, int when integral.  ratio: ``[a, b]`` with a ≤ b, never a date or document.
* count: ``{"number", "unit", "approx"}``; years, durations, ordinals and numbers inside quoted
  programme names (“01 triệu sáng kiến”) are not counts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from ..patterns import on_first_use
from .dates import date_entities
from .figure_spans import Quotes, dimension_spans
from .models import Entity
from .numbers import (
    APPROX_BEFORE,
    MULTIPLIERS,
    NOT_UNITS,
    NUMBER,
    UNIT_LEXICON,
    UNIT_MAX_WORDS,
    NumberStarts,
    number_starts,
    parse_number,
    plain,
    unit_key,
)
from .records import new_entity

__all__ = ["extract_figures"]

_UPPER = "A-ZĐÂĂÊÔƠƯ"
_DOC_PART = f"[{_UPPER}][{_UPPER}0-9]{{0,11}}"
# Every pattern below is tried only where a number of its shape starts (``number_starts``): the
# regex engine never scans the letters in between, which is most of an article.
_DOCUMENT = re.compile(rf"(?<!-)\d{{1,5}}(?:[/-]\d{{4}})?[/-]{_DOC_PART}(?:[/-]{_DOC_PART}){{0,4}}(?![\w/])")
_DOC_KINDS = (
    "nghị quyết|kết luận|chỉ thị|kế hoạch|quyết định|nghị định|thông tư|công văn|hướng dẫn|thông báo|"
    "luật|tờ trình|báo cáo|quy định|chương trình|đề án|công điện|thông tri|quy chế|điều lệ|văn bản"
)
_DOC_KIND_BEFORE = on_first_use(rf"(?i)(?:^|[^\w])({_DOC_KINDS})\s+(?:số\s+)?$")
_DOC_KIND_NUMBER_BEFORE = on_first_use(rf"(?i)(?:^|[^\w])({_DOC_KINDS})\s+số\s+$")
_PLAIN_NUMBER = on_first_use(r"\d{1,5}(?![\w/.,-])")

_PERCENT = re.compile(rf"{NUMBER}\s?%")
_MONEY = re.compile(
    rf"(?<!:){NUMBER}(?:[ \u00a0]*(?P<mult>tỷ|tỉ|triệu|nghìn|ngàn|trăm)(?!\w))?"
    rf"(?:[ \u00a0]+(?P<rest>\d{{1,3}})[ \u00a0]*(?P<mult2>triệu|nghìn|ngàn|trăm)(?!\w))?"
    r"(?:[ \u00a0]*(?P<cur>đồng|VNĐ|VND|vnđ|đ)(?!\w))?"
    r"(?P<per>(?:[ \u00a0]?/[ \u00a0]?[^\W\d_]+(?:[23](?!\w))?){1,3})?",  # ("/m2": a square metre)
)
_NOT_CURRENCY_DONG = re.compile(r"(?i)[ \u00a0]+(?:chí|bào|nghiệp|thời|hành|ý|bộ|loạt|lòng|đội|tâm|minh|đều|chủ|cảm|tình|hồ)(?!\w)")
# "2,1 triệu USD", "6,1 triệu tấn gạo", "600 triệu lít": an amount in another currency or a measure, so
# not đồng (the amount carries no "đồng" of its own, only a multiplier).
_NOT_DONG_AFTER = on_first_use(
    r"(?i)[ \u00a0]*(?:USD|EUR|euro|yên|yen|won|bảng Anh|nhân dân tệ|NDT|CNY|JPY|KRW|GBP|SGD|AUD|baht|bạt|"
    r"rúp|rupee|ringgit|đô la|đô|\$|tấn|tạ|lít|kg|km|mét|m2|m3|ha|héc ta|hecta|MW|kW|kWh|thùng|lượng)(?!\w)"
)
_RATIO = re.compile(r"(?<![:-])(\d{1,5})/(\d{1,5})(?![\w/]|[.,]\d|-\d)")
_WORD = re.compile(r"[ \u00a0]+([^\W\d_]+)")
_WORDS_RE = rf"(?:[ \u00a0]+[^\W\d_]+){{1,{UNIT_MAX_WORDS}}}"
_WORDS = on_first_use(_WORDS_RE)
# A count: the number (and a multiplier when a word follows it), then the words its unit is read from.
# The atomic group keeps the number as if matched alone: words that are no unit never make the engine
# try a shorter number or drop the multiplier.
_COUNT = re.compile(
    rf"(?<![:%-])(?>(?P<num>{NUMBER})(?:[ \u00a0]+(?P<mult>nghìn|ngàn|triệu|vạn)(?!\w))?(?=[ \u00a0]+\w))"
    rf"(?P<words>{_WORDS_RE})"
)
_NUM, _MULT, _WORDS_GROUP = 1, 2, 3  # the groups of _COUNT by number: cheaper than by name, per count
assert _COUNT.groupindex == {"num": _NUM, "mult": _MULT, "words": _WORDS_GROUP}
# A number right after these words is a designation or ordinal ("số 24", "lần thứ 13", "giai đoạn 2").
_DESIGNATION_BEFORE = re.compile(
    r"(?i)(?:^|[^\w])(?:số|thứ|lần|khóa|khoá|giai đoạn|điều|khoản|mục|phần|chương|phòng|tầng|quận|phường|"
    r"đường|tổ|ấp|thôn|xóm|khu|lô|kỳ|đợt|năm|tháng|ngày|hạng|cấp|loại|bậc|lớp|quý\s+\w+|tuổi|nhóm|đội|"
    r"top|covid|km|quốc lộ|tỉnh lộ|đt|sđt|hotline|điện thoại)\s*[-:.]?\s*$"
)
_BY_START, _BY_END = attrgetter("start"), attrgetter("end")
COUNT_MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "vạn": 10_000}


def _free(mask: bytearray, start: int, end: int) -> bool:
    return mask.find(1, start, end) == -1


def _claim(mask: bytearray, start: int, end: int) -> None:
    mask[start:end] = b"\x01" * (end - start)


def _documents(text: str, mask: bytearray, starts: NumberStarts) -> list[Entity]:
    out = []
    # A document number's digits are followed right away by "/" or "-", so it starts in ``slash``;
    # any other number is one only after "số", and then only if the text says "số" at all.
    slash = frozenset(starts.slash)
    candidates = starts.slash + starts.word + starts.other if "số" in text else list(starts.slash)
    candidates.sort()
    for pos in candidates:
        if mask[pos]:
            continue
        if pos in slash and (m := _DOCUMENT.match(text, pos)):
            number = m.group()
            kind = _DOC_KIND_BEFORE.search(text, max(0, pos - 20), pos)
            meta = {"kind": kind.group(1)[:1].upper() + kind.group(1)[1:]} if kind else {}
        elif text.find("số", max(0, pos - 5), pos) != -1 and (m := _PLAIN_NUMBER.match(text, pos)) and (
            kind := _DOC_KIND_NUMBER_BEFORE.search(text, max(0, pos - 24), pos)
        ):
            number = m.group()
            meta = {"kind": kind.group(1)[:1].upper() + kind.group(1)[1:]}
        else:
            continue
        out.append(new_entity("document", number, pos, m.end(), number, meta))
        _claim(mask, pos, m.end())
    return out


def _percents(text: str, mask: bytearray, starts: NumberStarts) -> list[Entity]:
    out = []
    for pos in starts.percent:
        if mask[pos] or not (m := _PERCENT.match(text, pos)):
            continue
        value = parse_number(m.group().rstrip("% \u00a0"))
        if value is None or not _free(mask, m.start(), m.end()):
            continue
        out.append(new_entity("percent", m.group(), m.start(), m.end(), plain(value)))
        _claim(mask, m.start(), m.end())
    return out


@lru_cache(maxsize=8192)
def _unit_in(words_text: str) -> tuple[int, int] | None:
    """(start, end) of the count unit in a run of words " đoàn viên sinh hoạt", or None."""
    words = [(m.start(1), m.end(1)) for m in _WORD.finditer(words_text)]
    keys = [unit_key(words_text[s:e]) for s, e in words]
    for n in range(len(words), 0, -1):
        if tuple(keys[:n]) in UNIT_LEXICON:
            return words[0][0], words[n - 1][1]
    first = words_text[words[0][0] : words[0][1]]
    if keys[0] in NOT_UNITS:
        return None
    if first.islower() or (first.isupper() and 2 <= len(first) <= 8 and first not in ("USD", "VNĐ", "VND")):
        return words[0]
    return None


def _unit_at(text: str, pos: int) -> tuple[str, int] | None:
    """The count unit right after ``pos`` (lexicon first, else one lower-case noun), and its end."""
    m = _WORDS.match(text, pos)
    if not m:
        return None
    span = _unit_in(m.group())
    if span is None:
        return None
    return text[pos + span[0] : pos + span[1]], pos + span[1]


@lru_cache(maxsize=4096)
def _approx(window: str) -> bool:
    return APPROX_BEFORE.search(window) is not None


_CLAUSE_MARKS = '.!?:;\n"“(–-'


def _after_a_name(window: str) -> bool:
    """The number follows a capitalised word inside a sentence: "SEA Games 32 tổ chức tại…", "giải ATP 500
    kể từ…" number an edition or a series, they count nothing. (At a sentence's start, "Trao 300 suất…"
    still counts.)"""
    head = window.rstrip()
    if not head[-1:].isalnum():
        return False  # "đèo Bảo Lộc, 2 người": a clause ends before the number
    cut = head.rfind(" ")
    if cut == -1 or not head[cut + 1 : cut + 2].isupper():
        return False
    before = head[:cut].rstrip()
    return bool(before) and before[-1] not in _CLAUSE_MARKS and before[-1] != ","


@lru_cache(maxsize=4096)
def _designated(window: str) -> bool:
    return (_DESIGNATION_BEFORE.search(window) is not None or _after_a_name(window)
            or window.rstrip().endswith(_ROAD_WORDS))


# "đường Vành đai 3", "xe buýt tuyến 38": a road's or a line's number (an ``endswith`` at C speed, where one
# more word in ``_DESIGNATION_BEFORE`` costs at every offset of every window).
_ROAD_WORDS = ("vành đai", "Vành đai", "tuyến")


@lru_cache(maxsize=4096)
def _before_count(window: str) -> tuple[bool, bool]:
    """(designated, approx) for the 16 characters before a count: one cache lookup for both."""
    return _designated(window), _approx(window[-12:])


def _money_value(m: re.Match) -> int | None:
    value = parse_number(_leading_number(m.group()))
    if value is None:
        return None
    mult = m.group("mult")
    if mult:
        value *= MULTIPLIERS[mult]
        if m.group("rest"):
            value += Decimal(m.group("rest")) * MULTIPLIERS[m.group("mult2")]
    return int(value)


_LEADING_NUMBER = re.compile(NUMBER)


def _leading_number(s: str) -> str:
    m = _LEADING_NUMBER.match(s)
    return m.group() if m else ""


def _money(text: str, mask: bytearray, starts: NumberStarts, quotes: Quotes) -> list[Entity]:
    out = []
    for pos in starts.money:
        if mask[pos] or not (m := _MONEY.match(text, pos)):
            continue
        mult, cur = m.group("mult", "cur")
        if not (mult or cur) or mask.find(1, pos, m.end()) != -1:
            continue
        if cur and not mult and cur.lower() == "đồng":
            # "07 đồng chí" is seven comrades: a bare "đồng" is currency only with thousands.
            number_text = _leading_number(m.group())
            if "." not in number_text and len(number_text) < 4:
                continue
            if _NOT_CURRENCY_DONG.match(text, m.end("cur")):
                continue
        if mult and not cur:
            mult_end = m.end("mult2") if m.group("mult2") else m.end("mult")
            if _NOT_DONG_AFTER.match(text, mult_end):
                continue
            after = _unit_at(text, mult_end)
            if after is not None or quotes.inside(pos):
                continue  # "1 triệu sáng kiến" counts ideas; quoted titles are names
        value = _money_value(m)
        if not value:
            continue
        end = m.end()
        meta: dict = {}
        if m.group("per"):
            meta["per"] = "/".join(p.strip() for p in m.group("per").split("/") if p.strip())
        if _approx(text[max(0, m.start() - 12) : m.start()]):
            meta["approx"] = True
        out.append(new_entity("money", text[m.start() : end], m.start(), end, value, meta))
        _claim(mask, m.start(), end)
    return out


def _ratios(text: str, mask: bytearray, starts: NumberStarts) -> list[Entity]:
    out = []
    for pos in starts.slash:
        if mask[pos] or not (m := _RATIO.match(text, pos)):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if not (0 <= a <= b and b > 0) or not _free(mask, m.start(), m.end()):
            continue
        if 1900 <= b <= 2100 and a <= 12:
            continue  # "06/2024" is a month, not six out of two thousand
        unit = _unit_at(text, m.end())
        meta = {"unit": unit[0]} if unit else {}
        out.append(new_entity("ratio", m.group(), m.start(), m.end(), [a, b], meta))
        _claim(mask, m.start(), m.end())
    return out


def _counts(text: str, mask: bytearray, starts: NumberStarts, quotes: Quotes) -> list[Entity]:
    out = []
    append, match, taken, inside = out.append, _COUNT.match, mask.find, quotes.inside if quotes.any else None
    positions = starts.word + starts.money
    positions.sort()
    for pos in positions:
        # No match also when no words follow: the cheapest test that rejects most numbers, so first.
        if mask[pos] or not (m := match(text, pos)):
            continue
        unit = _unit_in(m.group(_WORDS_GROUP))
        if unit is None or taken(1, pos, m.end(_NUM)) != -1:
            continue
        number_text, mult = m.group(_NUM, _MULT)
        if "," in number_text:
            value = parse_number(number_text)
            if value is None:  # pragma: no cover - NUMBER always parses
                continue
        else:
            value = int(number_text.replace(".", ""))
            if not mult and len(number_text) == 4 and 1900 <= value <= 2100:
                continue  # a year standing alone
        if mult:
            value *= COUNT_MULTIPLIERS[mult]
        if value <= 0 or (isinstance(value, Decimal) and value != value.to_integral_value()):
            continue
        designated, approx = _before_count(text[pos - 16 if pos > 16 else 0 : pos])
        if designated or (inside is not None and inside(pos)):
            continue
        words_start = m.start(_WORDS_GROUP)
        end = words_start + unit[1]
        value_dict = {"number": int(value), "unit": text[words_start + unit[0] : end], "approx": approx}
        append(new_entity("count", text[pos:end], pos, end, value_dict))
        mask[pos:end] = b"\x01" * (end - pos)
    return out


def extract_figures(text: str, default_year: int | None = None, published: str | None = None) -> list[Entity]:
    """Documents, dates, percentages, money, ratios and counts of ``text`` (NFC), sorted by start.

    ``published`` (the page's ISO date) gives day-month dates their year; ``default_year`` completes
    them when neither it nor the text names one.
    """
    starts = number_starts(text)
    if not starts:
        return []
    mask = bytearray(len(text))
    documents = _documents(text, mask, starts)
    dates = date_entities(text, mask, starts, [d.end for d in documents], default_year, published)
    for start, end in dimension_spans(text):
        mask[start:end] = b"\x01" * (end - start)
    quotes = Quotes(text)
    found = documents + dates + _percents(text, mask, starts) + _money(text, mask, starts, quotes)
    found += _ratios(text, mask, starts) + _counts(text, mask, starts, quotes)
    # By (start, -end): two stable sorts on C-level keys, no Python key per figure (a line may hold 50,000).
    found.sort(key=_BY_END, reverse=True)
    found.sort(key=_BY_START)
    return found
