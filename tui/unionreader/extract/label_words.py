"""Reading the words around a number for its label: the phrase after it up to a stop word or a clause
break, with each word's lower-case, canonical-tone form looked up once."""

from __future__ import annotations

import re

from ..text import normalize_tones
from .tones import canonical_tones

# Words that end the descriptive phrase after a number: prepositions, linking words, verbs of the genre.
PHRASE_STOP = frozenset(
    normalize_tones(w)
    for w in (
        "tại", "tới", "cho", "với", "của", "trong", "vì", "để", "do", "từ", "đến", "theo", "trên", "dưới",
        "như", "là", "mà", "nên", "thì", "khi", "và", "hoặc", "đạt", "được", "đã", "đang", "sẽ", "có", "gồm",
        "nhận", "tặng", "trao", "thuộc", "ở", "về",
    )
)
# A ratio's phrase keeps its verb: "18/20 tổ công đoàn đạt vững mạnh".
RATIO_STOP = PHRASE_STOP - {normalize_tones(w) for w in ("đạt", "được", "đã", "có", "nhận", "tham gia")}
PHRASE_STOP_PAIRS = frozenset(normalize_tones(w) for w in ("sinh hoạt", "tham gia", "có thành", "so với"))
_PAIR_FIRSTS = frozenset(pair.split()[0] for pair in PHRASE_STOP_PAIRS)  # (the pairs' look-up, only after these)
# Compounds whose second word is a stop word elsewhere: "thí sinh tự do", "lao động tự do", "lý do".
_KEPT_PAIRS = frozenset(tuple(normalize_tones(w).split()) for w in (
    "tự do", "lý do", "sở tại", "hiện tại", "tồn tại", "trực thuộc", "lệ thuộc", "phụ thuộc"))

PHRASE_TOKEN = re.compile(r"[^\s,;:.()“”\"|]+|[,;:.()“”\"|]")


_TOKEN_WORDS: dict[str, str] = {}  # token → its lower-case, canonical-tone form: a few thousand distinct words


def words_after(
    text: str, pos: int, limit: int, max_words: int, allow_comma_until: int = 3, stops: frozenset[str] = PHRASE_STOP
) -> str:
    """The descriptive phrase after a number: up to a clause break, a stop word or ``max_words``."""
    words: list[str] = []
    count = 0  # the words in ``words`` (the commas aside)
    last = None  # the lower-case, canonical-tone form of the last token when it is a word, else None
    comma = 0  # where the last comma taken stands in ``words`` (never first)
    for m in PHRASE_TOKEN.finditer(text, pos, limit):
        tok = m.group()
        if tok == "," and len(words) < allow_comma_until and words:
            words.append(",")
            last = None
            comma = len(words) - 1
            continue
        if not tok[0].isalnum():
            break
        if comma and tok[0].isdigit():  # "mặt bằng, di dời 2.400 ngôi mộ": another figure's phrase
            del words[comma:]
            break
        word = _TOKEN_WORDS.get(tok)
        if word is None:
            word = canonical_tones(tok.lower())
            if len(_TOKEN_WORDS) < 50_000:
                _TOKEN_WORDS[tok] = word
        if last in _PAIR_FIRSTS and f"{last} {word}" in PHRASE_STOP_PAIRS:
            words.pop()
            break
        if word in stops and (last, word) not in _KEPT_PAIRS:
            break
        words.append(tok)
        count += 1
        if count >= max_words:
            break
        last = word
    while words and words[-1] == ",":
        words.pop()
    return " ".join(words).replace(" ,", ",")


# "so với cùng kỳ năm trước": a comparison, up to its fifth word after "so với" or the clause's end
# (the labels of a rate and of a count that is a change both keep it).
COMPARISON = r"(so với(?:\s+[^\s,;.:()]+){1,5})"
