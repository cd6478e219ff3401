"""Articles read by pool workers are indexed from the terms the workers send (``DocTerms``) and decoded
in the opening process only when asked for; the index is the same as one built from the analyses."""

from __future__ import annotations

import numpy as np
import pytest

from test_library import write_article
from unionreader.articles import Article, Paragraph
from unionreader.extract.models import Analysis, Entity, Fact
from unionreader.library import store as store_module
from unionreader.library.batching import Batch
from unionreader.library.extracting import POOL_MIN_FILES
from unionreader.library.indexer import IndexFeeder
from unionreader.library.loader import Library
from unionreader.library.prepared import HandedDocs, PayloadFile, StoredDoc
from unionreader.search import SearchIndex
from unionreader.search.doc_terms import SEPARATOR, doc_terms

QUERIES = ["công đoàn", "hoa binh", "org:song lam", "person:trinh", "has:money", "date:2024-04", "khen thưởng 7"]


def _analysis(text: str, entities: tuple[Entity, ...], facts: tuple[Fact, ...] = (), date: str | None = None,
              published: str | None = None) -> Analysis:
    title = text.split(".")[0]
    article = Article("a1", "x.txt", title, True, text, (Paragraph("title", 0, len(title)),), None, text, published)
    return Analysis(article, entities, facts, date)


def _entity(kind: str, text: str, value=None) -> Entity:
    return Entity(kind, text, 0, len(text), value if value is not None else text)


def test_doc_terms_fold_each_name_once_and_keep_every_expansion():
    analysis = _analysis(
        "Công đoàn Trường Tiểu học Sông Lam họp.",
        (
            _entity("organization", "Công đoàn Trường Tiểu học Sông Lam"),
            _entity("organization", "Công đoàn Trường Tiểu học Sông Lam"),  # named twice: its words once
            _entity("person", "Trịnh Văn Hùng"),
            _entity("location", "Sông Lam"),
            _entity("money", "2 triệu đồng", 2_000_000),
            _entity("abbreviation", "CĐCS", "Công đoàn cơ sở"),
            _entity("abbreviation", "CĐCS", "Công đoàn cơ sở"),
            _entity("date", "12/4/2024", "2024-04-12"),
        ),
        (Fact("awards", "Khen thưởng", "5 đoàn viên", "…", 0, 1),),
        published="2024-04-13",
    )
    terms = doc_terms(analysis)
    fields = {name: joined.split(SEPARATOR) for name, joined in terms.fields}
    assert fields["org"] == ["cong", "doan", "truong", "tieu", "hoc", "song", "lam"]
    assert fields["person"] == ["trinh", "van", "hung"]
    assert fields["place"] == ["song", "lam"]
    assert fields["has"] == ["money", "award"]
    assert fields["kind"] == ["awards"]
    assert sorted(fields["date"]) == ["2024", "2024-04", "2024-04-12", "2024-04-13"]
    assert set(terms.facets) == {("organization", "Công đoàn Trường Tiểu học Sông Lam"),
                                 ("person", "Trịnh Văn Hùng"), ("kind", "awards"), ("year", "2024")}
    assert terms.expansions == ("cong", "doan", "co", "so") * 2  # (each definition counts, as before)
    assert terms.date == "2024-04-13" and terms.title == analysis.article.title


def _archive(tmp_path, n: int):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(n):
        write_article(folder / f"{i:03d}.txt", i)
    return folder


def _open(library: Library, folder) -> tuple[SearchIndex, list[Batch]]:
    index = SearchIndex()
    batches = [e for e in library.open([str(folder)], IndexFeeder(index)) if isinstance(e, Batch)]
    return index, batches


def _index_state(index: SearchIndex) -> dict:
    return {
        "fields": {name: {v: list(d) for v, d in values.items()} for name, values in index.fields.items()},
        "facets": sorted((index._facet_names[f], d) for d, f in zip(index._facet_doc, index._facet_val, strict=True)),
        "dates": index.date_numbers().tolist(),
        "lengths": index.doc_lengths().tolist(),
        "search": {q: index.search(q, limit=50).docs for q in QUERIES},
    }


