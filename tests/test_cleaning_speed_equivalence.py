"""The fast paths of cleaning.py give the answers of the plain rules they stand in for.

cleaning.py normalises a whole page at once instead of line by line, folds a short line once
instead of once per rule, and skips folding a paragraph that has no colon.  Each test here pins
one fact that makes such a shortcut exact, so a change elsewhere (in ``fold``, say) that breaks
one fails here rather than silently changing which lines count as furniture.
"""

import re
import sys
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from unionreader import cleaning
from unionreader.text import fold

ODD = "\t\u00a0\u1680\u2003\u200a\u202f\u205f\u3000\u200b\u200d\u2060\ufeff\u00ad\x00\x0b\x0c\x1f\x7f"
ALPHABET = "aăđêÔơưÀảẠĐbc :|/#.,\n\r\x85\u2028\u0301\u0f73İΣ0123456789" + ODD
# Pages of plain letters and spaces too: the shortcut for pages with nothing to normalise.
pages = st.text(alphabet=st.sampled_from(ALPHABET), max_size=120) | st.text(alphabet="ab \n", max_size=40)
lines = st.text(alphabet=st.sampled_from(ALPHABET.replace("\n", "")), max_size=80)

# The per-line normalisation as it was first written: three substitutions, then strip.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_normalise(line: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", line))).strip()


@given(pages)
def test_normalising_a_page_equals_normalising_each_line(page):
    per_line = [plain_normalise(line) for line in page.split("\n")]
    assert [line.strip() for line in cleaning._normalise_chars(page).split("\n")] == per_line
    assert [cleaning.normalise_whitespace(line) for line in page.split("\n")] == per_line


def test_folding_never_creates_a_colon():
    """Photo credits and byline prefixes need a colon in the folded line, so a line without one
    is never folded for them: that is exact only while no character folds to a colon."""
    step = 4096
    for start in range(0, sys.maxunicode + 1, step):
        chunk = "".join(chr(cp) for cp in range(start, start + step) if not 0xD800 <= cp <= 0xDFFF)
        assert fold(chunk).count(":") == chunk.count(":"), hex(start)


@given(lines)
def test_is_noise_line_is_the_furniture_check_of_clean_page(line):
    line = cleaning.normalise_whitespace(line)
    page = cleaning.clean_page(f"Tiêu đề của bài báo\n\nĐoạn văn mở đầu.\n\n{line}\n\nĐoạn kết.")
    kept = [b.text for b in page.blocks]
    if line and cleaning.is_noise_line(line) and cleaning._key(line) not in cleaning._TAIL_BLOCK_STARTS:
        assert line not in kept


@given(lines)
def test_reordered_predicates_keep_their_answers(line):
    letters = re.findall(r"[^\W\d_]", line)
    banner = bool(letters) and line.upper() == line and len(line.split()) <= 8
    assert cleaning._is_category_banner(line) == (banner and not cleaning._ends_sentence(line))

    key = cleaning._key(line)
    parts = re.split(r"\s+[/>»›]\s+", key)
    crumb = len(parts) >= 2 and parts[0] in {"trang chu", "home", "tin tuc"}
    assert cleaning._is_breadcrumb(key) == (crumb and all(len(p.split()) <= 6 for p in parts))

    credit = cleaning._PHOTO_CREDIT_RE.match(key) is not None
    assert cleaning._is_photo_credit(line) == credit


@given(lines)
def test_byline_check_folds_only_lines_with_a_colon(line):
    text = line.strip()
    prefix = cleaning._BYLINE_PREFIX_RE.match(fold(text))
    if prefix:
        text = text[prefix.end() :].strip()
    plain_rejects = (
        not text
        or any(ch.isdigit() for ch in text)
        or text.endswith(tuple(".!?:;,|"))
        or len(text.split()) > 8
        or len(text) > 60
        or not text.split()[0][:1].isupper()
    )
    if plain_rejects:
        assert cleaning._is_byline(line) is None
    elif prefix:
        assert cleaning._is_byline(line) == text


# Long lines: furniture words at the start, colons at the end, marks that folding drops or composes.
_OPENINGS = ["", "Tags", "TAG :", "Từ khóa:", "Thể thao", "the:", "Chủ đề\u2028:", "Cỡ chữ", "Trang chủ", "Home",
             "Tin tức ", "Tİn tức", "Theo", "co chu", "Tin tuc >", "T\u0301ags:", "Trang\u0300 chủ /"]
long_lines = st.builds(
    lambda opening, body, tail: (opening + body + tail).strip(),
    st.sampled_from(_OPENINGS),
    st.text(alphabet=st.sampled_from("aăđêÔơưÀảẠĐbcxyz :/.,0123456789"), min_size=40, max_size=330)
    | st.text(alphabet=st.sampled_from(ALPHABET.replace("\n", "").replace("\r", "") + "xyz"), min_size=40, max_size=330),
    st.sampled_from(["", ":", " :::", ":" * 250, "|", " \u0301", "\u0301"]),
) | st.sampled_from([f"{phrase}{':' * n}" for phrase in ("Tin liên quan", "Chia sẻ", "Lượt truy cập: 1.234",
                                                         "Thứ Ba, 14/05/2024")
                     for n in (1, 50, 70, 290)])


@given(long_lines)
def test_a_line_told_plain_prose_is_no_furniture_and_no_dateline(line):
    line = line.strip()
    if line[:1] == "#":  # (as ``page_parts`` takes a Markdown heading's marks off)
        line = line.lstrip("#").strip()
    if not line or len(line) > cleaning.MAX_FURNITURE_CHARS or not cleaning._plain_prose(line):
        return
    key = cleaning._key(line)
    assert len(line) > cleaning.MAX_DATELINE_CHARS
    assert key != "leftcenterrightdel" and key not in cleaning._TAIL_BLOCK_STARTS
    assert not cleaning._is_noise(line, key)


