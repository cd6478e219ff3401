"""Names in cleaned article text: person, organization, location, role and abbreviation entities.

``extract_names(text)`` is pure and scans words, not characters: a word list with offsets is built once
(``name_rules.Doc``) and every rule is a dictionary look-up on lower-case, tone-normalised keys ("Uỷ" and
"Ủy" share one), so the cost is linear in the text whatever it holds. Only the words that can open
something (cues, titles, head words, surnames, organisation abbreviations) are visited; what a word can
open is a fact of its spelling, kept in tables filled once per spelling. This module holds the entry
point, places and the scan; ``abbreviations.py`` the abbreviations, ``people.py`` the person and role
rules, ``orgs.py`` the organisation rules. The rules, which the gold files follow:

* person — ``text`` and ``value`` are the name only, as written: "đồng chí Trần Văn Nam" → "Trần Văn Nam".
  A name is 2–5 capitalised words after a cue ("đồng chí", "Đ/c", "ông", "bà", "chị", "anh", …), after a
  role and its organisation ("Chủ tịch LĐLĐ tỉnh Nam Định Lê Thị Hoa"), or opening with a known
  surname. "Hồ Chí Minh" is never a present person (the city after "TP"/"thành phố", else a reference).
* role — the title words only, including a committee that belongs to the title ("Ủy viên Ban Chấp hành",
  "Trưởng Ban Dân vận", "Bí thư Chi bộ", "Phó Bí thư Thường trực"); value = the text with canonical tone
  marks and committee abbreviations expanded ("Ủy viên BCH" → "Ủy viên Ban Chấp hành").
* organization — a head word ("Công đoàn", "Bộ", "Cục", "Ủy ban", "Công ty", "LĐLĐ", …) plus its name,
  qualifiers ("cơ sở", "tối cao") and administrative level ("tỉnh", "thành phố Đà Nẵng"). A bare head
  ("Công đoàn", "Công đoàn cơ sở") is not an organisation; a self-standing one ("Tỉnh ủy") is. A dash before
  another head splits two organisations ("Công đoàn cơ sở Cục X" and "Bộ Y"); "(ABBR)" inside a name is
  kept in the text but left out of the value. Value: organisation abbreviations expanded ("LĐLĐ tỉnh" →
  "Liên đoàn Lao động tỉnh"), canonical tone marks.
* location — "tỉnh Quảng Ninh" (text with the level word, value "Quảng Ninh"), "thành phố Đà Nẵng", and the
  provinces and countries named bare ("Đà Nẵng", "Nhật Bản"), also inside organisation names.
* abbreviation — every all-capital word of 2+ letters outside all-capital heading lines, roman numerals
  and document numbers; value = the expansion the text defines ("cán bộ, công chức (CBCC)"), else the
  lexicon's, else None.

Entities of one type never overlap; different types may (a location inside an organisation).
"""

from __future__ import annotations

from operator import and_

from .abbreviations import abbreviation_definitions, abbreviations
from .models import Entity
from .name_rules import Doc
from .orgs import OrgRules
from .people import HO_CHI_MINH, MIDDLES, STRONG_SURNAMES, role_end, starts_phrase
from .phrases import (
    LOCATION_PREFIXES,
    NOT_ORG,
    NOT_ORG_UNLESS_NAMED,
    OPENS_PLACE,
    OPENS_SCAN,
    ORG_HEADS,
    PERSON_CUES,
    PLACES,
    ROLE_TITLES,
    STREET_KEYS,
    SURNAMES,
)
from .word_facts import words_opening

__all__ = ["extract_names"]

# A lower-case opener that is no cue by itself only opens something before one of these words: "các"
# before "đồng chí", "công" before "nhân" or "đoàn" (the union of a named body).
_LOWER_NEXT = {
    first: frozenset(k for k in node if k) | ({"đoàn"} if first == "công" else set())
    for first, node in PERSON_CUES.first.items() if "" not in node
}
# Places named after a person with a middle name: the one district the surname-and-middle-name rule would miss.
_NAMED_PLACES = frozenset(("Trần Văn Thời",))
_SENTENCE_BREAKS = frozenset(".;:!?\n()\"“”")
_OPENS_PLACE_WORD, _OPENS_SCAN_WORD = words_opening(OPENS_PLACE), words_opening(OPENS_SCAN)


