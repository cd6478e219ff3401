"""People and roles for ``names.py``: where a phrase starts, how far a role's title runs, person names.

Everything here reads a ``Doc`` (see ``name_rules``) by word index and is pure: the same text and index
give the same answer, so the answers of ``starts_phrase`` are kept per text in ``Doc.memo``.
"""

from __future__ import annotations

from . import lexicons as lex
from .name_rules import Doc
from .phrases import (
    COMMITTEE_AFTER_BAN,
    COMMITTEE_TITLE_KEYS,
    COMMITTEES,
    FUSED_BAN_TITLE_KEYS,
    LOCATION_PREFIXES,
    MINISTER_TITLE_KEYS,
    MINISTRY_SECTORS,
    ORG_ABBR_HEADS,
    ORG_HEADS,
    PERSON_CUES,
    ROLE_TITLES,
    SURNAMES,
)
from .word_facts import (
    WORD_FACTS,
    WORD_IS_NAME,
    WordTable,
)

WEAK_SURNAMES = frozenset(w.lower() for w in lex.WEAK_SURNAMES)
STRONG_SURNAMES = SURNAMES - WEAK_SURNAMES
MIDDLES = frozenset(w.lower() for w in lex.PERSON_MIDDLES)
HO_CHI_MINH = ("hồ", "chí", "minh")
CAN_CHI_STEMS = frozenset(w.lower() for w in lex.CAN_CHI_STEMS)
CAN_CHI_BRANCHES = frozenset(w.lower() for w in lex.CAN_CHI_BRANCHES)


_QUOTE_MARKS = ('"', "“")


def is_can_chi(doc: Doc, i: int) -> bool:
    """Words ``i``, ``i+1`` name a year of the sexagenary cycle ("Giáp Thìn", "Đinh Dậu")."""
    keys = doc.keys
    return i + 1 < len(keys) and keys[i] in CAN_CHI_STEMS and keys[i + 1] in CAN_CHI_BRANCHES


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """Word ``j`` is a hyphen joining two letter words without spaces: "Seung-woo", "Jae-in"."""
    words, starts = doc.words, doc.starts
    return (0 < j < len(words) - 1 and words[j] == "-" and doc.end(j - 1) == starts[j] and starts[j] + 1 == starts[j + 1]
            and doc.kinds[j + 1] == Doc.WORD)
_PHRASE_FIRST_KEYS = (frozenset(ROLE_TITLES.first) | frozenset(ORG_HEADS.first) | frozenset(PERSON_CUES.first)
                      | frozenset(LOCATION_PREFIXES.first))
_STANDING = ("thường", "trực")


def _may_start(word: str) -> bool:
    """Whether a phrase can start at this word at all (the words after it decide whether one does)."""
    key, _, _, upper, _ = WORD_FACTS[word]
    return key in _PHRASE_FIRST_KEYS or (upper and word in ORG_ABBR_HEADS)


_MAY_START = WordTable(_may_start)


def starts_phrase(doc: Doc, j: int) -> bool:
    """Whether word ``j`` opens a role, an organisation, a person cue or a level word + name."""
    if not _MAY_START[doc.words[j]]:
        return False
    memo = doc.memo
    found = memo.get(j)
    if found is None:
        memo[j] = found = _opens_phrase(doc, j)
    return found


def _opens_phrase(doc: Doc, j: int) -> bool:
    keys = doc.keys
    k = keys[j]
    if k in ROLE_TITLES.first and role_end(doc, j) is not None:
        return True
    if k in ORG_HEADS.first:
        head = ORG_HEADS.match(keys, j)
        if head is not None and (head[0] - j > 1 or (head[0] < len(keys) and doc.caps[head[0]])):
            return True
    if k in PERSON_CUES.first and doc.caps[j]:
        cue = PERSON_CUES.match(keys, j)
        if cue is not None:
            return cue[0] - j > 1 or k in ("ông", "bà", "đồng")
    if k in LOCATION_PREFIXES.first:
        prefix = LOCATION_PREFIXES.match(keys, j)
        if prefix is not None and prefix[0] < len(keys) and doc.caps[prefix[0]]:
            return True
    return doc.upper[j] and doc.words[j] in ORG_ABBR_HEADS


