"""People and organisation profiles as Markdown, JSON-ready dicts and CSV rows (the app's copy keys and
the ``people`` / ``orgs`` commands share them)."""

from __future__ import annotations

from typing import Any

from .orgs import OrgProfile
from .people import PersonProfile, RoleSpan

PEOPLE_SCHEMA = "unionreader/people-v1"
ORGS_SCHEMA = "unionreader/orgs-v1"
PEOPLE_CSV_HEADER = ("name", "articles", "first", "last", "roles", "actions", "organisations")
ORGS_CSV_HEADER = ("name", "articles", "first", "last", "events", "people", "figures", "spellings")


def span(first: str | None, last: str | None) -> str:
    if not first:
        return "date unknown"
    return first if first == last or not last else f"{first} – {last}"


def role_text(role: RoleSpan) -> str:
    return f"{role.title}, {role.body}" if role.body else role.title


def _counted(pairs) -> str:
    return ", ".join(f"{name} ({n})" for name, n in pairs)


def person_markdown(p: PersonProfile) -> str:
    lines = [f"### {p.name}", "", f"{len(p.articles)} article(s) · {span(p.first, p.last)}", ""]
    if p.roles:
        lines.append("**Vai trò (Roles)**")
        lines += [f"- {role_text(r)} ({span(r.first, r.last)}; {len(r.docs)} article(s))" for r in p.roles]
        lines.append("")
    if p.actions:
        lines += [f"**Hoạt động (Actions)**: {_counted(p.actions)}", ""]
    if p.organisations:
        lines += [f"**Đơn vị (Organisations)**: {_counted(p.organisations)}", ""]
    lines.append("**Bài viết (Articles)**")
    lines += [f"- {a.date or '—'} · {a.title}" for a in p.articles]
    return "\n".join(lines) + "\n"


def person_json(p: PersonProfile) -> dict[str, Any]:
    return {
        "name": p.name,
        "articles": len(p.articles),
        "first": p.first,
        "last": p.last,
        "roles": [{"title": r.title, "body": r.body, "first": r.first, "last": r.last, "articles": len(r.docs)}
                  for r in p.roles],
        "actions": dict(p.actions),
        "organisations": [{"name": name, "articles": n} for name, n in p.organisations],
        "article_list": [{"id": a.id, "title": a.title, "date": a.date} for a in p.articles],
    }


def person_row(p: PersonProfile) -> list[str]:
    roles = "; ".join(f"{role_text(r)} ({span(r.first, r.last)})" for r in p.roles)
    return [p.name, str(len(p.articles)), p.first or "", p.last or "", roles, _counted(p.actions), _counted(p.organisations)]


def org_markdown(o: OrgProfile) -> str:
    lines = [f"### {o.name}", "", f"{len(o.articles)} article(s) · {span(o.first, o.last)}", ""]
    if o.aliases:
        lines += ["Also written: " + "; ".join(o.aliases), ""]
    if o.events:
        lines.append("**Sự kiện (Events held)**")
        lines += [f"- {e.date or '—'} · {e.event or e.title}" for e in o.events]
        lines.append("")
    if o.people:
        lines.append("**Thành phần (People in roles)**")
        lines += [f"- {m.name}, {m.title} ({span(m.first, m.last)})" for m in o.people]
        lines.append("")
    if o.figures:
        lines.append("**Số liệu (Figures)**")
        lines += [f"- {f.date or '—'} · {f.label}: {f.display}" for f in o.figures]
        lines.append("")
    lines.append("**Bài viết (Articles)**")
    lines += [f"- {a.date or '—'} · {a.title}" for a in o.articles]
    return "\n".join(lines) + "\n"


def org_json(o: OrgProfile) -> dict[str, Any]:
    return {
        "name": o.name,
        "spellings": list(o.aliases),
        "articles": len(o.articles),
        "first": o.first,
        "last": o.last,
        "events": [{"date": e.date, "event": e.event, "title": e.title} for e in o.events],
        "people": [{"name": m.name, "title": m.title, "first": m.first, "last": m.last, "articles": m.articles}
                   for m in o.people],
        "figures": [{"date": f.date, "kind": f.kind, "label": f.label, "display": f.display, "number": f.number,
                     "type": f.type} for f in o.figures],
        "article_list": [{"id": a.id, "title": a.title, "date": a.date} for a in o.articles],
    }


def org_row(o: OrgProfile) -> list[str]:
    events = "; ".join(f"{e.date or '—'} {e.event or e.title}" for e in o.events)
    people = "; ".join(f"{m.name}, {m.title}" for m in o.people)
    figures = "; ".join(f"{f.date or '—'} {f.label}: {f.display}" for f in o.figures)
    return [o.name, str(len(o.articles)), o.first or "", o.last or "", events, people, figures, "; ".join(o.aliases)]
