"""Deterministic synthetic corpus for benchmarks: N articles recombined from the seeds' sentences.

People, organisations, provinces, numbers and dates are swapped for generated ones, and a Zipf-
distributed stock of rare words (company and product names, codes, typos) gives the vocabulary the
tens of thousands of distinct folded terms real news has, not the few thousand that recombined
seed sentences give.

It also shows the kinds of text search gets wrong on real archives (issue 17), drawn from a random
stream of their own so the rest of each article stays as before: organisations written short in
some articles and in full in others ("LĐLĐ tỉnh X" / "Liên đoàn Lao động tỉnh X", "Tổng LĐLĐ Việt
Nam" / "Tổng Liên đoàn Lao động Việt Nam"); articles that only mention the parts ("LĐLĐ thành phố
Hà Tĩnh", whose title says "tỉnh Hà Tĩnh"); and people whose names share two of three syllables,
one of them in titles, the other written in full in the body.

    python benchmarks/gen_corpus.py --articles 10000 [--seed 1] [--out DIR|FILE.jsonl] [--stats]

In code: ``iter_articles(n, seed)`` yields ``Article`` objects (already clean: no page furniture, so
the cleaner is skipped); ``cached_jsonl(n, seed)`` writes benchmarks/.cache/corpus-N-SEED.jsonl once.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from unionreader.articles import Article, Paragraph  # noqa: E402
from unionreader.corpus import load_paths  # noqa: E402
from unionreader.text import fold_tokens  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trịnh", "Lưu", "Tạ", "Cao", "Hà", "Lâm"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Hoàng", "Thu", "Xuân", "Duy", "Công", "Đình", "Kim", "Thế", "Bảo", "Anh", "Gia", "Hồng"]
GIVEN = ["An", "Anh", "Bình", "Chi", "Cường", "Dũng", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hòa", "Hùng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Thủy", "Trang", "Trung", "Tú", "Tuấn", "Tùng", "Vân", "Việt", "Vinh", "Yến", "Đạt", "Hiền", "Lộc", "Nhàn", "Thuận", "Toàn", "Trâm", "Xuyến", "Kiên", "Hậu", "Nguyên", "Khải", "Bích", "Sang"]
PROVINCES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Hưng Yên", "Hải Dương", "Thái Bình", "Nam Định", "Ninh Bình", "Hà Nam", "Bắc Ninh", "Bắc Giang", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Yên Bái", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Vĩnh Phúc", "Sơn La", "Điện Biên", "Lai Châu", "Hòa Bình", "Quảng Ninh", "Bắc Kạn"]
SECTORS = ["Giáo dục", "Y tế", "Công thương", "Xây dựng", "Giao thông vận tải", "Nông nghiệp", "Viên chức", "Dệt may", "Điện lực", "Ngân hàng"]
EVENTS = ("Hội nghị tổng kết", "Hội nghị sơ kết", "Đại hội", "Hội nghị người lao động", "Hội nghị cán bộ, công chức")
ONSETS = ["b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "ay", "ac", "ach", "e", "em", "en", "eng", "et", "i", "im", "in", "inh", "it", "o", "oa", "oai", "oan", "oang", "oc", "oi", "om", "on", "ong", "ot", "u", "ua", "uan", "ui", "um", "un", "ung", "ut", "uy", "uyen", "uong", "ươ", "ưa", "ưng", "ươn", "ương"]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b(?:" + "|".join(SURNAMES) + r")(?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]\w*){1,3}")
_PROVINCE = "|".join(sorted(map(re.escape, PROVINCES), key=len, reverse=True))
_SLOT = re.compile(f"(?P<person>{_NAME.pattern})|(?P<province>{_PROVINCE})|(?P<number>{_NUMBER.pattern})")


def seed_sentences() -> list[str]:
    out = []
    for article in load_paths([]).articles:
        body = article.text[len(article.title) :] if not article.title_derived else article.text
        for para in body.split("\n"):
            out.extend(s.strip().rstrip(".;") + "." for s in re.split(r"(?<=[.;])\s+", para) if len(s.split()) >= 6)
    return out


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Names of companies, products and places as newsrooms write them: one capitalised run of syllables."""
    words = set()
    while len(words) < count:
        parts = [rng.choice(ONSETS) + rng.choice(RHYMES) for _ in range(rng.choice((2, 2, 3)))]
        words.add("".join(parts).capitalize())
    return sorted(words)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


