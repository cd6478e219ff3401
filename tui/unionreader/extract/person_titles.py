"""A person's title written before the name: a rank ("Đại tá"), a degree ("PGS.TS"), a title of honour
("NSND") or a trade named as a title ("HLV", "Bác sĩ").

General news names people this way more than by a role with a body: "Đại tá Vũ Hồng Văn, Cục trưởng C04",
"HLV Phan Thanh Hùng", "PGS.TS Đỗ Duy Cường". A report quotes it with the name, so the people fact lists it
among the person's roles, first. Words that only say how the article addresses someone ("ông", "đồng
chí", "anh") or what they are in the story ("công nhân", "đoàn viên") are no title.
"""

from __future__ import annotations

# Ranks, degrees and trades, in lower case, each in both tone placements where it has two ("đại úy", "đại uý").
_TITLES = (
    "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá",
    "đại úy", "thượng úy", "trung úy", "thiếu úy", "giáo sư", "phó giáo sư", "tiến sĩ", "thạc sĩ", "bác sĩ",
    "luật sư", "kiến trúc sư", "huấn luyện viên", "huấn luyện viên trưởng", "nghệ sĩ nhân dân",
    "nghệ sĩ ưu tú", "nhà giáo nhân dân", "nhà giáo ưu tú", "anh hùng lao động",
)
_WORD_TITLES = frozenset(_TITLES) | {t.replace("úy", "uý") for t in _TITLES}
_LAST_WORDS = frozenset(t.rsplit(maxsplit=1)[-1] for t in _WORD_TITLES)  # (most names follow none of these)
# Abbreviated titles, alone or joined by dots ("PGS.TS", "ThS.BS", "GS.TSKH"), as written.
_ABBREVIATED = frozenset(
    ("GS", "PGS", "TS", "TSKH", "ThS", "BS", "BSCKI", "BSCKII", "CKI", "CKII", "KTS", "LS", "NSND", "NSƯT",
     "NGND", "NGƯT", "HLV", "AHLĐ")
)
_LONGEST = max(len(t.split()) for t in _WORD_TITLES)
_WINDOW = 40  # characters before a name that can hold its title


def title_before(text: str, start: int) -> str | None:
    """The title right before the name at ``start`` (separated by spaces only), as written; or None."""
    before = text[max(0, start - _WINDOW) : start]
    if not before.endswith(" "):
        return None
    # The last word alone (``split()[-1]``, cut once from the right): most names follow no title, and the
    # window's other words are split only for those ending with a title's last word.
    tail = before.rsplit(maxsplit=1)
    if not tail:
        return None
    last = tail[-1]
    if last[0].isupper() and all(part in _ABBREVIATED for part in last.split(".")):
        return last
    if last.lower() not in _LAST_WORDS:
        return None
    words = before.split()
    for n in range(min(_LONGEST, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase.lower() in _WORD_TITLES:
            return phrase[0].upper() + phrase[1:]
    return None
