"""Reading and cleaning articles: the seeds, encodings, JSONL, stdin and every kind of bad input."""

import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from unionreader.articles import Article, parse_article
from unionreader.cleaning import clean_page, derive_title, is_noise_line, parse_dateline
from unionreader.corpus import LoadError, Source, default_corpus_dir, discover, load_paths, load_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    result = load_paths([SEEDS])
    assert not result.errors
    return {Path(a.source).name: a for a in result.articles}


def seed(seeds, prefix: str) -> Article:
    return next(a for name, a in seeds.items() if name.startswith(prefix))


def test_all_seeds_load(seeds):
    assert len(seeds) == 5
    for article in seeds.values():
        assert article.text and unicodedata.is_normalized("NFC", article.text)
        for p in article.paragraphs:
            assert article.text[p.start : p.end].strip() == article.text[p.start : p.end]
        assert "\n\n\n" not in article.text and "  " not in article.text


@pytest.mark.parametrize(
    "noise",
    [
        "TIN HOẠT ĐỘNG",
        "Back",
        "leftcenterrightdel",
        "Đang online",
        "Đã truy cập",
        "631817",
        "LIÊN KẾT WEBSITE",
        "liên kết web",
        "\u00a0",
    ],
)
def test_furniture_is_gone_from_every_seed(seeds, noise):
    for article in seeds.values():
        assert noise not in article.text


def test_prose_is_kept_word_for_word(seeds):
    """Every body sentence of the raw page survives cleaning (only furniture lines go)."""
    for name, article in seeds.items():
        raw = (SEEDS / name).read_text(encoding="utf-8")
        cleaned = " ".join(article.text.split())
        for line in raw.splitlines():
            line = " ".join(line.replace("\u00a0", " ").split())
            if len(line) > 120:  # prose paragraphs; short lines are headings, captions, furniture
                assert line.rstrip("| ") in cleaned, (name, line[:60])


def test_titles_from_headlines_and_derived_when_missing(seeds):
    a000 = seed(seeds, "000")
    assert a000.title.startswith("Công đoàn cơ sở Cục") and not a000.title_derived
    assert a000.paragraphs[0].kind == "title" and a000.text.startswith(a000.title)
    a003 = seed(seeds, "003")
    assert a003.title.startswith("Công đoàn cơ sở Ủy ban MTTQ:") and not a003.title_derived
    for prefix in ("001", "002"):
        article = seed(seeds, prefix)
        assert article.title_derived and 3 <= len(article.title.split()) <= 15
        assert article.paragraphs[0].kind == "body"  # a derived title is not part of the text
    # The derived title drops the leading "Ngày 18/1," (when, not what).
    assert seed(seeds, "002").title.startswith("Công đoàn Viên chức thành phố Hà Nội tổ chức")


def test_bylines(seeds):
    assert seed(seeds, "001").byline == "Đắc Thái"
    assert seed(seeds, "002").byline == "Mai Hoàng"
    assert seed(seeds, "003").byline == "Lưu Hồng Tài"
    assert seed(seeds, "004").byline == "Minh Quang"  # "Th/h: Minh Quang"
    for article in seeds.values():
        if article.byline:
            assert not article.text.rstrip().endswith(article.byline)


def test_captions_are_kept_and_marked(seeds):
    a001 = seed(seeds, "001")
    captions = [a001.text[p.start : p.end] for p in a001.paragraphs if p.kind == "caption"]
    assert "Quang cảnh Hội nghị." in captions  # the line after "leftcenterrightdel"
    assert len(captions) == 6
    a002 = seed(seeds, "002")
    captions = [a002.text[p.start : p.end] for p in a002.paragraphs if p.kind == "caption"]
    assert any(c.endswith("phát biểu tại Hội nghị") for c in captions)  # "… |" with the bar removed
    assert not any(c.endswith("|") for c in captions)


def test_id_is_stable_and_content_based(seeds):
    a = seed(seeds, "000")
    raw = a.raw
    assert parse_article(raw, "elsewhere.txt").id == a.id
    assert parse_article(raw + "\nMột câu mới.", "x").id != a.id


def test_default_corpus_is_the_seeds():
    assert sorted(p.name for p in default_corpus_dir().glob("*.txt")) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    assert len(load_paths([]).articles) == 5


# --- encodings -------------------------------------------------------------------------------


def _only_article(path: Path) -> tuple[Article, list[LoadError]]:
    items = load_source(Source(str(path), path.stat().st_size))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1, items
    return articles[0], [i for i in items if isinstance(i, LoadError)]


def test_nfd_file_is_normalised_to_nfc():
    article, problems = _only_article(INPUTS / "nfd_article.txt")
    assert not problems
    assert unicodedata.is_normalized("NFC", article.text)
    assert "Công đoàn Viên chức tỉnh Nam Định" in article.title
    assert article.byline == "Thu Hà"