KIN_FAMILIES = 40  # pairs of names sharing surname and middle name


class Generator:
    def __init__(self, seed: int = 1, rare: int = 60_000) -> None:
        self.rng = random.Random(seed)
        self.kinds = random.Random(seed + 3)  # the issue-17 kinds: their own stream (see the docstring)
        self.kin = []
        for _ in range(KIN_FAMILIES):
            first, second = self.kinds.sample(GIVEN, 2)
            family = f"{self.kinds.choice(SURNAMES)} {self.kinds.choice(MIDDLES)}"
            self.kin.append((f"{family} {first}", f"{family} {second}", second))
        self.sentences = seed_sentences()
        self.rare = rare_words(random.Random(seed + 1), rare)
        # Zipf-like weights: a few rare words recur, most appear once or twice in the whole corpus.
        self.rare_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(len(self.rare))))
        self.templates = [self._template(s) for s in self.sentences]

    @staticmethod
    def _template(sentence: str) -> list:
        """The sentence cut at the slots to refill: person names, provinces, numbers."""
        parts: list = []
        pos = 0
        for m in _SLOT.finditer(sentence):
            parts.append(sentence[pos : m.start()])
            if m.lastgroup == "number" and re.fullmatch(r"(19|20)\d\d", m.group()):
                parts.append(("year",))
            elif m.lastgroup == "number":
                parts.append(("number", len(re.sub(r"\D", "", m.group()))))
            else:
                parts.append((m.lastgroup,))
            pos = m.end()
        parts.append(sentence[pos:])
        return parts

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLES)} {r.choice(GIVEN)}"

    def _number(self, digits: int) -> str:
        value = self.rng.randrange(10 ** (digits - 1) if digits > 1 else 0, 10**digits)
        return f"{value:,}".replace(",", ".") if value >= 1000 and self.rng.random() < 0.7 else str(value)

    def sentence(self, province: str) -> str:
        r = self.rng
        out = []
        for part in r.choice(self.templates):
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "person":
                out.append(self.person())
            elif part[0] == "province":
                out.append(province if r.random() < 0.8 else r.choice(PROVINCES))
            elif part[0] == "year":
                out.append(str(r.randrange(2015, 2027)))
            else:
                out.append(self._number(part[1]))
        s = "".join(out)
        if r.random() < 0.35:
            extra = r.choices(self.rare, cum_weights=self.rare_cum, k=r.choice((1, 1, 2)))
            s = s.rstrip(".;,") + ", cùng " + " và ".join(extra) + "."
        if r.random() < 0.05:
            words = s.split()
            i = r.randrange(len(words))
            words[i] = _typo(r, words[i])
            s = " ".join(words)
        return s

    def article(self, i: int) -> Article:
        r = self.rng
        province = r.choice(PROVINCES)
        org = f"Công đoàn {r.choice(SECTORS)} tỉnh {province}" if r.random() < 0.6 else f"Liên đoàn Lao động tỉnh {province}"
        year = r.randrange(2018, 2026)
        date = f"{year}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"
        title = f"{org} tổ chức {r.choice(EVENTS)} năm {year}"
        lead = f"Ngày {int(date[8:])}/{int(date[5:7])}/{year}, {org} tổ chức {r.choice(EVENTS).lower()}. Đồng chí {self.person()} chủ trì."
        paragraphs = [lead]
        size = len(lead)
        target = r.gauss(6200, 1600)
        while size < target:
            para = " ".join(self.sentence(province) for _ in range(r.randrange(2, 6)))
            paragraphs.append(para)
            size += len(para)
        plain = title + "\n\n" + "\n\n".join(paragraphs)  # the id is of the text before the kinds: ids stay
        aid = hashlib.blake2b(f"{i}:{plain[:200]}".encode(), digest_size=8)
        title, paragraphs[0] = self._kinds(org, province, title, paragraphs[0])
        text = title + "\n\n" + "\n\n".join(paragraphs)
        spans, pos = [], 0
        for kind, chunk in [("title", title)] + [("body", p) for p in paragraphs]:
            spans.append(Paragraph(kind, pos, pos + len(chunk)))
            pos += len(chunk) + 2
        return Article(aid.hexdigest(), f"synthetic/{i:06d}.txt", title, False, text, tuple(spans), None, text, date)

    def _kinds(self, org: str, province: str, title: str, lead: str) -> tuple[str, str]:
        """The title and lead with this article's share of the issue-17 kinds."""
        k = self.kinds
        if org.startswith("Liên đoàn Lao động") and k.random() < 0.5:  # the abbreviation, short
            short = org.replace("Liên đoàn Lao động", "LĐLĐ")
            title, lead = title.replace(org, short), lead.replace(org, short)
        elif org.startswith("Công đoàn") and k.random() < 0.2:  # the parts only: "LĐLĐ" and "tỉnh" apart
            lead += f" Đại diện LĐLĐ thành phố {province} cùng dự."
        if k.random() < 0.12:  # the national federation, short or in full, after a title
            full = k.random() < 0.5
            federation = "Tổng Liên đoàn Lao động Việt Nam" if full else "Tổng LĐLĐ Việt Nam"
            role = k.choice(("Chủ tịch", "Phó Chủ tịch"))
            lead += f" Đồng chí {self.person_from(k)}, {role} {federation}, phát biểu chỉ đạo."
        if k.random() < 0.06:  # a person in the title and as an entity; a namesake's given name in the body
            in_title, _, other_given = k.choice(self.kin)
            title = f"Đồng chí {in_title} dự {title[0].lower()}{title[1:]}"
            lead += f" Đồng chí {in_title} phát biểu. Ông {self.person_from(k).rsplit(' ', 1)[0]} {other_given} cùng dự."
        if k.random() < 0.06:  # the namesake, the whole name in the body only
            _, in_body, _ = k.choice(self.kin)
            lead += f" Dự hội nghị có đồng chí {in_body}."
        return title, lead

    @staticmethod
    def person_from(rng: random.Random) -> str:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def iter_articles(n: int, seed: int = 1) -> Iterator[Article]:
    gen = Generator(seed)
    for i in range(n):
        yield gen.article(i)


