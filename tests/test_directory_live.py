"""The tables of a corpus that grows while it loads (``directory.live``): fed per batch, caught up
from the corpus for what was not fed, read lazily, and the same tables as those built at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionreader.corpus import load_paths
from unionreader.directory import build_orgs, build_people, render
from unionreader.directory.live import CorpusPrefix, LiveTables
from unionreader.extract import analyse

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def analyses():
    found = [analyse(a) for a in load_paths([str(FIXTURES / "directory"), str(FIXTURES / "articles")]).articles]
    assert len(found) >= 6
    return found


class CountingCorpus:
    """A growing corpus that counts the analyses read from it (the app's index, in a test)."""

    def __init__(self, analyses) -> None:
        self.analyses = list(analyses)
        self.reads: list[int] = []

    def __len__(self) -> int:
        return len(self.analyses)

    def __getitem__(self, doc):
        self.reads.append(doc)
        return self.analyses[doc]


def people_of(table) -> list:
    return [(table.rows[i].name, table.rows[i].role, render.person_json(table.profile(i))) for i in table.order("latest")]


def orgs_of(table) -> list:
    return [(table.rows[i].name, render.org_json(table.profile(i))) for i in table.order("latest")]


def test_tables_fed_per_batch_are_those_built_at_once_and_read_no_analysis(analyses):
    corpus = CountingCorpus([])
    live = LiveTables(corpus, on_built=lambda: None)
    for start in range(0, len(analyses), 2):
        batch = analyses[start : start + 2]
        corpus.analyses.extend(batch)
        live.feed(start, batch)
    people, orgs = live.table("people"), live.table("orgs")
    assert corpus.reads == []  # everything was scanned as it was fed: no article read back
    assert people_of(people) == people_of(build_people(analyses))
    assert orgs_of(orgs) == orgs_of(build_orgs(analyses))


def test_articles_never_fed_are_scanned_from_the_corpus(analyses):
    """An index restored from the cache comes with no batches; a batch after a gap is not scanned
    out of order but read back with the gap."""
    third = len(analyses) // 3
    corpus = CountingCorpus(analyses[: 2 * third])  # restored: never fed
    live = LiveTables(corpus, on_built=lambda: None)
    live.feed(2 * third, analyses[2 * third :])  # arrives after the restored ones: not scannable yet
    assert live.scanned("people") == live.scanned("orgs") == 0
    corpus.analyses.extend(analyses[2 * third :])
    people = live.table("people")
    assert live.scanned("people") == len(analyses) and live.scanned("orgs") == 0
    assert people_of(people) == people_of(build_people(analyses))
    assert orgs_of(live.table("orgs")) == orgs_of(build_orgs(analyses))


def test_a_batch_fed_while_its_table_is_built_is_left_for_the_next_table(analyses):
    corpus = CountingCorpus(analyses[:3])
    live = LiveTables(corpus, on_built=lambda: None)
    live.feed(0, analyses[:3])
    with live._locks["people"]:  # the people table is being built on another thread
        corpus.analyses.extend(analyses[3:])
        live.feed(3, analyses[3:])
    assert live.scanned("people") == 3 and live.scanned("orgs") == len(analyses)
    assert people_of(live.table("people")) == people_of(build_people(analyses))


def test_a_table_is_built_once_per_corpus_size_and_kept_out_of_the_collectors_view(analyses):
    built = []
    corpus = CountingCorpus(analyses[:4])
    live = LiveTables(corpus, on_built=lambda: built.append(len(corpus)))
    live.feed(0, analyses[:4])
    first = live.table("people")
    assert live.table("people") is first and built == [4]
    corpus.analyses.extend(analyses[4:])
    live.feed(4, analyses[4:])
    later = live.table("people")
    assert later is not first and built == [4, len(analyses)]
    assert len(first.analyses) == 4  # the early table keeps to its articles
    assert people_of(first) == people_of(build_people(analyses[:4]))


def test_a_profile_reads_only_the_articles_of_its_row(analyses):
    corpus = CountingCorpus([])
    live = LiveTables(corpus, on_built=lambda: None)
    corpus.analyses.extend(analyses)
    live.feed(0, analyses)
    table = live.table("people")
    row = table.order()[0]
    table.profile(row)
    assert set(corpus.reads) == set(table.docs_of(row))


def test_corpus_prefix_is_the_first_articles_only():
    prefix = CorpusPrefix(list("abcdef"), 4)
    assert len(prefix) == 4 and prefix[3] == "d" and prefix[-1] == "d" and prefix[1:3] == ["b", "c"]
    with pytest.raises(IndexError):
        prefix[4]


def test_a_table_needs_every_article_it_was_fed(analyses):
    from unionreader.directory import PeopleBuilder

    builder = PeopleBuilder()
    builder.add(analyses)
    with pytest.raises(ValueError):
        builder.table(analyses[:-1])


def test_ready_gives_a_table_only_while_it_covers_every_article(analyses):
    corpus = CountingCorpus(analyses[:4])
    live = LiveTables(corpus, on_built=lambda: None)
    live.feed(0, analyses[:4])
    assert live.ready("orgs") is None
    table = live.table("orgs")
    assert live.ready("orgs") is table and live.ready("people") is None
    corpus.analyses.extend(analyses[4:])
    assert live.ready("orgs") is None


def test_a_profiles_article_list_reads_an_article_only_when_it_is_listed(analyses):
    from unionreader.directory.people import ArticleRef, ArticleRefs

    corpus = CountingCorpus(analyses)
    dated = [(3, "2024-05-01"), (0, None), (2, "2023-01-01")]
    refs = ArticleRefs(corpus, dated)
    assert len(refs) == 3 and corpus.reads == []
    first_two = refs[:2]
    assert corpus.reads == [3, 0]
    expected = tuple(ArticleRef(d, analyses[d].article.id, analyses[d].article.title, date) for d, date in dated)
    assert first_two == expected[:2] and refs[2] == expected[2] and refs == expected and list(refs) == list(expected)
