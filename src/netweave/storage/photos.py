"""Rows of person_photo: a person's kept photos (the card they were added from)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select

from netweave.domain.base import storable_id
from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    id: int
    person_id: int
    media_type: str
    taken_at: datetime
    size: int


def insert_photo(
    conn: Connection, ws: int, person_id: int, content: bytes, media_type: str, taken_at: datetime
) -> int:
    row = {
        "workspace_id": ws,
        "person_id": person_id,
        "content": content,
        "media_type": media_type,
        "taken_at": taken_at,
    }
    result = conn.execute(insert(t.person_photo).values(row).returning(t.person_photo.c.id))
    return int(result.scalar_one())


def photos_of(conn: Connection, ws: int, person_id: int) -> list[PhotoInfo]:
    """The person's photos, newest first, without their bytes."""
    p = t.person_photo
    rows = conn.execute(
        select(p.c.id, p.c.person_id, p.c.media_type, p.c.taken_at, func.length(p.c.content))
        .where(p.c.workspace_id == ws, p.c.person_id == person_id)
        .order_by(p.c.taken_at.desc(), p.c.id.desc())
    )
    return [PhotoInfo(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]


def photo_content(conn: Connection, ws: int, photo_id: int) -> tuple[int, bytes, str] | None:
    """(person id, bytes, media type) of a photo, or None."""
    if not storable_id(photo_id):
        return None
    p = t.person_photo
    row = conn.execute(
        select(p.c.person_id, p.c.content, p.c.media_type).where(
            p.c.workspace_id == ws, p.c.id == photo_id
        )
    ).first()
    return None if row is None else (row[0], bytes(row[1]), row[2])


def delete_photo(conn: Connection, ws: int, photo_id: int) -> bool:
    p = t.person_photo
    result = conn.execute(delete(p).where(p.c.workspace_id == ws, p.c.id == photo_id))
    return result.rowcount > 0
