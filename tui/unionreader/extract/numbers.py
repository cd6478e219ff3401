"""Numbers of the genre: parsing Vietnamese numerals and the count-unit lexicon.

Vietnamese writes "8.945" for eight thousand nine hundred forty-five and "2,5" for two and a half,
so a dot between groups of three digits is a thousands separator and a comma is the decimal mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .tones import canonical_tones

# A number as the genre writes it.  Possessive quantifiers keep a megabyte of digits linear.
NUMBER = r"(?:\d{1,3}(?:\.\d{3})++(?!\d)|\d++)(?:,\d++)?+"

MULTIPLIERS = {
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "triệu": 1_000_000,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "trăm": 100,
}


def parse_number(s: str) -> Decimal | None:
    """"8.945" → 8945, "2,5" → 2.5, "04" → 4; None when it is not a number."""
    s = s.replace(".", "").replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> int | float:
    """An int when integral (100), else a float (113.5): what JSON readers expect."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def unit_key(word: str) -> str:
    return canonical_tones(word).casefold()


# Count units of the genre: people, organisations, awards, gifts and items that reports count.
# Longest match wins, so "công đoàn cơ sở" beats "công đoàn"; the first word is what scoring uses.
_UNIT_PHRASES = """
người|lượt người|lượt|người lao động|đoàn viên|đoàn viên công đoàn|công đoàn viên|công nhân|công nhân lao động
lao động|viên chức|công chức|cán bộ|cán bộ công đoàn|cán bộ công chức|CNVCLĐ|CNLĐ|CBCCVC|CBCCVCLĐ|CBCC|NLĐ|CBCĐ
đại biểu|đơn vị|tổ công đoàn|tổ|tổ sản xuất|công đoàn cơ sở|công đoàn bộ phận|công đoàn|CĐCS|CĐBP|tập thể|cá nhân
suất|suất quà|suất học bổng|suất trợ cấp|phần quà|phần thưởng|món quà|sáng kiến|đề tài|giải pháp|công trình|cuộc
lớp|lớp tập huấn|hội nghị|hội thảo|đại hội|doanh nghiệp|công ty|cơ quan|trường|hộ|hộ gia đình|căn nhà|căn|ngôi nhà
nhà|mái ấm|bằng khen|giấy khen|cờ thi đua|kỷ niệm chương|huân chương|danh hiệu|đồng chí|chi bộ|đảng viên|gia đình
học viên|học sinh|sinh viên|giáo viên|nhà giáo|bác sĩ|y bác sĩ|thành viên|hội viên|ủy viên|cháu|em|trẻ em|vé|vụ
vụ việc|điều khoản|vị trí|vị trí việc làm|chỉ tiêu|nhiệm vụ|nội dung|văn bản|kiến nghị|ý kiến|câu hỏi|đội|đội bóng
vận động viên|tác phẩm|bài|bài viết|tin bài|chương trình|hoạt động|buổi|đợt|hồ sơ|trường hợp|nữ|nam|lao động nữ
xã|phường|huyện|tỉnh|thành phố|khu công nghiệp|KCN|nhóm|chuyến|chuyến xe|xe|ca|tình nguyện viên|bệnh nhân
thí sinh|tổ chức|mô hình|dự án|lợi ích|chiếc|bộ|cây|tấm|phòng|khoa|tiết mục|giải|huy chương|cờ
"""
UNIT_LEXICON: dict[tuple[str, ...], str] = {}
for _phrase in re.split(r"[|\n]", _UNIT_PHRASES):
    if _phrase.strip():
        UNIT_LEXICON[tuple(unit_key(w) for w in _phrase.split())] = _phrase.strip()
UNIT_MAX_WORDS = max(len(k) for k in UNIT_LEXICON)

# Words that follow a number without it being a count: time (durations and years), money and
# measures (also of devices: "50 MP", "128 GB", "5.000 mAh"), and the function words of a sentence that
# merely mentions a number.
_NOT_UNIT_WORDS = """
năm tháng ngày tuần giờ phút giây quý thế thập đêm h tiếng
đồng triệu tỷ tỉ nghìn ngàn trăm vạn usd vnđ vnd đ km m cm mm kg g tấn tạ lít ha mét độ tuổi lần m2 m3 kw kwh
của và với là có được đã do tại trong cho từ đến về theo ở thì mà này đó khi để các những hay hoặc trên dưới
so nên vào ra lên bị sẽ đang cũng như gồm đạt tăng giảm còn chỉ rồi nhằm qua sau trước tới chiếm thuộc nhưng
mỗi cùng bằng vì nếu nay tr ngoài bên thứ lên xuống hơn gần khoảng đều vừa mới nữa không chưa trên
mp gb mb tb kb mah inch hz ghz mhz w mw gw kwp mbps gbps fps px pixel megapixel ml cc mg dpi nm rpm
"""
NOT_UNITS = frozenset(unit_key(w) for w in _NOT_UNIT_WORDS.split())

APPROX_BEFORE = re.compile(r"(?i)(?:^|\W)(hơn|gần|khoảng|trên|hàng|chừng|ước tính|ước|xấp xỉ|gần như)\s+$")

