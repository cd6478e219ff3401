"""The reader: an article's cleaned text with entities, search hits and the chosen fact highlighted.

A Line-API ScrollView that wraps the text itself, so it knows on which line every character lies:
that is what lets a fact or a search hit scroll into view exactly, and what lets the mouse find the
abbreviation under the pointer. Text selection works as in Textual's `Log` (``get_selection``).
What it shows (header, styled body, lines, `n`/`N` targets) is built in ``reader_text``; this widget
keeps the state, lays the text out, draws it and follows the pointer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from ...extract.models import Analysis, Entity
from .entity_styles import (
    ENTITY_GROUPS,
    GROUP_LABELS,
    GROUP_OF_TYPE,
    HIGHLIGHT_MODES,
    abbreviation_expansion,
    entity_description,
)
from .reader_text import JumpTarget, article_header, cut_into_lines, jump_targets, styled_body
from .virtual import set_virtual_height
from .wrap import wrap_lines, wrap_offsets

__all__ = [
    "ENTITY_GROUPS",
    "GROUP_LABELS",
    "GROUP_OF_TYPE",
    "HIGHLIGHT_MODES",
    "JumpTarget",
    "Reader",
    "abbreviation_expansion",
    "entity_description",
    "wrap_offsets",
]


class Reader(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "reader--meta",
        "reader--title",
        "reader--caption",
        "reader--hit",
        "reader--fact",
        "reader--cursor",
        *(f"reader--{group}" for group in ENTITY_GROUPS),
    }
    DEFAULT_CSS = """
    Reader { padding: 0 1; overflow-x: hidden; scrollbar-gutter: stable; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--title { text-style: bold; }
    Reader > .reader--caption { text-style: dim italic; }
    Reader > .reader--hit { text-style: bold reverse; }
    Reader > .reader--fact { background: $accent 35%; }
    Reader > .reader--cursor { text-style: bold underline; background: $warning 40%; }
    Reader > .reader--person { color: ansi_bright_magenta; }
    Reader > .reader--organization { color: ansi_bright_cyan; }
    Reader > .reader--location { color: ansi_bright_green; }
    Reader > .reader--role { color: ansi_yellow; text-style: italic; }
    Reader > .reader--figure { color: ansi_bright_yellow; text-style: bold; }
    Reader > .reader--date { color: ansi_bright_blue; }
    Reader > .reader--document { color: ansi_bright_red; }
    Reader > .reader--abbreviation { color: ansi_cyan; text-style: underline; }
    """
    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
    ]

    class EntityHovered(Message):
        """The pointer or a jump is on an entity (None when it leaves one)."""

        def __init__(self, reader: Reader, entity: Entity | None) -> None:
            super().__init__()
            self.reader = reader
            self.entity = entity

        @property
        def control(self) -> Reader:
            return self.reader

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.analysis: Analysis | None = None
        self.mode_index = 0
        self._hit_spans: tuple[tuple[int, int], ...] = ()
        self._fact_range: tuple[int, int] | None = None
        self._cursor: JumpTarget | None = None
        self._entities: list[Entity] = []
        self._entity_starts: list[int] = []
        self._doc = Text()
        self._body_offset = 0
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._line_texts: list[Text] | None = None
        self._layout_width = 0
        self._cache: dict[int, Strip] = {}
        self._hovered: Entity | None = None
        self._base_style: Style | None = None

    def notify_style_update(self) -> None:
        self._base_style = None
        self._cache.clear()
        if self.analysis is not None:
            self.call_later(self._rebuild)  # entity colours come from the CSS (theme)
        super().notify_style_update()

    # --- what is shown ------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return HIGHLIGHT_MODES[self.mode_index]

    @property
    def active_groups(self) -> tuple[str, ...]:
        if self.mode == "all":
            return tuple(ENTITY_GROUPS)
        if self.mode == "none":
            return ()
        return (self.mode,)

    def show(self, analysis: Analysis | None, hit_spans: Sequence[tuple[int, int]] = ()) -> None:
        same = analysis is not None and self.analysis is not None and analysis.article.id == self.analysis.article.id
        self.analysis = analysis
        self._hit_spans = tuple(hit_spans)
        self._fact_range = None
        self._cursor = None
        self._entities = sorted(analysis.entities, key=lambda e: (e.start, -e.end)) if analysis else []
        self._entity_starts = [e.start for e in self._entities]
        self._rebuild(relayout=True)
        if not same:
            self.scroll_to(0, 0, animate=False)

    def set_hits(self, hit_spans: Sequence[tuple[int, int]]) -> None:
        self._hit_spans = tuple(hit_spans)
        self._rebuild()

    def cycle_entities(self) -> str:
        self.mode_index = (self.mode_index + 1) % len(HIGHLIGHT_MODES)
        self._rebuild()
        return self.mode

    def highlight_range(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` of the article text (a fact's sentence) and scroll it into view."""
        self._fact_range = (start, end)
        self._rebuild()
        self.scroll_to_offset(start)

    def scroll_to_offset(self, offset: int) -> None:
        line = self.line_of_offset(offset)
        top = max(0, line - max(1, self.scrollable_content_region.height // 3))
        self.scroll_to(y=top, animate=False)

    def line_of_offset(self, offset: int) -> int:
        """The wrapped line (y in the virtual canvas) showing character ``offset`` of the article text."""
        doc_offset = offset + self._body_offset
        return max(0, bisect_right(self._line_starts, doc_offset) - 1)

    def jump(self, forward: bool = True) -> JumpTarget | None:
        """Move to the next (previous) search hit, or entity of the highlighted types when no hits."""
        targets = jump_targets(self._hit_spans, self._entities, self.active_groups)
        if not targets:
            return None
        here = self._cursor.start if self._cursor else (-1 if forward else 1 << 60)
        if forward:
            target = next((t for t in targets if t.start > here), targets[0])
        else:
            target = next((t for t in reversed(targets) if t.start < here), targets[-1])
        self._cursor = target
        self._rebuild()
        self.scroll_to_offset(target.start)
        if target.entity is not None:
            self.post_message(self.EntityHovered(self, target.entity))
        return target

    def entity_at(self, offset: int) -> Entity | None:
        """The innermost entity covering character ``offset`` of the article text."""
        best = None
        last = bisect_right(self._entity_starts, offset) - 1
        for entity in self._entities[max(0, last - 8) : last + 1]:  # entities are short: a few back suffice
            if entity.start <= offset < entity.end and (best is None or entity.end - entity.start < best.end - best.start):
                best = entity
        return best

    # --- styled text --------------------------------------------------------------------------------

    def style_for(self, group: str) -> Style:
        return self.get_component_rich_style(f"reader--{group}")

    def styled_text(self) -> Text:
        """The article text as styled for display: ``plain == article.text``; spans are its offsets."""
        if self.analysis is None:
            return Text()
        return self._doc[self._body_offset :]

    def _rebuild(self, relayout: bool = False) -> None:
        self._cache.clear()
        if self.analysis is None:
            self._doc = Text("No article selected.", end="")
            self._body_offset = len(self._doc)
        else:
            analysis = self.analysis
            header = article_header(analysis, self.style_for)
            self._body_offset = len(header)
            body = styled_body(analysis, self._entities, self.active_groups, self.style_for,
                               self._fact_range, self._hit_spans, self._cursor)
            self._doc = Text.assemble(header, body, end="")
        if relayout or self._layout_width != self._wrap_width():
            self._relayout()
        else:
            self._line_texts = None
        self.refresh()

    def _lines_styled(self) -> list[Text]:
        if self._line_texts is None:
            self._line_texts = cut_into_lines(self._doc, self._lines)
        return self._line_texts

    def _wrap_width(self) -> int:
        # The vertical scrollbar's gutter is always reserved (CSS), so the width does not change when the
        # scrollbar appears and the text never needs horizontal scrolling.
        width = self.scrollable_content_region.width
        return max(10, width) if width else 80

    def _relayout(self) -> None:
        width = self._wrap_width()
        lines = self._lines = wrap_lines(self._doc.plain, width)
        self._line_starts = [start for start, _ in lines]
        self._line_texts: list[Text] | None = None
        self._layout_width = width
        set_virtual_height(self, len(lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._layout_width != self._wrap_width():
            self._cache.clear()
            self._relayout()

    # --- rendering and selection --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line_index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if line_index >= len(self._lines):
            return Strip.blank(width, base)
        selection = self.text_selection
        strip = self._cache.get(line_index) if selection is None else None
        if strip is None:
            line_text = self._lines_styled()[line_index].copy()
            line_text.end = ""
            if selection is not None and (span := selection.get_span(line_index)) is not None:
                sel_start, sel_end = span
                if sel_end == -1:
                    sel_end = len(line_text)
                line_text.stylize(self.screen.get_component_rich_style("screen--selection"), sel_start, sel_end)
            segments = list(Segment.apply_style(line_text.render(self.app.console), base))
            strip = Strip(segments)
            if selection is None:
                self._cache[line_index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, line_index)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        plain = self._doc.plain
        text = "\n".join(plain[start:end] for start, end in self._lines)
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()

    def line_text(self, line_index: int) -> str:
        start, end = self._lines[line_index]
        return self._doc.plain[start:end]

    def visible_text(self) -> str:
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        return "\n".join(self.line_text(i) for i in range(top, min(len(self._lines), top + height)))

    def cell_of_offset(self, offset: int) -> tuple[int, int]:
        """Where character ``offset`` of the article text is drawn, in content cells (x, y on screen)."""
        line = self.line_of_offset(offset)
        start, _ = self._lines[line]
        x = cell_len(self._doc.plain[start : offset + self._body_offset])
        return x - int(self.scroll_x), line - int(self.scroll_y)

    # --- pointer ------------------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The article-text offset under content cell (x, y), or None outside the text."""
        line_index = y + int(self.scroll_y)
        if not 0 <= line_index < len(self._lines):
            return None
        start, end = self._lines[line_index]
        column = x + int(self.scroll_x)
        plain = self._doc.plain
        cells = 0
        for index in range(start, end):
            cells += cell_len(plain[index])
            if cells > column:
                offset = index - self._body_offset
                return offset if offset >= 0 else None
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        entity = None
        if offset is not None and self.analysis is not None:
            position = self.offset_at(offset.x, offset.y)
            entity = self.entity_at(position) if position is not None else None
        if entity is not self._hovered:
            self._hovered = entity
            self.tooltip = entity_description(entity) if entity is not None else None
            self.post_message(self.EntityHovered(self, entity))

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.post_message(self.EntityHovered(self, None))

