"""The gathering an article reports: what it was, when and where it was held, and who held it, read from the
title and the lead (see ``facts.extract_facts``).
"""

from __future__ import annotations

import re
from collections import Counter

from ..articles import Article
from ..patterns import on_first_use
from .facts_common import EntityIndex, Sentence, SentenceIndex, capitalise, clean_phrase, key
from .models import Fact
from .records import new_fact

# The kinds of gathering this genre reports on.
_EVENT_HEAD = (
    r"(?:Hội nghị|Đại hội|Lễ|Hội thảo|Tọa đàm|Toạ đàm|Diễn đàn|Hội thi|Cuộc thi|Giải|Chương trình|"
    r"Buổi gặp mặt|Gặp mặt|Lớp tập huấn|Tập huấn|Hội diễn|Liên hoan|Ngày hội|Phiên họp|Kỳ họp|Triển lãm|Hội chợ|"
    r"Hội trại|Tuần lễ)"
)
_EVENT_RE = re.compile(r"(?<![^\s(“\"])" + _EVENT_HEAD + r"\b")
# Heads that may be written in lower case where a verb says they are the event.
_LOWER_GATHERINGS = "hội nghị|hội thi|hội diễn|liên hoan|ngày hội|triển lãm|hội chợ|tuần lễ"
# Right after "tổ chức" a head in lower case is the event too ("tổ chức lễ khởi công Dự án …").
_HELD_LOWER_RE = re.compile(rf"(?:lễ|hội thảo|tọa đàm|toạ đàm|diễn đàn|{_LOWER_GATHERINGS})\b")
# "khai mạc kỳ họp thứ 25", "bế mạc hội nghị": a meeting opened or closed is the event, its head in lower case.
_OPENED_RE = re.compile(rf"\b(?i:khai|bế) mạc\s+((?:kỳ|phiên) họp|đại hội|{_LOWER_GATHERINGS})\b")
_OPEN_WORD = "mạc"
# The same without the look-behind, which ``_search_event`` tests itself: a pattern that opens with the
# heads' first letters lets the engine skip to those letters instead of trying every offset.
_EVENT_HEAD_RE = on_first_use(_EVENT_HEAD + r"\b")
# The heads alone: where none stands in the title and lead, no sentence of them has an event word.
_ANY_EVENT_HEAD = re.compile(_EVENT_HEAD)
_BEFORE_EVENT = "(“\""
_HOLD_RE = re.compile(
    r"\b(?:đã |long trọng |phối hợp |chủ trì )?tổ chức(?: thành công)?(?::?\s+|(?=[.;,)]))", re.IGNORECASE
)
# Every match of the two patterns holds one of these words: a sentence without them (most) is not searched.
_HOLD_WORD = "tổ chức"
_SIGNING_WORDS = ("ký", "kí")
# "lễ ký kết … giữa A và B": the two parties hold a signing together.
_BETWEEN_RE = re.compile(r"\bgiữa\s+", re.IGNORECASE)
_SIGNING_RE = re.compile(r"\bký\b|\bkí\b", re.IGNORECASE)
# "… đã ký kết Thỏa ước lao động tập thể …": what was signed, a document or agreement named by its kind;
# "Ký kết thỏa ước …" opening a title or a lead says it the same way.
_SIGNED_RE = re.compile(
    r"\b(?:[Kk]ý|[Kk]í) kết\s+(?=(?:Thỏa ước|Thoả ước|thỏa ước|thoả ước|TƯLĐTT|Quy chế|quy chế|Chương trình phối hợp|"
    r"chương trình phối hợp|Biên bản|biên bản|Kế hoạch phối hợp|kế hoạch phối hợp|Nghị quyết liên tịch)\b)"
)
_SIGNED_STOP = re.compile(r"\s(?:với|giữa|cho|và)\s")  # the parties or the content, after what was signed
# "Đại hội Công đoàn X …", "Hội nghị Ban Chấp hành Công đoàn Y": a body's own congress is held by it.
_OWN_MEETING_RE = on_first_use(r"(?:Đại hội|Hội nghị(?: Ban Chấp hành| BCH)?)\s+$")
_OWN_MEETING_WORDS = ("Đại hội", "Hội nghị")
# The event name ends after its time qualifier ("năm 2023", "nhiệm kỳ 2023-2028", "khóa IV", a bare
# year: "Hội nghị di động thế giới 2017").
_EVENT_TIME_END = re.compile(
    r"(?:(?:năm )?(?<!\d)(?:19|20)\d\d(?![\d/.,-]\d)(?!\s*[-–]\s*\d)|nhiệm kỳ \d{4}\s*[-–]\s*\d{4}|giai đoạn \d{4}\s*[-–]\s*\d{4}|khóa [IVXLC]+|lần thứ [IVXLC\d]+)"
    r"(?:\s*\(\d{4}\s*[-–]\s*\d{4}\))?",
    re.IGNORECASE,
)
_MORE_TIME_END = re.compile(r",?\s+" + _EVENT_TIME_END.pattern, re.IGNORECASE)
_EVENT_STOP = re.compile(
    r"\s+(?:do|tại|vào|với sự|nhằm|để|của|được|có|đã|sẽ|khai mạc|bế mạc|diễn ra)\s|[.;:]|\s[–-]\s"
    r"|,\s*(?:nơi|khi|lúc|với|trong đó|là|thu hút|quy tụ|sáng|chiều|tối|trưa|ngày|hôm)\s|$"
)
_DATE_PREFIX = re.compile(r"(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:thứ \S+|chủ nhật),?\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_PLACE_HEAD = on_first_use(
    r"\btại\s+((?:Hội trường|hội trường|trụ sở|Trụ sở|Nhà văn hóa|Nhà văn hoá|Cung văn hóa|Trung tâm|Khách sạn|"
    r"khách sạn|Nhà hát|Công viên|Quảng trường|phòng họp|Phòng họp)[^,;.]*)"
)


