"""What spread needs: my meetings, the people I met and what followed, my follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, and_, func, or_, select, union_all

from netweave.domain.kinds import AttendanceStatus
from netweave.storage import tables as t
from netweave.storage.analytics import among
from netweave.storage.first_met import first_meetings


@dataclass(frozen=True, slots=True)
class SpreadRows:
    groups: int
    """Groups I belong to on the last day."""
    events: int
    """Events I attended in the window."""
    met: dict[int, datetime]
    """People first met at an event in the window → when (:mod:`.first_met`)."""
    touches: list[tuple[int, datetime, str, bool]]
    """(person met, when, kind, at an event) of my interactions with them in the window."""
    referrals: list[tuple[int, datetime]]
    """(person met, when) of referrals between me and them in the window."""
    follow_ups: list[tuple[date, datetime | None]]
    """(due on, done at) of my follow-ups due in the window."""


def spread_rows(
    conn: Connection,
    ws: int,
    ego: int,
    start: datetime,
    end: datetime,
    *,
    met: dict[int, datetime] | None = None,
) -> SpreadRows:
    """The counts and rows behind spread, between ``start`` and ``end``: a few set queries;
    ``met``: whom I first met in the window, when read already (:mod:`.first_met`)."""
    m, e, a = t.membership, t.event, t.attendance
    day = end.date()
    groups = conn.execute(
        select(func.count(func.distinct(m.c.group_id))).where(
            m.c.workspace_id == ws,
            m.c.person_id == ego,
            or_(m.c.joined_on.is_(None), m.c.joined_on <= day),
            or_(m.c.left_on.is_(None), m.c.left_on >= day),
        )
    ).scalar_one()
    in_window = and_(e.c.starts_at >= start, e.c.starts_at <= end)
    events = conn.execute(
        select(func.count())
        .select_from(a)
        .join(e, e.c.id == a.c.event_id)
        .where(
            a.c.workspace_id == ws,
            a.c.person_id == ego,
            a.c.status == AttendanceStatus.ATTENDED.value,
            in_window,
        )
    ).scalar_one()
    if met is None:
        met = {f.person_id: f.at for f in first_meetings(conn, ws, ego, start, end)}
    met_ids = list(met)
    return SpreadRows(
        groups=int(groups),
        events=int(events),
        met=met,
        touches=_touches(conn, ws, ego, met_ids, start, end),
        referrals=_referrals(conn, ws, ego, met_ids, start, end),
        follow_ups=[
            (due, done)
            for due, done in conn.execute(
                select(t.follow_up.c.due_on, t.follow_up.c.done_at).where(
                    t.follow_up.c.workspace_id == ws,
                    t.follow_up.c.due_on >= start.date(),
                    t.follow_up.c.due_on <= day,
                )
            )
        ],
    )


def _touches(
    conn: Connection, ws: int, ego: int, met_ids: list[int], start: datetime, end: datetime
) -> list[tuple[int, datetime, str, bool]]:
    """My interactions with each person met: the touches of our pairs (``tie_touch``, kept
    equal to the records by the triggers), found by the pair's key, not among all of mine."""
    if not met_ids:
        return []
    x, i = t.tie_touch, t.interaction
    other = (x.c.a + x.c.b - ego).label("other")
    mine_first = and_(x.c.a == ego, among(x.c.b, [p for p in met_ids if p > ego]))
    theirs_first = and_(among(x.c.a, [p for p in met_ids if p < ego]), x.c.b == ego)
    rows = conn.execute(
        union_all(
            *(
                select(other, i.c.occurred_at, i.c.kind, i.c.event_id.is_not(None))
                .select_from(x)
                .join(i, i.c.id == x.c.interaction_id)
                .where(pair, i.c.occurred_at >= start, i.c.occurred_at <= end)
                for pair in (mine_first, theirs_first)
            )
        )
    )
    return [(pid, at, kind, bool(at_event)) for pid, at, kind, at_event in rows]


def _referrals(
    conn: Connection, ws: int, ego: int, met_ids: list[int], start: datetime, end: datetime
) -> list[tuple[int, datetime]]:
    r = t.referral
    other = r.c.giver_id + r.c.receiver_id - ego
    rows = conn.execute(
        select(other, r.c.given_at).where(
            r.c.workspace_id == ws,
            or_(r.c.giver_id == ego, r.c.receiver_id == ego),
            other.in_(met_ids),
            r.c.given_at >= start,
            r.c.given_at <= end,
        )
    )
    return [(pid, at) for pid, at in rows]


__all__ = ["SpreadRows", "spread_rows"]
