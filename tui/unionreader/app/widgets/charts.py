"""Charts drawn with block characters as Rich renderables (no plotting dependency: a column chart of
articles per month and proportional bars next to counts are all the overview needs)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"


class MonthChart:
    """Articles per month as columns ``height`` rows high; months are merged into wider buckets when
    there are more of them than columns. Year labels under the first month of each year."""

    def __init__(self, months: Sequence[tuple[str, int]], height: int = 8, style: str = "cyan") -> None:
        self.months = list(months)
        self.height = height
        self.style = Style.parse(style)

    def _buckets(self, width: int) -> list[tuple[str, int]]:
        months = self.months
        per = max(1, -(-len(months) // max(1, width)))
        return [(months[i][0], sum(n for _, n in months[i : i + per])) for i in range(0, len(months), per)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - 7)
        if not self.months:
            yield Text("No dated articles.", style="dim")
            return
        buckets = self._buckets(width // 2 if len(self.months) * 2 <= width else width)
        column = max(1, min(4, width // len(buckets)))
        peak = max(n for _, n in buckets) or 1
        levels = [round(n / peak * self.height * 8) for _, n in buckets]
        for row in range(self.height, 0, -1):
            axis = f"{peak:>5} ┤" if row == self.height else "      │"
            yield Segment(axis, Style(dim=True))
            for level in levels:
                fill = min(8, max(0, level - (row - 1) * 8))
                yield Segment((EIGHTHS[fill] * (column - 1) + " ") if column > 1 else EIGHTHS[fill], self.style)
            yield Segment.line()
        yield Segment("    0 └" + "─" * (len(buckets) * column), Style(dim=True))
        yield Segment.line()
        labels = [" "] * (len(buckets) * column)
        last_year = ""
        for i, (month, _) in enumerate(buckets):
            year = month[:4]
            if year != last_year and i * column + 4 <= len(labels):
                if all(c == " " for c in labels[max(0, i * column - 1) : i * column + 4]):
                    labels[i * column : i * column + 4] = list(year)
                last_year = year
        yield Segment("       " + "".join(labels), Style(dim=True))
        yield Segment.line()


def bar_table(title: str, rows: Sequence[tuple[str, int]], bar_width: int = 12, style: str = "green") -> Table:
    """Name, count and a bar proportional to the count (the largest fills ``bar_width`` cells)."""
    table = Table(title=title, title_justify="left", title_style="bold", box=None, pad_edge=False,
                  show_header=False, expand=True)
    table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, width=bar_width)
    peak = max((n for _, n in rows), default=0) or 1
    for name, n in rows:
        eighths = round(n / peak * bar_width * 8)
        bar = "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")
        table.add_row(name, str(n), Text(bar, style=style))
    if not rows:
        table.add_row(Text("none", style="dim"), "", "")
    return table
