"""Names in cleaned article text: person, organization, location, role and abbreviation entities.

``extract_names(text)`` is pure and scans words, not characters: a word list with offsets is built once
and every rule is a dictionary look-up on lower-case, tone-normalised keys ("Uỷ" and "Ủy" share one), so
the cost is linear in the text whatever it holds. The rules, which the gold files follow:

* person — ``text`` and ``value`` are the name only, as written: "đồng chí Cù Thu Anh" → "Cù Thu Anh".
  A name is 2–5 capitalised words after a cue ("đồng chí", "Đ/c", "ông", "bà", "chị", "anh", …), after a
  role and its organisation ("Chủ tịch LĐLĐ thành phố Hà Nội Phạm Quang Thanh"), or opening with a known
  surname. "Hồ Chí Minh" is never a present person (the city after "TP"/"thành phố", else a reference).
* role — the title words only, including a committee that belongs to the title ("Ủy viên Ban Chấp hành",
  "Trưởng Ban Dân vận", "Bí thư Chi bộ", "Phó Bí thư Thường trực"); value = the text with canonical tone
  marks and committee abbreviations expanded ("Ủy viên BCH" → "Ủy viên Ban Chấp hành").
* organization — a head word ("Công đoàn", "Bộ", "Cục", "Ủy ban", "Công ty", "LĐLĐ", …) plus its name,
  qualifiers ("cơ sở", "tối cao") and administrative level ("tỉnh", "thành phố Hà Nội"). A bare head
  ("Công đoàn", "Công đoàn cơ sở") is not an organisation; a self-standing one ("Tỉnh ủy") is. A dash before
  another head splits two organisations ("Công đoàn cơ sở Cục X" and "Bộ Y"); "(ABBR)" inside a name is
  kept in the text but left out of the value. Value: organisation abbreviations expanded ("LĐLĐ tỉnh" →
  "Liên đoàn Lao động tỉnh"), canonical tone marks.
* location — "tỉnh Hưng Yên" (text with the level word, value "Hưng Yên"), "thành phố Hà Nội", and the
  provinces and countries named bare ("Hà Nội", "Việt Nam"), also inside organisation names.
* abbreviation — every all-capital word of 2+ letters outside all-capital heading lines, roman numerals
  and document numbers; value = the expansion the text defines ("cán bộ, công chức (CBCC)"), else the
  lexicon's, else None.

Entities of one type never overlap; different types may (a location inside an organisation).
"""

from __future__ import annotations

import re

from ..text import nfc
from . import lexicons as lex
from .models import Entity
from .name_rules import (
    COMMITTEE_AFTER_BAN,
    COMMITTEE_TITLE_KEYS,
    COMMITTEES,
    FUSED_BAN_TITLE_KEYS,
    LOCATION_PREFIXES,
    NOT_ORG,
    NOT_ORG_UNLESS_NAMED,
    ORG_HEAD_KEYS,
    ORG_HEADS,
    ORG_QUALIFIERS,
    ORG_STOPS,
    ORG_TAIL_QUALIFIERS,
    PERSON_CUES,
    PLACES,
    ROLE_TITLES,
    Doc,
    abbreviation_letters,
)

__all__ = ["extract_names"]

_SURNAMES = frozenset(w.lower() for w in lex.SURNAMES)
_WEAK_SURNAMES = frozenset(w.lower() for w in lex.WEAK_SURNAMES)
_STRONG_SURNAMES = _SURNAMES - _WEAK_SURNAMES
_MIDDLES = frozenset(w.lower() for w in lex.PERSON_MIDDLES)
_SELF_STANDING = frozenset(ORG_HEAD_KEYS[h] for h in lex.SELF_STANDING_HEADS)
_NAMED_AFTER = frozenset(ORG_HEAD_KEYS[h] for h in lex.NAMED_AFTER_HEADS)
_ORG_ABBR_HEADS = frozenset(lex.ORG_ABBREVIATION_HEADS)
_ORG_ABBRS = {a: lex.ABBREVIATIONS[a] for a in lex.ORG_ABBREVIATIONS}
_LEGAL_FORMS = frozenset(lex.COMPANY_LEGAL_FORMS)
_HO_CHI_MINH = ("hồ", "chí", "minh")
_ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LOCATION_FIRST_KEYS = frozenset(LOCATION_PREFIXES.first) | frozenset(PLACES.first)
# The words that can open an entity in the scan: cues, titles, heads, surnames (the rest can only continue one).
_RUN_LOWER_OPENERS = frozenset(PERSON_CUES.first) | {"công"}
_RUN_OPENERS = (_RUN_LOWER_OPENERS | frozenset(ROLE_TITLES.first) | frozenset(NOT_ORG.first)
                | frozenset(ORG_HEADS.first) | _SURNAMES | {"tổng"})
