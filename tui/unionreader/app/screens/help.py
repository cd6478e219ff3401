"""The help screen: every key (generated from the bindings, with the user's keymap applied) and the
query language."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

QUERY_LANGUAGE = """\
Words are ANDed and matched without diacritics, with typos tolerated:
  cong doan ha noi         finds "Công đoàn … Hà Nội"
  "hội nghị tổng kết"      exact phrase
  -khen                    exclude a word
  'thoa                    this word exactly (no typo tolerance)
  hoi nghi | dai hoi       either term
  person:giang  org:"công đoàn viên chức"  place:hà nội
  year:2023  date:2024-01  has:money|award|document  kind:people
The last word is matched as a prefix while you type; end with a space to match it whole.
Diacritics typed in the query rank exact matches first ("Hà" before "Ha")."""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 110; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """``rows``: (keys as displayed, what the key does, where it works)."""
        super().__init__()
        self._rows = list(rows)

    def compose(self) -> ComposeResult:
        keys = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
        keys.add_column("Key", no_wrap=True)
        keys.add_column("Action")
        keys.add_column("Where", style="dim")
        for key, description, where in self._rows:
            keys.add_row(key, description, where)
        with Vertical() as box:
            box.border_title = "Help · Esc closes"
            with VerticalScroll(id="help-body"):
                yield Static(Text("Keys", style="bold underline"))
                yield Static(keys, id="help-keys")
                yield Static(Text("\nQuery language", style="bold underline"))
                yield Static(Text(QUERY_LANGUAGE), id="help-query")
                yield Static(
                    Text(
                        "\nMouse: click a row or a fact; select reader text with the mouse and press ctrl+c."
                        "\nCopy goes to the terminal (OSC 52), the system clipboard command when there is one,"
                        " and the --copy-to file when given.\nKeys and theme can be set in the config file"
                        " (see README, Keys).",
                    )
                )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
