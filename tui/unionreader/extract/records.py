"""``Fact(...)`` and ``Entity(...)`` for the extractors' inner loops, at half the cost.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which looks the field up
on the class every time: making the record costs twenty times a tuple, and an article makes dozens of
facts and figures. These set the slots through their descriptors, found once. The records are the same
objects (same class, fields, equality, pickling); tests/test_facts_speed_equivalence.py checks that every
field is set as the constructor sets it.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .models import Entity, Fact

__all__ = ["new_entity", "new_fact"]

_new_fact = Fact.__new__
(_kind, _label, _value, _text, _start, _end, _entities) = (getattr(Fact, f.name).__set__ for f in fields(Fact))
_new_entity = Entity.__new__
(_e_type, _e_text, _e_start, _e_end, _e_value, _e_meta) = (getattr(Entity, f.name).__set__ for f in fields(Entity))


def new_fact(kind: str, label: str, value: Any, text: str, start: int, end: int, entities: tuple[int, ...] = ()) -> Fact:
    """``Fact(kind, label, value, text, start, end, entities)``."""
    fact = _new_fact(Fact)
    _kind(fact, kind)
    _label(fact, label)
    _value(fact, value)
    _text(fact, text)
    _start(fact, start)
    _end(fact, end)
    _entities(fact, entities)
    return fact


_NO_META: Any = object()


def new_entity(kind: str, text: str, start: int, end: int, value: Any, meta: Any = _NO_META) -> Entity:
    """``Entity(kind, text, start, end, value, meta)``; without ``meta``, a new empty dict as the field's
    default gives."""
    entity = _new_entity(Entity)
    _e_type(entity, kind)
    _e_text(entity, text)
    _e_start(entity, start)
    _e_end(entity, end)
    _e_value(entity, value)
    _e_meta(entity, {} if meta is _NO_META else meta)
    return entity
