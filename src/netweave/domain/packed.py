"""A validated record kept small while it waits: the values that differ from its defaults.

A pydantic record holds every field in its own dictionary (a PersonDraft of a
LinkedIn row: about 1.2 KB, most of it for empty fields). An import keeps one
waiting record per new person between matching a file and writing it
(:mod:`netweave.services.imports.people`); :func:`packed` keeps the values that
are not the model's defaults in a tuple, with the field names shared by every
record that sets the same fields, and :func:`unpacked` gives the same record
back without validating it again (:func:`netweave.domain.base.trusted`).

A record inside the record (a person's postal address) is packed the same way: as a
record of its own it held a dictionary and a set of field names, about 1 KB of a vCard's
1.3 KB waiting (10 MB of a 10,000-card import's peak, issue 16).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from netweave.domain.base import trusted

R = TypeVar("R", bound=BaseModel)

Packed = tuple[tuple[str, ...], tuple[Any, ...], set[str]]
"""(names of the fields that differ from the defaults, their values, the fields set)."""

_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


@cache
def _defaults(model: type[BaseModel]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The model's default values by field, and the fields whose default is a new list,
    dict or set for each record."""
    values = {
        name: field.get_default(call_default_factory=True)
        for name, field in model.__pydantic_fields__.items()
    }
    mutable = tuple(n for n, v in values.items() if isinstance(v, list | dict | set))
    return values, mutable


class _Inner(tuple[Any, ...]):
    """A record inside a packed record: ``(model, names, values, fields set)``, packed."""

    __slots__ = ()


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


_ORDER: dict[tuple[type[BaseModel], frozenset[str]], tuple[tuple[str, Any], ...]] = {}


def packed(record: BaseModel) -> Packed:
    """``record`` as the values it sets apart from its model's defaults (see the module doc).

    Only the fields set are looked at: a field not set holds its default (as in a record
    validated, or built by :func:`netweave.domain.base.trusted` from the fields set)."""
    return packed_values(type(record), record.__dict__, record.__pydantic_fields_set__)


def packed_values(model: type[BaseModel], held: dict[str, Any], fields_set: set[str]) -> Packed:
    """:func:`packed` of the ``model`` record whose fields set are ``fields_set`` and whose
    values are ``held`` (each field set's; the others hold their defaults), without the
    record (:func:`netweave.domain.checked.checked_values` gives such values)."""
    key = (model, frozenset(fields_set))
    order = _ORDER.get(key)
    if order is None:  # the fields set and their defaults, in the model's order, once per set
        defaults = _defaults(model)[0]
        order = _ORDER.setdefault(key, tuple((n, defaults[n]) for n in defaults if n in fields_set))
    names: list[str] = []
    values: list[Any] = []
    for name, default in order:
        value = held[name]
        if value is default or (type(value) is type(default) and value == default):
            continue
        names.append(name)
        # A record inside (an address): its own values, packed. The common types at once
        # (isinstance of a pydantic model asks its metaclass).
        if type(value) not in _PLAIN and isinstance(value, BaseModel):
            value = _Inner((type(value), *_inner(value)))
        values.append(value)
    held_names = tuple(names)
    return _NAMES.setdefault(held_names, held_names), tuple(values), fields_set


_PLAIN = frozenset((str, list, int, bool, float, date, datetime, type(None)))


def _inner(record: BaseModel) -> Packed:
    """A record inside a record, packed, its set of field names shared with the records'
    that set the same fields (nothing changes such a set in place: see
    :func:`netweave.domain.base.with_shared_fields_set`)."""
    names, values, fields_set = packed(record)
    return names, values, _FIELDS_SETS.setdefault(frozenset(fields_set), fields_set)


def packed_fields(model: type[BaseModel], record: Packed, *, inner: bool = True) -> dict[str, Any]:
    """The values of every field of the record :func:`packed` kept, without making the record
    (a record to write as a row needs no model: :func:`unpacked` costs five times as much).
    Fields the record does not set hold their defaults themselves, a list default too: the
    values are to be read, not changed. ``inner=False`` leaves a record inside (an address)
    packed, an opaque value that is not None: for a caller that asks which fields are set."""
    names, values, _ = record
    full = _defaults(model)[0].copy()
    for name, value in zip(names, values, strict=True):
        full[name] = unpacked(value[0], value[1:]) if inner and type(value) is _Inner else value
    return full


def field_value(value: Any) -> Any:
    """A value :func:`packed` kept as the field holds it: a record inside (an address)
    unpacked, any other as it is."""
    return unpacked(value[0], value[1:]) if type(value) is _Inner else value


def held_values(record: Packed) -> dict[str, Any]:
    """The values :func:`packed` kept by field name, a record inside (an address) left
    packed: the fields left out hold their defaults. Cheaper than :func:`packed_fields`
    for a caller that reads only fields whose default is empty."""
    # As many values as names (packed made them together); zip given no keyword, which
    # would cost it half a microsecond a call, more than the rest of it.
    return dict(zip(record[0], record[1]))  # noqa: B905


def unpacked(model: type[R], record: Packed) -> R:
    """The record :func:`packed` kept: equal to it, its values shared, not validated again."""
    names, values, fields_set = record
    defaults, mutable = _defaults(model)
    full = defaults.copy()
    for name in mutable:
        full[name] = full[name].copy()
    for name, value in zip(names, values, strict=True):
        full[name] = unpacked(value[0], value[1:]) if type(value) is _Inner else value
    return trusted(model, full, fields_set, every_field=True)  # the defaults name them all


__all__ = [
    "Packed",
    "field_value",
    "held_values",
    "packed",
    "packed_fields",
    "packed_values",
    "unpacked",
]
