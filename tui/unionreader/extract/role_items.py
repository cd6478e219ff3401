"""Roles with their bodies: a role entity extended by the organisation after it ("Chủ tịch" + "Công đoàn X"),
by a run of capitalised words that names one ("Phó Viện trưởng TAND tối cao"), by a union named by its level
("Chủ tịch Công đoàn công ty") or by the one body of a kind the article names ("Giám đốc công ty", see
``role_bodies``). ``facts_people`` gives each item to the person it stands beside.
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from ..patterns import on_first_use
from .facts_common import EntityIndex, clean_phrase
from .role_bodies import generic_body, named_body

_BEFORE_GAP = re.compile(r"\s+")


class RoleItem(NamedTuple):
    start: int
    end: int
    entities: tuple[int, ...]
    shown: str = ""  # the role as the fact gives it, when not as written ("Giám đốc công ty" named)


# ``RoleItem(*fields)`` of all four fields, the tuple made in C: without the NamedTuple's ``__new__``, a Python
# frame per role.
_role_item = partial(tuple.__new__, RoleItem)


_ROLE_QUALIFIER = re.compile(r"\s(?:phụ trách|thường trực|kiêm|chuyên trách)\b")
_ROLE_TAIL_WORDS = ("tối cao", "trung ương", "Việt Nam", "tỉnh", "thành phố", "huyện", "quận", "ủy", "uỷ")
# A lower-case body name that may open the tail when a capitalised name follows ("… công đoàn Bộ Y").
_ROLE_TAIL_OPENERS = ("công đoàn", "đảng ủy", "đảng uỷ", "chi bộ")
_TAIL_PREFIXES = tuple(" " + t for t in _ROLE_TAIL_WORDS)
_OPENER_PREFIXES = tuple(" " + t for t in _ROLE_TAIL_OPENERS)
_ROLE_END = on_first_use(r"\s*(?:[,;:.()|–—]|-\s|$)|\s+(?:và|cùng|cũng|đã|đang|sẽ|chủ trì|phát biểu|trao|trình bày|tham dự|dự|nhận|được|tiếp thu|đề nghị|yêu cầu|nhấn mạnh)\b", re.MULTILINE)
_WORD = re.compile(r" ([^\s,;:.()“”\"|–—-]+)")


def _capitalised_tail(text: str, pos: int, stops: set[int], orgs: dict[int, int]) -> int:
    """End of a run of capitalised words after a role with no organisation entity ("Phó Viện trưởng TAND
    tối cao"): capitalised words, plus "và" between two of them and the usual lower-case qualifiers."""
    end = pos
    while True:
        m = _WORD.match(text, end)
        if m is None or m.start(1) in stops:
            return end
        word = m.group(1)
        if m.start(1) in orgs:
            end = orgs[m.start(1)]
            continue
        if word[0].isupper():
            end = m.end()
            continue
        # (``startswith`` with all the words at once says whether to look for which one)
        tail = text.startswith(_TAIL_PREFIXES, end) and next(t for t in _ROLE_TAIL_WORDS if text.startswith(" " + t, end))
        if tail and end > pos:
            end += 1 + len(tail)
            continue
        opener = text.startswith(_OPENER_PREFIXES, end) and next(
            t for t in _ROLE_TAIL_OPENERS if text.startswith(" " + t, end)
        )
        if opener and (nxt := _WORD.match(text, end + 1 + len(opener))) and nxt.group(1)[0].isupper():
            end += 1 + len(opener)
            continue
        if word == "và" and end > pos and (nxt := _WORD.match(text, m.end())) and nxt.group(1)[0].isupper():
            end = m.end()
            continue
        return end


# A union named by its level only ("Công đoàn ngành", "Công đoàn công ty"): no organisation by itself, but
# part of the role it ends, before a clause break or a lower-case word, which is lost without it.
_BARE_UNION = re.compile(
    r" Công đoàn(?: cơ sở)?(?: (?:ngành|công ty|cơ quan|trường|bệnh viện|xí nghiệp|phân xưởng|bộ phận|khối|"
    r"cấp trên(?: cơ sở)?))?(?=\s*(?:[,;.:)\n]|$)| [^\W\d_])"
)


def role_items(text: str, ents: EntityIndex) -> list[RoleItem]:
    """Role entities, each extended by the organisation right after it ("Chủ tịch" + "Công đoàn X")."""
    items: list[RoleItem] = []
    if not ents.of_type("role"):
        return items
    orgs = {ents.entities[i].start: i for i in ents.of_type("organization")}
    people = {ents.entities[i].start for i in ents.of_type("person")}
    org_ends = {ents.entities[i].start: ents.entities[i].end for i in ents.of_type("organization")}
    for i in ents.of_type("role"):
        role = ents.entities[i]
        end, used = role.end, [i]
        q = _ROLE_QUALIFIER.match(text, end)
        after = q.end() if q else end
        gap_end = after + 1 if text[after : after + 1] == " " else after
        org = orgs.get(gap_end)
        if org is not None:
            end = ents.entities[org].end
            used.append(org)
        elif (bare := _BARE_UNION.match(text, after)) and not text[bare.end() + 1 : bare.end() + 2].isupper():
            end = bare.end()  # "Chủ tịch Công đoàn công ty;", "… Công đoàn ngành chủ trì": the body meant
        else:
            tail = _capitalised_tail(text, after, people, org_ends)
            # A run that stops before a lower-case word is probably a name cut short ("Công" of "Công
            # ty …"): keep the bare title rather than a broken body.
            gap = _BEFORE_GAP.match(text, tail)
            if tail > after and (_ROLE_END.match(text, tail) or (gap is not None and gap.end() in people)):
                end = tail
            elif kind := generic_body(text, after):  # "Giám đốc công ty": the company the article names
                body = named_body(kind.group(1), (ents.entities[j].text for j in orgs.values()))
                shown = f"{clean_phrase(text[role.start : after])} {body}" if body else ""
                items.append(_role_item((role.start, kind.end(), tuple(used), shown)))
                continue
        if end == role.end and q and _ROLE_END.match(text, after):
            end = after  # "Phó Chủ tịch thường trực;": the qualifier is the role's own
        items.append(_role_item((role.start, end, tuple(used), "")))
    # Two role entities may overlap the same organisation; keep the longest per start.
    items.sort(key=lambda it: (it.start, -it.end))
    out: list[RoleItem] = []
    for it in items:
        if out and it.start < out[-1].end:
            continue
        out.append(it)
    return out
