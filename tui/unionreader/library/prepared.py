"""Articles a pool worker read for the store, handed to the index without decoding them here.

A worker sends each file it read as the store's payload (compressed bytes, written as they are) and,
beside it, what the index takes from each article (``DocTerms``: its text, title, field words, facets,
dates). The opening process indexes those and stores the payload; it decodes a file's analyses only
when something asks for them (a reader showing the article, the app's people tables, ``facts``).
Decoding every analysis was two fifths of that process's work in a cold open, and on two cores every
CPU-second of it is a second the workers wait."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..corpus import LoadError
from ..extract.models import Analysis
from ..search.doc_terms import DocTerms, Prepared, doc_terms
from .worker import StampedOutcome, analyse_file, encoded_outcomes


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """What the index needs of one file's articles (in the file's order), and its load problems."""

    ids: tuple[str, ...]
    terms: tuple[DocTerms, ...]
    errors: tuple[LoadError, ...]

    def __reduce__(self):
        return type(self), (self.ids, self.terms, self.errors)

    def docs(self, payload: bytes) -> tuple[StoredDoc, ...]:
        """The file's articles as the index takes them, each read from ``payload`` when asked for."""
        file = PayloadFile(payload)
        return tuple(StoredDoc(i, t, file, n) for n, (i, t) in enumerate(zip(self.ids, self.terms, strict=True)))


def analyse_prepared_files(tasks: list[tuple[str, str | None]], analyser=analyse_file
                           ) -> tuple[list[StampedOutcome], list[PreparedFile | None]]:
    """A pool task: ``analyse_encoded_files``, and for each file sent as a payload its articles'
    ``DocTerms`` (None for the others)."""
    outcomes: list[StampedOutcome] = []
    prepared: list[PreparedFile | None] = []
    for stamped, outcome in encoded_outcomes(tasks, analyser):
        outcomes.append(stamped)
        if outcome is None:
            prepared.append(None)
            continue
        analyses = outcome.analyses
        prepared.append(PreparedFile(tuple(a.article.id for a in analyses), tuple(map(doc_terms, analyses)),
                                     outcome.errors))
    return outcomes, prepared


class PayloadFile:
    """A stored file's analyses, decoded from its payload the first time one is asked for."""

    __slots__ = ("_analyses", "_payload")

    def __init__(self, payload: bytes) -> None:
        self._payload = payload
        self._analyses: tuple[Analysis, ...] | None = None

    def analyses(self) -> tuple[Analysis, ...]:
        if self._analyses is None:
            from .store import decode

            self._analyses = decode(self._payload)[1]
        return self._analyses


class StoredDoc(Prepared):
    """One article of a ``PayloadFile``, with its id and ``DocTerms``."""

    __slots__ = ("file", "id", "number", "terms")

    def __init__(self, article_id: str, terms: DocTerms, file: PayloadFile, number: int) -> None:
        self.id = article_id
        self.terms = terms
        self.file = file
        self.number = number

    def analysis(self) -> Analysis:
        return self.file.analyses()[self.number]


def article_id(item: Analysis | StoredDoc) -> str:
    return item.id if isinstance(item, StoredDoc) else item.article.id


class HandedDocs(Sequence[Analysis]):
    """A batch's articles: analyses, or ``StoredDoc``s read when asked for (``items``: as they are)."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Analysis | Prepared, ...]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(map(_analysis, self.items[i]))
        return _analysis(self.items[i])

    def __iter__(self) -> Iterator[Analysis]:
        return map(_analysis, self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


def _analysis(item: Analysis | Prepared) -> Analysis:
    return item.analysis() if isinstance(item, Prepared) else item


def as_handed(items: list[Analysis | Prepared]) -> Sequence[Analysis]:
    """A batch's ``analyses``: a plain tuple when every one is decoded already."""
    if any(isinstance(item, Prepared) for item in items):
        return HandedDocs(tuple(items))
    return tuple(items)


def index_items(analyses: Sequence[Analysis]) -> Sequence[Analysis | Prepared]:
    """What to hand the index of a batch's ``analyses`` (without decoding any)."""
    return analyses.items if isinstance(analyses, HandedDocs) else analyses
