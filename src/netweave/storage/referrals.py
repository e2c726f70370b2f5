"""Referrals and their status history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, or_, select, update

from netweave.domain import Referral, ReferralDraft, StatusChange
from netweave.domain.base import storable_id, with_id
from netweave.domain.categories import category_key
from netweave.storage import tables as t
from netweave.storage.rows import insert_row, to_record, update_row


def insert_referral(conn: Connection, ws: int, referral: ReferralDraft) -> Referral:
    row_id = insert_row(conn, t.referral, ws, referral)
    if referral.history:
        conn.execute(
            insert(t.referral_status),
            [
                {
                    "workspace_id": ws,
                    "referral_id": row_id,
                    "status": change.status.value,
                    "changed_at": change.changed_at,
                }
                for change in referral.history
            ],
        )
    return with_id(Referral, referral, row_id)


def update_referral(
    conn: Connection, ws: int, referral: Referral, new: StatusChange | None
) -> None:
    """Save the referral's fields; ``new`` is a status change to append to its history."""
    update_row(conn, t.referral, ws, referral.id, referral)
    if new is not None:
        conn.execute(
            insert(t.referral_status).values(
                workspace_id=ws,
                referral_id=referral.id,
                status=new.status.value,
                changed_at=new.changed_at,
            )
        )


def name_prospect(conn: Connection, ws: int, person_id: int, name: str) -> None:
    """Name the prospect in words on referrals that point at ``person_id`` and name no one.

    Called before the person is removed, so that each referral still says who the lead was.
    """
    conn.execute(
        update(t.referral)
        .where(
            t.referral.c.workspace_id == ws,
            t.referral.c.prospect_id == person_id,
            t.referral.c.prospect_name.is_(None),
        )
        .values(prospect_name=name)
    )


def assemble(conn: Connection, rows: Sequence[Row[Any]]) -> list[Referral]:
    """Referrals from their rows, each with its status history (one more query)."""
    ids = [row.id for row in rows]
    history: dict[int, list[StatusChange]] = defaultdict(list)
    for start in range(0, len(ids), 10_000):
        for r in conn.execute(
            select(t.referral_status)
            .where(t.referral_status.c.referral_id.in_(ids[start : start + 10_000]))
            .order_by(t.referral_status.c.referral_id, t.referral_status.c.id)
        ):
            history[r.referral_id].append(StatusChange(status=r.status, changed_at=r.changed_at))
    return [to_record(Referral, row, history=history[row.id]) for row in rows]


def get_referral(conn: Connection, ws: int, referral_id: int) -> Referral | None:
    if not storable_id(referral_id):
        return None
    rows = conn.execute(
        select(t.referral).where(t.referral.c.workspace_id == ws, t.referral.c.id == referral_id)
    ).all()
    found = assemble(conn, rows)
    return found[0] if found else None


def referrals_query(
    ws: int,
    *,
    person_id: int | None = None,
    category: str | None = None,
    status: str | None = None,
) -> Select[Any]:
    """The referral rows that pass the filters, newest first (to list or to page)."""
    query = select(t.referral).where(t.referral.c.workspace_id == ws)
    if person_id is not None:
        query = query.where(
            or_(t.referral.c.giver_id == person_id, t.referral.c.receiver_id == person_id)
        )
    if category is not None:
        query = query.where(t.referral.c.category_key == category_key(category))
    if status is not None:
        query = query.where(t.referral.c.status == status)
    return query.order_by(t.referral.c.given_at.desc(), t.referral.c.id)


def list_referrals(
    conn: Connection,
    ws: int,
    *,
    person_id: int | None = None,
    category: str | None = None,
    status: str | None = None,
) -> list[Referral]:
    query = referrals_query(ws, person_id=person_id, category=category, status=status)
    return assemble(conn, conn.execute(query).all())


__all__ = [
    "assemble",
    "get_referral",
    "insert_referral",
    "list_referrals",
    "name_prospect",
    "referrals_query",
    "update_referral",
]
