"""The people (`p`), organisation (`o`) and overview (`v`) screens: opening them, the analyses they are
built from, and going back to the article list filtered by a person or an organisation."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import Input

from ..directory import build_orgs, build_people
from ..extract.models import Analysis
from .screens.directory import DirectoryScreen, OrgsScreen, PeopleScreen
from .screens.overview import OverviewScreen


class DirectoryActions:
    """Mixed into the app: needs ``main_screen``, ``index``, ``index_lock``, ``result``."""

    def analyses_for(self, docs: Iterable[int]) -> list[Analysis]:
        """The analyses of ``docs``: the one place the directory screens get articles from (today the
        search index holds them)."""
        with self.index_lock:
            return [self.index.analysis(doc) for doc in docs]

    def directory_table(self, kind: str):
        """The people or organisation table of everything loaded; built once per corpus size (runs in
        a screen's thread worker)."""
        tables = self.__dict__.setdefault("_directory_tables", {})
        count = len(self.index)
        cached = tables.get(kind)
        if cached is not None and cached[0] == count:
            return cached[1]
        analyses = self.analyses_for(range(count))
        table = build_people(analyses) if kind == "people" else build_orgs(analyses)
        table.prepare()
        tables[kind] = (count, table)
        return table

    def _open_screen(self, screen) -> None:
        if type(self.screen) is type(screen):
            return
        if isinstance(self.screen, DirectoryScreen | OverviewScreen):
            self.pop_screen()
        self.push_screen(screen)

    def action_people(self) -> None:
        self._open_screen(PeopleScreen())

    def action_orgs(self) -> None:
        self._open_screen(OrgsScreen())

    def action_overview(self) -> None:
        docs = list(self.result.docs) if self.result is not None else []
        query = self.result.query if self.result is not None else ""
        self._open_screen(OverviewScreen(docs, query))

    def show_in_list(self, field: str, name: str) -> None:
        """Back to the main screen with the list filtered by ``field:"name"``."""
        while self.screen is not self.main_screen:
            self.pop_screen()
        search = self.main_screen.query_one("#search", Input)
        search.value = f'{field}:"{name.replace(chr(34), "")}" '
        search.cursor_position = len(search.value)
