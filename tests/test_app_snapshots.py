"""SVG snapshots of the main screen, the help screen and the filter panel on the seeds.

Regenerate after a deliberate change of the layout (or of what extraction finds in the seeds) with
``pytest tests/test_app_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch):
    # Sources are shown as given; a relative path keeps the SVGs the same in any checkout.
    monkeypatch.chdir(ROOT)


def seeds_app() -> UnionReaderApp:
    return UnionReaderApp(["seeds"], config=Config(), clipboard_commands=False, show_timing=False)


async def loaded(pilot) -> None:
    app = pilot.app
    for _ in range(400):
        if not app.archive.loading and app.main_screen.results.result is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_main_screen_120x40(snap_compare):
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=loaded)


def test_main_screen_80x24(snap_compare):
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=loaded)


def test_search_results_screen(snap_compare):
    async def search(pilot) -> None:
        await loaded(pilot)
        pilot.app.query_one("#search").value = "cong doan vien chuc"
        await pilot.pause()
        pilot.app.query_one("#list").focus()
        await pilot.pause()

    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=search)


def test_help_screen(snap_compare):
    async def open_help(pilot) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=open_help)


def test_filter_panel(snap_compare):
    async def open_filters(pilot) -> None:
        await loaded(pilot)
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=open_filters)