@pytest.mark.parametrize(
    ("name", "place"), [("utf16_article.txt", "Thái Bình"), ("utf8_bom_article.txt", "Ninh Bình")]
)
def test_utf16_and_bom_files(name, place):
    article, problems = _only_article(INPUTS / name)
    assert not problems
    assert place in article.title and not article.title.startswith("\ufeff")


def test_cp1258_file_decodes_with_a_warning():
    article, problems = _only_article(INPUTS / "cp1258_article.txt")
    assert [p.kind for p in problems] == ["warning"]
    assert "Windows-1258" in problems[0].error
    assert "Công đoàn Viên chức tỉnh Hà Nam" in article.title
    assert "Uỷ ban Kiểm tra" in article.text or "Ủy ban Kiểm tra" in article.text
    assert unicodedata.is_normalized("NFC", article.text)


# --- JSONL and stdin ---------------------------------------------------------------------------


def test_jsonl_lines_become_articles_and_bad_lines_are_reported():
    items = load_source(Source(str(INPUTS / "articles.jsonl")))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, LoadError)]
    assert [a.source.rsplit(":", 1)[1] for a in articles] == ["1", "4"]
    first = articles[0]
    assert first.title == "Công đoàn ngành Giáo dục tỉnh Nghệ An trao 50 suất học bổng"
    assert first.published == "2024-03-02" and first.url == "https://example.org/a"
    assert first.origin == "Báo Lao động" and first.byline == "Phạm Minh"
    assert articles[1].title_derived
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "malformed JSON" in errors[0].error and '"text"' in errors[1].error


def test_stdin_is_read(monkeypatch):
    text = (INPUTS / "nfd_article.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    result = load_paths(["-"])
    assert [a.source for a in result.articles] == ["-"]


# --- bad input -------------------------------------------------------------------------------


def test_bad_inputs_are_reported_one_line_each_and_the_rest_loads(tmp_path):
    empty_dir = tmp_path / "empty_dir"
    empty_dir.mkdir()
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    result = load_paths([INPUTS, empty_dir, huge, missing, SEEDS / "000_6b5fbc1cb4c64287.txt"])
    by_file = {Path(e.source.split(":")[0]).name: e.error for e in result.errors}
    assert "binary" in by_file["binary.txt"]
    assert by_file["empty.txt"] == "empty file"
    assert "no articles" in by_file["empty_dir"]
    assert "20 MB" in by_file["huge.txt"]
    assert "no such file" in by_file["missing.txt"]
    assert all("\n" not in str(e) for e in result.errors)
    # 4 fixture text articles + 2 JSONL records + the seed
    assert len(result.articles) == 7


def test_discover_recurses_and_skips_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Một bài báo.", encoding="utf-8")
    (tmp_path / "a" / "y.md").write_text("# Tiêu đề bài\n\nNội dung.", encoding="utf-8")
    (tmp_path / "a" / "z.jpg").write_bytes(b"\xff\xd8\xff")  # no article: passed over
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("ẩn", encoding="utf-8")
    names = [Path(s.path).name for s in discover([tmp_path])]
    assert names == ["x.txt", "y.md"]
    md = next(a for a in load_paths([tmp_path]).articles if a.source.endswith(".md"))
    assert md.title == "Tiêu đề bài"


def test_cli_reports_bad_input_without_traceback(tmp_path):
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "unionreader", "facts", str(missing), str(INPUTS / "binary.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert any("nope.txt" in ln and "no such file" in ln for ln in lines)
    assert any("binary.txt" in ln and "binary" in ln for ln in lines)


# --- cleaning rules on small pages ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Back",
        "Trở về",
        "Chia sẻ",
        "In bài viết",
        "Đang online : 58",
        "Đã truy cập : 631817",
        "Tổng lượt truy cập: 1.856.230",
        "LIÊN KẾT WEBSITE",
        "liên kết web",
        "Trang chủ / Tin tức / Công đoàn",
        "Cỡ chữ: A- A A+ | Lưu bài | Gửi email",
        "Từ khóa: công đoàn, Hà Tĩnh",
        "Gửi bình luận",
    ],
)
def test_furniture_lines(line):
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Công đoàn Viên chức tỉnh tổ chức Hội nghị.",
        "Hội nghị đã thông qua Nghị quyết.",
        "Trở về quê đón Tết, công nhân vui mừng.",
        "Chia sẻ tại Hội nghị, đồng chí Lê Văn Nam cho biết năm 2024 có 200 đoàn viên mới.",
    ],
)
def test_prose_lines_are_not_furniture(line):
    assert not is_noise_line(line)


