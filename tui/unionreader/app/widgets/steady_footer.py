"""A footer that is rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's footer recomposes (removes, mounts and styles a widget per key) whenever its screen
    says its bindings may have changed: on every focus change, and on every return to the screen. At
    100k articles that was a third of reopening the people screen; the keys shown are the same then,
    so it is skipped."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if self._bindings_ready and shown == self._shown and self.is_attached and self.children:
            return
        self._shown = shown
        super().bindings_changed(screen)
