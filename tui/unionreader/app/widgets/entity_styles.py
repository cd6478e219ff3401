"""How entity types are grouped for display (colours, legend, the `e` cycle) and described in words."""

from __future__ import annotations

from ...extract.models import Entity

# Display groups: what the legend shows and `e` cycles through, and the entity types in each.
ENTITY_GROUPS: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "organization": ("organization",),
    "location": ("location",),
    "role": ("role",),
    "figure": ("count", "money", "percent", "ratio"),
    "date": ("date",),
    "document": ("document",),
    "abbreviation": ("abbreviation",),
}
GROUP_LABELS = {
    "person": "person",
    "organization": "org",
    "location": "place",
    "role": "role",
    "figure": "figure",
    "date": "date",
    "document": "doc",
    "abbreviation": "abbr",
}
GROUP_OF_TYPE = {etype: group for group, types in ENTITY_GROUPS.items() for etype in types}
HIGHLIGHT_MODES: tuple[str, ...] = ("all", *ENTITY_GROUPS, "none")


def entity_description(entity: Entity) -> str:
    """One line about an entity: its type, and for an abbreviation what it stands for."""
    group = GROUP_OF_TYPE.get(entity.type, entity.type)
    expansion = abbreviation_expansion(entity)
    if expansion:
        return f"{entity.text} = {expansion}"
    value = entity.value
    if isinstance(value, dict):
        value = value.get("text") or value.get("iso") or value.get("value") or ""
    shown = f" → {value}" if value not in (None, "", entity.text) else ""
    return f"{GROUP_LABELS.get(group, group)}: {entity.text}{shown}"


def abbreviation_expansion(entity: Entity) -> str | None:
    if entity.type != "abbreviation":
        return None
    for candidate in (entity.meta.get("expansion"), entity.value):
        if isinstance(candidate, dict):
            candidate = candidate.get("expansion") or candidate.get("text")
        if isinstance(candidate, str) and candidate and candidate != entity.text:
            return candidate
    return None
