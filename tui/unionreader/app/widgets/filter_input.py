"""The filter box of the people and organisation screens: it hands each change of its text to the
screen in the step that handled the key, and leaves for the list with Esc (cleared) or ↓."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from .directory_list import DirectoryList
from .focus import focus_now


class FilterInput(Input):
    # The text's width changes with every key: that is a repaint of the box, not a layout of the whole
    # screen (Input's own virtual size asks for one, a pass over both panes per keystroke).
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("escape", "leave", "Back to the list", show=False, priority=True, id="directory.filter.leave"),
        Binding("down", "to_list", show=False),
    ]

    def __init__(self, typed: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._typed = typed

    def watch_value(self, value: str) -> None:
        # The screen filters its list here, in the step that handled the key, so that the box and the
        # list are painted in one frame: the Changed message reaches the screen after the next frame has
        # painted the box alone, and the list waited for the frame after (up to 1/60 s more).
        self._typed(value)

    def action_leave(self) -> None:
        self.value = ""
        focus_now(self.screen.query_one(DirectoryList))

    def action_to_list(self) -> None:
        focus_now(self.screen.query_one(DirectoryList))
