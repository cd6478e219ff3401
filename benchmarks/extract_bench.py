"""Extraction speed: the seeds repeated to ~10 MB, short news articles, and adversarial input.

    .venv/bin/python benchmarks/extract_bench.py [--mb 10] [--runs 3] [--short 1000] [--jobs 1] [--short-only]

Prints MB/s (median of the runs, one core) for ``extract_entities`` and for the figures pass alone,
then the short-article case: the whole ``unionreader facts DIR --no-cache --jobs N --format json``
command in a fresh process (start-up, reading, cleaning, extraction, JSON) over ``--short`` generated
news articles of 1–4 KB (general news, sport, business, tech, about one in ten union news; see
``short_news.py``), in MB per CPU-second of the command and its workers (goal >= 2); then the
seconds each 1 MB adversarial line takes, whole extraction, figures pass alone and facts, with a
PASS or OVER verdict (goal: under 1 s each), and a last ``summary:`` line (goal for MB/s: >= 2).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from short_news import write_short_news
from unionreader.articles import Article, Paragraph
from unionreader.corpus import default_corpus_dir, load_paths
from unionreader.extract.entities import extract_entities
from unionreader.extract.facts import extract_facts
from unionreader.extract.figures import extract_figures


def _one_megabyte(unit: str) -> str:
    """``unit`` repeated to exactly 1,000,000 bytes of UTF-8 (cut at a character boundary)."""
    data = (unit * (1_000_000 // len(unit.encode()) + 1)).encode()[:1_000_000]
    return data.decode("utf-8", errors="ignore")


ADVERSARIAL = {
    name: _one_megabyte(unit)
    for name, unit in {
        "long digit runs": "1234567890",
        "dotted digits 1.1.1…": "1.",
        "slashed digits 1/1/1…": "1/",
        "capitalised words": "Nguyễn Văn An Bình Minh Công Ty Sở Ban ",
        "repeated Công đoàn": "Công đoàn ",
        "date words": "ngày 12 tháng ",
        "counts": "8.945 đoàn viên, ",
        "open quotes": "“01 triệu sáng kiến ",
        "rates after a clause": "lượng khách tăng 4% so với cùng kỳ, ",
        "amounts for each": "mỗi suất quà trị giá 500.000 đồng mỗi người, ",
        "awards and counts": "Bằng khen của Tổng LĐLĐ Việt Nam cho 3 tập thể, ",
    }.items()
}
GOAL_MB_S = 2.0  # extract_entities on the seeds, one core
LIMIT_S = 1.0  # per adversarial line, whole extraction


def _article(text: str, source: str = "adversarial") -> Article:
    return Article(source, source, "", True, text, (Paragraph("body", 0, len(text)),), None, text)


def _corpus(megabytes: float) -> list[Article]:
    seeds = list(load_paths([str(default_corpus_dir())]).articles)
    size = sum(len(a.text.encode()) for a in seeds)
    copies = max(1, round(megabytes * 1_000_000 / size))
    return [replace(a, id=f"{a.id}-{i}") for i in range(copies) for a in seeds]


def _rate(fn, articles: list[Article], runs: int) -> tuple[float, float]:
    size_mb = sum(len(a.text.encode()) for a in articles) / 1_000_000
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for a in articles:
            fn(a)
        timings.append(time.perf_counter() - started)
    return size_mb, size_mb / statistics.median(timings)


def _facts_command_rate(folder: Path, runs: int, jobs: int) -> tuple[int, float, float, float]:
    """``unionreader facts FOLDER --no-cache --jobs JOBS --format json`` in a fresh process, ``runs``
    times: (articles, MB, median MB per CPU-second, median wall seconds).

    CPU time (user + sys of the command and its worker processes) is the honest "per core" measure:
    it counts the pool's start-up and pickling, and a busy shared machine disturbs it less than wall
    time. ``--no-cache`` makes every run read and extract every file (the cache is measured by
    ``library_bench.py``)."""
    files = sorted(folder.glob("*.txt"))
    size_mb = sum(f.stat().st_size for f in files) / 1_000_000
    cpu, wall = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "facts.json")
        command = [sys.executable, "-m", "unionreader", "facts", str(folder), "--no-cache", "--jobs", str(jobs),
                   "--format", "json", "--output", out]
        # An installed package has its bytecode compiled; with PYTHONDONTWRITEBYTECODE set (as in some
        # sandboxes) every run would compile the sources again (~0.07 CPU-s). A first, untimed run writes
        # the bytecode under the temporary folder (not into the sources), and the timed runs read it.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        subprocess.run(command, check=True, stderr=subprocess.DEVNULL, env=env)
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL, env=env)
            wall.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return len(files), size_mb, size_mb / statistics.median(cpu), statistics.median(wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    ap.add_argument("--runs", type=int, default=3, help="runs; the median is reported (default 3)")
    ap.add_argument("--short", type=int, default=1000, help="short news articles for the facts case (default 1000)")
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes for the facts case (default 1)")
    ap.add_argument("--short-only", action="store_true", help="run only the short-article facts case")
    args = ap.parse_args()

    folder = write_short_news(args.short)
    count, short_mb, short_rate, short_wall = _facts_command_rate(folder, args.runs, args.jobs)
    short_verdict = "PASS" if short_rate >= GOAL_MB_S else f"UNDER {GOAL_MB_S:g} MB/s"
    print(
        f"facts command, short news, --no-cache --jobs {args.jobs}: {count} articles, {short_mb:.1f} MB, "
        f"{short_rate:.2f} MB per CPU-second, {1000 * short_mb / short_rate / count:.2f} CPU-ms per article, "
        f"{short_wall:.2f} s wall (median of {args.runs}; {short_verdict})"
    )
    if args.short_only:
        return

    articles = _corpus(args.mb)
    size, rate = _rate(extract_entities, articles, args.runs)
    print(f"extract_entities: {size:.1f} MB of seed articles, {rate:.2f} MB/s (median of {args.runs}; goal >= {GOAL_MB_S:g})")
    _, figures_rate = _rate(lambda a: extract_figures(a.text), articles, args.runs)
    print(f"extract_figures alone: {figures_rate:.2f} MB/s")

    print("adversarial 1 MB lines (goal < 1 s each for the whole extract_entities; facts beside it):")
    print(f"  {'input':24s} {'size':>8s}  {'entities':>9s}  {'figures':>9s}  {'facts':>9s}  {'found':>6s}  verdict")
    slowest, over = 0.0, []
    for name, line in ADVERSARIAL.items():
        started = time.perf_counter()
        extract_figures(line)
        figures_s = time.perf_counter() - started
        started = time.perf_counter()
        entities = extract_entities(_article(line))
        elapsed = time.perf_counter() - started
        slowest = max(slowest, elapsed)
        started = time.perf_counter()
        extract_facts(_article(line), entities)  # (a rule reading its whole clause per figure is quadratic here)
        facts_s = time.perf_counter() - started
        verdict = "PASS" if elapsed < LIMIT_S else f"OVER {LIMIT_S:g} s"
        if elapsed >= LIMIT_S:
            over.append(name)
        size_mb = len(line.encode()) / 1e6
        print(f"  {name:24s} {size_mb:5.2f} MB  {elapsed:7.3f} s  {figures_s:7.3f} s  {facts_s:7.3f} s  "
              f"{len(entities):6d}  {verdict}")

    rate_verdict = "PASS" if rate >= GOAL_MB_S else f"UNDER {GOAL_MB_S:g} MB/s"
    adversarial = "all PASS" if not over else f"{len(over)} OVER {LIMIT_S:g} s ({', '.join(over)})"
    print(
        f"summary: facts command on short news {short_rate:.2f} MB/s ({short_verdict}); "
        f"extract_entities {rate:.2f} MB/s ({rate_verdict}), figures alone {figures_rate:.2f} MB/s; "
        f"adversarial {adversarial}, slowest {slowest:.3f} s"
    )

if __name__ == "__main__":
    main()
