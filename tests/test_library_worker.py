"""The worker unit shared by the library's process pool and the Dask tasks."""

import pickle
from pathlib import Path

from unionreader.corpus import default_corpus_dir, load_paths
from unionreader.extract import analyse
from unionreader.library.worker import analyse_file, analyse_files


def test_worker_gives_the_same_analysis_as_the_pipeline():
    seed = sorted(Path(default_corpus_dir()).glob("*.txt"))[0]
    outcome = analyse_file(str(seed))
    expected = analyse(load_paths([seed]).articles[0])
    assert outcome.errors == ()
    assert outcome.analyses == (expected,)
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_worker_turns_a_bad_file_into_an_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    outcomes = analyse_files([str(empty), str(tmp_path / "missing.txt")])
    assert [o.analyses for o in outcomes] == [(), ()]
    assert [o.errors[0].source for o in outcomes] == [str(empty), str(tmp_path / "missing.txt")]
    assert "empty" in outcomes[0].errors[0].error
