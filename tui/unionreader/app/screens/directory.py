"""The people (`p`) and organisation (`o`) screens: a list filtered by typing, the selected profile
beside it. The table is built in a thread worker from the analyses the app holds."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...directory import OrgTable, PeopleTable, render
from ...directory.people import SORTS
from ...gc_pacing import KeysHold
from ..widgets.directory_list import DirectoryList
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


class FilterInput(Input):
    # The text's width changes with every key: that is a repaint of the box, not a layout of the whole
    # screen (Input's own virtual size asks for one, a pass over both panes per keystroke).
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("escape", "leave", "Back to the list", show=False, priority=True, id="directory.filter.leave"),
        Binding("down", "to_list", show=False),
    ]

    def __init__(self, typed: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._typed = typed

    def watch_value(self, value: str) -> None:
        # The screen filters its list here, in the step that handled the key, so that the box and the
        # list are painted in one frame: the Changed message reaches the screen after the next frame has
        # painted the box alone, and the list waited for the frame after (up to 1/60 s more).
        self._typed(value)

    def action_leave(self) -> None:
        self.value = ""
        focus_now(self.screen.query_one(DirectoryList))

    def action_to_list(self) -> None:
        focus_now(self.screen.query_one(DirectoryList))


class DirectoryScreen(Screen):
    """Shared by people and organisations; subclasses say which table and how to draw a profile.

    The app keeps one of each for its life (``UnionReaderApp.SCREENS``): closing suspends it, opening
    it again only repaints it, with its filter, sort and selection as they were, and it asks for the
    table again then, in case more articles were loaded meanwhile."""

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
        if self.is_current:
            self._key_came()
        self.query_one(DirectoryList).border_title = self.NOUN.capitalize()
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
        self.collector.release()

    def _catch_up(self) -> None:
        """Show the table of everything loaded now: at once when it is built (listed before the first
        paint, no round trip through a worker thread), else once a worker has built it."""
        table = self.app.archive.directory_table_ready(self.KIND)
        if table is None:
            if not self._building:
                self._building = True
                self.build_table()
        elif table is not self.table:
            self.show_table(table)

    @work(thread=True, exclusive=True, group="directory")
    def build_table(self) -> None:
        table = self.app.directory_table(self.KIND)
        self.app.call_from_thread(self.show_table, table)
        self.app.archive.directory_keep(self.KIND)  # (after it is shown: saving takes a while)

    def show_table(self, table) -> None:
        self._building = False
        with contextlib.suppress(NoMatches):  # the screen was closed while the table was built
            selected = self._selected_name()
            self.table = table
            self.refilter()
            if selected is not None:
                self._select_name(selected)
        for problem in self.app.archive.directory.problems:
            self.app.notify(problem, severity="warning")
        self.app.archive.directory.problems.clear()

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
        parts.append("s sort · Enter lists their articles · c / J copy the profile · Esc back")
        # One line of fixed size: no layout pass (it would cost a frame per keystroke).
        self.query_one("#directory-status", Static).update(" " + " · ".join(parts), layout=False)

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

    def _selected_name(self) -> str | None:
        row = self._selected()
        return self.table.rows[row].name if row is not None else None

    def _select_name(self, name: str) -> None:
        """Keep the cursor on the same person or body when the table is rebuilt (more articles)."""
        listing = self.query_one(DirectoryList)
        rows = self.table.rows
        for index, row in enumerate(listing.rows):
            if rows[row].name == name:
                listing.cursor = index
                return

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
