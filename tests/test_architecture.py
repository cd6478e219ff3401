"""The shape the project promises: a Textual-free core, an installable package with its seeds."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tui" / "unionreader"
CORE_MODULES = sorted(
    "unionreader." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
    for p in PACKAGE.rglob("*.py")
    if "app" not in p.relative_to(PACKAGE).parts[:1] and p.name not in ("__main__.py",)
)


def test_core_modules_are_found():
    assert "unionreader.text" in CORE_MODULES
    assert "unionreader.corpus" in CORE_MODULES
    assert any(m.startswith("unionreader.extract") for m in CORE_MODULES)


def test_core_never_imports_textual():
    code = (
        "import importlib, sys\n"
        f"mods = {CORE_MODULES!r}\n"
        "for m in mods:\n"
        "    importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"core imported textual: {proc.stdout} {proc.stderr[-2000:]}"


def test_seeds_are_the_shared_samples_verbatim():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    ours = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert ours == sorted(p.name for p in shared.iterdir())
    for name in ours:
        assert (ROOT / "seeds" / name).read_bytes() == (shared / name).read_bytes(), name


def test_default_corpus_is_the_seeds():
    from unionreader.corpus import default_corpus_dir

    names = sorted(p.name for p in default_corpus_dir().iterdir() if p.suffix == ".txt")
    assert names == sorted(p.name for p in (ROOT / "seeds").iterdir())


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run(
        [sys.executable, "-m", "unionreader", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    assert "unionreader" in proc.stdout


@pytest.mark.slow
def test_wheel_ships_the_seeds(tmp_path):
    """A plain (non-editable) install must find the bundled corpus inside the package."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("unionreader-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    seeds = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("unionreader/seeds/"))
    assert seeds == sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert "unionreader/cli.py" in names
    assert not any(n.startswith("unionreader/tests") for n in names)
    # Development tools (extraction scoring) stay out of the product.
    assert not any("eval" in n.rsplit("/", 1)[-1] for n in names), [n for n in names if "eval" in n]


def test_import_layers_hold():
    """The import-linter contracts in pyproject.toml: one-way layers, Textual only in the app."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed (it comes with the test extra)")
    proc = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_reading_analyses_back_does_not_load_the_extraction_rules():
    """A warm open unpickles stored analyses (the models) and searches; the rules (lexicons, compiled
    patterns) load only when something is extracted: about a fifth of a second per launch."""
    code = (
        "import sys\n"
        "import unionreader.extract.models, unionreader.search, unionreader.library.loader\n"
        "heavy = [m for m in ('unionreader.extract.entities', 'unionreader.extract.facts') if m in sys.modules]\n"
        "from unionreader.extract import analyse, extract_entities\n"
        "assert 'unionreader.extract.entities' in sys.modules\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "", f"imported on the warm path: {proc.stdout}"