def test_a_pool_open_indexes_what_the_workers_send_and_decodes_nothing_until_asked(tmp_path, monkeypatch):
    folder = _archive(tmp_path, POOL_MIN_FILES + 16)
    decoded: list[int] = []
    real_decode = store_module.decode

    def counting_decode(payload):
        decoded.append(1)
        return real_decode(payload)

    monkeypatch.setattr(store_module, "decode", counting_decode)
    index = SearchIndex()
    handed = []
    for event in Library(tmp_path / "pool-cache", jobs=2).open([str(folder)], IndexFeeder(index)):
        if isinstance(event, Batch) and event.analyses:
            assert isinstance(event.analyses, HandedDocs)
            assert not decoded  # (indexed and stored: nothing decoded in this process)
            handed.extend(event.analyses)  # a consumer (the app's tables, ``facts``) reads them all
            assert decoded
            decoded.clear()
    in_process, _ = _open(Library(tmp_path / "plain-cache", jobs=1), folder)

    assert len(index) == len(in_process) == POOL_MIN_FILES + 16
    assert _index_state(index) == _index_state(in_process)
    for doc in range(len(index)):
        assert index.analysis(doc) == in_process.analysis(doc)
    assert [a.article.id for a in handed] == [index.analysis(d).article.id for d in range(len(index))]
    assert handed == [in_process.analysis(d) for d in range(len(in_process))]


def test_a_pool_open_without_an_index_hands_over_decoded_analyses(tmp_path):
    folder = _archive(tmp_path, POOL_MIN_FILES + 4)
    batches = [e for e in Library(tmp_path / "cache", jobs=2).open([str(folder)]) if isinstance(e, Batch)]
    assert all(type(b.analyses) is tuple for b in batches)
    assert sum(len(b.analyses) for b in batches) == POOL_MIN_FILES + 4


def test_a_stored_doc_decodes_its_file_once_and_reads_as_a_sequence(tmp_path):
    analyses = tuple(_analysis(f"Bài {i}. Công đoàn họp.", (_entity("person", "Trịnh Văn Hùng"),)) for i in range(2))
    file = PayloadFile(store_module.encode("x.txt", analyses, ()))
    docs = [StoredDoc(f"a{i}", doc_terms(a), file, i) for i, a in enumerate(analyses)]
    handed = HandedDocs((analyses[0], *docs))
    assert len(handed) == 3 and list(handed) == [analyses[0], *analyses]
    assert handed[1:] == analyses and handed[2] == analyses[1]
    assert docs[0].analysis() is docs[1].file.analyses()[0]  # (one decode per file)
    index = SearchIndex()
    index.add(docs)
    plain = SearchIndex()
    plain.add(analyses)
    assert index.analysis(1) == analyses[1]
    assert np.array_equal(index.doc_lengths(), plain.doc_lengths())
    assert index.search("person:hung", limit=5).docs == plain.search("person:hung", limit=5).docs == (0, 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_pool_open_then_a_warm_reopen_reads_the_same(tmp_path, jobs):
    folder = _archive(tmp_path, POOL_MIN_FILES + 2)
    cache = tmp_path / "cache"
    cold, _ = _open(Library(cache, jobs=jobs), folder)
    warm, _ = _open(Library(cache, jobs=jobs), folder)
    assert _index_state(cold) == _index_state(warm)
    assert [warm.analysis(d) for d in range(len(warm))] == [cold.analysis(d) for d in range(len(cold))]


def test_the_articles_to_expect_are_counted_as_count_articles_does(tmp_path):
    from unionreader.corpus import count_articles
    from unionreader.library.plan import expected_articles

    (tmp_path / "a.txt").write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "một"}\n\n{"text": "hai"}\n', encoding="utf-8")
    (tmp_path / "D.JSONL").write_text("", encoding="utf-8")
    files = [str(p) for p in sorted(tmp_path.iterdir())]
    assert expected_articles(files) == count_articles(files) == 4
    assert expected_articles([f for f in files if not f.lower().endswith(".jsonl")]) == 2
