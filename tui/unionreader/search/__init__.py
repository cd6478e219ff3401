"""Search: an in-memory index that is fuzzy, typo-tolerant, diacritic-insensitive and filterable.

The public surface is what the app, the commands and the library use; the modules behind it are the
query language (``query``), the index and its build (``index``, ``index_build``, ``index_batch``,
``postings``), ranking (``ranking``, ``ranking_order``), snippets and highlights (``highlight``), the
abbreviation aliases (``aliases``) and the typo rule shared with the people directory (``typos``).
"""

from .aliases import fold_phrase, term_aliases
from .highlight import Hit
from .index import RankedDocs, SearchIndex, SearchResult
from .query import ParsedQuery, parse_query
from .typos import close_terms, typo_budget

__all__ = [
    "Hit",
    "ParsedQuery",
    "RankedDocs",
    "SearchIndex",
    "SearchResult",
    "close_terms",
    "fold_phrase",
    "parse_query",
    "term_aliases",
    "typo_budget",
]
