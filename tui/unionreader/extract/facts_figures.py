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

from ..patterns import on_first_use
from ..text import fold_nfc
from . import lexicons as lex
from .count_verbs import listed_people, passive_verb
from .facts_awards import award_issuer, award_name, nearest_award_match
from .facts_common import EntityIndex, SentenceIndex, capitalise, clean_phrase, key
from .label_words import COMPARISON, RATIO_STOP, words_after
from .models import Entity, Fact
from .money_labels import money_label
from .rate_labels import percent_label
from .records import new_fact

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)?")
_AWARD_UNITS = frozenset(fold_nfc(w) for w in ("tập thể", "cá nhân", "đồng chí", "cán bộ", "đoàn viên", "đơn vị"))

_APPROX_BEFORE = on_first_use(r"(?:hơn|gần|khoảng|trên|dưới|gần như|ước|xấp xỉ|tới|lên tới|lên đến)\s+$", re.IGNORECASE)


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
_RANGE_LOW = on_first_use(
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
            low = _range_start(text, left, e.start)
            if low is not None:  # "từ 15 đến 20 trẻ": the range, not its top
                display = clean_phrase(text[low : e.start] + display)
            value = e.value
            if isinstance(value, dict):
                value = {"display": display, "number": value.get("number"), "type": kind}
                if e.value.get("unit"):
                    value["unit"] = e.value["unit"]
            else:
                value = {"display": display, "number": _number_of(e), "type": kind}
        else:
            if kind == "money":
                label = money_label(text, left, right, e)
                approx = _approx_word(text, e)
                low = _range_start(text, left, e.start)
                display = clean_phrase(
                    text[low : e.end] if low is not None else f"{approx} {e.text}" if approx else e.text
                )
            elif kind == "percent":
                label = percent_label(text, left, right, e)
                low = _range_start(text, left, e.start)
                display = clean_phrase(text[low : e.end] if low is not None else e.text)
            else:  # a ratio
                label = capitalise(words_after(text, e.end, right, 12, stops=RATIO_STOP)) or "Tỷ lệ"
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


def _whole_names(text: str, ents: EntityIndex, start: int, right: int, phrase: str, most: int) -> str:
    """``phrase`` (the words after ``start``, at most ``most``) without a cut name: to the end of an
    organisation, place or person it stops inside, when that makes at most twelve words; else up to where
    the name starts."""
    # Names are capitalised: a cut leaves a capital last, or a full phrase a lower-case level word ("Công
    # đoàn thành" of "Công đoàn thành phố Hà Nội", "Công đoàn các" of "Công đoàn các KCN").
    if not phrase.rsplit(" ", 1)[-1][:1].isupper() and (
        phrase.count(" ") + 1 < most or not any(w[:1].isupper() for w in phrase.split())
    ):
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


_TOLL_BEFORE = on_first_use(
    r"(?i)(?<!\w)(chết|tử vong|thiệt mạng|bị thương(?: nặng| nhẹ)?|mất tích)\s+(?:hơn |gần |khoảng |tới )?$"
)
_CHANGE_BEFORE = re.compile(r"(?i)\b(tăng|giảm)(?: thêm)?\s+$")
_COMPARED_AFTER = on_first_use(r"(?i)[^\s\d,;.:]*(?:\s+[^\s\d,;.:]+)?\s+" + COMPARISON)


# "Ủy viên Ban Chấp hành lâm thời: 5 đồng chí": the phrase before the colon names what is counted when the
# unit is only a counter word for people or things.
_COUNTER_UNITS = frozenset(
    fold_nfc(w) for w in ("đồng chí", "người", "thành viên", "cái", "chiếc", "lượt", "trường hợp", "em", "cháu", "vị")
)
_LABEL_BEFORE_COLON = on_first_use(r"(?:^|[.;!?\n]\s*)([^\W\d_](?:[^\d:;.!?\n,]){1,60}?)\s*:\s*$")


# "Ban Chấp hành nhiệm kỳ mới gồm 27 đồng chí", "đoàn đại biểu gồm 15 đồng chí": a body of the people counted.
_COUNTED_BODY = on_first_use(
    r"(" + "|".join(re.escape(c) for c in sorted(lex.COMMITTEES, key=len, reverse=True)) + r"|[Đđ]oàn đại biểu)"
    r"((?:\s+[^\s\d,;:.()]+){0,4}?)\s+gồm(?:\s+có)?\s+(?:hơn |gần |khoảng )?$"
)


def _counted_body(text: str, left: int, e: Entity) -> str | None:
    if text.find("gồm", max(left, e.start - 16), e.start) == -1:
        return None  # (most counts: no search)
    m = _COUNTED_BODY.search(text, max(left, e.start - 80), e.start)
    return f"{m.group(1)}{m.group(2)}" if m else None


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
    if m:  # "nâng tổng số đoàn viên lên 3.566": the total, not the members admitted that year
        counted = m.group(1)
        return f"Tổng số {counted}" if m.group().lower().startswith("tổng") else capitalise(counted)
    number = _NUMBER_RE.match(e.text)
    unit = ""
    if number:
        mult = _COUNT_MULTIPLIER.match(e.text, number.end())
        unit = e.text[mult.end() if mult else number.end() :].strip()
    if not unit and isinstance(e.value, dict):
        unit = str(e.value.get("unit") or "")
    # The unit as written plus what qualifies it: "lượt thăm hỏi đoàn viên", "nhiệm vụ trọng tâm".
    listed, end = listed_people(text, e.end, right)  # "công chức, viên chức, người lao động"
    more = words_after(text, end, right, 6, allow_comma_until=0)
    if more:  # a name the six words cut ("công nhân Công ty TNHH Giày da Thịnh") is taken whole, or left out
        more = _whole_names(text, ents, end, right, more, 6)
    body = _counted_body(text, left, e) if key(unit) in _COUNTER_UNITS else None
    if body:  # "bầu Ban Chấp hành gồm 27 đồng chí": the body counts them, not the counter word
        return capitalise(f"{body} {more}".strip())
    if not more and unit == "người" and (toll := _TOLL_BEFORE.search(text, max(left, e.start - 24), e.start)):
        more = toll.group(1).lower()  # "làm chết 12 người, bị thương 30 người": what befell them
    change = _CHANGE_BEFORE.search(text, max(left, e.start - 16), e.start) if not more else None
    compared = _COMPARED_AFTER.match(text, e.end, right) if change else None
    if compared:  # "giảm 3 vụ so với năm 2023": the count is a change, against what it says
        more = f"{change.group(1).lower()} {compared.group(1).strip()}"
    label = capitalise(f"{unit}{listed} {more}".strip()) or "Số lượng"
    mention = nearest_award_match(text, sentences, e.end, right) if key(unit) in _AWARD_UNITS else None
    award = award_name(text, mention) if mention else None
    if award is None and not compared:
        verb = passive_verb(text, left, e.start, unit)
        if verb:
            label = f"{label} được {verb}"
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
