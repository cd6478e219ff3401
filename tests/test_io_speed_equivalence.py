"""The reading, counting and writing shortcuts of the facts command give what the plain calls give.

corpus.py reads a file with one system read instead of ``open().read()``, asks the system about a
name without building a ``Path`` when pathlib would spell it the same, and counts a file named as a
str without a ``Path``.
Each test compares a shortcut with the plain call it stands in for.
"""

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from unionreader import articles as articles_module
from unionreader import corpus, files

names = st.text(alphabet=st.sampled_from("ab./\\-_ .jsonlJSONL"), max_size=12)


@given(names)
def test_system_name_is_the_name_as_pathlib_spells_it_for_the_system(name):
    spelled = files.system_name(name)
    assert Path(spelled) == Path(name)
    # Kept as given only where pathlib merely collapses "//" and "/./", which the system reads alike;
    # a name ending in a separator or "." ("tin.txt/" is ENOTDIR for a file) takes pathlib's spelling.
    assert spelled == os.fspath(Path(name)) or (name and name[-1] not in "/." and spelled == name)


@given(names)
def test_only_names_pathlib_could_give_a_jsonl_suffix_take_the_path(name):
    if not corpus._may_be_jsonl(name):
        assert Path(name).suffix.lower() != ".jsonl"


def test_reading_gives_the_bytes_open_read_gives(tmp_path):
    cases = {
        "empty.txt": b"",
        "short.txt": "Công đoàn cơ sở\n".encode(),
        "long.txt": ("Đại hội Công đoàn nhiệm kỳ 2023–2028. " * 4000).encode(),  # past one 64 KB read
        "bom.txt": b"\xef\xbb\xbf" + "Tin hoạt động".encode(),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with open(path, "rb") as handle:
            plain = handle.read()
        assert files.read_bytes(str(path), len(data)) == plain == data
        # A file that grew after its stat (the size given is short) is still read to its end.
        assert files.read_bytes(str(path), max(0, len(data) // 3)) == plain


def test_a_trailing_separator_reads_the_file_as_pathlib_did(tmp_path):
    good = tmp_path / "tin.txt"
    good.write_text("Tiêu đề bài viết khá dài\n\nNội dung bài viết có đủ chữ để đọc.\n", encoding="utf-8")
    for spelled in (str(good) + "/", str(good) + "/.", str(good) + "//"):
        assert corpus.load_source(corpus.Source(spelled))[0].text == corpus.load_source(corpus.Source(str(good)))[0].text


def test_blank_files_are_empty_as_strip_says(tmp_path):
    for i, data in enumerate((b"", b" \n\t\r\x0b\x0c", "\u3000\n".encode(), b"\n x \n")):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(data)
        item = corpus.load_source(corpus.Source(str(path)))[0]
        blank = not data.strip() or not data.decode().strip()
        assert (isinstance(item, corpus.LoadError) and item.error == "empty file") == blank


def test_counting_files_named_as_strings_equals_counting_them_as_paths(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.JSONL").write_text('{"text": "một"}\n\n{"text": "hai"}\n{"text": "ba"}\n', encoding="utf-8")
    (tmp_path / ".jsonl").write_text('{"text": "một"}\n{"text": "hai"}\n', encoding="utf-8")
    (tmp_path / "c.jsonl").mkdir()
    (tmp_path / "c.jsonl" / "d.md").write_text("y", encoding="utf-8")
    names = [str(tmp_path / n) for n in ("a.txt", "b.JSONL", ".jsonl", "c.jsonl", "missing.txt")]
    names += [str(tmp_path / "b.JSONL") + "/", str(tmp_path / "a.txt") + "/."]
    for name in names:
        assert corpus.count_articles([name]) == corpus.count_articles([Path(name)]), name
    assert corpus.count_articles(names) == 1 + 3 + 1 + 1 + 1 + 3 + 1


def test_payloads_compressed_at_the_old_level_read_alike():
    import pickle
    import zlib

    from unionreader.extract.models import Analysis
    from unionreader.library.store import decode, encode

    article = articles_module.parse_article("Công đoàn tỉnh tổ chức hội nghị\n\nSáng 12/4, 120 đoàn viên dự hội nghị.\n", "x.txt")
    content = ("x.txt", (Analysis(article, (), (), None, None),), (corpus.LoadError("x.txt", "warning text", "warning"),))
    old = zlib.compress(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL), 6)
    assert decode(old) == decode(encode(*content)) == content


def _page_source_along_the_page(raw):
    """``articles_module._page_source`` as first written: the expression run along the whole page."""
    if "http" not in raw and "guồn" not in raw:
        return None, None
    url = origin = None
    for m in articles_module._SOURCE_LINE.finditer(raw):
        label, rest = m.group(1), m.group(2)
        if articles_module._URL.fullmatch(rest) and url is None:
            url = rest
        elif label and label.lower() == "nguồn" and origin is None and not articles_module._URL.search(rest) and len(rest) <= 60:
            origin = rest.rstrip(".")
    return url, origin


_SOURCE_PIECES = ["Nguồn", "NGUỒN", "nGuỒn", "nguồn vốn", "URL", "Link", "source", "SOURCE", ":", " ", "\t", "\n",
                  "http://", "https://", "báo", ".vn/a", "<", "“", ".", "ı", "ſ", "K", "\u3000", "x" * 90, "ồ"]


@given(st.lists(st.sampled_from(_SOURCE_PIECES), max_size=30))
def test_page_source_looks_only_at_lines_that_can_name_it(pieces):
    raw = "".join(pieces)
    assert articles_module._page_source(raw) == _page_source_along_the_page(raw)


def test_page_source_on_pages_with_source_lines_and_long_prose():
    long = "Công đoàn huy động nguồn lực, nguồn vốn cho đoàn viên " * 8
    pages = [
        "Tiêu đề\n" + long + "\nNguồn: Báo Lao Động\nhttps://laodong.vn/a-1.html",
        "  NGUỒN :\t Tạp chí Công đoàn.  \n" + long,
        "Nguồn:   " + "y" * 199 + "\n" + "Nguồn: " + "z" * 250 + "\nhttp://a.vn/" + "q" * 190,
        "\t\t" + " " * 300 + "http://a.vn/b   \nLink: https://b.vn\nnguồn: http://c.vn",
        long + "http://x.vn/" + "\n" + "Nguồn:\nhttp://a<b",
    ]
    for raw in pages:
        assert articles_module._page_source(raw) == _page_source_along_the_page(raw)
    assert articles_module._page_source(pages[0]) == ("https://laodong.vn/a-1.html", "Báo Lao Động")


def test_a_new_export_gets_the_mode_a_new_file_would_have(tmp_path):
    import stat
    import tempfile

    from unionreader import export

    export.write_atomic(tmp_path / "moi.md", "Công đoàn")
    made = tempfile.mkstemp(dir=tmp_path)[1]
    os.chmod(made, 0o666 & ~files.umask())
    assert stat.S_IMODE((tmp_path / "moi.md").stat().st_mode) == stat.S_IMODE(os.stat(made).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_file_digest_is_what_hashlib_file_digest_gives(tmp_path):
    import hashlib

    from unionreader.library.worker import file_digest

    for name, data in {"empty.txt": b"", "tin.txt": "Công đoàn".encode(), "lon.txt": bytes(range(256)) * 3000}.items():
        path = tmp_path / name
        path.write_bytes(data)
        with open(path, "rb") as handle:
            plain = hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
        assert file_digest(str(path)) == plain
    assert file_digest(str(tmp_path / "khong_co.txt")) is None
    assert file_digest(str(tmp_path)) is None  # a folder: unreadable as a file


