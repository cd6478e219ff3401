"""The search query language: words, "phrases", -exclusions, 'exact terms, field:filters and ``|``.

Parsing never fails: whatever cannot be understood (an unclosed quote, an unknown field, a bad
filter value) is searched as plain words or dropped, and named in ``ParsedQuery.ignored`` so the
app can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.models import FACT_KINDS
from ..text import fold, iter_tokens, nfc, normalize_tones

__all__ = ["FIELDS", "HAS_VALUES", "Alternative", "Clause", "Filter", "ParsedQuery", "Term", "parse_query"]

ENTITY_FIELDS = ("person", "org", "place")
FIELDS = (*ENTITY_FIELDS, "year", "date", "has", "kind")
HAS_VALUES = ("money", "award", "document")
KIND_VALUES = FACT_KINDS  # kind: filters name the extracted facts' kinds

_FIELD_RE = re.compile(r"([A-Za-z]+):(?=\S)")
_YEAR_RE = re.compile(r"(19|20)\d\d")
_DATE_RE = re.compile(r"((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class Term:
    """One query syllable: ``folded`` is what matches; ``exact`` is set when typed with diacritics."""

    folded: str
    exact: str | None = None  # tone-normalised, lower-case form, to rank exact-diacritic matches first
    fuzzy: bool = True
    prefix: bool = False  # the word still being typed: also matches as the start of a longer term


@dataclass(frozen=True, slots=True)
class Alternative:
    terms: tuple[Term, ...]
    phrase: bool = False  # the terms must follow each other
    # The terms are what one typed word stands for ("ldld" → "lien doan lao dong"): scored as that
    # one word, not as a phrase of several typed words.
    expansion: bool = False


@dataclass(frozen=True, slots=True)
class Clause:
    """What one AND-ed element of the query needs: any of its alternatives (``a | b``)."""

    alternatives: tuple[Alternative, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Filter:
    field: str  # one of FIELDS
    values: tuple[str, ...]  # any of them (``has:money|award``); folded for entity fields
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...]
    filters: tuple[Filter, ...]
    ignored: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.filters

    def describe(self) -> str:
        """Human-readable form, e.g. ``cong AND "lao dong" AND NOT hop AND person:giang``."""
        parts = [_describe_clause(c) for c in self.clauses]
        for f in self.filters:
            parts.append(("NOT " if f.negated else "") + f"{f.field}:" + "|".join(f.values))
        return " AND ".join(parts)


def _describe_term(t: Term) -> str:
    return ("'" if not t.fuzzy else "") + t.folded + ("*" if t.prefix else "")


def _describe_clause(c: Clause) -> str:
    alts = []
    for a in c.alternatives:
        if a.phrase:
            alts.append('"' + " ".join(t.folded for t in a.terms) + '"')
        else:
            alts.append(" ".join(_describe_term(t) for t in a.terms))
    body = " OR ".join(alts)
    if len(alts) > 1:
        body = f"({body})"
    return ("NOT " if c.negated else "") + body


def _terms(body: str, *, fuzzy: bool) -> list[Term]:
    out = []
    for tok in iter_tokens(body):
        folded = fold(tok.text)
        exact = normalize_tones(tok.text).lower()
        out.append(Term(folded, exact if exact != folded else None, fuzzy))
    return out


def _filter(field: str, body: str, negated: bool) -> Filter | None:
    values: list[str] = []
    for raw in body.split("|"):
        raw = raw.strip().strip("\"'")
        if not raw:
            continue
        if field in ENTITY_FIELDS:
            folded = " ".join(fold(t.text) for t in iter_tokens(raw))
            if folded:
                values.append(folded)
        elif field == "year":
            if _YEAR_RE.fullmatch(raw):
                values.append(raw)
        elif field == "date":
            m = _DATE_RE.fullmatch(raw)
            if m:
                values.append("-".join([m.group(1)] + [f"{int(g):02d}" for g in m.groups()[1:] if g]))
        elif field == "has":
            value = fold(raw).rstrip("s")  # "awards", "documents" read the same
            if value in HAS_VALUES:
                values.append(value)
        elif field == "kind":
            value = fold(raw)
            match = [k for k in KIND_VALUES if k == value or k.rstrip("s") == value.rstrip("s")]
            if match:
                values.append(match[0])
    return Filter(field, tuple(values), negated) if values else None


def parse_query(query: str) -> ParsedQuery:
    """Parse ``query``; never raises. The last word is a prefix unless the query ends with a space."""
    s = nfc(query)
    n = len(s)
    clauses: list[Clause] = []
    filters: list[Filter] = []
    ignored: list[str] = []
    last_plain: tuple[int, int] | None = None  # (clause index, alternative index) of a typed word
    last_word_end = -1
    join_next = False
    i = 0
    while i < n:
        if s[i].isspace():
            i += 1
            continue
        if s[i] == "|":
            join_next = bool(clauses) and not clauses[-1].negated
            if not join_next:
                ignored.append("|")
            i += 1
            continue
        start = i
        negated = s[i] == "-" and i + 1 < n and not s[i + 1].isspace()
        if negated:
            i += 1
        field = None
        m = _FIELD_RE.match(s, i)
        if m:
            field = m.group(1).lower()
            i = m.end()
        quoted = False
        exact = False
        if i < n and s[i] == '"':
            close = s.find('"', i + 1)
            if close < 0:
                ignored.append('"')
                body, i = s[i + 1 :], n
            else:
                body, i, quoted = s[i + 1 : close], close + 1, True
        else:
            if i < n and s[i] == "'" and field is None:
                exact = True
                i += 1
            j = i
            while j < n and not s[j].isspace() and (s[j] != "|" or field is not None):
                j += 1
            body, i = s[i:j], j
        if field is not None and field not in FIELDS:
            ignored.append(f"{field}:")
            field = None
        if field is not None:
            flt = _filter(field, body, negated)
            if flt is None:
                ignored.append(s[start:i])
            else:
                filters.append(flt)
            join_next = False
            last_plain = None
            continue
        terms = _terms(body, fuzzy=not (exact or quoted or negated))
        if not terms:
            if body.strip("'\"-"):
                ignored.append(body)
            continue
        if quoted:
            new_alts = [Alternative(tuple(terms), phrase=len(terms) > 1)]
        else:
            new_alts = [Alternative((t,)) for t in terms]
        if join_next and clauses:
            prev = clauses.pop()
            clauses.append(Clause((*prev.alternatives, new_alts[0]), prev.negated))
            new_alts = new_alts[1:]
        clauses.extend(Clause((a,), negated) for a in new_alts)
        join_next = False
        typed_word = not (quoted or exact or negated)
        last_plain = (len(clauses) - 1, len(clauses[-1].alternatives) - 1) if typed_word else None
        last_word_end = i
    if join_next:
        ignored.append("|")
    if last_plain is not None and last_word_end == n:
        ci, ai = last_plain
        clause = clauses[ci]
        alt = clause.alternatives[ai]
        last = alt.terms[-1]
        if ci == len(clauses) - 1 and last.fuzzy:
            alt = Alternative((*alt.terms[:-1], Term(last.folded, last.exact, True, True)), alt.phrase)
            alts = list(clause.alternatives)
            alts[ai] = alt
            clauses[ci] = Clause(tuple(alts), clause.negated)
    return ParsedQuery(query, tuple(clauses), tuple(filters), tuple(ignored))