@given(st.lists(long_lines | lines, max_size=8).map("\n".join))
def test_pages_clean_the_same_without_the_plain_prose_shortcut(page):
    page = unicodedata.normalize("NFC", page.replace("\r", "\n"))
    shortcut = cleaning._plain_prose
    expected = cleaning.clean_page(page)
    cleaning._plain_prose = lambda line: False
    try:
        assert cleaning.clean_page(page) == expected
    finally:
        cleaning._plain_prose = shortcut


# The characters normalising deletes or turns into a space, as one class (the page-wide scan it replaced).
_NEEDS_NORMALISING = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
                                r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _every_character() -> str:
    return "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def test_every_character_normalising_touches_is_unprintable():
    """``_normalise_chars`` passes a printable line without a double space as it is: exact while no
    character that normalising deletes or turns into a space is printable."""
    touched = _NEEDS_NORMALISING.findall(_every_character())
    assert len(touched) == 53
    assert not [ch for ch in touched if ch.isprintable()]
    assert "\n".isprintable() is False  # (so a whole page always takes the long way)


@given(pages)
def test_a_page_cleans_as_its_normalised_self(page):
    """clean_page normalises line by line, skipping clean lines: the page it gets normalised beforehand
    (the way it was first done) cleans the same."""
    page = unicodedata.normalize("NFC", page.replace("\r", "\n"))
    normalised = _SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", page)))
    assert cleaning.clean_page(page) == cleaning.clean_page(normalised)


def test_every_combining_mark_is_found_by_its_utf8_lead_byte():
    """``_plain_prose`` looks for combining marks (U+0300–U+036F) as the UTF-8 bytes 0xCC and 0xCD."""
    everything = _every_character()
    marks = re.findall("[\u0300-\u036f]", everything)
    assert len(marks) == 0x70
    assert all(ch.encode()[0] in (0xCC, 0xCD) for ch in marks)
    # A line with a mark anywhere is sent the long way (long enough to reach the test, no furniture).
    for mark in marks:
        line = unicodedata.normalize("NFC", f"Người lao động được hưởng chế độ 1{mark} theo quy định của pháp luật")
        if mark not in line:  # (U+0340, U+0341, U+0343, U+0344: NFC puts another mark in their place)
            continue
        assert not cleaning._plain_prose(line), hex(ord(mark))


@given(pages)
def test_an_article_reads_the_same_with_any_line_ends(page):
    """parse_article looks for "\\r" once and rewrites line ends only when there is one."""
    from unionreader.articles import parse_article

    unix = parse_article(page.replace("\r", ""), "a.txt")
    assert parse_article(page.replace("\r", "").replace("\n", "\r\n"), "a.txt") == unix
    assert parse_article(page.replace("\r", "").replace("\n", "\r"), "a.txt") == unix


@given(st.lists(long_lines | lines, max_size=8).map("\n".join), st.sampled_from([None, "Tiêu đề  của bài"]))
def test_page_parts_are_clean_page_as_plain_values(page, title_hint):
    """parse_article takes the kinds and texts of the blocks as two lists (no Block made)."""
    page = unicodedata.normalize("NFC", page.replace("\r", "\n"))
    title, title_derived, kinds, texts, byline, published = cleaning.page_parts(page, title_hint)
    cleaned = cleaning.clean_page(page, title_hint)
    assert (title, title_derived, byline, published) == (cleaned.title, cleaned.title_derived, cleaned.byline,
                                                          cleaned.published)
    assert [cleaning.Block(kind, text) for kind, text in zip(kinds, texts, strict=True)] == list(cleaned.blocks)


def test_a_line_opens_with_furniture_only_after_a_letter_that_folds_to_t_c_or_h():
    """_plain_prose folds a line's opening only when its first character is one of _OPENING_LETTERS: every
    furniture opening starts with "t", "c" or "h", and no other character folds (lower-cased) to one."""
    # (each alternative opens with "t", "c" or "h": a new one must be added to the letters too)
    assert cleaning._FURNITURE_OPENING.pattern == r"(?:tu khoa|tags?|chu de|the)[\s:]|co chu|trang chu|home|tin tuc"
    every = _every_character()
    assert "".join(ch for ch in every if fold(ch).lower()[:1] in ("t", "c", "h")) == "".join(
        ch for ch in every if ch in cleaning._OPENING_LETTERS)
    for opening in ("Tags: ", "Cỡ chữ ", "Trang chủ ", "Home ", "Tin tức ", "Thẻ: ", "Chủ đề: ", "Từ khóa: "):
        assert not cleaning._plain_prose(opening + "a" * 80), opening


_BYLINE_ALPHABET = [*"Minh Quang Đức ạ. ,;:!?…”\"0\n", "Ánh", "Hà", " ./. ", "\u00a0"]


@example("Hội nghị kết thúc tốt đẹp.Minh Quang")
@example("Hội nghị kết thúc tốt đẹp ./. Minh Quang")
@example("Trao 30 suất quà.”Hà Minh Ánh ")
@given(st.lists(st.sampled_from(_BYLINE_ALPHABET), max_size=30).map("".join))
def test_glued_byline_search_from_the_last_mark_finds_what_the_whole_search_finds(paragraph):
    """Searching for a glued byline only past the last ".,;:!?" finds the match the search over the whole
    paragraph finds."""
    plain = cleaning._GLUED_BYLINE_RE.search(paragraph)
    fast = cleaning._GLUED_BYLINE_RE.search(paragraph, cleaning._glued_byline_from(paragraph))
    assert (fast.span(), fast.span(1)) == (plain.span(), plain.span(1)) if plain else fast is None
