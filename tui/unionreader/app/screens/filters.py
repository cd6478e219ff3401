"""The filter panel: facets of the current results; choosing one returns a `field:value` query term."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

# facet key (SearchIndex.facets(result)) -> (heading, query field)
FACET_FIELDS: dict[str, tuple[str, str]] = {
    "organization": ("Organisation", "org"),
    "person": ("Person", "person"),
    "year": ("Year", "year"),
    "kind": ("Kind of fact", "kind"),
}


def facet_term(field: str, value: str) -> str:
    """The query term for a facet value; values with spaces are quoted so they stay one term."""
    value = str(value).replace('"', "")
    return f'{field}:"{value}"' if any(ch.isspace() for ch in value) else f"{field}:{value}"


class FilterScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    FilterScreen { align: center middle; }
    FilterScreen > Vertical {
        width: 70%; max-width: 90; min-width: 40; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FilterScreen OptionList { height: 1fr; border: none; }
    FilterScreen Label { width: 1fr; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q,f", "dismiss_none", "Close", id="filters.close"),
        Binding("j", "cursor_down", "Next filter", show=False, id="filters.down"),
        Binding("k", "cursor_up", "Previous filter", show=False, id="filters.up"),
    ]

    def __init__(self, facets: Mapping[str, Sequence[tuple[str, int]]], limit: int = 12) -> None:
        super().__init__()
        self.terms: list[str] = []
        self._options: list[Option] = []
        for key, (heading, field) in FACET_FIELDS.items():
            values = list(facets.get(key, ()))[:limit]
            if not values:
                continue
            self._options.append(Option(Text(heading, style="bold"), disabled=True))
            for value, count in values:
                self.terms.append(facet_term(field, value))
                prompt = Text(f"  {value}", end="")
                prompt.append(f"  ({count})", style="dim")
                self._options.append(Option(prompt, id=str(len(self.terms) - 1)))

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Filters"
            if self._options:
                yield Label("Enter adds the filter to the query · Esc closes")
                yield OptionList(*self._options, id="facets")
            else:
                yield Label("No facets for the current results. Esc closes.")

    def on_mount(self) -> None:
        if self._options:
            options = self.query_one(OptionList)
            options.focus()
            options.highlighted = next(i for i, o in enumerate(self._options) if not o.disabled)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.terms[int(event.option.id)])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
