"""Resizing a Line-API ScrollView's canvas cheaply."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_height(view: ScrollView, height: int) -> None:
    """Resize the canvas without a screen-wide layout pass when the scrollbar's need does not change
    (assigning ``virtual_size`` always relayouts the whole screen: tens of ms per keystroke or per
    article previewed)."""
    size = Size(0, height)
    if size == view.virtual_size:
        return
    viewport = view.scrollable_content_region.height
    if (height > viewport) != (view.virtual_size.height > viewport) or not viewport:
        view.virtual_size = size
    else:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