def extract_names(text: str) -> list[Entity]:
    """Person, organization, location, role and abbreviation entities of NFC ``text``, by start."""
    if not text:
        return []
    doc = Doc(text)
    definitions = abbreviation_definitions(doc)
    place_openers, scan_openers = _openers(doc)
    locations = _locations(doc, place_openers)
    in_location = [0] * (len(doc.words) + 1)
    for i, j, _ in locations:
        in_location[i:j] = [j] * (j - i)  # (a slice assignment: no Python statement per word)
    scanner = _Scanner(doc, in_location, _level_named_places(doc, locations))
    found = scanner.run(scan_openers)
    if scanner.listed_places:
        locations = sorted(locations + [(i, j, doc.value_text(i, j)) for i, j in scanner.listed_places
                                        if not in_location[i]])
    in_person = bytearray(len(doc.words))
    for kind, i, j, _ in found:
        if kind == "person":
            in_person[i:j] = b"\x01" * (j - i)
    out = [doc.entity(kind, i, j, value) for kind, i, j, value in found]
    for i, j, value in locations:
        if not any(in_person[i:j]):  # "Nguyễn Thái Bình" is a person, not the province inside the name
            out.append(doc.entity("location", i, j, value))
    out.extend(abbreviations(doc, definitions))
    out.sort(key=lambda e: (e.start, -e.end, e.type))
    return out


def _openers(doc: Doc) -> tuple[bytes, bytes]:
    """The words outside headings that can open a location (``OPENS_PLACE``) and something of the scan
    (``OPENS_SCAN``), as masks of the words (1 where one can): each pass goes from one to the next with
    ``bytes.find``, in C, never stepping through the words, and from where an entity ends skips the openers
    inside it. (A list of the indices cost an int object per word: some 600,000 instructions an article.)"""
    flags = doc.flags
    place_openers, scan_openers = flags.translate(_OPENS_PLACE_WORD), flags.translate(_OPENS_SCAN_WORD)
    if 1 in doc.skip:  # the words of all-capital heading lines (rare: most texts have none)
        outside = doc.skip.translate(_OUTSIDE)
        place_openers = bytes(map(and_, place_openers, outside))
        scan_openers = bytes(map(and_, scan_openers, outside))
    return place_openers, scan_openers


_OUTSIDE = bytes([1]) + bytes(255)  # (``Doc.skip`` 0 → 1, 1 → 0)


# --- locations ---------------------------------------------------------------------------------


def _level_named_places(doc: Doc, locations: list[tuple[int, int, str]]) -> dict[str, tuple[str, ...]]:
    """The places the text names with their level ("TP Hội An"), by first word: standing bare, such a
    name is the place, though "Hội" also heads associations ("Hội An đón …" is no body)."""
    keys, heads = doc.keys, ORG_HEADS.first
    places: dict[str, tuple[str, ...]] = {}
    for i, j, value in locations:
        # (only a name opening with a head word can pass for a body; a one-word place may end the text)
        if j - i > 2 or (j - i == 2 and keys[i + 1] in heads):
            size = value.count(" ") + 1
            if j - i > size and keys[j - size] in heads:
                places[keys[j - size]] = keys[j - size : j]
    return places


def _locations(doc: Doc, candidates: bytes) -> list[tuple[int, int, str]]:
    """Locations at the ``candidates``: the words (outside headings) whose key can open one (``OPENS_PLACE``),
    1 in this mask of the words."""
    keys, n = doc.keys, len(doc.words)
    out: list[tuple[int, int, str]] = []
    following = candidates.find
    i = following(1)
    while i >= 0:
        found = None
        # (a pair no level opens with, "thành tích", is not asked: see ``_Scanner._step``)
        level_next = LOCATION_PREFIXES.first.get(keys[i])
        prefix = LOCATION_PREFIXES.match(keys, i) if level_next is not None and (
            "" in level_next or (i + 1 < n and keys[i + 1] in level_next)) else None
        if prefix is not None and keys[i] == "bản" and _not_a_hamlet(doc, i):
            i = following(1, i + 1)
            continue
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
        elif keys[i] in STREET_KEYS:
            j = i + 1
            # ("thành phố", "Thành phố Nguyễn …": a city, or a body before a person; never a street)
            if j < n and doc.caps[j] and not doc.upper[j] and not doc.caps[i] and (i == 0 or keys[i - 1] != "thành"):
                end = _place_run(doc, j, strict=False)
                if end == j + 1 and keys[j] == "vành" and end < n and keys[end] == "đai":  # "đường Vành đai 3"
                    end += 2 if end + 1 < n and doc.kinds[end + 1] == Doc.NUMBER else 1
                if end > j:
                    found = (i, end, doc.value_text(j, end))
        elif doc.caps[i]:
            place_next = PLACES.first.get(keys[i])  # (nor one no place opens with, "Đồng chí")
            place = PLACES.match(keys, i) if place_next is not None and (
                "" in place_next or (i + 1 < n and keys[i + 1] in place_next)) else None
            if place is not None and tuple(keys[i : i + 3]) != HO_CHI_MINH:
                found = (i, place[0], doc.value_text(i, place[0]))
        if found is None:
            i = following(1, i + 1)
            continue
        out.append(found)
        pos = found[1]
        if prefix is not None and i > 0 and keys[i - 1] in _PLURAL:  # "các phường Lê Lợi, Trần Phú và …"
            pos = _listed_places(doc, pos, out)
        i = following(1, pos)  # (past the place's words: ``found`` ends after ``i``)
    return out


