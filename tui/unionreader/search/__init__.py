"""Search: an in-memory index that is fuzzy, typo-tolerant, diacritic-insensitive and filterable.

The public surface is what the app, the commands and the library use; the modules behind it are the
query language (``query``), the index and its build (``index``, ``index_build``, ``index_batch``,
``postings``), ranking (``ranking``: a query's clauses assembled; ``clause_scoring``: one clause
scored; ``ranking_arrays``: the per-doc arrays it keeps; ``ranking_source``: the read-only view of the
index it reads; ``ranking_order``: the first docs picked and ordered), snippets and highlights
(``highlight``), the abbreviation aliases (``aliases``) and the typo rule shared with the people
directory (``typos``).
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
