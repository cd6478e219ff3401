"""The article list: a Line-API ScrollView that renders only the rows on screen.

Each article takes two lines (title; date · organiser). A `ListView` would mount a widget per row,
which does not scale to a corpus of 100k articles; here a row costs nothing until it is visible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .virtual import set_virtual_height

ROW_HEIGHT = 2
DERIVED_MARK = "≈ "


class ArticleList(ScrollView, can_focus=True):
    """Rows come from a sequence of doc ids; titles, dates and highlights from callbacks."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--match",
        "article-list--meta",
        "article-list--derived",
    }
    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; scrollbar-gutter: stable; }
    ArticleList > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ArticleList:blur > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList > .article-list--match { color: $warning; text-style: bold underline; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--derived { text-style: italic; }
    """
    BINDINGS = [
        Binding("down,j", "cursor_down", "Next article", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Previous article", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First article", show=False, id="list.first"),
        Binding("end,G", "last", "Last article", show=False, id="list.last"),
        Binding("enter", "open", "Read article", show=False, id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to ``doc`` (None: the list is empty)."""

        def __init__(self, article_list: ArticleList, doc: int | None) -> None:
            super().__init__()
            self.article_list = article_list
            self.doc = doc

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Opened(Message):
        """Enter or a double click on ``doc``."""

        def __init__(self, article_list: ArticleList, doc: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.doc = doc

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._docs: Sequence[int] = ()
        self._row_info: Callable[[int], tuple[str, bool, str]] = lambda doc: ("", False, "")
        self._title_spans: Callable[[int], Sequence[tuple[int, int]]] = lambda doc: ()
        # Rows drawn before, by what they show: kept across result sets, since typing mostly reshuffles
        # the same articles (a row costs ~0.5 ms to lay out: Vietnamese text takes Rich's slow cell path).
        self._strip_cache: dict[tuple, Strip] = {}
        self.generation = 0
        self.painted: dict[int, float] = {}  # generation -> perf_counter of the first paint (benchmarks)
        self.last_paint = 0.0
        self.first_rows_painted: float | None = None  # when the first article row was drawn
        self._styles: dict[str, Style] = {}

    # --- data ---------------------------------------------------------------------------------------

    @property
    def docs(self) -> Sequence[int]:
        return self._docs

    @property
    def highlighted_doc(self) -> int | None:
        if 0 <= self.cursor < len(self._docs):
            return self._docs[self.cursor]
        return None

    def set_docs(
        self,
        docs: Sequence[int],
        row_info: Callable[[int], tuple[str, bool, str]],
        title_spans: Callable[[int], Sequence[tuple[int, int]]],
        *,
        keep_doc: int | None = None,
    ) -> None:
        """Show ``docs``; ``row_info(doc)`` gives (title, title_derived, meta line).

        With ``keep_doc`` the cursor stays on that article when it is still listed (used while loading,
        so that new batches do not move the reader away).
        """
        self._docs = docs
        self._row_info = row_info
        self._title_spans = title_spans
        self.generation += 1
        set_virtual_height(self, len(docs) * ROW_HEIGHT)
        new_cursor = 0
        if keep_doc is not None:
            try:
                new_cursor = docs.index(keep_doc)
            except ValueError:
                new_cursor = 0
        if keep_doc is None or new_cursor != self.cursor or keep_doc != self.highlighted_doc:
            self.scroll_to(y=max(0, new_cursor * ROW_HEIGHT - self.size.height // 2), animate=False)
        self.cursor = new_cursor
        self.refresh()

    def _style(self, name: str) -> Style:
        """Rich styles cached until the CSS or focus changes (looking one up costs ~0.2 ms, per line)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.rich_style if name == "base" else self.get_component_rich_style(name)
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strip_cache.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self.notify_style_update()

    def on_blur(self) -> None:
        self.notify_style_update()

    # --- cursor -------------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._docs) - 1)) if self._docs else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self, self.highlighted_doc))

    def _refresh_row(self, row: int) -> None:
        self.refresh(Region(0, row * ROW_HEIGHT - int(self.scroll_y), self.size.width, ROW_HEIGHT))

    def _scroll_cursor_into_view(self) -> None:
        top = self.cursor * ROW_HEIGHT
        region = Region(0, top, max(1, self.size.width), ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height // ROW_HEIGHT)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height // ROW_HEIGHT)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._docs) - 1

    def action_open(self) -> None:
        doc = self.highlighted_doc
        if doc is not None:
            self.post_message(self.Opened(self, doc))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= row < len(self._docs):
            if row == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = row

    def on_resize(self, event: events.Resize) -> None:
        self._strip_cache.clear()
        self.virtual_size = Size(0, len(self._docs) * ROW_HEIGHT)

    # --- rendering ----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self.last_paint = now = time.perf_counter()
        if self.generation not in self.painted:
            self.painted[self.generation] = now
        scroll_y = int(self.scroll_y)
        line = y + scroll_y
        row, part = divmod(line, ROW_HEIGHT)
        # Not the size's width: the scrollbar's gutter is in it, and would hide the line's last cells (the
        # ellipsis of a cut title or organiser).
        width = self.scrollable_content_region.width
        if row >= len(self._docs):
            return Strip.blank(width, self._style("base"))
        if self.first_rows_painted is None:
            self.first_rows_painted = self.last_paint
        doc = self._docs[row]
        is_cursor = row == self.cursor
        spans = tuple(self._title_spans(doc)) if part == 0 else ()
        key = (doc, part, is_cursor, width, spans)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._render_row_part(doc, part, is_cursor, width, spans)
            if len(self._strip_cache) > 4000:
                self._strip_cache.clear()
            self._strip_cache[key] = strip
        return strip

    def _render_row_part(
        self, doc: int, part: int, is_cursor: bool, width: int, spans: Sequence[tuple[int, int]]
    ) -> Strip:
        base = self._style("base")
        if is_cursor:
            base = base + self._style("article-list--cursor")
        title, derived, meta = self._row_info(doc)
        if part == 0:
            text = Text(no_wrap=True, overflow="ellipsis", end="")
            text.append("▶ " if is_cursor else "  ")
            if derived:
                text.append(DERIVED_MARK, self._style("article-list--derived"))
            title_start = len(text)
            # Only what can show: every NFC character takes at least one cell.
            text.append(title[: width + 1], self._style("article-list--derived") if derived else Style())
            match_style = self._style("article-list--match")
            for start, end in spans:
                text.stylize(match_style, title_start + start, title_start + end)
        else:
            text = Text("  " + meta[: width + 1], style=self._style("article-list--meta"), no_wrap=True, end="")
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        segments = list(Segment.apply_style(segments, base))
        return Strip(segments).adjust_cell_length(width, base)

    def row_text(self, row: int) -> str:
        """The plain text of a row as shown (for tests and the end-to-end check)."""
        doc = self._docs[row]
        title, derived, meta = self._row_info(doc)
        return (DERIVED_MARK if derived else "") + title + "\n" + meta

    def describe_row(self, row: int) -> dict[str, Any]:
        doc = self._docs[row]
        title, derived, meta = self._row_info(doc)
        return {"doc": doc, "title": title, "derived": derived, "meta": meta, "spans": tuple(self._title_spans(doc))}
