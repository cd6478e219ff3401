"""Organisations for ``names.py``: a head word ("Công đoàn", "Cục", "LĐLĐ", …) and how far its name runs.

The name after the head takes capitalised words, nested heads ("Công đoàn cơ sở Cục Quản lý thị
trường"), qualifiers ("cơ sở", "tối cao"), levels and places ("tỉnh", "thành phố …"), abbreviations,
"(ABBR)" and one short lower-case tail after a one-word name start ("Cục Quản lý thị trường"). It stops at
a role, a person cue, a non-organisation phrase ("Hội nghị") or a person's name, and gives up where the
sentence just goes on.
"""

from __future__ import annotations

from . import lexicons as lex
from .name_rules import Doc
from .people import MIDDLES, PeopleRules, role_end, starts_phrase
from .phrases import (
    LOCATION_PREFIXES,
    NOT_ORG,
    ORG_ABBR_HEADS,
    ORG_HEAD_KEYS,
    ORG_HEADS,
    ORG_QUALIFIERS,
    ORG_STOPS,
    ORG_TAIL_QUALIFIERS,
    PERSON_CUES,
    ROLE_TITLES,
    SURNAMES,
)
from .word_facts import (
    WORD_FACTS,
    WordTable,
)

SELF_STANDING = frozenset(ORG_HEAD_KEYS[h] for h in lex.SELF_STANDING_HEADS)
_NAMED_AFTER = frozenset(ORG_HEAD_KEYS[h] for h in lex.NAMED_AFTER_HEADS)
_ORG_ABBRS = {a: lex.ABBREVIATIONS[a] for a in lex.ORG_ABBREVIATIONS}
_UNION = ("công", "đoàn")
_STOP_OR_LEVEL_FIRST = frozenset(ORG_STOPS.first) | frozenset(LOCATION_PREFIXES.first)
_DASH = "-"
_JOINERS = ("&", "-")


def _glued(doc: Doc, j: int) -> bool:
    """Word ``j`` touches the words on both sides: "GD&ĐT", not "Sở Y tế - Bộ X"."""
    return doc.end(j - 1) == doc.starts[j] and doc.starts[j] + 1 == doc.starts[j + 1]
_MAX_ORG_WORDS = 24
# The keys ``_stops_organization`` can stop at: most words of a name are none of them, and are not asked.
_MAY_STOP = frozenset(ROLE_TITLES.first) | frozenset(PERSON_CUES.first) | frozenset(NOT_ORG.first) | SURNAMES


