"""The search box: posts the query as it changes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from .focus import focus_now


@dataclass
class SearchChanged(Message):
    """The query in the search box changed; handlers use ``query``, not the widget's value."""

    search_input: SearchInput
    query: str

    @property
    def control(self) -> SearchInput:
        return self.search_input


class SearchInput(Input):
    # Priority: the app runs it before sending on the keys typed after Esc, which then reach the list.
    BINDINGS = [Binding("escape", "clear_search", "Clear search", show=False, id="search.clear", priority=True)]

    def watch_value(self, value: str) -> None:
        # Posted here rather than left to Input.Changed, which Input posts only after its own watcher
        # has run: one step less between a typed character and the results.
        if self.is_mounted:
            self.post_message(SearchChanged(self, value))

    def action_clear_search(self) -> None:
        self.value = ""
        focus_now(self.screen.query_one("#list"))
