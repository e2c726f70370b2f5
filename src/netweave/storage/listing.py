"""Read-side queries for screens: pages of referrals, asks, follow-ups, groups and members
with their totals, names, a person's events and touches over time, counts.

Each function is one or two set-based queries, whatever the page size, so that
a page of fifty records never turns into fifty queries. Pages of people are in
storage/people_listing.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Integer, Row, Select, and_, case, func, literal_column, select

from netweave.domain import Ask, FollowUp, Group, Membership, Person, Referral
from netweave.domain.base import storable_id
from netweave.storage import asks as asks_db
from netweave.storage import followups as followups_db
from netweave.storage import referrals as referrals_db
from netweave.storage import tables as t
from netweave.storage.growth import among_added, grows_by_id, participant_mark
from netweave.storage.people import get_people
from netweave.storage.rows import to_record


def referral_totals(conn: Connection, ws: int) -> dict[str, tuple[int, int]]:
    """Status → (how many referrals, value of the closed business in minor units)."""
    r = t.referral
    rows = conn.execute(
        select(r.c.status, func.count(), func.coalesce(func.sum(r.c.value_cents), 0))
        .where(r.c.workspace_id == ws)
        .group_by(r.c.status)
    )
    return {status: (int(count), int(value)) for status, count, value in rows}


def referral_balance(
    conn: Connection, ws: int, owner_id: int, *, limit: int
) -> list[tuple[int, str, int, int]]:
    """(person, name, referrals the owner gave them, ones they gave the owner), busiest first."""
    r = t.referral
    mine = r.c.workspace_id == ws
    flows = (
        select(
            r.c.receiver_id.label("other"), func.count().label("given"), func.sum(0).label("got")
        )
        .where(mine, r.c.giver_id == owner_id, r.c.receiver_id != owner_id)
        .group_by(r.c.receiver_id)
        .union_all(
            select(r.c.giver_id, func.sum(0), func.count())
            .where(mine, r.c.receiver_id == owner_id, r.c.giver_id != owner_id)
            .group_by(r.c.giver_id)
        )
        .subquery()
    )
    given, got = func.sum(flows.c.given), func.sum(flows.c.got)
    query = (
        select(flows.c.other, t.person.c.name, given, got)
        .join(t.person, and_(t.person.c.id == flows.c.other, t.person.c.workspace_id == ws))
        .group_by(flows.c.other, t.person.c.name)
        .order_by((given + got).desc(), t.person.c.name)
        .limit(limit)
    )
    return [(int(i), name, int(a), int(b)) for i, name, a, b in conn.execute(query)]


def page_rows(
    conn: Connection, query: Select[Any], *, limit: int, offset: int
) -> tuple[Sequence[Row[Any]], int]:
    """One page of ``query``'s rows and how many rows it has in all: two queries."""
    total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery()))
    counted = int(total.scalar_one())  # read now: an unread result holds its statement open
    rows = conn.execute(query.limit(limit).offset(offset)).all()
    return rows, counted


def referrals_page(
    conn: Connection, ws: int, *, limit: int, offset: int, **filters: Any
) -> tuple[list[Referral], int]:
    """A page of referrals (filters of :func:`referrals_query`) and the total: three queries."""
    query = referrals_db.referrals_query(ws, **filters)
    rows, total = page_rows(conn, query, limit=limit, offset=offset)
    return referrals_db.assemble(conn, rows), total


def referral_board(
    conn: Connection, ws: int, *, per_status: int
) -> tuple[list[Referral], dict[str, int]]:
    """The newest ``per_status`` referrals of each status, and how many each status holds:
    two queries, whatever the number of referrals."""
    r = t.referral
    newest_first = (r.c.given_at.desc(), r.c.id)
    ranked = (
        select(
            r,
            func.row_number().over(partition_by=r.c.status, order_by=newest_first).label("rank"),
            func.count().over(partition_by=r.c.status).label("in_status"),
        )
        .where(r.c.workspace_id == ws)
        .subquery()
    )
    rows = conn.execute(
        select(ranked).where(ranked.c.rank <= per_status).order_by(ranked.c.status, ranked.c.rank)
    ).all()
    counts = {row.status: int(row.in_status) for row in rows}
    return referrals_db.assemble(conn, rows), counts


def referral_status_page(
    conn: Connection, ws: int, status: str, *, limit: int, offset: int
) -> tuple[list[Referral], dict[str, int]]:
    """A page of one status's referrals and how many each status holds (which counts the
    page's status too): three queries."""
    query = referrals_db.referrals_query(ws, status=status).limit(limit).offset(offset)
    return referrals_db.assemble(conn, conn.execute(query).all()), referral_counts(conn, ws)


def referral_counts(conn: Connection, ws: int) -> dict[str, int]:
    """How many referrals each status holds (statuses with none are left out)."""
    r = t.referral
    query = select(r.c.status, func.count()).where(r.c.workspace_id == ws).group_by(r.c.status)
    return {status: int(n) for status, n in conn.execute(query)}


def asks_page(
    conn: Connection, ws: int, *, limit: int, offset: int, **filters: Any
) -> tuple[list[Ask], int]:
    rows, total = page_rows(conn, asks_db.asks_query(ws, **filters), limit=limit, offset=offset)
    return [to_record(Ask, row) for row in rows], total


