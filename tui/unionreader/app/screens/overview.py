"""The overview (`v`): the current search results as a picture — articles per month, the people,
organisations and places named most, money totals by label and year and by organiser."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from ...directory import Overview, build_overview
from ..widgets.charts import MonthChart, bar_table
from ..widgets.key_bar import KeyBar

WIDE = 110  # columns from which the top people, organisations and places stand side by side


def money(dong: int) -> str:
    """"1,42 tỷ đồng", "960 triệu đồng": the units the genre writes."""
    if dong >= 1_000_000_000:
        return f"{dong / 1e9:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",") + " tỷ đồng"
    if dong >= 1_000_000:
        return f"{dong / 1e6:,.1f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",") + " triệu đồng"
    return f"{dong:,}".replace(",", ".") + " đồng"


def money_table(title: str, totals, what: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    table.add_column("For")
    table.add_column(what, overflow="fold")
    table.add_column("Total", justify="right", no_wrap=True)
    table.add_column("Articles", justify="right")
    for t in totals:
        table.add_row(t.label, t.group, money(t.dong), str(t.articles))
    if not totals:
        table.add_row(Text("no amounts of money in these articles", style="dim"), "", "", "")
    return table


class OverviewScreen(Screen):
    CSS_PATH = "overview.tcss"
    BINDINGS = [Binding("escape", "close", "Back", id="overview.close")]

    def __init__(self, docs: Sequence[int], query: str) -> None:
        super().__init__()
        self.docs = docs
        self.query_text = query
        self.overview: Overview | None = None

    def compose(self) -> ComposeResult:
        what = f"“{self.query_text.strip()}”" if self.query_text.strip() else "all articles"
        yield Static(f" Overview of {len(self.docs):,} articles · {what} · working…", id="overview-status", markup=False)
        with VerticalScroll(id="overview-body"):
            yield Static("", id="overview-chart")
            with Horizontal(id="overview-tops"):
                yield Static("", id="overview-people")
                yield Static("", id="overview-orgs")
                yield Static("", id="overview-places")
            yield Static("", id="overview-money-year")
            yield Static("", id="overview-money-org")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        # Three tables side by side need the width; on a narrow terminal they go one under the other,
        # so the names are not cut to a few letters.
        self.query_one("#overview-tops").styles.layout = "horizontal" if event.size.width >= WIDE else "vertical"

    def on_mount(self) -> None:
        self.query_one("#overview-chart").border_title = "Articles per month"
        self.query_one("#overview-body").focus()
        self.build()

    @work(thread=True, exclusive=True, group="overview")
    def build(self) -> None:
        overview = build_overview(self.app.analyses_for(self.docs))
        self.app.call_from_thread(self.show, overview)

    def show(self, o: Overview) -> None:
        with contextlib.suppress(NoMatches):  # the screen was closed while the overview was made
            self._show(o)

    def _show(self, o: Overview) -> None:
        self.overview = o
        what = f"“{self.query_text.strip()}”" if self.query_text.strip() else "all articles"
        undated = f" ({o.undated:,} undated)" if o.undated else ""
        self.query_one("#overview-status", Static).update(f" Overview of {o.articles:,} articles{undated} · {what} · Esc back")
        self.query_one("#overview-chart", Static).update(MonthChart(o.months))
        self.query_one("#overview-people", Static).update(bar_table("Top people", o.people))
        self.query_one("#overview-orgs", Static).update(bar_table("Top organisations", o.organisations, style="magenta"))
        self.query_one("#overview-places", Static).update(bar_table("Top places", o.places, style="yellow"))
        self.query_one("#overview-money-year", Static).update(money_table("Money by year", o.money_by_year, "Year"))
        self.query_one("#overview-money-org", Static).update(money_table("Money by organiser", o.money_by_org, "Organiser"))

    def action_close(self) -> None:
        self.dismiss()
