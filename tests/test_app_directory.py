"""Pilot tests of the people (`p`), organisation (`o`) and overview (`v`) screens on own fixtures."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from textual.widgets import Input

from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.screens.directory import OrgsScreen, PeopleScreen
from unionreader.app.screens.help import HelpScreen
from unionreader.app.screens.main import MainScreen
from unionreader.app.screens.overview import OverviewScreen
from unionreader.app.widgets.article_list import ArticleList
from unionreader.app.widgets.directory_list import DirectoryList
from unionreader.directory import build_overview

FIXTURES = Path(__file__).parent / "fixtures" / "directory"


def make_app(**kwargs) -> UnionReaderApp:
    kwargs.setdefault("config", Config())
    kwargs.setdefault("clipboard_commands", False)
    return UnionReaderApp([str(FIXTURES)], **kwargs)


async def wait_loaded(app, pilot) -> None:
    for _ in range(400):
        if not app.archive.loading and app.main_screen.results.result is not None:
            break
        await pilot.pause(0.05)
    assert not app.archive.loading
    await pilot.pause()


async def wait_table(app, pilot) -> DirectoryList:
    for _ in range(200):
        if getattr(app.screen, "table", None) is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    return app.screen.query_one(DirectoryList)


async def wait_profile(app, pilot) -> str:
    """The profile pane's text once it shows the highlighted row (profiles are made in a worker)."""
    listing = app.screen.query_one(DirectoryList)
    for _ in range(200):
        if app.screen.profile_row == listing.highlighted_row:
            break
        await pilot.pause(0.02)
    return shown(app, "#directory-profile-body")


def listed(listing: DirectoryList) -> list[str]:
    return [listing.row_text(i) for i in range(len(listing.rows))]


def shown(app, selector: str) -> str:
    """The text a Static of the current screen shows (its Rich renderable printed 100 cells wide)."""
    console = Console(file=io.StringIO(), width=100, color_system=None)
    content = app.screen.query_one(selector).content
    console.print(content)
    return console.file.getvalue()


def status(app) -> str:
    return str(app.screen.query_one("#directory-status").render())


async def test_p_opens_people_sorted_by_articles_with_the_profile_beside():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert app.focused is listing
        rows = listed(listing)
        assert len(rows) == 5 and rows[-1].endswith(" 1")
        assert sum(r.startswith("Trương Minh Khuê") for r in rows) == 2  # namesakes apart
        assert status(app).startswith(" 5 of 5 people · sorted by articles")
        profile = await wait_profile(app, pilot)
        assert rows[0].split(" · ")[0] in profile and "Articles" in profile
        await pilot.press("down")
        assert rows[1].split(" · ")[0] in await wait_profile(app, pilot)


async def test_loading_scans_each_batch_for_the_tables_before_any_screen_opens():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        loaded = len(app.archive.index)
        assert loaded >= 4
        live = app.archive.directory
        assert live.scanned("people") == live.scanned("orgs") == loaded
        await pilot.press("o")
        await wait_table(app, pilot)
        assert len(app.screen.table.analyses) == loaded


async def test_reopening_a_screen_lists_the_table_already_built_without_a_worker():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        asked = []
        build = app.archive.directory_table
        app.archive.directory_table = lambda kind: asked.append(kind) or build(kind)
        await pilot.press("p")
        await wait_table(app, pilot)
        built = app.screen.table
        first = app.screen
        await pilot.press("escape")
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PeopleScreen) and screen.table is built
        assert screen is first  # kept for the app's life: reopening only repaints it
        assert asked == ["people"]  # the second time, no worker asked for it
        assert len(screen.query_one(DirectoryList).rows) == len(built)


async def test_typing_in_the_filter_folds_and_tolerates_typos():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        await pilot.press("slash", *"quahc")  # no diacritics, a swapped pair
        await pilot.pause()
        assert app.focused is app.screen.query_one("#directory-filter", Input)
        assert [r.split(" · ")[0] for r in listed(listing)] == ["Quách Thúy Hòa"]
        assert status(app).startswith(" 1 of 5 people")
        await pilot.press("escape")  # clears the filter and goes back to the list
        await pilot.pause()
        assert app.focused is listing and len(listing.rows) == 5
        assert isinstance(app.screen, PeopleScreen)


