"""Set-based counts over a workspace: how much of everything there is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, distinct, func, select

from netweave.storage import tables as t

_COUNTED: dict[str, Table] = {
    "people": t.person,
    "groups": t.group,
    "memberships": t.membership,
    "events": t.event,
    "interactions": t.interaction,
    "referrals": t.referral,
    "asks": t.ask,
    "follow-ups": t.follow_up,
}


COUNTED_TABLES: dict[str, str] = {name: table.name for name, table in _COUNTED.items()}
"""What :func:`record_counts` counts (as the overview names it) → the table it counts."""


@dataclass(frozen=True)
class Counted:
    """Record counts, and the highest row id of each counted table when they were made."""

    counts: Mapping[str, int]
    marks: Mapping[str, int]


def grows_by_id(conn: Connection) -> bool:
    """Whether rows added later have higher ids than every row seen now: SQLite (one
    writer at a time; a new row's id is above the highest), not PostgreSQL (a sequence's
    ids may commit out of order)."""
    return conn.dialect.name == "sqlite"


def record_counts(conn: Connection, ws: int, before: Counted | None = None) -> Counted:
    """How many records of each kind the workspace holds (one query). ``before``: the
    counts made earlier, when every write since only added rows (see
    :mod:`netweave.services.keeping`): the rows above its marks are counted into it."""
    if before is not None and not grows_by_id(conn):
        before = None
    columns = []
    for name, table in _COUNTED.items():
        where = [table.c.workspace_id == ws]
        if before is not None:
            where.append(table.c.id > before.marks[name])
        columns.append(select(func.count()).select_from(table).where(*where).scalar_subquery())
        columns.append(select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery())
    row = conn.execute(select(*columns)).one()
    counts = {name: int(n) for name, n in zip(_COUNTED, row[0::2], strict=True)}
    if before is not None:
        counts = {name: before.counts[name] + n for name, n in counts.items()}
    return Counted(counts, {name: int(m) for name, m in zip(_COUNTED, row[1::2], strict=True)})


def group_activity(conn: Connection, ws: int, since: datetime) -> list[dict[str, Any]]:
    """Per group: current members, events since ``since`` and referrals among its members."""
    current = (
        select(t.membership.c.group_id, func.count(distinct(t.membership.c.person_id)).label("n"))
        .where(t.membership.c.workspace_id == ws, t.membership.c.left_on.is_(None))
        .group_by(t.membership.c.group_id)
        .subquery()
    )
    events = (
        select(t.event.c.group_id, func.count().label("n"))
        .where(t.event.c.workspace_id == ws, t.event.c.starts_at >= since)
        .group_by(t.event.c.group_id)
        .subquery()
    )
    query = (
        select(
            t.group.c.id,
            t.group.c.name,
            t.group.c.kind,
            t.group.c.dues_cents,
            func.coalesce(current.c.n, 0).label("members"),
            func.coalesce(events.c.n, 0).label("events"),
        )
        .select_from(t.group)
        .outerjoin(current, current.c.group_id == t.group.c.id)
        .outerjoin(events, events.c.group_id == t.group.c.id)
        .where(t.group.c.workspace_id == ws)
        .order_by(t.group.c.name)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def busiest_contacts(
    conn: Connection, ws: int, person_id: int, since: datetime, limit: int
) -> list[tuple[int, int]]:
    """(person id, interactions with ``person_id`` since ``since``), most first."""
    mine = select(t.participant.c.interaction_id).where(t.participant.c.person_id == person_id)
    query = (
        select(t.participant.c.person_id, func.count().label("n"))
        .join(t.interaction, t.interaction.c.id == t.participant.c.interaction_id)
        .where(
            t.participant.c.workspace_id == ws,
            t.participant.c.interaction_id.in_(mine),
            t.participant.c.person_id != person_id,
            t.interaction.c.occurred_at >= since,
        )
        .group_by(t.participant.c.person_id)
        .order_by(func.count().desc(), t.participant.c.person_id)
        .limit(limit)
    )
    return [(row.person_id, int(row.n)) for row in conn.execute(query)]


__all__ = [
    "COUNTED_TABLES",
    "Counted",
    "busiest_contacts",
    "group_activity",
    "grows_by_id",
    "record_counts",
]
