"""The calendar feed: events with a plan, and open follow-ups, as an iCalendar file."""

from __future__ import annotations

from datetime import datetime, timedelta

from netweave.planning.calendar import calendar_feed
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import plans as plans_db
from netweave.storage import workspaces as workspaces_db

PAST_DAYS = 90
"""Planned events this far back stay in the feed (a client keeps what it showed)."""


def calendar(store: Store, ws: int, now: datetime) -> bytes:
    """The feed as of ``now``: planned events since 90 days ago, every open follow-up."""
    with store.transaction() as conn:
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        events = events_db.list_events(conn, ws, since=now - timedelta(days=PAST_DAYS))
        plans = plans_db.plans_of(conn, ws, [e.id for e in events])
        planned = [e for e in events if e.id in plans]
        follow_ups = followups_db.list_follow_ups(conn, ws, open_only=True)
        people = [t.person_id for p in plans.values() for t in p.targets]
        names = analytics_db.names(conn, ws, people + [f.person_id for f in follow_ups])
    name = workspace.name if workspace else "netweave"
    return calendar_feed(ws, name, planned, plans, follow_ups, names, now)


__all__ = ["PAST_DAYS", "calendar"]
