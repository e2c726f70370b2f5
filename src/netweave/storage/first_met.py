"""Whom I met for the first time at an event: the one rule that spread and group return share.

A person marked *met* at an event (attendance with ``met``) is newly met there only when
nothing shows that we had met before it: no earlier event where they were marked met, no
interaction of mine with them before the event starts (one logged as part of the same
event does not count), and no "met on" day before the event's day in the workspace's
time zone (the day an import or a debrief records). docs/analytics.md gives the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, case, exists, or_, select

from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class FirstMeeting:
    person_id: int
    event_id: int
    group_id: int | None
    at: datetime
    """When the event started."""


def first_meetings(
    conn: Connection, ws: int, ego: int, start: datetime, end: datetime
) -> list[FirstMeeting]:
    """People ``ego`` first met at an event starting between ``start`` and ``end``: one query."""
    a, e, p, w = t.attendance, t.event, t.person, t.workspace
    before_a, before_e = t.attendance.alias("met_before"), t.event.alias("event_before")
    met_before = (
        exists()
        .where(
            before_a.c.person_id == a.c.person_id,
            before_a.c.workspace_id == ws,
            before_a.c.met.is_(True),
            before_e.c.id == before_a.c.event_id,
            before_e.c.starts_at < e.c.starts_at,
        )
        .correlate(a, e)
    )
    # My touches with them: our pair's rows of ``tie_touch`` (kept equal to the records by
    # the triggers), found by the pair's key, not among every interaction of mine.
    x, i = t.tie_touch, t.interaction
    touched_before = (
        exists()
        .where(
            x.c.a == case((a.c.person_id > ego, ego), else_=a.c.person_id),
            x.c.b == case((a.c.person_id > ego, a.c.person_id), else_=ego),
            i.c.id == x.c.interaction_id,
            i.c.occurred_at < e.c.starts_at,
            or_(i.c.event_id.is_(None), i.c.event_id != e.c.id),
        )
        .correlate(a, e)
    )
    rows = conn.execute(
        select(a.c.person_id, e.c.id, e.c.group_id, e.c.starts_at, p.c.met_on, w.c.time_zone)
        .join(e, e.c.id == a.c.event_id)
        .join(p, p.c.id == a.c.person_id)
        .join(w, w.c.id == a.c.workspace_id)
        .where(
            a.c.workspace_id == ws,
            a.c.met.is_(True),
            a.c.person_id != ego,
            e.c.starts_at >= start,
            e.c.starts_at <= end,
            ~met_before,
            ~touched_before,
        )
        .order_by(e.c.starts_at, e.c.id)
    )
    found: dict[int, FirstMeeting] = {}
    for person, event_id, group_id, at, met_on, zone in rows:
        # "Met on" is a day: compared, in Python, with the event's day where I live.
        known = met_on is not None and met_on < at.astimezone(ZoneInfo(zone)).date()
        if person in found or known:
            continue
        found[person] = FirstMeeting(person, event_id, group_id, at)
    return list(found.values())


__all__ = ["FirstMeeting", "first_meetings"]
