import gc

import pytest

from unionreader.gc_pacing import YOUNG_THRESHOLD, fewer_collections
from unionreader.library.worker import analyse_files


@pytest.fixture
def default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_young_threshold_is_raised_inside_and_restored_after(default_thresholds):
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_error(default_thresholds):
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_disabled_or_higher_setting_is_left_alone(default_thresholds):
    gc.set_threshold(50_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 5, 5)
    gc.set_threshold(0, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (0, 10, 10)


def test_a_batch_of_files_leaves_the_collector_as_it_found_it(default_thresholds, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hội nghị công đoàn\n\nSáng 12/3, 120 đoàn viên dự hội nghị.\n", encoding="utf-8")
    [outcome] = analyse_files([str(article)])
    assert outcome.analyses and not outcome.errors
    assert gc.get_threshold() == (700, 10, 10)


def test_the_collector_is_paused_inside_and_enabled_after_even_on_error():
    from unionreader.gc_pacing import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_batches_indexed_from_a_stream_are_frozen_like_the_librarys(tmp_path):
    """The stream path (piped stdin, tests) hands articles over as the library does: out of the
    collector's passes."""
    from unionreader.corpus import default_corpus_dir, iter_load
    from unionreader.library.batching import load_batches
    from unionreader.library.indexer import IndexFeeder, index_batches
    from unionreader.search import SearchIndex

    batches = list(index_batches(load_batches(iter_load([str(default_corpus_dir())])), IndexFeeder(SearchIndex()), set()))
    article = batches[0].analyses[0].article
    assert not any(o is article for o in gc.get_objects())
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_holds_from_several_holders_keep_the_collector_paused_until_the_last_is_released():
    import threading

    from unionreader.gc_pacing import KeysHold, collector_paused

    assert gc.isenabled()
    keys = KeysHold()
    keys.hold()
    keys.hold()  # (one hold per holder)
    assert not gc.isenabled()
    with collector_paused():  # a table built meanwhile, on another thread
        done = threading.Event()

        def build() -> None:
            with collector_paused():
                keys.release()  # the keys rest while the build goes on
                assert not gc.isenabled()
            done.set()

        threading.Thread(target=build).start()
        assert done.wait(10)
        assert not gc.isenabled()
    assert gc.isenabled()
    keys.release()  # (released twice: no effect)
    assert gc.isenabled()


def test_a_collector_switched_off_before_the_first_hold_stays_off():
    from unionreader.gc_pacing import collector_paused

    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
