"""A validated record kept small while it waits: the values that differ from its defaults.

A pydantic record holds every field in its own dictionary (a PersonDraft of a
LinkedIn row: about 1.2 KB, most of it for empty fields). An import keeps one
waiting record per new person between matching a file and writing it
(:mod:`netweave.services.imports.people`); :func:`packed` keeps the values that
are not the model's defaults in a tuple, with the field names shared by every
record that sets the same fields, and :func:`unpacked` gives the same record
back without validating it again (:func:`netweave.domain.base.trusted`).
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from netweave.domain.base import trusted

R = TypeVar("R", bound=BaseModel)

Packed = tuple[tuple[str, ...], tuple[Any, ...], set[str]]
"""(names of the fields that differ from the defaults, their values, the fields set)."""

_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


@cache
def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (name, field.get_default(call_default_factory=True))
        for name, field in model.__pydantic_fields__.items()
    )


def _fresh(value: Any) -> Any:
    """A default as a new record gets it: a list, dict or set of its own."""
    return value.copy() if isinstance(value, list | dict | set) else value


def packed(record: BaseModel) -> Packed:
    """``record`` as the values it sets apart from its model's defaults (see the module doc)."""
    held = record.__dict__
    names: list[str] = []
    values: list[Any] = []
    for name, default in _defaults(type(record)):
        value = held[name]
        if value is default or (type(value) is type(default) and value == default):
            continue
        names.append(name)
        values.append(value)
    key = tuple(names)
    shared = _NAMES.setdefault(key, key)
    return shared, tuple(values), record.__pydantic_fields_set__


def unpacked(model: type[R], record: Packed) -> R:
    """The record :func:`packed` kept: equal to it, its values shared, not validated again."""
    names, values, fields_set = record
    full = {name: _fresh(default) for name, default in _defaults(model)}
    full.update(zip(names, values, strict=True))
    return trusted(model, full, fields_set)


__all__ = ["Packed", "packed", "unpacked"]