class OrgRules(PeopleRules):
    """The organisation rules of the scan (``names._Scanner``); a person's name ends an organisation."""

    role_context: bool
    failed_until: int

    def _lowercase_union(self, i: int) -> bool:
        """"công đoàn Sở Y tế": the union of a named body, written in lower case."""
        doc, keys = self.doc, self.doc.keys
        return (tuple(keys[i : i + 2]) == _UNION and doc.is_name_word(i + 2)
                and keys[i + 2] in ORG_HEADS.first and ORG_HEADS.match(keys, i + 2) is not None)

    def _organization(self, i: int) -> int | None:
        """End of the organisation whose head is at word ``i``, or None (then ``failed_until`` says how
        far a scan from the words after ``i`` would fail the same way)."""
        doc = self.doc
        keys, words, upper = doc.keys, doc.words, doc.upper
        head_end = None
        if upper[i]:
            if words[i] in ORG_ABBR_HEADS:
                head_end = i + 1
        elif keys[i] in ORG_HEADS.first:
            head = ORG_HEADS.match(keys, i)
            if head is not None:
                head_end = head[0]
            if keys[i] == "tổng" and _tong_abbreviation(doc, i):
                head_end = i + 2
        if head_end is None:
            return None
        if doc.quoted_words()[i]:
            return None  # quoted: "Nâng cao vai trò Công đoàn ngành Giao thông vận tải …" is a title, not a mention
        kinds, caps, skip, in_location, n = doc.kinds, doc.caps, doc.skip, self.in_location, len(words)
        head_key = tuple(keys[i:head_end])
        standing = head_key in SELF_STANDING
        good_end = head_end if standing else None
        named = False
        j = head_end
        after_head = True  # qualifiers ("cơ sở", "các") may follow a head word
        plural = False  # "Ban Chấp hành các Công đoàn cơ sở trực thuộc" names a kind of body, not one
        tail_ok = False  # a lower-case tail may follow a capitalised name word ("Cục Quản lý thị trường")
        word = Doc.WORD
        while j < n and j - i < _MAX_ORG_WORDS:
            k = keys[j]
            if kinds[j] == word and not skip[j]:
                tail = ORG_TAIL_QUALIFIERS.match(keys, j) if k in ORG_TAIL_QUALIFIERS.first else None
                if tail is not None and (named or good_end is not None or upper[i]):
                    j = good_end = tail[0]
                    named = True
                    after_head = tail_ok = False
                    continue
                if after_head and not caps[j] and k in ORG_QUALIFIERS.first:
                    q = ORG_QUALIFIERS.match(keys, j)
                    if q is not None:
                        plural = plural or k == "các"
                        j = q[0]
                        continue
                if in_location[j]:
                    j = good_end = in_location[j]
                    named = True
                    after_head = tail_ok = False
                    continue
                head_next = ORG_HEADS.first.get(k) if caps[j] else None  # (a pair no head opens, "Thành phố", not asked)
                nested = ORG_HEADS.match(keys, j) if head_next is not None and (
                    "" in head_next or (j + 1 < n and keys[j + 1] in head_next)) else None
                if nested is not None and not self._stops_organization(j, head_key):
                    standing = standing or tuple(keys[j : nested[0]]) in SELF_STANDING
                    j = good_end = nested[0]
                    after_head = True
                    tail_ok = False
                    continue
                level = LOCATION_PREFIXES.match(keys, j) if k in LOCATION_PREFIXES.first else None
                if level is not None and caps[j] and self._plain_lowercase(level[0]):
                    level = None  # "Xã hội" is a word of the name, not the level "Xã"
                if level is not None:  # "Công đoàn Giáo dục huyện", "LĐLĐ Thành phố": the reader knows where
                    j = good_end = level[0]
                    named = True
                    after_head = tail_ok = False
                    continue
                if upper[j]:
                    j = good_end = j + 1
                    named = True
                    after_head = words[j - 1] in ORG_ABBR_HEADS
                    tail_ok = False
                    continue
                if caps[j]:
                    if k in _MAY_STOP and self._stops_organization(j, head_key):
                        break
                    # Only a one-word name start takes a lower-case tail: "Cục Quản lý thị trường", but
                    # "Khu công nghiệp Tân Phước | ủng hộ".
                    tail_ok = not (named and doc.is_name_word(j - 1))
                    j = good_end = j + 1
                    named = True
                    after_head = False
                    continue
                if tail_ok:
                    run_end = self._lowercase_tail(j)
                    if run_end is None:
                        return None  # where the name ends in the sentence going on cannot be told
                    if run_end > j:
                        j = good_end = run_end
                        tail_ok = False
                        continue
                if k == "và" and named and self._continues_after_and(j, head_key):
                    j += 1
                    continue
                break
            if k in _JOINERS and named and upper[j - 1] and j + 1 < n and upper[j + 1] and _glued(doc, j):
                j += 1  # "Sở GD&ĐT", "Bộ LĐ-TB&XH": one abbreviation, joined
                continue
            if (k == _DASH and named and doc.is_name_word(j + 1) and not starts_phrase(doc, j + 1)
                    and not self._stops_organization(j + 1, head_key)):
                j += 1
                continue
            if k == "(" and j + 3 < n and upper[j + 1] and keys[j + 2] == ")":
                after = j + 3
                if (doc.is_name_word(after) and not starts_phrase(doc, after)) or in_location[after] or (
                    keys[after] in LOCATION_PREFIXES.first and kinds[after] == word
                ):
                    j = after
                    continue
            break
        if good_end is None or not (named or (standing and not plural)):
            # Nothing but heads and qualifiers up to ``j``: a scan from any of them fails the same way.
            self.failed_until = j if not named else i + 1
            return None
        return good_end

    def _stops_organization(self, j: int, head_key: tuple[str, ...]) -> bool:
        """Whether word ``j`` starts something that ends the organisation before it."""
        doc = self.doc
        keys = doc.keys
        k = keys[j]
        if k in ROLE_TITLES.first and role_end(doc, j) is not None:
            return True
        if k in PERSON_CUES.first and PERSON_CUES.match(keys, j) is not None:
            return True
        if k in NOT_ORG.first and NOT_ORG.match(keys, j) is not None:
            return True
        if k in SURNAMES and head_key not in _NAMED_AFTER and not self.in_location[j]:
            end = self._person(j, cued=False)
            if end is not None and (self.role_context or end - j >= 3 or keys[j + 1] in MIDDLES):
                return True
        return False

    def _lowercase_tail(self, j: int) -> int | None:
        """End of a lower-case name tail ("Cục Quản lý thị trường"): up to 3 words that are not stop
        words; ``j`` when there is none, None when the lower-case run goes on too long to be a name's."""
        words = self.doc.words
        n = len(words)
        end = j
        while end < n and end - j < 3:
            plain = _PLAIN[words[end]]  # (``_plain_lowercase`` called only where the word alone does not tell)
            if not (plain if plain is not None else self._plain_lowercase(end)):
                break
            end += 1
        if end - j == 3 and self._plain_lowercase(end):
            return None  # a long lower-case run is the sentence going on, not a name
        return end

    def _plain_lowercase(self, t: int) -> bool:
        """A lower-case word that neither stops a name nor opens a level ("tỉnh …")."""
        doc = self.doc
        if t >= len(doc.words):
            return False
        plain = _PLAIN[doc.words[t]]
        if plain is not None:
            return plain
        keys = doc.keys
        k = keys[t]
        if k in ORG_STOPS.first and ORG_STOPS.match(keys, t) is not None:
            return False
        return not (k in LOCATION_PREFIXES.first and LOCATION_PREFIXES.match(keys, t) is not None)

    def _continues_after_and(self, j: int, head_key: tuple[str, ...]) -> bool:
        doc = self.doc
        nxt = j + 1
        return (nxt < len(doc.words) and doc.caps[nxt] and not doc.upper[nxt]
                and not starts_phrase(doc, nxt) and not self._stops_organization(nxt, head_key)
                and not self.in_location[nxt])

    def _org_value(self, i: int, j: int) -> str:
        return self.doc.value_text(i, j, expand=_ORG_ABBRS, drop_parenthesised=True)


def _plain_word(word: str) -> bool | None:
    """``_plain_lowercase`` as far as the word alone tells: None when the words after it decide."""
    key, kind, caps, _, _ = WORD_FACTS[word]
    if kind != Doc.WORD or caps:
        return False
    return None if key in _STOP_OR_LEVEL_FIRST else True


_PLAIN = WordTable(_plain_word)


def _tong_abbreviation(doc: Doc, i: int) -> bool:
    """"Tổng LĐLĐ …": "Tổng" before an organisation abbreviation is part of the head."""
    return (doc.keys[i] == "tổng" and i + 1 < len(doc.words) and doc.upper[i + 1]
            and doc.words[i + 1] in ORG_ABBR_HEADS)
