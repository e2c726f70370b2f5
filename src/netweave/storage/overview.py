"""Set-based counts over a workspace: how much of everything there is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Integer, Table, distinct, func, literal_column, select

from netweave.storage import tables as t
from netweave.storage.growth import among_added, grows_by_id, participant_mark

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


@dataclass(frozen=True)
class ContactCounts:
    """Interactions with each contact of a person since a moment, and the highest
    participant row (SQLite) when they were counted."""

    counts: Mapping[int, int]
    mark: int


def contact_counts(
    conn: Connection,
    ws: int,
    person_id: int,
    since: datetime,
    before: ContactCounts | None = None,
) -> ContactCounts:
    """Per contact, the interactions with ``person_id`` since ``since``. ``before``: the
    counts made earlier, when every write since only added rows (see
    :mod:`netweave.services.keeping`): the pairs with a participant added since (SQLite's
    rows above its mark) are counted into it."""
    if before is not None and not grows_by_id(conn):
        before = None
    me, other = t.participant.alias("me"), t.participant.alias("other")
    me_row = literal_column("me.rowid", Integer)
    other_row = literal_column("other.rowid", Integer)

    grows = grows_by_id(conn)

    def pairs(*where: Any) -> Any:
        mark = [participant_mark().label("mark")] if grows else []
        return (
            select(other.c.person_id, func.count().label("n"), *mark)
            .select_from(other)
            .join(me, me.c.interaction_id == other.c.interaction_id)
            .join(t.interaction, t.interaction.c.id == other.c.interaction_id)
            .where(
                other.c.workspace_id == ws,
                me.c.person_id == person_id,
                other.c.person_id != person_id,
                t.interaction.c.occurred_at >= since,
                *where,
            )
            .group_by(other.c.person_id)
        )

    counts: dict[int, int] = {}
    if before is None:
        found = list(conn.execute(pairs()))
    else:
        counts = dict(before.counts)
        new = among_added(other.c.interaction_id, before.mark)
        added = pairs(new, other_row > before.mark).union_all(
            pairs(new, me_row > before.mark, other_row <= before.mark)
        )
        found = list(conn.execute(added))
    for row in found:
        counts[row[0]] = counts.get(row[0], 0) + int(row[1])
    # The mark is read with the counts (one statement, one moment). With no contact found
    # the mark before still holds (the next read looks above it again); with none before,
    # the next read counts afresh.
    mark = 0
    if grows:
        mark = int(found[0][2]) if found else (before.mark if before is not None else 0)
    return ContactCounts(counts, mark)


def busiest(counts: ContactCounts, limit: int) -> list[tuple[int, int]]:
    """(person id, interactions) of the ``limit`` contacts with the most, most first (then
    by id)."""
    ranked = sorted(counts.counts.items(), key=lambda found: (-found[1], found[0]))
    return ranked[:limit]


__all__ = [
    "COUNTED_TABLES",
    "ContactCounts",
    "Counted",
    "busiest",
    "contact_counts",
    "group_activity",
    "record_counts",
]
