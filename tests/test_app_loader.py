"""The loader's thread loop: each library event becomes a Textual message, the loop waits for the first
listable rows to be painted, stops when the screen is gone, and reports a failing reader in one line."""

from __future__ import annotations

import threading

from unionreader.app import loader
from unionreader.app.archive import Archive
from unionreader.library.batching import Batch
from unionreader.library.events import Notice, Restored, Summary
from unionreader.library.loader import Library

SUMMARY = Summary(articles=2, files=2, new=0, changed=0, removed=0, unchanged=2, duplicates=0, errors=0,
                  seconds=0.1, cached=True, cache_seconds=0.05)


def batch(articles: int) -> Batch:
    return Batch(analyses=(object(),) * articles, errors=(), loaded=articles, total=None, megabytes=0.0, seconds=0.0)


def archive_of(*events) -> Archive:
    def source(feeder):
        for event in events:
            if isinstance(event, Exception):
                raise event
            yield event

    return Archive(Library(None), source)


def test_each_event_is_posted_as_its_message_and_the_load_ends_with_load_finished():
    posted = []

    def post(message):
        posted.append(message)
        if isinstance(message, loader.CacheRestored | loader.BatchLoaded):
            message.shown.set()  # as the screen does once it has painted the rows
        return True

    events = (Notice("cache damaged; rebuilt"), Restored(2, 0.1), batch(0), batch(3), SUMMARY)
    loader.load_into(archive_of(*events), post, make_way=lambda: None)
    assert [type(m) for m in posted] == [loader.CacheNotice, loader.CacheRestored, loader.BatchLoaded,
                                         loader.BatchLoaded, loader.LoadSummarised, loader.LoadFinished]
    assert posted[0].text == "cache damaged; rebuilt"
    assert posted[1].restored.articles == 2
    assert len(posted[3].batch.analyses) == 3
    assert posted[4].summary is SUMMARY


def test_the_loop_waits_until_the_first_listable_rows_are_shown():
    shown_before_next_event = []
    first: list = []

    def post(message):
        if isinstance(message, loader.BatchLoaded) and message.batch.analyses and not first:
            first.append(message)
            # The screen paints a moment later, from another thread; the loop must not go on before.
            threading.Timer(0.05, message.shown.set).start()
        elif first:
            shown_before_next_event.append(first[0].shown.is_set())
        return True

    loader.load_into(archive_of(batch(0), batch(2), batch(4)), post, make_way=lambda: None)
    assert shown_before_next_event == [True, True]  # the next batch and LoadFinished


def test_the_loop_stops_when_the_screen_is_gone():
    posted = []

    def post(message):
        posted.append(message)
        return False  # the app is closing

    loader.load_into(archive_of(Notice("one"), Notice("two")), post, make_way=lambda: None)
    assert [type(m) for m in posted] == [loader.CacheNotice]


def test_a_failing_reader_is_reported_in_one_line_and_loading_still_ends():
    posted = []
    loader.load_into(archive_of(ValueError("bad bytes in a.txt")), lambda m: posted.append(m) or True,
                     make_way=lambda: None)
    assert [type(m) for m in posted] == [loader.LoadFailed, loader.LoadFinished]
    assert posted[0].reason == "bad bytes in a.txt"
