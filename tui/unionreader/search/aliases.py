"""Other terms a word stands for: abbreviations ↔ expansions, numbers with ↔ without separators."""

from __future__ import annotations

import re
from functools import lru_cache

from ..extract.lexicons import ABBREVIATIONS  # the genre's abbreviation lexicon, shared with extraction
from ..text import TOKEN_RE, fold
from .query import Alternative, Clause, ParsedQuery, Term

__all__ = ["fold_phrase", "term_aliases", "with_abbreviations", "written_out_run"]


_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


@lru_cache(maxsize=65536)
def fold_phrase(s: str) -> tuple[str, ...]:
    """The folded words of a phrase. Cached: indexing folds each article's entity names and
    organisations, which repeat across a corpus (this was most of the index build time)."""
    # Pieces that are all letters are each one token: a name or an organisation, nearly always; a
    # regular-expression scan was most of folding a name met the first time (~15 an article).
    if all(map(str.isalpha, s.split(" "))):
        # The phrase folded once and split: folding turns a letter into letters, never a space, and a
        # space into itself (a fold per word cost ~1,500 instructions of calls, a name has ~5 words).
        return tuple(fold(s).split(" "))
    return tuple(map(fold, TOKEN_RE.findall(s)))  # (``iter_tokens``' texts, without a Token each)


_ABBR_EXPANSIONS: dict[str, tuple[str, ...]] = {
    fold(abbr): fold_phrase(expansion) for abbr, expansion in ABBREVIATIONS.items()
}


# Written-out form → the abbreviation (the first listed, when several stand for the same words).
_ABBR_OF: dict[tuple[str, ...], str] = {}
for _abbr, _expansion in _ABBR_EXPANSIONS.items():
    if len(_expansion) > 1:
        _ABBR_OF.setdefault(_expansion, _abbr)
_LONGEST = max((len(e) for e in _ABBR_OF), default=0)


def written_out_run(clauses: tuple[Clause, ...]) -> tuple[str, int] | None:
    """(abbreviation, k) when the last k query words (plain words, k >= 2) are what an abbreviation
    stands for ("... lien doan lao dong" → ("ldld", 4)); the longest such run. None otherwise."""
    words: list[str] = []
    found = None
    for clause in reversed(clauses[-_LONGEST:] if _LONGEST else ()):
        word = _plain_word(clause)
        if word is None:
            break
        words.insert(0, word)
        abbr = _ABBR_OF.get(tuple(words))
        if abbr is not None:
            found = (abbr, len(words))
    return found


def term_aliases(folded: str) -> tuple[str, ...]:
    """Other terms a text token also stands for: "8.945" → "8945", "mttq" → "mat tran to quoc"."""
    if _GROUPED_NUMBER.fullmatch(folded):
        return (folded.replace(".", "").replace(",", ""),)
    return _ABBR_EXPANSIONS.get(folded, ())


def _plain_word(clause: Clause) -> str | None:
    if clause.negated or len(clause.alternatives) != 1 or len(clause.alternatives[0].terms) != 1:
        return None
    return clause.alternatives[0].terms[0].folded


def with_abbreviations(parsed: ParsedQuery) -> ParsedQuery:
    """Let a typed abbreviation ("LĐLĐ") also match its expansion written out in full.

    The other way round needs no rewrite: the text's abbreviations are indexed with their expansions.
    """
    out = []
    for clause in parsed.clauses:
        expansion = _ABBR_EXPANSIONS.get(_plain_word(clause) or "")
        if expansion:
            terms = tuple(Term(f, fuzzy=False) for f in expansion)
            phrase = Alternative(terms, phrase=len(expansion) > 1, expansion=True)
            clause = Clause((*clause.alternatives, phrase))
        out.append(clause)
    return ParsedQuery(parsed.text, tuple(out), parsed.filters, parsed.ignored)


