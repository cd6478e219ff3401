"""The people (`p`) and organisation (`o`) screens: a list filtered by typing, the selected profile
beside it. The table is built in a thread worker from the analyses the app holds, and built again
while the screen is shown as more are loaded."""

from __future__ import annotations

import contextlib
import json
import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...directory import OrgTable, PeopleTable, render
from ...directory.filtering import RowIdentity
from ...directory.people import SORTS
from ...gc_pacing import KeysHold
from ..rebuild_pacing import RebuildPacing
from ..widgets.directory_list import DirectoryList
from ..widgets.filter_input import FilterInput
from ..widgets.focus import focus_now
from ..widgets.key_bar import KeyBar
from ..widgets.profile_view import ProfileView, fit_strips
from ..widgets.profiles import org_renderable, person_renderable

PROFILE_DELAY = 0.12  # seconds the highlight rests before its profile is made
# …and the filter, while it is being typed in: a profile made between two keys shares the interpreter
# with the repaint of the next one.
TYPING_PROFILE_DELAY = 0.3
# The cyclic collector is held off while keys come and let run once they have rested this long (seconds;
# see gc_pacing.KeysHold): a full pass at 100k articles costs a keystroke's budget.
KEYS_REST = 1.0
KEYS_HINT = "s sort · Enter lists their articles · c / J copy the profile · Esc back"