def _title_span(article: Article) -> tuple[int, int] | None:
    if article.title_derived or not article.title:
        return None
    at = article.text.find(article.title)
    return (at, at + len(article.title)) if at >= 0 else None


# --- event: what, when, where -------------------------------------------------------------------


def _event_name_at(text: str, start: int, limit: int) -> str:
    stop = _EVENT_STOP.search(text, start + 2, limit)
    end = stop.start() if stop else limit
    t = _EVENT_TIME_END.search(text, start, end)
    if t:
        end = t.end()
        # "lần thứ V, nhiệm kỳ 2023-2028": a chain of qualifiers belongs to the name.
        while (more := _MORE_TIME_END.match(text, end, limit)):
            end = more.end()
    return clean_phrase(text[start:end])


def _find_event(article: Article, sentences: SentenceIndex, lead: list[Sentence]) -> tuple[str, Sentence] | None:
    text = article.text
    candidates: list[Sentence] = []
    title = _title_span(article)
    if title:
        candidates.append(Sentence(*title))
    candidates.extend(s for s in lead if not title or s.start >= title[1])
    if not candidates:
        return None
    # 1. "X tổ chức Hội nghị …" in the title or lead; 2. the first event word there; 3. a report it discussed.
    for s in sentences.holding(_HOLD_WORD, candidates):
        for hold in _HOLD_RE.finditer(text, s.start, s.end):
            m = _EVENT_RE.match(text, hold.end()) or _HELD_LOWER_RE.match(text, hold.end())
            if m:
                return capitalise(_event_name_at(text, m.start(), s.end)), s
    for s in sentences.holding(_OPEN_WORD, candidates):  # "HĐND tỉnh khai mạc kỳ họp thứ 25": opened, not held
        for opened in _OPENED_RE.finditer(text, s.start, s.end):
            return capitalise(_event_name_at(text, opened.start(1), s.end)), s
    # (Every candidate lies between the first's start and the last's end, the title coming first.)
    if _ANY_EVENT_HEAD.search(text, candidates[0].start, candidates[-1].end) is not None:
        for s in candidates:
            m = _search_event(text, s.start, s.end)
            if m:
                name = _event_name_at(text, m.start(), s.end)
                if len(name.split()) <= 2:
                    name = _name_from_report(text, m.group()) or name
                return name, s
    # 4. "A và B đã ký kết Thỏa ước …" in the title or the lead's first sentence, with no event word: the
    # signing is the event (a signing mentioned further down is news about it, not the event reported).
    # When the title and the lead both say it, the fuller name is kept ("Ký kết thỏa ước tại KCN" over
    # "… đã ký kết Thỏa ước lao động tập thể nhóm doanh nghiệp").
    signed: tuple[str, Sentence] | None = None
    for s in candidates[: 2 if title else 1]:
        m = _SIGNED_RE.search(text, s.start, s.end)
        if m:
            stop = _SIGNED_STOP.search(text, m.end(), s.end)
            name = _event_name_at(text, m.end(), stop.start() if stop else s.end)
            if signed is None or len(name) > len(signed[0]) - len("Lễ ký kết "):
                signed = f"Lễ ký kết {name}", s
    return signed


