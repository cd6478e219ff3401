"""Person and organisation profiles drawn as Rich text for the directory screens' right pane."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...directory.orgs import OrgProfile
from ...directory.people import PersonProfile
from ...directory.render import span

ARTICLES_SHOWN = 30


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def _counts(pairs, limit: int = 12) -> Text:
    out = Text()
    for i, (name, n) in enumerate(pairs[:limit]):
        if i:
            out.append(" · ")
        out.append(name)
        out.append(f" ({n})", style="dim")
    if len(pairs) > limit:
        out.append(f" · … {len(pairs) - limit} more", style="dim")
    return out


def _dated_grid(*extra_styles: str) -> Table:
    """A borderless table whose first column is a dim date or span, then text (and ``extra_styles`` columns)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    for style in extra_styles:
        table.add_column(style=style)
    return table


def _articles(refs) -> Table:
    table = _dated_grid()
    for a in refs[:ARTICLES_SHOWN]:
        table.add_row(a.date or "—", a.title)
    if len(refs) > ARTICLES_SHOWN:
        table.add_row("", Text(f"… {len(refs) - ARTICLES_SHOWN} more (Enter lists them all)", style="dim"))
    return table


def person_renderable(p: PersonProfile) -> Group:
    parts: list = [Text(p.name, style="bold"), Text(f"{len(p.articles)} article(s) · {span(p.first, p.last)}", style="dim")]
    if p.roles:
        parts.append(_heading("Roles over time"))
        roles = _dated_grid()
        for r in p.roles:
            line = Text(r.title, style="bold")
            if r.body:
                line.append(", " + r.body)
            line.append(f"  ({len(r.docs)})", style="dim")
            roles.add_row(span(r.first, r.last), line)
        parts.append(roles)
    if p.actions:
        parts += [_heading("Actions"), _counts(p.actions)]
    if p.organisations:
        parts += [_heading("Appears with"), _counts(p.organisations)]
    parts += [_heading("Articles"), _articles(p.articles)]
    return Group(*parts)


def org_renderable(o: OrgProfile) -> Group:
    parts: list = [Text(o.name, style="bold"), Text(f"{len(o.articles)} article(s) · {span(o.first, o.last)}", style="dim")]
    if o.aliases:
        parts.append(Text("Also written: " + "; ".join(o.aliases), style="italic"))
    if o.events:
        parts.append(_heading(f"Events held ({len(o.events)})"))
        events = _dated_grid()
        for e in o.events[:ARTICLES_SHOWN]:
            events.add_row(e.date or "—", e.event or e.title)
        parts.append(events)
    if o.people:
        parts.append(_heading("People in roles there"))
        people = _dated_grid()
        for m in o.people[:ARTICLES_SHOWN]:
            people.add_row(span(m.first, m.last), Text(m.name, style="bold").append(", " + m.title, style=""))
        parts.append(people)
    if o.figures:
        parts.append(_heading("Figures over time"))
        figures = _dated_grid("bold")
        for f in o.figures[: ARTICLES_SHOWN * 2]:
            figures.add_row(f.date or "—", f.label, f.display if f.display != f.label else "")
        parts.append(figures)
    parts += [_heading("Articles"), _articles(o.articles)]
    return Group(*parts)
