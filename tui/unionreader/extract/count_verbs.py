"""What a count's label says of the verb before it and of the nouns listed with its unit.

"kết nạp 501 đoàn viên" counts members who were admitted, "nâng tổng số đoàn viên lên 3.566 người" the
members in all: labelled "Đoàn viên" both, two figures of one article read the same in a report. So a
count that is the object of a verb of the genre says so ("Đoàn viên được kết nạp"), also across "cho"
("hỗ trợ hơn 1 tỉ đồng cho 1.100 công chức" → "Công chức … được hỗ trợ"), and a unit followed by more
people nouns keeps them ("công chức, viên chức, người lao động").
"""

from __future__ import annotations

import re

# Verbs whose object is what is counted, done to it for its good (an adverse verb would need "bị"). Not
# "cấp" alone: "nâng cấp 20 tuyến đường", "các cấp", "khẩn cấp" are no giving.
_VERBS = (
    "kết nạp", "thăm hỏi", "hỗ trợ", "giúp đỡ", "trao tặng", "tặng", "trao", "cấp phát", "xây dựng",
    "sửa chữa", "bàn giao", "đào tạo", "tập huấn", "tuyển dụng", "giới thiệu", "kiểm tra", "giám sát",
    "cứu trợ", "sơ tán", "di dời", "giải cứu", "tiếp nhận", "khám", "chăm lo", "vinh danh", "biểu dương",
    "tuyên dương", "tôn vinh", "khen thưởng", "ký kết", "kí kết", "tư vấn", "đưa đón", "tiêm", "xét nghiệm",
)
_VERB_SET = frozenset(_VERBS)
_LAST_WORDS = frozenset([v.rsplit(maxsplit=1)[-1] for v in _VERBS] + ["cho"])
_QUALIFIERS = frozenset(("hơn", "gần", "khoảng", "trên", "thêm", "mới", "được"))
_CLAUSE_MARKS = (",", ";", ":", ".", "!", "?")
_WINDOW = 60  # how far before the number a verb is looked for (a clause's few words)

# Units that are times or occasions, never the object: "tập huấn 3 buổi", "kiểm tra 2 lần".
_NOT_OBJECTS = frozenset(("năm", "tháng", "ngày", "tuần", "giờ", "phút", "giây", "lần", "đợt", "buổi", "lớp", "khóa",
                          "khoá", "kỳ", "vòng", "trận"))

# People nouns listed after a count's unit: "1.100 công chức, viên chức, người lao động".
_PEOPLE = (
    "công chức", "viên chức", "người lao động", "lao động", "cán bộ", "đoàn viên", "công nhân", "nhân viên",
    "giáo viên", "học sinh", "sinh viên", "chiến sĩ", "hội viên", "người dân", "hộ dân", "bệnh nhân",
    "y bác sĩ", "bác sĩ", "kỹ sư", "người cao tuổi", "trẻ em", "thanh niên", "phụ nữ", "nữ công nhân",
)
_PEOPLE_ALTERNATION = "|".join(sorted((re.escape(p) for p in _PEOPLE), key=len, reverse=True))
_MORE_PEOPLE = re.compile(rf"(?i)(?:\s*,\s*|\s+và\s+)({_PEOPLE_ALTERNATION})(?![^\W\d_])")


def _verb_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The verb that ends at word ``i`` (two words before one: "trao tặng" before "tặng"), and where it starts."""
    if i and f"{words[i - 1]} {words[i]}" in _VERB_SET:
        return f"{words[i - 1]} {words[i]}", i - 1
    if words[i] in _VERB_SET:
        return words[i], i
    return None


def passive_verb(text: str, left: int, start: int, unit: str) -> str | None:
    """The verb of the genre whose object is the count at ``start`` ("kết nạp", "hỗ trợ"), with the
    object it takes first when the count follows "cho" ("tặng quà … cho 100 công nhân": "tặng quà");
    None when there is none, or the unit is a time or an occasion."""
    first = unit.split(maxsplit=1)[0].lower() if unit.strip() else ""
    if not first or first in _NOT_OBJECTS:
        return None
    clause = text[max(left, start - _WINDOW) : start]
    # Most counts follow no verb of the list: their last word before the number (past "hơn", "thêm" …)
    # tells, before the clause is split into words.
    head, _, last = clause.rstrip().rpartition(" ")
    last = last.lower()
    while last in _QUALIFIERS:  # "kết nạp thêm hơn 300": the verb is before these
        head, _, last = head.rpartition(" ")
        last = last.lower()
    if last not in _LAST_WORDS:
        return None
    words = clause.lower().split()
    while words and words[-1] in _QUALIFIERS:
        words.pop()
    if words[-1] != "cho":
        found = _verb_at(words, len(words) - 1)
        return found[0] if found else None
    # "hỗ trợ hơn 1 tỉ đồng cho hơn 1.100 công chức": the nearest verb before "cho" in the clause.
    raw = clause.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].endswith(_CLAUSE_MARKS):
            return None
        found = _verb_at(words, i)
        if found:
            thing = raw[i + 1 : len(words) - 1]
            # A short object without a figure goes with the verb ("tặng quà"); "hơn 1 tỉ đồng" does not.
            if thing and len(thing) <= 5 and not any(c.isdigit() for w in thing for c in w):
                return " ".join([found[0], *thing])
            return found[0]
    return None


def listed_people(text: str, end: int, right: int) -> tuple[str, int]:
    """The people nouns listed right after a unit that ends at ``end`` (", viên chức, người lao động"),
    as written, and where they end; ("", end) when none follow."""
    if not text.startswith((",", " và "), end):  # (most units end their phrase or go on with a word)
        return "", end
    pos, parts = end, []
    while True:
        m = _MORE_PEOPLE.match(text, pos, right)
        if m is None:
            break
        parts.append(text[pos : m.end()])
        pos = m.end()
    return "".join(parts), pos
