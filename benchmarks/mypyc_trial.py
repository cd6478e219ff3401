"""Would compiling the extraction with mypyc reach the speed goals? A trial to re-run, not a build step.

    .venv/bin/pip install mypy        # mypyc ships with mypy; neither is a dependency of the project
    .venv/bin/python benchmarks/mypyc_trial.py [--rounds 3] [--short 1000] [--library DIR] [--keep DIR]
    .venv/bin/python benchmarks/mypyc_trial.py --keep DIR --build-only   # then: PYTHONPATH=DIR/tui pytest

Copies ``tui/`` to a temporary folder, applies ``mypyc_type_fixes.patch`` there (the annotations mypyc
needs: it refuses code that mypy rejects, and it checks every annotation at run time, so an annotation
that a caller contradicts becomes a ``TypeError``), compiles ``MODULES`` in place with mypyc (about
100 CPU-s), checks that the compiled package's ``facts --format json`` and ``--format md`` outputs are
byte-identical to the pure package's on the seeds and the short news, then runs the short-news facts
command of ``extract_bench.py`` (``unionreader facts DIR --no-cache --jobs 1 --format json``) alternately
pure and compiled, ``--rounds`` times each, and prints the median CPU seconds (user + sys of the command)
and their ratio. With ``--library DIR`` it also alternates the cold open of ``library_bench.py --path DIR
--cold-only --jobs 2`` and compares the workers' CPU seconds.

The project does not ship compiled modules (README, "Compiled extraction"): measured on 2026-12-04 the
whole facts command gained ~1.15x and the workers ~1.2x, short of the 1.4x that would pay for a compiler
at install time. When the patch no longer applies (the modules changed), run
``mypy`` on ``MODULES`` in the copy (``--keep DIR``), fix what it reports with annotations only, and
write the patch again with ``git diff``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from short_news import write_short_news  # noqa: E402

PATCH = ROOT / "benchmarks" / "mypyc_type_fixes.patch"
# The extraction, reading, cleaning and export: what the facts command and the cache's workers run per
# article. Not ``extract/models.py`` (compiled, its frozen dataclasses become native classes that pickle and
# set slots differently) nor ``extract/__init__.py`` (its module ``__getattr__``: the compiled package
# crashes on import with mypy 2.4).
MODULES = [
    *(f"unionreader/extract/{name}.py" for name in (
        "dates", "entities", "facts", "facts_awards", "facts_common", "facts_figures", "facts_people",
        "figures", "lexicons", "name_rules", "names", "numbers", "orgs", "people", "records", "tones")),
    "unionreader/cleaning.py", "unionreader/corpus.py", "unionreader/export.py", "unionreader/text.py",
]


def _env(tui: Path, pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tui)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)  # bytecode written once, read by the timed runs
    return env


def build(copy: Path) -> Path:
    """The compiled copy of the package: ``copy/tui`` with the type fixes and the compiled modules."""
    shutil.copytree(ROOT / "tui", copy / "tui", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copytree(ROOT / "benchmarks", copy / "benchmarks", ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    (copy / "seeds").symlink_to(ROOT / "seeds")  # ``default_corpus_dir`` looks beside the package
    applied = subprocess.run(["git", "apply", str(PATCH)],
                             cwd=copy, capture_output=True, text=True)
    if applied.returncode:
        sys.exit(f"mypyc_trial: {PATCH.name} no longer applies to tui/ ({applied.stderr.strip()}); "
                 f"redo the type fixes (see this script's docstring)")
    print(f"compiling {len(MODULES)} modules with mypyc in {copy / 'tui'} ...", flush=True)
    compiled = subprocess.run([sys.executable, "-m", "mypyc", *MODULES], cwd=copy / "tui",
                              capture_output=True, text=True)
    if compiled.returncode:
        errors = [line for line in compiled.stdout.splitlines() if ": error:" in line]
        sys.exit("mypyc_trial: mypyc failed:\n" + "\n".join(errors or compiled.stderr.splitlines()[-20:]))
    probe = subprocess.run([sys.executable, "-c", "import unionreader.extract.names as m; print(m.__file__)"],
                           env=_env(copy / "tui", copy / "pycache"), capture_output=True, text=True, check=True)
    if not probe.stdout.strip().endswith(".so"):
        sys.exit(f"mypyc_trial: the compiled modules are not the ones imported ({probe.stdout.strip()})")
    return copy / "tui"


def facts(tui: Path, pycache: Path, folder: Path, fmt: str, out: Path) -> float:
    """Run the facts command over ``folder`` with ``tui`` first on the path; its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "unionreader", "facts", str(folder), "--no-cache", "--jobs", "1",
                    "--format", fmt, "--output", str(out)], env=_env(tui, pycache), check=True,
                   stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def same_output(variants: dict[str, tuple[Path, Path]], folders: list[Path], tmp: Path) -> list[str]:
    """The (folder, format) pairs whose outputs differ between the variants (byte for byte)."""
    differ = []
    for folder in folders:
        for fmt in ("json", "md"):
            outputs = []
            for name, (tui, pycache) in variants.items():
                out = tmp / f"{name}-{folder.name}.{fmt}"
                facts(tui, pycache, folder, fmt, out)
                outputs.append(out.read_bytes())
            if len(set(outputs)) > 1:
                differ.append(f"{folder} ({fmt})")
    return differ


