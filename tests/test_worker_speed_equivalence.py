"""The cold open's worker shortcuts give what the plain calls give.

A file read for the cache is read once (its hash and its articles from the same bytes) instead of
hashed, read and hashed again; a pool worker's outcomes pickle by position; ``fold_phrase`` folds the
token texts without a ``Token`` each. Each test compares a shortcut with the plain path it replaces.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from unionreader.corpus import Source, load_bytes, load_source
from unionreader.library import worker
from unionreader.library.prepared import analyse_prepared_files
from unionreader.library.worker import (
    FileOutcome,
    StampedOutcome,
    analyse_encoded_files,
    analyse_file,
    analyse_stamped,
)
from unionreader.search.aliases import fold_phrase
from unionreader.search.doc_terms import doc_terms
from unionreader.text import fold, iter_tokens

tests_dir = Path(__file__).parent

ARTICLE = (
    "Công đoàn Khu công nghiệp Tân Phú tổ chức Hội nghị tổng kết năm 2025\n\n"
    "Sáng 12/01/2026, Công đoàn Khu công nghiệp Tân Phú tổ chức hội nghị tổng kết. Dự hội nghị có "
    "ông Lâm Văn Khải, Chủ tịch Liên đoàn Lao động tỉnh. Năm qua, công đoàn phát triển 1.250 đoàn "
    "viên mới và trao 85 suất quà, tổng trị giá 170 triệu đồng.\n"
)


def _files(tmp_path):
    cases = {
        "tin.txt": ARTICLE.encode(),
        "bom.txt": b"\xef\xbb\xbf" + ARTICLE.encode(),
        "cp1258.txt": (tests_dir / "fixtures" / "inputs" / "cp1258_article.txt").read_bytes(),
        "rong.txt": b"",
        "trang.txt": b" \n\t ",
        "nhiphan.txt": b"\x00\x01\x02 binary",
        "dong.jsonl": ('{"title": "Tin ngắn", "text": "' + ARTICLE.replace("\n", " ") + '"}\nkhông phải JSON\n').encode(),
    }
    paths = []
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    folder = tmp_path / "thu_muc.txt"
    folder.mkdir(exist_ok=True)
    paths += [str(folder), str(tmp_path / "khong_co.txt")]
    return paths


def _plain_stamped(path: str, known: str | None = None) -> StampedOutcome:
    """``analyse_stamped`` by the general route (hash, read, hash again)."""
    return analyse_stamped(path, known, lambda p: analyse_file(p))


def test_loading_bytes_read_already_is_loading_the_file(tmp_path):
    for path in _files(tmp_path):
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                assert load_bytes(path, handle.read()) == load_source(Source(path))


def test_a_file_read_once_is_stamped_as_when_hashed_and_read_apart(tmp_path):
    for path in _files(tmp_path):
        once, plain = analyse_stamped(path), _plain_stamped(path)
        assert once == plain, path
        if plain.stable:
            with open(path, "rb") as handle:
                assert once.digest == hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
            touched = analyse_stamped(path, plain.digest)  # unchanged content: only touched
            assert touched == _plain_stamped(path, plain.digest) and touched.outcome is None


def test_a_file_that_changes_while_read_once_is_read_again(tmp_path, monkeypatch):
    path = tmp_path / "tin.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_read, reads = worker.read_bytes, []

    def read_then_edit(name, size):
        data = real_read(name, size)
        reads.append(name)
        if len(reads) == 1:  # the file is written to while (just after) it is read
            path.write_text(ARTICLE + "Bổ sung: quỹ mái ấm công đoàn.\n", encoding="utf-8")
            os.utime(path, ns=(0, os.stat(path).st_mtime_ns + 1_000_000_000))
        return data

    monkeypatch.setattr(worker, "read_bytes", read_then_edit)
    stamped = analyse_stamped(str(path))
    assert len(reads) == 2 and stamped.stable
    assert "quỹ mái ấm" in stamped.outcome.analyses[0].article.text
    assert stamped == _plain_stamped(str(path))


def test_a_file_that_never_holds_still_while_read_once_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "tin.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_read = worker.read_bytes

    def read_then_touch(name, size):
        data = real_read(name, size)
        os.utime(path, ns=(0, os.stat(path).st_mtime_ns + 1_000_000_000))
        return data

    monkeypatch.setattr(worker, "read_bytes", read_then_touch)
    stamped = analyse_stamped(str(path))
    assert not stamped.stable and "kept changing" in str(stamped.outcome.errors[0])


def test_outcomes_pickle_to_equal_outcomes(tmp_path):
    for path in _files(tmp_path):
        stamped = analyse_stamped(path)
        assert pickle.loads(pickle.dumps(stamped, protocol=pickle.HIGHEST_PROTOCOL)) == stamped
        outcome = analyse_file(path)
        assert pickle.loads(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)) == outcome
    [sent] = analyse_encoded_files([(_files(tmp_path)[0], None)])
    assert sent.payload is not None and pickle.loads(pickle.dumps(sent)) == sent
    assert FileOutcome("a", (), ()) == pickle.loads(pickle.dumps(FileOutcome("a", (), ())))


def test_prepared_files_are_the_encoded_ones_with_each_articles_terms(tmp_path):
    paths = _files(tmp_path)
    tasks = [(p, None) for p in paths]
    outcomes, prepared = analyse_prepared_files(tasks)
    assert outcomes == analyse_encoded_files(tasks)
    for stamped, made in zip(outcomes, prepared, strict=True):
        if stamped.payload is None:
            assert made is None
            continue
        decoded = stamped.decoded().outcome
        assert made.ids == tuple(a.article.id for a in decoded.analyses)
        assert made.terms == tuple(map(doc_terms, decoded.analyses)) and made.errors == decoded.errors


@given(st.text(alphabet=st.sampled_from("Công đoàn ĐỦỷhoà Covid-19 8.945 1,5 30/01/2024 09/NQ-CĐVC –./\u0301\n"), max_size=40))
def test_fold_phrase_is_the_folded_token_texts(phrase):
    assert fold_phrase(phrase) == tuple(fold(t.text) for t in iter_tokens(phrase))


# Letters of every kind (title-case, modifier, other), and what is not a letter but may look like one to a
# shortcut that splits at spaces: digits of other scripts, numerals, "_", a stray mark, other spaces.
@given(st.lists(st.text(alphabet=st.sampled_from("CôngĐủhoàǅʰ中²½Ⅻ٣_\u0301\u00a0\t-"), max_size=6), max_size=6))
def test_fold_phrase_of_words_between_single_spaces_is_the_folded_token_texts(words):
    phrase = " ".join(words)
    assert fold_phrase(phrase) == tuple(fold(t.text) for t in iter_tokens(phrase))


def _plain_doc_terms(analysis):
    """``doc_terms`` as it was written before: each field word put one at a time."""
    from unionreader.search.doc_terms import SEPARATOR, DocTerms, _date_keys

    fields, facets, displays, expansions = {}, {}, {}, []
    dates = dict.fromkeys(d for d in (analysis.date, analysis.article.published) if d)

    def put(name, value):
        fields.setdefault(name, {})[value] = None

    for entity in analysis.entities:
        kind, value = entity.type, entity.value
        name = {"person": "person", "organization": "org", "location": "place"}.get(kind)
        if name:
            display = value if isinstance(value, str) and value else entity.text
            if (name, display) not in displays:
                displays[name, display] = None
                for syllable in fold_phrase(display):
                    put(name, syllable)
            if kind != "location":
                facets[kind, display] = None
        elif kind in ("money", "document"):
            put("has", kind)
        elif kind == "date" and isinstance(value, str):
            dates[value] = None
        elif kind == "abbreviation" and isinstance(value, str):
            expansions.extend(fold_phrase(value))
    for fact in analysis.facts:
        put("kind", fact.kind)
        facets["kind", fact.kind] = None
        if fact.kind == "awards":
            put("has", "award")
        elif fact.kind == "documents":
            put("has", "document")
    for iso in dates:
        for key in _date_keys(iso):
            put("date", key)
        if _date_keys(iso):
            facets["year", iso[:4]] = None
    return DocTerms(analysis.article.text.encode("utf-8", "replace"), analysis.article.title, analysis.date or analysis.article.published or "",
                    tuple((name, SEPARATOR.join(values)) for name, values in fields.items()), tuple(facets),
                    tuple(expansions))


def test_doc_terms_are_what_putting_each_word_gives(tmp_path):
    from unionreader.corpus import load_paths

    loaded = load_paths([tests_dir / "fixtures" / "articles", tests_dir / "fixtures" / "news", *_files(tmp_path)])
    analyses = [analyse_file(a.source).analyses[0] for a in loaded.articles if a.source.endswith(".txt")]
    assert len(analyses) >= 6 and any(a.entities for a in analyses)
    for analysis in analyses:
        assert doc_terms(analysis) == _plain_doc_terms(analysis)


def test_an_uncached_file_is_stat_once_and_outcomes_as_the_plain_route(tmp_path, monkeypatch):
    """Without a cache, the plain analyser's file is stat'ed once for its size and its reader (the general
    route, kept for other analysers, stats it twice): same outcomes, same sizes, bad inputs included."""
    (tmp_path / "tin.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "hai.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "rong.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "thu-muc.txt").mkdir()
    big = tmp_path / "lon.txt"
    with open(big, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    names = ["tin.txt", "rong.txt", "thu-muc.txt", "lon.txt", "khong-co.txt"]
    # (and a name the system spells otherwise: the general route)
    tasks = [(str(tmp_path / name), None) for name in names] + [(f"{tmp_path}/hai.txt/", None)]
    plain = worker.analyse_unstamped_files(tasks, analyser=lambda path: analyse_file(path))
    stats = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: stats.append(path) or real_stat(path, *a, **k))
    assert worker.analyse_unstamped_files(tasks) == plain
    assert stats.count(tasks[0][0]) == 1
    assert [stamped.size for stamped in plain][:4] == [len(ARTICLE.encode()), 3, real_stat(tmp_path / "thu-muc.txt").st_size,
                                                    21 * 1024 * 1024]
