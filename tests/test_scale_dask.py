"""`facts --format parquet --dask` on a LocalCluster of 2 worker processes: the same rows as the
single-process JSON on the seeds plus 2,000 generated articles, a worker killed mid-run, a bad file,
and a worker that cannot see the inputs. One cluster and one reference run serve the whole module."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from scale_rows import dataset_rows, json_rows
from unionreader.cli import main
from unionreader.corpus import default_corpus_dir
from unionreader.scale import tables

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = str(default_corpus_dir())
GENERATED = 2000
PER_FILE = 25  # small .jsonl files, so partitions (never smaller than a file) can be small too


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The seeds, 2,000 generated articles in .jsonl files of 25, and one bad file."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_corpus import iter_articles

    folder = tmp_path_factory.mktemp("generated")
    articles = list(iter_articles(GENERATED, seed=5))
    for start in range(0, GENERATED, PER_FILE):
        lines = [
            json.dumps({"title": a.title, "text": a.text[len(a.title) + 2 :], "date": a.published}, ensure_ascii=False)
            for a in articles[start : start + PER_FILE]
        ]
        (folder / f"gen-{start // PER_FILE:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = folder / "zz-bad.jsonl"
    bad.write_text('{"title": "no text field"}\nnot json at all\n', encoding="utf-8")
    return [SEEDS, str(folder)]


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> dict:
    """The rows of today's single-process `facts --format json` on the same inputs."""
    out = tmp_path_factory.mktemp("reference") / "facts.json"
    assert main(["facts", *inputs, "--format", "json", "-o", str(out)]) == 0
    return json_rows(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as local, distributed.Client(local) as client:
        yield local, client


def assert_same_rows(folder: Path, reference: dict) -> None:
    got = dataset_rows(folder)
    for table in tables.TABLES:
        assert len(got[table]) == len(reference[table]), table
        for i, (row, want) in enumerate(zip(got[table], reference[table], strict=True)):
            assert row == want, f"{table} row {i}"


def test_dask_dataset_equals_the_single_process_json(inputs, reference, cluster, tmp_path, capsys):
    local, _ = cluster
    out = tmp_path / "ds"
    code = main(["facts", *inputs, "--format", "parquet", "-o", str(out), "--dask", local.scheduler_address])
    assert code == 0, capsys.readouterr().err[-3000:]
    assert_same_rows(out, reference)
    assert len(reference["articles"]) == GENERATED + 5
    manifest = json.loads((out / "_unionreader.json").read_text())
    assert manifest["partitions"] >= 4  # work really was divided
    assert len(list((out / "facts").glob("part-*.parquet"))) == manifest["partitions"]
    # The bad file's two lines are rows of `errors`, and the run still succeeded.
    errors = dataset_rows(out)["errors"]
    assert [source.rsplit("/", 1)[-1] for source, _ in errors] == ["zz-bad.jsonl:1", "zz-bad.jsonl:2"]
    assert "malformed JSON line" in errors[1][1]
    err = capsys.readouterr().err
    assert f"{manifest['partitions']}/{manifest['partitions']} partitions · {GENERATED + 5:,} articles" in err


def rows_of_articles_from(reference: dict, files: list[str]) -> dict:
    """The reference rows of the articles read from ``files`` (a .jsonl article's source is file:line)."""
    ids = {row[0] for row in reference["articles"] if row[1].rsplit(":", 1)[0] in files}
    return {
        "articles": [r for r in reference["articles"] if r[0] in ids],
        "entities": [r for r in reference["entities"] if r[0] in ids],
        "facts": [r for r in reference["facts"] if r[0] in ids],
        "errors": [],
    }


def test_a_worker_killed_mid_run_still_gives_the_complete_dataset(
    inputs, reference, cluster, tmp_path, monkeypatch, capsys
):
    local, client = cluster
    files = sorted(str(p) for p in Path(inputs[1]).glob("gen-*.jsonl"))[:20]  # 500 articles
    # One file a partition: 20 short tasks, so the kill lands while both workers are busy.
    monkeypatch.setattr("unionreader.scale.command.partition_size", lambda total, workers: 1)
    pids_before = client.run(os.getpid)
    out = tmp_path / "ds"
    killed: list[int] = []

    def kill_a_busy_worker_after_the_first_part() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if list(tmp_path.glob(".ds.partial-*/facts/part-*.parquet")):
                busy = [w for w, keys in client.processing().items() if keys]
                if busy:
                    killed.append(pids_before[busy[0]])
                    os.kill(killed[0], signal.SIGKILL)
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker_after_the_first_part, daemon=True)
    killer.start()
    code = main(["facts", *files, "--format", "parquet", "-o", str(out), "--dask", local.scheduler_address])
    killer.join()
    assert code == 0, capsys.readouterr().err[-3000:]
    assert killed, "no worker was killed"
    expected = rows_of_articles_from(reference, files)
    assert len(expected["articles"]) == 20 * PER_FILE
    assert_same_rows(out, expected)  # every row once, in order: no duplicates, nothing missing
    assert not list(out.rglob(".*")), "no temporary part left behind"
    client.wait_for_workers(2, timeout=120)  # the nanny restarted it: the cluster is whole again
    assert killed[0] not in client.run(os.getpid).values()


def test_a_worker_that_cannot_see_the_inputs_is_one_clear_line(inputs, cluster, tmp_path, capsys):
    import cloudpickle

    local, client = cluster
    worker = sorted(client.run(os.getpid))[0]
    hidden = inputs[1]

    def hide(path):  # this worker's filesystem lacks `path` (as a machine without the shared mount)
        import unionreader.scale.tasks as tasks

        real = tasks.unreadable
        tasks.unreadable = lambda paths, folder: [f"cannot read {p}" for p in paths if p == path] + real(paths, folder)
        tasks.real_unreadable = real

    def restore():
        import unionreader.scale.tasks as tasks

        tasks.unreadable = tasks.real_unreadable

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    client.run(hide, hidden, workers=[worker])
    try:
        out = tmp_path / "ds"
        assert main(["facts", *inputs, "--format", "parquet", "-o", str(out), "--dask", local.scheduler_address]) == 2
    finally:
        client.run(restore, workers=[worker])
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"unionreader facts: Dask worker {worker} cannot read {hidden}: inputs and output must be on a filesystem "
        'every worker sees at the same path (see README, "Past one machine")'
    ]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_standard_input_cannot_go_to_workers(cluster, tmp_path, capsys):
    local, _ = cluster
    assert main(["facts", "-", "--format", "parquet", "-o", str(tmp_path / "ds"), "--dask", local.scheduler_address]) == 2
    assert "standard input cannot be sent to Dask workers" in capsys.readouterr().err


def test_dask_local_starts_a_cluster_here_and_gives_the_same_rows(tmp_path, capsys):
    reference = tmp_path / "seeds.json"
    assert main(["facts", SEEDS, "--format", "json", "-o", str(reference)]) == 0
    out = tmp_path / "ds"
    assert main(["facts", SEEDS, "--format", "parquet", "-o", str(out), "--dask", "local"]) == 0
    assert "LocalCluster of" in capsys.readouterr().err
    assert_same_rows(out, json_rows(json.loads(reference.read_text(encoding="utf-8"))))
