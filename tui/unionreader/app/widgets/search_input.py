"""The search box: hands each new query to its owner as it changes."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Input

from .focus import focus_now


class SearchInput(Input):
    # Priority: the app runs it before sending on the keys typed after Esc, which then reach the list.
    BINDINGS = [Binding("escape", "clear_search", "Clear search", show=False, id="search.clear", priority=True)]

    def __init__(self, on_query: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._on_query = on_query

    def watch_value(self, value: str) -> None:
        # A call with the query, not a message: a message (Input.Changed, or one of ours posted here)
        # is handled after the frame that draws the typed character, so the results came a frame or
        # two later (keystroke → list repainted on the seeds, p50 41 → 79 ms, paired runs).
        if self.is_mounted:
            self._on_query(value)

    def action_clear_search(self) -> None:
        self.value = ""
        focus_now(self.screen.query_one("#list"))