class DirectoryScreen(Screen):
    """Shared by people and organisations; subclasses say which table and how to draw a profile.

    The app keeps one of each for its life (``UnionReaderApp.SCREENS``): closing suspends it, opening
    it again only repaints it, with its filter, sort and selection as they were, and it asks for the
    table again then, in case more articles were loaded meanwhile. While it is shown, the app tells it
    when articles are loaded (``articles_changed``): it builds the table again, paced (see
    ``rebuild_pacing``), and swaps it in with the filter, sort, selection and scroll kept."""

    CSS_PATH = "directory.tcss"
    KIND: ClassVar[str] = ""
    FIELD: ClassVar[str] = ""
    NOUN: ClassVar[str] = ""
    BINDINGS = [
        Binding("escape", "close", "Back", id="directory.close"),
        Binding("slash", "focus_filter", "Filter", id="directory.filter"),
        Binding("s", "cycle_sort", "Sort", id="directory.sort"),
        Binding("enter", "open_articles", "List articles", id="directory.open"),
        Binding("c", "copy_markdown", "Copy profile", id="directory.copy"),
        Binding("J", "copy_json", "Copy JSON", id="directory.copy_json"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table: PeopleTable | OrgTable | None = None
        self.sort = "articles"
        self.profile_row: int | None = None  # the row whose profile is shown
        self._profile_timer = None
        self.collector = KeysHold()
        self._rest_timer = None
        self._building = False  # a worker is building the table
        self._pacing = RebuildPacing()
        self._rebuild_timer = None  # the next build while loading, when it is due
        self._counts = ""  # the status line's first part (rows listed, sort), set by refilter
        self._loading_note = ""  # …and what it says of the table while articles are still loading

    def compose(self) -> ComposeResult:
        if self.is_current:  # (opening the screen is a key's repaint too; let go as keys rest, or on unmount)
            self.collector.hold()  # (not when the app builds it ahead, off screen)
        yield FilterInput(self._filter_typed, placeholder=f"/ filter {self.NOUN}: type a name, with or without diacritics",
                          id="directory-filter")
        yield Static(f" building the {self.NOUN} table…", id="directory-status", markup=False)
        with Horizontal(id="directory-panes"):
            yield DirectoryList(id="directory-list")
            with Vertical(id="directory-profile"):
                yield ProfileView(id="directory-profile-body")
        yield KeyBar()

    def on_mount(self) -> None:
        lists = self.query(DirectoryList)
        if not lists:
            # Built ahead while the app was closing: its children are gone already (seen once in CI, at the
            # end of a test); there is nothing to set up.
            return
        if self.is_current:
            self._key_came()
        lists.first().border_title = self.NOUN.capitalize()
        self.query_one("#directory-profile").border_title = "Profile"
        focus_now(self.query_one(DirectoryList))
        # (no table yet: the app may build this screen before it is shown; it asks when it is shown)

    def on_screen_resume(self) -> None:
        """Opened (again): opening is a key's repaint too; the table may be out of date."""
        self._key_came()
        self._catch_up()

    def on_screen_suspend(self) -> None:
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None
        self._stop_rebuild_timer()  # (opening it again catches up)
        self.collector.release()

    def _catch_up(self) -> None:
        """Show the table of everything loaded now: at once when it is built (listed before the first
        paint, no round trip through a worker thread), else once a worker has built it."""
        table = self.app.archive.directory_table_ready(self.KIND)
        if table is None:
            if not self._building:
                self._start_build()
        elif table is not self.table:
            self.show_table(table)
        self._note_loading(table)

    def articles_changed(self) -> None:
        """Articles were loaded (a batch, a restored index) or loading ended (called by the app while
        the screen is shown): the status says how far loading is, and the table is built again when it
        is due (one build at a time, paced while loading, at once when it ends)."""
        archive = self.app.archive
        table = archive.directory_table_ready(self.KIND)
        self._note_loading(table)
        if self._building or self.table is None:
            return  # (the build under way, or the first one, looks again when it is shown)
        if table is not None:
            if table is not self.table:
                self.show_table(table)
            return
        wait = self._pacing.wait(time.perf_counter(), archive.loading)
        if wait <= 0:
            self._stop_rebuild_timer()
            self._start_build()
        elif self._rebuild_timer is None:
            self._rebuild_timer = self.set_timer(wait, self._rebuild_due)

    def _rebuild_due(self) -> None:
        self._rebuild_timer = None
        if self.is_current:
            self.articles_changed()

    def _stop_rebuild_timer(self) -> None:
        if self._rebuild_timer is not None:
            self._rebuild_timer.stop()
            self._rebuild_timer = None

    def _start_build(self) -> None:
        self._building = True
        self.build_table()

    @work(thread=True, exclusive=True, group="directory")
    def build_table(self) -> None:
        started = time.perf_counter()
        table = self.app.directory_table(self.KIND)
        self.app.call_from_thread(self.show_table, table, (started, time.perf_counter()))
        self.app.archive.directory_keep(self.KIND)  # (after it is shown: saving takes a while)

    def show_table(self, table, built: tuple[float, float] | None = None) -> None:
        """Show ``table`` (``built``: from when to when a worker built it), the cursor kept on the person
        or body it was on and on the same line of the list."""
        self._building = False
        if built is not None:
            self._pacing.built(*built)
        if table is not self.table:
            with contextlib.suppress(NoMatches):  # the screen was closed while the table was built
                listing = self.query_one(DirectoryList)
                selected = self._selected_identity()
                line = listing.cursor - int(listing.scroll_y)
                old = [self.table]
                self.table = table
                self._let_go(old)
                self.workers.cancel_group(self, "profile")  # (one being made of the old table's row)
                self.profile_row = None  # (made again, of the new table)
                self.refilter()
                if selected is not None:
                    self._select(selected, line)
        for problem in self.app.archive.directory.problems:
            self.app.notify(problem, severity="warning")
        self.app.archive.directory.problems.clear()
        if built is not None and self.is_current:
            self.articles_changed()  # (articles loaded while it was built; loading may have ended)
        else:
            self._note_loading(table)

    def _let_go(self, held: list) -> None:
        """The table in ``held`` (its only reference once the screen lets go of it) is freed by a thread:
        its rows and filter are hundreds of thousands of objects at 100k articles, which freed on the UI
        thread cost the swap (a step between two keys) 40-50 ms."""
        if held[0] is not None:
            self.run_worker(held.clear, thread=True, group="let-go")

    def _note_loading(self, table) -> None:
        """What the status line says of the table while it is not of every article loaded: how far
        loading is (the loading bar's figures), or that it is being brought up to date."""
        archive = self.app.archive
        if archive.loading:
            loaded, expected = archive.loaded_articles, archive.expected_articles
            note = (f"loading: {loaded:,} of {expected:,} articles" if expected
                    else f"loading: {loaded:,} articles so far")
        elif table is None or table is not self.table:
            note = f"updating for {len(archive.index):,} articles…"
        else:
            note = ""
        if note != self._loading_note:
            self._loading_note = note
            self._paint_status()

    def on_unmount(self) -> None:
        self.collector.release()

    def _key_came(self) -> None:
        """A key changed the filter or moved the cursor: no collection until the keys rest."""
        self.collector.hold()
        if self._rest_timer is not None:
            self._rest_timer.stop()
        self._rest_timer = self.set_timer(KEYS_REST, self.collector.release)

    def _filter_typed(self, value: str) -> None:
        """The filter's text changed (called by the box itself, see FilterInput.watch_value)."""
        if self.table is None:
            return
        self._key_came()
        self.workers.cancel_group(self, "profile")  # (one being made stops before it is drawn)
        self.refilter()

    @on(Input.Submitted, "#directory-filter")
    def _filter_submitted(self) -> None:
        focus_now(self.query_one(DirectoryList))

    def refilter(self) -> None:
        if self.table is None:
            return
        query = self.query_one("#directory-filter", Input).value
        rows = self.table.filtered(query, self.sort)
        listing = self.query_one(DirectoryList)
        listing.set_rows(rows, self.row_label)
        listing.border_title = f"{self.NOUN.capitalize()} ({len(rows):,})"
        parts = [f"{len(rows):,} of {len(self.table):,} {self.NOUN}", f"sorted by {self.sort}"]
        if not rows:
            parts.append("nothing matches")
        self._counts = " · ".join(parts)
        self._paint_status()

    def _paint_status(self) -> None:
        if not self._counts:
            return  # (no table yet: the status says it is being built)
        note = f" · {self._loading_note}" if self._loading_note else ""
        # One line of fixed size: no layout pass (it would cost a frame per keystroke).
        self.query_one("#directory-status", Static).update(f" {self._counts}{note} · {KEYS_HINT}", layout=False)

    def row_label(self, row: int) -> tuple[str, str, str]:
        raise NotImplementedError

    def profile_renderable(self, row: int):
        raise NotImplementedError

    @on(DirectoryList.Highlighted)
    def _highlighted(self, event: DirectoryList.Highlighted) -> None:
        self._key_came()
        if self._profile_timer is not None:
            self._profile_timer.stop()
            self._profile_timer = None
        if event.row is None:
            self._show_profile(None, "")
        else:
            # Made once the cursor or the filter rests: typing or holding ↓ never waits for profiles
            # nobody will read (a big one takes a while and shares the interpreter with the UI).
            typing = isinstance(self.focused, FilterInput)
            self._profile_timer = self.set_timer(TYPING_PROFILE_DELAY if typing else PROFILE_DELAY,
                                                 lambda row=event.row: self._start_profile(row))

    def _start_profile(self, row: int) -> None:
        with contextlib.suppress(NoMatches):
            self.load_profile(row, self.query_one(ProfileView).geometry())

    @work(thread=True, exclusive=True, group="profile")
    def load_profile(self, row: int, geometry=None) -> None:
        """A profile gathers everything about its person or body (thousands of articles for a big
        federation): worked out off the UI thread, and drawn into lines there too, so moving through
        the list never waits for it."""
        renderable = self.profile_renderable(row)
        if get_current_worker().is_cancelled:
            return
        fitted = fit_strips(self.app.console, renderable, geometry) if geometry is not None else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_profile, row, renderable, fitted, geometry)

    def _show_profile(self, row: int | None, renderable, fitted=None, geometry=None) -> None:
        with contextlib.suppress(NoMatches):  # the screen was closed while the profile was made
            if row != self.query_one(DirectoryList).highlighted_row:
                return  # the cursor has moved on
            self.query_one(ProfileView).show(renderable, fitted, geometry)
            self.profile_row = row

    # --- actions ----------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss()

    def action_focus_filter(self) -> None:
        focus_now(self.query_one("#directory-filter", Input))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refilter()

    def _selected(self) -> int | None:
        return self.query_one(DirectoryList).highlighted_row if self.table is not None else None

    def _selected_identity(self) -> RowIdentity | None:
        row = self._selected()
        return self.table.identity(row) if row is not None else None

    def _select(self, identity: RowIdentity, line: int) -> None:
        """Keep the cursor on the same person or body, on the same line of the list, when the table is
        rebuilt (more articles): found by who they are (namesakes share a name), or by the name when
        the table has no row of theirs any more (their articles were retired)."""
        listing = self.query_one(DirectoryList)
        found = self.table.find(identity)
        index = None
        if found is not None:
            with contextlib.suppress(ValueError):  # (not listed: the filter leaves it out)
                index = listing.rows.index(found)
        if index is None:
            rows = self.table.rows
            index = next((i for i, row in enumerate(listing.rows) if rows[row].name == identity.name), None)
        if index is not None:
            listing.place_cursor(index, line)

    def action_open_articles(self) -> None:
        row = self._selected()
        if row is not None:
            self.app.show_in_list(self.FIELD, self.table.rows[row].name)

    def action_copy_markdown(self) -> None:
        row = self._selected()
        if row is None:
            self.app.notify("Nothing selected.", severity="warning")
            return
        profile = self.table.profile(row)
        markdown = render.person_markdown if self.KIND == "people" else render.org_markdown
        self.app.copy_everywhere(markdown(profile), f"the profile of {profile.name} as Markdown")

    def action_copy_json(self) -> None:
        row = self._selected()
        if row is None:
            self.app.notify("Nothing selected.", severity="warning")
            return
        profile = self.table.profile(row)
        as_json = render.person_json if self.KIND == "people" else render.org_json
        text = json.dumps(as_json(profile), ensure_ascii=False, indent=2)
        self.app.copy_everywhere(text, f"the profile of {profile.name} as JSON")


class PeopleScreen(DirectoryScreen):
    KIND = "people"
    FIELD = "person"
    NOUN = "people"

    def row_label(self, row: int) -> tuple[str, str, str]:
        r = self.table.rows[row]
        return r.name, r.role, str(r.articles)

    def profile_renderable(self, row: int):
        return person_renderable(self.table.profile(row))


class OrgsScreen(DirectoryScreen):
    KIND = "orgs"
    FIELD = "org"
    NOUN = "organisations"

    def row_label(self, row: int) -> tuple[str, str, str]:
        r = self.table.rows[row]
        return r.name, f"{len(r.held)} held" if r.held else "", str(r.articles)

    def profile_renderable(self, row: int):
        return org_renderable(self.table.profile(row))
