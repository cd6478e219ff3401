"""A one-line-per-row list for the people and organisation screens: a Line-API ScrollView that draws
only the rows on screen (a 100k-article archive names tens of thousands of people)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .virtual import set_virtual_height

RowLabel = Callable[[int], tuple[str, str, str]]  # row -> (name, detail, count)


class DirectoryList(ScrollView, can_focus=True):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"directory-list--cursor", "directory-list--detail"}
    DEFAULT_CSS = """
    DirectoryList { overflow-x: hidden; scrollbar-gutter: stable; }
    DirectoryList > .directory-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    DirectoryList:blur > .directory-list--cursor { background: $block-cursor-blurred-background; }
    DirectoryList > .directory-list--detail { color: $text-muted; }
    """
    BINDINGS = [
        Binding("down,j", "cursor_down", "Next", show=False, id="directory.down"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="directory.up"),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, row: int | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: Sequence[int] = ()
        self._label: RowLabel = lambda row: ("", "", "")
        self.generation = 0
        self._line_styles: tuple[Style, ...] | None = None  # (see styles_of_lines)
        self.painted: dict[int, float] = {}  # generation -> first paint (benchmarks)

    @property
    def rows(self) -> Sequence[int]:
        return self._rows

    @property
    def highlighted_row(self) -> int | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def set_rows(self, rows: Sequence[int], label: RowLabel) -> None:
        self._rows = rows
        self._label = label
        self.generation += 1
        set_virtual_height(self, len(rows))
        self.scroll_to(y=0, animate=False)
        self.cursor = 0
        self.refresh()

    def place_cursor(self, index: int, line: int) -> None:
        """The cursor on row ``index``, ``line`` lines below the top of the view where the list allows
        (a list rebuilt under the reader's eyes stays as it was)."""
        self.cursor = index
        # (After the cursor's own scroll, which is deferred to the next refresh too: this one wins.)
        self.scroll_to(y=max(0, self.cursor - max(0, line)), animate=False)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):
            self.refresh(Region(0, row - int(self.scroll_y), self.size.width, 1))
        self.scroll_to_region(Region(0, new, max(1, self.size.width), 1), animate=False, force=True)
        self.post_message(self.Highlighted(self.highlighted_row))

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y + int(self.scroll_y) < len(self._rows):
            self.cursor = offset.y + int(self.scroll_y)

    def on_focus(self) -> None:
        self._line_styles = None
        self.refresh()

    def on_blur(self) -> None:
        self._line_styles = None
        self.refresh()

    def notify_style_update(self) -> None:
        self._line_styles = None
        super().notify_style_update()

    def styles_of_lines(self) -> tuple[Style, ...]:
        """(base, detail, count) and the same on the cursor line: worked out once, not per line (each
        walks the widget's ancestors: a list of 40 lines spent more on them than on its text)."""
        if self._line_styles is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("directory-list--cursor")
            detail = self.get_component_rich_style("directory-list--detail")
            bold = Style(bold=True)
            self._line_styles = (base, base + detail, base + bold, cursor, cursor + detail, cursor + bold)
        return self._line_styles

    def render_line(self, y: int) -> Strip:
        import time

        if self.generation not in self.painted:
            self.painted[self.generation] = time.perf_counter()
        index = y + int(self.scroll_y)
        # Not the size's width: the scrollbar's gutter is in it, and would hide the count's last digits.
        width = self.scrollable_content_region.width
        styles = self.styles_of_lines()
        if index >= len(self._rows):
            return Strip.blank(width, styles[0])
        return self._line(self._rows[index], index == self.cursor, width, styles)

    def _line(self, row: int, on_cursor: bool, width: int, styles: tuple[Style, ...]) -> Strip:
        """One row: "▶ name · detail" cut with an ellipsis (the detail dimmed) to leave room for the
        count at the right. Made of segments directly (a rich Text rendered per line cost more than the
        rest of a keystroke's repaint); the same cells and styles as that Text gave."""
        base, detail_style, count_style = styles[3:] if on_cursor else styles[:3]
        name, detail, count = self._label(row)
        head = ("▶ " if on_cursor else "  ") + name[: width + 1]
        plain = head + " · " + detail[: width + 1] if detail else head
        room = max(1, width - len(count) - 1)
        cells = cell_len(plain)
        if cells > room:
            plain = set_cell_size(plain, room - 1) + "…"
        cut = len(head)
        segments = [Segment(plain[:cut], base)]
        if len(plain) > cut:
            segments.append(Segment(plain[cut:], detail_style))
        if cells < room:
            segments.append(Segment(" " * (room - cells), base))
        segments.append(Segment(" " + count, count_style))
        strip = Strip(segments, room + 1 + len(count))
        return strip if room + 1 + len(count) == width else strip.adjust_cell_length(width, base)

    def row_text(self, index: int) -> str:
        name, detail, count = self._label(self._rows[index])
        return f"{name} · {detail} {count}" if detail else f"{name} {count}"