def library_cold(root: Path, tui: Path, pycache: Path, folder: Path) -> dict:
    # library_bench.py puts its own checkout's tui/ first on the path: each variant runs its own copy.
    done = subprocess.run([sys.executable, str(root / "benchmarks" / "library_bench.py"), "--path", str(folder),
                           "--cold-only", "--jobs", "2"], env=_env(tui, pycache), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="alternating runs of each variant (default 3)")
    ap.add_argument("--short", type=int, default=1000, help="short news articles (default 1000)")
    ap.add_argument("--library", type=Path, help="also compare the cold open's workers on this folder")
    ap.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    ap.add_argument("--build-only", action="store_true",
                    help="stop after the build (with --keep: run the tests on it with PYTHONPATH=DIR/tui)")
    args = ap.parse_args()

    if args.keep:
        args.keep.mkdir(parents=True)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="mypyc-trial-"))
    try:
        compiled = build(tmp)
        if args.build_only:
            print(f"built: {compiled}")
            return
        variants = {"pure": (ROOT / "tui", tmp / "pycache-pure"), "compiled": (compiled, tmp / "pycache")}
        folder = write_short_news(args.short)
        differ = same_output(variants, [ROOT / "seeds", folder], tmp)
        print("outputs: " + ("byte-identical (seeds, short news; json and md)" if not differ
                             else "DIFFER: " + ", ".join(differ)))
        size_mb = sum(f.stat().st_size for f in folder.glob("*.txt")) / 1e6
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.rounds):
            for name, (tui, pycache) in variants.items():
                cpu[name].append(facts(tui, pycache, folder, "json", tmp / "timed.json"))
        pure, fast = statistics.median(cpu["pure"]), statistics.median(cpu["compiled"])
        print(f"facts command, {args.short} short news ({size_mb:.1f} MB), --jobs 1, median of {args.rounds}: "
              f"pure {pure:.2f} CPU-s ({size_mb / pure:.2f} MB per CPU-s), compiled {fast:.2f} CPU-s "
              f"({size_mb / fast:.2f} MB per CPU-s): ratio {pure / fast:.2f}x")
        if args.library:
            roots = {"pure": ROOT, "compiled": tmp}
            workers: dict[str, list[float]] = {name: [] for name in variants}
            for _ in range(args.rounds):
                for name, (tui, pycache) in variants.items():
                    workers[name].append(library_cold(roots[name], tui, pycache, args.library)["cold_workers_cpu_s"])
            pure, fast = statistics.median(workers["pure"]), statistics.median(workers["compiled"])
            print(f"cold open of {args.library}, --jobs 2, workers' CPU, median of {args.rounds}: pure {pure:.1f} s, "
                  f"compiled {fast:.1f} s: ratio {pure / fast:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
