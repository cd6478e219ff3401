"""Figure and award facts: what each number measures, and who gave which award to whom.

A figure's label must make sense without the article ("Đoàn viên", "Hỗ trợ Tết", "Đơn vị tổ chức
Hội nghị CBCCVC"), so it is built from the words around the number: the unit and the phrase after it
for counts, ratios and percentages; the verb or noun before it ("hỗ trợ", "kinh phí") and the occasion
("Tết") for money.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import fold_nfc, normalize_tones
from .facts_common import EntityIndex, Sentence, SentenceIndex, capitalise, clean_phrase, key, lowered
from .models import Entity, Fact
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
_PHRASE_STOP_PAIRS = frozenset(normalize_tones(w) for w in ("sinh hoạt", "tham gia", "có thành"))
_AWARD_UNITS = frozenset(fold_nfc(w) for w in ("tập thể", "cá nhân", "đồng chí", "cán bộ", "đoàn viên", "đơn vị"))
# Money: the verb or noun before the amount says what it is ("hỗ trợ 2 triệu đồng", "kinh phí 50 triệu").
_MONEY_LABELS = (
    "tổng kinh phí",
    "kinh phí",
    "tổng số tiền",
    "tổng trị giá",
    "trị giá",
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
    "lương",
    "chi",
    "tặng",
    "trao",
)
# Money in these contexts is more specific than a generic "tổng số tiền".
_MONEY_PRIORITY = ("hỗ trợ", "ủng hộ", "trợ cấp", "thưởng", "quà", "thu nhập", "lương", "kinh phí", "quỹ")
_OCCASIONS = (("tết", "Tết"), ("tháng công nhân", "Tháng Công nhân"), ("thiên tai", "thiên tai"), ("bão", "bão lũ"))
_PERCENT_VERBS = ("đạt", "thống nhất", "tăng", "giảm", "hoàn thành", "chiếm", "vượt")

_AWARD_WORDS = (
    "Huân chương", "Huy chương", "Bằng khen", "Giấy khen", "Cờ thi đua", "Kỷ niệm chương", "Giấy chứng nhận",
    "Chiến sĩ thi đua", "danh hiệu", "khen thưởng",
)
_AWARD_RE = re.compile(  # "khen thưởng" names an award only before its recipients or their number
    r"\b(?:" + "|".join(_AWARD_WORDS[:-1]) + r"|khen thưởng(?=\s+(?:cho|\d)))\b", re.IGNORECASE
)
# Every award mention is one of the award words, so a sentence whose lower-case text (``lowered``) holds
# none has no mention; ``str.find`` looks for them far faster than the pattern's search.
_AWARD_NEEDLES = tuple(w.lower() for w in _AWARD_WORDS)
_AWARD_QUALIFIER = re.compile(
    r"\s*(?:(?:chuyên đề|xuất sắc|hạng (?:Nhất|Nhì|Ba))\b|[“\"][^”\"]{1,120}[”\"]|Vì [^;,.]{1,80}?(?=\s*(?:[;,.]|cho\b|của\b|$)))"
)
_DANH_HIEU = re.compile(r"\s*(?:[“\"][^”\"]{1,80}[”\"]|[^\W\d_][^,;.()“”\"]{0,60}?(?=\s*(?:[,;.()]|cho\b|của\b|năm\b|và\b|$)))")


def _words_after(
    text: str, pos: int, limit: int, max_words: int, allow_comma_until: int = 3, stops: frozenset[str] = _PHRASE_STOP
) -> str:
    """The descriptive phrase after a number: up to a clause break, a stop word or ``max_words``."""
    words: list[str] = []
    for m in re.finditer(r"[^\s,;:.()“”\"|]+|[,;:.()“”\"|]", text[pos:limit]):
        tok = m.group()
        if tok == "," and len(words) < allow_comma_until and words:
            words.append(",")
            continue
        if not tok[0].isalnum():
            break
        word = canonical_tones(tok.lower())
        if word in stops:
            break
        if words and words[-1] != "," and f"{canonical_tones(words[-1].lower())} {word}" in _PHRASE_STOP_PAIRS:
            words.pop()
            break
        words.append(tok)
        if len([w for w in words if w != ","]) >= max_words:
            break
    while words and words[-1] == ",":
        words.pop()
    return " ".join(words).replace(" ,", ",")


def _clause_bounds(text: str, sent_start: int, sent_end: int, at: int) -> tuple[int, int]:
    left = max(text.rfind(";", sent_start, at), sent_start - 1) + 1
    right = text.find(";", at, sent_end)
    return left, (sent_end if right < 0 else right)


_APPROX_BEFORE = re.compile(r"(?:hơn|gần|khoảng|trên|dưới|gần như|ước|xấp xỉ|tới|lên tới|lên đến)\s+$", re.IGNORECASE)


def _approx_word(text: str, entity: Entity) -> str:
    value = entity.value if isinstance(entity.value, dict) else {}
    if not (value.get("approx") or entity.meta.get("approx")):
        return ""
    m = _APPROX_BEFORE.search(text, max(0, entity.start - 12), entity.start)
    return m.group().strip().lower() if m else "khoảng"


def _display_number(text: str, entity: Entity) -> str:
    m = _NUMBER_RE.search(entity.text)
    shown = m.group() if m else entity.text
    approx = _approx_word(text, entity)
    return f"{approx} {shown}" if approx else shown


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
    for i in ents.of_type("count", "money", "percent", "ratio"):
        e = entities[i]
        sent = sentences.at(e.start)
        left, right = _clause_bounds(text, sent.start, sent.end, e.start)
        if e.type == "money":
            label = _money_label(text, left, right, e)
            approx = _approx_word(text, e)
            display = clean_phrase(f"{approx} {e.text}" if approx else e.text)
        elif e.type == "percent":
            label = _percent_label(text, left, right, e)
            display = clean_phrase(e.text)
        elif e.type == "ratio":
            label = capitalise(_words_after(text, e.end, right, 12, stops=_RATIO_STOP)) or "Tỷ lệ"
            display = _NUMBER_RE.search(e.text).group() if _NUMBER_RE.search(e.text) else e.text
        else:
            label = _count_label(text, left, right, e)
            display = _display_number(text, e)
        value = {"display": display, "number": _number_of(e), "type": e.type}
        if e.type == "count" and isinstance(e.value, dict) and e.value.get("unit"):
            value["unit"] = e.value["unit"]
        facts.append(Fact("figures", clean_phrase(label), value, text[sent.start : sent.end], sent.start, sent.end, (i,)))
    return facts


def _count_label(text: str, left: int, right: int, e: Entity) -> str:
    before = text[left : e.start]
    # "tổng số công đoàn viên là 37 người": the thing counted is named before the number.
    m = re.search(r"(?:tổng )?số ([^\d,;:]{2,60}?) (?:là|đạt|có) (?:hơn |gần |khoảng )?$", before, re.IGNORECASE)
    if m:
        return capitalise(m.group(1))
    number = _NUMBER_RE.match(e.text)
    unit = e.text[number.end() :].strip() if number else ""
    if not unit and isinstance(e.value, dict):
        unit = str(e.value.get("unit") or "")
    # The unit as written plus what qualifies it: "lượt thăm hỏi đoàn viên", "nhiệm vụ trọng tâm".
    more = _words_after(text, e.end, right, 4, allow_comma_until=0)
    label = capitalise(f"{unit} {more}".strip()) or "Số lượng"
    award = _nearest_award(text, e.end, right) if key(unit) in _AWARD_UNITS else None
    if award and key(award) not in key(label):
        if award.lower() == "khen thưởng":
            label = f"{label} được khen thưởng"
        else:
            label = f"{label} {'đạt' if award.lower().startswith('danh hiệu') else 'nhận'} {award}"
    return label


def _nearest_award(text: str, start: int, end: int) -> str | None:
    m = _AWARD_RE.search(text, start, end)
    if m is None:
        m2 = None
        for m2 in _AWARD_RE.finditer(text, max(0, start - 200), start):  # noqa: B007 - the last one before
            pass
        m = m2
    return _award_name(text, m) if m else None


def _award_name(text: str, m: re.Match[str]) -> str:
    name = capitalise(m.group())
    pos = m.end()
    if name.lower() == "danh hiệu":
        d = _DANH_HIEU.match(text, pos)
        if d:
            name = f"danh hiệu {d.group().strip()}"
        return name
    q = _AWARD_QUALIFIER.match(text, pos)
    if q:
        name = f"{name} {q.group().strip()}"
    return name


def _money_label(text: str, left: int, right: int, e: Entity) -> str:
    before = fold_nfc(text[max(left, e.start - 160) : e.start].lower())
    found: list[tuple[int, str]] = []
    for word in _MONEY_LABELS:
        for m in re.finditer(r"\b" + re.escape(fold_nfc(word)) + r"\b", before):
            found.append((m.start(), word))
    label = "Số tiền"
    if found:
        preferred = [f for f in found if f[1] in _MONEY_PRIORITY]
        label = max(preferred or found)[1]
    sentence = fold_nfc(text[left:right].lower())
    for needle, occasion in _OCCASIONS:
        if re.search(r"\b" + fold_nfc(needle) + r"\b", sentence) and occasion.lower() not in label.lower():
            label = f"{label} {occasion}"
            break
    per = re.match(r"\s*/\s*([^\W\d_]+)", text[e.end : e.end + 12])
    if per and "/" not in e.text:
        label = f"{label} mỗi {per.group(1)}"
    return capitalise(label)


def _percent_label(text: str, left: int, right: int, e: Entity) -> str:
    phrase = _words_after(text, e.end, right, 8)
    before = text[left : e.start].rstrip().lower()
    for verb in _PERCENT_VERBS:
        if before.endswith(verb):
            return capitalise(f"{verb} {phrase}".strip())
    of = re.search(r"(?:tỉ lệ|tỷ lệ)\s+([^\d,;:]{2,60}?)\s*(?:đạt|là|chiếm)?\s*$", before)
    if of:
        return capitalise(f"Tỷ lệ {of.group(1)}")
    return capitalise(phrase) or "Tỷ lệ"


# --- awards ----------------------------------------------------------------------------------


def award_facts(
    text: str, entities: Sequence[Entity], sentences: SentenceIndex, ents: EntityIndex | None = None
) -> list[Fact]:
    ents = ents if ents is not None else EntityIndex(entities)
    role_ends = {entities[i].end for i in ents.of_type("role")}
    affiliations = {i for i in ents.of_type("organization") if any(entities[i].start - d in role_ends for d in (0, 1))}
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for sent in _award_sentences(text, sentences):
        mentions = [m for m in _AWARD_RE.finditer(text, sent.start, sent.end) if not _named_by_danh_hieu(text, m)]
        if not mentions:
            continue
        counts = _award_counts(text, entities, ents, sent, mentions)
        last_giver = None
        for k, m in enumerate(mentions):
            left, right = _clause_bounds(text, sent.start, sent.end, m.start())
            name = _award_name(text, m)
            value: dict = {"award": name, "type": capitalise(m.group().lower())}
            used: list[int] = []
            giver = _award_giver(text, ents, left, right, m, affiliations)
            if giver is None and re.match(r"\s*(?:tặng|trao)\b", text[left : m.start()]):
                giver = last_giver  # "X tặng Cờ thi đua cho …; tặng Bằng khen cho …"
            if giver is not None:
                value["from"] = clean_phrase(entities[giver].text)
                used.append(giver)
                last_giver = giver
            for field_name, (number, i) in counts.get(k, {}).items():
                value[field_name] = number
                used.append(i)
            recipients, who = _award_recipients(text, ents, left, right, m, giver)
            if recipients:
                value["recipients"] = recipients
                used.extend(who)
            if not counts.get(k) and not recipients:
                target = _AWARD_FOR.search(text, m.end(), right)
                if target and target.start() - m.end() < 80:
                    value["for"] = clean_phrase(target.group(1))
            ident = tuple(sorted((f, str(v)) for f, v in value.items()))
            if ident in seen:
                continue
            seen.add(ident)
            facts.append(Fact("awards", capitalise(name), value, text[sent.start : sent.end], sent.start, sent.end,
                              tuple(sorted(set(used)))))
    return _drop_vaguer_awards(facts)


def _award_sentences(text: str, sentences: SentenceIndex) -> list[Sentence]:
    """The sentences where an award word starts, in order: a mention starts with one, so no other
    sentence holds a mention. Every occurrence is found, overlapping ones too."""
    low = lowered(text)
    found: set[int] = set()
    for needle in _AWARD_NEEDLES:
        at = low.find(needle)
        while at != -1:
            found.add(sentences.position(at))
            at = low.find(needle, at + 1)
    return [sentences.sentences[k] for k in sorted(found)]


_AWARD_FOR = re.compile(r"\bcho\s+((?:các|những)\s[^;.]{3,100}?)(?=\s*[;.]|\s+(?:vì|đã|nhằm)\s|$)")


def _named_by_danh_hieu(text: str, m: re.Match[str]) -> bool:
    """"danh hiệu chiến sĩ thi đua cơ sở" is one award, found by its "danh hiệu"."""
    return m.group().lower() != "danh hiệu" and text[max(0, m.start() - 10) : m.start()].lower().endswith("danh hiệu ")


def _count_kind(entity: Entity) -> str | None:
    unit = key(entity.value.get("unit", "") if isinstance(entity.value, dict) else "")
    if unit.startswith(("tap the", "don vi", "co quan", "cong doan")):
        return "collectives"
    if unit.startswith(("ca nhan", "dong chi", "can bo", "doan vien", "cong nhan", "nguoi", "giao vien", "lao dong")):
        return "individuals"
    return None


def _award_counts(text, entities, ents: EntityIndex, sent, mentions) -> dict[int, dict[str, tuple[int, int]]]:
    """Give each count of collectives or individuals to the nearest award mention of its clause."""
    out: dict[int, dict[str, tuple[int, int]]] = {}
    for i in ents.within(sent.start, sent.end, "count"):
        e = entities[i]
        kind = _count_kind(e)
        number = e.value.get("number") if isinstance(e.value, dict) else None
        if kind is None or number is None:
            continue
        left, right = _clause_bounds(text, sent.start, sent.end, e.start)
        best, best_distance = None, None
        for k, m in enumerate(mentions):
            if not left <= m.start() < right:
                continue
            distance = e.start - m.end() if m.end() <= e.start else m.start() - e.end
            if best_distance is None or distance < best_distance:
                best, best_distance = k, distance
        if best is not None and best_distance is not None and best_distance < 150:
            out.setdefault(best, {}).setdefault(kind, (number, i))
    return out


def _award_giver(text, ents: EntityIndex, left, right, m: re.Match[str], affiliations: set[int]) -> int | None:
    """"Bằng khen của Tổng Liên đoàn…", "… được Ủy ban X tặng Bằng khen", "X tặng Cờ thi đua", "được sự
    ủy quyền của X, đồng chí … trao". An organisation right after a role is the giver's affiliation."""
    entities = ents.entities
    of = re.compile(r"(?:\s+[^\s;,]+){0,4}?\s+của\s+", re.IGNORECASE).match(text, m.end(), right)
    if of:
        giver = ents.starting_at(of.end(), "organization", slack=1)
        if giver is not None:
            return giver
    proxy = re.search(r"ủy quyền của\s+", text[left : m.start()], re.IGNORECASE)
    if proxy:
        giver = ents.starting_at(left + proxy.end(), "organization", slack=1)
        if giver is not None:
            return giver
    for i in reversed(ents.within(left, m.start(), "organization")):
        if i in affiliations:
            continue
        between = text[entities[i].end : m.start()].lower()
        if not between.strip() or (
            len(between) < 60 and re.search(r"\b(?:tặng|trao|khen thưởng)\b", between)
        ):
            return i
    return None


