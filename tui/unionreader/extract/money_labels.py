"""Money labels: what an amount is, from the money word before it ("hỗ trợ", "kinh phí", "tiền ăn giữa
ca"), the occasion of its phrase ("Tết") and whom or what it is for each of ("mỗi suất", "/người")."""

from __future__ import annotations

import re

from ..patterns import on_first_use
from ..text import normalize_tones
from .facts_common import capitalise
from .label_words import PHRASE_STOP
from .models import Entity
from .numbers import UNIT_LEXICON, unit_key
from .tones import canonical_tones

# Money: the verb or noun before the amount says what it is ("hỗ trợ 2 triệu đồng", "kinh phí 50 triệu").
_MONEY_LABELS = (
    "tổng kinh phí",
    "kinh phí",
    "tổng số tiền",
    "tổng trị giá",
    "trị giá",
    "tổng giá trị",
    "giá trị",
    "quỹ",
    "hỗ trợ",
    "ủng hộ",
    "trợ cấp",
    "tiền thưởng",
    "thưởng",
    "quà",
    "thu nhập bình quân",
    "thu nhập",
    "lương tối thiểu",
    "tăng lương",
    "lương",
    "chi",
    "chi phí",
    "tặng",
    "trao",
    "giá bán",
    "giá vé",
    "tiền",
    "tiền ăn",
    "doanh thu",
    "lợi nhuận",
)
# Money in these contexts is more specific than a generic "tổng số tiền".
# ("tiền ăn": meal money named after a wage, "lương … , tiền ăn ca 25.000 đồng", is not the wage)
_MONEY_PRIORITY = (
    "hỗ trợ", "ủng hộ", "trợ cấp", "thưởng", "quà", "thu nhập", "tăng lương", "lương", "tiền ăn", "kinh phí", "quỹ"
)
_OCCASIONS = (("tết", "Tết"), ("tháng công nhân", "Tháng Công nhân"), ("thiên tai", "thiên tai"), ("bão", "bão lũ"))


# Compiled once: (pattern, label) per money word and per occasion, on lower-case NFC text. Not folded:
# folding makes "tăng" (rise) "tặng" (give) and "bao gồm" "bão" (storm).
_MONEY_LABEL_RES = tuple((on_first_use(r"\b" + re.escape(w) + r"\b"), w, w) for w in _MONEY_LABELS)
_OCCASION_RES = tuple((on_first_use(r"\b" + n + r"\b"), n, o) for n, o in _OCCASIONS)
# (No word above holds a pair whose tone mark moves, so the text needs no tone moves to match them.)
assert all(canonical_tones(w) == w for w in _MONEY_LABELS + tuple(n for n, _ in _OCCASIONS))


_NEXT_PHRASE = re.compile(r"[,;.:]|\s(?:và|nhưng|còn|đồng thời)\s")
_PER = re.compile(r"\s*/\s*([^\W\d_]+)")


def money_label(text: str, left: int, right: int, e: Entity) -> str:
    # The occasion is named before the amount or after it in its own phrase ("… đồng dịp Tết", "… đồng tiền vé
    # xe về quê đón Tết"), not in the next one ("… đồng/tháng và trả đủ thưởng Tết"). One lower-case copy
    # serves both. (Not folded, and with no tone moves: the text is NFC, and no money or occasion word holds
    # a pair whose mark moves, "oà"/"òa", "uỷ"/"ủy".)
    start = max(left, e.start - 160)
    phrase_end = _NEXT_PHRASE.search(text, e.end, right)
    stop = phrase_end.start() if phrase_end else right
    sentence = text[start:stop].lower()
    before = sentence[: e.start - start] if len(sentence) == stop - start else text[start : e.start].lower()
    written = text[start : e.start] if len(before) == e.start - start else before  # (same offsets as ``before``)
    found: list[tuple[int, str]] = []
    for pattern, folded, word in _MONEY_LABEL_RES:
        if folded in before:  # a substring test rejects most words at C speed
            found.extend((m.start(), word) for m in pattern.finditer(before))
    label = "Số tiền"
    if len(found) > 1:  # a word inside a longer one is that one: "lương" of "tăng lương"
        found = [(at, w) for at, w in found
                 if not any(a <= at and at + len(w) <= a + len(o) and o != w for a, o in found)]
    if found:  # ("thu nhập bình quân" is as preferred as "thu nhập", and longer at the same place)
        preferred = [f for f in found if f[1].startswith(_MONEY_PRIORITY)]
        at, label = max(preferred or found)
        # What the word names, when it stands right before the amount: "hỗ trợ tiền xăng xe", "tiền ăn giữa ca".
        tail = before[at + len(label) :].split()
        # (Not across a word that values it: "suất quà trị giá 500.000 đồng" is no "Quà trị giá".)
        valued = any(a > at and w in _VALUED_AT for a, w in found)
        if 0 < len(tail) <= 5 and not valued and all(w.isalpha() and w not in _MONEY_TAIL_STOPS for w in tail):
            label = " ".join([label, *text[start : e.start].split()[-len(tail) :]])
    for pattern, folded, occasion in _OCCASION_RES:
        # (the substring test first: the search, opening with ``\b``, would try every offset)
        if folded in sentence and pattern.search(sentence) and occasion.lower() not in label.lower():
            label = f"{label} {occasion}"
            break
    per = _PER.match(text[e.end : e.end + 12])
    if per and "/" not in e.text:
        label = f"{label} mỗi {per.group(1)}"
    elif "mỗi" not in label and (each := _each(written[before.rfind(",") + 1 :], text, e.end)):
        label = f"{label} mỗi {each}"  # "mỗi căn trị giá 60 triệu đồng" is the price of one, not of all
    return capitalise(label)


_VALUED_AT = frozenset(("trị giá", "tổng trị giá", "giá trị", "tổng giá trị", "tổng số tiền"))
# Words between a money word and its amount that end what the word names ("kinh phí là …", "hỗ trợ khoảng").
_MONEY_TAIL_STOPS = PHRASE_STOP | frozenset(
    normalize_tones(w) for w in ("là", "mỗi", "khoảng", "hơn", "gần", "trên", "lên", "thêm", "tổng", "cộng", "số")
)


# "mỗi suất quà trị giá 500.000 đồng", "500.000 đồng mỗi người": an amount for each one of something.
_EACH_BEFORE = re.compile(r"(?i)\bmỗi ((?:[^\W\d_]+ ?){1,2})")
_EACH_AFTER = re.compile(r"[ \u00a0]+mỗi ([^\W\d_]+)")
_EACH_STOPS = frozenset(
    normalize_tones(w) for w in ("được", "là", "có", "trị", "giá", "nhận", "hỗ", "tặng", "trao", "với", "gồm", "tiền",
                                 "đồng", "kinh", "chi", "thưởng", "quà", "ủng", "bị", "đã", "sẽ", "đều", "làm")
)


def _each(segment: str, text: str, end: int) -> str | None:
    """What an amount is for each one of, named by "mỗi" in its clause before it or right after it, as
    written ("mỗi HCV"); two words only when they are one unit ("suất quà", "đoàn viên"; not "ha anh")."""
    after = _EACH_AFTER.match(text, end)
    if after:
        return after.group(1)
    found = list(_EACH_BEFORE.finditer(segment))[-1:]
    if not found:
        return None
    words = []
    for word in found[0].group(1).split():
        if word.lower() in _EACH_STOPS:
            break
        words.append(word)
    if len(words) == 2 and tuple(unit_key(w) for w in words) not in UNIT_LEXICON:
        words.pop()
    return " ".join(words) or None
