"""Rows of card_waiting: card photos received and read, waiting to be confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from netweave.domain.base import storable_id
from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class WaitingRow:
    id: int
    reading: dict[str, Any]
    known_person_id: int | None
    known_name: str | None
    received_at: datetime
    size: int


def insert_card(
    conn: Connection,
    ws: int,
    content: bytes,
    media_type: str,
    reading: dict[str, Any],
    known_person_id: int | None,
    received_at: datetime,
) -> int:
    row = {
        "workspace_id": ws,
        "content": content,
        "media_type": media_type,
        "reading": reading,
        "known_person_id": known_person_id,
        "received_at": received_at,
    }
    result = conn.execute(insert(t.card_waiting).values(row).returning(t.card_waiting.c.id))
    return int(result.scalar_one())


def _listing(ws: int) -> Any:
    c, p = t.card_waiting, t.person
    return (
        select(
            c.c.id,
            c.c.reading,
            c.c.known_person_id,
            p.c.name,
            c.c.received_at,
            func.length(c.c.content),
        )
        .select_from(c.outerjoin(p, p.c.id == c.c.known_person_id))
        .where(c.c.workspace_id == ws)
    )


def _row(r: Any) -> WaitingRow:
    return WaitingRow(r[0], dict(r[1]), r[2], r[3], r[4], int(r[5]))


def waiting_cards(conn: Connection, ws: int) -> list[WaitingRow]:
    """The cards waiting, oldest first, without their photos."""
    c = t.card_waiting
    rows = conn.execute(_listing(ws).order_by(c.c.received_at, c.c.id))
    return [_row(r) for r in rows]


def waiting_card(conn: Connection, ws: int, card_id: int) -> WaitingRow | None:
    if not storable_id(card_id):
        return None
    row = conn.execute(_listing(ws).where(t.card_waiting.c.id == card_id)).first()
    return None if row is None else _row(row)


def count_waiting(conn: Connection, ws: int) -> int:
    c = t.card_waiting
    return int(conn.execute(select(func.count()).where(c.c.workspace_id == ws)).scalar_one())


def card_content(conn: Connection, ws: int, card_id: int) -> tuple[bytes, str] | None:
    """(bytes, media type) of a waiting card's photo, or None."""
    if not storable_id(card_id):
        return None
    c = t.card_waiting
    row = conn.execute(
        select(c.c.content, c.c.media_type).where(c.c.workspace_id == ws, c.c.id == card_id)
    ).first()
    return None if row is None else (bytes(row[0]), row[1])


def delete_card(conn: Connection, ws: int, card_id: int) -> bool:
    c = t.card_waiting
    result = conn.execute(delete(c).where(c.c.workspace_id == ws, c.c.id == card_id))
    return result.rowcount > 0