def _award_recipients(text, ents: EntityIndex, left, right, m: re.Match[str], giver) -> tuple[list[str], list[int]]:
    """People (or a collective) named as receiving the award in its clause."""
    entities = ents.entities
    names: list[str] = []
    used: list[int] = []
    for i in ents.within(left, right, "person"):
        e = entities[i]
        if e.start > m.end():
            linked = re.search(r"\b(?:cho|tặng|tới)\b", text[m.end() : e.start].lower()) and e.start - m.end() < 80
        else:
            linked = re.search(r"\bnhận\b", text[e.end : m.start()].lower()) and m.start() - e.end < 120
        if linked:
            names.append(clean_phrase(e.value if isinstance(e.value, str) else e.text))
            used.append(i)
    if not names:
        for i in ents.within(left, m.start(), "organization"):
            if i == giver:
                continue
            between = text[entities[i].end : m.start()].lower()
            passive = giver is not None and entities[giver].start > entities[i].end and re.fullmatch(
                r"\s*được\s*", text[entities[i].end : entities[giver].start]
            )  # "X được <giver> tặng Bằng khen"
            if passive or (len(between) < 40 and re.search(r"\bđược (?:\w+ )?nhận\b|\bvinh dự\b", between)):
                names.append(clean_phrase(entities[i].text))
                used.append(i)
    return names, used


def _drop_vaguer_awards(facts: list[Fact]) -> list[Fact]:
    """A bare mention ("cán bộ được trao tặng kỷ niệm chương") adds nothing when the same award is
    reported with details elsewhere in the article. Titles ("danh hiệu X") differ by their name."""

    def ident(f: Fact) -> str:
        return key(f.value["award"] if key(f.value["type"]) == "danh hieu" else f.value["type"])

    def has_details(f: Fact) -> bool:
        return any(k in f.value for k in ("from", "collectives", "individuals", "recipients"))

    detailed = {ident(f) for f in facts if has_details(f)}
    return [f for f in facts if has_details(f) or ident(f) not in detailed]
