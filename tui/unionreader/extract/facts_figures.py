"""Figure facts: what each number measures.

A figure's label must make sense without the article ("Đoàn viên", "Hỗ trợ Tết", "Đơn vị tổ chức
Hội nghị CBCCVC"), so it is built from the words around the number: the unit and the phrase after it
for counts, ratios and percentages; the verb or noun before it ("hỗ trợ", "kinh phí") and the occasion
("Tết") for money.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..text import fold_nfc, normalize_tones
from .facts_awards import award_issuer, award_name, nearest_award_match
from .facts_common import EntityIndex, SentenceIndex, capitalise, clean_phrase, key
from .models import Entity, Fact
from .records import new_fact
from .tones import canonical_tones

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)?")
# Words that end the descriptive phrase after a number: prepositions, linking words, verbs of the genre.
_PHRASE_STOP = frozenset(
    normalize_tones(w)
    for w in (
        "tại", "tới", "cho", "với", "của", "trong", "vì", "để", "do", "từ", "đến", "theo", "trên", "dưới",
        "như", "là", "mà", "nên", "thì", "khi", "và", "hoặc", "đạt", "được", "đã", "đang", "sẽ", "có", "gồm",
        "nhận", "tặng", "trao", "thuộc", "ở", "về",
    )
)
# A ratio's phrase keeps its verb: "18/20 tổ công đoàn đạt vững mạnh".
_RATIO_STOP = _PHRASE_STOP - {normalize_tones(w) for w in ("đạt", "được", "đã", "có", "nhận", "tham gia")}
_PHRASE_STOP_PAIRS = frozenset(normalize_tones(w) for w in ("sinh hoạt", "tham gia", "có thành", "so với"))
_PAIR_FIRSTS = frozenset(pair.split()[0] for pair in _PHRASE_STOP_PAIRS)  # (the pairs' look-up, only after these)
_AWARD_UNITS = frozenset(fold_nfc(w) for w in ("tập thể", "cá nhân", "đồng chí", "cán bộ", "đoàn viên", "đơn vị"))
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
_PERCENT_VERBS = ("đạt", "thống nhất", "tăng", "giảm", "hoàn thành", "chiếm", "vượt")

_PHRASE_TOKEN = re.compile(r"[^\s,;:.()“”\"|]+|[,;:.()“”\"|]")


_TOKEN_WORDS: dict[str, str] = {}  # token → its lower-case, canonical-tone form: a few thousand distinct words


def _words_after(
    text: str, pos: int, limit: int, max_words: int, allow_comma_until: int = 3, stops: frozenset[str] = _PHRASE_STOP
) -> str:
    """The descriptive phrase after a number: up to a clause break, a stop word or ``max_words``."""
    words: list[str] = []
    count = 0  # the words in ``words`` (the commas aside)
    last = None  # the lower-case, canonical-tone form of the last token when it is a word, else None
    for m in _PHRASE_TOKEN.finditer(text, pos, limit):
        tok = m.group()
        if tok == "," and len(words) < allow_comma_until and words:
            words.append(",")
            last = None
            continue
        if not tok[0].isalnum():
            break
        word = _TOKEN_WORDS.get(tok)
        if word is None:
            word = canonical_tones(tok.lower())
            if len(_TOKEN_WORDS) < 50_000:
                _TOKEN_WORDS[tok] = word
        if last in _PAIR_FIRSTS and f"{last} {word}" in _PHRASE_STOP_PAIRS:
            words.pop()
            break
        if word in stops:
            break
        words.append(tok)
        count += 1
        if count >= max_words:
            break
        last = word
    while words and words[-1] == ",":
        words.pop()
    return " ".join(words).replace(" ,", ",")


_APPROX_BEFORE = re.compile(r"(?:hơn|gần|khoảng|trên|dưới|gần như|ước|xấp xỉ|tới|lên tới|lên đến)\s+$", re.IGNORECASE)


def _approx_word(text: str, entity: Entity) -> str:
    value = entity.value if isinstance(entity.value, dict) else {}
    if not (value.get("approx") or entity.meta.get("approx")):
        return ""
    m = _APPROX_BEFORE.search(text, max(0, entity.start - 12), entity.start)
    return m.group().strip().lower() if m else "khoảng"


# "4,2 triệu lượt khách": the multiplier belongs to the number shown, not to the label.
_COUNT_MULTIPLIER = re.compile(r"[ \u00a0]+(?:triệu|nghìn|ngàn|vạn)(?!\w)")


def _display_number(text: str, entity: Entity) -> str:
    m = _NUMBER_RE.search(entity.text)
    shown = m.group() if m else entity.text
    if m and entity.type == "count" and (mult := _COUNT_MULTIPLIER.match(entity.text, m.end())):
        shown = f"{shown} {mult.group().strip()}"
    approx = _approx_word(text, entity)
    return f"{approx} {shown}" if approx else shown


# "giá vé từ 80.000 đến 150.000 đồng", "82,5 - 84,8 triệu đồng/lượng", "tăng 3-4%": the amount is the top
# of a range whose bottom is a bare number; shown alone it would say more than the text.
_RANGE_LOW = re.compile(
    r"(?:\btừ\s+)?\d+(?:[.,]\d+)*(?:\s+(?:tỷ|tỉ|triệu|nghìn|ngàn))?\s*(?:[-–]|\bđến\b|\btới\b)\s*$",
    re.IGNORECASE,
)


def _range_start(text: str, left: int, start: int) -> int | None:
    """Where the range that ends with the figure at ``start`` begins, or None when it stands alone."""
    if not text[max(left, start - 6) : start].rstrip().endswith(("-", "–", "đến", "tới")):
        return None  # (most figures: the search would try every offset of the window)
    m = _RANGE_LOW.search(text, max(left, start - 32), start)
    return m.start() if m else None


def _number_of(entity: Entity):
    v = entity.value
    if isinstance(v, dict):
        return v.get("number")
    if isinstance(v, (list, tuple)):
        return list(v)
    return v


def figure_facts(
    text: str, entities: Sequence[Entity], sentences: SentenceIndex, ents: EntityIndex | None = None
) -> list[Fact]:
    ents = ents if ents is not None else EntityIndex(entities)
    facts: list[Fact] = []
    figures = ents.of_type("count", "money", "percent", "ratio")
    if not figures:
        return facts
    # What every figure asks of the text, found once: where the semicolons (clause ends) and "số " stand.
    semicolons = sentences.starts_of((";",))
    so = sentences.starts_of(_SO)
    sentence_at, span_text, append = sentences.at, sentences.span_text, facts.append
    for i in figures:
        e = entities[i]
        start, kind = e.start, e.type
        sent = sentence_at(start)
        # ``sentences.clause(sent, start)``: the sentence between the semicolons around the figure.
        k = bisect_left(semicolons, start)
        left = semicolons[k - 1] + 1 if k and semicolons[k - 1] >= sent.start else sent.start
        right = semicolons[k] if k < len(semicolons) and semicolons[k] < sent.end else sent.end
        if kind == "count":
            label = _count_label(text, sentences, ents, so, left, right, e)
            display = _display_number(text, e)
            value = e.value
            if isinstance(value, dict):
                value = {"display": display, "number": value.get("number"), "type": kind}
                if e.value.get("unit"):
                    value["unit"] = e.value["unit"]
            else:
                value = {"display": display, "number": _number_of(e), "type": kind}
        else:
            if kind == "money":
                label = _money_label(text, left, right, e)
                approx = _approx_word(text, e)
                low = _range_start(text, left, e.start)
                display = clean_phrase(
                    text[low : e.end] if low is not None else f"{approx} {e.text}" if approx else e.text
                )
            elif kind == "percent":
                label = _percent_label(text, left, right, e)
                low = _range_start(text, left, e.start)
                display = clean_phrase(text[low : e.end] if low is not None else e.text)
            else:  # a ratio
                label = capitalise(_words_after(text, e.end, right, 12, stops=_RATIO_STOP)) or "Tỷ lệ"
                display = _NUMBER_RE.search(e.text).group() if _NUMBER_RE.search(e.text) else e.text
            value = {"display": display, "number": _number_of(e), "type": kind}
        append(new_fact("figures", clean_phrase(label), value, span_text(sent), sent.start, sent.end, (i,)))
    return facts


# "tổng số công đoàn viên là 37 người", "nâng tổng số đoàn viên lên 3.173 người": the thing counted is named before the number. It holds "số " (in
# any case), and most clauses do not: where "số " stands in the lower-case text (``lowered``), found
# once, tells before the search tries every offset of the clause.
_SO = ("số ",)
_COUNTED_BEFORE = re.compile(
    r"(?:tổng )?số ([^\d,;:]{2,60}?) (?:là|đạt|có|lên|lên tới|lên đến) (?:hơn |gần |khoảng )?$", re.IGNORECASE
)


def _whole_names(text: str, ents: EntityIndex, start: int, right: int, phrase: str) -> str:
    """``phrase`` (the words after ``start``) without a cut name: to the end of an organisation, place or
    person it stops inside, when that makes at most twelve words; else up to where the name starts."""
    if not phrase.rsplit(" ", 1)[-1][:1].isupper():  # names are capitalised: a cut leaves a capital last
        return phrase
    end = start
    for word in phrase.split():  # where the phrase ends in the text
        at = text.find(word.rstrip(","), end, right)
        if at < 0:
            return phrase
        end = at + len(word.rstrip(","))
    entities = ents.entities
    for kind in ("organization", "location", "person"):
        for i in ents.within(start, right, kind):
            name = entities[i]
            if name.start < end < name.end:
                whole = text[start : name.end].split()
                if len(whole) <= 12:
                    return " ".join(whole)
                return " ".join(text[start : name.start].split())
    return phrase


_CHANGE_BEFORE = re.compile(r"(?i)\b(tăng|giảm)(?: thêm)?\s+$")
_COMPARED_AFTER = re.compile(r"(?i)[^\s\d,;.:]*(?:\s+[^\s\d,;.:]+)?\s+(so với(?:\s+[^\s,;.:()]+){1,5})")


# "Ủy viên Ban Chấp hành lâm thời: 5 đồng chí": the phrase before the colon names what is counted when the
# unit is only a counter word for people or things.
_COUNTER_UNITS = frozenset(
    fold_nfc(w) for w in ("đồng chí", "người", "thành viên", "cái", "chiếc", "lượt", "trường hợp", "em", "cháu", "vị")
)
_LABEL_BEFORE_COLON = re.compile(r"(?:^|[.;!?\n]\s*)([^\W\d_](?:[^\d:;.!?\n,]){1,60}?)\s*:\s*$")


def _count_label(
    text: str, sentences: SentenceIndex, ents: EntityIndex, so: list[int], left: int, right: int, e: Entity
) -> str:
    """``so``: where "số " stands in the lower-case text (``sentences.starts_of(_SO)``)."""
    if (
        text.rfind(":", max(0, e.start - 4), e.start) != -1
        and isinstance(e.value, dict)
        and key(e.value.get("unit") or "") in _COUNTER_UNITS
    ):
        colon = _LABEL_BEFORE_COLON.search(text, max(0, e.start - 80), e.start)
        if colon and len(colon.group(1).split()) <= 8:
            return capitalise(colon.group(1).strip())
    k = bisect_left(so, left)
    m = _COUNTED_BEFORE.search(text, left, e.start) if k < len(so) and so[k] + len(_SO[0]) <= e.start else None
    if m:
        return capitalise(m.group(1))
    number = _NUMBER_RE.match(e.text)
    unit = ""
    if number:
        mult = _COUNT_MULTIPLIER.match(e.text, number.end())
        unit = e.text[mult.end() if mult else number.end() :].strip()
    if not unit and isinstance(e.value, dict):
        unit = str(e.value.get("unit") or "")
    # The unit as written plus what qualifies it: "lượt thăm hỏi đoàn viên", "nhiệm vụ trọng tâm".
    more = _words_after(text, e.end, right, 6, allow_comma_until=0)
    if more:  # a name the six words cut ("công nhân Công ty TNHH Giày da Thịnh") is taken whole, or left out
        more = _whole_names(text, ents, e.end, right, more)
    change = _CHANGE_BEFORE.search(text, max(left, e.start - 16), e.start) if not more else None
    compared = _COMPARED_AFTER.match(text, e.end, right) if change else None
    if compared:  # "giảm 3 vụ so với năm 2023": the count is a change, against what it says
        more = f"{change.group(1).lower()} {compared.group(1).strip()}"
    label = capitalise(f"{unit} {more}".strip()) or "Số lượng"
    mention = nearest_award_match(text, sentences, e.end, right) if key(unit) in _AWARD_UNITS else None
    award = award_name(text, mention) if mention else None
    if award and key(award) not in key(label):
        if award.lower() == "khen thưởng":
            label = f"{label} được khen thưởng"
        else:
            label = f"{label} {'đạt' if award.lower().startswith('danh hiệu') else 'nhận'} {award}"
    # Who gives it tells two "Bằng khen" apart ("… của Tổng LĐLĐ Việt Nam", "… của LĐLĐ tỉnh").
    issuer = award_issuer(text, ents, mention, right) if award and mention.start() >= left else None
    if issuer and key(issuer) not in key(label):
        label = f"{label} của {issuer}"
    return label


# Compiled once: (pattern, label) per money word and per occasion, on lower-case NFC text. Not folded:
# folding makes "tăng" (rise) "tặng" (give) and "bao gồm" "bão" (storm).
_MONEY_LABEL_RES = tuple((re.compile(r"\b" + re.escape(w) + r"\b"), w, w) for w in _MONEY_LABELS)
_OCCASION_RES = tuple((re.compile(r"\b" + n + r"\b"), n, o) for n, o in _OCCASIONS)
# (No word above holds a pair whose tone mark moves, so the text needs no tone moves to match them.)
assert all(canonical_tones(w) == w for w in _MONEY_LABELS + tuple(n for n, _ in _OCCASIONS))


_NEXT_PHRASE = re.compile(r"[,;.:]|\s(?:và|nhưng|còn|đồng thời)\s")
_PER = re.compile(r"\s*/\s*([^\W\d_]+)")


def _money_label(text: str, left: int, right: int, e: Entity) -> str:
    # The occasion is named before the amount or after it in its own phrase ("… đồng dịp Tết", "… đồng tiền vé
    # xe về quê đón Tết"), not in the next one ("… đồng/tháng và trả đủ thưởng Tết"). One lower-case copy
    # serves both. (Not folded, and with no tone moves: the text is NFC, and no money or occasion word holds
    # a pair whose mark moves, "oà"/"òa", "uỷ"/"ủy".)
    start = max(left, e.start - 160)
    phrase_end = _NEXT_PHRASE.search(text, e.end, right)
    stop = phrase_end.start() if phrase_end else right
    sentence = text[start:stop].lower()
    before = sentence[: e.start - start] if len(sentence) == stop - start else text[start : e.start].lower()
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
        if 0 < len(tail) <= 5 and all(w.isalpha() and w not in _MONEY_TAIL_STOPS for w in tail):
            label = " ".join([label, *text[start : e.start].split()[-len(tail) :]])
    for pattern, folded, occasion in _OCCASION_RES:
        # (the substring test first: the search, opening with ``\b``, would try every offset)
        if folded in sentence and pattern.search(sentence) and occasion.lower() not in label.lower():
            label = f"{label} {occasion}"
            break
    per = _PER.match(text[e.end : e.end + 12])
    if per and "/" not in e.text:
        label = f"{label} mỗi {per.group(1)}"
    elif "mỗi" not in label and (each := _each(before[before.rfind(",") + 1 :], text, e.end)):
        label = f"{label} mỗi {each}"  # "mỗi căn trị giá 60 triệu đồng" is the price of one, not of all
    return capitalise(label)


# Words between a money word and its amount that end what the word names ("kinh phí là …", "hỗ trợ khoảng").
_MONEY_TAIL_STOPS = _PHRASE_STOP | frozenset(
    normalize_tones(w) for w in ("là", "mỗi", "khoảng", "hơn", "gần", "trên", "lên", "thêm", "tổng", "cộng", "số")
)


# "mỗi suất quà trị giá 500.000 đồng", "500.000 đồng mỗi người": an amount for each one of something.
_EACH_BEFORE = re.compile(r"\bmỗi ((?:[^\W\d_]+ ?){1,2})")
_EACH_AFTER = re.compile(r"[ \u00a0]+mỗi ([^\W\d_]+)")
_EACH_STOPS = frozenset(
    normalize_tones(w) for w in ("được", "là", "có", "trị", "giá", "nhận", "hỗ", "tặng", "trao", "với", "gồm", "tiền",
                                 "đồng", "kinh", "chi", "thưởng", "quà", "ủng", "bị", "đã", "sẽ", "đều", "làm")
)


def _each(segment: str, text: str, end: int) -> str | None:
    """What an amount is for each one of, named by "mỗi" in its clause before it or right after it."""
    after = _EACH_AFTER.match(text, end)
    if after:
        return after.group(1).lower()
    found = list(_EACH_BEFORE.finditer(segment))[-1:]
    if not found:
        return None
    found = found[0]
    words = []
    for word in found.group(1).split():
        if word in _EACH_STOPS:
            break
        words.append(word)
    return " ".join(words) or None


# After a percentage, these open a qualifier of the rate ("mỗi năm", "so với cùng kỳ", "trở lên"), not the
# thing measured: the label then comes from the words before the number.
_QUALIFIER_FIRSTS = frozenset(normalize_tones(w) for w in ("mỗi", "so", "hằng", "hàng", "trở", "một", "/"))
_COMPARISON = re.compile(r"(?i)\s+(so với(?:\s+[^\s,;.:()]+){1,5})")
_SUBJECT = re.compile(r"\s*([^\W\d_][^\d)%]{1,80}?)\s*")
# Words that open a clause without belonging to what it names ("trong đó lao động nữ chiếm …").
_CLAUSE_OPENER = re.compile(r"(?:(?:trong (?:số )?đó|riêng|còn|nhưng|cụ thể|và|với)\b[\s,]*)+", re.IGNORECASE)
# An estimate before the number ("khoảng 35%") is no part of the subject.
_ESTIMATES = frozenset(normalize_tones(w) for w in ("khoảng", "hơn", "gần", "trên", "dưới", "ước", "xấp xỉ", "tới", "đến"))
_CLAUSE_JOIN = re.compile(r"(?i)(?:^|\s)(?:mặc dù|dù|nhưng|song|khi|vì|nên|mà|thì|nếu)\s")
_AUXILIARIES = frozenset(normalize_tones(w) for w in ("đã", "đang", "sẽ", "vẫn", "cũng", "đều", "còn", "chỉ"))
_SUBJECT_WORDS = 10  # a longer clause before a rate is a sentence, not a name for it


def _percent_label(text: str, left: int, right: int, e: Entity) -> str:
    compared = _COMPARISON.match(text, e.end, right)
    if compared:  # "so với cùng kỳ năm trước": the comparison, to the clause's end or its seventh word
        phrase, qualifier = compared.group(1), True
    else:
        phrase = _words_after(text, e.end, right, 8)
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
    while words and normalize_tones(words[0].lower()) in _PHRASE_STOP:
        words.pop(0)
    return " ".join(words) if len(words) <= (12 if rate >= 0 else _SUBJECT_WORDS) else ""
