"""The key bar at the bottom of every screen: the screen's keys as Textual's footer shows them, in one
widget that repaints a line instead of rebuilding a widget per key."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.screens.help import HelpScreen
from unionreader.app.widgets.key_bar import KeyBar

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seeds_app(**kwargs) -> UnionReaderApp:
    kwargs.setdefault("config", Config())
    return UnionReaderApp([str(SEEDS)], clipboard_commands=False, **kwargs)


async def settle(app, pilot) -> None:
    for _ in range(200):
        if not app.archive.loading:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    await pilot.pause()


def cell_of(bar: KeyBar, description: str) -> int:
    start, _end, _key = next(span for span in bar._spans if span[2].description == description)
    return start + 1


async def test_the_main_screen_bar_shows_its_keys_and_the_palette_at_the_right_end():
    app = seeds_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert line.startswith(" / Search  f Filters  c Copy fact ")
        assert "? Help  q Quit " in line
        assert line.endswith("▏^p palette ") and len(line) == 120
        hidden = [k.description for k in bar.keys if k.description in ("People", "Next hit")]
        assert hidden == []  # bindings with show=False stay out


async def test_clicking_a_key_in_the_bar_presses_it():
    app = seeds_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(cell_of(bar, "Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_rebound_key_is_shown_as_the_user_bound_it():
    app = seeds_app(config=Config(keymap={"help": "f1"}))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        help_key = next(k for k in app.screen.query_one(KeyBar).keys if k.description == "Help")
        assert help_key.display == "f1" and help_key.key == "f1"
        await pilot.click(KeyBar, offset=(cell_of(app.screen.query_one(KeyBar), "Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_bar_crops_the_keys_and_keeps_the_palette():
    app = seeds_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert len(line) == 60 and line.endswith("▏^p palette ")
        assert bar.key_at(59).palette and bar.key_at(0).description == "Search"


class Toggle(App):
    """A bare app whose one action is enabled or not: the bar dims it and a click on it only rings."""

    BINDINGS = [Binding("t", "toggle", "Toggle"), Binding("k", "knock", "Knock")]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self) -> None:
        super().__init__()
        self.knocks = 0
        self.bells = 0
        self.knock_enabled = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def check_action(self, action: str, parameters) -> bool | None:
        return None if action == "knock" and not self.knock_enabled else True

    def action_toggle(self) -> None:
        self.knock_enabled = not self.knock_enabled
        self.refresh_bindings()

    def action_knock(self) -> None:
        self.knocks += 1

    def bell(self) -> None:
        self.bells += 1


async def test_a_disabled_key_is_dimmed_and_a_click_on_it_rings_instead():
    app = Toggle()
    async with app.run_test(size=(60, 5)) as pilot:
        bar = app.query_one(KeyBar)
        await pilot.pause()
        await pilot.click(KeyBar, offset=(cell_of(bar, "Knock"), 0))
        assert app.knocks == 1
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        knock = next(k for k in bar.keys if k.description == "Knock")
        assert not knock.enabled
        styles = {span.style for span in bar.render().spans if span.start >= cell_of(bar, "Knock") - 1}
        assert any(getattr(style, "dim", False) for style in styles)
        await pilot.click(KeyBar, offset=(cell_of(bar, "Knock"), 0))
        assert app.knocks == 1 and app.bells == 1
        assert not bar.render().plain.rstrip().endswith("palette")  # no palette when the app has none