def follow_ups_page(
    conn: Connection, ws: int, *, limit: int, offset: int, **filters: Any
) -> tuple[list[FollowUp], int]:
    query = followups_db.follow_ups_query(ws, **filters)
    rows, total = page_rows(conn, query, limit=limit, offset=offset)
    return [to_record(FollowUp, row) for row in rows], total


def members_page(
    conn: Connection, ws: int, *, group_id: int, limit: int, offset: int
) -> tuple[list[tuple[Membership, Person]], int]:
    """A page of a group's memberships (in the order recorded) with their people, and the total
    (that the group is there is the service's check: services.refs.require_filtered)."""
    m = t.membership
    query = select(m).where(m.c.workspace_id == ws, m.c.group_id == group_id).order_by(m.c.id)
    rows, total = page_rows(conn, query, limit=limit, offset=offset)
    found = [to_record(Membership, row) for row in rows]
    people = {p.id: p for p in get_people(conn, ws, [f.person_id for f in found])}
    return [(f, people[f.person_id]) for f in found], total


def groups_page(conn: Connection, ws: int, *, limit: int, offset: int) -> tuple[list[Group], int]:
    """Groups in the order they were added."""
    query = select(t.group).where(t.group.c.workspace_id == ws).order_by(t.group.c.id)
    rows, total = page_rows(conn, query, limit=limit, offset=offset)
    return [to_record(Group, row) for row in rows], total


def touches_in_periods(
    conn: Connection,
    ws: int,
    person_id: int,
    bounds: Sequence[datetime],
    before: PeriodCounts | None = None,
) -> PeriodCounts:
    """Interactions of ``person_id`` between each pair of consecutive ``bounds``, in one scan.
    ``before``: the counts made earlier over the same bounds, when every write since only
    added rows (:mod:`netweave.services.keeping`): the participants added since (SQLite's
    rows above its mark) are counted into it."""
    if before is not None and not grows_by_id(conn):
        before = None
    occurred = t.interaction.c.occurred_at
    columns = [
        func.coalesce(func.sum(case((and_(occurred >= start, occurred < end), 1), else_=0)), 0)
        for start, end in itertools.pairwise(bounds)
    ]
    where = [
        t.participant.c.workspace_id == ws,
        t.participant.c.person_id == person_id,
        occurred >= bounds[0],
        occurred < bounds[-1],
    ]
    row_id = literal_column("interaction_participant.rowid", Integer)
    if before is not None:
        where += [row_id > before.mark, among_added(t.participant.c.interaction_id, before.mark)]
    if grows_by_id(conn):  # the highest participant row, read with the counts
        columns.append(participant_mark())
    row = conn.execute(
        select(*columns)
        .select_from(t.participant)
        .join(t.interaction, t.interaction.c.id == t.participant.c.interaction_id)
        .where(*where)
    ).one()
    counts = tuple(int(n) for n in row[: len(bounds) - 1])
    if before is not None:
        counts = tuple(a + b for a, b in zip(before.counts, counts, strict=True))
    mark = int(row[-1]) if grows_by_id(conn) else 0
    return PeriodCounts(counts, mark)


@dataclass(frozen=True)
class PeriodCounts:
    """Counts per period, and the highest participant row (SQLite) when they were made."""

    counts: tuple[int, ...]
    mark: int


def events_attended(
    conn: Connection, ws: int, person_id: int, limit: int
) -> list[tuple[int, str, datetime, bool]]:
    """(event id, name, start, met) of the events a person attended, newest first."""
    query = (
        select(t.event.c.id, t.event.c.name, t.event.c.starts_at, t.attendance.c.met)
        .join(t.attendance, t.attendance.c.event_id == t.event.c.id)
        .where(t.attendance.c.workspace_id == ws, t.attendance.c.person_id == person_id)
        .order_by(t.event.c.starts_at.desc())
        .limit(limit)
    )
    return [(row.id, row.name, row.starts_at, bool(row.met)) for row in conn.execute(query)]


def count_interactions(conn: Connection, ws: int, person_id: int | None = None) -> int:
    query = (
        select(func.count()).select_from(t.interaction).where(t.interaction.c.workspace_id == ws)
    )
    if person_id is not None:
        query = query.where(
            t.interaction.c.id.in_(
                select(t.participant.c.interaction_id).where(t.participant.c.person_id == person_id)
            )
        )
    return int(conn.execute(query).scalar_one())


def event_counts(conn: Connection, ws: int, event_ids: Sequence[int]) -> dict[int, int]:
    """How many people attended each of these events."""
    ids = sorted({i for i in event_ids if storable_id(i)})
    if not ids:
        return {}
    query = (
        select(t.attendance.c.event_id, func.count().label("n"))
        .where(t.attendance.c.workspace_id == ws, t.attendance.c.event_id.in_(ids))
        .group_by(t.attendance.c.event_id)
    )
    return {row.event_id: int(row.n) for row in conn.execute(query)}


__all__ = [
    "PeriodCounts",
    "asks_page",
    "count_interactions",
    "event_counts",
    "events_attended",
    "follow_ups_page",
    "groups_page",
    "members_page",
    "page_rows",
    "referral_balance",
    "referral_board",
    "referral_counts",
    "referral_status_page",
    "referral_totals",
    "referrals_page",
    "touches_in_periods",
]