_SENTENCE_BREAKS = frozenset(".;:!?\n()\"“”")
_DASH = "-"
_MAX_ORG_WORDS = 24


def extract_names(text: str) -> list[Entity]:
    """Person, organization, location, role and abbreviation entities of NFC ``text``, by start."""
    if not text:
        return []
    doc = Doc(text)
    definitions = _abbreviation_definitions(doc)
    locations = _locations(doc)
    in_location = [0] * (len(doc.words) + 1)
    for i, j, _ in locations:
        for t in range(i, j):
            in_location[t] = j
    found = _Scanner(doc, in_location).run()
    in_person = bytearray(len(doc.words))
    for kind, i, j, _ in found:
        if kind == "person":
            in_person[i:j] = b"\x01" * (j - i)
    out = [doc.entity(kind, i, j, value) for kind, i, j, value in found]
    for i, j, value in locations:
        if not any(in_person[i:j]):  # "Nguyễn Thái Bình" is a person, not the province inside the name
            out.append(doc.entity("location", i, j, value))
    out.extend(_abbreviations(doc, definitions))
    out.sort(key=lambda e: (e.start, -e.end, e.type))
    return out


# --- locations ---------------------------------------------------------------------------------


def _locations(doc: Doc) -> list[tuple[int, int, str]]:
    keys, n = doc.keys, len(doc.words)
    out: list[tuple[int, int, str]] = []
    pos = 0
    for i in [t for t, k in enumerate(keys) if k in _LOCATION_FIRST_KEYS]:
        if i < pos or doc.skip[i] or doc.kinds[i] != Doc.WORD:
            continue
        found = None
        prefix = LOCATION_PREFIXES.match(keys, i) if keys[i] in LOCATION_PREFIXES.first else None
        if prefix is not None:
            j = prefix[0]
            if j < n and keys[j] == "." and keys[i] == "tp":
                j += 1
            place = PLACES.match(keys, j) if j < n and doc.caps[j] else None
            if place is not None:
                found = (i, place[0], doc.value_text(j, place[0]))
            elif j < n and doc.caps[j] and not doc.upper[j]:
                end = _place_run(doc, j, strict=doc.caps[i])
                if end > j:
                    found = (i, end, doc.value_text(j, end))
        elif doc.caps[i]:
            place = PLACES.match(keys, i) if keys[i] in PLACES.first else None
            if place is not None and tuple(keys[i : i + 3]) != _HO_CHI_MINH:
                found = (i, place[0], doc.value_text(i, place[0]))
        if found is not None:
            out.append(found)
            pos = found[1]
    return out


def _place_run(doc: Doc, j: int, strict: bool) -> int:
    """End of a place name after a level word: up to 4 capitalised words that start nothing else."""
    if strict and doc.keys[j] in _SURNAMES:
        return j  # "Thành phố Nguyễn …" is an organisation followed by a person, not a place
    end = j
    while end < len(doc.words) and end - j < 4 and doc.is_name_word(end):
        if end > j and (_starts_phrase(doc, end) or (doc.keys[end] in _STRONG_SURNAMES and doc.is_name_word(end + 1))):
            break
        end += 1
    if end - j == 4 and end < len(doc.words) and doc.is_name_word(end):
        return j
    return end


# --- phrase starts shared by the rules -------------------------------------------------------------


