"""SVG snapshots of the people, organisation and overview screens on own fixture articles.

Regenerate after a deliberate change with ``pytest tests/test_app_directory_snapshots.py
--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.screens.directory import DirectoryScreen
from unionreader.app.widgets.directory_list import DirectoryList

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = "tests/fixtures/directory"


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def fixture_app() -> UnionReaderApp:
    return UnionReaderApp([FIXTURES], config=Config(), clipboard_commands=False, show_timing=False)


def opened(*keys: str, query: str = "", typed: str = ""):
    """Press ``keys`` once loaded; then (the table built) put ``typed`` in the screen's filter."""
    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(400):
            if not app.archive.loading and app.main_screen.results.result is not None:
                break
            await pilot.pause(0.05)
        if query:
            app.query_one("#search").value = query
            await pilot.pause()
            app.query_one("#list").focus()
        await pilot.press(*keys)
        for _ in range(200):
            if getattr(app.screen, "table", None) is not None or getattr(app.screen, "overview", None) is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        if typed:
            app.screen.query_one("#directory-filter").value = typed
            await pilot.pause()
            app.screen.query_one(DirectoryList).focus()  # a focused text box's cursor blinks
            await pilot.pause()
        if isinstance(app.screen, DirectoryScreen):  # the highlighted profile (made in a worker) is shown
            for _ in range(200):
                if app.screen.profile_row == app.screen.query_one(DirectoryList).highlighted_row:
                    break
                await pilot.pause(0.02)
            await pilot.pause()

    return run_before


def test_people_screen_120x40(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(120, 40), run_before=opened("p"))


def test_people_screen_80x24(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(80, 24), run_before=opened("p"))


def test_people_filtered_120x40(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(120, 40), run_before=opened("p", "slash", typed="truong"))


def test_organisations_screen_120x40(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(120, 40), run_before=opened("o", "down", "down"))


def test_organisations_screen_80x24(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(80, 24), run_before=opened("o"))


def test_overview_screen_120x40(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(120, 40), run_before=opened("v"))


def test_overview_of_search_results_80x24(snap_compare):
    assert snap_compare(fixture_app(), terminal_size=(80, 24), run_before=opened("v", query="lam dong"))