# "bản" is a hamlet only as a word of its own: "xuất bản", "phiên bản", "văn bản", "tái bản" are other words,
# and "bản S24 Ultra" is a version of a product.
_BAN_COMPOUNDS = frozenset(("xuất", "phiên", "văn", "tái", "kịch", "nguyên", "dịch", "ấn", "bổn", "cơ", "căn"))


def _not_a_hamlet(doc: Doc, i: int) -> bool:
    keys, words = doc.keys, doc.words
    if i and keys[i - 1] in _BAN_COMPOUNDS:
        return True
    nxt = i + 1
    if nxt >= len(words):
        return False
    end = doc.starts[nxt] + len(words[nxt])
    return len(words[nxt]) < 2 or any(c.isdigit() for c in words[nxt]) or doc.text[end : end + 1].isdigit()


def _listed_places(doc: Doc, k: int, out: list[tuple[int, int, str]]) -> int:
    """The places listed after a plural level ("các quận Hoàng Mai, Thanh Xuân và Đống Đa"): each name that
    follows a comma or "và" is a place of that level, not a person ("Trần Phú"); returns where they end."""
    keys, n = doc.keys, len(doc.words)
    while k + 1 < n and keys[k] in (",", "và") and doc.is_name_word(k + 1):
        end = _place_run(doc, k + 1, strict=False)
        if end <= k + 1:
            break
        out.append((k + 1, end, doc.value_text(k + 1, end)))
        k = end
    return k


_PLURAL = frozenset(("các", "những"))
# Words that say where: a list of two or more bare names after one ("tập trung ở Hoàng Mai, Long Biên và
# Thanh Xuân", "đi qua Sóc Sơn, Mê Linh và Thạch Thất") lists places, though a surname opens some of them.
_WHERE = frozenset(("ở", "tại", "qua"))
_LIST_JOINS = frozenset((",", "và"))


def _name_run_back(doc: Doc, t: int) -> int:
    """Start of the run of (up to 4) capitalised words that ends with word ``t``."""
    start = t
    while start > 0 and t - start < 3 and doc.is_name_word(start - 1):
        start -= 1
    return start


def _place_list(doc: Doc, i: int, end: int) -> list[tuple[int, int]] | None:
    """The names of a list after a lower-case "ở", "tại", "qua" that holds words ``i:end`` (a name a surname
    opens): each a place when the list has two or more and none is a surname with "Văn" or "Thị" ("Nguyễn
    Văn A" stays a person). A capitalised "Tại Hà Nội, …" opens a sentence whose comma ends the place."""
    keys, n = doc.keys, len(doc.words)
    runs = [(i, end)]
    start = i
    while start > 1 and keys[start - 1] in _LIST_JOINS and doc.is_name_word(start - 2):
        start = _name_run_back(doc, start - 2)
        runs.insert(0, (start, runs[0][0] - 1))
    if start == 0 or keys[start - 1] not in _WHERE or doc.caps[start - 1]:
        return None
    k = end
    while k + 1 < n and keys[k] in _LIST_JOINS and doc.is_name_word(k + 1):
        j = k + 1
        while j < n and j - k <= 4 and doc.is_name_word(j):
            j += 1
        runs.append((k + 1, j))
        k = j
    if len(runs) < 2 or any(keys[a] in SURNAMES and b - a > 1 and keys[a + 1] in MIDDLES for a, b in runs):
        return None
    return runs


def _place_run(doc: Doc, j: int, strict: bool) -> int:
    """End of a place name after a level word: up to 4 capitalised words that start nothing else."""
    if strict and doc.keys[j] in SURNAMES:
        return j  # "Thành phố Nguyễn …" is an organisation followed by a person, not a place
    if (doc.keys[j] in SURNAMES and j + 1 < len(doc.words) and doc.keys[j + 1] in MIDDLES
            and doc.is_name_word(j + 1) and doc.value_text(j, min(j + 3, len(doc.words))) not in _NAMED_PLACES):
        return j  # "Chủ tịch LĐLĐ tỉnh Hoàng Thị Mai": a surname and "Thị"/"Văn" open a person, not a place
    end = j
    while end < len(doc.words) and end - j < 4 and doc.is_name_word(end):
        if end > j and (starts_phrase(doc, end) or (doc.keys[end] in STRONG_SURNAMES and doc.is_name_word(end + 1))):
            break
        end += 1
    if end - j == 4 and end < len(doc.words) and doc.is_name_word(end):
        return j
    return end


