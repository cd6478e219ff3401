"""The models pickle by their fields in order (``__reduce__``): every field, none defaulted, survives."""

import dataclasses
import pickle

import pytest

from unionreader.articles import Article, Paragraph
from unionreader.corpus import LoadError
from unionreader.extract.models import Analysis, Entity, Fact

PARAGRAPH = Paragraph("caption", 3, 17)
ARTICLE = Article(
    "id-1", "tin/a.txt", "Hội nghị người lao động", False, "Hội nghị người lao động năm nay",
    (Paragraph("title", 0, 23), PARAGRAPH), "Lan Anh", "raw text", "2025-03-08", "https://example.vn/a",
    "Báo Lao động",
)
ENTITY = Entity("count", "120 đoàn viên", 4, 17, 120, {"unit": "đoàn viên"})
FACT = Fact("figures", "Đoàn viên", {"value": 120}, "Có 120 đoàn viên.", 0, 17, (0, 2))
ANALYSIS = Analysis(ARTICLE, (ENTITY,), (FACT,), "2025-03-08", "Công đoàn ngành Y tế")
ERROR = LoadError("tin/b.txt", "not UTF-8", "warning")


@pytest.mark.parametrize("record", [PARAGRAPH, ARTICLE, ENTITY, FACT, ANALYSIS, ERROR], ids=lambda r: type(r).__name__)
def test_a_model_pickles_with_every_field(record):
    defaults = {f.name for f in dataclasses.fields(record) if getattr(record, f.name) == f.default}
    assert not defaults, "set every field to a non-default value so a missing one shows"
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(record, protocol=protocol))
        assert again == record
        assert type(again) is type(record)
    assert len(record.__reduce__()[1]) == len(dataclasses.fields(record))


def test_analyses_pickled_when_the_article_model_lived_in_corpus_still_load():
    import pickle

    from unionreader.articles import Paragraph

    # a pickle as written before the split names unionreader.corpus for the article model's classes
    old = pickle.dumps(Paragraph("body", 0, 9), protocol=0).replace(b"unionreader.articles", b"unionreader.corpus")
    assert b"unionreader.corpus" in old
    assert pickle.loads(old) == Paragraph("body", 0, 9)
