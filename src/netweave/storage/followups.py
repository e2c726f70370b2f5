"""Follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, case, func, select

from netweave.domain import FollowUp, FollowUpDraft
from netweave.storage import tables as t
from netweave.storage.rows import fetch_row, insert_row, to_record, with_id


def insert_follow_up(conn: Connection, ws: int, follow_up: FollowUpDraft) -> FollowUp:
    return with_id(FollowUp, follow_up, insert_row(conn, t.follow_up, ws, follow_up))


def get_follow_up(conn: Connection, ws: int, follow_up_id: int) -> FollowUp | None:
    row = fetch_row(conn, t.follow_up, ws, follow_up_id)
    return to_record(FollowUp, row) if row else None


def follow_ups_query(
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
    event_id: int | None = None,
) -> Select[Any]:
    """The follow-up rows that pass the filters, by due day (to list or to page)."""
    query = select(t.follow_up).where(t.follow_up.c.workspace_id == ws)
    if person_id is not None:
        query = query.where(t.follow_up.c.person_id == person_id)
    if open_only:
        query = query.where(t.follow_up.c.done_at.is_(None))
    if due_by is not None:
        query = query.where(t.follow_up.c.due_on <= due_by)
    if event_id is not None:
        query = query.where(t.follow_up.c.event_id == event_id)
    return query.order_by(t.follow_up.c.due_on, t.follow_up.c.id)


FOLLOW_UP_READS = frozenset({"follow_up"})
"""What :func:`list_follow_ups` reads: a list is kept until a follow-up is written (the
dashboard's, after a touch logged)."""


def list_follow_ups(
    conn: Connection,
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
    event_id: int | None = None,
) -> list[FollowUp]:
    query = follow_ups_query(
        ws, person_id=person_id, open_only=open_only, due_by=due_by, event_id=event_id
    )
    return [to_record(FollowUp, row) for row in conn.execute(query)]


def made_at(conn: Connection, ws: int, follow_up_ids: list[int]) -> dict[int, datetime]:
    """When each follow-up was added, as the command log has it (those it names)."""
    if not follow_up_ids:
        return {}
    log = t.command_log.c
    rows = conn.execute(
        select(log.record_id, func.min(log.done_at))
        .where(
            log.workspace_id == ws,
            log.command == "add-follow-up",
            log.record_id.in_(follow_up_ids),
        )
        .group_by(log.record_id)
    )
    return {int(record): done for record, done in rows}


def last_synced_emails(
    conn: Connection, ws: int, people: list[int], owner: int
) -> dict[int, tuple[datetime | None, datetime]]:
    """Person → (the latest synced email touch the owner started, the latest of any), for
    those of ``people`` with a synced email touch (one a mail sync logged)."""
    if not people:
        return {}
    i, p, log = t.interaction.c, t.participant.c, t.command_log.c
    rows = conn.execute(
        select(
            p.person_id,
            func.max(case((i.initiated_by_id == owner, i.occurred_at))),
            func.max(i.occurred_at),
        )
        .select_from(
            t.participant.join(t.interaction, i.id == p.interaction_id).join(
                t.command_log,
                and_(
                    log.record_id == i.id,
                    log.workspace_id == ws,
                    log.command == "log-touch",
                    log.source == "synced",
                ),
            )
        )
        .where(p.workspace_id == ws, i.kind == "email", p.person_id.in_(people))
        .group_by(p.person_id)
    )
    return {int(person): (out, last) for person, out, last in rows}


__all__ = [
    "FOLLOW_UP_READS",
    "follow_ups_query",
    "get_follow_up",
    "insert_follow_up",
    "last_synced_emails",
    "list_follow_ups",
    "made_at",
]
