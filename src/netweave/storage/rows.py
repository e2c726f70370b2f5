"""Moving records between domain models and table rows, for every simple table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from sqlalchemy import Connection, Row, Table, delete, insert, select, update

from netweave.domain.base import READ_BACK, storable_id, with_id
from netweave.domain.categories import category_key
from netweave.domain.packed import Packed, field_value, packed_fields

M = TypeVar("M", bound=BaseModel)


def _stored_key(category: str | None) -> str | None:
    return category_key(category) or None


DERIVED: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "category_key": ("category", _stored_key),
}
"""Columns no field holds, filled from a field on every write: the column, the field it
comes from, and how (a category's key, so that SQL compares categories as Python does)."""


@lru_cache(maxsize=256)
def _column_fields(
    model: type[BaseModel], table: Table, skip: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The fields of ``model`` that are columns of ``table``, those of them that may hold
    an enum, and the derived columns (column, field) the table has (asked once per pair,
    not per row)."""
    skipped = {"id", "workspace_id", *skip}
    names = tuple(name for name in model.model_fields if name not in skipped and name in table.c)
    enums = tuple(
        name
        for name in names
        if _may_be_enum(model.model_fields[name].annotation) or _is_model(model, name)
    )
    derived = tuple(
        (column, source)
        for column, (source, _) in DERIVED.items()
        if column in table.c and source in names and column not in skipped
    )
    return names, enums, derived


def _is_model(model: type[BaseModel], name: str) -> bool:
    """Whether a field holds a model of its own (a postal address), kept as a JSON object."""
    annotation = model.model_fields[name].annotation
    return any(
        isinstance(a, type) and issubclass(a, BaseModel)
        for a in (annotation, *get_args(annotation))
    )


def _column_value(value: Any) -> Any:
    """An enum as its value, a model (a postal address) as a JSON object without empty parts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def _may_be_enum(annotation: Any) -> bool:
    """Whether a field of this type may hold an Enum itself (when unsure: yes).

    A list or dict of enums is not one: :func:`values` converts only the field's own value.
    """
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return _may_be_enum(arguments[0])
    if origin in (Union, UnionType):
        return any(_may_be_enum(a) for a in arguments)
    if origin is Literal:
        return any(isinstance(a, Enum) for a in arguments)
    if origin is not None:
        return not (isinstance(origin, type) and issubclass(origin, _CONTAINERS))
    if isinstance(annotation, type):
        return issubclass(annotation, Enum) or annotation is object
    return True  # Any, a type variable, a forward reference: cannot tell


_CONTAINERS = (list, tuple, set, frozenset, dict)


def values(record: BaseModel, table: Table, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The record's fields that are columns of ``table``, enums as their values, models
    (a postal address) as JSON objects."""
    fields = record.__dict__  # a model's field values (faster than getattr per field)
    names, enums, derived = _column_fields(
        type(record), table, skip if type(skip) is tuple else tuple(skip)
    )
    out = {name: fields[name] for name in names}
    for name in enums:
        out[name] = _column_value(out[name])
    for column, source in derived:
        out[column] = DERIVED[column][1](fields[source])
    return out


def column_names(
    model: type[BaseModel], table: Table, skip: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The columns :func:`row_values` gives values of, in its order."""
    names, _, derived = _column_fields(model, table, skip)
    return (*names, *(column for column, _ in derived))


def row_values(record: BaseModel, table: Table, skip: tuple[str, ...] = ()) -> list[Any]:
    """:func:`values` as a list in :func:`column_names` order (no dict per record)."""
    return field_row_values(type(record), record.__dict__, table, skip)


def field_row_values(
    model: type[BaseModel], fields: dict[str, Any], table: Table, skip: tuple[str, ...] = ()
) -> list[Any]:
    """:func:`row_values` of a ``model`` record whose every field's value is in ``fields``
    (:func:`netweave.domain.packed.packed_fields`), without the record."""
    names, enums, derived = _column_fields(model, table, skip)
    out = [fields[name] for name in names]
    for name in enums:
        out[names.index(name)] = _column_value(fields[name])
    out.extend(DERIVED[column][1](fields[source]) for column, source in derived)
    return out


def packed_row_values(
    model: type[BaseModel], record: Packed, table: Table, skip: tuple[str, ...] = ()
) -> list[Any]:
    """:func:`field_row_values` of a ``model`` record kept packed
    (:mod:`netweave.domain.packed`): the row of the model's defaults, with the values the
    record keeps in their columns (and what :func:`values` makes of them), without a
    dictionary of every field."""
    names, values = record[0], record[1]
    template, where, derived = _packed_plan(model, table, skip, names)
    row = template.copy()
    # One place for each value kept (the plan is of the same names); zip with no keyword,
    # which would cost it half a microsecond a row (:func:`netweave.domain.packed.held_values`).
    for (position, convert), value in zip(where, values):  # noqa: B905
        if position >= 0:
            row[position] = _column_value(field_value(value)) if convert else value
    for position, make, source in derived:
        row[position] = make(values[source])
    return row


@lru_cache(maxsize=1_024)
def _packed_plan(
    model: type[BaseModel], table: Table, skip: tuple[str, ...], held: tuple[str, ...]
) -> tuple[
    list[Any], tuple[tuple[int, bool], ...], tuple[tuple[int, Callable[[Any], Any], int], ...]
]:
    """For the records that keep the fields ``held``: the row of the defaults, each held
    field's column (-1: none) and whether :func:`_column_value` converts it, and the derived
    columns made from a held field (column, how, the field's place in ``held``)."""
    names, enums, derived = _column_fields(model, table, skip)
    template = field_row_values(model, packed_fields(model, ((), (), set())), table, skip)
    where = tuple((names.index(name) if name in names else -1, name in enums) for name in held)
    made = tuple(
        (len(names) + number, DERIVED[column][1], held.index(source))
        for number, (column, source) in enumerate(derived)
        if source in held
    )
    return template, where, made


def to_record(model: type[M], row: Row[Any], **extra: Any) -> M:
    """A domain record from a row (trusted data: validated when it was written; the rules
    on what may be written are not applied again, see :data:`READ_BACK`)."""
    data = {key: value for key, value in row._mapping.items() if key in model.model_fields}
    data.update(extra)
    return model.model_validate(data, context=READ_BACK)


def insert_row(
    conn: Connection, table: Table, workspace_id: int, record: BaseModel, **more: Any
) -> int:
    row = {**values(record, table), **more, "workspace_id": workspace_id}
    result = conn.execute(insert(table).values(row).returning(table.c.id))
    return int(result.scalar_one())


def update_row(
    conn: Connection,
    table: Table,
    workspace_id: int,
    row_id: int,
    record: BaseModel,
    *,
    skip: Iterable[str] = (),
    **more: Any,
) -> bool:
    row = {**values(record, table, skip=skip), **more}
    result = conn.execute(
        update(table).where(table.c.id == row_id, table.c.workspace_id == workspace_id).values(row)
    )
    return result.rowcount > 0


def delete_row(conn: Connection, table: Table, workspace_id: int, row_id: int) -> bool:
    result = conn.execute(
        delete(table).where(table.c.id == row_id, table.c.workspace_id == workspace_id)
    )
    return result.rowcount > 0


def fetch_row(conn: Connection, table: Table, workspace_id: int, row_id: int) -> Row[Any] | None:
    if not storable_id(row_id):
        return None
    return conn.execute(
        select(table).where(table.c.id == row_id, table.c.workspace_id == workspace_id)
    ).first()


def fetch_rows(
    conn: Connection, table: Table, workspace_id: int, ids: Sequence[int] | None = None
) -> Sequence[Row[Any]]:
    query = select(table).where(table.c.workspace_id == workspace_id)
    if ids is not None:
        query = query.where(table.c.id.in_(ids))
    return conn.execute(query.order_by(table.c.id)).all()


__all__ = [
    "column_names",
    "delete_row",
    "fetch_row",
    "fetch_rows",
    "field_row_values",
    "insert_row",
    "packed_row_values",
    "row_values",
    "to_record",
    "update_row",
    "values",
    "with_id",  # from netweave.domain.base, for the stores that insert drafts
]
