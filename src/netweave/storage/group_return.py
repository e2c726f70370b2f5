"""What group return needs from the database: my groups, their meetings, what came from
their members, and the members' profiles; a fixed number of set-based queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from netweave.domain.kinds import AttendanceStatus
from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class GroupRow:
    group_id: int
    name: str
    kind: str
    purpose: str
    dues_cents: int
    hours_per_meeting: float
    role: str
    joined_on: date | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    group_id: int
    starts_at: datetime
    hours: float | None
    cost_cents: int
    attended: bool


@dataclass(frozen=True, slots=True)
class ExchangeRow:
    """A referral between me and a member of one of my groups (``group_id``)."""

    referral_id: int
    group_id: int
    to_me: bool
    given_at: datetime
    status: str
    value_cents: int | None


@dataclass(frozen=True, slots=True)
class MemberRow:
    group_id: int
    person_id: int
    category: str | None
    title: str | None
    location: str | None
    company: str | None


@dataclass(frozen=True, slots=True)
class GroupActivity:
    groups: list[GroupRow]
    meetings: list[MeetingRow]
    exchanges: list[ExchangeRow]
    met: list[tuple[int, int, datetime]]
    """(group, person, when) for everyone I first met at a meeting of the group (in the
    window, and never before: :mod:`.first_met`)."""
    members: list[MemberRow]
    """Members of each group on the last day (me excluded)."""


def _active(start: date, end: date) -> ColumnElement[bool]:
    """Memberships that overlap the days ``start`` to ``end``."""
    c = t.membership.c
    return and_(
        or_(c.joined_on.is_(None), c.joined_on <= end), or_(c.left_on.is_(None), c.left_on >= start)
    )


def _member_on(day: date, joined: date | None, left: date | None) -> bool:
    return (joined is None or joined <= day) and (left is None or day <= left)


RECORD_READS = frozenset(
    {"membership", "network_group", "event", "attendance", "referral", "person"}
)
"""What :func:`group_records` reads: a touch logged reaches none of it."""
MET_READS = frozenset({"attendance", "event", "person", "interaction", "interaction_participant"})
"""What :func:`netweave.storage.first_met.first_meetings` reads (the workspace's time zone too)."""


def group_records(
    conn: Connection, ws: int, ego: int, start: datetime, end: datetime
) -> GroupActivity:
    """What a group's return is read from but whom I first met (``met`` empty; services/
    group_return.first_met_in gives it): my groups, their meetings,
    the referrals exchanged in them, their members."""
    m, g, e, a = t.membership, t.group, t.event, t.attendance
    mine = [
        GroupRow(*row)
        for row in conn.execute(
            select(
                g.c.id,
                g.c.name,
                g.c.kind,
                g.c.purpose,
                g.c.dues_cents,
                g.c.hours_per_meeting,
                m.c.role,
                m.c.joined_on,
                m.c.left_on,
            )
            .join(m, m.c.group_id == g.c.id)
            .where(
                m.c.workspace_id == ws,
                m.c.person_id == ego,
                _active(start.date(), end.date()),
            )
            .order_by(g.c.name, m.c.joined_on)
        )
    ]
    ids = sorted({row.group_id for row in mine})
    if not ids:
        return GroupActivity([], [], [], [], [])
    window = and_(e.c.workspace_id == ws, e.c.group_id.in_(ids), e.c.starts_at >= start)
    window = and_(window, e.c.starts_at <= end)
    mine_at = a.alias("mine")
    meetings = [
        MeetingRow(
            group_id,
            starts,
            (ends - starts).total_seconds() / 3600 if ends else None,
            cost,
            status == AttendanceStatus.ATTENDED.value,
        )
        for group_id, starts, ends, cost, status in conn.execute(
            select(e.c.group_id, e.c.starts_at, e.c.ends_at, e.c.cost_cents, mine_at.c.status)
            .outerjoin(mine_at, and_(mine_at.c.event_id == e.c.id, mine_at.c.person_id == ego))
            .where(window)
        )
    ]
    exchanges = _exchanges(conn, ws, ego, ids, start, end)
    return GroupActivity(mine, meetings, exchanges, [], _members(conn, ws, ego, ids, end))


def _exchanges(
    conn: Connection, ws: int, ego: int, ids: list[int], start: datetime, end: datetime
) -> list[ExchangeRow]:
    r, m = t.referral, t.membership
    other = r.c.giver_id + r.c.receiver_id - ego
    query = (
        select(
            r.c.id,
            m.c.group_id,
            r.c.receiver_id == ego,
            r.c.given_at,
            r.c.status,
            r.c.value_cents,
            m.c.joined_on,
            m.c.left_on,
        )
        .join(m, and_(m.c.person_id == other, m.c.workspace_id == ws))
        .where(
            r.c.workspace_id == ws,
            or_(r.c.giver_id == ego, r.c.receiver_id == ego),
            r.c.given_at >= start,
            r.c.given_at <= end,
            m.c.group_id.in_(ids),
        )
    )
    found: dict[tuple[int, int], ExchangeRow] = {}
    for ref, group_id, to_me, given_at, status, value, joined, left in conn.execute(query):
        # Membership days against the moment it was given, in Python: portable.
        if _member_on(given_at.date(), joined, left):
            found.setdefault(
                (ref, group_id), ExchangeRow(ref, group_id, bool(to_me), given_at, status, value)
            )
    return list(found.values())


def _members(conn: Connection, ws: int, ego: int, ids: list[int], end: datetime) -> list[MemberRow]:
    m, p = t.membership, t.person
    rows = conn.execute(
        select(
            m.c.group_id,
            p.c.id,
            p.c.category,
            p.c.title,
            p.c.location,
            p.c.company,
        )
        .join(p, p.c.id == m.c.person_id)
        .where(
            m.c.workspace_id == ws,
            m.c.group_id.in_(ids),
            m.c.person_id != ego,
            _active(end.date(), end.date()),
        )
    )
    seen: dict[tuple[int, int], MemberRow] = {}
    for group_id, pid, category, title, location, company in rows:
        seen[(group_id, pid)] = MemberRow(group_id, pid, category, title, location, company)
    return list(seen.values())


__all__ = [
    "MET_READS",
    "RECORD_READS",
    "ExchangeRow",
    "GroupActivity",
    "GroupRow",
    "MeetingRow",
    "MemberRow",
    "group_records",
]