def _search_event(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_EVENT_RE.search(text, start, end)``. A head's letters after its first are lower case or spaces,
    so no head starts inside another's match, and ``finditer`` skipping over a rejected one misses none."""
    for m in _EVENT_HEAD_RE.finditer(text, start, end):
        at = m.start()
        if at == 0 or text[at - 1].isspace() or text[at - 1] in _BEFORE_EVENT:
            return m
    return None


def _name_from_report(text: str, head: str) -> str | None:
    """A bare "Hội nghị" is named after the report it heard: "báo cáo sơ kết …" → "Hội nghị sơ kết …"."""
    m = re.search(r"báo cáo ((?:sơ kết|tổng kết)\b[^.;:]*)", text, re.IGNORECASE)
    if not m:
        return None
    rest = m.group(1)
    t = _EVENT_TIME_END.search(rest)
    cut = re.search(r"\)|\.\s|$", rest[t.end():] if t else rest)
    end = (t.end() + cut.end()) if t and cut else len(rest)
    return clean_phrase(f"{head} {rest[:end]}")


def event_facts(article, entities, ents: EntityIndex, sentences: SentenceIndex, lead) -> list[Fact]:
    text = article.text
    facts: list[Fact] = []
    event = _find_event(article, sentences, lead)
    if event:
        name, s = event
        facts.append(new_fact("event", "Sự kiện", name, text[s.start : s.end], s.start, s.end))
    date = _event_date(article, entities, ents, sentences, lead)
    if date:
        i, s = date
        e = entities[i]
        prefix = _DATE_PREFIX.search(text, max(s.start, e.start - 30), e.start)
        words = clean_phrase(text[prefix.start() if prefix else e.start : e.end])
        value = {"iso": None if e.meta.get("year_unknown") else e.value, "text": words[:1].upper() + words[1:]}
        if e.meta.get("year_inferred"):
            value["year_inferred"] = True
        facts.append(new_fact("event", "Ngày", value, text[s.start : s.end], s.start, s.end, (i,)))
    elif article.published:
        facts.append(new_fact("event", "Ngày", {"iso": article.published, "text": "", "from": "published"}, "", 0, 0))
    place = _event_place(text, ents, entities, sentences, lead)
    if place:
        facts.append(place)
    return facts


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISSUED_BEFORE = re.compile(r"(?:ban hành|ký)\s+(?:ngày\s+)?$")
_BOUND_BEFORE = re.compile(r"\bt(?:ừ|ới) ngày\s*$|\bđến ngày\s*$")
_AT_BEFORE = on_first_use(r"\btại\s+$")
_DASH = re.compile(r"\s*[-–]\s*")


def full_iso(value) -> bool:
    return isinstance(value, str) and _ISO_DAY.fullmatch(value) is not None


def _event_date(article, entities, ents: EntityIndex, sentences: SentenceIndex, lead) -> tuple[int, Sentence] | None:
    """The first full date in the lead that is not a document's date ("Nghị quyết 09/NQ ngày …")."""
    text = article.text
    docs = [(entities[i].start, entities[i].end) for i in ents.of_type("document")]
    lead_end = lead[-1].end if lead else len(text)
    yearless = None  # "Chiều 9/5" in a text that never says the year: shown as written, no ISO date
    for i in ents.of_type("date"):
        e = entities[i]
        if e.start >= lead_end:
            break
        if not full_iso(e.value):
            if yearless is None and e.meta.get("year_unknown") and not _after_bound(text, e.start):
                yearless = i, sentences.at(e.start)
            continue
        if any(0 <= e.start - d_end <= 12 for _, d_end in docs):
            continue
        if _ISSUED_BEFORE.search(text[max(0, e.start - 20) : e.start]):
            continue
        if _after_bound(text, e.start):
            continue
        return i, sentences.at(e.start)
    return yearless


def _after_bound(text: str, start: int) -> bool:
    """"từ ngày …", "đến ngày …": the bound of a period, not the day of the event."""
    return _BOUND_BEFORE.search(text[max(0, start - 12) : start]) is not None


_LIST_LINK = on_first_use(r",\s*|\s+và\s+")


def _event_place(text, ents: EntityIndex, entities, sentences: SentenceIndex, lead) -> Fact | None:
    # Both ways name a place after "tại" in its sentence: a sentence without it is passed over.
    if not lead or text.find("tại", lead[0].start, lead[-1].end) == -1:
        return None
    for s in lead:
        if text.find("tại", s.start, s.end) == -1:
            continue
        chunk = text[s.start : s.end]
        m = _PLACE_HEAD.search(chunk)  # (the search tries every offset)
        if m:
            return new_fact("event", "Địa điểm", clean_phrase(m.group(1)), chunk, s.start, s.end)
        for i in ents.within(s.start, s.end, "location"):
            e = entities[i]
            if _AT_BEFORE.search(text[max(s.start, e.start - 6) : e.start]):
                end = e.end
                more = re.match(r"(?:,\s*[^\W\d_][^,;.]{0,40}?)?(?=[,;.]|\s(?:vào|do|với)\s)", text[e.end : s.end])
                if more and more.group() and ents.starting_at(e.end + 2, "location", slack=2) is not None:
                    end = e.end + len(more.group())
                if (link := _LIST_LINK.match(text, end)) and ents.starting_at(link.end(), "location", slack=0) is not None:
                    continue  # "… công đoàn cơ sở tại Yên Phong, Quế Võ và Từ Sơn": where they are, no venue
                return new_fact("event", "Địa điểm", clean_phrase(text[e.start : end]), chunk, s.start, s.end, (i,))
    return None


# --- organiser -----------------------------------------------------------------------------------


def _joined_org(text: str, entities, ents: EntityIndex, i: int) -> tuple[int, int]:
    """An organisation with its parent after a dash: "Công đoàn Cục X - Bộ Y"."""
    start, end = entities[i].start, entities[i].end
    while True:
        m = _DASH.match(text[end : end + 4])
        nxt = ents.starting_at(end + len(m.group()), "organization") if m else None
        if nxt is None:
            return start, end
        end = entities[nxt].end


def organiser_facts(article, entities, ents: EntityIndex, sentences: SentenceIndex, lead) -> list[Fact]:
    text = article.text
    found = _organiser_in_lead(text, entities, ents, lead, sentences)
    title = _title_span(article)
    title_org = None
    if title:
        i = ents.starting_at(title[0], "organization", slack=0)
        if i is not None:
            title_org = _joined_org(text, entities, ents, i)
    if found is None and title_org is not None:
        found = title_org
    if found is not None and title_org is not None:
        inner, outer = key(text[found[0] : found[1]]), key(text[title_org[0] : title_org[1]])
        if outer.startswith(inner + " "):
            found = title_org  # the title names it in full ("Công đoàn Viên chức tỉnh X" for "… tỉnh")
    if found is None:
        found = _most_mentioned_union(text, entities, ents)
    if found is None:
        return []
    s = sentences.at(found[0])
    used = tuple(ents.within(found[0], found[1], "organization"))
    return [new_fact("organiser", "Đơn vị tổ chức", clean_phrase(text[found[0] : found[1]]), text[s.start : s.end],
                 s.start, s.end, used)]


def _organiser_in_lead(text, entities, ents: EntityIndex, lead, sentences: SentenceIndex) -> tuple[int, int] | None:
    if not lead:
        return None
    for s in sentences.holding(_HOLD_WORD, lead):
        for hold in _HOLD_RE.finditer(text, s.start, s.end):
            # "X (đã) tổ chức …": the organisation just before; "… do X (phối hợp) tổ chức": after "do".
            for i in reversed(ents.within(s.start, hold.start(), "organization")):
                gap = text[entities[i].end : hold.start()]
                if gap.lstrip().startswith(")"):  # "X (thuộc Y) tổ chức": Y only says whose X is
                    gap = gap[gap.find(")") + 1 :]
                    i = _before_parenthesis(text, ents, s.start, entities[i].start, i)
                if len(gap) <= 25 and not re.search(r"[,;.]", gap):
                    span = _joined_org(text, entities, ents, i)
                    while True:  # walk back over "Công đoàn Cục X - Bộ Y" joined from the left
                        m = re.search(r"[-–]\s*$", text[max(0, span[0] - 4) : span[0]])
                        prev = ents.ending_at(span[0] - len(m.group()) - 1, "organization", slack=1) if m else None
                        if prev is None:
                            break
                        span = (entities[prev].start, span[1])
                    return _lead_partner(text, entities, ents, s.start, span)
                break
            do = re.search(r"\bdo\s+$", text[s.start : hold.start()])
            if do is None:
                tail = text[s.start : hold.start()]
                do = re.search(r"\bdo\s+(?=[^\s])", tail)
            if do is not None:
                i = ents.starting_at(s.start + do.end(), "organization", slack=2)
                if i is not None:
                    return _joined_org(text, entities, ents, i)
    signing = [s for word in _SIGNING_WORDS for s in sentences.holding(word, lead)]
    for s in lead if signing else ():
        signed = s in signing
        between = _BETWEEN_RE.search(text, s.start, s.end) if signed and _SIGNING_RE.search(text, s.start, s.end) else None
        if between is None:
            continue
        first = ents.starting_at(between.end(), "organization", slack=2)
        if first is None:
            continue
        link = re.match(r"\s*(?:và|với)\s+", text[entities[first].end : s.end])
        second = ents.starting_at(entities[first].end + link.end(), "organization", slack=2) if link else None
        if second is not None:
            return entities[first].start, entities[second].end
    # Only a sentence with a meeting word can name a body's own meeting.
    for s in lead if any(text.find(w, lead[0].start, lead[-1].end) != -1 for w in _OWN_MEETING_WORDS) else ():
        for i in ents.within(s.start, s.end, "organization"):
            if _OWN_MEETING_RE.search(text, max(s.start, entities[i].start - 30), entities[i].start):
                return _joined_org(text, entities, ents, i)
    return None


# "A phối hợp với B tổ chức …": B only helps; A, the sentence's subject, holds the event.
_PARTNER_BEFORE = re.compile(r"\s(?:phối hợp với|phối hợp cùng|cùng với|với)\s+$", re.IGNORECASE)


def _lead_partner(text, entities, ents: EntityIndex, start: int, span: tuple[int, int]) -> tuple[int, int]:
    m = _PARTNER_BEFORE.search(text, max(start, span[0] - 24), span[0])
    if m is None:
        return span
    i = ents.ending_at(m.start(), "organization", slack=1)
    return _joined_org(text, entities, ents, i) if i is not None and entities[i].start >= start else span


def _before_parenthesis(text: str, ents: EntityIndex, start: int, inner_start: int, inner: int) -> int:
    """The organisation right before the "(" that opens at or before ``inner_start``, else ``inner``."""
    opening = text.rfind("(", start, inner_start + 1)
    if opening == -1:
        return inner
    outer = ents.ending_at(opening, "organization", slack=2)
    return inner if outer is None else outer


_UNION_HEADS = ("cong doan", "lien doan", "ban chap hanh", "ban thuong vu")


def _most_mentioned_union(text, entities, ents: EntityIndex) -> tuple[int, int] | None:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i in ents.of_type("organization"):
        k = key(entities[i].text)
        if k.startswith(_UNION_HEADS):
            counts[k] += 1
            first.setdefault(k, i)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -entities[first[k]].start))
    e = entities[first[best]]
    return e.start, e.end

