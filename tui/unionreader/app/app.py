"""The reader app: what is app-wide (config and keymap, the loaded archive, the clipboard, the screens and
the keys bound everywhere). The main screen owns the search, the list, the preview and loading."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..library.loader import Library
from .archive import Archive, BatchSource, EventSource
from .bindings import APP_BINDINGS, all_binding_ids, help_rows
from .clipboard import ClipboardSink
from .config import Config, load_config
from .screens.directory import DirectoryScreen, OrgsScreen, PeopleScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.overview import OverviewScreen


def _on_main_screen(name: str):
    """An app action that runs the main screen's action ``name``: its key works on every screen (the
    help lists it under "everywhere"), and acts on the main screen's list, reader and facts."""
    def action(self: UnionReaderApp, *args) -> None:
        getattr(self.main_screen, f"action_{name}")(*args)

    return action


# Seconds after the app is ready before the people and organisation screens are built off screen (the
# first rows are painted by then), and between the two.
PREBUILD_AFTER = 1.0
PREBUILD_GAP = 0.3


class UnionReaderApp(App[int]):
    TITLE = "unionreader"
    # The people, organisation and overview screens' files too (ID selectors only): a screen whose CSS is
    # new to the app makes Textual reparse every stylesheet and restyle the whole app on its first open.
    CSS_PATH = ["app.tcss", "screens/directory.tcss", "screens/overview.tcss"]
    BINDINGS = APP_BINDINGS
    # Made on first use and kept for the app's life: reopening one only repaints it (a new one restyled
    # its footer's bindings, styled, laid out and rendered everything again: 100-300 ms at 100k
    # articles), and its filter and selection are where the user left them.
    SCREENS = {"people": PeopleScreen, "orgs": OrgsScreen}

    def __init__(
        self,
        paths: Iterable[str] = (),
        *,
        batches: BatchSource | None = None,
        library: Library | None = None,
        events: EventSource | None = None,
        copy_to: str | Path | None = None,
        config: Config | None = None,
        clipboard_commands: bool = True,
        show_timing: bool = True,
    ) -> None:
        super().__init__()
        # Everything is opened through the library (without a cache unless one is given); ``batches``
        # (tests, piped stdin) go through the same dedupe-and-index path.
        library = library if library is not None else Library(None)
        self.archive = Archive.open(library, [str(p) for p in paths], batches, events)
        self.config = config if config is not None else load_config(
            binding_ids=all_binding_ids(), themes=self.available_themes
        )
        self.clipboard_sink = ClipboardSink(self.copy_to_clipboard, copy_to=copy_to, use_platform=clipboard_commands)
        self.main_screen = MainScreen(self.archive, show_timing=show_timing)

    def get_default_screen(self) -> Screen:
        return self.main_screen

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.theme:
            self.theme = self.config.theme
        for problem in self.config.problems:
            self.notify(problem, title="Config", severity="warning", timeout=10)

    def on_ready(self) -> None:
        self.main_screen.start()
        self.set_timer(PREBUILD_AFTER, self._prebuild_screens)

    def _prebuild_screens(self) -> None:
        """Compose and mount the people and organisation screens off the screen stack, one per idle
        moment, so that the first ``p`` or ``o`` only shows one (as a reopen does) instead of building,
        styling and mounting its widgets between the key and the frame (about half the first open).
        Nothing is shown and no table is built: a screen asks for its table when it is shown."""
        if self._exit:  # (the app is closing: its screens are uninstalled)
            return
        waiting = [screen for name in self.SCREENS if self.is_screen_installed(name)
                   and not (screen := self.get_screen(name)).is_running]
        if waiting:
            # (Textual's own step for a screen pushed for the first time, without the push)
            self._register(self, waiting[0])
        if len(waiting) > 1:
            self.set_timer(PREBUILD_GAP, self._prebuild_screens)

    action_focus_search = _on_main_screen("focus_search")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" searches on the main screen only. Elsewhere the shown screen's own "/" (the people and
        # organisation filter) takes the key, and its key bar says "Filter", not "Search".
        return action != "focus_search" or self.screen is self.main_screen

    action_filters = _on_main_screen("filters")
    action_copy_fact = _on_main_screen("copy_fact")
    action_copy_all = _on_main_screen("copy_all")
    action_copy_json = _on_main_screen("copy_json")
    action_export = _on_main_screen("export")
    action_cycle_entities = _on_main_screen("cycle_entities")
    action_jump = _on_main_screen("jump")
    action_toggle_pane = _on_main_screen("toggle_pane")

    def copy_everywhere(self, text: str, what: str) -> None:
        """Copy ``text`` through every clipboard route and say where it went."""
        outcome = self.clipboard_sink.copy(text)
        self.notify(f"Copied {what} ({len(text):,} characters): {outcome.describe()}.", title="Copied",
                    severity="warning" if outcome.problems else "information")

    # --- the people, organisation and overview screens ---------------------------------------------

    def analyses_for(self, docs: Iterable[int]):
        return self.archive.analyses_for(docs)

    def directory_table(self, kind: str):
        return self.archive.directory_table(kind)

    def articles_changed(self) -> None:
        """Articles were loaded or loading ended (the main screen says): a people or organisation
        screen shown takes them in."""
        for screen in self.screen_stack:
            if isinstance(screen, DirectoryScreen) and screen.is_current:
                screen.articles_changed()

    def _open_screen(self, screen: Screen) -> None:
        if type(self.screen) is type(screen):
            return
        if isinstance(self.screen, DirectoryScreen | OverviewScreen):
            self.pop_screen()
        self.push_screen(screen)

    def action_people(self) -> None:
        self._open_screen(self.get_screen("people", PeopleScreen))

    def action_orgs(self) -> None:
        self._open_screen(self.get_screen("orgs", OrgsScreen))

    def action_overview(self) -> None:
        results = self.main_screen.results
        self._open_screen(OverviewScreen(list(results.docs), results.result.query if results.result else ""))

    def show_in_list(self, field: str, name: str) -> None:
        """Back to the main screen with the list filtered by ``field:"name"``."""
        while self.screen is not self.main_screen:
            self.pop_screen()
        self.main_screen.set_query(f'{field}:"{name.replace(chr(34), "")}" ')

    # --- help and the command palette ------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str]]:
        return help_rows(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main_screen
        yield SystemCommand("Open file or folder…", "Load more articles", main.action_open_file)
        yield SystemCommand("Export facts of listed articles…", "Write Markdown / JSON / CSV / TSV", main.action_export)
        yield SystemCommand("Copy all facts (Markdown)", "Facts of the article in the reader", main.action_copy_all)
        yield SystemCommand("Copy all facts (JSON)", "Facts of the article in the reader", main.action_copy_json)
        yield SystemCommand("Toggle article list", "Show or hide (key 1)", lambda: main.action_toggle_pane("list"))
        yield SystemCommand("Toggle reader", "Show or hide (key 2)", lambda: main.action_toggle_pane("reader-pane"))
        yield SystemCommand("Toggle facts", "Show or hide (key 3)", lambda: main.action_toggle_pane("facts"))
        yield SystemCommand("Filters", "Facets of the current results (key f)", main.action_filters)
        yield SystemCommand("Show load errors", "Files that could not be read", main.action_show_load_errors)
        yield SystemCommand("Help", "Keys and query language (key ?)", self.action_help)
        yield from super().get_system_commands(screen)

