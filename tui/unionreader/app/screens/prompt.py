"""Small modal dialogs: a file-name prompt (export) and the list of files that failed to load."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PathPrompt(ModalScreen[str | None]):
    """Asks for a file name; Enter returns it, Esc returns None."""

    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical {
        width: 70%; min-width: 40; max-width: 100; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PathPrompt Label { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, hint: str, default: str = "") -> None:
        super().__init__()
        self._title = title
        self._hint = hint
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Label(self._hint)
            yield Input(value=self._default, id="path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadErrorsScreen(ModalScreen[None]):
    """The files that could not be read, one line each."""

    DEFAULT_CSS = """
    LoadErrorsScreen { align: center middle; }
    LoadErrorsScreen > Vertical {
        width: 80%; height: 70%; border: thick $warning; background: $surface; padding: 0 1;
    }
    LoadErrorsScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,enter", "close", "Close", id="errors.close")]

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__()
        self._errors = list(errors)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{len(self._errors)} file(s) could not be loaded"
            with VerticalScroll():
                yield Static("\n".join(self._errors), markup=False)
            yield Label("Esc closes")

    def action_close(self) -> None:
        self.dismiss(None)
