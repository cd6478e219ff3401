"""The profile pane of the people and organisation screens: a Line-API ScrollView of lines rendered
once per profile (in the worker that makes the profile), so that neither a new profile nor a screen
layout (every keystroke in the filter lays the screen out) renders the profile's tables again.

As a Static in a scrolling container, the profile was rendered whole to measure its height on every
layout pass: a big federation's profile cost a keystroke 100 ms and more at 100k articles."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .virtual import set_virtual_height

Geometry = tuple[int, int, int]  # (content width, height, scrollbar width) of the pane


def render_strips(console: Console, renderable: RenderableType, width: int) -> list[Strip]:
    """``renderable`` as lines ``width`` cells wide (safe off the UI thread: no widget is touched)."""
    options = console.options.update(width=max(1, width), height=None, highlight=False)
    return [Strip(line) for line in console.render_lines(renderable, options, pad=False, new_lines=False)]


def fit_strips(console: Console, renderable: RenderableType, geometry: Geometry) -> tuple[list[Strip], int]:
    """(lines, width): the full width when they fit the height, else beside the scrollbar."""
    width, height, bar = geometry
    strips = render_strips(console, renderable, width)
    if len(strips) > height and bar:
        width -= bar
        strips = render_strips(console, renderable, width)
    return strips, width


class ProfileView(ScrollView, can_focus=True):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    ProfileView { overflow-x: hidden; height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = ""
        self._strips: list[Strip] = []
        self._width = 0  # the width the strips were rendered at
        self._geometry: Geometry | None = None

    @property
    def content(self) -> RenderableType:
        """The renderable shown (tests print it)."""
        return self._content

    def geometry(self) -> Geometry:
        """What a profile is rendered for (read on the UI thread, handed to the worker)."""
        region = self.content_region
        return max(1, region.width), region.height, self.styles.scrollbar_size_vertical

    def show(self, renderable: RenderableType, fitted: tuple[list[Strip], int] | None = None,
             geometry: Geometry | None = None) -> None:
        """Show ``renderable``: already rendered (``fitted``) for ``geometry``, or rendered here."""
        self._content = renderable
        if fitted is None or geometry != self.geometry():
            geometry = self.geometry()
            fitted = fit_strips(self.app.console, renderable, geometry)
        self._strips, self._width = fitted
        self._geometry = geometry
        set_virtual_height(self, len(self._strips))
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        if self._geometry is not None and self.geometry() != self._geometry:
            self.show(self._content)

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.size.width
        base = self.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, base)
        segments = Segment.apply_style(list(self._strips[index]), base)
        return Strip(list(segments)).adjust_cell_length(width, base)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._strips)
