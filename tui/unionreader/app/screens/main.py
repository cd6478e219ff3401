"""The main screen: search box, status line, the three panes, loading progress and key hints."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ProgressBar, Static

from ..widgets.article_list import ArticleList
from ..widgets.facts import FactsTree
from ..widgets.focus import focus_now
from ..widgets.reader import Reader


class SearchInput(Input):
    # Priority: the app runs it before sending on the keys typed after Esc, which then reach the list.
    BINDINGS = [Binding("escape", "clear_search", "Clear search", show=False, id="search.clear", priority=True)]

    def __init__(self, on_change: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._on_change = on_change

    def watch_value(self, value: str) -> None:
        # Searching here rather than on the Changed message puts the new results in the same frame as
        # the typed character (the message arrives after the frame that draws the character: ~2 frames).
        if self.is_mounted:
            self._on_change(value)

    def action_clear_search(self) -> None:
        self.value = ""
        focus_now(self.screen.query_one(ArticleList))


class MainScreen(Screen):
    """The main screen; text selected with the mouse is copied through the app's clipboard routes."""

    def compose(self) -> ComposeResult:
        yield SearchInput(lambda _: self.app.run_search(), placeholder="/ search: words without diacritics, \"phrases\", person:, org:, year: …", id="search")
        yield Static("", id="status", markup=False)
        with Horizontal(id="panes"):
            yield ArticleList(id="list")
            with Vertical(id="reader-pane"):
                yield Reader(id="reader")
                yield Static("", id="legend")
            yield FactsTree(id="facts")
        with Horizontal(id="loading"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Label("", id="loading-label")
        yield Footer()

    def action_copy_text(self) -> None:
        selection = self.get_selected_text()
        if not selection:
            self.app.notify("Nothing selected: drag over the reader text first.", timeout=3)
            return
        self.app.copy_everywhere(selection, "the selected text")
