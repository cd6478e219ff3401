"""Moving the focus before the next key is read."""

from __future__ import annotations

from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` at once. ``Widget.focus()`` defers the change with ``call_later``, so keys
    already waiting (a fast typist's "/chu", or keys pasted over SSH in one read) would still go to the
    old widget: the list would take "c" as "copy the fact" instead of the search box getting it."""
    widget.screen.set_focus(widget)
