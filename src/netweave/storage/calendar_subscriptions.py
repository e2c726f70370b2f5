"""Calendars subscribed to by URL: the saved rows and the status of their last fetch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from netweave.storage import tables as t

_sub = t.calendar_subscription


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    id: int
    name: str
    url: str
    created_at: datetime
    fetched_at: datetime | None
    status: str | None
    summary: str | None


def _row(row: Row[Any]) -> SubscriptionRow:
    return SubscriptionRow(
        row.id, row.name, row.url, row.created_at, row.fetched_at, row.status, row.summary
    )


def add(conn: Connection, ws: int, name: str, url: str, now: datetime) -> SubscriptionRow:
    new_id = conn.execute(
        insert(_sub)
        .values(workspace_id=ws, name=name, url=url, created_at=now)
        .returning(_sub.c.id)
    ).scalar_one()
    found = get(conn, ws, new_id)
    assert found is not None
    return found


def get(conn: Connection, ws: int, sub_id: int) -> SubscriptionRow | None:
    row = conn.execute(select(_sub).where(_sub.c.workspace_id == ws, _sub.c.id == sub_id)).first()
    return _row(row) if row is not None else None


def named(conn: Connection, ws: int, name: str) -> SubscriptionRow | None:
    row = conn.execute(select(_sub).where(_sub.c.workspace_id == ws, _sub.c.name == name)).first()
    return _row(row) if row is not None else None


def list_all(conn: Connection, ws: int) -> list[SubscriptionRow]:
    rows = conn.execute(
        select(_sub).where(_sub.c.workspace_id == ws).order_by(_sub.c.name, _sub.c.id)
    )
    return [_row(row) for row in rows]


def set_status(
    conn: Connection, ws: int, sub_id: int, *, fetched_at: datetime, status: str, summary: str
) -> None:
    conn.execute(
        update(_sub)
        .where(_sub.c.workspace_id == ws, _sub.c.id == sub_id)
        .values(fetched_at=fetched_at, status=status, summary=summary[:1000])
    )


def remove(conn: Connection, ws: int, sub_id: int) -> bool:
    done = conn.execute(delete(_sub).where(_sub.c.workspace_id == ws, _sub.c.id == sub_id))
    return bool(done.rowcount)


__all__ = ["SubscriptionRow", "add", "get", "list_all", "named", "remove", "set_status"]
