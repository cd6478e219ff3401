"""The reader app: search box and status, article list, reader, facts sidebar.

Loading runs in a thread worker that adds batches to the index under a lock; the UI thread searches
under the same lock, so typing works while a corpus loads.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from ..corpus import LoadError
from ..library.batching import Batch, load_batches
from ..library.indexer import IndexFeeder, index_batches
from ..library.loader import Event, Library
from ..search import SearchIndex
from .actions import CopyActions
from .bindings import APP_BINDINGS, all_binding_ids, help_rows
from .clipboard import ClipboardSink
from .config import Config, load_config
from .directory_actions import DirectoryActions
from .load_actions import LoadActions
from .screens.filters import FilterScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .widgets.article_list import ArticleList
from .widgets.facts import FactsTree
from .widgets.focus import focus_now
from .widgets.reader import ENTITY_GROUPS, GROUP_LABELS, Reader, entity_description

# Rows ranked on each keystroke; the rest of a large result is ranked when the list scrolls past them.
RANKED_ROWS = 500

BatchSource = Callable[[], Iterator[Batch]]
EventSource = Callable[[IndexFeeder], Iterator[Event]]


class UnionReaderApp(DirectoryActions, LoadActions, CopyActions, App[int]):
    TITLE = "unionreader"
    CSS_PATH = "app.tcss"
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        paths: Iterable[str] = (),
        *,
        batches: BatchSource | None = None,
        library: Library | None = None,
        events: EventSource | None = None,
        copy_to: str | Path | None = None,
        config: Config | None = None,
        clipboard_commands: bool = True,
        show_timing: bool = True,
    ) -> None:
        super().__init__()
        self.show_timing = show_timing  # off in snapshot tests, where milliseconds would differ per run
        self.paths = [str(p) for p in paths]
        # Everything is opened through the library (without a cache unless one is given); ``batches``
        # (tests, piped stdin) go through the same dedupe-and-index path.
        self.library = library if library is not None else Library(None)
        if events is not None:
            self._events: EventSource = events
        elif batches is not None:
            self._events = lambda feeder: index_batches(batches(), feeder, self.library.seen_ids)
        else:
            self._events = lambda feeder: self.library.open(self.paths, feeder)
        self.last_summary = None
        self.index = SearchIndex()
        self.index_lock = threading.Lock()
        self.result = None
        self.load_errors: list[LoadError] = []
        self.loading = False
        self.loaded_articles = 0
        self._hit_cache: dict[int, object] = {}
        self._last_refresh = 0.0
        self._refresh_pending = False
        self._search_pending = False
        self._title_span_cache: dict[int, tuple[tuple[int, int], ...]] = {}
        self.duplicates_skipped = 0
        self._load_started = (0, 0)  # (load errors, duplicates) counted before the current load
        self._queued_paths: list[str] = []
        self._shown_doc: int | None = None
        self.config = config if config is not None else load_config(
            binding_ids=all_binding_ids(), themes=self.available_themes
        )
        self.clipboard_sink = ClipboardSink(self.copy_to_clipboard, copy_to=copy_to, use_platform=clipboard_commands)
        # Widgets are looked up on the main screen, not the current one: loading batches and timers
        # keep arriving while a modal (help, filters, export) is on top.
        self.main_screen = MainScreen()
        self.started_at = time.perf_counter()
        self.loaded_at: float | None = None

    def get_default_screen(self) -> Screen:
        return self.main_screen

    # --- lifecycle -----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.theme:
            self.theme = self.config.theme
        for problem in self.config.problems:
            self.notify(problem, title="Config", severity="warning", timeout=10)

    def on_ready(self) -> None:
        self.main_screen.query_one("#list", ArticleList).border_title = "Articles"
        self.main_screen.query_one("#reader", Reader).border_title = "Reader"
        self.main_screen.query_one("#facts", FactsTree).border_title = "Facts"
        self._update_legend()
        self.run_search()
        self.main_screen.query_one(ArticleList).focus()
        self.loading = True
        self.main_screen.query_one("#loading-label", Label).update(" reading articles…")
        self.start_loading()

    # --- search --------------------------------------------------------------------------------------

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        focus_now(self.main_screen.query_one(ArticleList))

    def run_search(self, keep_position: bool = False) -> None:
        query = self.main_screen.query_one("#search", Input).value
        article_list = self.main_screen.query_one(ArticleList)
        # A reader who moved down the list stays on their article as batches arrive; one who did not
        # keeps seeing the top (newest / best) result.
        keep = article_list.highlighted_doc if keep_position and article_list.cursor > 0 else None
        # While the loader indexes a slice of a batch, the search waits for it without blocking the
        # keyboard: it is tried again in a moment (and at the loader's next progress message).
        if not self.index_lock.acquire(blocking=False):
            if not self._search_pending:
                self._search_pending = True
                self.set_timer(0.015, self._retry_search)
            return
        try:
            self._search_pending = False
            self._refresh_pending = False
            result = self.index.search(query, rank_first=RANKED_ROWS)
            count = self.index.live()
        finally:
            self.index_lock.release()
        self._last_refresh = time.perf_counter()
        self.result = result
        self._hit_cache = {}
        self._title_span_cache = {}
        article_list.set_docs(result.docs, self._row_info, self._title_spans, keep_doc=keep)
        article_list.border_title = f"Articles ({len(result.docs):,})"
        parts = [f"{len(result.docs):,} of {count:,} articles"]
        if query.strip():
            parts.append(f"parsed as: {result.parsed}")
        if result.ignored:
            parts.append("ignored: " + ", ".join(result.ignored))
        if self.show_timing:
            parts.append(f"{result.elapsed_ms:.1f} ms")
        if self.loading:
            parts.append("loading…")
        self.set_status(" · ".join(parts))
        if not result.docs:
            self._preview(None)

    def _retry_search(self) -> None:
        if self._search_pending:
            self._search_pending = False
            self.run_search(keep_position=True)

    def _has_query(self) -> bool:
        return bool(self.result is not None and self.result.query.strip())

    def _hit(self, doc: int):
        """The index's Hit for ``doc`` in the current result, or None while a batch is being indexed."""
        hit = self._hit_cache.get(doc)
        if hit is None and self.result is not None and self.index_lock.acquire(blocking=False):
            try:
                hit = self._hit_cache[doc] = self.index.hit(doc, self.result)
            finally:
                self.index_lock.release()
        return hit

    def _row_info(self, doc: int) -> tuple[str, bool, str]:
        analysis = self.index.analysis(doc)
        article = analysis.article
        meta = " · ".join(p for p in (analysis.date or article.published, analysis.organiser) if p)
        return article.title, article.title_derived, meta or "—"

    def _title_spans(self, doc: int):
        """Matched words of a row's title (a title is short: cheap enough to find while drawing)."""
        if not self._has_query():
            return ()
        spans = self._title_span_cache.get(doc)
        if spans is None:
            spans = self._title_span_cache[doc] = self.index.title_spans(doc, self.result)
        return spans

    def set_status(self, text: str) -> None:
        # One line of fixed size: no layout pass needed (the default one costs a frame per keystroke).
        self.main_screen.query_one("#status", Static).update(text, layout=False)

    # --- preview -------------------------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        # After the next refresh, so a keystroke repaints the list before the reader re-wraps.
        self.call_after_refresh(self._preview, event.doc)

    @on(ArticleList.Opened)
    def _article_opened(self, event: ArticleList.Opened) -> None:
        self._preview(event.doc)
        focus_now(self.main_screen.query_one(Reader))

    def _preview(self, doc: int | None) -> None:
        if doc != self.main_screen.query_one(ArticleList).highlighted_doc:
            return  # the highlight has moved on since this preview was scheduled
        reader = self.main_screen.query_one(Reader)
        facts = self.main_screen.query_one(FactsTree)
        analysis = self.index.analysis(doc) if doc is not None else None
        hit = self._hit(doc) if doc is not None and self._has_query() else None
        hits = hit.text_spans if hit is not None else ()
        if doc == self._shown_doc and analysis is not None:
            reader.set_hits(hits)
            return
        self._shown_doc = doc
        reader.show(analysis, hits)
        reader.border_title = "Reader" if analysis is None else f"Reader · {len(analysis.entities)} entities"
        facts.show_facts(analysis)
        facts.border_title = "Facts" if analysis is None else f"Facts ({len(analysis.facts)})"

    @on(FactsTree.FactHighlighted)
    def _fact_highlighted(self, event: FactsTree.FactHighlighted) -> None:
        self.main_screen.query_one(Reader).highlight_range(event.fact.start, event.fact.end)

    @on(Reader.EntityHovered)
    def _entity_hovered(self, event: Reader.EntityHovered) -> None:
        if event.entity is not None:
            self.set_status(entity_description(event.entity))

    # --- actions -------------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Focus the search box at once, so keys typed right after "/" are typed into it.

        The binding has priority (a focused widget would otherwise see "/" only after the app has
        already sent it the next keys), so in a text box it steps aside and the box types "/"."""
        if isinstance(self.focused, Input) or self.screen is not self.main_screen:
            raise SkipAction()
        focus_now(self.main_screen.query_one("#search", Input))

    def action_filters(self) -> None:
        if self.result is None:
            return
        with self.index_lock:
            facets = self.index.facets(self.result)
        self.push_screen(FilterScreen(facets), self.add_query_term)

    def add_query_term(self, term: str | None) -> None:
        if not term:
            return
        search = self.main_screen.query_one("#search", Input)
        query = search.value.rstrip()
        search.value = f"{query} {term} " if query else f"{term} "
        search.cursor_position = len(search.value)

    def action_cycle_entities(self) -> None:
        mode = self.main_screen.query_one(Reader).cycle_entities()
        self._update_legend()
        self.set_status(f"Highlighting: {mode if mode in ('all', 'none') else GROUP_LABELS[mode]}")

    def action_jump(self, forward: bool) -> None:
        target = self.main_screen.query_one(Reader).jump(forward)
        if target is None:
            self.set_status("No search hit or highlighted entity in this article.")
        elif target.entity is None:
            self.set_status("Search hit")

    def action_toggle_pane(self, pane_id: str) -> None:
        pane = self.main_screen.query_one(f"#{pane_id}")
        visible = [p for p in self.main_screen.query("#panes > *") if p.display]
        if pane.display and len(visible) == 1:
            self.notify("At least one pane stays visible.", timeout=2)
            return
        pane.display = not pane.display
        focused = self.focused
        if focused is None or (not pane.display and (focused is pane or pane in focused.ancestors)):
            # Textual would move focus to the search box, where the next keys would be typed.
            target = next(w for w in (self.main_screen.query_one(ArticleList), self.main_screen.query_one(Reader), self.main_screen.query_one(FactsTree))
                          if w.display and (w.parent is None or w.parent.display))
            focus_now(target)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str]]:
        return help_rows(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Open file or folder…", "Load more articles", self.action_open_file)
        yield SystemCommand(
            "Export facts of listed articles…", "Write Markdown / JSON / CSV / TSV", self.action_export
        )
        yield SystemCommand("Copy all facts (Markdown)", "Facts of the article in the reader", self.action_copy_all)
        yield SystemCommand("Copy all facts (JSON)", "Facts of the article in the reader", self.action_copy_json)
        yield SystemCommand("Toggle article list", "Show or hide (key 1)", lambda: self.action_toggle_pane("list"))
        yield SystemCommand("Toggle reader", "Show or hide (key 2)", lambda: self.action_toggle_pane("reader-pane"))
        yield SystemCommand("Toggle facts", "Show or hide (key 3)", lambda: self.action_toggle_pane("facts"))
        yield SystemCommand("Filters", "Facets of the current results (key f)", self.action_filters)
        yield SystemCommand("Show load errors", "Files that could not be read", self.action_show_load_errors)
        yield SystemCommand("Help", "Keys and query language (key ?)", self.action_help)
        yield from super().get_system_commands(screen)

    def _update_legend(self) -> None:
        reader = self.main_screen.query_one(Reader)
        active = set(reader.active_groups)
        legend = Text(no_wrap=True, overflow="ellipsis")
        for group in ENTITY_GROUPS:
            style = reader.style_for(group) if group in active else "dim strike"
            legend.append(GROUP_LABELS[group], style=style)
            legend.append(" ")
        legend.append("· e cycles", style="dim")
        self.main_screen.query_one("#legend", Static).update(legend)


def run(paths: list[str], copy_to: str | None = None, library: Library | None = None) -> int:
    library = library if library is not None else Library(None)
    events = None
    if "-" in paths and not sys.stdin.isatty():
        # Articles piped on stdin are read before the app takes over the terminal for its keys.
        from ..corpus import iter_load

        piped = list(iter_load(["-"]))
        rest = [p for p in paths if p != "-"]
        paths = rest
        events = lambda feeder: itertools.chain(  # noqa: E731
            index_batches(load_batches(piped), feeder, library.seen_ids), library.open(rest, feeder) if rest else ()
        )
        try:
            tty = os.open("/dev/tty", os.O_RDONLY)
        except OSError:
            print("unionreader: no terminal to run the app on (stdin is a pipe); try `unionreader facts -`",
                  file=sys.stderr)
            return 2
        os.dup2(tty, 0)
        os.close(tty)
    app = UnionReaderApp(paths, copy_to=copy_to, library=library, events=events)
    app.run()
    return app.return_code or 0