def _starts_phrase(doc: Doc, j: int) -> bool:
    """Whether word ``j`` opens a role, an organisation, a person cue or a level word + name."""
    keys = doc.keys
    k = keys[j]
    if k in ROLE_TITLES.first and _role_end(doc, j) is not None:
        return True
    if k in ORG_HEADS.first:
        head = ORG_HEADS.match(keys, j)
        if head is not None and (head[0] - j > 1 or (head[0] < len(keys) and doc.caps[head[0]])):
            return True
    if k in PERSON_CUES.first and doc.caps[j] and PERSON_CUES.match(keys, j) is not None:
        end = PERSON_CUES.match(keys, j)[0]
        return end - j > 1 or k in ("ông", "bà", "đồng")
    if k in LOCATION_PREFIXES.first:
        prefix = LOCATION_PREFIXES.match(keys, j)
        if prefix is not None and prefix[0] < len(keys) and doc.caps[prefix[0]]:
            return True
    return doc.upper[j] and doc.words[j] in _ORG_ABBR_HEADS


def _role_end(doc: Doc, i: int) -> int | None:
    keys, n = doc.keys, len(doc.words)
    if not doc.caps[i]:
        return None
    j = i + 1 if keys[i] == "phó" and i + 1 < n else i
    title = ROLE_TITLES.match(keys, j)
    if title is None:
        return None
    end, canonical = title
    title_key = ROLE_TITLES.keys_of[canonical]
    if title_key in COMMITTEE_TITLE_KEYS or (j > i and ("phó", *title_key) in COMMITTEE_TITLE_KEYS):
        committee = COMMITTEES.match(keys, end) if end < n and doc.caps[end] else None
        if committee is None and title_key in FUSED_BAN_TITLE_KEYS and end < n and doc.caps[end]:
            committee = COMMITTEE_AFTER_BAN.match(keys, end)
        if committee is not None:
            end = committee[0]
        elif title_key == ("trưởng",):
            return None
    if tuple(keys[end : end + 2]) == ("thường", "trực") and doc.caps[end]:
        end += 2
    if tuple(keys[end : end + 3]) == _HO_CHI_MINH:
        return None
    return end


# --- the left-to-right scan: cues, roles, organisations, people ------------------------------------


