"""The merge history as an export sees it: every merge row, and the rows its snapshot names.

A merge's snapshot (:mod:`netweave.storage.merges`) holds whole rows of the tables
that point at people, with their database ids. An export names those rows without
ids: by their place in a *canonical order* of their table within the workspace, an
order a restore reproduces (it writes the records in the order the export lists
them). :func:`ordered_ids` gives that order; :func:`id_columns` says which columns
of a snapshot row hold ids, and of what.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from netweave.storage import tables as t
from netweave.storage.bulk import allocate_ids
from netweave.storage.merges import row_key, snapshot_tables

WORKSPACE = "workspace"
"""What a ``workspace_id`` (or the workspace row's own id) is called in an export."""


@cache
def id_columns(table_name: str) -> dict[str, str]:
    """Column → the table its ids belong to, for a snapshot row of ``table_name``.

    ``id`` is the row's own; ``workspace_id`` (and the workspace row's ``id``) is
    :data:`WORKSPACE`.
    """
    table = t.metadata.tables[table_name]
    found: dict[str, str] = {}
    for column in table.c:
        targets = [fk.column.table.name for fk in column.foreign_keys]
        if column.name == "id" and column.primary_key:
            found["id"] = WORKSPACE if table is t.workspace else table.name
        elif targets:
            found[column.name] = WORKSPACE if targets[0] == "workspace" else targets[0]
    return found


def _order(table: Table) -> list[Any]:
    """The canonical order of ``table``'s rows: the order an export lists and a restore
    writes them (emails and phones by person and place, plan targets by event and place)."""
    if table is t.person_email or table is t.person_phone:
        return [table.c.person_id, table.c.position, table.c.id]
    if table is t.plan_target:
        return [t.event_plan.c.event_id, table.c.position, table.c.id]
    if table is t.event_plan:
        return [table.c.event_id]
    return [table.c.id]


def ordered_ids(conn: Connection, ws: int, table_name: str) -> list[int]:
    """The ids of the workspace's rows of ``table_name``, in canonical order."""
    table = t.metadata.tables[table_name]
    query = select(table.c.id).where(table.c.workspace_id == ws)
    if table is t.plan_target:
        query = query.join(t.event_plan, t.event_plan.c.id == table.c.plan_id)
    return [int(row.id) for row in conn.execute(query.order_by(*_order(table)))]


def allocate(conn: Connection, table_name: str, count: int) -> Sequence[int]:
    """``count`` ids of ``table_name`` that no row has: for rows a merge removed, which its
    undo writes back."""
    return allocate_ids(conn, t.metadata.tables[table_name], count)


def merge_rows(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """Every merge of the workspace with its snapshot, oldest first."""
    query = (
        select(t.person_merge)
        .where(t.person_merge.c.workspace_id == ws)
        .order_by(t.person_merge.c.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def insert_merge_row(conn: Connection, ws: int, values: dict[str, Any]) -> None:
    """A merge as an export gave it (ids already those of this database)."""
    conn.execute(insert(t.person_merge).values(workspace_id=ws, **values))


__all__ = [
    "WORKSPACE",
    "allocate",
    "id_columns",
    "insert_merge_row",
    "merge_rows",
    "ordered_ids",
    "row_key",
    "snapshot_tables",
]