def test_related_articles_block_dateline_and_photo_credit():
    page = clean_page(
        "Trang chủ / Tin tức\nThứ Ba, 14/05/2024 10:15\nLĐLĐ tỉnh Quảng Ninh phát động Tháng Công nhân\n\n"
        "Sáng 14/5, LĐLĐ tỉnh Quảng Ninh phát động Tháng Công nhân năm 2024.\n\nQuang Huy\nẢnh: Minh Đức\n\n"
        "Tin liên quan\nCông đoàn ngành Than tập huấn an toàn lao động\n"
    )
    assert page.title == "LĐLĐ tỉnh Quảng Ninh phát động Tháng Công nhân"
    assert page.published == "2024-05-14"
    assert page.byline == "Quang Huy"
    assert [b.text for b in page.blocks] == [
        "Sáng 14/5, LĐLĐ tỉnh Quảng Ninh phát động Tháng Công nhân năm 2024."
    ]


def test_byline_glued_to_the_last_sentence():
    page = clean_page(
        "Hội nghị tổng kết năm 2024\n\nHội nghị đã thành công tốt đẹp, kết thúc lúc 11 giờ. Minh Quang"
    )
    assert page.byline == "Minh Quang"
    assert page.blocks[-1].text.endswith("11 giờ.")


def test_dateline_parsing():
    assert parse_dateline("Thứ Ba, 14/05/2024 10:15") == "2024-05-14"
    assert parse_dateline("14/05/2024") == "2024-05-14"
    assert parse_dateline("Ngày 14/05/2024, LĐLĐ tỉnh tổ chức hội nghị.") is None


def test_derive_title_shortens_the_first_sentence():
    title = derive_title(
        "Sáng 12-4, Công đoàn Công ty Cổ phần Dệt Nam Định tổ chức Đại hội lần thứ V, nhiệm kỳ "
        "2023 – 2028 với sự tham dự của 120 đại biểu đại diện cho hơn 900 đoàn viên."
    )
    assert title.startswith("Công đoàn Công ty Cổ phần Dệt Nam Định tổ chức Đại hội")
    assert title.endswith("…") and len(title.split()) <= 15


def test_load_source_names_each_problem_from_one_stat(tmp_path):
    """``load_source`` asks the system once per file; its answers are the ones ``Path.exists``,
    ``is_file`` and ``stat`` gave."""
    from unionreader.corpus import Source, load_source

    good = tmp_path / "tin.txt"
    good.write_text("Tiêu đề bài viết khá dài\n\nNội dung bài viết có đủ chữ để đọc.\n", encoding="utf-8")
    folder = tmp_path / "thu_muc.txt"
    folder.mkdir()
    assert load_source(Source(str(tmp_path / "khong_co.txt")))[0].error == "no such file or folder"
    assert load_source(Source(str(good) + "/x.txt"))[0].error == "no such file or folder"  # ENOTDIR
    assert load_source(Source(str(tmp_path / "a\0b.txt")))[0].error == "no such file or folder"
    assert load_source(Source(str(folder)))[0].error == "not a regular file"
    loaded = load_source(Source(str(good)))
    assert loaded[0].title == "Tiêu đề bài viết khá dài"
    assert load_source(Source(str(good) + "/"))[0].title == loaded[0].title  # as pathlib spells it


def test_count_articles_counts_files_folders_and_jsonl_as_discover_lists_them(tmp_path):
    from unionreader.corpus import count_articles, discover

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.md").write_text("y", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("z", encoding="utf-8")
    (sub / "d.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.md"), str(sub), str(sub / "d.jsonl"),
             str(tmp_path / "missing.txt"), str(tmp_path / "missing.jsonl"), str(tmp_path / "empty")]
    # discover's listing, counted the old way: one per source, lines for .jsonl, nothing for a missing .jsonl
    expected = 0
    for source in discover(paths):
        if source.path.endswith(".jsonl"):
            try:
                with open(source.path, "rb") as handle:
                    expected += sum(1 for line in handle if line.strip())
            except OSError:
                continue
        else:
            expected += 1
    assert count_articles(paths) == expected == 1 + 1 + (1 + 2) + 2 + 1 + 0 + 1
    assert count_articles([str(tmp_path / "a.txt"), "-"]) is None


def test_reading_text_files_loads_no_reader_of_other_formats():
    # Every command and worker reads files through corpus: the HTML parser, zipfile, XML and pypdf are
    # imported only when a page, a Word file or a PDF comes (tens of milliseconds a process otherwise).
    import subprocess
    import sys

    code = ("import sys; from unionreader.corpus import load_paths; from unionreader.corpus import default_corpus_dir;"
            "load_paths([str(default_corpus_dir())]); "
            "print(sorted(m for m in ('html.parser', 'zipfile', 'xml.etree.ElementTree', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
