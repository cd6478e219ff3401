"""Every key binding of the app, by scope: the app's own keys, the help screen's table, and the ids the
config file may rebind."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from .screens.directory import DirectoryScreen, FilterInput
from .screens.filters import FilterScreen
from .screens.overview import OverviewScreen
from .widgets.article_list import ArticleList
from .widgets.directory_list import DirectoryList
from .widgets.facts import FactsTree
from .widgets.reader import Reader
from .widgets.search_input import SearchInput

APP_BINDINGS = [
    # A priority binding: the app handles "/" before forwarding the keys typed after it, which then
    # reach the search box (see UnionReaderApp.action_focus_search).
    Binding("slash", "focus_search", "Search", id="search", priority=True),
    Binding("f", "filters", "Filters", id="filters"),
    Binding("c", "copy_fact", "Copy fact", id="copy_fact"),
    Binding("C", "copy_all", "Copy all (MD)", id="copy_all"),
    Binding("J", "copy_json", "Copy JSON", show=False, id="copy_json"),
    Binding("x", "export", "Export", id="export"),
    Binding("e", "cycle_entities", "Entities", id="entities"),
    Binding("p", "people", "People", show=False, id="people"),
    Binding("o", "orgs", "Organisations", show=False, id="orgs"),
    Binding("v", "overview", "Overview", show=False, id="overview"),
    Binding("n", "jump(True)", "Next hit", show=False, id="next"),
    Binding("N", "jump(False)", "Previous hit", show=False, id="previous"),
    Binding("1", "toggle_pane('list')", "Toggle list", show=False, id="toggle_list"),
    Binding("2", "toggle_pane('reader-pane')", "Toggle reader", show=False, id="toggle_reader"),
    Binding("3", "toggle_pane('facts')", "Toggle facts", show=False, id="toggle_facts"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]


def binding_scopes() -> list[tuple[str, list[Binding]]]:
    def real(bindings) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    return [
        ("everywhere", real(APP_BINDINGS)),
        ("search box", real(SearchInput.BINDINGS)),
        ("article list", real(ArticleList.BINDINGS)),
        ("reader", real(Reader.BINDINGS)),
        ("facts", real(FactsTree.BINDINGS)),
        ("filter panel", real(FilterScreen.BINDINGS)),
        ("people / organisations", real(DirectoryScreen.BINDINGS) + real(FilterInput.BINDINGS)
         + real(DirectoryList.BINDINGS)),
        ("overview", real(OverviewScreen.BINDINGS)),
    ]


def all_binding_ids() -> list[str]:
    return [b.id for _, bindings in binding_scopes() for b in bindings if b.id]


def help_rows(app: App) -> list[tuple[str, str, str]]:
    """(keys as displayed, what they do, where) for every binding, with the user's keymap applied."""
    rows = []
    for where, bindings in binding_scopes():
        for binding in bindings:
            key = app._keymap.get(binding.id, binding.key) if binding.id else binding.key
            shown = ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))
            rows.append((shown, binding.description or binding.action, where))
    rows.append(("tab / shift+tab", "Move between panes", "everywhere"))
    rows.append(("ctrl+p", "Command palette (export, open file, toggle panes, theme)", "everywhere"))
    rows.append(("ctrl+c", "Copy the text selected with the mouse", "reader"))
    return rows
