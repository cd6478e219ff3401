"""The fact rules' shortcuts give what the plain rules give.

Each shortcut (a rule passed over when its trigger words are absent, a needle looked for once, a sort
skipped because the list is in order, a record made through its slots) is compared with the plain path it
replaces, written out here as it was, on generated articles of the genre's words and on the fixtures.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.articles import Article, Paragraph
from unionreader.corpus import load_paths
from unionreader.extract import dates as dt
from unionreader.extract import facts as fx
from unionreader.extract import facts_common as fc
from unionreader.extract import facts_event as fe
from unionreader.extract import facts_people as fp
from unionreader.extract import label_words as lw
from unionreader.extract import role_items as ri
from unionreader.extract.entities import extract_entities
from unionreader.extract.figures import extract_figures
from unionreader.extract.models import Entity, Fact
from unionreader.extract.records import new_entity, new_fact
from unionreader.extract.tones import canonical_tones

ROOT = Path(__file__).resolve().parents[1]

# Words and phrases of the genre the shortcuts look for (and some that look like them), to build articles.
_PHRASES = [
    "Công đoàn tỉnh Hà Nam", "Liên đoàn Lao động huyện Yên Lạc", "Công đoàn Cục Thuế - Bộ Tài chính", "Ban Chấp hành",
    "tổ chức", "đã tổ chức", "phối hợp tổ chức", "Tổ chức", "TỔ CHỨC", "tổ chức thành công", "do", "của", "và", "với",
    "Hội nghị", "Đại hội", "Lễ", "Hội thảo", "Giải", "Hội nghị Ban Chấp hành", "hội nghị", "sơ kết", "báo cáo tổng kết",
    "năm 2024", "nhiệm kỳ 2023 - 2028", "khóa IV", "lần thứ V", "ký kết", "Ký", "kí", "giữa", "ký quy chế phối hợp giữa",
    "tại", "Tại", "tại Hội trường", "Nhà văn hóa", "thành phố Huế", "tỉnh Lâm Đồng", "vào", "ngày 12/3/2024", "Chiều 9/5",
    "sáng 15/4", "từ ngày 1/6", "đến ngày", "ban hành ngày", "Nghị quyết 09/NQ-TW ngày 3/8/2017", "Chủ tịch", "Phó Chủ tịch",
    "đồng chí Nguyễn Văn An", "Trần Thị Bình", "Lê Hữu Cường", "An", "dự", "tham dự", "tới dự", "vinh dự", "dự án",
    "chủ trì", "phát biểu", "trình bày", "báo cáo tại", "được bầu", "trúng cử", "bầu ra", "gồm", "nhận", "ghi nhận",
    "được trao", "trao", "trao đổi", "Bằng khen", "Cờ thi đua", "danh hiệu", "khen thưởng cho", "12 tập thể", "5 cá nhân",
    "37 người", "2 triệu đồng", "85%", "18/20", "số đoàn viên là", "8.945 đoàn viên", "TP. Hồ Chí Minh", "UBND", "LĐLĐ",
]
_GLUE = [" ", " ", " ", ", ", ". ", ".\n", "\n\n", "; ", ": ", " – ", "“", "”", " (", ") "]
_words = st.lists(st.sampled_from(_PHRASES) | st.sampled_from(_GLUE), min_size=1, max_size=70).map("".join)


def _article(title: str, body: str) -> Article:
    text = f"{title}\n\n{body}" if title else body
    start = len(title) + 2 if title else 0
    paragraphs = ((Paragraph("title", 0, len(title)),) if title else ()) + tuple(
        Paragraph("body", start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", body)
    )
    return Article("t", "t", title, not title, text, paragraphs, None, text)


articles = st.builds(_article, st.sampled_from(["", "Công đoàn tỉnh Hà Nam tổ chức Hội nghị năm 2024", "Lễ ký kết"])
                     | _words.map(lambda s: s.replace("\n", " ").strip()), _words)


@pytest.fixture(scope="module")
def fixture_articles():
    inputs = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles", ROOT / "tests" / "fixtures" / "news",
              ROOT / "tests" / "fixtures" / "facts"]
    return list(load_paths([str(p) for p in inputs]).articles)


def _context(article: Article):
    entities = extract_entities(article)
    sentences = fc.SentenceIndex(article.text)
    return entities, fc.EntityIndex(entities), sentences, fx._lead_sentences(article, sentences)


# --- the lead rules: passed over when their words are absent -------------------------------------


def _plain_find_event(article, sentences, lead):
    text = article.text
    candidates = []
    title = fe._title_span(article)
    if title:
        candidates.append(fc.Sentence(*title))
    candidates.extend(s for s in lead if not title or s.start >= title[1])
    for s in candidates:
        if not sentences.holds(fe._HOLD_WORD, s.start, s.end):
            continue
        for hold in fe._HOLD_RE.finditer(text, s.start, s.end):
            m = fe._EVENT_RE.match(text, hold.end()) or fe._HELD_LOWER_RE.match(text, hold.end())
            if m:
                name = fe._event_name_at(text, m.start(), s.end)
                return name[:1].upper() + name[1:], s
    for s in candidates:  # a meeting opened or closed ("khai mạc kỳ họp thứ 25")
        opened = fe._OPENED_RE.search(text, s.start, s.end)
        if opened:
            name = fe._event_name_at(text, opened.start(1), s.end)
            return name[:1].upper() + name[1:], s
    for s in candidates:
        m = fe._search_event(text, s.start, s.end)
        if m:
            name = fe._event_name_at(text, m.start(), s.end)
            if len(name.split()) <= 2:
                name = fe._name_from_report(text, m.group()) or name
            return name, s
    signings = []  # a signing with no event word (the rule added on main): the fullest name, the first of equals
    for s in candidates[: 2 if title else 1]:
        m = fe._SIGNED_RE.search(text, s.start, s.end)
        if m:
            stop = fe._SIGNED_STOP.search(text, m.end(), s.end)
            signings.append((f"Lễ ký kết {fe._event_name_at(text, m.end(), stop.start() if stop else s.end)}", s))
    return max(signings, key=lambda found: len(found[0])) if signings else None


def _plain_event_place(text, ents, entities, lead):
    for s in lead:
        chunk = text[s.start : s.end]
        m = fe._PLACE_HEAD.search(chunk)
        if m:
            return Fact("event", "Địa điểm", fc.clean_phrase(m.group(1)), chunk, s.start, s.end)
        for i in ents.within(s.start, s.end, "location"):
            e = entities[i]
            if re.search(r"\btại\s+$", text[max(s.start, e.start - 6) : e.start]):
                end = e.end
                more = re.match(r"(?:,\s*[^\W\d_][^,;.]{0,40}?)?(?=[,;.]|\s(?:vào|do|với)\s)", text[e.end : s.end])
                if more and more.group() and ents.starting_at(e.end + 2, "location", slack=2) is not None:
                    end = e.end + len(more.group())
                listed = re.match(r",\s*|\s+và\s+", text[end:])  # a list of places is no venue
                if listed and ents.starting_at(end + listed.end(), "location", slack=0) is not None:
                    continue
                return Fact("event", "Địa điểm", fc.clean_phrase(text[e.start : end]), chunk, s.start, s.end, (i,))
    return None


def _plain_organiser_in_lead(text, entities, ents, lead, sentences):
    for s in lead:
        if not sentences.holds(fe._HOLD_WORD, s.start, s.end):
            continue
        for hold in fe._HOLD_RE.finditer(text, s.start, s.end):
            for i in reversed(ents.within(s.start, hold.start(), "organization")):
                gap = text[entities[i].end : hold.start()]
                if len(gap) <= 25 and not re.search(r"[,;.]", gap):
                    span = fe._joined_org(text, entities, ents, i)
                    while True:
                        m = re.search(r"[-–]\s*$", text[max(0, span[0] - 4) : span[0]])
                        prev = ents.ending_at(span[0] - len(m.group()) - 1, "organization", slack=1) if m else None
                        if prev is None:
                            break
                        span = (entities[prev].start, span[1])
                    return fe._lead_partner(text, entities, ents, s.start, span)
                break
            do = re.search(r"\bdo\s+$", text[s.start : hold.start()])
            if do is None:
                do = re.search(r"\bdo\s+(?=[^\s])", text[s.start : hold.start()])
            if do is not None:
                i = ents.starting_at(s.start + do.end(), "organization", slack=2)
                if i is not None:
                    return fe._joined_org(text, entities, ents, i)
    for s in lead:
        signed = any(sentences.holds(word, s.start, s.end) for word in fe._SIGNING_WORDS)
        between = fe._BETWEEN_RE.search(text, s.start, s.end) if signed and fe._SIGNING_RE.search(text, s.start, s.end) else None
        if between is None:
            continue
        first = ents.starting_at(between.end(), "organization", slack=2)
        if first is None:
            continue
        link = re.match(r"\s*(?:và|với)\s+", text[entities[first].end : s.end])
        second = ents.starting_at(entities[first].end + link.end(), "organization", slack=2) if link else None
        if second is not None:
            return entities[first].start, entities[second].end
    for s in lead:
        for i in ents.within(s.start, s.end, "organization"):
            if fe._OWN_MEETING_RE.search(text, max(s.start, entities[i].start - 30), entities[i].start):
                return fe._joined_org(text, entities, ents, i)
    return None


def _assert_lead_rules_agree(article: Article) -> None:
    entities, ents, sentences, lead = _context(article)
    text = article.text
    assert fe._find_event(article, sentences, lead) == _plain_find_event(article, sentences, lead)
    assert fe._event_place(text, ents, entities, sentences, lead) == _plain_event_place(text, ents, entities, lead)
    assert fe._organiser_in_lead(text, entities, ents, lead, sentences) == _plain_organiser_in_lead(
        text, entities, ents, lead, sentences
    )


@settings(max_examples=300, deadline=None)
@given(articles)
def test_lead_rules_are_the_plain_rules(article):
    _assert_lead_rules_agree(article)


def test_lead_rules_of_the_fixtures(fixture_articles):
    for article in fixture_articles:
        _assert_lead_rules_agree(article)


def test_lead_rules_on_own_sentences():
    """Each way the lead names the event, place and organiser, and an article that names none."""
    for title, body in [
        ("Công đoàn tỉnh Hà Nam tổ chức Hội nghị tổng kết năm 2024", "Sáng 12/3, tại Hội trường A, hội nghị diễn ra."),
        ("", "Chiều 9/5, Liên đoàn Lao động huyện Yên Lạc phối hợp tổ chức Hội thảo về an toàn lao động tại thành phố Huế."),
        ("Lễ ký kết", "Hôm qua đã diễn ra lễ ký kết quy chế phối hợp giữa Công đoàn tỉnh Hà Nam và Liên đoàn Lao động huyện Yên Lạc."),
        ("", "Đại hội Công đoàn tỉnh Hà Nam lần thứ V, nhiệm kỳ 2023 - 2028 khai mạc."),
        ("Giá vàng hôm nay", "Giá vàng tăng mạnh. Nhà đầu tư thận trọng.\nThị trường chờ tín hiệu mới."),
    ]:
        _assert_lead_rules_agree(_article(title, body))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "tổ chức", "ký", "Kí", " ", ". ", "\n"]), max_size=30).map("".join),
       st.lists(st.integers(0, 40), max_size=8))
def test_holding_is_holds_span_by_span(text, cuts):
    """``holding`` passes spans over when their whole stretch lacks the word: the spans ``holds`` keeps."""
    sentences = fc.SentenceIndex(text)
    bounds = sorted(min(c, len(text)) for c in cuts)
    spans = [fc.Sentence(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=False)]
    for word in ("tổ chức", "ký", "kí"):
        assert sentences.holding(word, spans) == [s for s in spans if sentences.holds(word, s.start, s.end)]
        assert sentences.holding(word, sentences.sentences) == [
            s for s in sentences.sentences if sentences.holds(word, s.start, s.end)
        ]


# --- people ---------------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(_words)
def test_a_sentence_without_any_action_needle_matches_no_action(text):
    """The people rules pass over a sentence in which ``_sentence_action_starts`` finds no needle."""
    low = fc.lowered(text)
    if not fp._sentence_action_starts(low, 0, len(low)):
        assert not any(pattern.search(text) for _, pattern, _, _, _ in fp._ACTIONS)
    for _, pattern, _, needles, _ in fp._ACTIONS:
        if not any(n in low for n in needles):
            assert pattern.search(text) is None


class _VisitingIndex(fc.EntityIndex):
    """As if the entities were not in order: every list sorted, every question answered by the visit."""

    def __init__(self, entities):
        super().__init__(entities)
        self.in_order = False


def _plain_canonical_roles(roles):
    keys = [fc.key(fp._expanded(r)) for r in roles]
    fullest = {}
    for r, k in zip(roles, keys, strict=True):
        if k and (k not in fullest or len(r) > len(fullest[k])):
            fullest[k] = r
    out, seen = [], set()
    for k in keys:
        if not k or k in seen or any(other != k and other.startswith(k + " ") for other in keys):
            continue
        seen.add(k)
        out.append(fullest[k])
    return out


def _people(article, ents_class):
    entities = extract_entities(article)
    sentences = fc.SentenceIndex(article.text)
    return [(p.name, p.roles, p.actions, p.mentions, p.role_entities, p.anchor)
            for p in fp.collect_people(article, entities, sentences, ents_class(entities))]


@settings(max_examples=200, deadline=None)
@given(articles)
def test_people_with_entities_in_order_are_those_of_the_sorting_path(article):
    assert _people(article, fc.EntityIndex) == _people(article, _VisitingIndex)


def test_people_of_the_fixtures_with_and_without_the_order(fixture_articles):
    for article in fixture_articles:
        assert _people(article, fc.EntityIndex) == _people(article, _VisitingIndex)


@given(st.lists(st.sampled_from(["Chủ tịch LĐLĐ tỉnh", "Chủ tịch Liên đoàn Lao động tỉnh", "Chủ tịch", "", " ",
                                 "Phó Chủ tịch UBND huyện", "Uỷ viên Ban Chấp hành", "Ủy viên"]), min_size=1, max_size=4))
def test_canonical_roles_are_the_plain_rules(roles):
    assert fp._canonical_roles(list(roles)) == _plain_canonical_roles(list(roles))


def _plain_capitalised_tail(text, pos, stops, orgs):
    end = pos
    while True:
        m = ri._WORD.match(text, end)
        if m is None or m.start(1) in stops:
            return end
        word = m.group(1)
        if m.start(1) in orgs:
            end = orgs[m.start(1)]
            continue
        if word[0].isupper():
            end = m.end()
            continue
        tail = next((t for t in ri._ROLE_TAIL_WORDS if text.startswith(" " + t, end)), None)
        if tail and end > pos:
            end += 1 + len(tail)
            continue
        opener = next((t for t in ri._ROLE_TAIL_OPENERS if text.startswith(" " + t, end)), None)
        if opener and (nxt := ri._WORD.match(text, end + 1 + len(opener))) and nxt.group(1)[0].isupper():
            end += 1 + len(opener)
            continue
        if word == "và" and end > pos and (nxt := ri._WORD.match(text, m.end())) and nxt.group(1)[0].isupper():
            end = m.end()
            continue
        return end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" TAND", " tối cao", " Việt Nam", " tỉnh", " thành phố", " uỷ", " công đoàn", " chi bộ",
                                 " và", " Bộ", " Y tế", " khác", ","]), max_size=10).map("".join))
def test_capitalised_tail_is_the_plain_rule(tail):
    text = "Phó Viện trưởng" + tail
    assert ri._capitalised_tail(text, 15, set(), {}) == _plain_capitalised_tail(text, 15, set(), {})


# --- figures' labels ---------------------------------------------------------------------------------


def _plain_words_after(text, pos, limit, max_words, allow_comma_until=3, stops=lw.PHRASE_STOP):
    words = []
    for m in lw.PHRASE_TOKEN.finditer(text, pos, limit):
        tok = m.group()
        if tok == "," and len(words) < allow_comma_until and words:
            words.append(",")
            continue
        if not tok[0].isalnum():
            break
        if tok[0].isdigit() and "," in words:  # a number after a comma taken: another figure's phrase
            del words[len(words) - 1 - words[::-1].index(","):]
            break
        word = canonical_tones(tok.lower())
        previous = canonical_tones(words[-1].lower()) if words and words[-1] != "," else None
        if previous is not None and f"{previous} {word}" in lw.PHRASE_STOP_PAIRS:
            words.pop()  # ("so với": the pair is looked at before its second word, itself a stop)
            break
        if word in stops and (previous, word) not in lw._KEPT_PAIRS:  # ("tự do", "trực thuộc" stay whole)
            break
        words.append(tok)
        if len([w for w in words if w != ","]) >= max_words:
            break
    while words and words[-1] == ",":
        words.pop()
    return " ".join(words).replace(" ,", ",")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["đoàn viên", "sinh", "hoạt", "SINH HOẠT", "tham", "gia", "có", "thành", "tại", "cho",
                                 "đạt", ",", ";", " ", "  ", "lượt", "Có", "(", "2", "so", "với", "tự", "do", "trực",
                                 "thuộc"]), max_size=14).map(" ".join),
       st.integers(1, 12), st.integers(0, 3))
def test_words_after_is_the_plain_rule(text, max_words, commas):
    for stops in (lw.PHRASE_STOP, lw.RATIO_STOP):
        assert lw.words_after(text, 0, len(text), max_words, commas, stops) == _plain_words_after(
            text, 0, len(text), max_words, commas, stops
        )


# --- dates -------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ngày", "Ngày", "mùng", " ", "\n", "\t", "x", "5", "/"]), max_size=8).map("".join))
def test_ngay_before_a_date_is_what_the_search_finds(before):
    text = before + "30/4"
    at = len(before)
    m = dt._NGAY_BEFORE.search(text, max(0, at - 12), at)
    assert dt._start_with_ngay(text, at) == (m.start(1) if m else at)


def _plain_mentions(text, mask, starts, document_ends):
    """``dates._mentions`` as it was: "ngày" searched before every date, the context decided first."""
    found = []

    def start_with_ngay(start):
        m = dt._NGAY_BEFORE.search(text, max(0, start - 12), start)
        return m.start(1) if m else start

    def claim(start, end, day, month, year, after_doc=False):
        if dt._free(mask, start, end) and dt._valid(day, month, year):
            mask[start:end] = b"\x01" * (end - start)
            found.append((start, end, day, month, year, after_doc))

    def context(pos):
        return bool(dt._TIME_OF_DAY_BEFORE.search(text, max(0, pos - 24), pos))

    def from_first_day(start, day):  # "ngày 8 và 9/6": from the first day (searched before every date)
        first = dt._FIRST_DAY_BEFORE.search(text, max(0, start - 16), start)
        if first is None or int(first.group(1)) >= day:
            return start, day
        return start_with_ngay(first.start(1)), int(first.group(1))

    for pos in starts.slash:
        if mask[pos] or not (m := dt._FULL.match(text, pos)):
            continue
        after_doc = dt._after_document(text, pos, document_ends)
        start, day = from_first_day(start_with_ngay(pos), int(m.group(1)))
        claim(start, m.end(), day, int(m.group(3)), int(m.group(4)), after_doc)
    for pos in starts.month:
        if mask[pos] or not (m := dt._VERBAL.match(text, pos)):
            continue
        start = start_with_ngay(pos)
        if start == pos and not context(pos):
            continue
        claim(start, m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    for pos in sorted(starts.slash + starts.comma + starts.year):
        if mask[pos] or not (m := dt._MONTH_YEAR.match(text, pos)):
            continue
        thang = dt._THANG_BEFORE.search(text, max(0, pos - 12), pos)
        if not thang or dt._NUMBER_BEFORE.search(text, max(0, thang.start(1) - 6), thang.start(1)):
            continue
        claim(thang.start(1), m.end(), None, int(m.group(1)), int(m.group(2)))
    for pos in starts.slash:
        if mask[pos] or not (m := dt._SHORT.match(text, pos)):
            continue
        day, month = int(m.group(1)), int(m.group(3))
        start = start_with_ngay(pos)
        follows = any(0 <= pos - d[1] <= 6 and dt._DATE_LINK.fullmatch(text, d[1], pos) for d in found[-2:])
        has_context = start != pos or context(pos) or follows
        if not has_context and (m.group(2) != "/" or day <= month):
            continue
        start, day = from_first_day(start, day)
        claim(start, m.end(), day, month, int(m.group(4)) if m.group(4) else None)
    return found


_DATE_WORDS = ["sáng", "Chiều", "ngày", "Ngày", "mùng", "và", ",", " ", "30/4", "4/30", "12-5", "5/12", "1/5", "x", "đến", "3", "-",
               "\n", "tháng", "7", "năm 2024", "26 tháng 7", "7/2024", "30/01/2024", "09/NQ-TW"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=14).map(" ".join) | st.lists(st.sampled_from(_DATE_WORDS), max_size=14).map("".join))
def test_date_mentions_are_those_of_the_plain_rules(text):
    from unionreader.extract.numbers import number_starts

    starts = number_starts(text)
    fast = [tuple(d) for d in dt._mentions(text, bytearray(len(text)), starts, [])]
    assert fast == _plain_mentions(text, bytearray(len(text)), starts, [])


def test_date_mentions_of_the_fixtures(fixture_articles):
    from unionreader.extract.numbers import number_starts

    for article in fixture_articles:
        text = article.text
        starts = number_starts(text)
        fast = [tuple(d) for d in dt._mentions(text, bytearray(len(text)), starts, [])]
        assert fast == _plain_mentions(text, bytearray(len(text)), starts, [])


# --- records made through their slots ------------------------------------------------------------------


@given(st.sampled_from(["figures", "people"]), st.text(max_size=5), st.integers(0, 9) | st.text(max_size=3),
       st.integers(0, 99), st.integers(0, 99), st.lists(st.integers(0, 9), max_size=3).map(tuple))
def test_new_fact_is_the_constructor(kind, label, value, start, end, entities):
    fast = new_fact(kind, label, value, "câu", start, end, entities)
    plain = Fact(kind, label, value, "câu", start, end, entities)
    assert type(fast) is Fact and fast == plain and repr(fast) == repr(plain) and hash(fast) == hash(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert new_fact(kind, label, value, "", start, end) == Fact(kind, label, value, "", start, end)


def test_new_entity_is_the_constructor():
    for args in [("count", "5 người", 0, 7, {"number": 5}), ("money", "2 triệu", 3, 10, 2_000_000, {"approx": True})]:
        fast, plain = new_entity(*args), Entity(*args)
        assert type(fast) is Entity and fast == plain and repr(fast) == repr(plain)
        assert pickle.loads(pickle.dumps(fast)) == plain
    first, second = new_entity("date", "1/5", 0, 3, "--05-01"), new_entity("date", "1/5", 0, 3, "--05-01")
    assert first.meta == {} and first.meta is not second.meta  # each its own dict, as the field's default


def test_figures_of_the_fixtures_are_made_the_same(fixture_articles):
    """The figures pass builds its entities through ``new_entity``: each equals the constructor's record."""
    for article in fixture_articles:
        for e in extract_figures(article.text, published=article.published):
            assert e == Entity(e.type, e.text, e.start, e.end, e.value, e.meta)
