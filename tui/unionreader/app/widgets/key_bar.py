"""The screen's keys on its bottom line, drawn as one line of text.

Textual's ``Footer`` is a container with a widget per key: it removes, mounts and styles all of them
whenever its screen's bindings may have changed (each focus change, each return to the screen), and
each new key widget restyles itself twice as its ``compact`` binding settles. On the people screen at
100k articles that was a third of the screen's first open. This bar keeps the keys as data and
repaints one line when they change; it looks and answers the mouse like the footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class ShownKey:
    """One key as the bar shows it."""

    key: str  # what pressing it sends (the binding's first key)
    display: str  # how it is written ("^p", "/", "Esc")
    description: str
    enabled: bool
    palette: bool = False  # the command palette's key, drawn at the right end


def shown_keys(screen: Screen) -> tuple[ShownKey, ...]:
    """The keys to show for the screen's bindings now (the focused widget's first), one per action, as
    Textual's footer picks them."""
    app = screen.app
    shown: list[ShownKey] = []
    actions: set[str] = set()
    active = screen.active_bindings
    for _, binding, enabled, _tooltip in active.values():
        if not binding.show or binding.action in actions:
            continue
        actions.add(binding.action)
        shown.append(_shown(app, binding, enabled))
    if app.ENABLE_COMMAND_PALETTE and (entry := active.get(app.COMMAND_PALETTE_BINDING)) is not None:
        shown.append(_shown(app, entry[1], entry[2], palette=True))
    return tuple(shown)


def _shown(app, binding: Binding, enabled: bool, palette: bool = False) -> ShownKey:
    return ShownKey(binding.key.split(",")[0].strip(), app.get_key_display(binding), binding.description,
                    enabled, palette)


_DIM = Style(dim=True)


class KeyBar(Widget):
    """The keys of the screen it is on; clicking one presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--separator {
            color: $foreground 20%;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[ShownKey, ...] = ()
        self._spans: list[tuple[int, int, ShownKey]] = []  # (first cell, cell after, key) as drawn
        self._hover: ShownKey | None = None

    def on_mount(self) -> None:
        self.keys = shown_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if keys != self.keys:  # (a repaint of one line; the size never changes)
            self.keys = keys
            self.refresh()

    def render(self) -> Text:
        styles = (self.get_component_rich_style("key-bar--key"), self.get_component_rich_style("key-bar--description"),
                  self.get_component_rich_style("key-bar--hover"))
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, ShownKey]] = []
        for shown in self.keys:
            if not shown.palette:
                self._append(line, spans, shown, *styles)
        palette = [key for key in self.keys if key.palette]
        if palette:  # at the right end, after a thin rule, as Textual's footer draws it (the keys give way)
            tail = Text("▏", self.get_component_rich_style("key-bar--separator"), no_wrap=True, end="")
            tail_spans: list[tuple[int, int, ShownKey]] = []
            for shown in palette:
                self._append(tail, tail_spans, shown, *styles, padded=False)
            room = self.size.width - tail.cell_len
            if room >= 0:
                line.truncate(room, pad=True)
                spans = [(start, min(end, room), key) for start, end, key in spans if start < room]
                spans += [(start + room, end + room, key) for start, end, key in tail_spans]
                line.append_text(tail)
        self._spans = spans
        return line

    def _append(self, line: Text, spans: list, shown: ShownKey, key_style: Style, description_style: Style,
                hover_style: Style, padded: bool = True) -> None:
        start = line.cell_len
        if shown == self._hover:
            key_style = description_style = hover_style
        if not shown.enabled:
            key_style, description_style = key_style + _DIM, description_style + _DIM
        line.append(f" {shown.display} " if padded else shown.display, key_style)
        if shown.description:
            line.append(f"{shown.description} " if padded else f" {shown.description} ", description_style)
        spans.append((start, line.cell_len, shown))

    def key_at(self, x: int) -> ShownKey | None:
        """The key drawn at cell ``x`` of the bar, if any."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, key: ShownKey | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
