"""The main screen and its controller: the search box and status, the article list, the reader and the
facts, and the loading bar. It owns the search, the list's selection, the preview and the load in
progress (its loading side is in main_loading); widgets post messages with their data and the handlers
below act on them."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ...library.events import FirstPage
from ..archive import Archive
from ..copying import copy_of_fact, copy_of_facts, export_facts, fact_to_copy
from ..results import Results
from ..widgets.article_list import ArticleList
from ..widgets.entity_styles import ENTITY_GROUPS, GROUP_LABELS, entity_description
from ..widgets.facts import FactsTree
from ..widgets.focus import focus_now
from ..widgets.key_bar import KeyBar
from ..widgets.loading_bar import LoadingBar
from ..widgets.reader import Reader
from ..widgets.search_input import SearchInput
from .filters import FilterScreen
from .main_loading import ArchiveLoading
from .prompt import PathPrompt


class MainScreen(ArchiveLoading, Screen):
    """Text selected with the mouse is copied through the app's clipboard routes."""

    # The list has the focus from the start: focusing it later (the search box first, by default)
    # rebuilds the footer's keys once more, which delays the first rows by a frame or more.
    AUTO_FOCUS = "#list"

    def __init__(self, archive: Archive, *, show_timing: bool = True) -> None:
        super().__init__()
        self.archive = archive
        self.results = Results(archive)
        self.show_timing = show_timing  # off in snapshot tests, where milliseconds would differ per run
        self.search_input = SearchInput(
            self._query_changed,
            placeholder="/ search: words without diacritics, \"phrases\", person:, org:, year: …", id="search"
        )
        self.article_list = ArticleList(id="list")
        self.reader = Reader(id="reader")
        self.facts = FactsTree(id="facts")
        self.loading_bar = LoadingBar(id="loading")
        self._query = ""
        self._shown_doc: int | None = None
        self._last_refresh = 0.0
        self._refresh_pending = False
        self._search_pending = False
        self._load_started = (0, 0)  # (load errors, duplicates) counted before the current load
        self._queued_paths: list[str] = []
        self._first_page: FirstPage | None = None  # the saved list's first rows, until the index is there
        self._switch_interval = sys.getswitchinterval()

    def compose(self) -> ComposeResult:
        yield self.search_input
        yield Static("", id="status", markup=False)
        with Horizontal(id="panes"):
            yield self.article_list
            with Vertical(id="reader-pane"):
                yield self.reader
                yield Static("", id="legend")
            yield self.facts
        yield self.loading_bar
        yield KeyBar()

    def on_mount(self) -> None:
        # Loading starts now, not when the app is ready: restoring a saved index (a second at 10k
        # articles on a slow machine) overlaps Textual's own start-up.
        self.loading_bar.reading()
        self.start_loading()

    def start(self) -> None:
        """Titles, the legend and the list as it is (once the app is ready: its theme is set)."""
        self.article_list.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.facts.border_title = "Facts"
        self._update_legend()
        self.run_search(keep_position=True)
        self.article_list.focus()

    # --- search --------------------------------------------------------------------------------------

    def _query_changed(self, query: str) -> None:
        self._query = query
        self.run_search()

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        focus_now(self.article_list)

    def run_search(self, keep_position: bool = False) -> None:
        article_list = self.article_list
        if self._first_page is not None and not self._query and len(self.archive.index) == 0:
            self._show_first_page(self._first_page)
            return
        # A reader who moved down the list stays on their article as batches arrive; one who did not
        # keeps seeing the top (newest / best) result.
        keep = article_list.highlighted_doc if keep_position and article_list.cursor > 0 else None
        # While the loader indexes a slice of a batch, the search waits for it without blocking the
        # keyboard: it is tried again in a moment (and at the loader's next progress message).
        if not self.results.search(self._query):
            if not self._search_pending:
                self._search_pending = True
                self.set_timer(0.015, self._retry_search)
            return
        self._search_pending = False
        self._refresh_pending = False
        self._last_refresh = time.perf_counter()
        results = self.results
        article_list.set_docs(results.docs, results.row_info, results.title_spans, keep_doc=keep)
        article_list.border_title = f"Articles ({len(results.docs):,})"
        self.set_status(results.status(show_timing=self.show_timing, loading=self.archive.loading))
        if not results.docs:
            self._preview(None)

    def _retry_search(self) -> None:
        if self._search_pending:
            self._search_pending = False
            self.run_search(keep_position=True)

    def set_query(self, query: str) -> None:
        """Put ``query`` in the search box, the cursor at its end (the search follows its change)."""
        self.search_input.value = query
        self.search_input.cursor_position = len(query)

    def set_status(self, text: str) -> None:
        # One line of fixed size: no layout pass needed (the default one costs a frame per keystroke).
        self.query_one("#status", Static).update(text, layout=False)

    # --- preview -------------------------------------------------------------------------------------

    @on(ArticleList.Highlighted, "#list")
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        # After the next refresh, so a keystroke repaints the list before the reader re-wraps.
        self.call_after_refresh(self._preview, event.doc)

    @on(ArticleList.Opened, "#list")
    def _article_opened(self, event: ArticleList.Opened) -> None:
        self._preview(event.doc)
        focus_now(self.reader)

    def _preview(self, doc: int | None) -> None:
        if doc != self.article_list.highlighted_doc:
            return  # the highlight has moved on since this preview was scheduled
        if doc is not None and doc >= len(self.results.index):
            return  # a row of the saved first page: shown once the index is restored
        analysis = self.results.index.analysis(doc) if doc is not None else None
        hits = self.results.hit_spans(doc) if doc is not None else ()
        if doc == self._shown_doc and analysis is not None:
            self.reader.set_hits(hits)
            return
        self._shown_doc = doc
        self.reader.show(analysis, hits)
        self.reader.border_title = "Reader" if analysis is None else f"Reader · {len(analysis.entities)} entities"
        self.facts.show_facts(analysis)
        self.facts.border_title = "Facts" if analysis is None else f"Facts ({len(analysis.facts)})"

    @on(FactsTree.FactHighlighted, "#facts")
    def _fact_highlighted(self, event: FactsTree.FactHighlighted) -> None:
        self.reader.highlight_range(event.fact.start, event.fact.end)

    @on(Reader.EntityHovered, "#reader")
    def _entity_hovered(self, event: Reader.EntityHovered) -> None:
        if event.entity is not None:
            self.set_status(entity_description(event.entity))

    # --- keys (bound on the app, so that they work on every screen; see UnionReaderApp) -------------

    def action_focus_search(self) -> None:
        """Focus the search box at once, so keys typed right after "/" are typed into it.

        The binding has priority (a focused widget would otherwise see "/" only after the app has
        already sent it the next keys), so in a text box it steps aside and the box types "/"."""
        if isinstance(self.app.focused, Input) or self.app.screen is not self:
            raise SkipAction()
        focus_now(self.search_input)

    def action_filters(self) -> None:
        if self.results.result is None:
            return
        with self.archive.index_lock:
            facets = self.archive.index.facets(self.results.result)
        self.app.push_screen(FilterScreen(facets), self.add_query_term)

    def add_query_term(self, term: str | None) -> None:
        if not term:
            return
        query = self.search_input.value.rstrip()
        self.set_query(f"{query} {term} " if query else f"{term} ")

    def action_cycle_entities(self) -> None:
        mode = self.reader.cycle_entities()
        self._update_legend()
        self.set_status(f"Highlighting: {mode if mode in ('all', 'none') else GROUP_LABELS[mode]}")

    def action_jump(self, forward: bool) -> None:
        target = self.reader.jump(forward)
        if target is None:
            self.set_status("No search hit or highlighted entity in this article.")
        elif target.entity is None:
            self.set_status("Search hit")

    def action_toggle_pane(self, pane_id: str) -> None:
        pane = self.query_one(f"#{pane_id}")
        visible = [p for p in self.query("#panes > *") if p.display]
        if pane.display and len(visible) == 1:
            self.notify("At least one pane stays visible.", timeout=2)
            return
        pane.display = not pane.display
        focused = self.app.focused
        if focused is None or (not pane.display and (focused is pane or pane in focused.ancestors)):
            # Textual would move focus to the search box, where the next keys would be typed.
            target = next(w for w in (self.article_list, self.reader, self.facts)
                          if w.display and (w.parent is None or w.parent.display))
            focus_now(target)

    def _update_legend(self) -> None:
        active = set(self.reader.active_groups)
        legend = Text(no_wrap=True, overflow="ellipsis")
        for group in ENTITY_GROUPS:
            style = self.reader.style_for(group) if group in active else "dim strike"
            legend.append(GROUP_LABELS[group], style=style)
            legend.append(" ")
        legend.append("· e cycles", style="dim")
        self.query_one("#legend", Static).update(legend)

    # --- copying and exporting -------------------------------------------------------------------------

    def action_copy_fact(self) -> None:
        fact = fact_to_copy(self.facts.selected_fact, self.reader.analysis)
        if fact is None:
            self.notify("No fact to copy: this article has none.", severity="warning")
            return
        self.app.copy_everywhere(*copy_of_fact(fact))

    def action_copy_all(self, as_json: bool = False) -> None:
        analysis = self.reader.analysis
        if analysis is None:
            self.notify("No article selected.", severity="warning")
            return
        self.app.copy_everywhere(*copy_of_facts(analysis, as_json))

    def action_copy_json(self) -> None:
        self.action_copy_all(as_json=True)

    def action_copy_text(self) -> None:
        selection = self.get_selected_text()
        if not selection:
            self.notify("Nothing selected: drag over the reader text first.", timeout=3)
            return
        self.app.copy_everywhere(selection, "the selected text")

    def action_export(self) -> None:
        count = len(self.results.docs)
        prompt = PathPrompt(
            f"Export the facts of {count:,} listed articles",
            "File name (.md, .json, .csv or .tsv); Enter writes it, Esc cancels",
            "unionreader-facts.md",
        )
        self.app.push_screen(prompt, self.export_to)

    def export_to(self, name: str | None) -> None:
        if not name or self.results.result is None:
            return
        analyses = self.archive.analyses_for(self.results.docs)
        message, severity = export_facts(Path(name).expanduser(), analyses)
        self.notify(message, title="Exported" if severity == "information" else "", severity=severity)