async def test_s_cycles_the_sort_order():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by name" in status(app)
        assert listed(listing)[0].startswith("Đàm Thị Uyên")
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by latest" in status(app)
        assert listed(listing)[0].startswith("Quách Thúy Hòa")  # seen last in December 2024
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by articles" in status(app)


async def test_enter_lists_the_persons_articles_in_the_main_list():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        await wait_table(app, pilot)
        await pilot.press("slash", *"quach")
        await pilot.press("enter")  # from the filter to the list
        assert app.focused is app.screen.query_one(DirectoryList)
        await pilot.press("enter")  # the list: open the articles
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.query_one("#search", Input).value == 'person:"Quách Thúy Hòa" '
        assert len(app.query_one(ArticleList).docs) == 2


async def test_c_and_J_copy_the_profile_as_markdown_and_json(tmp_path):
    target = tmp_path / "copied.txt"
    app = make_app(copy_to=target)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        await wait_table(app, pilot)
        app.screen.query_one("#directory-filter", Input).value = "trương khuê"
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("### Trương Minh Khuê\n\n2 article(s) · 2024-01-10 – 2024-01-25")
        assert "- Chủ tịch, Liên đoàn Lao động tỉnh Lâm Đồng" in app.clipboard
        assert target.read_text(encoding="utf-8") == app.clipboard
        assert any("profile of Trương Minh Khuê as Markdown" in n.message for n in app._notifications)
        await pilot.press("J")
        await pilot.pause()
        doc = json.loads(app.clipboard)
        assert doc["name"] == "Trương Minh Khuê" and doc["actions"] == {"chủ trì": 1, "trao": 1}
        assert isinstance(app.screen, PeopleScreen)  # the main screen's copy keys did not run


async def test_o_opens_organisations_and_esc_goes_back():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("o")
        listing = await wait_table(app, pilot)
        assert isinstance(app.screen, OrgsScreen)
        assert any(r.startswith("Liên đoàn Lao động tỉnh Lâm Đồng · 2 held") for r in listed(listing))
        app.screen.query_one("#directory-filter", Input).value = "ldld lam dong"
        await pilot.pause()
        assert [r.split(" · ")[0] for r in listed(listing)] == ["Liên đoàn Lao động tỉnh Lâm Đồng"]
        profile = await wait_profile(app, pilot)
        assert "Events held (2)" in profile and "Trương Minh Khuê" in profile and "960 triệu đồng" in profile
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#search", Input).value == 'org:"Liên đoàn Lao động tỉnh Lâm Đồng" '
        assert len(app.query_one(ArticleList).docs) == 2


