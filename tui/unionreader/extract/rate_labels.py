"""Percentage labels: the thing measured after the rate, or, when only a qualifier follows ("mỗi năm", "so
với cùng kỳ"), the subject of the clause before it ("lượng khách du lịch dịp lễ tăng")."""

from __future__ import annotations

import re

from ..text import normalize_tones
from .facts_common import capitalise
from .label_words import COMPARISON, PHRASE_STOP, words_after
from .models import Entity
from .tones import canonical_tones

_PERCENT_VERBS = ("đạt", "thống nhất", "tăng", "giảm", "hoàn thành", "chiếm", "vượt")
# After a percentage, these open a qualifier of the rate ("mỗi năm", "trở lên"; a comparison, "so với cùng kỳ", is
# read by _COMPARISON), not the thing measured: the label then comes from the words before the number.
_QUALIFIER_FIRSTS = frozenset(normalize_tones(w) for w in ("mỗi", "hằng", "hàng", "trở", "một"))
_COMPARISON = re.compile(r"(?i)\s+" + COMPARISON)
_SUBJECT = re.compile(r"\s*([^\W\d_][^\d)%]{1,80}?)\s*")
# Words that open a clause without belonging to what it names ("trong đó lao động nữ chiếm …").
_CLAUSE_OPENER = re.compile(r"(?:(?:trong (?:số )?đó|riêng|còn|nhưng|cụ thể|và|với)\b[\s,]*)+", re.IGNORECASE)
# An estimate before the number ("khoảng 35%") is no part of the subject.
_ESTIMATES = frozenset(normalize_tones(w) for w in ("khoảng", "hơn", "gần", "trên", "dưới", "ước", "xấp xỉ", "tới", "đến"))
_CLAUSE_JOIN = re.compile(r"(?i)(?:^|\s)(?:mặc dù|dù|nhưng|song|khi|vì|nên|mà|thì|nếu)\s")
_AUXILIARIES = frozenset(normalize_tones(w) for w in ("đã", "đang", "sẽ", "vẫn", "cũng", "đều", "còn", "chỉ"))
_SUBJECT_WORDS = 10  # a longer clause before a rate is a sentence, not a name for it


def percent_label(text: str, left: int, right: int, e: Entity) -> str:
    compared = _COMPARISON.match(text, e.end, right)
    if compared:  # "so với cùng kỳ năm trước": the comparison, to the clause's end or its seventh word
        phrase, qualifier = compared.group(1), True
    else:
        phrase = words_after(text, e.end, right, 8)
        qualifier = bool(phrase) and canonical_tones(phrase.split(" ", 1)[0].lower()) in _QUALIFIER_FIRSTS
    before = text[max(left, e.start - 200) : e.start].rstrip()  # (bounded: a line may hold thousands of rates)
    lowered = before.lower()
    for verb in _PERCENT_VERBS:
        if lowered.endswith(verb):
            subject = _subject_before(before[: -len(verb)]) if qualifier or not phrase else ""
            if subject.lower().startswith(("tỷ lệ", "tỉ lệ")) and verb in ("đạt", "chiếm"):
                verb = ""  # "tỷ lệ đoàn viên tham gia đạt 98%": the rate is named, the verb adds nothing
            return capitalise(" ".join(w for w in (subject, verb, phrase) if w))
    of = re.search(r"(?:tỉ lệ|tỷ lệ)\s+([^\d,;:]{2,60}?)\s*(?:đạt|là|chiếm)?\s*$", lowered)
    if of:
        return capitalise(f"Tỷ lệ {of.group(1)}")
    if qualifier or not phrase:  # "tăng trưởng bình quân 7% mỗi năm": what grows is named before the number
        subject = _subject_before(before)
        if subject:
            return capitalise(f"{subject} {phrase}".strip())
    return capitalise(phrase) or "Tỷ lệ"


def _subject_before(before: str) -> str:
    """The clause before a rate, after its last comma ("lượng khách tham quan dịp lễ"), as written: without
    the words that open a clause or estimate the number; "" when it holds a number or more than ten words
    (a named "tỷ lệ …" is taken from those words, up to twelve)."""
    # After the last clause mark ("," ";" ":" "(") and the last joining word ("… dù mức lương tối thiểu vùng đã").
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind("(")) + 1 :]
    joins = list(_CLAUSE_JOIN.finditer(clause))
    m = _SUBJECT.fullmatch(clause[joins[-1].end() :] if joins else clause)
    if not m:
        return ""
    clause = m.group(1)
    clause = clause[_CLAUSE_OPENER.match(clause).end() if _CLAUSE_OPENER.match(clause) else 0 :]
    rate = max(clause.lower().rfind("tỷ lệ"), clause.lower().rfind("tỉ lệ"))
    words = clause[rate:].split()[:12] if rate >= 0 else clause.split()
    while words and normalize_tones(words[-1].lower()) in _ESTIMATES | _AUXILIARIES:
        words.pop()
    while words and normalize_tones(words[0].lower()) in PHRASE_STOP:
        words.pop(0)
    return " ".join(words) if len(words) <= (12 if rate >= 0 else _SUBJECT_WORDS) else ""
