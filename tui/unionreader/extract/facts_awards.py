"""Award facts: who gave which award to whom, and the award mentions figure labels name.

An award mention is one of the award words ("Bằng khen", "Cờ thi đua", "danh hiệu …") with what
qualifies it ("Bằng khen của Tổng Liên đoàn", "hạng Nhất", "“Giỏi việc nước, đảm việc nhà”").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..patterns import on_first_use
from .facts_common import (
    EntityIndex,
    Sentence,
    SentenceIndex,
    anchors_of,
    capitalise,
    clean_phrase,
    key,
    matches_from,
)
from .models import Entity, Fact
from .records import new_fact

_AWARD_WORDS = (
    "Huân chương", "Huy chương", "Bằng khen", "Giấy khen", "Cờ thi đua", "Kỷ niệm chương", "Giấy chứng nhận",
    "Chiến sĩ thi đua", "danh hiệu", "khen thưởng",
)
_AWARD_RE = on_first_use(  # "khen thưởng" names an award only before its recipients or their number
    r"\b(?:" + "|".join(_AWARD_WORDS[:-1]) + r"|khen thưởng(?=\s+(?:cho|\d)))\b", re.IGNORECASE
)
# Every award mention starts with one of the award words, as the lower-case text (``lowered``) spells it.
_AWARD_NEEDLES = tuple(w.lower() for w in _AWARD_WORDS)
# They are looked for through the pieces they share: three reads of the text instead of eight.
_AWARD_ANCHORS = anchors_of(_AWARD_NEEDLES, ("chương", "khen", "thi đua"))
_AWARD_QUALIFIER = on_first_use(
    r"\s*(?:(?:chuyên đề|xuất sắc|hạng (?:Nhất|Nhì|Ba))\b|[“\"][^”\"]{1,120}[”\"]|Vì [^;,.]{1,80}?(?=\s*(?:[;,.]|cho\b|của\b|$)))"
)
_DANH_HIEU = on_first_use(r"\s*(?:[“\"][^”\"]{1,80}[”\"]|[^\W\d_][^,;.()“”\"]{0,60}?(?=\s*(?:[,;.()]|cho\b|của\b|năm\b|và\b|$)))")


# The patterns of the rules below, compiled once.
_GIVE_OPENS = on_first_use(r"\s*(?:tặng|trao)\b")
_OF_AFTER = on_first_use(r"(?:\s+[^\s;,]+){0,4}?\s+của\s+", re.IGNORECASE)
_PROXY = on_first_use(r"ủy quyền của\s+", re.IGNORECASE)
_PROXY_NEEDLE = "ủy quyền của"  # every match holds it, in lower case, in ``SentenceIndex.low`` (see ``lowered``)
_GIVE_WORD = on_first_use(r"\b(?:tặng|trao|khen thưởng)\b")
_TO_WORD = on_first_use(r"\b(?:cho|tặng|tới)\b")
# Every match of these patterns (opening with ``\b``, so the engine tries them at every offset) holds one of
# these words: a stretch holding none (most) is passed over with a few ``in`` looks instead of the search.
_GIVE_WORDS = ("tặng", "trao", "khen thưởng")
_TO_WORDS = ("cho", "tặng", "tới")
_RECEIVE_WORDS = ("nhận", "được ")
_RECEIVED_WORDS = ("nhận", "vinh dự")
# Between a person and the award they receive: "nhận", or the passive "được tặng", "được trao tặng", ….
_RECEIVE_WORD = on_first_use(r"\bnhận\b|\bđược (?:trao tặng|trao|tặng|khen tặng|phong tặng|truy tặng|tặng thưởng)\b")
# Givers and recipients stand within a few dozen characters of their award (the tests below read 40 to
# 120): the rules read only this far around a mention, so a line of many awards is not read once per award.
_NEAR = 400
_MENTION_REACH = 2000  # longer than any award mention plus the 150 characters a count may stand after it
_PASSIVE_GAP = 12  # "X được <giver>": at most "  được  " between them
_DUOC = on_first_use(r"\s*được\s*")
_RECEIVED = on_first_use(r"\bđược (?:\w+ )?nhận\b|\bvinh dự\b")


def nearest_award(text: str, sentences: SentenceIndex, start: int, end: int) -> str | None:
    """The first award mention in ``[start, end)``, else the last in the 200 characters before ``start``."""
    m = nearest_award_match(text, sentences, start, end)
    return award_name(text, m) if m else None


def nearest_award_match(text: str, sentences: SentenceIndex, start: int, end: int) -> re.Match[str] | None:
    """The mention ``nearest_award`` names.

    A mention starts with an award word, so the pattern is only tried where one starts (found once in the
    whole text: a line may hold thousands of figures that ask), as ``search`` and ``finditer`` would."""
    starts = sentences.starts_of(_AWARD_NEEDLES, _AWARD_ANCHORS)
    k = j = bisect_left(starts, start)
    m = None
    while m is None and j < len(starts) and starts[j] < end:
        m = _AWARD_RE.match(text, starts[j], end)
        j += 1
    if m is None:
        lo = max(0, start - 200)
        before = matches_from(_AWARD_RE, text, starts[bisect_left(starts, lo) : k], start)
        m = before[-1] if before else None
    return m


def award_issuer(text: str, ents: EntityIndex, m: re.Match[str], right: int) -> str | None:
    """Who gives the award a mention names, when the text says so right after it ("Bằng khen của Tổng
    LĐLĐ Việt Nam"): the organisation after "của", as written."""
    giver = _giver_after(ents, m, _OF_AFTER.match(text, m.end(), right))
    return _giver_text(text, ents, giver) if giver is not None else None


def _giver_after(ents: EntityIndex, m: re.Match[str], of: re.Match[str] | None) -> int | None:
    """The organisation after "của" (``of``) that gives the award, also behind its head's title ("Bằng
    khen của Chủ tịch UBND tỉnh")."""
    if of is None:
        return None
    giver = ents.starting_at(of.end(), "organization", slack=1)
    if giver is None:
        title = ents.starting_at(of.end(), "role", slack=1)
        giver = ents.starting_at(ents.entities[title].end, "organization", slack=1) if title is not None else None
    return giver


def award_name(text: str, m: re.Match[str]) -> str:
    """The award a mention names, with its qualifier: "Bằng khen" → "Bằng khen hạng Nhất"."""
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


# --- award facts -----------------------------------------------------------------------------


def award_facts(
    text: str, entities: Sequence[Entity], sentences: SentenceIndex, ents: EntityIndex | None = None
) -> list[Fact]:
    ents = ents if ents is not None else EntityIndex(entities)
    mentioned = _award_mentions(text, sentences)
    if not mentioned:
        return []
    role_ends = {entities[i].end for i in ents.of_type("role")}
    affiliations = {
        i for i in ents.of_type("organization") if entities[i].start in role_ends or entities[i].start - 1 in role_ends
    }
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for sent, found in mentioned:
        mentions = [m for m in found if not _named_by_danh_hieu(text, m)]
        if not mentions:
            continue
        counts = _award_counts(entities, ents, sentences, sent, mentions)
        last_giver = None
        for k, m in enumerate(mentions):
            left, right = sentences.clause(sent, m.start())
            name = award_name(text, m)
            value: dict = {"award": name, "type": capitalise(m.group().lower())}
            used: list[int] = []
            giver = _award_giver(text, sentences.low, ents, left, right, m, affiliations)
            if giver is None and _GIVE_OPENS.match(text[left : m.start()]):
                giver = last_giver  # "X tặng Cờ thi đua cho …; tặng Bằng khen cho …"
            if giver is not None:
                value["from"] = _giver_text(text, ents, giver)
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
                # (Every match holds "cho": a clause without it is not searched offset by offset.)
                target = _AWARD_FOR.search(text, m.end(), right) if text.find("cho", m.end(), right) != -1 else None
                if target and target.start() - m.end() < 80:
                    value["for"] = clean_phrase(target.group(1))
            ident = tuple(sorted((f, str(v)) for f, v in value.items()))
            if ident in seen:
                continue
            seen.add(ident)
            facts.append(new_fact("awards", capitalise(name), value, sentences.span_text(sent), sent.start, sent.end,
                              tuple(sorted(set(used)))))
    return _drop_vaguer_awards(facts)


def _award_mentions(text: str, sentences: SentenceIndex) -> list[tuple[Sentence, list[re.Match[str]]]]:
    """Each sentence with award mentions, in order, with what ``_AWARD_RE.finditer`` finds in it.

    A mention starts with an award word, so the pattern is only tried where one starts (``str.find`` on
    the lower-case text finds every start), from left to right, each start after the previous mention:
    what ``finditer`` does sentence by sentence, without trying every other offset of the text."""
    out: list[tuple[Sentence, list[re.Match[str]]]] = []
    end = 0
    for at in sentences.starts_of(_AWARD_NEEDLES, _AWARD_ANCHORS):
        if at < end:
            continue  # inside the mention before
        sent = sentences.at(at)
        if not sent.start <= at < sent.end:
            continue
        m = _AWARD_RE.match(text, at, sent.end)
        if m is None:
            continue
        if out and out[-1][0] is sent:
            out[-1][1].append(m)
        else:
            out.append((sent, [m]))
        end = m.end()
    return out


_AWARD_FOR = on_first_use(r"\bcho\s+((?:các|những)\s[^;.]{3,100}?)(?=\s*[;.]|\s+(?:vì|đã|nhằm)\s|$)")


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


def _award_counts(entities, ents: EntityIndex, sentences: SentenceIndex, sent, mentions) -> dict[int, dict[str, tuple[int, int]]]:
    """Give each count of collectives or individuals to the nearest award mention of its clause."""
    out: dict[int, dict[str, tuple[int, int]]] = {}
    # Only mentions near a count can be its nearest within 150 characters: those are found by bisection,
    # so a line of many awards and counts is not read once per count (the mentions' order is kept).
    mention_starts = [m.start() for m in mentions]
    for i in ents.within(sent.start, sent.end, "count"):
        e = entities[i]
        kind = _count_kind(e)
        number = e.value.get("number") if isinstance(e.value, dict) else None
        if kind is None or number is None:
            continue
        left, right = sentences.clause(sent, e.start)
        best, best_distance = None, None
        near = range(bisect_left(mention_starts, e.start - _MENTION_REACH), bisect_left(mention_starts, e.end + 150))
        for k in near:
            m = mentions[k]
            if not left <= m.start() < right:
                continue
            distance = e.start - m.end() if m.end() <= e.start else m.start() - e.end
            if best_distance is None or distance < best_distance:
                best, best_distance = k, distance
        if best is not None and best_distance is not None and best_distance < 150:
            out.setdefault(best, {}).setdefault(kind, (number, i))
    return out


def _giver_text(text: str, ents: EntityIndex, giver: int) -> str:
    """The giver as written, with the title of its head when the award is theirs ("Chủ tịch UBND tỉnh")."""
    org = ents.entities[giver]
    title = ents.ending_at(org.start - 1, "role", slack=1)
    start = ents.entities[title].start if title is not None and text[ents.entities[title].end : org.start].isspace() else org.start
    start = start if text[max(0, start - 4) : start].rstrip().endswith("của") else org.start
    return clean_phrase(text[start : org.end])


def _award_giver(
    text, low: str, ents: EntityIndex, left, right, m: re.Match[str], affiliations: set[int]
) -> int | None:
    """"Bằng khen của Tổng Liên đoàn…", "… được Ủy ban X tặng Bằng khen", "X tặng Cờ thi đua", "được sự
    ủy quyền của X, đồng chí … trao". An organisation right after a role is the giver's affiliation."""
    entities = ents.entities
    giver = _giver_after(ents, m, _OF_AFTER.match(text, m.end(), right))
    if giver is not None:
        return giver
    near = max(left, m.start() - _NEAR)
    # (The search tries every offset of up to 400 characters; the lower-case text tells first whether it can match.)
    proxy = _PROXY.search(text[near : m.start()]) if low.find(_PROXY_NEEDLE, near, m.start()) != -1 else None
    if proxy:
        giver = ents.starting_at(near + proxy.end(), "organization", slack=1)
        if giver is not None:
            return giver
    for i in reversed(ents.within(near, m.start(), "organization")):
        if i in affiliations:
            continue
        between = text[entities[i].end : m.start()].lower()
        if not between.strip() or (
            len(between) < 60 and _holds_search(_GIVE_WORDS, _GIVE_WORD, between)
        ):
            return i
    return None


def _holds_search(words: tuple[str, ...], pattern: re.Pattern[str], between: str) -> re.Match[str] | None:
    """``pattern.search(between)``, passed over when ``between`` holds none of the ``words`` every match holds."""
    for word in words:
        if word in between:
            return pattern.search(between)
    return None


def _award_recipients(text, ents: EntityIndex, left, right, m: re.Match[str], giver) -> tuple[list[str], list[int]]:
    """People (or a collective) named as receiving the award in its clause."""
    entities = ents.entities
    names: list[str] = []
    used: list[int] = []
    for i in ents.within(max(left, m.start() - _NEAR), min(right, m.end() + _NEAR), "person"):
        e = entities[i]
        if e.start > m.end():
            linked = e.start - m.end() < 80 and _holds_search(_TO_WORDS, _TO_WORD, text[m.end() : e.start].lower())
        else:
            linked = m.start() - e.end < 120 and _holds_search(
                _RECEIVE_WORDS, _RECEIVE_WORD, text[e.end : m.start()].lower()
            )
        if linked:
            names.append(clean_phrase(e.value if isinstance(e.value, str) else e.text))
            used.append(i)
    if not names:
        for i in ents.within(max(left, m.start() - _NEAR), m.start(), "organization"):
            if i == giver:
                continue
            # (Both tests read only the few characters after the organisation: read to the award from each
            # organisation of a long line, they made a line of many awards cubic.)
            end = entities[i].end
            passive = giver is not None and 0 < entities[giver].start - end <= _PASSIVE_GAP and _DUOC.fullmatch(
                text[end : entities[giver].start]
            )  # "X được <giver> tặng Bằng khen"
            if passive or (m.start() - end < 40 and _holds_search(_RECEIVED_WORDS, _RECEIVED, text[end : m.start()].lower())):
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