async def test_p_o_v_switch_screens_without_stacking_them():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        await wait_table(app, pilot)
        await pilot.press("o")
        await wait_table(app, pilot)
        assert isinstance(app.screen, OrgsScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_v_shows_the_overview_of_the_current_results():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        app.query_one("#search", Input).value = "lam dong"
        await pilot.pause()
        app.query_one(ArticleList).focus()
        results = len(app.main_screen.results.result.docs)
        await pilot.press("v")
        for _ in range(100):
            if app.screen.overview is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        overview = app.screen.overview
        assert overview.articles == results
        assert f"Overview of {results} articles · “lam dong”" in str(app.screen.query_one("#overview-status").render())
        money = shown(app, "#overview-money-year")
        assert "Hỗ trợ Tết" in money and "1,41 tỷ đồng" in money
        assert "Trương Minh Khuê" in shown(app, "#overview-people")


async def test_help_lists_the_new_keys():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {(key, what) for key, what, _ in app.help_rows()}
        assert {("p", "People"), ("o", "Organisations"), ("v", "Overview"), ("c", "Copy profile")} <= rows


async def test_the_keys_can_be_rebound():
    app = make_app(config=Config(keymap={"people": "P"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("P")
        await wait_table(app, pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_closing_a_screen_before_its_worker_finishes_is_harmless():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        screen = PeopleScreen()
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen.show_table(app.directory_table("people"))  # what the build worker does when it ends
        screen._show_profile(0, "late profile")  # and the profile worker
        overview = OverviewScreen([], "")
        app.push_screen(overview)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        overview.show(build_overview([]))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_key_in_the_filter_filters_the_list_in_the_same_step_so_both_paint_in_one_frame():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        await pilot.press("slash")
        box = app.screen.query_one("#directory-filter", Input)
        box.insert_text_at_cursor("quach")  # what a key does; no message has been handled since
        assert [r.split(" · ")[0] for r in listed(listing)] == ["Quách Thúy Hòa"]
        assert status(app).startswith(" 1 of 5 people")


async def test_the_collector_is_held_while_keys_come_and_let_go_when_they_rest_or_the_screen_closes(monkeypatch):
    import gc

    from unionreader.app.screens import directory

    async def let_go() -> bool:
        for _ in range(500):
            if gc.isenabled():
                return True
            await pilot.pause(0.02)
        return False

    assert gc.isenabled()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        monkeypatch.setattr(directory, "KEYS_REST", 0.1)
        await pilot.press("p")
        await wait_table(app, pilot)
        assert await let_go()  # (opening the screen moved the cursor: let go once it rested)
        monkeypatch.setattr(directory, "KEYS_REST", 60)  # (however slow the machine, the keys come within it)
        await pilot.press("slash", "q", "u")
        assert not gc.isenabled()
        await pilot.press("a", "down")
        assert not gc.isenabled()
        monkeypatch.setattr(directory, "KEYS_REST", 0.1)
        await pilot.press("up")
        assert await let_go()  # the keys rested
        monkeypatch.setattr(directory, "KEYS_REST", 60)
        await pilot.press("down")
        assert not gc.isenabled()
        await pilot.press("escape")  # the screen closes: let go at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert gc.isenabled()


async def test_the_list_keys_move_the_cursor_and_the_profile_follows():
    app = make_app()
    async with app.run_test(size=(120, 12)) as pilot:  # (a short list pane: a page is a few rows)
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        last = len(listing.rows) - 1
        moves = [("j", 1), ("k", 0), ("down", 1), ("up", 0), ("G", last), ("g", 0), ("end", last), ("home", 0),
                 ("pagedown", min(last, listing.size.height)), ("pageup", 0)]
        for key, cursor in moves:
            await pilot.press(key)
            assert listing.cursor == cursor, key
        await pilot.press("G")
        name = listed(listing)[last].split(" · ")[0]
        assert name in await wait_profile(app, pilot)


async def test_down_leaves_the_filter_for_the_list_and_copying_with_nothing_listed_says_so():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("o")
        listing = await wait_table(app, pilot)
        await pilot.press("slash", *"lam dong", "down")
        assert app.focused is listing and listed(listing)
        await pilot.press("slash", *" zzqx")  # nothing matches
        await pilot.pause()
        assert listing.rows == [] and "nothing matches" in status(app)
        await pilot.press("down", "c", "J")
        await pilot.pause()
        assert [n.message for n in app._notifications].count("Nothing selected.") == 2
        assert isinstance(app.screen, OrgsScreen)


async def test_reopening_keeps_filter_and_selection_and_shows_articles_loaded_meanwhile(tmp_path):
    more = tmp_path / "more"
    more.mkdir()
    (more / "b1_ninhbinh.txt").write_text(
        "Công đoàn ngành Xây dựng tỉnh Ninh Bình tổng kết năm\n\n"
        "Ngày 20/12/2024, Công đoàn ngành Xây dựng tỉnh Ninh Bình tổ chức Hội nghị tổng kết năm 2024. "
        "Đồng chí Vương Đình Lộc, Chủ tịch Công đoàn ngành Xây dựng tỉnh Ninh Bình chủ trì Hội nghị.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        people = app.screen
        everyone = len(listing.rows)
        await pilot.press("slash", "t", "enter")  # filtered, then back to the list
        filtered = listed(listing)
        assert 1 < len(filtered) < everyone
        await pilot.press("down")
        chosen = listing.highlighted_row
        assert listing.cursor == 1
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("o")  # the other screen in between
        await wait_table(app, pilot)
        await pilot.press("escape")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is people and app.screen.query_one(DirectoryList) is listing
        assert app.screen.query_one("#directory-filter", Input).value == "t"
        assert listed(listing) == filtered and listing.highlighted_row == chosen
        chosen_name = people.table.rows[chosen].name
        await pilot.press("escape")

        built = people.table
        app.main_screen.open_paths(str(more))
        await wait_loaded(app, pilot)
        await pilot.press("p")
        for _ in range(200):  # the table is rebuilt in a worker for the articles loaded meanwhile
            if people.table is not built:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert app.screen is people and people.table is not built
        assert len(people.table.analyses) == len(app.archive.index)
        assert people.table.rows[listing.highlighted_row].name == chosen_name  # the cursor stayed on it
        await pilot.press("slash", *"vuong dinh loc", "enter")
        assert [r.split(" · ")[0] for r in listed(listing)] == ["Vương Đình Lộc"]


async def test_reopening_a_screen_keeps_its_key_bar_and_follows_the_focus():
    from unionreader.app.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        await wait_table(app, pilot)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert any(key.description == "Back" for key in bar.keys)
        await pilot.press("escape", "p")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(KeyBar) is bar
        await pilot.press("slash")  # the box shows other keys than the list: the bar follows
        await pilot.pause()
        await pilot.pause()
        shown = {key.description for key in bar.keys}
        assert "Sort" not in shown and "Back to the list" not in shown  # (the box takes letters and Esc)
        assert "Sort" not in bar.render().plain


async def test_opening_the_directory_screens_reads_no_stylesheet_file():
    # a screen whose CSS file is new to the app makes Textual reparse every stylesheet and restyle the
    # whole app on its first open; the app loads those files at start
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        files_read = []
        read = app.stylesheet.read
        app.stylesheet.read = lambda path, *a, **k: (files_read.append(str(path)), read(path, *a, **k))[1]
        await pilot.press("p")
        await wait_table(app, pilot)
        await pilot.press("escape", "o")
        await wait_table(app, pilot)
        await pilot.press("escape", "v")
        for _ in range(100):
            if isinstance(app.screen, OverviewScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, OverviewScreen)
        assert files_read == []


async def test_the_app_builds_the_people_and_organisation_screens_ahead_and_the_first_open_only_shows_one(monkeypatch):
    import gc

    from unionreader.app import app as app_module

    monkeypatch.setattr(app_module, "PREBUILD_AFTER", 0.05)
    monkeypatch.setattr(app_module, "PREBUILD_GAP", 0.05)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        for _ in range(100):
            if all(app.get_screen(name).is_running for name in ("people", "orgs")):
                break
            await pilot.pause(0.02)
        people = app.get_screen("people")
        assert people.is_running and app.get_screen("orgs").is_running
        assert isinstance(app.screen, MainScreen)  # built off screen: nothing was shown
        assert people.table is None and not people._building  # nor a table built for a screen nobody opened
        assert gc.isenabled()  # (an unseen screen holds no collection back)
        listing = people.query_one(DirectoryList)
        await pilot.press("p")
        assert await wait_table(app, pilot) is listing  # shown as built, not composed again
        assert app.screen is people and listed(listing)
    app._prebuild_screens()  # (its timer firing as the app closes: screens uninstalled, nothing to do)


async def test_the_key_bar_of_a_directory_screen_offers_its_own_filter_not_the_main_search():
    from unionreader.app.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_loaded(app, pilot)
        main_keys = {key.description: key.display for key in app.screen.query_one(KeyBar).keys}
        assert main_keys["Search"] == "/"
        for screen_key in ("p", "o"):
            await pilot.press(screen_key)
            await wait_table(app, pilot)
            await pilot.pause()
            keys = {key.description: key.display for key in app.screen.query_one(KeyBar).keys}
            assert keys.get("Filter") == "/" and "Search" not in keys
            await pilot.press("slash", "x")  # and "/" does what it says: the filter takes the next key
            assert app.screen.query_one("#directory-filter", Input).value == "x"
            await pilot.press("escape", "escape")
            await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("slash", "x")
        assert app.main_screen.search_input.value == "x"