def cached_jsonl(n: int, seed: int = 1) -> Path:
    path = CACHE / f"corpus-{n}-{seed}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for a in iter_articles(n, seed):
                f.write(json.dumps({"title": a.title, "text": a.text[len(a.title) + 2 :], "date": a.published}, ensure_ascii=False) + "\n")
        tmp.replace(path)
    return path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", help="a folder (one .txt per article) or a .jsonl file; default: the cache")
    p.add_argument("--stats", action="store_true", help="print size and vocabulary figures")
    ns = p.parse_args()
    if ns.out and not ns.out.endswith(".jsonl"):
        out = Path(ns.out)
        out.mkdir(parents=True, exist_ok=True)
        for i, a in enumerate(iter_articles(ns.articles, ns.seed)):
            (out / f"{i:06d}.txt").write_text(a.text + "\n", encoding="utf-8")
        print(f"wrote {ns.articles} articles to {out}")
    else:
        path = cached_jsonl(ns.articles, ns.seed)
        if ns.out:
            Path(ns.out).write_bytes(path.read_bytes())
            path = Path(ns.out)
        print(f"wrote {ns.articles} articles to {path}")
    if ns.stats:
        chars, vocab = 0, set()
        for a in iter_articles(ns.articles, ns.seed):
            chars += len(a.text)
            vocab.update(fold_tokens(a.text))
        print(f"{chars / 1e6:.1f} M chars, {chars / ns.articles:.0f} chars/article, {len(vocab)} distinct folded terms")


if __name__ == "__main__":
    main()