def role_end(doc: Doc, i: int) -> int | None:
    """End of the role title at word ``i`` ("Phó Chủ tịch", "Ủy viên Ban Thường vụ"), or None."""
    keys, caps, n = doc.keys, doc.caps, len(doc.words)
    if not caps[i]:
        return None
    j = i + 1 if keys[i] == "phó" and i + 1 < n else i
    title = ROLE_TITLES.match(keys, j)
    if title is None:
        return None
    end, canonical = title
    title_key = ROLE_TITLES.keys_of[canonical]
    if title_key in COMMITTEE_TITLE_KEYS or (j > i and ("phó", *title_key) in COMMITTEE_TITLE_KEYS):
        committee = COMMITTEES.match(keys, end) if end < n and caps[end] else None
        if committee is None and title_key in FUSED_BAN_TITLE_KEYS and end < n and caps[end]:
            committee = COMMITTEE_AFTER_BAN.match(keys, end)
        if committee is not None:
            end = committee[0]
        elif title_key == ("trưởng",):
            return None
    if title_key in MINISTER_TITLE_KEYS and end < n and caps[end] and keys[end] in MINISTRY_SECTORS.first:
        sector = MINISTRY_SECTORS.match(keys, end)
        end = sector[0] if sector is not None else end
    if end < n and keys[end] == "thường" and tuple(keys[end : end + 2]) == _STANDING and caps[end]:
        end += 2
    if end < n and keys[end] == "hồ" and tuple(keys[end : end + 3]) == HO_CHI_MINH:
        return None
    return end


class PeopleRules:
    """The person and role rules of the scan (``names._Scanner``), over its ``doc`` and ``in_location``."""

    doc: Doc
    in_location: list[int]

    def _person(self, i: int, cued: bool) -> int | None:
        """End of a person's name of 2–5 capitalised words at word ``i``; without a cue it must open with
        a surname (a weak one only with 3+ words or a middle name: "Cao Thị Mận", not "Cao Bằng")."""
        doc = self.doc
        keys, n = doc.keys, len(doc.words)
        if not cued and (i >= n or keys[i] not in SURNAMES):
            return None  # decided first, before walking the name: most capitalised words are no surname
        if (i >= n or not WORD_IS_NAME[doc.words[i]] or self.in_location[i]
                or (keys[i] == "hồ" and tuple(keys[i : i + 3]) == HO_CHI_MINH)):
            return None  # no name starts here (after a cue, often a comma)
        words, skip, name_word, may_start = doc.words, doc.skip, WORD_IS_NAME, _MAY_START
        j = i
        glued = 0  # hyphens and the syllables they join: "Kim Dae-sung" is one name of two parts
        while j < n and j - i - glued < 6 and name_word[words[j]] and not skip[j]:
            if may_start[words[j]] and starts_phrase(doc, j):
                break
            j += 1
            while j < n and words[j] == "-" and _glued_hyphen(doc, j):
                j += 2
                glued += 2
        length = j - i - glued
        if length < 2 or length > 5:
            return None
        if is_can_chi(doc, i) and (length == 2 or not cued):
            return None  # "Tết Đinh Dậu", "Xuân Giáp Thìn": a year, not "Đinh Dậu" the person
        if not cued:
            first = keys[i]
            if first in WEAK_SURNAMES and length < 3 and keys[i + 1] not in MIDDLES:
                return None
        # "phim “Người giữ đèn”": the words of a title; a cue opens one too ("phim “Bà Nội Tôi …”"), right
        # after its quotation mark (looked for first: cued names are many, titles opened by a cue few).
        if (not cued or (i >= 2 and words[i - 2] in _QUOTE_MARKS) or (i >= 3 and words[i - 3] in _QUOTE_MARKS)) and (
            doc.is_quoted_title(i)
        ):
            return None
        return j

    def _role_value(self, i: int, j: int) -> str:
        return self.doc.value_text(i, j, expand=lex.ABBREVIATIONS)