class _Scanner:
    def __init__(self, doc: Doc, in_location: list[int]) -> None:
        self.doc = doc
        self.in_location = in_location
        self.found: list[tuple[str, int, int, object]] = []
        self.role_context = False
        self.entity_end = -1  # token index right after the last entity or cue
        self.failed_until = 0  # where the last failed organisation scan stopped

    def run(self) -> list[tuple[str, int, int, object]]:
        doc = self.doc
        kinds, skip = doc.kinds, doc.skip
        # Only capitalised words and cue words can open anything: the rest is skipped in one C-level pass.
        openers, abbreviation_heads = _RUN_OPENERS, _ORG_ABBR_HEADS
        candidates = [
            t for t, (c, k, w) in enumerate(zip(doc.caps, doc.keys, doc.words, strict=True))
            if (k in openers and (c or k in _RUN_LOWER_OPENERS)) or (c and w in abbreviation_heads)
        ]
        pos = 0
        for i in candidates:
            if i < pos or kinds[i] != Doc.WORD or skip[i]:
                continue
            if self.role_context and self._context_broken(pos, i):
                self.role_context = False
            pos = self._step(i)
        return self.found

    def _context_broken(self, pos: int, i: int) -> bool:
        """A role's context ("Chủ tịch LĐLĐ tỉnh, … Nguyễn Văn A") ends at a clause break or a plain word."""
        doc = self.doc
        for t in range(pos, i):
            if doc.keys[t] in _SENTENCE_BREAKS or (doc.kinds[t] == Doc.WORD and not doc.caps[t]):
                return True
        return False

    def _step(self, i: int) -> int:
        """Recognise what starts at word ``i``; return where scanning goes on."""
        doc = self.doc
        keys, n = doc.keys, len(doc.words)
        k = keys[i]
        if k in PERSON_CUES.first:
            cue = PERSON_CUES.match(keys, i)
            if cue is not None:
                j = cue[0]
                if j < n and keys[j] == ":":
                    j += 1
                end = self._person(j, cued=True)
                if end is not None:
                    self._emit("person", j, end, doc.value_text(j, end))
                    return end
                if cue[0] - i > 1 or not doc.caps[i] or k in ("ông", "bà"):
                    self.entity_end = cue[0]
                    return cue[0]
        if not doc.caps[i]:
            org = self._organization(i) if k == "công" and self._lowercase_union(i) else None
            if org is not None:
                self._emit("organization", i, org, self._org_value(i, org))
                return org
            self.role_context = False
            return i + 1
        end = _role_end(doc, i) if k in ROLE_TITLES.first else None
        if end is not None:
            self._emit("role", i, end, self._role_value(i, end))
            self.role_context = True
            return end
        if k in NOT_ORG.first:
            skip = NOT_ORG.match(keys, i)
            if skip is not None and not (skip[1] in NOT_ORG_UNLESS_NAMED and doc.is_name_word(skip[0])):
                return skip[0]
        self.failed_until = i + 1
        org = self._organization(i)
        if org is not None:
            self._emit("organization", i, org, self._org_value(i, org))
            return org
        resume = max(i + 1, self.failed_until)
        if self.in_location[i]:
            self.entity_end = self.in_location[i]
            return self.entity_end
        if i == 0 or not doc.is_name_word(i - 1) or self.entity_end == i:
            end = self._person(i, cued=False)
            if end is not None:
                self._emit("person", i, end, doc.value_text(i, end))
                return end
        return resume

    def _emit(self, kind: str, i: int, j: int, value: object) -> None:
        self.found.append((kind, i, j, value))
        self.entity_end = j

    # people

    def _person(self, i: int, cued: bool) -> int | None:
        doc = self.doc
        keys, n = doc.keys, len(doc.words)
        if i >= n or self.in_location[i] or tuple(keys[i : i + 3]) == _HO_CHI_MINH:
            return None
        j = i
        while j < n and j - i < 6 and doc.is_name_word(j) and not doc.skip[j]:
            if _starts_phrase(doc, j):
                break
            j += 1
        length = j - i
        if length < 2 or length > 5:
            return None
        if not cued:
            first = keys[i]
            if first not in _SURNAMES:
                return None
            if first in _WEAK_SURNAMES and length < 3 and keys[i + 1] not in _MIDDLES:
                return None
        return j

    # roles

    def _role_value(self, i: int, j: int) -> str:
        return self.doc.value_text(i, j, expand=lex.ABBREVIATIONS)

    # organisations

    def _lowercase_union(self, i: int) -> bool:
        """"công đoàn Bộ Tư pháp": the union of a named body, written in lower case."""
        doc, keys = self.doc, self.doc.keys
        return (tuple(keys[i : i + 2]) == ("công", "đoàn") and doc.is_name_word(i + 2)
                and keys[i + 2] in ORG_HEADS.first and ORG_HEADS.match(keys, i + 2) is not None)

    def _organization(self, i: int) -> int | None:
        doc = self.doc
        if doc.is_quoted(i):
            return None  # "Đổi mới tổ chức và hoạt động Công đoàn Việt Nam …" is a title, not a mention
        keys, words, n = doc.keys, doc.words, len(doc.words)
        head_end = None
        if doc.upper[i]:
            if words[i] in _ORG_ABBR_HEADS:
                head_end = i + 1
        elif keys[i] in ORG_HEADS.first:
            head = ORG_HEADS.match(keys, i)
            if head is not None:
                head_end = head[0]
            if k_is_tong_abbr(doc, i):
                head_end = i + 2
        if head_end is None:
            return None
        head_key = tuple(keys[i:head_end])
        standing = head_key in _SELF_STANDING
        good_end = head_end if standing else None
        named = False
        j = head_end
        after_head = True  # qualifiers ("cơ sở", "các") may follow a head word
        plural = False  # "Ban Chấp hành các Công đoàn bộ phận" names a kind of body, not one
        tail_ok = False  # a lower-case tail may follow a capitalised name word ("Cục Trợ giúp pháp lý")
        while j < n and j - i < _MAX_ORG_WORDS:
            kind, k = doc.kinds[j], keys[j]
            if kind == Doc.WORD and not doc.skip[j]:
                tail = ORG_TAIL_QUALIFIERS.match(keys, j) if k in ORG_TAIL_QUALIFIERS.first else None
                if tail is not None and (named or good_end is not None or doc.upper[i]):
                    j = good_end = tail[0]
                    named = True
                    after_head = tail_ok = False
                    continue
                if after_head and not doc.caps[j] and k in ORG_QUALIFIERS.first:
                    q = ORG_QUALIFIERS.match(keys, j)
                    if q is not None:
                        plural = plural or k == "các"
                        j = q[0]
                        continue
                if self.in_location[j]:
                    j = good_end = self.in_location[j]
                    named = True
                    after_head = tail_ok = False
                    continue
                nested = ORG_HEADS.match(keys, j) if doc.caps[j] and k in ORG_HEADS.first else None
                if nested is not None and not self._stops_organization(j, head_key):
                    standing = standing or tuple(keys[j : nested[0]]) in _SELF_STANDING
                    j = good_end = nested[0]
                    after_head = True
                    tail_ok = False
                    continue
                level = LOCATION_PREFIXES.match(keys, j) if k in LOCATION_PREFIXES.first else None
                if level is not None and doc.caps[j] and self._plain_lowercase(level[0]):
                    level = None  # "Xã hội" is a word of the name, not the level "Xã"
                if level is not None:  # "Công đoàn Viên chức tỉnh", "LĐLĐ Thành phố": the reader knows where
                    j = good_end = level[0]
                    named = True
                    after_head = tail_ok = False
                    continue
                if doc.upper[j]:
                    j = good_end = j + 1
                    named = True
                    after_head = words[j - 1] in _ORG_ABBR_HEADS
                    tail_ok = False
                    continue
                if doc.caps[j]:
                    if self._stops_organization(j, head_key):
                        break
                    # Only a one-word name start takes a lower-case tail: "Cục Trợ giúp pháp lý", but
                    # "Khu kinh tế Nghi Sơn | ủng hộ".
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
            if (k == _DASH and named and doc.is_name_word(j + 1) and not _starts_phrase(doc, j + 1)
                    and not self._stops_organization(j + 1, head_key)):
                j += 1
                continue
            if k == "(" and j + 3 < n and doc.upper[j + 1] and keys[j + 2] == ")":
                after = j + 3
                if (doc.is_name_word(after) and not _starts_phrase(doc, after)) or self.in_location[after] or (
                    keys[after] in LOCATION_PREFIXES.first and doc.kinds[after] == Doc.WORD
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
        doc = self.doc
        k = doc.keys[j]
        if k in ROLE_TITLES.first and _role_end(doc, j) is not None:
            return True
        if k in PERSON_CUES.first and PERSON_CUES.match(doc.keys, j) is not None:
            return True
        if k in NOT_ORG.first and NOT_ORG.match(doc.keys, j) is not None:
            return True
        if k in _SURNAMES and head_key not in _NAMED_AFTER and not self.in_location[j]:
            end = self._person(j, cued=False)
            if end is not None and (self.role_context or end - j >= 3 or doc.keys[j + 1] in _MIDDLES):
                return True
        return False

    def _lowercase_tail(self, j: int) -> int | None:
        """End of a lower-case name tail ("Cục Trợ giúp pháp lý"): up to 3 words that are not stop words;
        ``j`` when there is none, None when the lower-case run goes on too long to be part of a name."""
        n = len(self.doc.words)
        end = j
        while end < n and end - j < 3 and self._plain_lowercase(end):
            end += 1
        if end - j == 3 and self._plain_lowercase(end):
            return None  # a long lower-case run is the sentence going on, not a name
        return end

    def _plain_lowercase(self, t: int) -> bool:
        """A lower-case word that neither stops a name nor opens a level ("tỉnh …")."""
        doc = self.doc
        if t >= len(doc.words) or doc.kinds[t] != Doc.WORD or doc.caps[t]:
            return False
        k = doc.keys[t]
        if k in ORG_STOPS.first and ORG_STOPS.match(doc.keys, t) is not None:
            return False
        return not (k in LOCATION_PREFIXES.first and LOCATION_PREFIXES.match(doc.keys, t) is not None)

    def _continues_after_and(self, j: int, head_key: tuple[str, ...]) -> bool:
        doc = self.doc
        nxt = j + 1
        return (nxt < len(doc.words) and doc.caps[nxt] and not doc.upper[nxt]
                and not _starts_phrase(doc, nxt) and not self._stops_organization(nxt, head_key)
                and not self.in_location[nxt])

    def _org_value(self, i: int, j: int) -> str:
        return self.doc.value_text(i, j, expand=_ORG_ABBRS, drop_parenthesised=True)


def k_is_tong_abbr(doc: Doc, i: int) -> bool:
    """"Tổng LĐLĐ Việt Nam": "Tổng" before an organisation abbreviation is part of the head."""
    return (doc.keys[i] == "tổng" and i + 1 < len(doc.words) and doc.upper[i + 1]
            and doc.words[i + 1] in _ORG_ABBR_HEADS)


# --- abbreviations --------------------------------------------------------------------------------


def _abbreviation_definitions(doc: Doc) -> dict[str, str]:
    """Expansions the text gives: "Liên đoàn Lao động (LĐLĐ)" or "NLĐ (người lao động)"."""
    keys, n = doc.keys, len(doc.words)
    out: dict[str, str] = {}
    for p in [t for t, k in enumerate(keys) if k == "("]:
        if p < 1 or p + 2 >= n or keys[p + 2] != ")" or not doc.upper[p + 1]:
            continue
        abbr = nfc(doc.words[p + 1])
        if abbr in out:
            continue
        letters = abbreviation_letters(abbr)
        expansion = _backward_expansion(doc, p - 1, letters)
        if expansion is None and p >= 1 and doc.upper[p - 1]:
            close = p + 1
            while close < n and close - p < 12 and keys[close] != ")":
                close += 1
            expansion = _forward_expansion(doc, p + 1, close, abbreviation_letters(nfc(doc.words[p - 1])))
            if expansion is not None:
                out.setdefault(nfc(doc.words[p - 1]), expansion)
            continue
        if expansion is not None:
            out[abbr] = expansion
    return out


def _backward_expansion(doc: Doc, last: int, letters: str) -> str | None:
    t = last
    want = len(letters) - 1
    first = None
    while t >= 0 and want >= 0 and last - t < 3 * len(letters) + 2:
        kind = doc.kinds[t]
        if kind == Doc.WORD:
            if doc.folded_initial(t) != letters[want]:
                return None
            first = t
            want -= 1
        elif not (kind == Doc.PUNCT and doc.keys[t] in ",-&"):
            return None
        t -= 1
    if want >= 0 or first is None:
        return None
    return doc.value_text(first, last + 1, tones=False)


def _forward_expansion(doc: Doc, first: int, close: int, letters: str) -> str | None:
    words = [t for t in range(first, close) if doc.kinds[t] == Doc.WORD]
    if len(words) != len(letters) or any(doc.folded_initial(t) != c for t, c in zip(words, letters, strict=True)):
        return None
    return doc.value_text(words[0], words[-1] + 1, tones=False)


def _abbreviations(doc: Doc, definitions: dict[str, str]) -> list[Entity]:
    words, upper, skip = doc.words, doc.upper, doc.skip
    out = []
    heading = _capital_phrases(doc, definitions)
    for t in [t for t, u in enumerate(upper) if u]:
        if skip[t] or t in heading:
            continue
        word = nfc(words[t])
        if _ROMAN_RE.fullmatch(word) or word in _LEGAL_FORMS:
            continue
        value = definitions.get(word) or lex.ABBREVIATIONS.get(word)
        out.append(doc.entity("abbreviation", t, t + 1, value))
    return out


def _capital_phrases(doc: Doc, definitions: dict[str, str]) -> set[int]:
    """Words of all-capital phrases ("TIN HOẠT ĐỘNG") inside mixed lines: headings, not abbreviations.

    A run of 3+ all-capital words is a heading unless every word in it is a known abbreviation."""
    out: set[int] = set()
    upper, n = doc.upper, len(doc.words)
    t = 0
    for first in [x for x, u in enumerate(upper) if u]:
        if first < t:
            continue
        t = end = first
        while end < n and upper[end]:
            end += 1
        if end - t >= 3:
            known = sum(1 for x in range(t, end)
                        if nfc(doc.words[x]) in lex.ABBREVIATIONS or nfc(doc.words[x]) in definitions)
            if known < end - t:
                out.update(range(t, end))
        t = end
    return out
