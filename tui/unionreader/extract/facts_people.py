"""People facts: each person once, with every role the article gives them and what they did.

Vietnamese news puts roles on either side of a name: "đồng chí Nguyễn Văn A, Chủ tịch Công đoàn X,
Phó Giám đốc Y" or "Chủ tịch Công đoàn X Nguyễn Văn A". A role is most useful with its body, so a
role entity directly followed by an organisation entity is read as one role ("Chủ tịch" + "Công đoàn
X" → "Chủ tịch Công đoàn X").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..articles import Article
from ..patterns import on_first_use
from . import lexicons as lex
from .facts_common import EntityIndex, SentenceIndex, anchors_of, clean_phrase, key, matches_from
from .models import Entity, Fact
from .person_titles import title_before
from .records import new_fact
from .role_items import RoleItem, role_items
from .tones import canonical_tones

# (action, pattern, who, needles, back): "before" = the subject named before the verb, else the first named
# after it; "after" = every person listed after the verb ("Tham dự có các đồng chí A, B, C"). Every match
# holds one of the needles (in lower case), starting there or ``back`` characters before ("tham dự"), so
# the pattern is only tried at those offsets (``facts_common.matches_from``): most sentences hold none,
# and the look-behinds that open the patterns leave the regular expression engine nothing to skip to.
_ACTIONS: tuple[tuple[str, re.Pattern[str], str, tuple[str, ...], tuple[int, ...]], ...] = tuple(
    (name, on_first_use(pattern, re.IGNORECASE), who, needles, back)
    for name, pattern, who, needles, back in (
        ("tham dự", r"(?:\b(?:tham|tới|về|đến)\s)?(?<!vinh )(?<!dự )\bdự\b(?!\s(?:thảo|án|kiến|báo|toán|thi|bị|phòng|trữ|định|tính))",
         "list", ("dự",), (0, len("về "), len("tới "), len("tham "))),
        ("chủ trì", r"\bchủ trì\b", "subject", ("chủ trì",), (0,)),
        ("phát biểu", r"\bphát biểu\b", "subject", ("phát biểu",), (0,)),
        ("trình bày báo cáo", r"\btrình bày\b|\bbáo cáo tại\b", "subject", ("trình bày", "báo cáo tại"), (0,)),
        ("được bầu", r"\bđược bầu\b|\btrúng cử\b|\btái đắc cử\b|\bđắc cử\b|\bđược tín nhiệm\b", "subject",
         ("được bầu", "trúng cử", "tái đắc cử", "đắc cử", "được tín nhiệm"), (0,)),
        ("được bầu", r"\bbầu(?: ra)?\b(?=.*\bgồm\b)|\bbầu(?= (?:đồng chí|đ/c|ông|bà|anh|chị) )", "list", ("bầu",), (0,)),
        # "nhận" receives; in "nhận định", "nhận thấy", "nhận xét", "nhận lời" … it is another verb, and
        # "đảm nhận", "cảm nhận" take on a part or feel: nothing is received.
        ("nhận", r"(?<!ghi )(?<!nhìn )(?<!tiếp )(?<!xác )(?<!thừa )(?<!công )(?<!đón )(?<!đảm )(?<!cảm )(?<!thu )\bnhận\b"
         r"(?!\s(?:định|thấy|xét|thức|diện|biết|ra\b|dạng|lời|lỗi|thầu|xử))|\bđược trao\b", "subject",
         ("nhận", "được trao"), (0,)),
        ("trao", r"(?<!được )\btrao\b(?!\s(?:đổi|quyền))", "subject", ("trao",), (0,)),
    )
)
# The pieces the needles are found through (``facts_common.anchors_of``): nine ``str.find`` per sentence. A
# regular expression of all the needles cost as much as ten to reach the first needle: the letters that
# open the needles open most words, and the engine tries a match at each.
_ACTION_PIECES = ("trì", "bầu", "cử", "trao", "tín nhiệm")


def _action_anchors() -> tuple[tuple[str, tuple[tuple[str, int, int, tuple[int, ...] | None, bool], ...]], ...]:
    """``anchors_of`` the needles, each with its action's index, its ``back`` (None for ``(0,)``) and whether
    it is its piece (found, then, with nothing to check)."""
    action_of = {needle: k for k, action in enumerate(_ACTIONS) for needle in action[3]}
    return tuple(
        (piece, tuple(
            (needle, offset, action_of[needle], None if _ACTIONS[action_of[needle]][4] == (0,)
             else _ACTIONS[action_of[needle]][4], needle == piece)
            for needle, offset in group
        ))
        for piece, group in anchors_of(list(action_of), _ACTION_PIECES)
    )


_ACTION_ANCHORS = _action_anchors()


def _sentence_action_starts(low: str, lo: int, hi: int) -> dict[int, list[int]]:
    """For each action (its index in ``_ACTIONS``) with a needle in the sentence ``low[lo:hi]``:
    ``needle_starts(low, needles, back, lo, hi)`` as offsets from ``lo`` (into the sentence's text), its
    needles found through their pieces (``anchored_starts`` within the sentence)."""
    found: dict[int, list[int]] = {}
    find, startswith = low.find, low.startswith
    for piece, group in _ACTION_ANCHORS:
        at = find(piece, lo, hi)
        while at != -1:
            for needle, offset, k, back, whole in group:
                start = at - offset
                if whole or (start >= lo and startswith(needle, start, hi)):
                    starts = found.get(k)
                    if starts is None:
                        starts = found[k] = []
                    into = start - lo
                    if back is None:
                        starts.append(into)
                    else:  # (a loop: a generator costs more than the few offsets it makes)
                        for d in back:
                            if d <= into:
                                starts.append(into - d)
            at = find(piece, at + 1, hi)
    for k, starts in found.items():
        if len(starts) > 1:  # (one piece's needles come in order, several pieces' not)
            found[k] = sorted(set(starts))
    return found


# Separators allowed between a name and its roles, and between two roles of one person.
_AFTER_SEP = re.compile(
    r"\s*(?:[,:–—-]\s*|(?:(?:tiếp tục )?được tín nhiệm (?:bầu )?(?:giữ chức(?: vụ)?|làm)|giữ chức(?: vụ)?"
    r"|đảm nhiệm(?: chức(?: vụ)?)?|(?:tiếp tục )?được bầu(?: làm| giữ chức)?|làm"
    r"|(?:tái )?đắc cử(?: chức(?: vụ)?)?|trúng cử)\s+|\((?:SN|sinh năm|\d{1,3} tuổi)(?: \d{4})?,\s*)?"
    r"(?P<former>(?:nguyên|cựu) )?"  # "…, nguyên Chủ tịch LĐLĐ tỉnh": a former role, kept as one
)
# ("bầu bà A giữ chức Chủ tịch …; ông B làm Phó Chủ tịch", "bà C tái đắc cử Chủ tịch", "ông D tiếp tục được tín
# nhiệm giữ chức Chủ tịch": the role the verb gives is hers, his; "Đỗ Quang Vinh (SN 1982, Giám đốc Công ty X)":
# court and accident news give it after the age.)
_BEFORE_GAP = re.compile(r"\s+")
_VERB_GIVES_ROLE = re.compile(r"\s*[^\W\d_]")  # (a separator opening with a letter is a verb: "được bầu làm")
_JOINED = on_first_use(r"\s*,\s*|\s+và\s+|\s*,\s*và\s+")  # (names joined into one list)
_LIST_SEP = on_first_use(r"\s*,\s*")


@dataclass(slots=True)
class _Person:
    name: str
    mentions: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_entities: list[int] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    anchor: int | None = None  # offset of the mention whose sentence best introduces the person



# A name recurs in an article and across the archive: its canonical spelling is worked out once.
_canonical_name = lru_cache(maxsize=8192)(canonical_tones)


def person_name(entity: Entity) -> str:
    return _canonical_name(_written_name(entity))


def _written_name(entity: Entity) -> str:
    return entity.value if isinstance(entity.value, str) and entity.value else entity.text


@lru_cache(maxsize=8192)
def _merge_key(name: str) -> str:
    return canonical_tones(name).casefold()


@lru_cache(maxsize=8192)
def _name_and_key(written: str) -> tuple[str, str]:
    """``person_name`` of a name written so, and its ``_merge_key``. A name written canonically already (most)
    is its own canonical spelling, so its key needs no second ``canonical_tones``: the same call on the same
    string."""
    name = canonical_tones(written)
    return name, (name.casefold() if name == written else _merge_key(name))


def _new_person(people: dict[str, _Person], k: str, name: str) -> _Person:
    """``people.setdefault(k, _Person(name))``, without making a person for every mention of a known one."""
    p = people.get(k)
    if p is None:
        p = people[k] = _Person(name)
    return p


def collect_people(
    article: Article, entities: Sequence[Entity], sentences: SentenceIndex, ents: EntityIndex | None = None
) -> list[_Person]:
    text = article.text
    ents = ents if ents is not None else EntityIndex(entities)
    mentions = ents.of_type("person")
    if not mentions:
        return []  # (roles and actions are only looked for around a person)
    people: dict[str, _Person] = {}
    owner: dict[int, _Person] = {}
    for i in mentions:  # full names first, so short forms can find them
        name, k = _name_and_key(_written_name(entities[i]))
        if len(name.split()) >= 2 or not people:
            p = _new_person(people, k, name)
            p.mentions.append(i)
            owner[i] = p
    for i in mentions:
        if i in owner:
            continue
        name, k = _name_and_key(_written_name(entities[i]))
        matches = [p for pk, p in people.items() if pk == k or pk.endswith(" " + k)]
        p = matches[0] if len(matches) == 1 else _new_person(people, k, name)
        p.mentions.append(i)
        owner[i] = p

    items = role_items(text, ents)
    if items:  # (without a role entity no person gets a role)
        _attach_roles(text, entities, ents, mentions, owner, items)

    _assign_actions(text, entities, ents, mentions, owner, sentences)
    ordered = sorted(people.values(), key=lambda p: entities[p.mentions[0]].start)
    for p in ordered:
        if p.roles:  # (none stay none)
            p.roles = _canonical_roles(p.roles)
        title = next(filter(None, (title_before(text, entities[i].start) for i in p.mentions)), None)
        if title and _role_key(title) not in map(_role_key, p.roles):  # "Đại tá", "PGS.TS", "HLV": first
            p.roles.insert(0, title)
    return ordered


def _attach_roles(text: str, entities, ents: EntityIndex, mentions: list[int], owner: dict, items: list[RoleItem]) -> None:
    """Each role item to the person it stands after or before ("A, Chủ tịch X" / "Chủ tịch X A")."""
    by_start = {it.start: it for it in items}
    by_end = {it.end: it for it in items}
    person_starts = {entities[i].start for i in mentions}
    consumed: set[int] = set()

    def add_role(p: _Person, item: RoleItem, mention: int, former: str = "") -> None:
        consumed.add(item.start)
        p.roles.append(former + (item.shown or clean_phrase(text[item.start : item.end])))
        p.role_entities.extend(item.entities)
        if p.anchor is None:
            p.anchor = entities[mention].start

    # (Mentions in the order of their starts: so the indices are, when the entities are.)
    in_order = mentions if ents.in_order else sorted(mentions, key=lambda j: entities[j].start)
    for n, i in enumerate(in_order):  # roles after the name
        pos = entities[i].end
        while True:
            m = _AFTER_SEP.match(text, pos)
            item = by_start.get(m.end()) if m else None
            if item is None or "\n" in text[pos : m.end()]:
                break
            follow = _BEFORE_GAP.match(text, item.end)
            if follow and follow.end() in person_starts:
                break  # "…, Chủ tịch X Nguyễn Văn B": the role introduces the next name
            add_role(owner[i], item, i, m.group("former") or "")
            if pos == entities[i].end and n and _VERB_GIVES_ROLE.match(m.group()):
                # "A và B được bầu làm Phó Chủ tịch", "các đồng chí A, B, C được bầu …": the role is all theirs
                k, nxt = n - 1, i
                while k >= 0 and _JOINED.fullmatch(text, entities[in_order[k]].end, entities[nxt].start):
                    if owner[in_order[k]] is not owner[i]:
                        add_role(owner[in_order[k]], item, in_order[k])
                    k, nxt = k - 1, in_order[k]
            pos = item.end
    for i in in_order:  # roles before the name
        chain: list[RoleItem] = []
        pos = entities[i].start
        gap_re = _BEFORE_GAP
        while True:
            found = None
            for end in range(pos, max(-1, pos - 4), -1):
                item = by_end.get(end)
                if item is not None and item.start not in consumed and gap_re.fullmatch(text, end, pos):
                    found = item
                    break
            if found is None:
                break
            chain.append(found)
            pos, gap_re = found.start, _LIST_SEP
        for item in reversed(chain):
            add_role(owner[i], item, i)


_ABBREVIATION_WORD = re.compile(r"\w+")


def _expanded(role: str) -> str:
    """The role with its abbreviations written out: "Phó Chủ tịch LĐLĐ tỉnh" → "… Liên đoàn Lao động tỉnh"."""
    if not any(w.isupper() and len(w) > 1 for w in role.split()):
        return role
    return _ABBREVIATION_WORD.sub(lambda m: lex.ABBREVIATIONS.get(m.group(), m.group()) if m.group().isupper() else m.group(), role)


@lru_cache(maxsize=8192)
def _role_key(role: str) -> str:
    """The comparison key of a role written out (roles recur: "Chủ tịch Công đoàn tỉnh")."""
    return key(_expanded(role))


def _canonical_roles(roles: list[str]) -> list[str]:
    """Deduplicate (a role and its abbreviated form are one: the written-out one is kept); drop a role that
    only shortens another ("Chủ tịch Công đoàn" when the full one is given)."""
    if len(roles) == 1:  # (what the rules below make of one role)
        return roles[:] if _role_key(roles[0]) else []
    keys = [_role_key(r) for r in roles]
    fullest: dict[str, str] = {}
    for r, k in zip(roles, keys, strict=True):
        if k and (k not in fullest or len(r) > len(fullest[k])):
            fullest[k] = r
    out: list[str] = []
    seen: set[str] = set()
    for k in keys:
        if not k or k in seen:
            continue
        if any(other != k and other.startswith(k + " ") for other in keys):
            continue
        seen.add(k)
        out.append(fullest[k])
    return out


def _assign_actions(text, entities, ents: EntityIndex, mentions, owner, sentences: SentenceIndex) -> None:
    spans: list[tuple[int, int]] = []
    span_starts: list[int] | None = None  # made when an action is first found: most articles have none

    def inside_name(at: int) -> bool:  # "Ban Tổ chức", "Ban Chủ trì" are names, not actions
        nonlocal span_starts
        if span_starts is None:
            spans.extend(sorted((entities[i].start, entities[i].end) for i in ents.of_type("role", "organization")))
            span_starts = [st for st, _ in spans]
        k = bisect_right(span_starts, at) - 1
        return k >= 0 and any(st <= at < en for st, en in spans[max(0, k - 3) : k + 1])

    low = sentences.low
    by_sentence: dict[int, list[int]] = {}
    for i in mentions:
        by_sentence.setdefault(sentences.position(entities[i].start), []).append(i)
    for pos, in_sentence in by_sentence.items():
        sent = sentences.sentences[pos]
        found = _sentence_action_starts(low, sent.start, sent.end)
        if not found:
            continue  # no action can match in it: every match holds a needle
        if not ents.in_order:  # (else they are in order already)
            in_sentence.sort(key=lambda j: entities[j].start)
        chunk = text[sent.start : sent.end]
        for k in sorted(found):  # (the actions with a needle, in their order; the others cannot match)
            action, pattern, who, _, _ = _ACTIONS[k]
            for m in matches_from(pattern, chunk, found[k]):
                at = sent.start + m.start()
                if inside_name(at) or _inside_any(entities, in_sentence, at):
                    continue
                if who == "subject":  # the doer is named in the same clause
                    left = max(text.rfind(";", sent.start, at), sent.start)
                    right = text.find(";", at, sent.end)
                    right = sent.end if right < 0 else right
                    candidates = [j for j in in_sentence if left <= entities[j].start < right]
                else:
                    candidates = in_sentence
                for j in _doers(text, entities, candidates, at, who):
                    if action not in owner[j].actions:
                        owner[j].actions.append(action)


def _inside_any(entities, indices: list[int], at: int) -> bool:
    for j in indices:
        e = entities[j]
        if e.start <= at < e.end:
            return True
    return False


def _doers(text, entities, in_sentence: list[int], at: int, who: str) -> list[int]:
    before = [j for j in in_sentence if entities[j].end <= at]
    after = [j for j in in_sentence if entities[j].start > at]
    if who == "list":
        return after or before[-1:]
    if not before:
        return after[:1]
    doers = [before[-1]]
    for j in reversed(before[:-1]):  # "A và B trao …", "A, B được bầu …": both did it
        between = text[entities[j].end : entities[doers[-1]].start]
        if (" và " not in between or ";" in between or "." in between) and not _JOINED.fullmatch(between):
            break
        doers.append(j)
    return doers


def people_facts(
    article: Article, entities: Sequence[Entity], sentences: SentenceIndex, ents: EntityIndex | None = None
) -> list[Fact]:
    facts: list[Fact] = []
    for p in collect_people(article, entities, sentences, ents):
        anchor = p.anchor if p.anchor is not None else entities[p.mentions[0]].start
        sent = sentences.at(anchor)
        facts.append(
            new_fact(
                "people",
                p.name,
                {"name": p.name, "roles": p.roles, "actions": p.actions},
                sentences.span_text(sent),
                sent.start,
                sent.end,
                tuple(sorted(set(p.mentions) | set(p.role_entities))),
            )
        )
    return facts
