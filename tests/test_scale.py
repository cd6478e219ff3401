"""`facts --format parquet` in one process: the dataset's layout and rows, partitions, a safe output
folder, and one clear line without the scale extra. (The Dask runs are in test_scale_dask.py.)"""

from __future__ import annotations

import json
import sys

import pytest

from scale_rows import dataset_rows, json_rows
from unionreader.cli import main
from unionreader.corpus import Source, default_corpus_dir
from unionreader.scale import tables
from unionreader.scale.partition import (
    MAX_PARTITION_BYTES,
    MIN_PARTITION_BYTES,
    partition_size,
    plan_partitions,
)
from unionreader.scale.tasks import unreadable

pa = pytest.importorskip("pyarrow")
import pyarrow.dataset as pads  # noqa: E402

SEEDS = str(default_corpus_dir())


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "inputs" / "hỏng.txt"
    path.parent.mkdir()
    path.write_bytes(b"\x00\x01\x02\x03 binary \x00\xff" * 40)
    return str(path)


def reference_json(paths, tmp_path, *extra) -> dict:
    out = tmp_path / "reference.json"
    assert main(["facts", *paths, "--format", "json", "-o", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_dataset_has_the_rows_of_the_json_and_the_documented_layout(tmp_path, bad_file, capsys):
    out = tmp_path / "facts-ds"
    assert main(["facts", SEEDS, bad_file, "--format", "parquet", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"unionreader: {bad_file}:" in err and "1/1 partitions · 5 articles" in err
    assert sorted(p.name for p in out.iterdir()) == ["_unionreader.json", "articles", "entities", "errors", "facts"]
    for table in tables.TABLES:
        assert [p.name for p in (out / table).iterdir()] == ["part-00000.parquet"]
    manifest = json.loads((out / "_unionreader.json").read_text())
    assert manifest["schema"] == "unionreader/facts-parquet-v1"
    assert (manifest["articles"], manifest["errors"], manifest["partitions"]) == (5, 1, 1)
    assert not list(tmp_path.glob(".facts-ds.*")), "the staging folder is gone"

    got, want = dataset_rows(out), json_rows(reference_json([SEEDS, bad_file], tmp_path))
    for table in tables.TABLES:
        assert got[table] == want[table], table
    assert [source for source, _ in got["errors"]] == [bad_file]
    # Each table opens as a dataset (the way pandas, DuckDB and Spark open a folder of parts).
    facts = pads.dataset(out / "facts", format="parquet").to_table()
    assert facts.num_rows == manifest["facts"] > 0
    assert {"Sự kiện", "Đơn vị tổ chức"} <= set(facts.column("label").to_pylist())


def test_kind_filter_keeps_those_facts_only(tmp_path):
    out = tmp_path / "ds"
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out), "--kind", "people"]) == 0
    kinds = set(tables.read_table(out, "facts").column("kind").to_pylist())
    assert kinds == {"people"}
    assert tables.read_table(out, "articles").num_rows == 5


def test_parquet_needs_an_output_folder(capsys):
    assert main(["facts", SEEDS, "--format", "parquet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--output DIR" in err[0]


def test_dask_needs_parquet(capsys):
    assert main(["facts", SEEDS, "--dask", "local"]) == 2
    assert capsys.readouterr().err.strip() == "unionreader facts: --dask needs --format parquet"


@pytest.mark.parametrize(("module", "flags"), [("pyarrow", []), ("distributed", ["--dask", "local"])])
def test_without_the_scale_extra_one_line_says_what_to_install(tmp_path, monkeypatch, capsys, module, flags):
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
    out = tmp_path / "ds"
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out), *flags]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'unionreader[scale]'" in err[0] and module in err[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_nothing_loaded_is_exit_2_and_no_dataset(tmp_path, bad_file, capsys):
    out = tmp_path / "ds"
    assert main(["facts", bad_file, "--format", "parquet", "-o", str(out)]) == 2
    assert "no article could be loaded" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".ds.*"))


def test_an_existing_dataset_is_replaced_but_another_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "ds"
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out), "--kind", "people"]) == 0
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out)]) == 0
    assert len(set(tables.read_table(out, "facts").column("kind").to_pylist())) > 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep me")
    capsys.readouterr()
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(notes)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a unionreader dataset" in err[0]
    assert [p.name for p in notes.iterdir()] == ["mine.txt"]


def test_a_failed_run_leaves_the_previous_dataset_as_it_was(tmp_path, monkeypatch, capsys):
    out = tmp_path / "ds"
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out), "--kind", "people"]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def disk_full(folder, partition, rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("unionreader.scale.tasks.write_parts", disk_full)
    capsys.readouterr()
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"unionreader facts: cannot write {out}: No space left on device"
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_partitions_are_contiguous_runs_of_about_the_target_size():
    sizes = [100, 300, 50, 700, 2000, 10, 10, 10]
    sources = [Source(f"f{i}", s) for i, s in enumerate(sizes)]
    parts = plan_partitions(sources, 400)
    assert [[s.path for s in p.sources] for p in parts] == [
        ["f0", "f1"], ["f2"], ["f3"], ["f4"], ["f5", "f6", "f7"],
    ]
    assert [p.index for p in parts] == list(range(5))
    assert [s for p in parts for s in p.sources] == sources  # nothing lost, nothing repeated, same order
    assert plan_partitions([], 400) == []


def test_partition_size_gives_each_worker_several_tasks_within_bounds():
    assert partition_size(80 * 2**20, workers=2) == MAX_PARTITION_BYTES
    assert partition_size(16 * 2**20, workers=2) == 2 * 2**20
    assert partition_size(1000, workers=8) == MIN_PARTITION_BYTES
    assert partition_size(10**12, workers=4) == MAX_PARTITION_BYTES


def test_worker_check_names_what_it_cannot_read_or_write(tmp_path):
    seen = tmp_path / "a.txt"
    seen.write_text("x")
    assert unreadable([str(seen)], str(tmp_path)) == []
    missing = str(tmp_path / "elsewhere" / "b.txt")
    assert unreadable([str(seen), missing], str(tmp_path / "no-such-dir")) == [
        f"cannot read {missing}", f"cannot write {tmp_path / 'no-such-dir'}",
    ]


def test_the_scale_package_imports_without_pyarrow_or_dask():
    import subprocess

    code = (
        "import sys\n"
        "import unionreader.cli, unionreader.scale.command, unionreader.scale.tables\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'dask', 'distributed'))\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
