"""A picture of a set of articles (the current search results): articles per month, the people,
organisations and places named most, and money totals by label and year and by organiser."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.models import Analysis
from ..text import fold
from .keys import diacritic_weight, display_form, org_key, person_key
from .people import analysis_date


@dataclass(frozen=True, slots=True)
class MoneyTotal:
    label: str  # what the money was for ("Hỗ trợ Tết")
    group: str  # a year ("2024") or an organisation
    dong: int
    articles: int


@dataclass(frozen=True, slots=True)
class Overview:
    articles: int
    undated: int
    months: tuple[tuple[str, int], ...]  # ("2024-01", articles), every month from first to last
    people: tuple[tuple[str, int], ...]  # (name, articles), most first
    organisations: tuple[tuple[str, int], ...]
    places: tuple[tuple[str, int], ...]
    money_by_year: tuple[MoneyTotal, ...]
    money_by_org: tuple[MoneyTotal, ...]


class _Tally:
    """Articles per key, with the fullest spelling of each key for display."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.names: dict[str, str] = {}

    def add(self, key: str, name: str) -> None:
        self.counts[key] += 1
        shown = self.names.get(key)
        if shown is None or diacritic_weight(name) > diacritic_weight(shown):
            self.names[key] = name

    def top(self, limit: int) -> tuple[tuple[str, int], ...]:
        ranked = sorted(self.counts.items(), key=lambda kc: (-kc[1], kc[0]))[:limit]
        return tuple((display_form(self.names[k]), n) for k, n in ranked)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def build_overview(analyses: Iterable[Analysis], top: int = 10) -> Overview:
    months: Counter[str] = Counter()
    people, orgs, places = _Tally(), _Tally(), _Tally()
    by_year: dict[tuple[str, str], list[int]] = {}
    by_org: dict[tuple[str, str], list[int]] = {}
    org_names: dict[str, str] = {}
    total = undated = 0
    for analysis in analyses:
        total += 1
        date = analysis_date(analysis)
        if date and len(date) >= 7 and date[4] == "-":
            months[date[:7]] += 1
        else:
            undated += 1
        seen_people: set[str] = set()
        money: dict[str, int] = {}
        for f in analysis.facts:
            if f.kind == "people" and isinstance(f.value, dict):
                name = str(f.value.get("name") or f.label)
                k = person_key(name)
                if k and k not in seen_people:
                    seen_people.add(k)
                    people.add(k, name)
            elif f.kind == "figures" and isinstance(f.value, dict) and f.value.get("type") == "money":
                number = f.value.get("number")
                if isinstance(number, int | float) and not isinstance(number, bool):
                    money[f.label] = money.get(f.label, 0) + int(number)
        seen: set[tuple[str, str]] = set()
        for e in analysis.entities:
            if e.type == "organization" or e.type == "location":
                name = e.value if isinstance(e.value, str) and e.value else e.text
                k = org_key(name) if e.type == "organization" else fold(name)
                if (e.type, k) not in seen:
                    seen.add((e.type, k))
                    (orgs if e.type == "organization" else places).add(k, name)
        if money:
            year = date[:4] if date else "?"
            organiser = analysis.organiser or ""
            okey = org_key(organiser) if organiser else ""
            if organiser and len(organiser) > len(org_names.get(okey, "")):
                org_names[okey] = organiser  # the written-out spelling when both are seen
            for label, dong in money.items():
                by_year.setdefault((label, year), [0, 0])
                by_year[(label, year)][0] += dong
                by_year[(label, year)][1] += 1
                by_org.setdefault((label, okey), [0, 0])
                by_org[(label, okey)][0] += dong
                by_org[(label, okey)][1] += 1
    dated = sorted(months)
    month_rows = tuple((m, months.get(m, 0)) for m in _month_range(dated[0], dated[-1])) if dated else ()
    year_totals = tuple(sorted((MoneyTotal(label, year, d, n) for (label, year), (d, n) in by_year.items()),
                               key=lambda t: (t.label, t.group)))
    org_totals = tuple(sorted((MoneyTotal(label, display_form(org_names.get(k, "")) or "(no organiser)", d, n)
                               for (label, k), (d, n) in by_org.items()), key=lambda t: (t.label, -t.dong, t.group)))
    return Overview(total, undated, month_rows, people.top(top), orgs.top(top), places.top(top), year_totals, org_totals)