# A number start and its shape in one scan: the first digit, then a digit run not glued to a word, a
# decimal or a fraction ("x1", "2.5", "1/2" continue a number, they do not start one), then the rest
# of NUMBER and what follows it.  Leading with the digit lets the regex engine skip to the digits
# instead of trying every character of the text; groups: 1 "%", 2 a separator, 3 a word.
# The first digit is looked for with a class of the decimal digits of the Basic Multilingual Plane and of every
# character past it, checked as ``\d`` by the look-behind: the same characters as ``\d``, but the engine tests
# each character of the text against a bitmap instead of a look-up in the Unicode database (~60,000
# instructions a generated article).
_BMP_DIGITS = "".join(re.escape(chr(c)) for c in range(0x10000) if chr(c).isdecimal())
_START = re.compile(
    f"[{_BMP_DIGITS}\U00010000-\U0010ffff]"
    r"(?<=\d)(?<![\w.,/]\d)(?:\d{0,2}(?:\.\d{3})++(?!\d)|\d*+)(?:,\d++)?+"
    r"[ \u00a0]*(?:(%)|([/.,-])|([^\W\d_]+))?"
)
MONEY_WORDS = frozenset({"tỷ", "tỉ", "triệu", "nghìn", "ngàn", "trăm", "đồng", "vnđ", "vnd", "đ"})


@dataclass(frozen=True, slots=True)
class NumberStarts:
    """Where numbers begin, grouped by what follows them, so each pass only tries its own shapes.

    slash: "30/01", "09/NQ", "12-4", "30.01.2024"; comma: "7, năm 2024"; percent: "100%";
    money: "75 triệu", "500.000 đồng"; month: "26 tháng"; year: "7 năm 2024"; word: any other word
    ("37 người"); other: punctuation or the end ("Chỉ thị số 24.").
    """

    slash: list[int] = field(default_factory=list)
    comma: list[int] = field(default_factory=list)
    percent: list[int] = field(default_factory=list)
    money: list[int] = field(default_factory=list)
    month: list[int] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    word: list[int] = field(default_factory=list)
    other: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.slash, self.comma, self.percent, self.money, self.month, self.year, self.word, self.other))


# Finding the digits: ``_START.finditer`` tests the text's every character against its class (~75 instructions a
# character, a third of the figures pass). A text whose only decimal digits are ASCII (any text holding no
# character of a block where another script's digits are) is instead read as its UTF-16 code units: the low byte
# of each character marked where it may be an ASCII digit, in C, and ``bytes.find`` skips to the marks.
_OTHER_DIGIT_BLOCKS = frozenset(c >> 8 for c in range(0x100, 0x10000) if chr(c).isdecimal()) | set(range(0xD8, 0xE0))
_NOT_OTHER_DIGIT_BLOCK = bytes(b for b in range(256) if b not in _OTHER_DIGIT_BLOCKS)  # (surrogates: past the BMP)
_DIGIT_MARKS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # low bytes "0"–"9" to "0", others " "
_DIGIT = 0x30  # "0", where the marks have a digit
_CHARACTERS_PER_MISS = 128  # a candidate that starts no number in fewer characters: the scan costs less


def _number_matches(text: str) -> Iterator[re.Match[str]]:
    """``_START.finditer(text)``. (A match starts at a decimal digit, and a search tries each position in turn:
    ``match`` at each character that may be a digit, from the previous match's end, finds the same.)"""
    units = text.encode("utf-16-le", "surrogatepass")
    if units[1::2].translate(None, _NOT_OTHER_DIGIT_BLOCK):  # (a high byte of such a block, or a surrogate)
        yield from _START.finditer(text)
        return
    marks = units[::2].translate(_DIGIT_MARKS)  # (a character whose low byte is a digit's: "0" to "9" or another)
    find, match = marks.find, _START.match
    misses = len(marks) // _CHARACTERS_PER_MISS  # (digits glued to words: each costs a call, the scan ~a tenth)
    at = find(_DIGIT)
    while at != -1:
        m = match(text, at)
        if m is None:
            misses -= 1
            if misses < 0:  # so many ("x1x1…") that the scan costs less: it goes on from here
                yield from _START.finditer(text, at)
                return
            at = find(_DIGIT, at + 1)
        else:
            yield m
            at = find(_DIGIT, m.end())


def number_starts(text: str) -> NumberStarts:
    """Offsets where a number begins (a digit run not glued to a word, a decimal or a fraction)."""
    out = NumberStarts()
    slash, comma, percent, money = out.slash, out.comma, out.percent, out.money
    month, year, word, other = out.month, out.year, out.word, out.other
    # One match per number; nothing a match consumes can start another number, so none is missed.
    for m in _number_matches(text):
        kind = m.lastindex
        if kind == 3:
            key = m.group(3).casefold()
            if key in MONEY_WORDS:
                money.append(m.start())
            elif key == "tháng":
                month.append(m.start())
            elif key == "năm":
                year.append(m.start())
            else:
                word.append(m.start())
        elif kind is None:
            other.append(m.start())
        elif kind == 2:
            (comma if m.group(2) == "," else slash).append(m.start())
        else:
            percent.append(m.start())
    return out