# --- the left-to-right scan: cues, roles, organisations, people ------------------------------------


class _Scanner(OrgRules):
    """Left to right over the words that can open something: cues, roles, organisations, people."""

    def __init__(self, doc: Doc, in_location: list[int], places: dict[str, tuple[str, ...]]) -> None:
        self.doc = doc
        self.in_location = in_location
        self.places = places  # (``_level_named_places``)
        self.found: list[tuple[str, int, int, object]] = []
        self.listed_places: list[tuple[int, int]] = []  # (``_place_list``: bare places a surname opened)
        self.role_context = False
        self.entity_end = -1  # token index right after the last entity or cue
        self.failed_until = 0  # where the last failed organisation scan stopped

    def run(self, candidates: bytes) -> list[tuple[str, int, int, object]]:
        """Scan from each of the ``candidates``: the words (outside headings) that can open something
        (``OPENS_SCAN``), 1 in this mask of the words, in order; only capitalised words and cue words can, and
        the rest is never visited."""
        doc = self.doc
        keys, caps, n = doc.keys, doc.caps, len(doc.words)
        lower_next = _LOWER_NEXT
        following = candidates.find
        pos = 0
        i = following(1)
        while i >= 0:
            if not caps[i] and keys[i] in lower_next and (i + 1 == n or keys[i + 1] not in lower_next[keys[i]]):
                i = following(1, i + 1)
                continue  # nothing opens here; the plain word ends a role's context, as the check below sees
            if self.role_context and self._context_broken(pos, i):
                self.role_context = False
            pos = self._step(i)
            i = following(1, pos if pos > i else i + 1)
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
        cue_next = PERSON_CUES.first.get(k)  # (the trie node: the keys a cue goes on with; "" if it may end here)
        # A word pair no cue starts with ("Công đoàn") is told by two look-ups, without a call to ``match``.
        if cue_next is not None and ("" in cue_next or (i + 1 < n and keys[i + 1] in cue_next)):
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
        # (as for cues: a title opens with a pair of its trie, or "Phó" and one; "Thành phố" asks for none)
        title_next = ROLE_TITLES.first.get(k)
        end = role_end(doc, i) if title_next is not None and (
            k == "phó" or "" in title_next or (i + 1 < n and keys[i + 1] in title_next)) else None
        if end is not None and i and keys[i - 1] == "phủ":
            return end  # "Phủ Chủ tịch", "Phủ Thủ tướng": a palace, no one's role
        if end is not None:
            self._emit("role", i, end, self._role_value(i, end))
            self.role_context = True
            return end
        if k in NOT_ORG.first:
            skip = NOT_ORG.match(keys, i)
            if skip is not None and not (skip[1] in NOT_ORG_UNLESS_NAMED and doc.is_name_word(skip[0])):
                return skip[0]
        self.failed_until = i + 1
        # Only a head word (a pair of the heads' trie, or "Tổng" and an abbreviation) or an all-capital word
        # can open an organisation: "Thành phố", "Đại hội" ask for none.
        head_next = ORG_HEADS.first.get(k)
        org = self._organization(i) if doc.upper[i] or (head_next is not None and (
            "" in head_next or k == "tổng" or (i + 1 < n and keys[i + 1] in head_next))) else None
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
                listed = _place_list(doc, i, end)
                if listed is not None:
                    self.listed_places.extend(listed)
                    self.entity_end = listed[-1][1]
                    return self.entity_end
                self._emit("person", i, end, doc.value_text(i, end))
                return end
        return resume

    def _emit(self, kind: str, i: int, j: int, value: object) -> None:
        self.entity_end = j
        if kind == "organization" and self.places and self._is_place(i, j):
            return
        self.found.append((kind, i, j, value))

    def _is_place(self, i: int, j: int) -> bool:
        """Words ``i:j`` are a place named with its level elsewhere, maybe with a lower-case tail."""
        doc = self.doc
        place = self.places.get(doc.keys[i])
        end = i + len(place) if place is not None else j
        return place is not None and end <= j and doc.keys[i:end] == place and not any(doc.caps[end:j])
